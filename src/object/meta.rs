//! The `.bccrs.meta` section: what the compiler records about a program for any loader, beyond
//! libbpf's view of the object. The compiler writes it (`to_json`), the runtime reads it back
//! from the ELF (`read_meta`); a precompiled object therefore runs the same as a fresh compile.
use super::names::user_name;

/// The section's name. It is typed as a string table (SHT_STRTAB), which libbpf skips silently.
pub const META_SECTION: &str = ".bccrs.meta";

/// What the compiler recorded about the program (the object's `.bccrs.meta` section).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub tables: Vec<TableMeta>,
    /// event table → type spelling of the submitted data (`struct data_t`)
    pub events: Vec<(String, String)>,
    /// program function → section
    pub programs: Vec<(String, String)>,
    pub trace_printk: bool,
    /// event table → its slot in the loss counters (`names::LOST_MAP`)
    pub lost: Vec<(String, u32)>,
}

#[derive(Debug, Clone, Default)]
pub struct TableMeta {
    pub name: String,
    /// the kind as described to users
    pub kind: String,
    /// the declaration's type string such as `histogram` (`extern` for an imported table)
    pub declared: String,
    /// BPF_TABLE_PINNED's path
    pub pin: Option<String>,
    /// `export`, `shared` or `extern` (see `runtime::shared_tables`)
    pub share: Option<String>,
    /// The program only increments its values: they are counters (gauges otherwise).
    pub counter: bool,
    /// A histogram's slots: `log2` or `linear` (None for other tables).
    pub slots: Option<String>,
}

impl Meta {
    /// The section's JSON; `from_json` reads it back.
    pub fn to_json(&self) -> String {
        let pairs = |v: &[(String, String)]| -> serde_json::Map<String, serde_json::Value> {
            v.iter().map(|(a, b)| (a.clone(), b.clone().into())).collect()
        };
        let tables: serde_json::Map<String, serde_json::Value> = self
            .tables
            .iter()
            .map(|t| {
                let mut e = serde_json::json!({ "kind": t.kind, "declared": t.declared });
                if let Some(pin) = &t.pin {
                    e["pin"] = pin.clone().into();
                }
                if let Some(share) = &t.share {
                    e["share"] = share.clone().into();
                }
                if t.counter {
                    e["counter"] = true.into();
                }
                if let Some(slots) = &t.slots {
                    e["slots"] = slots.clone().into();
                }
                (t.name.clone(), e)
            })
            .collect();
        let mut doc = serde_json::json!({
            "bccrs": 1,
            "tables": tables,
            "events": pairs(&self.events),
            "programs": pairs(&self.programs),
            "trace_printk": self.trace_printk,
        });
        if !self.lost.is_empty() {
            doc["lost"] = self.lost.iter().map(|(t, s)| (t.clone(), (*s).into())).collect::<serde_json::Map<_, _>>().into();
        }
        doc.to_string()
    }

    pub fn from_json(text: &str) -> Meta {
        let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let pairs = |k: &str| -> Vec<(String, String)> {
            v[k].as_object()
                .map(|o| o.iter().map(|(a, b)| (a.clone(), b.as_str().unwrap_or("").to_string())).collect())
                .unwrap_or_default()
        };
        let s = |t: &serde_json::Value, k: &str| t[k].as_str().map(str::to_string);
        let tables = v["tables"]
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(n, t)| TableMeta {
                        name: n.clone(),
                        kind: s(t, "kind").unwrap_or_default(),
                        declared: s(t, "declared").unwrap_or_default(),
                        pin: s(t, "pin"),
                        share: s(t, "share"),
                        counter: t["counter"].as_bool().unwrap_or(false),
                        slots: s(t, "slots"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Meta {
            tables,
            events: pairs("events"),
            programs: pairs("programs"),
            trace_printk: v["trace_printk"].as_bool().unwrap_or(false),
            lost: v["lost"]
                .as_object()
                .map(|o| o.iter().filter_map(|(t, s)| Some((t.clone(), u32::try_from(s.as_u64()?).ok()?))).collect())
                .unwrap_or_default(),
        }
    }

    /// By the table's name in the object, or as the user wrote it (see `user_name`).
    pub fn table(&self, name: &str) -> Option<&TableMeta> {
        self.tables.iter().find(|t| t.name == name || user_name(&t.name) == name)
    }

    pub fn declared(&self, table: &str) -> Option<&str> {
        self.table(table).map(|t| t.declared.as_str())
    }

    /// The slot of an event table's loss counter (None: an object without counters).
    pub fn lost_slot(&self, table: &str) -> Option<u32> {
        self.lost.iter().find(|t| t.0 == table || user_name(&t.0) == table).map(|t| t.1)
    }

    pub fn event_type(&self, table: &str) -> Option<&str> {
        self.events.iter().find(|t| t.0 == table || user_name(&t.0) == table).map(|t| t.1.as_str())
    }
}

/// Reads the `.bccrs.meta` section of an ELF object (absent in objects other compilers made).
pub fn read_meta(elf: &[u8]) -> Meta {
    // A string table: the JSON between NULs.
    section(elf, META_SECTION)
        .map(|b| Meta::from_json(String::from_utf8_lossy(b).trim_matches('\0')))
        .unwrap_or_default()
}

/// A section's bytes, from a 64-bit little-endian ELF.
fn section<'a>(elf: &'a [u8], want: &str) -> Option<&'a [u8]> {
    let u16_at = |o: usize| Some(u16::from_le_bytes(elf.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_le_bytes(elf.get(o..o + 4)?.try_into().ok()?));
    let u64_at = |o: usize| Some(u64::from_le_bytes(elf.get(o..o + 8)?.try_into().ok()?));
    if elf.get(..4)? != b"\x7fELF" || elf[4] != 2 {
        return None;
    }
    let shoff = u64_at(0x28)? as usize;
    let shentsize = u16_at(0x3a)? as usize;
    let shnum = u16_at(0x3c)? as usize;
    let shstrndx = u16_at(0x3e)? as usize;
    let sh = |i: usize| shoff + i * shentsize;
    let strtab = u64_at(sh(shstrndx) + 0x18)? as usize;
    for i in 0..shnum {
        let name_off = u32_at(sh(i))? as usize;
        let name = elf.get(strtab + name_off..)?;
        let name = &name[..name.iter().position(|&b| b == 0)?];
        if name == want.as_bytes() {
            let off = u64_at(sh(i) + 0x18)? as usize;
            let size = u64_at(sh(i) + 0x20)? as usize;
            return elf.get(off..off + size);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_reads_back_what_was_written() {
        let m = Meta {
            tables: vec![TableMeta {
                name: "config___bccrs".into(),
                kind: "hash".into(),
                declared: "hash".into(),
                pin: Some("/sys/fs/bpf/x".into()),
                share: None,
                counter: true,
                slots: None,
            }],
            events: vec![("events".into(), "struct data_t".into())],
            programs: vec![("on_exec".into(), "tracepoint/sched/sched_process_exec".into())],
            trace_printk: true,
            lost: vec![("events".into(), 0)],
        };
        let back = Meta::from_json(&m.to_json());
        assert_eq!(back.to_json(), m.to_json());
        assert_eq!(back.table("config").unwrap().pin.as_deref(), Some("/sys/fs/bpf/x"));
        assert_eq!(back.event_type("events"), Some("struct data_t"));
        assert!(back.trace_printk);
        assert!(back.table("config").unwrap().counter);
        assert_eq!(back.lost_slot("events"), Some(0));
        assert_eq!(back.lost_slot("config"), None);
    }
}
