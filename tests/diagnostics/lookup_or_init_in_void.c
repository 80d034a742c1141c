// expect: 8:9
BPF_HASH(counts, u32, u64);

static void bump(u32 k)
{
    u64 zero = 0;
    u64 *v;
    v = counts.lookup_or_init(&k, &zero);
    (*v)++;
}

int kprobe__vfs_read(struct pt_regs *ctx)
{
    bump(1);
    return 0;
}
