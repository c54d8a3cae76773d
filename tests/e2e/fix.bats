#!/usr/bin/env bats
# rrm lint --fix and --diff on tests/e2e/fix/site: every kind of repair with one
# right answer (house forms, the reject list's hint, -ize to -ise, quotes, a
# repeated word, a name's other spelling, link case, links to an old URL, a .md
# link to an article that moved and kept its old URL as an alias), in
# a file with CRLF line ends and trailing blanks and one with a BOM; what has
# no single answer (a misspelt word) is left. The trees after --fix and the
# diff are golden (tests/e2e/fix/expected, expected.diff).

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  cp -r "$RRM_SOURCE/tests/e2e/fix/site" site
  cd site
}

snapshot() {
  find . -type f ! -name '.rrm-tmp-*' -print0 | sort -z | xargs -0 sha256sum
}

@test "--diff prints the repairs as a unified diff, writes nothing, exits 1" {
  before=$(snapshot)
  run --separate-stderr "$RRM" lint --diff
  [ "$status" -eq 1 ]
  diff -u "$RRM_SOURCE/tests/e2e/fix/expected.diff" <(printf '%s\n' "$output")
  [ "$stderr" = "rrm: 26 repairs in 3 files (--diff: nothing written)" ]
  [ "$(snapshot)" = "$before" ]
}

@test "the diff applies with patch and gives what --fix writes" {
  "$RRM" lint --diff > ../d.patch || true
  cp -r . ../patched
  (cd ../patched && git apply --whitespace=nowarn ../d.patch)
  "$RRM" lint --fix 2> /dev/null
  diff -r ../patched/content content
}

@test "--fix writes the golden tree, byte for byte (CRLF, BOM, trailing blanks), and reports what is left" {
  run --separate-stderr "$RRM" lint --fix
  echo "$output"; echo "$stderr"
  [ "$status" -eq 0 ]
  diff -r "$RRM_SOURCE/tests/e2e/fix/expected" content
  for f in blog/crlf.md blog/bom.md blog/post.md news/new-story.md; do
    cmp "$RRM_SOURCE/tests/e2e/fix/expected/$f" "content/$f"
  done
  [ "$(printf '%s\n' "$output" | grep -c 'spelling/unknown-word')" -eq 3 ]
  [ "$(printf '%s\n' "$output" | grep -vc 'spelling/unknown-word')" -eq 0 ]
  [[ "$stderr" == *"rrm: fixed 26 findings in 3 files"* ]]
  # a second run has nothing to mend, and a spelling guess is never made
  before=$(snapshot)
  run "$RRM" lint --fix
  [ "$(snapshot)" = "$before" ]
  grep -q misspeling content/blog/post.md
}

@test "--fix leaves a file alone when it changed on disk while being mended" {
  run --separate-stderr env RRM_FAULT=changed "$RRM" lint --fix content/blog/bom.md
  echo "$stderr"
  [[ "$stderr" == *"content/blog/bom.md: changed while it was being fixed: not written"* ]]
  # the writer's line is kept, nothing of the repair is in
  tail -1 content/blog/bom.md | grep -q "A writer's new line."
  grep -q organize content/blog/bom.md
  [ "$status" -eq 0 ] # warnings only are left
}

@test "--fix under a failed write or a full disk leaves every file as it was, exit 2" {
  for fault in write enospc; do
    before=$(snapshot)
    run env RRM_FAULT=$fault "$RRM" lint --fix
    echo "$fault: $status $output"
    [ "$status" -eq 2 ]
    [[ "$output" == *"cannot write it"* ]]
    [ "$(snapshot)" = "$before" ]
    [ -z "$(find . -name '.rrm-tmp-*')" ]
  done
}

@test "--fix with only some paths mends only those" {
  "$RRM" lint --fix content/blog/crlf.md 2> /dev/null || true
  cmp "$RRM_SOURCE/tests/e2e/fix/expected/blog/crlf.md" content/blog/crlf.md
  cmp "$RRM_SOURCE/tests/e2e/fix/site/content/blog/post.md" content/blog/post.md
}

@test "--fix refuses --staged and --diff together with it" {
  run "$RRM" lint --fix --staged
  [ "$status" -eq 2 ]
  [[ "$output" == *"not what is staged"* ]]
  run "$RRM" lint --fix --diff
  [ "$status" -eq 2 ]
  [[ "$output" == *"choose one"* ]]
}

@test "--fix --format json reports what is left as JSON" {
  run --separate-stderr "$RRM" lint --fix --format json
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "$output" | grep -c '"rule":"spelling/unknown-word"')" -eq 3 ]
}

@test "--fix-anchors with --changed: links to a heading whose id the change renamed follow it" {
  rm -rf ../anc && mkdir -p ../anc/content && cd ../anc
  printf 'content_dir: content\nanchors: hugo\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
  printf -- '---\ntitle: Alpha page\n---\n## Intro\n\n## Old heading\n\nSee [self](#old-heading).\n\n## Outro\n\n## One\n\n## Two\n' > content/a.md
  printf -- '---\ntitle: Beta page\n---\nSee [part](a.md#old-heading), [intro](/a/#intro), [x](/a/#old-heading), [one](/a/#one).\n' > content/b.md
  git init -q && git add -A && git -c user.email=a@b -c user.name=n commit -qm one
  # one heading renamed (a single right answer); two renamed side by side (none)
  sed -i 's/## Old heading/## New heading/; s/## One/## Uno/; s/## Two/## Dos/' content/a.md
  run "$RRM" lint --changed=HEAD --fix
  [ "$status" -eq 1 ] # without --fix-anchors the broken links are only reported
  grep -q 'a.md#old-heading' content/b.md
  run --separate-stderr "$RRM" lint --changed=HEAD --diff --fix-anchors
  [ "$status" -eq 1 ]
  [[ "$output" == *"+See [part](a.md#new-heading), [intro](/a/#intro), [x](/a/#new-heading), [one](/a/#one)."* ]]
  run --separate-stderr "$RRM" lint --changed=HEAD --fix --fix-anchors
  echo "$output"; echo "$stderr"
  [[ "$stderr" == *"rrm: fixed 3 findings in 2 files"* ]]
  grep -qF 'See [part](a.md#new-heading), [intro](/a/#intro), [x](/a/#new-heading), [one](/a/#one).' content/b.md
  grep -qF 'See [self](#new-heading).' content/a.md # the article's own link too
  # what has no single answer is still reported
  [ "$status" -eq 1 ]
  [[ "$output" == *"no anchor '#one' in content/a.md"* ]]
}

@test "--fix-anchors needs --changed and --fix or --diff" {
  run "$RRM" lint --fix --fix-anchors
  [ "$status" -eq 2 ]
  [[ "$output" == *"--fix-anchors needs --changed"* ]]
  run "$RRM" lint --changed --fix-anchors
  [ "$status" -eq 2 ]
}
