// expect: 8:5
BPF_HASH(counts, u32, u64);
#define BUMP(table, k) table.increment(k)

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 0;
    BUMP(counts, k);
    return 0;
}
