#!/usr/bin/env bats
# The command line: help, version, exit paths, colour. That every option of
# the C option tables is in --help, the man pages and every completion file,
# and nothing else, is options.bats.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
}

@test "--version names rrm and the six libraries" {
  run "$RRM" --version
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" =~ ^rrm\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
  [[ "${lines[1]}" =~ ^cmark\ [0-9.]+$ ]]
  [[ "${lines[2]}" =~ ^libyaml\ [0-9.]+$ ]]
  [[ "${lines[3]}" =~ ^hunspell\ [0-9.]+$ ]]
  [[ "${lines[4]}" =~ ^utf8proc\ [0-9.]+$ ]]
  [[ "${lines[5]}" =~ ^toml\+\+\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
  [[ "${lines[6]}" =~ ^jansson\ [0-9.]+$ ]]
  [ "${#lines[@]}" -eq 7 ]
}

@test "help: rrm --help, rrm help lint, rrm lint --help" {
  run "$RRM" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"usage: rrm"* ]]
  [[ "$output" == *"lint"* ]]
  run "$RRM" help lint
  [ "$status" -eq 0 ]
  [[ "$output" == *"usage: rrm lint"* ]]
  help_lint="$output"
  run "$RRM" lint --help
  [ "$status" -eq 0 ]
  [ "$output" = "$help_lint" ]
  run "$RRM" help nothing
  [ "$status" -eq 2 ]
}

@test "usage errors exit 2 with a message" {
  run "$RRM"
  [ "$status" -eq 2 ]
  run "$RRM" frobnicate
  [ "$status" -eq 2 ]
  [[ "$output" == *"'frobnicate' is not an rrm command"* ]]
  run "$RRM" lint --nope
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown option '--nope'"* ]]
  run "$RRM" lint --format xml
  [ "$status" -eq 2 ]
  run "$RRM" lint --max-warnings -3
  [ "$status" -eq 2 ]
  run "$RRM" lint --max-warnings
  [ "$status" -eq 2 ]
  run "$RRM" lint -q=1
  [ "$status" -eq 2 ]
  run "$RRM" --color sometimes lint
  [ "$status" -eq 2 ]
  run "$RRM" -C /nonexistent/dir lint
  [ "$status" -eq 2 ]
  [[ "$output" == *"-C /nonexistent/dir"* ]]
}

@test "the sample site lints clean, from -C and from inside" {
  run "$RRM" lint -C "$RRM_SOURCE/examples"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  cd "$RRM_SOURCE/examples/content/posts"
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "paths are shown relative to where rrm was started" {
  cp -a "$RRM_SOURCE/examples" site
  f=$(find site/content -name '*.md' | sort | head -n 1)
  printf -- '---\ntitle: x\n---\n' > "$f"
  run "$RRM" lint -C site
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "$f:1:1: error: required field 'author' is missing [front-matter/required]" ]]
  cd site/content
  run "$RRM" lint
  [[ "${lines[0]}" == "${f#site/content/}:1:1: error:"* ]]
  cd posts
  run "$RRM" lint ../../static
  [ "$status" -eq 0 ]
}

@test "colour: only when asked or on a terminal, never with NO_COLOR" {
  mkdir -p c/content && printf -- 'front_matter: {required: [title]}\n' > c/rrm.yml
  printf 'no front matter\n' > c/content/a.md
  run "$RRM" lint -C c
  [[ "$output" != *$'\033['* ]]
  run "$RRM" --color always lint -C c
  [[ "$output" == *$'\033[1m'* ]]
  run "$RRM" lint --color=always -C c
  [[ "$output" == *$'\033['* ]]
  run env NO_COLOR=1 "$RRM" lint -C c
  [[ "$output" != *$'\033['* ]]
  if command -v script >/dev/null; then
    out=$(cd c && NO_COLOR= script -qec "$RRM lint" /dev/null || true)
    [[ "$out" == *$'\033['* ]]
    out=$(cd c && NO_COLOR=1 script -qec "$RRM lint" /dev/null || true)
    [[ "$out" != *$'\033['* ]]
  fi
}

@test "lint writes nothing" {
  cp -a "$RRM_SOURCE/examples" site
  printf -- '---\ntitle: [\n---\n' > site/content/bad.md
  before=$(find site -type f -exec sha256sum {} + | sort)
  run "$RRM" lint -C site
  [ "$status" -eq 1 ]
  after=$(find site -type f -exec sha256sum {} + | sort)
  [ "$before" = "$after" ]
}

