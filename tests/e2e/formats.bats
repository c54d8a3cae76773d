#!/usr/bin/env bats
# --format github and sarif, and baselines.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  mkdir -p repo/.git repo/site/content
  cd repo/site
  printf 'front_matter:\n  required: [title]\n  fields:\n    title: {type: string, pattern: "^[A-Z]"}\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
}

@test "github: workflow commands with escaped properties and message, paths from the repository root" {
  printf -- '---\ntitle: "100%%, really: yes"\n---\n' > "content/we, them: 100%.md"
  run "$RRM" lint --format github
  [ "$status" -eq 1 ]
  [ "${lines[0]}" = "::error file=site/content/we%2C them%3A 100%25.md,line=2,col=8,endLine=2,endColumn=27,title=front-matter/pattern::title: '100%25, really: yes' does not match the pattern ^[A-Z]" ]
}

@test "github: at most 10 of each kind, then a notice; the summary file gets everything" {
  for i in $(seq 1 12); do printf -- '---\ntitle: lower\nzz: 1\n---\n' > "content/p$i.md"; done
  printf 'front_matter:\n  required: [title]\n  fields:\n    title: {type: string, pattern: "^[A-Z]"}\nrules:\n  spelling/unknown-word: off\n' > rrm.yml
  run env GITHUB_STEP_SUMMARY="$BATS_TEST_TMPDIR/summary.md" "$RRM" lint --format github
  [ "$status" -eq 1 ]
  [ "$(printf '%s\n' "${lines[@]}" | grep -c '^::error ')" -eq 10 ]
  [ "$(printf '%s\n' "${lines[@]}" | grep -c '^::warning ')" -eq 10 ]
  [[ "${lines[20]}" == "::notice title=rrm::2 more errors and 2 more warnings not shown here"* ]]
  # errors come first
  [[ "${lines[0]}" == ::error* && "${lines[10]}" == ::warning* ]]
  grep -q '^### rrm lint: 12 errors, 12 warnings' "$BATS_TEST_TMPDIR/summary.md"
  [ "$(grep -c 'front-matter/pattern\]$' "$BATS_TEST_TMPDIR/summary.md")" -eq 12 ]
}

