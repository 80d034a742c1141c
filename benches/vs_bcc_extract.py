#!/usr/bin/python3
"""Extracts the C text of a few BCC example/tool scripts into benches/programs/ for vs_bcc.py.

Each script runs (with a timeout) against a tiny stand-in `bcc` package that records the first
`BPF(text=..., src_file=..., cflags=...)` it receives and exits before anything is compiled,
loaded or attached. The text is written as benches/programs/<name>.c with a header comment that
names its origin and the cflags the script passed (`vs_bcc-cflags:` line, read by vs_bcc.py).

usage: python3 benches/vs_bcc_extract.py [--list]    (re-run after a BCC upgrade; output is
       committed, so the benchmark itself never runs BCC's Python scripts)
"""
import json
import os
import subprocess
import sys
import tempfile

EXAMPLES = "/usr/share/doc/bpfcc-tools/examples"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "programs")

# (output name, script, arguments): tracepoint, raw-tracepoint and uprobe programs, plus a few
# kprobe examples. Scripts whose tracepoint no longer exists are kept out (BCC and bccrs would
# both refuse them).
SCRIPTS = [
    ("ex_strlen_count", f"{EXAMPLES}/tracing/strlen_count.py", []),          # uprobe, hash
    ("ex_strlen_hist", f"{EXAMPLES}/tracing/strlen_hist.py", []),            # uprobe, histogram
    ("ex_strlen_snoop", f"{EXAMPLES}/tracing/strlen_snoop.py", ["1"]),       # uprobe, perf output
    ("ex_mallocstacks", f"{EXAMPLES}/tracing/mallocstacks.py", ["1"]),       # uprobe, stack traces
    ("ex_urandomread_explicit", f"{EXAMPLES}/tracing/urandomread-explicit.py", []),  # tracepoint
    ("ex_biolatpcts", f"{EXAMPLES}/tracing/biolatpcts.py", ["vda"]),         # raw/tracepoint, percpu
    ("ex_bitehist", f"{EXAMPLES}/tracing/bitehist.py", []),                  # kprobe, log2 hist
    ("ex_hello_perf_output", f"{EXAMPLES}/tracing/hello_perf_output.py", []),  # kprobe, perf output
    ("ex_sync_timing", f"{EXAMPLES}/tracing/sync_timing.py", []),            # kprobe, hash
    ("ex_tcpv4connect", f"{EXAMPLES}/tracing/tcpv4connect.py", []),          # kprobe, implicit reads
    ("ex_vfsreadlat", f"{EXAMPLES}/tracing/vfsreadlat.py", []),              # kprobe via src_file
    ("tool_runqlat", "/usr/sbin/runqlat-bpfcc", []),                         # raw tracepoints
    ("tool_runqslower", "/usr/sbin/runqslower-bpfcc", []),                   # raw tracepoints, perf
    ("tool_opensnoop", "/usr/sbin/opensnoop-bpfcc", []),                     # kprobe/kretprobe, perf
    ("tool_syscount", "/usr/sbin/syscount-bpfcc", []),                       # raw_syscalls tracepoints
]

STUB_INIT = r'''
import json, os, sys

def _record(text, src_file, cflags):
    if text is None and src_file:
        p = src_file if os.path.isabs(src_file) else os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), src_file)
        with open(p) as f:
            text = f.read()
    if isinstance(text, bytes):
        text = text.decode()
    if not (text or "").strip():
        return  # a probe such as opensnoop's BPF(text='') before the real program
    with open(os.environ["VS_BCC_CAPTURE"], "w") as f:
        json.dump({"text": text, "cflags": [c.decode() if isinstance(c, bytes) else c for c in (cflags or [])]}, f)
    sys.stdout.flush()
    os._exit(0)

class _Any:
    def __init__(self, *a, **k): pass
    def __call__(self, *a, **k): return _Any()
    def __getattr__(self, n): return _Any()
    def __iter__(self): return iter(())
    def __bool__(self): return False
    def __int__(self): return 0
    def __index__(self): return 0
    def __str__(self): return ""
    def __len__(self): return 0
    def __add__(self, o): return o
    def __radd__(self, o): return o

class _Meta(type):
    def __getattr__(cls, n):
        return _Any()

class BPF(metaclass=_Meta):
    KPROBE = 2; TRACEPOINT = 5; XDP = 6; SCHED_CLS = 3; SOCKET_FILTER = 1; RAW_TRACEPOINT = 17
    @staticmethod
    def support_raw_tracepoint(): return True
    @staticmethod
    def support_raw_tracepoint_in_module(): return True
    @staticmethod
    def tracepoint_exists(*a): return True
    @staticmethod
    def support_kfunc(): return False
    @staticmethod
    def support_lsm(): return False
    @staticmethod
    def kernel_struct_has_field(*a): return 1
    @staticmethod
    def get_syscall_fnname(n): return "__x64_sys_" + (n.decode() if isinstance(n, bytes) else n)
    def __init__(self, src_file=b"", hdr_file=b"", text=None, debug=0, cflags=[], usdt_contexts=[], **kw):
        _record(text, src_file or None, cflags)
    def get_syscall_prefix(self): return b"__x64_sys_"
    def __getattr__(self, n):
        return _Any()

def __getattr__(n):
    return _Any()
'''

STUB_UTILS = r'''
def printb(s, **kw): print(s)
def __getattr__(n):
    from bcc import _Any
    return _Any()
'''

STUB_CONTAINERS = r'''
import os
_real = "/usr/lib/python3/dist-packages/bcc/containers.py"
if os.path.exists(_real):
    exec(compile(open(_real).read(), _real, "exec"))
else:
    def filter_by_containers(args):
        return "static inline int container_should_be_filtered() { return 0; }\n"
'''


def extract(name, script, args, stub):
    cap = os.path.join(stub, name + ".json")
    env = dict(os.environ, PYTHONPATH=stub, VS_BCC_CAPTURE=cap, PYTHONDONTWRITEBYTECODE="1")
    subprocess.run(["timeout", "-k", "2", "20", "/usr/bin/python3", script, *args], env=env,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=stub)
    if not os.path.exists(cap):
        return None
    with open(cap) as f:
        return json.load(f)


def main():
    if "--list" in sys.argv:
        for n, s, a in SCRIPTS:
            print(n, s, *a)
        return
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vs_bcc_stub") as stub:
        os.makedirs(os.path.join(stub, "bcc"))
        with open(os.path.join(stub, "bcc", "__init__.py"), "w") as f:
            f.write(STUB_INIT)
        for sub in ("utils", "syscall", "table", "disassembler"):
            with open(os.path.join(stub, "bcc", sub + ".py"), "w") as f:
                f.write(STUB_UTILS)
        # bcc.containers only writes C text (the container filter): use BCC's own.
        with open(os.path.join(stub, "bcc", "containers.py"), "w") as f:
            f.write(STUB_CONTAINERS)
        for name, script, args in SCRIPTS:
            got = extract(name, script, args, stub)
            if not got or not got.get("text"):
                print(f"{name}: nothing captured from {script}", file=sys.stderr)
                continue
            head = (f"/* Extracted by benches/vs_bcc_extract.py from {script}"
                    f"{' ' + ' '.join(args) if args else ''} (Debian bpfcc-tools; the text its BPF() received).\n"
                    f" * vs_bcc-cflags: {json.dumps(got['cflags'])}\n */\n")
            with open(os.path.join(OUT, name + ".c"), "w") as f:
                f.write(head + got["text"])
            print(f"{name}: {len(got['text'])} bytes, cflags {got['cflags']}")


if __name__ == "__main__":
    main()
