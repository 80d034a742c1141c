// do_sysinfo is static in kernel/sys.c; Debian's 6.1 kernel has it only as do_sysinfo.isra.0,
// so attaching kprobe/do_sysinfo must fall back to the renamed symbol. sysinfo(2) calls it once.
BPF_HASH(calls, u32, u64);

int kprobe__do_sysinfo(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    calls.increment(tgid);
    return 0;
}
