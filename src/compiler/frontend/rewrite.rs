//! Facts + the user's text → plain libbpf C: edits to the user's text and a generated header
//! (map types of the tables, tracepoint argument structs). Pure: no I/O, never panics on input.
use super::analyse::{Facts, Function, MethodCall};
use super::edits::{self, Edit, LocationMap};
use super::lex;
use super::object_meta;
use super::packet::PacketUse;
use super::programs::{self, ParamConvention};
use super::tables::{self, Anchor, Call, MapKind, MethodError, TypeString};
use crate::base::diag::{span, Diagnostic};
use crate::object::names::user_name;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Rewritten {
    /// The user's text after the edits (same line count).
    pub text: String,
    pub map: LocationMap,
    /// Definitions the rewritten text needs before it (emit mode only).
    pub header: String,
    /// The program functions and their sections, in source order.
    pub programs: Vec<(String, String)>,
    /// Goes after the user's text: BTF anchors for event types and the metadata section.
    pub footer: String,
    pub diagnostics: Vec<Diagnostic>,
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
    edits: Vec<Edit>,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, msg: impl Into<String>, at: std::ops::Range<usize>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(msg, span(self.file, at)));
        self.diags.last_mut().unwrap()
    }
    fn ident_len(&self, at: usize) -> usize {
        lex::ident_at(self.text.as_bytes(), at).map_or(1, |r| r.len())
    }
    /// The identifier at `at` (or one character), as a diagnostic range.
    fn at(&self, at: usize) -> std::ops::Range<usize> {
        at..at + self.ident_len(at)
    }
}

