# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""QUEUE and STACK tables (push/pop/peek), and bccrs's per-CPU queues and stacks."""
import ctypes as ct
import os

from ._lib import lib, to_bytes
from .table_base import _MapOps, _as_ctype, _sprintf, _sscanf


class QueueStack(_MapOps):
    # Flag for map.push
    BPF_EXIST = 2

    def __init__(self, bpf, map_id, map_fd, leaftype, name=None):
        self.bpf = bpf
        self.map_id = map_id
        self.map_fd = map_fd
        self.Leaf = leaftype
        info = bpf._map_info(name)
        self.ttype = info.map_type
        self.flags = bpf._map_flags(name)
        self.max_entries = int(info.max_entries)
        self._name = name
        self._bname = to_bytes(name)

    def leaf_sprintf(self, leaf):
        return _sprintf(leaf).encode()

    def leaf_scanf(self, leaf_str):
        return _sscanf(self.Leaf, leaf_str)

    def push(self, leaf, flags=0):
        leaf = _as_ctype(self.Leaf, leaf)
        res = self._update(None, leaf, flags)
        if res < 0:
            errstr = os.strerror(-res)
            raise Exception("Could not push to table: %s" % errstr)

    def pop(self):
        leaf = self.Leaf()
        res = self._lookup_and_delete(None, leaf)
        if res < 0:
            raise KeyError("Could not pop from table")
        return leaf

    def peek(self):
        leaf = self.Leaf()
        res = self._lookup(None, leaf)
        if res < 0:
            raise KeyError("Could not peek table")
        return leaf

    def itervalues(self):
        # to avoid infinite loop, set maximum pops to max_entries
        cnt = self.max_entries
        while cnt:
            try:
                yield(self.pop())
                cnt -= 1
            except KeyError:
                return

    def values(self):
        return [value for value in self.itervalues()]


class PerCpuQueueStack(QueueStack):
    """bccrs's BPF_PERCPU_QUEUE / BPF_PERCPU_STACK: one queue (stack) per CPU. push/pop/peek
    take the CPU (default: the first CPU that has an element for pop/peek, CPU 0 for push)."""

    def __init__(self, *args, **kwargs):
        super(PerCpuQueueStack, self).__init__(*args, **kwargs)
        self.total_cpu = lib.bccrs_num_possible_cpus()
        # The table is an array of maps (one per CPU): its max_entries is the CPU count. The
        # capacity of one CPU's queue is the inner map's.
        self.max_entries = self._inner_max_entries()

    def _inner_max_entries(self):
        from . import _sys
        key = ct.c_uint32(0)
        map_id = (ct.c_uint8 * max(8, self.bpf._map_info(self._name).value_buf_size))()
        if lib.bccrs_map_lookup(self._h(), self._n(), ct.addressof(key),
                                ct.addressof(map_id)) == 0:
            map_id = ct.c_uint32.from_buffer(map_id).value
            try:
                return _sys.map_info_by_id(map_id)[4]
            except OSError:
                pass
        return 1 << 20

    def _op(self, cpu, op, leaf, flags=0):
        return lib.bccrs_map_cpu_op(self._h(), self._n(), cpu, op, ct.addressof(leaf), flags)

    def push(self, leaf, flags=0, cpu=0):
        leaf = _as_ctype(self.Leaf, leaf)
        res = self._op(cpu, 0, leaf, flags)
        if res < 0:
            raise Exception("Could not push to table: %s" % os.strerror(-res))

    def pop(self, cpu=None):
        leaf = self.Leaf()
        for c in ([cpu] if cpu is not None else range(self.total_cpu)):
            if self._op(c, 1, leaf) == 0:
                return leaf
        raise KeyError("Could not pop from table")

    def peek(self, cpu=None):
        leaf = self.Leaf()
        for c in ([cpu] if cpu is not None else range(self.total_cpu)):
            if self._op(c, 2, leaf) == 0:
                return leaf
        raise KeyError("Could not peek table")

    def itervalues(self, cpu=None):
        for c in ([cpu] if cpu is not None else range(self.total_cpu)):
            cnt = self.max_entries
            while cnt:
                try:
                    yield self.pop(c)
                    cnt -= 1
                except KeyError:
                    break

    def values(self, cpu=None):
        return list(self.itervalues(cpu))
