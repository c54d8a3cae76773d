#!/usr/bin/env bats
# --staged and --changed in throw-away git repositories: what is linted, which
# contents, and the links in unchanged articles that a change breaks.

load helpers

setup() {
  command -v git > /dev/null || skip "needs git"
  cd "$BATS_TEST_TMPDIR"
  mkdir repo && cd repo
  git init -q
  git config user.email rrm@example.org
  git config user.name "rrm tests"
  # the site is a subfolder with a space in its name
  mkdir "the site" && cd "the site"
  "$RRM" init > /dev/null
  sed -i 's|^  spelling/unknown-word: error|  spelling/unknown-word: off|' rrm.yml
  mkdir -p content/posts
  art content/posts/target.md "Target" 2026-01-01 target "## Background"
  art content/posts/linker.md "Linker" 2026-01-02 linker "See [the target](/2026/01/target/#background)."
  git add -A && git commit -qm start
}

# art FILE TITLE DATE SLUG BODY
art() {
  printf -- '---\ntitle: "%s"\ndate: %s\nauthor: A\nslug: %s\n---\n\n%s\n' "$2" "$3" "$4" "$5" > "$1"
}

@test "nothing staged: silent, exit 0" {
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "the staged version is linted, not the working tree" {
  art content/posts/new.md "New one" 2026-02-01 new "A [dead link](/nowhere/)."
  git add content/posts/new.md
  art content/posts/new.md "New one" 2026-02-01 new "Fixed in the working tree only."
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "content/posts/new.md:8:15: error: dead link: /nowhere/ "* ]]
  # unstaged changes alone are not linted
  git reset -q
  git add content/posts/new.md
  git commit -qm new
  art content/posts/new.md "New one" 2026-02-01 new "Broken again [x](/nope/)."
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "a removed heading breaks an anchor in an unchanged article" {
  sed -i 's/## Background/## History/' content/posts/target.md
  git add content/posts/target.md
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [ "${lines[0]}" = "content/posts/linker.md:8:18: error: no anchor '#background' in content/posts/target.md (closest: '#history') (broken by the change to content/posts/target.md) [link/anchor]" ]
}

@test "only the unchanged articles that may link to the change are parsed" {
  art content/posts/other.md "Other" 2026-01-03 other "Nothing to see."
  git add -A && git commit -qm other
  sed -i 's/## Background/## History/' content/posts/target.md
  git add content/posts/target.md
  run "$RRM" lint --staged --stats
  [ "$status" -eq 1 ]
  # target (checked) and linker (it names it); other holds no name of it
  [[ "$output" == *"1 files checked, 3 indexed, 2 parsed;"* ]]
  [[ "$output" == *"content/posts/linker.md:8:18: error: no anchor '#background'"* ]]
  # with --cache every article is read whole, for the next run: the same findings
  run "$RRM" lint --staged --cache "$BATS_TEST_TMPDIR/cache" --stats
  [ "$status" -eq 1 ]
  [[ "$output" == *"3 indexed, 3 parsed;"* ]]
  [[ "$output" == *"content/posts/linker.md:8:18: error: no anchor '#background'"* ]]
}

@test "links that reach a change without naming its file: a redirect rule, percent-encoding; a bundle head reaches all" {
  mkdir -p static content/guide
  printf -- '/old-place /2026/01/target/ 301\n/older/* /2026/01/target/ 301\n' > static/_redirects
  art content/posts/ruled.md "Ruled" 2026-01-05 ruled "Via [the rule](/old-place#background)."
  art content/posts/wild.md "Wild" 2026-01-06 wild "Via [a wildcard](/older/anything#background)."
  art content/posts/caf.md "Cafe" 2026-01-07 café "## Menu"
  art content/posts/diner.md "Diner" 2026-01-08 diner "See [the menu](/2026/01/caf%C3%A9/#menu)."
  art content/posts/other.md "Other" 2026-01-09 other "Nothing to see."
  git add -A && git commit -qm more
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  # a heading renamed in each target
  sed -i 's/## Background/## History/' content/posts/target.md
  sed -i 's/## Menu/## Carte/' content/posts/caf.md
  git add -A
  run "$RRM" lint --staged --stats
  [ "$status" -eq 1 ]
  [[ "$output" == *"content/posts/ruled.md:8:16: error: no anchor '#background'"* ]]
  [[ "$output" == *"content/posts/diner.md:8:16: error: no anchor '#menu'"* ]]
  [[ "$output" == *"content/posts/linker.md:8:18: error: no anchor '#background'"* ]]
  [[ "$output" == *"content/posts/wild.md:8:18: error: no anchor '#background'"* ]]
  # a wildcard rule leads to a changed article: any link may reach it, every article is parsed
  [[ "$output" == *"2 files checked, 7 indexed, 7 parsed;"* ]]
  # without it, the two changed and the three that reach them; not other.md nor wild.md
  printf -- '/old-place /2026/01/target/ 301\n' > static/_redirects
  run "$RRM" lint --staged --stats
  [[ "$output" == *"2 files checked, 7 indexed, 5 parsed;"* ]]
  # the same findings as when every article is read
  lazy=$("$RRM" lint --staged --format json || true)
  eager=$("$RRM" lint --staged --format json --cache "$BATS_TEST_TMPDIR/c2" || true)
  [ "$lazy" = "$eager" ]
  # a section's head (its cascade, its folder's URL) may reach every article
  git commit -qm renamed
  art content/guide/_index.md "Guide" 2026-01-01 guide "Guides."
  git add -A
  run "$RRM" lint --staged --stats
  [[ "$output" == *"1 files checked, 8 indexed, 8 parsed;"* ]]
}

