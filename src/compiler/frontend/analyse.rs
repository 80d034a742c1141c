//! Facts about a BCC program, read from libclang's AST of the user's file parsed with the
#![allow(non_upper_case_globals)]
//! analysis-mode prelude: tables, table method calls and member uses, functions.
//!
//! Only the main file is examined. Offsets are byte offsets into the user's text.
use super::clang::{self as cx, Loc, Value};
use clang_sys::*;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct TableDecl {
    pub name: String,
    /// The section type string: `hash`, `lru_hash`, `array_of_maps$inner`, `hash:/pin/path`…
    pub section: String,
    pub key_is_int: bool,
    /// The key is a struct or union (after typedefs).
    pub key_is_record: bool,
    pub key_type: String,
    pub key_size: i64,
    pub leaf_size: i64,
    pub leaf_type: String,
    pub max_entries: Option<i64>,
    pub flags: Option<i64>,
    /// Where the declaration is written (expansion location).
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct MethodCall {
    pub table: String,
    pub method: String,
    /// Where the method name is spelled (inside a `#define` of the main file when the call comes
    /// from a macro).
    pub member_offset: usize,
    /// Where the call is used (expansion location), for diagnostics.
    pub use_offset: usize,
    pub nargs: usize,
    pub const_args: Vec<Option<i64>>,
    pub in_void_function: bool,
    /// False when the method name is spelled outside the main file.
    pub spelled_in_main: bool,
    /// For event output methods, the type the data argument points to (`struct data_t`).
    pub data_type: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MemberUse {
    pub table: String,
    pub member: String,
    pub member_offset: usize,
    pub use_offset: usize,
    pub spelled_in_main: bool,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub type_spelling: String,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub is_static: bool,
    pub is_definition: bool,
    pub returns_void: bool,
    pub params: Vec<Param>,
    /// Start and end of the declaration (expansion locations).
    pub start_offset: usize,
    pub end_offset: usize,
    /// The name as used (expansion location) and whether it is spelled right there (not in a
    /// macro), which parameter rewriting needs.
    pub name_offset: usize,
    pub name_spelled_here: bool,
}

#[derive(Debug, Clone)]
pub struct CallOfProgram {
    pub callee: String,
    pub offset: usize,
}

#[derive(Debug, Default)]
pub struct Facts {
    pub tables: Vec<TableDecl>,
    pub calls: Vec<MethodCall>,
    pub members: Vec<MemberUse>,
    pub functions: Vec<Function>,
    /// Calls from one function to a non-static function defined in the main file.
    pub program_calls: Vec<CallOfProgram>,
    /// The program prints with bpf_trace_printk (a runner then reads trace_pipe).
    pub uses_trace_printk: bool,
    /// Implicit reads of kernel or user memory to wrap in probe reads.
    pub reads: Vec<super::probe_reads::Read>,
    /// Explicit `bpf_probe_read_kernel[_str]` calls on user memory (offsets of the name).
    pub user_explicit_reads: Vec<usize>,
    /// Rewrites of <bcc/proto.h> packet header field accesses.
    pub packet: Vec<super::edits::Edit>,
    /// <bcc/proto.h> field accesses inside a macro's body (not rewritable): where to report them.
    pub packet_in_macros: Vec<std::ops::Range<usize>>,
    /// The kernel structs and unions the program uses (for the final compile's header).
    pub kernel_types: std::collections::BTreeSet<super::kernel_types::KernelType>,
    /// Method arguments of the wrong kind (pointer for integer or the reverse): offset, message.
    pub arg_mixes: Vec<(usize, String)>,
    /// How many kernel records those reach (capped: see `kernel_types::WORTH_IT`).
    pub kernel_types_reach: usize,
}

struct Walker<'a> {
    main: &'a str,
    facts: Facts,
    table_names: HashSet<String>,
    /// Main-file non-static function definitions, by name.
    globals: HashSet<String>,
    current_void: bool,
    seen: HashSet<(usize, usize)>,
}

impl<'a> Walker<'a> {
    fn in_main(&self, l: &Loc) -> bool {
        l.file == self.main
    }

    /// The table a member expression's base names, if it is a plain reference to a table.
    fn table_of(&self, member: CXCursor) -> Option<String> {
        cx::table_of_member(member).filter(|n| self.table_names.contains(n))
    }

    fn walk(&mut self, c: CXCursor) {
        match cx::kind(c) {
            CXCursor_CallExpr => {
                let kids = cx::children(c);
                if let Some(&callee) = kids.first() {
                    let callee = cx::strip(callee);
                    if cx::kind(callee) == CXCursor_MemberRefExpr {
                        if let Some(table) = self.table_of(callee) {
                            self.method_call(c, callee, table);
                            for &k in &kids[1..] {
                                self.walk(k);
                            }
                            return;
                        }
                    }
                    if let Some(f) = cx::referenced(c) {
                        let name = cx::spelling(f);
                        if cx::kind(f) == CXCursor_FunctionDecl && self.globals.contains(&name) {
                            let offset = Loc::expansion(cx::location(c)).offset;
                            self.facts.program_calls.push(CallOfProgram { callee: name, offset });
                        }
                    }
                }
            }
            CXCursor_MemberRefExpr => {
                if let Some(table) = self.table_of(c) {
                    let spell = Loc::spelling(cx::location(c));
                    let exp = Loc::expansion(cx::location(c));
                    if self.seen.insert((spell.offset, exp.offset)) {
                        self.facts.members.push(MemberUse {
                            table,
                            member: cx::spelling(c),
                            member_offset: spell.offset,
                            use_offset: exp.offset,
                            spelled_in_main: self.in_main(&spell),
                        });
                    }
                }
            }
            _ => {}
        }
        for k in cx::children(c) {
            self.walk(k);
        }
    }

    fn method_call(&mut self, call: CXCursor, member: CXCursor, table: String) {
        let spell = Loc::spelling(cx::location(member));
        let exp = Loc::expansion(cx::location(call));
        if !self.seen.insert((spell.offset, exp.offset)) {
            return;
        }
        let n = cx::num_args(call).max(0) as u32;
        let const_args = (0..n)
            .map(|i| match cx::evaluate(cx::arg(call, i)) {
                Some(Value::Int(v)) => Some(v),
                _ => None,
            })
            .collect();
        let mixes = super::method_args::mixes(call, member, &table, self.main);
        self.facts.arg_mixes.extend(mixes);
        let method = cx::spelling(member);
        let data_arg = match method.as_str() {
            "perf_submit" => Some(1),
            "ringbuf_output" | "ringbuf_submit" => Some(0),
            _ => None,
        };
        let data_type = data_arg.filter(|&i| i < n).and_then(|i| {
            let t = cx::pointee(cx::cursor_type(cx::strip(cx::arg(call, i))));
            let s = cx::type_spelling(t);
            (t.kind != CXType_Invalid && t.kind != CXType_Void && !s.contains('(') && !s.is_empty()).then_some(s)
        });
        self.facts.calls.push(MethodCall {
            table,
            method,
            data_type,
            member_offset: spell.offset,
            use_offset: exp.offset,
            nargs: n as usize,
            const_args,
            in_void_function: self.current_void,
            spelled_in_main: self.in_main(&spell),
        });
    }
}

/// Reads the facts from a translation unit whose main file is `main`.
pub fn analyse(unit: &cx::Unit, main: &str, text: &str) -> Facts {
    let mut w = Walker {
        main,
        facts: Facts::default(),
        table_names: HashSet::new(),
        globals: HashSet::new(),
        current_void: false,
        seen: HashSet::new(),
    };
    let top: Vec<CXCursor> = cx::children(unit.cursor())
        .into_iter()
        .filter(|&c| Loc::expansion(cx::location(c)).file == main)
        .collect();

    // Tables first (method calls need them), from the analysis prelude's marker constants.
    let mut markers: HashMap<String, Value> = HashMap::new();
    let mut vars = Vec::new();
    for &c in &top {
        if cx::kind(c) != CXCursor_VarDecl {
            continue;
        }
        let name = cx::spelling(c);
        if name.starts_with("__bccrs_table_") {
            if let Some(v) = cx::evaluate(c) {
                markers.insert(name, v);
            }
        } else if cx::type_spelling(cx::cursor_type(c)) == format!("struct {name}_table_t") {
            vars.push((name, c));
        }
    }
    for (name, c) in vars {
        let Some(Value::Str(section)) = markers.remove(&format!("__bccrs_table_type_{name}")) else { continue };
        let int = |v: Option<Value>| match v {
            Some(Value::Int(i)) => Some(i),
            _ => None,
        };
        let fields = cx::fields(cx::cursor_type(c));
        let field = |n: &str| fields.iter().copied().find(|&f| cx::spelling(f) == n);
        let (key_is_int, key_is_record, key_type, key_size) = field("key")
            .map(|f| {
                let t = cx::cursor_type(f);
                // BCC looks through typedefs (`typedef int slot_t` makes an array too).
                let kind = cx::canonical(t).kind;
                (kind == CXType_Int, kind == CXType_Record, cx::type_spelling(t), cx::type_size(t))
            })
            .unwrap_or((false, false, String::new(), 0));
        let (leaf_type, leaf_size) = field("leaf")
            .map(|f| {
                let t = cx::cursor_type(f);
                (cx::type_spelling(t), cx::type_size(t))
            })
            .unwrap_or_default();
        w.facts.tables.push(TableDecl {
            section,
            key_is_int,
            key_is_record,
            key_type,
            key_size,
            leaf_size,
            leaf_type,
            max_entries: int(markers.remove(&format!("__bccrs_table_max_{name}"))),
            flags: int(markers.remove(&format!("__bccrs_table_flags_{name}"))),
            offset: Loc::expansion(cx::location(c)).offset,
            name: name.clone(),
        });
        w.table_names.insert(name);
    }

    for &c in &top {
        if cx::kind(c) == CXCursor_FunctionDecl && cx::is_definition(c) && !cx::is_static(c) {
            w.globals.insert(cx::spelling(c));
        }
    }
    for &c in &top {
        if cx::kind(c) != CXCursor_FunctionDecl {
            continue;
        }
        let params = cx::children(c)
            .into_iter()
            .filter(|&p| cx::kind(p) == CXCursor_ParmDecl)
            .map(|p| Param { name: cx::spelling(p), type_spelling: cx::type_spelling(cx::cursor_type(p)) })
            .collect();
        let name_exp = Loc::expansion(cx::location(c));
        let name_spell = Loc::spelling(cx::location(c));
        let f = Function {
            name: cx::spelling(c),
            is_static: cx::is_static(c),
            is_definition: cx::is_definition(c),
            returns_void: cx::result_type(c).kind == CXType_Void,
            params,
            start_offset: Loc::expansion(cx::extent_start(c)).offset,
            end_offset: Loc::expansion(unsafe { clang_sys::clang_getRangeEnd(clang_sys::clang_getCursorExtent(c)) }).offset,
            name_offset: name_exp.offset,
            name_spelled_here: name_spell == name_exp,
        };
        if f.is_definition {
            w.current_void = f.returns_void;
            for k in cx::children(c) {
                if cx::kind(k) == CXCursor_CompoundStmt {
                    w.walk(k);
                }
            }
        }
        w.facts.functions.push(f);
    }
    (w.facts.kernel_types, w.facts.kernel_types_reach) = super::kernel_types::find(&top);
    (w.facts.reads, w.facts.user_explicit_reads) = super::probe_reads::find(unit.cursor(), main, text);
    (w.facts.packet, w.facts.packet_in_macros) = super::packet::find(unit.cursor(), main, text);
    // Tables may also be referenced from global initialisers (rare); those are walked too.
    for &c in &top {
        if cx::kind(c) == CXCursor_VarDecl && !w.table_names.contains(&cx::spelling(c)) {
            w.walk(c);
        }
    }
    w.facts
}
