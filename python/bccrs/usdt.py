"""`bcc.usdt.USDT` over libbpf's USDT support: probes are found in the binary's .note.stapsdt
ELF notes, and each enabled probe is attached as `usdt:PATH:PROVIDER:NAME=fn`."""
from __future__ import print_function
import os
import sys

from .elf import Elf, ElfError, resolve_binary


class USDTException(Exception):
    pass


class USDTProbeArgument(object):
    def __init__(self, spec):
        # "-4@%eax", "8@-8(%rbp)", "4@$5"
        self.spec = spec
        size, _, loc = spec.partition("@")
        try:
            n = int(size)
        except ValueError:
            n = 8
        self.signed = n < 0
        self.size = abs(n)
        self.location = loc

    def __str__(self):
        return "%d %s bytes @ %s" % (self.size, "signed  " if self.signed else "unsigned",
                                     self.location)


class USDTProbeLocation(object):
    def __init__(self, probe, index, address, bin_path):
        self.probe = probe
        self.index = index
        self.num_arguments = probe.num_arguments
        self.address = address
        self.bin_path = bin_path

    def __str__(self):
        return "%s 0x%x" % (self.bin_path.decode(), self.address)

    def get_argument(self, index):
        return USDTProbeArgument(self.probe._args[self.index][index])


class USDTProbe(object):
    def __init__(self, context, provider, name, bin_path, semaphore, notes):
        self.context = context
        self.provider = provider.encode()
        self.name = name.encode()
        self.bin_path = bin_path.encode()
        self.semaphore = semaphore
        self.num_locations = len(notes)
        self._args = [n["args"].split() for n in notes]
        self._pcs = [n["pc"] for n in notes]
        self.num_arguments = len(self._args[0]) if self._args else 0

    def __str__(self):
        return "%s:%s [sema 0x%x]" % (self.provider.decode(), self.name.decode(), self.semaphore)

    def short_name(self):
        return "%s:%s" % (self.provider.decode(), self.name.decode())

    def get_location(self, index):
        if index >= self.num_locations:
            raise USDTException("error retrieving probe location %d" % index)
        return USDTProbeLocation(self, index, self._pcs[index], self.bin_path)


def _process_modules(pid):
    """The executable and the file-backed mappings of a process, executable first."""
    mods = []
    try:
        mods.append(os.readlink("/proc/%d/exe" % pid))
    except OSError:
        pass
    try:
        with open("/proc/%d/maps" % pid) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and parts[5].startswith("/") and parts[5] not in mods:
                    mods.append(parts[5])
    except OSError:
        pass
    return mods


class USDT(object):
    def __init__(self, pid=None, path=None):
        self.pid = -1
        self.path = None
        self._enabled = []  # (path, provider, name, fn_name)
        if pid and pid != -1:
            self.pid = pid
            if not os.path.exists("/proc/%d" % pid):
                raise USDTException("USDT failed to instrument PID %d" % pid)
            if path:
                p = resolve_binary(path, pid)
                if not p:
                    raise USDTException("USDT failed to instrument PID %d" % pid)
                self._modules = [p]
            else:
                self._modules = _process_modules(pid)
        elif path:
            p = resolve_binary(path)
            if not p:
                raise USDTException("USDT failed to instrument path %s" % path)
            self.path = p
            self._modules = [p]
        else:
            raise USDTException("either a pid or a binary path must be specified")
        self.context = self
        self._notes = None

    def _all_notes(self):
        if self._notes is None:
            self._notes = []
            for m in self._modules:
                try:
                    e = Elf(m)
                except (OSError, ElfError):
                    continue
                try:
                    for n in e.usdt_notes():
                        n["path"] = m
                        self._notes.append(n)
                finally:
                    e.close()
        return self._notes

    def _find(self, provider, name):
        return [n for n in self._all_notes()
                if n["name"] == name and (provider is None or n["provider"] == provider)]

    def enable_probe(self, probe, fn_name):
        probe = probe.decode() if isinstance(probe, bytes) else probe
        fn_name = fn_name.decode() if isinstance(fn_name, bytes) else fn_name
        probe_parts = probe.split(":", 1)
        if len(probe_parts) == 1:
            provider, name = None, probe
        else:
            provider, name = probe_parts
        found = self._find(provider, name)
        if not found:
            raise USDTException(
"""Failed to enable USDT probe '%s':
the specified pid might not contain the given language's runtime,
or the runtime was not built with the required USDT probes. Look
for a configure flag similar to --with-dtrace or --enable-dtrace.
To check which probes are present in the process, use the tplist tool.
""" % probe)
        done = set()
        for n in found:
            key = (n["path"], n["provider"], n["name"])
            if key in done:
                continue
            done.add(key)
            self._enabled.append((n["path"], n["provider"], n["name"], fn_name))

    def enable_probe_or_bail(self, probe, fn_name):
        try:
            self.enable_probe(probe, fn_name)
        except USDTException as e:
            print(e, file=sys.stderr)
            sys.exit(1)

    def get_context(self):
        return self

    def get_text(self):
        # libbpf reads USDT arguments at run time: no generated text.
        return ""

    def get_probe_arg_ctype(self, probe_name, arg_index):
        probe_parts = probe_name.split(":", 1)
        provider, name = (None, probe_parts[0]) if len(probe_parts) == 1 else probe_parts
        found = self._find(provider, name)
        if not found:
            return ""
        args = found[0]["args"].split()
        if arg_index >= len(args):
            return ""
        arg = USDTProbeArgument(args[arg_index])
        return "%sint%d_t" % ("" if arg.signed else "u", arg.size * 8)

    def enumerate_probes(self):
        groups = {}
        for n in self._all_notes():
            groups.setdefault((n["path"], n["provider"], n["name"]), []).append(n)
        return [USDTProbe(self, prov, name, path, notes[0]["semaphore"], notes)
                for (path, prov, name), notes in groups.items()]

    def enumerate_active_probes(self):
        return [(p.encode(), fn.encode(), 0, self.pid) for (p, prov, name, fn) in self._enabled]

    def attach_uprobes(self, bpf, attach_usdt_ignore_pid):
        for (path, provider, name, fn_name) in self._enabled:
            pid = -1 if attach_usdt_ignore_pid else self.pid
            bpf._attach_usdt(path, provider, name, fn_name, pid)
