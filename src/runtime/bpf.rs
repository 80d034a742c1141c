//! The library entry point: a program compiled (or taken precompiled), loaded and attached —
//! what `bccrs run` uses and what the C ABI and Python bindings build on.
use crate::runtime::attach::{self, Attachment};
use crate::compiler::Options;
use crate::base::diag::Sources;
use crate::runtime::load::{LoadError, Loaded};
use crate::runtime::output::{events, maps};
use libbpf_rs::{Map, MapCore};
use std::path::Path;

pub struct Bpf {
    pub loaded: Loaded,
    /// What metrics scrapes read, made on the first (so the dropped-series count carries over).
    metrics: std::sync::OnceLock<crate::runtime::metrics::Source>,
    /// live attachments, each with the id `attach` returned for it (0: made by section)
    attachments: Vec<(u64, Attachment)>,
    next_id: u64,
}

impl Bpf {
    fn of(loaded: Loaded) -> Bpf {
        Bpf { loaded, attachments: vec![], next_id: 1, metrics: Default::default() }
    }

    /// Compiles and loads BCC-dialect C (objects are cached: see `compiler::object_cache`).
    pub fn from_source(name: &str, text: &str, opts: &Options) -> Result<Bpf, LoadError> {
        Loaded::from_source(name, text, opts).map(Bpf::of)
    }

    /// As `from_source`, keeping `old`'s tables (same name and shape) with their contents: the
    /// program loaded again, for example with other program types (BCC's `load_func`).
    pub fn from_source_reusing(name: &str, text: &str, opts: &Options, old: &Bpf) -> Result<Bpf, LoadError> {
        Loaded::from_source_with(name, text, opts, Some(&old.loaded)).map(Bpf::of)
    }

    /// A source file, or a BPF object compiled by bccrs (recognised by its ELF magic).
    pub fn from_file(path: &Path, opts: &Options) -> Result<Bpf, LoadError> {
        Loaded::from_path(path, opts).map(Bpf::of)
    }

    pub fn from_object(elf: &[u8]) -> Result<Bpf, LoadError> {
        Loaded::from_object(elf, Sources::new()).map(Bpf::of)
    }

    /// Attaches every program whose section names its target (the dialect's conventions),
    /// except those listed; returns the failures as (program, message).
    pub fn attach_by_section(&mut self, except: &[&str]) -> Vec<(String, String)> {
        let new = attach::attach_by_section(&self.loaded.object, except);
        self.keep_as(new, Some(0))
    }

    /// Attaches one `KIND:TARGET=PROGRAM` specification (`uprobe:/bin/x:fn=prog`, …); returns
    /// the id of what it attached (a perf event spec attaches once per CPU), for `detach_link`.
    pub fn attach(&mut self, spec: &str, pid: i32) -> Result<u64, String> {
        let spec = attach::parse_spec(spec)?;
        let a = attach::attach_spec(&self.loaded.object, &spec, pid);
        let id = self.next_id;
        self.next_id += 1;
        match self.keep_as(a, Some(id)).pop() {
            Some((_, e)) => Err(e),
            None => Ok(id),
        }
    }

    /// Keeps the attachments that succeeded, under `id`.
    fn keep_as(&mut self, new: Vec<Attachment>, id: Option<u64>) -> Vec<(String, String)> {
        let mut failed = Vec::new();
        for a in new {
            match &a.link {
                Ok(_) => {
                    self.attachments.push((id.unwrap_or(0), a));
                }
                Err(e) => failed.push((a.program.clone(), e.clone())),
            }
        }
        failed
    }

    /// (program, target) of each live attachment.
    pub fn attached(&self) -> Vec<(String, String)> {
        self.attachments.iter().map(|(_, a)| (a.program.clone(), a.target.clone())).collect()
    }

    /// Detaches what `attach` returned `id` for; false when there is none.
    pub fn detach_link(&mut self, id: u64) -> bool {
        if id == 0 {
            return false;
        }
        let before = self.attachments.len();
        self.attachments.retain(|(i, _)| *i != id);
        before != self.attachments.len()
    }

    /// Detaches what `attach_by_section` attached for `program`; returns how many.
    pub fn detach_by_section(&mut self, program: &str) -> usize {
        let before = self.attachments.len();
        self.attachments.retain(|(i, a)| *i != 0 || a.program != program);
        before - self.attachments.len()
    }

    /// Detaches the attachments of `program` (all programs: None); returns how many.
    pub fn detach(&mut self, program: Option<&str>) -> usize {
        let before = self.attachments.len();
        self.attachments.retain(|(_, a)| program.is_some_and(|p| a.program != p));
        before - self.attachments.len()
    }

    /// Detaches everything (also done on drop).
    pub fn detach_all(&mut self) {
        // Closing a tracepoint or kprobe link waits for the kernel (tens of ms each); close
        // them side by side rather than one after another.
        let links: Vec<libbpf_rs::Link> = self.attachments.drain(..).filter_map(|(_, a)| a.link.ok()).collect();
        if links.len() <= 1 {
            return;
        }
        std::thread::scope(|s| {
            for l in links {
                s.spawn(move || drop(l));
            }
        });
    }

    pub fn map(&self, name: &str) -> Option<Map<'_>> {
        let renamed = crate::object::names::renamed(name);
        self.loaded.object.maps().find(|m| m.name() == name || m.name() == renamed.as_str())
    }

    /// The tables as Prometheus metrics, as `bccrs run --metrics` serves them (docs/metrics.md);
    /// `program` names them (`bccrs_<program>_<table>`). Event tables are not counted here: their
    /// reader is the caller.
    pub fn render_metrics(&self, program: &str, opts: &crate::runtime::metrics::Options, format: crate::runtime::metrics::Format) -> String {
        use crate::runtime::metrics::{families, render, Source};
        let src = self.metrics.get_or_init(|| Source::new(&self.loaded, program, None));
        if src.program != crate::runtime::metrics::source::sanitize(program) {
            // Another name: a source of its own (the dropped-series count starts again).
            return render::render(families::collect(&Source::new(&self.loaded, program, None), opts), format);
        }
        render::render(families::collect(src, opts), format)
    }

    /// Every map, decoded by BTF.
    pub fn dump_maps(&self, user_pid: Option<u32>) -> Vec<maps::MapDump> {
        maps::dump_all(&self.loaded, user_pid)
    }

    /// Readers of every event table; `sink` receives (table, decoded event).
    pub fn events(&self, sink: events::Sink) -> Result<events::Streams, String> {
        events::Streams::open(&self.loaded, sink)
    }

    /// Events of an event table the kernel refused so far (full buffer, no reader), from the
    /// program's own count; None for a table without a counter (an object not compiled by
    /// bccrs). With what a reader received, this adds up to what the program submitted.
    pub fn events_lost(&self, table: &str) -> Option<u64> {
        crate::runtime::output::lost::LossCounters::open(&self.loaded)?.read(table)
    }
}

impl Drop for Bpf {
    fn drop(&mut self) {
        self.detach_all();
    }
}
