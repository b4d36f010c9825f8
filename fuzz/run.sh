#!/usr/bin/env bash
# fuzz/run.sh TARGET [SECONDS]: fuzz one target (default 1800 s) on stable Rust, niced, in
# libFuzzer's fork mode so that it keeps going after a crash, timeout or OOM: each lands in
# fuzz/artifacts/TARGET/, the log in fuzz/logs/TARGET.log, new inputs in fuzz/corpus/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
secs=${2:-1800}
mkdir -p fuzz/artifacts/"$t" fuzz/logs fuzz/corpus/"$t"
[ -n "$(ls fuzz/corpus/"$t")" ] || fuzz/seed.sh
exec nice -n 10 cargo fuzz run -s none "$t" -- \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -timeout=20 -rss_limit_mb=2048 -max_total_time="$secs" -print_final_stats=1 \
  -artifact_prefix=fuzz/artifacts/"$t"/ >fuzz/logs/"$t".log 2>&1
