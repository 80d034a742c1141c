# sym/ksym/ksymname follow BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""Address <-> symbol translation: kallsyms, /proc/PID/maps, the C ABI's symbolizer and the
build-id cache behind BPF's sym/ksym/ksymname/add_module."""
import ctypes as ct
import os
import re

from ._lib import lib as _clib
from .elf import Elf, ElfError, resolve_binary
from .utils import _assert_is_bytes

_kdata = None  # /proc/kallsyms, read once
_kaddr = {}  # name -> address (None: not there), as looked up
_kmods = None  # name -> module, for the symbols of loaded modules


def _kallsyms_text():
    global _kdata
    if _kdata is None:
        try:
            with open("/proc/kallsyms", "rb") as f:
                _kdata = f.read()
        except OSError:
            _kdata = b""
    return _kdata


# Looked up by name, not parsed whole: nearly every tool asks for a few names at start
# (ksymname of bpf_trampoline_link_prog, the syscall prefix…), and a Python parse of the
# 120,000-150,000 lines took 0.6 s on the host and far longer under emulation.
def _ksym_addr(name):
    """The address of a kernel symbol's first definition, or None."""
    if name not in _kaddr:
        data = _kallsyms_text()
        # Lines are "ADDR TYPE NAME[\tMODULE]\n": the name is the only field that a space
        # precedes and a newline or tab ends.
        hits = [i for i in (data.find(b" " + name + b"\n"), data.find(b" " + name + b"\t")) if i >= 0]
        addr = None
        if hits:
            at = min(hits)
            line = data.rfind(b"\n", 0, at) + 1
            addr = int(data[line:at - 2], 16)
        _kaddr[name] = addr
    return _kaddr[name]


def _kernel_modules():
    """name -> module of the loaded modules' symbols, which follow the kernel's own."""
    global _kmods
    if _kmods is None:
        data = _kallsyms_text()
        first = data.find(b"\t[")
        first = data.rfind(b"\n", 0, first) + 1 if first >= 0 else len(data)
        _kmods = dict(re.findall(rb"^[0-9a-f]+ \S (\S+)\t\[([^\]]+)\]", data[first:], re.M))
    return _kmods


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
            return (name, off, _kernel_modules().get(name, b"kernel"))
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
            addr = _ksym_addr(name)
            return -1 if addr is None else addr
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


class SymbolsMixin(object):
    """BPF's symbol methods (static: they need no loaded object)."""

    _sym_caches = {}

    @staticmethod
    def _sym_cache(pid):
        """_sym_cache(pid)

        Returns a symbol cache for the specified PID.
        The kernel symbol cache is accessed by providing any PID less than zero.
        """
        if pid < 0 and pid != -1:
            pid = -1
        if not pid in SymbolsMixin._sym_caches:
            SymbolsMixin._sym_caches[pid] = SymbolCache(pid)
        return SymbolsMixin._sym_caches[pid]

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
            name, offset, module = SymbolsMixin._resolve_build_id(addr)
        else:
            name, offset, module = SymbolsMixin._sym_cache(pid).resolve(addr, demangle)
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
        return SymbolsMixin.sym(addr, -1, show_module, show_offset, False)

    @staticmethod
    def ksymname(name):
        """ksymname(name)

        Translate a kernel name into an address. This is the reverse of
        ksym. Returns -1 when the function name is unknown."""
        return SymbolsMixin._sym_cache(-1).resolve_name(None, name)

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
                SymbolsMixin._build_ids[bid] = path
        except Exception as e:
            print("Error adding module to build sym cache" + str(e))

    @staticmethod
    def _resolve_build_id(entry):
        if entry.status != 1:  # BPF_STACK_BUILD_ID_VALID
            return None, entry.offset, None
        bid = bytes(bytearray(entry.build_id))
        build_ids = SymbolsMixin._build_ids
        path = build_ids.get(bid) or build_ids.get(bid.rstrip(b"\0"))
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
