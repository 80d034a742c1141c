//! Loading a compiled object into the kernel with libbpf, and the verifier's verdict mapped back
//! to the program's source line.
use crate::base::diag::{Diagnostic, Sources};
use crate::compiler::{compile_cached, Failure, Options};
use crate::runtime::btf::Btf;
// Also the paths of earlier releases (`bccrs::load::Meta`, `bccrs::load::user_name`, …).
pub use crate::object::meta::{read_meta, Meta, TableMeta};
pub use crate::object::names::user_name;
pub use crate::runtime::verifier::verifier_diagnostics;
use crate::runtime::shared_tables::{self, Exports};
use libbpf_rs::{AsRawLibbpf, Object, ObjectBuilder, PrintLevel};
use std::path::Path;
use std::sync::Mutex;

/// Why loading failed.
#[derive(Debug)]
pub enum LoadError {
    Compile(Failure),
    /// libbpf could not open the object.
    Open(String),
    /// The kernel refused a program (the verifier) or a map.
    Rejected { message: String, diagnostics: Vec<Diagnostic>, sources: Sources, log: String },
}

impl LoadError {
    /// The error as shown to a user; `verbose` adds libbpf's whole log.
    pub fn render(&self, color: bool, verbose: bool) -> String {
        match self {
            LoadError::Compile(f) => f.render(color),
            LoadError::Open(m) => format!("error: {m}\n"),
            LoadError::Rejected { message, diagnostics, sources, log } => {
                let mut s = if diagnostics.is_empty() {
                    format!("error: {message}\n")
                } else {
                    crate::base::diag::render(diagnostics, sources, color)
                };
                if verbose {
                    s.push_str("\nlibbpf log:\n");
                    s.push_str(log);
                } else if log.contains("BEGIN PROG LOAD LOG") {
                    s.push_str("(run with -v for the whole verifier log)\n");
                } else {
                    // A table or an attach target: nothing reached the verifier.
                    s.push_str("(run with -v for libbpf's log)\n");
                }
                s
            }
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false, false))
    }
}

static LOG: Mutex<String> = Mutex::new(String::new());

fn capture(_level: PrintLevel, msg: String) {
    LOG.lock().unwrap().push_str(&msg);
}

/// A loaded program set: the libbpf object, what the compiler recorded, and the source (when
/// compiled here) for locating verifier errors.
pub struct Loaded {
    pub object: Object,
    pub meta: Meta,
    pub sources: Sources,
    /// the tables this load exported to later loads (withdrawn on drop)
    pub exports: Exports,
    /// the compile's warnings, rendered (also kept with a cached object)
    pub warnings: String,
}

impl Loaded {
    /// Compiles `text` (known as `name`) and loads it.
    /// Compiled objects are cached (see `compiler::object_cache`), so an unchanged program loads without clang.
    pub fn from_source(name: &str, text: &str, opts: &Options) -> Result<Loaded, LoadError> {
        Self::from_source_with(name, text, opts, None)
    }

    /// As `from_source`; the tables that `reuse` also has (same name and shape) are its maps,
    /// contents included, rather than new ones (a program reloaded with other program types).
    pub fn from_source_with(name: &str, text: &str, opts: &Options, reuse: Option<&Loaded>) -> Result<Loaded, LoadError> {
        let c = compile_cached(name, text, opts).map_err(LoadError::Compile)?;
        Self::from_object_with(&c.object, c.sources, reuse).map(|l| Loaded { warnings: c.warnings, ..l })
    }

