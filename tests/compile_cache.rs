//! Compiles that share one header cache at the same time: the first compiles on a kernel (which
//! build the precompiled headers, the whole one and the small one of `headers::min`) must all
//! succeed, and so must compiles beside another bccrs build's prelude. Before each cache write
//! went through its own temporary file, threads of one process wrote the same temporary and
//! others read it half-written; before each compile had its own helpers.h, two bccrs builds
//! sharing a cache overwrote each other's.
use bccrs::compiler::{compile_source, Options};
use std::path::{Path, PathBuf};

const THREADS: usize = 6;

/// Odd programs use task_struct, so they also build and use the small kernel header.
fn program(i: usize) -> String {
    let key = if i % 2 == 1 { "((struct task_struct *)bpf_get_current_task())->tgid" } else { "0" };
    format!("BPF_HASH(counts_{i}, u32, u64);\nint kprobe__vfs_read(struct pt_regs *ctx) {{ counts_{i}.increment({key} + {i}); return 0; }}\n")
}

/// Compiles THREADS different programs at once; returns each one's error, if any.
fn compile_at_once(cache: &Path) -> Vec<String> {
    let opts = Options { cache_dir: Some(cache.to_path_buf()), ..Options::default() };
    let barrier = std::sync::Barrier::new(THREADS);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|i| {
                let (opts, barrier) = (&opts, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    compile_source(&format!("prog{i}.c"), &program(i), opts)
                        .err()
                        .map(|f| format!("prog{i}.c: {}", f.render(false)))
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().unwrap()).collect()
    })
}

fn cached_helpers(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache.join("headers"))
        .unwrap()
        .map(|e| e.unwrap().path().join("include/bccrs/helpers.h"))
        .collect()
}

#[test]
fn concurrent_compiles_share_one_header_cache() {
    let cache = tempfile::tempdir().unwrap();

    let errors = compile_at_once(cache.path());
    assert!(errors.is_empty(), "first compiles on an empty cache:\n{}", errors.join("\n"));

    assert!(
        walk(cache.path()).iter().any(|p| p.ends_with("min/base.pch")),
        "the task_struct programs built the small kernel header"
    );
    // Another bccrs build's prelude in the shared tree (as an older version left it): each
    // compile uses its own helpers.h, so it is never read.
    let helpers = cached_helpers(cache.path());
    assert_eq!(helpers.len(), 1, "one header tree for one kernel and toolchain");
    std::fs::write(&helpers[0], "#error another prelude\n").unwrap();
    let errors = compile_at_once(cache.path());
    assert!(errors.is_empty(), "compiles beside another prelude:\n{}", errors.join("\n"));

    // No temporary is left behind.
    let leftovers: Vec<_> = walk(cache.path()).into_iter().filter(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
