#!/usr/bin/python3
"""bccrs against BCC in one run: compile time, cache-hit start-up, peak RSS, instructions the
kernel reports, and a 1M-entry map dump. Issue 7; method and latest numbers in
docs/performance.md.

usage (as root, with Debian's /usr/bin/python3, which has python3-bpfcc):
    python3 benches/vs_bcc.py [--quick] [--json out.json] [--reps N] [--only REGEX]
                              [--no-build] [--no-dump] [--no-profile] [--cache-dir DIR]

Each measurement runs in a fresh process; N repetitions per program, the median is kept.
  compile  bccrs: `bccrs compile P -o X` with <cache>/objects removed before each run and the
           precompiled vmlinux.h header kept (<cache>/headers). BCC: the time of
           `BPF(text=..., cflags=...)` inside a fresh python process, with the automatic
           attachment of kprobe__/tracepoint__ functions disabled (measured from after
           `import bcc`; the whole process is reported too).
  start    bccrs: `bccrs run P --duration 0 --allow-partial` with an object-cache hit, from
           spawn until it prints "N program(s) attached" (i.e. everything before the event loop:
           cache lookup, libbpf open + load, attach); the whole process (detach, final dump,
           exit) is reported too. BCC: BPF() construction plus what it does to start: the
           automatic load + attach (kprobe attach failures swallowed: this kernel refuses
           kprobes) and load_func() of every other program bccrs loads (so both load the same
           programs), measured inside the process after `import bcc`.
  rss      peak RSS of the largest process: bccrs's process tree (wait4 rusage: bccrs and its
           clang child) vs the BCC python process's own peak (getrusage SELF).
  insns    xlated bytes / 8 of each loaded program: bccrs's object through
           `bpftool prog loadall` (fallback: libbccrs.so's loader), BCC's through
           `load_func(name, type)`; summed per file over the programs both loaded.
  dump     a 1M-entry BPF_HASH(u32 -> u64) filled from userspace, read back completely:
           bccrs_map_lookup_batch (libbccrs.so through ctypes) vs BCC's `table.items()`.
  profile  where bccrs's time goes: strace timestamps (seccomp-filtered, so only the traced
           syscalls stop) around the stages of one compile and one cache-hit start, plus
           stand-alone timings of the pieces (clang spawns, BTF hashing, libclang parse).
"""
import argparse
import array
import ctypes
import glob
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BCCRS = os.path.join(ROOT, "target/release/bccrs")
LIBBCCRS = os.path.join(ROOT, "target/release/libbccrs.so")
EXAMPLES = "/usr/share/doc/bpfcc-tools/examples"
PYTHON = "/usr/bin/python3"  # the Python python3-bpfcc is installed for

# measure -> (target ratio bccrs/BCC, how it reads)
TARGETS = {
    "compile": (0.15, "<= 0.15x"),
    "start": (0.02, "<= 0.02x"),
    "rss": (0.40, "<= 0.4x"),
    "insns": (1.00, "<= 1.0x"),
    "dump": (0.05, ">= 20x faster"),
}

QUICK_PROGRAMS = [
    "fixture/hello_count", "fixture/maps_histogram", "fixture/events_perf_array",
    "example/tracing/vfsreadlat.c", "extracted/tool_runqlat", "extracted/ex_strlen_count",
]

DUMP_ENTRIES = 1 << 20
DUMP_TEXT = f"BPF_HASH(big, u32, u64, {DUMP_ENTRIES});\nRAW_TRACEPOINT_PROBE(sched_switch) {{ return 0; }}\n"

# enum bpf_prog_type for BCC's load_func, by the section bccrs gave the program.
PROG_TYPES = [
    (("kprobe", "kretprobe", "uprobe", "uretprobe", "usdt", "ksyscall", "kretsyscall"), 2),
    (("tracepoint/", "tp/"), 5),
    (("raw_tp", "raw_tracepoint"), 17),
    (("xdp",), 6),
    (("socket",), 1),
    (("tc", "classifier", "tcx"), 3),
    (("action",), 4),
    (("perf_event",), 7),
    (("cgroup_skb", "cgroup/skb"), 8),
    (("cgroup/sock_create", "cgroup/sock_release", "cgroup/post_bind", "cgroup/sock"), 9),
    (("lwt_in",), 10), (("lwt_out",), 11), (("lwt_xmit",), 12),
    (("sockops",), 13),
    (("sk_skb",), 14),
    (("cgroup/dev",), 15),
    (("sk_msg",), 16),
    (("cgroup/bind", "cgroup/connect", "cgroup/sendmsg", "cgroup/recvmsg", "cgroup/getpeername",
      "cgroup/getsockname"), 18),
    (("fentry", "fexit", "fmod_ret", "iter"), 26),
    (("lsm",), 29),
]


def bcc_prog_type(section):
    for prefixes, t in PROG_TYPES:
        if section.startswith(prefixes):
            return t
    return None


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    import math
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# ---------------------------------------------------------------------------------------------
# Setup


def ensure_kernel_headers():
    """BCC needs kernel headers at /lib/modules/$(uname -r)/build. The running kernel has none
    packaged; Debian's 6.1 headers work for these programs. Idempotent: an existing tree that
    BCC can use is left alone."""
    rel = os.uname().release
    mod = f"/lib/modules/{rel}"
    build, source = f"{mod}/build", f"{mod}/source"

    def usable():
        if not os.path.exists(f"{build}/include/generated/autoconf.h") and \
           not os.path.exists(f"{build}/include/config/auto.conf"):
            return False
        return os.path.exists(f"{build}/include/linux/kconfig.h") or \
            os.path.exists(f"{source}/include/linux/kconfig.h")

    if usable():
        return
    cands = sorted(glob.glob("/usr/src/linux-headers-6.1.0-*-amd64"),
                   key=lambda p: int(re.search(r"6\.1\.0-(\d+)-", p).group(1)))
    if not cands:
        def search():
            out = subprocess.run(["apt-cache", "search", "--names-only", r"^linux-headers-6\.1\.0-[0-9]+-amd64$"],
                                 capture_output=True, text=True).stdout
            return sorted((l.split()[0] for l in out.splitlines() if l.strip()),
                          key=lambda n: int(re.search(r"6\.1\.0-(\d+)-", n).group(1)))
        names = search()
        if not names:
            subprocess.run(["apt-get", "update", "-q"], check=False, stdout=subprocess.DEVNULL)
            names = search()
        if not names:
            sys.exit("no linux-headers-6.1.0-*-amd64 package found (apt-cache); BCC cannot compile")
        log(f"setup: installing {names[-1]} for BCC")
        subprocess.run(["apt-get", "install", "-y", "-q", names[-1]], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)
        cands = sorted(glob.glob("/usr/src/linux-headers-6.1.0-*-amd64"))
    hdr = cands[-1]
    common = hdr[: -len("-amd64")] + "-common"
    os.makedirs(mod, exist_ok=True)
    for link, target in ((build, hdr), (source, common)):
        if os.path.islink(link) or not os.path.exists(link):
            if os.path.islink(link):
                os.unlink(link)
            if os.path.exists(target):
                os.symlink(target, link)
    log(f"setup: {build} -> {hdr}")
    if not usable():
        sys.exit(f"kernel headers at {build} are still not usable by BCC")


