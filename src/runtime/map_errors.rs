//! A map the kernel would not create, reported as its table's problem at the table's
//! declaration (libbpf's log says `map 'big': failed to create: -ENOMEM`; the load then fails
//! as if the program had been rejected).
use crate::base::diag::{span, Diagnostic, Sources};

/// (message, diagnostics) for the first map libbpf could not create, if that is why the load
/// failed.
pub fn map_failure(log: &str, sources: &Sources) -> Option<(String, Vec<Diagnostic>)> {
    let (name, why) = log.lines().find_map(|l| {
        let rest = l.strip_prefix("libbpf: ").unwrap_or(l).strip_prefix("map '")?;
        let (name, tail) = rest.split_once("': failed to create: ")?;
        Some((name.to_string(), tail.trim().to_string()))
    })?;
    let table = crate::object::names::user_name(&name).to_string();
    let message = format!("the kernel could not create table `{table}`: {}", explain(&why));
    let decl = sources.files().filter(|(n, _)| !n.starts_with('<')).find_map(|(file, text)| declaration(text, &table).map(|r| (file, r)));
    let diagnostics = match decl {
        Some((file, r)) => vec![Diagnostic::error(message.clone(), span(file, r))
            .with_note("its size, key or value is more than this kernel (or the memory lock limit) allows")],
        None => vec![],
    };
    Some((message, diagnostics))
}

/// libbpf's `-ENOMEM` and friends in words.
fn explain(why: &str) -> String {
    let text = match why.split_whitespace().next().unwrap_or("") {
        "-ENOMEM" => "not enough memory for a map this size",
        "-E2BIG" => "a size is over the kernel's limit",
        "-EINVAL" => "the kernel refused its type, sizes or flags",
        "-EPERM" => "permission denied",
        _ => return why.to_string(),
    };
    format!("{text} ({why})")
}

/// Where `table` is declared: its name as an argument of a `BPF_…(` macro on the same line.
fn declaration(text: &str, table: &str) -> Option<std::ops::Range<usize>> {
    super::target_errors::words(text, table).find_map(|r| {
        let line_start = text[..r.start].rfind('\n').map_or(0, |p| p + 1);
        let before = &text[line_start..r.start];
        (before.contains("BPF_") && before.contains('(')).then(|| line_start + before.find("BPF_").unwrap()..r.end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_map_is_its_declarations_error() {
        let mut s = Sources::new();
        s.add("<prelude>", "BPF_ARRAY(big, u64, 1)");
        s.add("p.c", "int bigger;\nBPF_ARRAY(big, u64, 4000000000);\n");
        let log = "libbpf: Error loading .BTF into kernel: -EINVAL.\nlibbpf: map 'big': failed to create: -ENOMEM\n";
        let (msg, d) = map_failure(log, &s).unwrap();
        assert_eq!(msg, "the kernel could not create table `big`: not enough memory for a map this size (-ENOMEM)");
        let sp = d[0].span.clone().unwrap();
        assert_eq!((sp.file.as_str(), sp.range), ("p.c", 12..25));
        assert!(map_failure("libbpf: prog 'f': failed to load: -EACCES", &s).is_none());
    }
}
