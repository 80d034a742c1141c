//! The BCC compatibility corpus (scripts/bcc-corpus.sh): every program that Debian's BCC tools and
//! examples build is compiled by bccrs and loaded into the kernel's verifier. The committed
//! snapshot (tests/bcc_corpus/snapshot.txt) records how far each one got; this test fails when a
//! program gets less far than the snapshot says (ok → anything else, compiled → compile-fail).
//! Improvements pass, with a hint to re-bless: `scripts/bcc-corpus.sh --bless`.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// How far a program got: 0 nothing (skip, compile-fail), 1 compiled, 2 verified.
fn rank(status: &str) -> u8 {
    match status {
        "ok" => 2,
        "compiled-only" | "load-fail" => 1,
        _ => 0,
    }
}

/// NAME -> (status, the whole line), from the script's output or the snapshot.
fn parse(text: &str) -> BTreeMap<String, (String, String)> {
    text.lines()
        .filter(|l| !l.starts_with("Summary:") && !l.trim().is_empty())
        .filter_map(|l| {
            let mut it = l.splitn(3, ' ');
            let name = it.next()?.to_string();
            let status = it.next()?.to_string();
            Some((name, (status, l.to_string())))
        })
        .collect()
}

#[test]
fn bcc_corpus_does_not_regress() {
    assert!(
        Path::new("/usr/sbin/opensnoop-bpfcc").exists() && Path::new("/usr/share/doc/bpfcc-tools/examples").is_dir(),
        "the BCC corpus needs BCC's tools and examples: apt-get install bpfcc-tools"
    );
    assert_eq!(unsafe { libc::geteuid() }, 0, "the BCC corpus loads programs into the kernel and must run as root");

    let out = Command::new("bash")
        .arg("scripts/bcc-corpus.sh")
        .env("BCCRS", env!("CARGO_BIN_EXE_bccrs"))
        .output()
        .expect("run scripts/bcc-corpus.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "scripts/bcc-corpus.sh failed ({}):\n{stderr}\n{stdout}", out.status);
    let summary = stdout.lines().find(|l| l.starts_with("Summary:")).unwrap_or("(no summary)");

    let snapshot_path = "tests/bcc_corpus/snapshot.txt";
    let snapshot = std::fs::read_to_string(snapshot_path).unwrap_or_else(|e| panic!("{snapshot_path}: {e}"));
    let old_summary = snapshot.lines().find(|l| l.starts_with("Summary:")).unwrap_or("(no summary)");
    let (old, new) = (parse(&snapshot), parse(&stdout));

    let mut regressions = Vec::new();
    let mut changes = Vec::new();
    for (name, (status, line)) in &old {
        match new.get(name) {
            None if rank(status) > 0 => regressions.push(format!("{name}: no longer captured (was: {line})")),
            None => changes.push(format!("- {line}")),
            Some((s, l)) if rank(s) < rank(status) => regressions.push(format!("was: {line}\nnow: {l}")),
            Some((_, l)) if l != line => changes.push(format!("- {line}\n+ {l}")),
            _ => {}
        }
    }
    for (name, (_, line)) in &new {
        if !old.contains_key(name) {
            changes.push(format!("+ {line}"));
        }
    }

    // Written to stderr itself, not through eprintln!, so that the test harness shows it even
    // when the test passes.
    let mut note = format!("\nBCC corpus: snapshot: {old_summary}\n            now:      {summary}\n");
    if !changes.is_empty() {
        note += &format!(
            "{} line(s) differ from the snapshot without a regression:\n{}\nre-bless with: scripts/bcc-corpus.sh --bless\n",
            changes.len(),
            changes.join("\n")
        );
    }
    let _ = std::io::stderr().write_all(note.as_bytes());
    assert!(
        regressions.is_empty(),
        "{} BCC corpus program(s) regressed against {snapshot_path}:\n\n{}\n\n(snapshot: {old_summary}; now: {summary})\n\
         Reproduce with: scripts/bcc-corpus.sh --work /tmp/bcc-corpus --only NAME (programs, objects and logs are kept there)",
        regressions.len(),
        regressions.join("\n\n")
    );
}
