//! The layers of `src/` (docs/architecture.md), checked over the source text:
//! - a module imports only modules of its own layer or of lower ones:
//!   base < object < compiler < runtime < cli, ffi;
//! - the runtime reaches the compiler only through what `compiler/mod.rs` re-exports;
//! - no cycle between the files of a folder, nor between folders (a folder's `mod.rs` counts
//!   as one more member of it);
//! - base, object and the compiler make no BPF syscalls: no libbpf-rs, no `bpf_*` of libbpf.
//!
//! An import is any path starting with `crate::`, `super::`, `self::` or a child module's name
//! (in `use` lines, braces included, and in code), outside comments and string literals.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

struct File {
    path: PathBuf,
    module: Module,
    /// Code with comments and string and char literals blanked out.
    code: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(rel: &Path) -> Module {
    let mut m: Module = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    let last = m.pop().unwrap();
    match last.as_str() {
        "lib.rs" | "mod.rs" => {}
        f => m.push(f.trim_end_matches(".rs").to_string()),
    }
    m
}

/// Blanks comments, strings (raw ones too) and char literals, keeping offsets and newlines.
fn strip(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').map_or(b.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if (rest.starts_with(b"r\"") || rest.starts_with(b"r#") || rest.starts_with(b"br"))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            let start = if rest[0] == b'b' { i + 2 } else { i + 1 };
            let hashes = b[start..].iter().take_while(|&&c| c == b'#').count();
            if b.get(start + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            let body = start + hashes + 1;
            let end = b[body..].windows(close.len()).position(|w| w == close.as_slice()).map_or(b.len(), |p| body + p + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, (j + 1).min(b.len()));
            i = j + 1;
        } else if rest[0] == b'\'' {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let len = if rest.get(1) == Some(&b'\\') {
                rest[2..].iter().position(|&c| c == b'\'').map(|p| p + 3)
            } else {
                let ch = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (rest.get(1 + ch) == Some(&b'\'')).then_some(ch + 2)
            };
            match len {
                Some(n) => {
                    blank(&mut out, i, i + n);
                    i += n;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The paths of a `use` tree or a code path starting at `i`: `a::b::{c, d::{e, self}}`.
fn paths_at(b: &[u8], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut segs = prefix;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'{' {
            i += 1;
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'}' {
                    return i + 1;
                }
                let before = i;
                i = paths_at(b, i, segs.clone(), out);
                // `as alias` and anything else up to the next item.
                while i < b.len() && b[i] != b',' && b[i] != b'}' {
                    i += 1;
                }
                if i == before {
                    i += 1;
                }
            }
        }
        let start = i;
        while i < b.len() && is_ident(b[i]) {
            i += 1;
        }
        if start == i {
            if b.get(i) == Some(&b'*') {
                i += 1;
            }
            out.push(segs);
            return i;
        }
        segs.push(String::from_utf8_lossy(&b[start..i]).into_owned());
        if b[i..].starts_with(b"::") {
            i += 2;
        } else {
            out.push(segs);
            return i;
        }
    }
}

/// Every (module path in scope, path) the file's code names, first segment included.
fn references(f: &File) -> Vec<(Module, Vec<String>)> {
    let b = f.code.as_bytes();
    let mut out = Vec::new();
    // Inline modules (`mod tests { ... }`): (name, brace depth inside them).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => {
                depth += 1;
                i += 1;
                continue;
            }
            b'}' => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        if !is_ident(b[i]) || (i > 0 && (is_ident(b[i - 1]) || b[..i].ends_with(b"::"))) {
            i += 1;
            continue;
        }
        let end = i + b[i..].iter().take_while(|&&c| is_ident(c)).count();
        let word = &f.code[i..end];
        if word == "mod" {
            let name_start = end + b[end..].iter().take_while(|c| c.is_ascii_whitespace()).count();
            let name_end = name_start + b[name_start..].iter().take_while(|&&c| is_ident(c)).count();
            let after = name_end + b[name_end..].iter().take_while(|c| c.is_ascii_whitespace()).count();
            if b.get(after) == Some(&b'{') {
                inline.push((f.code[name_start..name_end].to_string(), depth + 1));
            }
            i = name_end;
            continue;
        }
        if b[end..].starts_with(b"::") {
            let mut scope = f.module.clone();
            scope.extend(inline.iter().map(|(n, _)| n.clone()));
            let mut paths = Vec::new();
            let next = paths_at(b, i, Vec::new(), &mut paths);
            for p in paths {
                out.push((scope.clone(), p));
            }
            i = next.max(end);
            continue;
        }
        i = end;
    }
    out
}

/// The module a path names (the longest known module prefix), if it is one of the crate's.
fn resolve(scope: &Module, path: &[String], modules: &BTreeSet<Module>, file_module: &Module) -> Option<Module> {
    let mut segs = path.iter().peekable();
    let mut base: Module = match segs.peek()?.as_str() {
        "crate" => {
            segs.next();
            vec![]
        }
        "self" => {
            segs.next();
            scope.clone()
        }
        "super" => scope.clone(),
        // A child module named without `self::` (only files have children).
        first => {
            let mut child = scope.clone();
            child.push(first.to_string());
            if scope == file_module && modules.contains(&child) {
                scope.clone()
            } else {
                return None;
            }
        }
    };
    while segs.peek().is_some_and(|s| *s == "super") {
        segs.next();
        base.pop();
    }
    let mut best = base.clone();
    for s in segs {
        if s == "self" {
            break;
        }
        base.push(s.clone());
        if modules.contains(&base) {
            best = base.clone();
        }
    }
    // Inline modules are part of their file.
    while !modules.contains(&best) {
        best.pop();
    }
    Some(best)
}

fn layer(m: &Module) -> Option<(usize, &str)> {
    let top = m.first()?.as_str();
    Some(match top {
        "base" => (0, top),
        "object" => (1, top),
        "compiler" => (2, top),
        "runtime" => (3, top),
        "cli" | "ffi" => (4, top),
        _ => return None,
    })
}

fn load() -> Vec<File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.file_name().unwrap() != "main.rs")
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_path_buf();
            let code = strip(&std::fs::read_to_string(&p).unwrap());
            File { module: module_of(&rel), path: rel, code }
        })
        .collect()
}

