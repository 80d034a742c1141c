// expect: 7:12
BPF_HASH(counts, u32, u64);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 0;
    counts.frobnicate(&k);
    return 0;
}
