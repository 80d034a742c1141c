//! Hostile input and broken state: outputs that are not regular files, values out of range,
//! programs past the compiler's limits, odd encodings and inputs, and a damaged or unusable
//! cache. Each ends in a located error or a correct result, never a panic or a replaced file.
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bccrs() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bccrs"))
}

const PROG: &str = "BPF_HASH(counts, u32, u64);\nint kprobe__vfs_read(struct pt_regs *ctx) { u32 k = 1; counts.increment(k); return 0; }\n";

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_prog(dir: &Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn output_onto_a_device_is_written_not_renamed_over() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(d.path(), "p.c", PROG.as_bytes());
    let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/null"]).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/full"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("cannot write /dev/full: No space left on device"), "{}", err(&o));
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
}

#[test]
fn output_into_a_fifo_is_written_through_it() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(d.path(), "p.c", PROG.as_bytes());
    let fifo = d.path().join("out.fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = bccrs().arg("compile").arg(&src).arg("-o").arg(&fifo).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(&reader.join().unwrap()[..4], b"\x7fELF");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn output_equal_to_the_input_is_refused_and_the_source_kept() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(d.path(), "p.c", PROG.as_bytes());
    std::os::unix::fs::symlink(&src, d.path().join("link.o")).unwrap();
    for out in [src.clone(), d.path().join("link.o"), d.path().join(".").join("p.c")] {
        let o = bccrs().arg("compile").arg(&src).arg("-o").arg(&out).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains("is the input file"), "{}", err(&o));
        assert_eq!(std::fs::read_to_string(&src).unwrap(), PROG);
    }
}

#[test]
fn dash_is_stdout_and_a_closed_stdout_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(d.path(), "p.c", PROG.as_bytes());
    let o = bccrs().arg("compile").arg(&src).args(["-o", "-"]).output().unwrap();
    assert!(o.status.success());
    assert_eq!(&o.stdout[..4], b"\x7fELF");
    assert!(!d.path().join("-").exists());
    // A pipe whose reader is gone: EPIPE, exit 1.
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    unsafe { libc::close(fds[0]) };
    let w = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fds[1]) };
    let o = bccrs().arg("compile").arg(&src).args(["--emit", "c"]).stdout(Stdio::from(w)).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("cannot write standard output: Broken pipe"), "{}", err(&o));
}

