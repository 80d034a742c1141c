// Table methods written inside the program's own macros, and nested in arguments.
BPF_HASH(counts, u32, u64);
BPF_HASH(last, u32, u64);
#define COUNT(k) counts.increment(k)
#define SEEN(k) (last.lookup(&(k)) != 0)

int kprobe__vfs_write(struct pt_regs *ctx)
{
    u32 k = 7;
    u64 zero = 0;
    COUNT(k);
    COUNT(k + 1);
    if (SEEN(k))
        return 1;
    u64 *c = counts.lookup(&k);
    last.update(&k, c ? c : &zero);
    last.update(&k, counts.lookup_or_try_init(&k, &zero) ? &zero : &zero);
    return 0;
}
