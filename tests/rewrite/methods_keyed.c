// Methods of hash and array tables, and member uses.
BPF_HASH(counts, u32, u64);
BPF_ARRAY(arr, u64, 4);
BPF_PERCPU_HASH(pc, u32, u64);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 1, i = 0;
    u64 v = 2, zero = 0, out;
    typeof(counts.leaf) *p = counts.lookup(&k);
    if (p)
        v = *p;
    counts.update(&k, &v);
    counts.update(&k, &v, BPF_EXIST);
    counts.insert(&k, &v);
    counts.delete(&k);
    p = counts.lookup_or_try_init(&k, &zero);
    p = counts.lookup_or_init(&k, &zero);
    counts.lookup_and_delete(&k, &out);
    counts.increment(k);
    counts.increment(k, 5);
    counts.atomic_increment(k, v);
    v = counts.inc_and_return(k, 2);
    arr.increment(i);
    pc.increment(k);
    arr.update(&i, &v, BPF_ANY);
    return sizeof(counts.key) + arr.max_entries;
}
