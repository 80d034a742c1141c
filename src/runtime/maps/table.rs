//! A table of a loaded program by fd: raw-bytes operations with the kernel's result codes and
//! per-CPU values.
use libbpf_sys as sys;
use std::ffi::c_void;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

/// A failed operation: the kernel's errno (ENOENT, EEXIST, E2BIG, EINVAL…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Errno(pub i32);

impl Errno {
    pub const ENOENT: Errno = Errno(libc::ENOENT);
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", std::io::Error::from_raw_os_error(self.0))
    }
}
impl std::error::Error for Errno {}

pub type Result<T> = std::result::Result<T, Errno>;

/// libbpf ≥ 1.0 returns -errno.
pub(super) fn check(ret: i32) -> Result<()> {
    if ret < 0 {
        Err(Errno(-ret))
    } else {
        Ok(())
    }
}

pub const ANY: u64 = 0;
pub const NOEXIST: u64 = 1;
pub const EXIST: u64 = 2;

/// A table of a loaded program, by fd.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    pub name: String,
    fd: BorrowedFd<'a>,
    pub map_type: u32,
    pub key_size: usize,
    pub value_size: usize,
    pub max_entries: u32,
    /// Per-CPU values: one value (rounded up to 8 bytes) per possible CPU.
    pub percpu: bool,
}

fn is_percpu(t: u32) -> bool {
    matches!(
        t,
        sys::BPF_MAP_TYPE_PERCPU_HASH | sys::BPF_MAP_TYPE_PERCPU_ARRAY | sys::BPF_MAP_TYPE_LRU_PERCPU_HASH | sys::BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE
    )
}

impl<'a> Table<'a> {
    pub fn new(name: &str, fd: BorrowedFd<'a>, map_type: u32, key_size: usize, value_size: usize, max_entries: u32) -> Table<'a> {
        Table { name: name.into(), fd, map_type, key_size, value_size, max_entries, percpu: is_percpu(map_type) }
    }

    /// The table of a libbpf-rs map.
    pub fn of(m: &'a libbpf_rs::Map<'a>) -> Table<'a> {
        use libbpf_rs::MapCore;
        Table::new(
            crate::object::names::user_name(&m.name().to_string_lossy()),
            m.as_fd(),
            m.map_type() as u32,
            m.key_size() as usize,
            m.value_size() as usize,
            m.max_entries(),
        )
    }

    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Bytes of one value as the kernel exchanges it: for per-CPU tables one 8-byte aligned
    /// slot per possible CPU.
    pub fn value_buf_len(&self) -> usize {
        if self.percpu {
            self.value_size.div_ceil(8) * 8 * crate::base::cpus::possible_cpus()
        } else {
            self.value_size
        }
    }

    fn key_ptr(&self, key: &[u8]) -> Result<*const c_void> {
        if key.len() != self.key_size {
            return Err(Errno(libc::EINVAL));
        }
        Ok(if self.key_size == 0 { std::ptr::null() } else { key.as_ptr() as *const c_void })
    }

