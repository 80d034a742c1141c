#!/bin/sh
# /init of the qemu guest (Debian 12's 6.1 kernel) built by scripts/qemu/run-guest-tests.sh.
#
# The BPF objects in /guest were compiled on the host, against the host kernel's BTF, by
# `bccrs compile`; here `bccrs run OBJECT` loads them (libbpf relocates them against this
# kernel's BTF), attaches them, runs the workload, and prints its maps as JSON. jq checks the
# values against what the workload says about itself. Output, on the serial console:
#
#   GUEST-INFO …                              kernels and what this kernel offers
#   GUEST-PLAN name…                          the tests that will run
#   GUEST-JSON-BEGIN name / doc / GUEST-JSON-END name   the document `bccrs run` printed
#   GUEST-RESULT name PASS|FAIL detail        one per test
#   GUEST-SUMMARY passed=N failed=M
#
# then `poweroff -f` (qemu exits 0 whatever happened: the host reads these lines).
export PATH=/bin HOME=/root
# bccrs and jq are dynamically linked; their libraries sit where the host has them.
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /tmp /root /run
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf
echo 1 > /proc/sys/kernel/printk 2>/dev/null

G=/guest
# Each `bccrs run` gets this long; a hang becomes a FAIL instead of eating the host's timeout.
RUN_TIMEOUT=60
PASSED=0
FAILED=0

# A command line flag used by the host's KVM probe: boot, say so, power off.
if grep -qw bccrs.probe /proc/cmdline; then
    echo "GUEST-PROBE-OK"
    poweroff -f
fi

