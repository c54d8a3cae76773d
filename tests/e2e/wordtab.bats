#!/usr/bin/env bats
# The dictionaries' word tables (lib/wordtab.h, rrm-lint(1) FILES): made once
# per dictionary in the user's cache folder, used by the next runs, never
# changing a verdict: every report is byte for byte the one without them.

load helpers

setup() {
  # making a table under valgrind takes minutes; the other suites cover the code
  [ -z "${RRM_VALGRIND:-}" ] || skip "makes word tables (slow under valgrind)"
  cd "$BATS_TEST_TMPDIR"
  mkdir -p site/content/posts
  printf 'language: en_GB\n' > site/rrm.yml
  # a word of the dictionary, an affixed form, a capitalised and a capital one,
  # a hyphenated pair and a misspelling: table hits and a hunspell lookup
  printf -- '---\ntitle: Words\ndate: 2026-01-01\n---\n\nThe offences were Unforgivable.\nNATO-led CONVOYS travelled quickly, said the colour-blind writter.\n' \
    > site/content/posts/words.md
  export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
  unset RRM_WORD_TABLE CI
}

stats() {
  "$RRM" lint -C site --stats --format json 2>&1 >/dev/null | grep '^rrm: stats:'
}

@test "a table made now is used by the next run and changes no finding" {
  RRM_WORD_TABLE=off "$RRM" lint -C site --format json > off.json || [ $? -eq 1 ]
  run env RRM_WORD_TABLE=now "$RRM" lint -C site --stats --format json
  [[ $output == *"1 word table (made in "* ]]
  ls cache/rrm/words-en_GB-*.tab
  # the next run: most words from the table, the dictionary still loaded for the misspelling
  line=$(RRM_WORD_TABLE=use stats)
  [[ $line == *"; 1 word table, dictionaries loaded in "* ]]
  [[ $line =~ ([0-9]+)\ found\ in\ word\ tables ]]
  [ "${BASH_REMATCH[1]}" -ge 10 ]
  RRM_WORD_TABLE=use "$RRM" lint -C site --format json > on.json || [ $? -eq 1 ]
  cmp off.json on.json
  grep -q "'writter'" on.json
  run grep -c "'offences'\\|'Unforgivable'\\|'CONVOYS'\\|'NATO-led'\\|'colour-blind'\\|unknown word" on.json
  [ "$output" = 1 ]
}

@test "with no misspelling the dictionary is not loaded at all" {
  printf -- '---\ntitle: Words\ndate: 2026-01-01\n---\n\nThe offences were Unforgivable.\n' \
    > site/content/posts/words.md
  RRM_WORD_TABLE=now "$RRM" lint -C site > /dev/null
  line=$(RRM_WORD_TABLE=use stats)
  [[ $line == *"dictionaries not loaded (not needed)"* ]]
  [[ $line == *" 0 dictionary lookups"* ]]
}

@test "unset, the first run makes the table in the background; not in CI" {
  CI=true "$RRM" lint -C site > /dev/null || true
  sleep 1
  [ ! -e cache/rrm ]
  "$RRM" lint -C site > /dev/null || true
  for _ in $(seq 120); do
    ls cache/rrm/words-en_GB-*.tab >/dev/null 2>&1 && break
    sleep 0.5
  done
  ls cache/rrm/words-en_GB-*.tab
  line=$(stats)
  [[ $line == *"; 1 word table, "* ]]
}

@test "a damaged table is not used, and made again" {
  RRM_WORD_TABLE=off "$RRM" lint -C site --format json > off.json || true
  RRM_WORD_TABLE=now "$RRM" lint -C site > /dev/null || true
  tab=$(ls cache/rrm/words-en_GB-*.tab)
  truncate -s 100000 "$tab"
  line=$(RRM_WORD_TABLE=use stats)
  [[ $line == *"; 0 word tables, "* ]]
  RRM_WORD_TABLE=use "$RRM" lint -C site --format json > use.json || true
  cmp off.json use.json
  # overwritten by garbage of the right size: refused by its header
  size=$(RRM_WORD_TABLE=now stats >/dev/null; stat -c %s "$tab")
  head -c "$size" /dev/zero > "$tab"
  line=$(RRM_WORD_TABLE=use stats)
  [[ $line == *"; 0 word tables, "* ]]
  RRM_WORD_TABLE=now "$RRM" lint -C site --format json > now.json || true
  cmp off.json now.json
  line=$(RRM_WORD_TABLE=use stats)
  [[ $line == *"; 1 word table, "* ]]
}

@test "off: no table is made or read" {
  RRM_WORD_TABLE=off "$RRM" lint -C site > /dev/null || true
  [ ! -e cache/rrm ]
  RRM_WORD_TABLE=now "$RRM" lint -C site > /dev/null || true
  line=$(RRM_WORD_TABLE=off stats)
  [[ $line == *"; 0 word tables, "* ]]
}

@test "on the real corpora, every finding and suggestion is the same with the tables (en_US, en_GB)" {
  for lang in en_US en_GB; do
    corpus otel "$lang"
    RRM_WORD_TABLE=off "$RRM" lint -C "otel-$lang" --format json > "off-$lang.json" || [ $? -eq 1 ]
    RRM_WORD_TABLE=now "$RRM" lint -C "otel-$lang" > /dev/null || [ $? -eq 1 ]
    line=$(RRM_WORD_TABLE=use "$RRM" lint -C "otel-$lang" --stats --format json 2>&1 > "on-$lang.json" | grep '^rrm: stats:') || true
    [[ $line =~ ([0-9]+)\ distinct\ words,\ ([0-9]+)\ found\ in\ word\ tables ]]
    # most distinct words are found in the table (the others are unknown, or parts)
    [ "${BASH_REMATCH[2]}" -gt $((BASH_REMATCH[1] * 3 / 4)) ]
    cmp "off-$lang.json" "on-$lang.json"
    grep -q '"spelling/unknown-word"' "on-$lang.json"
  done
}
