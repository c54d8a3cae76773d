#!/usr/bin/env bats
# Options described once: the C option tables (rrm --dump-options) against
# --help, the man pages' OPTIONS and SYNOPSIS, the bash, zsh and fish
# completions, and the rrm.yml keys of the config reader against rrm.yml(5).
# Each place is read by tests/e2e/docs-check and compared exactly, both ways:
# an option missing or extra, short or long, with a value or without, fails.

load helpers

DOCS="$RRM_SOURCE/tests/e2e/docs-check"

setup() {
  cd "$BATS_TEST_TMPDIR"
}

# check SRC PLACE: what PLACE of the tree SRC has is what rrm's tables say.
check() {
  "$DOCS" "$RRM" "$1" --expected "$2" > expected.txt
  "$DOCS" "$RRM" "$1" "$2" > actual.txt
  [ -s expected.txt ] || { echo "nothing expected for $2"; return 1; }
  diff expected.txt actual.txt
}

@test "-h lists every option of the tables, and no other" {
  check "$RRM_SOURCE" help
}

@test "the man pages' OPTIONS list every option, and no other" {
  check "$RRM_SOURCE" man
}

@test "the bash completion has every option and command, and no other" {
  check "$RRM_SOURCE" bash
}

@test "the zsh completion has every option and command, and no other" {
  check "$RRM_SOURCE" zsh
}

@test "the fish completion has every option and command, and no other" {
  check "$RRM_SOURCE" fish
}

@test "each man page's SYNOPSIS is the usage of -h" {
  check "$RRM_SOURCE" synopsis
}

@test "rrm.yml(5) describes every key the config reader accepts, and no other" {
  check "$RRM_SOURCE" keys
}

@test "the tables say what the parser accepts" {
  # a value option takes the next word, a flag takes no value, an optional
  # value only as --opt=VALUE (the dump's kinds are the parser's)
  "$RRM" --dump-options > dump.txt
  grep -qx 'lint quiet q -' dump.txt
  grep -qx 'lint changed - \[=REF\]' dump.txt
  grep -qx 'common - C DIR' dump.txt
  grep -qx 'global version V -' dump.txt
  ! grep -q dump-options dump.txt
  run "$RRM" lint --quiet=1
  [ "$status" -eq 2 ]
  [ "$output" = "rrm: lint: option '--quiet' takes no value" ]
  run "$RRM" lint --jobs
  [ "$output" = "rrm: lint: option '--jobs' needs a value (N)" ]
}

@test "global options: the same parser, the same messages as before" {
  run "$RRM" --nope=1
  [ "$status" -eq 2 ]
  [ "$output" = "rrm: unknown option '--nope=1' (see 'rrm --help')" ]
  run "$RRM" -C
  [ "$output" = "rrm: unknown option '-C' (see 'rrm --help')" ]
  run "$RRM" --version=1
  [ "$output" = "rrm: unknown option '--version=1' (see 'rrm --help')" ]
  run "$RRM" -- lint
  [ "$output" = "rrm: unknown option '--' (see 'rrm --help')" ]
  run "$RRM" --color=sometimes lint
  [ "$output" = "rrm: --color: 'sometimes' is not one of auto, always, never" ]
  run "$RRM" -V
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "rrm "* ]]
  run "$RRM" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"  -V, --version            print the versions of rrm and its libraries"* ]]
  [[ "$output" != *"dump-options"* ]]
}

# A copy of the docs to break: copy, then mutate FILE SED-SCRIPT (it must change it).
copy() {
  mkdir -p src/src/lib
  cp -a "$RRM_SOURCE/man" "$RRM_SOURCE/completions" src/
  cp "$RRM_SOURCE/src/lib/config.c" src/src/lib/
}
mutate() {
  cp "src/$1" before
  sed -i "$2" "src/$1"
  ! cmp -s before "src/$1" || { echo "the mutation of $1 changed nothing"; return 1; }
}
# fails PLACE LINE...: the check of PLACE fails and its diff has each LINE.
fails() {
  local place=$1 line
  shift
  run check src "$place"
  [ "$status" -ne 0 ] || { echo "the $place check passed on the mutation"; return 1; }
  for line in "$@"; do
    [[ "$output" == *"$line"* ]] || { echo "no '$line' in: $output"; return 1; }
  done
}

@test "the checks fail when one place loses, gains or changes an option" {
  copy
  mutate man/rrm-lint.1 's/^\.It Fl q , Fl -quiet$/.It Fl -quiet/'
  fails man "< lint -q flag"
  mutate man/rrm-config.1 's/^\.It Fl -color Ar when$/.It Fl -color/'
  fails man "< config --color value" "> config --color flag"
  mutate man/rrm-dict.1 '/^\.Sh DESCRIPTION$/a Use\n.Fl -frobnicate .'
  fails man "> mention rrm-dict.1 --frobnicate"
  mutate completions/rrm.bash 's/local lint="-f --format -q --quiet/local lint="-f --format --quiet/'
  fails bash "< lint -q flag"
  mutate completions/rrm.bash 's/ | --write-baseline | --cache)$/ | --write-baseline)/'
  fails bash "< skip --cache" "< lint --cache value" "> lint --cache flag"
  mutate completions/rrm.fish "s/-s q -l quiet/-l quiet/"
  fails fish "< lint -q flag"
  mutate completions/rrm.fish "s/-s j -l jobs -x/-s j -l jobs/"
  fails fish "< lint --jobs value" "> lint -j flag"
  mutate completions/_rrm "s/^\( *\)'--stats\[/\1'--bogus[an option rrm does not have]' '--stats[/"
  fails zsh "> lint --bogus flag"
  mutate completions/_rrm "s/'--changed=-\[/'--changed=[/"
  fails zsh "> lint --changed bad-suffix"
  mutate completions/_rrm "s/'1:command:(lint new mv publish init dict config lsp help)'/'1:command:(lint new mv publish init dict lsp help)'/"
  fails zsh "< help-operand config"
}

@test "the checks fail when a SYNOPSIS or rrm.yml(5) goes out of step" {
  copy
  mutate man/rrm-lint.1 '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/s/^\.Op Ar options$/.Op Fl q/'
  fails synopsis "< rrm-lint.1: rrm lint [options] [path ...]" "> rrm-lint.1: rrm lint [-q] [path ...]"
  mutate man/rrm.yml.5 '/^\.It Cm slug_max$/d'
  fails keys "< new.slug_max"
  mutate man/rrm.yml.5 's/^\.It Cm timezone$/.It Cm time_zone/'
  fails keys "< timezone" "> time_zone"
  # a key the reader compares with but does not name in its "known:" lists
  mutate src/lib/config.c 's/strcmp(kv, "slug_max")/strcmp(kv, "slug_maximum")/'
  fails keys "< UNLISTED slug_maximum"
}
