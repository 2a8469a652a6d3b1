#!/usr/bin/env bash
# Installs what the demo and the tests need beside the Rust toolchain: micromdm's SCEP server
# (Debian package `scep`, for interop tests and benchmarks), openssl (an independent check of
# our output), GNU time (peak memory in benchmarks) and tmux (the tests that drive a terminal).
set -euo pipefail
if command -v scepserver >/dev/null && command -v openssl >/dev/null && [ -x /usr/bin/time ] \
  && command -v tmux >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "a test dependency is missing; run as root, or: sudo apt-get install -y scep openssl time tmux" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q scep openssl time tmux
