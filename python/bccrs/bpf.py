# The BPF class follows BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""The BPF class: compiling and loading a program, its functions, teardown. Tables,
attach/detach, trace_pipe, symbols and buffer polling come from the mixins it inherits
(bpf_tables.py, attach*.py, trace.py, symbols.py, buffers.py)."""
import atexit
import ctypes as ct
import os
import struct
import sys
import time

from ._lib import lib as _clib, to_bytes, last_error
from . import _sys
from .attach import AttachMixin, Function
from .attach_kprobe import KprobeMixin
from .attach_net import NetMixin
from .attach_perf import PerfEventMixin
from .attach_tracepoint import TracepointMixin
from .attach_tracing import TracingMixin
from .attach_uprobe import UprobeMixin
from .bpf_tables import TablesMixin
from .buffers import BuffersMixin
from .consts import BPFProgType, BPFAttachType, XDPAction, XDPFlags
from .symbols import SymbolsMixin
from .table import Table, PerfEventArray
from .trace import TracePipeMixin
from .utils import _assert_is_bytes, ArgString


# The mixins share no names: BPF's attributes are what one class had.
class BPF(TablesMixin, AttachMixin, KprobeMixin, UprobeMixin, TracepointMixin, TracingMixin,
          PerfEventMixin, NetMixin, TracePipeMixin, SymbolsMixin, BuffersMixin):
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

    _auto_includes = {
        "linux/time.h": ["time"],
        "linux/fs.h": ["fs", "file"],
        "linux/blkdev.h": ["bio", "request"],
        "linux/slab.h": ["alloc"],
        "linux/netdevice.h": ["sk_buff", "net_device"]
    }

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

    Function = Function

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

    def _load(self, text, what, sections=None, reuse=None):
        """Compiles and loads; `reuse`: a handle whose tables (maps and contents) are kept."""
        entries = [b"%s=%s" % (to_bytes(f), to_bytes(s)) for f, s in (sections or {}).items()]
        arr = (ct.c_char_p * len(entries))(*entries)
        h = _clib.bccrs_load_text_sections_reusing(self._src_name, text, self._cflags_array,
                                                   len(self._cflags_array), arr, len(entries), reuse)
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
        # The compiler's warnings go to stderr, as BCC's do (once, not again on a reload).
        warnings = (_clib.bccrs_warnings(self._h) or b"").decode(errors="replace")
        if warnings and warnings != getattr(self, "_warned", None):
            sys.stderr.write(warnings)
            self._warned = warnings
        self._progs = [_clib.bccrs_program_name(self._h, i)
                       for i in range(_clib.bccrs_program_count(self._h))]

    # BCC gives a program its type when it is loaded (load_func); bccrs when it is compiled,
    # from the function's name and context type. When a program is asked for with another
    # type, the object is compiled again with that function's section chosen by the host and
    # loaded keeping the tables' maps (bccrs_load_text_sections_reusing).
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

    def _siblings(self, func_name):
        """Programs bccrs typed like `func_name` and nobody has loaded yet: a tool that loads one
        with another type (funccount: one `void *ctx` function per tracepoint) usually loads
        them all so; they are retyped together, in one compile, instead of one compile each. A
        sibling later loaded with its first type is retyped back."""
        def prog_type(name):
            fd = _clib.bccrs_program_fd(self._handle(), name)
            try:
                return _sys.prog_info(fd)[0] if fd >= 0 else None
            except OSError:
                return None
        mine = prog_type(func_name)
        return [p for p in self._progs
                if p != func_name and p not in self.funcs and p not in self._sections
                and not p.startswith(self._AUTOLOAD) and prog_type(p) == mine]

    def _retype(self, func_name, section):
        # Open event buffers keep working: the new object's tables are the same kernel maps.
        sections = dict(self._sections)
        for p in self._siblings(func_name):
            sections[p] = section
        sections[func_name] = section
        old = self._h
        self._load(self._text, "<text>", sections, reuse=old)
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
                else:
                    a.link, self._last_link = self._last_link, 0
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

    def free_bcc_memory(self):
        return 0

    def donothing(self):
        """the do nothing exit handler"""

    def metrics(self, program=None, openmetrics=False, max_series=0, per_cpu=False):
        """The tables as Prometheus metrics (an addition to BCC's API; docs/metrics.md).

        Names are `bccrs_<program>_<table>`; `program` defaults to the source file's name
        (`bpf` for a text). Prometheus text 0.0.4, or OpenMetrics with `openmetrics=True`.
        """
        if program is None:
            src = self._src_name.decode() if isinstance(self._src_name, bytes) else self._src_name
            program = "bpf" if src == "/virtual/main.c" else os.path.basename(src)
            for ext in (".bpf.o", ".o", ".c"):
                if program.endswith(ext):
                    program = program[:-len(ext)]
                    break
        text = _clib.bccrs_render_metrics(self._handle(), to_bytes(program), int(bool(openmetrics)),
                                          int(max_series), int(bool(per_cpu)))
        if text is None:
            raise Exception("metrics: %s" % last_error())
        return text.decode("utf-8", "replace")

    # -- teardown --------------------------------------------------------------------------

    def close(self):
        """close(self)

        Frees the loaded object (bccrs detaches its programs as it does so).
        """
        self.cleanup()

    def cleanup(self):
        if self._h is None:
            return
        for t in list(self.tables.values()):
            if isinstance(t, PerfEventArray):
                t._close_all()
        for key in [k for k, v in self.tables.items() if isinstance(v, PerfEventArray)]:
            del self.tables[key]
        for pb in list(self._perf_buffers.values()):
            self._forget_reader(pb)
        self._perf_buffers.clear()
        self.perf_buffers.clear()
        for _, rb in self._ring_buffers:
            self._forget_reader(rb)
        self._ring_buffers = []
        self._ringbuf_manager = None
        for att in list(self._atts):
            for fd in att.fds:
                _sys.perf_close(fd)
            att.fds = []
            att.live = False
        self._atts = []
        self._forget_open_probes()
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
