//! Reading a BPF object's BTF (through libbpf) to name and decode map keys, values and events.
use libbpf_sys as sys;
use serde_json::{json, Value};
use std::ffi::{CStr, CString};

const INT: u32 = 1;
const PTR: u32 = 2;
const ARRAY: u32 = 3;
const STRUCT: u32 = 4;
const UNION: u32 = 5;
const ENUM: u32 = 6;
const TYPEDEF: u32 = 8;
const VOLATILE: u32 = 9;
const CONST: u32 = 10;
const RESTRICT: u32 = 11;
const VAR: u32 = 14;
const DATASEC: u32 = 15;
const FLOAT: u32 = 16;
const TYPE_TAG: u32 = 18;
const ENUM64: u32 = 19;

/// A borrowed libbpf `struct btf` (owned by the object it came from).
#[derive(Clone, Copy)]
pub struct Btf {
    raw: *const sys::btf,
}

/// A copy of an object's BTF that this value owns: it outlives the object and may move to
/// another thread (a metrics scrape decodes tables while the event loop runs).
pub struct OwnedBtf {
    raw: *mut sys::btf,
}

// SAFETY: libbpf's `struct btf` has no thread affinity; this copy is reached only through
// `&self`/`get()` by whoever owns it, and libbpf's BTF lookups do not mutate it.
unsafe impl Send for OwnedBtf {}
unsafe impl Sync for OwnedBtf {}

impl OwnedBtf {
    /// A private copy of `btf`'s types and strings.
    pub fn copy_of(btf: Btf) -> Option<OwnedBtf> {
        unsafe {
            let mut size = 0u32;
            let data = sys::btf__raw_data(btf.raw, &mut size);
            if data.is_null() {
                return None;
            }
            let raw = sys::btf__new(data, size);
            (!raw.is_null() && sys::libbpf_get_error(raw as *const _) == 0).then_some(OwnedBtf { raw })
        }
    }

    pub fn get(&self) -> Btf {
        Btf { raw: self.raw }
    }
}

impl Drop for OwnedBtf {
    fn drop(&mut self) {
        unsafe { sys::btf__free(self.raw) }
    }
}

struct Ty {
    name: String,
    kind: u32,
    vlen: usize,
    kflag: bool,
    /// `size` or `type`, depending on the kind.
    size_or_type: u32,
    /// The words after the common header.
    extra: *const u32,
}

impl Btf {
    /// # Safety
    /// `raw` must stay valid while this value is used.
    pub unsafe fn from_raw(raw: *const sys::btf) -> Option<Btf> {
        (!raw.is_null()).then_some(Btf { raw })
    }

    fn ty(&self, id: u32) -> Option<Ty> {
        unsafe {
            let t = sys::btf__type_by_id(self.raw, id);
            if t.is_null() {
                return None;
            }
            let info = (*t).info;
            Some(Ty {
                name: self.name((*t).name_off),
                kind: (info >> 24) & 0x1f,
                vlen: (info & 0xffff) as usize,
                kflag: info >> 31 == 1,
                size_or_type: (*t).__bindgen_anon_1.size,
                extra: (t as *const u8).add(12) as *const u32,
            })
        }
    }

    fn name(&self, off: u32) -> String {
        unsafe {
            let p = sys::btf__name_by_offset(self.raw, off);
            if p.is_null() {
                String::new()
            } else {
                CStr::from_ptr(p).to_string_lossy().into_owned()
            }
        }
    }

    fn word(t: &Ty, i: usize) -> u32 {
        unsafe { *t.extra.add(i) }
    }

    /// Skips typedefs and qualifiers.
    pub fn resolve(&self, mut id: u32) -> u32 {
        for _ in 0..32 {
            match self.ty(id) {
                Some(t) if matches!(t.kind, TYPEDEF | VOLATILE | CONST | RESTRICT | TYPE_TAG) => id = t.size_or_type,
                _ => break,
            }
        }
        id
    }

    pub fn size(&self, id: u32) -> usize {
        let s = unsafe { sys::btf__resolve_size(self.raw, id) };
        s.max(0) as usize
    }