def ensure_built(no_build):
    def newest(paths):
        m = 0
        for p in paths:
            if os.path.isdir(p):
                for d, _, fs in os.walk(p):
                    for f in fs:
                        m = max(m, os.path.getmtime(os.path.join(d, f)))
            elif os.path.exists(p):
                m = max(m, os.path.getmtime(p))
        return m
    have = os.path.exists(BCCRS) and os.path.exists(LIBBCCRS)
    stale = have and newest([os.path.join(ROOT, p) for p in ("src", "prelude", "build.rs", "Cargo.toml", "Cargo.lock")]) > \
        min(os.path.getmtime(BCCRS), os.path.getmtime(LIBBCCRS))
    if have and (not stale or no_build):
        return
    if no_build:
        sys.exit(f"{BCCRS} or {LIBBCCRS} is missing (--no-build)")
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    log("build: cargo build --release")
    subprocess.run([cargo, "build", "--release", "--quiet"], cwd=ROOT, check=True)


# ---------------------------------------------------------------------------------------------
# Programs


def read_cflags(path):
    with open(path, errors="replace") as f:
        head = f.read(2000)
    m = re.search(r"vs_bcc-cflags: (\[.*?\])", head)
    return json.loads(m.group(1)) if m else []


def all_programs():
    progs = []
    for p in sorted(glob.glob(os.path.join(ROOT, "fixtures/*.c"))):
        stem = os.path.basename(p)[:-2]
        if not stem.startswith("compile_only_"):
            progs.append({"name": f"fixture/{stem}", "path": p, "cflags": []})
    for p in sorted(glob.glob(os.path.join(EXAMPLES, "**/*.c"), recursive=True)):
        progs.append({"name": "example/" + os.path.relpath(p, EXAMPLES), "path": p, "cflags": []})
    for p in sorted(glob.glob(os.path.join(ROOT, "benches/programs/*.c"))):
        progs.append({"name": "extracted/" + os.path.basename(p)[:-2], "path": p, "cflags": read_cflags(p)})
    return progs


def bccrs_cflag_args(cflags):
    out = []
    for f in cflags:
        out.append(f if re.match(r"^-[DUIW]", f) else f"--cflag={f}")
    return out


def elf_section(data, want):
    """A section's bytes from a 64-bit little-endian ELF (the `.bccrs.meta` JSON)."""
    import struct
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return None
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
    def sh(i):
        return shoff + i * shentsize
    stroff = struct.unpack_from("<Q", data, sh(shstrndx) + 0x18)[0]
    for i in range(shnum):
        name_off = struct.unpack_from("<I", data, sh(i))[0]
        end = data.index(b"\0", stroff + name_off)
        if data[stroff + name_off:end] == want.encode():
            off, size = struct.unpack_from("<QQ", data, sh(i) + 0x18)
            return data[off:off + size]
    return None


def object_programs(obj):
    with open(obj, "rb") as f:
        meta = elf_section(f.read(), ".bccrs.meta")
    if not meta:
        return {}
    try:
        return json.loads(meta.decode(errors="replace").strip("\0")).get("programs", {})
    except ValueError:
        return {}


# ---------------------------------------------------------------------------------------------
# Process runner: wall time, exit code, the process tree's peak RSS (wait4), and optionally the
# time at which a line matching `marker` appeared on stderr.


def run_timed(cmd, env=None, cwd=None, marker=None, timeout=600):
    """stdout and stderr go to temporary files (stderr through a pipe read line by line when a
    marker is wanted); the child is reaped with wait4 for its rusage."""
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=fo,
                             stderr=subprocess.PIPE if marker is not None else fe)
        t_marker = None
        err = ""
        if marker is not None:
            lines = []
            for line in p.stderr:
                line = line.decode(errors="replace")
                lines.append(line)
                if t_marker is None and marker.search(line):
                    t_marker = time.perf_counter() - t0
            p.stderr.close()
            err = "".join(lines)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        out = fo.read().decode(errors="replace")
        if marker is None:
            fe.seek(0)
            err = fe.read().decode(errors="replace")
    return {"wall": wall, "rc": p.returncode, "maxrss_kb": ru.ru_maxrss, "t_marker": t_marker,
            "stdout": out, "stderr": err}


def first_error(text):
    for l in text.splitlines():
        if "error" in l.lower() or "exception" in l.lower():
            return l.strip()[:200]
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return (lines[-1] if lines else "failed without a message")[:200]


# ---------------------------------------------------------------------------------------------
# Children (each a fresh /usr/bin/python3 running this file with a --child-* option)


