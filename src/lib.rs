//! bccrs: a BCC-compatible eBPF compiler frontend and runner.
pub mod compile;
pub mod diag;
pub(crate) mod final_compile;
pub mod ffi;
pub mod frontend;
pub mod headers;
pub mod prelude;
pub mod toolchain;
pub mod attach;
pub mod bpf;
pub mod btf;
pub mod cache;
pub mod child;
pub mod load;
pub mod maps;
pub mod output;
pub mod run;
pub mod shared_maps;

pub use bpf::Bpf;
pub use compile::{compile_file, compile_source, Failure, Options, Output};

/// The number of possible CPUs (`/sys/devices/system/cpu/possible`), which sizes per-CPU map
/// values and bccrs's per-CPU queues and stacks.
pub fn possible_cpus() -> usize {
    libbpf_rs::num_possible_cpus().unwrap_or(1).max(1)
}
