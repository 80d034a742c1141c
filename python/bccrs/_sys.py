"""Direct system calls (bpf, perf_event_open, ioctl) for the few things the C ABI does not do:
map flags, attaching at an address or with a sample period, raw sockets and cgroup attach.
"""
import ctypes as ct
import os
import platform
import struct

_libc = ct.CDLL(None, use_errno=True)
_syscall = _libc.syscall
_syscall.restype = ct.c_long
_ioctl = _libc.ioctl
_ioctl.restype = ct.c_int

_NR = {
    "x86_64": {"bpf": 321, "perf_event_open": 298},
    "aarch64": {"bpf": 280, "perf_event_open": 241},
    "riscv64": {"bpf": 280, "perf_event_open": 241},
    "ppc64le": {"bpf": 361, "perf_event_open": 319},
    "s390x": {"bpf": 351, "perf_event_open": 331},
}.get(platform.machine(), {"bpf": 321, "perf_event_open": 298})

BPF_PROG_ATTACH = 8
BPF_PROG_DETACH = 9
BPF_MAP_GET_FD_BY_ID = 14
BPF_OBJ_GET_INFO_BY_FD = 15
BPF_RAW_TRACEPOINT_OPEN = 17

PERF_EVENT_IOC_ENABLE = 0x2400
PERF_EVENT_IOC_DISABLE = 0x2401
PERF_EVENT_IOC_SET_BPF = 0x40042408
PERF_FLAG_FD_CLOEXEC = 8


def _err(what):
    e = ct.get_errno()
    return OSError(e, "%s: %s" % (what, os.strerror(e)))


def bpf(cmd, attr):
    """bpf(cmd, attr bytes) -> (result, attr buffer)."""
    buf = ct.create_string_buffer(bytes(attr).ljust(128, b"\0"), 128)
    r = _syscall(_NR["bpf"], ct.c_int(cmd), buf, ct.c_uint(128))
    return r, buf


def map_info(fd):
    """(type, id, key_size, value_size, max_entries, map_flags) of a map fd."""
    info = ct.create_string_buffer(128)
    attr = struct.pack("=IIQ", fd, 128, ct.addressof(info))
    r, _ = bpf(BPF_OBJ_GET_INFO_BY_FD, attr)
    if r < 0:
        raise _err("BPF_OBJ_GET_INFO_BY_FD")
    return struct.unpack_from("=6I", info.raw)


def map_info_by_id(map_id):
    """map_info() of the map with this id."""
    r, _ = bpf(BPF_MAP_GET_FD_BY_ID, struct.pack("=IIII", map_id, 0, 0, 0))
    if r < 0:
        raise _err("BPF_MAP_GET_FD_BY_ID")
    try:
        return map_info(r)
    finally:
        os.close(r)


def prog_info(fd):
    """(type, id) of a program fd."""
    info = ct.create_string_buffer(256)
    attr = struct.pack("=IIQ", fd, 256, ct.addressof(info))
    r, _ = bpf(BPF_OBJ_GET_INFO_BY_FD, attr)
    if r < 0:
        raise _err("BPF_OBJ_GET_INFO_BY_FD")
    return struct.unpack_from("=2I", info.raw)


def raw_tracepoint_open(name, prog_fd):
    """A raw tracepoint (name) or a tracing program's own target (name None): the link fd."""
    keep = ct.create_string_buffer(name) if name else None
    attr = struct.pack("=QI", ct.addressof(keep) if keep is not None else 0, prog_fd)
    r, _ = bpf(BPF_RAW_TRACEPOINT_OPEN, attr)
    if r < 0:
        raise _err("BPF_RAW_TRACEPOINT_OPEN")
    return r


def prog_attach(prog_fd, target_fd, attach_type, flags=0):
    r, _ = bpf(BPF_PROG_ATTACH, struct.pack("=IIII", target_fd, prog_fd, attach_type, flags))
    return 0 if r >= 0 else -ct.get_errno()


def prog_detach(prog_fd, target_fd, attach_type):
    r, _ = bpf(BPF_PROG_DETACH, struct.pack("=IIII", target_fd, prog_fd, attach_type, 0))
    return 0 if r >= 0 else -ct.get_errno()


def perf_event_open(attr, pid, cpu, group_fd=-1, flags=PERF_FLAG_FD_CLOEXEC):
    fd = _syscall(_NR["perf_event_open"], ct.byref(attr), ct.c_int(pid), ct.c_int(cpu),
                  ct.c_int(group_fd), ct.c_ulong(flags))
    if fd < 0:
        raise _err("perf_event_open")
    return fd


def perf_attach_bpf(pfd, prog_fd):
    """Runs prog_fd on perf event pfd and enables the event."""
    if _ioctl(ct.c_int(pfd), ct.c_ulong(PERF_EVENT_IOC_SET_BPF), ct.c_int(prog_fd)) < 0:
        e = _err("PERF_EVENT_IOC_SET_BPF")
        os.close(pfd)
        raise e
    if _ioctl(ct.c_int(pfd), ct.c_ulong(PERF_EVENT_IOC_ENABLE), ct.c_int(0)) < 0:
        e = _err("PERF_EVENT_IOC_ENABLE")
        os.close(pfd)
        raise e
    return pfd


def perf_close(pfd):
    try:
        _ioctl(ct.c_int(pfd), ct.c_ulong(PERF_EVENT_IOC_DISABLE), ct.c_int(0))
        os.close(pfd)
    except OSError:
        pass
