//! A thin, safe layer over libclang (loaded at run time through clang-sys).
#![allow(non_upper_case_globals)]
use clang_sys::*;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_uint};
use std::path::Path;

/// Loads libclang on this thread (clang-sys keeps the loaded library per thread).
pub fn ensure_loaded(libclang: &Path) -> Result<(), String> {
    if is_loaded() {
        return Ok(());
    }
    // clang-sys reads LIBCLANG_PATH to find the library; point it at the toolchain's copy so
    // libclang and the clang binary that built the PCH are the same version.
    std::env::set_var("LIBCLANG_PATH", libclang);
    load().map_err(|e| format!("cannot load libclang ({e}); install it with `apt-get install libclang-19-dev`"))?;
    // Each compile runs on a thread of its own (`compile_thread::on_compile_stack`) and clang-sys
    // unloads the library with the thread's handle: one handle that is never dropped keeps it
    // loaded, so later compiles do not map and initialise libclang again.
    static KEEP: std::sync::Once = std::sync::Once::new();
    KEEP.call_once(|| {
        if let Some(lib) = get_library() {
            if let Ok(p) = CString::new(lib.path().as_os_str().as_encoded_bytes()) {
                unsafe { libc::dlopen(p.as_ptr(), libc::RTLD_NOW | libc::RTLD_NODELETE) };
            }
        }
    });
    Ok(())
}

pub fn cx_string(s: CXString) -> String {
    unsafe {
        let p = clang_getCString(s);
        let r = if p.is_null() { String::new() } else { CStr::from_ptr(p).to_string_lossy().into_owned() };
        clang_disposeString(s);
        r
    }
}

/// One parse: index + translation unit, disposed together.
pub struct Unit {
    index: CXIndex,
    pub tu: CXTranslationUnit,
}

impl Drop for Unit {
    fn drop(&mut self) {
        unsafe {
            if !self.tu.is_null() {
                clang_disposeTranslationUnit(self.tu);
            }
            clang_disposeIndex(self.index);
        }
    }
}

impl Unit {
    /// Parses `path` whose contents are `unsaved` (path -> text pairs, the main file among them).
    pub fn parse(path: &str, args: &[String], unsaved: &[(String, String)]) -> Result<Unit, String> {
        let cpath = CString::new(path).map_err(|e| e.to_string())?;
        let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_str()).unwrap()).collect();
        let argv: Vec<*const c_char> = cargs.iter().map(|a| a.as_ptr()).collect();
        let names: Vec<CString> = unsaved.iter().map(|(n, _)| CString::new(n.as_str()).unwrap()).collect();
        let files: Vec<CXUnsavedFile> = unsaved
            .iter()
            .zip(&names)
            .map(|((_, text), n)| CXUnsavedFile {
                Filename: n.as_ptr(),
                Contents: text.as_ptr() as *const c_char,
                Length: text.len() as _,
            })
            .collect();
        unsafe {
            // excludeDeclarationsFromPCH: the analysis walks the user's declarations, not the
            // ~17,000 of vmlinux.h (that walk cost 80-240 ms a compile).
            let index = clang_createIndex(1, 0);
            let mut tu: CXTranslationUnit = std::ptr::null_mut();
            let err = clang_parseTranslationUnit2(
                index,
                cpath.as_ptr(),
                argv.as_ptr(),
                argv.len() as i32,
                files.as_ptr() as *mut CXUnsavedFile,
                files.len() as c_uint,
                CXTranslationUnit_KeepGoing,
                &mut tu,
            );
            let unit = Unit { index, tu };
            if err != CXError_Success || tu.is_null() {
                return Err(format!("libclang could not parse {path} (error {err})"));
            }
            Ok(unit)
        }
    }

    pub fn cursor(&self) -> CXCursor {
        unsafe { clang_getTranslationUnitCursor(self.tu) }
    }

    pub fn diagnostics(&self) -> Vec<ClangDiag> {
        let mut v = Vec::new();
        unsafe {
            for i in 0..clang_getNumDiagnostics(self.tu) {
                let d = clang_getDiagnostic(self.tu, i);
                v.push(ClangDiag::from_raw(d));
                clang_disposeDiagnostic(d);
            }
        }
        v
    }
}

/// A libclang diagnostic reduced to data.
#[derive(Debug, Clone)]
pub struct ClangDiag {
    pub severity: CXDiagnosticSeverity,
    pub message: String,
    pub loc: Loc,
    pub notes: Vec<ClangDiag>,
}

impl ClangDiag {
    unsafe fn from_raw(d: CXDiagnostic) -> ClangDiag {
        let children = clang_getChildDiagnostics(d);
        let mut notes = Vec::new();
        for j in 0..clang_getNumDiagnosticsInSet(children) {
            let c = clang_getDiagnosticInSet(children, j);
            notes.push(ClangDiag::from_raw(c));
        }
        ClangDiag {
            severity: clang_getDiagnosticSeverity(d),
            message: cx_string(clang_getDiagnosticSpelling(d)),
            loc: Loc::expansion(clang_getDiagnosticLocation(d)),
            notes,
        }
    }
}

/// A resolved source position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub offset: usize,
}

