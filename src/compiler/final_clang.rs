//! The final `clang -target bpf -O2 -g -c`. clang takes 30–45 ms just to start (Debian's is
//! linked against the shared libclang-cpp and libLLVM), so it is started before the analysis,
//! reading its translation unit from stdin, and gets the rewritten text when it is ready.
//!
//! Which kernel header it uses is decided at that start: the small one (`headers::min`) when
//! its PCH exists, the whole vmlinux.h otherwise. Whatever the small header cannot compile (a
//! kernel type the analysis did not see) is compiled again with the whole vmlinux.h.
use super::cache_dir;
use super::frontend::edits::LocationMap;
use super::headers::min::MinHeaders;
use super::options::{Failure, Options, Output};
use super::translate::{Setup, Translated, TP_H};
use crate::base::diag::{span, Diagnostic, Sources};
use crate::object::names::renamed;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A clang started before its input exists; killed if dropped unfed (the analysis failed).
pub(crate) struct Early {
    child: Started,
    small: Option<MinHeaders>,
}

struct Started(Option<Child>);

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// clang's arguments: `base` with the small PCH instead of the whole one when given, the
/// user's flags, and stdin as a C translation unit.
fn args(setup: &Setup, small: Option<&MinHeaders>, opts: &Options) -> Vec<String> {
    let full = setup.hdrs.pch.display().to_string();
    let mut v: Vec<String> = setup
        .base
        .iter()
        .map(|a| match small {
            Some(m) if *a == full => m.pch.display().to_string(),
            _ => a.clone(),
        })
        .collect();
    v.extend(opts.cflags.iter().cloned());
    let w = setup.work.path();
    v.extend(["-g", "-w", "-fno-color-diagnostics", "-MD", "-MF"].map(String::from));
    v.push(w.join("main.d").display().to_string());
    v.extend(["-c", "-x", "c", "-", "-o"].map(String::from));
    v.push(w.join("main.o").display().to_string());
    v
}

fn spawn(setup: &Setup, small: Option<&MinHeaders>, opts: &Options) -> std::io::Result<Child> {
    Command::new(&setup.tc.clang)
        .args(args(setup, small, opts))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
}

impl Early {
    /// Starts clang now; None if it cannot be started (the compile then starts it later).
    pub(crate) fn spawn(setup: &Setup, opts: &Options) -> Option<Early> {
        let small = if std::env::var_os("BCCRS_FULL_VMLINUX").is_some() { None } else { setup.hdrs.small_if_built() };
        let child = spawn(setup, small.as_ref(), opts).ok()?;
        Some(Early { child: Started(Some(child)), small })
    }
}

/// The translation unit as clang reads it: the program's renames (`-D` would not reach a clang
/// started before they were known), then the kernel structs the program uses when compiling
/// against the small header, then the rewritten text.
fn unit_text(t: &Translated, small: Option<&MinHeaders>) -> Option<String> {
    let mut s = String::new();
    for r in &t.renames {
        s.push_str(&format!("#define {r} {}\n", renamed(r)));
    }
    if let Some(min) = small {
        if !t.kernel_types.iter().all(|k| min.always.contains(k)) {
            let h = super::headers::min::program_header_file(min, &t.kernel_types, &t.renames)?;
            s.push_str(&format!("#include \"{}\"\n", h.display()));
        }
    }
    s.push_str(&t.c_text);
    Some(s)
}

/// Feeds `text` to a started clang and waits for it.
fn feed(mut started: Started, text: &str) -> std::io::Result<std::process::Output> {
    let Some(mut child) = started.0.take() else { return Err(std::io::Error::other("no clang")) };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    child.wait_with_output()
}

fn run(setup: &Setup, small: Option<&MinHeaders>, opts: &Options, text: &str) -> std::io::Result<std::process::Output> {
    feed(Started(Some(spawn(setup, small, opts)?)), text)
}

pub(crate) fn finish(t: Translated, early: Option<Early>, opts: &Options) -> Result<Output, Failure> {
    let setup = &t.setup;
    let cannot_run = |e: std::io::Error| Failure::plain(format!("cannot run {}: {e}", setup.tc.clang.display()), Sources::new());
    // A program whose kernel structs reach far gets the small header even when the early clang
    // was started without it (that PCH is built the first time a program needs it).
    let wanted_small = if t.worth_it && std::env::var_os("BCCRS_FULL_VMLINUX").is_none() { setup.hdrs.small() } else { None };
    let (started, small) = match early {
        // Started with the whole vmlinux.h but the small header is wanted: start again.
        Some(e) if e.small.is_none() && wanted_small.is_some() => (None, wanted_small),
        Some(Early { child, small }) => (Some(child), small),
        None => (None, wanted_small),
    };
    let full_text = unit_text(&t, None).unwrap_or_default();
    let out = match (small, started) {
        (Some(min), started) => {
            let small_out = unit_text(&t, Some(&min)).map(|text| match started {
                Some(s) => feed(s, &text),
                None => run(setup, Some(&min), opts, &text),
            });
            match small_out {
                Some(Ok(out)) if out.status.success() => out,
                // The small header did not do: the whole vmlinux.h.
                _ => run(setup, None, opts, &full_text).map_err(cannot_run)?,
            }
        }
        (None, Some(s)) => feed(s, &full_text).map_err(cannot_run)?,
        (None, None) => run(setup, None, opts, &full_text).map_err(cannot_run)?,
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut diags = clang_stderr(&stderr, &t.name, &t.rewritten, &t.map);
        if diags.is_empty() {
            diags.push(Diagnostic::error(format!("clang failed:\n{stderr}"), None));
        }
        return Err(Failure { diagnostics: diags, sources: t.sources });
    }
    let w: &Path = setup.work.path();
    let object = std::fs::read(w.join("main.o"))
        .map_err(|e| Failure::plain(format!("cannot read clang's output: {e}"), Sources::new()))?;
    let deps = user_deps(&std::fs::read_to_string(w.join("main.d")).unwrap_or_default(), w, &t.name);
    Ok(Output { object, c_text: t.c_text, programs: t.programs, warnings: t.warnings, sources: t.sources, deps })
}

/// Files from clang's make-style dependency list that belong to the user: not bccrs's
/// generated files or cached headers. The main file counts (its text is also in the key).
pub(crate) fn user_deps(d: &str, work: &Path, main: &str) -> Vec<PathBuf> {
    let cache = cache_dir::cache_root();
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

/// Errors from clang's stderr on the rewritten text, mapped back to the user's file.
pub(crate) fn clang_stderr(stderr: &str, main: &str, rewritten: &str, map: &LocationMap) -> Vec<Diagnostic> {
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
            let line_start: usize = rewritten.split_inclusive('\n').take(ln.saturating_sub(1)).map(str::len).sum();
            let input = map.to_input((line_start + col).saturating_sub(1));
            // One character, or none at the end (clang's errors at the end of the file).
            let end = (input + 1).min(map.input_end()).max(input);
            Diagnostic::error(super::frontend::wording::message(msg), span(main, input..end))
        } else {
            // Not a place the user can look at (a temporary file): the message alone.
            Diagnostic::error(format!("{} (in the code bccrs generated for the program)", super::frontend::wording::message(msg)), None)
        };
        if !v.contains(&d) {
            v.push(d);
        }
    }
    v
}