@test "on the real otel site, a change's inbound findings are the same when only the articles that may link to it are parsed" {
  cd "$BATS_TEST_TMPDIR"
  corpus otel en_US
  cd otel-en_US
  git init -q && git add -A && git commit -qm otel
  # headings renamed in two much-linked articles, a third deleted, a fourth given a new slug
  sed -i 's/^## /## Renamed /' content/docs/collector/configuration.md content/docs/concepts/signals/traces.md
  git rm -q content/docs/languages/java/api.md
  sed -i '0,/^title:/s//slug: moved\ntitle:/' content/docs/languages/python/api.md
  git add -A
  line=$("$RRM" lint --staged -j2 --format json --stats 2>&1 > lazy.json | grep '^rrm: stats:') || true
  "$RRM" lint --staged --format json --cache cache > eager.json || true
  cmp lazy.json eager.json
  # with two threads, the changed articles and their suggestions are done beside the index;
  # with one, after it: the same report
  "$RRM" lint --staged -j1 --format json > j1.json || true
  cmp lazy.json j1.json
  grep -q '"suggestions":\["' lazy.json
  grep -q 'broken by the change' lazy.json
  [[ $line =~ ([0-9]+)\ indexed,\ ([0-9]+)\ parsed ]]
  echo "$line"
  [ "${BASH_REMATCH[2]}" -lt "${BASH_REMATCH[1]}" ]
}

@test "deleting an article breaks the links to it" {
  git rm -q content/posts/target.md
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "content/posts/linker.md:8:18: error: dead link: /2026/01/target/#background"*"(broken by the change to content/posts/target.md) [link/dead]" ]]
}

@test "a changed slug or date breaks links; a rename that keeps the URL does not" {
  git mv content/posts/target.md content/posts/target-renamed.md
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  sed -i 's/^slug: target$/slug: target-two/' content/posts/target-renamed.md
  git add -A
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "$output" == *"content/posts/linker.md:8:18: error: dead link"* ]]
  git reset -q --hard
  sed -i 's/^date: 2026-01-01$/date: 2025-12-31/' content/posts/target.md
  git add -A
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "$output" == *"[link/dead]"* ]]
}

@test "a new slug that keeps the old URL as an alias: link/alias, when on, says the change made it old" {
  # the permalink is /:year/:month/:slug/: the old URL becomes an alias
  printf -- '---\ntitle: "Target"\ndate: 2026-01-01\nauthor: A\nslug: target-two\naliases: [/2026/01/target/]\n---\n\n## Background\n' > content/posts/target.md
  git add -A
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  sed -i 's|^  spelling/unknown-word: off$|&\n  link/alias: warning|' rrm.yml
  git add rrm.yml
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "content/posts/linker.md:8:18: warning: '/2026/01/target/#background' is an alias of /2026/01/target-two/; link to the current URL (made an old URL by the change to content/posts/target.md) [link/alias]" ]
  run "$RRM" lint --staged --format json
  [[ "$output" == *'"suggestions":["/2026/01/target-two/#background"]'* ]]
}

@test "old problems in unchanged articles are not reported" {
  art content/posts/old.md "Old" 2026-01-03 old "An old [dead link](/gone/)."
  git add -A && git commit -qm old
  art content/posts/other.md "Other" 2026-01-04 other "Fine."
  git add -A
  run "$RRM" lint --staged
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "file names with spaces and non-ASCII" {
  art "content/posts/ümlaut and space.md" "Ümlaut" 2026-03-01 umlaut "A [dead](/nope/) link."
  git add -A
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "content/posts/ümlaut and space.md:8:10: error: dead link: /nope/"* ]]
}

@test "--changed: against a ref, and against the default merge base" {
  git checkout -q -b topic
  art content/posts/new.md "New" 2026-04-01 new "A [dead](/nope/) link."
  git add -A && git commit -qm topic
  run "$RRM" lint --changed=HEAD~1
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == content/posts/new.md:8:10:* ]]
  # no upstream and no origin: against HEAD, so nothing has changed
  run "$RRM" lint --changed
  [ "$status" -eq 0 ]
  run "$RRM" lint --changed=no-such-ref
  [ "$status" -eq 2 ]
}

@test "outside a repository: a clear error" {
  rm -rf "$BATS_TEST_TMPDIR/repo/.git"
  run "$RRM" lint --staged
  [ "$status" -eq 2 ]
  [[ "$output" == *"not in a git repository"* ]]
}

@test "a Hugo site's mounted file: staged, linted under its real path; a change there breaks links" {
  cd "$BATS_TEST_TMPDIR/repo"
  mkdir hugo && cd hugo
  printf '[[module.mounts]]\nsource = "content"\ntarget = "content"\n[[module.mounts]]\nsource = "docs-src"\ntarget = "content/docs"\n' > hugo.toml
  mkdir -p content docs-src
  printf -- '---\ntitle: Home\n---\n\nSee [install](/docs/install/#setup).\n' > content/_index.md
  printf -- '---\ntitle: Install\n---\n\n## Setup\n' > docs-src/install.md
  git add -A && git commit -qm hugo
  run "$RRM" lint
  [ "$status" -eq 0 ]
  printf -- '---\ntitle: Install\n---\n\n## Set-up\n\nA [dead link](/nowhere/).\n' > docs-src/install.md
  git add docs-src/install.md
  run "$RRM" lint --staged
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "content/_index.md:5:15: error: no anchor '#setup' in docs-src/install.md (closest: '#set-up') (broken by the change to docs-src/install.md)"* ]]
  [[ "${lines[1]}" == "docs-src/install.md:7:15: error: dead link: /nowhere/ "* ]]
  # the same file named on the command line
  run "$RRM" lint docs-src/install.md
  [ "$status" -eq 1 ]
  [[ "${lines[0]}" == "docs-src/install.md:7:15: error: dead link: /nowhere/ "* ]]
}
