#!/bin/bash
# The workload tool-suite runs while each BCC tool traces (tests/guest/tools/run.py starts it
# once the tool has printed its first line). For SECONDS seconds, about twice a second: execs,
# opens, stats, ext4 writes with fsync and cold reads (block I/O through the loop device, page
# cache misses and readahead), unlinks and renames, a tmpfs mount, a TCP connect/accept on
# loopback (bash's /dev/tcp resolves "localhost" with getaddrinfo; the server threads per
# connection), a signal to a child, a line written to a terminal, sync.
# Usage: workload.sh SECONDS PORT EXT4-DIR [TMPFS-DIR [TTY]]
secs=${1:-5} port=${2:-9000} dir=${3:-/mnt/ext4} tmpfs=${4:-/tmp/wl-tmpfs} tty=${5:-}
end=$((SECONDS + secs))
i=0
mkdir -p "$tmpfs"
while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    /bin/true
    ls "$dir" >/dev/null
    cat /etc/hostname >/dev/null
    stat /etc/passwd >/dev/null
    dd if=/dev/zero of="$dir/f$i" bs=64k count=4 conv=fsync 2>/dev/null
    echo 3 >/proc/sys/vm/drop_caches
    cat "$dir/f$i" >/dev/null
    mv "$dir/f$i" "$dir/g$i"
    if exec 3<>"/dev/tcp/localhost/$port"; then
        echo "ping $i" >&3
        read -r -t 2 _ <&3
        exec 3>&-
    fi
    (exec 3<>/dev/tcp/127.0.0.1/1) 2>/dev/null # refused: a RST
    getent ahosts localhost >/dev/null
    sleep 5 &
    kill -TERM $! 2>/dev/null
    wait 2>/dev/null
    mount -t tmpfs wl-tmpfs "$tmpfs" && umount "$tmpfs"
    [ -z "$tty" ] || echo "tool-suite round $i" >"$tty"
    sync
    rm -f "$dir/g$i" # created, renamed and deleted within one round (filelife, filegone)
    sleep 0.2
done
rm -f "$dir"/g*
rmdir "$tmpfs" 2>/dev/null || true
