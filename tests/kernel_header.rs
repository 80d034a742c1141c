//! The final compile's small kernel header (`headers::min`): a program that uses task_struct
//! gets only the kernel types it needs (a small object, same verdict from the verifier), and a
//! kernel type the analysis cannot see (used only in an included header) falls back to the
//! whole vmlinux.h instead of failing.
mod common;
use std::path::Path;
use std::process::Command;

const TASK_PROG: &str = r#"
BPF_HASH(parents, u32, u32);
RAW_TRACEPOINT_PROBE(sched_switch)
{
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    u32 pid = t->tgid, ppid = t->real_parent->tgid;
    parents.update(&pid, &ppid);
    return 0;
}
"#;

/// `bccrs compile` of `src` in `dir`; the object's size.
fn compile(dir: &Path, src: &str, full: bool) -> u64 {
    let c = dir.join("prog.c");
    std::fs::write(&c, src).unwrap();
    let o = dir.join(if full { "full.o" } else { "small.o" });
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bccrs"));
    cmd.arg("compile").arg(&c).arg("-o").arg(&o);
    if full {
        cmd.env("BCCRS_FULL_VMLINUX", "1");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::metadata(&o).unwrap().len()
}

#[test]
fn task_struct_program_gets_only_the_types_it_needs() {
    common::require_root();
    let dir = tempfile::tempdir().unwrap();
    let small = compile(dir.path(), TASK_PROG, false);
    let full = compile(dir.path(), TASK_PROG, true);
    // Measured: about 25 KB against 620 KB (the debug info of everything task_struct reaches).
    assert!(small * 5 < full, "small {small} B, full {full} B");
    for o in ["small.o", "full.o"] {
        let obj = std::fs::read(dir.path().join(o)).unwrap();
        common::load(&obj).unwrap_or_else(|e| panic!("{o}: {e}"));
    }
}

#[test]
fn kernel_type_seen_only_in_an_included_header_falls_back() {
    common::require_root();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("flags.h"),
        "static __always_inline unsigned int file_flags(void *f) { return ((struct file *)f)->f_flags; }\n",
    )
    .unwrap();
    let src = format!("#include \"flags.h\"\n{}", TASK_PROG.replace("return 0;", "return file_flags(t);"));
    let size = compile(dir.path(), &src, false);
    // The whole vmlinux.h: a large object, but a working one.
    assert!(size > 300_000, "{size} B");
}

/// <linux/bio.h>'s macros are there, as in the kernel's header: mdflush picks its field by
/// `#ifdef bio_dev`, and without the macro took a path that 5.10's `struct bio` cannot compile.
#[test]
fn bio_macros_come_with_the_block_headers() {
    common::require_root();
    let dir = tempfile::tempdir().unwrap();
    let src = r#"
#include <uapi/linux/ptrace.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#ifndef bio_dev
#error bio_dev comes with <linux/bio.h>
#endif
BPF_HASH(devs, u32, u32);
int kprobe__submit_bio(struct pt_regs *ctx, struct bio *bio)
{
    u32 dev = bio_dev(bio), one = 1;
    devs.update(&dev, &one);
    return 0;
}
"#;
    compile(dir.path(), src, false);
    let obj = std::fs::read(dir.path().join("small.o")).unwrap();
    common::load(&obj).unwrap();
}
