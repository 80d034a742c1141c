//! Loading a compiled object into the kernel with libbpf, and the verifier's verdict mapped back
//! to the program's source line.
use crate::btf::Btf;
use crate::compile::{compile_source, Failure, Options};
use crate::diag::{span, Diagnostic, Sources};
use libbpf_rs::{AsRawLibbpf, Object, ObjectBuilder, PrintLevel};
use std::sync::Mutex;

/// What the compiler recorded about the program (the object's `.bccrs.meta` section).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub tables: Vec<TableMeta>,
    /// event table → type spelling of the submitted data (`struct data_t`)
    pub events: Vec<(String, String)>,
    /// program function → section
    pub programs: Vec<(String, String)>,
    pub trace_printk: bool,
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
    /// `export`, `shared` or `extern` (see `shared_maps`)
    pub share: Option<String>,
}

impl Meta {
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
                    })
                    .collect()
            })
            .unwrap_or_default();
        Meta {
            tables,
            events: pairs("events"),
            programs: pairs("programs"),
            trace_printk: v["trace_printk"].as_bool().unwrap_or(false),
        }
    }

    /// By the table's name in the object, or as the user wrote it (see `user_name`).
    pub fn table(&self, name: &str) -> Option<&TableMeta> {
        self.tables.iter().find(|t| t.name == name || user_name(&t.name) == name)
    }

    pub fn declared(&self, table: &str) -> Option<&str> {
        self.table(table).map(|t| t.declared.as_str())
    }

    pub fn event_type(&self, table: &str) -> Option<&str> {
        self.events.iter().find(|t| t.0 == table || user_name(&t.0) == table).map(|t| t.1.as_str())
    }
}

/// The name a user gave a table whose C name the compiler renamed because vmlinux.h uses it
/// (`config` is a kernel typedef: the map is `config___bccrs` in the object).
pub fn user_name(map_name: &str) -> &str {
    map_name.strip_suffix("___bccrs").unwrap_or(map_name)
}

/// Reads the `.bccrs.meta` section of an ELF object (absent in objects other compilers made).
pub fn read_meta(elf: &[u8]) -> Meta {
    // A string table: the JSON between NULs.
    section(elf, ".bccrs.meta")
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
                    crate::diag::render(diagnostics, sources, color)
                };
                if verbose {
                    s.push_str("\nlibbpf log:\n");
                    s.push_str(log);
                } else {
                    s.push_str("(run with -v for the whole verifier log)\n");
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
    pub exports: crate::shared_maps::Exports,
    /// the compile's warnings, rendered (also kept with a cached object)
    pub warnings: String,
}

impl Loaded {
    /// Compiles `text` (known as `name`) and loads it.
    /// Compiled objects are cached (see `cache`), so an unchanged program loads without clang.
    pub fn from_source(name: &str, text: &str, opts: &Options) -> Result<Loaded, LoadError> {
        Self::from_source_with(name, text, opts, None)
    }

    /// As `from_source`; the tables that `reuse` also has (same name and shape) are its maps,
    /// contents included, rather than new ones (a program reloaded with other program types).
    pub fn from_source_with(name: &str, text: &str, opts: &Options, reuse: Option<&Loaded>) -> Result<Loaded, LoadError> {
        let root = opts.cache_dir.clone().unwrap_or_else(crate::headers::cache_root);
        let btf = opts.btf.clone().unwrap_or_else(|| crate::headers::VMLINUX_BTF.into());
        let mut key_flags = opts.cflags.clone();
        key_flags.extend(opts.sections.iter().map(|(f, s)| format!("section:{f}={s}")));
        let cache = crate::cache::ObjectCache::new(&root, name, text, &key_flags, &btf);
        let mut sources = Sources::new();
        sources.add(name, text);
        if let Some((obj, warnings)) = cache.get() {
            return Self::from_object_with(&obj, sources, reuse).map(|l| Loaded { warnings, ..l });
        }
        let out = compile_source(name, text, opts).map_err(LoadError::Compile)?;
        let warnings =
            if out.warnings.is_empty() { String::new() } else { crate::diag::render(&out.warnings, &out.sources, false) };
        cache.put(&out.object, &warnings, &out.deps);
        Self::from_object_with(&out.object, out.sources, reuse).map(|l| Loaded { warnings, ..l })
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
                crate::shared_maps::prepare(&mut open, &meta).map_err(LoadError::Open)?;
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
                let exports = crate::shared_maps::publish(&object, &meta);
                Ok(Loaded { object, meta, sources, exports, warnings: String::new() })
            }
            Err(e) => {
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
        let _ = m.set_max_entries(crate::possible_cpus() as u32);
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
        crate::maps::create_instances(m.as_fd().as_raw_fd(), m.max_entries(), *ty, *vs, *max, *flags)
            .map_err(|e| libbpf_rs::Error::from(std::io::Error::from_raw_os_error(e.0)))?;
    }
    Ok(())
}

