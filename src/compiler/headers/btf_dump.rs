//! vmlinux.h from kernel BTF, in-process, with libbpf's btf_dump (what `bpftool btf dump … format c`
//! does).
use std::ffi::{c_char, c_int, c_void, CString};
use std::path::Path;

extern "C" {
    fn vfprintf(stream: *mut libc::FILE, fmt: *const c_char, ap: *mut libbpf_sys::__va_list_tag) -> c_int;
}

unsafe extern "C" fn print_cb(ctx: *mut c_void, fmt: *const c_char, args: *mut libbpf_sys::__va_list_tag) {
    vfprintf(ctx as *mut libc::FILE, fmt, args);
}

/// Dumps every type of the BTF file at `path` as C, wrapped the way libbpf programs expect
/// (`preserve_access_index` on every record so member accesses become CO-RE relocations).
pub fn vmlinux_h(path: &Path) -> Result<String, String> {
    let cpath = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
    unsafe {
        let btf = libbpf_sys::btf__parse(cpath.as_ptr(), std::ptr::null_mut());
        if btf.is_null() || libbpf_sys::libbpf_get_error(btf as *const c_void) != 0 {
            return Err(format!(
                "cannot read BTF from {}: {}",
                path.display(),
                std::io::Error::last_os_error()
            ));
        }
        let mut buf: *mut c_char = std::ptr::null_mut();
        let mut len: libc::size_t = 0;
        let stream = libc::open_memstream(&mut buf, &mut len);
        if stream.is_null() {
            libbpf_sys::btf__free(btf);
            return Err("open_memstream failed".into());
        }
        let opts = libbpf_sys::btf_dump_opts { sz: std::mem::size_of::<libbpf_sys::btf_dump_opts>() as _ };
        let d = libbpf_sys::btf_dump__new(btf, Some(print_cb), stream as *mut c_void, &opts);
        let mut err = 0;
        if d.is_null() {
            err = -1;
        } else {
            for id in 1..libbpf_sys::btf__type_cnt(btf) {
                err = libbpf_sys::btf_dump__dump_type(d, id);
                if err != 0 {
                    break;
                }
            }
            libbpf_sys::btf_dump__free(d);
        }
        libc::fclose(stream);
        let body = if buf.is_null() {
            String::new()
        } else {
            let s = String::from_utf8_lossy(std::slice::from_raw_parts(buf as *const u8, len)).into_owned();
            libc::free(buf as *mut c_void);
            s
        };
        libbpf_sys::btf__free(btf);
        if err != 0 {
            return Err(format!("btf_dump failed on {} (error {err})", path.display()));
        }
        Ok(format!(
            "#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n\
             #ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n\
             #pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n\
             #endif\n\n{body}\n\
             #ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute pop\n#endif\n\n\
             #endif /* __VMLINUX_H__ */\n"
        ))
    }
}

/// Where a `Dumper`'s output goes: nowhere (replaying what an earlier dump emitted) or a
/// memory stream.
struct Sink {
    stream: *mut libc::FILE,
}

unsafe extern "C" fn sink_cb(ctx: *mut c_void, fmt: *const c_char, args: *mut libbpf_sys::__va_list_tag) {
    let sink = &*(ctx as *const Sink);
    if !sink.stream.is_null() {
        vfprintf(sink.stream, fmt, args);
    }
}

/// A libbpf btf_dump whose output can be switched on: types dumped while it is off are still
/// remembered as emitted (and their names deduplicated), exactly as in the dump that wrote them.
pub struct Dumper {
    btf: *mut libbpf_sys::btf,
    dump: *mut libbpf_sys::btf_dump,
    sink: Box<Sink>,
    buf: *mut c_char,
    len: libc::size_t,
}

pub const KIND_STRUCT: u32 = 4;
pub const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_TYPEDEF: u32 = 8;
const KIND_ENUM64: u32 = 19;

impl Dumper {
    pub fn new(path: &Path) -> Result<Dumper, String> {
        let cpath = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
        unsafe {
            let btf = libbpf_sys::btf__parse(cpath.as_ptr(), std::ptr::null_mut());
            if btf.is_null() || libbpf_sys::libbpf_get_error(btf as *const c_void) != 0 {
                return Err(format!("cannot read BTF from {}: {}", path.display(), std::io::Error::last_os_error()));
            }
            let sink = Box::new(Sink { stream: std::ptr::null_mut() });
            let opts = libbpf_sys::btf_dump_opts { sz: std::mem::size_of::<libbpf_sys::btf_dump_opts>() as _ };
            let dump = libbpf_sys::btf_dump__new(btf, Some(sink_cb), &*sink as *const Sink as *mut c_void, &opts);
            if dump.is_null() {
                libbpf_sys::btf__free(btf);
                return Err("btf_dump__new failed".into());
            }
            Ok(Dumper { btf, dump, sink, buf: std::ptr::null_mut(), len: 0 })
        }
    }

