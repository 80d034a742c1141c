//! CPU counts, which size per-CPU values both in the compiled program and in userspace.

/// The number of possible CPUs (`/sys/devices/system/cpu/possible`), which sizes per-CPU map
/// values and bccrs's per-CPU queues and stacks.
pub fn possible_cpus() -> usize {
    // SAFETY: reads /sys/devices/system/cpu/possible; no preconditions.
    let n = unsafe { libbpf_sys::libbpf_num_possible_cpus() };
    n.max(1) as usize
}

/// The number of online CPUs (BCC's `bpf_num_cpus()` is this, at compile time).
pub fn online_cpus() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    n.max(1) as usize
}
