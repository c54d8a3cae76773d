#!/usr/bin/env bats
# rrm new, rrm init, rrm dict: nothing overwritten, nothing half-written, and
# what they write passes rrm lint.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  mkdir site && cd site
  "$RRM" init > /dev/null
}

@test "init creates a site; init again refuses and writes nothing" {
  for f in rrm.yml dict/house.dic templates/post.md .pre-commit-config.yaml; do [ -f "$f" ]; done
  for d in content static; do [ -d "$d" ]; done
  echo "# mine" >> rrm.yml
  before=$(sha256sum rrm.yml)
  run "$RRM" init
  [ "$status" -eq 1 ]
  [[ "$output" == *"rrm.yml exists"* ]]
  [[ "$output" == *"nothing written"* ]]
  [ "$(sha256sum rrm.yml)" = "$before" ]
  mkdir ../other && run "$RRM" init ../other
  [ "$status" -eq 0 ]
  [ -f ../other/rrm.yml ]
}

@test "init && new && lint passes" {
  run "$RRM" new --author "Ann Lee" "X"
  [ "$status" -eq 0 ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "new without --date: now in the site's time zone, with its offset" {
  for zone in Asia/Kathmandu America/St_Johns UTC; do
    sed -i "s|^timezone: .*|timezone: $zone|" rrm.yml
    t0=$(date +%s)
    out=$("$RRM" new --author A "Zone $RANDOM$RANDOM")
    t1=$(date +%s)
    got=$(sed -n 's/^date: //p' "$out")
    # an instant between the two (a loaded machine may take seconds), written
    # as the zone writes it then: local time and offset
    at=$(date -d "$got" +%s)
    want=$(TZ=$zone date -d "@$at" +%Y-%m-%dT%H:%M:%S%:z)
    [ "$at" -ge "$t0" ] && [ "$at" -le "$t1" ] && [ "$got" = "$want" ] ||
      { echo "$zone: got $got ($at), want $want between $t0 and $t1" >&2; false; }
  done
  [[ "$got" == *"+00:00" ]]
}

@test "new prints only the path, and the file passes lint, for nasty titles" {
  # the title is written as given: the straight quotes of two of them are the
  # house style's (quotes: curly, from rrm init) to report, and nothing else
  titles=(
    "Iran’s “red lines”: talks – again"
    'A "quoted" title: with colons: and # hashes'
    "Émigrés & exiles in Paris"
    "🎉 Party time! 100% sure?"
    "Back\\slash and {braces} [brackets] *stars*"
    "Xi Jinping 习近平 visits — again"
    "'single' quotes and ‘curly’ ones"
  )
  for t in "${titles[@]}"; do
    out=$("$RRM" new --author "Ann O’Neil: \"AO\"" "$t")
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
    [ -f "$out" ]
    grep -q '^title: ' "$out"
  done
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ "$(printf '%s\n' "$output" | grep -c ':2:[0-9]*: warning: straight quote .* \[style/quotes\]$')" -eq 4 ]
  [ "$(printf '%s\n' "$output" | grep -vc 'style/quotes\|^rrm: 0 errors, 4 warnings')" -eq 0 ]
}

@test "new: the slug, path and date follow new.path and --date" {
  run "$RRM" new --author A --date 2024-02-29 "Émigrés’ return"
  [ "$status" -eq 0 ]
  [ "$output" = "content/posts/2024/02/emigres-return.md" ]
  grep -q '^date: 2024-02-29$' "$output"
  grep -q '^slug: emigres-return$' "$output"
  run "$RRM" new --author A --date 2024-02-30 "Bad date"
  [ "$status" -eq 2 ]
  run "$RRM" new --author A --slug My_Slug "Bad slug"
  [ "$status" -eq 2 ]
  run "$RRM" new --author A "العراق"
  [ "$status" -eq 2 ]
  [[ "$output" == *"--slug"* ]]
  run "$RRM" new --author A --slug iraq "العراق"
  [ "$status" -eq 0 ]
}

@test "new refuses an existing file, slug or URL, and changes nothing" {
  path=$("$RRM" new --author A --date 2025-01-01 "Same title")
  echo "my edits" >> "$path"
  before=$(sha256sum "$path")
  run "$RRM" new --author A --date 2025-01-01 "Same title"
  [ "$status" -eq 1 ]
  [[ "$output" == *"exists"* ]]
  [ "$(sha256sum "$path")" = "$before" ]
  # the same slug in another month: another file, but the slug is taken
  run "$RRM" new --author A --date 2025-03-01 --slug same-title "Other title"
  [ "$status" -eq 1 ]
  [[ "$output" == *"already has this slug"* ]]
  [ ! -e content/posts/2025/03/same-title.md ]
}

@test "new: a page bundle's slug is its folder's name, as in its URL" {
  mkdir -p content/trips/2024-01-05-trip-to-x
  printf -- '---\ntitle: "Trip to X"\ndate: 2024-01-05\nauthor: A\n---\n\nText.\n' \
    > content/trips/2024-01-05-trip-to-x/index.md
  run "$RRM" new --author A --date 2025-01-01 "Trip to X"
  [ "$status" -eq 1 ]
  [[ "$output" == *"content/trips/2024-01-05-trip-to-x/index.md already has this slug"* ]]
  [ ! -e content/posts/2025/01/trip-to-x.md ]
  run "$RRM" new --author A --date 2025-01-01 "Trip to Y"
  [ "$status" -eq 0 ]
  [ "$output" = "content/posts/2025/01/trip-to-y.md" ]
}

@test "new --format json: the result and every refusal as one JSON report on standard output" {
  run --separate-stderr "$RRM" new --format json --author A --date 2025-01-01 "Same title"
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["findings"] == [] and d["summary"]["errors"] == 0, d
assert d["created"] == "content/posts/2025/01/same-title.md", d
' "$output"
  [ -f content/posts/2025/01/same-title.md ]
  # a refusal: the same exit status as in text, the message as in text
  run "$RRM" new --author A --date 2025-01-01 "Same title"
  [ "$status" -eq 1 ]
  text_message=${output#rrm: }
  run --separate-stderr "$RRM" new -f json --author A --date 2025-01-01 "Same title"
  [ "$status" -eq 1 ]
  [ -z "$stderr" ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
[f] = d["findings"]
assert f["rule"] is None and f["path"] is None and f["severity"] == "error", f
assert f["message"] == sys.argv[2], (f, sys.argv[2])
assert d["summary"]["errors"] == 1 and "created" not in d, d
' "$output" "$text_message"
  # --dry-run: the text in the report, nothing written
  run --separate-stderr "$RRM" new -f json -n --author A --date 2025-01-02 "Dry"
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["dry_run"] is True and d["text"].startswith("---\ntitle: \"Dry\"\n"), d
' "$output"
  [ ! -e content/posts/2025/01/dry.md ]
  # front matter that fails lint: the findings with their rules
  sed -i 's|^  required: \[|  required: [summary, |' rrm.yml
  run --separate-stderr "$RRM" new -f json --author A "Fails"
  [ "$status" -eq 2 ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
rules = [f["rule"] for f in d["findings"]]
assert None in rules and len(rules) >= 2, d
' "$output"
  run "$RRM" new -f yaml "X"
  [ "$status" -eq 2 ]
  [[ "$output" == *"--format: 'yaml' is not one of text, json"* ]]
}

@test "new --format json: an error of rrm.yml is a finding of the report, its text as lint prints it" {
  printf 'content_dir: [a\n' >> rrm.yml
  run "$RRM" new --author A "Title"
  [ "$status" -eq 2 ]
  [[ "${lines[0]}" == rrm.yml:*:*": error: "* ]]
  run --separate-stderr "$RRM" new --format json --author A "Title"
  [ "$status" -eq 2 ]
  [ -z "$stderr" ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
[f] = d["findings"]
assert f["rule"] is None and f["path"] == "rrm.yml" and f["line"] > 0, f
' "$output"
}

@test "new --dry-run writes nothing; --draft marks a draft" {
  run "$RRM" new --author A --dry-run --draft "Dry run"
  [ "$status" -eq 0 ]
  [[ "$output" == *"draft: true"* ]]
  [ -z "$(find content -name '*.md')" ]
  path=$("$RRM" new --author A --draft "A draft")
  grep -q '^draft: true$' "$path"
}

@test "new --edit runs the editor on the new file" {
  run env VISUAL= EDITOR='sh -c "echo edited >> \"\$1\"" sh' "$RRM" new --author A --edit "Edit me"
  [ "$status" -eq 0 ]
  grep -q '^edited$' "${lines[0]}"
}

@test "new from the schema when there is no template" {
  sed -i 's|^  template: templates/post.md|  # no template|' rrm.yml
  path=$("$RRM" new --author "A B" "From the schema")
  grep -q '^categories: \["News"\]$' "$path"
  grep -q '^draft: false$' "$path"
  run "$RRM" lint
  [ "$status" -eq 0 ]
}

@test "new: an interrupted write or a full disk leaves no file" {
  run env RRM_FAULT=write "$RRM" new --author A "Interrupted"
  [ "$status" -eq 2 ]
  [[ "$output" == *"nothing written"* ]]
  [ -z "$(find content -type f)" ]
  run env RRM_FAULT=enospc "$RRM" new --author A "Disk full"
  [ "$status" -eq 2 ]
  [[ "$output" == *"No space left on device"* ]]
  [ -z "$(find content -type f)" ]
}

@test "new: a folder it cannot write to gives a clear error and leaves nothing" {
  if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv > /dev/null || skip "needs setpriv to drop root"
    chmod -R a+rX "$BATS_TEST_TMPDIR"
    mkdir -p content/posts && chmod 755 content/posts
    run setpriv --reuid=65534 --regid=65534 --clear-groups "$RRM" new --author A "Read only"
  else
    mkdir -p content/posts && chmod a-w content/posts
    run "$RRM" new --author A "Read only"
    chmod u+w content/posts
  fi
  [ "$status" -eq 2 ]
  [[ "$output" == *"Permission denied"* ]]
  [ -z "$(find content -type f)" ]
}

@test "new: a path outside the site is refused" {
  sed -i 's|^  path: content/posts/:year/:month/:slug.md|  path: ../outside/:slug.md|' rrm.yml
  run "$RRM" new --author A "Escape"
  [ "$status" -eq 2 ]
  [[ "$output" == *"outside the site"* ]]
  [ ! -e ../outside ]
}

@test "dict add keeps the file sorted, without repeats, comments kept" {
  printf '# house words\n\nzebra\n# about Apple\nApple\n' > dict/house.dic
  run "$RRM" dict add Soleimani apple Apple zebra
  [ "$status" -eq 0 ]
  [ "$(cat dict/house.dic)" = "$(printf '# house words\n\n# about Apple\nApple\napple\nSoleimani\nzebra')" ]
  run "$RRM" dict add "two words"
  [ "$status" -eq 2 ]
  run "$RRM" dict add $'bad\x01word'
  [ "$status" -eq 2 ]
}

@test "dict add: a failed write leaves the old file intact" {
  printf 'zebra\n' > dict/house.dic
  run env RRM_FAULT=write "$RRM" dict add Apple
  [ "$status" -eq 2 ]
  [[ "$output" == *"the old file is unchanged"* ]]
  [ "$(cat dict/house.dic)" = "zebra" ]
  [ -z "$(find dict -name '.rrm-tmp-*')" ]
}

@test "dict add --from-lint adds what lint reports, and needs --yes without a terminal" {
  mkdir -p content/posts
  printf -- '---\ntitle: "Talks"\ndate: 2026-01-01\nauthor: A\n---\n\nAraghchi met Qaani.\n' > content/posts/t.md
  run "$RRM" dict add --from-lint
  [ "$status" -eq 2 ]
  [[ "$output" == *"give --yes"* ]]
  run "$RRM" dict add --from-lint --yes content/posts/t.md
  [ "$status" -eq 0 ]
  grep -qx Araghchi dict/house.dic
  grep -qx Qaani dict/house.dic
  run "$RRM" lint
  [ "$status" -eq 0 ]
}

@test "dict check reports repeats, order and words hunspell knows" {
  printf '# house\nzebra\nSoleimani\nSoleimani\n' > dict/house.dic
  run "$RRM" dict check
  [ "$status" -eq 1 ]
  [[ "$output" == *"dict/house.dic:3:1: warning: 'Soleimani' is out of order"* ]]
  [[ "$output" == *"dict/house.dic:4:1: warning: 'Soleimani' repeats line 3"* ]]
  [[ "$output" == *"dict/house.dic:2:1: warning: 'zebra' is in the en_GB dictionary already"* ]]
  printf 'Araghchi\nSoleimani\n' > dict/house.dic
  run "$RRM" dict check
  [ "$status" -eq 0 ]
}

@test "dict check: rule ids, --format json, github and sarif, and rrm.yml's rules" {
  printf '# house\nzebra\nSoleimani\nSoleimani\n  zz/M\n' > dict/house.dic
  run "$RRM" dict check
  [ "$status" -eq 1 ]
  [ "$output" = "$(printf '%s\n' \
    "dict/house.dic:2:1: warning: 'zebra' is in the en_GB dictionary already [dict/known]" \
    "dict/house.dic:3:1: warning: 'Soleimani' is out of order (after 'zebra'; run rrm dict add to sort) [dict/order]" \
    "dict/house.dic:4:1: warning: 'Soleimani' repeats line 3 [dict/repeat]" \
    "dict/house.dic:5:3: error: 'zz/M' is not a dictionary word [dict/invalid]")" ]
  "$RRM" dict check --format json > out.json || status=$?
  [ "$status" -eq 1 ]
  python3 - out.json <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
rules = [f["rule"] for f in log["findings"]]
assert rules == ["dict/known", "dict/order", "dict/repeat", "dict/invalid"], rules
assert log["summary"] == {"files": 1, "errors": 1, "warnings": 3}, log["summary"]
bad = log["findings"][3]
assert (bad["line"], bad["column"], bad["end_column"], bad["severity"]) == (5, 3, 7, "error"), bad
PY
  run env GITHUB_STEP_SUMMARY="$BATS_TEST_TMPDIR/summary.md" "$RRM" dict check -f github
  [ "$status" -eq 1 ]
  grep -q '^### rrm dict: 1 error, 3 warnings' "$BATS_TEST_TMPDIR/summary.md"
  grep -q 'dict/invalid' "$BATS_TEST_TMPDIR/summary.md"
  [[ "${lines[0]}" == "::error file=dict/house.dic,line=5,col=3,endLine=5,endColumn=7,title=dict/invalid::'zz/M' is not a dictionary word" ]]
  [[ "${lines[1]}" == "::warning file=dict/house.dic,line=2,col=1,"*"title=dict/known::"* ]]
  "$RRM" dict check --format=sarif > out.sarif || status=$?
  python3 - out.sarif <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert ids == ["dict/invalid", "dict/repeat", "dict/order", "dict/known"], ids
assert all(r["helpUri"].endswith("rrm-dict.1.html#" + r["id"]) for r in rules)
assert [r["ruleId"] for r in run["results"]] == ["dict/known", "dict/order", "dict/repeat", "dict/invalid"]
for r in run["results"]:
    assert ids[r["ruleIndex"]] == r["ruleId"], r
    assert len(r["partialFingerprints"]["rrm/v1"]) == 16
PY
  if [ -n "${RRM_SARIF_SCHEMA:-}" ] && [ -f "$RRM_SARIF_SCHEMA" ]; then
    /usr/bin/python3 -m jsonschema -i out.sarif "$RRM_SARIF_SCHEMA"
  fi
  # lint's SARIF lists lint's rules only, as before
  "$RRM" lint --format sarif > lint.sarif 2> /dev/null || true
  ! grep -q 'dict/' lint.sarif
  run "$RRM" dict check --format words
  [ "$status" -eq 2 ]
  [[ "$output" == *"'words' is not one of text, json, github, sarif"* ]]
  # the rules map of rrm.yml changes their severities
  sed -i 's|^rules:|rules:\n  dict/known: off\n  dict/order: error|' rrm.yml
  run "$RRM" dict check
  [ "$status" -eq 1 ]
  [[ "$output" != *"dict/known"* ]]
  [[ "$output" == *"dict/house.dic:3:1: error: 'Soleimani' is out of order"* ]]
  rm dict/house.dic
  run "$RRM" dict check --format json
  [ "$status" -eq 0 ]
  [[ "$output" == *'"summary":{"files":0,"errors":0,"warnings":0}'* ]]
}

# One reader for every house word file (lib/dict.c): before it, rrm dict took
# only lines that start with '#' for comments and knew no byte order mark, so
# dict check called 'Qaani  # the general' (and the first line here) not
# dictionary words while the spelling check read Qaani; and it said nothing of
# a comment line that is not UTF-8, for which the spelling check refuses the file.
@test "a comment after a word, a byte order mark: lint and dict read them the same way" {
  mkdir -p content/posts
  printf -- '---\ntitle: "Talks"\ndate: 2026-01-01\nauthor: A\n---\n\nAraghchi met Qaani and Bagheri.\n' > content/posts/t.md
  printf '\xef\xbb\xbf# house words\nAraghchi\nQaani  # the general\n' > dict/house.dic
  run "$RRM" lint
  [ "$status" -eq 1 ]
  [[ "$output" == *"'Bagheri'"* ]]
  [[ "$output" != *"'Qaani'"* ]]
  run "$RRM" dict check
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  run "$RRM" dict add Bagheri Qaani
  [ "$status" -eq 0 ]
  [ "$(cat dict/house.dic)" = "$(printf '\xef\xbb\xbf# house words\nAraghchi\nBagheri\nQaani  # the general')" ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
  printf 'Araghchi\n# caf\xe9\nQaani\n' > dict/house.dic
  run "$RRM" lint
  [ "$status" -eq 2 ]
  [[ "$output" == *"dict/house.dic:2:1: error: not valid UTF-8"* ]]
  run "$RRM" dict check
  [ "$status" -eq 1 ]
  [ "$output" = "dict/house.dic:2:1: error: the line is not valid UTF-8 [dict/invalid]" ]
}

@test "dict add refuses a word the spelling check would refuse: longer than 100 bytes" {
  printf 'zebra\n' > dict/house.dic
  run "$RRM" dict add "$(printf 'a%.0s' {1..101})"
  [ "$status" -eq 2 ]
  [[ "$output" == *"at most 100 bytes"* ]]
  [ "$(cat dict/house.dic)" = "zebra" ]
  run "$RRM" dict add "$(printf 'a%.0s' {1..100})"
  [ "$status" -eq 0 ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
}

@test "dict add on 100,000 words keeps them sorted" {
  awk 'BEGIN { srand(7); for (i = 0; i < 100000; i++) { w = ""; n = 4 + int(rand() * 8);
       for (k = 0; k < n; k++) w = w sprintf("%c", 97 + int(rand() * 26)); print w } }' > dict/house.dic
  run "$RRM" dict add Newword
  [ "$status" -eq 0 ]
  LC_ALL=C sort -f -c dict/house.dic
  grep -qx Newword dict/house.dic
}

@test "new in the full sample site: its template, its schema, lint clean" {
  cd "$BATS_TEST_TMPDIR"
  cp -a "$RRM_SOURCE/examples" full
  cd full
  path=$("$RRM" new --author "Staff Writer" --date 2026-05-02 "Iraq’s “new” government: a first look")
  [ "$path" = "content/posts/2026/05/iraqs-new-government-a-first-look.md" ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  # a slug the sample site has already
  run "$RRM" new --author A --slug sudan-ceasefire-talks "Sudan again"
  [ "$status" -eq 1 ]
  [[ "$output" == *"sudan-ceasefire-talks.md already has this"* ]]
}
