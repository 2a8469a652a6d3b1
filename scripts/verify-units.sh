#!/usr/bin/env bash
# Check the systemd units in contrib/systemd with `systemd-analyze verify`: syntax, that the
# command is executable and that the man page they name exists. The units name the installed
# paths; here they point at the built binary and a temporary MANPATH, touching nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze is not installed; skipping the unit check"
  exit 0
fi
cargo build --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/man/man1"
cp man/*.1 "$work/man/man1/"
for unit in contrib/systemd/*; do
  name=$(basename "$unit")
  name=${name/@./@printer.}
  sed "s#/usr/bin/certenroll#$PWD/target/debug/certenroll#" "$unit" >"$work/$name"
done
(cd "$work" && MANPATH="$work/man" systemd-analyze verify ./*.service ./*.timer)
echo "systemd units verified"
