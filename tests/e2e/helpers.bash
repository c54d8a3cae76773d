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

# corpus NAME LANGUAGE: a copy of the real site NAME (../shared/corpora) in NAME-LANGUAGE,
# with its benchmark rrm.yml, checked in LANGUAGE (skips the test without the corpora)
corpus() {
  local src="$RRM_SOURCE/../shared/corpora/$1"
  [ -d "$src" ] || skip "no corpus $1 beside the checkout"
  mkdir -p "$1-$2"
  cp "$RRM_SOURCE/tests/bench/sites/$1/rrm.yml" "$1-$2/"
  sed -i "s/^language: .*/language: $2/" "$1-$2/rrm.yml"
  case $1 in
    otel) cp -r "$src/content/en" "$1-$2/content"; cp -r "$src/static" "$1-$2/static" ;;
  esac
}
