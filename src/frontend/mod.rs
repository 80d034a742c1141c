//! Analyse BCC-dialect C with libclang and rewrite it into plain libbpf C.
pub mod tracepoint;
