//! The compiler's entry points: a file or a text in, an object out; and the same through the
//! object cache, which is what a loader calls.
use super::cache_dir::{cache_root, VMLINUX_BTF};
use super::object_cache::ObjectCache;
use super::options::{Failure, Options, Output};
use super::{final_clang, translate};
use crate::base::diag::Sources;
use std::path::Path;

pub fn compile_file(path: &Path, opts: &Options) -> Result<Output, Failure> {
    let cannot = |e: std::io::Error| Failure::plain(format!("cannot read {}: {e}", path.display()), Sources::new());
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(cannot)?;
        return compile_source(STDIN_NAME, &super::source_text::from_bytes(&bytes), opts);
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    // libclang takes the main file's name for a file on disk, and a device or FIFO there is
    // unreadable to it: such input is compiled under a name of its own, as from stdin.
    let name = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => format!("<{}>", path.display()),
        _ => path.display().to_string(),
    };
    compile_source(&name, &super::source_text::from_bytes(&bytes), opts)
}

/// What a program read from standard input (`-`) is called in diagnostics.
pub const STDIN_NAME: &str = "<stdin>";

/// Compiles `text`, known as `name` (a path: quoted includes resolve next to it). The final
/// clang starts before the analysis and gets the rewritten text on its stdin when it is ready
/// (`final_clang`), so its start-up overlaps with bccrs's own work.
pub fn compile_source(name: &str, text: &str, opts: &Options) -> Result<Output, Failure> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    super::compile_thread::on_compile_stack(|| compile_here(name, text, opts))
}

fn compile_here(name: &str, text: &str, opts: &Options) -> Result<Output, Failure> {
    let setup = translate::setup(name, text, opts)?;
    let early = final_clang::Early::spawn(&setup, opts);
    let t = translate::translate_in(setup, name, text, opts)?;
    final_clang::finish(t, early, opts)
}

/// An object ready to load: from the object cache, or compiled now and stored there.
#[derive(Debug)]
pub struct Compiled {
    pub object: Vec<u8>,
    /// The texts verifier errors may point into.
    pub sources: Sources,
    /// The compile's warnings, rendered (kept with a cached object and shown again on a hit).
    pub warnings: String,
}

/// Compiles through the object cache (see `object_cache`): an unchanged program is not
/// compiled again, so it loads without clang or libclang.
pub fn compile_cached(name: &str, text: &str, opts: &Options) -> Result<Compiled, Failure> {
    let root = opts.cache_dir.clone().unwrap_or_else(cache_root);
    let btf = opts.btf.clone().unwrap_or_else(|| VMLINUX_BTF.into());
    let mut key_flags = opts.cflags.clone();
    key_flags.extend(opts.sections.iter().map(|(f, s)| format!("section:{f}={s}")));
    let cache = ObjectCache::new(&root, name, text, &key_flags, &btf);
    if let Some((object, warnings)) = cache.get() {
        let mut sources = Sources::new();
        sources.add(name, text);
        return Ok(Compiled { object, sources, warnings });
    }
    let out = compile_source(name, text, opts)?;
    let warnings =
        if out.warnings.is_empty() { String::new() } else { crate::base::diag::render(&out.warnings, &out.sources, false) };
    cache.put(&out.object, &warnings, &out.deps);
    Ok(Compiled { object: out.object, sources: out.sources, warnings })
}