    /// The value at `key`; `Ok(None)` when the key does not exist (ENOENT).
    pub fn lookup(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let mut v = vec![0u8; self.value_buf_len()];
        match check(unsafe { sys::bpf_map_lookup_elem(self.fd(), self.key_ptr(key)?, v.as_mut_ptr() as *mut c_void) }) {
            Ok(()) => Ok(Some(v)),
            Err(Errno::ENOENT) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A per-CPU value split into one value per possible CPU.
    pub fn lookup_percpu(&self, key: &[u8]) -> Result<Option<Vec<Vec<u8>>>> {
        Ok(self.lookup(key)?.map(|v| self.split_percpu(&v)))
    }

    pub fn split_percpu(&self, v: &[u8]) -> Vec<Vec<u8>> {
        let stride = self.value_size.div_ceil(8) * 8;
        v.chunks(stride).map(|c| c[..self.value_size].to_vec()).collect()
    }

    /// Joins one value per possible CPU into the kernel's per-CPU layout.
    pub fn join_percpu(&self, values: &[Vec<u8>]) -> Result<Vec<u8>> {
        let stride = self.value_size.div_ceil(8) * 8;
        if values.len() != crate::base::cpus::possible_cpus() || values.iter().any(|v| v.len() != self.value_size) {
            return Err(Errno(libc::EINVAL));
        }
        let mut out = vec![0u8; stride * values.len()];
        for (i, v) in values.iter().enumerate() {
            out[i * stride..i * stride + self.value_size].copy_from_slice(v);
        }
        Ok(out)
    }

    /// Writes `value` (for per-CPU tables: the joined per-CPU buffer) with BPF_ANY, BPF_NOEXIST
    /// or BPF_EXIST.
    pub fn update(&self, key: &[u8], value: &[u8], flags: u64) -> Result<()> {
        if value.len() != self.value_buf_len() {
            return Err(Errno(libc::EINVAL));
        }
        check(unsafe { sys::bpf_map_update_elem(self.fd(), self.key_ptr(key)?, value.as_ptr() as *const c_void, flags) })
    }

    pub fn delete(&self, key: &[u8]) -> Result<()> {
        check(unsafe { sys::bpf_map_delete_elem(self.fd(), self.key_ptr(key)?) })
    }

    /// The value, removed atomically by the kernel (hash-like maps since Linux 5.14; queues
    /// and stacks: pop). `Ok(None)` when absent or empty.
    pub fn lookup_and_delete(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let mut v = vec![0u8; self.value_buf_len()];
        match check(unsafe { sys::bpf_map_lookup_and_delete_elem(self.fd(), self.key_ptr(key)?, v.as_mut_ptr() as *mut c_void) }) {
            Ok(()) => Ok(Some(v)),
            Err(Errno::ENOENT) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every key, in the kernel's iteration order.
    pub fn keys(&self) -> Result<Vec<Vec<u8>>> {
        let mut keys = Vec::new();
        let mut next = vec![0u8; self.key_size];
        let mut prev: Option<Vec<u8>> = None;
        loop {
            let p = prev.as_ref().map_or(std::ptr::null(), |k| k.as_ptr() as *const c_void);
            match check(unsafe { sys::bpf_map_get_next_key(self.fd(), p, next.as_mut_ptr() as *mut c_void) }) {
                Ok(()) => {
                    keys.push(next.clone());
                    prev = Some(next.clone());
                }
                Err(Errno::ENOENT) => return Ok(keys),
                Err(e) => return Err(e),
            }
        }
    }

    /// Every (key, value), one lookup per key.
    pub fn items(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut out = Vec::new();
        for k in self.keys()? {
            if let Some(v) = self.lookup(&k)? {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    fn is_array(&self) -> bool {
        matches!(self.map_type, sys::BPF_MAP_TYPE_ARRAY | sys::BPF_MAP_TYPE_PERCPU_ARRAY)
    }

    /// Removes every entry (arrays, whose entries cannot be deleted, are zeroed; queues and
    /// stacks, which have no keys, are drained); returns how many entries there were.
    pub fn clear(&self) -> Result<usize> {
        if matches!(self.map_type, sys::BPF_MAP_TYPE_QUEUE | sys::BPF_MAP_TYPE_STACK) {
            return Ok(self.drain()?.len());
        }
        let keys = self.keys()?;
        let zero = vec![0u8; self.value_buf_len()];
        for k in &keys {
            if self.is_array() {
                self.update(k, &zero, ANY)?;
            } else {
                match self.delete(k) {
                    Ok(()) | Err(Errno::ENOENT) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(keys.len())
    }

    /// Queue/stack: adds a value; with BPF_EXIST a full map drops its oldest value.
    pub fn push(&self, value: &[u8], flags: u64) -> Result<()> {
        self.update(&[], value, flags)
    }

    /// Queue/stack: removes and returns the next value (`None` when empty).
    pub fn pop(&self) -> Result<Option<Vec<u8>>> {
        self.lookup_and_delete(&[])
    }

    /// Queue/stack: the next value, left in place.
    pub fn peek(&self) -> Result<Option<Vec<u8>>> {
        self.lookup(&[])
    }

    /// Queue/stack: pops until empty, in pop order.
    pub fn drain(&self) -> Result<Vec<Vec<u8>>> {
        let mut v = Vec::new();
        while let Some(x) = self.pop()? {
            v.push(x);
        }
        Ok(v)
    }
}
