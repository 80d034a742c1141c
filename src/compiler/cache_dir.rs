//! The compiler's cache directory and how files in it are written: every write is atomic, so
//! compiles running at the same time (threads or processes) never see a half-written file.
use std::path::{Path, PathBuf};

/// The default kernel BTF.
pub const VMLINUX_BTF: &str = "/sys/kernel/btf/vmlinux";

/// Where bccrs keeps generated headers and objects: `$BCCRS_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/bccrs`, else `~/.cache/bccrs`, else a per-user folder in /tmp.
pub fn cache_root() -> PathBuf {
    if let Some(d) = std::env::var_os("BCCRS_CACHE_DIR") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("bccrs");
    }
    if let Some(d) = std::env::var_os("HOME") {
        return PathBuf::from(d).join(".cache/bccrs");
    }
    PathBuf::from(format!("/tmp/bccrs-{}", unsafe { libc::getuid() }))
}

/// The kernel's identity without hashing its whole BTF: release, build string and BTF size
/// (and the file's mtime for a BTF file other than the running kernel's).
pub fn btf_identity(btf: &Path) -> String {
    let md = std::fs::metadata(btf).ok();
    let mut s = format!("{}|{}", btf.display(), md.as_ref().map_or(0, |m| m.len()));
    if btf != Path::new(VMLINUX_BTF) {
        if let Some(t) = md.and_then(|m| m.modified().ok()) {
            s.push_str(&format!("|{t:?}"));
        }
    }
    for f in ["/proc/sys/kernel/osrelease", "/proc/sys/kernel/version"] {
        s.push('|');
        s.push_str(std::fs::read_to_string(f).unwrap_or_default().trim());
    }
    s
}

/// Replaces `p` in one step, through a temporary file of its own: threads and processes that
/// compile at the same time read either the old contents or the new ones, never a half-written
/// file. (A temporary named after the process alone was shared by its threads.)
pub fn write_atomic(p: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp = tempfile::NamedTempFile::new_in(p.parent().unwrap_or(Path::new(".")))?;
    tmp.write_all(data)?;
    tmp.persist(p).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary path beside `p`, unique to this process and call, for a file another program
/// writes (clang's PCH) before it is renamed into place.
pub fn unique_tmp(p: &Path) -> PathBuf {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = p.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{n}", std::process::id()));
    p.with_file_name(name)
}
