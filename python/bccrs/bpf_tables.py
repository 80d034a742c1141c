# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's tables: b[name] / get_table, and the key and leaf ctypes from the type
descriptions bccrs keeps with each map (or BCC's list-shaped ones)."""
import ctypes as ct

from ._lib import lib as _clib, MapInfo
from . import _sys, _types
from .table import Table, BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, get_table_type_name
from .utils import _assert_is_bytes

try:
    basestring
except NameError:  # Python 3
    basestring = str


def _prog_str(p):
    return p.decode() if isinstance(p, bytes) else p


class TablesMixin(object):
    """b[name], get_table, and the ctypes of a table's keys and leaves."""

    def _map_info(self, name):
        name = _prog_str(name)
        info = self._infos.get(name)
        if info is None:
            info = MapInfo()
            r = _clib.bccrs_map_info(self._handle(), name.encode(), ct.byref(info))
            if r < 0:
                raise KeyError(name)
            self._infos[name] = info
        return info

    def _map_flags(self, name):
        name = _prog_str(name)
        if name not in self._flags:
            try:
                self._flags[name] = _sys.map_info(self._map_info(name).fd)[5]
            except OSError:
                self._flags[name] = 0
        return self._flags[name]

    def _map_names(self):
        h = self._handle()
        return [_clib.bccrs_map_name(h, i).decode() for i in range(_clib.bccrs_map_count(h))]

    def decode_table(self, table_name, sizeinfo=False):
        t = self[table_name]
        out = "Table %s: %s, key %s, leaf %s, max_entries %d" % (
            table_name, get_table_type_name(t.ttype), _types.describe(getattr(t, "Key", None)),
            _types.describe(t.Leaf), t.max_entries)
        return out

    str2ctype = {
        u"_Bool": ct.c_bool,
        u"char": ct.c_char,
        u"wchar_t": ct.c_wchar,
        u"unsigned char": ct.c_ubyte,
        u"short": ct.c_short,
        u"unsigned short": ct.c_ushort,
        u"int": ct.c_int,
        u"unsigned int": ct.c_uint,
        u"long": ct.c_long,
        u"unsigned long": ct.c_ulong,
        u"long long": ct.c_longlong,
        u"unsigned long long": ct.c_ulonglong,
        u"float": ct.c_float,
        u"double": ct.c_double,
        u"long double": ct.c_longdouble,
        u"__int128": ct.c_int64 * 2,
        u"unsigned __int128": ct.c_uint64 * 2,
    }

    @staticmethod
    def _decode_table_type(desc):
        """BCC's list-shaped type descriptions, or bccrs's dict-shaped ones."""
        if isinstance(desc, dict):
            return _types.ctype(desc)
        if isinstance(desc, basestring):
            return TablesMixin.str2ctype[desc]
        anon = []
        fields = []
        for t in desc[1]:
            if len(t) == 2:
                fields.append((t[0], TablesMixin._decode_table_type(t[1])))
            elif len(t) == 3:
                if isinstance(t[2], list):
                    fields.append((t[0], TablesMixin._decode_table_type(t[1]) * t[2][0]))
                elif isinstance(t[2], int):
                    fields.append((t[0], TablesMixin._decode_table_type(t[1]), t[2]))
                elif isinstance(t[2], basestring) and (
                        t[2] == u"union" or t[2] == u"struct" or
                        t[2] == u"struct_packed"):
                    name = t[0]
                    if name == "":
                        name = "__anon%d" % len(anon)
                        anon.append(name)
                    fields.append((name, TablesMixin._decode_table_type(t)))
                else:
                    raise Exception("Failed to decode type %s" % str(t))
            else:
                raise Exception("Failed to decode type %s" % str(t))
        base = ct.Structure
        is_packed = False
        if len(desc) > 2:
            if desc[2] == u"union":
                base = ct.Union
            elif desc[2] == u"struct":
                base = ct.Structure
            elif desc[2] == u"struct_packed":
                base = ct.Structure
                is_packed = True
        if is_packed:
            cls = type(str(desc[0]), (base,), dict(_anonymous_=anon, _pack_=1,
                _fields_=fields))
        else:
            cls = type(str(desc[0]), (base,), dict(_anonymous_=anon,
                _fields_=fields))
        return cls

    def _table_ctype(self, name, which, size):
        desc = _clib.bccrs_map_type(self._handle(), name.encode(), which)
        if desc:
            return _types.ctype(desc.decode())
        return {4: ct.c_int, 8: ct.c_ulonglong, 2: ct.c_ushort, 1: ct.c_ubyte}.get(
            size, ct.c_ubyte * size)

    def get_table(self, name, keytype=None, leaftype=None, reducer=None):
        name = _prog_str(_assert_is_bytes(name))
        info = MapInfo()
        if _clib.bccrs_map_info(self._handle(), name.encode(), ct.byref(info)) < 0:
            raise KeyError(name)
        self._infos[name] = info
        is_queuestack = info.map_type in [BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK] or \
            info.percpu_queue
        if not keytype and not is_queuestack:
            keytype = self._table_ctype(name, 0, info.key_size)
        if not leaftype:
            leaftype = self._table_ctype(name, 1, info.value_size)
            if info.map_type == 7 and issubclass(leaftype, ct.Array):  # STACK_TRACE: u64[N]
                leaftype = type("stack_trace_t", (ct.Structure,), dict(_fields_=[("ip", leaftype)]))
        return Table(self, name, info.fd, keytype, leaftype, name, reducer=reducer)

    def __getitem__(self, key):
        k = _prog_str(key)
        if k not in self.tables:
            self.tables[k] = self.get_table(k)
        return self.tables[k]

    def __setitem__(self, key, leaf):
        self.tables[_prog_str(key)] = leaf

    def __len__(self):
        return len(self.tables)

    def __delitem__(self, key):
        del self.tables[_prog_str(key)]

    def __iter__(self):
        return self.tables.__iter__()
