#!/usr/bin/env bash
# Runs BCC's own Python examples, unmodified, on bccrs through `python3 -m bccrs.compat`, each
# under a timeout with a trigger, and prints a table of outcomes. Run as root:
#
#     bash python/tests/run_bcc_examples.sh            # all
#     bash python/tests/run_bcc_examples.sh strlen      # those whose name matches
#
# Networking examples run inside a network namespace of their own (its own loopback and veth
# pair; no traffic leaves it). Environment: PYTHON (default /usr/bin/python3, which has
# python3-pyroute2 for the XDP/tc examples), BCC_EXAMPLES (default Debian's
# /usr/share/doc/bpfcc-tools/examples), BCCRS_LIB (default target/release/libbccrs.so).
# Not part of pytest: slow, and several examples need tools (curl) or modules (pyroute2).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
EX=${BCC_EXAMPLES:-/usr/share/doc/bpfcc-tools/examples}
PY=${PYTHON:-/usr/bin/python3}
FILTER=${1:-}
export PYTHONPATH="$REPO/python${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONUNBUFFERED=1
if [ -z "${BCCRS_LIB:-}" ] && [ -e "$REPO/target/release/libbccrs.so" ]; then
  export BCCRS_LIB="$REPO/target/release/libbccrs.so"
fi
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
[ -d "$EX" ] || { echo "no BCC examples at $EX (apt-get install bpfcc-tools)" >&2; exit 1; }

LOGS=$(mktemp -d /tmp/bccrs-examples.XXXXXX)
NS=bccrs-ex-$$
CGROOT=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
CG=${CGROOT:-/sys/fs/cgroup}/bccrs-ex-$$
RESULTS=()
PASS=0
FAIL=0
XFAIL=0

cleanup() {
  [ "$BASHPID" = "$$" ] || return 0  # not in a forked child (a killed one runs the trap too)
  ip netns del $NS 2>/dev/null
  rmdir $CG 2>/dev/null
}
trap cleanup EXIT

setup_netns() {
  ip netns del $NS 2>/dev/null
  ip netns add $NS
  ip -n $NS link set lo up
  ip -n $NS link add v0 type veth peer name v1
  ip -n $NS link add v2 type veth peer name v3
  for v in v0 v1 v2 v3; do ip -n $NS link set $v up; done
}

in_ns() { ip netns exec $NS "$@"; }

# UDP datagrams to the namespace's own loopback
udp_burst() {
  in_ns "$PY" -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(20):
    s.sendto(b"x" * 64, ("127.0.0.1", 9)); time.sleep(0.02)'
}

# raw Ethernet frames sent on v1 (they arrive on v0)
raw_frames() {
  in_ns "$PY" -c '
import socket, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("v1", 0))
ip = bytes.fromhex("4500001c0000000040110000" "7f000001" "7f000001") + bytes(8)
for _ in range(20):
    s.send(b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + ip); time.sleep(0.02)'
}

