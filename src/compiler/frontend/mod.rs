//! Analyse BCC-dialect C with libclang and rewrite it into plain libbpf C.
pub mod analyse;
pub mod clang;
pub mod edits;
pub mod kernel_types;
pub mod lex;
pub mod method_args;
pub mod limits;
pub mod packet;
pub mod prescan;
pub mod printk;
pub mod probe_reads;
pub mod programs;
pub mod rewrite;
pub mod table_limits;
pub mod tables;
pub mod tracepoint;
pub mod wording;
