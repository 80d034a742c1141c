#!/usr/bin/env bash
# Installs what bccrs needs on Debian 12 (run as root) and mounts tracefs and bpffs if missing.
set -euo pipefail
pkgs=(clang-19 libclang-19-dev llvm-19 libelf-dev zlib1g-dev pkg-config make gcc bpftool systemtap-sdt-dev
      qemu-system-x86 busybox-static cpio jq bpfcc-tools binutils python3-pytest
      iputils-ping)   # iputils-ping: BCC's stack_buildid example runs /bin/ping (python/tests/run_bcc_examples.sh)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup (https://rustup.rs)" >&2
  exit 1
fi
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf 2>/dev/null || true
