// A program's own `struct sock` with kernel field names, without <net/sock.h>: the fields are its
// own (not the kernel's `sk_daddr` → `__sk_common.skc_daddr` macros), laid out as it declares.
#include <uapi/linux/ptrace.h>

struct sock {
    u32 sk_daddr;
    u16 sk_num;
    u16 sk_dport;
};
BPF_HASH(socks, u32, struct sock);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    struct sock s = {};
    s.sk_daddr = tgid;
    s.sk_num = 0x1234;
    s.sk_dport = s.sk_num + 1;
    socks.update(&tgid, &s);
    return 0;
}
