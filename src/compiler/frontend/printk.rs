//! `bpf_trace_printk` checks at compile time. The kernel validates the format only when the
//! helper runs (`bpf_bprintf_prepare`): a format it refuses prints nothing and returns -EINVAL,
//! silently. So the same rules are applied here, as warnings at the format. More than three
//! values cannot be compiled at all (a BPF call has five arguments): an error at the fourth.
//!
//! BCC has its own, older rules (one `%s`; no `%i`, `%c`, width or flags), which warn about
//! formats the kernel accepts; these are the kernel's.
use super::lex;
use crate::base::diag::{span, Diagnostic};

const ACCEPTED: &str = "the kernel accepts %d %i %u %x %X (with l or ll), %c, %s, %p, %pK %px %pB \
                        %pS %ps %pks %pus %pi4 %pI4 %pi6 %pI6, %%, flags 0 + - and space, and a width";

pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let t = text.as_bytes();
    let mut out = Vec::new();
    for (at, ident) in super::prescan::identifiers(text) {
        if ident != "bpf_trace_printk" {
            continue;
        }
        let open = lex::skip_trivia(t, at + ident.len());
        let Some(list) = lex::paren_list(t, open) else { continue };
        let Some(fmt) = list.items.first() else { continue };
        let values = &list.items[1..];
        if values.len() > 3 {
            out.push(
                Diagnostic::error(
                    format!("bpf_trace_printk takes at most 3 values after the format, not {}", values.len()),
                    span(file, values[3].start..values.last().unwrap().end),
                )
                .with_note("print the rest with a second bpf_trace_printk, or send an event (BPF_PERF_OUTPUT)"),
            );
        }
        // Only a format written as string literals can be checked (not a macro parameter).
        let Some((bytes, offsets)) = string_literals(&t[fmt.clone()]) else { continue };
        // At a conversion or character of the format, in the user's text.
        let at = |r: std::ops::Range<usize>| {
            let o = |i: usize| fmt.start + offsets.get(i).copied().unwrap_or(fmt.end - fmt.start - 1);
            o(r.start)..o(r.end.max(r.start + 1) - 1) + 1
        };
        match check_format(&bytes) {
            Err((why, bad)) => out.push(
                Diagnostic::warning(format!("bpf_trace_printk will print nothing: {why}"), span(file, at(bad)))
                    .with_note(ACCEPTED),
            ),
            Ok(convs) if convs.len() > values.len() => out.push(
                Diagnostic::warning(
                    format!(
                        "this format has {} conversions but bpf_trace_printk is given {} value(s)",
                        convs.len(),
                        values.len()
                    ),
                    span(file, at(convs[values.len()].clone())),
                )
                .with_note("the conversions without a value print whatever their registers hold"),
            ),
            Ok(_) => {}
        }
    }
    out
}

/// The kernel's rules (kernel/bpf/helpers.c, bpf_bprintf_prepare, which bpf_trace_printk
/// always calls with 3 values: the registers after the format, whether set or not). The ranges
/// of the conversions, or why the kernel refuses the format and the range it is about.
fn check_format(f: &[u8]) -> Result<Vec<std::ops::Range<usize>>, (String, std::ops::Range<usize>)> {
    let at = |i: usize| f.get(i).copied().unwrap_or(0);
    let mut convs = Vec::new();
    let mut specs = 0;
    let mut i = 0;
    while i < f.len() {
        let c = f[i];
        if !c.is_ascii() || (!c.is_ascii_graphic() && !c.is_ascii_whitespace() && c != b' ') {
            return Err((format!("the format holds the character {c:#04x}, which is not printable ASCII"), i..i + 1));
        }
        if c != b'%' {
            i += 1;
            continue;
        }
        if at(i + 1) == b'%' {
            i += 2;
            continue;
        }
        let start = i;
        if specs >= 3 {
            let end = (i + 2).min(f.len());
            return Err(("the kernel takes at most 3 conversions".to_string(), i..end));
        }
        specs += 1;
        i += 1;
        while matches!(at(i), b'0' | b'+' | b'-' | b' ') {
            i += 1;
        }
        if (b'1'..=b'9').contains(&at(i)) {
            while at(i).is_ascii_digit() {
                i += 1;
            }
        }
        let bad = |end: usize| {
            let end = end.min(f.len()).max(start + 1);
            Err((format!("`{}` is not a conversion the kernel supports", String::from_utf8_lossy(&f[start..end])), start..end))
        };
        match at(i) {
            b'p' => {
                let n = at(i + 1);
                if n == 0 || n.is_ascii_whitespace() || n.is_ascii_punctuation() {
                    i += 1;
                } else if matches!(n, b'k' | b'u') && at(i + 2) == b's' {
                    i += 3;
                } else if matches!(n, b'K' | b'x' | b's' | b'S' | b'B') {
                    i += 2;
                } else if matches!(n, b'i' | b'I') && matches!(at(i + 2), b'4' | b'6') {
                    i += 3;
                } else {
                    return bad(i + 2);
                }
            }
            b's' | b'c' => i += 1,
            _ => {
                for _ in 0..2 {
                    if at(i) == b'l' {
                        i += 1;
                    }
                }
                if !matches!(at(i), b'd' | b'i' | b'u' | b'x' | b'X') {
                    return bad(i + 1);
                }
                i += 1;
            }
        }
        convs.push(start..i.min(f.len()));
    }
    Ok(convs)
}

