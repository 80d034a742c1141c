//! The base layer: what both halves use and that knows neither — diagnostics and their
//! rendering, tracefs, CPU counts. Imports nothing else of the crate.
pub mod cpus;
pub mod diag;
pub mod tracefs;
