//! BCC-dialect source → libbpf object: headers, analysis, rewrite, then the clang binary.
#![allow(non_upper_case_globals)]
use crate::diag::{span, Diagnostic, Severity, Sources, PRELUDE_NAME};
use crate::frontend::{analyse, clang as cx, prescan, printk, rewrite, tracepoint};
use crate::headers::{self, KernelHeaders};
use crate::toolchain::Toolchain;
use std::path::{Path, PathBuf};

/// What the user passes besides the source: C compiler flags and where kernel types come from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-DNAME[=V]`, `-UNAME`, `-Ipath`, `-Wfoo` and any other clang flag, in order.
    pub cflags: Vec<String>,
    /// (function, section): the host chooses a program's type (BCC's `load_func(fn, type)`),
    /// overriding what the name or context type would give.
    pub sections: Vec<(String, String)>,
    /// Kernel BTF to generate vmlinux.h from (default /sys/kernel/btf/vmlinux).
    pub btf: Option<PathBuf>,
    /// Cache directory (default: see `headers::cache_root`).
    pub cache_dir: Option<PathBuf>,
}

/// A compiled program.
#[derive(Debug)]
pub struct Output {
    pub object: Vec<u8>,
    /// The translation unit given to clang (generated header + rewritten source), for `--emit c`.
    pub c_text: String,
    /// (function, section) of each program.
    pub programs: Vec<(String, String)>,
    /// Warnings, located in the user's file.
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
    /// The user's files the program included (for the object cache).
    pub deps: Vec<PathBuf>,
}

/// Why a compile failed: diagnostics and the texts they point into.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Failure {
    pub(crate) fn plain(msg: impl Into<String>, sources: Sources) -> Failure {
        Failure { diagnostics: vec![Diagnostic::error(msg, None)], sources }
    }
    pub fn render(&self, color: bool) -> String {
        crate::diag::render(&self.diagnostics, &self.sources, color)
    }
}

/// Warnings that BCC programs trigger by design (BCC passes the same).
const QUIET: &[&str] = &[
    "-Wno-unused-value",
    "-Wno-pointer-sign",
    "-Wno-compare-distinct-pointer-types",
    "-Wno-gnu-variable-sized-type-not-at-end",
    "-Wno-address-of-packed-member",
    "-Wno-unknown-warning-option",
    "-Wno-deprecated-declarations",
    // Integer/pointer mixes are errors since clang 15 and warnings in the clang BCC builds with
    // (BCC's trace passes a `const char *` as `uintptr_t` for STRCMP).
    "-Wno-int-conversion",
    "-fno-stack-protector",
];

pub fn compile_file(path: &Path, opts: &Options) -> Result<Output, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::plain(format!("cannot read {}: {e}", path.display()), Sources::new()))?;
    compile_source(&path.display().to_string(), &text, opts)
}

fn online_cpus() -> usize {
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    n.max(1) as usize
}

/// The rewritten program, ready for clang.
pub struct Translated {
    /// The translation unit for clang (generated header + rewritten source + license footer).
    pub c_text: String,
    pub programs: Vec<(String, String)>,
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
    pub(crate) rewritten: String,
    pub(crate) map: crate::frontend::edits::LocationMap,
    pub(crate) name: String,
    pub(crate) setup: Setup,
    /// The program's own copies of kernel names, renamed `X___bccrs` (see `vmlinux_clashes`).
    pub(crate) renames: Vec<String>,
    /// The kernel structs it uses, and whether they reach enough others for the small header.
    pub(crate) kernel_types: std::collections::BTreeSet<crate::frontend::kernel_types::KernelType>,
    pub(crate) worth_it: bool,
}

/// What every stage shares: the toolchain, the kernel headers, a work directory, and clang's
/// arguments up to the user's cflags (with the whole vmlinux.h's PCH).
pub(crate) struct Setup {
    pub(crate) tc: Toolchain,
    pub(crate) hdrs: KernelHeaders,
    pub(crate) work: tempfile::TempDir,
    pub(crate) base: Vec<String>,
}

/// Compiles `text`, known as `name` (a path: quoted includes resolve next to it). The final
/// clang starts before the analysis and gets the rewritten text on its stdin when it is ready
/// (`final_compile`), so its start-up overlaps with bccrs's own work.
pub fn compile_source(name: &str, text: &str, opts: &Options) -> Result<Output, Failure> {
    let setup = setup(name, text, opts)?;
    let early = crate::final_compile::Early::spawn(&setup, opts);
    let t = translate_in(setup, name, text, opts)?;
    crate::final_compile::finish(t, early, opts)
}

