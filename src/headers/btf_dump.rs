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