def child_bcc(spec):
    t_enter = time.perf_counter()
    from bcc import BPF  # noqa: E402
    t_import = time.perf_counter()
    out = {"import_s": t_import - t_enter}
    orig_autoload = BPF._trace_autoload
    BPF._trace_autoload = lambda self: None
    with open(spec["path"]) as f:
        text = f.read()
    os.chdir(os.path.dirname(spec["path"]))
    try:
        b = BPF(text=text, cflags=spec["cflags"])
    except Exception as e:  # noqa: BLE001
        out["error"] = f"BPF() failed: {e}"
        print(json.dumps(out), flush=True)
        os._exit(0)
    t_construct = time.perf_counter()
    out["construct_s"] = t_construct - t_import
    out["rss_construct_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    progs = spec["programs"]  # [[function, bpf_prog_type or null]]
    if spec["mode"] == "time":
        failures = []
        for meth in ("attach_kprobe", "attach_kretprobe", "attach_kfunc", "attach_kretfunc", "attach_lsm"):
            if hasattr(BPF, meth):
                orig = getattr(BPF, meth)
                def wrapped(self, *a, _orig=orig, _m=meth, **k):
                    try:
                        return _orig(self, *a, **k)
                    except Exception as e:  # noqa: BLE001
                        failures.append(f"{_m}: {e}")
                setattr(BPF, meth, wrapped)
        t0 = time.perf_counter()
        try:
            orig_autoload(b)
        except Exception as e:  # noqa: BLE001
            failures.append(f"autoload: {e}")
        for fn, ty in progs:
            if ty is None:
                continue
            try:
                b.load_func(fn.encode(), ty)
            except Exception as e:  # noqa: BLE001
                failures.append(f"load {fn}: {e}")
        out["load_attach_s"] = time.perf_counter() - t0
        out["start_s"] = out["construct_s"] + out["load_attach_s"]
        out["rss_start_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["failures"] = failures
    else:  # insns
        insns, errors = {}, {}
        for fn, ty in progs:
            if ty is None:
                errors[fn] = "no BCC program type for its section"
                continue
            try:
                f = b.load_func(fn.encode(), ty)
            except Exception as e:  # noqa: BLE001
                errors[fn] = str(e).splitlines()[0][:200] if str(e) else "load failed"
                continue
            prog_id = None
            with open(f"/proc/self/fdinfo/{f.fd}") as fi:
                for line in fi:
                    if line.startswith("prog_id:"):
                        prog_id = int(line.split()[1])
            if prog_id is None:
                errors[fn] = "no prog_id in fdinfo"
                continue
            r = subprocess.run(["bpftool", "prog", "show", "id", str(prog_id), "-j"], capture_output=True, text=True)
            try:
                info = json.loads(r.stdout)
                insns[fn] = {"xlated": info["bytes_xlated"] // 8, "jited_bytes": info.get("bytes_jited")}
            except (ValueError, KeyError):
                errors[fn] = "bpftool prog show failed"
        out["insns"] = insns
        out["errors"] = errors
    print(json.dumps(out), flush=True)
    os._exit(0)


def child_bccrs_insns(obj):
    """Fallback when bpftool cannot load the object: bccrs's own loader through the C ABI."""
    lib = ctypes.CDLL(LIBBCCRS)
    lib.bccrs_load_file.restype = ctypes.c_void_p
    lib.bccrs_load_file.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
    lib.bccrs_last_error.restype = ctypes.c_char_p
    lib.bccrs_program_count.argtypes = [ctypes.c_void_p]
    lib.bccrs_program_name.restype = ctypes.c_char_p
    lib.bccrs_program_name.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.bccrs_program_fd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    h = lib.bccrs_load_file(obj.encode(), None, 0)
    if not h:
        print(json.dumps({"error": (lib.bccrs_last_error() or b"").decode(errors="replace")[:300]}))
        os._exit(0)
    insns = {}
    for i in range(lib.bccrs_program_count(h)):
        name = lib.bccrs_program_name(h, i)
        fd = lib.bccrs_program_fd(h, name)
        with open(f"/proc/self/fdinfo/{fd}") as fi:
            pid = next((int(l.split()[1]) for l in fi if l.startswith("prog_id:")), None)
        if pid is None:
            continue
        r = subprocess.run(["bpftool", "prog", "show", "id", str(pid), "-j"], capture_output=True, text=True)
        info = json.loads(r.stdout)
        insns[name.decode()] = {"xlated": info["bytes_xlated"] // 8, "jited_bytes": info.get("bytes_jited")}
    print(json.dumps({"insns": insns}))
    os._exit(0)


def child_dump_bccrs(reps):
    lib = ctypes.CDLL(LIBBCCRS)
    lib.bccrs_load_text.restype = ctypes.c_void_p
    lib.bccrs_load_text.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
    lib.bccrs_last_error.restype = ctypes.c_char_p
    lib.bccrs_map_update_batch.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
                                           ctypes.c_size_t, ctypes.c_uint64, ctypes.POINTER(ctypes.c_size_t)]
    lib.bccrs_map_lookup_batch.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
                                           ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t), ctypes.c_int]
    lib.bccrs_close.argtypes = [ctypes.c_void_p]
    h = lib.bccrs_load_text(b"vs_bcc_dump.c", DUMP_TEXT.encode(), None, 0)
    if not h:
        print(json.dumps({"error": (lib.bccrs_last_error() or b"").decode(errors="replace")[:300]}))
        os._exit(0)
    n = DUMP_ENTRIES
    keys = array.array("I", range(n))
    vals = array.array("Q", (7 * k for k in range(n)))
    kaddr, _ = keys.buffer_info()
    vaddr, _ = vals.buffer_info()
    done = ctypes.c_size_t(0)
    t0 = time.perf_counter()
    rc = lib.bccrs_map_update_batch(h, b"big", kaddr, vaddr, n, 0, ctypes.byref(done))
    fill = time.perf_counter() - t0
    if rc != 0 or done.value != n:
        print(json.dumps({"error": f"update_batch rc {rc}, {done.value} done"}))
        os._exit(0)
    kout = array.array("I", bytes(4 * n))
    vout = array.array("Q", bytes(8 * n))
    times = []
    for _ in range(reps):
        count = ctypes.c_size_t(0)
        t0 = time.perf_counter()
        rc = lib.bccrs_map_lookup_batch(h, b"big", kout.buffer_info()[0], vout.buffer_info()[0], n,
                                        ctypes.byref(count), 0)
        times.append(time.perf_counter() - t0)
        if rc != 0 or count.value != n:
            print(json.dumps({"error": f"lookup_batch rc {rc}, {count.value} entries"}))
            os._exit(0)
    ok = sum(vout) == 7 * sum(kout) and len(set(kout)) == n
    # The kernel's share: BPF_MAP_LOOKUP_BATCH syscalls straight into the same buffers (what a
    # zero-copy bccrs_map_lookup_batch could cost).
    class Info(ctypes.Structure):
        _fields_ = [("fd", ctypes.c_int)] + [(f, ctypes.c_uint32) for f in
                    ("map_type", "key_size", "value_size", "max_entries", "percpu", "value_buf_size", "percpu_queue")]
    info = Info()
    lib.bccrs_map_info.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(Info)]
    raw = []
    if lib.bccrs_map_info(h, b"big", ctypes.byref(info)) == 0:
        class Attr(ctypes.Structure):
            _fields_ = [("in_batch", ctypes.c_uint64), ("out_batch", ctypes.c_uint64), ("keys", ctypes.c_uint64),
                        ("values", ctypes.c_uint64), ("count", ctypes.c_uint32), ("map_fd", ctypes.c_uint32),
                        ("elem_flags", ctypes.c_uint64), ("flags", ctypes.c_uint64)]
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        tok_in, tok_out = ctypes.c_uint64(0), ctypes.c_uint64(0)
        chunk = 1 << 16
        for _ in range(reps):
            total, first = 0, True
            t0 = time.perf_counter()
            while True:
                a = Attr(0 if first else ctypes.addressof(tok_in), ctypes.addressof(tok_out),
                         kout.buffer_info()[0] + 4 * total, vout.buffer_info()[0] + 8 * total,
                         min(chunk, n - total) if n > total else 1, info.fd, 0, 0)
                r = libc.syscall(321, 24, ctypes.byref(a), ctypes.sizeof(a))  # bpf(BPF_MAP_LOOKUP_BATCH)
                total += a.count
                if r < 0:
                    break
                first = False
                tok_in.value = tok_out.value
            raw.append(time.perf_counter() - t0)
            if total != n:
                raw = [None]
                break
    print(json.dumps({"fill_s": fill, "read_s": times, "entries": n, "verified": ok, "raw_syscall_read_s": raw}))
    os._exit(0)


def child_dump_bcc(reps):
    from bcc import BPF
    BPF._trace_autoload = lambda self: None
    b = BPF(text=DUMP_TEXT)
    t = b["big"]
    n = DUMP_ENTRIES
    keys = array.array("I", range(n))
    vals = array.array("Q", (7 * k for k in range(n)))
    t0 = time.perf_counter()
    t.items_update_batch((t.Key * n).from_buffer(keys), (t.Leaf * n).from_buffer(vals))
    fill = time.perf_counter() - t0
    times = []
    items = None
    for _ in range(reps):
        items = None
        t0 = time.perf_counter()
        items = t.items()
        times.append(time.perf_counter() - t0)
    ok = len(items) == n and sum(v.value for _, v in items) == 7 * sum(k.value for k, _ in items)
    items = None
    t0 = time.perf_counter()
    batch = list(t.items_lookup_batch())
    batch_s = time.perf_counter() - t0
    print(json.dumps({"fill_s": fill, "read_s": times, "entries": n, "verified": ok,
                      "items_lookup_batch_s": batch_s, "items_lookup_batch_entries": len(batch)}))
    os._exit(0)


