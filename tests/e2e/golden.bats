#!/usr/bin/env bats
# One golden case, named by $RRM_CASE (a folder under tests/e2e/cases):
#   cmd            the arguments to rrm, one line, split at spaces
#   expected.out   the exact standard output
#   expected.exit  the exit status
#   expected.err   optional: the exact standard error
# The case folder is copied to a temporary folder, which becomes the current
# directory, so a case is a small site of its own (rrm.yml, content/ ...).

load helpers

@test "golden case" {
  [ -n "$RRM_CASE" ] && [ -d "$RRM_CASE" ]
  work="$BATS_TEST_TMPDIR/case"
  cp -a "$RRM_CASE" "$work"
  cd "$work"
  read -r -a args < cmd
  status=0
  NO_COLOR=1 "$RRM" "${args[@]}" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" || status=$?
  diff -u expected.out "$BATS_TEST_TMPDIR/out"
  expected=$(cat expected.exit)
  if [ "$status" != "$expected" ]; then
    echo "exit status $status, expected $expected" >&2
    cat "$BATS_TEST_TMPDIR/err" >&2
    return 1
  fi
  if [ -f expected.err ]; then
    diff -u expected.err "$BATS_TEST_TMPDIR/err"
  fi
  # lint never writes: the tree is as it was
  diff -r "$RRM_CASE" "$work"
}
