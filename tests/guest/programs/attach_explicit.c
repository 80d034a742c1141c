// Programs with no attachment in their names: the runner attaches them with
// --attach kprobe:__x64_sys_getppid=on_enter --attach kretprobe:__x64_sys_getppid=on_return.
#include <uapi/linux/ptrace.h>

BPF_HASH(entries_seen, u32, u64);
BPF_HASH(returns_seen, u32, u64);

int on_enter(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    entries_seen.increment(tgid);
    return 0;
}

int on_return(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    returns_seen.increment(tgid);
    return 0;
}
