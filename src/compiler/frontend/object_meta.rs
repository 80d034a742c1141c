//! The object's metadata for loaders (`.bccrs.meta`, see `object::meta`) and the type anchors
//! that keep event and by-size table types in its BTF.
use super::analyse::{Facts, TableDecl};
use super::lex;
use super::prescan;
use super::tables::{MapKind, TypeString};
use crate::object::meta::{Meta, TableMeta, META_SECTION};
use crate::object::names::{type_anchor, TYPE_ANCHOR_SECTION};
use std::collections::HashMap;

/// What a loader needs beyond libbpf's view of the object, kept in the object itself so a
/// precompiled object runs the same: each table's declared kind (a histogram is an array or a
/// hash to the kernel) and the struct each event table carries. The metadata is a non-allocated
/// `.bccrs.meta` section (JSON); event structs get a pointer variable in `.debug_bccrs_types` so
/// their BTF is emitted even when they only live on the stack. libbpf skips both sections without
/// a word: the metadata is typed as a string table (SHT_STRTAB, 3), and the anchors' section is
/// named like the DWARF sections (other names make every libbpf loader print "skipping
/// unrecognized data section").
pub(super) fn footer(facts: &Facts, kinds: &HashMap<&str, MapKind>, progs: &[(String, String)], text: &str, lost: Vec<(String, u32)>) -> String {
    let mut meta = Meta { trace_printk: facts.uses_trace_printk, lost, ..Meta::default() };
    for t in &facts.tables {
        if let Some(k) = kinds.get(t.name.as_str()) {
            let ty = TypeString::parse(&t.section);
            meta.tables.push(TableMeta {
                name: t.name.clone(),
                kind: k.describe().to_string(),
                declared: ty.base.to_string(),
                pin: ty.pin.map(str::to_string),
                share: ty.share.or((ty.base == "extern").then_some("extern")).map(str::to_string),
                counter: only_incremented(facts, &t.name),
                slots: (ty.base == "histogram").then(|| histogram_slots(facts, &t.name, text).to_string()),
            });
        }
    }
    let mut out = String::new();
    // Tables given by size keep their key and value types in the BTF for decoding (`btf.rs`).
    for t in &facts.tables {
        let Some(&kind) = kinds.get(t.name.as_str()) else { continue };
        if !by_size(t, kind) {
            continue;
        }
        for (role, ty) in [("key", &t.key_type), ("value", &t.leaf_type)] {
            // An unnamed struct cannot be spelled again.
            if !ty.is_empty() && !ty.contains("(unnamed") && !ty.contains("(anonymous") {
                out.push_str(&format!(
                    "{ty} *{} __attribute__((section(\"{TYPE_ANCHOR_SECTION}\"), used));\n",
                    type_anchor(role, &t.name)
                ));
            }
        }
    }
    for c in &facts.calls {
        if let (Some(ty), true) = (&c.data_type, kinds.contains_key(c.table.as_str())) {
            if !meta.events.iter().any(|(t, _)| *t == c.table) {
                meta.events.push((c.table.clone(), ty.clone()));
                out.push_str(&format!(
                    "{ty} *{} __attribute__((section(\"{TYPE_ANCHOR_SECTION}\"), used));\n",
                    type_anchor("event", &c.table)
                ));
            }
        }
    }
    meta.programs = progs.to_vec();
    let meta = meta.to_json();
    // Escaped twice: for the assembler's string, then for the C string holding the asm.
    let asm_str = meta.replace('\\', "\\\\").replace('"', "\\\"");
    let c_str = asm_str.replace('\\', "\\\\").replace('"', "\\\"");
    out.push_str(&format!(
        "asm(\".pushsection {META_SECTION},\\\"\\\",@3\\n.byte 0\\n.asciz \\\"{c_str}\\\"\\n.popsection\");\n"
    ));
    out
}

/// Whether a table's key and value are given to libbpf by size rather than BTF type: the kernel
/// refuses BTF for an LPM trie whose key is not a struct (libbpf would print a warning and
/// create the map again without BTF).
pub(super) fn by_size(t: &TableDecl, kind: MapKind) -> bool {
    kind == MapKind::LpmTrie && !t.key_is_record
}

/// Whether the program only ever changes `table` by incrementing (`increment`,
/// `atomic_increment`; `delete` restarts a key): its values are counters. Any other write, or a
/// pointer from a lookup that may be written through, makes them gauges.
fn only_incremented(facts: &Facts, table: &str) -> bool {
    let methods: Vec<&str> = facts.calls.iter().filter(|c| c.table == table).map(|c| c.method.as_str()).collect();
    methods.iter().any(|m| matches!(*m, "increment" | "atomic_increment"))
        && methods.iter().all(|m| matches!(*m, "increment" | "atomic_increment" | "delete"))
}

/// How a histogram's slots read (BCC's tools choose `print_log2_hist` or `print_linear_hist`
/// in Python; here the program tells): `log2` when a key argument of its method calls goes
/// through `bpf_log2`/`bpf_log2l`, or when the program uses them at all and the key is built
/// elsewhere (a struct key's `slot`); `linear` when the program never takes a log2.
fn histogram_slots(facts: &Facts, table: &str, text: &str) -> &'static str {
    let t = text.as_bytes();
    let logs = |s: &str| s.contains("log2");
    let mut any_arg = false;
    for c in facts.calls.iter().filter(|c| c.table == table && c.spelled_in_main) {
        let after = lex::skip_trivia(t, c.member_offset + c.method.len());
        let Some(args) = lex::paren_list(t, after) else { continue };
        if let Some(key) = args.items.first() {
            any_arg = true;
            if logs(&text[key.clone()]) {
                return "log2";
            }
        }
    }
    let program_logs = prescan::mentions(text, "bpf_log2l") || prescan::mentions(text, "bpf_log2");
    if program_logs || !any_arg {
        "log2"
    } else {
        "linear"
    }
}