    /// A C spelling of the type, for headers (`u32`, `struct key_t`, `char[16]`).
    pub fn type_name(&self, id: u32) -> String {
        let Some(t) = self.ty(id) else { return "?".into() };
        match t.kind {
            INT | FLOAT | TYPEDEF => t.name,
            STRUCT => format!("struct {}", if t.name.is_empty() { "(anon)" } else { &t.name }),
            UNION => format!("union {}", if t.name.is_empty() { "(anon)" } else { &t.name }),
            ENUM | ENUM64 => format!("enum {}", t.name),
            PTR => format!("{} *", self.type_name(t.size_or_type)),
            CONST | VOLATILE | RESTRICT | TYPE_TAG => self.type_name(t.size_or_type),
            ARRAY => format!("{}[{}]", self.type_name(Self::word(&t, 0)), Self::word(&t, 2)),
            0 => "void".into(),
            _ => t.name,
        }
    }

    /// The id of a named type: `struct x`, `union x`, `enum x` or a typedef/base name.
    pub fn find(&self, spelling: &str) -> Option<u32> {
        let (name, kinds): (&str, &[u32]) = if let Some(n) = spelling.strip_prefix("struct ") {
            (n, &[STRUCT])
        } else if let Some(n) = spelling.strip_prefix("union ") {
            (n, &[UNION])
        } else if let Some(n) = spelling.strip_prefix("enum ") {
            (n, &[ENUM, ENUM64])
        } else {
            (spelling, &[TYPEDEF, INT, FLOAT])
        };
        let c = CString::new(name.trim()).ok()?;
        kinds.iter().find_map(|&k| {
            let id = unsafe { sys::btf__find_by_name_kind(self.raw, c.as_ptr(), k) };
            (id > 0).then_some(id as u32)
        })
    }

    /// Key and value type ids of a BTF-defined map, from its definition in `.maps` (libbpf
    /// clears the ids of kinds the kernel takes no BTF for, such as queues; the definition
    /// still has them).
    pub fn map_key_value(&self, map: &str) -> (Option<u32>, Option<u32>) {
        let n = unsafe { sys::btf__type_cnt(self.raw) };
        for id in 1..n {
            let Some(sec) = self.ty(id) else { continue };
            if sec.kind != DATASEC || sec.name != ".maps" {
                continue;
            }
            for i in 0..sec.vlen {
                let var = Self::word(&sec, i * 3);
                let Some(v) = self.ty(var) else { continue };
                if v.kind != VAR || v.name != map {
                    continue;
                }
                let Some(def) = self.ty(self.resolve(v.size_or_type)) else { break };
                let mut key = None;
                let mut value = None;
                for m in 0..def.vlen {
                    let name = self.name(Self::word(&def, m * 3));
                    let mt = self.ty(Self::word(&def, m * 3 + 1));
                    let pointee = mt.filter(|t| t.kind == PTR).map(|t| t.size_or_type);
                    match name.as_str() {
                        "key" => key = pointee,
                        "value" => value = pointee,
                        // A map of maps: the inner map's value (bccrs's per-CPU queues/stacks).
                        "values" => value = self.inner_value(Self::word(&def, m * 3 + 1)),
                        _ => {}
                    }
                }
                // Given by size (an LPM trie's non-struct key): the compiler's anchors.
                let anchor = |role: &str| self.var_pointee(&crate::object::names::type_anchor(role, map));
                return (key.or_else(|| anchor("key")), value.or_else(|| anchor("value")));
            }
        }
        (None, None)
    }

    /// The type a pointer variable `name` points to.
    fn var_pointee(&self, name: &str) -> Option<u32> {
        let n = unsafe { sys::btf__type_cnt(self.raw) };
        (1..n).find_map(|id| {
            let v = self.ty(id).filter(|v| v.kind == VAR && v.name == name)?;
            self.ty(v.size_or_type).filter(|t| t.kind == PTR).map(|t| t.size_or_type)
        })
    }

