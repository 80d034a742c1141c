//! A small kernel header for the final compile. With the whole vmlinux.h every struct is
//! complete, so `-g` describes the closure of everything a program touches (runqlat's
//! `task_struct` brings 6,500 debug types: 130 of the compile's 180 ms, and a 650 KB object).
//! Here a second precompiled header holds a forward declaration of every struct and union,
//! every enum and typedef, and the few structs the prelude needs; each program then gets the
//! definitions of the kernel structs it uses (`frontend::kernel_types`), dumped by the same
//! btf_dump sequence so names and emitted types line up. Pointers to other structs stay
//! declarations, as in the kernel's own headers.
use super::btf_dump::Dumper;
use crate::compiler::frontend::kernel_types::KernelType;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone)]
pub struct MinHeaders {
    pub pch: PathBuf,
    /// Where program headers are kept, by the set of types they define.
    pub dir: PathBuf,
    /// The structs the precompiled part defines (the prelude's own needs).
    pub always: Vec<KernelType>,
    pub btf: PathBuf,
}

const PUSH: &str = "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n";
const POP: &str = "#pragma clang attribute pop\n";

/// What the prelude needs complete before any program type: helpers.h's build-id stack entry,
/// and the registers every probe reads.
fn initial_always() -> Vec<KernelType> {
    vec![(false, "bpf_stack_build_id".into()), (false, "pt_regs".into())]
}

/// The replayed part: enums, typedefs, then `always`, with the output off or on.
fn base_sequence(d: &mut Dumper, always: &[KernelType]) -> Result<(), String> {
    d.dump_enums_and_typedefs()?;
    for (union, name) in always {
        d.dump_record(*union, name)?;
    }
    Ok(())
}

fn base_header(btf: &Path, always: &[KernelType]) -> Result<String, String> {
    let mut d = Dumper::new(btf)?;
    d.start_output()?;
    d.write("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n");
    d.write(PUSH);
    let fwd = d.forward_declarations();
    d.write(&fwd);
    base_sequence(&mut d, always)?;
    d.write(POP);
    d.write("#endif\n");
    Ok(d.take())
}

