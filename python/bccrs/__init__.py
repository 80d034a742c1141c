# The BPF class follows BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""bccrs: BCC's Python `BPF` API over the bccrs compiler and loader (ctypes over libbccrs.so).

    from bccrs import BPF
    b = BPF(text='TRACEPOINT_PROBE(syscalls, sys_enter_getpid) { ... }')
    b["counts"].items()

Run an unmodified BCC script with `python3 -m bccrs.compat tool.py ARGS`.
"""
from __future__ import print_function
import atexit
import ctypes as ct
import errno
import fcntl
import json
import os
import re
import socket
import struct
import sys
import time

from ._lib import lib as _clib, LIB_PATH, MapInfo, to_bytes, last_error
from . import _sys, _types, btf as _btf
from .elf import Elf, ElfError, resolve_binary, which_so
from .table import Table, PerfEventArray, RingBuf, BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK
from .perf import Perf
from . import perf as _perf
from .utils import get_online_cpus, printb, _assert_is_bytes, ArgString, StrcmpRewrite
from .usdt import USDT, USDTException

__version__ = "0.1.0"

try:
    basestring
except NameError:  # Python 3
    basestring = str

_default_probe_limit = 1000
_num_open_probes = 0


# for tests
def _get_num_open_probes():
    global _num_open_probes
    return _num_open_probes


DEBUGFS = "/sys/kernel/debug"
TRACEFS = os.path.join(DEBUGFS, "tracing")
if not os.path.exists(TRACEFS):
    TRACEFS = "/sys/kernel/tracing"

# Debug flags (accepted; bccrs has no LLVM IR or preprocessor dumps through the C ABI)
DEBUG_LLVM_IR = 0x1
DEBUG_BPF = 0x2
DEBUG_PREPROCESSOR = 0x4
DEBUG_SOURCE = 0x8
DEBUG_BPF_REGISTER_STATE = 0x10
DEBUG_BTF = 0x20


class PerfType:
    # From perf_type_id in uapi/linux/perf_event.h
    HARDWARE = 0
    SOFTWARE = 1
    TRACEPOINT = 2
    HW_CACHE = 3
    RAW = 4
    BREAKPOINT = 5


class PerfHWConfig:
    # From perf_hw_id in uapi/linux/perf_event.h
    CPU_CYCLES = 0
    INSTRUCTIONS = 1
    CACHE_REFERENCES = 2
    CACHE_MISSES = 3
    BRANCH_INSTRUCTIONS = 4
    BRANCH_MISSES = 5
    BUS_CYCLES = 6
    STALLED_CYCLES_FRONTEND = 7
    STALLED_CYCLES_BACKEND = 8
    REF_CPU_CYCLES = 9


class PerfSWConfig:
    # From perf_sw_id in uapi/linux/perf_event.h
    CPU_CLOCK = 0
    TASK_CLOCK = 1
    PAGE_FAULTS = 2
    CONTEXT_SWITCHES = 3
    CPU_MIGRATIONS = 4
    PAGE_FAULTS_MIN = 5
    PAGE_FAULTS_MAJ = 6
    ALIGNMENT_FAULTS = 7
    EMULATION_FAULTS = 8
    DUMMY = 9
    BPF_OUTPUT = 10


class PerfEventSampleFormat:
    # from perf_event_sample_format in uapi/linux/bpf.h
    IP = (1 << 0)
    TID = (1 << 1)
    TIME = (1 << 2)
    ADDR = (1 << 3)
    READ = (1 << 4)
    CALLCHAIN = (1 << 5)
    ID = (1 << 6)
    CPU = (1 << 7)
    PERIOD = (1 << 8)
    STREAM_ID = (1 << 9)
    RAW = (1 << 10)
    BRANCH_STACK = (1 << 11)
    REGS_USER = (1 << 12)
    STACK_USER = (1 << 13)
    WEIGHT = (1 << 14)
    DATA_SRC = (1 << 15)
    IDENTIFIER = (1 << 16)
    TRANSACTION = (1 << 17)
    REGS_INTR = (1 << 18)
    PHYS_ADDR = (1 << 19)
    AUX = (1 << 20)
    CGROUP = (1 << 21)
    DATA_PAGE_SIZE = (1 << 22)
    CODE_PAGE_SIZE = (1 << 23)
    WEIGHT_STRUCT = (1 << 24)


class BPFProgType:
    # From bpf_prog_type in uapi/linux/bpf.h
    SOCKET_FILTER = 1
    KPROBE = 2
    SCHED_CLS = 3
    SCHED_ACT = 4
    TRACEPOINT = 5
    XDP = 6
    PERF_EVENT = 7
    CGROUP_SKB = 8
    CGROUP_SOCK = 9
    LWT_IN = 10
    LWT_OUT = 11
    LWT_XMIT = 12
    SOCK_OPS = 13
    SK_SKB = 14
    CGROUP_DEVICE = 15
    SK_MSG = 16
    RAW_TRACEPOINT = 17
    CGROUP_SOCK_ADDR = 18
    CGROUP_SOCKOPT = 25
    TRACING = 26
    LSM = 29


class BPFAttachType:
    # from bpf_attach_type uapi/linux/bpf.h
    CGROUP_INET_INGRESS = 0
    CGROUP_INET_EGRESS = 1
    CGROUP_INET_SOCK_CREATE = 2
    CGROUP_SOCK_OPS = 3
    SK_SKB_STREAM_PARSER = 4
    SK_SKB_STREAM_VERDICT = 5
    CGROUP_DEVICE = 6
    SK_MSG_VERDICT = 7
    CGROUP_INET4_BIND = 8
    CGROUP_INET6_BIND = 9
    CGROUP_INET4_CONNECT = 10
    CGROUP_INET6_CONNECT = 11
    CGROUP_INET4_POST_BIND = 12
    CGROUP_INET6_POST_BIND = 13
    CGROUP_UDP4_SENDMSG = 14
    CGROUP_UDP6_SENDMSG = 15
    LIRC_MODE2 = 16
    FLOW_DISSECTOR = 17
    CGROUP_SYSCTL = 18
    CGROUP_UDP4_RECVMSG = 19
    CGROUP_UDP6_RECVMSG = 20
    CGROUP_GETSOCKOPT = 21
    CGROUP_SETSOCKOPT = 22
    TRACE_RAW_TP = 23
    TRACE_FENTRY = 24
    TRACE_FEXIT = 25
    MODIFY_RETURN = 26
    LSM_MAC = 27
    TRACE_ITER = 28
    CGROUP_INET4_GETPEERNAME = 29
    CGROUP_INET6_GETPEERNAME = 30
    CGROUP_INET4_GETSOCKNAME = 31
    CGROUP_INET6_GETSOCKNAME = 32
    XDP_DEVMAP = 33
    CGROUP_INET_SOCK_RELEASE = 34
    XDP_CPUMAP = 35
    SK_LOOKUP = 36
    XDP = 37
    SK_SKB_VERDICT = 38


class XDPAction:
    # from xdp_action uapi/linux/bpf.h
    XDP_ABORTED = 0
    XDP_DROP = 1
    XDP_PASS = 2
    XDP_TX = 3
    XDP_REDIRECT = 4


class XDPFlags:
    # from xdp_flags uapi/linux/if_link.h
    UPDATE_IF_NOEXIST = (1 << 0)
    SKB_MODE = (1 << 1)
    DRV_MODE = (1 << 2)
    HW_MODE = (1 << 3)
    REPLACE = (1 << 4)


# ---------------------------------------------------------------------------------------------
# Symbols

_kallsyms = None  # (sorted addresses, entries), name -> addr


def _load_kallsyms():
    global _kallsyms
    if _kallsyms is None:
        by_name = {}
        mods = {}
        try:
            with open("/proc/kallsyms", "rb") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) < 3:
                        continue
                    name = parts[2]
                    if name not in by_name:
                        by_name[name] = int(parts[0], 16)
                    if len(parts) > 3:
                        mods[name] = parts[3].strip(b"[]")
        except OSError:
            pass
        _kallsyms = (by_name, mods)
    return _kallsyms


_maps_cache = {}


def _proc_maps(pid, refresh=False):
    if refresh or pid not in _maps_cache:
        entries = []
        try:
            with open("/proc/%d/maps" % pid, "rb") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) < 6:
                        continue
                    lo, hi = parts[0].split(b"-")
                    entries.append((int(lo, 16), int(hi, 16), int(parts[2], 16), parts[5]))
        except OSError:
            pass
        _maps_cache[pid] = entries
    return _maps_cache[pid]


def _module_of(pid, addr):
    for refresh in (False, True):
        for lo, hi, off, path in _proc_maps(pid, refresh):
            if lo <= addr < hi:
                return path, addr - lo + off
    return None, None


def _symbolize(pid, addr):
    buf = ct.create_string_buffer(1024)
    off = ct.c_uint64(0)
    r = _clib.bccrs_symbolize(pid, addr, buf, len(buf), ct.byref(off))
    if r < 0:
        return None, None
    return buf.value, off.value


class SymbolCache(object):
    def __init__(self, pid):
        self.pid = pid

    def resolve(self, addr, demangle):
        """(symbol, offset, module) of an address, as BCC's SymbolCache.resolve."""
        if self.pid < 0:
            name, off = _symbolize(-1, addr)
            if name is None:
                return (None, addr, None)
            by_name, mods = _load_kallsyms()
            return (name, off, mods.get(name, b"kernel"))
        name, off = _symbolize(self.pid, addr)
        module, modoff = _module_of(self.pid, addr)
        if name is None:
            if module and modoff:
                return (None, modoff, module)
            return (None, addr, None)
        return (name, off, module)

    def resolve_name(self, module, name):
        name = _assert_is_bytes(name)
        if self.pid < 0 and not module:
            by_name, _ = _load_kallsyms()
            return by_name.get(name, -1)
        path = resolve_binary(module, self.pid) if module else None
        if not path:
            return -1
        try:
            e = Elf(path)
            addr = e.functions().get(name.decode())
            e.close()
        except (OSError, ElfError):
            return -1
        return addr if addr else -1


class _Attachment(object):
    """One attachment: made through the C ABI (spec), by bccrs's own section attach (auto), or
    with file descriptors this module owns (fds)."""

    def __init__(self, prog, spec=None, pid=-1, fds=None, auto=False, tracing=False, redo=None):
        self.prog = prog
        self.redo = redo  # fds attachments: prog fd -> new fds
        self.spec = spec
        self.pid = pid
        self.fds = fds or []
        self.auto = auto
        self.tracing = tracing
        self.live = True