    /// `values`' element is a pointer to the inner map's definition; its `value` member.
    fn inner_value(&self, values: u32) -> Option<u32> {
        let arr = self.ty(values).filter(|t| t.kind == ARRAY)?;
        let ptr = self.ty(Self::word(&arr, 0)).filter(|t| t.kind == PTR)?;
        let def = self.ty(self.resolve(ptr.size_or_type)).filter(|t| t.kind == STRUCT)?;
        (0..def.vlen).find_map(|m| {
            (self.name(Self::word(&def, m * 3)) == "value")
                .then(|| self.ty(Self::word(&def, m * 3 + 1)).filter(|t| t.kind == PTR).map(|t| t.size_or_type))
                .flatten()
        })
    }

    /// A JSON description of type `id` that a foreign host can lay out a buffer with
    /// (Python builds ctypes types from it): `{"kind": "int"|"float"|"ptr"|"enum"|"array"|
    /// "struct"|"union", "name", "size", …}`; structs list fields with byte `offset` and, for
    /// bitfields, `bit_offset`/`bit_size`.
    pub fn describe(&self, id: u32) -> Value {
        self.describe_depth(id, 0)
    }

    fn describe_depth(&self, id: u32, depth: u32) -> Value {
        let name = self.type_name(id);
        let rid = self.resolve(id);
        let size = self.size(rid);
        let Some(t) = self.ty(rid) else { return json!({"kind": "void", "size": 0}) };
        if depth > 16 {
            return json!({"kind": "bytes", "name": name, "size": size});
        }
        match t.kind {
            INT => {
                let enc = Self::word(&t, 0);
                json!({"kind": "int", "name": name, "size": size, "signed": (enc >> 24) & 1 == 1, "bool": (enc >> 24) & 4 == 4, "char": (enc >> 24) & 2 == 2})
            }
            FLOAT => json!({"kind": "float", "name": name, "size": size}),
            PTR => json!({"kind": "ptr", "name": name, "size": 8}),
            ENUM | ENUM64 => json!({"kind": "enum", "name": name, "size": size, "signed": t.kflag}),
            ARRAY => json!({
                "kind": "array", "name": name, "size": size,
                "len": Self::word(&t, 2), "elem": self.describe_depth(Self::word(&t, 0), depth + 1)
            }),
            STRUCT | UNION => {
                let fields: Vec<Value> = (0..t.vlen)
                    .map(|m| {
                        let off = Self::word(&t, m * 3 + 2);
                        let (bit_off, bit_size) = if t.kflag { (off & 0xffffff, off >> 24) } else { (off, 0) };
                        let mut f = json!({
                            "name": self.name(Self::word(&t, m * 3)),
                            "offset": bit_off / 8,
                            "type": self.describe_depth(Self::word(&t, m * 3 + 1), depth + 1),
                        });
                        if bit_size > 0 || bit_off % 8 != 0 {
                            f["bit_offset"] = json!(bit_off);
                            f["bit_size"] = json!(bit_size);
                        }
                        f
                    })
                    .collect();
                json!({"kind": if t.kind == STRUCT { "struct" } else { "union" }, "name": name, "size": size, "fields": fields})
            }
            _ => json!({"kind": "bytes", "name": name, "size": size}),
        }
    }

    /// Decodes `bytes` as type `id` into JSON: integers as numbers, char arrays as strings,
    /// structs as objects, pointers as hex strings.
    pub fn decode(&self, id: u32, bytes: &[u8]) -> Value {
        self.decode_depth(id, bytes, 0)
    }

