//! One event as one output line, written straight into a byte buffer: the event struct's
//! layout is turned into a plan once per table, so an event costs no allocation. The lines are
//! byte for byte those of `events::text_line` / `events::json_line` over `Btf::decode` (checked
//! by the tests below); types the plan does not cover (enums, floats, 128-bit integers) take
//! that slower path.
use super::events::{json_line, text_line};
use crate::runtime::btf::{hex, int, OwnedBtf};
use serde_json::Value;
use std::io::Write;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Json,
}

/// How one value is read from the bytes `Btf::decode` would give it.
#[derive(Debug)]
enum Node {
    Int { size: usize, signed: bool, boolean: bool },
    Ptr,
    Hex,
    Array { len: usize, elem_size: usize, chars: bool, elem: Box<Node> },
    Record(Vec<Field>),
}

#[derive(Debug)]
struct Field {
    /// `"name":` and `name=`
    json_key: Vec<u8>,
    text_key: Vec<u8>,
    start: usize,
    size: usize,
    /// Some((bit offset in the record, bit width)) for a bitfield (or an unaligned member).
    bits: Option<(u32, u32)>,
    node: Node,
}

/// The plan of a type from its `Btf::describe` form; None for what only `decode` handles.
fn plan(d: &Value) -> Option<Node> {
    let size = d["size"].as_u64()? as usize;
    Some(match d["kind"].as_str()? {
        "int" if size <= 8 => Node::Int { size, signed: d["signed"].as_bool()?, boolean: d["bool"].as_bool()? },
        "ptr" => Node::Ptr,
        "bytes" => Node::Hex,
        "array" => {
            let elem = &d["elem"];
            let elem_size = elem["size"].as_u64()? as usize;
            let chars = elem["kind"] == "int" && elem_size == 1;
            Node::Array { len: d["len"].as_u64()? as usize, elem_size, chars, elem: Box::new(plan(elem)?) }
        }
        "struct" | "union" => {
            let mut fields: Vec<(String, Field)> = Vec::new();
            for (m, f) in d["fields"].as_array()?.iter().enumerate() {
                let name = f["name"].as_str()?;
                let key = if name.is_empty() { format!("_{m}") } else { name.to_string() };
                let ty = &f["type"];
                let bits = match (f["bit_offset"].as_u64(), f["bit_size"].as_u64()) {
                    (Some(o), Some(s)) => Some((o as u32, s as u32)),
                    _ => None,
                };
                let node = if bits.is_some() { Node::Hex } else { plan(ty)? };
                let mut json_key = serde_json::to_vec(&key).ok()?;
                json_key.push(b':');
                let mut text_key = key.clone().into_bytes();
                text_key.push(b'=');
                let field = Field {
                    json_key,
                    text_key,
                    start: f["offset"].as_u64()? as usize,
                    size: ty["size"].as_u64()? as usize,
                    bits,
                    node,
                };
                // A JSON object keeps the last of equal keys, in key order.
                fields.retain(|(k, _)| *k != key);
                fields.push((key, field));
            }
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            Node::Record(fields.into_iter().map(|(_, f)| f).collect())
        }
        _ => return None,
    })
}