def run_child(args, timeout=600):
    r = run_timed([PYTHON, os.path.abspath(__file__), *args], timeout=timeout)
    try:
        data = json.loads(r["stdout"].strip().splitlines()[-1])
    except (ValueError, IndexError):
        data = {"error": first_error(r["stderr"] or r["stdout"])}
    if "error" in data:
        # BCC prints clang's diagnostics on stderr; the first one says why.
        m = re.search(r"^.*\berror: .*$", r["stderr"], re.M)
        if m:
            data["error"] += " (" + m.group(0).strip()[:200] + ")"
    data["_wall"] = r["wall"]
    data["_maxrss_kb"] = r["maxrss_kb"]
    return data


# ---------------------------------------------------------------------------------------------
# Per-program measurements


class Bench:
    def __init__(self, args):
        self.args = args
        self.cache = args.cache_dir
        self.env = dict(os.environ, BCCRS_CACHE_DIR=self.cache)
        self.tmp = tempfile.mkdtemp(prefix="vs_bcc.")
        self.attached = re.compile(r"program\(s\) attached")

    def bccrs_compile(self, prog, out):
        shutil.rmtree(os.path.join(self.cache, "objects"), ignore_errors=True)
        return run_timed([BCCRS, "compile", prog["path"], "-o", out, *bccrs_cflag_args(prog["cflags"])], env=self.env)

    def bccrs_run(self, prog):
        return run_timed([BCCRS, "run", prog["path"], "--duration", "0", "--allow-partial",
                          *bccrs_cflag_args(prog["cflags"])], env=self.env, marker=self.attached)

    def bcc(self, prog, programs, mode):
        spec = os.path.join(self.tmp, "spec.json")
        with open(spec, "w") as f:
            json.dump({"path": prog["path"], "cflags": prog["cflags"], "mode": mode,
                       "programs": [[fn, bcc_prog_type(sec)] for fn, sec in sorted(programs.items())]}, f)
        return run_child(["--child-bcc", spec])

    def bccrs_insns(self, obj):
        pin = f"/sys/fs/bpf/vs_bcc_{os.getpid()}"
        shutil.rmtree(pin, ignore_errors=True)
        r = subprocess.run(["bpftool", "prog", "loadall", obj, pin], capture_output=True, text=True)
        insns = {}
        if r.returncode == 0:
            for f in sorted(os.listdir(pin)):
                s = subprocess.run(["bpftool", "prog", "show", "pinned", os.path.join(pin, f), "-j"],
                                   capture_output=True, text=True)
                try:
                    info = json.loads(s.stdout)
                    insns[f] = {"xlated": info["bytes_xlated"] // 8, "jited_bytes": info.get("bytes_jited")}
                except (ValueError, KeyError):
                    pass
        shutil.rmtree(pin, ignore_errors=True)
        if r.returncode == 0 and insns:
            return {"loader": "bpftool prog loadall", "insns": insns}
        d = run_child(["--child-bccrs-insns", obj])
        d["loader"] = "libbccrs (bpftool: " + first_error(r.stderr) + ")"
        return d

    def measure(self, prog, reps):
        res = {"name": prog["name"], "path": prog["path"], "cflags": prog["cflags"]}
        obj = os.path.join(self.tmp, "prog.bpf.o")
        # Warm-up and validation: both must compile it.
        w = self.bccrs_compile(prog, obj)
        if w["rc"] != 0:
            res["skip"] = "bccrs compile: " + first_error(w["stderr"])
            return res
        programs = object_programs(obj)
        res["programs"] = programs
        bi = self.bcc(prog, programs, "insns")
        if "error" in bi:
            res["skip"] = "BCC: " + bi["error"]
            return res
        res["bcc_insns"] = bi.get("insns", {})
        res["bcc_load_errors"] = bi.get("errors", {})
        ri = self.bccrs_insns(obj)
        res["bccrs_insns"] = ri.get("insns", {})
        res["bccrs_loader"] = ri.get("loader")
        if "error" in ri:
            res["bccrs_load_error"] = ri["error"]

        # compile: interleaved with BCC's runs (which also give BCC's start-up numbers).
        res["bccrs_compile"], res["bcc"] = [], []
        for _ in range(reps):
            c = self.bccrs_compile(prog, obj)
            res["bccrs_compile"].append({"wall": c["wall"], "maxrss_kb": c["maxrss_kb"], "rc": c["rc"]})
            b = self.bcc(prog, programs, "time")
            res["bcc"].append({k: b.get(k) for k in ("import_s", "construct_s", "load_attach_s", "start_s",
                                                      "rss_construct_kb", "rss_start_kb", "_wall", "_maxrss_kb",
                                                      "error")})
            if b.get("failures"):
                res["bcc_start_failures"] = b["failures"][:10]

        # start: one run fills the object cache, then every run is a hit.
        w = self.bccrs_run(prog)
        res["bccrs_run_cold"] = {"wall": w["wall"], "t_attached": w["t_marker"], "rc": w["rc"],
                                 "maxrss_kb": w["maxrss_kb"]}
        if w["t_marker"] is None:
            res["bccrs_start_error"] = first_error(w["stderr"])
        else:
            res["bccrs_start"] = []
            for _ in range(reps):
                r = self.bccrs_run(prog)
                res["bccrs_start"].append({"t_attached": r["t_marker"], "wall": r["wall"], "rc": r["rc"],
                                           "maxrss_kb": r["maxrss_kb"]})
        return res


def summarize(res):
    """Per-program medians and ratios."""
    s = {}
    bc = [r["wall"] for r in res.get("bccrs_compile", []) if r["rc"] == 0]
    bcc = [r for r in res.get("bcc", []) if r.get("construct_s") is not None]
    s["compile_bccrs"] = median(bc)
    s["compile_bcc"] = median([r["construct_s"] for r in bcc])
    s["compile_bcc_process"] = median([r["_wall"] for r in bcc])
    s["rss_compile_bccrs"] = median([r["maxrss_kb"] for r in res.get("bccrs_compile", [])])
    s["rss_compile_bcc"] = median([r["rss_construct_kb"] for r in bcc])
    s["start_bcc"] = median([r.get("start_s") for r in bcc])
    s["rss_start_bcc"] = median([r.get("rss_start_kb") for r in bcc])
    st = res.get("bccrs_start", [])
    s["start_bccrs"] = median([r["t_attached"] for r in st])
    s["start_bccrs_process"] = median([r["wall"] for r in st])
    s["rss_start_bccrs"] = median([r["maxrss_kb"] for r in st])
    a, b = res.get("bccrs_insns", {}), res.get("bcc_insns", {})
    common = sorted(set(a) & set(b))
    s["insns_programs"] = {fn: [a[fn]["xlated"], b[fn]["xlated"]] for fn in common}
    s["insns_bccrs"] = sum(a[fn]["xlated"] for fn in common) if common else None
    s["insns_bcc"] = sum(b[fn]["xlated"] for fn in common) if common else None
    s["insns_only_bccrs"] = sorted(set(a) - set(b))
    s["insns_only_bcc"] = sorted(set(b) - set(a))

    def ratio(x, y):
        return x / y if x is not None and y else None
    s["ratio_compile"] = ratio(s["compile_bccrs"], s["compile_bcc"])
    s["ratio_start"] = ratio(s["start_bccrs"], s["start_bcc"])
    s["ratio_rss"] = ratio(s["rss_compile_bccrs"], s["rss_compile_bcc"])
    s["ratio_insns"] = ratio(s["insns_bccrs"], s["insns_bcc"])
    return s


# ---------------------------------------------------------------------------------------------
# Profile: where bccrs's time goes


STRACE = ["strace", "-f", "-ttt", "-T", "--seccomp-bpf", "-s", "300"]


def parse_strace(path):
    """[(pid, t, call, line)] of a `strace -f -ttt -T` log (unfinished/resumed halves joined)."""
    ev = []
    pending = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"(\d+)\s+(\d+\.\d+) (.*)", line.rstrip("\n"))
            if not m:
                continue
            pid, t, rest = int(m.group(1)), float(m.group(2)), m.group(3)
            if rest.endswith("<unfinished ...>"):
                pending[pid] = (t, rest[: -len("<unfinished ...>")])
                continue
            r = re.match(r"<\.\.\. (\w+) resumed>(.*)", rest)
            if r and pid in pending:
                t0, head = pending.pop(pid)
                rest = head + r.group(2)
                t = t0
            c = re.match(r"(\w+)\(", rest)
            call = c.group(1) if c else rest.split()[0] if rest else ""
            dur = re.search(r"<(\d+\.\d+)>$", rest)
            ev.append({"pid": pid, "t": t, "call": call, "line": rest, "dur": float(dur.group(1)) if dur else 0.0})
    ev.sort(key=lambda e: e["t"])
    return ev


