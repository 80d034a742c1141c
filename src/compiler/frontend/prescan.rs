//! A token scan of the user's text before parsing, for what the parse itself needs: the
//! tracepoints whose argument structs must be generated.
use super::lex;
use super::tracepoint::split_tracepoint_name;

/// A tracepoint the program uses, and where (for diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracepointUse {
    pub category: String,
    pub event: String,
    pub offset: usize,
}

/// Identifiers of the text with their offsets, outside comments, strings and char literals.
pub fn identifiers(text: &str) -> Vec<(usize, &str)> {
    let t = text.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if c == b'/' && matches!(t.get(i + 1), Some(b'/') | Some(b'*')) {
            i = lex::skip_trivia(t, i);
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < t.len() && t[i] != c {
                i += if t[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let r = lex::ident_at(t, i).unwrap();
            v.push((i, &text[r.clone()]));
            i = r.end;
        } else if c.is_ascii_digit() {
            while i < t.len() && (t[i].is_ascii_alphanumeric() || t[i] == b'_' || t[i] == b'.') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    v
}

/// Whether an identifier appears in the text (outside comments and strings).
pub fn mentions(text: &str, ident: &str) -> bool {
    identifiers(text).iter().any(|(_, i)| *i == ident)
}

/// `TRACEPOINT_PROBE(cat, evt)` uses and `struct tracepoint__cat__evt` mentions, deduplicated.
pub fn tracepoints(text: &str) -> Vec<TracepointUse> {
    let t = text.as_bytes();
    let ids = identifiers(text);
    let mut out: Vec<TracepointUse> = Vec::new();
    let mut add = |category: String, event: String, offset: usize| {
        if !out.iter().any(|u| u.category == category && u.event == event) {
            out.push(TracepointUse { category, event, offset });
        }
    };
    for (k, &(off, id)) in ids.iter().enumerate() {
        if id == "TRACEPOINT_PROBE" {
            let open = lex::skip_trivia(t, off + id.len());
            if let Some(l) = lex::paren_list(t, open) {
                if l.items.len() == 2 {
                    let (c, e) = (&text[l.items[0].clone()], &text[l.items[1].clone()]);
                    let is_id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                    if is_id(c) && is_id(e) {
                        add(c.to_string(), e.to_string(), off);
                    }
                }
            }
        } else if id.starts_with("tracepoint__") && k > 0 && ids[k - 1].1 == "struct" {
            if let Some((c, e)) = split_tracepoint_name(id) {
                add(c, e, off);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tracepoints() {
        let t = "// TRACEPOINT_PROBE(x, y)\nTRACEPOINT_PROBE(sched, sched_switch) {}\n\
                 int f(struct tracepoint__syscalls__sys_enter_open *args) { char *s = \"struct tracepoint__a__b\"; }";
        let v = tracepoints(t);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].category.as_str(), v[0].event.as_str()), ("sched", "sched_switch"));
        assert_eq!((v[1].category.as_str(), v[1].event.as_str()), ("syscalls", "sys_enter_open"));
    }
}
