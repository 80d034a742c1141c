//! bccrs: a BCC-compatible eBPF compiler frontend and runner.
//!
//! Layers, each importing only those before it (checked by tests/layering.rs; see
//! docs/architecture.md):
//! 1. `base` — diagnostics, tracefs, CPU counts;
//! 2. `object` — the contract between the halves: the `.bccrs.meta` schema and names;
//! 3. `compiler` — BCC C → BPF object, with no BPF syscalls;
//! 4. `runtime` — load, attach, tables, events, output; the compiler only through its entry
//!    points;
//! 5. `cli` (the `bccrs` command) and `ffi` (the C ABI, under the Python package).
pub mod base;
pub mod object;
pub mod compiler;
pub mod runtime;
pub mod cli;
pub mod ffi;

pub use compiler::{compile_file, compile_source, Failure, Options, Output};
pub use runtime::bpf::Bpf;

pub use base::cpus::possible_cpus;

// The flat module paths of earlier releases, kept for users of the library.
pub use base::diag;
pub use cli::run;
pub use compiler as compile;
pub use compiler::{frontend, headers, prelude, toolchain};
pub use compiler::object_cache as cache;
pub use runtime::{attach, bpf, btf, child, load, maps, output};
pub use runtime::shared_tables as shared_maps;
