#!/usr/bin/env bats
# rrm lsp in a real editor: Debian's Neovim (0.7) headless, its own LSP client,
# no plugin (tests/e2e/nvim/diagnostics.lua, navigate.lua). Neovim offers no position
# encoding, so the server speaks UTF-16; Neovim turns each position into a byte
# column of its buffer. An emoji, a flag (two astral characters) and curly
# quotes before a finding would shift it if the server counted bytes or code
# points instead.

load helpers

setup() {
  command -v nvim > /dev/null || skip "Neovim is not installed (apt-get install neovim)"
  cd "$BATS_TEST_TMPDIR"
  cp -r "$RRM_SOURCE/examples" site
  cd site
  cat > content/posts/2026/01/emoji.md << 'MD'
---
title: "Emoji before a word"
date: 2026-01-20
author: Staff
tags: [iraq]
---

Flags 🇮🇶 and 🎉 come before a mispelt word.

A [dead link](/2026/01/nowhere/) and “curly quotes” with teh end.
MD
}

# nvim_run SCRIPT FILE: what tests/e2e/nvim/SCRIPT.lua wrote for FILE
nvim_run() {
  local timeout=20000
  [ -z "${RRM_VALGRIND:-}" ] || timeout=240000
  RRM_NVIM_OUT="$BATS_TEST_TMPDIR/nvim.out" RRM_NVIM_TIMEOUT=$timeout \
    timeout $((timeout / 1000 + 30)) nvim --headless --clean -n \
    -c "luafile $RRM_SOURCE/tests/e2e/nvim/$1.lua" "$2" < /dev/null > /dev/null 2>&1
  local rc=$?
  cat "$BATS_TEST_TMPDIR/nvim.out"
  return $rc
}

# nvim_diagnostics FILE: what Neovim shows for FILE, one diagnostic a line
nvim_diagnostics() {
  nvim_run diagnostics "$1"
}

@test "Neovim shows rrm's findings at the right byte columns after emoji and curly quotes" {
  run nvim_diagnostics content/posts/2026/01/emoji.md
  [ "$status" -eq 0 ]
  printf '%s\n' "$output"
  [ "${#lines[@]}" -eq 3 ]
  # 'mispelt': 29 code points, 38 bytes before it on line 8
  [[ "${lines[0]}" == "8:39-8:46 error spelling/unknown-word rrm: "*"'mispelt'"* ]]
  # the destination of the dead link, after ASCII only
  [[ "${lines[1]}" == "10:15-10:32 error link/dead rrm: "*"/2026/01/nowhere/"* ]]
  # 'teh': after two curly quotes of three bytes each
  [[ "${lines[2]}" == "10:62-10:65 error spelling/unknown-word rrm: "*"'teh'"* ]]
}

@test "the positions Neovim shows are those rrm lint reports, as bytes" {
  # rrm lint's columns count code points; turned into bytes with the line's text
  # they must be where Neovim put the diagnostics
  run nvim_diagnostics content/posts/2026/01/emoji.md
  [ "$status" -eq 0 ]
  want=$("$RRM" lint --format json content/posts/2026/01/emoji.md | python3 -c '
import json, sys
text = open("content/posts/2026/01/emoji.md", encoding="utf-8").read().split("\n")
for f in json.load(sys.stdin)["findings"]:
    line = text[f["line"] - 1]
    b = lambda c: len(line[: c - 1].encode()) + 1
    print("%d:%d-%d:%d %s" % (f["line"], b(f["column"]), f["end_line"], b(f["end_column"]), f["rule"]))')
  got=$(printf '%s\n' "$output" | awk '{print $1, $3}')
  [ "$got" = "$want" ]
}

@test "Neovim: go to definition, references, symbols, hover and completion after emoji" {
  cat > content/posts/2026/01/nav.md << 'MD'
---
title: "Navigation"
date: 2026-01-21
author: Staff
tags: [iraq]
---

Flags 🇮🇶 and 🎉 see [the PMF](/2026/01/iraq-militias-after-2020/#the-pmfs-place-in-the-state).

And 🎉 [this](/2026/0)
MD
  run nvim_run navigate content/posts/2026/01/nav.md
  printf '%s\n' "$output"
  [ "$status" -eq 0 ]
  printf '%s\n' "${lines[@]}" > got.txt
  cat > want.txt << 'OUT'
definition content/posts/2026/01/iraq-militias-after-2020.md:14:1 ## The PMF’s place in the state
reference content/posts/2026/01/nav.md:8:39
reference content/posts/2026/02/iran-nuclear-talks-after-snapback.md:33:170
symbol The PMF’s place in the state line 14
symbol What changed after al-Muhandis line 24
symbol What to watch in 2026 line 34
hover **Iraq’s militias six years after the Baghdad airport strike**
completion /2026/01/iraq-militias-after-2020/ [Iraq’s militias six years after the Baghdad airport strike]
completed And 🎉 [this](/2026/01/iraq-militias-after-2020/)
OUT
  diff want.txt got.txt
}