/// Files from clang's make-style dependency list that belong to the user: not bccrs's
/// generated files or cached headers. The main file counts (its text is also in the key).
pub(crate) fn user_deps(d: &str, work: &Path, main: &str) -> Vec<PathBuf> {
    let cache = headers::cache_root();
    let joined = d.replace("\\\n", " ");
    let files = joined.split_once(':').map_or("", |(_, r)| r);
    let mut v: Vec<PathBuf> = files
        .split_whitespace()
        .map(PathBuf::from)
        .filter(|p| !p.starts_with(work) && !p.starts_with(&cache) && !p.starts_with("/usr/lib/llvm") && p.as_os_str() != TP_H)
        .collect();
    if !v.iter().any(|p| p == Path::new(main)) && Path::new(main).exists() {
        v.push(PathBuf::from(main));
    }
    v
}

/// Analysis and rewrite only: what `--emit c` prints and the golden tests compare.
pub fn translate(name: &str, text: &str, opts: &Options) -> Result<Translated, Failure> {
    translate_in(setup(name, text, opts)?, name, text, opts)
}

pub(crate) fn setup(name: &str, text: &str, opts: &Options) -> Result<Setup, Failure> {
    let tc = Toolchain::find().map_err(|e| Failure::plain(e.0, Sources::new()))?;
    let btf = opts.btf.clone().unwrap_or_else(|| PathBuf::from(headers::VMLINUX_BTF));
    let cache = opts.cache_dir.clone().unwrap_or_else(headers::cache_root);
    let hdrs = KernelHeaders::prepare(&tc, &btf, &cache).map_err(|e| Failure::plain(e, Sources::new()))?;
    let work = tempfile::Builder::new()
        .prefix("bccrs-")
        .tempdir()
        .map_err(|e| Failure::plain(format!("cannot create a temporary directory: {e}"), Sources::new()))?;

    // This bccrs's helpers.h, first in the include path (it is outside the PCH and the shared
    // cache: another bccrs build may use the same cache with a different prelude).
    let helpers = work.path().join("bccrs/helpers.h");
    std::fs::create_dir_all(work.path().join("bccrs"))
        .and_then(|_| std::fs::write(&helpers, crate::prelude::HELPERS_H))
        .map_err(|e| Failure::plain(format!("cannot write {}: {e}", helpers.display()), Sources::new()))?;
    let mut base = headers::language_args(&tc);
    base.extend(["-I".to_string(), work.path().display().to_string()]);
    base.extend(hdrs.include_args());
    base.extend(QUIET.iter().map(|s| s.to_string()));
    // Generated headers first, then the program's directory. (The translation unit comes on
    // stdin, so clang looks for quoted includes in its working directory first: the generated
    // header has a name no one else uses.)
    base.extend(["-iquote".to_string(), work.path().display().to_string()]);
    let dir = Path::new(name).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    base.extend(["-iquote".to_string(), dir.display().to_string()]);
    // libbpf's USDT support (and its two maps) only for programs that read USDT arguments.
    if prescan::mentions(text, "bpf_usdt_readarg") || prescan::mentions(text, "bpf_usdt_readarg_p") {
        base.push("-D__BCCRS_USDT=1".into());
    }
    // BCC's bpf_num_cpus() is the number of online CPUs at compile time.
    base.push(format!("-D__BCCRS_NUM_CPUS={}", online_cpus()));
    // Default size of per-CPU queue/stack arrays; bccrs's loader resizes them to the machine.
    base.push(format!("-D__BCCRS_NUM_POSSIBLE_CPUS={}", crate::possible_cpus()));
    Ok(Setup { tc, hdrs, work, base })
}

