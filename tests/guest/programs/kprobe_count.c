// kprobe__ by name: `sys_getpid` becomes the arch's syscall entry (__x64_sys_getpid).
BPF_HASH(calls, u32, u64);

int kprobe__sys_getpid(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    calls.increment(tgid);
    return 0;
}
