"""Stand-in for BCC's `bcc` Python package, used to capture the BPF programs that BCC tools build.

It is the real package (python3-bpfcc) with three things replaced:

* `BPF(...)` records the program text and its cflags instead of compiling and loading it, then
  raises SystemExit (an empty text is not recorded: the object is kept for its helper methods). A tool that catches that (a bare `except:` around a feature probe) carries on
  and its next `BPF(...)` is recorded as well.
* `USDT(...)` contexts are inert: no process is inspected and they contribute no text (bccrs reads
  USDT arguments with libbpf's support, so BCC's generated argument readers are not wanted).
* The kprobe blacklist in debugfs reads as empty when debugfs is not mounted (BCC would fail).
* `curses.wrapper` hands the tool an inert screen instead of taking over a terminal (cachetop
  builds its program inside it), so capturing needs no pseudo-terminal.
* `/proc/kallsyms`, when opened from Python, also lists the data symbols that filesystem and VM
  tools look up (btrfs/ext4/nfs/xfs/zfs file_operations, vm_*_stat), so they build their programs
  on machines without those modules or without CONFIG_KALLSYMS_ALL.

Everything else (feature probes such as kernel_struct_has_field, tracepoint_exists,
support_kfunc, get_kprobe_functions, and the pure-Python helpers in bcc.utils, bcc.containers,
bcc.syscall, bcc.tcp) is BCC's own, so a tool builds the program it would build on this machine.

Environment:
  BCC_CORPUS_OUT   directory to write captures into (required)
  BCC_CORPUS_NAME  file-name prefix of this tool's captures (default: "prog")
Each BPF(...) call writes NAME.N.c (the text) and NAME.N.cflags (one flag a line), N = 1, 2, ...
"""
import builtins as _builtins
import importlib.machinery as _machinery
import io as _io
import os as _os
import sys as _sys

_here = _os.path.dirname(_os.path.abspath(__file__))
_parent = _os.path.dirname(_here)
_real = _machinery.PathFinder.find_spec(
    "bcc", [p for p in _sys.path if _os.path.abspath(p or ".") != _parent])
if _real is None or not _real.submodule_search_locations:
    raise ImportError("the real bcc Python package is missing (apt-get install python3-bpfcc)")

# Submodules (bcc.utils, bcc.table, ...) come from the real package; run its __init__ here.
__path__ = list(_real.submodule_search_locations)
with open(_real.origin) as _f:
    exec(compile(_f.read(), _real.origin, "exec"))

# --- /proc/kallsyms with extra data symbols -------------------------------------------------
_EXTRA_KSYMS = [
    "btrfs_file_operations", "ext4_file_operations", "nfs_file_operations",
    "xfs_file_operations", "zpl_file_operations",
    "vm_stat", "vm_node_stat", "vm_zone_stat",
]
_real_open = _builtins.open


def _kallsyms_text():
    with _real_open("/proc/kallsyms") as f:
        text = f.read()
    have = set(line.split()[2] for line in text.splitlines() if len(line.split()) >= 3)
    addr = 0xffffffff82000000
    for i, name in enumerate(_EXTRA_KSYMS):
        if name not in have:
            text += "%016x D %s\n" % (addr + 0x1000 * i, name)
    return text


def _open(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, bytes)) and _os.fsdecode(file) == "/proc/kallsyms" and "r" in mode:
        text = _kallsyms_text()
        return _io.BytesIO(text.encode()) if "b" in mode else _io.StringIO(text)
    try:
        return _real_open(file, mode, *args, **kwargs)
    except FileNotFoundError:
        if isinstance(file, (str, bytes)) and _os.fsdecode(file).endswith("/kprobes/blacklist"):
            return _io.BytesIO(b"") if "b" in mode else _io.StringIO("")
        raise


_builtins.open = _open

# --- curses: an inert screen ------------------------------------------------------------------
class _Screen(object):
    def getmaxyx(self):
        return (25, 80)

    def getch(self):
        return -1

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _curses_wrapper(func, *args, **kwargs):
    return func(_Screen(), *args, **kwargs)


import curses as _curses  # noqa: E402
_curses.wrapper = _curses_wrapper

# --- BPF: record instead of compiling --------------------------------------------------------
_RealBPF = BPF
_count = 0


def _record(text, cflags):
    global _count
    _count += 1
    out = _os.environ.get("BCC_CORPUS_OUT")
    if not out:
        raise RuntimeError("BCC_CORPUS_OUT is not set")
    base = _os.path.join(out, "%s.%d" % (_os.environ.get("BCC_CORPUS_NAME", "prog"), _count))
    with _real_open(base + ".c", "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
    with _real_open(base + ".cflags", "w") as f:
        for c in cflags:
            f.write((c.decode() if isinstance(c, bytes) else str(c)) + "\n")


class BPF(_RealBPF):
    def __init__(self, src_file=b"", hdr_file=b"", text=None, debug=0, cflags=[],
                 usdt_contexts=[], allow_rlimit=True, device=None, attach_usdt_ignore_pid=False):
        src_file = _assert_is_bytes(src_file)
        text = _assert_is_bytes(text)
        if src_file:
            with _real_open(_RealBPF._find_file(src_file), "rb") as f:
                text = f.read()
        if not (text or b"").strip():
            # An empty module (opensnoop makes one to call get_syscall_prefix()): not a program.
            self.module = None
            self.funcs = {}
            self.tables = {}
            return
        _record(text, cflags)
        raise SystemExit(0)

    def cleanup(self):
        pass

    def __del__(self):
        pass


# --- USDT: inert ------------------------------------------------------------------------------
class USDT(object):
    def __init__(self, pid=None, path=None):
        self.pid = pid
        self.path = path

    def enable_probe(self, probe, fn_name):
        pass

    def enable_probe_or_bail(self, probe, fn_name):
        pass

    def enumerate_probes(self):
        return []

    def enumerate_active_probes(self):
        return []

    def get_probe_arg_ctype(self, probe_name, arg_index):
        return "u64"

    def get_text(self):
        return ""

    def get_context(self):
        return None

    def attach_uprobes(self, bpf, attach_usdt_ignore_pid):
        pass
