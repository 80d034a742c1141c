"""ctypes types from the JSON type descriptions of bccrs_map_type (BTF): ints, chars, arrays,
structs and unions with the exact offsets and sizes of the BPF object, bitfields included."""
import ctypes as ct
import json

_SIGNED = {1: ct.c_byte, 2: ct.c_short, 4: ct.c_int, 8: ct.c_longlong}
_UNSIGNED = {1: ct.c_ubyte, 2: ct.c_ushort, 4: ct.c_uint, 8: ct.c_ulonglong}
_CHAR_NAMES = ("char", "s8")


def _int_type(d, for_bitfield=False):
    size = d.get("size", 4)
    signed = d.get("signed", False)
    if d.get("bool") and not for_bitfield:
        return ct.c_bool
    if size == 1 and signed and not for_bitfield and (d.get("name") in _CHAR_NAMES or d.get("char")):
        return ct.c_char
    if size == 16:
        return (ct.c_int64 if signed else ct.c_uint64) * 2
    table = _SIGNED if signed else _UNSIGNED
    if size in table:
        return table[size]
    return ct.c_ubyte * size


def _bitfield_base(d):
    """The integer type a bitfield of description d is declared with."""
    k = d.get("kind")
    if k == "int":
        return _int_type(d, for_bitfield=True)
    if k == "enum":
        return (_SIGNED if d.get("signed") else _UNSIGNED).get(d.get("size", 4), ct.c_uint)
    return ct.c_uint


def ctype(d):
    """The ctypes type of one description (a dict, or its JSON text)."""
    if isinstance(d, (str, bytes)):
        d = json.loads(d)
    k = d.get("kind")
    if k == "int":
        return _int_type(d)
    if k == "enum":
        return (_SIGNED if d.get("signed") else _UNSIGNED).get(d.get("size", 4), ct.c_uint)
    if k == "float":
        return {4: ct.c_float, 8: ct.c_double}.get(d.get("size"), ct.c_longdouble)
    if k == "ptr":
        return ct.c_ulonglong
    if k == "array":
        return ctype(d["elem"]) * d.get("len", 0)
    if k in ("struct", "union"):
        return _record(d)
    return ct.c_ubyte * d.get("size", 0)


def _tag(d):
    name = d.get("name") or ""
    for p in ("struct ", "union "):
        if name.startswith(p):
            name = name[len(p):]
    if name == "(anon)":
        name = ""
    return str(name)


def _is_record(d):
    return d.get("kind") in ("struct", "union")


def _natural(d):
    """Fields in declaration order with C's natural alignment, as BCC builds them."""
    base = ct.Union if d["kind"] == "union" else ct.Structure
    fields, anon = [], []
    for f in d.get("fields", []):
        t = f["type"]
        name = f.get("name") or ""
        if not name:
            name = "__anon%d" % len(anon)
            if _is_record(t):
                anon.append(name)
        if f.get("bit_size"):
            fields.append((name, _bitfield_base(t), f["bit_size"]))
        else:
            fields.append((name, ctype(t)))
    return base, fields, anon


def _matches(cls, d):
    if ct.sizeof(cls) != d["size"]:
        return False
    for (cf, f) in zip(cls._fields_, d.get("fields", [])):
        desc = getattr(cls, cf[0])
        if f.get("bit_size"):
            bitoff = desc.size & 0xffff
            if desc.offset * 8 + bitoff != f.get("bit_offset"):
                return False
        elif desc.offset != f["offset"]:
            return False
    return True


def _bit_property(storage, start_bit, nbits, signed):
    def get(self):
        raw = int.from_bytes(bytes(getattr(self, storage)), "little")
        v = (raw >> start_bit) & ((1 << nbits) - 1)
        if signed and v >> (nbits - 1):
            v -= 1 << nbits
        return v

    def set_(self, value):
        arr = getattr(self, storage)
        raw = int.from_bytes(bytes(arr), "little")
        mask = ((1 << nbits) - 1) << start_bit
        raw = (raw & ~mask) | ((int(value) << start_bit) & mask)
        ct.memmove(arr, raw.to_bytes(len(arr), "little"), len(arr))

    return property(get, set_)


def _packed(d):
    """Fields at their BTF offsets with explicit padding (BCC's "struct_packed" shape);
    bitfields become properties over the bytes that hold them."""
    size = d["size"]
    fields, anon, props = [], [], {}
    pos = 0
    i = 0
    flds = d.get("fields", [])
    while i < len(flds):
        f = flds[i]
        name = f.get("name") or ""
        if f.get("bit_size"):
            # A run of bitfields: one byte array covering them.
            start = f["bit_offset"] // 8
            j, end_bit = i, 0
            members = []
            while j < len(flds) and flds[j].get("bit_size"):
                g = flds[j]
                end_bit = max(end_bit, g["bit_offset"] + g["bit_size"])
                members.append(g)
                j += 1
            end = (end_bit + 7) // 8
            start = min(start, end)
            if start > pos:
                fields.append(("__pad_%d" % i, ct.c_char * (start - pos)))
            elif start < pos:
                start = pos
            storage = "__bits_%d" % i
            fields.append((storage, ct.c_ubyte * max(end - start, 0)))
            for g in members:
                props[g.get("name") or "__anon_bits%d" % j] = _bit_property(
                    storage, g["bit_offset"] - start * 8, g["bit_size"],
                    bool(g["type"].get("signed")))
            pos = max(end, start)
            i = j
            continue
        off = f["offset"]
        if off > pos:
            fields.append(("__pad_%d" % i, ct.c_char * (off - pos)))
            pos = off
        t = ctype(f["type"])
        if not name:
            name = "__anon%d" % len(anon)
            if _is_record(f["type"]):
                anon.append(name)
        if d["kind"] == "union":
            pos = 0
            fields.append((name, t))
        else:
            fields.append((name, t))
            pos = off + ct.sizeof(t)
        i += 1
    base = ct.Union if d["kind"] == "union" else ct.Structure
    if d["kind"] != "union" and size > pos:
        fields.append(("__pad_end", ct.c_char * (size - pos)))
    ns = dict(_pack_=1, _anonymous_=anon, _fields_=fields)
    ns.update(props)
    cls = type(_tag(d), (base,), ns)
    if d["kind"] == "union" and ct.sizeof(cls) < size:
        fields.append(("__pad_end", ct.c_char * size))
        ns = dict(_pack_=1, _anonymous_=anon, _fields_=fields)
        ns.update(props)
        cls = type(_tag(d), (base,), ns)
    return cls


def _record(d):
    base, fields, anon = _natural(d)
    try:
        cls = type(_tag(d), (base,), dict(_anonymous_=anon, _fields_=fields))
        if _matches(cls, d):
            return cls
        # Only the tail differs (an aligned attribute): pad it.
        if ct.sizeof(cls) < d["size"] and d["kind"] == "struct":
            cls2 = type(_tag(d), (base,), dict(
                _anonymous_=anon,
                _fields_=fields + [("__pad_end", ct.c_char * (d["size"] - ct.sizeof(cls)))]))
            if _matches(cls2, d):
                return cls2
    except (TypeError, ValueError):
        pass
    return _packed(d)


def describe(cls):
    """A short text of a ctypes type, for messages."""
    return getattr(cls, "__name__", str(cls))