def _prog_str(p):
    return p.decode() if isinstance(p, bytes) else p


class BPF(object):
    # Here for backwards compatibility only, add new enum members and types
    # the appropriate wrapper class elsewhere in this file to avoid namespace
    # collision issues
    SOCKET_FILTER = BPFProgType.SOCKET_FILTER
    KPROBE = BPFProgType.KPROBE
    SCHED_CLS = BPFProgType.SCHED_CLS
    SCHED_ACT = BPFProgType.SCHED_ACT
    TRACEPOINT = BPFProgType.TRACEPOINT
    XDP = BPFProgType.XDP
    PERF_EVENT = BPFProgType.PERF_EVENT
    CGROUP_SKB = BPFProgType.CGROUP_SKB
    CGROUP_SOCK = BPFProgType.CGROUP_SOCK
    LWT_IN = BPFProgType.LWT_IN
    LWT_OUT = BPFProgType.LWT_OUT
    LWT_XMIT = BPFProgType.LWT_XMIT
    SOCK_OPS = BPFProgType.SOCK_OPS
    SK_SKB = BPFProgType.SK_SKB
    CGROUP_DEVICE = BPFProgType.CGROUP_DEVICE
    SK_MSG = BPFProgType.SK_MSG
    RAW_TRACEPOINT = BPFProgType.RAW_TRACEPOINT
    CGROUP_SOCK_ADDR = BPFProgType.CGROUP_SOCK_ADDR
    TRACING = BPFProgType.TRACING
    LSM = BPFProgType.LSM

    XDP_ABORTED = XDPAction.XDP_ABORTED
    XDP_DROP = XDPAction.XDP_DROP
    XDP_PASS = XDPAction.XDP_PASS
    XDP_TX = XDPAction.XDP_TX
    XDP_REDIRECT = XDPAction.XDP_REDIRECT

    XDP_FLAGS_UPDATE_IF_NOEXIST = XDPFlags.UPDATE_IF_NOEXIST
    XDP_FLAGS_SKB_MODE = XDPFlags.SKB_MODE
    XDP_FLAGS_DRV_MODE = XDPFlags.DRV_MODE
    XDP_FLAGS_HW_MODE = XDPFlags.HW_MODE
    XDP_FLAGS_REPLACE = XDPFlags.REPLACE
    # END enum backwards compat

    _probe_repl = re.compile(b"[^a-zA-Z0-9_]")
    _sym_caches = {}

    _auto_includes = {
        "linux/time.h": ["time"],
        "linux/fs.h": ["fs", "file"],
        "linux/blkdev.h": ["bio", "request"],
        "linux/slab.h": ["alloc"],
        "linux/netdevice.h": ["sk_buff", "net_device"]
    }

    _syscall_prefixes = [
        b"sys_",
        b"__x64_sys_",
        b"__x32_compat_sys_",
        b"__ia32_compat_sys_",
        b"__arm64_sys_",
        b"__s390x_sys_",
        b"__s390_sys_",
        b"__riscv_sys_",
    ]

    # BPF timestamps come from the monotonic clock.
    CLOCK_MONOTONIC = 1         # see <linux/time.h>

    class timespec(ct.Structure):
        _fields_ = [('tv_sec', ct.c_long), ('tv_nsec', ct.c_long)]

    @classmethod
    def monotonic_time(cls):
        """monotonic_time()
        Returns the system monotonic time from clock_gettime, using the
        CLOCK_MONOTONIC constant. The time returned is in nanoseconds.
        """
        t = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        return float(t)

    @classmethod
    def generate_auto_includes(cls, program_words):
        """
        Generates #include statements automatically based on a set of
        recognized types such as sk_buff and bio. The input is all the words
        that appear in the BPF program, and the output is a (possibly empty)
        string of #include statements, such as "#include <linux/fs.h>".
        """
        headers = ""
        for header, keywords in cls._auto_includes.items():
            for keyword in keywords:
                for word in program_words:
                    if keyword in word and header not in headers:
                        headers += "#include <%s>\n" % header
        return headers

    # defined for compatibility reasons, to be removed
    Table = Table

    class Function(object):
        def __init__(self, bpf, name, fd):
            self.bpf = bpf
            self.name = name
            self.fd = fd

    @staticmethod
    def _find_file(filename):
        """ If filename is invalid, search in ./ of argv[0] """
        if filename:
            if not os.path.isfile(filename):
                argv0 = ArgString(sys.argv[0])
                t = b"/".join([os.path.abspath(os.path.dirname(argv0.__bytes__())), filename])
                if os.path.isfile(t):
                    filename = t
                else:
                    raise Exception("Could not find file %s" % filename)
        return filename

    @staticmethod
    def find_exe(bin_path):
        """
        find_exe(bin_path)

        Traverses the PATH environment variable, looking for the first
        directory that contains an executable file named bin_path, and
        returns the full path to that file, or None if no such file
        can be found.
        """
        def is_exe(fpath):
            return os.path.isfile(fpath) and \
                os.access(fpath, os.X_OK)

        fpath, fname = os.path.split(bin_path)
        if fpath:
            if is_exe(bin_path):
                return bin_path
        else:
            for path in os.environ["PATH"].split(os.pathsep):
                path = path.strip('"')
                exe_file = os.path.join(path.encode() if isinstance(bin_path, bytes) else path,
                                        bin_path)
                if is_exe(exe_file):
                    return exe_file
        return None

    def __init__(self, src_file=b"", hdr_file=b"", text=None, debug=0,
            cflags=[], usdt_contexts=[], allow_rlimit=True, device=None,
            attach_usdt_ignore_pid=False):
        """Create a new BPF module with the given source code.

        Either `src_file` or `text` must be supplied, and not both. The program is compiled by
        bccrs (objects are cached), loaded, and its kprobe__/kretprobe__/tracepoint__/
        raw_tracepoint__/kfunc__/kretfunc__/lsm__ functions are attached.
        """
        src_file = _assert_is_bytes(src_file)
        hdr_file = _assert_is_bytes(hdr_file)
        text = _assert_is_bytes(text)

        assert not (text and src_file)

        self.kprobe_fds = {}
        self.uprobe_fds = {}
        self.tracepoint_fds = {}
        self.raw_tracepoint_fds = {}
        self.kfunc_entry_fds = {}
        self.kfunc_exit_fds = {}
        self.lsm_fds = {}
        self.fmod_ret_fds = {}
        self.perf_buffers = {}
        self.open_perf_events = {}
        self._perf_buffers = {}
        self._ring_buffers = []
        self._ringbuf_manager = None
        self._pending_exc = None
        self._atts = []
        self._infos = {}
        self._flags = {}
        self._h = None
        self.tracefile = None
        atexit.register(self.cleanup)

        self.debug = debug
        self.funcs = {}
        self.tables = {}
        self.module = None
        cflags_array = (ct.c_char_p * len(cflags))()
        for i, s in enumerate(cflags):
            cflags_array[i] = bytes(ArgString(s))
        if src_file:
            src_file = BPF._find_file(src_file)
            hdr_file = BPF._find_file(hdr_file)

        if src_file:
            # Read the BPF C source file into the text variable. This ensures,
            # that files and inline text are treated equally.
            with open(src_file, mode="rb") as file:
                text = file.read()
            name = os.path.abspath(src_file)
        else:
            name = b"/virtual/main.c"
        if text is None:
            raise Exception("BPF: either text or src_file must be given")

        for usdt in usdt_contexts:
            extra = usdt.get_text() if hasattr(usdt, "get_text") else ""
            if extra:
                text = to_bytes(extra) + text

        self._src_name = name
        self._text = _utf8(text)
        self._cflags_array = cflags_array
        self._sections = {}
        self._load(self._text, src_file or "<text>")

        for usdt_context in usdt_contexts:
            usdt_context.attach_uprobes(self, attach_usdt_ignore_pid)

        # If any "kprobe__" or "tracepoint__" or "raw_tracepoint__"
        # prefixed functions were defined,
        # they will be loaded and attached here.
        self._trace_autoload()

    # -- handle, programs, maps ------------------------------------------------------------

    def _load(self, text, what, sections=None):
        entries = [b"%s=%s" % (to_bytes(f), to_bytes(s)) for f, s in (sections or {}).items()]
        arr = (ct.c_char_p * len(entries))(*entries)
        h = _clib.bccrs_load_text_sections(self._src_name, text, self._cflags_array,
                                           len(self._cflags_array), arr, len(entries))
        if not h:
            msg = last_error()
            sys.stderr.write(msg if msg.endswith("\n") else msg + "\n")
            if "verifier" in msg or "cannot load" in msg or "rejected" in msg:
                raise Exception("Failed to load BPF program %s: %s" % (
                    what, msg.strip().splitlines()[0] if msg.strip() else ""))
            raise Exception("Failed to compile BPF module %s" % what)
        self._h = ct.c_void_p(h)
        self._h._bccrs_owner = self
        self.module = self._h
        self._progs = [_clib.bccrs_program_name(self._h, i)
                       for i in range(_clib.bccrs_program_count(self._h))]

    # BCC gives a program its type when it is loaded (load_func); bccrs when it is compiled,
    # from the function's name and context type. When a program is asked for with another
    # type, the object is compiled again with that function's section chosen by the host
    # (bccrs_load_text_sections).
    _TYPE_SECTIONS = {
        BPFProgType.SOCKET_FILTER: "socket",
        BPFProgType.KPROBE: "kprobe",
        BPFProgType.SCHED_CLS: "tc",
        BPFProgType.SCHED_ACT: "action",
        BPFProgType.TRACEPOINT: "tracepoint",
        BPFProgType.XDP: "xdp",
        BPFProgType.PERF_EVENT: "perf_event",
        BPFProgType.CGROUP_SKB: "cgroup/skb",
        BPFProgType.CGROUP_SOCK: "cgroup/sock",
        BPFProgType.LWT_IN: "lwt_in",
        BPFProgType.LWT_OUT: "lwt_out",
        BPFProgType.LWT_XMIT: "lwt_xmit",
        BPFProgType.SOCK_OPS: "sockops",
        BPFProgType.SK_SKB: "sk_skb",
        BPFProgType.CGROUP_DEVICE: "cgroup/dev",
        BPFProgType.SK_MSG: "sk_msg",
        BPFProgType.RAW_TRACEPOINT: "raw_tp",
    }
    _ATTACH_SECTIONS = {
        BPFAttachType.CGROUP_GETSOCKOPT: "cgroup/getsockopt",
        BPFAttachType.CGROUP_SETSOCKOPT: "cgroup/setsockopt",
        BPFAttachType.CGROUP_INET4_CONNECT: "cgroup/connect4",
        BPFAttachType.CGROUP_INET6_CONNECT: "cgroup/connect6",
        BPFAttachType.CGROUP_INET4_BIND: "cgroup/bind4",
        BPFAttachType.CGROUP_INET6_BIND: "cgroup/bind6",
        BPFAttachType.CGROUP_UDP4_SENDMSG: "cgroup/sendmsg4",
        BPFAttachType.CGROUP_UDP6_SENDMSG: "cgroup/sendmsg6",
        BPFAttachType.CGROUP_SYSCTL: "cgroup/sysctl",
        BPFAttachType.CGROUP_INET_INGRESS: "cgroup_skb/ingress",
        BPFAttachType.CGROUP_INET_EGRESS: "cgroup_skb/egress",
    }

    def _ensure_type(self, func_name, prog_type, attach_type=-1):
        if not prog_type or func_name.startswith(self._AUTOLOAD) or \
                func_name.startswith((b"syscall__", b"kmod_ret__", b"bpf_iter__")):
            return
        fd = _clib.bccrs_program_fd(self._handle(), func_name)
        if fd < 0:
            return
        try:
            actual = _sys.prog_info(fd)[0]
        except OSError:
            return
        section = self._ATTACH_SECTIONS.get(attach_type) or self._TYPE_SECTIONS.get(prog_type)
        if actual == prog_type and attach_type < 0:
            return
        if section is None or self._sections.get(func_name) == section:
            return
        if actual == prog_type and attach_type not in self._ATTACH_SECTIONS:
            return
        self._retype(func_name, section)

    def _retype(self, func_name, section):
        if self._perf_buffers or self._ring_buffers:
            raise Exception("bccrs: program %s must be of another type, which needs the object "
                            "loaded again: load programs before opening event buffers" % func_name)
        sections = dict(self._sections)
        sections[func_name] = section
        old = self._h
        self._load(self._text, "<text>", sections)
        self._sections = sections
        _clib.bccrs_detach(old, None)
        _clib.bccrs_close(old)
        self._infos.clear()
        self._flags.clear()
        # Function objects the caller holds get the new program fds.
        for fname, fn in self.funcs.items():
            fn.fd = _clib.bccrs_program_fd(self._h, fname)
        # Attach again what was attached to the old object.
        atts = [a for a in self._atts if a.live]
        if any(a.auto for a in atts):
            autos = set(a.prog for a in atts if a.auto)
            _clib.bccrs_attach_auto(self._h)
            for p in self._progs:
                if p not in autos:
                    _clib.bccrs_detach(self._h, p)
        for a in atts:
            if a.auto:
                continue
            if a.spec:
                err = self._attach_spec(a.spec, a.pid)
                if err:
                    sys.stderr.write("bccrs: re-attaching %s failed: %s\n" % (a.spec, err))
            elif a.redo is not None:
                for fd in a.fds:
                    _sys.perf_close(fd)
                a.fds = a.redo(self.load_func(a.prog, 0).fd)
        for t in self.tables.values():
            try:
                t.map_fd = self._map_info(t._name).fd
            except (KeyError, AttributeError):
                pass

    def _handle(self):
        if self._h is None:
            raise Exception("BPF object is closed")
        return self._h

    def _map_info(self, name):
        name = _prog_str(name)
        info = self._infos.get(name)
        if info is None:
            info = MapInfo()
            r = _clib.bccrs_map_info(self._handle(), name.encode(), ct.byref(info))
            if r < 0:
                raise KeyError(name)
            self._infos[name] = info
        return info

    def _map_flags(self, name):
        name = _prog_str(name)
        if name not in self._flags:
            try:
                self._flags[name] = _sys.map_info(self._map_info(name).fd)[5]
            except OSError:
                self._flags[name] = 0
        return self._flags[name]

    def _map_names(self):
        h = self._handle()
        return [_clib.bccrs_map_name(h, i).decode() for i in range(_clib.bccrs_map_count(h))]

    def load_funcs(self, prog_type=None):
        """load_funcs(prog_type=None)

        The handles of every program. bccrs loads each with the type its name or context
        gives; a prog_type given explicitly is applied as load_func does."""
        return [self.load_func(n, prog_type or 0) for n in self._progs]

    def load_func(self, func_name, prog_type, device=None, attach_type=-1):
        """The program `func_name` (bccrs loaded every program with the type its section names;
        prog_type is not used)."""
        func_name = _assert_is_bytes(func_name)
        if func_name not in self.funcs:
            if _clib.bccrs_program_fd(self._handle(), func_name) < 0:
                raise Exception("Unknown program %s" % func_name)
        self._ensure_type(func_name, prog_type, attach_type)
        fd = _clib.bccrs_program_fd(self._handle(), func_name)
        fn = self.funcs.get(func_name)
        if fn is None:
            fn = BPF.Function(self, func_name, fd)
            self.funcs[func_name] = fn
        fn.fd = fd
        return fn

    def dump_func(self, func_name):
        """The program's instructions as the kernel holds them (after the verifier), bytes."""
        fn = self.load_func(func_name, 0)
        info = ct.create_string_buffer(256)
        attr = struct.pack("=IIQ", fn.fd, 256, ct.addressof(info))
        r, _ = _sys.bpf(_sys.BPF_OBJ_GET_INFO_BY_FD, attr)
        if r < 0:
            raise Exception("Failed to get program %s: %s" % (func_name, os.strerror(ct.get_errno())))
        xlen = struct.unpack_from("=I", info.raw, 20)[0]
        insns = ct.create_string_buffer(xlen)
        info2 = bytearray(256)
        struct.pack_into("=I", info2, 20, xlen)
        struct.pack_into("=Q", info2, 32, ct.addressof(insns))
        ibuf = ct.create_string_buffer(bytes(info2), 256)
        attr = struct.pack("=IIQ", fn.fd, 256, ct.addressof(ibuf))
        r, _ = _sys.bpf(_sys.BPF_OBJ_GET_INFO_BY_FD, attr)
        if r < 0:
            raise Exception("Failed to get program %s: %s" % (func_name, os.strerror(ct.get_errno())))
        return insns.raw[:xlen]

    def disassemble_func(self, func_name):
        raise Exception("disassemble_func is not supported by bccrs (use `bccrs compile` "
                        "and llvm-objdump -d)")

    def decode_table(self, table_name, sizeinfo=False):
        t = self[table_name]
        out = "Table %s: %s, key %s, leaf %s, max_entries %d" % (
            table_name, _table_type_name(t.ttype), _types.describe(getattr(t, "Key", None)),
            _types.describe(t.Leaf), t.max_entries)
        return out

    str2ctype = {
        u"_Bool": ct.c_bool,
        u"char": ct.c_char,
        u"wchar_t": ct.c_wchar,
        u"unsigned char": ct.c_ubyte,
        u"short": ct.c_short,
        u"unsigned short": ct.c_ushort,
        u"int": ct.c_int,
        u"unsigned int": ct.c_uint,
        u"long": ct.c_long,
        u"unsigned long": ct.c_ulong,
        u"long long": ct.c_longlong,
        u"unsigned long long": ct.c_ulonglong,
        u"float": ct.c_float,
        u"double": ct.c_double,
        u"long double": ct.c_longdouble,
        u"__int128": ct.c_int64 * 2,
        u"unsigned __int128": ct.c_uint64 * 2,
    }

    @staticmethod
    def _decode_table_type(desc):
        """BCC's list-shaped type descriptions, or bccrs's dict-shaped ones."""
        if isinstance(desc, dict):
            return _types.ctype(desc)
        if isinstance(desc, basestring):
            return BPF.str2ctype[desc]
        anon = []
        fields = []
        for t in desc[1]:
            if len(t) == 2:
                fields.append((t[0], BPF._decode_table_type(t[1])))
            elif len(t) == 3:
                if isinstance(t[2], list):
                    fields.append((t[0], BPF._decode_table_type(t[1]) * t[2][0]))
                elif isinstance(t[2], int):
                    fields.append((t[0], BPF._decode_table_type(t[1]), t[2]))
                elif isinstance(t[2], basestring) and (
                        t[2] == u"union" or t[2] == u"struct" or
                        t[2] == u"struct_packed"):
                    name = t[0]
                    if name == "":
                        name = "__anon%d" % len(anon)
                        anon.append(name)
                    fields.append((name, BPF._decode_table_type(t)))
                else:
                    raise Exception("Failed to decode type %s" % str(t))
            else:
                raise Exception("Failed to decode type %s" % str(t))
        base = ct.Structure
        is_packed = False
        if len(desc) > 2:
            if desc[2] == u"union":
                base = ct.Union
            elif desc[2] == u"struct":
                base = ct.Structure
            elif desc[2] == u"struct_packed":
                base = ct.Structure
                is_packed = True
        if is_packed:
            cls = type(str(desc[0]), (base,), dict(_anonymous_=anon, _pack_=1,
                _fields_=fields))
        else:
            cls = type(str(desc[0]), (base,), dict(_anonymous_=anon,
                _fields_=fields))
        return cls

    def _table_ctype(self, name, which, size):
        desc = _clib.bccrs_map_type(self._handle(), name.encode(), which)
        if desc:
            return _types.ctype(desc.decode())
        return {4: ct.c_int, 8: ct.c_ulonglong, 2: ct.c_ushort, 1: ct.c_ubyte}.get(
            size, ct.c_ubyte * size)

    def get_table(self, name, keytype=None, leaftype=None, reducer=None):
        name = _prog_str(_assert_is_bytes(name))
        info = MapInfo()
        if _clib.bccrs_map_info(self._handle(), name.encode(), ct.byref(info)) < 0:
            raise KeyError(name)
        self._infos[name] = info
        is_queuestack = info.map_type in [BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK] or \
            info.percpu_queue
        if not keytype and not is_queuestack:
            keytype = self._table_ctype(name, 0, info.key_size)
        if not leaftype:
            leaftype = self._table_ctype(name, 1, info.value_size)
            if info.map_type == 7 and issubclass(leaftype, ct.Array):  # STACK_TRACE: u64[N]
                leaftype = type("stack_trace_t", (ct.Structure,), dict(_fields_=[("ip", leaftype)]))
        return Table(self, name, info.fd, keytype, leaftype, name, reducer=reducer)

    def __getitem__(self, key):
        k = _prog_str(key)
        if k not in self.tables:
            self.tables[k] = self.get_table(k)
        return self.tables[k]

    def __setitem__(self, key, leaf):
        self.tables[_prog_str(key)] = leaf

    def __len__(self):
        return len(self.tables)

    def __delitem__(self, key):
        del self.tables[_prog_str(key)]

    def __iter__(self):
        return self.tables.__iter__()

    # -- attaching -------------------------------------------------------------------------

    def _attach_spec(self, spec, pid=-1):
        """bccrs_attach; None on success, else the error message."""
        r = _clib.bccrs_attach(self._handle(), spec.encode(), pid)
        if r < 0:
            return last_error() or "attach failed"
        return None

    def _new_att(self, att):
        self._atts.append(att)
        return att

    def _detach_att(self, att):
        """Detaches one attachment. The C ABI detaches by program, so the program's other
        C-ABI attachments are attached again."""
        if not att.live:
            return
        att.live = False
        for fd in att.fds:
            _sys.perf_close(fd)
        if att in self._atts:
            self._atts.remove(att)
        if att.spec is None and not att.auto:
            return
        if self._h is None:
            return
        others = [a for a in self._atts if a.prog == att.prog and a.live and (a.spec or a.auto)]
        _clib.bccrs_detach(self._h, att.prog)
        for a in others:
            if a.spec:
                err = self._attach_spec(a.spec, a.pid)
                if err:
                    sys.stderr.write("bccrs: re-attaching %s failed: %s\n" % (a.spec, err))
            elif a.tracing:
                fn = self.load_func(a.prog, 0)
                try:
                    a.fds = [_sys.raw_tracepoint_open(None, fn.fd)]
                    a.auto = False
                except OSError as e:
                    sys.stderr.write("bccrs: re-attaching %s failed: %s\n" % (a.prog, e))

    @staticmethod
    def get_kprobe_functions(event_re):
        blacklist_file = "%s/kprobes/blacklist" % DEBUGFS
        try:
            with open(blacklist_file, "rb") as blacklist_f:
                blacklist = set([line.rstrip().split()[1] for line in blacklist_f])
        except IOError as e:
            blacklist = set([])
        fns = []

        in_init_section = 0
        in_irq_section = 0
        with open("/proc/kallsyms", "rb") as avail_file:
            for line in avail_file:
                (t, fn) = line.rstrip().split()[1:3]
                # Skip all functions defined between __init_begin and
                # __init_end
                if in_init_section == 0:
                    if fn == b'__init_begin':
                        in_init_section = 1
                        continue
                elif in_init_section == 1:
                    if fn == b'__init_end':
                        in_init_section = 2
                    continue
                # Skip all functions defined between __irqentry_text_start and
                # __irqentry_text_end
                if in_irq_section == 0:
                    if fn == b'__irqentry_text_start':
                        in_irq_section = 1
                        continue
                    elif fn == b'__irqentry_text_end':
                        in_irq_section = 2
                        continue
                elif in_irq_section == 1:
                    if fn == b'__irqentry_text_end':
                        in_irq_section = 2
                    continue
                if fn.startswith(b'_kbl_addr_'):
                    continue
                elif fn.startswith(b'__perf') or fn.startswith(b'perf_'):
                    continue
                elif fn.startswith(b'__SCT__'):
                    continue
                elif re.match(br'^.*\.cold(\.\d+)?$', fn):
                    continue
                if (t.lower() in [b't', b'w']) and re.match(event_re, fn) \
                    and fn not in blacklist:
                    fns.append(fn)
        return set(fns)     # Some functions may appear more than once

    def _check_probe_quota(self, num_new_probes):
        global _num_open_probes
        if _num_open_probes + num_new_probes > BPF.get_probe_limit():
            raise Exception("Number of open probes would exceed global quota")

    @staticmethod
    def get_probe_limit():
        env_probe_limit = os.environ.get('BCC_PROBE_LIMIT')
        if env_probe_limit and env_probe_limit.isdigit():
            return int(env_probe_limit)
        else:
            return _default_probe_limit

    def _add_kprobe_fd(self, ev_name, fn_name, fd):
        global _num_open_probes
        if ev_name not in self.kprobe_fds:
            self.kprobe_fds[ev_name] = {}
        self.kprobe_fds[ev_name][fn_name] = fd
        _num_open_probes += 1

    def _del_kprobe_fd(self, ev_name, fn_name):
        global _num_open_probes
        del self.kprobe_fds[ev_name][fn_name]
        _num_open_probes -= 1

    def _add_uprobe_fd(self, name, fd):
        global _num_open_probes
        self.uprobe_fds[name] = fd
        _num_open_probes += 1

    def _del_uprobe_fd(self, name):
        global _num_open_probes
        del self.uprobe_fds[name]
        _num_open_probes -= 1

    # Find current system's syscall prefix by testing on the BPF syscall.
    # If no valid value found, will return the first possible value which
    # would probably lead to error in later API calls.
    def get_syscall_prefix(self):
        for prefix in self._syscall_prefixes:
            if self.ksymname(b"%sbpf" % prefix) != -1:
                return prefix
        return self._syscall_prefixes[0]

    # Given a syscall's name, return the full Kernel function name with current
    # system's syscall prefix. For example, given "clone" the helper would
    # return "sys_clone" or "__x64_sys_clone".
    def get_syscall_fnname(self, name):
        name = _assert_is_bytes(name)
        return self.get_syscall_prefix() + name

    # Given a Kernel function name that represents a syscall but already has a
    # prefix included, transform it to current system's prefix. For example,
    # if "sys_clone" provided, the helper may translate it to "__x64_sys_clone".
    def fix_syscall_fnname(self, name):
        name = _assert_is_bytes(name)
        for prefix in self._syscall_prefixes:
            if name.startswith(prefix):
                return self.get_syscall_fnname(name[len(prefix):])
        return name

    def _attach_kprobe_common(self, ret, event, event_off, fn_name, maxactive=0):
        self._check_probe_quota(1)
        fn = self.load_func(fn_name, BPF.KPROBE)
        ev_name = (b"r_" if ret else b"p_") + event.replace(b"+", b"_").replace(b".", b"_")
        kind = "kretprobe" if ret else "kprobe"
        err = None
        if event_off:
            err = "bccrs: kprobes at an offset (event_off) are not supported by the C ABI"
        else:
            err = self._attach_spec("%s:%s=%s" % (kind, event.decode(), fn_name.decode()))
        if err:
            sys.stderr.write("%s\n" % err.strip())
            raise Exception("Failed to attach BPF program %s to %s %s"
                            ", it's not traceable (either non-existing, inlined, or marked as \"notrace\")" %
                            (fn_name, kind, event))
        att = self._new_att(_Attachment(fn_name, spec="%s:%s=%s" % (kind, event.decode(), fn_name.decode())))
        self._add_kprobe_fd(ev_name, fn_name, att)
        return self

    def attach_kprobe(self, event=b"", event_off=0, fn_name=b"", event_re=b""):
        event = _assert_is_bytes(event)
        fn_name = _assert_is_bytes(fn_name)
        event_re = _assert_is_bytes(event_re)

        # allow the caller to glob multiple functions together
        if event_re:
            matches = BPF.get_kprobe_functions(event_re)
            self._check_probe_quota(len(matches))
            failed = 0
            probes = []
            for line in matches:
                try:
                    self.attach_kprobe(event=line, fn_name=fn_name)
                except:
                    failed += 1
                    probes.append(line)
            if failed == len(matches):
                raise Exception("Failed to attach BPF program %s to kprobe %s"
                                ", it's not traceable (either non-existing, inlined, or marked as \"notrace\")" %
                                (fn_name, '/'.join(p.decode() for p in probes)))
            return
        return self._attach_kprobe_common(False, event, event_off, fn_name)

    def attach_kretprobe(self, event=b"", fn_name=b"", event_re=b"", maxactive=0):
        event = _assert_is_bytes(event)
        fn_name = _assert_is_bytes(fn_name)
        event_re = _assert_is_bytes(event_re)

        # allow the caller to glob multiple functions together
        if event_re:
            matches = BPF.get_kprobe_functions(event_re)
            failed = 0
            probes = []
            for line in matches:
                try:
                    self.attach_kretprobe(event=line, fn_name=fn_name,
                                          maxactive=maxactive)
                except:
                    failed += 1
                    probes.append(line)
            if failed == len(matches):
                raise Exception("Failed to attach BPF program %s to kretprobe %s"
                                ", it's not traceable (either non-existing, inlined, or marked as \"notrace\")" %
                                (fn_name, '/'.join(p.decode() for p in probes)))
            return
        return self._attach_kprobe_common(True, event, 0, fn_name, maxactive)

    def detach_kprobe_event(self, ev_name):
        ev_name = _assert_is_bytes(ev_name)
        fn_names = list(self.kprobe_fds[ev_name].keys())
        for fn_name in fn_names:
            self.detach_kprobe_event_by_fn(ev_name, fn_name)

    def detach_kprobe_event_by_fn(self, ev_name, fn_name):
        ev_name = _assert_is_bytes(ev_name)
        fn_name = _assert_is_bytes(fn_name)
        if ev_name not in self.kprobe_fds:
            raise Exception("Kprobe %s is not attached" % ev_name)
        self._detach_att(self.kprobe_fds[ev_name][fn_name])
        self._del_kprobe_fd(ev_name, fn_name)

    def detach_kprobe(self, event, fn_name=None):
        event = _assert_is_bytes(event)
        ev_name = b"p_" + event.replace(b"+", b"_").replace(b".", b"_")
        if fn_name:
            fn_name = _assert_is_bytes(fn_name)
            self.detach_kprobe_event_by_fn(ev_name, fn_name)
        else:
            self.detach_kprobe_event(ev_name)

    def detach_kretprobe(self, event, fn_name=None):
        event = _assert_is_bytes(event)
        ev_name = b"r_" + event.replace(b"+", b"_").replace(b".", b"_")
        if fn_name:
            fn_name = _assert_is_bytes(fn_name)
            self.detach_kprobe_event_by_fn(ev_name, fn_name)
        else:
            self.detach_kprobe_event(ev_name)

    @staticmethod
    def _xdp_netlink(dev, fd, flags):
        """RTM_SETLINK with IFLA_XDP {IFLA_XDP_FD, IFLA_XDP_FLAGS}, as libbpf/BCC do."""
        dev = dev.decode() if isinstance(dev, bytes) else dev
        ifindex = socket.if_nametoindex(dev)
        xdp = struct.pack("=HHi", 8, 1, fd)
        if flags:
            xdp += struct.pack("=HHI", 8, 3, flags)
        nla = struct.pack("=HH", 4 + len(xdp), 43 | 0x8000) + xdp
        ifi = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)
        body = ifi + nla
        hdr = struct.pack("=IHHII", 16 + len(body), 19, 0x1 | 0x4, 1, 0)
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        try:
            s.bind((0, 0))
            s.send(hdr + body)
            resp = s.recv(4096)
        finally:
            s.close()
        if len(resp) >= 20:
            typ = struct.unpack_from("=H", resp, 4)[0]
            if typ == 2:  # NLMSG_ERROR
                err = struct.unpack_from("=i", resp, 16)[0]
                return err
        return 0

    @staticmethod
    def attach_xdp(dev, fn, flags=0):
        '''
            This function attaches a BPF function to a device on the device
            driver level (XDP)
        '''
        dev = _assert_is_bytes(dev)
        if not isinstance(fn, BPF.Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = BPF._xdp_netlink(dev, fn.fd, flags)
        if res < 0:
            err_no = -res
            if err_no == errno.EBADMSG:
                raise Exception("Internal error while attaching BPF to device,"+
                    " try increasing the debug level!")
            else:
                errstr = os.strerror(err_no)
                raise Exception("Failed to attach BPF to device %s: %s"
                            % (dev, errstr))

    @staticmethod
    def remove_xdp(dev, flags=0):
        '''
            This function removes any BPF function from a device on the
            device driver level (XDP)
        '''
        dev = _assert_is_bytes(dev)
        res = BPF._xdp_netlink(dev, -1, flags)
        if res < 0:
            errstr = os.strerror(-res)
            raise Exception("Failed to detach BPF from device %s: %s"
                            % (dev, errstr))

    @staticmethod
    def attach_func(fn, attachable_fd, attach_type, flags=0):
        if not isinstance(fn, BPF.Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = _sys.prog_attach(fn.fd, attachable_fd, attach_type, flags)
        if res < 0:
            raise Exception("Failed to attach BPF function with attach_type "\
                            "{0}: {1}".format(attach_type, os.strerror(-res)))

    @staticmethod
    def detach_func(fn, attachable_fd, attach_type):
        if not isinstance(fn, BPF.Function):
            raise Exception("arg 1 must be of type BPF.Function")
        res = _sys.prog_detach(fn.fd, attachable_fd, attach_type)
        if res < 0:
            raise Exception("Failed to detach BPF function with attach_type "\
                            "{0}: {1}".format(attach_type, os.strerror(-res)))

    @staticmethod
    def attach_raw_socket(fn, dev):
        dev = _assert_is_bytes(dev)
        if not isinstance(fn, BPF.Function):
            raise Exception("arg 1 must be of type BPF.Function")
        try:
            s = socket.socket(socket.AF_PACKET,
                              socket.SOCK_RAW | socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC,
                              socket.htons(3))  # ETH_P_ALL
            if dev:
                s.bind((dev.decode(), 3))
        except OSError as e:
            raise Exception("Failed to open raw device %s: %s" % (dev, e.strerror))
        try:
            s.setsockopt(socket.SOL_SOCKET, 50, struct.pack("i", fn.fd))  # SO_ATTACH_BPF
        except OSError as e:
            s.close()
            raise Exception("Failed to attach BPF to device %s: %s"
                    % (dev, e.strerror))
        fn._sock_obj = s
        fn.sock = s.fileno()

    def _resolve_uprobe(self, name, sym, addr, pid, sym_off=0):
        """(path, file offset or None, symbol usable in a spec or None)."""
        path = resolve_binary(name, pid)
        if not path:
            raise Exception("could not determine address of symbol %s in %s"
                            % (sym.decode(), name.decode()))
        off = None
        plain = True  # an STT_FUNC symbol, which libbpf resolves by name
        try:
            e = Elf(path)
            try:
                vaddr = addr
                if vaddr is None and sym:
                    found = e.functions(with_types=True).get(sym.decode())
                    if found:
                        vaddr, typ = found
                        plain = typ == 2
                if vaddr is not None:
                    off = e.vaddr_to_offset(vaddr) + sym_off
            finally:
                e.close()
        except (OSError, ElfError):
            pass
        if addr is None and off is None and sym_off == 0 and sym:
            return path, None, sym.decode()
        if off is None:
            raise Exception("could not determine address of symbol %s in %s"
                            % (sym.decode(), name.decode()))
        return path, off, (sym.decode() if sym and addr is None and sym_off == 0 and plain else None)

    def _get_uprobe_evname(self, prefix, path, addr, pid):
        if pid == -1:
            return b"%s_%s_0x%x" % (prefix, self._probe_repl.sub(b"_", path), addr)
        else:
            # if pid is valid, put pid in the name, so different pid
            # can have different event names
            return b"%s_%s_0x%x_%d" % (prefix, self._probe_repl.sub(b"_", path), addr, pid)

    def _attach_uprobe_common(self, ret, name, sym, addr, fn_name, pid, sym_off=0):
        path, off, spec_sym = self._resolve_uprobe(name, sym, addr, pid, sym_off)
        self._check_probe_quota(1)
        fn = self.load_func(fn_name, BPF.KPROBE)
        bpath = path.encode()
        ev_name = self._get_uprobe_evname(b"r" if ret else b"p", bpath,
                                          off if off is not None else 0, pid)
        if off is None:
            ev_name = b"%s_%s_%s%s" % (b"r" if ret else b"p", self._probe_repl.sub(b"_", bpath),
                                       spec_sym.encode(), b"" if pid == -1 else b"_%d" % pid)
        kind = "uretprobe" if ret else "uprobe"
        if spec_sym and ":" not in path:
            spec = "%s:%s:%s=%s" % (kind, path, spec_sym, fn_name.decode())
            err = self._attach_spec(spec, pid)
            if err and off is not None:
                spec = None  # try the address below
            elif err:
                sys.stderr.write("%s\n" % err.strip())
                raise Exception("Failed to attach BPF to %s" % kind)
            if spec:
                att = self._new_att(_Attachment(fn_name, spec=spec, pid=pid))
                self._add_uprobe_fd(ev_name, att)
                return self
        try:
            pfd = _perf.attach_uprobe_offset(fn.fd, bpath, off, ret, pid)
        except OSError as e:
            sys.stderr.write("bccrs: %s\n" % e)
            raise Exception("Failed to attach BPF to %s" % kind)
        att = self._new_att(_Attachment(
            fn_name, fds=[pfd], pid=pid,
            redo=lambda fd: [_perf.attach_uprobe_offset(fd, bpath, off, ret, pid)]))
        self._add_uprobe_fd(ev_name, att)
        return self

    @staticmethod
    def find_library(libname):
        libname = _assert_is_bytes(libname)
        res = which_so(libname)
        if not res:
            return None
        return res.encode()

    @staticmethod
    def get_tracepoints(tp_re):
        results = []
        events_dir = os.path.join(TRACEFS, "events")
        for category in os.listdir(events_dir):
            cat_dir = os.path.join(events_dir, category)
            if not os.path.isdir(cat_dir):
                continue
            for event in os.listdir(cat_dir):
                evt_dir = os.path.join(cat_dir, event)
                if os.path.isdir(evt_dir):
                    tp = ("%s:%s" % (category, event))
                    if re.match(tp_re.decode() if isinstance(tp_re, bytes) else tp_re, tp):
                        results.append(tp)
        return results

    @staticmethod
    def tracepoint_exists(category, event):
        category = category.decode() if isinstance(category, bytes) else category
        event = event.decode() if isinstance(event, bytes) else event
        evt_dir = os.path.join(TRACEFS, "events", category, event)
        return os.path.isdir(evt_dir)

    def attach_tracepoint(self, tp=b"", tp_re=b"", fn_name=b""):
        """attach_tracepoint(tp="", tp_re="", fn_name="")

        Run the bpf function denoted by fn_name every time the kernel tracepoint
        specified by 'tp' is hit. The tracepoint specification is simply
        the tracepoint category and the tracepoint name, separated by a colon.
        For example: sched:sched_switch, syscalls:sys_enter_bind, etc.
        Instead of a tracepoint name, a regular expression can be provided in
        tp_re. The program will then attach to tracepoints that match the
        provided regular expression.
        """
        tp = _assert_is_bytes(tp)
        tp_re = _assert_is_bytes(tp_re)
        fn_name = _assert_is_bytes(fn_name)
        if tp_re:
            for tp in BPF.get_tracepoints(tp_re):
                self.attach_tracepoint(tp=tp, fn_name=fn_name)
            return

        fn = self.load_func(fn_name, BPF.TRACEPOINT)
        (tp_category, tp_name) = tp.split(b':')
        spec = "tracepoint:%s:%s=%s" % (tp_category.decode(), tp_name.decode(), fn_name.decode())
        err = self._attach_spec(spec)
        if err:
            sys.stderr.write("%s\n" % err.strip())
            raise Exception("Failed to attach BPF program %s to tracepoint %s" %
                            (fn_name, tp))
        self.tracepoint_fds[tp] = self._new_att(_Attachment(fn_name, spec=spec))
        return self

    def attach_raw_tracepoint(self, tp=b"", fn_name=b""):
        """attach_raw_tracepoint(self, tp=b"", fn_name=b"")

        Run the bpf function denoted by fn_name every time the kernel tracepoint
        specified by 'tp' is hit. The fn_name is the kernel tracepoint name,
        e.g., sched_switch, sys_enter_bind, etc.
        """
        tp = _assert_is_bytes(tp)
        if tp in self.raw_tracepoint_fds:
            raise Exception("Raw tracepoint %s has been attached" % tp)

        fn_name = _assert_is_bytes(fn_name)
        fn = self.load_func(fn_name, BPF.RAW_TRACEPOINT)
        spec = "raw_tracepoint:%s=%s" % (tp.decode(), fn_name.decode())
        err = self._attach_spec(spec)
        if err:
            sys.stderr.write("%s\n" % err.strip())
            raise Exception("Failed to attach BPF to raw tracepoint")
        self.raw_tracepoint_fds[tp] = self._new_att(_Attachment(fn_name, spec=spec))
        return self

    def detach_raw_tracepoint(self, tp=b""):
        """detach_raw_tracepoint(tp="")

        Stop running the bpf function that is attached to the kernel tracepoint
        specified by 'tp'.
        """
        tp = _assert_is_bytes(tp)
        if tp not in self.raw_tracepoint_fds:
            raise Exception("Raw tracepoint %s is not attached" % tp)
        self._detach_att(self.raw_tracepoint_fds[tp])
        del self.raw_tracepoint_fds[tp]

    @staticmethod
    def add_prefix(prefix, name):
        if not name.startswith(prefix):
            name = prefix + name
        return name

    @staticmethod
    def support_kfunc():
        import platform
        # there's no trampoline support for other than x86_64 arch
        if platform.machine() != 'x86_64':
            return False
        if not _btf.has_kernel_btf():
            return False
        # kernel symbol "bpf_trampoline_link_prog" indicates kfunc support
        if BPF.ksymname("bpf_trampoline_link_prog") != -1:
            return True
        return False

    @staticmethod
    def support_lsm():
        if not _btf.has_kernel_btf():
            return False
        # kernel symbol "bpf_lsm_bpf" indicates BPF LSM support
        if BPF.ksymname(b"bpf_lsm_bpf") != -1:
            return True
        return False

    @staticmethod
    def support_fmod_ret():
        return BPF.kernel_enum_has_val("bpf_attach_type", "BPF_MODIFY_RETURN")

    def _attach_tracing(self, registry, prefix, fn_name, what):
        fn_name = _assert_is_bytes(fn_name)
        fn_name = BPF.add_prefix(prefix, fn_name)
        if fn_name in registry:
            raise Exception("%s %s has been attached" % (what, fn_name))
        fn = self.load_func(fn_name, BPF.TRACING)
        try:
            fd = _sys.raw_tracepoint_open(None, fn.fd)
        except OSError as e:
            sys.stderr.write("bccrs: %s\n" % e)
            return None
        registry[fn_name] = self._new_att(_Attachment(
            fn_name, fds=[fd], redo=lambda pfd: [_sys.raw_tracepoint_open(None, pfd)]))
        return self

    def _detach_tracing(self, registry, prefix, fn_name, what):
        fn_name = _assert_is_bytes(fn_name)
        fn_name = BPF.add_prefix(prefix, fn_name)
        if fn_name not in registry:
            raise Exception("%s %s is not attached" % (what, fn_name))
        self._detach_att(registry[fn_name])
        del registry[fn_name]

    def detach_kfunc(self, fn_name=b""):
        self._detach_tracing(self.kfunc_entry_fds, b"kfunc__", fn_name, "Kernel entry func")

    def detach_kretfunc(self, fn_name=b""):
        self._detach_tracing(self.kfunc_exit_fds, b"kretfunc__", fn_name, "Kernel exit func")

    def attach_kfunc(self, fn_name=b""):
        if self._attach_tracing(self.kfunc_entry_fds, b"kfunc__", fn_name,
                                "Kernel entry func") is None:
            raise Exception("Failed to attach BPF to entry kernel func")
        return self

    def attach_kretfunc(self, fn_name=b""):
        if self._attach_tracing(self.kfunc_exit_fds, b"kretfunc__", fn_name,
                                "Kernel exit func") is None:
            raise Exception("Failed to attach BPF to exit kernel func")
        return self

    def attach_fmod_ret(self, fn_name=b""):
        if self._attach_tracing(self.fmod_ret_fds, b"kmod_ret__", fn_name,
                                "fmod_ret func") is None:
            raise Exception("Failed to attach BPF to fmod_ret func")
        return self

    def detach_fmod_ret(self, fn_name=b""):
        self._detach_tracing(self.fmod_ret_fds, b"kmod_ret__", fn_name, "fmod_ret func")

    def detach_lsm(self, fn_name=b""):
        self._detach_tracing(self.lsm_fds, b"lsm__", fn_name, "LSM")

    def attach_lsm(self, fn_name=b""):
        if self._attach_tracing(self.lsm_fds, b"lsm__", fn_name, "LSM") is None:
            raise Exception("Failed to attach LSM")
        return self

    @staticmethod
    def support_raw_tracepoint():
        # kernel symbol "bpf_find_raw_tracepoint" indicates raw_tracepoint support
        if BPF.ksymname("bpf_find_raw_tracepoint") != -1 or \
           BPF.ksymname("bpf_get_raw_tracepoint") != -1:
            return True
        return False

    @staticmethod
    def support_raw_tracepoint_in_module():
        # kernel symbol "bpf_trace_modules" indicates raw tp support in modules, ref: kernel commit a38d1107
        kallsyms = "/proc/kallsyms"
        with open(kallsyms) as syms:
            for line in syms:
                (_, _, name) = line.rstrip().split(" ", 2)
                name = name.split("\t")[0]

                if name == "bpf_trace_modules":
                    return True
            return False

    @staticmethod
    def kernel_struct_has_field(struct_name, field_name):
        struct_name = _assert_is_bytes(struct_name)
        field_name = _assert_is_bytes(field_name)
        return _btf.struct_has_field(struct_name, field_name)

    @staticmethod
    def kernel_enum_has_val(enum_name, val_name):
        return _btf.enum_has_val(_assert_is_bytes(enum_name), _assert_is_bytes(val_name))

    def detach_tracepoint(self, tp=b""):
        """detach_tracepoint(tp="")

        Stop running a bpf function that is attached to the kernel tracepoint
        specified by 'tp'.
        """
        tp = _assert_is_bytes(tp)
        if tp not in self.tracepoint_fds:
            raise Exception("Tracepoint %s is not attached" % tp)
        self._detach_att(self.tracepoint_fds[tp])
        del self.tracepoint_fds[tp]

    _PERF_SPEC = {(PerfType.SOFTWARE, PerfSWConfig.CPU_CLOCK): "cpu-clock",
                  (PerfType.SOFTWARE, PerfSWConfig.TASK_CLOCK): "task-clock",
                  (PerfType.HARDWARE, PerfHWConfig.CPU_CYCLES): "cycles",
                  (PerfType.HARDWARE, PerfHWConfig.INSTRUCTIONS): "instructions"}

    def attach_perf_event(self, ev_type=-1, ev_config=-1, fn_name=b"",
            sample_period=0, sample_freq=0, pid=-1, cpu=-1, group_fd=-1):
        fn_name = _assert_is_bytes(fn_name)
        fn = self.load_func(fn_name, BPF.PERF_EVENT)
        res = {}
        name = self._PERF_SPEC.get((ev_type, ev_config))
        if name and sample_freq and not sample_period and cpu < 0 and group_fd < 0:
            spec = "perf:%s:%d=%s" % (name, sample_freq, fn_name.decode())
            err = self._attach_spec(spec, pid)
            if err:
                sys.stderr.write("%s\n" % err.strip())
                raise Exception("Failed to attach BPF to perf event")
            res[-1] = self._new_att(_Attachment(fn_name, spec=spec, pid=pid))
        else:
            cpus = [cpu] if cpu >= 0 else get_online_cpus()
            fds = []
            try:
                for i in cpus:
                    fds.append(_perf.attach_perf_event(fn.fd, ev_type, ev_config, sample_period,
                                                       sample_freq, pid, i, group_fd))
            except OSError as e:
                for fd in fds:
                    _sys.perf_close(fd)
                sys.stderr.write("bccrs: %s\n" % e)
                raise Exception("Failed to attach BPF to perf event")
            for i, fd in zip(cpus, fds):
                res[i] = self._new_att(_Attachment(
                    fn_name, fds=[fd], pid=pid,
                    redo=lambda pfd, i=i: [_perf.attach_perf_event(
                        pfd, ev_type, ev_config, sample_period, sample_freq, pid, i, group_fd)]))
        self.open_perf_events[(ev_type, ev_config)] = res

    def attach_perf_event_raw(self, attr=-1, fn_name=b"", pid=-1, cpu=-1, group_fd=-1):
        fn_name = _assert_is_bytes(fn_name)
        fn = self.load_func(fn_name, BPF.PERF_EVENT)
        res = {}
        cpus = [cpu] if cpu >= 0 else get_online_cpus()
        for i in cpus:
            try:
                fd = _perf.attach_perf_event_raw(fn.fd, attr, pid, i, group_fd)
            except OSError as e:
                sys.stderr.write("bccrs: %s\n" % e)
                raise Exception("Failed to attach BPF to perf raw event")
            res[i] = self._new_att(_Attachment(
                fn_name, fds=[fd], pid=pid,
                redo=lambda pfd, i=i: [_perf.attach_perf_event_raw(pfd, attr, pid, i, group_fd)]))
        self.open_perf_events[(attr.type, attr.config)] = res

    def detach_perf_event(self, ev_type=-1, ev_config=-1):
        try:
            fds = self.open_perf_events[(ev_type, ev_config)]
        except KeyError:
            raise Exception("Perf event type {} config {} not attached".format(
                ev_type, ev_config))
        for att in fds.values():
            self._detach_att(att)
        del self.open_perf_events[(ev_type, ev_config)]

    @staticmethod
    def get_user_functions(name, sym_re):
        return set([name for (name, _) in
                    BPF.get_user_functions_and_addresses(name, sym_re)])

    @staticmethod
    def get_user_addresses(name, sym_re):
        """
        The unique set of addresses of the symbols of `name` matching `sym_re`.
        """
        return set([address for (_, address) in
                    BPF.get_user_functions_and_addresses(name, sym_re)])

    @staticmethod
    def get_user_functions_and_addresses(name, sym_re):
        name = _assert_is_bytes(name)
        sym_re = _assert_is_bytes(sym_re)
        path = resolve_binary(name)
        if not path:
            raise Exception("Error %d enumerating symbols in %s" % (-2, name))
        addresses = []
        try:
            e = Elf(path)
        except (OSError, ElfError):
            raise Exception("Error %d enumerating symbols in %s" % (-2, name))
        try:
            for sname, addr in e.functions().items():
                dname = sname.encode()
                if re.match(sym_re, dname):
                    addresses.append((dname, addr))
        finally:
            e.close()
        return addresses

    def attach_uprobe(self, name=b"", sym=b"", sym_re=b"", addr=None,
            fn_name=b"", pid=-1, sym_off=0):
        """attach_uprobe(name="", sym="", sym_re="", addr=None, fn_name=""
                         pid=-1, sym_off=0)

        Run the bpf function denoted by fn_name every time the symbol sym in
        the library or binary 'name' is encountered. Optional parameters pid,
        cpu, and group_fd can be used to filter the probe.

        If sym_off is given, attach uprobe to offset within the symbol.

        The real address addr may be supplied in place of sym, in which case sym
        must be set to its default value. If the file is a non-PIE executable,
        addr must be a virtual address, otherwise it must be an offset relative
        to the file load address.

        Instead of a symbol name, a regular expression can be provided in
        sym_re. The uprobe will then attach to symbols that match the provided
        regular expression.

        Libraries can be given in the name argument without the lib prefix, or
        with the full path (/usr/lib/...). Binaries can be given only with the
        full path (/bin/sh). If a PID is given, the uprobe will attach to the
        version of the library used by the process.

        Example: BPF(text).attach_uprobe("c", "malloc")
                 BPF(text).attach_uprobe("/usr/bin/python", "main")
        """

        assert sym_off >= 0
        if addr is not None:
            assert sym_off == 0, "offset with addr is not supported"

        name = _assert_is_bytes(name)
        sym = _assert_is_bytes(sym)
        sym_re = _assert_is_bytes(sym_re)
        fn_name = _assert_is_bytes(fn_name)

        if sym_re:
            addresses = BPF.get_user_addresses(name, sym_re)
            self._check_probe_quota(len(addresses))
            for sym_addr in addresses:
                self.attach_uprobe(name=name, addr=sym_addr,
                                   fn_name=fn_name, pid=pid)
            return

        return self._attach_uprobe_common(False, name, sym, addr, fn_name, pid, sym_off)

    def attach_uretprobe(self, name=b"", sym=b"", sym_re=b"", addr=None,
            fn_name=b"", pid=-1):
        """attach_uretprobe(name="", sym="", sym_re="", addr=None, fn_name=""
                            pid=-1)

        Run the bpf function denoted by fn_name every time the symbol sym in
        the library or binary 'name' finishes execution. See attach_uprobe for
        meaning of additional parameters.
        """

        name = _assert_is_bytes(name)
        sym = _assert_is_bytes(sym)
        sym_re = _assert_is_bytes(sym_re)
        fn_name = _assert_is_bytes(fn_name)

        if sym_re:
            for sym_addr in BPF.get_user_addresses(name, sym_re):
                self.attach_uretprobe(name=name, addr=sym_addr,
                                      fn_name=fn_name, pid=pid)
            return

        return self._attach_uprobe_common(True, name, sym, addr, fn_name, pid)

    def _attach_usdt(self, path, provider, name, fn_name, pid):
        fn_name = _assert_is_bytes(fn_name)
        self.load_func(fn_name, BPF.KPROBE)
        spec = "usdt:%s:%s:%s=%s" % (path, provider, name, fn_name.decode())
        err = self._attach_spec(spec, pid)
        if err:
            sys.stderr.write("%s\n" % err.strip())
            raise Exception("Failed to attach BPF to uprobe")
        ev_name = b"p_%s_%s_%s%s" % (self._probe_repl.sub(b"_", path.encode()), provider.encode(),
                                     name.encode(), b"" if pid == -1 else b"_%d" % pid)
        self._add_uprobe_fd(ev_name, self._new_att(_Attachment(fn_name, spec=spec, pid=pid)))

    def detach_uprobe_event(self, ev_name):
        if ev_name not in self.uprobe_fds:
            raise Exception("Uprobe %s is not attached" % ev_name)
        self._detach_att(self.uprobe_fds[ev_name])
        self._del_uprobe_fd(ev_name)

    def _uprobe_evname_of(self, ret, name, sym, addr, pid, sym_off=0):
        path, off, spec_sym = self._resolve_uprobe(name, sym, addr, pid, sym_off)
        bpath = path.encode()
        p = b"r" if ret else b"p"
        cands = []
        if off is not None:
            cands.append(self._get_uprobe_evname(p, bpath, off, pid))
        if spec_sym:
            cands.append(b"%s_%s_%s%s" % (p, self._probe_repl.sub(b"_", bpath), spec_sym.encode(),
                                          b"" if pid == -1 else b"_%d" % pid))
        for c in cands:
            if c in self.uprobe_fds:
                return c
        return cands[0] if cands else b""

    def detach_uprobe(self, name=b"", sym=b"", addr=None, pid=-1, sym_off=0):
        """detach_uprobe(name="", sym="", addr=None, pid=-1)

        Stop running a bpf function that is attached to symbol 'sym' in library
        or binary 'name'.
        """
        name = _assert_is_bytes(name)
        sym = _assert_is_bytes(sym)
        self.detach_uprobe_event(self._uprobe_evname_of(False, name, sym, addr, pid, sym_off))

    def detach_uretprobe(self, name=b"", sym=b"", addr=None, pid=-1):
        """detach_uretprobe(name="", sym="", addr=None, pid=-1)

        Stop running a bpf function that is attached to symbol 'sym' in library
        or binary 'name'.
        """
        name = _assert_is_bytes(name)
        sym = _assert_is_bytes(sym)
        self.detach_uprobe_event(self._uprobe_evname_of(True, name, sym, addr, pid))

    _AUTOLOAD = (b"kprobe__", b"kretprobe__", b"tracepoint__", b"raw_tracepoint__", b"kfunc__",
                 b"kretfunc__", b"lsm__")

    def _trace_autoload(self):
        """BCC's autoload: bccrs_attach_auto attaches every program whose section names its
        target; the ones BCC would not attach on its own (syscall__*, kmod_ret__*, functions
        with their own SEC) are detached again, and failures raise BCC's exceptions."""
        h = self._handle()
        # Programs attached already (USDT probes): attach_auto leaves their sections alone
        # (usdt, uprobe-style kprobe) and they must not be detached below.
        attached = set(a.prog for a in self._atts)
        r = _clib.bccrs_attach_auto(h)
        failures = {}
        if r < 0:
            for line in last_error().splitlines():
                prog, sep, msg = line.partition(": ")
                if sep and prog.encode() in self._progs:
                    failures[prog.encode()] = msg
        for func_name in self._progs:
            if not func_name.startswith(self._AUTOLOAD):
                if func_name not in failures and func_name not in attached:
                    _clib.bccrs_detach(h, func_name)
                continue
            err = failures.get(func_name)
            if func_name.startswith(b"kprobe__") or func_name.startswith(b"kretprobe__"):
                ret = func_name.startswith(b"kretprobe__")
                event = self.fix_syscall_fnname(func_name[11 if ret else 8:])
                if err:
                    sys.stderr.write("%s\n" % err)
                    raise Exception("Failed to attach BPF program %s to %s %s"
                                    ", it's not traceable (either non-existing, inlined, or marked as \"notrace\")" %
                                    (func_name, "kretprobe" if ret else "kprobe", event))
                kind = "kretprobe" if ret else "kprobe"
                ev_name = (b"r_" if ret else b"p_") + event.replace(b"+", b"_").replace(b".", b"_")
                att = _Attachment(func_name, spec="%s:%s=%s" % (kind, event.decode(), func_name.decode()),
                                  auto=True)
                self._new_att(att)
                self._add_kprobe_fd(ev_name, func_name, att)
            elif func_name.startswith(b"tracepoint__"):
                tp = func_name[len(b"tracepoint__"):].replace(b"__", b":")
                if err:
                    sys.stderr.write("%s\n" % err)
                    raise Exception("Failed to attach BPF program %s to tracepoint %s" %
                                    (func_name, tp))
                cat, _, evt = tp.partition(b":")
                self.tracepoint_fds[tp] = self._new_att(_Attachment(
                    func_name, spec="tracepoint:%s:%s=%s" % (cat.decode(), evt.decode(), func_name.decode()),
                    auto=True))
            elif func_name.startswith(b"raw_tracepoint__"):
                tp = func_name[len(b"raw_tracepoint__"):]
                if err:
                    sys.stderr.write("%s\n" % err)
                    raise Exception("Failed to attach BPF to raw tracepoint")
                self.raw_tracepoint_fds[tp] = self._new_att(_Attachment(
                    func_name, spec="raw_tracepoint:%s=%s" % (tp.decode(), func_name.decode()),
                    auto=True))
            else:
                if func_name.startswith(b"kfunc__"):
                    reg, what = self.kfunc_entry_fds, "Failed to attach BPF to entry kernel func"
                elif func_name.startswith(b"kretfunc__"):
                    reg, what = self.kfunc_exit_fds, "Failed to attach BPF to exit kernel func"
                else:
                    reg, what = self.lsm_fds, "Failed to attach LSM"
                if err:
                    sys.stderr.write("%s\n" % err)
                    raise Exception(what)
                reg[func_name] = self._new_att(_Attachment(func_name, auto=True, tracing=True))

    # -- trace_pipe ------------------------------------------------------------------------

    def trace_open(self, nonblocking=False):
        """trace_open(nonblocking=False)

        Open the trace_pipe if not already open
        """
        if not self.tracefile:
            self.tracefile = open("%s/trace_pipe" % TRACEFS, "rb")
            if nonblocking:
                fd = self.tracefile.fileno()
                fl = fcntl.fcntl(fd, fcntl.F_GETFL)
                fcntl.fcntl(fd, fcntl.F_SETFL, fl | os.O_NONBLOCK)
        return self.tracefile

    def trace_fields(self, nonblocking=False):
        """trace_fields(nonblocking=False)

        Read from the kernel debug trace pipe and return a tuple of the
        fields (task, pid, cpu, flags, timestamp, msg) or None if no
        line was read (nonblocking=True)
        """
        while True:
            line = self.trace_readline(nonblocking)
            if not line and nonblocking: return (None,) * 6
            # don't print messages related to lost events
            if line.startswith(b"CPU:"): continue
            task = line[:16].lstrip()
            line = line[17:]
            ts_end = line.find(b":")
            try:
                pid, cpu, flags, ts = line[:ts_end].split()
            except Exception as e:
                continue
            cpu = cpu[1:-1]
            # line[ts_end:] will have ": [sym_or_addr]: msgs"
            # For trace_pipe debug output, the addr typically
            # is invalid (e.g., 0x1). For kernel 4.12 or earlier,
            # if address is not able to match a kernel symbol,
            # nothing will be printed out. For kernel 4.13 and later,
            # however, the illegal address will be printed out.
            # Hence, both cases are handled here.
            line = line[ts_end + 1:]
            sym_end = line.find(b":")
            msg = line[sym_end + 2:]
            try:
                return (task, int(pid), int(cpu), flags, float(ts), msg)
            except Exception as e:
                return ("Unknown", 0, 0, "Unknown", 0.0, "Unknown")

    def trace_readline(self, nonblocking=False):
        """trace_readline(nonblocking=False)

        Read from the kernel debug trace pipe and return one line
        If nonblocking is False, this will block until ctrl-C is pressed.
        """
        if self.tracefile:
            try:
                line = self.tracefile.readline(1024)
                return line.rstrip() if line is not None else b""
            except IOError:
                return None
        buf = ct.create_string_buffer(4096)
        while True:
            # Short waits so that Python sees Ctrl-C between them.
            n = _clib.bccrs_trace_read(buf, len(buf), 0 if nonblocking else 200)
            if n < 0:
                return None
            if n > 0:
                return buf.value.rstrip()
            if nonblocking:
                return b""

    def trace_print(self, fmt=None):
        """trace_print(self, fmt=None)

        Read from the kernel debug trace pipe and print on stdout.
        If fmt is specified, apply as a format string to the output. See
        trace_fields for the members of the tuple
        example: trace_print(fmt="pid {1}, msg = {5}")
        """

        while True:
            if fmt:
                fields = self.trace_fields(nonblocking=False)
                if not fields: continue
                line = fmt.format(*fields)
            else:
                line = self.trace_readline(nonblocking=False)
            print(line)
            sys.stdout.flush()

    # -- symbols ---------------------------------------------------------------------------

    @staticmethod
    def _sym_cache(pid):
        """_sym_cache(pid)

        Returns a symbol cache for the specified PID.
        The kernel symbol cache is accessed by providing any PID less than zero.
        """
        if pid < 0 and pid != -1:
            pid = -1
        if not pid in BPF._sym_caches:
            BPF._sym_caches[pid] = SymbolCache(pid)
        return BPF._sym_caches[pid]

    @staticmethod
    def sym(addr, pid, show_module=False, show_offset=False, demangle=True):
        """sym(addr, pid, show_module=False, show_offset=False)

        Translate a memory address into a function name for a pid, which is
        returned. When show_module is True, the module name is also included.
        When show_offset is True, the instruction offset as a hexadecimal
        number is also included in the string.

        A pid of less than zero will access the kernel symbol cache.

        Example output when both show_module and show_offset are True:
            "start_thread+0x202 [libpthread-2.24.so]"

        Example output when both show_module and show_offset are False:
            "start_thread"
        """
        if hasattr(addr, "offset") and hasattr(addr, "build_id"):
            name, offset, module = BPF._resolve_build_id(addr)
        else:
            name, offset, module = BPF._sym_cache(pid).resolve(addr, demangle)
        offset = b"+0x%x" % offset if show_offset and name is not None else b""
        name = name or b"[unknown]"
        name = name + offset
        module = b" [%s]" % os.path.basename(module) \
            if show_module and module is not None else b""
        return name + module

    @staticmethod
    def ksym(addr, show_module=False, show_offset=False):
        """ksym(addr)

        Translate a kernel memory address into a kernel function name, which is
        returned. When show_module is True, the module name ("kernel") is also
        included. When show_offset is true, the instruction offset as a
        hexadecimal number is also included in the string.

        Example output when both show_module and show_offset are True:
            "default_idle+0x0 [kernel]"
        """
        return BPF.sym(addr, -1, show_module, show_offset, False)

    @staticmethod
    def ksymname(name):
        """ksymname(name)

        Translate a kernel name into an address. This is the reverse of
        ksym. Returns -1 when the function name is unknown."""
        return BPF._sym_cache(-1).resolve_name(None, name)

    _build_ids = {}

    @staticmethod
    def add_module(modname):
        """add_module(modname)

        Add a library or exe to the build-id symbol cache (for BPF_STACK_TRACE_BUILDID
        stacks)."""
        try:
            path = modname.decode() if isinstance(modname, bytes) else modname
            e = Elf(path)
            bid = e.build_id()
            e.close()
            if bid:
                BPF._build_ids[bid] = path
        except Exception as e:
            print("Error adding module to build sym cache" + str(e))

    @staticmethod
    def _resolve_build_id(entry):
        if entry.status != 1:  # BPF_STACK_BUILD_ID_VALID
            return None, entry.offset, None
        bid = bytes(bytearray(entry.build_id))
        path = BPF._build_ids.get(bid) or BPF._build_ids.get(bid.rstrip(b"\0"))
        if path is None:
            return None, entry.offset, None
        try:
            e = Elf(path)
            try:
                vaddr = e.offset_to_vaddr(entry.offset)
                name, off = e.symbol_at(vaddr) if vaddr is not None else (None, None)
            finally:
                e.close()
        except (OSError, ElfError):
            return None, entry.offset, path.encode()
        if name is None:
            return None, entry.offset, path.encode()
        return name.encode(), off, path.encode()

    def num_open_kprobes(self):
        """num_open_kprobes()

        Get the number of open K[ret]probes. Can be useful for scenarios where
        event_re is used while attaching and detaching probes.
        """
        return len(self.kprobe_fds)

    def num_open_uprobes(self):
        """num_open_uprobes()

        Get the number of open U[ret]probes.
        """
        return len(self.uprobe_fds)

    def num_open_tracepoints(self):
        """num_open_tracepoints()

        Get the number of open tracepoints.
        """
        return len(self.tracepoint_fds)

    # -- events ----------------------------------------------------------------------------

    def _raise_pending(self):
        e = self._pending_exc
        if e is not None:
            self._pending_exc = None
            raise e

    def _poll_all(self, items, pollfn, timeout):
        """Polls several buffers: one is polled with the whole timeout; several are polled
        in turn in short slices (the C ABI has no epoll fd to wait on them together)."""
        self._pending_exc = None
        if not items:
            return 0
        if len(items) == 1:
            r = pollfn(items[0], timeout)
            self._raise_pending()
            return r
        deadline = None if timeout < 0 else time.monotonic() + timeout / 1000.0
        while True:
            total = 0
            for it in items:
                r = pollfn(it, 0)
                if r > 0:
                    total += r
                self._raise_pending()
            if total > 0 or timeout == 0:
                return total
            if deadline is not None and time.monotonic() >= deadline:
                return 0
            slice_ms = 10
            if deadline is not None:
                slice_ms = max(1, min(10, int((deadline - time.monotonic()) * 1000)))
            for it in items:
                r = pollfn(it, max(1, slice_ms // len(items)))
                if r > 0:
                    total += r
                self._raise_pending()
            if total > 0:
                return total

    def perf_buffer_poll(self, timeout=-1):
        """perf_buffer_poll(self)

        Poll from all open perf ring buffers, calling the callback that was
        provided when calling open_perf_buffer for each entry.
        """
        return self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll,
                              timeout)

    def perf_buffer_consume(self):
        """perf_buffer_consume(self)

        Consume all open perf buffers, regardless of whether or not
        they currently contain events data.
        """
        return self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll, 0)

    def kprobe_poll(self, timeout=-1):
        """kprobe_poll(self)

        Deprecated. Use perf_buffer_poll instead.
        """
        self.perf_buffer_poll(timeout)

    def _open_ring_buffer(self, table, rb):
        self._ring_buffers.append((table, rb))
        self._ringbuf_manager = True

    def ring_buffer_poll(self, timeout=-1):
        """ring_buffer_poll(self)

        Poll from all open ringbuf buffers, calling the callback that was
        provided when calling open_ring_buffer for each entry.
        """
        if not self._ring_buffers:
            raise Exception("No ring buffers to poll")
        return self._poll_all([rb for _, rb in self._ring_buffers], _clib.bccrs_ring_buffer_poll,
                              timeout)

    def ring_buffer_consume(self):
        """ring_buffer_consume(self)

        Consume all open ringbuf buffers, regardless of whether or not
        they currently contain events data.
        """
        if not self._ring_buffers:
            raise Exception("No ring buffers to poll")
        self._pending_exc = None
        total = 0
        for _, rb in self._ring_buffers:
            r = _clib.bccrs_ring_buffer_consume(rb)
            if r > 0:
                total += r
            self._raise_pending()
        return total

    def free_bcc_memory(self):
        return 0

    def donothing(self):
        """the do nothing exit handler"""

    # -- teardown --------------------------------------------------------------------------

    def close(self):
        """close(self)

        Frees the loaded object (bccrs detaches its programs as it does so).
        """
        self.cleanup()

    def cleanup(self):
        global _num_open_probes
        if self._h is None:
            return
        for t in list(self.tables.values()):
            if isinstance(t, PerfEventArray):
                t._close_all()
        for key in [k for k, v in self.tables.items() if isinstance(v, PerfEventArray)]:
            del self.tables[key]
        for pb in list(self._perf_buffers.values()):
            _clib.bccrs_perf_buffer_free(pb)
        self._perf_buffers.clear()
        self.perf_buffers.clear()
        for _, rb in self._ring_buffers:
            _clib.bccrs_ring_buffer_free(rb)
        self._ring_buffers = []
        self._ringbuf_manager = None
        for att in list(self._atts):
            for fd in att.fds:
                _sys.perf_close(fd)
            att.fds = []
            att.live = False
        self._atts = []
        _num_open_probes -= sum(len(v) for v in self.kprobe_fds.values()) + len(self.uprobe_fds)
        self.kprobe_fds.clear()
        self.uprobe_fds.clear()
        self.tracepoint_fds.clear()
        self.raw_tracepoint_fds.clear()
        self.kfunc_entry_fds.clear()
        self.kfunc_exit_fds.clear()
        self.lsm_fds.clear()
        self.fmod_ret_fds.clear()
        self.open_perf_events.clear()
        for fn in self.funcs.values():
            s = getattr(fn, "_sock_obj", None)
            if s is not None:
                s.close()
        self.funcs.clear()
        if self.tracefile:
            self.tracefile.close()
            self.tracefile = None
        h, self._h = self._h, None
        self.module = None
        _clib.bccrs_detach(h, None)
        _clib.bccrs_close(h)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.cleanup()


def _utf8(text):
    try:
        text.decode("utf-8")
        return text
    except UnicodeDecodeError:
        return text.decode("latin-1").encode("utf-8")


def _table_type_name(t):
    from .table import get_table_type_name
    return get_table_type_name(t)


from . import table  # noqa: E402  (bcc.table is importable as an attribute too)
from . import utils  # noqa: E402
from . import syscall  # noqa: E402
from . import tcp  # noqa: E402
from .libbcc import lib  # noqa: E402  (`from bcc import lib`: BCC's libbcc entry points)
