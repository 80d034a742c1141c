//! The `bccrs` command.
use bccrs::compile::{compile_file, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "bccrs", version, about = "BCC-compatible eBPF compiler and runner")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Emit {
    /// A libbpf BPF object (ELF).
    Obj,
    /// The rewritten C that is given to clang.
    C,
}

#[derive(Subcommand)]
enum Cmd {
    /// Compile a BCC-dialect C program into a libbpf BPF object (no BPF syscalls; any user).
    Compile {
        /// The program's source file.
        source: PathBuf,
        /// Output file (default: SOURCE with .bpf.o; `-` for stdout with --emit c).
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// What to produce.
        #[arg(long, value_enum, default_value = "obj")]
        emit: Emit,
        /// Define a macro (`-DNAME` or `-DNAME=VALUE`).
        #[arg(short = 'D', value_name = "NAME[=VALUE]")]
        define: Vec<String>,
        /// Undefine a macro.
        #[arg(short = 'U', value_name = "NAME")]
        undefine: Vec<String>,
        /// Add an include directory.
        #[arg(short = 'I', value_name = "DIR")]
        include: Vec<PathBuf>,
        /// A warning option as clang takes it (`-Wall`, `-Wno-foo`).
        #[arg(short = 'W', value_name = "WARNING", allow_hyphen_values = true)]
        warning: Vec<String>,
        /// Any other clang flag (repeatable).
        #[arg(long = "cflag", value_name = "FLAG", allow_hyphen_values = true)]
        cflag: Vec<String>,
        /// Kernel BTF to take kernel types from.
        #[arg(long, value_name = "FILE")]
        btf: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Compile { source, output, emit, define, undefine, include, warning, cflag, btf } => {
            let mut cflags: Vec<String> = define.iter().map(|d| format!("-D{d}")).collect();
            cflags.extend(undefine.iter().map(|u| format!("-U{u}")));
            cflags.extend(include.iter().map(|i| format!("-I{}", i.display())));
            cflags.extend(warning.iter().map(|w| format!("-W{w}")));
            cflags.extend(cflag);
            let opts = Options { cflags, btf, cache_dir: None };
            compile(&source, output, emit, &opts)
        }
    }
}

fn compile(source: &Path, output: Option<PathBuf>, emit: Emit, opts: &Options) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let out = match compile_file(source, opts) {
        Ok(o) => o,
        Err(f) => {
            eprint!("{}", f.render(color));
            return ExitCode::FAILURE;
        }
    };
    if !out.warnings.is_empty() {
        eprint!("{}", bccrs::diag::render(&out.warnings, &out.sources, color));
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
