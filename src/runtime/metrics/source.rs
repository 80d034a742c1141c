//! What a scrape reads, taken from a loaded program once: each table's own fd (a duplicate, so
//! the scrape thread needs nothing of the object), sizes, types and how it is exported.
use crate::object::names::user_name;
use crate::runtime::btf::OwnedBtf;
use crate::runtime::load::Loaded;
use crate::runtime::maps::Table;
use libbpf_rs::{MapCore, MapType};
use std::collections::BTreeMap;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

/// How a histogram's slot numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slots {
    /// Slot i counts values in [2^(i-1), 2^i - 1] (BCC's `bpf_log2l`, `print_log2_hist`).
    Log2,
    /// Slot i counts the value i (`print_linear_hist`).
    Linear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    /// One series per entry, per numeric field of the value.
    Values,
    Histogram(Slots),
}

pub struct TableSource {
    /// The table's name as the user wrote it.
    pub name: String,
    pub export: Export,
    /// The program only increments the values (see `object::meta`).
    pub counter: bool,
    pub fd: OwnedFd,
    pub map_type: u32,
    pub key_size: usize,
    pub value_size: usize,
    pub max_entries: u32,
    pub key_type: Option<u32>,
    pub value_type: Option<u32>,
}

impl TableSource {
    pub fn table(&self) -> Table<'_> {
        Table::new(&self.name, self.fd.as_fd(), self.map_type, self.key_size, self.value_size, self.max_entries)
    }
}

/// Events received and lost per event table, kept current by whoever consumes the buffers.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EventCounts {
    pub received: u64,
    pub lost: u64,
}

pub type SharedEventCounts = Arc<Mutex<BTreeMap<String, EventCounts>>>;

pub struct Source {
    /// The metric name prefix's program part (`bccrs_<program>_<table>`).
    pub program: String,
    pub tables: Vec<TableSource>,
    /// Event tables by name; their counts come from `events`.
    pub event_tables: Vec<String>,
    pub events: SharedEventCounts,
    /// Tables not exported, with their kind.
    pub skipped: Vec<(String, String)>,
    pub btf: Option<OwnedBtf>,
    /// Series left out by the cardinality cap, over every scrape so far.
    pub dropped: AtomicU64,
}

/// A metric-name part: `[a-zA-Z0-9_]`, not starting with a digit.
pub fn sanitize(name: &str) -> String {
    let mut s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// The program part of metric names for a source path: its file name without `.bpf.o`, `.o`
/// or `.c`.
pub fn program_name(path: &str) -> String {
    let base = std::path::Path::new(path).file_name().map_or(path.into(), |f| f.to_string_lossy().into_owned());
    let stem = [".bpf.o", ".o", ".c"].iter().find_map(|x| base.strip_suffix(x)).unwrap_or(&base);
    sanitize(stem)
}

fn map_kind_name(t: MapType) -> String {
    format!("{t:?}").chars().fold(String::new(), |mut s, c| {
        if c.is_uppercase() && !s.is_empty() {
            s.push('_');
        }
        s.push(c.to_ascii_lowercase());
        s
    })
}

impl Source {
    /// `events`: the counts of the reader of the program's event tables, when there is one that
    /// keeps them current (`bccrs run`); without it the event tables are listed as skipped.
    pub fn new(loaded: &Loaded, program: &str, events: Option<SharedEventCounts>) -> Source {
        let counted = events.is_some();
        let btf = loaded.btf();
        let mut src = Source {
            program: sanitize(program),
            tables: vec![],
            event_tables: vec![],
            events: events.unwrap_or_default(),
            skipped: vec![],
            btf: btf.and_then(OwnedBtf::copy_of),
            dropped: AtomicU64::new(0),
        };
        for m in loaded.object.maps() {
            let obj_name = m.name().to_string_lossy().into_owned();
            let name = user_name(&obj_name).to_string();
            // The object's global data and libbpf's USDT tables are not the program's tables.
            if obj_name.contains('.') || obj_name.starts_with("__bpf_usdt") || crate::object::names::is_hidden(&obj_name) {
                continue;
            }
            let meta = loaded.meta.table(&obj_name);
            let declared = meta.map(|t| t.declared.as_str()).unwrap_or("");
            let t = m.map_type();
            let export = match t {
                MapType::PerfEventArray | MapType::RingBuf if declared != "perf_array" => {
                    if counted {
                        src.event_tables.push(name);
                    } else {
                        src.skipped.push((name, format!("{}: events are counted by their reader", map_kind_name(t))));
                    }
                    continue;
                }
                _ if declared == "histogram" => Export::Histogram(match meta.and_then(|t| t.slots.as_deref()) {
                    Some("linear") => Slots::Linear,
                    _ => Slots::Log2,
                }),
                MapType::Hash
                | MapType::LruHash
                | MapType::Array
                | MapType::PercpuHash
                | MapType::PercpuArray
                | MapType::LruPercpuHash
                | MapType::LpmTrie => Export::Values,
                MapType::Queue | MapType::Stack | MapType::ArrayOfMaps
                    if matches!(declared, "queue" | "stack" | "percpu_queue" | "percpu_stack") =>
                {
                    // The kernel has no length for them, and reading one pops it.
                    src.skipped.push((name, format!("{declared}: length not readable without popping")));
                    continue;
                }
                other => {
                    src.skipped.push((name, map_kind_name(other)));
                    continue;
                }
            };
            let (key_type, value_type) = btf.map(|b| b.map_key_value(&obj_name)).unwrap_or((None, None));
            let table = Table::of(&m);
            let Ok(fd) = m.as_fd().try_clone_to_owned() else {
                src.skipped.push((name, "fd not duplicable".into()));
                continue;
            };
            src.tables.push(TableSource {
                name,
                export,
                counter: meta.is_some_and(|t| t.counter),
                fd,
                map_type: table.map_type,
                key_size: table.key_size,
                value_size: table.value_size,
                max_entries: table.max_entries,
                key_type,
                value_type,
            });
        }
        src
    }
}
