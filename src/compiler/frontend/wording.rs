//! clang's messages in the user's words: the analysis prelude's names for a table and its
//! parts (`struct counts_table_t`, `__bccrs_table_max_counts`, `__bccrs_increment`) become the
//! table and the method the user wrote, and notes about bccrs's own files and macros (its
//! include chain, its temporary directory) are left out.

/// `message` with the prelude's generated names replaced.
pub fn message(m: &str) -> String {
    let mut out = String::with_capacity(m.len());
    let mut rest = m;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("struct ") {
            let n = ident_len(r);
            if let Some(table) = r[..n].strip_suffix("_table_t").filter(|t| !t.is_empty()) {
                out.push_str(&format!("table {table}"));
                rest = &r[n..];
                continue;
            }
        }
        if rest.starts_with("__bccrs_") || rest.starts_with("__BCCRS_") {
            let n = ident_len(rest);
            let id = &rest[..n];
            let lower = id.to_ascii_lowercase();
            let inner = &lower["__bccrs_".len()..];
            let shown = ["table_type_", "table_max_", "table_flags_", "maptype_", "kv_", "inner_"]
                .iter()
                .find_map(|p| inner.strip_prefix(p).map(|t| format!("table {}", &id[id.len() - t.len()..])))
                .unwrap_or_else(|| id["__bccrs_".len()..].to_ascii_lowercase());
            out.push_str(&shown);
            rest = &rest[n..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
        // Skip the rest of an identifier, so only whole names are matched.
        if c.is_ascii_alphanumeric() || c == '_' {
            let n = ident_len(rest);
            out.push_str(&rest[..n]);
            rest = &rest[n..];
        }
    }
    out
}

fn ident_len(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count()
}

/// Whether a note speaks of the user's program (not of bccrs's files, macros or directories).
pub fn keep_note(n: &str) -> bool {
    !(n.starts_with("in file included from")
        || n.contains("__bccrs")
        || n.contains("__BCCRS")
        || n.contains("<built-in>")
        || n.contains("/bccrs-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_become_the_users() {
        assert_eq!(message("redefinition of '__bccrs_table_max_counts'"), "redefinition of 'table counts'");
        assert_eq!(message("no member named 'x' in 'struct my_table_t'"), "no member named 'x' in 'table my'");
        assert_eq!(message("too many arguments to function call __bccrs_increment"), "too many arguments to function call increment");
        assert_eq!(message("use of undeclared identifier 'struct_key'"), "use of undeclared identifier 'struct_key'");
        assert_eq!(message("xstruct a_table_t"), "xstruct a_table_t");
        assert!(!keep_note("expanded from macro '__BCCRS_TABLE_STRUCT'"));
        assert!(!keep_note("in file included from /tmp/bccrs-123-abc/analysis.h:2:"));
        assert!(keep_note("expanded from macro 'BPF_HASH'"));
    }
}
