#!/usr/bin/env bash
# Installs what the demo and the tests need beside the Rust toolchain: micromdm's SCEP server
# (Debian package `scep`, for interop tests and benchmarks), openssl (an independent check of
# our output), GNU time (peak memory in benchmarks and tests), tmux (the tests that drive a
# terminal), strongSwan's pki with its curl fetcher and certmonger (with D-Bus, which it
# needs): SCEP and EST clients the lab is tested against; man-db, to open the man pages the
# Debian package installs; fish and zsh, whose completion scripts are tried; SoftHSM2 and
# OpenSC's pkcs11-tool, a PKCS#11 token for the tests of keys on tokens.
set -euo pipefail
if command -v scepserver >/dev/null && command -v openssl >/dev/null && [ -x /usr/bin/time ] \
  && command -v tmux >/dev/null && command -v pki >/dev/null \
  && [ -x /usr/sbin/certmonger ] && command -v dbus-daemon >/dev/null \
  && command -v man >/dev/null && command -v fish >/dev/null && command -v zsh >/dev/null \
  && [ -e /usr/lib/ipsec/plugins/libstrongswan-curl.so ] \
  && [ -e /usr/lib/softhsm/libsofthsm2.so ] && command -v pkcs11-tool >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "a test dependency is missing; run as root, or: sudo apt-get install -y scep openssl time tmux strongswan-pki libstrongswan-extra-plugins certmonger dbus man-db fish zsh softhsm2 opensc" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q scep openssl time tmux strongswan-pki \
  libstrongswan-extra-plugins certmonger dbus man-db fish zsh softhsm2 opensc
