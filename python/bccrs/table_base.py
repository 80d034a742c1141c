# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""TableBase, the keyed-table protocol every bcc.table class builds on (lookup, update,
delete, iteration, batch operations), and the text forms of keys and leaves."""
from __future__ import print_function

try:
    from collections.abc import MutableMapping
except ImportError:  # pragma: no cover
    from collections import MutableMapping
import ctypes as ct
import errno
import os
import re

from ._lib import lib, to_bytes
from .table_hist import HistMixin


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


class TableBase(MutableMapping, _MapOps, HistMixin):

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
