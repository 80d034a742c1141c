//! Tables that outlive or cross one program: pinned at a path on a BPF filesystem
//! (`BPF_TABLE_PINNED`), or exported to programs loaded later in the same process
//! (`BPF_TABLE_PUBLIC` / `BPF_TABLE_SHARED`, imported with `BPF_TABLE("extern", ...)`).
//!
//! Both are settled between libbpf's open and load: a pinned table gets its pin path (libbpf then
//! reuses the pinned map or creates and pins a new one), an imported table takes the exporter's map
//! fd. BCC reuses a pinned map whatever its shape; bccrs refuses one that does not match the
//! declaration, with both shapes in the message.
use crate::object::meta::Meta;
use libbpf_rs::{AsRawLibbpf, MapCore, Object, OpenObject};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const BPF_FS_MAGIC: i64 = 0xcafe4a11;

/// A table exported by a loaded program: its name, a duplicate of its fd, and the load that
/// exported it (the entry goes when that load is dropped; importers hold their own fds).
struct Export {
    name: String,
    fd: OwnedFd,
    owner: u64,
}

static EXPORTS: Mutex<Vec<Export>> = Mutex::new(Vec::new());
static NEXT_OWNER: AtomicU64 = AtomicU64::new(1);

/// The tables one load exported; dropping it withdraws them from the process's namespace.
#[derive(Debug, Default)]
pub struct Exports {
    owner: u64,
}

impl Drop for Exports {
    fn drop(&mut self) {
        if self.owner != 0 {
            EXPORTS.lock().unwrap().retain(|e| e.owner != self.owner);
        }
    }
}

/// Before load: pin paths for pinned tables, exporters' fds for imported ones.
pub fn prepare(open: &mut OpenObject, meta: &Meta) -> Result<(), String> {
    for mut m in open.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        let Some(t) = meta.table(&name) else { continue };
        if let Some(path) = &t.pin {
            let shape = shape_of_open(&m);
            check_pin(&name, Path::new(path), shape)?;
            m.set_pin_path(path).map_err(|e| format!("table `{name}`: cannot pin at {path}: {e}"))?;
        }
        if t.share.as_deref() == Some("extern") {
            let exports = EXPORTS.lock().unwrap();
            let Some(e) = exports.iter().find(|e| e.name == name) else {
                return Err(format!(
                    "table `{name}` is declared extern, but no program loaded in this process exports it \
                     (declare it with BPF_TABLE_PUBLIC or BPF_TABLE_SHARED in a program loaded first)"
                ));
            };
            m.reuse_fd(e.fd.as_fd()).map_err(|err| format!("table `{name}`: cannot import it: {err}"))?;
        }
    }
    Ok(())
}

/// After load: the exported tables enter the process's namespace (the first exporter of a name
/// keeps it, as in BCC).
pub fn publish(obj: &Object, meta: &Meta) -> Exports {
    let owner = NEXT_OWNER.fetch_add(1, Ordering::Relaxed);
    let mut exports = EXPORTS.lock().unwrap();
    let mut any = false;
    for m in obj.maps() {
        let name = m.name().to_string_lossy().into_owned();
        let Some(t) = meta.table(&name) else { continue };
        // A name already exported stays with its first exporter, unless this is the same map
        // (the program loaded again with other program types): then both hold it.
        let mine = map_id(m.as_fd());
        if !matches!(t.share.as_deref(), Some("export" | "shared"))
            || exports.iter().any(|e| e.name == name && map_id(e.fd.as_fd()) != mine)
        {
            continue;
        }
        let Ok(fd) = m.as_fd().try_clone_to_owned() else { continue };
        exports.push(Export { name, fd, owner });
        any = true;
    }
    Exports { owner: if any { owner } else { 0 } }
}

fn map_id(fd: std::os::fd::BorrowedFd<'_>) -> Option<u32> {
    let mut info: libbpf_sys::bpf_map_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libbpf_sys::bpf_map_info>() as u32;
    (unsafe { libbpf_sys::bpf_map_get_info_by_fd(fd.as_raw_fd(), &mut info, &mut len) } == 0).then_some(info.id)
}

/// (type, key size, value size, max entries, flags)
type Shape = (u32, u32, u32, u32, u32);

fn shape_of_open(m: &libbpf_rs::OpenMapMut) -> Shape {
    let p = m.as_libbpf_object().as_ptr();
    unsafe {
        (
            libbpf_sys::bpf_map__type(p),
            libbpf_sys::bpf_map__key_size(p),
            libbpf_sys::bpf_map__value_size(p),
            libbpf_sys::bpf_map__max_entries(p),
            libbpf_sys::bpf_map__map_flags(p),
        )
    }
}

fn describe((ty, k, v, n, f): Shape) -> String {
    let name = unsafe { libbpf_sys::libbpf_bpf_map_type_str(ty) };
    let name = if name.is_null() {
        format!("type {ty}")
    } else {
        unsafe { std::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned()
    };
    format!("{name}, key {k} B, value {v} B, {n} entries, flags {f:#x}")
}

/// The pin's directory must be on a BPF filesystem (created when missing, as BCC does); a map
/// already pinned there must have the declared shape.
fn check_pin(name: &str, path: &Path, declared: Shape) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir).map_err(|e| format!("table `{name}`: cannot create {}: {e}", dir.display()))?;
    let cdir = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()).map_err(|_| format!("table `{name}`: bad pin path"))?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(cdir.as_ptr(), &mut st) } != 0 || st.f_type as i64 != BPF_FS_MAGIC {
        return Err(format!(
            "table `{name}`: {} is not on a BPF filesystem, so the table cannot be pinned there \
             (mount one with `mount -t bpf bpf /sys/fs/bpf`)",
            path.display()
        ));
    }
    if !path.exists() {
        return Ok(());
    }
    let cpath = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| format!("table `{name}`: bad pin path"))?;
    let fd = unsafe { libbpf_sys::bpf_obj_get(cpath.as_ptr()) };
    if fd < 0 {
        return Err(format!(
            "table `{name}`: {} exists but is not a pinned map ({})",
            path.display(),
            std::io::Error::last_os_error()
        ));
    }
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut info: libbpf_sys::bpf_map_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libbpf_sys::bpf_map_info>() as u32;
    if unsafe { libbpf_sys::bpf_map_get_info_by_fd(fd.as_raw_fd(), &mut info, &mut len) } != 0 {
        return Err(format!("table `{name}`: {} is not a pinned map", path.display()));
    }
    let pinned = (info.type_, info.key_size, info.value_size, info.max_entries, info.map_flags);
    // A declared size of 0 (perf event arrays) is the loader's to choose.
    let entries_match = declared.3 == 0 || declared.3 == pinned.3;
    if (pinned.0, pinned.1, pinned.2, pinned.4) != (declared.0, declared.1, declared.2, declared.4) || !entries_match {
        return Err(format!(
            "table `{name}`: the map pinned at {} does not match the declaration\n  pinned:   {}\n  declared: {}",
            path.display(),
            describe(pinned),
            describe(declared)
        ));
    }
    Ok(())
}