# an HTTP server and two GETs on the namespace's loopback
http_gets() {
  in_ns "$PY" -c '
import http.server, threading, urllib.request, time
srv = http.server.HTTPServer(("127.0.0.1", 18080), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
for _ in range(2):
    urllib.request.urlopen("http://127.0.0.1:18080/").read(); time.sleep(0.2)
srv.shutdown()' >/dev/null 2>&1
}

# TCP traffic on 127.0.0.1 from a process in the test cgroup (host namespace: `ip netns exec`
# mounts a sysfs of its own, without the cgroup2 hierarchy)
tcp_in_cgroup() {
  bash -c "echo \$\$ > $CG/cgroup.procs; exec $PY -c '
import socket, threading
srv = socket.socket(); srv.bind((\"127.0.0.1\", 18081)); srv.listen()
def serve():
    c, _ = srv.accept(); c.sendall(c.recv(100)); c.close()
threading.Thread(target=serve, daemon=True).start()
c = socket.create_connection((\"127.0.0.1\", 18081)); c.sendall(b\"hello\"); print(c.recv(100))'" >/dev/null 2>&1
}

# ICMPv6 echo requests to all nodes on veth "me" (tc_perf_event's `ping6 ff02::1%me`)
ping6_me() {
  in_ns "$PY" -c '
import socket, time
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
for i in range(20):
    try:
        s.sendto(bytes([128, 0, 0, 0, 0, 1, 0, i]), ("ff02::1", 0, 0, socket.if_nametoindex("me")))
    except OSError:
        pass
    time.sleep(0.1)'
}

# a process that keeps calling malloc (for mallocstacks): its pid in $MALLOC_PID
start_malloc_proc() {
  "$PY" -c '
import time
while True:
    l = [bytearray(100000) for _ in range(5)]; time.sleep(0.05)' &
  MALLOC_PID=$!
}

spawn_procs() { for _ in $(seq 1 10); do ls / >/dev/null; echo x | grep x >/dev/null; sleep 0.1; done; }
disk_io() { for _ in 1 2 3; do dd if=/dev/zero of="$LOGS/dd" bs=4k count=256 oflag=direct 2>/dev/null; sleep 0.5; done; }
busy() { timeout 2 sh -c 'while :; do :; done'; }

example_wanted() { [ -z "$FILTER" ] || [[ "$1" == *"$FILTER"* ]]; }

# example NAME DIR EXPECT(works|fail) PATTERN READY SECONDS TRIGGER NS(0|1) -- SCRIPT ARGS...
#   PATTERN: an extended regex the output must match (for `fail`: the expected error)
#   READY:   a regex the output shows once the example is tracing (empty: wait 3 s)
example() {
  local name=$1 dir=$2 expect=$3 pattern=$4 ready=$5 secs=$6 trigger=$7 ns=$8
  shift 9
  if [ -n "$FILTER" ] && [[ "$name" != *"$FILTER"* ]]; then return; fi
  local log="$LOGS/$name.log"
  local pre=()
  [ "$ns" = 1 ] && pre=(ip netns exec $NS)
  ( cd "$EX/$dir" && exec timeout -s INT -k 5 $((secs + 40)) "${pre[@]}" "$PY" -m bccrs.compat "$@" ) >"$log" 2>&1 &
  local pid=$!
  local i
  for i in $(seq 1 300); do
    if [ -n "$ready" ] && grep -aqE "$ready" "$log"; then break; fi
    [ -z "$ready" ] && [ "$i" -ge 30 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 $pid 2>/dev/null; then
    [ -n "$trigger" ] && eval "$trigger"
    sleep "$secs"
    kill -INT $pid 2>/dev/null  # the timeout process passes SIGINT on to the example
  fi
  wait $pid 2>/dev/null
  local outcome detail
  local crashed=0
  # a Python error other than the KeyboardInterrupt that ends most examples
  if [ "$expect" = works ] && grep -aqE '^[A-Za-z_.]*(Error|Exception)(:|$)' "$log"; then crashed=1; fi
  if [ $crashed = 0 ] && grep -aqE "$pattern" "$log"; then
    if [ "$expect" = works ]; then outcome=works; PASS=$((PASS + 1)); else outcome="fails (expected)"; XFAIL=$((XFAIL + 1)); fi
  else
    outcome="FAILS (unexpected)"; FAIL=$((FAIL + 1))
  fi
  detail=$(grep -aE "$pattern" "$log" | head -1 | cut -c1-110)
  [ -z "$detail" ] && detail=$(grep -avE '^\s' "$log" | grep -av '^Traceback' | tail -1 | cut -c1-110)
  RESULTS+=("$(printf '%-28s %-20s %s' "$name" "$outcome" "$detail")")
  printf '%-28s %-20s %s\n' "$name" "$outcome" "$detail"
}

KPROBE='Failed to attach BPF program .* to kprobe|kretprobe .*not traceable'

echo "logs: $LOGS"
setup_netns
mkdir -p $CG 2>/dev/null

# --- tracing: tracepoints, raw tracepoints, uprobes, perf events ---------------------------
example biolatpcts tracing works 'p50=[0-9]+us' 'latency percentile' 4 disk_io 0 -- biolatpcts.py
example kvm_hypercall tracing works '' 'TIME|EVENT|^$' 2 '' 0 -- kvm_hypercall.py
example strlen_count tracing works '^ +[0-9]+ ' 'Tracing strlen' 2 spawn_procs 0 -- strlen_count.py
example strlen_hist tracing works 'strlen return:' 'Tracing' 2 spawn_procs 0 -- strlen_hist.py
example strlen_hist_ifunc tracing works 'strlen return:.*' 'wait for the first' 3 spawn_procs 0 -- strlen_hist_ifunc.py
example strlen_snoop tracing works 'TIME\(s\) +COMM' 'TIME' 2 spawn_procs 0 -- strlen_snoop.py 1
example_wanted mallocstacks && start_malloc_proc
example mallocstacks tracing works 'bytes allocated at' 'Attaching to malloc' 2 '' 0 -- mallocstacks.py ${MALLOC_PID:-1}
[ -n "${MALLOC_PID:-}" ] && kill $MALLOC_PID 2>/dev/null
# It samples for 2 s from its start (before the runner's 3 s readiness wait ends): busy from the start.
example_wanted stack_buildid && { timeout 6 sh -c 'while :; do :; done' & }
example stack_buildid tracing works '^    -  +[a-z]' '' 0 '' 0 -- stack_buildid_example.py
example urandomread tracing fail 'Failed to compile BPF module|tracepoint.*random' '' 1 '' 0 -- urandomread.py
example urandomread-explicit tracing fail "Failed to attach BPF program b'printarg' to tracepoint" '' 1 '' 0 -- urandomread-explicit.py
example mysqld_query tracing fail 'USAGE|mysqld|USDT' '' 1 '' 0 -- mysqld_query.py 1
example nodejs_http_server tracing fail 'USAGE|USDT|node' '' 1 '' 0 -- nodejs_http_server.py 1

# --- kprobe-based: this kernel has no kprobes; they fail as BCC reports it ------------------
example hello_world . fail "$KPROBE" '' 1 '' 0 -- hello_world.py
example hello_fields tracing fail "$KPROBE" '' 1 '' 0 -- hello_fields.py
example hello_perf_output tracing fail "$KPROBE" '' 1 '' 0 -- hello_perf_output.py
example hello_perf_output_using_ns tracing fail "$KPROBE" '' 1 '' 0 -- hello_perf_output_using_ns.py
example trace_fields tracing fail "$KPROBE" '' 1 '' 0 -- trace_fields.py
example trace_perf_output tracing fail "$KPROBE" '' 1 '' 0 -- trace_perf_output.py
example sync_timing tracing fail "$KPROBE" '' 1 '' 0 -- sync_timing.py
example bitehist tracing fail "$KPROBE" '' 1 '' 0 -- bitehist.py
example disksnoop tracing fail "$KPROBE" '' 1 '' 0 -- disksnoop.py
example dddos tracing fail "$KPROBE" '' 1 '' 0 -- dddos.py
example stacksnoop tracing fail "$KPROBE" '' 1 '' 0 -- stacksnoop.py vfs_read
example task_switch tracing fail "$KPROBE" '' 1 '' 0 -- task_switch.py
example tcpv4connect tracing fail "$KPROBE" '' 1 '' 0 -- tcpv4connect.py
example vfsreadlat tracing fail "$KPROBE" '' 1 '' 0 -- vfsreadlat.py 1 1
example nflatency tracing fail "$KPROBE" '' 1 '' 0 -- nflatency.py
example undump tracing fail "$KPROBE" '' 1 '' 0 -- undump.py -p 1

# --- networking (in network namespace $NS) --------------------------------------------------
example http-parse-simple networking/http_filter works '^GET / HTTP/1.1' 'binding socket' 2 http_gets 1 -- http-parse-simple.py -i lo
example http-parse-complete networking/http_filter works '^GET / HTTP/1.1' 'binding socket' 2 http_gets 1 -- http-parse-complete.py -i lo
# net_monitor decodes only keys whose repr is 30 characters long (addresses >= 128.0.0.0):
# 127.0.0.1 pairs are counted but not printed, with BCC too. It runs and prints blank lines.
example net_monitor networking works '^$' '' 2 udp_burst 1 -- net_monitor.py lo
example xdp_drop_count networking/xdp works '^17: [1-9][0-9]* pkt/s' 'Printing drops' 2 udp_burst 1 -- xdp_drop_count.py -S lo
example xdp_macswap_count networking/xdp works '^17: [1-9][0-9]* pkt/s' 'Printing' 2 raw_frames 1 -- xdp_macswap_count.py -S v0
example xdp_redirect_map networking/xdp works 'pkt/s' 'Printing' 3 raw_frames 1 -- xdp_redirect_map.py v0 v2
example xdp_redirect_cpu networking/xdp works 'pkt/s' 'Printing' 3 raw_frames 1 -- xdp_redirect_cpu.py v0 0
example sockmap networking works 'remote_port|local_port|redirect' '' 2 tcp_in_cgroup 0 -- sockmap.py -c $CG
# simple_tc's filters use the "ok" (gact) action: this kernel has no CONFIG_NET_ACT_GACT
example simple_tc networking fail "NetlinkError: \(2, 'No such file or directory'\)|SCHED_CLS: OK" '' 1 '' 1 -- simple_tc.py
example tc_perf_event networking works '^[0-9]+ +fe80::.* ff02::1 +0xfaceb00c' 'Try:' 2 ping6_me 1 -- tc_perf_event.py

echo
echo "=== bccrs: BCC examples through python3 -m bccrs.compat ==="
printf '%-28s %-20s %s\n' EXAMPLE OUTCOME DETAIL
for r in "${RESULTS[@]}"; do echo "$r"; done
echo
echo "$PASS passed, $FAIL failed, $XFAIL expected failures (logs in $LOGS)"
[ "$FAIL" = 0 ]
