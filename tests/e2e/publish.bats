#!/usr/bin/env bats
# rrm publish: a Hugo draft edited in place, a Jekyll draft moved to _posts,
# the lint before, the refusals, git's index, and nothing half done.

load helpers
bats_require_minimum_version 1.5.0

setup() {
  cd "$BATS_TEST_TMPDIR"
}

# A Hugo site in ./hugo with a draft and a post that links to it.
hugo_site() {
  mkdir -p hugo/content/posts && cd hugo
  printf 'baseURL = "https://example.org/"\ntimeZone = "Asia/Kathmandu"\n' > hugo.toml
  printf -- '---\n# kept: a comment\ntitle: '\''Talks in Doha'\''\nDraft: true   # until the editor says\ndate: "2020-01-01"\ntags: [a, b]\n---\n\nThe talks.\n' \
    > content/posts/doha.md
  printf -- '---\ntitle: "Other"\ndate: 2020-01-01\n---\n\nSee [the talks](/posts/doha/).\n' \
    > content/posts/other.md
}

# A Jekyll site in ./jekyll (a git repository) with a draft and a post that links to it.
jekyll_site() {
  mkdir -p jekyll/_drafts jekyll/_posts && cd jekyll
  printf 'title: X\npermalink: /news/:title/\ntimezone: America/New_York\n' > _config.yml
  printf -- '---\ntitle: "Sudan talks"\nlayout: post\n---\n\nText.\n' > _drafts/sudan-talks.md
  printf -- '---\ntitle: "Old"\ndate: 2020-01-01\n---\n\nSee [the talks](/news/sudan-talks/).\n' \
    > _posts/2020-01-01-old.md
}

git_init() {
  git init -q . && git add -A &&
    git -c user.name=T -c user.email=t@example.org commit -qm init
}

# snapshot: the names and contents of every file of the site (.git apart)
snapshot() {
  find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
}

@test "hugo: draft: true becomes false in place, the date replaced, every other byte kept" {
  hugo_site
  run --separate-stderr "$RRM" publish --date 2026-11-25T09:30:00+05:45 content/posts/doha.md
  [ "$status" -eq 0 ]
  [ "$output" = "content/posts/doha.md" ]
  [ -z "$stderr" ]
  printf -- '---\n# kept: a comment\ntitle: '\''Talks in Doha'\''\nDraft: false   # until the editor says\ndate: 2026-11-25T09:30:00+05:45\ntags: [a, b]\n---\n\nThe talks.\n' > ../expected
  cmp ../expected content/posts/doha.md
}

@test "hugo: no date: one added after the title, now in the site's zone; CRLF and BOM kept" {
  hugo_site
  printf '\xef\xbb\xbf---\r\ntitle: >-\r\n  Talks\r\n  in Doha\r\ndraft: true\r\n---\r\n\r\nBody.\r\n' > content/posts/doha.md
  t0=$(date +%s)
  run "$RRM" publish content/posts/doha.md
  t1=$(date +%s)
  [ "$status" -eq 0 ]
  got=$(sed -n 's/^date: \(.*\)\r$/\1/p' content/posts/doha.md)
  at=$(date -d "$got" +%s)
  [ "$at" -ge "$t0" ] && [ "$at" -le "$t1" ]
  [ "$got" = "$(TZ=Asia/Kathmandu date -d "@$at" +%Y-%m-%dT%H:%M:%S%:z)" ]
  printf '\xef\xbb\xbf---\r\ntitle: >-\r\n  Talks\r\n  in Doha\r\ndate: %s\r\ndraft: false\r\n---\r\n\r\nBody.\r\n' "$got" > ../expected
  cmp ../expected content/posts/doha.md
}

