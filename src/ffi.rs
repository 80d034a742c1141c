//! The C ABI (`include/bccrs.h`): load, attach, tables, events, trace_pipe and symbols over
//! the library, for C hosts and the Python package. Errors are -errno (or -1) with a message
//! in `bccrs_last_error()`; no Rust panic crosses the boundary.
// Every entry point takes pointers from C; include/bccrs.h documents their contracts.
#![allow(clippy::missing_safety_doc)]
mod batched;
mod events;

use crate::runtime::bpf::Bpf;
use crate::compiler::Options;
use crate::runtime::maps::{PercpuQs, Table};
use libbpf_rs::MapCore;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::os::fd::{AsFd, AsRawFd};
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_error(msg: impl Into<String>) {
    let s = CString::new(msg.into().replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = s);
}

/// Runs `f`, turning a panic into an error return.
fn guard<T>(fail: T, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => {
            set_error("internal error (panic) in bccrs");
            fail
        }
    }
}

unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        None
    } else {
        CStr::from_ptr(p).to_str().ok()
    }
}

/// A loaded program set, with C strings kept alive for the accessors that return them.
pub struct Handle {
    bpf: Bpf,
    strings: Vec<CString>,
}

impl Handle {
    fn keep(&mut self, s: String) -> *const c_char {
        self.strings.push(CString::new(s.replace('\0', " ")).unwrap_or_default());
        self.strings.last().unwrap().as_ptr()
    }
}

unsafe fn cflags(p: *const *const c_char, n: usize) -> Vec<String> {
    if p.is_null() {
        return vec![];
    }
    (0..n).filter_map(|i| cstr(*p.add(i)).map(str::to_string)).collect()
}

fn boxed(r: Result<Bpf, crate::runtime::load::LoadError>) -> *mut Handle {
    match r {
        Ok(bpf) => Box::into_raw(Box::new(Handle { bpf, strings: vec![] })),
        Err(e) => {
            set_error(e.render(false, true));
            std::ptr::null_mut()
        }
    }
}

/// The compile's warnings, rendered ("" when there were none); valid until bccrs_close.
#[no_mangle]
pub unsafe extern "C" fn bccrs_warnings(h: *mut Handle) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let w = h.bpf.loaded.warnings.clone();
        h.keep(w)
    })
}

/// The message of the last failed call on this thread.
#[no_mangle]
pub extern "C" fn bccrs_last_error() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_load_text(name: *const c_char, text: *const c_char, flags: *const *const c_char, nflags: usize) -> *mut Handle {
    guard(std::ptr::null_mut(), || {
        let (Some(name), Some(text)) = (cstr(name), cstr(text)) else {
            set_error("name and text must be UTF-8 strings");
            return std::ptr::null_mut();
        };
        let opts = Options { cflags: cflags(flags, nflags), ..Default::default() };
        boxed(Bpf::from_source(name, text, &opts))
    })
}

/// As bccrs_load_text, with program sections chosen by the host: `sections` holds
/// "function=section" entries (for example "handle_egress=tc", BCC's load_func(fn, SCHED_CLS)).
#[no_mangle]
pub unsafe extern "C" fn bccrs_load_text_sections(
    name: *const c_char,
    text: *const c_char,
    flags: *const *const c_char,
    nflags: usize,
    sections: *const *const c_char,
    nsections: usize,
) -> *mut Handle {
    bccrs_load_text_sections_reusing(name, text, flags, nflags, sections, nsections, std::ptr::null_mut())
}

