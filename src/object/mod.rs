//! The contract between the compiler and the runtime: the `.bccrs.meta` schema, the names the
//! compiler gives (renames, type anchors) and how the runtime reads them back. Imports nothing
//! else of the crate; both halves import it.
pub mod meta;
pub mod names;
