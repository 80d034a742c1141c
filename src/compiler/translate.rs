//! BCC-dialect source → the rewritten C for clang: headers, analysis (libclang), rewrite.
#![allow(non_upper_case_globals)]
use super::cache_dir::{cache_root, VMLINUX_BTF};
use super::frontend::{analyse, clang as cx, edits::LocationMap, kernel_types, lex, limits, prescan, printk, rewrite, tracepoint, wording};
use super::headers::{self, KernelHeaders};
use super::options::{Failure, Options};
use super::prelude::{self, PRELUDE_NAME};
use super::toolchain::Toolchain;
use crate::base::diag::{span, Diagnostic, Severity, Sources};
use crate::object::names::{renamed, unrename_message};
use std::path::{Path, PathBuf};

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

/// The rewritten program, ready for clang.
pub struct Translated {
    /// The translation unit for clang (generated header + rewritten source + license footer).
    pub c_text: String,
    pub programs: Vec<(String, String)>,
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
    pub(crate) rewritten: String,
    pub(crate) map: LocationMap,
    pub(crate) name: String,
    pub(crate) setup: Setup,
    /// The program's own copies of kernel names, renamed `X___bccrs` (see `vmlinux_clashes`).
    pub(crate) renames: Vec<String>,
    /// The kernel structs it uses, and whether they reach enough others for the small header.
    pub(crate) kernel_types: std::collections::BTreeSet<kernel_types::KernelType>,
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

/// Analysis and rewrite only: what `--emit c` prints and the golden tests compare.
pub fn translate(name: &str, text: &str, opts: &Options) -> Result<Translated, Failure> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    super::compile_thread::on_compile_stack(|| translate_in(setup(name, text, opts)?, name, text, opts))
}

pub(crate) fn setup(name: &str, text: &str, opts: &Options) -> Result<Setup, Failure> {
    if let Some(d) = limits::check(name, text) {
        let mut sources = Sources::new();
        sources.add(name, text);
        return Err(Failure { diagnostics: vec![d], sources });
    }
    if let Some(f) = opts.cflags.iter().find(|f| changes_target(f)) {
        return Err(Failure::plain(
            format!("the flag `{f}` changes the target or language; bccrs compiles C for the BPF target only"),
            Sources::new(),
        ));
    }
    let tc = Toolchain::find().map_err(|e| Failure::plain(e.0, Sources::new()))?;
    let btf = opts.btf.clone().unwrap_or_else(|| PathBuf::from(VMLINUX_BTF));
    let cache = opts.cache_dir.clone().unwrap_or_else(cache_root);
    super::cache_dir::sweep_stale();
    let hdrs = match KernelHeaders::prepare(&tc, &btf, &cache) {
        Ok(h) => h,
        // A cache that cannot be written (read-only, full, not creatable): a private one.
        Err(e) => {
            let private = super::cache_dir::private_cache().map_err(|e| Failure::plain(e, Sources::new()))?;
            let h = KernelHeaders::prepare(&tc, &btf, &private).map_err(|e| Failure::plain(e, Sources::new()))?;
            warn_once(&format!("warning: the compiler cache is not usable ({e}); using {} for now", private.display()));
            h
        }
    };
    let work = tempfile::Builder::new()
        .prefix(&super::cache_dir::temp_prefix())
        .tempdir()
        .map_err(|e| Failure::plain(format!("cannot create a temporary directory: {e}"), Sources::new()))?;

    // This bccrs's helpers.h, first in the include path (it is outside the PCH and the shared
    // cache: another bccrs build may use the same cache with a different prelude).
    let helpers = work.path().join("bccrs/helpers.h");
    std::fs::create_dir_all(work.path().join("bccrs"))
        .and_then(|_| std::fs::write(&helpers, prelude::HELPERS_H))
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
    base.push(format!("-D__BCCRS_NUM_CPUS={}", crate::base::cpus::online_cpus()));
    // Default size of per-CPU queue/stack arrays; bccrs's loader resizes them to the machine.
    base.push(format!("-D__BCCRS_NUM_POSSIBLE_CPUS={}", crate::base::cpus::possible_cpus()));
    Ok(Setup { tc, hdrs, work, base })
}

