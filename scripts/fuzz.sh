#!/usr/bin/env bash
# Fuzzing: each target of fuzz/ for SECONDS (default 20) from the committed corpus, on the
# stable toolchain (RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its instrumentation flags; no
# sanitizer, so no nightly is needed). A crash, hang (10 s) or memory blow-up (1 GiB) fails
# the run and leaves the input in fuzz/artifacts/TARGET/. Longer runs:
#   bash scripts/fuzz.sh 3600         # an hour per target
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none --fuzz-dir fuzz certrep_signed   # one, until stopped
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
export RUSTC_BOOTSTRAP=1
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
cargo fuzz build -s none --fuzz-dir fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in $(cargo fuzz list --fuzz-dir fuzz); do
  mkdir -p "$work/$target"
  if [ -d "fuzz/corpus/$target" ]; then
    cp fuzz/corpus/"$target"/* "$work/$target/"
  fi
  echo "fuzz: $target for ${seconds} s"
  cargo fuzz run -s none --fuzz-dir fuzz "$target" "$work/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|Done|==|INFO: seed corpus)|ERROR|panicked" || true
  # grep hides libFuzzer's chatter; the exit code is the fuzzer's.
  test "${PIPESTATUS[0]}" -eq 0
done
