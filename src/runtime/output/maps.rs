//! Reading every map of a loaded program and showing it: decoded by BTF, as text or JSON.
use super::hist;
use crate::runtime::btf::hex;
use crate::runtime::load::Loaded;
use crate::runtime::maps::{PercpuQs, Table};
use libbpf_rs::{MapCore, MapType};
use serde_json::{json, Value};

pub struct MapDump {
    pub name: String,
    pub map_type: String,
    /// The table's declaration kind when it differs in meaning from the map type (`histogram`).
    pub declared: Option<String>,
    pub key_type: String,
    pub value_type: String,
    pub percpu: bool,
    /// Key/value pairs, sorted by key bytes.
    pub entries: Vec<(Value, Value)>,
    /// Queues and stacks: the values, drained in pop order.
    pub values: Option<Vec<Value>>,
}

fn type_name(t: MapType) -> String {
    match t {
        MapType::RingBuf => "ringbuf".into(),
        MapType::LpmTrie => "lpm_trie".into(),
        other => {
            let d = format!("{other:?}");
            let mut s = String::new();
            for (i, c) in d.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    s.push('_');
                }
                s.push(c.to_ascii_lowercase());
            }
            s
        }
    }
}

/// Maps worth showing: not event channels, program arrays or the object's global-data maps.
fn shown(t: MapType, name: &str) -> bool {
    !matches!(t, MapType::PerfEventArray | MapType::RingBuf | MapType::ProgArray)
        && !name.contains('.')
        && !name.starts_with("__bpf_usdt")
        && !crate::object::names::is_hidden(name)
}

/// Every shown map of `loaded`. Stack-trace values become symbolised frames; `user_pid` is
/// the process whose user-space frames they contain, if known.
pub fn dump_all(loaded: &Loaded, user_pid: Option<u32>) -> Vec<MapDump> {
    let btf = loaded.btf();
    let mut stacks: Option<super::stacks::Stacks> = None;
    let mut out = Vec::new();
    for m in loaded.object.maps() {
        let name = m.name().to_string_lossy().into_owned();
        let t = m.map_type();
        if !shown(t, &name) {
            continue;
        }
        let (kid, vid) = btf.map(|b| b.map_key_value(&name)).unwrap_or((None, None));
        let decode = |id: Option<u32>, bytes: &[u8]| match (btf, id) {
            (Some(b), Some(id)) => b.decode(id, bytes),
            _ => hex(bytes),
        };
        let tname = |id: Option<u32>, size: u32| match (btf, id) {
            (Some(b), Some(id)) => b.type_name(id),
            _ => format!("{size} bytes"),
        };
        let declared = loaded.meta.declared(&name).map(str::to_string);
        let table = Table::of(&m);
        let mut dump = MapDump {
            map_type: declared.clone().filter(|d| d.starts_with("percpu_")).unwrap_or_else(|| type_name(t)),
            declared: declared.filter(|d| d == "histogram"),
            key_type: tname(kid, m.key_size()),
            value_type: tname(vid, m.value_size()),
            percpu: table.percpu,
            entries: vec![],
            values: None,
            name: crate::object::names::user_name(&name).to_string(),
        };
        if matches!(dump.map_type.as_str(), "percpu_queue" | "percpu_stack") {
            let per_cpu = PercpuQs::new(table).drain_all().unwrap_or_default();
            dump.key_type = String::new();
            dump.values = Some(per_cpu.iter().map(|vals| Value::Array(vals.iter().map(|v| decode(vid, v)).collect())).collect());
            out.push(dump);
            continue;
        }
        if matches!(t, MapType::Queue | MapType::Stack) {
            dump.values = Some(table.drain().unwrap_or_default().iter().map(|v| decode(vid, v)).collect());
            out.push(dump);
            continue;
        }
        let mut items = table.lookup_batch().unwrap_or_default();
        // Little-endian integers in numeric order.
        items.sort_by(|a, b| a.0.iter().rev().cmp(b.0.iter().rev()));
        for (k, v) in items {
            let value = if table.percpu {
                Value::Array(table.split_percpu(&v).iter().map(|x| decode(vid, x)).collect())
            } else if t == MapType::StackTrace {
                let ips: Vec<u64> = v.chunks_exact(8).map(|c| u64::from_ne_bytes(c.try_into().unwrap())).collect();
                let st = stacks.get_or_insert_with(|| super::stacks::Stacks::new(user_pid));
                json!(st.frames(&ips))
            } else {
                decode(vid, &v)
            };
            dump.entries.push((decode(kid, &k), value));
        }
        out.push(dump);
    }
    out
}

