#!/usr/bin/env bash
# Usage: fuzz/run-all.sh [SECONDS [TARGET...]]
# Runs the fuzz targets (default: all four) in turn for SECONDS each (default 600), one process at
# a time, from the seeds of seed.sh. Crashes land in fuzz/artifacts/<target>/; keep each in
# tests/fixtures/fuzz/<target>/ with a row in tests/fuzz_regressions.rs. An input slower than 30 s
# in the instrumented build counts as a hang. Needs nightly (or RUSTC_BOOTSTRAP=1) and cargo-fuzz.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=${*:-pack_load condition review_load lens_import}
./seed.sh >/dev/null
cargo +nightly fuzz build || exit 1
bin=target/x86_64-unknown-linux-gnu/release
for t in $targets; do
    case $t in condition) len=4096 ;; *) len=65536 ;; esac
    mkdir -p "artifacts/$t"
    echo "== $t for ${secs}s"
    "$bin/$t" "corpus/$t" -max_total_time="$secs" -max_len="$len" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="artifacts/$t/" 2>&1 |
        grep -E '^(#[0-9]+ *DONE|Done|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|.*panicked)' 
done
