#!/usr/bin/env bats
# rrm lint --shard K/N: each shard indexes the whole site and checks the
# articles whose path hashes to it; the N reports (JSON, SARIF) merge to the
# unsharded one (a shard looks up no spelling suggestions: the unsharded run
# to compare is --no-suggest): the findings of every article exactly once, in
# path order.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  cp -r "$RRM_SOURCE/tests/e2e/fix/site" site
  cp -r "$RRM_SOURCE/examples/content/." site/content/
  cd site
}

# merge FORMAT FILES...: the findings (JSON) or results (SARIF) of the shard
# reports, stably sorted by path, and the sum of the summaries
merge() {
  python3 - "$@" <<'PY'
import json, sys
fmt, files = sys.argv[1], sys.argv[2:]
docs = [json.load(open(f)) for f in files]
if fmt == "json":
    out = dict(docs[0])
    out["findings"] = sorted((x for d in docs for x in d["findings"]), key=lambda x: x["path"].encode())
    out["summary"] = {k: sum(d["summary"][k] for d in docs) for k in docs[0]["summary"]}
else:
    out = json.loads(json.dumps(docs[0]))
    key = lambda r: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].encode()
    out["runs"][0]["results"] = sorted((r for d in docs for r in d["runs"][0]["results"]), key=key)
print(json.dumps(out, sort_keys=True))
PY
}

canon() {
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$1"
}

@test "three shards of JSON merge to the unsharded report, each article checked once" {
  "$RRM" lint --no-suggest --format json > all.json 2> /dev/null || true
  [ "$(canon all.json | grep -c '"findings": \[\]')" -eq 0 ]
  for k in 1 2 3; do
    "$RRM" lint --format json --shard $k/3 > s$k.json 2> /dev/null || true
  done
  [ "$(merge json s1.json s2.json s3.json)" = "$(canon all.json)" ]
  # every shard checked some files, and none twice
  for k in 1 2 3; do
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["files"] >= 1, s' s$k.json
  done
}

@test "SARIF shards merge to the unsharded SARIF" {
  "$RRM" lint --no-suggest --format sarif > all.sarif 2> /dev/null || true
  for k in 1 2; do
    "$RRM" lint --format sarif --shard $k/2 > s$k.sarif 2> /dev/null || true
  done
  [ "$(merge sarif s1.sarif s2.sarif)" = "$(canon all.sarif)" ]
}

@test "a shard still sees the whole site: a link into another shard is not dead" {
  # every shard of 5 reports no dead link that the unsharded run does not
  "$RRM" lint --no-suggest --format json > all.json 2> /dev/null || true
  for k in 1 2 3 4 5; do
    "$RRM" lint --format json --shard $k/5 > s$k.json 2> /dev/null || true
  done
  [ "$(merge json s1.json s2.json s3.json s4.json s5.json)" = "$(canon all.json)" ]
}

@test "--shard 1/1 is the whole run; bad values are usage errors" {
  "$RRM" lint --no-suggest --format json > all.json 2> /dev/null || true
  "$RRM" lint --format json --shard 1/1 > one.json 2> /dev/null || true
  cmp all.json one.json
  for bad in 0/3 4/3 3 a/b 1/0 -1/2 1/-2 '1/3x' 1/10001; do
    run "$RRM" lint --shard "$bad"
    [ "$status" -eq 2 ]
    [[ "$output" == *"--shard: '$bad' is not K/N"* ]]
  done
}
