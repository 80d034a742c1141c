#!/bin/sh
# Second stage of the guest booted by scripts/qemu/guest.sh: PID 1 in the host's root
# filesystem (read-only 9p + tmpfs overlay). Mounts what tools expect, brings up loopback,
# makes the guest kernel's modules (and headers, with --headers) /lib/modules/$(uname -r), runs
# the command the host wrote into the results directory, writes its exit status there, powers off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8
RESULTS=$(dirname "$0")
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
. "$RESULTS/env"
# Fresh, empty /tmp and /var/tmp, except where the results directory (a 9p mount) or the
# repository lives below one of them (a clone in /tmp): a tmpfs would hide it, and the
# overlay's upper layer already keeps the guest's writes off the host.
for d in /tmp /var/tmp; do
    case "$RESULTS/ $GUEST_REPO/" in "$d"/*|*" $d"/*) continue ;; esac
    mount -t tmpfs tmpfs "$d"
done
mount -t tmpfs tmpfs /run
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t bpf bpf /sys/fs/bpf 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
echo 1 >/proc/sys/kernel/printk 2>/dev/null
ip link set lo up 2>/dev/null || /bin/busybox ip link set lo up
hostname guest 2>/dev/null
export GUEST_RESULTS GUEST_KERNEL GUEST_REPO GUEST_MODULES GUEST_HEADERS GUEST_CONFIG
KVER=$(uname -r)
if [ "$GUEST_MODULES" != "/lib/modules/$KVER" ]; then
    mkdir -p "/lib/modules/$KVER"
    mount --bind "$GUEST_MODULES" "/lib/modules/$KVER"
fi
# The kernel's request_module() and tools call /sbin/modprobe: busybox's reads the modules.dep
# guest.sh wrote (the host may have no kmod).
if ! [ -x /sbin/modprobe ]; then
    ln -sf /bin/busybox /sbin/modprobe
    ln -sf /bin/busybox /sbin/insmod
    ln -sf /bin/busybox /sbin/lsmod
fi
echo /sbin/modprobe >/proc/sys/kernel/modprobe
# bpftool feature probe (and BCC's kconfig readers) look for /boot/config-$(uname -r).
if [ -n "$GUEST_CONFIG" ] && ! [ -e "/boot/config-$KVER" ]; then
    ln -s "$GUEST_CONFIG" "/boot/config-$KVER"
fi
# --headers: the extracted linux-headers packages, where they would be installed:
# /usr/src/linux-headers-* and the build/source links in /lib/modules/$(uname -r).
if [ -n "$GUEST_HEADERS" ]; then
    for d in "$GUEST_HEADERS"/usr/src/linux-*; do
        ln -sfn "$d" "/usr/src/$(basename "$d")"
    done
    for l in "$GUEST_HEADERS"/lib/modules/"$KVER"/* "$GUEST_HEADERS"/usr/lib/modules/"$KVER"/*; do
        [ -L "$l" ] && { rm -rf "/lib/modules/$KVER/$(basename "$l")"; cp -P "$l" "/lib/modules/$KVER/"; }
    done
    [ -e "/lib/modules/$KVER/build" ] || ln -sfn "/usr/src/linux-headers-$KVER" "/lib/modules/$KVER/build"
    common=/usr/src/linux-headers-${KVER%-amd64}-common
    [ -e "/lib/modules/$KVER/source" ] || [ ! -d "$common" ] || ln -sfn "$common" "/lib/modules/$KVER/source"
fi
cut -d' ' -f1 /proc/uptime >"$RESULTS/guest-ready"
echo "GUEST-READY kernel=$KVER uptime=$(cat "$RESULTS/guest-ready")"
{
    sh "$RESULTS/command" </dev/null
    echo $? >"$RESULTS/rc.tmp"
} 2>&1 | tee "$RESULTS/output"
mv "$RESULTS/rc.tmp" "$RESULTS/rc"
sync
echo "GUEST-DONE rc=$(cat "$RESULTS/rc")"
/bin/busybox poweroff -f
