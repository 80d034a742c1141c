//! Just enough C lexing to find the pieces of a call or a function header in the user's text at
//! a position libclang reported: parentheses, top-level commas, identifiers. Strings, character
//! literals and comments are skipped so their contents never count.
use std::ops::Range;

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Skips whitespace, comments and line continuations forward from `pos`.
pub fn skip_trivia(t: &[u8], mut pos: usize) -> usize {
    loop {
        while pos < t.len() && (t[pos].is_ascii_whitespace()) {
            pos += 1;
        }
        if t[pos..].starts_with(b"\\\n") {
            pos += 2;
        } else if t[pos..].starts_with(b"//") {
            while pos < t.len() && t[pos] != b'\n' {
                pos += 1;
            }
        } else if t[pos..].starts_with(b"/*") {
            pos = find(t, pos + 2, b"*/").map_or(t.len(), |p| p + 2);
        } else {
            return pos;
        }
    }
}

/// Skips whitespace, block comments and line continuations backward; `end` is exclusive.
pub fn skip_trivia_back(t: &[u8], mut end: usize) -> usize {
    loop {
        while end > 0 && (t[end - 1].is_ascii_whitespace() || (t[end - 1] == b'\\')) {
            end -= 1;
        }
        if end >= 2 && &t[end - 2..end] == b"*/" {
            let mut p = end - 2;
            while p >= 2 && &t[p - 2..p] != b"/*" {
                p -= 1;
            }
            end = p.saturating_sub(2);
        } else {
            return end;
        }
    }
}

fn find(t: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    (from..t.len().saturating_sub(pat.len() - 1)).find(|&i| t[i..].starts_with(pat))
}

/// The identifier that ends at `end` (exclusive), after skipping trivia backward.
pub fn ident_before(t: &[u8], end: usize) -> Option<Range<usize>> {
    let e = skip_trivia_back(t, end);
    let mut s = e;
    while s > 0 && is_ident(t[s - 1]) {
        s -= 1;
    }
    (s < e && !t[s].is_ascii_digit()).then_some(s..e)
}

/// The identifier starting at `pos`.
pub fn ident_at(t: &[u8], pos: usize) -> Option<Range<usize>> {
    let mut e = pos;
    while e < t.len() && is_ident(t[e]) {
        e += 1;
    }
    (e > pos).then_some(pos..e)
}

/// Skips a string or character literal starting at `pos` (which holds the quote).
fn skip_literal(t: &[u8], mut pos: usize) -> usize {
    let q = t[pos];
    pos += 1;
    while pos < t.len() && t[pos] != q {
        if t[pos] == b'\\' {
            pos += 1;
        }
        pos += 1;
    }
    pos + 1
}

/// A parenthesised list: the ranges of its comma-separated items (trimmed of trivia; empty for
/// `()`), and the offset of the closing parenthesis. `open` must hold `(`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParenList {
    pub items: Vec<Range<usize>>,
    pub close: usize,
}

pub fn paren_list(t: &[u8], open: usize) -> Option<ParenList> {
    if t.get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut pos = open + 1;
    let mut start = pos;
    let mut items = Vec::new();
    let push = |s: usize, e: usize, items: &mut Vec<Range<usize>>| {
        let s2 = skip_trivia(t, s);
        let e2 = skip_trivia_back(t, e).max(s2);
        items.push(s2..e2);
    };
    while pos < t.len() {
        match t[pos] {
            b'"' | b'\'' => {
                pos = skip_literal(t, pos);
                continue;
            }
            b'/' if t.get(pos + 1) == Some(&b'*') || t.get(pos + 1) == Some(&b'/') => {
                pos = skip_trivia(t, pos);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            b')' => {
                push(start, pos, &mut items);
                if items.len() == 1 && items[0].is_empty() {
                    items.clear();
                }
                return Some(ParenList { items, close: pos });
            }
            b',' if depth == 0 => {
                push(start, pos, &mut items);
                start = pos + 1;
            }
            _ => {}
        }
        pos += 1;
    }
    None
}

/// From `pos`, the offset of the first `{` at parenthesis depth 0 (skipping attributes and
/// trivia), or None if a `;` comes first (a declaration, not a definition).
pub fn body_open(t: &[u8], mut pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    while pos < t.len() {
        match t[pos] {
            b'"' | b'\'' => {
                pos = skip_literal(t, pos);
                continue;
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'{' if depth == 0 => return Some(pos),
            b';' if depth == 0 => return None,
            _ => {}
        }
        pos += 1;
    }
    None
}

/// Whether `spelled` (an expression's spelling range) lies inside the argument list of the
/// macro call whose name starts at `call` (`bpf_trace_printk("%d", p->f)`), as opposed to the
/// body of a `#define` in the same file.
pub fn in_macro_args(t: &[u8], call: usize, spelled: Range<usize>) -> bool {
    call_args(t, call).is_some_and(|(open, l)| open < spelled.start && spelled.start < spelled.end && spelled.end <= l.close)
}

/// The argument list of the call whose name starts at `call`, with the offset of its `(`.
pub fn call_args(t: &[u8], call: usize) -> Option<(usize, ParenList)> {
    let open = skip_trivia(t, ident_at(t, call)?.end);
    Some((open, paren_list(t, open)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_arguments() {
        let t = b"m.update(&k, f(a, \"),\"), /* x, */ ')' )";
        let l = paren_list(t, 8).unwrap();
        let items: Vec<&str> = l.items.iter().map(|r| std::str::from_utf8(&t[r.clone()]).unwrap()).collect();
        assert_eq!(items, ["&k", "f(a, \"),\")", "')'"]);
        assert_eq!(l.close, t.len() - 1);
        assert_eq!(paren_list(b"( )", 0).unwrap().items.len(), 0);
    }

    #[test]
    fn identifiers_around() {
        let t = b"counts /* c */ .lookup";
        assert_eq!(ident_before(t, 15), Some(0..6));
        assert_eq!(ident_at(t, 16), Some(16..22));
        assert_eq!(ident_before(b"1 .x", 2), None);
    }

    #[test]
    fn function_body() {
        assert_eq!(body_open(b") __attribute__((x)) {", 1), Some(21));
        assert_eq!(body_open(b");", 1), None);
    }
}
