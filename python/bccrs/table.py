# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BCC's table classes (`bcc.table`) over the bccrs C ABI."""
from __future__ import print_function

try:
    from collections.abc import MutableMapping
except ImportError:  # pragma: no cover
    from collections import MutableMapping
from time import strftime
import ctypes as ct
from functools import reduce
import errno
import os
import re
import sys

from ._lib import lib, PERF_SAMPLE_FN, PERF_LOST_FN, RING_SAMPLE_FN, to_bytes, last_error
from . import _types
from .utils import get_online_cpus, get_possible_cpus

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

stars_max = 40
log2_index_max = 65
linear_index_max = 1025


# helper functions, consider moving these to a utils module
def _stars(val, val_max, width):
    i = 0
    text = ""
    while (1):
        if (i > (width * val / val_max) - 1) or (i > width - 1):
            break
        text += "*"
        i += 1
    if val > val_max:
        text = text[:-1] + "+"
    return text


def _print_json_hist(vals, val_type, section_bucket=None):
    hist_list = []
    max_nonzero_idx = 0
    for i in range(len(vals)):
        if vals[i] != 0:
            max_nonzero_idx = i
    index = 1
    prev = 0
    for i in range(len(vals)):
        if i != 0 and i <= max_nonzero_idx:
            index = index * 2

            list_obj = {}
            list_obj['interval-start'] = prev
            list_obj['interval-end'] = int(index) - 1
            list_obj['count'] = int(vals[i])

            hist_list.append(list_obj)

            prev = index
    histogram = {"ts": strftime("%Y-%m-%d %H:%M:%S"), "val_type": val_type, "data": hist_list}
    if section_bucket:
        histogram[section_bucket[0]] = section_bucket[1]
    print(histogram)


def _print_log2_hist(vals, val_type, strip_leading_zero):
    global stars_max
    log2_dist_max = 64
    idx_max = -1
    val_max = 0

    for i, v in enumerate(vals):
        if v > 0: idx_max = i
        if v > val_max: val_max = v

    if idx_max <= 32:
        header = "     %-19s : count     distribution"
        body = "%10d -> %-10d : %-8d |%-*s|"
        stars = stars_max
    else:
        header = "               %-29s : count     distribution"
        body = "%20d -> %-20d : %-8d |%-*s|"
        stars = int(stars_max / 2)

    if idx_max > 0:
        print(header % val_type)

    for i in range(1, idx_max + 1):
        low = (1 << i) >> 1
        high = (1 << i) - 1
        if (low == high):
            low -= 1
        val = vals[i]

        if strip_leading_zero:
            if val:
                print(body % (low, high, val, stars,
                              _stars(val, val_max, stars)))
                strip_leading_zero = False
        else:
            print(body % (low, high, val, stars,
                          _stars(val, val_max, stars)))


def _print_linear_hist(vals, val_type, strip_leading_zero):
    global stars_max
    log2_dist_max = 64
    idx_max = -1
    val_max = 0

    for i, v in enumerate(vals):
        if v > 0: idx_max = i
        if v > val_max: val_max = v

    header = "     %-13s : count     distribution"
    body = "        %-10d : %-8d |%-*s|"
    stars = stars_max

    if idx_max >= 0:
        print(header % val_type)
    for i in range(0, idx_max + 1):
        val = vals[i]

        if strip_leading_zero:
            if val:
                print(body % (i, val, stars,
                              _stars(val, val_max, stars)))
                strip_leading_zero = False
        else:
            print(body % (i, val, stars,
                          _stars(val, val_max, stars)))


def get_table_type_name(ttype):
    try:
        return map_type_name[ttype]
    except KeyError:
        return "<unknown>"


def _get_event_class(event_map):
    desc = lib.bccrs_map_type(event_map.bpf._handle(), to_bytes(event_map._name), 2)
    if not desc:
        raise Exception("bccrs: the type of the events submitted to table %s is unknown; "
                        "define the data with ctypes and cast it yourself" % event_map._name)
    return _types.ctype(desc.decode())


