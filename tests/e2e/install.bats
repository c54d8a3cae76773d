#!/usr/bin/env bats
# `cmake --install` puts the program, its man pages and its shell completions
# where each is looked for (RRM_BUILD: the build folder; RRM_CMAKE: cmake).

load helpers

@test "cmake --install: the program, the man pages, the completions" {
  : "${RRM_BUILD:?set RRM_BUILD to the build folder}"
  run "${RRM_CMAKE:-cmake}" --install "$RRM_BUILD" --prefix "$BATS_TEST_TMPDIR/p"
  [ "$status" -eq 0 ]
  cd "$BATS_TEST_TMPDIR/p"
  want=(bin/rrm share/man/man5/rrm.yml.5
    share/bash-completion/completions/rrm share/zsh/site-functions/_rrm
    share/fish/vendor_completions.d/rrm.fish)
  for m in "$RRM_SOURCE"/man/*.1; do want+=("share/man/man1/${m##*/}"); done
  got=$(find . -type f | sed 's|^\./||' | LC_ALL=C sort)
  expected=$(printf '%s\n' "${want[@]}" | LC_ALL=C sort)
  [ "$got" = "$expected" ] || { diff <(echo "$expected") <(echo "$got") >&2; false; }
  [ -x bin/rrm ]
  cmp share/bash-completion/completions/rrm "$RRM_SOURCE/completions/rrm.bash"
  cmp share/zsh/site-functions/_rrm "$RRM_SOURCE/completions/_rrm"
  cmp share/fish/vendor_completions.d/rrm.fish "$RRM_SOURCE/completions/rrm.fish"
}
