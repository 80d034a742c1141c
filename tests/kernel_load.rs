//! Every fixture and every golden rewrite case compiles, and the kernel's verifier accepts every
//! program in it — through libbpf (as bccrs loads) and through `bpftool prog loadall`.
mod common;
use common::*;
use std::process::Command;

fn programs() -> Vec<std::path::PathBuf> {
    let mut v = c_files("fixtures");
    v.extend(c_files("tests/rewrite"));
    v
}

#[test]
fn every_fixture_loads_with_libbpf() {
    require_root();
    let mut failures = Vec::new();
    let mut loaded = 0;
    for p in programs() {
        let obj = compile(&p);
        if !loadable(&p) {
            continue;
        }
        match load(&obj) {
            Ok(_) => loaded += 1,
            Err(e) => failures.push(format!("{}: {e}", p.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(loaded >= 10, "only {loaded} programs loaded");
}

#[test]
fn every_fixture_loads_with_bpftool() {
    require_root();
    let bpffs = std::path::Path::new("/sys/fs/bpf");
    if !Command::new("mountpoint").arg("-q").arg(bpffs).status().is_ok_and(|s| s.success()) {
        assert!(Command::new("mount").args(["-t", "bpf", "bpf", "/sys/fs/bpf"]).status().unwrap().success());
    }
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for p in programs().into_iter().filter(|p| loadable(p)) {
        let o = dir.path().join(p.file_name().unwrap()).with_extension("bpf.o");
        std::fs::write(&o, compile(&p)).unwrap();
        let pin = bpffs.join(format!("bccrs-test-{}-{}", std::process::id(), p.file_stem().unwrap().to_string_lossy()));
        let out = Command::new("bpftool").args(["prog", "loadall"]).arg(&o).arg(&pin).output().expect("bpftool (apt-get install bpftool)");
        let _ = std::fs::remove_dir_all(&pin);
        if !out.status.success() {
            failures.push(format!("{}: {}", p.display(), String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An fentry program whose function the kernel's BTF does not describe fails in libbpf before
/// the kernel sees it (-ESRCH): the error names the function and points at it, instead of
/// "the kernel rejected the program: No such process".
#[test]
fn a_missing_fentry_target_is_named_at_its_use() {
    require_root();
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("k.c");
    std::fs::write(&src, "BPF_HASH(c, u32, u64);\nKFUNC_PROBE(bccrs_no_such_kernel_function)\n{\n    u32 k = 0;\n    c.increment(k);\n    return 0;\n}\n").unwrap();
    let (code, _, err) = bccrs_run(&[src.to_str().unwrap(), "--duration", "0.1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("attaches to the kernel function `bccrs_no_such_kernel_function`, which this kernel's BTF does not describe"), "{err}");
    assert!(err.contains("k.c:2:13"), "{err}");
    assert!(!err.contains("No such process"), "{err}");
}