pub(crate) fn translate_in(setup: Setup, name: &str, text: &str, opts: &Options) -> Result<Translated, Failure> {
    let mut sources = prelude::sources();
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
        args.extend(renames.iter().map(|r| format!("-D{r}={}", renamed(r))));
        args.extend(["-include".to_string(), w.join("analysis.h").display().to_string()]);
        args.extend(opts.cflags.iter().cloned());
        // C whatever the file is called (`prog.bpf`, a FIFO, stdin): libclang goes by the name.
        args.extend(["-x".to_string(), "c".to_string()]);
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
    // bccrs's own files (work directory, cached headers): never shown as a location.
    let generated = [setup.work.path().display().to_string(), setup.hdrs.include_dir.parent().unwrap_or(Path::new("/")).display().to_string()];
    let mut warnings = Vec::new();
    for d in unit.diagnostics() {
        if let Some(diag) = from_clang(&d, name, text, &prelude_path, &generated) {
            match diag.severity {
                Severity::Error => diags.push(diag),
                _ => warnings.push(diag),
            }
        }
    }
    if !diags.is_empty() {
        locate_unplaced(&mut diags, name);
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
    let worth_it = facts.kernel_types_reach >= kernel_types::WORTH_IT;

    // 2. Rewrite.
    let rw = rewrite::rewrite(name, text, &facts, &opts.sections);
    // Names the compiler renamed for a vmlinux clash are shown as the user wrote them.
    let mixes = facts.arg_mixes.iter().map(|&(at, ref msg)| {
        let end = at + lex::ident_at(text.as_bytes(), at).map_or(1, |r| r.len());
        Diagnostic::error(msg.clone(), span(name, at..end))
    });
    let checks = rw.diagnostics.into_iter().chain(mixes).chain(printk::check(name, text)).map(|mut d| {
        d.message = unrename_message(&d.message);
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

/// clang places some errors nowhere (a token pasted in its scratch space, deep in a macro's
/// expansion): they are shown at the next error placed in the user's file (else the previous),
/// which is the same construct.
fn locate_unplaced(diags: &mut [Diagnostic], main: &str) {
    let placed: Vec<Option<crate::base::diag::Span>> =
        diags.iter().map(|d| d.span.clone().filter(|s| s.file == main)).collect();
    for i in 0..diags.len() {
        if diags[i].span.is_none() {
            let near = placed[i..].iter().flatten().next().or_else(|| placed[..i].iter().rev().flatten().next());
            diags[i].span = near.cloned();
        }
    }
}

fn warn_once(msg: &str) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| eprintln!("{msg}"));
}

/// Flags that would make clang compile for another target or language than the PCH was built
/// for (libclang then fails to read it, and nothing useful could come out anyway).
fn changes_target(flag: &str) -> bool {
    let f = flag.trim_start_matches('-');
    f == "target" || f.starts_with("target=") || f == "triple" || f.starts_with("triple=") || f == "x" || (flag.starts_with("-x") && flag.len() > 2)
        || f == "m32" || f == "m64" || f.starts_with("march=") || f == "arch"
}

/// The generated tracepoint argument structs, in the work directory.
pub(crate) const TP_H: &str = "__bccrs_tracepoints.h";

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
            let other_kind = rest.ends_with(" as different kind of symbol");
            let rest = rest.strip_suffix(" as different kind of symbol").unwrap_or(rest);
            let name = rest.strip_prefix('\'')?.strip_suffix('\'')?;
            // Not a name the prelude itself uses as a type (`int u64;`): renamed, the prelude
            // would break in hundreds of places; kept, it is one error at the user's line.
            if other_kind && (prescan::mentions(prelude::HELPERS_H, name) || prescan::mentions(prelude::COMPAT_H, name)) {
                return None;
            }
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then(|| name.to_string())
        })
        .collect()
}

/// A libclang diagnostic at the user's file (or the prelude); notes become text.
fn from_clang(d: &cx::ClangDiag, main: &str, text: &str, prelude: &str, generated: &[String]) -> Option<Diagnostic> {
    use clang_sys::*;
    let severity = match d.severity {
        CXDiagnostic_Error | CXDiagnostic_Fatal => Severity::Error,
        CXDiagnostic_Warning => Severity::Warning,
        _ => return None,
    };
    // Nowhere in particular, and the errors before it say enough.
    if d.message == "too many errors emitted, stopping now" {
        return None;
    }
    let mut message = unrename_message(&d.message);
    // The analysis prelude's struct makes an unknown method read as a missing member.
    if let Some(rest) = message.strip_prefix("no member named '") {
        if let Some((member, tail)) = rest.split_once("' in 'struct ") {
            if let Some(table) = tail.strip_suffix("_table_t'") {
                message = format!("unknown table method or member `{member}` on table `{table}`");
            }
        }
    }
    let message = wording::message(&message);
    // An error inside the prelude or a generated header that the user's text caused (a table
    // macro's expansion) is shown where the notes reach the user's file.
    let at_user = d.notes.iter().map(|n| &n.loc).find(|l| l.file == main);
    let loc = if d.loc.file != main { at_user.unwrap_or(&d.loc) } else { &d.loc };
    let sp = if loc.file == main {
        // The identifier there, one character, or nothing at a line end (clang points past the
        // last token for a missing `;`).
        let off = loc.offset.min(text.len());
        let end = match lex::ident_at(text.as_bytes(), off) {
            Some(r) => r.end,
            None if text[off..].starts_with(|c: char| !c.is_whitespace()) => off + 1,
            None => off,
        };
        span(main, off..end)
    } else if d.loc.file == prelude {
        span(PRELUDE_NAME, d.loc.offset..d.loc.offset + 1)
    } else if d.loc.file.is_empty() || generated.iter().any(|g| d.loc.file.starts_with(g.as_str())) {
        None
    } else {
        span(&d.loc.file, d.loc.offset..d.loc.offset + 1)
    };
    let mut diag = Diagnostic { severity, message, span: sp, notes: vec![] };
    for n in d.notes.iter().filter(|n| wording::keep_note(&n.message)) {
        diag.notes.push(wording::message(&unrename_message(&n.message)));
    }
    Some(diag)
}