/// The bytes of a sequence of adjacent string literals (escapes decoded), each with the offset
/// in `t` where it is written, or None when the text is anything else.
fn string_literals(t: &[u8]) -> Option<(Vec<u8>, Vec<usize>)> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    let mut i = lex::skip_trivia(t, 0);
    let mut any = false;
    while i < t.len() {
        if t[i] != b'"' {
            return None;
        }
        i += 1;
        loop {
            match *t.get(i)? {
                b'"' => break,
                b'\\' => {
                    offsets.push(i);
                    i += 1;
                    let e = *t.get(i)?;
                    i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'x' => {
                            let s = i;
                            while i < t.len() && t[i].is_ascii_hexdigit() {
                                i += 1;
                            }
                            out.push(u8::from_str_radix(std::str::from_utf8(&t[s..i]).ok()?, 16).ok()?);
                        }
                        b'0'..=b'7' => {
                            let s = i - 1;
                            while i < t.len() && i < s + 3 && (b'0'..=b'7').contains(&t[i]) {
                                i += 1;
                            }
                            out.push(u8::from_str_radix(std::str::from_utf8(&t[s..i]).ok()?, 8).ok()? );
                        }
                        b'a' => out.push(7),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'v' => out.push(11),
                        other => out.push(other),
                    }
                    continue;
                }
                c => {
                    out.push(c);
                    offsets.push(i);
                }
            }
            i += 1;
        }
        i = lex::skip_trivia(t, i + 1);
        any = true;
    }
    any.then_some((out, offsets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str, n: usize) -> Result<(), String> {
        let convs = check_format(s.as_bytes()).map_err(|(why, _)| why)?;
        assert!(convs.len() <= n, "{s}: {} conversions for {n} values", convs.len());
        Ok(())
    }

    #[test]
    fn formats_the_kernel_accepts() {
        for (f, n) in [
            ("pid %d comm %s\n", 2),
            ("%5d|%-8u|%08llx\n", 3),
            ("%+i|% d|%lld\n", 3),
            ("%c %X %lu\n", 3),
            ("%p %pK %px\n", 3),
            ("%pS %ps %pB\n", 3),
            ("%pI4 %pi6 %pks\n", 3),
            ("%pus\n", 1),
            ("100%% done, %s and %s\n", 2),
            ("fewer conversions than values: %d\n", 3),
            ("%p\n", 1),
        ] {
            assert_eq!(fmt(f, n), Ok(()), "{f}");
        }
    }

    #[test]
    fn formats_the_kernel_refuses() {
        let e = |f: &str, n| fmt(f, n).unwrap_err();
        assert!(e("%f\n", 1).contains("`%f`"));
        assert!(e("%.2d\n", 1).contains("`%.`"));
        assert!(e("%lf\n", 1).contains("`%lf`"));
        assert!(e("%pZ\n", 1).contains("`%pZ`"));
        assert!(e("%d %d %d %d\n", 3).contains("at most 3 conversions"));
        assert!(e("caf\u{e9} %d\n", 1).contains("not printable ASCII"));
    }

    #[test]
    fn literals_and_locations() {
        let (bytes, offsets) = string_literals(br#""a\n" /* x */ "b\x41\101""#).unwrap();
        assert_eq!(bytes, b"a\nbAA");
        assert_eq!(offsets, vec![1, 2, 15, 16, 20]);
        assert_eq!(string_literals(b"FMT"), None);
        let text = "int f(void *ctx) {\n  bpf_trace_printk(\"x=%f\\n\", 1);\n  bpf_trace_printk(\"%d\", 1, 2, 3, 4);\n  bpf_trace_printk(\"%d %5lu\", 1);\n  return 0;\n}\n";
        let d = check("p.c", text);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(!d[2].is_error() && d[2].message.contains("2 conversions but bpf_trace_printk is given 1 value"));
        assert_eq!(&text[d[2].span.as_ref().unwrap().range.clone()], "%5lu");
        assert!(!d[0].is_error() && d[0].message.contains("`%f`"));
        assert_eq!(&text[d[0].span.as_ref().unwrap().range.clone()], "%f");
        assert!(d[1].is_error() && d[1].message.contains("not 4"));
        assert_eq!(&text[d[1].span.as_ref().unwrap().range.clone()], "4");
    }
}
