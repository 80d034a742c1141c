# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's BTF trampoline programs (kfunc/kretfunc, fmod_ret, LSM) and the kernel BTF queries
that tell whether they are supported."""
import sys

from . import _sys, btf as _btf
from .attach import _Attachment
from .consts import BPFProgType
from .symbols import SymbolsMixin
from .utils import _assert_is_bytes


class TracingMixin(object):
    """BPF.attach_kfunc/kretfunc/fmod_ret/lsm, their detach_*, support_* checks."""

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
        if SymbolsMixin.ksymname("bpf_trampoline_link_prog") != -1:
            return True
        return False

    @staticmethod
    def support_lsm():
        if not _btf.has_kernel_btf():
            return False
        # kernel symbol "bpf_lsm_bpf" indicates BPF LSM support
        if SymbolsMixin.ksymname(b"bpf_lsm_bpf") != -1:
            return True
        return False

    @staticmethod
    def support_fmod_ret():
        return TracingMixin.kernel_enum_has_val("bpf_attach_type", "BPF_MODIFY_RETURN")

    def _attach_tracing(self, registry, prefix, fn_name, what):
        fn_name = _assert_is_bytes(fn_name)
        fn_name = TracingMixin.add_prefix(prefix, fn_name)
        if fn_name in registry:
            raise Exception("%s %s has been attached" % (what, fn_name))
        fn = self.load_func(fn_name, BPFProgType.TRACING)
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
        fn_name = TracingMixin.add_prefix(prefix, fn_name)
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
    def kernel_struct_has_field(struct_name, field_name):
        struct_name = _assert_is_bytes(struct_name)
        field_name = _assert_is_bytes(field_name)
        return _btf.struct_has_field(struct_name, field_name)

    @staticmethod
    def kernel_enum_has_val(enum_name, val_name):
        return _btf.enum_has_val(_assert_is_bytes(enum_name), _assert_is_bytes(val_name))