/// As bccrs_load_text_sections; the tables that `reuse` (a loaded handle, or NULL) also has,
/// with the same name and shape, keep its maps and their contents.
#[no_mangle]
pub unsafe extern "C" fn bccrs_load_text_sections_reusing(
    name: *const c_char,
    text: *const c_char,
    flags: *const *const c_char,
    nflags: usize,
    sections: *const *const c_char,
    nsections: usize,
    reuse: *mut Handle,
) -> *mut Handle {
    guard(std::ptr::null_mut(), || {
        let (Some(name), Some(text)) = (cstr(name), cstr(text)) else {
            set_error("name and text must be UTF-8 strings");
            return std::ptr::null_mut();
        };
        let mut secs = Vec::new();
        for entry in cflags(sections, nsections) {
            match entry.split_once('=') {
                Some((f, s)) => secs.push((f.to_string(), s.to_string())),
                None => {
                    set_error(format!("section entry `{entry}` is not function=section"));
                    return std::ptr::null_mut();
                }
            }
        }
        let opts = Options { cflags: cflags(flags, nflags), sections: secs, ..Default::default() };
        match reuse.as_ref() {
            Some(old) => boxed(Bpf::from_source_reusing(name, text, &opts, &old.bpf)),
            None => boxed(Bpf::from_source(name, text, &opts)),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_load_file(path: *const c_char, flags: *const *const c_char, nflags: usize) -> *mut Handle {
    guard(std::ptr::null_mut(), || {
        let Some(path) = cstr(path) else {
            set_error("path must be a UTF-8 string");
            return std::ptr::null_mut();
        };
        let opts = Options { cflags: cflags(flags, nflags), ..Default::default() };
        boxed(Bpf::from_file(std::path::Path::new(path), &opts))
    })
}

/// Detaches everything and frees the handle.
#[no_mangle]
pub unsafe extern "C" fn bccrs_close(h: *mut Handle) {
    if !h.is_null() {
        guard((), || drop(Box::from_raw(h)));
    }
}

/// Attaches every program whose section names its target; returns how many attached, or -1
/// (the message lists every failure; the ones that attached stay attached).
#[no_mangle]
pub unsafe extern "C" fn bccrs_attach_auto(h: *mut Handle) -> c_int {
    guard(-1, || {
        let h = &mut *h;
        let before = h.bpf.attached().len();
        let failed = h.bpf.attach_by_section(&[]);
        if failed.is_empty() {
            (h.bpf.attached().len() - before) as c_int
        } else {
            set_error(failed.iter().map(|(p, e)| format!("{p}: {e}")).collect::<Vec<_>>().join("\n"));
            -1
        }
    })
}

/// Attaches one `KIND:TARGET=PROGRAM` specification (`uprobe:/bin/x:sym=prog`, `kprobe:fn=prog`,
/// `tracepoint:cat:evt=prog`, `raw_tracepoint:name=prog`, `usdt:/bin/x:prov:name=prog`,
/// `perf:cpu-clock:99=prog`); `pid` -1 for every process. Returns the attachment's id (> 0),
/// for bccrs_detach_link, or -1.
#[no_mangle]
pub unsafe extern "C" fn bccrs_attach(h: *mut Handle, spec: *const c_char, pid: c_int) -> c_int {
    guard(-1, || {
        let Some(spec) = cstr(spec) else { return -1 };
        match (*h).bpf.attach(spec, pid) {
            Ok(id) => c_int::try_from(id).unwrap_or(c_int::MAX),
            Err(e) => {
                set_error(e);
                -1
            }
        }
    })
}

/// Detaches the one attachment bccrs_attach returned `link` for; 0, or -1 when there is none.
#[no_mangle]
pub unsafe extern "C" fn bccrs_detach_link(h: *mut Handle, link: c_int) -> c_int {
    guard(-1, || if link > 0 && (*h).bpf.detach_link(link as u64) { 0 } else { -1 })
}

/// Detaches what bccrs_attach_auto / bccrs_attach_program attached for `program` (its
/// bccrs_attach attachments stay); returns how many.
#[no_mangle]
pub unsafe extern "C" fn bccrs_detach_auto(h: *mut Handle, program: *const c_char) -> c_int {
    guard(-1, || match cstr(program) {
        Some(p) => (*h).bpf.detach_by_section(p) as c_int,
        None => -1,
    })
}

/// Detaches every attachment of `program` (NULL: of every program); returns how many.
#[no_mangle]
pub unsafe extern "C" fn bccrs_detach(h: *mut Handle, program: *const c_char) -> c_int {
    guard(-1, || (*h).bpf.detach(cstr(program)) as c_int)
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_program_count(h: *mut Handle) -> c_int {
    guard(-1, || (*h).bpf.loaded.object.progs().count() as c_int)
}

/// Name of program `i` (valid until bccrs_close).
#[no_mangle]
pub unsafe extern "C" fn bccrs_program_name(h: *mut Handle, i: c_int) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let n = h.bpf.loaded.object.progs().nth(i.max(0) as usize).map(|p| p.name().to_string_lossy().into_owned());
        n.map_or(std::ptr::null(), |n| h.keep(n))
    })
}

/// The ELF section of program `name` (its type and, for auto-attach, its target), or NULL.
#[no_mangle]
pub unsafe extern "C" fn bccrs_program_section(h: *mut Handle, name: *const c_char) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let Some(name) = cstr(name) else { return std::ptr::null() };
        let sec = h.bpf.loaded.object.progs().find(|p| p.name() == name).map(|p| p.section().to_string_lossy().into_owned());
        sec.map_or(std::ptr::null(), |s| h.keep(s))
    })
}

