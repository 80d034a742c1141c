# Parts adapted from BCC's bcc/perf.py, Copyright 2016 Sasha Goldshtein,
# Licensed under the Apache License, Version 2.0.
"""`Perf.perf_event_attr` (as in `bcc.perf`) and perf events opened from Python."""
import ctypes as ct
import os

from . import _sys
from .utils import get_online_cpus


class _sample_period_union(ct.Union):
    _fields_ = [('sample_period', ct.c_ulong), ('sample_freq', ct.c_ulong)]


class _wakeup_events_union(ct.Union):
    _fields_ = [('wakeup_events', ct.c_uint), ('wakeup_watermark', ct.c_uint)]


class _bp_addr_union(ct.Union):
    _fields_ = [('bp_addr', ct.c_ulong), ('kprobe_func', ct.c_ulong),
                ('uprobe_path', ct.c_ulong), ('config1', ct.c_ulong)]


class _bp_len_union(ct.Union):
    _fields_ = [('bp_len', ct.c_ulong), ('kprobe_addr', ct.c_ulong),
                ('probe_offset', ct.c_ulong), ('config2', ct.c_ulong)]


class Perf(object):
    class perf_event_attr(ct.Structure):
        _anonymous_ = ["_sample_period_union", "_wakeup_events_union", "_bp_addr_union",
                       "_bp_len_union"]
        _fields_ = [
            ('type', ct.c_uint),
            ('size', ct.c_uint),
            ('config', ct.c_ulong),
            ('_sample_period_union', _sample_period_union),
            ('sample_type', ct.c_ulong),
            ('read_format', ct.c_ulong),
            ('disabled', ct.c_uint, 1),
            ('inherit', ct.c_uint, 1),
            ('pinned', ct.c_uint, 1),
            ('exclusive', ct.c_uint, 1),
            ('exclude_user', ct.c_uint, 1),
            ('exclude_kernel', ct.c_uint, 1),
            ('exclude_hv', ct.c_uint, 1),
            ('exclude_idle', ct.c_uint, 1),
            ('mmap', ct.c_uint, 1),
            ('comm', ct.c_uint, 1),
            ('freq', ct.c_uint, 1),
            ('inherit_stat', ct.c_uint, 1),
            ('enable_on_exec', ct.c_uint, 1),
            ('task', ct.c_uint, 1),
            ('watermark', ct.c_uint, 1),
            ('precise_ip', ct.c_uint, 2),
            ('mmap_data', ct.c_uint, 1),
            ('sample_id_all', ct.c_uint, 1),
            ('exclude_host', ct.c_uint, 1),
            ('exclude_guest', ct.c_uint, 1),
            ('exclude_callchain_kernel', ct.c_uint, 1),
            ('exclude_callchain_user', ct.c_uint, 1),
            ('mmap2', ct.c_uint, 1),
            ('comm_exec', ct.c_uint, 1),
            ('use_clockid', ct.c_uint, 1),
            ('context_switch', ct.c_uint, 1),
            ('write_backward', ct.c_uint, 1),
            ('namespaces', ct.c_uint, 1),
            ('ksymbol', ct.c_uint, 1),
            ('bpf_event', ct.c_uint, 1),
            ('aux_output', ct.c_uint, 1),
            ('cgroup', ct.c_uint, 1),
            ('text_poke', ct.c_uint, 1),
            ('__reserved_1', ct.c_uint, 30),
            ('_wakeup_events_union', _wakeup_events_union),
            ('bp_type', ct.c_uint),
            ('_bp_addr_union', _bp_addr_union),
            ('_bp_len_union', _bp_len_union),
            ('branch_sample_type', ct.c_ulong),
            ('sample_regs_user', ct.c_ulong),
            ('sample_stack_user', ct.c_uint),
            ('clockid', ct.c_int),
            ('sample_regs_intr', ct.c_ulong),
            ('aux_watermark', ct.c_uint),
            ('sample_max_stack', ct.c_uint16),
            ('__reserved_2', ct.c_uint16),
            ('aux_sample_size', ct.c_uint),
            ('__reserved_3', ct.c_uint),
        ]

        def __init__(self):
            self.size = 120  # PERF_ATTR_SIZE_VER6

    NR_PERF_EVENT_OPEN = _sys._NR["perf_event_open"]
    PERF_TYPE_HARDWARE = 0
    PERF_TYPE_SOFTWARE = 1
    PERF_TYPE_TRACEPOINT = 2
    PERF_TYPE_HW_CACHE = 3
    PERF_SAMPLE_RAW = 1024
    PERF_FLAG_FD_CLOEXEC = 8
    PERF_EVENT_IOC_SET_FILTER = 1074275334
    PERF_EVENT_IOC_ENABLE = 9216

    @staticmethod
    def _open_for_cpu(cpu, attr):
        pfd = _sys.perf_event_open(attr, getattr(attr, "pid", -1), cpu)
        if attr.type == Perf.PERF_TYPE_TRACEPOINT:
            if _sys._ioctl(pfd, Perf.PERF_EVENT_IOC_SET_FILTER, b"common_pid == -17") < 0:
                errno_ = ct.get_errno()
                raise OSError(errno_, os.strerror(errno_))
        if _sys._ioctl(pfd, Perf.PERF_EVENT_IOC_ENABLE, 0) < 0:
            errno_ = ct.get_errno()
            raise OSError(errno_, os.strerror(errno_))

    @staticmethod
    def perf_event_open(tpoint_id, pid=-1, ptype=PERF_TYPE_TRACEPOINT, freq=0):
        attr = Perf.perf_event_attr()
        attr.config = tpoint_id
        attr.pid = pid
        attr.type = ptype
        attr.sample_type = Perf.PERF_SAMPLE_RAW
        if freq > 0:
            attr.freq = 1
            attr.sample_period = freq
        else:
            attr.sample_period = 1
        attr.wakeup_events = 9999999
        for cpu in get_online_cpus():
            Perf._open_for_cpu(cpu, attr)


