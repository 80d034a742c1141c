//! The C ABI from C: a program built against include/bccrs.h loads, attaches and reads a map.
mod common;
use std::process::Command;

/// Builds `tests/ffi/NAME.c` against bccrs.h and libbccrs.so, runs it; returns its stdout.
fn run_c(name: &str) -> String {
    let lib = std::path::Path::new(env!("CARGO_BIN_EXE_bccrs")).parent().unwrap().to_path_buf();
    assert!(lib.join("libbccrs.so").exists(), "target/debug/libbccrs.so is missing: run `cargo build` first (scripts/test.sh does)");
    let exe = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ffi-{name}"));
    let s = Command::new("cc")
        .args(["-Wall", "-Werror", "-Iinclude", &format!("tests/ffi/{name}.c"), "-o"])
        .arg(&exe)
        .arg(format!("-L{}", lib.display()))
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-lbccrs")
        .status()
        .unwrap();
    assert!(s.success(), "the C test program builds against bccrs.h");
    let out = Command::new(&exe).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// `key=value` numbers of the line starting with `prefix`.
fn numbers(stdout: &str, prefix: &str) -> std::collections::HashMap<String, i64> {
    let line = stdout.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` line in {stdout}"));
    line.split_whitespace().filter_map(|w| w.split_once('=')).map(|(k, v)| (k.to_string(), v.parse().unwrap())).collect()
}

#[test]
fn perf_and_ring_losses_add_up_to_what_was_sent() {
    common::require_root();
    let stdout = run_c("events_lost");
    // 2000 getppid() calls of the test process, 32 events each into one-page buffers, read
    // only every 500 calls: most are refused, and every one is counted.
    for table in ["perf", "ring"] {
        let n = numbers(&stdout, table);
        assert_eq!(n["sent"], 64000, "{stdout}");
        assert_eq!(n["received"] + n["lost"], n["sent"], "{table}: {stdout}");
        assert!(n["lost"] > 0 && n["received"] > 0, "{table}: {stdout}");
    }
    // perf's own lost records miss the losses after each burst's last written event.
    let perf = numbers(&stdout, "perf");
    assert!(perf["records"] <= perf["lost"], "{stdout}");
    // A table that is not an event table has no counter: -ENOENT.
    assert!(stdout.contains("sent table=-2"), "{stdout}");
}

#[test]
fn c_program_loads_attaches_and_reads_a_map() {
    common::require_root();
    let stdout = run_c("count_getpid");
    // 100 getpid() calls, each adding INC=3 (a cflag); an absent key is -ENOENT (-2).
    assert!(stdout.contains("lookup=0 count=300 missing=-2"), "{stdout}");
    assert!(stdout.contains("section=tracepoint/syscalls/sys_enter_getppid calls>=1"), "{stdout}");
    // 5 getppid + 3 getuid with both attachments, then 3 getuid with one.
    assert!(stdout.contains("detach_link=0 again=-1 calls=11"), "{stdout}");
    assert!(stdout.contains(r#""kind":"int""#) && stdout.contains(r#""name":"u32""#), "{stdout}");
}
