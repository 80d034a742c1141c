//! `bccrs compile`: a program in, an object (or the rewritten C) out.
use crate::compiler::{compile_file, Options};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum, PartialEq)]
pub enum Emit {
    /// A libbpf BPF object (ELF).
    Obj,
    /// The rewritten C that is given to clang.
    C,
}

pub fn compile(source: &Path, output: Option<PathBuf>, emit: Emit, opts: &Options) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let out = match compile_file(source, opts) {
        Ok(o) => o,
        Err(f) => {
            eprint!("{}", f.render(color));
            return ExitCode::FAILURE;
        }
    };
    if !out.warnings.is_empty() {
        eprint!("{}", crate::base::diag::render(&out.warnings, &out.sources, color));
    }
    let bytes: &[u8] = match emit {
        Emit::Obj => &out.object,
        Emit::C => out.c_text.as_bytes(),
    };
    let dest = match (output, emit) {
        (Some(p), _) if p.as_os_str() != "-" => p,
        (Some(_), _) | (None, Emit::C) => {
            let _ = std::io::stdout().write_all(bytes);
            return ExitCode::SUCCESS;
        }
        (None, Emit::Obj) => source.with_extension("bpf.o"),
    };
    match write_atomically(&dest, bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", dest.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes through a temporary file in the same directory, so a failure leaves nothing behind.
fn write_atomically(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    use std::os::unix::fs::PermissionsExt;
    tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}
