//! Shared helpers of the map tests (kernel_maps_bpf, kernel_maps_user, kernel_maps_concurrency):
//! loading a BCC-dialect program with bccrs's loader, running a raw_tp program once on a chosen
//! CPU with BPF_PROG_TEST_RUN, and reading tables through bccrs's userspace API (`bccrs::runtime::maps`).
#![allow(dead_code)]
use bccrs::compiler::Options;
use bccrs::runtime::load::Loaded;
use bccrs::runtime::maps::Table;
use libbpf_rs::MapCore;
use std::os::fd::{AsFd, AsRawFd};
use std::sync::Mutex;

pub const ENOENT: i32 = -libc::ENOENT;
pub const EEXIST: i32 = -libc::EEXIST;
pub const E2BIG: i32 = -libc::E2BIG;
pub const EINVAL: i32 = -libc::EINVAL;
/// The kernel's internal "operation not supported" (not a libc errno).
pub const ENOTSUPP: i32 = 524;

pub const BPF_ANY: u64 = 0;
pub const BPF_NOEXIST: u64 = 1;
pub const BPF_EXIST: u64 = 2;
/// BPF_PROG_TEST_RUN: run on `cpu` instead of the calling CPU.
pub const BPF_F_TEST_RUN_ON_CPU: u32 = 1;

pub fn require_root() {
    assert_eq!(unsafe { libc::geteuid() }, 0, "kernel tests load BPF programs and must run as root");
}

pub fn ncpus() -> usize {
    bccrs::possible_cpus()
}

static LOADING: Mutex<()> = Mutex::new(());

/// Compiles and loads a program with bccrs's loader (which also creates the instances of
/// per-CPU queues and stacks). Loads are serialised so that two tests compiling the same text
/// do not write the object cache at the same time.
pub fn load(name: &str, src: &str) -> Loaded {
    let _g = LOADING.lock().unwrap_or_else(|e| e.into_inner());
    Loaded::from_source(name, src, &Options::default()).unwrap_or_else(|e| panic!("{name} does not load:\n{e}"))
}

pub fn prog_fd(l: &Loaded, name: &str) -> i32 {
    l.object
        .progs()
        .find(|p| p.name() == name)
        .unwrap_or_else(|| panic!("no program {name}"))
        .as_fd()
        .as_raw_fd()
}

pub fn map<'a>(l: &'a Loaded, name: &str) -> libbpf_rs::Map<'a> {
    l.object.maps().find(|m| m.name() == name).unwrap_or_else(|| panic!("no map {name}"))
}

/// Runs a raw_tp program once on `cpu` with `args` as ctx->args[0..4]; returns its return value
/// (the program's `int`, sign-extended).
pub fn run_on(fd: i32, cpu: u32, args: [u64; 4]) -> i32 {
    let mut ctx = [0u8; 32];
    for (i, a) in args.iter().enumerate() {
        ctx[i * 8..i * 8 + 8].copy_from_slice(&a.to_ne_bytes());
    }
    let mut o: libbpf_sys::bpf_test_run_opts = unsafe { std::mem::zeroed() };
    o.sz = std::mem::size_of::<libbpf_sys::bpf_test_run_opts>() as _;
    o.ctx_in = ctx.as_ptr() as *const _;
    o.ctx_size_in = ctx.len() as u32;
    o.cpu = cpu;
    o.flags = BPF_F_TEST_RUN_ON_CPU;
    let r = unsafe { libbpf_sys::bpf_prog_test_run_opts(fd, &mut o) };
    assert_eq!(r, 0, "BPF_PROG_TEST_RUN failed: {}", std::io::Error::from_raw_os_error(-r));
    o.retval as i32
}

/// Pins the calling thread to one CPU.
pub fn pin_to_cpu(cpu: usize) {
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        let r = libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
        assert_eq!(r, 0, "sched_setaffinity to CPU {cpu}: {}", std::io::Error::last_os_error());
    }
}

pub fn u64b(v: u64) -> Vec<u8> {
    v.to_ne_bytes().to_vec()
}
pub fn u32b(v: u32) -> Vec<u8> {
    v.to_ne_bytes().to_vec()
}
pub fn as_u64(b: &[u8]) -> u64 {
    u64::from_ne_bytes(b[..8].try_into().unwrap())
}
pub fn as_u32(b: &[u8]) -> u32 {
    u32::from_ne_bytes(b[..4].try_into().unwrap())
}

/// The value at a u32 key (None when absent).
pub fn get(t: &Table, key: u32) -> Option<u64> {
    t.lookup(&key.to_ne_bytes()).expect("lookup").map(|v| as_u64(&v))
}

/// The per-CPU values at a u32 key, one per possible CPU (None when absent).
pub fn get_percpu(t: &Table, key: u32) -> Option<Vec<u64>> {
    t.lookup_percpu(&key.to_ne_bytes()).expect("lookup").map(|vs| vs.iter().map(|v| as_u64(v)).collect())
}

/// A per-CPU value buffer (the kernel's layout) from one u64 per possible CPU.
pub fn percpu_buf(t: &Table, vals: &[u64]) -> Vec<u8> {
    t.join_percpu(&vals.iter().map(|v| u64b(*v)).collect::<Vec<_>>()).expect("join_percpu")
}

/// Every u32 key of a table, sorted.
pub fn sorted_keys(t: &Table) -> Vec<u32> {
    let mut k: Vec<u32> = t.keys().expect("keys").iter().map(|k| as_u32(k)).collect();
    k.sort();
    k
}
