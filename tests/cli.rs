//! The `bccrs compile` command as a user runs it: exit codes, output files, flags.
use std::path::Path;
use std::process::Command;

fn bccrs() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bccrs"))
}

#[test]
fn compiles_to_a_bpf_elf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hello.bpf.o");
    let s = bccrs().args(["compile", "fixtures/hello_count.c", "-o"]).arg(&out).output().unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
    assert_eq!(u16::from_le_bytes([bytes[18], bytes[19]]), 247, "e_machine is EM_BPF");
}

#[test]
fn emit_c_prints_the_rewritten_program() {
    let s = bccrs().args(["compile", "fixtures/hello_count.c", "--emit", "c"]).output().unwrap();
    assert!(s.status.success());
    let c = String::from_utf8(s.stdout).unwrap();
    assert!(c.contains("__bccrs_increment(&counts, (tgid), 1, 1, 1);"), "{c}");
    assert!(c.contains("SEC(\"tracepoint/syscalls/sys_enter_getpid\")"), "{c}");
}

#[test]
fn defines_undefines_and_includes_reach_the_program() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("inc")).unwrap();
    std::fs::write(dir.path().join("inc/limits.h"), "#define LIMIT 7\n").unwrap();
    let src = dir.path().join("p.c");
    std::fs::write(
        &src,
        "#include \"limits.h\"\n#ifndef MAX_PID\n#error MAX_PID is required\n#endif\n\
         #ifdef DROPPED\n#error DROPPED must be undefined\n#endif\n\
         BPF_ARRAY(a, u64, LIMIT);\nint kprobe__f(struct pt_regs *ctx) { return MAX_PID; }\n",
    )
    .unwrap();
    let out = dir.path().join("p.o");
    let s = bccrs()
        .arg("compile")
        .arg(&src)
        .args(["-DMAX_PID=3", "-DDROPPED", "-UDROPPED", "-Wno-unused-variable", "--cflag=-fno-jump-tables"])
        .arg(format!("-I{}", dir.path().join("inc").display()))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let s = bccrs().arg("compile").arg(&src).arg("-o").arg(&out).output().unwrap();
    assert!(!s.status.success());
    assert!(String::from_utf8_lossy(&s.stderr).contains("MAX_PID is required"));
}

#[test]
fn errors_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bad.o");
    let s = bccrs().args(["compile", "tests/diagnostics/wrong_kind.c", "-o"]).arg(&out).output().unwrap();
    assert_eq!(s.status.code(), Some(1));
    let err = String::from_utf8_lossy(&s.stderr);
    assert!(err.contains("tests/diagnostics/wrong_kind.c:7:5"), "{err}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file left behind");
}

#[test]
fn missing_toolchain_names_the_packages() {
    let s = bccrs()
        .env("BCCRS_LLVM_DIR", "/nonexistent")
        .args(["compile", "fixtures/hello_count.c", "-o", "/tmp/never.o"])
        .output()
        .unwrap();
    assert_eq!(s.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&s.stderr).contains("apt-get install clang-19 libclang-19-dev"));
    assert!(!Path::new("/tmp/never.o").exists());
}

#[test]
fn unreadable_source_is_an_error() {
    let s = bccrs().args(["compile", "/nonexistent/p.c"]).output().unwrap();
    assert_eq!(s.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&s.stderr).contains("cannot read /nonexistent/p.c"));
}

/// The generated tracepoint structs come from bccrs's own header, whatever the program's
/// directory and the working directory hold (the translation unit reaches clang on stdin, so
/// clang looks for quoted includes in its working directory first).
#[test]
fn a_tp_h_next_to_the_program_is_not_taken_for_the_generated_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tp.h"), "/* someone else's */\n").unwrap();
    let prog = dir.path().join("prog.c");
    std::fs::write(
        &prog,
        "BPF_HASH(dfds, int, u64);\nTRACEPOINT_PROBE(syscalls, sys_enter_openat) {\n    int d = args->dfd;\n    dfds.increment(d);\n    return 0;\n}\n",
    )
    .unwrap();
    let s = bccrs().arg("compile").arg(&prog).arg("-o").arg(dir.path().join("prog.o")).output().unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let s = bccrs().current_dir(dir.path()).args(["compile", "prog.c", "-o", "prog2.o"]).output().unwrap();
    assert!(s.status.success(), "run from that directory: {}", String::from_utf8_lossy(&s.stderr));
}

/// What BCC's clang warns about and clang ≥ 15 refuses by default, an integer/pointer mix (BCC's
/// trace passes a `const char *` as `uintptr_t` for STRCMP), compiles as with BCC.
#[test]
fn pointer_integer_mixes_compile_as_with_bcc() {
    let dir = tempfile::tempdir().unwrap();
    let prog = dir.path().join("mix.c");
    std::fs::write(
        &prog,
        "static inline bool streq(uintptr_t str) { char c = 0; bpf_probe_read_user(&c, 1, (void *)str); return c == '/'; }\n\
         TRACEPOINT_PROBE(syscalls, sys_enter_openat) { return streq(args->filename); }\n",
    )
    .unwrap();
    let s = bccrs().arg("compile").arg(&prog).arg("-o").arg(dir.path().join("mix.o")).output().unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
}
