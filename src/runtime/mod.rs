//! The runtime: loads objects into the kernel with libbpf, attaches them, reads their tables and
//! events, and shows them (`bccrs run`, the `Bpf` facade, the C ABI and Python underneath).
//!
//! Invariant: imports `base` and `object`, and the compiler only through the items
//! `compiler/mod.rs` re-exports (compile a source before loading); never imports `cli` or
//! `ffi`.
pub mod attach;
pub mod bpf;
pub mod btf;
pub mod child;
pub mod load;
pub mod map_errors;
pub mod target_errors;
pub mod maps;
pub mod metrics;
pub mod output;
pub mod shared_tables;
pub mod verifier;
