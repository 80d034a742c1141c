# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's perf event programs: attach_perf_event(_raw) and detach_perf_event."""
import sys

from . import _sys, perf as _perf
from .attach import _Attachment
from .consts import BPFProgType, PerfType, PerfHWConfig, PerfSWConfig
from .utils import get_online_cpus, _assert_is_bytes


class PerfEventMixin(object):
    """BPF.attach_perf_event(_raw)/detach_perf_event."""

    _PERF_SPEC = {(PerfType.SOFTWARE, PerfSWConfig.CPU_CLOCK): "cpu-clock",
                  (PerfType.SOFTWARE, PerfSWConfig.TASK_CLOCK): "task-clock",
                  (PerfType.HARDWARE, PerfHWConfig.CPU_CYCLES): "cycles",
                  (PerfType.HARDWARE, PerfHWConfig.INSTRUCTIONS): "instructions"}

    def attach_perf_event(self, ev_type=-1, ev_config=-1, fn_name=b"",
            sample_period=0, sample_freq=0, pid=-1, cpu=-1, group_fd=-1):
        fn_name = _assert_is_bytes(fn_name)
        fn = self.load_func(fn_name, BPFProgType.PERF_EVENT)
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
        fn = self.load_func(fn_name, BPFProgType.PERF_EVENT)
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
