//! A loaded program's tables as Prometheus metrics, with no configuration: names, labels and
//! metric kinds come from the tables' BTF and the compiler's metadata (docs/metrics.md).
pub mod families;
pub mod labels;
pub mod render;
pub mod server;
pub mod source;

pub use families::Options;
pub use render::Format;
pub use source::{EventCounts, SharedEventCounts, Source};