/// (from, to, the path as written) for every import between two files.
fn edges(files: &[File]) -> Vec<(Module, Module, String)> {
    let modules: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    let mut out = BTreeSet::new();
    for f in files {
        for (scope, path) in references(f) {
            if let Some(to) = resolve(&scope, &path, &modules, &f.module) {
                if to != f.module {
                    out.insert((f.module.clone(), to, path.join("::")));
                }
            }
        }
    }
    out.into_iter().collect()
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate (lib.rs)".into()
    } else {
        m.join("::")
    }
}

fn layer_violations(files: &[File]) -> Vec<String> {
    let mut bad = Vec::new();
    for (from, to, path) in edges(files) {
        if from.is_empty() {
            continue; // lib.rs declares the layers and re-exports the public API
        }
        let why = match (layer(&from), layer(&to)) {
            (_, None) => Some("names an item of lib.rs: name the module that defines it"),
            (None, _) => Some("is outside the layers"),
            (Some((lf, tf)), Some((lt, tt))) if tf != tt && lt >= lf => Some("imports a layer above it or beside it"),
            (Some((_, "runtime")), Some((_, "compiler"))) if to.len() > 1 => {
                Some("reaches into the compiler: use what compiler/mod.rs re-exports")
            }
            _ => None,
        };
        if let Some(why) = why {
            bad.push(format!("{} {why}: `{path}` ({})", name(&from), name(&to)));
        }
    }
    bad
}

#[test]
fn layers_import_only_downwards() {
    let bad = layer_violations(&load());
    assert!(bad.is_empty(), "layering violations:\n{}", bad.join("\n"));
}

