// do_sigaltstack exists only as do_sigaltstack.constprop.0 on Debian's 6.1 kernel;
// sigaltstack(2) calls it once (and rt_sigreturn, which the workload never triggers).
BPF_HASH(calls, u32, u64);

int kprobe__do_sigaltstack(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    calls.increment(tgid);
    return 0;
}
