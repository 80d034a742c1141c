#!/usr/bin/python3
"""Event throughput: `bccrs run` against BCC's Python consumer, in one run, on the same program.

A driver makes N getppid() calls as fast as it can; a tracepoint program sends one 32-byte
event per call through a perf buffer (64 pages per CPU) or a ring buffer (256 pages) and counts
what it sent. Each consumer reads the events until the driver has finished and the buffers are
empty:

- `bccrs run --format json` into a file (and `--events count`, the reader alone);
- BCC's Python (`python3-bpfcc`): `open_perf_buffer`/`open_ring_buffer`, a callback that casts
  the event (`table.event`) and writes one line to a file, `lost_cb` counting perf's losses;
- the same Python script on bccrs's package (`from bccrs import BPF`).

Per row: sent (the program's count), received, the losses the consumer reported, whether
received + reported == sent, events received per second of the driver's run, and the
consumer's CPU time. Run as root with /usr/bin/python3:

    python3 benches/events_vs_bcc.py                 # 2,000,000 calls, 3 repetitions (median)
    python3 benches/events_vs_bcc.py --calls 500000 --reps 1
    python3 benches/events_vs_bcc.py --json out.json

The machine should be quiet: the driver and the consumer each want a core.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

COMM = "evbench-drv"

DRIVER_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
int main(int argc, char **argv)
{
    long n = atol(argv[1]);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    clock_gettime(CLOCK_MONOTONIC, &b);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    fprintf(stderr, "driver %ld calls %.6f s cpu %.6f\n", n, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, cpu);
    return 0;
}
"""

# Valid in BCC's dialect and bccrs's: -DRING picks the ring buffer.
PROG = r"""
struct event_t {
    u32 pid;
    u32 cpu;
    u64 seq;
    u64 ts;
    u64 arg;
};
#ifdef RING
BPF_RINGBUF_OUTPUT(events, 256);
#else
BPF_PERF_OUTPUT(events);
#endif
BPF_ARRAY(sent, u64, 1);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    char c[16];
    bpf_get_current_comm(&c, sizeof(c));
    if (c[0] != 'e' || c[1] != 'v' || c[2] != 'b' || c[3] != 'e' || c[4] != 'n' || c[5] != 'c' ||
        c[6] != 'h' || c[7] != '-' || c[8] != 'd' || c[9] != 'r' || c[10] != 'v' || c[11] != 0)
        return 0;
    int k = 0;
    u64 *n = sent.lookup(&k);
    if (!n)
        return 0;
    struct event_t e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    e.cpu = bpf_get_smp_processor_id();
    e.seq = __sync_fetch_and_add(n, 1);
    e.ts = bpf_ktime_get_ns();
    e.arg = args->__syscall_nr;
#ifdef RING
    events.ringbuf_output(&e, sizeof(e), 0);
#else
    events.perf_submit(args, &e, sizeof(e));
#endif
    return 0;
}
"""

# The Python consumer, for BCC (`bcc`) and bccrs (`bccrs`): argv: module kind driver calls out.
PY_CONSUMER = r"""
import ctypes as ct, json, os, resource, subprocess, sys, time
module, kind, driver, calls, out = sys.argv[1:6]
BPF = __import__(module).BPF
prog = open(os.environ["EVBENCH_PROG"]).read()
b = BPF(text=prog, cflags=["-DRING"] if kind == "ring" else [])
got = [0]
lost = [0]
f = open(out, "w")
t = b["events"]
def on_event(*a):
    data = a[1]
    e = t.event(data)
    f.write('{"pid":%d,"cpu":%d,"seq":%d,"ts":%d,"arg":%d}\n' % (e.pid, e.cpu, e.seq, e.ts, e.arg))
    got[0] += 1
    return 0
def on_lost(n):
    lost[0] += n
if kind == "ring":
    t.open_ring_buffer(on_event)
    poll = lambda ms: b.ring_buffer_poll(ms)
else:
    t.open_perf_buffer(on_event, page_cnt=64, lost_cb=on_lost)
    poll = lambda ms: b.perf_buffer_poll(ms)
r0 = resource.getrusage(resource.RUSAGE_SELF)
p = subprocess.Popen([driver, calls], stderr=subprocess.PIPE)
while p.poll() is None:
    poll(100)
err = p.stderr.read().decode()
for tp in ("syscalls:sys_enter_getppid",):
    try:
        b.detach_tracepoint(tp=tp)
    except Exception:
        pass
while True:
    before = got[0]
    poll(0)
    if got[0] == before:
        break
r1 = resource.getrusage(resource.RUSAGE_SELF)
f.close()
sent = b["sent"][ct.c_int(0)].value
extra = getattr(t, "lost", None)
if kind == "ring" and extra is not None:
    lost[0] = extra()
print(json.dumps({"sent": sent, "received": got[0], "lost": lost[0], "driver": err,
                  "cpu": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)}))
"""


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


def driver_line(stderr):
    """(wall seconds of the driver's loop, its CPU seconds)."""
    for line in stderr.splitlines():
        if line.startswith("driver "):
            w = line.split()
            return float(w[3]), float(w[6])
    raise RuntimeError("no driver line in: " + stderr[-2000:])


def driver_seconds(stderr):
    return driver_line(stderr)[0]