fn translate_in(setup: Setup, name: &str, text: &str, opts: &Options) -> Result<Translated, Failure> {
    let mut sources = Sources::new();
    sources.add(name, text);
    let tc = &setup.tc;
    let base = &setup.base;

    // Tracepoint argument structs, needed by the parse itself.
    let mut tp_h = String::new();
    let mut diags = Vec::new();
    for u in prescan::tracepoints(text) {
        match tracepoint::generate(&u.category, &u.event) {
            Ok(s) => {
                tp_h.push_str(&s);
                tp_h.push('\n');
            }
            Err(e) => diags.push(Diagnostic::error(e, span(name, u.offset..u.offset + 16))),
        }
    }
    if !diags.is_empty() {
        return Err(Failure { diagnostics: diags, sources });
    }
    let w = setup.work.path();
    let write = |n: &str, t: &str| {
        std::fs::write(w.join(n), t).map_err(|e| Failure::plain(format!("cannot write {}: {e}", w.join(n).display()), Sources::new()))
    };
    write(TP_H, &tp_h)?;
    write("analysis.h", &format!("#define __BCCRS_ANALYSIS__ 1\n#include <bccrs/helpers.h>\n#include \"{TP_H}\"\n"))?;

    // 1. Analysis: libclang on the user's text with the analysis prelude.
    cx::ensure_loaded(&tc.libclang).map_err(|e| Failure::plain(e, Sources::new()))?;
    // A program may define its own copy of a kernel struct (BCC's real headers often lack it,
    // vmlinux.h has every type): such user definitions are renamed with a `___bccrs` flavour
    // suffix, which CO-RE ignores, and the parse is repeated.
    let mut renames: Vec<String> = Vec::new();
    let unit = loop {
        let mut args = base.clone();
        args.extend(renames.iter().map(|r| format!("-D{r}={r}___bccrs")));
        args.extend(["-include".to_string(), w.join("analysis.h").display().to_string()]);
        args.extend(opts.cflags.iter().cloned());
        let unit = cx::Unit::parse(name, &args, &[(name.to_string(), text.to_string())])
            .map_err(|e| Failure::plain(e, sources.clone()))?;
        let clashes = vmlinux_clashes(&unit.diagnostics(), name);
        let new: Vec<String> = clashes.into_iter().filter(|c| !renames.contains(c)).collect();
        if new.is_empty() || renames.len() > 16 {
            break unit;
        }
        renames.extend(new);
    };
    let prelude_path = setup.work.path().join("bccrs/helpers.h").display().to_string();
    let mut warnings = Vec::new();
    for d in unit.diagnostics() {
        if let Some(diag) = from_clang(&d, name, text, &prelude_path) {
            match diag.severity {
                Severity::Error => diags.push(diag),
                _ => warnings.push(diag),
            }
        }
    }
    if !diags.is_empty() {
        diags.extend(warnings);
        return Err(Failure { diagnostics: diags, sources });
    }
    let mut facts = analyse::analyse(&unit, name, text);
    facts.uses_trace_printk = prescan::mentions(text, "bpf_trace_printk");
    drop(unit);
    // Kernel structs the generated tracepoint structs name (`sizeof(struct sockaddr_in6)`).
    let mut kernel_types = std::mem::take(&mut facts.kernel_types);
    for (i, _) in tp_h.match_indices("struct ") {
        let n: String = tp_h[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !n.is_empty() && !n.starts_with("tracepoint__") {
            kernel_types.insert((false, n));
        }
    }
    let worth_it = facts.kernel_types_reach >= crate::frontend::kernel_types::WORTH_IT;

    // 2. Rewrite.
    let rw = rewrite::rewrite(name, text, &facts, &opts.sections);
    // Names the compiler renamed for a vmlinux clash are shown as the user wrote them.
    let checks = rw.diagnostics.into_iter().chain(printk::check(name, text)).map(|mut d| {
        d.message = d.message.replace("___bccrs", "");
        d
    });
    let (errs, warns): (Vec<_>, Vec<_>) = checks.partition(|d| d.is_error());
    warnings.extend(warns);
    if !errs.is_empty() {
        return Err(Failure { diagnostics: errs.into_iter().chain(warnings).collect(), sources });
    }
    let c_text = format!(
        "/* Generated by bccrs from {name}. */\n#include <bccrs/helpers.h>\n#include \"{TP_H}\"\n{}#line 1 \"{}\"\n{}\n{}{}",
        rw.header,
        name.replace('\\', "\\\\").replace('"', "\\\""),
        rw.text,
        FOOTER,
        rw.footer
    );
    Ok(Translated {
        c_text,
        programs: rw.programs,
        warnings,
        sources,
        rewritten: rw.text,
        map: rw.map,
        name: name.to_string(),
        setup,
        renames,
        kernel_types,
        worth_it,
    })
}

/// The generated tracepoint argument structs, in the work directory.
const TP_H: &str = "__bccrs_tracepoints.h";

/// The license section, from `BPF_LICENSE` if the program defines it (GPL otherwise).
const FOOTER: &str = "#ifndef BPF_LICENSE\n#define BPF_LICENSE GPL\n#endif\n\
#define __BCCRS_STR2(x) #x\n#define __BCCRS_STR(x) __BCCRS_STR2(x)\n\
char _license[] SEC(\"license\") = __BCCRS_STR(BPF_LICENSE);\n";

/// Struct, union and enum tags, enumerators and typedef names that the user's file defines again
/// after vmlinux.h defined them.
fn vmlinux_clashes(diags: &[cx::ClangDiag], main: &str) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.loc.file == main && d.notes.iter().any(|n| n.loc.file.ends_with("vmlinux.h")))
        .filter_map(|d| {
            let rest = d.message.strip_prefix("redefinition of ")?;
            let rest = rest.strip_prefix("enumerator ").unwrap_or(rest);
            // A table or global named like a vmlinux typedef or enumerator (`config`).
            let rest = rest.strip_suffix(" as different kind of symbol").unwrap_or(rest);
            let name = rest.strip_prefix('\'')?.strip_suffix('\'')?;
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then(|| name.to_string())
        })
        .collect()
}

