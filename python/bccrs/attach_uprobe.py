# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's uprobe/uretprobe (and USDT probe) attach and detach, and the ELF symbol lookups
they use."""
import re
import sys

from . import perf as _perf
from .attach import _Attachment
from .consts import BPFProgType
from .elf import Elf, ElfError, resolve_binary, which_so
from .utils import _assert_is_bytes


class UprobeMixin(object):
    """BPF.attach_uprobe/attach_uretprobe, their detach_*, and USDT probes."""

    _probe_repl = re.compile(b"[^a-zA-Z0-9_]")

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
        fn = self.load_func(fn_name, BPFProgType.KPROBE)
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
    def get_user_functions(name, sym_re):
        return set([name for (name, _) in
                    UprobeMixin.get_user_functions_and_addresses(name, sym_re)])

    @staticmethod
    def get_user_addresses(name, sym_re):
        """
        The unique set of addresses of the symbols of `name` matching `sym_re`.
        """
        return set([address for (_, address) in
                    UprobeMixin.get_user_functions_and_addresses(name, sym_re)])

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
            addresses = UprobeMixin.get_user_addresses(name, sym_re)
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
            for sym_addr in UprobeMixin.get_user_addresses(name, sym_re):
                self.attach_uretprobe(name=name, addr=sym_addr,
                                      fn_name=fn_name, pid=pid)
            return

        return self._attach_uprobe_common(True, name, sym, addr, fn_name, pid)

    def _attach_usdt(self, path, provider, name, fn_name, pid):
        fn_name = _assert_is_bytes(fn_name)
        self.load_func(fn_name, BPFProgType.KPROBE)
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

    def num_open_uprobes(self):
        """num_open_uprobes()

        Get the number of open U[ret]probes.
        """
        return len(self.uprobe_fds)
