//! A program's bytes as the text the compiler works on. clang accepts a UTF-8 byte-order mark
//! and any bytes in comments and literals (old tools carry Latin-1 comments); the compiler
//! works on `str`, so such bytes are carried in a form that keeps the program's meaning: in a
//! string or character literal as an octal escape (the same byte in the object), in a comment
//! as `?`. Elsewhere they stay invalid (U+FFFD) and clang reports them at their line.

/// The text of a source file's bytes.
pub fn from_bytes(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    #[derive(PartialEq, Clone, Copy)]
    enum State {
        Code,
        Literal(u8),
        LineComment,
        BlockComment,
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut state = State::Code;
    let mut rest = bytes;
    while !rest.is_empty() {
        let chunk = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap(),
        };
        // The valid part, tracking where comments and literals start and end.
        let b = chunk.as_bytes();
        let mut i = 0;
        while i < b.len() {
            state = match (state, b[i]) {
                (State::Code, b'/') if b.get(i + 1) == Some(&b'/') => State::LineComment,
                (State::Code, b'/') if b.get(i + 1) == Some(&b'*') => {
                    i += 1;
                    State::BlockComment
                }
                (State::Code, q @ (b'"' | b'\'')) => State::Literal(q),
                (State::Literal(_), b'\\') => {
                    i += 1;
                    state
                }
                (State::Literal(q), c) if c == q || c == b'\n' => State::Code,
                (State::LineComment, b'\n') => State::Code,
                (State::BlockComment, b'*') if b.get(i + 1) == Some(&b'/') => {
                    i += 1;
                    State::Code
                }
                (s, _) => s,
            };
            i += 1;
        }
        out.push_str(chunk);
        rest = &rest[chunk.len()..];
        // The invalid bytes that follow.
        let bad = match std::str::from_utf8(rest) {
            Ok(_) => 0,
            Err(e) => e.error_len().unwrap_or(rest.len()),
        };
        for &byte in &rest[..bad] {
            match state {
                State::Literal(_) => out.push_str(&format!("\\{byte:03o}")),
                State::LineComment | State::BlockComment => out.push('?'),
                State::Code => out.push('\u{fffd}'),
            }
        }
        rest = &rest[bad..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::from_bytes;

    #[test]
    fn a_bom_is_dropped() {
        assert_eq!(from_bytes(b"\xef\xbb\xbfint x;"), "int x;");
    }

    #[test]
    fn latin1_in_literals_keeps_its_bytes_and_in_comments_is_harmless() {
        let t = from_bytes(b"// caf\xe9\nchar s[] = \"\xe9t\xe91\"; char c = '\xff'; /* \xe0 */ int x;");
        assert_eq!(t, "// caf?\nchar s[] = \"\\351t\\3511\"; char c = '\\377'; /* ? */ int x;");
    }

    #[test]
    fn an_invalid_byte_in_code_stays_visible() {
        assert_eq!(from_bytes(b"int \xe9;"), "int \u{fffd};");
    }
}
