//! Finding tracefs, which both halves read: the compiler for tracepoint formats, the runtime
//! for `trace_pipe`.
use std::path::{Path, PathBuf};

/// Finds tracefs (new location first), mounting it at /sys/kernel/tracing if needed.
pub fn tracefs_root() -> Result<PathBuf, String> {
    let mut denied = None;
    for root in ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"] {
        match std::fs::metadata(Path::new(root).join("events")) {
            Ok(_) => return Ok(PathBuf::from(root)),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => denied = Some(root),
            Err(_) => {}
        }
    }
    if let Some(root) = denied {
        return Err(format!(
            "cannot access {root}: permission denied (tracepoints need root)"
        ));
    }
    let root = "/sys/kernel/tracing";
    let c = |s: &str| std::ffi::CString::new(s).unwrap();
    let (src, target, fstype) = (c("nodev"), c(root), c("tracefs"));
    // SAFETY: all pointers are valid NUL-terminated strings; data may be NULL for tracefs.
    let rc = unsafe {
        libc::mount(
            src.as_ptr(),
            target.as_ptr(),
            fstype.as_ptr(),
            0,
            std::ptr::null(),
        )
    };
    if rc == 0 && Path::new(root).join("events").exists() {
        return Ok(PathBuf::from(root));
    }
    Err(format!(
        "tracefs is not mounted and mounting it failed ({}); mount it with `mount -t tracefs nodev {root}`",
        std::io::Error::last_os_error()
    ))
}
