//! The kernel structs and unions a program uses, for the final compile's small kernel header
//! (`headers::min`): every record type that vmlinux.h declares and that a declaration or
//! expression of the main file mentions, directly or through pointers, arrays and typedefs.
//! Mentioning more than needed costs only compile time; missing one makes the final compile
//! fail, and the compiler then falls back to the whole vmlinux.h.
#![allow(non_upper_case_globals)]
use super::clang::{self as cx, Loc};
use clang_sys::*;
use std::collections::{BTreeSet, HashSet};

/// (is a union, name as vmlinux.h spells it)
pub type KernelType = (bool, String);

/// Beyond this many kernel records reachable from what a program uses (through pointers too,
/// which is what `-g` describes when every struct is complete), the small header pays for its
/// ~30 ms of BTF work; below it the whole vmlinux.h costs nothing more.
pub const WORTH_IT: usize = 40;

/// The kernel records a program uses, and how many records they reach (capped at WORTH_IT).
pub fn find(top: &[CXCursor]) -> (BTreeSet<KernelType>, usize) {
    let mut c = Collector { out: BTreeSet::new(), seen_types: HashSet::new(), reached: HashSet::new() };
    for &t in top {
        c.visit(t);
    }
    (c.out, c.reached.len())
}

struct Collector {
    out: BTreeSet<KernelType>,
    /// Canonical type spellings already looked at.
    seen_types: HashSet<String>,
    /// Records reachable from `out`, up to WORTH_IT.
    reached: HashSet<String>,
}

impl Collector {
    fn visit(&mut self, c: CXCursor) {
        self.ty(cx::cursor_type(c));
        if matches!(cx::kind(c), CXCursor_TypeRef | CXCursor_DeclRefExpr | CXCursor_MemberRefExpr) {
            if let Some(r) = cx::referenced(c) {
                self.ty(cx::cursor_type(r));
            }
        }
        if cx::kind(c) == CXCursor_FunctionDecl {
            self.ty(cx::result_type(c));
        }
        for k in cx::children(c) {
            self.visit(k);
        }
    }

    fn ty(&mut self, t: CXType) {
        let mut t = cx::canonical(t);
        loop {
            match t.kind {
                CXType_Pointer => t = cx::canonical(cx::pointee(t)),
                CXType_ConstantArray | CXType_IncompleteArray | CXType_VariableArray => {
                    t = cx::canonical(unsafe { clang_getArrayElementType(t) })
                }
                _ => break,
            }
        }
        if t.kind != CXType_Record || !self.seen_types.insert(cx::type_spelling(t)) {
            return;
        }
        let decl = unsafe { clang_getTypeDeclaration(t) };
        let file = Loc::spelling(cx::location(decl)).file;
        if !file.ends_with("/vmlinux.h") {
            return;
        }
        let name = cx::spelling(decl);
        // Anonymous records (clang names a typedef'd one after its typedef) come with the
        // named type or typedef that holds them.
        let spelled = cx::type_spelling(cx::cursor_type(decl));
        if name.is_empty() || name.contains(' ') || !(spelled.starts_with("struct ") || spelled.starts_with("union ")) {
            return;
        }
        self.out.insert((cx::kind(decl) == CXCursor_UnionDecl, name));
        self.reach(t);
    }

    fn reach(&mut self, t: CXType) {
        if self.reached.len() >= WORTH_IT || !self.reached.insert(cx::type_spelling(t)) {
            return;
        }
        for f in cx::fields(t) {
            let mut ft = cx::canonical(cx::cursor_type(f));
            while matches!(ft.kind, CXType_Pointer | CXType_ConstantArray | CXType_IncompleteArray) {
                ft = cx::canonical(if ft.kind == CXType_Pointer { cx::pointee(ft) } else { unsafe { clang_getArrayElementType(ft) } });
            }
            if ft.kind == CXType_Record {
                self.reach(ft);
            }
        }
    }
}