#[test]
fn stdin_devices_and_odd_names_compile_as_c() {
    let d = tempfile::tempdir().unwrap();
    let o = bccrs().args(["compile", "/dev/null", "-o"]).arg(d.path().join("n.o")).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let mut c = bccrs().args(["compile", "-", "-o"]).arg(d.path().join("s.o")).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(c.stdin.as_mut().unwrap(), b"int x = ;\n").unwrap();
    drop(c.stdin.take());
    let o = c.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("<stdin>:1:9"), "{}", err(&o));
    let src = write_prog(d.path(), "p.bpf", PROG.as_bytes());
    let o = bccrs().arg("compile").arg(&src).arg("-o").arg(d.path().join("b.o")).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn a_target_flag_is_refused_by_name() {
    let o = bccrs().args(["compile", "fixtures/hello_count.c", "--cflag=--target=x86_64", "-o", "/dev/null"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("the flag `--target=x86_64` changes the target"), "{}", err(&o));
}

#[test]
fn durations_and_pids_out_of_range_are_usage_errors() {
    for v in ["1e300", "nan", "inf", "-1", "soon"] {
        let o = bccrs().args(["run", "fixtures/hello_count.c", &format!("--duration={v}")]).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{v}");
        assert!(err(&o).contains("--duration"), "{v}: {}", err(&o));
        assert!(!err(&o).contains("panicked"), "{v}: {}", err(&o));
    }
    let o = bccrs().args(["run", "fixtures/hello_count.c", "-p", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn nested_table_macros_are_one_error_at_the_inner_macro() {
    let d = tempfile::tempdir().unwrap();
    let nest = |n: usize| format!("{}t{};\n", "BPF_HASH(".repeat(n), ")".repeat(n));
    for n in [2, 10, 3000] {
        let src = write_prog(d.path(), "n.c", nest(n).as_bytes());
        let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/null"]).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "depth {n}");
        let e = err(&o);
        assert!(e.contains("n.c:1:10") && e.contains("a table declaration (`BPF_HASH`) inside"), "{e}");
        assert_eq!(e.matches("error").count(), 1, "{e}");
    }
}

/// `int zz = 1 + 1 + …`: deep but legal C at the limit compiles (bccrs's walks recurse once per
/// level, on the compile thread's large stack); past it, and a 1 MB line of it, is an error at
/// the place the limit is crossed.
#[test]
fn long_operator_chains_compile_up_to_the_limit_and_are_located_past_it() {
    use bccrs::compiler::frontend::limits::MAX_EXPRESSION_DEPTH;
    let d = tempfile::tempdir().unwrap();
    let prog = |n: usize| format!("int zz = {};\nint kprobe__vfs_read(void *ctx) {{ return zz; }}\n", vec!["1"; n].join(" + "));
    let src = write_prog(d.path(), "deep.c", prog(MAX_EXPRESSION_DEPTH).as_bytes());
    let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/null"]).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    for n in [MAX_EXPRESSION_DEPTH + 2, 250_000] {
        let src = write_prog(d.path(), "deep.c", prog(n).as_bytes());
        let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/null"]).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        let e = err(&o);
        assert!(e.contains("deep.c:1:") && e.contains("nests more than"), "{}", &e[..e.len().min(400)]);
    }
}

#[test]
fn a_bom_and_latin1_bytes_compile_and_keep_the_string_bytes() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(
        d.path(),
        "l1.c",
        b"\xef\xbb\xbf// caf\xe9 cr\xe8me\nint kprobe__vfs_read(void *ctx) { char s[] = \"\xe9t\xe9\"; return s[0] + s[2]; }\n",
    );
    let o = bccrs().arg("compile").arg(&src).args(["--emit", "c"]).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let c = String::from_utf8(o.stdout).unwrap();
    assert!(c.contains("\"\\351t\\351\""), "{c}");
    let o = bccrs().arg("compile").arg(&src).arg("-o").arg(d.path().join("l1.o")).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
}

fn compile_with_cache(cache: &Path, src: &Path) -> Output {
    bccrs().env("BCCRS_CACHE_DIR", cache).arg("compile").arg(src).args(["-o", "/dev/null"]).output().unwrap()
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            files_under(&e.path(), out);
        } else {
            out.push(e.path());
        }
    }
}

/// Every file of the header cache, garbled, truncated or removed in turn, is rebuilt on the next
/// compile with one warning (the small header's folder included, once a program has built it).
#[test]
fn every_damaged_header_cache_file_is_healed_on_the_next_compile() {
    let d = tempfile::tempdir().unwrap();
    let cache = d.path().join("cache");
    // task_struct reaches far enough to build the small header too.
    let src = write_prog(
        d.path(),
        "p.c",
        b"int kprobe__vfs_read(void *ctx) { struct task_struct *t = (void *)bpf_get_current_task(); return t->tgid; }\n",
    );
    let o = compile_with_cache(&cache, &src);
    assert!(o.status.success(), "{}", err(&o));
    let mut files = Vec::new();
    files_under(&cache.join("headers"), &mut files);
    let picks: Vec<_> = files
        .iter()
        .filter(|f| {
            let n = f.to_string_lossy();
            n.ends_with("base.pch") || n.ends_with("vmlinux.h") || n.ends_with("manifest") || n.ends_with("compat.h") || n.ends_with("bpf_helpers.h")
        })
        .cloned()
        .collect();
    assert!(picks.len() >= 4, "{picks:?}");
    for (i, f) in picks.iter().enumerate() {
        if !f.exists() {
            continue;
        }
        match i % 3 {
            0 => {
                let mut b = std::fs::read(f).unwrap();
                let (mid, len) = (b.len() / 2, b.len());
                for x in &mut b[mid..(mid + 64).min(len)] {
                    *x ^= 0x5a;
                }
                std::fs::write(f, b).unwrap();
            }
            1 => std::fs::OpenOptions::new().write(true).open(f).unwrap().set_len(10).unwrap(),
            _ => std::fs::remove_file(f).unwrap(),
        }
        let o = compile_with_cache(&cache, &src);
        assert!(o.status.success(), "after damaging {}: {}", f.display(), err(&o));
        assert!(err(&o).contains("rebuilding it"), "after damaging {}: {}", f.display(), err(&o));
        let o = compile_with_cache(&cache, &src);
        assert!(o.status.success() && !err(&o).contains("warning"), "healed: {}", err(&o));
    }
}

