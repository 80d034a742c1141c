//! The compiler: BCC-dialect C in, a libbpf object out (`bccrs compile`).
//!
//! Invariant: no BPF syscalls and no libbpf loading (libbpf is used only to read BTF and dump
//! vmlinux.h); imports only `base` and `object`, never `runtime` or `cli`. The runtime calls
//! the compiler through the items re-exported here and nothing else.
pub mod cache_dir;
pub mod cache_manifest;
pub mod compile_thread;
pub mod driver;
pub mod final_clang;
pub mod frontend;
pub mod headers;
pub mod object_cache;
pub mod options;
pub mod prelude;
pub mod source_text;
pub mod toolchain;
pub mod translate;

pub use driver::{compile_cached, compile_file, compile_source, Compiled};
pub use options::{Failure, Options, Output};
pub use translate::{translate, Translated};
