//! Shared harness for kernel tests: compile with bccrs, load with libbpf, run a workload in a
//! child process, read maps back.
#![allow(dead_code)]
use bccrs::compiler::{compile_file, compile_source, Options};
use libbpf_rs::{MapCore, MapFlags, Object, ObjectBuilder};
use std::path::Path;

pub fn require_root() {
    assert_eq!(unsafe { libc::geteuid() }, 0, "kernel tests load BPF programs and must run as root");
}

pub fn compile(path: &Path) -> Vec<u8> {
    match compile_file(path, &Options::default()) {
        Ok(o) => o.object,
        Err(f) => panic!("{} does not compile:\n{}", path.display(), f.render(false)),
    }
}

pub fn compile_text(name: &str, text: &str) -> Vec<u8> {
    match compile_source(name, text, &Options::default()) {
        Ok(o) => o.object,
        Err(f) => panic!("{name} does not compile:\n{}", f.render(false)),
    }
}

/// Loads an object into the kernel; Err carries libbpf's message and the verifier log.
pub fn load(object: &[u8]) -> Result<Object, String> {
    let open = ObjectBuilder::default().open_memory(object).map_err(|e| format!("open: {e}"))?;
    open.load().map_err(|e| format!("load: {e:#}"))
}

/// Attaches every program by its section and keeps the links alive.
pub fn attach_all(obj: &Object) -> Vec<libbpf_rs::Link> {
    obj.progs_mut().map(|p| p.attach().unwrap_or_else(|e| panic!("attach {:?}: {e}", p.name()))).collect()
}

/// Runs `f` in a forked child and returns the child's pid once it has exited.
pub fn in_child(f: impl FnOnce()) -> u32 {
    unsafe {
        let pid = libc::fork();
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            f();
            libc::_exit(0);
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0);
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "child failed: {status}");
        pid as u32
    }
}

pub fn map_lookup(obj: &Object, map: &str, key: &[u8]) -> Option<Vec<u8>> {
    let m = obj.maps().find(|m| m.name() == map).unwrap_or_else(|| panic!("no map {map}"));
    m.lookup(key, MapFlags::ANY).expect("lookup")
}

pub fn u64_of(v: &[u8]) -> u64 {
    u64::from_ne_bytes(v[..8].try_into().unwrap())
}

/// Every .c file of a directory, sorted.
pub fn c_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c") && !p.to_string_lossy().ends_with(".expected.c"))
        .collect();
    v.sort();
    v
}

/// Programs that compile but cannot load on this machine (fentry/fexit/LSM need BTF-based
/// attach that lockdown forbids here): their files say so in their names.
pub fn loadable(p: &Path) -> bool {
    let n = p.file_name().unwrap().to_string_lossy();
    !n.starts_with("compile_only_") && n != "progs_tracing.c"
}

/// The traced test process (tests/programs/workload.c), built once per test binary.
pub fn workload() -> std::path::PathBuf {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bccrs-workload-{}", std::process::id()));
            let s = std::process::Command::new("cc")
                .args(["-O1", "-g", "-o"])
                .arg(&out)
                .arg("tests/programs/workload.c")
                .status()
                .expect("a C compiler (cc)");
            assert!(s.success(), "building the workload failed");
            out
        })
        .clone()
}

/// `bccrs run` with arguments; returns (exit code, stdout, stderr).
pub fn bccrs_run(args: &[&str]) -> (i32, String, String) {
    let (code, out, err, _) = bccrs_run_pid(args);
    (code, out, err)
}

/// One `bccrs run` at a time: the test programs recognise the workload by its name, so two
/// workloads of parallel tests would count in each other's tables.
static RUNNING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds the other `bccrs run`s of this test binary off (see RUNNING).
pub fn one_run_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// The same, and the pid `bccrs run` had (the parent of the command it runs).
pub fn bccrs_run_pid(args: &[&str]) -> (i32, String, String, u32) {
    let _one_at_a_time = one_run_at_a_time();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_bccrs"))
        .arg("run")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        pid,
    )
}

/// The pid the workload printed, and the JSON document `--format json` printed last.
pub fn pid_and_json(stdout: &str) -> (u32, serde_json::Value) {
    let pid = stdout.lines().find_map(|l| l.strip_prefix("pid ")).expect("workload pid").trim().parse().unwrap();
    let doc = stdout.lines().rev().find(|l| l.starts_with("{\"events\"")).expect("final JSON document");
    (pid, serde_json::from_str(doc).unwrap())
}

/// A map's entries from the final JSON document, as (key, value) pairs.
/// The data of every `{"event": table, …}` line `bccrs run --format json` printed.
pub fn events(stdout: &str, table: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["event"] == table)
        .map(|v| v["data"].clone())
        .collect()
}

pub fn entries(doc: &serde_json::Value, map: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    doc["maps"][map]["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no map {map} in {doc}"))
        .iter()
        .map(|e| (e["key"].clone(), e["value"].clone()))
        .collect()
}
