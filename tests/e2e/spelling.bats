#!/usr/bin/env bats
# Spelling end to end: what lint reports, dict add --from-lint records, so that
# the next lint is clean (issue 13: a decomposed accent truncated the word).

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  mkdir site && cd site
  "$RRM" init > /dev/null
  mkdir -p content/posts
}

@test "decomposed accents: lint, dict add --from-lint --yes, lint again is clean" {
  # NFD: u + U+0308, n + U+0301, a + U+030A, in the body and in a front-matter field
  printf -- '---\ntitle: "Talks with Lesin\xcc\x81skiq"\ndate: 2026-01-01\nauthor: A\n---\n\nMu\xcc\x88llerz met Ka\xcc\x8arez\xe2\x80\x99s team and Lesin\xcc\x81skiq.\n' > content/posts/t.md
  status=0
  words=$("$RRM" lint --format words 2>/dev/null) || status=$?
  [ "$status" -eq 1 ]
  [ "$words" = "$(printf '2\tLesi\xc5\x84skiq\n1\tK\xc3\xa5rez\n1\tM\xc3\xbcllerz')" ]
  run "$RRM" lint
  [[ "$output" == *"content/posts/t.md:7:1: error: unknown word 'M"$'\xc3\xbc'"llerz'"* ]]
  run "$RRM" dict add --from-lint --yes content/posts/t.md
  [ "$status" -eq 0 ]
  # the whole words, in NFC, not 'Müller' cut to its NFC length
  grep -qx $'M\xc3\xbcllerz' dict/house.dic
  grep -qx $'K\xc3\xa5rez' dict/house.dic
  grep -qx $'Lesi\xc5\x84skiq' dict/house.dic
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "an article whose every finding is silenced: exit 0, nothing shown, nothing leaked" {
  printf -- '---\ntitle: "Quiet"\ndate: 2026-01-01\nauthor: A\n---\n\n<!-- rrm-disable-next-line -->\nZqxwv met Vvqzt.\n' > content/posts/q.md
  # the sanitizer and valgrind builds fail the run on a leak; the plain build shows nothing
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  run "$RRM" lint --format json --no-suggest content/posts/q.md
  [ "$status" -eq 0 ]
  [[ "$output" == *'"findings":[],"summary":{"files":1,"errors":0,"warnings":0}'* ]]
}
