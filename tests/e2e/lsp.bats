#!/usr/bin/env bats
# rrm lsp, driven by a scripted client (lsp_client.py): framing, initialize,
# diagnostics at exact positions in UTF-16, UTF-8 and UTF-32 (an emoji before
# the misspelling), incremental changes, files changed on disk, bad messages,
# a document in no site, and how a session ends.

load helpers

CLIENT="$RRM_SOURCE/tests/e2e/lsp_client.py"

setup() {
  cd "$BATS_TEST_TMPDIR"
  if [ -n "${RRM_VALGRIND:-}" ]; then export LSP_TIMEOUT=180; fi
  mkdir -p site/content
  printf 'front_matter:\n  fields:\n    title: {type: string}\n' > site/rrm.yml
  printf -- '---\ntitle: A\n---\nSee [b](/b/) and [b2](b.md).\n' > site/content/a.md
  printf -- '---\ntitle: B\n---\n# Bee\n' > site/content/b.md
}

# lsp SCENARIO [ARG]: the client's report on standard output (the server's log apart).
lsp() {
  python3 "$CLIENT" "$RRM" "$1" "$BATS_TEST_TMPDIR/site" "${2:-}" 2> log.txt
}

@test "UTF-16 by default: the emoji before 'teh' counts two units" {
  run lsp positions none
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "encoding utf-16" ]
  [ "${lines[1]}" = "sync 2" ]
  [ "${lines[2]}" = "version 1" ]
  [ "${lines[3]}" = "3:11-3:14 2 spelling/unknown-word unknown word 'teh'" ]
  [ "${lines[4]}" = "source rrm href https://redrevolution.media/rrm/man/rrm-lint.1.html#spelling/unknown-word" ]
  [ "${lines[5]}" = 'data {"offset": 32, "rule": "spelling/unknown-word", "subject": "teh"}' ]
  [ "${lines[6]}" = "exit 0" ]
  [ "${#lines[@]}" -eq 7 ]
}

@test "positionEncodings: utf-8 and utf-32 when offered, the client's first known one" {
  run lsp positions utf-8
  [ "${lines[0]}" = "encoding utf-8" ]
  [ "${lines[3]}" = "3:15-3:18 2 spelling/unknown-word unknown word 'teh'" ]
  run lsp positions utf-32
  [ "${lines[0]}" = "encoding utf-32" ]
  [ "${lines[3]}" = "3:9-3:12 2 spelling/unknown-word unknown word 'teh'" ]
  run lsp positions utf-16,utf-8
  [ "${lines[0]}" = "encoding utf-16" ]
  [ "${lines[3]}" = "3:11-3:14 2 spelling/unknown-word unknown word 'teh'" ]
  run lsp positions latin-1,utf-32
  [ "${lines[0]}" = "encoding utf-32" ]
}

# edit ENC: the incremental change's ranges are in ENC; a flag (two astral
# characters) before 'wrold' on the new line
edit() {
  run lsp edit "$1"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "3:$2-3:$(($2 + 3)) 2 spelling/unknown-word unknown word 'teh'" ]
  [ "${lines[1]}" = "version 2" ]
  [ "${lines[2]}" = "4:$3-4:$(($3 + 5)) 2 spelling/unknown-word unknown word 'wrold'" ]
  [ "${lines[3]}" = "version 3 diagnostics 0" ]
  [ "${lines[4]}" = "pull full 0" ]
  [ "${lines[5]}" = "exit 0" ]
}

@test "incremental didChange in UTF-16" {
  edit utf-16 11 5
}

@test "incremental didChange in UTF-8" {
  edit utf-8 15 9
}

@test "incremental didChange in UTF-32" {
  edit utf-32 9 3
}

@test "a burst of changes is linted fewer times, the last version published" {
  run lsp burst 60
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "last version 61" ]
  [ "${lines[1]}" = "3:11-3:14 2 spelling/unknown-word unknown word 'teh'" ]
  [ "${lines[2]}" = "4:0-4:7 2 spelling/unknown-word unknown word 'wroldgb'" ]
  [ "${lines[3]}" = "coalesced" ]
}

@test "a page deleted on disk: didChangeWatchedFiles republishes the dead links" {
  run lsp watched watched
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "watchers **/*.md **/*.markdown **/*.html" ]
  [ "${lines[1]}" = "republished 1" ]
  [ "${lines[2]}" = "3:8-3:11 1 link/dead dead link: /b/ is no article, file or alias of the site" ]
  [ "${lines[3]}" = "3:22-3:26 1 link/dead dead link: b.md is no article, file or alias of the site" ]
  [ "${lines[4]}" = "republished 1" ]
  [ "${lines[5]}" = "exit 0" ]
}

@test "a page back on disk: didSave of a file not open mends the links" {
  run lsp watched save
  [ "$status" -eq 0 ]
  [ "${lines[1]}" = "republished 1" ]
  [ "${lines[2]}" = "3:8-3:11 1 link/dead dead link: /b/ is no article, file or alias of the site" ]
  [ "${lines[4]}" = "republished 1" ]
  [ "${lines[5]}" = "exit 0" ]
}

@test "a heading typed in another open buffer mends a link to its anchor" {
  run lsp buffers
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "3:8-3:17 1 link/anchor no anchor '#later' in content/b.md (closest: '#bee')" ]
  [ "${lines[1]}" = "republished 1 diagnostics 0" ]
  [ "${lines[2]}" = "exit 0" ]
  # the buffer's text is never written
  [ "$(cat site/content/b.md)" = "$(printf -- '---\ntitle: B\n---\n# Bee')" ]
}

