#!/usr/bin/env bash
# The test suite: unit tests, and integration tests against a real scepserver on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "building and running the tests (a first build takes a few minutes, see the README)..."
cargo test --locked
