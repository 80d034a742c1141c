//! Pointer/integer mixes in a table method's arguments (`ev.perf_read("str")`, `t.lookup(k)`
//! with an integer `k`). The program's own C may mix them as BCC's clang allowed
//! (`-Wno-int-conversion`), but a method argument is what bccrs lowers into a helper call, and
//! a string taken as a CPU index or an integer taken as a key's address is never meant.
#![allow(non_upper_case_globals)]
use super::clang::{self as cx, Loc};
use clang_sys::*;

fn is_integer(t: CXType) -> bool {
    let k = cx::canonical(t).kind;
    (CXType_Bool..=CXType_Int128).contains(&k) || k == CXType_Enum
}

fn is_pointer(t: CXType) -> bool {
    matches!(cx::canonical(t).kind, CXType_Pointer | CXType_ConstantArray | CXType_IncompleteArray | CXType_VariableArray)
}

/// (offset in the main file, message) for each argument of `call` (a call of the method
/// `member` of `table`) whose kind is not its parameter's.
pub fn mixes(call: CXCursor, member: CXCursor, table: &str, main: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let fn_type = unsafe { clang_getPointeeType(cx::cursor_type(member)) };
    let nparams = unsafe { clang_getNumArgTypes(fn_type) };
    if nparams < 0 {
        return out;
    }
    let method = cx::spelling(member);
    for i in 0..(cx::num_args(call).max(0) as u32).min(nparams as u32) {
        let param = unsafe { clang_getArgType(fn_type, i) };
        let arg = cx::strip(cx::arg(call, i));
        let at = Loc::expansion(cx::extent_start(arg));
        if at.file != main {
            continue;
        }
        let ty = cx::cursor_type(arg);
        let what = if is_integer(param) && is_pointer(ty) {
            "an integer, not a pointer or string"
        } else if is_pointer(param) && is_integer(ty) && !matches!(cx::evaluate(arg), Some(cx::Value::Int(0))) {
            "a pointer (for example `&key`), not an integer"
        } else {
            continue;
        };
        out.push((at.offset, format!("argument {} of `{table}.{method}` must be {what}", i + 1)));
    }
    out
}
