#!/usr/bin/env bash
# Prints the path of a Prometheus server binary for tests/metrics_prometheus.rs: Debian's
# `prometheus` package, downloaded once and unpacked under target/prometheus/ — never installed,
# so no service is enabled or started on this machine. Runs as root (apt-get download).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${CARGO_TARGET_DIR:-$PWD/target}/prometheus
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
BIN=$OUT/usr/bin/prometheus
if [ ! -x "$BIN" ]; then
  mkdir -p "$OUT/download"
  cd "$OUT/download"
  rm -f ./*.deb
  apt-get download -q -o APT::Sandbox::User=root prometheus >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get download -q -o APT::Sandbox::User=root prometheus >/dev/null; }
  dpkg-deb --fsys-tarfile ./prometheus_*.deb | tar -x -C "$OUT" ./usr/bin/prometheus
  rm -f ./*.deb
fi
"$BIN" --version >/dev/null 2>&1 || { echo "unpacked $BIN does not run" >&2; exit 1; }
echo "$BIN"
