//! bccrs's per-CPU queues and stacks: an array of maps whose slot n holds CPU n's kernel queue
//! (or stack). BPF code uses the slot of the CPU it runs on; userspace reaches each instance
//! through the slot's map id.
use super::table::{check, Errno, Result, Table};
use libbpf_sys as sys;
use std::ffi::c_void;
use std::os::fd::{AsFd, FromRawFd, OwnedFd};

/// Creates one inner map per CPU and stores it in the outer array (the kernel keeps a
/// reference; our fd is closed).
pub fn create_instances(outer_fd: i32, cpus: u32, inner_type: u32, value_size: u32, max_entries: u32, flags: u32) -> Result<()> {
    for cpu in 0..cpus {
        let mut opts: sys::bpf_map_create_opts = unsafe { std::mem::zeroed() };
        opts.sz = std::mem::size_of::<sys::bpf_map_create_opts>() as _;
        opts.map_flags = flags;
        let fd = unsafe { sys::bpf_map_create(inner_type, std::ptr::null(), 0, value_size, max_entries, &opts) };
        if fd < 0 {
            return Err(Errno(-fd));
        }
        let owned = unsafe { OwnedFd::from_raw_fd(fd) };
        let key = cpu;
        let val: u32 = fd as u32;
        check(unsafe {
            sys::bpf_map_update_elem(outer_fd, &key as *const u32 as *const c_void, &val as *const u32 as *const c_void, 0)
        })?;
        drop(owned);
    }
    Ok(())
}

/// A per-CPU queue or stack table.
pub struct PercpuQs<'a> {
    pub outer: Table<'a>,
}

impl<'a> PercpuQs<'a> {
    pub fn new(outer: Table<'a>) -> PercpuQs<'a> {
        PercpuQs { outer }
    }

    /// How many CPU instances the table has.
    pub fn cpus(&self) -> u32 {
        self.outer.max_entries
    }

    fn instance(&self, cpu: u32) -> Result<(OwnedFd, usize)> {
        let v = self.outer.lookup(&cpu.to_ne_bytes())?.ok_or(Errno::ENOENT)?;
        let id = u32::from_ne_bytes(v[..4].try_into().unwrap());
        let fd = unsafe { sys::bpf_map_get_fd_by_id(id) };
        if fd < 0 {
            return Err(Errno(-fd));
        }
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut info: sys::bpf_map_info = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<sys::bpf_map_info>() as u32;
        check(unsafe { sys::bpf_map_get_info_by_fd(std::os::fd::AsRawFd::as_raw_fd(&fd), &mut info, &mut len) })?;
        Ok((fd, info.value_size as usize))
    }

    fn with<T>(&self, cpu: u32, f: impl FnOnce(&Table) -> Result<T>) -> Result<T> {
        let (fd, value_size) = self.instance(cpu)?;
        let t = Table::new(&self.outer.name, fd.as_fd(), sys::BPF_MAP_TYPE_QUEUE, 0, value_size, 0);
        f(&t)
    }

    /// The value size of CPU `cpu`'s instance.
    pub fn value_size(&self, cpu: u32) -> Result<usize> {
        self.instance(cpu).map(|(_, vs)| vs)
    }

    pub fn push(&self, cpu: u32, value: &[u8], flags: u64) -> Result<()> {
        self.with(cpu, |t| t.push(value, flags))
    }
    pub fn pop(&self, cpu: u32) -> Result<Option<Vec<u8>>> {
        self.with(cpu, |t| t.pop())
    }
    pub fn peek(&self, cpu: u32) -> Result<Option<Vec<u8>>> {
        self.with(cpu, |t| t.peek())
    }
    /// CPU `cpu`'s values in pop order, emptying its instance.
    pub fn drain(&self, cpu: u32) -> Result<Vec<Vec<u8>>> {
        self.with(cpu, |t| t.drain())
    }
    /// Every CPU's values, one list per CPU.
    pub fn drain_all(&self) -> Result<Vec<Vec<Vec<u8>>>> {
        (0..self.cpus()).map(|c| self.drain(c)).collect()
    }
}