def compile_stages(ev):
    """Stage boundaries of one `bccrs compile` from its strace log."""
    main = ev[0]["pid"]
    t0 = ev[0]["t"]
    end = next((e["t"] for e in reversed(ev) if e["pid"] == main and e["call"] == "exit_group"), ev[-1]["t"])
    children = {}
    for e in ev:
        if e["call"] == "execve" and e["pid"] != main and "llvm" in e["line"]:
            argv = e["line"]
            kind = ("clang --version" if '"--version"' in argv else
                    "clang -print-resource-dir" if "-print-resource-dir" in argv else
                    "clang: build the PCH (cold header cache)" if "c-header" in argv else
                    "clang -O2 -c (final compile)")
            children[e["pid"]] = {"kind": kind, "start": e["t"], "end": None}
        if e["call"] in ("exit_group",) and e["pid"] in children:
            children[e["pid"]]["end"] = e["t"]

    def first(pred):
        return next((e["t"] for e in ev if pred(e)), None)
    btf = first(lambda e: e["pid"] == main and e["call"] == "openat" and "/sys/kernel/btf/vmlinux" in e["line"])
    libclang = first(lambda e: e["pid"] == main and e["call"] == "openat" and "libclang" in e["line"] and "= -1" not in e["line"])
    pch = first(lambda e: e["pid"] not in children and e["call"] == "openat" and "base.pch" in e["line"] and "= -1" not in e["line"])
    vmlinux_read = first(lambda e: e["pid"] == main and e["call"] == "openat" and e["line"].find("vmlinux.h") >= 0 and "= -1" not in e["line"])
    marks = [(t0, "start")]
    for c in children.values():
        marks.append((c["start"], c["kind"]))
        if c["end"]:
            marks.append((c["end"], "after " + c["kind"]))
    if btf:
        marks.append((btf, "read kernel BTF + SHA-256 header-cache key, prelude checks"))
    if libclang:
        marks.append((libclang, "dlopen libclang.so"))
    if pch:
        marks.append((pch, "libclang parse with the PCH + analysis + rewrite (walks every top-level cursor)"))
    if vmlinux_read:
        marks.append((vmlinux_read, "(main process reads vmlinux.h: source locations of PCH declarations)"))
    marks.append((end, "end"))
    marks.sort()
    stages = []
    for (ta, la), (tb, _) in zip(marks, marks[1:]):
        label = la
        if la == "start":
            label = "exec, dynamic loading, argument parsing"
        elif la.startswith("after "):
            label = "bccrs between stages (" + la[6:] + " done)"
        stages.append({"stage": label, "ms": (tb - ta) * 1e3})
    return stages, (end - t0) * 1e3


def run_stages(ev):
    main = ev[0]["pid"]
    t0 = ev[0]["t"]
    end = next((e["t"] for e in reversed(ev) if e["pid"] == main and e["call"] == "exit_group"), ev[-1]["t"])

    def first(pred, after=0.0):
        return next((e["t"] for e in ev if e["t"] >= after and pred(e)), None)
    src = first(lambda e: e["call"] == "openat" and (".c\"" in e["line"]) and "= -1" not in e["line"])
    obj = first(lambda e: e["call"] == "openat" and "/objects/" in e["line"] and ".o\"" in e["line"])
    bpf1 = first(lambda e: e["call"] == "bpf")
    btf = first(lambda e: e["call"] == "openat" and "/sys/kernel/btf/vmlinux" in e["line"] and "= -1" not in e["line"])
    attach = first(lambda e: e["call"] in ("perf_event_open",) or ("BPF_LINK_CREATE" in e["line"]) or
                   ("BPF_RAW_TRACEPOINT_OPEN" in e["line"]) or ("kprobe_events" in e["line"]) or
                   ("/events/" in e["line"] and e["call"] == "openat"))
    attached = first(lambda e: e["call"] == "write" and "attached" in e["line"])
    detach = sum(e["dur"] for e in ev if e["call"] == "close" and e["dur"] > 0.001)
    marks = [(t0, "exec, dynamic loading, argument parsing")]
    if src:
        marks.append((src, "read source, object-cache key + deps check"))
    if obj:
        marks.append((obj, "read cached object, open it with libbpf"))
    if bpf1:
        marks.append((bpf1, "libbpf load: feature probes, BTF, maps, programs (verifier)"))
    if btf:
        marks.append((btf, "libbpf reads + parses kernel BTF for CO-RE relocations"))
    if attach:
        marks.append((attach, "attach"))
    if attached:
        marks.append((attached, "detach, final map dump, exit"))
    marks.append((end, "end"))
    marks.sort()
    stages = [{"stage": la, "ms": (tb - ta) * 1e3} for (ta, la), (tb, _) in zip(marks, marks[1:])]
    stages.append({"stage": "  of which close() of links/events (kernel detach, RCU waits)", "ms": detach * 1e3})
    return stages, (end - t0) * 1e3


def time_cmd(cmd, reps=5, **kw):
    ts = []
    for _ in range(reps):
        r = run_timed(cmd, **kw)
        ts.append(r["wall"])
    return median(ts) * 1e3


LIBCLANG_PROBE_C = r'''
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int n, nmain; static const char *mainf;
static enum CXChildVisitResult v(CXCursor c, CXCursor p, CXClientData d){
  (void)p; (void)d; n++; CXFile f; unsigned l,col,off;
  clang_getExpansionLocation(clang_getCursorLocation(c), &f, &l, &col, &off);
  CXString s = clang_getFileName(f); const char *cs = clang_getCString(s);
  if (cs && strcmp(cs, mainf)==0) nmain++;
  clang_disposeString(s);
  return CXChildVisit_Continue;
}
/* usage: probe EXCLUDE_PCH_DECLS MAIN ARGS... : parse as bccrs's analysis does, then one
 * top-level walk with the location query analyse.rs makes for each cursor. */
int main(int argc, char **argv){
  int excl = atoi(argv[1]); mainf = argv[2];
  double t0=now();
  CXIndex idx = clang_createIndex(excl, 0);
  CXTranslationUnit tu;
  int e = clang_parseTranslationUnit2(idx, mainf, (const char *const *)argv+3, argc-3, 0, 0, CXTranslationUnit_KeepGoing, &tu);
  double t1=now();
  clang_visitChildren(clang_getTranslationUnitCursor(tu), v, 0);
  double t2=now();
  printf("{\"exclude_pch_decls\": %d, \"err\": %d, \"parse_ms\": %.2f, \"walk_ms\": %.2f, \"cursors\": %d, \"main_file_cursors\": %d}\n",
         excl, e, (t1-t0)*1e3, (t2-t1)*1e3, n, nmain);
  return 0;
}
'''


