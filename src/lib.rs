//! bccrs: a BCC-compatible eBPF compiler frontend and runner.
pub mod frontend;
pub mod headers;
pub mod prelude;
pub mod toolchain;
