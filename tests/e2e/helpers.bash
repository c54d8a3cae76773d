# Shared by the bats suites: $RRM is the binary, $RRM_SOURCE the checkout.
: "${RRM:?set RRM to the rrm binary}"
: "${RRM_SOURCE:?set RRM_SOURCE to the source tree}"
export LC_ALL=C.UTF-8
unset NO_COLOR

# RRM_VALGRIND=1: every run of rrm goes through valgrind's memcheck; an error or
# a leak (definitely lost) makes it exit 99, which fails the test.
if [ -n "${RRM_VALGRIND:-}" ] && [ -z "${RRM_REAL:-}" ]; then
  export RRM_REAL="$RRM"
  RRM="${BATS_RUN_TMPDIR:-${TMPDIR:-/tmp}}/rrm-valgrind"
  printf '#!/bin/sh\nexec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-fds=no "%s" "$@"\n' "$RRM_REAL" > "$RRM"
  chmod +x "$RRM"
  export RRM
fi
