/* Tables that outlive or cross one program. Declarations are not edited: the loader reads the
 * pin paths and the sharing from the .bccrs.meta footer. */
BPF_TABLE_PINNED("hash", u32, u64, pinned_counts, 1024, "/sys/fs/bpf/bccrs/counts");
BPF_TABLE_PINNED("array", int, u64, pinned_flags, 4, "/sys/fs/bpf/bccrs/flags", BPF_F_RDONLY_PROG);
BPF_QUEUESTACK_PINNED("queue", pinned_queue, u64, 16, 0, "/sys/fs/bpf/bccrs/queue");
BPF_TABLE_PUBLIC("hash", u32, u64, exported, 64);
BPF_TABLE_SHARED("lru_hash", u32, u64, shared_lru, 64);
/* Its kind is the exporter's; method calls get the lowerings that work on every generic map. */
BPF_TABLE("extern", u32, u64, imported, 1);

RAW_TRACEPOINT_PROBE(sched_switch)
{
    u32 k = 1;
    int slot = 0;
    pinned_counts.increment(k);
    u64 *flags = pinned_flags.lookup(&slot);
    exported.increment(k, 2);
    shared_lru.increment(k);
    u64 *v = imported.lookup(&k);
    if (v && flags)
        pinned_queue.push(v, 0);
    imported.increment(k);
    return 0;
}
