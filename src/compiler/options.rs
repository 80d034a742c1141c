//! What a compile takes and gives: the compiler's public types.
use crate::base::diag::{Diagnostic, Sources};
use std::path::PathBuf;

/// What the user passes besides the source: C compiler flags and where kernel types come from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-DNAME[=V]`, `-UNAME`, `-Ipath`, `-Wfoo` and any other clang flag, in order.
    pub cflags: Vec<String>,
    /// (function, section): the host chooses a program's type (BCC's `load_func(fn, type)`),
    /// overriding what the name or context type would give.
    pub sections: Vec<(String, String)>,
    /// Kernel BTF to generate vmlinux.h from (default /sys/kernel/btf/vmlinux).
    pub btf: Option<PathBuf>,
    /// Cache directory (default: see `cache_dir::cache_root`).
    pub cache_dir: Option<PathBuf>,
}

/// A compiled program.
#[derive(Debug)]
pub struct Output {
    pub object: Vec<u8>,
    /// The translation unit given to clang (generated header + rewritten source), for `--emit c`.
    pub c_text: String,
    /// (function, section) of each program.
    pub programs: Vec<(String, String)>,
    /// Warnings, located in the user's file.
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
    /// The user's files the program included (for the object cache).
    pub deps: Vec<PathBuf>,
}

/// Why a compile failed: diagnostics and the texts they point into.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Failure {
    pub(crate) fn plain(msg: impl Into<String>, sources: Sources) -> Failure {
        Failure { diagnostics: vec![Diagnostic::error(msg, None)], sources }
    }
    pub fn render(&self, color: bool) -> String {
        crate::base::diag::render(&self.diagnostics, &self.sources, color)
    }
}
