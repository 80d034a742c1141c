"""A small reader of the kernel's BTF (/sys/kernel/btf/vmlinux) for
BPF.kernel_struct_has_field and BPF.kernel_enum_has_val."""
import os
import struct

VMLINUX = "/sys/kernel/btf/vmlinux"

_INT, _PTR, _ARRAY, _STRUCT, _UNION, _ENUM, _FWD, _TYPEDEF, _VOLATILE, _CONST, _RESTRICT, \
    _FUNC, _FUNC_PROTO, _VAR, _DATASEC, _FLOAT, _DECL_TAG, _TYPE_TAG, _ENUM64 = range(1, 20)

_cache = None


def _load(path=VMLINUX):
    global _cache
    if _cache is None:
        with open(path, "rb") as f:
            data = f.read()
        magic, _ver, _flags, hdr_len, type_off, type_len, str_off, str_len = struct.unpack_from(
            "<HBBIIIII", data, 0)
        if magic != 0xeB9F:
            raise ValueError("%s: not BTF" % path)
        strs = data[hdr_len + str_off: hdr_len + str_off + str_len]
        _cache = (data, hdr_len + type_off, hdr_len + type_off + type_len, strs)
    return _cache


def _name(strs, off):
    end = strs.find(b"\0", off)
    return strs[off:end]


def _types(kinds):
    """(kind, name, members) for types of the given kinds; members are names."""
    data, pos, end, strs = _load()
    while pos < end:
        name_off, info, _size = struct.unpack_from("<III", data, pos)
        pos += 12
        kind = (info >> 24) & 0x1f
        vlen = info & 0xffff
        extra = 0
        members = None
        if kind == _INT or kind == _VAR or kind == _DECL_TAG:
            extra = 4
        elif kind == _ARRAY:
            extra = 12
        elif kind in (_STRUCT, _UNION):
            extra = 12 * vlen
            if kind in kinds:
                members = [_name(strs, struct.unpack_from("<I", data, pos + 12 * i)[0])
                           for i in range(vlen)]
        elif kind == _ENUM:
            extra = 8 * vlen
            if kind in kinds:
                members = [_name(strs, struct.unpack_from("<I", data, pos + 8 * i)[0])
                           for i in range(vlen)]
        elif kind == _ENUM64:
            extra = 12 * vlen
            if kind in kinds:
                members = [_name(strs, struct.unpack_from("<I", data, pos + 12 * i)[0])
                           for i in range(vlen)]
        elif kind == _FUNC_PROTO:
            extra = 8 * vlen
        elif kind == _DATASEC:
            extra = 12 * vlen
        if kind in kinds:
            yield kind, _name(strs, name_off), members
        pos += extra


def _b(s):
    return s if isinstance(s, bytes) else s.encode()


def struct_has_field(struct_name, field_name):
    if not os.path.exists(VMLINUX):
        return False
    s, f = _b(struct_name), _b(field_name)
    for _kind, name, members in _types((_STRUCT, _UNION)):
        if name == s:
            return f in members
    return False


def enum_has_val(enum_name, val_name):
    if not os.path.exists(VMLINUX):
        return False
    e, v = _b(enum_name), _b(val_name)
    for _kind, name, members in _types((_ENUM, _ENUM64)):
        if name == e:
            return v in members
    return False


def has_kernel_btf():
    return os.path.exists(VMLINUX)
