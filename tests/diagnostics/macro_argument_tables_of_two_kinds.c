// expect: 10:5
// A table method written once in a macro is lowered once: every table given to the macro must
// be of one kind (an increment inserts missing keys in a hash, not in an array).
BPF_HASH(counts, u32, u64);
BPF_ARRAY(slots, u64, 4);
#define BUMP(table, k) table.increment(k)

int kprobe__vfs_read(struct pt_regs *ctx)
{
    BUMP(counts, 1);
    BUMP(slots, 2);
    return 0;
}