pub fn rewrite(file: &str, text: &str, facts: &Facts, sections: &[(String, String)]) -> Rewritten {
    let mut cx = Ctx { file, text, edits: vec![], diags: vec![] };
    // Implicit kernel reads; openers sort after, closers before, other text at one offset.
    for r in &facts.reads {
        let open = if r.user { "__BCCRS_READ_USER(" } else { "__BCCRS_READ_KERNEL(" };
        cx.edits.extend(Edit::wrap(r.start..r.end, open, ")"));
    }
    cx.edits.extend(facts.packet.iter().cloned());
    for at in &facts.packet_in_macros {
        cx.error("a <bcc/proto.h> packet field cannot be used inside a macro's body: write the access in the function, or pass it as a macro argument", at.clone());
    }
    // Explicit kernel reads of user memory (BCC's tools read syscall arguments that way, which
    // fails where kernel and user addresses do not overlap) use the user variant.
    for &at in &facts.user_explicit_reads {
        let name = if text[at..].starts_with("bpf_probe_read_kernel_str") { "bpf_probe_read_kernel_str" } else { "bpf_probe_read_kernel" };
        cx.edits.push(Edit::replace(at..at + name.len(), name.replace("kernel", "user")));
    }
    let mut header = String::new();
    let mut kinds: HashMap<&str, MapKind> = HashMap::new();

    for t in &facts.tables {
        let at = t.offset..t.offset + cx.ident_len(t.offset);
        let ty = TypeString::parse(&t.section);
        let (base, inner) = (ty.base, ty.inner);
        // An imported table's real kind is known only when the loader finds the exporter; the
        // hash lowerings work on every generic map (an array's lookup always succeeds).
        let base = if base == "extern" { "hash" } else { base };
        if ty.base == "extern" && (ty.pin.is_some() || ty.share.is_some()) {
            cx.error(format!("table `{}`: an extern table cannot also be pinned or exported", t.name), at.clone());
        }
        if matches!(base, "percpu_queue" | "percpu_stack") && (ty.pin.is_some() || ty.share.is_some()) {
            cx.error(format!("table `{}`: a per-CPU queue or stack cannot be pinned or shared", t.name), at.clone());
        }
        if let Some(pin) = ty.pin {
            if !pin.starts_with('/') {
                cx.error(format!("table `{}`: the pin path \"{pin}\" is not absolute", t.name), at.clone())
                    .notes
                    .push("pinned tables live on a BPF filesystem, e.g. \"/sys/fs/bpf/name\"".into());
            }
        }
        let Some(kind) = MapKind::from_section(base, t.key_is_int) else {
            cx.error(format!("table `{}`: unsupported map type \"{base}\"", t.name), at);
            continue;
        };
        for msg in super::table_limits::check(t, kind) {
            cx.error(msg, at.clone());
        }
        if base == "histogram" && t.leaf_type != "u64" && t.leaf_type != "unsigned long long" {
            cx.error(format!("histogram leaf type must be u64, got {}", t.leaf_type), at.clone());
        }
        if t.leaf_size == 0 && !matches!(kind, MapKind::PerfEventArray | MapKind::Ringbuf) {
            cx.error(format!("table `{}` has a zero-sized value type", t.name), at.clone());
        }
        header.push_str(&format!("#define __bccrs_maptype_{} {}\n", t.name, kind.bpf_map_type()));
        // The kernel takes BTF for an LPM trie's key only when it is a struct; another key
        // (BCC's default is u64) is given by size, or libbpf would retry the map without BTF.
        let kv = if object_meta::by_size(t, kind) {
            "__uint(key_size, sizeof(K)); __uint(value_size, sizeof(V))"
        } else {
            "__type(key, K); __type(value, V)"
        };
        header.push_str(&format!("#define __bccrs_kv_{}(K, V) {kv}\n", t.name));
        if let Some(inner) = inner {
            if !facts.tables.iter().any(|o| o.name == inner) {
                cx.error(format!("table `{}`: inner map `{inner}` is not declared in this file", t.name), at);
                continue;
            }
            header.push_str(&format!("#define __bccrs_inner_{} {inner}\n", t.name));
        }
        kinds.insert(&t.name, kind);
    }
    // Event tables declared here get a slot in the hidden loss counters (`names::LOST_MAP`).
    let lost: Vec<(String, u32)> = facts
        .tables
        .iter()
        .filter(|t| kinds.contains_key(t.name.as_str()) && matches!(TypeString::parse(&t.section).base, "perf_output" | "ringbuf"))
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i as u32))
        .collect();
    for (t, slot) in &lost {
        header.push_str(&format!("#define __bccrs_lost_slot_{t} {slot}\n"));
    }
    if !lost.is_empty() {
        header.push_str(&format!("__BCCRS_LOST_COUNTERS({})\n", lost.len()));
    }

    // A call written once in a macro and expanded with different tables (`#define INC(t, k)
    // t.increment(k)`) is lowered once, in the macro: all those tables must lower alike.
    let mut kinds_at: HashMap<usize, Vec<(MapKind, &str)>> = HashMap::new();
    for c in &facts.calls {
        if let Some(&kind) = kinds.get(c.table.as_str()) {
            let v = kinds_at.entry(c.member_offset).or_default();
            if !v.iter().any(|(_, t)| *t == c.table) {
                v.push((kind, &c.table));
            }
        }
    }
    for c in &facts.calls {
        if let Some(&kind) = kinds.get(c.table.as_str()) {
            let uses = &kinds_at[&c.member_offset];
            let mixed = uses.iter().any(|(k, _)| *k != kind).then(|| {
                uses.iter().map(|(k, t)| format!("{} table `{}`", k.describe(), user_name(t))).collect::<Vec<_>>().join(", ")
            });
            let counts_losses = lost.iter().any(|(t, _)| *t == c.table);
            lower_call(&mut cx, c, kind, mixed, counts_losses);
        }
    }
    for m in &facts.members {
        let Some(&kind) = kinds.get(m.table.as_str()) else { continue };
        let mut use_at = cx.at(m.use_offset);
        if !m.spelled_in_main {
            cx.error(format!("`{}.{}` is written outside this file and cannot be rewritten", m.table, m.member), use_at);
            continue;
        }
        let t = text.as_bytes();
        let member = m.member_offset..m.member_offset + cx.ident_len(m.member_offset);
        let Some(base) = base_of(t, m.member_offset, &m.table) else {
            cx.error(format!("`{}` must be named directly before `.{}`, not through a macro argument", m.table, m.member), use_at);
            continue;
        };
        if m.use_offset == m.member_offset {
            use_at = base.start..member.end;
        }
        let decl = facts.tables.iter().find(|d| d.name == m.table).unwrap();
        let replacement = match m.member.as_str() {
            "leaf" => format!("(*{}.value)", m.table),
            "key" if !matches!(kind, MapKind::Queue | MapKind::Stack) => format!("(*{}.key)", m.table),
            "max_entries" => format!("({})", decl.max_entries.unwrap_or(0)),
            "flags" => format!("({})", decl.flags.unwrap_or(0)),
            other => {
                let msg = if tables::METHODS.contains(&other) {
                    format!("`{}.{other}` must be called", m.table)
                } else {
                    format!("{} table `{}` has no member `{other}`", kind.describe(), m.table)
                };
                cx.error(msg, use_at);
                continue;
            }
        };
        cx.edits.push(Edit::replace(base.start..member.end, replacement));
    }

    let mut progs = Vec::new();
    for f in facts.functions.iter().filter(|f| f.is_definition) {
        if f.is_static {
            // BCC inlines every static function of the main file (not those a macro defines,
            // such as BPF_PROG's inner function, which choose for themselves).
            if f.name_spelled_here && !text[f.start_offset.min(f.name_offset)..f.name_offset].contains("inline") {
                cx.edits.push(Edit::insert(f.start_offset, "__always_inline "));
            }
            continue;
        }
        let chosen = sections.iter().find(|(n, _)| *n == f.name).map(|(_, s)| s.as_str());
        let packet = PacketUse::of(&facts.packet, f.start_offset..f.end_offset);
        if let Some(sec) = program(&mut cx, f, chosen, packet) {
            progs.push((f.name.clone(), sec));
        }
    }
    for c in &facts.program_calls {
        cx.error(
            format!("cannot call `{}`: non-static functions are BPF programs, not helpers", c.callee),
            c.offset..c.offset + c.callee.len(),
        )
        .notes
        .push(format!("declare `{}` static to make it a helper", c.callee));
    }

    let footer = object_meta::footer(facts, &kinds, &progs, text, lost);
    let (out, map) = match edits::apply(text, std::mem::take(&mut cx.edits)) {
        Ok(r) => r,
        Err(c) => {
            let at = c.b.range.start..c.b.range.start + 1;
            cx.error("this construct is rewritten in two incompatible ways (a table method in a macro used with different tables?)", at);
            (text.to_string(), LocationMap::default())
        }
    };
    Rewritten { text: out, map, header, programs: progs, footer, diagnostics: cx.diags }
}