/// Writes `s` as `Btf::decode` + `Value`'s Display would: JSON, or Rust's debug form for a
/// string that is a top-level field in text output.
fn string(out: &mut Vec<u8>, s: &str, debug: bool) {
    if debug {
        let _ = write!(out, "{s:?}");
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

fn value(node: &Node, b: &[u8], out: &mut Vec<u8>, debug: bool) {
    match node {
        Node::Int { size, signed, boolean } => {
            let v = int(b, *size, *signed);
            let _ = match (*boolean, *signed) {
                (true, _) => write!(out, "{}", v != 0),
                (false, true) => write!(out, "{}", v as i64),
                (false, false) => write!(out, "{}", v as u64),
            };
        }
        Node::Ptr => {
            let s = format!("{:#x}", int(b, 8, false));
            string(out, &s, debug);
        }
        Node::Hex => {
            let Value::String(s) = hex(b) else { return };
            string(out, &s, debug);
        }
        Node::Array { len, elem_size, chars, elem } => {
            if *chars {
                let s = &b[..(*len).min(b.len())];
                let s = &s[..s.iter().position(|&c| c == 0).unwrap_or(s.len())];
                if let Ok(text) = std::str::from_utf8(s) {
                    return string(out, text, debug);
                }
            }
            out.push(b'[');
            let mut first = true;
            for i in (0..*len).filter(|i| (i + 1) * elem_size <= b.len()) {
                if !first {
                    out.push(b',');
                }
                first = false;
                value(elem, &b[i * elem_size..(i + 1) * elem_size], out, false);
            }
            out.push(b']');
        }
        Node::Record(fields) => {
            out.push(b'{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&f.json_key);
                field(f, b, out, false);
            }
            out.push(b'}');
        }
    }
}

fn field(f: &Field, b: &[u8], out: &mut Vec<u8>, debug: bool) {
    match f.bits {
        Some((bit_off, bit_size)) => {
            let size = f.size.max(1);
            let raw = int(&b[f.start.min(b.len())..], size.min(8), false) as u128;
            let width = if bit_size > 0 { bit_size } else { (size * 8) as u32 };
            let mask = if width >= 128 { u128::MAX } else { (1u128 << width) - 1 };
            let _ = write!(out, "{}", ((raw >> (bit_off % 8)) & mask) as u64);
        }
        None => {
            let end = (f.start + f.size).min(b.len());
            value(&f.node, &b[f.start.min(end)..end], out, debug);
        }
    }
}

/// Formats the events of one table.
pub struct EventFormat {
    style: Style,
    table: String,
    /// `table: ` or `,"event":"table"}`
    affix: Vec<u8>,
    plan: Option<Node>,
    btf: Option<(Rc<OwnedBtf>, u32)>,
}

impl EventFormat {
    /// For `table`, whose events are BTF type `ty` of `btf` (without: hex bytes).
    pub fn new(style: Style, table: &str, btf: Option<(Rc<OwnedBtf>, u32)>) -> EventFormat {
        let plan = btf.as_ref().and_then(|(b, id)| plan(&b.get().describe(*id)));
        let affix = match style {
            Style::Text => format!("{table}: ").into_bytes(),
            Style::Json => {
                let mut a = b",\"event\":".to_vec();
                let _ = serde_json::to_writer(&mut a, table);
                a.push(b'}');
                a
            }
        };
        EventFormat { style, table: table.to_string(), affix, plan, btf }
    }

    /// Appends the event's line, newline included.
    pub fn write(&self, data: &[u8], out: &mut Vec<u8>) {
        let Some(plan) = &self.plan else {
            let v = match &self.btf {
                Some((b, id)) => b.get().decode(*id, data),
                None => hex(data),
            };
            let line = match self.style {
                Style::Text => text_line(&self.table, &v),
                Style::Json => json_line(&self.table, &v),
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
            return;
        };
        match (self.style, plan) {
            (Style::Text, Node::Record(fields)) => {
                out.extend_from_slice(&self.affix);
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&f.text_key);
                    field(f, data, out, true);
                }
            }
            (Style::Text, other) => {
                out.extend_from_slice(&self.affix);
                value(other, data, out, false);
            }
            (Style::Json, p) => {
                out.extend_from_slice(b"{\"data\":");
                value(p, data, out, false);
                out.extend_from_slice(&self.affix);
            }
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libbpf_sys as sys;
    use std::ffi::CString;

    /// A BTF with the shapes events have: ints of each size and sign, bool, char arrays,
    /// a u8 array, a pointer, a bitfield, a nested struct, an anonymous member.
    fn event_btf() -> (Rc<OwnedBtf>, u32, u32) {
        unsafe {
            let b = sys::btf__new_empty();
            let c = |s: &str| CString::new(s).unwrap();
            let u8_ = sys::btf__add_int(b, c("unsigned char").as_ptr(), 1, 0);
            let char_ = sys::btf__add_int(b, c("char").as_ptr(), 1, 1 | 2);
            let u32_ = sys::btf__add_int(b, c("unsigned int").as_ptr(), 4, 0);
            let i16_ = sys::btf__add_int(b, c("short").as_ptr(), 2, 1);
            let i64_ = sys::btf__add_int(b, c("long").as_ptr(), 8, 1);
            let u64_ = sys::btf__add_int(b, c("unsigned long").as_ptr(), 8, 0);
            let bool_ = sys::btf__add_int(b, c("_Bool").as_ptr(), 1, 4);
            let comm = sys::btf__add_array(b, u32_, char_, 16);
            let addr = sys::btf__add_array(b, u32_, u8_, 4);
            let ptr = sys::btf__add_ptr(b, u8_);
            let inner = sys::btf__add_struct(b, c("inner").as_ptr(), 8);
            sys::btf__add_field(b, c("b").as_ptr(), i16_, 0, 0);
            sys::btf__add_field(b, c("a").as_ptr(), u8_, 16, 0);
            sys::btf__add_field(b, c("flag").as_ptr(), bool_, 24, 0);
            sys::btf__add_field(b, c("tail").as_ptr(), u32_, 32, 0);
            let ev = sys::btf__add_struct(b, c("event_t").as_ptr(), 64);
            sys::btf__add_field(b, c("pid").as_ptr(), u32_, 0, 0);
            sys::btf__add_field(b, c("bits").as_ptr(), u32_, 32 + 3, 5);
            sys::btf__add_field(b, c("ts").as_ptr(), u64_, 64, 0);
            sys::btf__add_field(b, c("delta").as_ptr(), i64_, 128, 0);
            sys::btf__add_field(b, c("comm").as_ptr(), comm, 192, 0);
            sys::btf__add_field(b, c("addr").as_ptr(), addr, 320, 0);
            sys::btf__add_field(b, c("").as_ptr(), inner, 352, 0);
            sys::btf__add_field(b, c("p").as_ptr(), ptr, 448, 0);
            let owned = OwnedBtf::copy_of(crate::runtime::btf::Btf::from_raw(b).unwrap()).unwrap();
            sys::btf__free(b);
            (Rc::new(owned), ev as u32, u32_ as u32)
        }
    }

    #[test]
    fn plans_write_what_the_decoder_prints() {
        let (btf, ev, u32_) = event_btf();
        let mut seed = 0x9e3779b97f4a7c15u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (ty, sizes) in [(ev, &[64usize, 70, 40, 0][..]), (u32_, &[4, 2][..])] {
            for style in [Style::Text, Style::Json] {
                let f = EventFormat::new(style, "ev\"t", Some((btf.clone(), ty)));
                assert!(f.plan.is_some());
                for i in 0..400 {
                    let size = sizes[i % sizes.len()];
                    let mut data: Vec<u8> = (0..size).map(|_| rnd() as u8).collect();
                    // Printable names, quotes, control characters and invalid UTF-8 in turn.
                    if size >= 40 && i % 4 != 0 {
                        let name: &[u8] = [&b"bash\0zz"[..], b"a\"b\\c\n\x01", b"\xff\xfe\x00"][i % 3];
                        data[24..24 + name.len()].copy_from_slice(name);
                    }
                    let mut fast = Vec::new();
                    f.write(&data, &mut fast);
                    let v = btf.get().decode(ty, &data);
                    let slow = match style {
                        Style::Text => text_line("ev\"t", &v),
                        Style::Json => json_line("ev\"t", &v),
                    } + "\n";
                    assert_eq!(String::from_utf8_lossy(&fast), slow, "{style:?} {data:?}");
                }
            }
        }
    }
}
