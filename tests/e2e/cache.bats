#!/usr/bin/env bats
# --cache: a warm run reports exactly what a run without the cache reports,
# and no change (to an article, rrm.yml, the dictionaries, another article's
# headings) is ever hidden by it.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  cp -r "$RRM_SOURCE/examples" site
  cd site
  # a finding of each family, so that reuse shows in the report
  cat > content/posts/2026/01/cached.md << 'EOF'
---
title: "Cached article"
date: 2026-01-20
author: Staff
tags: [iraq]
---

A paragraph with a mispelt word and a [dead link](/2026/01/nowhere/).

## Backround

See [the other section](#background).
EOF
  # files changed in the last two seconds are not cached: age them
  touch -d '2026-01-01 12:00' $(find content dict rrm.yml -type f)
  sleep 2.1
}

# lint_both ARGS...: runs without and with the cache; the reports must be equal
lint_both() {
  run "$RRM" lint "$@"
  plain_status=$status plain_output=$output
  run "$RRM" lint --cache .rrm-cache "$@"
  [ "$status" -eq "$plain_status" ]
  [ "$output" = "$plain_output" ]
}

reused() {
  "$RRM" lint --cache .rrm-cache --stats "$@" 2>&1 >/dev/null | sed -n 's/.*cache: \([0-9]*\) entries, \([0-9]*\) files reused.*/\1 \2/p'
}

@test "a warm run reports what a cold run does, without reading the articles again" {
  lint_both
  [ -f .rrm-cache/lint.cache ]
  [[ "$output" == *"unknown word 'mispelt'"* ]]
  [[ "$output" == *"dead link: /2026/01/nowhere/"* ]]
  n=$(find content -name '*.md' | wc -l)
  [ "$(reused)" = "$n $n" ]
  lint_both -f json                  # the output format does not matter
  [ "$(reused -f json)" = "$n $n" ]
  [ "$(reused -f words)" = "0 0" ]   # another mode: the cache starts again
  lint_both -f words
  [ "$(reused -f words)" = "$n $n" ]
  [ "$(reused)" = "0 0" ]
  # the dictionaries are not loaded when every word has its verdict in the cache
  "$RRM" lint --cache .rrm-cache --stats 2>&1 >/dev/null | grep -q 'dictionaries not loaded'
}

@test "an edit of the same size with the old modification time is seen" {
  lint_both
  before=$(stat -c %Y content/posts/2026/01/cached.md)
  # rewritten in place (same inode), then its modification time put back:
  # only the change time tells
  python3 -c '
import sys
p = sys.argv[1]
with open(p, "r+b") as f:
    b = f.read().replace(b"mispelt", b"mispelx")
    f.seek(0)
    f.write(b)' content/posts/2026/01/cached.md
  touch -d "@$before" content/posts/2026/01/cached.md
  run "$RRM" lint --cache .rrm-cache
  [[ "$output" == *"unknown word 'mispelx'"* ]]
  [[ "$output" != *"'mispelt'"* ]]
  lint_both
}

@test "a change elsewhere breaks a link in a cached article" {
  cat >> content/posts/2026/01/cached.md << 'EOF'

And [a live one](/2026/02/china-gulf-diplomacy/).
EOF
  touch -d '2026-01-01 12:00' content/posts/2026/01/cached.md
  sleep 2.1
  lint_both
  [[ "$output" != *"china-gulf-diplomacy"* ]]
  rm content/posts/2026/02/china-gulf-diplomacy.md
  lint_both
  [[ "$output" == *"dead link: /2026/02/china-gulf-diplomacy/"* ]]
  [ "$(reused)" != "" ]
}

@test "alias clashes and redirect pages are the same from the cache" {
  cat > content/posts/2026/01/alias-a.md << 'EOF'
---
title: "Alias A"
date: 2026-01-21
author: Staff
aliases: [/shared/old/]
redirect_to: /2026/01/cached/
---

[Old](/shared/old/) [moved](/2026/01/alias-a/#nowhere)
EOF
  cat > content/posts/2026/01/alias-b.md << 'EOF'
---
title: "Alias B"
date: 2026-01-22
author: Staff
redirect_from:
  - /shared/old/index.html
---
EOF
  touch -d '2026-01-01 12:00' content/posts/2026/01/alias-*.md
  sleep 2.1
  lint_both
  n=$(find content -name '*.md' | wc -l)
  [ "$(reused)" = "$n $n" ]
  lint_both
  [[ "$output" == *"content/posts/2026/01/alias-a.md:5:11: error: alias /shared/old/ is also an alias in content/posts/2026/01/alias-b.md:6 [site/duplicate-url]"* ]]
  [[ "$output" == *"content/posts/2026/01/alias-b.md:6:5: error: alias /shared/old/ is also an alias in content/posts/2026/01/alias-a.md:5 [site/duplicate-url]"* ]]
  [[ "$output" == *"no anchor '#nowhere' in"* ]]   # looked for on the redirect's target, cold or cached
}

@test "rrm.yml, the house dictionary and the rules drop the cache" {
  lint_both
  echo "mispelt" >> dict/house.dic
  lint_both
  [[ "$output" != *"'mispelt'"* ]]
  printf '\nrules:\n  spelling/unknown-word: off\n' >> rrm.yml
  lint_both
  [[ "$output" != *"unknown word"* ]]
}

@test "a damaged or foreign cache is ignored" {
  lint_both
  good=$(cat .rrm-cache/lint.cache | wc -c)
  for cut in 0 3 27 100 $((good / 2)) $((good - 1)); do
    head -c "$cut" .rrm-cache/lint.cache > damaged
    cp damaged .rrm-cache/lint.cache
    lint_both
  done
  # flip one byte in the middle
  lint_both
  python3 - << 'EOF'
p = ".rrm-cache/lint.cache"
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x40
open(p, "wb").write(b)
EOF
  lint_both
  echo "not a cache" > .rrm-cache/lint.cache
  lint_both
}

@test "a cache that cannot be written is reported and the run goes on" {
  echo "a file, not a folder" > notdir
  run "$RRM" lint --cache notdir
  [ "$status" -eq 1 ]
  [[ "$output" == *"unknown word 'mispelt'"* ]]
  [[ "$output" == *"rrm: --cache: cannot write notdir/lint.cache: "* ]]
  [ "$(cat notdir)" = "a file, not a folder" ]
}

@test "--cache needs a folder" {
  run "$RRM" lint --cache ''
  [ "$status" -eq 2 ]
  [ "$output" = "rrm: lint: --cache needs a folder" ]
}

@test "--staged with a cache reports what it reports without one" {
  command -v git > /dev/null || skip "needs git"
  git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm start
  lint_both --staged
  [ -z "$output" ]
  # a change staged: linted from the index blob; the cached index of the rest is used
  sed -i 's/## Backround/## Background/' content/posts/2026/01/cached.md
  git add content/posts/2026/01/cached.md
  lint_both --staged
  [[ "$output" == *"unknown word 'mispelt'"* ]]
  [[ "$output" != *"Backround"* ]]
  lint_both --staged
  # deleting an article breaks links in unchanged (cached) articles
  git rm -q content/posts/2026/02/china-gulf-diplomacy.md
  lint_both --staged
}
