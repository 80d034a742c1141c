//! Limits on what one program may ask of the compiler, checked on the user's text before
//! libclang sees it, so a hostile or generated input gets an error at its own line instead of
//! exponential time, unbounded memory or a stack overflow (in libclang or in bccrs's AST walks).
use crate::base::diag::{span, Diagnostic};

/// Largest source accepted (BCC's biggest tools are under 100 KB).
pub const MAX_SOURCE_BYTES: usize = 16 << 20;

/// Deepest expression accepted, counted as nested brackets plus chained operators (each binary
/// operator of `1 + 1 + …` is one more level of the AST). clang itself overflows its 8 MB stack
/// between 50,000 and 100,000 such levels; below this every bccrs walk fits in the compile
/// thread's stack (`compile_thread::COMPILE_STACK`).
pub const MAX_EXPRESSION_DEPTH: usize = 30_000;

/// Longest chain of statements nested without braces, counted in control keywords: an
/// `else if` chain (two a branch) or `if (a) if (b) …`. clang itself overflows its stack at
/// between 3,000 and 6,000 `else if` branches.
pub const MAX_STATEMENT_CHAIN: usize = 4_000;

/// The dialect's table-declaring macros: they expand their arguments many times, so one nested
/// in another's arguments grows exponentially with the nesting (and is never meaningful).
const TABLE_MACROS: &[&str] = &[
    "BPF_ARRAY", "BPF_ARRAY_OF_MAPS", "BPF_CGROUP_ARRAY", "BPF_CGROUP_STORAGE", "BPF_CPUMAP", "BPF_DEVMAP",
    "BPF_F_TABLE", "BPF_HASH", "BPF_HASH_OF_MAPS", "BPF_HISTOGRAM", "BPF_INODE_STORAGE", "BPF_LPM_TRIE",
    "BPF_PERCPU_ARRAY", "BPF_PERCPU_CGROUP_STORAGE", "BPF_PERCPU_HASH", "BPF_PERCPU_QUEUE", "BPF_PERCPU_STACK",
    "BPF_PERF_ARRAY", "BPF_PERF_OUTPUT", "BPF_PROG_ARRAY", "BPF_QUEUE", "BPF_QUEUESTACK", "BPF_QUEUESTACK_PINNED",
    "BPF_QUEUESTACK_PUBLIC", "BPF_QUEUESTACK_SHARED", "BPF_RINGBUF_OUTPUT", "BPF_SK_STORAGE", "BPF_SOCKHASH",
    "BPF_SOCKMAP", "BPF_STACK", "BPF_STACK_TRACE", "BPF_STACK_TRACE_BUILDID", "BPF_TABLE", "BPF_TABLE_PINNED",
    "BPF_TABLE_PUBLIC", "BPF_TABLE_SHARED", "BPF_TASK_STORAGE", "BPF_XDP_REDIRECT_MAP", "BPF_XSKMAP",
];

/// One open bracket: the operators chained inside it so far, and the table macro it calls.
struct Level<'a> {
    ops: usize,
    table: Option<&'a str>,
    /// Control keywords chained at this level, and whether the next token starts a statement.
    chain: usize,
    stmt_start: bool,
    /// Opened by the second `[` of `[[`: an attribute list, where C23 allows `gnu::unused`.
    attribute: bool,
}

impl Level<'_> {
    /// Follows statements: a control keyword continues the chain where it is the body of the
    /// one before (after `)`, `else`, `do`) or an `else`; any other statement ends it.
    fn statement_token(&mut self, ident: Option<&str>) -> usize {
        match ident {
            Some("else") => self.chain += 1,
            Some("if" | "for" | "while" | "switch" | "do") if self.stmt_start => self.chain = 1,
            Some("if" | "for" | "while" | "switch" | "do") => self.chain += 1,
            _ if self.stmt_start => self.chain = 0,
            _ => {}
        }
        self.stmt_start = false;
        self.chain
    }
}

