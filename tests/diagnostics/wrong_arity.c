// expect: 8:5
BPF_HASH(counts, u32, u64);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 0;
    u64 v = 0;
    counts.update(&k, &v, BPF_ANY, 4);
    return 0;
}