/// Attaches one program by its section (as bccrs_attach_auto does for all): 0, or -1.
#[no_mangle]
pub unsafe extern "C" fn bccrs_attach_program(h: *mut Handle, name: *const c_char) -> c_int {
    guard(-1, || {
        let h = &mut *h;
        let Some(name) = cstr(name) else { return -1 };
        let others: Vec<String> =
            h.bpf.loaded.object.progs().map(|p| p.name().to_string_lossy().into_owned()).filter(|n| n != name).collect();
        let skip: Vec<&str> = others.iter().map(String::as_str).collect();
        let before = h.bpf.attached().len();
        let failed = h.bpf.attach_by_section(&skip);
        if let Some((_, e)) = failed.first() {
            set_error(e.clone());
            return -1;
        }
        if h.bpf.attached().len() == before {
            set_error(format!("program `{name}` has no attachable section (attach it with bccrs_attach)"));
            return -1;
        }
        0
    })
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_program_fd(h: *mut Handle, name: *const c_char) -> c_int {
    guard(-1, || {
        let Some(name) = cstr(name) else { return -1 };
        (*h).bpf.loaded.object.progs().find(|p| p.name() == name).map_or(-libc::ENOENT, |p| p.as_fd().as_raw_fd())
    })
}

/// The object's maps by name, without those the compiler added for itself (the loss counters).
fn user_maps(h: &Handle) -> impl Iterator<Item = String> + '_ {
    h.bpf
        .loaded
        .object
        .maps()
        .map(|m| m.name().to_string_lossy().into_owned())
        .filter(|n| !crate::object::names::is_hidden(n))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_map_count(h: *mut Handle) -> c_int {
    guard(-1, || user_maps(&*h).count() as c_int)
}

/// Name of map `i` (valid until bccrs_close).
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_name(h: *mut Handle, i: c_int) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let n = user_maps(h).nth(i.max(0) as usize).map(|m| crate::object::names::user_name(&m).to_string());
        n.map_or(std::ptr::null(), |n| h.keep(n))
    })
}

/// What a caller needs to size buffers and interpret a table.
#[repr(C)]
pub struct bccrs_map_info {
    pub fd: c_int,
    /// `enum bpf_map_type`.
    pub map_type: u32,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    /// 1 for per-CPU tables: values are exchanged as `value_buf_size` bytes, one 8-byte aligned
    /// slot per possible CPU.
    pub percpu: u32,
    pub value_buf_size: u32,
    /// 1 for bccrs's per-CPU queues/stacks (use the *_cpu functions).
    pub percpu_queue: u32,
}

