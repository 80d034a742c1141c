// expect: 7:5
BPF_HASH(counts, u32, u64);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u64 v = 1;
    counts.push(&v);
    return 0;
}
