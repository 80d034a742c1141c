//! Where an implicit read can be wrapped in the user's text: an expression written there, one
//! that starts with a macro call (`PARENT(t)->tgid`), or one inside a macro call's arguments
//! (`bpf_trace_printk("%d", t->pid)`, `ntohs(sk->sk_dport)`).
use super::clang::Loc;
use super::lex;
use clang_sys::*;

/// The user's text range of an expression, when it can be wrapped there.
pub fn of(c: CXCursor, main: &str, text: &[u8]) -> Option<(usize, usize)> {
    let ext = unsafe { clang_getCursorExtent(c) };
    let (s, e) = unsafe { (clang_getRangeStart(ext), clang_getRangeEnd(ext)) };
    let (s_sp, s_ex, e_sp, e_ex) = (Loc::spelling(s), Loc::expansion(s), Loc::spelling(e), Loc::expansion(e));
    if s_ex.file != main {
        return None;
    }
    // The expression ends in a macro's body (`sk->sk_dport`, sk_dport being a kernel
    // macro): it ends, in the user's text, with that macro's name.
    let e_sp = if e_sp.file == main {
        e_sp
    } else {
        let at = Loc::file(e);
        let name = lex::ident_at(text, at.offset).filter(|_| at.file == main)?;
        Loc { file: at.file, offset: name.end }
    };
    if s_sp == s_ex && e_sp == e_ex {
        return (s_ex.offset < e_ex.offset).then_some((s_ex.offset, e_ex.offset));
    }
    if s_sp != s_ex && e_sp == e_ex && s_ex.offset < e_ex.offset {
        // `MACRO(x)->f`: the macro call starts the expression.
        return Some((s_ex.offset, e_ex.offset));
    }
    // Inside one macro call's arguments (`bpf_trace_printk("%d", t->pid)`).
    if s_sp.file == main && s_sp.offset > s_ex.offset {
        let (_, list) = lex::call_args(text, s_ex.offset)?;
        if s_sp.offset < e_sp.offset && e_sp.offset <= list.close {
            return Some((s_sp.offset, e_sp.offset));
        }
    }
    // There, starting with a macro call of its own (`ntohs(udp_hdr(skb)->dest)`: the start
    // is in udp_hdr's body; the call is written in ntohs's arguments and ends before the end).
    let at = Loc::file(s);
    if s_sp.file != main && at.file == main && at.offset > s_ex.offset {
        let ((_, outer), (_, inner)) = (lex::call_args(text, s_ex.offset)?, lex::call_args(text, at.offset)?);
        if inner.close < e_sp.offset && e_sp.offset <= outer.close {
            return Some((at.offset, e_sp.offset));
        }
    }
    None
}