fn with_table<T>(h: &Handle, name: *const c_char, fail: T, f: impl FnOnce(&Table) -> T) -> T {
    let Some(name) = (unsafe { cstr(name) }) else {
        set_error("map name must be a UTF-8 string");
        return fail;
    };
    let Some(m) = h.bpf.map(name) else {
        set_error(format!("no map named `{name}`"));
        return fail;
    };
    let t = Table::of(&m);
    f(&t)
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_map_info(h: *mut Handle, name: *const c_char, out: *mut bccrs_map_info) -> c_int {
    guard(-1, || {
        let h = &*h;
        let declared = cstr(name).and_then(|n| h.bpf.loaded.meta.declared(n)).unwrap_or("").to_string();
        with_table(h, name, -libc::ENOENT, |t| {
            *out = bccrs_map_info {
                fd: t.fd(),
                map_type: t.map_type,
                key_size: t.key_size as u32,
                value_size: t.value_size as u32,
                max_entries: t.max_entries,
                percpu: t.percpu as u32,
                value_buf_size: t.value_buf_len() as u32,
                percpu_queue: matches!(declared.as_str(), "percpu_queue" | "percpu_stack") as u32,
            };
            0
        })
    })
}

/// JSON descriptions of a map's key and value types (`which` 0: key, 1: value, 2: the event
/// struct an event table carries), from BTF; NULL when unknown. Valid until bccrs_close.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_type(h: *mut Handle, name: *const c_char, which: c_int) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let Some(name) = cstr(name) else { return std::ptr::null() };
        let Some(btf) = h.bpf.loaded.btf() else { return std::ptr::null() };
        let id = match which {
            0 => btf.map_key_value(name).0,
            1 => btf.map_key_value(name).1,
            _ => h.bpf.loaded.meta.event_type(name).and_then(|s| btf.find(s)),
        };
        match id {
            Some(id) => {
                let d = btf.describe(id).to_string();
                h.keep(d)
            }
            None => std::ptr::null(),
        }
    })
}

/// The table's declared kind in the source (`hash`, `histogram`, `percpu_queue`…), or "".
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_declared(h: *mut Handle, name: *const c_char) -> *const c_char {
    guard(std::ptr::null(), || {
        let h = &mut *h;
        let d = cstr(name).and_then(|n| h.bpf.loaded.meta.declared(n)).unwrap_or("").to_string();
        h.keep(d)
    })
}

fn status(r: crate::runtime::maps::Result<()>) -> c_int {
    match r {
        Ok(()) => 0,
        Err(e) => {
            set_error(e.to_string());
            -e.0
        }
    }
}

fn found(r: crate::runtime::maps::Result<Option<Vec<u8>>>, out: *mut c_void) -> c_int {
    match r {
        Ok(Some(v)) => {
            unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), out as *mut u8, v.len()) };
            0
        }
        Ok(None) => -libc::ENOENT,
        Err(e) => {
            set_error(e.to_string());
            -e.0
        }
    }
}

unsafe fn bytes<'a>(p: *const c_void, n: usize) -> &'a [u8] {
    if p.is_null() || n == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p as *const u8, n)
    }
}

/// `value` receives value_buf_size bytes. Returns 0, -ENOENT, or -errno.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_lookup(h: *mut Handle, name: *const c_char, key: *const c_void, value: *mut c_void) -> c_int {
    guard(-1, || with_table(&*h, name, -libc::ENOENT, |t| found(t.lookup(bytes(key, t.key_size)), value)))
}

/// `flags`: 0 BPF_ANY, 1 BPF_NOEXIST, 2 BPF_EXIST. For queues/stacks (key NULL) this pushes.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_update(h: *mut Handle, name: *const c_char, key: *const c_void, value: *const c_void, flags: u64) -> c_int {
    guard(-1, || with_table(&*h, name, -libc::ENOENT, |t| status(t.update(bytes(key, t.key_size), bytes(value, t.value_buf_len()), flags))))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_map_delete(h: *mut Handle, name: *const c_char, key: *const c_void) -> c_int {
    guard(-1, || with_table(&*h, name, -libc::ENOENT, |t| status(t.delete(bytes(key, t.key_size)))))
}

/// For queues/stacks (key NULL) this pops.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_lookup_and_delete(h: *mut Handle, name: *const c_char, key: *const c_void, value: *mut c_void) -> c_int {
    guard(-1, || with_table(&*h, name, -libc::ENOENT, |t| found(t.lookup_and_delete(bytes(key, t.key_size)), value)))
}

