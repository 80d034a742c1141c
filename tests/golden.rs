//! Golden tests of the frontend: `tests/rewrite/*.c` → the C given to clang (`*.expected.c`),
//! `tests/diagnostics/*.c` → the rendered diagnostics (`*.expected.txt`). A diagnostics case
//! starts with `// expect: LINE:COL`, the position its first error must have.
//! Re-bless after reviewing a change with `BCCRS_BLESS=1 cargo test --test golden`.
mod common;
use bccrs::compiler::{translate, Options};
use std::path::{Path, PathBuf};

fn cases(dir: &str) -> Vec<PathBuf> {
    let v = common::c_files(dir);
    assert!(!v.is_empty(), "no cases in {dir}");
    v
}

fn check(path: &Path, expected_path: PathBuf, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("BCCRS_BLESS").is_some() {
        std::fs::write(&expected_path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{}: output differs from {}\n--- actual ---\n{actual}\n--- expected ---\n{expected}",
            path.display(),
            expected_path.display()
        ));
    }
}

#[test]
fn rewrite_cases() {
    let mut failures = Vec::new();
    for path in cases("tests/rewrite") {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        match translate(&name, &text, &Options::default()) {
            Ok(t) => check(&path, path.with_extension("expected.c"), &t.c_text, &mut failures),
            Err(f) => failures.push(format!("{name}: unexpected failure\n{}", f.render(false))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn diagnostic_cases() {
    let mut failures = Vec::new();
    for path in cases("tests/diagnostics") {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let want = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// expect: "))
            .unwrap_or_else(|| panic!("{name}: first line must be `// expect: LINE:COL`"))
            .trim()
            .to_string();
        let result = bccrs::compiler::compile_source(&name, &text, &Options::default());
        let f = match result {
            Ok(_) => {
                failures.push(format!("{name}: compiled, but an error was expected"));
                continue;
            }
            Err(f) => f,
        };
        let first = f.diagnostics.iter().find(|d| d.is_error()).expect("an error diagnostic");
        let got = first
            .span
            .as_ref()
            .and_then(|s| {
                assert_eq!(s.file, name, "{name}: error is not located in the user's file");
                f.sources.line_col(&s.file, s.range.start)
            })
            .map(|(l, c)| format!("{l}:{c}"))
            .unwrap_or_else(|| "none".into());
        if got != want {
            failures.push(format!("{name}: first error at {got}, expected {want}\n{}", f.render(false)));
        }
        check(&path, path.with_extension("expected.txt"), &f.render(false), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