/// The identifier before `.member` at `member_offset` (a macro parameter naming the table).
fn macro_param_before(t: &[u8], member_offset: usize) -> Option<std::ops::Range<usize>> {
    let dot = lex::skip_trivia_back(t, member_offset);
    if dot == 0 || t[dot - 1] != b'.' {
        return None;
    }
    lex::ident_before(t, dot - 1)
}

/// The range of `table` in `table . member` ending at `member_offset`, if written that way.
fn base_of(t: &[u8], member_offset: usize, table: &str) -> Option<std::ops::Range<usize>> {
    let dot = lex::skip_trivia_back(t, member_offset);
    if dot == 0 || t[dot - 1] != b'.' {
        return None;
    }
    let base = lex::ident_before(t, dot - 1)?;
    // A table renamed for a clash with vmlinux.h (`config` → `config___bccrs` by a -D) is
    // written with its own name.
    let written = &t[base.clone()];
    (written == table.as_bytes() || written == user_name(table).as_bytes()).then_some(base)
}

fn lower_call(cx: &mut Ctx, c: &MethodCall, kind: MapKind, mixed: Option<String>, counts_losses: bool) {
    let use_at = cx.at(c.use_offset);
    let t = cx.text.as_bytes();
    if !c.spelled_in_main {
        cx.error(format!("`{}.{}()` is written outside this file and cannot be rewritten", c.table, c.method), use_at);
        return;
    }
    let member = c.member_offset..c.member_offset + cx.ident_len(c.member_offset);
    // The table as written before `.method(`: its name, or, in a macro, the parameter that
    // names it (the lowering then refers to the parameter, so each expansion gets its table).
    let in_macro = c.use_offset != c.member_offset;
    let (base, table_ref) = match base_of(t, c.member_offset, &c.table) {
        Some(b) => (b, c.table.clone()),
        None => match macro_param_before(t, c.member_offset).filter(|_| in_macro) {
            Some(b) => {
                let name = String::from_utf8_lossy(&t[b.clone()]).into_owned();
                (b, name)
            }
            None => {
                cx.error(
                    format!("`{}` must be named directly before `.{}(`, not through a macro argument", c.table, c.method),
                    use_at,
                );
                return;
            }
        },
    };
    if let Some(uses) = mixed {
        cx.error(format!("`.{}(` in this macro is lowered once, for one kind of table, but it is used with {uses}", c.method), use_at)
            .notes
            .push("write a macro per kind of table".into());
        return;
    }
    let open = lex::skip_trivia(t, member.end);
    let Some(list) = lex::paren_list(t, open).filter(|l| l.items.len() == c.nargs) else {
        cx.error(format!("cannot rewrite this `{}.{}()` call: its arguments are not written out here", c.table, c.method), use_at);
        return;
    };
    let call = Call {
        table: &table_ref,
        kind,
        method: &c.method,
        nargs: c.nargs,
        const_args: &c.const_args,
        in_void_function: c.in_void_function,
        counts_losses,
    };
    let at = base.start..list.close + 1;
    let lowering = match tables::lower(&call) {
        Ok(l) => l,
        Err(e) => {
            let msg = match e {
                MethodError::Unknown => format!("unknown table method `{}`", c.method),
                MethodError::WrongKind { allowed } => format!(
                    "`{}` is not a method of {} table `{}`; it works on {allowed}",
                    c.method,
                    kind.describe(),
                    c.table
                ),
                MethodError::Arity { min, max } => {
                    let want = if min == max { format!("{min}") } else { format!("{min} or {max}") };
                    format!("`{}.{}()` takes {want} argument{}, {} given", c.table, c.method, if max == 1 { "" } else { "s" }, c.nargs)
                }
                MethodError::Message(m) => m,
            };
            let at = if c.use_offset == base.start { at } else { use_at };
            cx.error(msg, at);
            return;
        }
    };
    // Prelude macros take the user's arguments as macro arguments: parenthesise each so a
    // compound literal's commas (`&(struct key){1, 2}`) stay inside one argument.
    // (The loss-counting wrappers are functions: their arguments need no parentheses.)
    if lowering.head.starts_with("__bccrs_") && !lowering.head.starts_with("__bccrs_lost_") {
        for item in &list.items {
            cx.edits.extend(Edit::wrap(item.clone(), "(", ")"));
        }
    }
    cx.edits.push(Edit::replace(base.start..open + 1, lowering.head));
    for (anchor, s) in lowering.inserts {
        let pos = match anchor {
            Anchor::ArgStart(i) => list.items[i].start,
            Anchor::ArgEnd(i) => list.items[i].end,
            Anchor::Close => list.close,
        };
        cx.edits.push(Edit::insert(pos, s));
    }
}

