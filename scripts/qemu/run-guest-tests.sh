#!/usr/bin/env bash
# Compile once, run on another kernel: compiles tests/guest/programs/*.c on this host with
# `bccrs compile` (against this kernel's BTF), then boots Debian 12's stock 6.1 kernel (which has
# kprobes) under qemu with an initramfs holding busybox, bccrs, jq, the objects and a workload,
# and runs them there with `bccrs run OBJECT` (tests/guest/init.sh). Exits 0 only when every
# expected guest test printed PASS. See docs/qemu.md.
#
# Environment:
#   BCCRS_BIN=PATH          use this bccrs binary instead of building the release one
#   BCCRS_QEMU_TIMEOUT=S    seconds the guest may run (default 180)
#   BCCRS_QEMU_ACCEL=auto|tcg|kvm   (default auto: KVM only when the CPU has vmx/svm and a
#                           quick KVM boot works; TCG otherwise)
#   BCCRS_QEMU_KERNEL=PATH  boot this vmlinuz instead of Debian's linux-image-amd64
#   BCCRS_QEMU_CPUS=N, BCCRS_QEMU_MEM=MiB   (default 2, 1024)
set -euo pipefail
START=$(date +%s.%N)
cd "$(dirname "$0")/../.."
REPO=$PWD
OUT=${CARGO_TARGET_DIR:-$REPO/target}/qemu
case $OUT in /*) ;; *) OUT=$REPO/$OUT ;; esac
TIMEOUT=${BCCRS_QEMU_TIMEOUT:-180}
CPUS=${BCCRS_QEMU_CPUS:-2}
MEM=${BCCRS_QEMU_MEM:-1024}
# Every test tests/guest/init.sh runs; each must print `GUEST-RESULT <name> PASS`.
EXPECTED=(tracepoint_count kprobe_count kretprobe_count attach_explicit implicit_reads isra_rename constprop_rename)

say() { echo "== [$(elapsed "$START") s] $*"; }
elapsed() { echo "$(date +%s.%N) $1" | awk '{printf "%.1f", $1 - $2}'; }
die() {
  echo "error: $*" >&2
  echo "wall time: $(elapsed "$START") s (failed)"
  exit 1
}
[ "$(id -u)" = 0 ] || die "run as root (apt-get, and the host compile reads tracefs)"

# --- packages ---------------------------------------------------------------------------------
APT_UPDATED=
apt_update() {
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
}
bash scripts/deps.sh # bccrs's own build and compile dependencies (clang-19, libelf, gcc…)
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v cpio >/dev/null || missing+=(cpio)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || die "busybox-static installed no $BUSYBOX"

# --- the guest kernel: vmlinuz of Debian's linux-image-amd64, cached under target/qemu/kernel ---
resolve_kernel() { # sets KPKG and KVER from the apt lists
  KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
  KVER=
  [ -n "$KPKG" ] && KVER=$(apt-cache policy "$KPKG" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
  [ -n "$KPKG" ] && [ -n "$KVER" ] && [ "$KVER" != "(none)" ]
}
fetch_kernel() { # downloads $KPKG and extracts its vmlinuz and config into directory $1
  local dl=$OUT/download
  rm -rf "$dl" && mkdir -p "$dl/x" "$dl/k" || return 1
  (cd "$dl" && apt-get download -q -o APT::Sandbox::User=root "$KPKG=$KVER" >/dev/null) || return 1
  dpkg-deb --fsys-tarfile "$dl"/*.deb | tar -x -C "$dl/x" --wildcards './boot/vmlinuz-*' './boot/config-*' || return 1
  mv "$dl"/x/boot/vmlinuz-* "$dl/k/vmlinuz" && mv "$dl"/x/boot/config-* "$dl/k/config" || return 1
  # Only the current point release's kernel is kept.
  rm -rf "$OUT/kernel" && mkdir -p "$OUT/kernel" && mv "$dl/k" "$1" && rm -rf "$dl"
}
if [ -n "${BCCRS_QEMU_KERNEL:-}" ]; then
  VMLINUZ=$BCCRS_QEMU_KERNEL
  [ -s "$VMLINUZ" ] || die "BCCRS_QEMU_KERNEL=$VMLINUZ is not a file"
  KLABEL="$VMLINUZ (BCCRS_QEMU_KERNEL)"
else
  resolve_kernel || { apt_update; resolve_kernel; } || die "cannot resolve linux-image-amd64 to a linux-image-6.1.0-*-amd64 package"
  KDIR=$OUT/kernel/${KPKG}_$KVER
  if [ ! -s "$KDIR/vmlinuz" ]; then
    say "downloading $KPKG $KVER"
    if ! fetch_kernel "$KDIR"; then
      # Stale lists name a version the mirror no longer has: refresh once and retry.
      apt_update
      resolve_kernel || die "cannot resolve linux-image-amd64"
      KDIR=$OUT/kernel/${KPKG}_$KVER
      fetch_kernel "$KDIR" || die "cannot download $KPKG $KVER"
    fi
  fi
  VMLINUZ=$KDIR/vmlinuz
  [ -s "$VMLINUZ" ] || die "no vmlinuz in $KPKG"
  KLABEL="$KPKG $KVER"
fi
say "guest kernel: $KLABEL"

# --- bccrs, the objects, the workload -----------------------------------------------------------
if [ -n "${BCCRS_BIN:-}" ]; then
  BCCRS=$BCCRS_BIN
else
  say "cargo build --release"
  export LLVM_CONFIG_PATH=${LLVM_CONFIG_PATH:-/usr/bin/llvm-config-19}
  cargo build --release --quiet --bin bccrs
  BCCRS=${CARGO_TARGET_DIR:-$REPO/target}/release/bccrs
fi
[ -x "$BCCRS" ] || die "no bccrs binary at $BCCRS"

ROOT=$OUT/initramfs
rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,guest,proc,sys,dev,tmp,root}
say "compiling tests/guest/programs/*.c on $(uname -r) with $BCCRS"
for src in tests/guest/programs/*.c; do
  obj=$ROOT/guest/$(basename "${src%.c}").bpf.o
  "$BCCRS" compile "$src" -o "$obj" || die "bccrs compile $src failed"
done
uname -r >"$ROOT/guest/compiled-on"
cc -O1 -static -o "$ROOT/guest/workload" tests/guest/workload.c || die "building the workload failed (cc -static)"

# A binary and the shared libraries ldd names, at the paths ldd names.
add_binary() { # SRC DEST-IN-ROOT
  install -D -m 755 "$1" "$ROOT$2"
  { ldd "$1" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | while read -r lib; do
    [ -e "$ROOT$lib" ] || install -D -m 755 "$(readlink -f "$lib")" "$ROOT$lib"
  done
}
add_binary "$BUSYBOX" /bin/busybox
ln -s busybox "$ROOT/bin/sh" # /init's interpreter; init.sh installs the other applets
add_binary "$BCCRS" /bin/bccrs
strip --strip-debug "$ROOT/bin/bccrs" 2>/dev/null || true # a debug build carries ~50 MB of DWARF
add_binary "$(command -v jq)" /bin/jq
install -m 755 tests/guest/init.sh "$ROOT/init"
INITRD=$OUT/initramfs.cpio
(cd "$ROOT" && find . -print0 | cpio --null -o -H newc --quiet) >"$INITRD"
say "initramfs: $(du -h "$INITRD" | cut -f1) ($(find "$ROOT/guest" -name '*.bpf.o' | wc -l) objects)"

# --- qemu ----------------------------------------------------------------------------------------
APPEND="console=ttyS0 panic=-1 quiet loglevel=1 mitigations=off"
qemu() { # TIMEOUT EXTRA-KERNEL-ARGS QEMU-ARGS…
  local t=$1 extra=$2
  shift 2
  timeout -k 5 "$t" qemu-system-x86_64 "$@" -smp "$CPUS" -m "$MEM" -nodefaults -display none -no-reboot \
    -serial stdio -kernel "$VMLINUZ" -initrd "$INITRD" -append "$APPEND $extra" </dev/null
}
ACCEL=(-accel tcg -cpu max)
case ${BCCRS_QEMU_ACCEL:-auto} in
  tcg) ;;
  kvm) ACCEL=(-accel kvm -cpu host) ;;
  auto)
    if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ]; then
      # /dev/kvm may exist without working (nested virtualisation): boot once with KVM first.
      if qemu 30 bccrs.probe -accel kvm -cpu host 2>/dev/null | tr -d '\r' | grep -q GUEST-PROBE-OK; then
        ACCEL=(-accel kvm -cpu host)
      else
        say "KVM did not boot the guest; using TCG"
      fi
    fi
    ;;
  *) die "BCCRS_QEMU_ACCEL must be auto, tcg or kvm" ;;
esac
LOG=$OUT/console.log
say "booting with ${ACCEL[*]} (timeout ${TIMEOUT} s); console in $LOG"
BOOT=$(date +%s.%N)
set +e
qemu "$TIMEOUT" "" "${ACCEL[@]}" 2>&1 | tr -d '\r' | tee "$LOG"
QEMU_RC=${PIPESTATUS[0]}
set -e
say "guest ran $(elapsed "$BOOT") s (qemu exit $QEMU_RC)"

# --- verdict -------------------------------------------------------------------------------------
fail=0
[ "$QEMU_RC" = 124 ] && { echo "FAIL: the guest did not finish within ${TIMEOUT} s"; fail=1; }
plan=$(sed -n 's/^GUEST-PLAN //p' "$LOG")
[ "$plan" = "${EXPECTED[*]}" ] || { echo "FAIL: guest plan [$plan] is not the expected [${EXPECTED[*]}]"; fail=1; }
for t in "${EXPECTED[@]}"; do
  n=$(grep -c "^GUEST-RESULT $t " "$LOG" || true)
  if [ "$n" != 1 ]; then
    echo "FAIL: $t printed $n results"
    fail=1
  elif ! grep -q "^GUEST-RESULT $t PASS" "$LOG"; then
    echo "FAIL: $(grep "^GUEST-RESULT $t " "$LOG")"
    fail=1
  fi
done
summary=$(grep '^GUEST-SUMMARY' "$LOG" || true)
[ "$summary" = "GUEST-SUMMARY passed=${#EXPECTED[@]} failed=0" ] || { echo "FAIL: summary is [$summary]"; fail=1; }
echo "kernel: $KLABEL; objects compiled on $(uname -r)"
echo "wall time: $(elapsed "$START") s"
passed=0
for t in "${EXPECTED[@]}"; do grep -q "^GUEST-RESULT $t PASS" "$LOG" && passed=$((passed + 1)); done
echo "qemu: $passed passed, $((${#EXPECTED[@]} - passed)) failed"
if [ "$fail" = 0 ]; then
  exit 0
fi
echo "guest tests failed (console: $LOG)"
exit 1
