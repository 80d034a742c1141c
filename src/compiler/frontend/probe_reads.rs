#![allow(non_upper_case_globals)]
//! Implicit kernel memory reads. BCC programs dereference kernel pointers directly
//! (`t->real_parent->tgid`); the verifier only allows that through a probe read. This pass finds
//! which pointers point into kernel (or user) memory and wraps each read through one in
//! `__BCCRS_READ_KERNEL(expr)` / `__BCCRS_READ_USER(expr)` — a CO-RE probe read of `&(expr)`.
//!
//! External pointers: parameters of kprobe-style programs after the context, values derived
//! from the context (`PT_REGS_PARM1(ctx)`, `ctx->args[i]`, pointer fields of tracepoint args),
//! `bpf_get_current_task()`, anything read through an external pointer, and what flows from
//! those through locals, assignments, casts, static helpers' parameters and returns, and map
//! values that store them. Depth counts indirections: depth 1 is a pointer (such as a map value)
//! to an external pointer.
use super::clang::{self as cx, Loc};
use super::read_range;
use super::programs::{self, ParamConvention};
use clang_sys::*;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ext {
    pub depth: u8,
    pub user: bool,
}

/// A read to wrap: `[start, end)` of the user's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub start: usize,
    pub end: usize,
    pub user: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum CtxKind {
    /// `struct pt_regs *` or `struct bpf_raw_tracepoint_args *`: its fields hold kernel values.
    Regs,
    /// A tracepoint's args: pointer fields point into kernel memory (user memory for syscall
    /// entry tracepoints).
    Tracepoint { user: bool },
}

pub(super) struct Pass<'a> {
    main: &'a str,
    text: &'a [u8],
    pub(super) ext: HashMap<String, Ext>,
    /// Locals (by key) given the address of other locals (`pp = &p`): see `pointer_stores`.
    pub(super) addr_of: HashMap<String, Vec<String>>,
    /// Pointers stored through (`*out = v`).
    pub(super) stored: HashSet<String>,
    tainted_maps: HashSet<String>,
    returns: HashMap<String, Ext>,
    /// Static functions defined in the main file, by name.
    statics: HashMap<String, CXCursor>,
    ctx: Option<(String, CtxKind)>,
    pub(super) changed: bool,
    reads: Vec<Read>,
    /// Explicit kernel reads of user memory (see `explicit_read`).
    user_calls: Vec<usize>,
    collect: bool,
}

pub(super) fn key(c: CXCursor) -> String {
    let usr = unsafe { cx::cx_string(clang_getCursorUSR(c)) };
    if usr.is_empty() {
        format!("{}@{}", cx::spelling(c), Loc::expansion(cx::location(c)).offset)
    } else {
        usr
    }
}

pub(super) fn is_pointer(c: CXCursor) -> bool {
    cx::canonical(cx::cursor_type(c)).kind == CXType_Pointer
}

fn is_array(c: CXCursor) -> bool {
    matches!(cx::canonical(cx::cursor_type(c)).kind, CXType_ConstantArray | CXType_IncompleteArray | CXType_VariableArray)
}

/// The `bpf_probe_read_kernel(dst, size, src)` call among a statement expression's statements.
fn read_in(stmt_expr: CXCursor) -> Option<CXCursor> {
    let body = *cx::children(stmt_expr).first()?;
    cx::children(body).into_iter().map(cx::strip).find(|&c| {
        cx::kind(c) == CXCursor_CallExpr
            && cx::num_args(c) == 3
            && cx::referenced(c).map(cx::spelling).is_some_and(|n| n == "bpf_probe_read_kernel")
    })
}

pub(super) fn unary_op(c: CXCursor) -> CXUnaryOperatorKind {
    unsafe { clang_getCursorUnaryOperatorKind(c) }
}

fn binary_op(c: CXCursor) -> CXBinaryOperatorKind {
    unsafe { clang_getCursorBinaryOperatorKind(c) }
}

/// The table named by a method call `t.m(...)`'s callee, and the method.
fn table_call(call: CXCursor) -> Option<(String, String)> {
    let callee = cx::strip(*cx::children(call).first()?);
    if cx::kind(callee) != CXCursor_MemberRefExpr {
        return None;
    }
    cx::table_of_member(callee).map(|t| (t, cx::spelling(callee)))
}

