# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BCC's table classes (`bcc.table`) over the bccrs C ABI.

The classes live in table_base.py (TableBase), table_hash.py, table_array.py, table_percpu.py,
table_queue.py, table_events.py (perf event arrays, ring buffers) and table_hist.py
(histogram printing); this module has the map types and the Table factory, and re-exports
the classes and helpers scripts import from bcc.table (e.g. `_print_log2_hist`)."""
from __future__ import print_function

from .utils import get_online_cpus, get_possible_cpus
from .table_hist import stars_max, log2_index_max, linear_index_max
from .table_base import TableBase
from .table_hash import HashTable, LruHash, LpmTrie, StackTrace, MapInMapHash
from .table_array import (ArrayBase, Array, ProgArray, FileDesc, CgroupArray, DevMap, CpuMap,
                          XskMap, MapInMapArray)
from .table_percpu import PerCpuHash, LruPerCpuHash, PerCpuArray
from .table_queue import QueueStack, PerCpuQueueStack
from .table_events import PerfEventArray, RingBuf
from . import table_hist as _hist, table_base as _base, table_percpu as _percpu
from . import table_events as _events

# BCC's private helpers, which scripts import from bcc.table too.
_stars, _print_json_hist, _print_log2_hist, _print_linear_hist = (
    _hist._stars, _hist._print_json_hist, _hist._print_log2_hist, _hist._print_linear_hist)
_MapOps, _as_ctype, _sprintf, _sscanf = (
    _base._MapOps, _base._as_ctype, _base._sprintf, _base._sscanf)
_values, _percpu_leaf, _unpad, _pad_percpu = (
    _percpu._values, _percpu._percpu_leaf, _percpu._unpad, _percpu._pad_percpu)
_get_event_class, _cb_error = _events._get_event_class, _events._cb_error

BPF_MAP_TYPE_HASH = 1
BPF_MAP_TYPE_ARRAY = 2
BPF_MAP_TYPE_PROG_ARRAY = 3
BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4
BPF_MAP_TYPE_PERCPU_HASH = 5
BPF_MAP_TYPE_PERCPU_ARRAY = 6
BPF_MAP_TYPE_STACK_TRACE = 7
BPF_MAP_TYPE_CGROUP_ARRAY = 8
BPF_MAP_TYPE_LRU_HASH = 9
BPF_MAP_TYPE_LRU_PERCPU_HASH = 10
BPF_MAP_TYPE_LPM_TRIE = 11
BPF_MAP_TYPE_ARRAY_OF_MAPS = 12
BPF_MAP_TYPE_HASH_OF_MAPS = 13
BPF_MAP_TYPE_DEVMAP = 14
BPF_MAP_TYPE_SOCKMAP = 15
BPF_MAP_TYPE_CPUMAP = 16
BPF_MAP_TYPE_XSKMAP = 17
BPF_MAP_TYPE_SOCKHASH = 18
BPF_MAP_TYPE_CGROUP_STORAGE = 19
BPF_MAP_TYPE_REUSEPORT_SOCKARRAY = 20
BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE = 21
BPF_MAP_TYPE_QUEUE = 22
BPF_MAP_TYPE_STACK = 23
BPF_MAP_TYPE_SK_STORAGE = 24
BPF_MAP_TYPE_DEVMAP_HASH = 25
BPF_MAP_TYPE_STRUCT_OPS = 26
BPF_MAP_TYPE_RINGBUF = 27
BPF_MAP_TYPE_INODE_STORAGE = 28
BPF_MAP_TYPE_TASK_STORAGE = 29

map_type_name = {
    BPF_MAP_TYPE_HASH: "HASH",
    BPF_MAP_TYPE_ARRAY: "ARRAY",
    BPF_MAP_TYPE_PROG_ARRAY: "PROG_ARRAY",
    BPF_MAP_TYPE_PERF_EVENT_ARRAY: "PERF_EVENT_ARRAY",
    BPF_MAP_TYPE_PERCPU_HASH: "PERCPU_HASH",
    BPF_MAP_TYPE_PERCPU_ARRAY: "PERCPU_ARRAY",
    BPF_MAP_TYPE_STACK_TRACE: "STACK_TRACE",
    BPF_MAP_TYPE_CGROUP_ARRAY: "CGROUP_ARRAY",
    BPF_MAP_TYPE_LRU_HASH: "LRU_HASH",
    BPF_MAP_TYPE_LRU_PERCPU_HASH: "LRU_PERCPU_HASH",
    BPF_MAP_TYPE_LPM_TRIE: "LPM_TRIE",
    BPF_MAP_TYPE_ARRAY_OF_MAPS: "ARRAY_OF_MAPS",
    BPF_MAP_TYPE_HASH_OF_MAPS: "HASH_OF_MAPS",
    BPF_MAP_TYPE_DEVMAP: "DEVMAP",
    BPF_MAP_TYPE_SOCKMAP: "SOCKMAP",
    BPF_MAP_TYPE_CPUMAP: "CPUMAP",
    BPF_MAP_TYPE_XSKMAP: "XSKMAP",
    BPF_MAP_TYPE_SOCKHASH: "SOCKHASH",
    BPF_MAP_TYPE_CGROUP_STORAGE: "CGROUP_STORAGE",
    BPF_MAP_TYPE_REUSEPORT_SOCKARRAY: "REUSEPORT_SOCKARRAY",
    BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE: "PERCPU_CGROUP_STORAGE",
    BPF_MAP_TYPE_QUEUE: "QUEUE",
    BPF_MAP_TYPE_STACK: "STACK",
    BPF_MAP_TYPE_SK_STORAGE: "SK_STORAGE",
    BPF_MAP_TYPE_DEVMAP_HASH: "DEVMAP_HASH",
    BPF_MAP_TYPE_STRUCT_OPS: "STRUCT_OPS",
    BPF_MAP_TYPE_RINGBUF: "RINGBUF",
    BPF_MAP_TYPE_INODE_STORAGE: "INODE_STORAGE",
    BPF_MAP_TYPE_TASK_STORAGE: "TASK_STORAGE",
}


def get_table_type_name(ttype):
    try:
        return map_type_name[ttype]
    except KeyError:
        return "<unknown>"


# The table class of each map type. SOCKHASH/DEVMAP_HASH and SOCKMAP/REUSEPORT_SOCKARRAY: BCC
# raises "Unknown table type"; bccrs gives them the keyed and array protocols.
_CLASSES = {
    BPF_MAP_TYPE_HASH: HashTable,
    BPF_MAP_TYPE_ARRAY: Array,
    BPF_MAP_TYPE_PROG_ARRAY: ProgArray,
    BPF_MAP_TYPE_PERF_EVENT_ARRAY: PerfEventArray,
    BPF_MAP_TYPE_LPM_TRIE: LpmTrie,
    BPF_MAP_TYPE_STACK_TRACE: StackTrace,
    BPF_MAP_TYPE_LRU_HASH: LruHash,
    BPF_MAP_TYPE_CGROUP_ARRAY: CgroupArray,
    BPF_MAP_TYPE_DEVMAP: DevMap,
    BPF_MAP_TYPE_CPUMAP: CpuMap,
    BPF_MAP_TYPE_XSKMAP: XskMap,
    BPF_MAP_TYPE_ARRAY_OF_MAPS: MapInMapArray,
    BPF_MAP_TYPE_HASH_OF_MAPS: MapInMapHash,
    BPF_MAP_TYPE_RINGBUF: RingBuf,
    BPF_MAP_TYPE_SOCKHASH: HashTable,
    BPF_MAP_TYPE_DEVMAP_HASH: HashTable,
    BPF_MAP_TYPE_SOCKMAP: ArrayBase,
    BPF_MAP_TYPE_REUSEPORT_SOCKARRAY: ArrayBase,
}
# Per-CPU tables also take the reducer options (`reducer=`).
_PERCPU_CLASSES = {
    BPF_MAP_TYPE_PERCPU_HASH: PerCpuHash,
    BPF_MAP_TYPE_PERCPU_ARRAY: PerCpuArray,
    BPF_MAP_TYPE_LRU_PERCPU_HASH: LruPerCpuHash,
}


def Table(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs):
    """Table(bpf, map_id, map_fd, keytype, leaftype, **kwargs)

    Create a python object out of a reference to a bpf table handle"""

    info = bpf._map_info(name)
    ttype = info.map_type
    if info.percpu_queue:
        return PerCpuQueueStack(bpf, map_id, map_fd, leaftype, name)
    if ttype in (BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK):
        return QueueStack(bpf, map_id, map_fd, leaftype, name)
    if ttype in _PERCPU_CLASSES:
        return _PERCPU_CLASSES[ttype](bpf, map_id, map_fd, keytype, leaftype, name, **kwargs)
    if ttype in _CLASSES:
        return _CLASSES[ttype](bpf, map_id, map_fd, keytype, leaftype, name)
    raise Exception("Unknown table type %d" % ttype)


# `from bcc.table import *`: the map types and table classes.
__all__ = ["map_type_name", "get_table_type_name", "Table", "stars_max", "log2_index_max",
           "linear_index_max", "get_online_cpus", "get_possible_cpus",
           "TableBase", "HashTable", "LruHash", "LpmTrie", "StackTrace", "MapInMapHash",
           "ArrayBase", "Array", "ProgArray", "FileDesc", "CgroupArray", "DevMap", "CpuMap",
           "XskMap", "MapInMapArray", "PerCpuHash", "LruPerCpuHash", "PerCpuArray",
           "QueueStack", "PerCpuQueueStack", "PerfEventArray", "RingBuf"]
__all__ += [n for n in list(globals()) if n.startswith("BPF_MAP_TYPE_")]
