// expect: 5:12
BPF_HASH(counts, u32, u64);
int kprobe__vfs_read(struct pt_regs *ctx)
{
    return no_such_variable + 1;
}
