//! A grammar-aware mutator: C programs taken apart into tokens (identifiers, numbers, string
//! and character literals, comments, punctuation), then changed the ways hostile or mistaken
//! programs differ from good ones: tokens dropped, repeated, swapped or replaced by dialect
//! names and boundary numbers, brackets left open, table macros nested, expressions made deep,
//! declarations spliced in from other programs, odd bytes in comments and strings.

/// xorshift64*: reproducible from the seed, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// The source split into tokens, whitespace kept with the token it precedes.
pub fn tokens(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            out.push(text[start..].to_string());
            break;
        }
        let c = b[i];
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c && b[i] != b'\n' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
        } else {
            i += 1;
            while i < b.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        out.push(text[start..i].to_string());
    }
    out
}

const DIALECT: &[&str] = &[
    "BPF_HASH", "BPF_ARRAY", "BPF_PERCPU_ARRAY", "BPF_HISTOGRAM", "BPF_PERF_OUTPUT", "BPF_RINGBUF_OUTPUT",
    "BPF_STACK_TRACE", "BPF_TABLE", "BPF_QUEUE", "BPF_LPM_TRIE", "BPF_PROG_ARRAY", "BPF_HASH_OF_MAPS",
    "TRACEPOINT_PROBE", "RAW_TRACEPOINT_PROBE", "KFUNC_PROBE", "lookup", "lookup_or_try_init", "update",
    "insert", "delete", "increment", "atomic_increment", "perf_submit", "perf_read", "ringbuf_output",
    "ringbuf_reserve", "ringbuf_submit", "get_stackid", "push", "pop", "peek", "call", "key", "leaf",
    "max_entries", "u8", "u16", "u32", "u64", "s32", "s64", "int", "char", "void", "struct", "union",
    "enum", "typedef", "static", "const", "volatile", "sizeof", "return", "if", "else", "for", "while",
    "goto", "bpf_trace_printk", "bpf_probe_read", "bpf_probe_read_kernel", "bpf_get_current_pid_tgid",
    "bpf_get_current_comm", "bpf_ktime_get_ns", "bpf_usdt_readarg", "PT_REGS_PARM1", "ctx", "args",
    "task_struct", "pt_regs", "sk_buff", "__bccrs_increment", "__BCCRS_TABLE", "BPF_LICENSE",
];

const NUMBERS: &[&str] = &[
    "0", "1", "-1", "255", "256", "4096", "65535", "2147483647", "2147483648", "4294967295", "4294967296",
    "99999999999", "9223372036854775807", "18446744073709551615", "0x7fffffff", "1e308", "0.5", "'\\0'",
    "100000000", "(1<<30)", "(1ULL<<63)",
];

const ODD: &[&str] = &[
    "\u{feff}", "/* caf\u{e9} */", "\"\\xff\\xfe\"", "#", "##", "\\", "@", "`", "$", "(((", ")))", "{", "}",
    "[", "]", ";;", ",", "...", "->", "::", "#include <linux/sched.h>\n", "#define X(", "#if 1\n",
    "#endif\n", "\n#pragma once\n", "\"unterminated", "'", "/*", "*/", "\u{7f}", "\t\u{b}\u{c}",
];

/// One program mutated `rounds` times; `others` gives material to splice in.
pub fn mutate(rng: &mut Rng, base: &str, others: &[String], rounds: usize) -> String {
    let mut t = tokens(base);
    for _ in 0..rounds {
        let n = t.len().max(1);
        let i = rng.below(n);
        match rng.below(16) {
            0 if !t.is_empty() => {
                t.remove(i);
            }
            1 if !t.is_empty() => {
                let len = 1 + rng.below(8);
                let piece: Vec<String> = t[i..(i + len).min(t.len())].to_vec();
                let at = rng.below(t.len() + 1);
                t.splice(at..at, piece);
            }
            2 if t.len() > 1 => {
                let j = rng.below(t.len());
                t.swap(i, j);
            }
            3 => t.insert(i.min(t.len()), format!(" {}", rng.pick(DIALECT))),
            4 if !t.is_empty() => {
                if t[i].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    t[i] = format!(" {}", rng.pick(NUMBERS));
                } else {
                    t.insert(i, format!(" {}", rng.pick(NUMBERS)));
                }
            }
            5 => t.insert(i.min(t.len()), rng.pick(ODD).to_string()),
            6 => {
                // A table macro inside another's arguments.
                let depth = 1 + rng.below(12);
                let m = ["BPF_HASH(", "BPF_ARRAY(", "BPF_TABLE(\"hash\", ", "BPF_PERF_OUTPUT("][rng.below(4)];
                t.insert(i.min(t.len()), format!("\n{}t{};\n", m.repeat(depth), ")".repeat(depth)));
            }
            7 => {
                // A long chain or deep brackets.
                let n = [10, 300, 5000, 40_000][rng.below(4)];
                let e = if rng.below(2) == 0 { vec!["1"; n].join("+") } else { format!("{}1{}", "(".repeat(n.min(2000)), ")".repeat(n.min(2000))) };
                t.insert(i.min(t.len()), format!("\nint __fz{} = {e};\n", rng.below(1000)));
            }
            8 if !others.is_empty() => {
                // A line from another program.
                let o = rng.pick(others);
                let lines: Vec<&str> = o.lines().collect();
                if !lines.is_empty() {
                    t.insert(i.min(t.len()), format!("\n{}\n", rng.pick(&lines)));
                }
            }
            9 if !t.is_empty() => {
                // Truncated.
                t.truncate(i);
            }
            10 if !t.is_empty() && t[i].trim_start().starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') => {
                t[i] = format!(" {}", rng.pick(DIALECT));
            }
            11 => {
                // Table declarations with boundary sizes and odd types.
                let ty = ["u32", "u64", "char", "struct big", "void", "int *", "struct undefined", "u8[0]"][rng.below(8)];
                let decl = match rng.below(4) {
                    0 => format!("BPF_HASH(fz{i}, {ty}, u64, {});", rng.pick(NUMBERS)),
                    1 => format!("BPF_ARRAY(fz{i}, {ty}, {});", rng.pick(NUMBERS)),
                    2 => format!("BPF_TABLE(\"{}\", {ty}, {ty}, fz{i}, {});", ["hash", "array", "nope", "lru_hash", ""][rng.below(5)], rng.pick(NUMBERS)),
                    _ => format!("struct big {{ char b[{}]; }};", rng.pick(NUMBERS)),
                };
                t.insert(0, format!("{decl}\n"));
            }
            12 if !t.is_empty() => {
                // A method call with arguments of the wrong kind.
                let arg = ["\"str\"", "0", "&x", "ctx", "1.5", "(void *)1", ""][rng.below(7)];
                t.insert(i, format!(" t.{}({arg});", rng.pick(&DIALECT[15..35])));
            }
            13 => {
                let bytes = ["\u{e9}", "\u{fffd}", "\u{0}", "\r", "\r\n"];
                t.insert(i.min(t.len()), rng.pick(&bytes).to_string());
            }
            14 if !t.is_empty() => {
                // A whole statement repeated many times.
                let piece = t[i].clone();
                for _ in 0..rng.below(50) {
                    t.insert(i, piece.clone());
                }
            }
            _ => {}
        }
    }
    t.concat()
}