@test "hugo: the link/draft that lint reported is gone once published" {
  hugo_site
  run "$RRM" lint
  [[ "$output" == *"content/posts/other.md:6:"*"content/posts/doha.md is a draft"*"[link/draft]"* ]]
  run "$RRM" publish content/posts/doha.md
  [ "$status" -eq 0 ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "hugo: a file that is not a draft is refused, exit 1, nothing written" {
  hugo_site
  before=$(snapshot)
  run "$RRM" publish content/posts/other.md
  [ "$status" -eq 1 ]
  [ "$output" = "rrm: publish: content/posts/other.md is not a draft (no 'draft: true' in its front matter); nothing written" ]
  # published once: a second time is refused too
  run "$RRM" publish content/posts/doha.md
  [ "$status" -eq 0 ]
  before=$(snapshot)
  run "$RRM" publish content/posts/doha.md
  [ "$status" -eq 1 ]
  [ "$(snapshot)" = "$before" ]
  # usage errors: exit 2
  run "$RRM" publish
  [ "$status" -eq 2 ]
  run "$RRM" publish content/posts/nope.md
  [ "$status" -eq 2 ]
  run "$RRM" publish --date 2025-02-29 content/posts/doha.md
  [ "$status" -eq 2 ]
  echo x > ../outside.md
  run "$RRM" publish ../outside.md
  [ "$status" -eq 2 ]
  [[ "$output" == *"outside the site"* ]]
  [ "$(snapshot)" = "$before" ]
}

@test "hugo: --dry-run prints the change as a diff and writes nothing" {
  hugo_site
  before=$(snapshot)
  run --separate-stderr "$RRM" publish --dry-run --date 2026-11-25 content/posts/doha.md
  [ "$status" -eq 0 ]
  [ "$stderr" = "rrm: would publish content/posts/doha.md" ]
  cat > ../expected <<'EOF'
--- content/posts/doha.md
+++ content/posts/doha.md
@@ -1,7 +1,7 @@
 ---
 # kept: a comment
 title: 'Talks in Doha'
-Draft: true   # until the editor says
+Draft: false   # until the editor says
-date: "2020-01-01"
+date: 2026-11-25
 tags: [a, b]
 ---
EOF
  [ "$output" = "$(cat ../expected)" ]
  [ "$(snapshot)" = "$before" ]
  run --separate-stderr "$RRM" publish -n -f json --date 2026-11-25 content/posts/doha.md
  [ "$status" -eq 0 ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["published"] == d["from"] == "content/posts/doha.md", d
assert d["dry_run"] is True and "+date: 2026-11-25\n" in d["diff"], d
assert d["summary"]["errors"] == 0, d
' "$output"
  [ "$(snapshot)" = "$before" ]
}

@test "lint errors refuse the draft, shown at its own lines; --force publishes it" {
  hugo_site
  # no date: the one publish adds comes before line 4, which is line 4 of the draft
  printf -- '---\ntitle: "Talks"\ndraft: true\n---\n\nSee [gone](/nowhere/).\n' > content/posts/doha.md
  before=$(snapshot)
  run "$RRM" publish content/posts/doha.md
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "content/posts/doha.md:6:12: error: dead link: /nowhere/ "*"[link/dead]" ]]
  [[ "$output" == *"rrm: publish: content/posts/doha.md has 1 lint error; nothing written (--force publishes it anyway)"* ]]
  [ "$(snapshot)" = "$before" ]
  run "$RRM" publish -n content/posts/doha.md
  [ "$status" -eq 1 ]
  run --separate-stderr "$RRM" publish --force content/posts/doha.md
  [ "$status" -eq 0 ]
  [ "$output" = "content/posts/doha.md" ]
  [[ "$stderr" == *"[link/dead]"* ]]
  grep -q '^draft: false$' content/posts/doha.md
}

@test "warnings do not stop it" {
  hugo_site
  printf 'style:\n  repeated_words: warning\n' > rrm.yml
  printf -- '---\ntitle: "Talks"\ndraft: true\n---\n\nThe the talks.\n' > content/posts/doha.md
  run --separate-stderr "$RRM" publish content/posts/doha.md
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"content/posts/doha.md:6:5: warning: "*"[style/repeated-word]"* ]]
  grep -q '^draft: false$' content/posts/doha.md
}

