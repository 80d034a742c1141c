//! Kernel types without kernel headers: vmlinux.h from BTF, the embedded prelude, an overlay of
//! stand-ins for the kernel headers BCC programs include (each bringing the compat fragments its
//! real header brings), and a precompiled header of the always-included part, cached per (BTF,
//! clang version, bccrs's embedded headers).
mod btf_dump;
pub mod min;

use super::cache_dir::{btf_identity, lock, unique_tmp};
use super::cache_manifest::{self, verify, Verdict};
use super::prelude;
use super::toolchain::Toolchain;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use btf_dump::vmlinux_h;

/// A ready include tree in the cache.
#[derive(Debug, Clone)]
pub struct KernelHeaders {
    /// Holds `vmlinux.h`, `bpf/*.h`, `bccrs/*.h`.
    pub include_dir: PathBuf,
    /// Stand-ins for `<linux/sched.h>` and the other kernel headers (see kernel_headers.txt).
    pub overlay_dir: PathBuf,
    /// Precompiled `base.h` (vmlinux.h + libbpf headers + compat.h).
    pub pch: PathBuf,
    /// What `small()` needs to find or build the PCH with a small vmlinux.h.
    dir: PathBuf,
    btf: PathBuf,
    clang: PathBuf,
    language_args: Vec<String>,
}

/// The `__TARGET_ARCH_*` name libbpf's bpf_tracing.h wants for this host.
pub fn target_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x86",
        "aarch64" => "arm64",
        "s390x" => "s390",
        "powerpc64" => "powerpc",
        "riscv64" => "riscv",
        "loongarch64" => "loongarch",
        "mips64" => "mips",
        _ => "x86",
    }
}

/// Options that must be identical for the PCH, libclang's parse and the final compile (clang
/// rejects a PCH built with other predefined macros or target features).
pub fn language_args(tc: &Toolchain) -> Vec<String> {
    vec![
        "-target".into(),
        "bpf".into(),
        "-mcpu=v3".into(),
        "-O2".into(),
        format!("-D__TARGET_ARCH_{}", target_arch()),
        "-D__BPF_TRACING__".into(),
        format!("-DLINUX_VERSION_CODE={}", linux_version_code()),
        "-nostdinc".into(),
        "-isystem".into(),
        tc.resource_dir.join("include").display().to_string(),
    ]
}

/// KERNEL_VERSION(a, b, c) of the running kernel (BCC programs compare against it).
fn linux_version_code() -> u32 {
    let rel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let mut parts = rel.trim().split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).map(|p| p.parse::<u32>().unwrap_or(0));
    let (a, b, c) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (a << 16) + (b << 8) + c.min(255)
}

const BASE_H: &str = "#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_core_read.h>\n\
#include <bpf/bpf_tracing.h>\n#include <bpf/bpf_endian.h>\n#include <bccrs/compat.h>\n";