impl Pass<'_> {
    /// Records that `k` holds an external pointer (the shallowest depth wins).
    pub(super) fn set(&mut self, k: String, e: Ext) {
        match self.ext.get(&k) {
            Some(c) if c.depth <= e.depth => {}
            _ => {
                self.ext.insert(k, e);
                self.changed = true;
            }
        }
    }

    /// Whether the value of `e` is (or leads to) an external pointer.
    pub(super) fn classify(&self, e: CXCursor) -> Option<Ext> {
        let e = cx::strip(e);
        match cx::kind(e) {
            CXCursor_DeclRefExpr => {
                let d = cx::referenced(e)?;
                self.ext.get(&key(d)).copied()
            }
            CXCursor_CStyleCastExpr => cx::children(e).last().and_then(|&c| self.classify(c)),
            CXCursor_MemberRefExpr => {
                let base = cx::strip(*cx::children(e).first()?);
                // A struct field that was assigned an external pointer (`v.fp = file`) holds one
                // wherever the struct lives, map values included (BCC's field tracking).
                if let Some(f) = cx::referenced(e).and_then(|f| self.ext.get(&key(f)).copied()) {
                    return Some(f);
                }
                if let Some(kind) = self.ctx_of(base) {
                    return match kind {
                        CtxKind::Regs => Some(Ext { depth: 0, user: false }),
                        CtxKind::Tracepoint { user } => is_pointer(e).then_some(Ext { depth: 0, user }),
                    };
                }
                let b = self.classify(base)?;
                // `p->f` / `s.f` on external memory: the loaded value points to the same space.
                (b.depth == 0).then_some(b)
            }
            CXCursor_ArraySubscriptExpr => {
                let base = cx::strip(*cx::children(e).first()?);
                if self.ctx_of(base).is_some() || self.ctx_member(base) {
                    return Some(Ext { depth: 0, user: false });
                }
                // `pp[i]` on a pointer to pointers loads one level down, like `*pp`.
                self.classify(base).map(|b| Ext { depth: b.depth.saturating_sub(1), user: b.user })
            }
            CXCursor_UnaryOperator => {
                let inner = *cx::children(e).first()?;
                match unary_op(e) {
                    CXUnaryOperator_Deref => {
                        let b = self.classify(inner)?;
                        Some(Ext { depth: b.depth.saturating_sub(1), user: b.user })
                    }
                    CXUnaryOperator_AddrOf => {
                        let inner = cx::strip(inner);
                        if cx::kind(inner) == CXCursor_DeclRefExpr {
                            self.classify(inner).map(|b| Ext { depth: b.depth + 1, user: b.user })
                        } else if cx::kind(inner) == CXCursor_UnaryOperator && unary_op(inner) == CXUnaryOperator_Deref {
                            // `&*p` is `p`.
                            cx::children(inner).first().and_then(|&p| self.classify(p))
                        } else {
                            // `&p->f`: an address inside external memory.
                            self.access(inner).map(|(_, u)| Ext { depth: 0, user: u })
                        }
                    }
                    _ => None,
                }
            }
            CXCursor_ConditionalOperator => {
                let k = cx::children(e);
                k.get(1).and_then(|&a| self.classify(a)).or_else(|| k.get(2).and_then(|&b| self.classify(b)))
            }
            CXCursor_BinaryOperator => {
                let k = cx::children(e);
                if matches!(binary_op(e), CXBinaryOperator_Add | CXBinaryOperator_Sub) {
                    // Pointer arithmetic, also on an address laundered through an integer
                    // (`(u64)&sk->f - 3`).
                    k.iter()
                        .filter(|&&c| is_pointer(c) || cx::kind(cx::strip(c)) == CXCursor_CStyleCastExpr)
                        .find_map(|&c| self.classify(c).filter(|x| x.depth == 0))
                } else {
                    None
                }
            }
            // `({ T v; bpf_probe_read_kernel(&v, sizeof(v), &p->f); v; })`, as compat's
            // accessor macros read (`skb_network_header(skb)`): the value read is `p->f`'s.
            CXCursor_StmtExpr => {
                let read = read_in(e)?;
                let mut src = cx::strip(cx::arg(read, 2));
                if cx::kind(src) == CXCursor_CStyleCastExpr {
                    src = cx::strip(*cx::children(src).last()?);
                }
                let lv = (cx::kind(src) == CXCursor_UnaryOperator && unary_op(src) == CXUnaryOperator_AddrOf)
                    .then(|| cx::children(src).first().copied())??;
                self.access(lv).map(|(_, user)| Ext { depth: 0, user })
            }
            CXCursor_CallExpr => {
                if let Some((table, method)) = table_call(e) {
                    let lookups = ["lookup", "lookup_or_init", "lookup_or_try_init"];
                    return (self.tainted_maps.contains(&table) && lookups.contains(&method.as_str()))
                        .then_some(Ext { depth: 1, user: false });
                }
                let name = cx::referenced(e).map(cx::spelling).unwrap_or_default();
                if name == "bpf_get_current_task" {
                    return Some(Ext { depth: 0, user: false });
                }
                if let Some(r) = self.returns.get(&name) {
                    return Some(*r);
                }
                // Helpers from headers that return a pointer derived from a pointer argument
                // (`tcp_sk(sk)`, `inet_sk(sk)`…) keep it external.
                if is_pointer(e) && !self.statics.contains_key(&name) {
                    return (0..cx::num_args(e).max(0) as u32)
                        .map(|i| cx::arg(e, i))
                        .filter(|&a| is_pointer(a))
                        .find_map(|a| self.classify(a).filter(|x| x.depth == 0));
                }
                None
            }
            _ => None,
        }
    }

    /// The context kind if `e` names the program's context parameter.
    fn ctx_of(&self, e: CXCursor) -> Option<CtxKind> {
        let e = cx::strip(e);
        let e = if cx::kind(e) == CXCursor_CStyleCastExpr { cx::strip(*cx::children(e).last()?) } else { e };
        let (name, kind) = self.ctx.as_ref()?;
        (cx::kind(e) == CXCursor_DeclRefExpr && cx::spelling(e) == *name).then_some(*kind)
    }

    /// `ctx->args` / `ctx->regs`-style member of a Regs context (its elements are kernel values).
    fn ctx_member(&self, e: CXCursor) -> bool {
        let e = cx::strip(e);
        cx::kind(e) == CXCursor_MemberRefExpr
            && cx::children(e).first().and_then(|&b| self.ctx_of(b)) == Some(CtxKind::Regs)
    }

    /// If `e` is an lvalue in external memory (`p->f`, `*p`, `p[i]`, `p->arr[i]`, `p->s.f`),
    /// whether it is user memory.
    fn access(&self, e: CXCursor) -> Option<((), bool)> {
        let e = cx::strip(e);
        let k = cx::children(e);
        match cx::kind(e) {
            CXCursor_MemberRefExpr => {
                let base = cx::strip(*k.first()?);
                if is_pointer(base) {
                    self.classify(base).filter(|b| b.depth == 0).map(|b| ((), b.user))
                } else {
                    self.access(base)
                }
            }
            CXCursor_UnaryOperator if unary_op(e) == CXUnaryOperator_Deref => {
                self.classify(*k.first()?).filter(|b| b.depth == 0).map(|b| ((), b.user))
            }
            CXCursor_ArraySubscriptExpr => {
                let base = cx::strip(*k.first()?);
                if is_array(base) {
                    self.access(base)
                } else {
                    self.classify(base).filter(|b| b.depth == 0).map(|b| ((), b.user))
                }
            }
            _ => None,
        }
    }

    fn walk(&mut self, c: CXCursor, parents: &mut Vec<CXCursor>) {
        match cx::kind(c) {
            CXCursor_VarDecl => {
                // The initialiser, if any, is the last child and an expression.
                if let Some(&init) = cx::children(c).last().filter(|&&i| unsafe { clang_isExpression(cx::kind(i)) } != 0) {
                    self.note_address(key(c), init);
                    if let Some(e) = self.classify(init) {
                        self.set_var(key(c), e);
                    }
                }
            }
            CXCursor_BinaryOperator if binary_op(c) == CXBinaryOperator_Assign => {
                let k = cx::children(c);
                if let (Some(&l), Some(&r)) = (k.first(), k.get(1)) {
                    self.assign(l, r);
                }
            }
            CXCursor_ReturnStmt => {
                let func = parents.iter().rev().find(|&&p| cx::kind(p) == CXCursor_FunctionDecl).copied();
                if let (Some(f), Some(&v)) = (func, cx::children(c).first()) {
                    if let Some(e) = self.classify(v) {
                        let name = cx::spelling(f);
                        if self.returns.get(&name).is_none_or(|o| o.depth > e.depth) {
                            self.returns.insert(name, e);
                            self.changed = true;
                        }
                    }
                }
            }
            CXCursor_CallExpr => {
                self.call(c);
                if self.collect {
                    self.explicit_read(c);
                }
            }
            _ => {}
        }
        if self.collect {
            self.maybe_read(c, parents);
        }
        parents.push(c);
        for k in cx::children(c) {
            self.walk(k, parents);
        }
        parents.pop();
    }

    fn call(&mut self, c: CXCursor) {
        if let Some((table, method)) = table_call(c) {
            // Storing an external pointer in a table makes its lookups lead to external pointers.
            if matches!(method.as_str(), "update" | "insert") && cx::num_args(c) >= 2 {
                let v = cx::strip(cx::arg(c, 1));
                let stored = if cx::kind(v) == CXCursor_UnaryOperator && unary_op(v) == CXUnaryOperator_AddrOf {
                    cx::children(v).first().and_then(|&x| self.classify(x))
                } else {
                    self.classify(v).and_then(|e| (e.depth > 0).then_some(Ext { depth: e.depth - 1, user: e.user }))
                };
                if stored.is_some_and(|e| e.depth == 0) && self.tainted_maps.insert(table) {
                    self.changed = true;
                }
            }
            return;
        }
        let Some(f) = cx::referenced(c) else { return };
        let name = cx::spelling(f);
        let Some(&def) = self.statics.get(&name) else { return };
        let params: Vec<CXCursor> = cx::children(def).into_iter().filter(|&p| cx::kind(p) == CXCursor_ParmDecl).collect();
        for (i, p) in params.iter().enumerate() {
            if (i as i32) < cx::num_args(c) {
                if let Some(e) = self.classify(cx::arg(c, i as u32)) {
                    self.set(key(*p), e);
                }
                self.note_address(key(*p), cx::arg(c, i as u32));
            }
        }
        self.out_params(c, &params);
    }

    /// An explicit `bpf_probe_read_kernel[_str](dst, size, p)` whose `p` is user memory (BCC's
    /// tools read syscall arguments that way, which fails where kernel and user addresses do not
    /// overlap): its name's offset, for the user variant.
    fn explicit_read(&mut self, c: CXCursor) {
        let name = cx::spelling(c);
        if name != "bpf_probe_read_kernel" && name != "bpf_probe_read_kernel_str" || cx::num_args(c) != 3 {
            return;
        }
        let at = Loc::spelling(cx::location(c));
        if at.file != self.main || at != Loc::expansion(cx::location(c)) {
            return;
        }
        if self.classify(cx::arg(c, 2)).is_some_and(|e| e.depth == 0 && e.user) && self.text.get(at.offset..at.offset + name.len()) == Some(name.as_bytes()) {
            self.user_calls.push(at.offset);
        }
    }

    /// Records `c` as a read when it is the top of an external access that is loaded.
    fn maybe_read(&mut self, c: CXCursor, parents: &[CXCursor]) {
        if !matches!(cx::kind(c), CXCursor_MemberRefExpr | CXCursor_ArraySubscriptExpr | CXCursor_UnaryOperator) {
            return;
        }
        let Some((_, user)) = self.access(c) else { return };
        // Not the top of the access chain: `p->s` in `p->s.f`, `p->arr` in `p->arr[i]`.
        let mut up = parents.iter().rev().copied().skip_while(|&p| matches!(cx::kind(p), CXCursor_UnexposedExpr | CXCursor_ParenExpr));
        let parent = up.next();
        if let Some(p) = parent {
            let first_child = cx::children(p).first().map(|&k| cx::strip(k));
            let is_base = first_child.is_some_and(|k| cx::same(k, c) || cx::same(k, cx::strip(c)));
            match cx::kind(p) {
                CXCursor_MemberRefExpr if is_base && !is_pointer(c) => return,
                CXCursor_ArraySubscriptExpr if is_base && is_array(c) => return,
                CXCursor_UnaryOperator if matches!(unary_op(p), CXUnaryOperator_AddrOf | CXUnaryOperator_PreInc | CXUnaryOperator_PreDec | CXUnaryOperator_PostInc | CXUnaryOperator_PostDec) => return,
                CXCursor_UnaryExpr => return, // sizeof, alignof
                CXCursor_BinaryOperator | CXCursor_CompoundAssignOperator
                    if is_base && (cx::kind(p) == CXCursor_CompoundAssignOperator || binary_op(p) == CXBinaryOperator_Assign) =>
                {
                    return
                }
                _ => {}
            }
        }
        if is_array(c) {
            return; // decays to an address
        }
        if let Some((start, end)) = read_range::of(c, self.main, self.text) {
            self.reads.push(Read { start, end, user });
        }
    }
}

