//! bccrs: a BCC-compatible eBPF compiler frontend and runner.
pub mod compile;
pub mod diag;
pub mod frontend;
pub mod headers;
pub mod prelude;
pub mod toolchain;
pub mod attach;
pub mod bpf;
pub mod btf;
pub mod cache;
pub mod load;
pub mod output;
pub mod run;

pub use bpf::Bpf;
pub use compile::{compile_file, compile_source, Failure, Options, Output};
