//! BCC's "packet" headers: `p->field` on a struct of <bcc/proto.h> (a packet offset obtained
//! with `cursor_advance`) reads bits of the packet, `p->field = x` writes them. Lowered to
//! bpf_dext_pkt / bpf_dins_pkt on the program's context (the skb), or to helpers.h's XDP
//! variants when the context is `struct xdp_md *`.
#![allow(non_upper_case_globals)]
use super::clang::{self as cx, Loc};
use super::edits::Edit;
use super::lex;
use clang_sys::*;

/// Whether a function reads or writes <bcc/proto.h> packet fields (which decides its section).
#[derive(Clone, Copy)]
pub struct PacketUse {
    pub reads: bool,
    pub writes: bool,
}

impl PacketUse {
    /// From the packet edits of a function's text range.
    pub fn of(edits: &[Edit], f: std::ops::Range<usize>) -> PacketUse {
        let texts = || edits.iter().filter(|e| f.contains(&e.range.start)).map(|e| e.text.as_str());
        PacketUse {
            reads: texts().any(|t| t.starts_with("bpf_dext_pkt(") || t.starts_with("__bccrs_dext_pkt_xdp(")),
            writes: texts().any(|t| t.starts_with("bpf_dins_pkt(") || t.starts_with("__bccrs_dins_pkt_xdp(")),
        }
    }
}

/// (byte offset, bit offset from the MSB, bit size) of a packet header field.
fn field_bits(field: CXCursor) -> Option<(i64, i64, i64)> {
    let parent = unsafe { clang_getCursorSemanticParent(field) };
    if !Loc::expansion(cx::location(parent)).file.ends_with("bcc/proto.h") {
        return None;
    }
    let ofs = unsafe { clang_Cursor_getOffsetOfField(field) };
    let width = unsafe { clang_getFieldDeclBitWidth(field) };
    let size = if width > 0 { width as i64 } else { cx::type_size(cx::cursor_type(field)) * 8 };
    (ofs >= 0 && size > 0).then_some((ofs >> 3, ofs & 7, size))
}

struct Walk<'a> {
    main: &'a str,
    text: &'a [u8],
    ctx: String,
    /// The function's context is `struct xdp_md *`: XDP reads packets with helpers, not LD_ABS.
    xdp: bool,
    edits: Vec<Edit>,
    in_macros: Vec<std::ops::Range<usize>>,
}