/// Finds the implicit reads of every function defined in the main file.
/// The implicit reads to wrap, and the explicit kernel reads of user memory (offsets of their
/// helper's name).
pub fn find(tu: CXCursor, main: &str, text: &str) -> (Vec<Read>, Vec<usize>) {
    let top: Vec<CXCursor> = cx::children(tu)
        .into_iter()
        .filter(|&c| cx::kind(c) == CXCursor_FunctionDecl && cx::is_definition(c) && Loc::expansion(cx::location(c)).file == main)
        .collect();
    let mut p = Pass {
        main,
        text: text.as_bytes(),
        ext: HashMap::new(),
        addr_of: HashMap::new(),
        stored: HashSet::new(),
        tainted_maps: HashSet::new(),
        returns: HashMap::new(),
        statics: top.iter().filter(|&&f| cx::is_static(f)).map(|&f| (cx::spelling(f), f)).collect(),
        ctx: None,
        changed: false,
        reads: vec![],
        user_calls: vec![],
        collect: false,
    };
    // Seeds: program parameters after the context.
    for &f in &top {
        if cx::is_static(f) {
            continue;
        }
        let params: Vec<CXCursor> = cx::children(f).into_iter().filter(|&c| cx::kind(c) == CXCursor_ParmDecl).collect();
        let ctx_type = params.first().map(|&c| cx::type_spelling(cx::cursor_type(c)));
        let prog = programs::classify(&cx::spelling(f), ctx_type.as_deref());
        if prog.params == ParamConvention::None {
            continue;
        }
        let user = prog.params == ParamConvention::SyscallRegs;
        for &param in params.iter().skip(1) {
            if !matches!(cx::canonical(cx::cursor_type(param)).kind, CXType_Int | CXType_UInt | CXType_Long | CXType_ULong | CXType_LongLong | CXType_ULongLong | CXType_Short | CXType_UShort | CXType_Char_S | CXType_Char_U | CXType_SChar | CXType_UChar | CXType_Bool | CXType_Enum) {
                p.ext.insert(key(param), Ext { depth: 0, user });
            }
        }
    }
    // Propagate to a fixed point, then collect reads with the final facts.
    for round in 0..8 {
        p.changed = false;
        p.collect = false;
        for &f in &top {
            p.enter(f);
        }
        if !p.changed || round == 7 {
            break;
        }
    }
    p.collect = true;
    for &f in &top {
        p.enter(f);
    }
    let mut reads = p.reads;
    reads.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    reads.dedup();
    let mut user_calls = p.user_calls;
    user_calls.sort();
    user_calls.dedup();
    (reads, user_calls)
}

impl Pass<'_> {
    fn enter(&mut self, f: CXCursor) {
        let params: Vec<CXCursor> = cx::children(f).into_iter().filter(|&c| cx::kind(c) == CXCursor_ParmDecl).collect();
        self.ctx = params.first().and_then(|&c| {
            let t = cx::type_spelling(cx::cursor_type(c)).replace("const ", "");
            let name = cx::spelling(c);
            if t == "struct pt_regs *" || t == "struct bpf_raw_tracepoint_args *" {
                Some((name, CtxKind::Regs))
            } else if let Some(tp) = t.strip_prefix("struct tracepoint__") {
                let user = tp.starts_with("syscalls__sys_enter_");
                Some((name, CtxKind::Tracepoint { user }))
            } else {
                None
            }
        });
        if cx::is_static(f) {
            self.ctx = None;
        }
        let mut parents = vec![f];
        for k in cx::children(f) {
            if cx::kind(k) == CXCursor_CompoundStmt {
                self.walk(k, &mut parents);
            }
        }
    }
}