    /// A source file, or a precompiled object (`.o`, or any file starting with ELF magic).
    pub fn from_path(path: &Path, opts: &Options) -> Result<Loaded, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| LoadError::Open(format!("cannot read {}: {e}", path.display())))?;
        if bytes.starts_with(b"\x7fELF") {
            return Loaded::from_object(&bytes, Sources::new());
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| LoadError::Open(format!("{} is neither C text nor an ELF object", path.display())))?;
        Loaded::from_source(&path.display().to_string(), &text, opts)
    }

    /// Loads a compiled object. `sources` holds the texts verifier errors may point into.
    pub fn from_object(elf: &[u8], sources: Sources) -> Result<Loaded, LoadError> {
        Self::from_object_with(elf, sources, None)
    }

    fn from_object_with(elf: &[u8], sources: Sources, reuse: Option<&Loaded>) -> Result<Loaded, LoadError> {
        let meta = read_meta(elf);
        // libbpf reports the verifier log through its print callback (process-wide). Its
        // messages are kept for errors (and BCCRS_LIBBPF_LOG=1), not printed.
        let _guard = LOAD_LOCK.lock().unwrap();
        LOG.lock().unwrap().clear();
        let prev = libbpf_rs::set_print(Some((PrintLevel::Info, capture)));
        let result = ObjectBuilder::default()
            .open_memory(elf)
            .map_err(|e| LoadError::Open(format!("{e:#}")))
            .and_then(|mut open| {
                let reused = reuse.map(|old| reuse_maps(&mut open, &old.object)).unwrap_or_default();
                shared_tables::prepare(&mut open, &meta).map_err(LoadError::Open)?;
                let mut templates = size_percpu_qs(&mut open, &meta);
                templates.retain(|t| !reused.contains(&t.0));
                Ok(open.load().and_then(|obj| {
                    fill_percpu_qs(&obj, &templates)?;
                    Ok(obj)
                }))
            });
        libbpf_rs::set_print(prev);
        let log = std::mem::take(&mut *LOG.lock().unwrap());
        if std::env::var_os("BCCRS_LIBBPF_LOG").is_some() {
            eprint!("{log}");
        }
        let result = result?;
        match result {
            Ok(object) => {
                let exports = shared_tables::publish(&object, &meta);
                Ok(Loaded { object, meta, sources, exports, warnings: String::new() })
            }
            Err(e) => {
                // A map the kernel would not create is the table's problem, not the program's.
                if let Some((message, diagnostics)) = crate::runtime::map_errors::map_failure(&log, &sources) {
                    return Err(LoadError::Rejected { message, diagnostics, sources, log });
                }
                // Nor is a function libbpf found no BTF for (nothing reached the kernel).
                if let Some((message, diagnostics)) = crate::runtime::target_errors::missing_target(&log, &sources) {
                    return Err(LoadError::Rejected { message, diagnostics, sources, log });
                }
                let message = format!("the kernel rejected the program: {e}");
                let diagnostics = verifier_diagnostics(&log, &sources);
                Err(LoadError::Rejected { message, diagnostics, sources, log })
            }
        }
    }

    pub fn btf(&self) -> Option<Btf> {
        unsafe { Btf::from_raw(libbpf_sys::bpf_object__btf(self.object.as_libbpf_object().as_ptr())) }
    }
}

static LOAD_LOCK: Mutex<()> = Mutex::new(());

/// The inner map of a per-CPU queue/stack: (outer name, type, value size, max entries, flags).
type QsTemplate = (String, u32, u32, u32, u32);

/// Sizes each per-CPU queue/stack's array to this machine's CPUs; returns the inner maps to
/// create once the object is loaded (libbpf frees its inner template at load).
/// Gives the open object's tables the maps of `old` that have the same name and shape; returns
/// their names. libbpf's own maps (`.rodata`, `.bss`…) are left to be created anew.
fn reuse_maps(open: &mut libbpf_rs::OpenObject, old: &Object) -> Vec<String> {
    use libbpf_rs::MapCore;
    use std::os::fd::AsFd;
    let mut reused = Vec::new();
    for mut m in open.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        if name.contains('.') {
            continue;
        }
        let Some(o) = old.maps().find(|o| o.name() == m.name()) else { continue };
        let p = m.as_libbpf_object().as_ptr();
        let same = unsafe {
            libbpf_sys::bpf_map__type(p) == u32::from(o.map_type())
                && libbpf_sys::bpf_map__key_size(p) == o.key_size()
                && libbpf_sys::bpf_map__value_size(p) == o.value_size()
        };
        if same && m.reuse_fd(o.as_fd()).is_ok() {
            reused.push(name);
        }
    }
    reused
}

fn size_percpu_qs(open: &mut libbpf_rs::OpenObject, meta: &Meta) -> Vec<QsTemplate> {
    let mut out = Vec::new();
    for mut m in open.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        if !matches!(meta.declared(&name), Some("percpu_queue" | "percpu_stack")) {
            continue;
        }
        let _ = m.set_max_entries(crate::base::cpus::possible_cpus() as u32);
        unsafe {
            let inner = libbpf_sys::bpf_map__inner_map(m.as_libbpf_object().as_ptr());
            if !inner.is_null() {
                out.push((
                    name,
                    libbpf_sys::bpf_map__type(inner),
                    libbpf_sys::bpf_map__value_size(inner),
                    libbpf_sys::bpf_map__max_entries(inner),
                    libbpf_sys::bpf_map__map_flags(inner),
                ));
            }
        }
    }
    out
}

fn fill_percpu_qs(obj: &Object, templates: &[QsTemplate]) -> libbpf_rs::Result<()> {
    use libbpf_rs::MapCore;
    use std::os::fd::{AsFd, AsRawFd};
    for (name, ty, vs, max, flags) in templates {
        let Some(m) = obj.maps().find(|m| m.name() == name.as_str()) else { continue };
        crate::runtime::maps::percpu_qs::create_instances(m.as_fd().as_raw_fd(), m.max_entries(), *ty, *vs, *max, *flags)
            .map_err(|e| libbpf_rs::Error::from(std::io::Error::from_raw_os_error(e.0)))?;
    }
    Ok(())
}
