#!/usr/bin/env bash
# Build the release binary, install the peers (scepserver, scepclient, openssl) if missing, and
# run the comparison. Extra arguments go to benches/compare.py (e.g. --runs 5 --out /tmp/b.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked -q
python3 benches/compare.py "$@"
