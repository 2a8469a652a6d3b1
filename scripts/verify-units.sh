#!/usr/bin/env bash
# Check certenroll's systemd units with `systemd-analyze verify`: syntax, that the command is
# executable and that the man page they name exists.
#   scripts/verify-units.sh               the units of contrib/systemd, pointed at the built
#                                         binary and man pages (nothing else is touched)
#   scripts/verify-units.sh --installed   the units the Debian package installed, as they are
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze is not installed; skipping the unit check"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = "--installed" ]; then
  units=(/usr/lib/systemd/system/certenroll-*)
  binary=/usr/bin/certenroll
  manpath=$(manpath 2>/dev/null || echo /usr/share/man)
else
  cargo build --locked -q
  units=(contrib/systemd/*)
  binary="$PWD/target/debug/certenroll"
  mkdir -p "$work/man/man1"
  cp man/*.1 "$work/man/man1/"
  manpath="$work/man"
fi
# A template unit is verified as an instance of it.
for unit in "${units[@]}"; do
  name=$(basename "$unit")
  name=${name/@./@printer.}
  sed "s#/usr/bin/certenroll#$binary#" "$unit" >"$work/$name"
done
(cd "$work" && MANPATH="$manpath" systemd-analyze verify ./*.service ./*.timer)
echo "systemd units verified (${#units[@]} files)"
