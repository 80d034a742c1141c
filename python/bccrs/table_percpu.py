# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""Per-CPU tables: PERCPU_HASH, LRU_PERCPU_HASH, PERCPU_ARRAY, with BCC's per-CPU leaf
layout (an array of one value per possible CPU)."""
import ctypes as ct
from functools import reduce

from .table_array import ArrayBase
from .table_hash import HashTable
from .utils import get_possible_cpus


class _PerCpuValues(object):
    """What per-CPU hashes and arrays share: reading a key gives one value per possible CPU
    (reduced with `reducer` when one was given), writing pads each slot as the kernel does."""

    def _init_percpu(self, kwargs):
        self.reducer = kwargs.pop("reducer", None)

    def getvalue(self, key):
        result = super(_PerCpuValues, self).__getitem__(key)
        if self.alignment == 0:
            return result
        ret = (self.sLeaf * self.total_cpu)()
        for i in range(0, self.total_cpu):
            ret[i] = _unpad(self.sLeaf, result[i])
        return ret

    def __getitem__(self, key):
        if self.reducer:
            return reduce(self.reducer, self.getvalue(key))
        return self.getvalue(key)

    def __setitem__(self, key, leaf):
        super(_PerCpuValues, self).__setitem__(key, _pad_percpu(self, leaf))

    def _integer_leaf(self, what):
        if isinstance(self.Leaf(), ct.Structure) or issubclass(self.sLeaf, (ct.Structure, ct.Union)):
            raise IndexError("Leaf must be an integer type for default %s functions" % what)

    def sum(self, key):
        self._integer_leaf("sum")
        return self.sLeaf(sum(_values(self.getvalue(key))))

    def max(self, key):
        self._integer_leaf("max")
        return self.sLeaf(max(_values(self.getvalue(key))))

    def average(self, key):
        result = self.sum(key)
        return result.value / self.total_cpu


class PerCpuHash(_PerCpuValues, HashTable):
    def __init__(self, *args, **kwargs):
        self._init_percpu(kwargs)
        super(PerCpuHash, self).__init__(*args, **kwargs)
        _percpu_leaf(self)


class LruPerCpuHash(PerCpuHash):
    def __init__(self, *args, **kwargs):
        super(LruPerCpuHash, self).__init__(*args, **kwargs)


class PerCpuArray(_PerCpuValues, ArrayBase):
    def __init__(self, *args, **kwargs):
        self._init_percpu(kwargs)
        super(PerCpuArray, self).__init__(*args, **kwargs)
        _percpu_leaf(self)

    def __delitem__(self, key):
        # Delete in this type does not have an effect, so zero out instead
        self.clearitem(key)


def _values(arr):
    return [v.value if hasattr(v, "value") else v for v in arr]


def _percpu_leaf(t):
    """BCC's per-CPU leaf: sLeaf * ncpu, each slot 8-byte aligned as the kernel lays them out.
    BCC supports only c_int/c_uint among unaligned leaves; bccrs pads any other."""
    t.sLeaf = t.Leaf
    t.total_cpu = len(get_possible_cpus())
    # This needs to be 8 as hard coded into the linux kernel.
    t.alignment = ct.sizeof(t.sLeaf) % 8
    if t.alignment == 0:
        t.Leaf = t.sLeaf * t.total_cpu
    else:
        if t.sLeaf == ct.c_uint or t.sLeaf in (ct.c_ushort, ct.c_ubyte, ct.c_bool):
            t._slot = ct.c_uint64
        elif t.sLeaf in (ct.c_int, ct.c_short, ct.c_byte, ct.c_char):
            t._slot = ct.c_int64
        else:
            pad = 8 - t.alignment
            t._slot = type(getattr(t.sLeaf, "__name__", "leaf"), (ct.Structure,), dict(
                _pack_=1, _fields_=[("v", t.sLeaf), ("__pad", ct.c_char * pad)]))
        t.Leaf = t._slot * t.total_cpu


def _unpad(sleaf, slot):
    if isinstance(slot, int):
        return slot if not issubclass(sleaf, ct.c_char) else bytes([slot & 0xff])
    if hasattr(slot, "v"):
        return slot.v
    return slot


def _pad_percpu(t, leaf):
    if t.alignment == 0 or isinstance(leaf, t.Leaf):
        return leaf
    if isinstance(leaf, ct.Array) and len(leaf) == t.total_cpu:
        out = t.Leaf()
        for i in range(t.total_cpu):
            v = leaf[i]
            if t._slot in (ct.c_uint64, ct.c_int64):
                out[i] = v.value if hasattr(v, "value") else (v[0] if isinstance(v, bytes) else v)
            else:
                out[i].v = v
        return out
    return leaf