pub fn to_json(dumps: &[MapDump]) -> Value {
    let mut maps = serde_json::Map::new();
    for d in dumps {
        let mut o = json!({ "type": d.map_type, "key_type": d.key_type, "value_type": d.value_type });
        if let Some(decl) = &d.declared {
            o["declared"] = json!(decl);
        }
        match &d.values {
            Some(v) => o["values"] = Value::Array(v.clone()),
            None => {
                o["entries"] = Value::Array(d.entries.iter().map(|(k, v)| json!({ "key": k, "value": v })).collect());
            }
        }
        maps.insert(d.name.clone(), o);
    }
    Value::Object(maps)
}

/// A value on one line: plain numbers and strings as themselves, the rest as compact JSON.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

fn sum(v: &Value) -> Option<i128> {
    v.as_array()?.iter().map(|x| x.as_i64().map(i128::from).or_else(|| x.as_u64().map(i128::from))).sum()
}

/// Histogram slots: int-keyed tables are slot-indexed; a struct key with a `slot` member is
/// grouped by its other members (BCC's section headers).
fn histograms(d: &MapDump) -> Vec<(String, Vec<u64>)> {
    let mut groups: Vec<(String, Vec<u64>)> = Vec::new();
    for (k, v) in &d.entries {
        let count = if d.percpu { sum(v).unwrap_or(0) as u64 } else { v.as_u64().unwrap_or(0) };
        let (label, slot) = match k {
            Value::Object(o) if o.contains_key("slot") => {
                let rest: Vec<String> = o.iter().filter(|(n, _)| *n != "slot").map(|(n, x)| format!("{n} = {}", show(x))).collect();
                (rest.join(", "), o["slot"].as_u64().unwrap_or(0))
            }
            other => (String::new(), other.as_u64().unwrap_or(0)),
        };
        let idx = match groups.iter().position(|(l, _)| *l == label) {
            Some(i) => i,
            None => {
                groups.push((label, vec![0; 65]));
                groups.len() - 1
            }
        };
        if (slot as usize) < 65 {
            groups[idx].1[slot as usize] += count;
        }
    }
    groups
}

pub fn to_text(dumps: &[MapDump]) -> String {
    let mut s = String::new();
    for d in dumps {
        if d.declared.as_deref() == Some("histogram") {
            s.push_str(&format!("{} (histogram):\n", d.name));
            for (label, slots) in histograms(d) {
                if !label.is_empty() {
                    s.push_str(&format!("\n{label}\n"));
                }
                s.push_str(&hist::log2(&slots, "value"));
            }
            s.push('\n');
            continue;
        }
        if let (Some(per_cpu), true) = (&d.values, d.map_type.starts_with("percpu_")) {
            s.push_str(&format!("{} ({}, {}), values in pop order per CPU:\n", d.name, d.map_type, d.value_type));
            for (cpu, vals) in per_cpu.iter().enumerate() {
                let shown: Vec<String> = vals.as_array().map(|a| a.iter().map(show).collect()).unwrap_or_default();
                s.push_str(&format!("  CPU {cpu}: [{}]\n", shown.join(", ")));
            }
            s.push('\n');
            continue;
        }
        if let Some(vals) = &d.values {
            s.push_str(&format!("{} ({}, {}), {} values in pop order:\n", d.name, d.map_type, d.value_type, vals.len()));
            for v in vals {
                s.push_str(&format!("  {}\n", show(v)));
            }
            s.push('\n');
            continue;
        }
        s.push_str(&format!(
            "{} ({}, {} -> {}), {} entries:\n",
            d.name,
            d.map_type,
            d.key_type,
            d.value_type,
            d.entries.len()
        ));
        for (k, v) in &d.entries {
            match (d.percpu, sum(v)) {
                (true, Some(total)) => s.push_str(&format!("  {}: {} (per CPU: {})\n", show(k), total, show(v))),
                _ => s.push_str(&format!("  {}: {}\n", show(k), show(v))),
            }
        }
        s.push('\n');
    }
    s
}
