#!/usr/bin/env bats
# rrm config: the effective configuration, each value's origin, the notes;
# the generator's configuration read before rrm.yml, which overrides it.

load helpers

setup() {
  site="$BATS_TEST_TMPDIR/site"
  mkdir -p "$site/content/posts"
  printf -- '---\ntitle: A\n---\n\nText.\n' > "$site/content/posts/a.md"
}

@test "config: a plain site without rrm.yml shows the defaults" {
  cd "$site"
  run "$RRM" config
  [ "$status" -eq 0 ]
  [[ "$output" == *'default                          generator = "plain"'* ]]
  [[ "$output" == *'default                          content_dir = "content"'* ]]
  [[ "$output" != *"note:"* ]]
}

@test "config: Hugo's keys, case-insensitive, with origins; rrm.yml overrides key by key" {
  cd "$site"
  printf '# Hugo\nBaseUrl = "https://example.org/"\n\n[Permalinks]\n  posts = "/:year/:slug/"\n' > hugo.toml
  run "$RRM" config
  [ "$status" -eq 0 ]
  [[ "$output" == *'hugo.toml:2:1                    base_url = "https://example.org"'* ]]
  [[ "$output" == *'hugo.toml:5:3                    permalink.posts = "/:year/:slug/"'* ]]
  printf 'base_url: https://example.com\n' > rrm.yml
  run "$RRM" config
  [[ "$output" == *'rrm.yml:1:1                      base_url = "https://example.com"'* ]]
  [[ "$output" == *'hugo.toml:5:3                    permalink.posts = "/:year/:slug/"'* ]]
  # from a folder below the root, and with -C
  cd content/posts
  run "$RRM" config
  [[ "$output" == *'rrm.yml:1:1 '* ]]
  cd /
  run "$RRM" -C "$site" config
  [[ "$output" == *'rrm.yml:1:1 '* ]]
}

@test "config: the notes say what rrm cannot honour, once each, after the settings" {
  cd "$site"
  printf 'theme: docsy\ndisableAliases: true\npermalinks:\n  posts: /:year/:2006/\n  blog: /:year/:2006/\n' > hugo.yaml
  run "$RRM" config
  [ "$status" -eq 0 ]
  [[ "$output" == *$'new.slug_max = 60\n\nhugo.yaml:'*": note: "* ]]
  [[ "$output" == *"hugo.yaml:1:1: note: theme: "* ]]
  [[ "$output" == *"hugo.yaml:2:1: note: disableAliases: "* ]]
  [[ "$output" == *"hugo.yaml:4:3: note: permalinks.posts: token :2006 is not modelled"* ]]
  [ "$(grep -c 'theme:' <<< "$output")" -eq 1 ]
}

@test "config --format json: settings, origins and notes as JSON" {
  cd "$site"
  printf '{"baseURL": "https://example.org/docs/", "theme": "x"}\n' > hugo.json
  run "$RRM" config --format json
  [ "$status" -eq 0 ]
  python3 - "$output" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["version"] == 1
s = {x["key"]: x for x in d["settings"]}
assert s["base_url"]["value"] == "https://example.org", s["base_url"]
assert s["base_url"]["origin"] == {"file": "hugo.json", "line": 1, "column": 2}
assert s["base_path"]["value"] == "/docs/"
assert s["content_dir"]["origin"] is None
assert s["lowercase_urls"]["value"] is True
assert any("theme" in n["message"] for n in d["notes"])
PY
}

@test "config: a broken generator configuration is an error at file:line:col, exit 2" {
  cd "$site"
  printf 'a = 1\nb = [1,\n' > hugo.toml
  run "$RRM" config
  [ "$status" -eq 2 ]
  [[ "$output" == "hugo.toml:2:9: error: TOML syntax: "* ]]
  run "$RRM" lint
  [ "$status" -eq 2 ]
  [[ "$output" == "hugo.toml:2:9: error: TOML syntax: "* ]]
  rm hugo.toml
  mkdir -p config/_default
  printf 'a: [\n' > config/_default/params.yaml
  cd content
  run "$RRM" lint
  [ "$status" -eq 2 ]
  [[ "$output" == "../config/_default/params.yaml:"*": error: YAML syntax: "* ]]
}

@test "config --format json: an error of the configuration is the one finding of a JSON report" {
  cd "$site"
  printf 'timezone: [\n' > rrm.yml
  run --separate-stderr "$RRM" config --format json
  [ "$status" -eq 2 ]
  [ -z "$stderr" ]
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
[f] = d["findings"]
assert f["rule"] is None and f["path"] == "rrm.yml" and f["line"] == 2, f
assert d["summary"]["errors"] == 1, d
' "$output"
}

@test "config: an unreadable generator configuration is an error, exit 2" {
  [ "$(id -u)" -ne 0 ] || skip "root reads every file"
  cd "$site"
  printf 'title = "x"\n' > hugo.toml
  chmod 000 hugo.toml
  run "$RRM" config
  [ "$status" -eq 2 ]
  [[ "$output" == "hugo.toml: error: cannot read the file: "* ]]
}

@test "config: a generator configuration that leads out of the site is not read, exit 2" {
  cd "$site"
  printf 'baseURL = "https://example.org/"\n' > "$BATS_TEST_TMPDIR/outside.toml"
  ln -s "$BATS_TEST_TMPDIR/outside.toml" hugo.toml
  run "$RRM" config
  [ "$status" -eq 2 ]
  [[ "$output" == "hugo.toml: error: leads outside the site (a symbolic link): not read" ]]
  rm hugo.toml
  ln -s "$BATS_TEST_TMPDIR/outside.toml" netlify.toml
  touch rrm.yml
  run "$RRM" lint
  [ "$status" -eq 2 ]
  [[ "$output" == "netlify.toml: error: leads outside the site (a symbolic link): not read" ]]
}

@test "config: usage errors" {
  cd "$site"
  run "$RRM" config extra
  [ "$status" -eq 2 ]
  run "$RRM" config --format sarif
  [ "$status" -eq 2 ]
  [[ "$output" == *"not one of text, json"* ]]
  run "$RRM" config --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"--format"* ]]
}

@test "lint and dict check --format json: an error of the configuration is the one finding of a JSON report" {
  cd "$site"
  printf 'timezone: [\n' > rrm.yml
  for cmd in "lint" "dict check"; do
    run --separate-stderr "$RRM" $cmd --format json
    [ "$status" -eq 2 ]
    [ -z "$stderr" ]
    python3 -c '
import json, sys
d = json.loads(sys.argv[1])
[f] = d["findings"]
assert f["rule"] is None and f["path"] == "rrm.yml" and f["line"] == 2, f
assert d["summary"]["errors"] == 1, d
' "$output"
  done
  run --separate-stderr "$RRM" lint
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [[ "$stderr" == "rrm.yml:2:"*": error: YAML syntax: "* ]]
}

@test "dict add refuses --format, an option of dict check (exit 2, nothing written)" {
  cd "$site"
  run "$RRM" dict add --format json --dict d.dic Kyiv
  [ "$status" -eq 2 ]
  [[ "$output" == *"--format is an option of dict check"* ]]
  [ ! -e d.dic ]
}