/// Finds or builds the small PCH in `dir` (the kernel's header directory); None when it cannot
/// be built (then every compile uses the whole vmlinux.h, as before).
pub fn prepare(clang: &Path, language_args: &[String], include_dir: &Path, base_h: &str, btf: &Path, dir: &Path) -> Option<MinHeaders> {
    let mdir = dir.join("min");
    let pch = mdir.join("base.pch");
    let read_always = || -> Option<Vec<KernelType>> {
        let text = fs::read_to_string(mdir.join("always.txt")).ok()?;
        text.lines()
            .map(|l| match l.split_once(' ') {
                Some(("struct", n)) => Some((false, n.to_string())),
                Some(("union", n)) => Some((true, n.to_string())),
                _ => None,
            })
            .collect()
    };
    if pch.exists() {
        return read_always().map(|always| MinHeaders { pch, dir: mdir, always, btf: btf.to_path_buf() });
    }
    if mdir.join("unavailable").exists() || fs::create_dir_all(&mdir).is_err() {
        return None;
    }
    let mut always = initial_always();
    let result = (|| -> Result<(), String> {
        // The prelude's inline functions may need more structs complete: add what clang names.
        for _ in 0..6 {
            let text = base_header(btf, &always)?;
            crate::compiler::cache_dir::write_atomic(&mdir.join("vmlinux_min.h"), text.as_bytes()).map_err(|e| e.to_string())?;
            let wrapper = base_h.replace("#include <vmlinux.h>", "#include \"vmlinux_min.h\"");
            crate::compiler::cache_dir::write_atomic(&mdir.join("base.h"), wrapper.as_bytes()).map_err(|e| e.to_string())?;
            let tmp = crate::compiler::cache_dir::unique_tmp(&pch);
            let out = Command::new(clang)
                .args(language_args)
                .args(["-Xclang", "-fno-pch-timestamp", "-I"])
                .arg(include_dir)
                .args(["-x", "c-header"])
                .arg(mdir.join("base.h"))
                .arg("-o")
                .arg(&tmp)
                .output()
                .map_err(|e| e.to_string())?;
            if out.status.success() {
                let list: String = always.iter().map(|(u, n)| format!("{} {n}\n", if *u { "union" } else { "struct" })).collect();
                crate::compiler::cache_dir::write_atomic(&mdir.join("always.txt"), list.as_bytes()).map_err(|e| e.to_string())?;
                fs::rename(&tmp, &pch).map_err(|e| e.to_string())?;
                return crate::compiler::cache_manifest::write(&mdir, &[]).map_err(|e| e.to_string());
            }
            let _ = fs::remove_file(&tmp);
            let missing = incomplete_records(&String::from_utf8_lossy(&out.stderr));
            let before = always.len();
            for m in missing {
                if !always.contains(&m) {
                    always.push(m);
                }
            }
            if always.len() == before {
                return Err(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        Err("the prelude kept needing more kernel structs".into())
    })();
    match result {
        Ok(()) => Some(MinHeaders { pch, dir: mdir, always, btf: btf.to_path_buf() }),
        Err(e) => {
            let _ = fs::write(mdir.join("unavailable"), e);
            None
        }
    }
}

/// Structs and unions clang says are incomplete (`incomplete definition of type 'struct x'`,
/// `variable has incomplete type 'struct x'`, …).
fn incomplete_records(stderr: &str) -> Vec<KernelType> {
    let mut out = Vec::new();
    for line in stderr.lines().filter(|l| l.contains("error:") && l.contains("incomplete")) {
        for (kw, union) in [("'struct ", false), ("'union ", true)] {
            if let Some(i) = line.find(kw) {
                let rest = &line[i + kw.len()..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.push((union, name));
                }
            }
        }
    }
    out
}

/// `program_header`, kept in the cache by the set of types (and renames) it is for: the same
/// program compiled again, or another one using the same kernel structs, skips the ~30 ms of
/// BTF parsing and replay.
pub fn program_header_file(min: &MinHeaders, wanted: &BTreeSet<KernelType>, renames: &[String]) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (union, name) in wanted {
        h.update(format!("{} {name}\n", if *union { "union" } else { "struct" }));
    }
    for r in renames {
        h.update(format!("-D{r}\n"));
    }
    let key: String = h.finalize().iter().take(10).map(|b| format!("{b:02x}")).collect();
    let path = min.dir.join(format!("types-{key}.h"));
    if !path.exists() {
        let text = program_header(min, wanted, renames).ok()?;
        crate::compiler::cache_dir::write_atomic(&path, text.as_bytes()).ok()?;
    }
    Some(path)
}

/// The definitions of `wanted` (minus what the PCH has), to include after the small PCH.
/// `renames` are the program's own copies of kernel types (`-DX=X___bccrs`): the kernel's
/// definitions here keep their names.
pub fn program_header(min: &MinHeaders, wanted: &BTreeSet<KernelType>, renames: &[String]) -> Result<String, String> {
    let mut d = Dumper::new(&min.btf)?;
    base_sequence(&mut d, &min.always)?;
    d.start_output()?;
    for r in renames {
        d.write(&format!("#pragma push_macro(\"{r}\")\n#undef {r}\n"));
    }
    d.write(PUSH);
    for (union, name) in wanted {
        if min.always.iter().any(|(u, n)| u == union && n == name) {
            continue;
        }
        // A name btf_dump deduplicated (`foo___2`) is not the BTF's name, and a name the BTF
        // lacks cannot be dumped: left out (if the program needs it, the compile fails and
        // falls back to the whole vmlinux.h).
        if name.rsplit_once("___").is_some_and(|(_, n)| n.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let _ = d.dump_record(*union, name);
    }
    d.write(POP);
    for r in renames {
        d.write(&format!("#pragma pop_macro(\"{r}\")\n"));
    }
    Ok(d.take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_records_from_clang_errors() {
        let e = "a.h:3:5: error: incomplete definition of type 'struct sk_buff'\n\
                 b.h:9:1: error: variable has incomplete type 'union bpf_attr'\n\
                 c.h:1:1: error: unknown type name 'x'\n";
        assert_eq!(incomplete_records(e), vec![(false, "sk_buff".to_string()), (true, "bpf_attr".to_string())]);
    }
}
