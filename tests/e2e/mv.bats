#!/usr/bin/env bats
# rrm mv: golden trees. tests/e2e/mv/SITE is a site before; tests/e2e/mv/CASE.after
# the same site after `rrm mv` (RRM_BLESS=1 writes them anew: review the diff).
# Then the plan (--dry-run), the refusals, the faults of RRM_FAULT, git mv.

load helpers

MV="$RRM_SOURCE/tests/e2e/mv"

setup() {
  cd "$BATS_TEST_TMPDIR"
}

# site NAME: a copy of the site NAME in ./site, entered
site() {
  cp -r "$MV/$1" site
  cd site
}

# snapshot: every file of the tree and its checksum, and every folder
snapshot() {
  find . -path ./.git -prune -o -type d -print | sort
  find . -path ./.git -prune -o -type f ! -name '.rrm-tmp-*' -print0 | sort -z | xargs -0 sha256sum
}

# golden CASE SITE OLD NEW: rrm mv OLD NEW in a copy of SITE gives the tree CASE.after,
# prints NEW, and the site lints without a dead link
golden() {
  local case=$1
  site "$2"
  run "$RRM" mv "$3" "$4"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "$4" ] || [ "${lines[1]}" = "$4" ]
  if [ -n "${RRM_BLESS:-}" ]; then
    rm -rf "$MV/$case.after"
    cp -r . "$MV/$case.after"
  fi
  # a folder the move left empty stays, as after git mv; git keeps no empty
  # folders in the golden trees, so they are compared without them
  find . -mindepth 1 -type d -empty -delete
  diff -r "$MV/$case.after" .
  [ -z "$(find . -name '.rrm-tmp-*')" ]
  run "$RRM" lint
  echo "$output"
  [[ "$output" != *"link/"* ]]
}

@test "mv: a Hugo post linked by .md paths, a permalink, an absolute self-URL and ref" {
  golden hugo-post hugo content/posts/2024/05/old-slug.md content/posts/2024/06/new-slug.md
  # the old URL is an alias, in Hugo's form
  grep -qx '  - /2024/05/old-slug/' content/posts/2024/06/new-slug.md
  grep -qx 'slug: new-slug' content/posts/2024/06/new-slug.md
  [ ! -e content/posts/2024/05/old-slug.md ]
}

@test "mv: a post to another folder depth: its own relative links still resolve" {
  golden hugo-depth hugo content/posts/2024/05/old-slug.md content/posts/renamed.md
  grep -q '\[the other\](other.md)' content/posts/renamed.md
}

@test "mv: a page bundle moves with its image, and links to the image follow" {
  golden hugo-bundle hugo content/posts/bund content/posts/2023/gallery
  [ -f content/posts/2023/gallery/pic.png ]
  [ ! -e content/posts/bund ]
  grep -q '(2023/gallery/pic.png)' content/posts/other.md
}

@test "mv: a Jekyll post gets redirect_from, post_url and URL links follow" {
  golden jekyll-post jekyll _posts/2024-05-03-old-slug.md _posts/2024-05-03-new-slug.md
  grep -qx 'redirect_from: \[/first/, /2024/05/old-slug/\]' _posts/2024-05-03-new-slug.md
}

@test "mv --dry-run prints the plan and writes nothing" {
  site hugo
  before=$(snapshot)
  run "$RRM" mv --dry-run content/posts/2024/05/old-slug.md content/posts/2024/06/new-slug.md
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$output" = "move content/posts/2024/05/old-slug.md -> content/posts/2024/06/new-slug.md
url /2024/05/old-slug/ -> /2024/05/new-slug/
alias /2024/05/old-slug/ (aliases)
edit content/posts/2024/06/new-slug.md: front matter, 0 links
edit content/posts/bund/index.md: 1 link
edit content/posts/other.md: 4 links" ]
  [ "$(snapshot)" = "$before" ]
}