impl Loc {
    pub fn expansion(l: CXSourceLocation) -> Loc {
        Self::resolve(l, false)
    }
    pub fn spelling(l: CXSourceLocation) -> Loc {
        Self::resolve(l, true)
    }
    /// Where the text was written in a file: for a token of a macro's body, where that macro
    /// was named (itself followed out of macro arguments).
    pub fn file(l: CXSourceLocation) -> Loc {
        Self::resolve_with(|f, line, col, off| unsafe { clang_getFileLocation(l, f, line, col, off) })
    }
    fn resolve(l: CXSourceLocation, spelling: bool) -> Loc {
        Self::resolve_with(|f, line, col, off| unsafe {
            if spelling {
                clang_getSpellingLocation(l, f, line, col, off)
            } else {
                clang_getExpansionLocation(l, f, line, col, off)
            }
        })
    }
    fn resolve_with(get: impl FnOnce(*mut CXFile, *mut u32, *mut u32, *mut u32)) -> Loc {
        unsafe {
            let mut file: CXFile = std::ptr::null_mut();
            let (mut line, mut col, mut off) = (0, 0, 0);
            get(&mut file, &mut line, &mut col, &mut off);
            let file = if file.is_null() { String::new() } else { cx_string(clang_getFileName(file)) };
            Loc { file, offset: off as usize }
        }
    }
}

/// Cursor helpers.
pub fn kind(c: CXCursor) -> CXCursorKind {
    unsafe { clang_getCursorKind(c) }
}
pub fn spelling(c: CXCursor) -> String {
    unsafe { cx_string(clang_getCursorSpelling(c)) }
}
pub fn children(c: CXCursor) -> Vec<CXCursor> {
    extern "C" fn visit(c: CXCursor, _p: CXCursor, data: CXClientData) -> CXChildVisitResult {
        unsafe { (*(data as *mut Vec<CXCursor>)).push(c) };
        CXChildVisit_Continue
    }
    let mut v: Vec<CXCursor> = Vec::new();
    unsafe { clang_visitChildren(c, visit, &mut v as *mut _ as CXClientData) };
    v
}
pub fn referenced(c: CXCursor) -> Option<CXCursor> {
    let r = unsafe { clang_getCursorReferenced(c) };
    if unsafe { clang_Cursor_isNull(r) } != 0 {
        None
    } else {
        Some(r)
    }
}
pub fn cursor_type(c: CXCursor) -> CXType {
    unsafe { clang_getCursorType(c) }
}
pub fn type_spelling(t: CXType) -> String {
    unsafe { cx_string(clang_getTypeSpelling(t)) }
}
pub fn pointee(t: CXType) -> CXType {
    unsafe { clang_getPointeeType(t) }
}
pub fn canonical(t: CXType) -> CXType {
    unsafe { clang_getCanonicalType(t) }
}
pub fn type_size(t: CXType) -> i64 {
    unsafe { clang_Type_getSizeOf(t) }
}
pub fn location(c: CXCursor) -> CXSourceLocation {
    unsafe { clang_getCursorLocation(c) }
}
pub fn extent_start(c: CXCursor) -> CXSourceLocation {
    unsafe { clang_getRangeStart(clang_getCursorExtent(c)) }
}
pub fn is_definition(c: CXCursor) -> bool {
    unsafe { clang_isCursorDefinition(c) != 0 }
}
pub fn is_static(c: CXCursor) -> bool {
    unsafe { clang_Cursor_getStorageClass(c) == CX_SC_Static }
}
pub fn same(a: CXCursor, b: CXCursor) -> bool {
    unsafe { clang_equalCursors(a, b) != 0 }
}
pub fn result_type(c: CXCursor) -> CXType {
    unsafe { clang_getCursorResultType(c) }
}
pub fn num_args(c: CXCursor) -> i32 {
    unsafe { clang_Cursor_getNumArguments(c) }
}
pub fn arg(c: CXCursor, i: u32) -> CXCursor {
    unsafe { clang_Cursor_getArgument(c, i) }
}
/// Fields of a record type, in order.
pub fn fields(t: CXType) -> Vec<CXCursor> {
    extern "C" fn visit(c: CXCursor, data: CXClientData) -> CXVisitorResult {
        unsafe { (*(data as *mut Vec<CXCursor>)).push(c) };
        CXVisit_Continue
    }
    let mut v: Vec<CXCursor> = Vec::new();
    unsafe { clang_Type_visitFields(clang_getCanonicalType(t), visit, &mut v as *mut _ as CXClientData) };
    v
}

/// The value of a constant expression or of a variable's constant initializer.
pub enum Value {
    Int(i64),
    Str(String),
}
pub fn evaluate(c: CXCursor) -> Option<Value> {
    unsafe {
        let r = clang_Cursor_Evaluate(c);
        if r.is_null() {
            return None;
        }
        let v = match clang_EvalResult_getKind(r) {
            CXEval_Int => Some(Value::Int(clang_EvalResult_getAsLongLong(r))),
            CXEval_StrLiteral => {
                let p = clang_EvalResult_getAsStr(r);
                Some(Value::Str(CStr::from_ptr(p).to_string_lossy().into_owned()))
            }
            _ => None,
        };
        clang_EvalResult_dispose(r);
        v
    }
}

/// An expression without the parentheses and implicit casts around it.
pub fn strip(mut c: CXCursor) -> CXCursor {
    while matches!(kind(c), CXCursor_UnexposedExpr | CXCursor_ParenExpr) {
        match children(c).first() {
            Some(&k) => c = k,
            None => break,
        }
    }
    c
}

/// The table a member expression `t.m` names: its base is a plain reference to a variable of
/// the analysis prelude's `struct <t>_table_t`.
pub fn table_of_member(member: CXCursor) -> Option<String> {
    let base = strip(*children(member).first()?);
    if kind(base) != CXCursor_DeclRefExpr {
        return None;
    }
    let var = referenced(base)?;
    let name = spelling(var);
    (kind(var) == CXCursor_VarDecl && type_spelling(cursor_type(var)) == format!("struct {name}_table_t")).then_some(name)
}
