#![allow(non_upper_case_globals)]
//! Kernel pointers stored through pointers to pointers: `struct sock **pp = &p; *pp = sk;` makes
//! both `p` and `*pp` kernel pointers, at any depth (`**ppp = sk`), through out-parameters of
//! static helpers (`store(&p, sk)` with `*out = sk`) and through `pp[0] = sk`. BCC's rewriter
//! follows these; the dataflow in `probe_reads` only followed values copied by name.
//!
//! Each local that has been given the address of another (`pp = &p`) remembers it, so a store
//! through it reaches the variable it points to, however many levels down.
use super::clang as cx;
use super::probe_reads::{key, unary_op, Ext, Pass};
use clang_sys::*;

/// Depths beyond this are not followed (they only arise from nonsense such as `p = &p`).
const MAX_DEPTH: u8 = 8;

/// Strips parentheses, implicit conversions and casts.
fn bare(mut e: CXCursor) -> CXCursor {
    loop {
        e = cx::strip(e);
        if cx::kind(e) != CXCursor_CStyleCastExpr {
            return e;
        }
        match cx::children(e).last() {
            Some(&k) => e = k,
            None => return e,
        }
    }
}

impl Pass<'_> {
    /// Records that variable `k` holds a value of depth `e.depth`, and so the variables whose
    /// address it holds hold one level less.
    pub(super) fn set_var(&mut self, k: String, e: Ext) {
        self.set(k.clone(), e);
        if e.depth == 0 {
            return;
        }
        let inner = Ext { depth: e.depth - 1, user: e.user };
        for t in self.addr_of.get(&k).cloned().unwrap_or_default() {
            if t != k {
                self.set_var(t, inner);
            }
        }
    }

    /// `lhs = rhs` (or an initialiser): what the target now holds, and which local's address it
    /// now holds.
    pub(super) fn assign(&mut self, lhs: CXCursor, rhs: CXCursor) {
        let l = bare(lhs);
        if cx::kind(l) == CXCursor_DeclRefExpr {
            if let Some(d) = cx::referenced(l) {
                self.note_address(key(d), rhs);
            }
        }
        if let Some(e) = self.classify(rhs) {
            self.store(lhs, e);
        }
    }

    /// Remembers that variable `k` was given the address of the locals `rhs` names (`&p`, or a
    /// copy of a pointer that holds one).
    pub(super) fn note_address(&mut self, k: String, rhs: CXCursor) {
        let targets = self.address_targets(rhs);
        let known = self.addr_of.entry(k).or_default();
        for t in targets {
            if !known.contains(&t) {
                known.push(t);
                self.changed = true;
            }
        }
    }

    /// The locals whose address `e` evaluates to.
    fn address_targets(&self, e: CXCursor) -> Vec<String> {
        let e = bare(e);
        match cx::kind(e) {
            CXCursor_UnaryOperator if unary_op(e) == CXUnaryOperator_AddrOf => {
                let inner = bare(*cx::children(e).first().unwrap_or(&e));
                match cx::kind(inner) {
                    CXCursor_DeclRefExpr => cx::referenced(inner).map(key).into_iter().collect(),
                    _ => vec![],
                }
            }
            CXCursor_DeclRefExpr => cx::referenced(e).and_then(|d| self.addr_of.get(&key(d)).cloned()).unwrap_or_default(),
            _ => vec![],
        }
    }

    /// The location `lhs` now holds a value of depth `e.depth`.
    pub(super) fn store(&mut self, lhs: CXCursor, e: Ext) {
        let l = bare(lhs);
        match cx::kind(l) {
            CXCursor_DeclRefExpr => {
                if let Some(d) = cx::referenced(l) {
                    self.set_var(key(d), e);
                }
            }
            // `x.f = p` / `x->f = p`: the field itself is marked.
            CXCursor_MemberRefExpr if e.depth == 0 && super::probe_reads::is_pointer(l) => {
                if let Some(d) = cx::referenced(l) {
                    self.set(key(d), e);
                }
            }
            CXCursor_UnaryOperator => {
                let Some(&inner) = cx::children(l).first() else { return };
                if unary_op(l) == CXUnaryOperator_Deref {
                    self.store_through(inner, e);
                }
            }
            CXCursor_ArraySubscriptExpr => {
                if let Some(&base) = cx::children(l).first() {
                    if super::probe_reads::is_pointer(cx::strip(base)) {
                        self.store_through(base, e);
                    }
                }
            }
            _ => {}
        }
    }

    /// `*ptr = v`, v of depth `e.depth`: `ptr` is a pointer to such a value, one level more.
    fn store_through(&mut self, ptr: CXCursor, e: Ext) {
        if e.depth >= MAX_DEPTH {
            return;
        }
        let p = bare(ptr);
        if cx::kind(p) == CXCursor_DeclRefExpr {
            if let Some(d) = cx::referenced(p) {
                self.stored.insert(key(d));
            }
        }
        if cx::kind(p) == CXCursor_UnaryOperator && unary_op(p) == CXUnaryOperator_AddrOf {
            // `*&x = v` stores into `x`.
            if let Some(&x) = cx::children(p).first() {
                self.store(x, e);
            }
            return;
        }
        self.store(p, Ext { depth: e.depth + 1, user: e.user });
    }

    /// A call to a static helper: an argument `&x` whose parameter is stored through
    /// (`*out = sk`) leaves `x` holding what was stored.
    pub(super) fn out_params(&mut self, call: CXCursor, params: &[CXCursor]) {
        for (i, p) in params.iter().enumerate() {
            if i as i32 >= cx::num_args(call) {
                break;
            }
            let k = key(*p);
            let Some(pe) = self.ext.get(&k).copied().filter(|_| self.stored.contains(&k)) else { continue };
            if pe.depth == 0 {
                continue;
            }
            for t in self.address_targets(cx::arg(call, i as u32)) {
                self.set_var(t, Ext { depth: pe.depth - 1, user: pe.user });
            }
        }
    }
}