result() { # NAME PASS|FAIL DETAIL
    echo "GUEST-RESULT $1 $2 $3"
    if [ "$2" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}

# bccrs_run NAME BCCRS-ARGS… -- WORKLOAD-ARGS…
# Runs `bccrs run --format json -v BCCRS-ARGS… -- /guest/workload WORKLOAD-ARGS…` and sets
# RC (its exit code), RUNNER (its pid: the workload's parent), WL_PID, WL_PPID, WL_ARGS_LEN (what
# the workload printed about itself) and DOC (the file holding the final JSON document).
bccrs_run() {
    name=$1
    shift
    out=/tmp/$name.out
    ERR=/tmp/$name.err
    DOC=/tmp/$name.json
    # busybox timeout execs the command in the process it was started as, so $! is bccrs's pid.
    timeout "$RUN_TIMEOUT" bccrs run --format json -v "$@" >"$out" 2>"$ERR" &
    RUNNER=$!
    wait "$RUNNER"
    RC=$?
    WL_PID=$(sed -n 's/^pid //p' "$out")
    WL_PPID=$(sed -n 's/^ppid //p' "$out")
    WL_ARGS_LEN=$(sed -n 's/^args_len //p' "$out")
    grep '^{' "$out" | grep '"maps"' | tail -n 1 >"$DOC"
    echo "GUEST-JSON-BEGIN $name"
    cat "$DOC"
    echo "GUEST-JSON-END $name"
}

# Why a run failed, on one line: exit code and the end of stderr.
why() {
    printf 'exit=%s pid=%s stderr: %s' "$RC" "$WL_PID" "$(tail -n 4 "$ERR" | tr '\n' '|')"
}

# The value(s) of map $1 under key $2 in the document, as compact JSON (`[]` when missing).
entry() {
    jq -c --arg m "$1" --argjson k "$2" '[.maps[$m].entries[]? | select(.key == $k) | .value]' "$DOC" 2>&1
}

# check_count NAME MAP EXPECTED: the workload's entry in MAP is exactly EXPECTED.
check_count() {
    if [ "$RC" != 0 ] || [ -z "$WL_PID" ]; then
        result "$1" FAIL "$(why)"
        return
    fi
    got=$(entry "$2" "$WL_PID")
    if [ "$got" = "[$3]" ]; then
        result "$1" PASS "$2[$WL_PID]=$3"
    else
        result "$1" FAIL "$2[$WL_PID]: expected [$3], got $got; $(why)"
    fi
}

# A function that must exist only under a compiler-renamed symbol (NAME.isra.N, NAME.constprop.N)
# for the rename tests to mean anything.
renamed_only() { # FUNCTION KIND
    if grep -q " $1\$" /proc/kallsyms; then
        echo "this kernel has a plain $1 symbol, so the test would not exercise the rename"
    elif ! grep -q " $1\.$2\.[0-9]*\$" /proc/kallsyms; then
        echo "this kernel has no $1.$2.N symbol"
    fi
}

N_GETPID=1000
N_GETPPID=777
N_SYSINFO=55
N_SIGALTSTACK=33
FILE=/tmp/guest-implicit-file

TESTS="tracepoint_count kprobe_count kretprobe_count attach_explicit implicit_reads isra_rename constprop_rename"

echo "GUEST-INFO kernel=$(uname -r) compiled-on=$(cat $G/compiled-on) cpus=$(grep -c ^processor /proc/cpuinfo)"
echo "GUEST-INFO kprobe-pmu=$([ -e /sys/bus/event_source/devices/kprobe ] && echo yes || echo no) btf=$([ -e /sys/kernel/btf/vmlinux ] && echo yes || echo no) renamed: $(grep -E ' (do_sysinfo|do_sigaltstack)(\.|$)' /proc/kallsyms | awk '{print $3}' | tr '\n' ' ')"
echo "GUEST-PLAN $TESTS"

# 1. Baseline without kprobes: a tracepoint counts getpid() calls of the workload.
bccrs_run tracepoint_count $G/tracepoint_count.bpf.o -- $G/workload getpid $N_GETPID
check_count tracepoint_count counts $N_GETPID

# 2. kprobe__sys_getpid (section kprobe/__x64_sys_getpid), attached by its section.
bccrs_run kprobe_count $G/kprobe_count.bpf.o -- $G/workload getpid $N_GETPID
check_count kprobe_count calls $N_GETPID

# 3. kretprobe__sys_getpid: every return counted; none returned another value than the tgid.
bccrs_run kretprobe_count $G/kretprobe_count.bpf.o -- $G/workload getpid $N_GETPID
r=$(entry returns "${WL_PID:-0}")
w=$(entry wrong_value "${WL_PID:-0}")
if [ "$RC" = 0 ] && [ "$r" = "[$N_GETPID]" ] && [ "$w" = "[]" ]; then
    result kretprobe_count PASS "returns[$WL_PID]=$N_GETPID, none with another value than the pid"
else
    result kretprobe_count FAIL "expected returns=[$N_GETPID] wrong_value=[], got returns=$r wrong_value=$w; $(why)"
fi

# 4. Explicit --attach kprobe:/kretprobe: specifications on programs named on_enter/on_return.
bccrs_run attach_explicit $G/attach_explicit.bpf.o \
    --attach kprobe:__x64_sys_getppid=on_enter --attach kretprobe:__x64_sys_getppid=on_return \
    -- $G/workload getppid $N_GETPPID
e=$(entry entries_seen "${WL_PID:-0}")
r=$(entry returns_seen "${WL_PID:-0}")
if [ "$RC" = 0 ] && [ "$e" = "[$N_GETPPID]" ] && [ "$r" = "[$N_GETPPID]" ]; then
    result attach_explicit PASS "entries_seen=$e returns_seen=$r"
else
    result attach_explicit FAIL "expected [$N_GETPPID] twice, got entries_seen=$e returns_seen=$r; $(why)"
fi

# 5. Implicit kernel reads relocated by CO-RE: task->tgid, task->real_parent->tgid, comm,
#    comm[3], mm->arg_end - mm->arg_start, and the name of the file opened, read through
#    files->fdt->fd[fd]->f_path.dentry->d_name.name.
bccrs_run implicit_reads $G/implicit_reads.bpf.o -- $G/workload open $FILE
got=$(entry facts "${WL_PID:-0}")
want=$(jq -cn --argjson pid "${WL_PID:-0}" --argjson parent "${WL_PPID:-0}" --argjson len "${WL_ARGS_LEN:-0}" \
    --arg name "${FILE##*/}" \
    '[{tgid: $pid, parent_tgid: $parent, comm: "bccrs-wl", comm3: 114, args_len: $len, name: $name}]')
if [ "$RC" != 0 ] || [ -z "$WL_PID" ]; then
    result implicit_reads FAIL "$(why)"
elif [ "$WL_PPID" != "$RUNNER" ]; then
    result implicit_reads FAIL "the workload's parent is $WL_PPID, not bccrs run ($RUNNER)"
elif jq -en --argjson a "$got" --argjson b "$want" '$a == $b' >/dev/null; then
    result implicit_reads PASS "$got"
else
    result implicit_reads FAIL "expected $want, got $got"
fi

# 6, 7. kprobe__do_sysinfo / kprobe__do_sigaltstack: the plain names are missing here, so bccrs
#    must attach to do_sysinfo.isra.0 / do_sigaltstack.constprop.0 found in /proc/kallsyms. The
#    workload also prints the kernel's list of registered kprobes while the program is attached,
#    which must name the renamed symbol.
renamed_test() { # NAME FUNCTION isra|constprop SYSCALL N
    problem=$(renamed_only "$2" "$3")
    if [ -n "$problem" ]; then
        result "$1" FAIL "$problem"
        return
    fi
    bccrs_run "$1" $G/"$1".bpf.o -- $G/workload "$4" "$5" cat /sys/kernel/debug/kprobes/list
    got=$(entry calls "${WL_PID:-0}")
    probe=$(grep -o "$2\.$3\.[0-9]*+0x0" /tmp/"$1".out | head -n 1)
    if [ "$RC" = 0 ] && [ "$got" = "[$5]" ] && [ -n "$probe" ]; then
        result "$1" PASS "calls[$WL_PID]=$5 through the kprobe on $probe"
    else
        result "$1" FAIL "expected calls=[$5] and a kprobe on $2.$3.N, got calls=$got kprobe=[$probe]; $(why)"
    fi
}
renamed_test isra_rename do_sysinfo isra sysinfo $N_SYSINFO
renamed_test constprop_rename do_sigaltstack constprop sigaltstack $N_SIGALTSTACK

echo "GUEST-SUMMARY passed=$PASSED failed=$FAILED"
poweroff -f
