# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's tracepoint and raw tracepoint attach and detach."""
import os
import re
import sys

from .attach import _Attachment
from .consts import TRACEFS, BPFProgType
from .symbols import SymbolsMixin
from .utils import _assert_is_bytes


class TracepointMixin(object):
    """BPF.attach_tracepoint/attach_raw_tracepoint and their detach_*."""

    @staticmethod
    def get_tracepoints(tp_re):
        """The tracepoints ("category:event") matching the regex, as bytes like the rest of the
        API (BCC returns str here, which breaks funccount's `t:` patterns)."""
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
                        results.append(tp.encode())
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
            for tp in TracepointMixin.get_tracepoints(tp_re):
                self.attach_tracepoint(tp=tp, fn_name=fn_name)
            return

        fn = self.load_func(fn_name, BPFProgType.TRACEPOINT)
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
        fn = self.load_func(fn_name, BPFProgType.RAW_TRACEPOINT)
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

    @staticmethod
    def support_raw_tracepoint():
        # kernel symbol "bpf_find_raw_tracepoint" indicates raw_tracepoint support
        if SymbolsMixin.ksymname("bpf_find_raw_tracepoint") != -1 or \
           SymbolsMixin.ksymname("bpf_get_raw_tracepoint") != -1:
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

    def num_open_tracepoints(self):
        """num_open_tracepoints()

        Get the number of open tracepoints.
        """
        return len(self.tracepoint_fds)