/// The verifier's complaint, at the source line of the instruction it stopped at. The kernel
/// prints BTF line info as `; <source text> @ <file>:<line>` before the instructions of a line.
pub fn verifier_diagnostics(log: &str, sources: &Sources) -> Vec<Diagnostic> {
    let mut prog = None;
    let mut last_line: Option<(String, usize)> = None;
    let lines = log.lines();
    let mut out = Vec::new();
    let mut in_log = false;
    let mut body: Vec<&str> = Vec::new();
    for l in lines {
        let l = l.strip_prefix("libbpf: ").unwrap_or(l);
        if let Some(rest) = l.strip_prefix("prog '") {
            if let Some((name, tail)) = rest.split_once("': ") {
                prog = Some(name.to_string());
                if tail.starts_with("-- BEGIN PROG LOAD LOG --") {
                    in_log = true;
                    body.clear();
                    last_line = None;
                    continue;
                }
            }
        }
        if in_log && l.starts_with("-- END PROG LOAD LOG --") {
            in_log = false;
            let msg = body
                .iter()
                .rev()
                .map(|s| s.trim())
                .find(|s| {
                    !s.is_empty()
                        && !s.starts_with("processed ")
                        && !s.starts_with(';')
                        && !s.split_once(':').is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                })
                .unwrap_or("rejected")
                .to_string();
            let name = prog.clone().unwrap_or_default();
            let sp = last_line.as_ref().and_then(|(file, line)| {
                // BTF line info keeps only the file's base name.
                let file = &sources.find_by_base_name(file)?;
                let text = sources.text(file)?;
                let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
                let len = text[start..].find('\n').unwrap_or(text.len() - start);
                let indent = text[start..start + len].len() - text[start..start + len].trim_start().len();
                span(file, start + indent..start + len)
            });
            let mut d = Diagnostic::error(format!("the BPF verifier rejected program `{name}`: {msg}"), sp.clone());
            if sp.is_none() {
                if let Some((f, l)) = &last_line {
                    d.notes.push(format!("at {f}:{l}"));
                }
            }
            out.push(d);
            continue;
        }
        if in_log {
            body.push(l);
            if let Some((_, loc)) = l.trim_start().strip_prefix(';').and_then(|r| r.rsplit_once(" @ ")) {
                if let Some((file, line)) = loc.trim().rsplit_once(':') {
                    if let Ok(n) = line.parse() {
                        last_line = Some((file.to_string(), n));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_error_at_source_line() {
        let log = "libbpf: prog 'f': BPF program load failed: Permission denied\n\
libbpf: prog 'f': -- BEGIN PROG LOAD LOG --\n\
0: R1=ctx() R10=fp0\n\
; int x = 1; @ p.c:2\n\
0: (b7) r0 = 0\n\
; return *p; @ p.c:3\n\
1: (61) r0 = *(u32 *)(r1 +0)\n\
R1 invalid mem access 'scalar'\n\
processed 2 insns (limit 1000000)\n\
-- END PROG LOAD LOG --\n";
        let mut s = Sources::new();
        s.add("p.c", "int f() {\n  int x = 1;\n  return *p;\n}\n");
        let d = verifier_diagnostics(log, &s);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("R1 invalid mem access 'scalar'"), "{}", d[0].message);
        assert_eq!(s.line_col("p.c", d[0].span.as_ref().unwrap().range.start), Some((3, 3)));
    }
}