@test "mv refuses, writing nothing: NEW exists, outside content, a taken URL, not an article" {
  site hugo
  before=$(snapshot)
  run "$RRM" mv content/posts/2024/05/old-slug.md content/posts/other.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"content/posts/other.md exists"* ]]
  run "$RRM" mv content/posts/2024/05/old-slug.md elsewhere/x.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"outside the content folder"* ]]
  run "$RRM" mv content/posts/2024/05/old-slug.md ../x.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"outside the content folder"* ]]
  # URLs taken: another page's URL, another page's alias
  printf -- '---\ntitle: A page\n---\n' > content/page.md
  before=$(snapshot)
  run "$RRM" mv content/page.md content/b.md
  echo "$output"
  [ "$status" -eq 1 ]
  [[ "$output" == *"the URL /b/, which is already an alias of content/posts/bund/index.md"* ]]
  run "$RRM" mv content/page.md content/about.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"the URL /about/, which is already the URL of content/about/index.md"* ]]
  run "$RRM" mv content/posts/bund/pic.png content/posts/pic.png
  [ "$status" -eq 1 ]
  [[ "$output" == *"is not an article of the site"* ]]
  run "$RRM" mv content/posts/2024/05/old-slug.md content/posts/new.txt
  [ "$status" -eq 1 ]
  [[ "$output" == *"must end in .md"* ]]
  run "$RRM" mv content/posts/2024/05/old-slug.md
  [ "$status" -eq 2 ]
  [ "$(snapshot)" = "$before" ]
  # paths are shown as given, from a subfolder too
  cd content/posts
  run "$RRM" mv 2024/05/old-slug.md other.md
  [ "$status" -eq 1 ]
  [ "$output" = "rrm: mv: other.md exists; nothing written" ]
}

@test "mv: a failed write, a full disk or a kill at any file leaves the site as it was" {
  site hugo
  before=$(snapshot)
  for after in 0 1 2; do
    for fault in write enospc; do
      run env RRM_FAULT=$fault RRM_FAULT_AFTER=$after "$RRM" mv content/posts/2024/05/old-slug.md content/posts/2024/06/new-slug.md
      echo "$fault after $after: $status $output"
      [ "$status" -eq 2 ]
      [[ "$output" == *"rrm: mv: cannot write"* ]]
      [ "$(snapshot)" = "$before" ]
      [ -z "$(find . -name '.rrm-tmp-*')" ]
    done
    run env RRM_FAULT=kill RRM_FAULT_AFTER=$after "$RRM" mv content/posts/2024/05/old-slug.md content/posts/2024/06/new-slug.md
    [ "$status" -eq 137 ]
    # killed while writing: only hidden temporary files, which lint never reads
    [ "$(snapshot)" = "$before" ]
    find . -name '.rrm-tmp-*' -delete
  done
  run "$RRM" lint
  [[ "$output" != *"link/"* ]]
}

@test "mv in a git repository uses git mv: git status shows a rename" {
  command -v git > /dev/null || skip "no git"
  site hugo
  git init -q .
  git add -A
  git -c user.name=T -c user.email=t@example.org commit -qm before
  run "$RRM" mv content/posts/2024/05/old-slug.md content/posts/2024/06/new-slug.md
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"(git mv)"* ]]
  git status --porcelain > status.txt
  cat status.txt
  grep -q '^RM content/posts/2024/05/old-slug.md -> content/posts/2024/06/new-slug.md$' status.txt
  run "$RRM" mv content/posts/bund content/posts/2023/gallery
  [ "$status" -eq 0 ]
  git status --porcelain | grep -q '^R  content/posts/bund/pic.png -> content/posts/2023/gallery/pic.png$'
}