/// A libclang diagnostic at the user's file (or the prelude); notes become text.
fn from_clang(d: &cx::ClangDiag, main: &str, text: &str, prelude: &str) -> Option<Diagnostic> {
    use clang_sys::*;
    let severity = match d.severity {
        CXDiagnostic_Error | CXDiagnostic_Fatal => Severity::Error,
        CXDiagnostic_Warning => Severity::Warning,
        _ => return None,
    };
    let mut message = d.message.replace("___bccrs", "");
    // The analysis prelude's struct makes an unknown method read as a missing member.
    if let Some(rest) = message.strip_prefix("no member named '") {
        if let Some((member, tail)) = rest.split_once("' in 'struct ") {
            if let Some(table) = tail.strip_suffix("_table_t'") {
                message = format!("unknown table method or member `{member}` on table `{table}`");
            }
        }
    }
    let sp = if d.loc.file == main {
        // The identifier there, one character, or nothing at a line end (clang points past the
        // last token for a missing `;`).
        let off = d.loc.offset.min(text.len());
        let end = match crate::frontend::lex::ident_at(text.as_bytes(), off) {
            Some(r) => r.end,
            None if text[off..].starts_with(|c: char| !c.is_whitespace()) => off + 1,
            None => off,
        };
        span(main, off..end)
    } else if d.loc.file == prelude {
        span(PRELUDE_NAME, d.loc.offset..d.loc.offset + 1)
    } else if d.loc.file.is_empty() {
        None
    } else {
        span(&d.loc.file, d.loc.offset..d.loc.offset + 1)
    };
    let mut diag = Diagnostic { severity, message, span: sp, notes: vec![] };
    for n in &d.notes {
        diag.notes.push(n.message.clone());
    }
    Some(diag)
}

/// Errors from clang's stderr on the rewritten text, mapped back to the user's file.
pub(crate) fn clang_stderr(stderr: &str, main: &str, rewritten: &str, map: &crate::frontend::edits::LocationMap) -> Vec<Diagnostic> {
    let mut v = Vec::new();
    for line in stderr.lines() {
        let Some((loc, msg)) = line.split_once(": error: ").or_else(|| line.split_once(": fatal error: ")) else {
            continue;
        };
        let mut parts = loc.rsplitn(3, ':');
        let (col, ln, file) = (parts.next(), parts.next(), parts.next());
        let (Some(col), Some(ln), Some(file)) = (col.and_then(|c| c.parse::<usize>().ok()), ln.and_then(|l| l.parse::<usize>().ok()), file) else {
            v.push(Diagnostic::error(msg.to_string(), None));
            continue;
        };
        let d = if file == main {
            let line_start: usize = rewritten.split_inclusive('\n').take(ln - 1).map(str::len).sum();
            let input = map.to_input(line_start + col - 1);
            Diagnostic::error(msg.to_string(), span(main, input..input + 1))
        } else {
            Diagnostic::error(format!("{msg} (in generated code {file}:{ln}:{col})"), None)
        };
        if !v.contains(&d) {
            v.push(d);
        }
    }
    v
}
