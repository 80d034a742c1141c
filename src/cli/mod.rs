//! The `bccrs` command line: arguments, then the `compile` and `run` commands.
pub mod compile;
pub mod event_output;
pub mod metrics;
pub mod run;

use crate::compiler::Options;
use compile::Emit;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "bccrs", version, about = "BCC-compatible eBPF compiler and runner")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

/// Flags shared by `compile` and `run`: how the C is compiled.
#[derive(clap::Args)]
struct CFlags {
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
}

impl CFlags {
    fn options(self) -> Options {
        let mut cflags: Vec<String> = self.define.iter().map(|d| format!("-D{d}")).collect();
        cflags.extend(self.undefine.iter().map(|u| format!("-U{u}")));
        cflags.extend(self.include.iter().map(|i| format!("-I{}", i.display())));
        cflags.extend(self.warning.iter().map(|w| format!("-W{w}")));
        cflags.extend(self.cflag);
        Options { cflags, btf: self.btf, ..Default::default() }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum EventsMode {
    Print,
    Count,
}

fn perf_pages(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n.is_power_of_two() && n <= 1 << 20 => Ok(n),
        _ => Err("a power of two from 1 to 1048576".into()),
    }
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
        #[command(flatten)]
        cflags: CFlags,
    },
    /// Compile (or take a compiled object), load, attach, trace; print every map at exit.
    Run {
        /// The program's source file, or a BPF object compiled by bccrs.
        source: PathBuf,
        /// Stop after this many seconds.
        #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
        duration: Option<std::time::Duration>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Attach a program explicitly: KIND:TARGET=PROGRAM, e.g. uprobe:/usr/bin/bash:readline=on_readline.
        #[arg(long, value_name = "SPEC")]
        attach: Vec<String>,
        /// Limit uprobes to this process.
        #[arg(short = 'p', long, value_name = "PID", value_parser = clap::value_parser!(i32).range(1..))]
        pid: Option<i32>,
        /// Keep running with the programs that attached when some cannot.
        #[arg(long)]
        allow_partial: bool,
        /// Show attachments and, on a verifier rejection, the whole log.
        #[arg(short = 'v', long)]
        verbose: bool,
        /// Pin the program's maps under this bpffs directory.
        #[arg(long, value_name = "DIR")]
        pin: Option<PathBuf>,
        /// Pages per CPU of each perf buffer (a power of two).
        #[arg(long, value_name = "N", default_value_t = crate::runtime::output::events::DEFAULT_PERF_PAGES, value_parser = perf_pages)]
        perf_pages: usize,
        /// Print every event, or only count them (the counts are printed at exit).
        #[arg(long, value_enum, default_value = "print")]
        events: EventsMode,
        #[command(flatten)]
        cflags: CFlags,
        #[command(flatten)]
        metrics: metrics::MetricsFlags,
        /// Run while this command runs and exit with its exit code.
        #[arg(last = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
}

/// Longest `--duration` accepted: a year (a bigger number is a typo, not a plan).
const MAX_SECONDS: f64 = 365.0 * 24.0 * 3600.0;

/// A number of seconds: finite, not negative, at most a year.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("`{s}` is not a number of seconds (a finite number, 0 or more)"));
    }
    if v > MAX_SECONDS {
        return Err(format!("{s} seconds is more than a year; leave --duration out to run until Ctrl-C"));
    }
    Ok(std::time::Duration::from_secs_f64(v))
}

/// The `bccrs` binary's main.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Compile { source, output, emit, cflags } => compile::compile(&source, output, emit, &cflags.options()),
        Cmd::Run { source, duration, format, attach, pid, allow_partial, verbose, pin, perf_pages, events, cflags, metrics, command } => {
            let opts = run::RunOptions {
                compile: cflags.options(),
                duration,
                command,
                format: if format == Format::Json { run::Format::Json } else { run::Format::Text },
                attach,
                pid: pid.unwrap_or(-1),
                allow_partial,
                verbose,
                pin,
                metrics: metrics.config(),
                perf_pages,
                events: if events == EventsMode::Count { run::EventsMode::Count } else { run::EventsMode::Print },
            };
            let code = run::run(&source, &opts);
            ExitCode::from(code.clamp(0, 255) as u8)
        }
    }
}

