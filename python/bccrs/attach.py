# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""What the attach_* mixins share: the record of one attachment, detaching one of several
attachments of a program, BCC's global probe quota, and the autoload of kprobe__*/
tracepoint__*/... functions when a BPF object is created."""
import os
import sys

from ._lib import lib as _clib, last_error
from . import _sys

_default_probe_limit = 1000
_num_open_probes = 0


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
        self.link = 0  # bccrs_attach's id, for spec attachments
        self.live = True


class Function(object):
    """A loaded program (BCC's BPF.Function)."""
    __qualname__ = "BPF.Function"

    def __init__(self, bpf, name, fd):
        self.bpf = bpf
        self.name = name
        self.fd = fd


class AttachMixin(object):
    """Attachment bookkeeping every attach_* mixin uses, and autoload."""

    def _attach_spec(self, spec, pid=-1):
        """bccrs_attach; None on success, else the error message. The attachment's id is kept
        for the _Attachment that _new_att records next."""
        r = _clib.bccrs_attach(self._handle(), spec.encode(), pid)
        if r < 0:
            return last_error() or "attach failed"
        self._last_link = r
        return None

    def _new_att(self, att):
        if att.spec is not None and not att.auto:
            att.link = getattr(self, "_last_link", 0)
            self._last_link = 0
        self._atts.append(att)
        return att

    def _detach_att(self, att):
        """Detaches one attachment: by its id when the C ABI made it from a spec, by program
        for an auto-attachment (a program has one); the program's other attachments stay."""
        if not att.live:
            return
        att.live = False
        for fd in att.fds:
            _sys.perf_close(fd)
        if att in self._atts:
            self._atts.remove(att)
        if self._h is None:
            return
        if att.auto:
            _clib.bccrs_detach_auto(self._h, att.prog)
        elif att.link > 0:
            _clib.bccrs_detach_link(self._h, att.link)

    def _check_probe_quota(self, num_new_probes):
        global _num_open_probes
        if _num_open_probes + num_new_probes > AttachMixin.get_probe_limit():
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

    def _forget_open_probes(self):
        """cleanup(): this object's k/uprobes stop counting against the global quota."""
        global _num_open_probes
        _num_open_probes -= sum(len(v) for v in self.kprobe_fds.values()) + len(self.uprobe_fds)

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