def _pmu_value(pmu, name):
    with open("/sys/bus/event_source/devices/%s/%s" % (pmu, name)) as f:
        return f.read().strip()


def attach_uprobe_offset(prog_fd, path, offset, retprobe=False, pid=-1):
    """A uprobe at file offset `offset` of `path` through the uprobe PMU; returns the perf fd."""
    attr = Perf.perf_event_attr()
    attr.type = int(_pmu_value("uprobe", "type"))
    if retprobe:
        bit = _pmu_value("uprobe", "format/retprobe")  # "config:0"
        attr.config = 1 << int(bit.split(":")[1])
    path_buf = ct.create_string_buffer(path if isinstance(path, bytes) else path.encode())
    attr.uprobe_path = ct.addressof(path_buf)
    attr.probe_offset = offset
    attr.sample_period = 1
    attr.wakeup_events = 1
    pfd = _sys.perf_event_open(attr, pid if pid >= 0 else -1, 0 if pid < 0 else -1)
    return _sys.perf_attach_bpf(pfd, prog_fd)


def attach_perf_event(prog_fd, ev_type, ev_config, sample_period=0, sample_freq=0, pid=-1,
                      cpu=-1, group_fd=-1):
    attr = Perf.perf_event_attr()
    attr.type = ev_type
    attr.config = ev_config
    if sample_freq:
        attr.freq = 1
        attr.sample_freq = sample_freq
    else:
        attr.sample_period = sample_period
    pfd = _sys.perf_event_open(attr, pid, cpu, group_fd)
    return _sys.perf_attach_bpf(pfd, prog_fd)


def attach_perf_event_raw(prog_fd, attr, pid=-1, cpu=-1, group_fd=-1):
    pfd = _sys.perf_event_open(attr, pid, cpu, group_fd)
    return _sys.perf_attach_bpf(pfd, prog_fd)
