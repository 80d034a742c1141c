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

/// An exclusive lock on `p` (created if need be), held until the file is dropped; the kernel
/// releases it when the process ends, however it ends.
pub fn lock(p: &Path) -> Result<std::fs::File, String> {
    use std::os::fd::AsRawFd;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(p)
        .map_err(|e| format!("cannot create {}: {e}", p.display()))?;
    loop {
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(f);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("cannot lock {}: {e}", p.display()));
        }
    }
}

/// The prefix of this process's temporary directories (`bccrs-PID-…` in the system's temporary
/// folder): work directories, and the private cache used when the real one is unusable.
pub fn temp_prefix() -> String {
    // Read once: a getpid per compile would show in the programs of a process that traces its
    // own system calls (the Python tests count getpid exactly).
    static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    format!("bccrs-{}-", PID.get_or_init(std::process::id))
}

/// A cache of this process's own, for when the shared one cannot be written (read-only, full,
/// not creatable). Made once; swept like a work directory once the process is gone.
pub fn private_cache() -> Result<PathBuf, String> {
    static DIR: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix(&format!("{}cache-", temp_prefix()))
            .tempdir()
            .map(|d| d.keep())
            .map_err(|e| format!("cannot create a temporary directory: {e}"))
    })
    .clone()
}

/// Removes the temporary directories of bccrs processes that are gone (killed mid-compile, or
/// a private cache): `bccrs-PID-…` owned by this user whose PID no longer exists. Once a
/// process.
pub fn sweep_stale() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let tmp = std::env::temp_dir();
        let Ok(entries) = std::fs::read_dir(&tmp) else { return };
        let uid = unsafe { libc::getuid() };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(pid) = stale_pid(&name.to_string_lossy()) else { continue };
            use std::os::unix::fs::MetadataExt;
            let mine = e.metadata().is_ok_and(|m| m.is_dir() && m.uid() == uid);
            let gone = unsafe { libc::kill(pid, 0) } != 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
            if mine && gone {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    });
}

/// The PID in a `bccrs-PID-…` name.
fn stale_pid(name: &str) -> Option<i32> {
    let rest = name.strip_prefix("bccrs-")?;
    let (pid, tail) = rest.split_once('-')?;
    (!tail.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then(|| pid.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_pid_named_directories_are_candidates() {
        assert_eq!(super::stale_pid("bccrs-1234-aB3xY"), Some(1234));
        assert_eq!(super::stale_pid("bccrs-1234-cache-x"), Some(1234));
        assert_eq!(super::stale_pid("bccrs-0"), None, "a per-user cache root");
        assert_eq!(super::stale_pid("bccrs-aB3xYz"), None, "an older work directory name");
        assert_eq!(super::stale_pid("bccrs-12x-a"), None);
    }
}
