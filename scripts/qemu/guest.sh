#!/usr/bin/env bash
# Boots a Debian stock kernel under qemu with the HOST's root filesystem as the guest's root
# (shared read-only over virtio-9p, with a tmpfs overlay on top), runs one command in it, and
# returns its output and exit status. Python, Debian's BCC tools, clang-19 and a bccrs built on
# the host all run in the guest unchanged. See docs/qemu.md ("The host's userspace in a guest").
#
#   scripts/qemu/guest.sh [--kernel 5.10|6.1|6.12|host] [options] [--] COMMAND [ARGS…]
#
#   --kernel K       5.10 (bullseye), 6.1 (bookworm, default), 6.12 (trixie) or host
#                    (/boot/vmlinuz-$(uname -r) with /lib/modules/$(uname -r); skipped, exit 0,
#                    when the host has no such file)
#   --headers        also fetch the kernel's linux-headers packages and make them
#                    /lib/modules/$(uname -r)/build in the guest (what BCC itself needs)
#   --results DIR    a host directory the guest may write (shared at the same path; default a
#                    fresh target/qemu/run/<kernel>/); the command sees it as $GUEST_RESULTS
#   --mem MiB        guest memory (default 3072), --cpus N (default 2)
#   --timeout S      seconds qemu may run (default 600)
#   --fetch-only     fetch and prepare the kernel, print its cache directory, do not boot
#   --quiet          do not copy the guest console to stdout (it is kept in DIR/console.log)
#
# The command runs as root with cwd = the current directory, under /bin/sh -c when it is one
# word with spaces. Its stdout and stderr go to the guest console (copied to this script's
# stdout) and to DIR/output; its exit status becomes this script's (124 when qemu timed out,
# 125 when the guest never reached the command).
#
# Environment: BCCRS_QEMU_ACCEL=auto|tcg|kvm (as run-guest-tests.sh), CARGO_TARGET_DIR.
set -euo pipefail
START=$(date +%s.%N)
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${CARGO_TARGET_DIR:-$REPO/target}/qemu
case $OUT in /*) ;; *) OUT=$REPO/$OUT ;; esac

KERNEL=6.1 HEADERS= RESULTS= MEM=3072 CPUS=2 TIMEOUT=600 FETCH_ONLY= QUIET=
while [ $# -gt 0 ]; do
  case $1 in
    --kernel) KERNEL=$2; shift 2 ;;
    --headers) HEADERS=1; shift ;;
    --results) RESULTS=$2; shift 2 ;;
    --mem) MEM=$2; shift 2 ;;
    --cpus) CPUS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --fetch-only) FETCH_ONLY=1; shift ;;
    --quiet) QUIET=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "guest.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || [ -n "$FETCH_ONLY" ] || { echo "guest.sh: no command (see --help)" >&2; exit 2; }

elapsed() { echo "$(date +%s.%N) $1" | awk '{printf "%.1f", $1 - $2}'; }
say() { echo "== [$(elapsed "$START") s] $*" >&2; }
die() { echo "guest.sh: error: $*" >&2; exit 125; }
[ "$(id -u)" = 0 ] || die "run as root"
for c in qemu-system-x86_64 cpio dpkg-deb xz; do
  command -v $c >/dev/null || die "$c is missing (apt-get install qemu-system-x86 cpio xz-utils)"
done
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] && file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked' ||
  die "$BUSYBOX is not a static busybox (apt-get install busybox-static)"

# --- kernels: Debian's packages through a private apt state, cached in target/qemu/kernels ---
# The mirror is the one the host's own sources name (read at run time, not written anywhere).
mirror() {
  local u
  u=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ && $2 !~ /security/ && $2 ~ /debian/ {print $2; exit}')
  [ -n "$u" ] || u=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $2 !~ /security/ && $2 ~ /debian/ {print $2; exit}')
  [ -n "$u" ] || u=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $2 !~ /security/ {print $2; exit}')
  [ -n "$u" ] || die "no Debian mirror in /etc/apt/sources.list*"
  echo "$u"
}
APTDIR=
papt() { # apt-get/apt-cache with the private state of suite $SUITE
  local tool=$1
  shift
  "$tool" -o Dir::Etc::SourceList="$APTDIR/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$APTDIR/lists" -o Dir::Cache="$APTDIR/cache" \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Debug::NoLocking=1 \
    -o APT::Sandbox::User=root -o Acquire::Languages=none "$@"
}
apt_setup() { # SUITE
  APTDIR=$OUT/apt/$1
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial"
  echo "deb $(mirror) $1 main" >"$APTDIR/sources.list.new"
  if ! cmp -s "$APTDIR/sources.list.new" "$APTDIR/sources.list"; then
    mv "$APTDIR/sources.list.new" "$APTDIR/sources.list"
    rm -f "$APTDIR"/lists/*Packages* "$APTDIR"/lists/*Release*
  else
    rm -f "$APTDIR/sources.list.new"
  fi
}
apt_update() {
  say "apt-get update ($SUITE, private lists in $APTDIR)"
  papt apt-get update -qq -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false \
    -o Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false >/dev/null ||
    die "apt-get update of $SUITE failed"
}
resolve() { # sets KPKG (linux-image-X) and PKGVER
  KPKG=$(papt apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
  PKGVER=
  [ -n "$KPKG" ] && PKGVER=$(papt apt-cache policy "$KPKG" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
  [ -n "$KPKG" ] && [ -n "$PKGVER" ] && [ "$PKGVER" != "(none)" ]
}
download() { # DEST-DIR PKG=VER…: apt-get download into DEST-DIR, refreshing the lists once if needed
  local dest=$1
  shift
  mkdir -p "$dest"
  (cd "$dest" && papt apt-get download -q "$@" >/dev/null 2>&1) && return 0
  apt_update
  (cd "$dest" && papt apt-get download -q "$@" >/dev/null)
}

KDIR=$OUT/kernels/$KERNEL
case $KERNEL in
  5.10) SUITE=bullseye ;;
  6.1) SUITE=bookworm ;;
  6.12) SUITE=trixie ;;
  host) SUITE= ;;
  *) echo "guest.sh: --kernel must be 5.10, 6.1, 6.12 or host" >&2; exit 2 ;;
esac

if [ "$KERNEL" = host ]; then
  KVER=$(uname -r)
  if [ ! -s "/boot/vmlinuz-$KVER" ] || [ ! -d "/lib/modules/$KVER" ]; then
    echo "guest.sh: skipped: the host kernel $KVER has no /boot/vmlinuz-$KVER (or /lib/modules/$KVER) to boot"
    exit 0
  fi
  mkdir -p "$KDIR"
  VMLINUZ=/boot/vmlinuz-$KVER
  MODROOT=/ # /lib/modules/$KVER of the host itself
  echo "$KVER" >"$KDIR/release"
else
  if [ ! -s "$KDIR/vmlinuz" ] || [ ! -s "$KDIR/release" ]; then
    apt_setup "$SUITE"
    resolve || { apt_update; resolve; } || die "cannot resolve linux-image-amd64 in $SUITE"
    say "fetching $KPKG $PKGVER ($SUITE) into $KDIR"
    rm -rf "$KDIR.new" && mkdir -p "$KDIR.new/deb" "$KDIR.new/root"
    download "$KDIR.new/deb" "$KPKG=$PKGVER" || die "cannot download $KPKG $PKGVER"
    dpkg-deb -x "$KDIR.new"/deb/*.deb "$KDIR.new/root"
    rm -rf "$KDIR.new/deb"
    kver=${KPKG#linux-image-}
    # trixie's packages are merged-/usr: the modules sit in usr/lib/modules.
    if [ ! -e "$KDIR.new/root/lib/modules" ] && [ -d "$KDIR.new/root/usr/lib/modules" ]; then
      mkdir -p "$KDIR.new/root/lib" && ln -s ../usr/lib/modules "$KDIR.new/root/lib/modules"
    fi
    [ -d "$KDIR.new/root/lib/modules/$kver" ] || die "$KPKG has no lib/modules/$kver"
    # modules.dep for the initramfs and for busybox's modprobe in the guest (the host may have
    # no kmod; busybox's depmod writes only under the -b directory).
    "$BUSYBOX" depmod -b "$KDIR.new/root" "$kver" || die "depmod of $kver failed"
    ln -s "root/boot/vmlinuz-$kver" "$KDIR.new/vmlinuz"
    ln -s "root/boot/config-$kver" "$KDIR.new/config"
    echo "$KPKG $PKGVER $SUITE" >"$KDIR.new/package"
    echo "$kver" >"$KDIR.new/release"
    rm -rf "$KDIR" && mv "$KDIR.new" "$KDIR"
  fi
  KVER=$(cat "$KDIR/release")
  VMLINUZ=$KDIR/vmlinuz
  MODROOT=$KDIR/root
  if [ -n "$HEADERS" ] && [ ! -d "$KDIR/headers/usr/src/linux-headers-$KVER" ]; then
    apt_setup "$SUITE"
    PKGVER=$(awk '{print $2}' "$KDIR/package")
    common=${KVER%-amd64}-common
    say "fetching linux-headers-$KVER and linux-headers-$common $PKGVER"
    rm -rf "$KDIR/headers.new" && mkdir -p "$KDIR/headers.new/deb"
    download "$KDIR/headers.new/deb" "linux-headers-$KVER=$PKGVER" "linux-headers-$common=$PKGVER" ||
      die "cannot download the headers of $KVER"
    for d in "$KDIR"/headers.new/deb/*.deb; do dpkg-deb -x "$d" "$KDIR/headers.new"; done
    rm -rf "$KDIR/headers.new/deb" "$KDIR/headers"
    mv "$KDIR/headers.new" "$KDIR/headers"
  fi
fi
if [ -n "$FETCH_ONLY" ]; then
  echo "$KDIR"
  exit 0
fi

# --- initramfs: busybox, the modules 9p and overlayfs need, and the first-stage /init -----------
RUN=${RESULTS:-$OUT/run/$KERNEL}
case $RUN in /*) ;; *) RUN=$PWD/$RUN ;; esac
[ -n "$RESULTS" ] || rm -rf "$RUN"
mkdir -p "$RUN"
rm -f "$RUN/rc" "$RUN/rc.tmp" "$RUN/output" "$RUN/console.log" "$RUN/guest-ready"
# Built per run, in the run's directory: guests of one kernel may run side by side.
IRD=$RUN/initramfs
INITRD=$RUN/initramfs.cpio
rm -rf "$IRD" && mkdir -p "$IRD"/{bin,dev,proc,sys,lower,upper,newroot,modules}
cp "$BUSYBOX" "$IRD/bin/busybox"
ln -s busybox "$IRD/bin/sh"
# Every module (and its dependencies, in load order) that is not built in; .ko.xz/.ko.zst are
# decompressed here so busybox's insmod needs no decompressor.
: >"$IRD/modules/order"
MODDIR=$MODROOT/lib/modules/$KVER
[ "$MODROOT" = / ] && MODDIR=/lib/modules/$KVER
[ -s "$MODDIR/modules.dep" ] || die "no $MODDIR/modules.dep"
# modules.dep: "kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko …"; each dependency first, recursively.
load_order() { # MODULE-NAMES…: their files relative to $MODDIR, dependencies first
  awk -v want="$*" '
    { f = $1; sub(/:$/, "", f); n = f; sub(/.*\//, "", n); sub(/\.ko(\.(xz|zst|gz))?$/, "", n)
      gsub(/-/, "_", n); file[n] = f; deps[f] = ""
      for (i = 2; i <= NF; i++) deps[f] = deps[f] " " $i }
    function visit(f,   d, k, i) { if (f in done) return; done[f] = 1
      k = split(deps[f], d, " "); for (i = 1; i <= k; i++) visit(d[i]); print f }
    END { k = split(want, w, " "); for (i = 1; i <= k; i++) { m = w[i]; gsub(/-/, "_", m)
      if (m in file) visit(file[m]) } }' "$MODDIR/modules.dep"
}
load_order virtio_pci 9pnet_virtio 9p overlay | while read -r ko; do
  base=$(basename "$ko")
  case $base in
    *.xz) xz -dc "$MODDIR/$ko" >"$IRD/modules/${base%.xz}"; base=${base%.xz} ;;
    *.zst) zstd -qdc "$MODDIR/$ko" >"$IRD/modules/${base%.zst}"; base=${base%.zst} ;;
    *) cp "$MODDIR/$ko" "$IRD/modules/$base" ;;
  esac
  echo "$base" >>"$IRD/modules/order"
done
install -m 755 "$REPO/tests/guest/rootfs/init1.sh" "$IRD/init"
install -m 755 "$REPO/tests/guest/rootfs/init2.sh" "$RUN/init2.sh"
(cd "$IRD" && find . -print0 | cpio --null -o -H newc --quiet) >"$INITRD"
rm -rf "$IRD"

# --- the command, for the guest's second stage (tests/guest/rootfs/init2.sh) --------------------
{
  echo "cd $(printf %q "$PWD") 2>/dev/null || cd /"
  if [ $# = 1 ]; then
    printf '/bin/sh -c %q\n' "$1"
  else
    printf '%q ' "$@"
    echo
  fi
} >"$RUN/command"
cat >"$RUN/env" <<EOF
GUEST_RESULTS=$(printf %q "$RUN")
GUEST_KERNEL=$KERNEL
GUEST_REPO=$(printf %q "$REPO")
GUEST_MODULES=$(printf %q "$MODROOT/lib/modules/$KVER")
GUEST_CONFIG=$( [ "$KERNEL" != host ] && printf %q "$(readlink -f "$KDIR/config")")
GUEST_HEADERS=$( [ -n "$HEADERS" ] && printf %q "$KDIR/headers")
EOF

# --- qemu -----------------------------------------------------------------------------------------
ACCEL=(-accel tcg -cpu max)
case ${BCCRS_QEMU_ACCEL:-auto} in
  tcg) ;;
  kvm) ACCEL=(-accel kvm -cpu host) ;;
  auto)
    if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ] &&
      timeout -k 5 30 qemu-system-x86_64 -accel kvm -cpu host -m 256 -nodefaults -display none \
        -no-reboot -serial stdio -kernel "$VMLINUZ" -initrd "$INITRD" \
        -append "console=ttyS0 panic=-1 quiet guest.probe" </dev/null 2>/dev/null | grep -q GUEST-PROBE-OK; then
      ACCEL=(-accel kvm -cpu host)
    fi
    ;;
  *) die "BCCRS_QEMU_ACCEL must be auto, tcg or kvm" ;;
esac
# root: the host's / read-only, page cache (cache=loose: nothing
# writes it while the guest runs); res: the results directory, writable, uncached.
APPEND="console=ttyS0 panic=-1 quiet loglevel=1 mitigations=off nokaslr guest.results=$RUN"
say "booting $KERNEL ($KVER) with ${ACCEL[*]}, ${MEM} MiB, ${CPUS} CPUs; console in $RUN/console.log"
BOOT=$(date +%s.%N)
set +e
timeout --foreground -k 10 "$TIMEOUT" qemu-system-x86_64 "${ACCEL[@]}" -smp "$CPUS" -m "$MEM" -nodefaults \
  -display none -no-reboot -serial stdio \
  -kernel "$VMLINUZ" -initrd "$INITRD" -append "$APPEND" \
  -fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
  -device virtio-9p-pci,fsdev=root,mount_tag=hostroot \
  -fsdev local,id=res,path="$RUN",security_model=none,multidevs=remap \
  -device virtio-9p-pci,fsdev=res,mount_tag=results \
  </dev/null 2>&1 | sed -u 's/\r$//' | if [ -n "$QUIET" ]; then cat >"$RUN/console.log"; else tee "$RUN/console.log"; fi
QRC=${PIPESTATUS[0]}
set -e
# --foreground keeps qemu in this script's process group: killing the group (Ctrl-C, or a
# killed tool-suite.sh) ends the guest too, where timeout's own group would outlive it.
say "guest ran $(elapsed "$BOOT") s (qemu exit $QRC)"
if [ -s "$RUN/guest-ready" ]; then
  echo "guest boot to command: $(cat "$RUN/guest-ready") s" >&2
fi
if [ "$QRC" = 124 ]; then
  echo "guest.sh: the guest did not finish within $TIMEOUT s" >&2
  exit 124
fi
if [ ! -s "$RUN/rc" ]; then
  echo "guest.sh: the guest never reported an exit status; the end of its console:" >&2
  tail -n 30 "$RUN/console.log" >&2
  exit 125
fi
exit "$(cat "$RUN/rc")"