def sample_rss(cmd, env=None):
    """Peak RSS of each process of a run, split into anonymous (private) and file-backed pages
    (shared libraries, the mmapped PCH), sampled from /proc every 2 ms: [{comm, rss, anon, file}]
    in MB, at each process's largest sample."""
    p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = {}

    def kids(pid):
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return [int(x) for x in f.read().split()]
        except OSError:
            return []
    while p.poll() is None:
        for pid in [p.pid] + kids(p.pid):
            d = {}
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        k, _, v = line.partition(":")
                        if k in ("Name", "VmRSS", "RssAnon", "RssFile"):
                            d[k] = v.strip()
            except OSError:
                continue
            rss = int(d.get("VmRSS", "0 kB").split()[0])
            if rss > peak.get(pid, {}).get("rss", 0):
                peak[pid] = {"comm": d.get("Name", "?"), "rss": rss,
                             "anon": int(d.get("RssAnon", "0 kB").split()[0]), "file": int(d.get("RssFile", "0 kB").split()[0])}
        time.sleep(0.002)
    return [{k: (v / 1024 if k != "comm" else v) for k, v in x.items()} for x in peak.values()]


def profile(bench, prog):
    """Stage timelines (strace) of a compile and a cache-hit start, and stand-alone timings."""
    out = {"program": prog["name"]}
    obj = os.path.join(bench.tmp, "profile.bpf.o")
    env = bench.env
    cf = bccrs_cflag_args(prog["cflags"])
    if not shutil.which("strace"):
        out["error"] = "strace is not installed"
        return out
    # compile
    shutil.rmtree(os.path.join(bench.cache, "objects"), ignore_errors=True)
    log_c = os.path.join(bench.tmp, "strace.compile")
    run_timed(STRACE + ["-e", "trace=execve,openat,exit_group", "-o", log_c, BCCRS, "compile", prog["path"],
                        "-o", obj, *cf], env=env)
    out["compile_stages"], out["compile_total_ms"] = compile_stages(parse_strace(log_c))
    # cache-hit start
    bench.bccrs_run(prog)
    log_r = os.path.join(bench.tmp, "strace.run")
    run_timed(STRACE + ["-e", "trace=execve,openat,bpf,perf_event_open,write,close,exit_group", "-o", log_r,
                        BCCRS, "run", prog["path"], "--duration", "0", "--allow-partial", *cf], env=env)
    out["start_stages"], out["start_total_ms"] = run_stages(parse_strace(log_r))

    # Stand-alone pieces (no strace).
    clang = "/usr/lib/llvm-19/bin/clang"
    pieces = {}
    pieces["clang --version (spawn)"] = time_cmd([clang, "--version"])
    pieces["clang -print-resource-dir (spawn)"] = time_cmd([clang, "-print-resource-dir"])
    import hashlib
    ts = []
    for _ in range(5):
        t0 = time.perf_counter()
        with open("/sys/kernel/btf/vmlinux", "rb") as f:
            hashlib.sha256(f.read()).digest()
        ts.append(time.perf_counter() - t0)
    pieces["read + SHA-256 of /sys/kernel/btf/vmlinux (python hashlib)"] = median(ts) * 1e3
    pieces["bccrs --version (bare process start)"] = time_cmd([BCCRS, "--version"])
    # The final compile alone, and libclang's parse, with the arguments bccrs used.
    st = parse_strace(log_c)
    final = next((e["line"] for e in st if e["call"] == "execve" and '"-c"' in e["line"] and "llvm" in e["line"]), None)
    if final:
        argv = re.findall(r'"((?:[^"\\]|\\.)*)"', final.split("], ")[0])[1:]
        argv = [a.encode().decode("unicode_escape") for a in argv]
        work = os.path.join(bench.tmp, "final")
        os.makedirs(work, exist_ok=True)
        e = run_timed([BCCRS, "compile", prog["path"], "--emit", "c", "-o", os.path.join(work, "main.c"), *cf], env=env)
        # tp.h holds tracepoint structs; programs without TRACEPOINT_PROBE have an empty one.
        with open(os.path.join(work, "tp.h"), "w") as f:
            f.write("")
        i = argv.index("-c")
        base = [a for a in argv[1:] if a not in ("-g", "-w", "-fno-color-diagnostics", "-MD")]
        j = base.index("-MF")
        base = base[:j] + base[j + 2:]
        k = base.index("-c")
        base = base[:k]
        cmd = [argv[0], *base, "-g", "-w", "-c", os.path.join(work, "main.c"), "-o", os.path.join(work, "main.o")]
        r = run_timed(cmd)
        if e["rc"] == 0 and r["rc"] == 0:
            pieces["clang -O2 -c of the rewritten program (spawn, alone)"] = time_cmd(cmd)
            pieces["  its peak RSS (MB)"] = r["maxrss_kb"] / 1024
        # libclang: parse + one top-level walk, with and without PCH declarations enumerated.
        if shutil.which("gcc") and os.path.exists("/usr/lib/llvm-19/include/clang-c/Index.h"):
            src = os.path.join(bench.tmp, "probe.c")
            exe = os.path.join(bench.tmp, "probe")
            with open(src, "w") as f:
                f.write(LIBCLANG_PROBE_C)
            c = subprocess.run(["gcc", "-O2", "-I/usr/lib/llvm-19/include", src, "-o", exe, "-L/usr/lib/llvm-19/lib",
                                "-lclang", "-Wl,-rpath,/usr/lib/llvm-19/lib"], capture_output=True, text=True)
            if c.returncode == 0:
                with open(os.path.join(work, "analysis.h"), "w") as f:
                    f.write('#define __BCCRS_ANALYSIS__ 1\n#include <bccrs/helpers.h>\n#include "tp.h"\n')
                largs = base + ["-include", os.path.join(work, "analysis.h"), *prog["cflags"]]
                # quoted includes: tp.h next to analysis.h
                largs += ["-iquote", work]
                res = {}
                for excl in (0, 1):
                    runs = []
                    for _ in range(3):
                        p = subprocess.run([exe, str(excl), prog["path"], *largs], capture_output=True, text=True)
                        try:
                            runs.append(json.loads(p.stdout))
                        except ValueError:
                            pass
                    if runs:
                        res[excl] = {"parse_ms": median([x["parse_ms"] for x in runs]),
                                     "walk_ms": median([x["walk_ms"] for x in runs]),
                                     "cursors": runs[0]["cursors"], "main_file_cursors": runs[0]["main_file_cursors"],
                                     "err": runs[0]["err"]}
                out["libclang_probe"] = res
                if 0 in res:
                    pieces["libclang parse (PCH, analysis prelude)"] = res[0]["parse_ms"]
                    pieces[f"one top-level cursor walk, clang_createIndex(0, 0): {res[0]['cursors']} cursors"] = res[0]["walk_ms"]
                if 1 in res:
                    pieces[f"one top-level cursor walk, clang_createIndex(1, 0): {res[1]['cursors']} cursors"] = res[1]["walk_ms"]
    out["pieces_ms"] = pieces
    # Memory: which process is the largest, and how much of it is private.
    shutil.rmtree(os.path.join(bench.cache, "objects"), ignore_errors=True)
    out["rss_bccrs_compile"] = sample_rss([BCCRS, "compile", prog["path"], "-o", obj, *cf], env=env)
    spec = os.path.join(bench.tmp, "spec.json")
    with open(spec, "w") as f:
        json.dump({"path": prog["path"], "cflags": prog["cflags"], "mode": "time",
                   "programs": [[fn, bcc_prog_type(sec)] for fn, sec in sorted(object_programs(obj).items())]}, f)
    out["rss_bcc"] = sample_rss([PYTHON, os.path.abspath(__file__), "--child-bcc", spec])
    return out


