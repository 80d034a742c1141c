//! A program whose attach target the kernel does not describe: libbpf resolves an fentry,
//! fexit, LSM or iterator target in the kernel's BTF before anything reaches the kernel, and
//! fails the load with `-ESRCH` ("No such process") when the function is not there. Reported
//! as what it is, at the place the program names the function.
use crate::base::diag::{span, Diagnostic, Sources};

/// (message, diagnostics) when the load failed on a missing BTF target, per libbpf's log line
/// `prog 'P': failed to find kernel BTF type ID of 'F': -3`.
pub fn missing_target(log: &str, sources: &Sources) -> Option<(String, Vec<Diagnostic>)> {
    let (prog, func) = log.lines().find_map(|l| {
        let rest = l.strip_prefix("libbpf: ").unwrap_or(l).strip_prefix("prog '")?;
        let (prog, tail) = rest.split_once("': failed to find kernel BTF type ID of '")?;
        let (func, _) = tail.split_once('\'')?;
        Some((prog.to_string(), func.to_string()))
    })?;
    let message = format!(
        "program `{prog}` attaches to the kernel function `{func}`, which this kernel's BTF does not describe"
    );
    let at = sources.files().filter(|(n, _)| !n.starts_with('<')).find_map(|(file, text)| words(text, &func).next().map(|r| (file, r)));
    let diagnostics = match at {
        Some((file, r)) => vec![Diagnostic::error(message.clone(), span(file, r))
            .with_note("the function is missing, inlined or renamed in this kernel; a kprobe or a tracepoint may reach it")],
        None => vec![],
    };
    Some((message, diagnostics))
}

/// The whole-word occurrences of `name` in `text` (a load error names a function or table the
/// user wrote; `map_errors` looks for declarations among them too).
pub(crate) fn words<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    text.match_indices(name).map(|(i, _)| i..i + name.len()).filter(move |r| {
        (r.start == 0 || !ident(b[r.start - 1])) && b.get(r.end).is_none_or(|c| !ident(*c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_fentry_target_is_named_at_its_use() {
        let mut s = Sources::new();
        s.add("<prelude>", "KFUNC_PROBE(do_page_cache_ra)");
        s.add("p.c", "// do_page_cache_ra_x\nKFUNC_PROBE(do_page_cache_ra, struct readahead_control *ractl)\n{ return 0; }\n");
        let log = "libbpf: prog 'kfunc__do_page_cache_ra': failed to find kernel BTF type ID of 'do_page_cache_ra': -3\nlibbpf: prog 'kfunc__do_page_cache_ra': failed to prepare load attributes: -3\n";
        let (msg, d) = missing_target(log, &s).unwrap();
        assert_eq!(msg, "program `kfunc__do_page_cache_ra` attaches to the kernel function `do_page_cache_ra`, which this kernel's BTF does not describe");
        let sp = d[0].span.clone().unwrap();
        assert_eq!((sp.file.as_str(), sp.range), ("p.c", 34..50));
        assert!(missing_target("libbpf: prog 'f': failed to load: -EACCES", &s).is_none());
    }
}
