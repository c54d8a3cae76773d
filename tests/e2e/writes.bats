#!/usr/bin/env bats
# Every file rrm writes (new, init, dict add, --write-baseline, --cache) under
# the three simulated failures of RRM_FAULT: a failed write, a full disk and
# the process killed halfway through writing. Whatever happens, the old file
# is intact (or there is no new one), nothing half-written takes its place,
# and a failed write leaves no temporary file behind.

load helpers

setup() {
  cd "$BATS_TEST_TMPDIR"
  cp -r "$RRM_SOURCE/examples" site
  cd site
}

# snapshot: the names and contents of every file of the site (hidden ones apart)
snapshot() {
  find . -path ./.rrm-cache -prune -o -type f ! -name '.rrm-tmp-*' -print0 | sort -z | xargs -0 sha256sum
}

# temps: the temporary files left in the site
temps() {
  find . -name '.rrm-tmp-*' | sort
}

# check_fault FAULT EXPECTED_STATUS MESSAGE CMD...: runs CMD with RRM_FAULT=FAULT and checks
# the status, the message (not for kill), the site unchanged, and the temporary files
check_fault() {
  local fault=$1 want=$2 msg=$3
  shift 3
  local before
  before=$(snapshot)
  run env RRM_FAULT="$fault" "$@"
  echo "$fault: status $status: $output"
  [ "$status" -eq "$want" ]
  [ "$fault" = kill ] || [[ "$output" == *"$msg"* ]]
  [ "$(snapshot)" = "$before" ]
  if [ "$fault" = kill ]; then
    # killed: at most the one hidden temporary file, which lint never reads
    [ "$(temps | wc -l)" -le 1 ]
    find . -name '.rrm-tmp-*' -delete
  else
    [ -z "$(temps)" ]
  fi
}

@test "new: a failed write, a full disk or a kill leaves no article" {
  check_fault write 2 "Input/output error" "$RRM" new --author A "Interrupted while writing"
  check_fault enospc 2 "No space left on device" "$RRM" new --author A "Disk full while writing"
  check_fault kill 137 "" "$RRM" new --author A "Killed while writing"
  [ -z "$(find content -name "*-while-writing*")" ]
}

@test "init: a failed write, a full disk or a kill leaves no half-written file" {
  mkdir fresh && cd fresh
  for fault in write enospc kill; do
    run env RRM_FAULT="$fault" "$RRM" init
    [ "$status" -ne 0 ]
    # every file there is whole: none was written at all
    [ -z "$(find . -type f ! -name '.rrm-tmp-*')" ]
    find . -name '.rrm-tmp-*' -delete
  done
  run "$RRM" init
  [ "$status" -eq 0 ]
  [ -f rrm.yml ]
}

@test "dict add: the old dictionary survives a failed write, a full disk and a kill" {
  check_fault write 2 "the old file is unchanged" "$RRM" dict add Apple
  check_fault enospc 2 "No space left on device" "$RRM" dict add Apple
  check_fault kill 137 "" "$RRM" dict add Apple
  ! grep -qx Apple dict/house.dic
}

@test "--write-baseline: the old baseline survives a failed write, a full disk and a kill" {
  printf '# an old baseline\n' > .rrm-baseline
  check_fault write 2 "the old file is unchanged" "$RRM" lint --write-baseline .rrm-baseline
  check_fault enospc 2 "No space left on device" "$RRM" lint --write-baseline .rrm-baseline
  check_fault kill 137 "" "$RRM" lint --write-baseline .rrm-baseline
  [ "$(cat .rrm-baseline)" = "# an old baseline" ]
}

@test "--cache: a cache that cannot be written leaves the old one and the report intact" {
  touch -d '2026-01-01 12:00' $(find content dict rrm.yml -type f)
  sleep 2.1
  run "$RRM" lint --cache .rrm-cache
  [ "$status" -eq 0 ]
  good=$(sha256sum < .rrm-cache/lint.cache)
  echo "Zanzibarr" >> content/posts/2026/01/iraq-militias-after-2020.md
  for fault in write enospc; do
    run env RRM_FAULT="$fault" "$RRM" lint --cache .rrm-cache
    [ "$status" -eq 1 ]  # the finding's, not the cache's
    [[ "$output" == *"unknown word 'Zanzibarr'"* ]]
    [[ "$output" == *"rrm: --cache: cannot write .rrm-cache/lint.cache"* ]]
    [ "$(sha256sum < .rrm-cache/lint.cache)" = "$good" ]
    [ -z "$(find . -name '.rrm-tmp-*')" ]
  done
  run env RRM_FAULT=kill "$RRM" lint --cache .rrm-cache
  [ "$status" -eq 137 ]
  [ "$(sha256sum < .rrm-cache/lint.cache)" = "$good" ]
  # the next run is whole again
  run "$RRM" lint --cache .rrm-cache
  [[ "$output" == *"unknown word 'Zanzibarr'"* ]]
}

@test "a killed run's temporary file is never linted" {
  run env RRM_FAULT=kill "$RRM" new --author A "Killed while writing"
  [ "$status" -eq 137 ]
  [ -n "$(find content -name '.rrm-tmp-*')" ]
  run "$RRM" lint
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "out of memory is a clean error at any point, never a crash" {
  # Not under a sanitizer or valgrind, which need far more address space.
  [ -z "${ASAN_OPTIONS:-}${RRM_VALGRIND:-}" ] || skip "needs the plain build"
  ldd "$RRM" 2> /dev/null | grep -q libasan && skip "needs the plain build"
  echo "A paragraph with a mispelt word." >> content/posts/2026/01/iraq-militias-after-2020.md
  seen_oom=0 seen_done=0
  # from too little memory to start lint at all, to enough to finish
  for kb in 9000 10000 11000 12000 14000 16000 20000 24000 32000 48000 64000 96000 128000 160000 192000 256000 384000; do
    status=0
    (ulimit -v "$kb"; exec "$RRM" lint -j2) > out 2> err || status=$?
    echo "$kb KB: $status $(head -c 100 err)"
    case $status in
    1) seen_done=1 ;;
    2) grep -qx 'rrm: out of memory' err; seen_oom=1 ;;
    *) false ;;
    esac
  done
  [ "$seen_oom" -eq 1 ] && [ "$seen_done" -eq 1 ]
}