# ---------------------------------------------------------------------------------------------
# Report


def fmt_s(x):
    return "-" if x is None else (f"{x * 1e3:.0f} ms" if x < 10 else f"{x:.1f} s")


def fmt_mb(kb):
    return "-" if kb is None else f"{kb / 1024:.0f} MB"


def fmt_r(x):
    return "-" if x is None else (f"{x:.3f}x" if x < 0.1 else f"{x:.2f}x")


def report(results, dump, prof, args):
    ok = [r for r in results if "skip" not in r]
    sums = {r["name"]: summarize(r) for r in ok}

    def col(key):
        return [sums[n][key] for n in sums]

    rows = []

    def row(label, a, b, ratio_list, target=None, unit="s", ratio=None):
        ma, mb = median(a), median(b)
        r = ratio if ratio is not None else median(ratio_list)
        g = geomean(ratio_list) if ratio_list else None
        t = TARGETS.get(target)
        verdict = ""
        if t and r is not None:
            verdict = "ok" if r <= t[0] else "MISS"
        rows.append((label, ma, mb, r, g, t[1] if t else "", verdict, unit))

    row("compile (bccrs compile vs BPF())", col("compile_bccrs"), col("compile_bcc"), col("ratio_compile"), "compile")
    row("  vs BCC whole process (python+import+BPF())", col("compile_bccrs"), col("compile_bcc_process"),
        [a / b for a, b in zip(col("compile_bccrs"), col("compile_bcc_process")) if a and b])
    start_r = [x for x in col("ratio_start") if x is not None]
    row("start, cache hit (to 'attached' vs BPF()+load)", col("start_bccrs"), col("start_bcc"), start_r, "start")
    row("  bccrs whole process (incl. detach, dump, exit)", col("start_bccrs_process"), col("start_bcc"),
        [a / b for a, b in zip(col("start_bccrs_process"), col("start_bcc")) if a and b])
    row("peak RSS, compile (bccrs+clang vs BCC python)", col("rss_compile_bccrs"), col("rss_compile_bcc"),
        col("ratio_rss"), "rss", unit="kb")
    row("  peak RSS, start (cache hit vs BPF()+load)", col("rss_start_bccrs"), col("rss_start_bcc"),
        [a / b for a, b in zip(col("rss_start_bccrs"), col("rss_start_bcc")) if a and b], unit="kb")
    ib = sum(x for x in col("insns_bccrs") if x is not None)
    ic = sum(x for x in col("insns_bcc") if x is not None)
    row("instructions (xlated/8, sum over common programs)", [ib], [ic],
        [x for x in col("ratio_insns") if x is not None], "insns", unit="n", ratio=ib / ic if ic else None)
    if dump and "error" not in dump.get("bccrs", {}) and "error" not in dump.get("bcc", {}):
        a, b = median(dump["bccrs"]["read_s"]), median(dump["bcc"]["read_s"])
        row(f"dump {dump['bccrs']['entries']} entries (lookup_batch vs items())", [a], [b], [a / b], "dump")
        raw = median(dump["bccrs"].get("raw_syscall_read_s") or [])
        if raw:
            row("  (kernel share: raw BPF_MAP_LOOKUP_BATCH, 64K a call)", [raw], [b], [raw / b])
        if dump["bcc"].get("items_lookup_batch_s"):
            row("  vs BCC's own items_lookup_batch()", [a], [dump["bcc"]["items_lookup_batch_s"]],
                [a / dump["bcc"]["items_lookup_batch_s"]])

    lines = []
    lines.append(f"bccrs vs BCC: {len(ok)} programs measured by both ({len(results) - len(ok)} skipped), "
                 f"{args.reps} repetitions each (median); ratio = median of per-program ratios bccrs/BCC "
                 f"(geomean beside it)")
    hdr = f"{'measure':<52} {'bccrs':>9} {'BCC':>9} {'ratio':>8} {'geomean':>8}  {'target':<14} "
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for label, a, b, r, g, t, v, unit in rows:
        f = fmt_mb if unit == "kb" else (lambda x: "-" if x is None else f"{x:.0f}") if unit == "n" else fmt_s
        lines.append(f"{label:<52} {f(a):>9} {f(b):>9} {fmt_r(r):>8} {fmt_r(g):>8}  {t:<14} {v}")
    if dump and "bccrs" in dump:
        d = dump
        if "error" in d["bccrs"] or "error" in d["bcc"]:
            lines.append(f"dump: error: {d['bccrs'].get('error') or d['bcc'].get('error')}")
        else:
            a, b = median(d["bccrs"]["read_s"]), median(d["bcc"]["read_s"])
            lines.append(f"dump speedup: BCC items() {b:.2f} s / bccrs lookup_batch {a * 1e3:.0f} ms = {b / a:.0f}x "
                         f"(target >= 20x; verified: bccrs {d['bccrs']['verified']}, BCC {d['bcc']['verified']})")

    lines.append("")
    lines.append(f"{'program':<42} {'compile':>8} {'BCC':>8} {'start':>7} {'BCC':>8} {'RSS':>6} {'BCC':>6} {'insns':>6} {'BCC':>6}")
    for n, s in sums.items():
        def ms(x):
            return "-" if x is None else f"{x * 1e3:.0f}"
        lines.append(f"{n[:42]:<42} {ms(s['compile_bccrs']):>8} {ms(s['compile_bcc']):>8} {ms(s['start_bccrs']):>7} "
                     f"{ms(s['start_bcc']):>8} {fmt_mb(s['rss_compile_bccrs']):>6} {fmt_mb(s['rss_compile_bcc']):>6} "
                     f"{s['insns_bccrs'] if s['insns_bccrs'] is not None else '-':>6} "
                     f"{s['insns_bcc'] if s['insns_bcc'] is not None else '-':>6}")
    lines.append("(times in ms; start = bccrs to 'attached' with a cache hit, BCC BPF()+load)")
    skipped = [r for r in results if "skip" in r]
    if skipped:
        lines.append("")
        lines.append("skipped (not compiled by both):")
        for r in skipped:
            lines.append(f"  {r['name']}: {r['skip']}")
    notes = []
    for r in ok:
        s = sums[r["name"]]
        if s["insns_only_bccrs"] or s["insns_only_bcc"]:
            notes.append(f"  {r['name']}: loaded only by bccrs {s['insns_only_bccrs']}, only by BCC "
                         f"{s['insns_only_bcc']} {list(r.get('bcc_load_errors', {}).values())[:1]}")
        if r.get("bccrs_start_error"):
            notes.append(f"  {r['name']}: bccrs run did not start: {r['bccrs_start_error']}")
    if notes:
        lines.append("")
        lines.append("programs compared partially:")
        lines.extend(notes)
    if prof and "compile_stages" in prof:
        lines.append("")
        lines.append(f"profile of {prof['program']} (strace timestamps; totals include strace overhead):")
        lines.append(f"  bccrs compile, {prof['compile_total_ms']:.0f} ms:")
        for st in prof["compile_stages"]:
            lines.append(f"    {st['ms']:7.1f} ms  {st['stage']}")
        lines.append(f"  bccrs run, cache hit, {prof['start_total_ms']:.0f} ms:")
        for st in prof["start_stages"]:
            lines.append(f"    {st['ms']:7.1f} ms  {st['stage']}")
        lines.append("  pieces, timed alone (median of 3-5):")
        for k, v in prof.get("pieces_ms", {}).items():
            lines.append(f"    {v:7.1f} {'MB' if 'MB' in k else 'ms'}  {k.replace(' (MB)', '')}")
        lines.append("  peak RSS per process (sampled every 2 ms): total = anonymous (private) + file-backed")
        for label, key in (("bccrs compile", "rss_bccrs_compile"), ("BCC", "rss_bcc")):
            for x in prof.get(key, []):
                lines.append(f"    {label:<14} {x['comm']:<10} {x['rss']:6.0f} MB = {x['anon']:5.0f} anon + {x['file']:5.0f} file")
    return "\n".join(lines), sums


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a few programs, 3 repetitions, one dump read")
    ap.add_argument("--json", metavar="FILE", help="write every raw number here")
    ap.add_argument("--reps", type=int, help="repetitions per program (default 5, --quick 3)")
    ap.add_argument("--only", metavar="REGEX", help="only programs whose name matches")
    ap.add_argument("--no-build", action="store_true", help="use target/release as it is")
    ap.add_argument("--no-dump", action="store_true")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--profile-program", default="extracted/tool_runqlat")
    ap.add_argument("--cache-dir", default="/tmp/bccrs-vs-bcc-cache",
                    help="BCCRS_CACHE_DIR for the benchmark (its objects/ is deleted between compiles)")
    ap.add_argument("--bccrs-dir", metavar="DIR",
                    help="take bccrs and libbccrs.so from DIR (another build, for A/B runs; implies --no-build)")
    ap.add_argument("--child-bcc", help=argparse.SUPPRESS)
    ap.add_argument("--child-bccrs-insns", help=argparse.SUPPRESS)
    ap.add_argument("--child-dump-bccrs", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-dump-bcc", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    global BCCRS, LIBBCCRS
    if args.bccrs_dir or os.environ.get("VS_BCC_BCCRS_DIR"):
        d = args.bccrs_dir or os.environ["VS_BCC_BCCRS_DIR"]
        os.environ["VS_BCC_BCCRS_DIR"] = d  # for the children
        BCCRS, LIBBCCRS = os.path.join(d, "bccrs"), os.path.join(d, "libbccrs.so")
        args.no_build = True

    if args.child_bcc:
        with open(args.child_bcc) as f:
            child_bcc(json.load(f))
    if args.child_bccrs_insns:
        child_bccrs_insns(args.child_bccrs_insns)
    if args.child_dump_bccrs is not None:
        child_dump_bccrs(args.child_dump_bccrs)
    if args.child_dump_bcc is not None:
        child_dump_bcc(args.child_dump_bcc)

    if os.geteuid() != 0:
        sys.exit("vs_bcc.py needs root (BPF loads, BCC)")
    args.reps = args.reps or (3 if args.quick else 5)
    t_begin = time.time()
    ensure_kernel_headers()
    ensure_built(args.no_build)
    os.makedirs("/sys/fs/bpf", exist_ok=True)
    bench = Bench(args)
    # A snapshot of the binaries: other builds may replace target/release while this runs.
    snap = os.path.join(bench.tmp, "bin")
    os.makedirs(snap)
    for f in (BCCRS, LIBBCCRS):
        shutil.copy2(f, snap)
    BCCRS, LIBBCCRS = os.path.join(snap, "bccrs"), os.path.join(snap, "libbccrs.so")
    os.environ["VS_BCC_BCCRS_DIR"] = snap

    progs = all_programs()
    if args.quick:
        progs = [p for p in progs if p["name"] in QUICK_PROGRAMS]
    if args.only:
        progs = [p for p in progs if re.search(args.only, p["name"])]

    # The precompiled header: built once (timed: the first compile on a kernel), then kept.
    hdrs = os.path.join(args.cache_dir, "headers")
    pch_cold = None
    if not glob.glob(os.path.join(hdrs, "*/base.pch")):
        r = run_timed([BCCRS, "compile", os.path.join(ROOT, "fixtures/hello_count.c"), "-o",
                       os.path.join(bench.tmp, "warm.o")], env=bench.env)
        pch_cold = r["wall"]
        log(f"headers: first compile on this kernel (vmlinux.h + PCH) took {r['wall']:.2f} s")

    results = []
    for i, p in enumerate(progs):
        t0 = time.time()
        r = bench.measure(p, args.reps)
        results.append(r)
        if "skip" in r:
            log(f"[{i + 1}/{len(progs)}] {p['name']}: skipped: {r['skip']}")
        else:
            s = summarize(r)
            log(f"[{i + 1}/{len(progs)}] {p['name']}: compile {fmt_s(s['compile_bccrs'])} vs {fmt_s(s['compile_bcc'])}, "
                f"start {fmt_s(s['start_bccrs'])} vs {fmt_s(s['start_bcc'])}, "
                f"insns {s['insns_bccrs']} vs {s['insns_bcc']} ({time.time() - t0:.0f} s)")

    dump = None
    if not args.no_dump:
        reps = 1 if args.quick else 3
        log(f"dump: {DUMP_ENTRIES} entries, {reps} read(s) each (BCC's items() takes ~20 s a read)")
        dump = {"bccrs": run_child(["--child-dump-bccrs", str(max(reps, 3))]),
                "bcc": run_child(["--child-dump-bcc", str(reps)], timeout=900)}

    prof = None
    if not args.no_profile:
        pp = next((p for p in all_programs() if p["name"] == args.profile_program), None)
        if pp:
            log(f"profile: {pp['name']}")
            prof = profile(bench, pp)

    text, sums = report(results, dump, prof, args)
    print(text)
    print(f"\n(total {time.time() - t_begin:.0f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "kernel": os.uname().release,
                       "cpus": os.cpu_count(), "loadavg_end": os.getloadavg(), "reps": args.reps,
                       "quick": args.quick, "pch_cold_compile_s": pch_cold, "targets": TARGETS,
                       "programs": results, "summary": sums, "dump": dump, "profile": prof,
                       "report": text}, f, indent=1)
    shutil.rmtree(bench.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