@test "bad messages get JSON-RPC errors and the server goes on" {
  run lsp errors
  [ "$status" -eq 0 ]
  printf '%s\n' "${lines[@]}" > got.txt
  cat > want.txt <<'OUT'
error 1 -32002
error None -32700
error None -32700
error None -32600
error 7 -32600
error 3 -32601
error 4 -32600
still serving 1
error 6 -32600
other answers []
exit 0
OUT
  diff want.txt got.txt
  grep -q 'bad message: no valid Content-Length header' log.txt
}

@test "a document in no site: no diagnostics, a log message, no crash" {
  rm site/rrm.yml
  run lsp outside
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "diagnostics 0" ]
  [ "${lines[1]}" = "logged True" ]
  [ "${lines[2]}" = "untitled 0" ]
  [ "${lines[3]}" = "exit 0" ]
}

@test "exit status: 0 after shutdown, 1 without; the client vanishing ends it cleanly" {
  run lsp lifecycle shutdown
  [ "$output" = "exit 0" ]
  run lsp lifecycle exit
  [ "$output" = "exit 1" ]
  run lsp lifecycle vanish
  [ "$output" = "exit 1" ]
  grep -q 'the client is gone (input closed)' log.txt
}

@test "rrm lsp takes no operand" {
  run "$RRM" lsp extra
  [ "$status" -eq 2 ]
  [ "$output" = "rrm: lsp: unexpected argument 'extra'" ]
}

@test "code actions: suggestions as edits of the word after an emoji, add to the house dictionary, accept in the article" {
  run lsp actions
  [ "$status" -eq 0 ]
  printf '%s\n' "$output"
  [ "${lines[0]}" = "edit Replace with 'the' (preferred) 3:11-3:14 \"the\"" ]
  [[ "${lines[1]}" == "edit Replace with '"*"' 3:11-3:14 "* ]]
  printf '%s\n' "$output" | grep -qx "command Add 'teh' to the house dictionary (dict/house.dic) rrm.addWord \"teh\""
  printf '%s\n' "$output" | grep -qx "edit Accept 'teh' in this article (front matter spelling) 2:0-2:0 \"spelling: \[teh\]\\\\n\""
  printf '%s\n' "$output" | grep -qx "elsewhere 0"
  # the command names the document, never a file: a URI of no open document is refused
  printf '%s\n' "$output" | grep -qx "bad uri True"
  printf '%s\n' "$output" | grep -qx "added None"
  [ "$(cat site/dict/house.dic)" = "teh" ]
  # the word is known now: the document is checked again and published clean
  printf '%s\n' "$output" | grep -qx "after 0"
  [ "${lines[${#lines[@]}-1]}" = "exit 0" ]
}

@test "navigation: link completion, definition, hover, document symbols, references (UTF-16, after emoji)" {
  run lsp navigate
  [ "$status" -eq 0 ]
  printf '%s\n' "${lines[@]}" > got.txt
  cat > want.txt <<'OUT'
capabilities ['(', '#', '/', '"'] True True True True
complete / incomplete False
  /b/ [The Bee] kind 18 edit 4:26-4:27 /b/
  /c/ [Sea (draft)] kind 18 edit 4:26-4:27 /c/
  /d/ [Dee] kind 18 edit 4:26-4:27 /d/
complete #
  bee [Bee] edit 3:15-3:23
  deep [Deep] edit 3:15-3:23
  later-on [Later on] edit 3:15-3:23
  crab [id] edit 3:15-3:23
complete prose 0
definition anchor content/b.md 7:0-7:0
definition text content/b.md 0:0-0:0
definition ref content/c.md 0:0-0:0
definition prose None
definition id content/b.md 13:13-13:13
hover ref None "**Sea** (draft: not published)\n\n`/c/` · `content/c.md`"
hover anchor 3:11-3:23 "**The Bee**\n\n`/b/` · `content/b.md`\n\n`later-on`: line 8"
symbols
  Bee #bee 3:0-13:30 sel 3:0-3:5
    Later on #later-on 7:0-13:30 sel 7:0-7:11
      Deep #deep 11:0-13:30 sel 11:0-11:8
definition unopened content/b.md 11:0-11:0
outside None
references heading
  content/b.md 7:0-7:11
  content/a.md 3:11-3:23
  content/c.md 4:12-4:24
  content/c.md 4:35-4:48
references page
  content/a.md 3:11-3:23
  content/a.md 3:34-3:38
  content/a.md 8:7-8:15
  content/c.md 4:12-4:24
  content/c.md 4:35-4:48
  content/c.md 4:60-4:63
  content/d.md 3:29-3:37
exit 0
OUT
  diff want.txt got.txt
  # nothing was written
  [ "$(cat site/content/a.md)" = "$(printf -- '---\ntitle: A\n---\nSee [b](/b/) and [b2](b.md).')" ]
}

@test "a huge buffer is linted and navigated; a message over the limit is skipped, the server goes on" {
  # 8 MiB (1 under valgrind): a paragraph of 50 bytes repeated, 'teh' in each
  mib=8
  [ -z "${RRM_VALGRIND:-}" ] || mib=1
  printf -- '---\ntitle: B\n---\n# Bee\n' > site/content/b.md
  run lsp huge $mib
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "huge diagnostics [('spelling/unknown-word', $((mib * 1024 * 1024 / 50)))]" ]
  [ "${lines[1]}" = "huge definition content/b.md" ]
  [ "${lines[2]}" = "oversized -32700" ]
  [ "${lines[3]}" = "still serving Top" ]
  [ "${lines[4]}" = "exit 0" ]
  grep -q 'more than the limit of 67108864' log.txt
}