/// A cache that cannot be created (its path is a file) degrades to a private one: compiles
/// still work, with one warning.
#[test]
fn an_unusable_cache_degrades_to_a_private_one() {
    let d = tempfile::tempdir().unwrap();
    let not_a_dir = write_prog(d.path(), "cache", b"");
    let src = write_prog(d.path(), "p.c", PROG.as_bytes());
    let o = compile_with_cache(&not_a_dir, &src);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(err(&o).matches("warning: the compiler cache is not usable").count(), 1, "{}", err(&o));
}

/// The work directory of a process that is gone is removed by the next compile.
#[test]
fn work_directories_of_dead_processes_are_swept() {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    let stale = std::env::temp_dir().join(format!("bccrs-{pid}-sweepme"));
    std::fs::create_dir_all(stale.join("bccrs")).unwrap();
    std::fs::write(stale.join("bccrs/helpers.h"), "x").unwrap();
    let live = std::env::temp_dir().join(format!("bccrs-{}-keepme", std::process::id()));
    std::fs::create_dir_all(&live).unwrap();
    let o = bccrs().args(["compile", "fixtures/hello_count.c", "-o", "/dev/null"]).output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(!stale.exists(), "a dead process's directory is swept");
    assert!(live.exists(), "a live process's directory is kept");
    std::fs::remove_dir_all(&live).unwrap();
}

/// A cached object that was garbled is not loaded: it is compiled again (and stored anew).
#[test]
fn a_garbled_cached_object_is_compiled_again() {
    use bccrs::compile::{compile_cached, Options};
    let d = tempfile::tempdir().unwrap();
    let opts = Options { cache_dir: Some(d.path().join("cache")), ..Options::default() };
    let first = compile_cached("p.c", PROG, &opts).unwrap().object;
    let objects: Vec<_> = std::fs::read_dir(d.path().join("cache/objects")).unwrap().flatten().map(|e| e.path()).collect();
    let obj = objects.iter().find(|p| p.extension().is_some_and(|x| x == "o")).unwrap();
    let mut garbled = first.clone();
    let n = garbled.len();
    garbled[n / 2] ^= 0xff;
    std::fs::write(obj, &garbled).unwrap();
    let again = compile_cached("p.c", PROG, &opts).unwrap().object;
    assert_eq!(again, first, "the garbled object was loaded");
    assert_eq!(std::fs::read(obj).unwrap(), first, "the entry is stored anew");
    // A hit from then on.
    assert_eq!(compile_cached("p.c", PROG, &opts).unwrap().object, first);
}

fn compile_text(text: &str) -> Output {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(d.path(), "p.c", text.as_bytes());
    let o = bccrs().arg("compile").arg(&src).args(["-o", "/dev/null"]).output().unwrap();
    // Named by the file's base name, so messages compare across temporary directories.
    let e = err(&o).replace(&src.display().to_string(), "p.c");
    Output { status: o.status, stdout: o.stdout, stderr: e.into_bytes() }
}