/// The key after `key` (NULL: the first); -ENOENT at the end.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_next_key(h: *mut Handle, name: *const c_char, key: *const c_void, next: *mut c_void) -> c_int {
    guard(-1, || {
        with_table(&*h, name, -libc::ENOENT, |t| {
            let r = libbpf_sys::bpf_map_get_next_key(t.fd(), key, next);
            if r < 0 && -r != libc::ENOENT {
                set_error(std::io::Error::from_raw_os_error(-r).to_string());
            }
            r
        })
    })
}

/// Every entry into `keys`/`values` (room for `cap` each), by batch where the kernel has it;
/// `*count` gets the number (also when -ENOSPC says it did not fit). `delete` 1 removes them.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_lookup_batch(
    h: *mut Handle,
    name: *const c_char,
    keys: *mut c_void,
    values: *mut c_void,
    cap: usize,
    count: *mut usize,
    delete: c_int,
) -> c_int {
    guard(-1, || {
        with_table(&*h, name, -libc::ENOENT, |t| {
            match t.read_batch_flat(delete != 0) {
                Ok((ks, vs, n)) => {
                    *count = n;
                    if n > cap {
                        set_error(format!("{n} entries do not fit in {cap}"));
                        return -libc::ENOSPC;
                    }
                    std::ptr::copy_nonoverlapping(ks.as_ptr(), keys as *mut u8, ks.len());
                    std::ptr::copy_nonoverlapping(vs.as_ptr(), values as *mut u8, vs.len());
                    0
                }
                Err(e) => {
                    set_error(e.to_string());
                    -e.0
                }
            }
        })
    })
}

