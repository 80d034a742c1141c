// kretprobe__ by name: every return of getpid() is counted, and so is every return whose
// value is not the caller's tgid (there should be none).
#include <uapi/linux/ptrace.h>

BPF_HASH(returns, u32, u64);
BPF_HASH(wrong_value, u32, u64);

int kretprobe__sys_getpid(struct pt_regs *ctx)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    returns.increment(tgid);
    if (PT_REGS_RC(ctx) != tgid)
        wrong_value.increment(tgid);
    return 0;
}
