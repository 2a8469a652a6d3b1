#!/usr/bin/env bash
# Installs what the demo and the tests need beside the Rust toolchain: micromdm's SCEP server
# (Debian package `scep`, for interop tests and benchmarks), openssl (an independent check of
# our output), GNU time (peak memory in benchmarks and tests), tmux (the tests that drive a
# terminal), strongSwan's pki with its curl fetcher and certmonger (with D-Bus, which it
# needs): SCEP and EST clients the lab is tested against; man-db, to open the man pages the
# Debian package installs; fish and zsh, whose completion scripts are tried; SoftHSM2 and
# OpenSC's pkcs11-tool, a PKCS#11 token for the tests of keys on tokens; a software TPM
# (swtpm) with its PKCS#11 module, the tools that make its token and its access broker;
# python3-pykcs11, which tries to get a key out of a token as an attacker with the PIN would.
set -euo pipefail
if command -v scepserver >/dev/null && command -v openssl >/dev/null && [ -x /usr/bin/time ] \
  && command -v tmux >/dev/null && command -v pki >/dev/null \
  && [ -x /usr/sbin/certmonger ] && command -v dbus-daemon >/dev/null \
  && command -v man >/dev/null && command -v fish >/dev/null && command -v zsh >/dev/null \
  && [ -e /usr/lib/ipsec/plugins/libstrongswan-curl.so ] \
  && [ -e /usr/lib/softhsm/libsofthsm2.so ] && command -v pkcs11-tool >/dev/null \
  && command -v swtpm >/dev/null && command -v tpm2_ptool >/dev/null \
  && command -v tpm2_getrandom >/dev/null && [ -x /usr/sbin/tpm2-abrmd ] \
  && [ -e /usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so ] \
  && ls /usr/lib/x86_64-linux-gnu/libtss2-tcti-tabrmd.so.* >/dev/null 2>&1 \
  && [ -e /usr/lib/python3/dist-packages/PyKCS11/__init__.py ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "a test dependency is missing; run as root, or: sudo apt-get install -y scep openssl time tmux strongswan-pki libstrongswan-extra-plugins certmonger dbus man-db fish zsh softhsm2 opensc swtpm tpm2-tools libtpm2-pkcs11-1 libtpm2-pkcs11-tools tpm2-abrmd libtss2-tcti-tabrmd0 python3-pykcs11" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q scep openssl time tmux strongswan-pki \
  libstrongswan-extra-plugins certmonger dbus man-db fish zsh softhsm2 opensc swtpm tpm2-tools \
  libtpm2-pkcs11-1 libtpm2-pkcs11-tools tpm2-abrmd libtss2-tcti-tabrmd0 python3-pykcs11