/// Writes `count` pairs; `*done` gets how many were written before any failure.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_update_batch(
    h: *mut Handle,
    name: *const c_char,
    keys: *const c_void,
    values: *const c_void,
    count: usize,
    flags: u64,
    done: *mut usize,
) -> c_int {
    guard(-1, || {
        with_table(&*h, name, -libc::ENOENT, |t| {
            let ks: Vec<Vec<u8>> = bytes(keys, t.key_size * count).chunks(t.key_size.max(1)).map(<[u8]>::to_vec).collect();
            let vs: Vec<Vec<u8>> = bytes(values, t.value_buf_len() * count).chunks(t.value_buf_len().max(1)).map(<[u8]>::to_vec).collect();
            batch_result(t.update_batch(&ks, &vs, flags), done)
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_map_delete_batch(h: *mut Handle, name: *const c_char, keys: *const c_void, count: usize, done: *mut usize) -> c_int {
    guard(-1, || {
        with_table(&*h, name, -libc::ENOENT, |t| {
            let ks: Vec<Vec<u8>> = bytes(keys, t.key_size * count).chunks(t.key_size.max(1)).map(<[u8]>::to_vec).collect();
            batch_result(t.delete_batch(&ks), done)
        })
    })
}

fn batch_result(r: Result<usize, crate::runtime::maps::BatchError>, done: *mut usize) -> c_int {
    match r {
        Ok(n) => {
            if !done.is_null() {
                unsafe { *done = n };
            }
            0
        }
        Err(e) => {
            if !done.is_null() {
                unsafe { *done = e.done };
            }
            set_error(e.errno.to_string());
            -e.errno.0
        }
    }
}

/// bccrs's per-CPU queues/stacks: `op` 0 push (with `flags`), 1 pop, 2 peek, on CPU `cpu`.
#[no_mangle]
pub unsafe extern "C" fn bccrs_map_cpu_op(h: *mut Handle, name: *const c_char, cpu: u32, op: c_int, value: *mut c_void, flags: u64) -> c_int {
    guard(-1, || {
        with_table(&*h, name, -libc::ENOENT, |t| {
            let q = PercpuQs::new(t.clone());
            match op {
                0 => match q.value_size(cpu) {
                    Ok(n) => status(q.push(cpu, bytes(value, n), flags)),
                    Err(e) => status(Err(e)),
                },
                1 => found(q.pop(cpu), value),
                _ => found(q.peek(cpu), value),
            }
        })
    })
}

/// bccrs's version (Cargo.toml's, the one place it is written), as a static string.
#[no_mangle]
pub extern "C" fn bccrs_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

#[no_mangle]
pub extern "C" fn bccrs_num_possible_cpus() -> c_int {
    crate::base::cpus::possible_cpus() as c_int
}

static TRACE: std::sync::Mutex<Option<crate::runtime::output::trace_pipe::TracePipe>> = std::sync::Mutex::new(None);
static PENDING: std::sync::Mutex<std::collections::VecDeque<String>> = std::sync::Mutex::new(std::collections::VecDeque::new());

/// One line of bpf_trace_printk output, waiting up to `timeout_ms` (-1: forever). Returns its
/// length (without newline, truncated to `len - 1`), 0 on timeout, or -errno.
#[no_mangle]
pub unsafe extern "C" fn bccrs_trace_read(buf: *mut c_char, len: usize, timeout_ms: c_int) -> c_int {
    guard(-1, || {
        let start = std::time::Instant::now();
        loop {
            if let Some(line) = PENDING.lock().unwrap().pop_front() {
                let n = line.len().min(len.saturating_sub(1));
                std::ptr::copy_nonoverlapping(line.as_ptr(), buf as *mut u8, n);
                *buf.add(n) = 0;
                return n as c_int;
            }
            {
                let mut t = TRACE.lock().unwrap();
                if t.is_none() {
                    match crate::runtime::output::trace_pipe::TracePipe::open() {
                        Ok(p) => *t = Some(p),
                        Err(e) => {
                            set_error(e);
                            return -libc::ENOENT;
                        }
                    }
                }
                PENDING.lock().unwrap().extend(t.as_mut().unwrap().read_lines());
            }
            if PENDING.lock().unwrap().is_empty() {
                if timeout_ms >= 0 && start.elapsed().as_millis() as i64 >= timeout_ms as i64 {
                    return 0;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    })
}

/// The symbol containing `addr` (kernel addresses through kallsyms; user addresses through
/// process `pid`, -1 for the kernel) as "name" with `*offset` set; -ENOENT when unknown.
#[no_mangle]
pub unsafe extern "C" fn bccrs_symbolize(pid: c_int, addr: u64, buf: *mut c_char, len: usize, offset: *mut u64) -> c_int {
    guard(-1, || {
        let pid = (pid >= 0).then_some(pid as u32);
        match crate::runtime::output::stacks::symbol(pid, addr) {
            Some((name, off)) => {
                let n = name.len().min(len.saturating_sub(1));
                std::ptr::copy_nonoverlapping(name.as_ptr(), buf as *mut u8, n);
                *buf.add(n) = 0;
                if !offset.is_null() {
                    *offset = off;
                }
                0
            }
            None => -libc::ENOENT,
        }
    })
}

thread_local! {
    static METRICS_TEXT: RefCell<CString> = RefCell::new(CString::default());
}

/// The tables as Prometheus metrics (docs/metrics.md): OpenMetrics text when `openmetrics`,
/// Prometheus text 0.0.4 otherwise. `program` names the metrics (`bccrs_<program>_<table>`);
/// `max_series` 0 means the default cap. The text stays valid until this thread's next call.
#[no_mangle]
pub unsafe extern "C" fn bccrs_render_metrics(
    h: *mut Handle,
    program: *const c_char,
    openmetrics: c_int,
    max_series: usize,
    per_cpu: c_int,
) -> *const c_char {
    guard(std::ptr::null(), || {
        use crate::runtime::metrics::{Format, Options};
        let h = &*h;
        let program = cstr(program).unwrap_or("bpf");
        let mut opts = Options { per_cpu: per_cpu != 0, ..Options::default() };
        if max_series > 0 {
            opts.max_series = max_series;
        }
        let format = if openmetrics != 0 { Format::OpenMetrics } else { Format::Text };
        let text = h.bpf.render_metrics(program, &opts, format);
        METRICS_TEXT.with(|m| {
            *m.borrow_mut() = CString::new(text.replace('\0', " ")).unwrap_or_default();
            m.borrow().as_ptr()
        })
    })
}
