"""`bcc.libbcc`: the few libbcc entry points BCC scripts call directly, implemented over
bccrs (the rest of libbcc does not exist here). `lib.bccrs_*` are the real C ABI functions."""
import ctypes as ct

from ._lib import lib as _cdll, to_bytes
from .elf import Elf, ElfError, resolve_binary


class bcc_symbol(ct.Structure):
    _fields_ = [
        ('name', ct.c_char_p),
        ('demangle_name', ct.c_char_p),
        ('module', ct.POINTER(ct.c_char)),
        ('offset', ct.c_ulonglong),
    ]


class bcc_symbol_option(ct.Structure):
    _fields_ = [
        ('use_debug_file', ct.c_int),
        ('check_debug_file_crc', ct.c_int),
        ('lazy_symbolize', ct.c_int),
        ('use_symbol_type', ct.c_uint),
    ]


class bcc_ip_offset_union(ct.Union):
    _fields_ = [('offset', ct.c_uint64), ('ip', ct.c_uint64)]


class bcc_stacktrace_build_id(ct.Structure):
    _fields_ = [('status', ct.c_uint32), ('build_id', ct.c_ubyte * 20),
                ('u', bcc_ip_offset_union)]


_keep = []


def _obj(arg):
    return getattr(arg, "_obj", arg)


class _Lib(object):
    """Looks like BCC's `lib` for the functions scripts use."""

    def __getattr__(self, name):
        if name.startswith("bccrs_"):
            return getattr(_cdll, name)
        raise AttributeError("libbcc function %s is not provided by bccrs" % name)

    @staticmethod
    def bpf_table_fd(module, name):
        from . import BPF  # noqa
        bpf = getattr(module, "_bccrs_owner", None)
        if bpf is None:
            return -1
        try:
            return bpf._map_info(name.decode() if isinstance(name, bytes) else name).fd
        except KeyError:
            return -1

    @staticmethod
    def bcc_resolve_symname(module, symname, addr, pid, option, sym_out):
        sym = _obj(sym_out)
        opt = _obj(option) if option is not None else None
        path = resolve_binary(module, pid or -1)
        if not path:
            return -1
        try:
            e = Elf(path)
        except (OSError, ElfError):
            return -1
        try:
            want = opt.use_symbol_type if opt is not None and opt.use_symbol_type else None
            value = None
            if symname:
                sname = symname.decode() if isinstance(symname, bytes) else symname
                for n, v, _size, typ in e.symbols():
                    if n.split("@")[0] != sname or not v:
                        continue
                    if want is not None and typ != want and not (want >> typ) & 1:
                        continue
                    value = v
                    break
            else:
                value = addr
            if not value:
                return -1
            off = e.vaddr_to_offset(value)
        except ElfError:
            return -1
        finally:
            e.close()
        mod = ct.create_string_buffer(to_bytes(path))
        _keep.append(mod)
        sym.module = ct.cast(mod, ct.POINTER(ct.c_char))
        sym.name = symname
        sym.offset = off
        return 0

    @staticmethod
    def bcc_procutils_free(ptr):
        pass

    @staticmethod
    def bpf_num_functions(module):
        bpf = getattr(module, "_bccrs_owner", None)
        return len(bpf._progs) if bpf is not None else 0

    @staticmethod
    def bpf_function_name(module, i):
        bpf = getattr(module, "_bccrs_owner", None)
        return bpf._progs[i] if bpf is not None else None


lib = _Lib()
