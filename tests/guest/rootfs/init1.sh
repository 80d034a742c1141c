#!/bin/sh
# First stage of the guest booted by scripts/qemu/guest.sh (the initramfs's /init, busybox):
# loads the modules 9p and overlayfs need (copied from the guest kernel's own package), mounts
# the host's root (9p tag `hostroot`, read-only) under a tmpfs overlay, mounts the results
# directory (9p tag `results`, writable) at its host path, and switches root to the overlay,
# running the second stage (init2.sh, copied into the results directory) as PID 1.
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
if grep -qw guest.probe /proc/cmdline; then
    echo GUEST-PROBE-OK
    poweroff -f
fi
fail() {
    echo "GUEST-INIT1-FAIL $*"
    poweroff -f
}
for m in $(cat /modules/order); do
    out=$(insmod "/modules/$m" 2>&1) || case $out in *exist*) ;; *) echo "insmod $m: $out" ;; esac
done
RESULTS=$(sed -n 's/.*guest\.results=\([^ ]*\).*/\1/p' /proc/cmdline)
[ -n "$RESULTS" ] || fail "no guest.results= on the command line"
# cache=loose: the guest keeps what it read (nothing changes the host's / during a run).
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /lower ||
    fail "cannot mount the host's root over 9p"
mount -t tmpfs -o mode=755 tmpfs /upper
mkdir -p /upper/data /upper/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work /newroot ||
    fail "cannot mount the overlay"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results "/newroot$RESULTS" ||
    fail "cannot mount the results directory at $RESULTS"
umount /proc /sys /dev 2>/dev/null
exec switch_root /newroot /bin/sh "$RESULTS/init2.sh"
