//! `bccrs compile`: a program in, an object (or the rewritten C) out.
use crate::compiler::{compile_file, Options};
use std::io::{IsTerminal, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
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
    let dest = match (output, emit) {
        (Some(p), _) if p.as_os_str() == "-" => None,
        (Some(p), _) => Some(p),
        (None, Emit::C) => None,
        (None, Emit::Obj) => Some(source.with_extension("bpf.o")),
    };
    // Checked before compiling, so a refused output costs nothing and replaces nothing.
    if let Some(d) = &dest {
        if let Err(e) = check_output(source, d) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
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
    let (result, shown) = match &dest {
        None => (write_stdout(bytes), "standard output".to_string()),
        // The OS's reason alone: tempfile's errors name its temporary file, not the output.
        Some(d) => (write_output(d, bytes).map_err(|e| e.raw_os_error().map_or(e, std::io::Error::from_raw_os_error)), d.display().to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {shown}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The output may not be the source itself (through any link), nor a directory.
fn check_output(source: &Path, dest: &Path) -> Result<(), String> {
    let (Ok(d), Ok(s)) = (std::fs::metadata(dest), std::fs::metadata(source)) else { return Ok(()) };
    if d.dev() == s.dev() && d.ino() == s.ino() {
        return Err(format!("the output {} is the input file; choose another with -o", dest.display()));
    }
    if d.is_dir() {
        return Err(format!("the output {} is a directory", dest.display()));
    }
    Ok(())
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// A regular file (or a new one) is replaced in one step; a device, FIFO or socket is written
/// directly: renaming a file over `/dev/null` would replace the device node itself.
fn write_output(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(dest) {
        Ok(m) if !m.is_file() && (m.file_type().is_char_device() || m.file_type().is_fifo() || m.file_type().is_socket() || m.file_type().is_block_device()) => {
            let mut f = std::fs::OpenOptions::new().write(true).open(dest)?;
            f.write_all(bytes)?;
            f.flush()
        }
        // A symbolic link to a regular file: replace the file it names, keep the link.
        _ => write_atomically(&std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf()), bytes),
    }
}

/// Writes through a temporary file in the same directory, so a failure leaves nothing behind.
fn write_atomically(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    // Data on disk before the rename: a full disk shows here, not as an empty output later.
    tmp.as_file().sync_data()?;
    use std::os::unix::fs::PermissionsExt;
    tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}
