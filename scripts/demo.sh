#!/usr/bin/env bash
# One enrollment end to end: start a throwaway SCEP CA (micromdm's scepserver) on 127.0.0.1,
# ask it for its capabilities and CA certificate, enroll, and check the result with openssl.
# Nothing outside a temporary directory is touched; the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked -q
bin="$PWD/target/release/certenroll"

work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
scepserver ca -init -depot "$work/depot" >/dev/null 2>&1
scepserver -depot "$work/depot" -port "$port" -challenge demo-secret -allowrenew 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port/scep"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
cd "$work"
printf 'demo-secret\n' > challenge.txt
step "$bin" getcacaps --url "$url"
step "$bin" getcacert --url "$url" --out ca.pem
fp=$("$bin" getcacert --url "$url" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificates"][0]["sha256"])')
step "$bin" enroll --url "$url" --fingerprint "$fp" --cn printer-42.example.net \
  --san dns:printer-42.example.net,ip:192.0.2.42 --challenge-file challenge.txt \
  --out-key printer.key --out-cert printer.pem --out-chain chain.pem
step ls -l printer.key printer.pem chain.pem
step openssl verify -CAfile chain.pem printer.pem
echo
echo "Demo done: a verified certificate from a real SCEP CA. (The files were in a temporary directory.)"
