//! Diagnostics as plain data, rendered with codespan-reporting at the user's file:line:col.
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A place in a source file: the user's file, a text the compiler supplies (its prelude), or a
/// header on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), span, notes: vec![] }
    }
    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into(), span, notes: vec![] }
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

pub fn span(file: &str, range: Range<usize>) -> Option<Span> {
    Some(Span { file: file.to_string(), range })
}

/// The texts diagnostics point into: the user's file, the compiler's prelude, any other file read
/// on demand.
#[derive(Default, Clone)]
pub struct Sources {
    files: Vec<(String, String)>,
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.files.iter().map(|(n, _)| n)).finish()
    }
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }
    pub fn add(&mut self, name: &str, text: &str) {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), text.to_string()));
    }
    /// Every file, in the order added (a compile adds the program's own last).
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }
    pub fn text(&self, name: &str) -> Option<&str> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str())
    }
    /// The file named `base` or ending in `/base`.
    pub fn find_by_base_name(&self, base: &str) -> Option<String> {
        self.files
            .iter()
            .map(|(n, _)| n)
            .find(|n| *n == base || n.ends_with(&format!("/{base}")))
            .cloned()
    }

    /// 1-based line and column of a byte offset, for messages and tests.
    pub fn line_col(&self, name: &str, offset: usize) -> Option<(usize, usize)> {
        let t = self.text(name)?;
        let before = &t[..offset.min(t.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
        Some((line, col))
    }
}

/// Renders diagnostics as text; `color` for a terminal.
pub fn render(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut db = SimpleFiles::new();
    let mut ids = Vec::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    for d in diags {
        if let Some(s) = &d.span {
            if sources.text(&s.file).is_none() && !extra.iter().any(|(n, _)| n == &s.file) {
                extra.push((s.file.clone(), std::fs::read_to_string(&s.file).unwrap_or_default()));
            }
        }
    }
    for (n, t) in sources.files.iter().chain(extra.iter()) {
        ids.push((n.clone(), db.add(n.clone(), t.clone())));
    }
    let config = term::Config::default();
    let mut out = Vec::new();
    for d in diags {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        }
        .with_message(&d.message)
        .with_notes(d.notes.clone());
        if let Some(s) = &d.span {
            if let Some((_, id)) = ids.iter().find(|(n, _)| n == &s.file) {
                let len = db.get(*id).map(|f| f.source().len()).unwrap_or(0);
                let r = s.range.start.min(len)..s.range.end.min(len).max(s.range.start.min(len));
                cs = cs.with_labels(vec![Label::primary(*id, r)]);
            }
        }
        if color {
            let mut w = termcolor::Ansi::new(Vec::new());
            let _ = term::emit(&mut w, &config, &db, &cs);
            out.extend(w.into_inner());
        } else {
            let mut w = termcolor::NoColor::new(Vec::new());
            let _ = term::emit(&mut w, &config, &db, &cs);
            out.extend(w.into_inner());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