@test "sarif: valid SARIF 2.1.0, every region with a startLine" {
  printf -- '---\ntitle: lower\n---\n' > content/a.md
  printf -- '---\nother: 1\n---\n' > content/b.md
  status=0
  "$RRM" lint --format sarif > out.sarif 2> /dev/null || status=$?
  [ "$status" -eq 1 ]
  python3 - out.sarif <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
run = log["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "front-matter/pattern" in ids and "link/dead" in ids
results = run["results"]
assert len(results) == 3, results
for r in results:
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("site/content/")
    assert len(r["partialFingerprints"]["rrm/v1"]) == 16
    assert ids[r["ruleIndex"]] == r["ruleId"]
PY
  if [ -n "${RRM_SARIF_SCHEMA:-}" ] && [ -f "$RRM_SARIF_SCHEMA" ]; then
    /usr/bin/python3 -m jsonschema -i out.sarif "$RRM_SARIF_SCHEMA"
  else
    skip "no SARIF schema (RRM_SARIF_SCHEMA); .ci/run fetches it"
  fi
}

@test "sarif: link/alias is a rule that is off by default; when on, its fix is in the result" {
  mkdir -p content/news
  printf -- '---\ntitle: New\naliases: [/old/]\n---\n\n## Top\n' > content/news/new.md
  printf -- '---\ntitle: Linker\n---\n\n[Old](/old/#top)\n' > content/linker.md
  printf 'rules:\n  spelling/unknown-word: off\n  link/alias: warning\n' > rrm.yml
  status=0
  "$RRM" lint --format sarif > out.sarif 2> /dev/null || status=$?
  [ "$status" -eq 0 ]
  python3 - out.sarif <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
alias = rules[ids.index("link/alias")]
assert alias["defaultConfiguration"]["level"] == "none", alias
assert alias["helpUri"].endswith("#link/alias")
(r,) = run["results"]
assert r["ruleId"] == "link/alias" and ids[r["ruleIndex"]] == "link/alias" and r["level"] == "warning"
assert r["message"]["text"] == "'/old/#top' is an alias of /news/new/; link to the current URL", r
assert r["properties"]["suggestions"] == ["/news/new/#top"], r
PY
  if [ -n "${RRM_SARIF_SCHEMA:-}" ] && [ -f "$RRM_SARIF_SCHEMA" ]; then
    /usr/bin/python3 -m jsonschema -i out.sarif "$RRM_SARIF_SCHEMA"
  fi
}

@test "baseline: old findings are forgiven, new ones reported, edits elsewhere do not matter" {
  printf -- '---\ntitle: lower\n---\n\nText.\n' > content/a.md
  run "$RRM" lint --write-baseline baseline.txt
  [ "$status" -eq 1 ]
  grep -q $'\tfront-matter/pattern\tcontent/a.md\t' baseline.txt
  run "$RRM" lint --baseline baseline.txt
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  # an unrelated edit moves the finding down two lines: still forgiven
  printf -- '---\nsubtitle: x\nextra: y\ntitle: lower\n---\n\nMore text.\n' > content/a.md
  sed -i 's/^  required: \[title\]/  required: [title]\n  unknown_keys: off/' rrm.yml
  run "$RRM" lint --baseline baseline.txt
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  # a new problem is reported
  printf -- '---\ntitle: also lower\n---\n' > content/b.md
  run "$RRM" lint --baseline baseline.txt
  [ "$status" -eq 1 ]
  [ "${#lines[@]}" -eq 2 ]
  [[ "${lines[0]}" == content/b.md:2:8:* ]]
}

@test "baseline: a file written by rrm before issue 14 still applies; fingerprints are unchanged" {
  printf -- '---\ntitle: lower\n---\n\nText.\n' > content/a.md
  printf -- '---\ntitle: lower too\n---\n' > content/b.md
  # written by that rrm's --write-baseline, a.md's line only
  printf '# rrm baseline 1: fingerprint, rule, path, message; made by rrm lint --write-baseline\n' > old.txt
  printf "e0f24c7d1b7748dc\tfront-matter/pattern\tcontent/a.md\ttitle: 'lower' does not match the pattern ^[A-Z]\n" >> old.txt
  run "$RRM" lint --baseline old.txt
  [ "$status" -eq 1 ]
  [ "${#lines[@]}" -eq 2 ]
  [[ "${lines[0]}" == content/b.md:2:8:* ]]
  run "$RRM" lint --write-baseline new.txt
  grep -q $'^e0f24c7d1b7748dc\tfront-matter/pattern\tcontent/a.md\t' new.txt
  grep -q $'^1067e044e352bd39\tfront-matter/pattern\tcontent/b.md\t' new.txt
}

@test "json: a link finding's offset counts a byte order mark, as every other finding's does" {
  cd "$BATS_TEST_TMPDIR"
  "$RRM" init > /dev/null
  mkdir -p content/posts
  printf '\xef\xbb\xbf---\ntitle: "Talks in Muscat"\ndate: 2026-01-01\nauthor: A\n---\n\nSee [x](/nowhere/).\n' > content/posts/t.md
  out=$("$RRM" lint -f json 2> /dev/null || true)
  want=$(grep -bo /nowhere/ content/posts/t.md | cut -d: -f1)
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
offsets = [f["offset"] for f in d["findings"] if f["rule"] == "link/dead"]
assert offsets == [int(sys.argv[2])], offsets' "$out" "$want"
}

@test "a large report is written as it is made: text, JSON and SARIF whole and the same as one file at a time" {
  # 3,000 dead links in 30 articles: reports far larger than the 64 KiB that are written at a time
  for a in $(seq -w 1 30); do
    { printf -- '---\ntitle: "A%s"\n---\n\n' "$a"; for i in $(seq 1 100); do printf '[x](/gone-%s-%s/)\n\n' "$a" "$i"; done; } > "content/a$a.md"
  done
  "$RRM" lint --format text > all.txt || [ $? -eq 1 ]
  "$RRM" lint --format json > all.json || [ $? -eq 1 ]
  "$RRM" lint --format sarif > all.sarif || [ $? -eq 1 ]
  [ "$(grep -c 'link/dead' all.txt)" -eq 3000 ]
  [ "$(stat -c %s all.json)" -gt 200000 ]
  python3 -c 'import json,sys; d=json.load(open("all.json")); assert len(d["findings"]) == 3000, len(d["findings"]); assert d["summary"]["errors"] == 3000'
  python3 -c 'import json; d=json.load(open("all.sarif")); assert len(d["runs"][0]["results"]) == 3000'
  # github: 10 of each kind on standard output; the job summary has the whole text report
  GITHUB_STEP_SUMMARY="$PWD/summary.md" "$RRM" lint --format github > gh.txt || [ $? -eq 1 ]
  [ "$(grep -c '^::error ' gh.txt)" -eq 10 ]
  [ "$(wc -l < gh.txt)" -le 12 ]
  grep -q '^### rrm lint: 3000 errors' summary.md
  [ "$(grep -c 'link/dead' summary.md)" -eq 3000 ]
  # each article on its own gives its part of the report, in the same order
  for a in $(seq -w 1 30); do "$RRM" lint --format text "content/a$a.md" | grep 'link/dead' || true; done > each.txt
  grep 'link/dead' all.txt | cmp - each.txt
}