fn write_atomic(p: &Path, text: &str) -> Result<(), String> {
    super::cache_dir::write_atomic(p, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

impl KernelHeaders {
    /// Finds or builds the include tree and PCH for this BTF and toolchain.
    pub fn prepare(tc: &Toolchain, btf: &Path, cache: &Path) -> Result<KernelHeaders, String> {
        // The kernel's identity (release, build, BTF size) rather than a hash of its whole BTF.
        fs::metadata(btf).map_err(|e| format!("cannot read kernel BTF {}: {e}", btf.display()))?;
        let mut h = Sha256::new();
        h.update(btf_identity(btf));
        h.update(tc.version.as_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(BASE_H);
        h.update(language_args(tc).join(" "));
        for (name, text) in prelude::files() {
            // helpers.h is not in the PCH; the rest is.
            if name != "bccrs/helpers.h" {
                h.update(name);
                h.update(text);
            }
        }
        h.update(prelude::KERNEL_HEADERS);
        let key: String = h.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect();
        let dir = cache.join("headers").join(&key);
        let hdrs = KernelHeaders {
            include_dir: dir.join("include"),
            overlay_dir: dir.join("overlay"),
            pch: dir.join("base.pch"),
            dir: dir.clone(),
            btf: btf.to_path_buf(),
            clang: tc.clang.clone(),
            language_args: language_args(tc),
        };
        if verify(&dir) == Verdict::Good {
            hdrs.check_small();
            return Ok(hdrs);
        }
        // One builder at a time (others wait, then find the tree complete). The lock goes with
        // the process, so a killed build never leaves it held.
        let locks = cache.join("locks");
        fs::create_dir_all(&locks).map_err(|e| format!("cannot create {}: {e}", locks.display()))?;
        let _lock = lock(&locks.join(format!("headers-{key}")))?;
        match verify(&dir) {
            Verdict::Good => return Ok(hdrs),
            Verdict::Damaged(f) => eprintln!("warning: the compiler cache {} was damaged ({f} changed); rebuilding it", dir.display()),
            Verdict::Incomplete if dir.exists() => {
                eprintln!("warning: the compiler cache {} was incomplete (an interrupted build); rebuilding it", dir.display())
            }
            Verdict::Incomplete => {}
        }
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
        // Built in place (the PCH records absolute header paths); the manifest is written last,
        // so its presence means the tree is complete.
        let write = |rel: &Path, text: &str| -> Result<(), String> {
            let p = dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).map_err(|e| format!("cannot create {}: {e}", p.parent().unwrap().display()))?;
            write_atomic(&p, text)
        };
        for (name, text) in prelude::files().into_iter().filter(|(n, _)| *n != "bccrs/helpers.h") {
            write(&Path::new("include").join(name), text)?;
        }
        write(Path::new("include/vmlinux.h"), &vmlinux_h(btf)?)?;
        for (name, text) in prelude::kernel_header_stubs() {
            write(&Path::new("overlay").join(name), &text)?;
        }
        write(Path::new("base.h"), BASE_H)?;
        let tmp_pch = unique_tmp(&hdrs.pch);
        let out = Command::new(&tc.clang)
            .args(language_args(tc))
            .args(["-Xclang", "-fno-pch-timestamp", "-I"])
            .arg(&hdrs.include_dir)
            .args(["-x", "c-header"])
            .arg(dir.join("base.h"))
            .arg("-o")
            .arg(&tmp_pch)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", tc.clang.display()))?;
        if !out.status.success() {
            let _ = fs::remove_file(&tmp_pch);
            return Err(format!(
                "building the precompiled kernel header failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        fs::rename(&tmp_pch, &hdrs.pch).map_err(|e| format!("cannot write {}: {e}", hdrs.pch.display()))?;
        cache_manifest::write(&dir, &["min"]).map_err(|e| format!("cannot write {}: {e}", dir.join(cache_manifest::MANIFEST).display()))?;
        Ok(hdrs)
    }

    /// The small PCH's folder is checked by its own manifest; damaged, it is removed (and built
    /// again when a program wants it).
    fn check_small(&self) {
        let min = self.dir.join("min");
        let damaged = match verify(&min) {
            Verdict::Damaged(f) => Some(f),
            // A PCH without its manifest: a build killed between the two, or the manifest lost.
            Verdict::Incomplete if min.join("base.pch").exists() => Some(cache_manifest::MANIFEST.to_string()),
            _ => None,
        };
        if let Some(f) = damaged {
            eprintln!("warning: the compiler cache {} was damaged ({f} changed); rebuilding it", min.display());
            let _ = fs::remove_dir_all(&min);
        }
    }

    /// The small PCH if it has been built (nothing is built).
    pub fn small_if_built(&self) -> Option<min::MinHeaders> {
        self.dir.join("min/base.pch").exists().then(|| self.small()).flatten()
    }

    /// The PCH with a small vmlinux.h (see `min`), built the first time a program wants it.
    pub fn small(&self) -> Option<min::MinHeaders> {
        min::prepare(&self.clang, &self.language_args, &self.include_dir, BASE_H, &self.btf, &self.dir)
    }

    /// Include arguments after the language arguments, for libclang and the final compile.
    pub fn include_args(&self) -> Vec<String> {
        let mut v = vec!["-include-pch".to_string(), self.pch.display().to_string()];
        v.push("-I".into());
        v.push(self.include_dir.display().to_string());
        v.push("-I".into());
        v.push(self.overlay_dir.display().to_string());
        v
    }
}
