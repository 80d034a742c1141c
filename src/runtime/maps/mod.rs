//! Userspace access to a program's tables: raw-bytes operations with the kernel's result codes,
//! per-CPU values, queues and stacks (also bccrs's per-CPU ones), and batch operations with a
//! per-element fallback. The C ABI and Python bindings sit on this.
pub mod batch;
pub mod percpu_qs;
pub mod table;

pub use batch::BatchError;
pub use percpu_qs::{create_instances, PercpuQs};
pub use table::{Errno, Result, Table, ANY, EXIST, NOEXIST};
