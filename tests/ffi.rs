//! The C ABI from C: a program built against include/bccrs.h loads, attaches and reads a map.
mod common;
use std::process::Command;

#[test]
fn c_program_loads_attaches_and_reads_a_map() {
    common::require_root();
    let lib = std::path::Path::new(env!("CARGO_BIN_EXE_bccrs")).parent().unwrap().to_path_buf();
    assert!(lib.join("libbccrs.so").exists(), "target/debug/libbccrs.so is missing: run `cargo build` first (scripts/test.sh does)");
    let exe = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ffi-count-getpid");
    let s = Command::new("cc")
        .args(["-Wall", "-Werror", "-Iinclude", "tests/ffi/count_getpid.c", "-o"])
        .arg(&exe)
        .arg(format!("-L{}", lib.display()))
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-lbccrs")
        .status()
        .unwrap();
    assert!(s.success(), "the C test program builds against bccrs.h");
    let out = Command::new(&exe).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    // 100 getpid() calls, each adding INC=3 (a cflag); an absent key is -ENOENT (-2).
    assert!(stdout.contains("lookup=0 count=300 missing=-2"), "{stdout}");
    assert!(stdout.contains("section=tracepoint/syscalls/sys_enter_getppid calls>=1"), "{stdout}");
    // 5 getppid + 3 getuid with both attachments, then 3 getuid with one.
    assert!(stdout.contains("detach_link=0 again=-1 calls=11"), "{stdout}");
    assert!(stdout.contains(r#""kind":"int""#) && stdout.contains(r#""name":"u32""#), "{stdout}");
}
