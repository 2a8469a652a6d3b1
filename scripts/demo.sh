#!/usr/bin/env bash
# One enrollment end to end against certenroll's embedded lab responder (a throwaway SCEP CA
# on 127.0.0.1 that answers PENDING twice before issuing): fetch and pin the CA, enroll, see
# the request pending, poll it to SUCCESS, read the history. Then the same device over EST
# (the lab over TLS): bootstrap the CA by its fingerprint, enroll with HTTP Basic, re-enroll
# with the certificate. Needs only the Rust toolchain; nothing outside a temporary directory
# is touched, and the labs are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building certenroll (release; a first build takes a few minutes, see the README)..."
cargo build --release --locked
bin="$PWD/target/release/certenroll"

work=$(mktemp -d)
lab_pid=
est_pid=
cleanup() {
  [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null
  [ -n "$est_pid" ] && kill "$est_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export CERTENROLL_STATE_DIR="$work/state"

"$bin" lab serve --port 0 --json --pending 2 --challenge demo-secret >"$work/lab.json" 2>"$work/lab.log" &
lab_pid=$!
for _ in $(seq 100); do [ -s "$work/lab.json" ] && break; sleep 0.1; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/lab.json")
fp=$(sed -n 's/.*"ca_sha256":"\([^"]*\)".*/\1/p' "$work/lab.json")
[ -n "$url" ] || { echo "the lab did not start:"; cat "$work/lab.log"; exit 1; }

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
cd "$work"
printf 'demo-secret\n' > challenge.txt
step "$bin" getcacaps --url "$url"
step "$bin" getcacert --url "$url" --fingerprint "$fp" --out ca.pem
# The lab answers PENDING: the request is saved and enroll exits 3.
step "$bin" enroll --url "$url" --fingerprint "$fp" --cn printer-42.example.net \
  --san dns:printer-42.example.net,ip:192.0.2.42 --challenge-file challenge.txt \
  --out-key printer.key --out-cert printer.pem --out-chain chain.pem --no-wait || [ $? -eq 3 ]
step "$bin" status
# What cron would run; here it polls every 2 s until the CA issues.
step "$bin" poll --poll-interval 2
step "$bin" history
step ls -l printer.key printer.pem chain.pem
if command -v openssl >/dev/null; then step openssl verify -CAfile chain.pem printer.pem; fi
printf '\nWhat the lab saw:\n'
cat lab.log

# EST: the lab over TLS, with a Basic login.
"$bin" lab serve --port 0 --json --tls --basic device:est-secret >"$work/est.json" 2>"$work/est.log" &
est_pid=$!
for _ in $(seq 100); do [ -s "$work/est.json" ] && break; sleep 0.1; done
est_url=$(sed -n 's/.*"est_url":"\([^"]*\)".*/\1/p' "$work/est.json")
est_fp=$(sed -n 's/.*"ca_sha256":"\([^"]*\)".*/\1/p' "$work/est.json")
[ -n "$est_url" ] || { echo "the EST lab did not start:"; cat "$work/est.log"; exit 1; }
printf 'est-secret\n' > est-password.txt
# The server's CA is unknown: trusted on first contact only because the fingerprint matches.
step "$bin" getcacert --url "$est_url" --fingerprint "$est_fp"
step "$bin" csrattrs --url "$est_url"
step "$bin" enroll --url "$est_url" --cn printer-42.example.net --key-type p256 \
  --username device --password-file est-password.txt \
  --out-key est.key --out-cert est.pem --out-chain est-chain.pem
# Re-enrollment authenticates with the current certificate.
step "$bin" renew --url "$est_url" --key est.key --cert est.pem --force
step "$bin" history
if command -v openssl >/dev/null; then step openssl verify -CAfile est-chain.pem est.pem; fi
printf '\nWhat the EST lab saw:\n'
cat est.log
echo
echo "Demo done: SCEP (PENDING, polled, issued, verified) and EST (bootstrapped, enrolled, re-enrolled). (The files were in a temporary directory.)"