@test "jekyll: _drafts/x.md moves to _posts/YYYY-MM-DD-x.md, dated in the site's zone" {
  jekyll_site
  run "$RRM" lint
  [[ "$output" == *"_drafts/sudan-talks.md is not built by Jekyll"*"[link/draft]"* ]]
  run --separate-stderr "$RRM" publish _drafts/sudan-talks.md
  [ "$status" -eq 0 ]
  day=$(TZ=America/New_York date +%Y-%m-%d)
  [ "$output" = "_posts/$day-sudan-talks.md" ] || [ "$output" = "_posts/$(TZ=America/New_York date -d '1 min ago' +%Y-%m-%d)-sudan-talks.md" ]
  [ ! -e _drafts/sudan-talks.md ]
  [ -d _drafts ]
  got=$(sed -n 's/^date: //p' "$output")
  [[ "$got" == "${output:7:10}T"* ]]
  printf -- '---\ntitle: "Sudan talks"\ndate: %s\nlayout: post\n---\n\nText.\n' "$got" > ../expected
  cmp ../expected "$output"
  # the link that lint reported is fine now
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "jekyll: --date names the file by its day in the site's zone; a date in the name is replaced" {
  jekyll_site
  mv _drafts/sudan-talks.md _drafts/2019-05-05-sudan-talks.md
  mkdir -p news/_drafts/africa
  printf -- '---\ntitle: "Nile"\n---\n\nText.\n' > news/_drafts/africa/nile.md
  # 03:00 UTC is the day before in New York
  run "$RRM" publish --date 2026-11-25T03:00:00Z _drafts/2019-05-05-sudan-talks.md
  [ "$status" -eq 0 ]
  [ "$output" = "_posts/2026-11-24-sudan-talks.md" ]
  grep -qx 'date: 2026-11-25T03:00:00Z' _posts/2026-11-24-sudan-talks.md
  run "$RRM" publish --date 2026-11-26 news/_drafts/africa/nile.md
  [ "$status" -eq 0 ]
  [ "$output" = "news/_posts/africa/2026-11-26-nile.md" ]
}

@test "jekyll: refuses a post, and a post that exists, writing nothing" {
  jekyll_site
  before=$(snapshot)
  run "$RRM" publish _posts/2020-01-01-old.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"is not a draft (Jekyll's drafts are in _drafts/)"* ]]
  printf -- '---\ntitle: "Taken"\n---\n\nMine.\n' > _posts/2026-11-25-sudan-talks.md
  before=$(snapshot)
  run "$RRM" publish --date 2026-11-25 _drafts/sudan-talks.md
  [ "$status" -eq 1 ]
  [ "$output" = "rrm: publish: _posts/2026-11-25-sudan-talks.md exists; nothing written" ]
  [ "$(snapshot)" = "$before" ]
}

@test "jekyll: a schema that requires a date passes: the article is linted as published" {
  jekyll_site
  printf 'front_matter:\n  required: [title, date]\n' > rrm.yml
  run "$RRM" lint _drafts/sudan-talks.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"required field 'date' is missing"* ]]
  run "$RRM" publish --date 2026-11-25 _drafts/sudan-talks.md
  [ "$status" -eq 0 ]
}

@test "jekyll in git: the index entry moves as git mv's, git status shows the rename" {
  jekyll_site
  git_init
  run "$RRM" publish --date 2026-11-25 _drafts/sudan-talks.md
  [ "$status" -eq 0 ]
  [ "$(git status --porcelain)" = "RM _drafts/sudan-talks.md -> _posts/2026-11-25-sudan-talks.md" ]
  # an untracked draft: moved without git
  printf -- '---\ntitle: "Nile"\n---\n\nText.\n' > _drafts/nile.md
  run "$RRM" publish --date 2026-11-25 _drafts/nile.md
  [ "$status" -eq 0 ]
  [[ "$(git status --porcelain)" == *"?? _posts/2026-11-25-nile.md"* ]]
  # a site in a folder of the repository, run from elsewhere with -C
  mkdir -p sub/site/_drafts && printf 'title: Y\n' > sub/site/_config.yml
  printf -- '---\ntitle: "Deep"\n---\n\nText.\n' > sub/site/_drafts/deep.md
  git add sub && git -c user.name=T -c user.email=t@example.org commit -qm sub
  cd /
  run "$RRM" -C "$BATS_TEST_TMPDIR/jekyll/sub/site" publish --date 2026-11-25 _drafts/deep.md
  [ "$status" -eq 0 ]
  cd "$BATS_TEST_TMPDIR/jekyll"
  [[ "$(git status --porcelain)" == *"RM sub/site/_drafts/deep.md -> sub/site/_posts/2026-11-25-deep.md"* ]]
}

@test "a failed write, a full disk or a kill leaves the site as it was" {
  hugo_site
  for fault in write enospc kill; do
    before=$(snapshot)
    run env RRM_FAULT=$fault "$RRM" publish content/posts/doha.md
    echo "$fault: $status $output"
    [ "$status" -ne 0 ]
    find . -name '.rrm-tmp-*' -delete
    [ "$(snapshot)" = "$before" ]
  done
  cd .. && jekyll_site && git_init
  rm -r _posts/* && git add -A && git -c user.name=T -c user.email=t@example.org commit -qm rm
  rmdir _posts
  for fault in write enospc kill; do
    before=$(snapshot) index=$(git ls-files -s)
    run env RRM_FAULT=$fault "$RRM" publish _drafts/sudan-talks.md
    echo "$fault: $status $output"
    [ "$status" -ne 0 ]
    find . -name '.rrm-tmp-*' -delete
    [ "$(snapshot)" = "$before" ]
    [ "$(git ls-files -s)" = "$index" ]
    [ -z "$(git status --porcelain)" ]
    # a folder made for the post is removed again (a killed run cannot)
    [ "$fault" = kill ] || [ ! -e _posts ]
  done
}
