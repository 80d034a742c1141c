//! What a running program shows: maps at exit, events and trace_printk lines while it runs.
pub mod event_format;
pub mod events;
pub mod hist;
pub mod lost;
pub mod maps;
pub mod stacks;
pub mod trace_pipe;
