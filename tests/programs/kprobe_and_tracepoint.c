// A kprobe (which cannot attach on a kernel without kprobe support) next to a tracepoint.
BPF_HASH(hits, u32, u64);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 1;
    hits.increment(k);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_getpid)
{
    u32 k = 2;
    hits.increment(k);
    return 0;
}