/// A declaration clashing with a dialect type is one error at the user's line, and nothing
/// points into the prelude, a temporary path or bccrs's generated names.
#[test]
fn a_clash_with_a_dialect_type_is_one_error_at_the_users_line() {
    for (text, at) in [("int u64;\n", "p.c:1:5"), ("struct key_t\n  u32 pid;\n};\nBPF_HASH(h, struct key_t, u64);\n", "p.c:2:")] {
        let o = compile_text(text);
        assert_eq!(o.status.code(), Some(1));
        let e = err(&o);
        assert!(e.contains(at), "{e}");
        for bad in ["<prelude>", "/tmp/", "__bccrs", "__BCCRS"] {
            assert!(!e.contains(bad), "{bad} in: {e}");
        }
    }
    assert_eq!(err(&compile_text("int u64;\n")).matches("error:").count(), 1);
}

#[test]
fn pointer_and_integer_mixes_in_method_arguments_are_errors_at_the_argument() {
    let o = compile_text(
        "BPF_PERF_ARRAY(ev, 4);\nBPF_HASH(h, u32, u64);\nint kprobe__vfs_read(void *ctx) {\n    u64 v = ev.perf_read(\"str\");\n    u32 k = 3;\n    h.lookup(k);\n    h.lookup(0);\n    h.increment(k);\n    return v;\n}\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("argument 1 of `ev.perf_read` must be an integer, not a pointer or string") && e.contains("p.c:4:26"), "{e}");
    assert!(e.contains("argument 1 of `h.lookup` must be a pointer") && e.contains("p.c:6:14"), "{e}");
    assert_eq!(e.matches("error:").count(), 2, "lookup(0) and increment(k) are fine: {e}");
}

#[test]
fn table_sizes_are_checked_against_the_kernels_limits_at_the_declaration() {
    for (decl, msg) in [
        ("BPF_HASH(t, u32, u64, 99999999999);", "table `t` asks for 99999999999 entries; the kernel allows at most 4294967295"),
        ("BPF_ARRAY(t, u64, 0);", "table `t` has 0 entries"),
        ("struct big { char b[100 << 20]; };\nBPF_HASH(t, struct big, u64);", "a 104857600-byte key is more than the kernel's 512"),
        ("struct big { char b[100 << 20]; };\nBPF_ARRAY(t, struct big, 1);", "a 104857600-byte value is more than the kernel's"),
        ("BPF_RINGBUF_OUTPUT(t, 0);", "table `t` has 0 entries"),
    ] {
        let o = compile_text(&format!("{decl}\nint kprobe__vfs_read(void *ctx) {{ return 0; }}\n"));
        assert_eq!(o.status.code(), Some(1), "{decl}");
        let e = err(&o);
        let line = decl.lines().count();
        assert!(e.contains(msg) && e.contains(&format!("p.c:{line}:")), "{decl}: {e}");
    }
}

/// A map the kernel will not create is reported as the table's problem at its declaration.
#[test]
fn a_map_the_kernel_cannot_create_is_the_tables_error() {
    let d = tempfile::tempdir().unwrap();
    let src = write_prog(
        d.path(),
        "m.c",
        b"BPF_HASH(ok, u32, u64);\nBPF_ARRAY(big, u64, 4000000000);\nTRACEPOINT_PROBE(syscalls, sys_enter_getpid) { int k = 0; u64 *v = big.lookup(&k); if (v) *v += 1; return 0; }\n",
    );
    let o = bccrs().arg("run").arg(&src).args(["--duration", "0.1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("the kernel could not create table `big`") && e.contains("m.c:2:1"), "{e}");
    assert!(!e.contains("rejected the program"), "{e}");
}

/// An `else if` chain: at the limit it compiles (clang itself overflows its stack a little
/// past twice as many); past it, an error at the branch where the limit is crossed.
#[test]
fn else_if_chains_compile_up_to_the_limit_and_are_located_past_it() {
    use bccrs::compiler::frontend::limits::MAX_STATEMENT_CHAIN;
    let prog = |n: usize| {
        let mut s = String::from("int kprobe__vfs_read(void *ctx) {\n    u32 x = bpf_get_prandom_u32(); int r = 0;\n    if (x == 0) { r = 1; }");
        for i in 1..n {
            s.push_str(&format!(" else if (x == {i}) {{ r = {i}; }}"));
        }
        s + "\n    return r;\n}\n"
    };
    let o = compile_text(&prog(MAX_STATEMENT_CHAIN / 2));
    assert!(o.status.success(), "{}", err(&o));
    let o = compile_text(&prog(6000));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("p.c:3:") && err(&o).contains("statements nested"), "{}", &err(&o)[..err(&o).len().min(300)]);
}

/// `bccrs compile` of `src`, killed after `limit` (a hang guard, not a speed check): None if it
/// had to be killed.
fn compile_within(src: &Path, limit: std::time::Duration) -> Option<Output> {
    let mut child = bccrs().arg("compile").arg(src).args(["-o", "/dev/null"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let t0 = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Some(child.wait_with_output().unwrap())
}

/// `::` after `(` keeps clang 17–19 busy forever (LLVM issue 195367): bccrs refuses `::`
/// outside attribute lists before clang sees the text, at the user's line, even when a macro
/// brings it into parentheses; `[[gnu::unused]]` still compiles.
#[test]
fn a_scope_operator_is_an_error_before_clang_sees_it() {
    let d = tempfile::tempdir().unwrap();
    for (text, at) in [
        ("int y = (:: 4);\n", "p.c:1:10"),
        ("BPF_PERCPU_ARRAY(rx, u64,:: 4);\n", "p.c:1:26"),
        ("#define F(x) (x)\nint y = F(::i);\n", "p.c:2:11"),
    ] {
        let src = write_prog(d.path(), "p.c", text.as_bytes());
        let o = compile_within(&src, std::time::Duration::from_secs(120)).unwrap_or_else(|| panic!("{text}: still compiling after 120 s"));
        assert_eq!(o.status.code(), Some(1), "{text}");
        let e = err(&o);
        assert!(e.contains(at) && e.contains("`::` is not an operator in C"), "{text}: {e}");
    }
    let src = write_prog(d.path(), "ok.c", b"[[gnu::unused]] static int unused_x;\nBPF_ARRAY(a, u64, 1);\nint xdp_p(struct xdp_md *ctx) { int k = 0; a.increment(k); return XDP_PASS; }\n");
    let o = compile_within(&src, std::time::Duration::from_secs(120)).unwrap();
    assert!(o.status.success(), "{}", err(&o));
}

/// Every input the fuzzer ever flagged (tests/fuzz_findings: hangs, errors placed past the end
/// of the file) ends in errors at places inside the user's file.
#[test]
fn fuzz_findings_end_in_errors_inside_the_users_file() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fuzz_findings").unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 2);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let o = compile_within(&f, std::time::Duration::from_secs(120)).unwrap_or_else(|| panic!("{}: still compiling after 120 s", f.display()));
        assert_eq!(o.status.code(), Some(1), "{}", f.display());
        let e = err(&o);
        let name = f.display().to_string();
        let places: Vec<(usize, usize)> = e
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("┌─ ").and_then(|p| p.strip_prefix(name.as_str())))
            .filter_map(|p| {
                let mut n = p.trim_start_matches(':').split(':').map(|x| x.parse::<usize>().ok());
                Some((n.next()??, n.next()??))
            })
            .collect();
        assert_eq!(places.len(), e.matches("error").count() - e.matches("error: aborting").count(), "{}: every error placed in the file: {e}", f.display());
        for (line, col) in places {
            let l = text.split('\n').nth(line - 1).unwrap_or_else(|| panic!("{}: line {line} is past the end: {e}", f.display()));
            assert!(col <= l.chars().count() + 1, "{}: {line}:{col} is past the line's end: {e}", f.display());
        }
    }
}
