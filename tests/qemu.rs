//! Compile once, run on another kernel: objects compiled here (against this kernel's BTF) are run
//! by `bccrs run OBJECT` inside a qemu guest booting Debian 12's 6.1 kernel, which has kprobes.
//! The harness is scripts/qemu/run-guest-tests.sh (docs/qemu.md); this test runs it when
//! BCCRS_QEMU=1 and skips otherwise (it installs packages, downloads a kernel package once and
//! boots a VM: about a minute with TCG).
use std::io::Write;
use std::process::Command;

/// The tests tests/guest/init.sh runs in the guest; each must report PASS.
const GUEST_TESTS: &[&str] =
    &["tracepoint_count", "kprobe_count", "kretprobe_count", "attach_explicit", "implicit_reads", "isra_rename", "constprop_rename"];

#[test]
fn precompiled_objects_run_on_the_guest_kernel() {
    if std::env::var("BCCRS_QEMU").as_deref() != Ok("1") {
        // Written past the test harness's capture, so a quick local loop sees why nothing ran.
        let _ = writeln!(
            std::io::stderr(),
            "note: tests/qemu.rs skipped: set BCCRS_QEMU=1 to boot the 6.1 guest kernel and run the guest tests (docs/qemu.md)"
        );
        return;
    }
    assert_eq!(unsafe { libc::geteuid() }, 0, "the qemu harness installs packages and must run as root");
    // The binary cargo built for this test run (no second, release build); its debug info is
    // stripped before it goes into the initramfs.
    let out = Command::new("bash")
        .arg("scripts/qemu/run-guest-tests.sh")
        .env("BCCRS_BIN", env!("CARGO_BIN_EXE_bccrs"))
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let _ = writeln!(std::io::stderr(), "{}", stdout.lines().filter(|l| l.starts_with("GUEST-RESULT") || l.starts_with("wall time") || l.starts_with("kernel:")).collect::<Vec<_>>().join("\n"));
    assert!(out.status.success(), "the guest tests failed:\n{stdout}\n{stderr}");
    for t in GUEST_TESTS {
        let line = format!("GUEST-RESULT {t} PASS");
        assert!(stdout.lines().any(|l| l.starts_with(&line)), "no `{line}`:\n{stdout}");
    }
    let summary = format!("GUEST-SUMMARY passed={} failed=0", GUEST_TESTS.len());
    assert!(stdout.lines().any(|l| l == summary), "no `{summary}`:\n{stdout}");
}
