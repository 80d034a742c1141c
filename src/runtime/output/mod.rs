//! What a running program shows: maps at exit, events and trace_printk lines while it runs.
pub mod events;
pub mod hist;
pub mod maps;
pub mod stacks;
pub mod trace_pipe;