@test "the bash completion loads and completes" {
  run bash -c "source '$RRM_SOURCE/completions/rrm.bash' && complete -p rrm"
  [ "$status" -eq 0 ]
  run bash -c "source '$RRM_SOURCE/completions/rrm.bash'
    COMP_WORDS=(rrm lint --for); COMP_CWORD=2; COMP_LINE='rrm lint --for'; COMP_POINT=\${#COMP_LINE}
    _rrm; printf '%s\n' \"\${COMPREPLY[@]}\""
  [ "$status" -eq 0 ]
  [[ "$output" == *"--format"* ]]
}

@test "every rule id is in rrm-lint(1), or rrm-dict(1) for dict/ rules" {
  lint=$(MANWIDTH=200 mandoc -Tascii "$RRM_SOURCE/man/rrm-lint.1" | col -b)
  dict=$(MANWIDTH=200 mandoc -Tascii "$RRM_SOURCE/man/rrm-dict.1" | col -b)
  ids=$(grep -o '{"[a-z-]*/[a-z-]*", RRM_SEV' "$RRM_SOURCE/src/lib/rules.c" | cut -d'"' -f2)
  [ -n "$ids" ]
  [[ "$ids" == *dict/* ]]
  for id in $ids; do
    case "$id" in
      dict/*) [[ "$dict" == *"$id"* ]] || { echo "$id not in rrm-dict(1)"; return 1; } ;;
      *) [[ "$lint" == *"$id"* ]] || { echo "$id not in rrm-lint(1)"; return 1; } ;;
    esac
  done
}

@test "the man pages pass mandoc -Tlint" {
  run mandoc -Tlint -W warning "$RRM_SOURCE"/man/*.1 "$RRM_SOURCE"/man/*.5
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "the output is the same whatever the number of threads" {
  cp -a "$RRM_SOURCE/examples" site
  printf -- '---\ntitle: Short\ndate: 2026-02-30\n---\nColor and behavior, [dead](/gone/).\n' > site/content/posts/x.md
  cp "$RRM_SOURCE"/tests/e2e/cases/spelling-house/content/posts/*.md site/content/
  "$RRM" lint -C site -j1 > j1.txt 2>&1 || true
  "$RRM" lint -C site -j4 > j4.txt 2>&1 || true
  RRM_JOBS=3 "$RRM" lint -C site --format json > j3.json 2>&1 || true
  "$RRM" lint -C site -j1 --format json > j1.json 2>&1 || true
  [ -s j1.txt ]
  cmp j1.txt j4.txt
  cmp j1.json j3.json
  run "$RRM" lint -C site --jobs 0
  [ "$status" -eq 2 ]
}

@test "an article checked on its own: the others' anchors are read only when a link asks for them" {
  cp -a "$RRM_SOURCE/examples" site
  cd site
  n=$(find content -name '*.md' | wc -l)
  f=$(find content/posts -name '*.md' | sort | head -n 1)
  g=$(find content/posts -name '*.md' | sort | sed -n 2p)
  printf '\n## Only here\n' >> "$g"
  run "$RRM" lint "$f" --stats
  [[ "$output" == *"1 files checked, $n indexed, 1 parsed;"* ]]
  # a link to an anchor of another article: that one is parsed too, its ids right
  rel=$(realpath -m --relative-to="$(dirname "$f")" "$g")
  printf '\nSee [here](%s#only-here) and [there](%s#nowhere).\n' "$rel" "$rel" >> "$f"
  run "$RRM" lint "$f" --stats
  [[ "$output" == *"1 files checked, $n indexed, 2 parsed;"* ]]
  [[ "$output" == *"no anchor '#nowhere' in $g"* ]]
  [[ "$output" != *"no anchor '#only-here'"* ]]
  [[ "$output" == *"(closest: '#only-here'"* ]]
  # the same findings when every article is parsed (--cache reads them all for the next run)
  a=$("$RRM" lint "$f" --format json || true)
  b=$("$RRM" lint "$f" --format json --cache "$BATS_TEST_TMPDIR/cache" || true)
  [ "$a" = "$b" ]
}
