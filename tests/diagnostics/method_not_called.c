// expect: 5:15
BPF_HASH(counts, u32, u64);
int kprobe__vfs_read(struct pt_regs *ctx)
{
    void *f = counts.lookup;
    return f != 0;
}
