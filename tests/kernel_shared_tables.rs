//! Tables that outlive or cross one program, against the kernel: BPF_TABLE_PINNED keeps its
//! contents across loads through a bpffs pin, and a BPF_TABLE_PUBLIC / BPF_TABLE_SHARED table is
//! the very map that a later load's BPF_TABLE("extern", ...) updates. Programs run once each with
//! BPF_PROG_TEST_RUN (ctx->args = key, amount); values are read back exactly.
mod maps_common;
use bccrs::compiler::Options;
use bccrs::runtime::load::Loaded;
use bccrs::runtime::maps::Table;
use libbpf_rs::MapCore;
use maps_common::*;
use std::path::PathBuf;

/// A program that adds ctx->args[1] at key ctx->args[0] of table `t`, declared by `decl`.
fn adder(decl: &str) -> String {
    format!(
        "{decl}\nRAW_TRACEPOINT_PROBE(bccrs_add)\n{{\n    u32 k = ctx->args[0];\n    t.increment(k, ctx->args[1]);\n    return 0;\n}}\n"
    )
}

fn add(l: &Loaded, key: u32, n: u64) {
    assert_eq!(run_on(prog_fd(l, "raw_tracepoint__bccrs_add"), 0, [key as u64, n, 0, 0]), 0);
}

fn value(l: &Loaded, key: u32) -> Option<u64> {
    get(&Table::of(&map(l, "t")), key)
}

fn try_load(name: &str, src: &str) -> Result<Loaded, String> {
    Loaded::from_source(name, src, &Options::default()).map_err(|e| e.to_string())
}

/// A fresh directory on bpffs, removed (with its pins) at the end.
struct PinDir(PathBuf);
impl PinDir {
    fn new(tag: &str) -> PinDir {
        let d = PathBuf::from(format!("/sys/fs/bpf/bccrs-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        PinDir(d)
    }
    fn path(&self, f: &str) -> String {
        self.0.join(f).display().to_string()
    }
}
impl Drop for PinDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn pinned_table_keeps_its_contents_across_loads() {
    require_root();
    let dir = PinDir::new("pin");
    let pin = dir.path("sub/counts"); // the missing parent directories are created
    let src = adder(&format!("BPF_TABLE_PINNED(\"hash\", u32, u64, t, 16, \"{pin}\");"));

    let first = load("pinned_first.c", &src);
    add(&first, 7, 5);
    add(&first, 7, 2);
    assert_eq!(value(&first, 7), Some(7));
    drop(first);
    assert!(std::path::Path::new(&pin).exists(), "the pin outlives the program");

    // A second load (from the object cache: the same text) reuses the pinned map.
    let second = load("pinned_second.c", &src);
    assert_eq!(value(&second, 7), Some(7));
    add(&second, 7, 100);
    assert_eq!(value(&second, 7), Some(107));

    // So does another program that declares the same shape, with the 7-argument form.
    let other = adder(&format!("BPF_TABLE_PINNED(\"hash\", u32, u64, t, 16, \"{pin}\", 0);\nBPF_ARRAY(unrelated, u64, 1);"));
    let third = load("pinned_third.c", &other);
    add(&third, 8, 1);
    assert_eq!(value(&second, 8), Some(1), "both loads share one map");
    assert_eq!(value(&third, 7), Some(107));
}

#[test]
fn pinned_table_of_another_shape_is_refused() {
    require_root();
    let dir = PinDir::new("shape");
    let pin = dir.path("counts");
    let _owner = load("shape_owner.c", &adder(&format!("BPF_TABLE_PINNED(\"hash\", u32, u64, t, 16, \"{pin}\");")));
    let err = try_load("shape_other.c", &adder(&format!("BPF_TABLE_PINNED(\"hash\", u32, u64, t, 32, \"{pin}\");")))
        .err()
        .expect("a pinned map of 16 entries does not serve a table of 32");
    assert!(err.contains("does not match the declaration"), "{err}");
    assert!(err.contains("16 entries") && err.contains("32 entries"), "{err}");
}

#[test]
fn pin_path_off_bpffs_is_refused() {
    require_root();
    let pin = format!("/tmp/bccrs-test-notbpffs-{}/counts", std::process::id());
    let err = try_load("notbpffs.c", &adder(&format!("BPF_TABLE_PINNED(\"hash\", u32, u64, t, 16, \"{pin}\");")))
        .err()
        .expect("/tmp is not a BPF filesystem");
    let _ = std::fs::remove_dir_all(std::path::Path::new(&pin).parent().unwrap());
    assert!(err.contains("is not on a BPF filesystem"), "{err}");
}

#[test]
fn extern_table_is_the_exporters_map() {
    require_root();
    for (i, decl) in [
        "BPF_TABLE_PUBLIC(\"array\", int, u64, t, 4);",
        "BPF_TABLE_SHARED(\"array\", int, u64, t, 4);",
    ]
    .iter()
    .enumerate()
    {
        // Each exporter's text differs (a comment), so the two rounds do not share a cache entry.
        let exporter = load(&format!("exporter{i}.c"), &adder(&format!("/* {i} */ {decl}")));
        // BCC ignores the shape an extern declaration gives; the real map is the exporter's.
        let importer = load(&format!("importer{i}.c"), &adder("BPF_TABLE(\"extern\", int, u64, t, 1);"));
        add(&exporter, 1, 3);
        add(&importer, 1, 4);
        add(&importer, 2, 10);
        assert_eq!(value(&exporter, 1), Some(7), "{decl}");
        assert_eq!(value(&exporter, 2), Some(10), "{decl}");
        assert_eq!(map(&importer, "t").max_entries(), 4, "the importer sees the exporter's map");

        // Once the exporter is gone, a new import fails, but the earlier importer keeps the map.
        drop(exporter);
        let err = try_load(&format!("importer{i}.c"), &adder("BPF_TABLE(\"extern\", int, u64, t, 1);"))
            .err()
            .expect("no exporter left");
        assert!(err.contains("is declared extern, but no program loaded in this process exports it"), "{err}");
        add(&importer, 1, 1);
        assert_eq!(value(&importer, 1), Some(8));
    }
}