const TC_MARKS: &[&str] = &[
    "TC_ACT_",
    "->data_end",
    "bpf_skb_get_tunnel_key",
    "bpf_skb_set_tunnel_key",
    "bpf_skb_vlan_push",
    "bpf_skb_vlan_pop",
    "bpf_clone_redirect",
    "bpf_redirect",
    "bpf_skb_store_bytes",
    "bpf_l3_csum_replace",
    "bpf_l4_csum_replace",
    "bpf_skb_change_",
    "bpf_set_hash",
    "incr_cksum_",
];

/// Section attribute and parameter rewriting of a program function; returns its section.
fn program(cx: &mut Ctx, f: &Function, chosen: Option<&str>, packet: PacketUse) -> Option<String> {
    let name_at = f.name_offset..f.name_offset + f.name.len();
    let ctx_type = f.params.first().map(|p| p.type_spelling.as_str());
    let mut prog = programs::classify(&f.name, ctx_type);
    // A function reading USDT arguments is a USDT program (libbpf loads those for its USDT
    // attach, which may use multi-uprobes).
    let body = &cx.text[f.start_offset.min(cx.text.len())..f.end_offset.clamp(f.start_offset, cx.text.len())];
    if prog.section == "kprobe" && (super::prescan::mentions(body, "bpf_usdt_readarg") || super::prescan::mentions(body, "bpf_usdt_readarg_p")) {
        prog.section = "usdt".into();
    }
    // BCC picks socket filter or tc at load time; bccrs must pick when compiling. A program
    // that returns TC_ACT_*, reads packet data directly or calls tc-only helpers is a tc one.
    // A `void *ctx` function reading packet headers is a packet program, as BCC's users load it;
    // writes store bytes into the skb: a tc program's right, not a socket filter's.
    if prog.section == "kprobe" && (packet.reads || packet.writes) && ctx_type.is_some_and(|t| t.replace(' ', "") == "void*") {
        prog = programs::Program { section: "socket".into(), params: ParamConvention::None };
    }
    if prog.section == "socket" && (packet.writes || TC_MARKS.iter().any(|m| body.contains(m))) {
        prog.section = "tc".into();
    }
    if let Some(sec) = chosen {
        prog.section = sec.to_string();
    }
    let head = &cx.text[f.start_offset.min(f.name_offset)..f.name_offset];
    let user_section = head.contains("SEC(") || head.contains("section(");
    if !user_section {
        cx.edits.push(Edit::insert(f.start_offset, format!("SEC(\"{}\") ", prog.section)));
    }
    if f.params.len() > 1 {
        params(cx, f, prog.params, &name_at);
    }
    if let Some(p) = f.params.first() {
        if p.name.is_empty() {
            cx.error(format!("the context parameter of program `{}` must be named", f.name), name_at);
        }
    }
    Some(if user_section { "(user section)".to_string() } else { prog.section })
}