impl Walk<'_> {
    fn walk(&mut self, c: CXCursor, parent: Option<CXCursor>) {
        if cx::kind(c) == CXCursor_MemberRefExpr {
            self.member(c, parent);
        }
        if cx::kind(c) == CXCursor_CallExpr {
            self.checksum(c);
        }
        for k in cx::children(c) {
            self.walk(k, Some(c));
        }
    }

    /// `incr_cksum_l3(off, old, new)` → `__bccrs_incr_cksum_l3(<ctx>, off, old, new)` (and l4).
    fn checksum(&mut self, call: CXCursor) {
        let name = cx::spelling(call);
        if name != "incr_cksum_l3" && name != "incr_cksum_l4" {
            return;
        }
        let at = Loc::spelling(cx::location(call));
        if at.file != self.main || at != Loc::expansion(cx::location(call)) || self.ctx.is_empty() {
            return; // inside a macro: left as is, and clang names the undeclared function
        }
        let open = lex::skip_trivia(self.text, at.offset + name.len());
        if self.text.get(open) != Some(&b'(') {
            return;
        }
        self.edits.push(Edit::replace(at.offset..open + 1, format!("__bccrs_{name}({}, ", self.ctx)));
    }

    fn member(&mut self, m: CXCursor, parent: Option<CXCursor>) {
        let Some(field) = cx::referenced(m) else { return };
        let Some((off, bofs, bsz)) = field_bits(field) else { return };
        // `&p->field` is the field's packet offset (for incr_cksum_*): plain pointer arithmetic.
        if parent.is_some_and(|p| {
            cx::kind(p) == CXCursor_UnaryOperator && unsafe { clang_getCursorUnaryOperatorKind(p) } == CXUnaryOperator_AddrOf
        }) {
            return;
        }
        let name_at = Loc::spelling(cx::location(m));
        let start = Loc::spelling(cx::extent_start(m));
        let call = Loc::expansion(cx::location(m));
        if call.file != self.main {
            return;
        }
        let end = name_at.offset + lex::ident_at(self.text, name_at.offset).map_or(0, |r| r.len());
        // Written in the function, or in the arguments of a macro call there
        // (`bpf_trace_printk("%llx", ethernet->dst)`); inside a macro's body it cannot be
        // rewritten (as in BCC): reported where it is written, or at the macro call.
        let rewritable = name_at.file == self.main
            && start.file == self.main
            && start.offset <= name_at.offset
            && (name_at == call || lex::in_macro_args(self.text, call.offset, start.offset..end));
        if !rewritable {
            let at = if name_at.file == self.main { name_at.offset..end } else { call.offset..call.offset + 1 };
            self.in_macros.push(at);
            return;
        }
        let arrow = lex::skip_trivia_back(self.text, name_at.offset);
        if arrow < 2 || &self.text[arrow - 2..arrow] != b"->" {
            return;
        }
        let base = String::from_utf8_lossy(&self.text[start.offset..arrow - 2]).trim().to_string();
        let target = format!("{}, (u64)({base}) + {off}, {bofs}, {bsz}", self.ctx);
        let (dext, dins) = if self.xdp { ("__bccrs_dext_pkt_xdp", "__bccrs_dins_pkt_xdp") } else { ("bpf_dext_pkt", "bpf_dins_pkt") };
        // `p->f = x` writes the field; anything else reads it.
        if let Some(p) = parent.filter(|&p| cx::kind(p) == CXCursor_BinaryOperator) {
            let kids = cx::children(p);
            let is_lhs = kids.first().is_some_and(|&l| cx::same(cx::strip(l), m));
            if is_lhs && unsafe { clang_getCursorBinaryOperatorKind(p) } == CXBinaryOperator_Assign {
                if let Some(&rhs) = kids.get(1) {
                    let at = |l| if name_at == call { Loc::expansion(l) } else { Loc::spelling(l) };
                    let r0 = at(cx::extent_start(rhs)).offset;
                    let r1 = at(unsafe { clang_getRangeEnd(clang_getCursorExtent(rhs)) }).offset;
                    if r0 >= end && r1 > r0 {
                        self.edits.push(Edit::replace(start.offset..r0, format!("{dins}({target}, ")));
                        self.edits.extend(Edit::wrap(r1..r1, "", ")"));
                        return;
                    }
                }
            }
        }
        self.edits.push(Edit::replace(start.offset..end, format!("{dext}({target})")));
    }
}

/// Edits for every packet-header field access in the main file's functions, and the accesses
/// written inside a macro's body (which cannot be rewritten).
pub fn find(tu: CXCursor, main: &str, text: &str) -> (Vec<Edit>, Vec<std::ops::Range<usize>>) {
    let mut w = Walk { main, text: text.as_bytes(), ctx: String::new(), xdp: false, edits: vec![], in_macros: vec![] };
    for f in cx::children(tu) {
        if cx::kind(f) != CXCursor_FunctionDecl || !cx::is_definition(f) || Loc::expansion(cx::location(f)).file != main {
            continue;
        }
        let params: Vec<CXCursor> = cx::children(f).into_iter().filter(|&c| cx::kind(c) == CXCursor_ParmDecl).collect();
        w.ctx = params.first().map(|&p| cx::spelling(p)).unwrap_or_default();
        w.xdp = params.first().is_some_and(|&p| cx::type_spelling(cx::cursor_type(p)).replace("const ", "").trim() == "struct xdp_md *");
        for k in cx::children(f) {
            if cx::kind(k) == CXCursor_CompoundStmt {
                w.walk(k, None);
            }
        }
    }
    w.in_macros.sort_by_key(|r| r.start);
    w.in_macros.dedup();
    (w.edits, w.in_macros)
}
