// Baseline: a tracepoint (no kprobes involved) counting getpid() calls per process.
BPF_HASH(counts, u32, u64);

TRACEPOINT_PROBE(syscalls, sys_enter_getpid)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    counts.increment(tgid);
    return 0;
}