/// The innermost open level (or the file's top level).
fn cur<'s, 'a>(stack: &'s mut [Level<'a>], top: &'s mut Level<'a>) -> &'s mut Level<'a> {
    match stack.last_mut() {
        Some(l) => l,
        None => top,
    }
}

/// Ends the operator chain of the innermost level; returns its length.
fn end_chain(stack: &mut [Level], ops: &mut usize) -> usize {
    match stack.last_mut() {
        Some(l) => std::mem::take(&mut l.ops),
        None => std::mem::take(ops),
    }
}

/// The first limit `text` exceeds, as an error at that place.
pub fn check(name: &str, text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_SOURCE_BYTES {
        return Some(Diagnostic::error(
            format!("the program is {} bytes; bccrs accepts at most {MAX_SOURCE_BYTES}", text.len()),
            span(name, 0..0),
        ));
    }
    let t = text.as_bytes();
    let mut stack: Vec<Level> = Vec::new();
    let mut top = Level { ops: 0, table: None, chain: 0, stmt_start: true, attribute: false };
    let mut ops = 0usize; // chained operators outside any bracket
    let mut depth = 0usize; // brackets + every level's operators
    let mut last_ident: Option<&str> = None;
    let mut prev = 0u8; // the last byte of the token before this one
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if !c.is_ascii_whitespace() && !(c == b'/' && matches!(t.get(i + 1), Some(b'/') | Some(b'*'))) {
            if let Some(d) = scope_operator(name, t, i, &stack) {
                return Some(d);
            }
        }
        let start = i;
        let mut ident = None;
        match c {
            b'/' if matches!(t.get(i + 1), Some(b'/') | Some(b'*')) => {
                i = super::lex::skip_trivia(t, i);
                continue;
            }
            // Preprocessor lines (their macros are counted where they are used).
            b'#' if t[..i].iter().rev().take_while(|b| **b != b'\n').all(|b| b.is_ascii_whitespace()) => {
                let (line, include) = (i, text[i + 1..].trim_start().starts_with("include"));
                while i < t.len() && t[i] != b'\n' {
                    // A macro's body is checked too: `(::` may come from its expansion.
                    if !include && t[i] == b':' && t.get(i + 1) == Some(&b':') && !in_attribute(&text[line..i]) {
                        return scope_operator(name, t, i, &[]);
                    }
                    i += if t[i] == b'\\' { 2 } else { 1 };
                }
                continue;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < t.len() && t[i] != c && t[i] != b'\n' {
                    i += if t[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                if c == b'{' {
                    // A block starts new statements: the enclosing chain does not continue in it.
                    depth -= end_chain(&mut stack, &mut ops);
                }
                cur(&mut stack, &mut top).statement_token(None);
                let table = last_ident.filter(|n| c == b'(' && TABLE_MACROS.contains(n));
                if let Some(inner) = table {
                    if let Some(outer) = stack.iter().find_map(|l| l.table) {
                        return Some(Diagnostic::error(
                            format!("a table declaration (`{inner}`) inside the arguments of another (`{outer}`)"),
                            span(name, i - inner.len()..i),
                        ).with_note("declare each table on its own"));
                    }
                }
                // A table named by its first argument needs one (BPF_TABLE and the queue/stack
                // macros take the name later).
                if let Some(m) = table.filter(|m| !m.starts_with("BPF_TABLE") && !m.starts_with("BPF_F_TABLE") && !m.starts_with("BPF_QUEUESTACK")) {
                    let next = super::lex::skip_trivia(t, i + 1);
                    if matches!(t.get(next), Some(b',') | Some(b')')) {
                        return Some(Diagnostic::error(format!("`{m}` declares a table without a name"), span(name, i - m.len()..next + 1)));
                    }
                }
                let attribute = c == b'[' && prev == b'[';
                stack.push(Level { ops: 0, table, chain: 0, stmt_start: true, attribute });
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if let Some(l) = stack.pop() {
                    depth -= 1 + l.ops;
                }
                if c == b'}' {
                    cur(&mut stack, &mut top).stmt_start = true;
                }
                i += 1;
            }
            b',' | b';' => {
                depth -= end_chain(&mut stack, &mut ops);
                if c == b';' {
                    cur(&mut stack, &mut top).stmt_start = true;
                }
                i += 1;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'=' | b'!' | b'&' | b'|' | b'^' | b'?' | b':' | b'.' | b'~' => {
                while i < t.len() && b"+-*/%<>=!&|^.".contains(&t[i]) && !(t[i] == b'/' && matches!(t.get(i + 1), Some(b'/') | Some(b'*'))) {
                    i += 1;
                }
                i = i.max(start + 1);
                *stack.last_mut().map_or(&mut ops, |l| &mut l.ops) += 1;
                depth += 1;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                let r = super::lex::ident_at(t, i).unwrap();
                ident = Some(&text[r.clone()]);
                i = r.end;
            }
            _ if c.is_ascii_digit() => {
                while i < t.len() && (t[i].is_ascii_alphanumeric() || t[i] == b'_' || t[i] == b'.') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        prev = t[i.min(t.len()) - 1];
        last_ident = ident;
        if !matches!(c, b'(' | b'[' | b'{' | b')' | b']' | b'}' | b',' | b';') {
            let chain = cur(&mut stack, &mut top).statement_token(ident);
            if chain > MAX_STATEMENT_CHAIN {
                return Some(Diagnostic::error(
                    format!("more than {MAX_STATEMENT_CHAIN} statements nested here (`else if` branches or unbraced bodies), more than bccrs compiles"),
                    span(name, start..i.min(t.len())),
                ).with_note("a `switch`, a table lookup, or braces around the branches keep it shallow"));
            }
        }
        if depth > MAX_EXPRESSION_DEPTH {
            return Some(Diagnostic::error(
                format!("this expression nests more than {MAX_EXPRESSION_DEPTH} levels (brackets and chained operators), more than bccrs compiles"),
                span(name, start..i.min(t.len())),
            ).with_note("split it into several statements"));
        }
    }
    None
}

/// `::` outside an attribute list (`[[gnu::unused]]`, C23's only use of it) as an error at it.
/// It is never C, and clang 17 to 19 loop forever on `(::` (LLVM issue 195367), so it must not
/// reach libclang.
fn scope_operator(name: &str, t: &[u8], i: usize, stack: &[Level]) -> Option<Diagnostic> {
    if t[i] != b':' || t.get(i + 1) != Some(&b':') || stack.iter().any(|l| l.attribute) {
        return None;
    }
    Some(
        Diagnostic::error("`::` is not an operator in C", span(name, i..i + 2))
            .with_note("C has `::` only in attribute names such as `[[gnu::unused]]`"),
    )
}

/// Whether the end of a directive's text is inside a `[[…]]` attribute list.
fn in_attribute(line: &str) -> bool {
    line.rfind("[[").is_some_and(|open| line.rfind("]]").is_none_or(|close| close < open))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(n: usize) -> String {
        format!("int zz = {};\n", vec!["1"; n].join(" + "))
    }

    #[test]
    fn a_long_sum_up_to_the_limit_passes_and_past_it_is_located() {
        assert!(check("p.c", &sum(MAX_EXPRESSION_DEPTH)).is_none());
        let d = check("p.c", &sum(MAX_EXPRESSION_DEPTH + 2)).unwrap();
        let s = d.span.unwrap();
        assert_eq!(s.file, "p.c");
        assert!(s.range.start > 9 && s.range.start < sum(MAX_EXPRESSION_DEPTH + 2).len());
    }

    #[test]
    fn statements_and_arguments_reset_the_chain() {
        let many: String = (0..40_000).map(|_| "x = a + b;\n").collect();
        assert!(check("p.c", &many).is_none());
        let args = format!("f({});", vec!["a + b"; 40_000].join(", "));
        assert!(check("p.c", &args).is_none());
        let block = format!("int f() {{ {} }}", "y = 1 + 2 * 3; ".repeat(40_000));
        assert!(check("p.c", &block).is_none());
    }

    fn else_ifs(n: usize) -> String {
        let mut s = String::from("int f(int x) { int r = 0;\nif (x == 0) { r = 1; }");
        for i in 1..n {
            s.push_str(&format!(" else if (x == {i}) {{ r = {i}; }}"));
        }
        s + "\nreturn r; }\n"
    }

    #[test]
    fn else_if_chains_and_unbraced_nesting_are_bounded_but_sequences_are_not() {
        assert!(check("p.c", &else_ifs(MAX_STATEMENT_CHAIN / 2)).is_none());
        let d = check("p.c", &else_ifs(MAX_STATEMENT_CHAIN / 2 + 2)).unwrap();
        assert!(d.message.contains("statements nested"), "{}", d.message);
        let unbraced = format!("int f(int x) {{ {} x++; }}", "if (x) ".repeat(MAX_STATEMENT_CHAIN + 1));
        assert!(check("p.c", &unbraced).is_some());
        let sequence = format!("int f(int x) {{ {} return x; }}", "if (x) { x++; } for (;;) x--; while (x) x--;\n".repeat(10_000));
        assert!(check("p.c", &sequence).is_none());
        let unbraced_else = format!("int f(int x) {{ if (x) x = 1; {} return x; }}", "else if (x) x = 2; ".repeat(10)) ;
        assert!(check("p.c", &unbraced_else).is_none());
    }

    #[test]
    fn nested_table_macros_are_refused_at_the_inner_one() {
        let text = "BPF_HASH(BPF_HASH(BPF_HASH(t)));";
        let d = check("p.c", text).unwrap();
        assert_eq!(d.span.unwrap().range, 9..17);
        assert!(d.message.contains("(`BPF_HASH`) inside the arguments of another (`BPF_HASH`)"), "{}", d.message);
        assert!(check("p.c", "BPF_QUEUE( , u64, 4);").unwrap().message.contains("without a name"));
        assert!(check("p.c", "BPF_PERF_OUTPUT();").unwrap().message.contains("without a name"));
        assert!(check("p.c", "BPF_HASH(a, u32, u64);\nBPF_ARRAY(b, u64, 4);\n/* BPF_HASH(BPF_HASH( */").is_none());
    }

    #[test]
    fn operators_in_comments_and_strings_do_not_count() {
        let text = format!("/* {} */ char s[] = \"{}\";", "+".repeat(100_000), "-".repeat(100_000));
        assert!(check("p.c", &text).is_none());
    }

    #[test]
    fn a_scope_operator_is_refused_outside_attributes() {
        // clang loops forever on the first two.
        for (text, at) in [("int y = (:: 4);", 9), ("BPF_ARRAY(t, u64,:: 4);", 17), ("#define F(x) (x)\n#define G ::i\nint y = F(G);", 27)] {
            let d = check("p.c", text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(d.span.unwrap().range, at..at + 2, "{text}");
            assert!(d.message.contains("`::`"), "{}", d.message);
        }
        for text in ["[[gnu::unused]] static int x;", "int f(void) { [[clang::fallthrough]]; return 0; }", "char s[] = \"a::b\"; // c::d", "#include \"a::b.h\"", "int a = b ? c : d;", "#define ATTR [[gnu::unused]]"] {
            assert!(check("p.c", text).is_none(), "{text}");
        }
    }

    #[test]
    fn an_oversized_source_is_refused() {
        assert!(check("p.c", &" ".repeat(MAX_SOURCE_BYTES + 1)).unwrap().message.contains("at most"));
    }
}