/// Within each folder, its members (files, subfolders and the folder's own mod.rs) import each
/// other without a cycle; an import between two files counts for the members of their lowest
/// common folder that contain them.
fn cycles(files: &[File]) -> Vec<String> {
    let mut graphs: BTreeMap<Module, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let mut witness: BTreeMap<(Module, String, String), String> = BTreeMap::new();
    let is_folder: BTreeSet<Module> =
        files.iter().filter(|f| f.path.ends_with("mod.rs") || f.path.ends_with("lib.rs")).map(|f| f.module.clone()).collect();
    for (from, to, path) in edges(files) {
        let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let folder: Module = from[..common].to_vec();
        let member = |m: &Module| if m.len() == common { "<mod.rs>".to_string() } else { m[common].clone() };
        // The folder's mod.rs is only a member when the folder is a folder (not a file with
        // inline modules, which resolves to the file itself).
        if !is_folder.contains(&folder) && (from.len() == common || to.len() == common) {
            continue;
        }
        let (a, b) = (member(&from), member(&to));
        if a == b {
            continue;
        }
        graphs.entry(folder.clone()).or_default().entry(a.clone()).or_default().insert(b.clone());
        witness.entry((folder, a, b)).or_insert(format!("{} → {} (`{path}`)", name(&from), name(&to)));
    }
    let mut cycles = Vec::new();
    for (folder, g) in &graphs {
        // Depth-first search with colours; a grey node reached again closes a cycle.
        fn visit<'a>(
            n: &'a str,
            g: &'a BTreeMap<String, BTreeSet<String>>,
            colour: &mut BTreeMap<&'a str, u8>,
            stack: &mut Vec<&'a str>,
            found: &mut Vec<Vec<String>>,
        ) {
            colour.insert(n, 1);
            stack.push(n);
            for m in g.get(n).into_iter().flatten() {
                match colour.get(m.as_str()) {
                    Some(1) => {
                        let at = stack.iter().position(|s| *s == m).unwrap();
                        let mut c: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
                        c.push(m.clone());
                        found.push(c);
                    }
                    Some(_) => {}
                    None => visit(m, g, colour, stack, found),
                }
            }
            stack.pop();
            colour.insert(n, 2);
        }
        let mut colour = BTreeMap::new();
        let mut found = Vec::new();
        for n in g.keys() {
            if !colour.contains_key(n.as_str()) {
                visit(n, g, &mut colour, &mut Vec::new(), &mut found);
            }
        }
        for c in found {
            let steps: Vec<String> =
                c.windows(2).map(|w| witness[&(folder.clone(), w[0].clone(), w[1].clone())].clone()).collect();
            cycles.push(format!("in {}: {}\n    {}", name(folder), c.join(" → "), steps.join("\n    ")));
        }
    }
    cycles
}

#[test]
fn no_import_cycles() {
    let c = cycles(&load());
    assert!(c.is_empty(), "import cycles:\n{}", c.join("\n"));
}

#[test]
fn lower_layers_make_no_bpf_syscalls() {
    let mut bad = Vec::new();
    for f in load() {
        if !matches!(layer(&f.module), Some((0..=2, _))) {
            continue;
        }
        for (n, line) in f.code.lines().enumerate() {
            let at = || format!("src/{}:{}", f.path.display(), n + 1);
            if line.contains("libbpf_rs") {
                bad.push(format!("{}: libbpf-rs (loading and maps belong to the runtime)", at()));
            }
            if line.contains("libc::syscall") {
                bad.push(format!("{}: a raw syscall", at()));
            }
            for (i, _) in line.match_indices("libbpf_sys::") {
                let item: String = line[i + 12..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if item.starts_with("bpf") {
                    bad.push(format!("{}: libbpf's `{item}` (only BTF reading is allowed here)", at()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The checker itself: a cycle and an upward import it must see.
#[test]
fn the_checker_sees_cycles_and_upward_imports() {
    let file = |path: &str, code: &str| File {
        path: PathBuf::from(path),
        module: module_of(Path::new(path)),
        code: strip(code),
    };
    let files = vec![
        file("lib.rs", "pub mod compiler; pub mod runtime;"),
        file("compiler/mod.rs", "pub mod a; pub mod b; pub use a::X;"),
        file("compiler/a.rs", "use super::b::{self, Y}; // crate::runtime::z in a comment\nfn f() { let s = \"crate::runtime\"; }"),
        file("compiler/b.rs", "use crate::compiler::{a::X, self};\nfn g() { crate::runtime::load::go(); }"),
        file("runtime/mod.rs", "pub mod load;"),
        file("runtime/load.rs", "use crate::compiler::a::X;\n#[cfg(test)]\nmod tests { use super::*; }"),
    ];
    let e = edges(&files);
    let has = |from: &str, to: &str| e.iter().any(|(f, t, _)| name(f) == from && name(t) == to);
    assert!(has("compiler::a", "compiler::b"));
    assert!(has("compiler::b", "compiler::a"));
    assert!(has("compiler::b", "compiler"));
    assert!(has("compiler::b", "runtime::load"));
    assert!(has("runtime::load", "compiler::a"));
    assert!(!has("compiler::a", "runtime"), "comments and strings are not imports: {e:?}");
    assert!(!has("runtime::load", "runtime"), "`super` in an inline test module is its file: {e:?}");
    assert!(has("compiler", "compiler::a"));
    let c = cycles(&files);
    assert!(c.iter().any(|c| c.starts_with("in compiler: a → b → a")), "{c:?}");
    let v = layer_violations(&files);
    assert!(v.iter().any(|v| v.starts_with("compiler::b imports a layer above")), "{v:?}");
    assert!(v.iter().any(|v| v.starts_with("runtime::load reaches into the compiler")), "{v:?}");
    assert_eq!(v.len(), 2, "{v:?}");
}