def run_bccrs(bccrs, work, kind, calls, count_only):
    prog = os.path.join(work, "ring.c" if kind == "ring" else "perf.c")
    out = os.path.join(work, "bccrs.out")
    args = [bccrs, "run", prog, "--format", "json", "--perf-pages", "64"]
    if count_only:
        args += ["--events", "count"]
    args += ["--", os.path.join(work, COMM), str(calls)]
    with open(out, "w") as f:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(args, stdout=f, stderr=subprocess.PIPE, text=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    with open(out, "rb") as f:
        f.seek(max(0, os.path.getsize(out) - 4096))
        last = f.read().decode(errors="replace").strip().splitlines()[-1]
    doc = json.loads(last)
    c = doc["events"]["events"]
    sent = doc["maps"]["sent"]["entries"][0]["value"]
    # The driver's CPU time is in RUSAGE_CHILDREN too (it is bccrs's child): taken out. What is
    # left includes bccrs's start (the object from the cache, load, attach) and exit.
    wall, driver_cpu = driver_line(p.stderr)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime) - driver_cpu
    return {"sent": sent, "received": c["received"], "lost": c["lost"], "driver_s": wall, "cpu": cpu}


def run_python(module, work, kind, calls):
    out = os.path.join(work, module + ".out")
    env = dict(os.environ, EVBENCH_PROG=os.path.join(work, "prog.c"))
    if module == "bccrs":
        env["PYTHONPATH"] = os.path.join(REPO, "python")
    p = subprocess.run(["/usr/bin/python3", os.path.join(work, "consumer.py"), module, kind, os.path.join(work, COMM),
                        str(calls), out], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-3000:])
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["driver_s"] = driver_seconds(r.pop("driver"))
    return r


def median_row(runs):
    runs = sorted(runs, key=lambda r: r["received"])
    return runs[len(runs) // 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=2_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--bccrs", default=os.path.join(REPO, "target", "release", "bccrs"))
    ap.add_argument("--lib", default=os.path.join(REPO, "target", "release", "libbccrs.so"))
    ap.add_argument("--json", help="write the raw numbers here")
    ap.add_argument("--no-bcc", action="store_true", help="bccrs only")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root")
    if not a.no_bcc:
        from vs_bcc import ensure_kernel_headers
        ensure_kernel_headers()
    work = tempfile.mkdtemp(prefix="evbench-")
    subprocess.run(["cc", "-O2", "-x", "c", "-", "-o", os.path.join(work, COMM)], input=DRIVER_C, text=True, check=True)
    for name, text in (("prog.c", PROG), ("perf.c", PROG), ("ring.c", "#define RING 1\n" + PROG)):
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
    with open(os.path.join(work, "consumer.py"), "w") as f:
        f.write(PY_CONSUMER)
    os.environ["BCCRS_LIB"] = a.lib
    # The unobserved rate, and a first bccrs run to fill its object cache.
    p = subprocess.run([os.path.join(work, COMM), str(a.calls)], capture_output=True, text=True)
    bare = a.calls / driver_seconds(p.stderr)
    for kind in ("perf", "ring"):
        run_bccrs(a.bccrs, work, kind, 1000, True)

    consumers = [("bccrs run --format json > file", lambda k: run_bccrs(a.bccrs, work, k, a.calls, False)),
                 ("bccrs run --events count", lambda k: run_bccrs(a.bccrs, work, k, a.calls, True))]
    if not a.no_bcc:
        consumers.append(("BCC Python, callback writes a line", lambda k: run_python("bcc", work, k, a.calls)))
    consumers.append(("bccrs Python, same script", lambda k: run_python("bccrs", work, k, a.calls)))
    results = {}
    # Interleaved repetitions, so a change of load hits every consumer alike.
    for rep in range(a.reps):
        for kind in ("perf", "ring"):
            for name, fn in consumers:
                r = fn(kind)
                log(f"rep {rep + 1} {kind:4} {name:36} sent {r['sent']:>9} received {r['received']:>9} "
                    f"lost {r['lost']:>9} driver {r['driver_s']:.2f} s")
                results.setdefault((kind, name), []).append(r)
    load = os.getloadavg()[0]
    print(f"\n{a.calls:,} getppid() calls, one 32-byte event each; driver alone: {bare / 1e6:.2f} M calls/s; "
          f"load average {load:.1f}; median of {a.reps} (by received)\n")
    print("| buffer | consumer | sent | received | lost (reported) | received + lost = sent | received/s | consumer CPU s | received per CPU s |")
    print("|---|---|---:|---:|---:|---|---:|---:|---:|")
    raw = []
    for (kind, name), runs in results.items():
        r = median_row(runs)
        exact = "yes" if r["received"] + r["lost"] == r["sent"] else f"no ({r['sent'] - r['received'] - r['lost']:,} unreported)"
        rate = r["received"] / r["driver_s"]
        cpu = r["cpu"]
        buf = "perf, 64 pages/CPU" if kind == "perf" else "ring, 256 pages"
        print(f"| {buf} | {name} | {r['sent']:,} | {r['received']:,} | {r['lost']:,} | {exact} | {rate / 1e6:.2f} M "
              f"| {cpu:.2f} | {r['received'] / max(cpu, 1e-9) / 1e6:.2f} M |")
        raw.append(dict(r, kind=kind, consumer=name, runs=runs))
    print("\nreceived/s: per second of the driver's loop; consumer CPU: user + system time of the consumer "
          "process (bccrs run: its whole run, start and exit included).")
    for kind in ("perf", "ring"):
        got = {name: median_row(runs)["received"] for (k, name), runs in results.items() if k == kind}
        b = got.get("BCC Python, callback writes a line")
        if b:
            print(f"{kind}: bccrs run received {got['bccrs run --format json > file'] / max(b, 1):.1f}x what BCC's consumer did")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"calls": a.calls, "bare_calls_per_s": bare, "load": load, "rows": raw}, f, indent=1)


if __name__ == "__main__":
    main()