    /// From now on, output is kept (see `take`).
    pub fn start_output(&mut self) -> Result<(), String> {
        if self.sink.stream.is_null() {
            let stream = unsafe { libc::open_memstream(&mut self.buf, &mut self.len) };
            if stream.is_null() {
                return Err("open_memstream failed".into());
            }
            self.sink.stream = stream;
        }
        Ok(())
    }

    pub fn write(&mut self, text: &str) {
        if !self.sink.stream.is_null() {
            let c = CString::new(text).unwrap_or_default();
            unsafe { libc::fputs(c.as_ptr(), self.sink.stream) };
        }
    }

    fn dump_id(&mut self, id: u32) -> Result<(), String> {
        let err = unsafe { libbpf_sys::btf_dump__dump_type(self.dump, id) };
        if err != 0 {
            return Err(format!("btf_dump failed on type {id} (error {err})"));
        }
        Ok(())
    }

    fn kind_and_name(&self, id: u32) -> (u32, String) {
        unsafe {
            let t = libbpf_sys::btf__type_by_id(self.btf, id);
            if t.is_null() {
                return (0, String::new());
            }
            let kind = ((*t).info >> 24) & 0x1f;
            let name = libbpf_sys::btf__name_by_offset(self.btf, (*t).name_off);
            let name = if name.is_null() { String::new() } else { std::ffi::CStr::from_ptr(name).to_string_lossy().into_owned() };
            (kind, name)
        }
    }

    /// Every enum and typedef, in id order (with what the typedefs need).
    pub fn dump_enums_and_typedefs(&mut self) -> Result<(), String> {
        let n = unsafe { libbpf_sys::btf__type_cnt(self.btf) };
        for id in 1..n {
            if matches!(self.kind_and_name(id).0, KIND_ENUM | KIND_ENUM64 | KIND_TYPEDEF) {
                self.dump_id(id)?;
            }
        }
        Ok(())
    }

    /// `struct NAME;` / `union NAME;` for every struct and union whose name no other tag kind
    /// uses (btf_dump renames such clashes, which a plain declaration could not follow).
    pub fn forward_declarations(&mut self) -> String {
        use std::collections::BTreeMap;
        let n = unsafe { libbpf_sys::btf__type_cnt(self.btf) };
        let mut kinds: BTreeMap<String, std::collections::BTreeSet<u32>> = BTreeMap::new();
        for id in 1..n {
            let (k, name) = self.kind_and_name(id);
            let k = if k == KIND_ENUM64 { KIND_ENUM } else { k };
            if matches!(k, KIND_STRUCT | KIND_UNION | KIND_ENUM) && !name.is_empty() {
                kinds.entry(name).or_default().insert(k);
            }
        }
        let mut out = String::new();
        for (name, ks) in kinds {
            if ks.len() == 1 {
                match ks.first() {
                    Some(&KIND_STRUCT) => out.push_str(&format!("struct {name};\n")),
                    Some(&KIND_UNION) => out.push_str(&format!("union {name};\n")),
                    _ => {}
                }
            }
        }
        out
    }

    /// Dumps the struct or union `name` with what it holds by value.
    pub fn dump_record(&mut self, union: bool, name: &str) -> Result<(), String> {
        let cname = CString::new(name).map_err(|e| e.to_string())?;
        let kind = if union { KIND_UNION } else { KIND_STRUCT };
        let id = unsafe { libbpf_sys::btf__find_by_name_kind(self.btf, cname.as_ptr(), kind) };
        if id <= 0 {
            return Err(format!("no {} {name} in the kernel's BTF", if union { "union" } else { "struct" }));
        }
        self.dump_id(id as u32)
    }

    /// The output since `start_output`.
    pub fn take(&mut self) -> String {
        if self.sink.stream.is_null() {
            return String::new();
        }
        unsafe {
            libc::fclose(self.sink.stream);
            self.sink.stream = std::ptr::null_mut();
            let s = if self.buf.is_null() {
                String::new()
            } else {
                String::from_utf8_lossy(std::slice::from_raw_parts(self.buf as *const u8, self.len)).into_owned()
            };
            libc::free(self.buf as *mut c_void);
            self.buf = std::ptr::null_mut();
            self.len = 0;
            s
        }
    }
}

impl Drop for Dumper {
    fn drop(&mut self) {
        let _ = self.take();
        unsafe {
            libbpf_sys::btf_dump__free(self.dump);
            libbpf_sys::btf__free(self.btf);
        }
    }
}