def _cb_error(exc):
    """An exception raised by a Python callback inside a C poll: SystemExit and
    KeyboardInterrupt end the poll and are raised again by it; others are reported like
    ctypes reports them and the poll goes on (as with BCC)."""
    if isinstance(exc, (SystemExit, KeyboardInterrupt)):
        return exc
    import traceback
    print("Exception ignored on calling ctypes callback function:", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    return None


def Table(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs):
    """Table(bpf, map_id, map_fd, keytype, leaftype, **kwargs)

    Create a python object out of a reference to a bpf table handle"""

    ttype = bpf._map_info(name).map_type
    if bpf._map_info(name).percpu_queue:
        return PerCpuQueueStack(bpf, map_id, map_fd, leaftype, name)
    t = None
    if ttype == BPF_MAP_TYPE_HASH:
        t = HashTable(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_ARRAY:
        t = Array(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_PROG_ARRAY:
        t = ProgArray(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_PERF_EVENT_ARRAY:
        t = PerfEventArray(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_PERCPU_HASH:
        t = PerCpuHash(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs)
    elif ttype == BPF_MAP_TYPE_PERCPU_ARRAY:
        t = PerCpuArray(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs)
    elif ttype == BPF_MAP_TYPE_LPM_TRIE:
        t = LpmTrie(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_STACK_TRACE:
        t = StackTrace(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_LRU_HASH:
        t = LruHash(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_LRU_PERCPU_HASH:
        t = LruPerCpuHash(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs)
    elif ttype == BPF_MAP_TYPE_CGROUP_ARRAY:
        t = CgroupArray(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_DEVMAP:
        t = DevMap(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_CPUMAP:
        t = CpuMap(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_XSKMAP:
        t = XskMap(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_ARRAY_OF_MAPS:
        t = MapInMapArray(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_HASH_OF_MAPS:
        t = MapInMapHash(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype == BPF_MAP_TYPE_QUEUE or ttype == BPF_MAP_TYPE_STACK:
        t = QueueStack(bpf, map_id, map_fd, leaftype, name)
    elif ttype == BPF_MAP_TYPE_RINGBUF:
        t = RingBuf(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype in (BPF_MAP_TYPE_SOCKHASH, BPF_MAP_TYPE_DEVMAP_HASH):
        # BCC raises "Unknown table type"; bccrs gives them the keyed-table protocol.
        t = HashTable(bpf, map_id, map_fd, keytype, leaftype, name)
    elif ttype in (BPF_MAP_TYPE_SOCKMAP, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY):
        t = ArrayBase(bpf, map_id, map_fd, keytype, leaftype, name)
    if t == None:
        raise Exception("Unknown table type %d" % ttype)
    return t


class _MapOps(object):
    """Element operations on one table through the C ABI."""

    def _h(self):
        return self.bpf._handle()

    def _n(self):
        return self._bname

    def _ptr(self, obj):
        return None if obj is None else ct.addressof(obj)

    def _lookup(self, key, leaf):
        return lib.bccrs_map_lookup(self._h(), self._n(), self._ptr(key), self._ptr(leaf))

    def _update(self, key, leaf, flags=0):
        return lib.bccrs_map_update(self._h(), self._n(), self._ptr(key), self._ptr(leaf), flags)

    def _delete(self, key):
        return lib.bccrs_map_delete(self._h(), self._n(), self._ptr(key))

    def _lookup_and_delete(self, key, leaf):
        return lib.bccrs_map_lookup_and_delete(self._h(), self._n(), self._ptr(key), self._ptr(leaf))


def _as_ctype(typ, value):
    """A Python int (or tuple for a struct) given where a ctypes value is expected."""
    if isinstance(value, typ):
        return value
    if isinstance(value, ct._SimpleCData) and issubclass(typ, ct._SimpleCData):
        return typ(value.value)
    if isinstance(value, (int, float, bytes)) and issubclass(typ, ct._SimpleCData):
        return typ(value)
    if isinstance(value, (ct.Structure, ct.Union, ct.Array)) and ct.sizeof(value) == ct.sizeof(typ):
        return typ.from_buffer_copy(value)
    if isinstance(value, tuple) and issubclass(typ, (ct.Structure, ct.Union)):
        return typ(*value)
    return value


class TableBase(MutableMapping, _MapOps):

    def __init__(self, bpf, map_id, map_fd, keytype, leaftype, name=None):
        self.bpf = bpf
        self.map_id = map_id
        self.map_fd = map_fd
        self.Key = keytype
        self.Leaf = leaftype
        info = bpf._map_info(name)
        self.ttype = info.map_type
        self.flags = bpf._map_flags(name)
        self._cbs = {}
        self._name = name
        self._bname = to_bytes(name)
        self.max_entries = int(info.max_entries)

    def get_fd(self):
        return self.map_fd

    def key_sprintf(self, key):
        return _sprintf(key).encode()

    def leaf_sprintf(self, leaf):
        return _sprintf(leaf).encode()

    def key_scanf(self, key_str):
        return _sscanf(self.Key, key_str)

    def leaf_scanf(self, leaf_str):
        return _sscanf(self.Leaf, leaf_str)

    def __getitem__(self, key):
        key = _as_ctype(self.Key, key)
        leaf = self.Leaf()
        res = self._lookup(key, leaf)
        if res < 0:
            raise KeyError
        return leaf

    def __setitem__(self, key, leaf):
        key = _as_ctype(self.Key, key)
        leaf = _as_ctype(self.Leaf, leaf)
        res = self._update(key, leaf, 0)
        if res < 0:
            errstr = os.strerror(-res)
            raise Exception("Could not update table: %s" % errstr)

    def __delitem__(self, key):
        key = _as_ctype(self.Key, key)
        res = self._delete(key)
        if res < 0:
            raise KeyError

    def __contains__(self, key):
        try:
            self[key]
        except (KeyError, IndexError):
            return False
        return True

    # override the MutableMapping's implementation of these since they
    # don't handle KeyError nicely
    def itervalues(self):
        for key in self:
            # a map entry may be deleted in between discovering the key and
            # fetching the value, suppress such errors
            try:
                yield self[key]
            except KeyError:
                pass

    def iteritems(self):
        for key in self:
            try:
                yield (key, self[key])
            except KeyError:
                pass

    def items(self):
        return [item for item in self.iteritems()]

    def values(self):
        return [value for value in self.itervalues()]

    def clear(self):
        # default clear uses popitem, which can race with the bpf prog
        for k in list(self.keys()):
            try:
                self.__delitem__(k)
            except KeyError:
                pass

    def _alloc_keys_values(self, alloc_k=False, alloc_v=False, count=None):
        keys = values = None
        if not alloc_k and not alloc_v:
            return (ct.c_uint32(0), None, None)

        if not count:  # means alloc maximum size
            count = self.max_entries
        elif count < 1 or count > self.max_entries:
            raise ValueError("Wrong count")

        if alloc_k:
            keys = (self.Key * count)()
        if alloc_v:
            values = (self.Leaf * count)()

        return (ct.c_uint32(count), keys, values)

    def _sanity_check_keys_values(self, keys=None, values=None):
        arr_len = 0
        for elem in [keys, values]:
            if elem:
                if not isinstance(elem, ct.Array):
                    raise TypeError

                arr_len = len(elem)
                if arr_len < 1 or arr_len > self.max_entries:
                    raise ValueError("Array's length is wrong")

        if keys and values:
            # check both length are equal
            if len(keys) != len(values):
                raise ValueError("keys array length != values array length")

        return ct.c_uint32(arr_len)

    def items_lookup_batch(self):
        """Look up all the key-value pairs in the map: yields (key, value)."""
        for k, v in self._items_lookup_and_optionally_delete_batch(delete=False):
            yield(k, v)
        return

    def items_delete_batch(self, ct_keys=None):
        """Delete the entries of the keys given (a ctypes array), or every entry."""
        if ct_keys is not None:
            ct_cnt = self._sanity_check_keys_values(keys=ct_keys)
            done = ct.c_size_t(0)
            res = lib.bccrs_map_delete_batch(self._h(), self._n(), ct.addressof(ct_keys),
                                             ct_cnt.value, ct.byref(done))
            if (res != 0):
                raise Exception("BPF_MAP_DELETE_BATCH has failed: %s"
                                % os.strerror(-res))

        else:
            for _ in self.items_lookup_and_delete_batch():
                return

    def items_update_batch(self, ct_keys, ct_values):
        """Update all the key-value pairs given (two ctypes arrays of the same length)."""
        ct_cnt = self._sanity_check_keys_values(keys=ct_keys, values=ct_values)
        done = ct.c_size_t(0)
        res = lib.bccrs_map_update_batch(self._h(), self._n(), ct.addressof(ct_keys),
                                         ct.addressof(ct_values), ct_cnt.value, 0, ct.byref(done))
        if (res != 0):
            raise Exception("BPF_MAP_UPDATE_BATCH has failed: %s"
                            % os.strerror(-res))

    def items_lookup_and_delete_batch(self):
        """Look up and delete all the key-value pairs: yields (key, value)."""
        for k, v in self._items_lookup_and_optionally_delete_batch(delete=True):
            yield(k, v)
        return

    def _items_lookup_and_optionally_delete_batch(self, delete=True):
        bpf_cmd = "BPF_MAP_LOOKUP_AND_DELETE_BATCH" if delete else "BPF_MAP_LOOKUP_BATCH"
        ct_buf_size, ct_keys, ct_values = self._alloc_keys_values(alloc_k=True, alloc_v=True)
        count = ct.c_size_t(0)
        res = lib.bccrs_map_lookup_batch(self._h(), self._n(), ct.addressof(ct_keys),
                                         ct.addressof(ct_values), ct_buf_size.value,
                                         ct.byref(count), 1 if delete else 0)
        if res != 0 and res != -errno.ENOENT:
            raise Exception("%s has failed: %s" % (bpf_cmd, os.strerror(-res)))
        total = min(count.value, ct_buf_size.value)
        for i in range(0, total):
            k = ct_keys[i]
            v = ct_values[i]
            # scalars come out of ctypes arrays as Python ints: wrap them (as BCC does)
            if not isinstance(k, (ct.Structure, ct.Union, ct.Array)):
                k = self.Key(k)
            if not isinstance(v, (ct.Structure, ct.Union, ct.Array)):
                v = self.Leaf(v)
            yield (k, v)

    def zero(self):
        # Even though this is not very efficient, we grab the entire list of
        # keys before enumerating it. This helps avoid a potential race where
        # the leaf assignment changes a hash table bucket that is being
        # enumerated by the same loop, and may lead to a hang.
        for k in list(self.keys()):
            self[k] = self.Leaf()

    def __iter__(self):
        return TableBase.Iter(self)

    def iter(self): return self.__iter__()
    def keys(self): return self.__iter__()

    class Iter(object):
        def __init__(self, table):
            self.table = table
            self.key = None
        def __iter__(self):
            return self
        def __next__(self):
            return self.next()
        def next(self):
            self.key = self.table.next(self.key)
            return self.key

    def next(self, key):
        next_key = self.Key()
        res = lib.bccrs_map_next_key(self._h(), self._n(),
                                     None if key is None else ct.addressof(key),
                                     ct.addressof(next_key))
        if res < 0:
            raise StopIteration()
        return next_key

    def decode_c_struct(self, tmp, buckets, bucket_fn, bucket_sort_fn):
        f1 = self.Key._fields_[0][0]
        f2 = self.Key._fields_[1][0]
        # The above code assumes that self.Key._fields_[1][0] holds the
        # slot. But a padding member may have been inserted here, which
        # breaks the assumption and leads to chaos.
        # TODO: this is a quick fix. Fixing/working around in the BCC
        # internal library is the right thing to do.
        if f2 == '__pad_1' and len(self.Key._fields_) == 3:
            f2 = self.Key._fields_[2][0]
        for k, v in self.items():
            bucket = getattr(k, f1)
            if bucket_fn:
                bucket = bucket_fn(bucket)
            vals = tmp[bucket] = tmp.get(bucket, [0] * log2_index_max)
            slot = getattr(k, f2)
            vals[slot] = v.value
        buckets_lst = list(tmp.keys())
        if bucket_sort_fn:
            buckets_lst = bucket_sort_fn(buckets_lst)
        for bucket in buckets_lst:
            buckets.append(bucket)

    def print_json_hist(self, val_type="value", section_header="Bucket ptr",
                        section_print_fn=None, bucket_fn=None, bucket_sort_fn=None):
        """Prints a table as a json histogram (see print_log2_hist)."""
        if isinstance(self.Key(), ct.Structure):
            tmp = {}
            buckets = []
            self.decode_c_struct(tmp, buckets, bucket_fn, bucket_sort_fn)
            for bucket in buckets:
                vals = tmp[bucket]
                if section_print_fn:
                    section_bucket = (section_header, section_print_fn(bucket))
                else:
                    section_bucket = (section_header, bucket)
                _print_json_hist(vals, val_type, section_bucket)

        else:
            vals = [0] * log2_index_max
            for k, v in self.items():
                vals[k.value] = v.value
            _print_json_hist(vals, val_type)

    def print_log2_hist(self, val_type="value", section_header="Bucket ptr",
            section_print_fn=None, bucket_fn=None, strip_leading_zero=None,
            bucket_sort_fn=None):
        """print_log2_hist(val_type="value", section_header="Bucket ptr",
                           section_print_fn=None, bucket_fn=None,
                           strip_leading_zero=None, bucket_sort_fn=None):

        Prints a table as a log2 histogram. The table must be stored as
        log2. The val_type argument is optional, and is a column header.
        If the histogram has a secondary key, multiple tables will print
        and section_header can be used as a header description for each.
        If section_print_fn is not None, it will be passed the bucket value
        to format into a string as it sees fit. If bucket_fn is not None,
        it will be used to produce a bucket value for the histogram keys.
        If the value of strip_leading_zero is not False, prints a histogram
        that is omitted leading zeros from the beginning.
        If bucket_sort_fn is not None, it will be used to sort the buckets
        before iterating them, and it is useful when there are multiple fields
        in the secondary key.
        The maximum index allowed is log2_index_max (65), which will
        accommodate any 64-bit integer in the histogram.
        """
        if isinstance(self.Key(), ct.Structure):
            tmp = {}
            buckets = []
            self.decode_c_struct(tmp, buckets, bucket_fn, bucket_sort_fn)
            for bucket in buckets:
                vals = tmp[bucket]
                if section_print_fn:
                    print("\n%s = %s" % (section_header,
                        section_print_fn(bucket)))
                else:
                    print("\n%s = %r" % (section_header, bucket))
                _print_log2_hist(vals, val_type, strip_leading_zero)
        else:
            vals = [0] * log2_index_max
            for k, v in self.items():
                vals[k.value] = v.value
            _print_log2_hist(vals, val_type, strip_leading_zero)

    def print_linear_hist(self, val_type="value", section_header="Bucket ptr",
            section_print_fn=None, bucket_fn=None, strip_leading_zero=None,
            bucket_sort_fn=None):
        """print_linear_hist(val_type="value", section_header="Bucket ptr",
                           section_print_fn=None, bucket_fn=None,
                           strip_leading_zero=None, bucket_sort_fn=None)

        Prints a table as a linear histogram. This is intended to span integer
        ranges, eg, from 0 to 100. The val_type argument is optional, and is a
        column header.  If the histogram has a secondary key, multiple tables
        will print and section_header can be used as a header description for
        each.  If section_print_fn is not None, it will be passed the bucket
        value to format into a string as it sees fit. If bucket_fn is not None,
        it will be used to produce a bucket value for the histogram keys.
        If the value of strip_leading_zero is not False, prints a histogram
        that is omitted leading zeros from the beginning.
        If bucket_sort_fn is not None, it will be used to sort the buckets
        before iterating them, and it is useful when there are multiple fields
        in the secondary key.
        The maximum index allowed is linear_index_max (1025), which is hoped
        to be sufficient for integer ranges spanned.
        """
        if isinstance(self.Key(), ct.Structure):
            tmp = {}
            buckets = []
            self.decode_c_struct(tmp, buckets, bucket_fn, bucket_sort_fn)

            for bucket in buckets:
                vals = tmp[bucket]
                if section_print_fn:
                    print("\n%s = %s" % (section_header,
                        section_print_fn(bucket)))
                else:
                    print("\n%s = %r" % (section_header, bucket))
                _print_linear_hist(vals, val_type, strip_leading_zero)
        else:
            vals = [0] * linear_index_max
            for k, v in self.items():
                try:
                    vals[k.value] = v.value
                except IndexError:
                    # Improve error text. If the limit proves a nusiance, this
                    # function be rewritten to avoid having one.
                    raise IndexError(("Index in print_linear_hist() of %d " +
                        "exceeds max of %d.") % (k.value, linear_index_max))
            _print_linear_hist(vals, val_type, strip_leading_zero)


class HashTable(TableBase):
    def __init__(self, *args, **kwargs):
        super(HashTable, self).__init__(*args, **kwargs)

    def __len__(self):
        i = 0
        for k in self: i += 1
        return i


class LruHash(HashTable):
    def __init__(self, *args, **kwargs):
        super(LruHash, self).__init__(*args, **kwargs)


class ArrayBase(TableBase):
    def __init__(self, *args, **kwargs):
        super(ArrayBase, self).__init__(*args, **kwargs)

    def _normalize_key(self, key):
        if isinstance(key, int):
            if key < 0:
                key = len(self) + key
            key = self.Key(key)
        if not isinstance(key, ct._SimpleCData):
            raise IndexError("Array index must be an integer type")
        if key.value >= len(self):
            raise IndexError("Array index out of range")
        return key

    def __len__(self):
        return self.max_entries

    def __getitem__(self, key):
        key = self._normalize_key(key)
        return super(ArrayBase, self).__getitem__(key)

    def __setitem__(self, key, leaf):
        key = self._normalize_key(key)
        super(ArrayBase, self).__setitem__(key, leaf)

    def __delitem__(self, key):
        key = self._normalize_key(key)
        super(ArrayBase, self).__delitem__(key)

    def clearitem(self, key):
        key = self._normalize_key(key)
        leaf = self.Leaf()
        res = self._update(key, leaf, 0)
        if res < 0:
            raise Exception("Could not clear item")

    def __iter__(self):
        return ArrayBase.Iter(self, self.Key)

    class Iter(object):
        def __init__(self, table, keytype):
            self.Key = keytype
            self.table = table
            self.i = -1

        def __iter__(self):
            return self
        def __next__(self):
            return self.next()
        def next(self):
            self.i += 1
            if self.i == len(self.table):
                raise StopIteration()
            return self.Key(self.i)


class Array(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(Array, self).__init__(*args, **kwargs)

    def __delitem__(self, key):
        # Delete in Array type does not have an effect, so zero out instead
        self.clearitem(key)


class ProgArray(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(ProgArray, self).__init__(*args, **kwargs)

    def __setitem__(self, key, leaf):
        if isinstance(leaf, int):
            leaf = self.Leaf(leaf)
        if isinstance(leaf, self.bpf.Function):
            leaf = self.Leaf(leaf.fd)
        super(ProgArray, self).__setitem__(key, leaf)


class FileDesc:
    def __init__(self, fd):
        if (fd is None) or (fd < 0):
            raise Exception("Invalid file descriptor")
        self.fd = fd

    def clean_up(self):
        if (self.fd is not None) and (self.fd >= 0):
            os.close(self.fd)
            self.fd = None

    def __del__(self):
        self.clean_up()

    def __enter__(self, *args, **kwargs):
        return self

    def __exit__(self, *args, **kwargs):
        self.clean_up()


class CgroupArray(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(CgroupArray, self).__init__(*args, **kwargs)

    def __setitem__(self, key, leaf):
        if isinstance(leaf, int):
            super(CgroupArray, self).__setitem__(key, self.Leaf(leaf))
        elif isinstance(leaf, str):
            with FileDesc(os.open(leaf, os.O_RDONLY)) as f:
                super(CgroupArray, self).__setitem__(key, self.Leaf(f.fd))
        else:
            raise Exception("Cgroup array key must be either FD or cgroup path")


class PerfEventArray(ArrayBase):

    def __init__(self, *args, **kwargs):
        super(PerfEventArray, self).__init__(*args, **kwargs)
        self._open_key_fds = {}
        self._event_class = None
        self._pb = None

    def __del__(self):
        try:
            self._close_all()
        except Exception:
            pass

    def _close_all(self):
        if self._pb is not None:
            self.bpf._perf_buffers.pop(id(self), None)
            self.bpf.perf_buffers.pop((id(self), -1), None)
            lib.bccrs_perf_buffer_free(self._pb)
            self._pb = None
            self._cbs.clear()
        for key in list(self._open_key_fds.keys()):
            fd = self._open_key_fds.pop(key)
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def __delitem__(self, key):
        if isinstance(key, int) and key in self._open_key_fds:
            fd = self._open_key_fds.pop(key)
            if fd >= 0:
                super(PerfEventArray, self).__delitem__(key)
                os.close(fd)
        elif not self._open_key_fds and self._pb is not None:
            self._close_all()

    def event(self, data):
        """event(data)

        When perf buffers are opened to receive custom perf event,
        the underlying event data struct which is defined in C in
        the BPF program can be deduced via this function. This avoids
        redundant definitions in Python.
        """
        if self._event_class == None:
            self._event_class = _get_event_class(self)
        return ct.cast(data, ct.POINTER(self._event_class)).contents

    def open_perf_buffer(self, callback, page_cnt=8, lost_cb=None, wakeup_events=1):
        """open_perf_buffers(callback)

        Opens a set of per-cpu ring buffer to receive custom perf event
        data from the bpf program. The callback will be invoked for each
        event submitted from the kernel, up to millions per second. Use
        page_cnt to change the size of the per-cpu ring buffer. The value
        must be a power of two and defaults to 8.
        """

        if page_cnt & (page_cnt - 1) != 0:
            raise Exception("Perf buffer page_cnt must be a power of two")
        if self._pb is not None:
            raise Exception("Perf buffer of %s is already open" % self._name)
        bpf = self.bpf

        def raw_cb_(_, cpu, data, size):
            try:
                callback(cpu, data, size)
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)

        def lost_cb_(_, cpu, lost):
            try:
                lost_cb(lost)
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)

        fn = PERF_SAMPLE_FN(raw_cb_)
        lost_fn = PERF_LOST_FN(lost_cb_) if lost_cb else ct.cast(None, PERF_LOST_FN)
        pb = lib.bccrs_perf_buffer_open(self._h(), self._n(), page_cnt, fn, lost_fn, None)
        if not pb:
            raise Exception("Could not open perf buffer: %s" % last_error())
        self._pb = pb
        # keep a refcnt
        self._cbs[-1] = (fn, lost_fn)
        bpf._perf_buffers[id(self)] = pb
        bpf.perf_buffers[(id(self), -1)] = pb

    def _open_perf_event(self, cpu, typ, config, pid=-1):
        from .perf import Perf
        from . import _sys
        attr = Perf.perf_event_attr()
        attr.type = typ
        attr.config = config
        fd = _sys.perf_event_open(attr, pid, cpu)
        self[self.Key(cpu)] = self.Leaf(fd)
        self._open_key_fds[cpu] = fd

    def open_perf_event(self, typ, config, pid=-1):
        """open_perf_event(typ, config)

        Configures the table such that calls from the bpf program to
        table.perf_read(CUR_CPU_IDENTIFIER) will return the hardware
        counter denoted by event ev on the local cpu.
        """
        for i in get_online_cpus():
            self._open_perf_event(i, typ, config, pid)


class PerCpuHash(HashTable):
    def __init__(self, *args, **kwargs):
        self.reducer = kwargs.pop("reducer", None)
        super(PerCpuHash, self).__init__(*args, **kwargs)
        _percpu_leaf(self)

    def getvalue(self, key):
        result = super(PerCpuHash, self).__getitem__(key)
        if self.alignment == 0:
            ret = result
        else:
            ret = (self.sLeaf * self.total_cpu)()
            for i in range(0, self.total_cpu):
                ret[i] = _unpad(self.sLeaf, result[i])
        return ret

    def __getitem__(self, key):
        if self.reducer:
            return reduce(self.reducer, self.getvalue(key))
        else:
            return self.getvalue(key)

    def __setitem__(self, key, leaf):
        super(PerCpuHash, self).__setitem__(key, _pad_percpu(self, leaf))

    def sum(self, key):
        if isinstance(self.Leaf(), ct.Structure) or issubclass(self.sLeaf, (ct.Structure, ct.Union)):
            raise IndexError("Leaf must be an integer type for default sum functions")
        return self.sLeaf(sum(_values(self.getvalue(key))))

    def max(self, key):
        if isinstance(self.Leaf(), ct.Structure) or issubclass(self.sLeaf, (ct.Structure, ct.Union)):
            raise IndexError("Leaf must be an integer type for default max functions")
        return self.sLeaf(max(_values(self.getvalue(key))))

    def average(self, key):
        result = self.sum(key)
        return result.value / self.total_cpu


class LruPerCpuHash(PerCpuHash):
    def __init__(self, *args, **kwargs):
        super(LruPerCpuHash, self).__init__(*args, **kwargs)


class PerCpuArray(ArrayBase):
    def __init__(self, *args, **kwargs):
        self.reducer = kwargs.pop("reducer", None)
        super(PerCpuArray, self).__init__(*args, **kwargs)
        _percpu_leaf(self)

    def getvalue(self, key):
        result = super(PerCpuArray, self).__getitem__(key)
        if self.alignment == 0:
            ret = result
        else:
            ret = (self.sLeaf * self.total_cpu)()
            for i in range(0, self.total_cpu):
                ret[i] = _unpad(self.sLeaf, result[i])
        return ret

    def __getitem__(self, key):
        if (self.reducer):
            return reduce(self.reducer, self.getvalue(key))
        else:
            return self.getvalue(key)

    def __setitem__(self, key, leaf):
        super(PerCpuArray, self).__setitem__(key, _pad_percpu(self, leaf))

    def __delitem__(self, key):
        # Delete in this type does not have an effect, so zero out instead
        self.clearitem(key)

    def sum(self, key):
        if isinstance(self.Leaf(), ct.Structure) or issubclass(self.sLeaf, (ct.Structure, ct.Union)):
            raise IndexError("Leaf must be an integer type for default sum functions")
        return self.sLeaf(sum(_values(self.getvalue(key))))

    def max(self, key):
        if isinstance(self.Leaf(), ct.Structure) or issubclass(self.sLeaf, (ct.Structure, ct.Union)):
            raise IndexError("Leaf must be an integer type for default max functions")
        return self.sLeaf(max(_values(self.getvalue(key))))

    def average(self, key):
        result = self.sum(key)
        return result.value / self.total_cpu


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


class LpmTrie(TableBase):
    def __init__(self, *args, **kwargs):
        super(LpmTrie, self).__init__(*args, **kwargs)

    def __len__(self):
        raise NotImplementedError


class StackTrace(TableBase):
    MAX_DEPTH = 127
    BPF_F_STACK_BUILD_ID = (1<<5)
    BPF_STACK_BUILD_ID_EMPTY =  0 #can't get stacktrace
    BPF_STACK_BUILD_ID_VALID = 1 #valid build-id,ip
    BPF_STACK_BUILD_ID_IP = 2 #fallback to ip

    def __init__(self, *args, **kwargs):
        super(StackTrace, self).__init__(*args, **kwargs)

    class StackWalker(object):
        def __init__(self, stack, flags, resolve=None):
            self.stack = stack
            self.n = -1
            self.resolve = resolve
            self.flags = flags

        def __iter__(self):
            return self

        def __next__(self):
            return self.next()

        def next(self):
            self.n += 1
            if self.n == StackTrace.MAX_DEPTH:
                raise StopIteration()

            if self.flags & StackTrace.BPF_F_STACK_BUILD_ID:
              addr = self.stack.trace[self.n]
              if addr.status == StackTrace.BPF_STACK_BUILD_ID_IP or \
                 addr.status == StackTrace.BPF_STACK_BUILD_ID_EMPTY:
                  raise StopIteration()
            else:
              addr = self.stack.ip[self.n]

            if addr == 0 :
                raise StopIteration()

            return self.resolve(addr) if self.resolve else addr

    def walk(self, stack_id, resolve=None):
        return StackTrace.StackWalker(self[self.Key(stack_id)], self.flags, resolve)

    def __len__(self):
        i = 0
        for k in self: i += 1
        return i

    def clear(self):
        pass


class DevMap(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(DevMap, self).__init__(*args, **kwargs)


class CpuMap(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(CpuMap, self).__init__(*args, **kwargs)


class XskMap(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(XskMap, self).__init__(*args, **kwargs)


class MapInMapArray(ArrayBase):
    def __init__(self, *args, **kwargs):
        super(MapInMapArray, self).__init__(*args, **kwargs)


class MapInMapHash(HashTable):
    def __init__(self, *args, **kwargs):
        super(MapInMapHash, self).__init__(*args, **kwargs)


class RingBuf(TableBase):
    def __init__(self, *args, **kwargs):
        super(RingBuf, self).__init__(*args, **kwargs)
        self._ringbuf = None
        self._event_class = None

    def __delitem(self, key):
        pass

    def __del__(self):
        pass

    def __len__(self):
        return 0

    def event(self, data):
        """event(data)

        When ring buffers are opened to receive custom event,
        the underlying event data struct which is defined in C in
        the BPF program can be deduced via this function. This avoids
        redundant definitions in Python.
        """
        if self._event_class == None:
            self._event_class = _get_event_class(self)
        return ct.cast(data, ct.POINTER(self._event_class)).contents

    def open_ring_buffer(self, callback, ctx=None):
        """open_ring_buffer(callback)

        Opens a ring buffer to receive custom event data from the bpf program.
        The callback will be invoked for each event submitted from the kernel,
        up to millions per second.
        """
        bpf = self.bpf

        def ringbuf_cb_(_ctx, data, size):
            ret = 0
            try:
                ret = callback(ctx, data, size)
                # Callback for ringbufs should _always_ return an integer.
                # If the function the user registers does not,
                # simply fall back to returning 0.
                try:
                    ret = int(ret)
                except:
                    ret = 0
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
                ret = 0
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)
                ret = 0
            if bpf._pending_exc is not None:
                return -4  # -EINTR: stop consuming, poll returns and raises it
            return ret

        fn = RING_SAMPLE_FN(ringbuf_cb_)
        rb = lib.bccrs_ring_buffer_open(self._h(), self._n(), fn, None)
        if not rb:
            raise Exception("Could not open ring buffer: %s" % last_error())
        self._ringbuf = rb
        self.bpf._open_ring_buffer(self, rb)
        # keep a refcnt
        self._cbs[0] = fn


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


def _sprintf(v):
    """BCC's text form of a value: ints as 0x.., structs { a b }, arrays [ x y ], char arrays
    as quoted strings."""
    if isinstance(v, ct.Array):
        if v._type_ is ct.c_char:
            return '"%s"' % bytes(v).split(b"\0")[0].decode(errors="replace")
        return "[ " + " ".join(_sprintf(x) for x in v) + " ]"
    if isinstance(v, (ct.Structure, ct.Union)):
        return "{ " + " ".join(_sprintf(getattr(v, f[0])) for f in v._fields_) + " }"
    if isinstance(v, ct._SimpleCData):
        v = v.value
    if isinstance(v, bytes):
        return "0x%x" % (v[0] if v else 0)
    if isinstance(v, float):
        return repr(v)
    return "0x%x" % (v & 0xffffffffffffffff)


def _sscanf(typ, s):
    s = s.decode() if isinstance(s, bytes) else s
    toks = re.findall(r'"[^"]*"|[{}\[\]]|[^\s{}\[\]]+', s)
    pos = [0]

    def parse(t):
        tok = toks[pos[0]] if pos[0] < len(toks) else None
        if issubclass(t, ct.Array):
            if t._type_ is ct.c_char and tok and tok.startswith('"'):
                pos[0] += 1
                return t(*tok[1:-1].encode()[:t._length_ - 1]) if False else t.from_buffer_copy(
                    tok[1:-1].encode()[:t._length_].ljust(ct.sizeof(t), b"\0"))
            pos[0] += 1  # [
            vals = [parse(t._type_) for _ in range(t._length_)]
            pos[0] += 1  # ]
            return t(*vals)
        if issubclass(t, (ct.Structure, ct.Union)):
            pos[0] += 1  # {
            out = t()
            for f in t._fields_:
                setattr(out, f[0], parse(f[1]))
            pos[0] += 1  # }
            return out
        pos[0] += 1
        n = int(tok, 0)
        return bytes([n]) if t is ct.c_char else n

    v = parse(typ)
    return v if isinstance(v, typ) else typ(v)
