//! Compiled objects cached by everything that determines them, so an unchanged program starts
//! without clang or libclang: the source text and name, the flags, the kernel (BTF identity,
//! which also fixes tracepoint formats), bccrs itself, and the content of every file the
//! program included (checked on each hit).
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn hex(d: impl AsRef<[u8]>) -> String {
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The `.deps` line holding the object's own hash.
const OBJECT_LINE: &str = "object ";

pub struct ObjectCache {
    dir: PathBuf,
    key: String,
}

impl ObjectCache {
    pub fn new(cache_root: &Path, name: &str, text: &str, cflags: &[String], btf: &Path) -> ObjectCache {
        let mut h = Sha256::new();
        for part in [env!("CARGO_PKG_VERSION"), super::prelude::HELPERS_H, super::prelude::COMPAT_H, name, text] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        for f in cflags {
            h.update(f.as_bytes());
            h.update([0]);
        }
        h.update(super::cache_dir::btf_identity(btf).as_bytes());
        // A rebuilt bccrs may lower the same source differently.
        if let Some(m) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
            h.update(format!("{}|{:?}", m.len(), m.modified().ok()).as_bytes());
        }
        ObjectCache { dir: cache_root.join("objects"), key: hex(h.finalize())[..32].to_string() }
    }

    fn object_path(&self) -> PathBuf {
        self.dir.join(format!("{}.o", self.key))
    }

    fn deps_path(&self) -> PathBuf {
        self.dir.join(format!("{}.deps", self.key))
    }

    fn warnings_path(&self) -> PathBuf {
        self.dir.join(format!("{}.warn", self.key))
    }

    /// The cached object and the compile's rendered warnings, if every file it was built from
    /// is unchanged.
    pub fn get(&self) -> Option<(Vec<u8>, String)> {
        let deps = std::fs::read_to_string(self.deps_path()).ok()?;
        let mut object_sum = None;
        for line in deps.lines() {
            if let Some(sum) = line.strip_prefix(OBJECT_LINE) {
                object_sum = Some(sum);
                continue;
            }
            let (sum, path) = line.split_once(' ')?;
            let now = std::fs::read(path).ok().map(|b| hex(Sha256::digest(b)));
            if now.as_deref() != Some(sum) {
                return None;
            }
        }
        let warnings = std::fs::read_to_string(self.warnings_path()).unwrap_or_default();
        let object = std::fs::read(self.object_path()).ok()?;
        // The object is what was stored, or it is compiled again (and stored anew).
        if object_sum != Some(hex(Sha256::digest(&object)).as_str()) {
            eprintln!("warning: the cached object {} was damaged; compiling again", self.object_path().display());
            let _ = std::fs::remove_file(self.deps_path());
            return None;
        }
        Some((object, warnings))
    }

    /// Stores an object, its compile's rendered warnings (shown again on each hit) and the files
    /// it included. Failures only cost a later recompile.
    pub fn put(&self, object: &[u8], warnings: &str, deps: &[PathBuf]) {
        let _ = std::fs::create_dir_all(&self.dir);
        let mut list = format!("{OBJECT_LINE}{}\n", hex(Sha256::digest(object)));
        for d in deps {
            if let Ok(b) = std::fs::read(d) {
                list.push_str(&format!("{} {}\n", hex(Sha256::digest(b)), d.display()));
            }
        }
        let write = |p: PathBuf, data: &[u8]| {
            let _ = super::cache_dir::write_atomic(&p, data);
        };
        // The deps file last: without its object it is a miss, never a wrong hit.
        write(self.object_path(), object);
        write(self.warnings_path(), warnings.as_bytes());
        write(self.deps_path(), list.as_bytes());
    }
}
