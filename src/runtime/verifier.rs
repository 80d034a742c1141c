//! The verifier's rejection mapped back to the program's source line.
use crate::base::diag::{span, Diagnostic, Sources};

/// The verifier's complaint, at the source line of the instruction it stopped at. The kernel
/// prints BTF line info as `; <source text> @ <file>:<line>` before the instructions of a line.
pub fn verifier_diagnostics(log: &str, sources: &Sources) -> Vec<Diagnostic> {
    let mut prog = None;
    let mut last_line: Option<(String, usize)> = None;
    let lines = log.lines();
    let mut out = Vec::new();
    let mut in_log = false;
    let mut body: Vec<&str> = Vec::new();
    for l in lines {
        let l = l.strip_prefix("libbpf: ").unwrap_or(l);
        if let Some(rest) = l.strip_prefix("prog '") {
            if let Some((name, tail)) = rest.split_once("': ") {
                prog = Some(name.to_string());
                if tail.starts_with("-- BEGIN PROG LOAD LOG --") {
                    in_log = true;
                    body.clear();
                    last_line = None;
                    continue;
                }
            }
        }
        if in_log && l.starts_with("-- END PROG LOAD LOG --") {
            in_log = false;
            let msg = body
                .iter()
                .rev()
                .map(|s| s.trim())
                .find(|s| {
                    !s.is_empty()
                        && !s.starts_with("processed ")
                        && !s.starts_with(';')
                        && !s.split_once(':').is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                })
                .unwrap_or("rejected")
                .to_string();
            let name = prog.clone().unwrap_or_default();
            let sp = last_line.as_ref().and_then(|(file, line)| {
                // BTF line info keeps only the file's base name.
                let file = &sources.find_by_base_name(file)?;
                let text = sources.text(file)?;
                let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
                let len = text[start..].find('\n').unwrap_or(text.len() - start);
                let indent = text[start..start + len].len() - text[start..start + len].trim_start().len();
                span(file, start + indent..start + len)
            });
            let mut d = Diagnostic::error(format!("the BPF verifier rejected program `{name}`: {msg}"), sp.clone());
            if sp.is_none() {
                if let Some((f, l)) = &last_line {
                    d.notes.push(format!("at {f}:{l}"));
                }
            }
            out.push(d);
            continue;
        }
        if in_log {
            body.push(l);
            if let Some((_, loc)) = l.trim_start().strip_prefix(';').and_then(|r| r.rsplit_once(" @ ")) {
                if let Some((file, line)) = loc.trim().rsplit_once(':') {
                    if let Ok(n) = line.parse() {
                        last_line = Some((file.to_string(), n));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_error_at_source_line() {
        let log = "libbpf: prog 'f': BPF program load failed: Permission denied\n\
libbpf: prog 'f': -- BEGIN PROG LOAD LOG --\n\
0: R1=ctx() R10=fp0\n\
; int x = 1; @ p.c:2\n\
0: (b7) r0 = 0\n\
; return *p; @ p.c:3\n\
1: (61) r0 = *(u32 *)(r1 +0)\n\
R1 invalid mem access 'scalar'\n\
processed 2 insns (limit 1000000)\n\
-- END PROG LOAD LOG --\n";
        let mut s = Sources::new();
        s.add("p.c", "int f() {\n  int x = 1;\n  return *p;\n}\n");
        let d = verifier_diagnostics(log, &s);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("R1 invalid mem access 'scalar'"), "{}", d[0].message);
        assert_eq!(s.line_col("p.c", d[0].span.as_ref().unwrap().range.start), Some((3, 3)));
    }
}
