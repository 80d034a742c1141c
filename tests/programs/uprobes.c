// Uprobes on the workload: calls counted per process, and a log2 histogram of an argument.
BPF_HASH(calls, u32, u64);
BPF_HISTOGRAM(dist);

int on_call(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    calls.increment(tgid);
    return 0;
}

int on_value(struct pt_regs *ctx, unsigned long v)
{
    dist.increment(bpf_log2l(v));
    return 0;
}