    fn decode_depth(&self, id: u32, bytes: &[u8], depth: u32) -> Value {
        let id = self.resolve(id);
        let Some(t) = self.ty(id) else { return hex(bytes) };
        if depth > 16 {
            return hex(bytes);
        }
        match t.kind {
            INT => {
                let enc = Self::word(&t, 0);
                let bits = enc & 0xff;
                let signed = (enc >> 24) & 1 == 1;
                let is_bool = (enc >> 24) & 4 == 4;
                let size = t.size_or_type as usize;
                let v = int(bytes, size, signed);
                if is_bool {
                    return Value::Bool(v != 0);
                }
                let _ = bits;
                num(v, signed)
            }
            ENUM | ENUM64 => {
                let size = t.size_or_type as usize;
                let v = int(bytes, size, t.kflag);
                let stride = if t.kind == ENUM { 2 } else { 3 };
                for i in 0..t.vlen {
                    let val = if t.kind == ENUM {
                        Self::word(&t, i * stride + 1) as i32 as i128
                    } else {
                        (Self::word(&t, i * stride + 1) as u64 | (Self::word(&t, i * stride + 2) as u64) << 32) as i128
                    };
                    if val == v {
                        return Value::String(self.name(Self::word(&t, i * stride)));
                    }
                }
                num(v, true)
            }
            FLOAT => match t.size_or_type {
                4 if bytes.len() >= 4 => json!(f32::from_ne_bytes(bytes[..4].try_into().unwrap())),
                8 if bytes.len() >= 8 => json!(f64::from_ne_bytes(bytes[..8].try_into().unwrap())),
                _ => hex(bytes),
            },
            PTR => json!(format!("{:#x}", int(bytes, 8, false))),
            ARRAY => {
                let elem = Self::word(&t, 0);
                let n = Self::word(&t, 2) as usize;
                let es = self.size(elem);
                let er = self.resolve(elem);
                let is_char = self.ty(er).is_some_and(|e| e.kind == INT && e.size_or_type == 1);
                if is_char {
                    let s = &bytes[..n.min(bytes.len())];
                    let s = &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())];
                    if let Ok(text) = std::str::from_utf8(s) {
                        return Value::String(text.to_string());
                    }
                }
                Value::Array(
                    (0..n)
                        .filter(|i| (i + 1) * es <= bytes.len())
                        .map(|i| self.decode_depth(elem, &bytes[i * es..(i + 1) * es], depth + 1))
                        .collect(),
                )
            }
            STRUCT | UNION => {
                let mut obj = serde_json::Map::new();
                for m in 0..t.vlen {
                    let name = self.name(Self::word(&t, m * 3));
                    let mty = Self::word(&t, m * 3 + 1);
                    let off = Self::word(&t, m * 3 + 2);
                    let (bit_off, bit_size) = if t.kflag { (off & 0xffffff, off >> 24) } else { (off, 0) };
                    let v = if bit_size > 0 || bit_off % 8 != 0 {
                        let size = self.size(mty).max(1);
                        let start = (bit_off / 8) as usize;
                        let raw = int(&bytes[start.min(bytes.len())..], size.min(8), false) as u128;
                        let shift = bit_off % 8;
                        let width = if bit_size > 0 { bit_size } else { (size * 8) as u32 };
                        let mask = if width >= 128 { u128::MAX } else { (1u128 << width) - 1 };
                        json!(((raw >> shift) & mask) as u64)
                    } else {
                        let start = (bit_off / 8) as usize;
                        let end = (start + self.size(mty)).min(bytes.len());
                        self.decode_depth(mty, &bytes[start.min(end)..end], depth + 1)
                    };
                    let key = if name.is_empty() { format!("_{m}") } else { name };
                    obj.insert(key, v);
                }
                Value::Object(obj)
            }
            _ => hex(bytes),
        }
    }
}

/// A little-endian integer of `size` bytes at the start of `bytes` (fewer when `bytes` is
/// shorter), sign-extended when `signed`.
pub(crate) fn int(bytes: &[u8], size: usize, signed: bool) -> i128 {
    let mut buf = [0u8; 16];
    let n = size.min(16).min(bytes.len());
    buf[..n].copy_from_slice(&bytes[..n]);
    let u = u128::from_le_bytes(buf);
    if signed && n > 0 && n < 16 {
        let shift = 128 - n * 8;
        ((u << shift) as i128) >> shift
    } else {
        u as i128
    }
}

fn num(v: i128, signed: bool) -> Value {
    if signed || v < 0 {
        json!(v as i64)
    } else if v <= u64::MAX as i128 {
        json!(v as u64)
    } else {
        json!(v.to_string())
    }
}

/// Bytes as a hex string, for types without BTF.
pub fn hex(bytes: &[u8]) -> Value {
    Value::String(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