@test "mv never empties a file: the same URL twice, a reference and an inline link, an empty aliases key, CRLF" {
  # Was: two links found at one place gave overlapping edits, and the file
  # was written empty; "aliases:" with no value became "aliases:[, /x/]".
  rm -rf "$BATS_TEST_TMPDIR/dup" && mkdir -p "$BATS_TEST_TMPDIR/dup/content/posts" && cd "$BATS_TEST_TMPDIR/dup"
  printf 'base_url: https://example.org/\ncontent_dir: content\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
  printf -- '---\ntitle: Target post\naliases:\n---\nBody <https://example.org/posts/t/> and <https://example.org/posts/t/>.\n' > content/posts/t.md
  printf -- '---\r\ntitle: Crlf post\r\naliases:\r\n  - /x/\r\n---\r\nSee [x](/posts/t/).\r\n\r\nUse [ref][r].\r\n\r\n[r]: /posts/t/\r\n' > content/posts/c.md
  printf -- '---\ntitle: Other post\naliases: ~\n---\n[a]: <https://example.org/posts/c/>\n<https://example.org/posts/c/>\n' > content/posts/o.md
  run "$RRM" mv content/posts/t.md content/posts/t2.md
  [ "$status" -eq 0 ]
  grep -qx 'aliases: \[/posts/t/\]' content/posts/t2.md
  grep -q 'Body <https://example.org/posts/t2/>' content/posts/t2.md
  grep -q 'See \[x\](/posts/t2/)' content/posts/c.md
  run "$RRM" mv content/posts/c.md content/posts/c2.md
  [ "$status" -eq 0 ]
  # every line of the CRLF file still ends in CRLF, the new alias line too
  [ "$(grep -c $'\r$' content/posts/c2.md)" -eq "$(wc -l < content/posts/c2.md)" ]
  grep -q $'^  - /posts/c/\r$' content/posts/c2.md
  grep -qx 'aliases: ~' content/posts/o.md
  for f in content/posts/*.md; do [ -s "$f" ]; done
  run "$RRM" lint
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" != *"front-matter/"* && "$output" != *"link/"* ]]
  # ~ as the value: the list in its place
  printf -- '---\ntitle: Null aliases\naliases: ~\n---\nx\n' > content/posts/n.md
  run "$RRM" mv content/posts/n.md content/posts/n2.md
  [ "$status" -eq 0 ]
  grep -qx 'aliases: \[/posts/n/\]' content/posts/n2.md
}

@test "mv of a bundle rewrites the links to its files by URL too (root, absolute, ?query, HTML)" {
  rm -rf "$BATS_TEST_TMPDIR/bu" && mkdir -p "$BATS_TEST_TMPDIR/bu/content/posts/bundle-post" "$BATS_TEST_TMPDIR/bu/content/other" && cd "$BATS_TEST_TMPDIR/bu"
  printf 'base_url: https://example.org/\ncontent_dir: content\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
  printf -- '---\ntitle: Bundle post\n---\n![p](pic.png)\n' > content/posts/bundle-post/index.md
  printf 'PNG' > content/posts/bundle-post/pic.png
  printf -- '---\ntitle: Other page\n---\n![a](/posts/bundle-post/pic.png) ![b](https://example.org/posts/bundle-post/pic.png) ![c](/posts/bundle-post/pic.png?v=2) <img src="/posts/bundle-post/pic.png"> [page](/posts/bundle-post/)\n' > content/other/o.md
  run "$RRM" mv content/posts/bundle-post content/deep/new/bundle2
  [ "$status" -eq 0 ]
  grep -qF '![a](/deep/new/bundle2/pic.png) ![b](https://example.org/deep/new/bundle2/pic.png) ![c](/deep/new/bundle2/pic.png?v=2) <img src="/deep/new/bundle2/pic.png"> [page](/deep/new/bundle2/)' content/other/o.md
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [[ "$output" != *"link/"* ]]
}

@test "mv refuses a URL where the site serves a static page (static/foo/index.html)" {
  rm -rf "$BATS_TEST_TMPDIR/st" && mkdir -p "$BATS_TEST_TMPDIR/st/content" "$BATS_TEST_TMPDIR/st/static/foo" && cd "$BATS_TEST_TMPDIR/st"
  printf 'content_dir: content\nstatic_dir: static\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
  printf -- '---\ntitle: Some page\n---\nx\n' > content/s.md
  printf '<html></html>' > static/foo/index.html
  run "$RRM" mv content/s.md content/foo.md
  [ "$status" -eq 1 ]
  [[ "$output" == *"would have the URL /foo/, where the site already serves a file; nothing written"* ]]
  [ -f content/s.md ] && [ ! -e content/foo.md ]
}
