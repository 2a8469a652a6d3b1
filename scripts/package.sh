#!/usr/bin/env bash
# Build the Debian package: target/debian/certenroll_VERSION-1_ARCH.deb (the binary, gzipped
# man pages, completions, systemd units, an example /etc/certenroll/config.toml). With
# --check, also install it on this machine (dpkg -i, as root) and check what it installed:
# the binary runs, `man certenroll` opens, the units verify, /var/lib/certenroll is 0700 and
# the configuration is a conffile that `config check` accepts.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version 3.8.0
echo "building certenroll (release)..."
cargo build --release --locked
rm -rf target/deb/man
mkdir -p target/deb/man
for page in man/*.1; do
  gzip -9 -n -c "$page" >"target/deb/man/$(basename "$page").gz"
done
cargo deb --no-build
deb=$(ls -t target/debian/certenroll_*.deb | head -n 1)
echo "built $deb"
[ "${1:-}" = "--check" ] || exit 0

dpkg -i "$deb"
/usr/bin/certenroll --version
MANPAGER=cat man certenroll | grep -q "certenroll" || { echo "man certenroll shows nothing"; exit 1; }
bash scripts/verify-units.sh --installed
mode=$(stat -c %a /var/lib/certenroll)
[ "$mode" = 700 ] || { echo "/var/lib/certenroll has mode $mode, not 700"; exit 1; }
dpkg-query -W -f='${Conffiles}\n' certenroll | grep -q /etc/certenroll/config.toml \
  || { echo "/etc/certenroll/config.toml is not a conffile"; exit 1; }
/usr/bin/certenroll --config /etc/certenroll/config.toml config check
for file in /usr/share/bash-completion/completions/certenroll \
  /usr/share/zsh/vendor-completions/_certenroll \
  /usr/share/fish/vendor_completions.d/certenroll.fish; do
  [ -s "$file" ] || { echo "missing $file"; exit 1; }
done
echo "package installed and checked"
