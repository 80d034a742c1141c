# The BPF class follows BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""bccrs: BCC's Python `BPF` API over the bccrs compiler and loader (ctypes over libbccrs.so).

    from bccrs import BPF
    b = BPF(text='TRACEPOINT_PROBE(syscalls, sys_enter_getpid) { ... }')
    b["counts"].items()

Run an unmodified BCC script with `python3 -m bccrs.compat tool.py ARGS`.

The package re-exports what BCC's `bcc` module has. Where things live: bpf.py (the BPF class:
loading, programs, teardown), bpf_tables.py (b[name], table types), attach.py and
attach_{kprobe,uprobe,tracepoint,tracing,perf,net}.py (attaching), trace.py (trace_pipe),
symbols.py (sym/ksym), buffers.py (perf/ring buffer polling), consts.py (enums), table.py and
table_*.py (bcc.table).
"""
from __future__ import print_function

from ._lib import LIB_PATH, MapInfo, to_bytes, last_error
from .consts import (DEBUGFS, TRACEFS, DEBUG_LLVM_IR, DEBUG_BPF, DEBUG_PREPROCESSOR, DEBUG_SOURCE,
                     DEBUG_BPF_REGISTER_STATE, DEBUG_BTF, PerfType, PerfHWConfig, PerfSWConfig,
                     PerfEventSampleFormat, BPFProgType, BPFAttachType, XDPAction, XDPFlags)
from .elf import Elf, ElfError, resolve_binary, which_so
from .table import Table, PerfEventArray, RingBuf, BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK
from .perf import Perf
from .utils import get_online_cpus, printb, ArgString, StrcmpRewrite
from .usdt import USDT, USDTException
from .symbols import SymbolCache
from .bpf import BPF
from .bpf_tables import basestring
from . import attach as _attach
from . import table  # bcc.table is importable as an attribute too
from . import utils
from . import syscall
from . import tcp
from .libbcc import lib  # `from bcc import lib`: BCC's libbcc entry points

from .version import __version__

# Private names BCC's module has too.
_assert_is_bytes = utils._assert_is_bytes
_default_probe_limit = _attach._default_probe_limit


# for tests
def _get_num_open_probes():
    return _attach._num_open_probes


def __getattr__(name):
    # The probe count changes in attach.py; `bccrs._num_open_probes` reads it there.
    if name == "_num_open_probes":
        return _attach._num_open_probes
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


# `from bcc import *`: the names BCC's module exports (not the modules it imports).
__all__ = ["LIB_PATH", "MapInfo", "to_bytes", "last_error", "DEBUGFS", "TRACEFS",
           "DEBUG_LLVM_IR", "DEBUG_BPF", "DEBUG_PREPROCESSOR", "DEBUG_SOURCE",
           "DEBUG_BPF_REGISTER_STATE", "DEBUG_BTF", "PerfType", "PerfHWConfig", "PerfSWConfig",
           "PerfEventSampleFormat", "BPFProgType", "BPFAttachType", "XDPAction", "XDPFlags",
           "Elf", "ElfError", "resolve_binary", "which_so", "Table", "PerfEventArray", "RingBuf",
           "BPF_MAP_TYPE_QUEUE", "BPF_MAP_TYPE_STACK", "Perf", "get_online_cpus", "printb",
           "ArgString", "StrcmpRewrite", "USDT", "USDTException", "SymbolCache", "BPF",
           "basestring", "table", "utils", "syscall", "tcp", "lib"]
