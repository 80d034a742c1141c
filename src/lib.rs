//! bccrs: a BCC-compatible eBPF compiler frontend and runner.
pub mod frontend;
