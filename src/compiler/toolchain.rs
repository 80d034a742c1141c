//! Finds the clang binary and the libclang library of one LLVM installation.
//!
//! Both must come from the same LLVM: the precompiled header that clang writes is read back by
//! libclang, and clang refuses a PCH from another version.
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone)]
pub struct Toolchain {
    pub clang: PathBuf,
    pub libclang: PathBuf,
    /// clang's resource directory (its own stddef.h, stdarg.h…), used with `-nostdinc`.
    pub resource_dir: PathBuf,
    /// `clang --version` first line; part of every cache key.
    pub version: String,
}

/// The versions bccrs is tested with, newest first.
const LLVM_VERSIONS: &[u32] = &[19, 18, 17];

#[derive(Debug)]
pub struct ToolchainError(pub String);

impl std::fmt::Display for ToolchainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Toolchain {
    /// `BCCRS_LLVM_DIR` (an LLVM prefix such as `/usr/lib/llvm-19`) overrides the search.
    pub fn find() -> Result<Toolchain, ToolchainError> {
        if let Some(dir) = std::env::var_os("BCCRS_LLVM_DIR") {
            return Self::from_prefix(Path::new(&dir)).ok_or_else(|| {
                ToolchainError(format!(
                    "BCCRS_LLVM_DIR={} has no bin/clang and lib/libclang.so; \
                     install them with `apt-get install clang-19 libclang-19-dev`",
                    Path::new(&dir).display()
                ))
            });
        }
        for v in LLVM_VERSIONS {
            if let Some(t) = Self::from_prefix(Path::new(&format!("/usr/lib/llvm-{v}"))) {
                return Ok(t);
            }
        }
        Err(ToolchainError(
            "clang and libclang 19 were not found (looked in /usr/lib/llvm-19..17); \
             install them with `apt-get install clang-19 libclang-19-dev` or set BCCRS_LLVM_DIR"
                .into(),
        ))
    }

    fn from_prefix(prefix: &Path) -> Option<Toolchain> {
        let clang = prefix.join("bin/clang");
        let lib = prefix.join("lib");
        let libclang = ["libclang.so", "libclang.so.1"]
            .iter()
            .map(|n| lib.join(n))
            .chain(
                std::fs::read_dir(&lib)
                    .ok()?
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("libclang-") && n.contains(".so"))
                    }),
            )
            .find(|p| p.exists())?;
        if !clang.exists() {
            return None;
        }
        let (version, resource_dir) = Self::probe(&clang)?;
        Some(Toolchain { clang, libclang, resource_dir, version })
    }

    /// clang's version line and resource dir: asked once per clang binary (two process spawns,
    /// 50-120 ms) and remembered in the cache, keyed by the binary's size and mtime.
    fn probe(clang: &Path) -> Option<(String, PathBuf)> {
        let md = std::fs::metadata(std::fs::canonicalize(clang).ok()?).ok()?;
        let id = format!("{}|{}|{:?}", clang.display(), md.len(), md.modified().ok());
        let key: String = id.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3)).to_string();
        let memo = super::cache_dir::cache_root().join("toolchain").join(key);
        if let Ok(text) = std::fs::read_to_string(&memo) {
            if let Some((v, r)) = text.split_once('\n') {
                return Some((v.to_string(), PathBuf::from(r.trim())));
            }
        }
        let out = Command::new(clang).arg("--version").output().ok()?;
        let version = String::from_utf8_lossy(&out.stdout).lines().next()?.trim().to_string();
        let res = Command::new(clang).arg("-print-resource-dir").output().ok()?;
        let resource_dir = PathBuf::from(String::from_utf8_lossy(&res.stdout).trim());
        if std::fs::create_dir_all(memo.parent()?).is_ok() {
            let _ = super::cache_dir::write_atomic(&memo, format!("{version}\n{}", resource_dir.display()).as_bytes());
        }
        Some((version, resource_dir))
    }
}