fn params(cx: &mut Ctx, f: &Function, conv: ParamConvention, name_at: &std::ops::Range<usize>) {
    let extra = &f.params[1..];
    match conv {
        ParamConvention::None => {
            cx.error(
                format!("program `{}` takes only its context argument; extra parameters are read from registers only for kprobes and uprobes (struct pt_regs *ctx)", f.name),
                name_at.clone(),
            );
            return;
        }
        _ if extra.len() > 6 => {
            cx.error("too many arguments: at most 6 parameters after the context are passed in registers", name_at.clone());
            return;
        }
        _ => {}
    }
    if !f.name_spelled_here {
        cx.error(format!("the parameters of `{}` come from a macro and cannot be rewritten", f.name), name_at.clone());
        return;
    }
    let t = cx.text.as_bytes();
    let open = lex::skip_trivia(t, name_at.end);
    let list = lex::paren_list(t, open).filter(|l| l.items.len() == f.params.len());
    let Some(list) = list else {
        cx.error(format!("cannot rewrite the parameter list of `{}`", f.name), name_at.clone());
        return;
    };
    let Some(body) = lex::body_open(t, list.close + 1) else { return };
    let ctx = &f.params[0].name;
    let mut decls = String::new();
    if conv == ParamConvention::SyscallRegs {
        decls.push_str(&format!(" struct pt_regs *__bccrs_regs = (struct pt_regs *)PT_REGS_PARM1({ctx});"));
    }
    for (i, (p, r)) in extra.iter().zip(&list.items[1..]).enumerate() {
        if p.name.is_empty() {
            cx.error("arguments to a BPF program must be named", r.clone());
            continue;
        }
        let decl = cx.text[r.clone()].replace('\n', " ");
        let read = match conv {
            ParamConvention::SyscallRegs => format!("PT_REGS_PARM{}_CORE_SYSCALL(__bccrs_regs)", i + 1),
            _ => format!("PT_REGS_PARM{}({ctx})", i + 1),
        };
        decls.push_str(&format!(" {decl} = ({}){read};", p.type_spelling));
    }
    cx.edits.push(Edit::replace(list.items[0].end..list.close, ""));
    cx.edits.push(Edit::insert(body + 1, decls));
}
