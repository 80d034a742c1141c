// Kernel macros exist only where their header is included, as with BCC's real headers: this
// program includes only <uapi/linux/ptrace.h>, so its own `struct sock`'s `sk_daddr` and
// `sk_num`, its own `inet_daddr` variable and its own TASK_COMM_LEN are its own (after
// <net/sock.h>, <net/inet_sock.h> and <linux/sched.h> they would be the kernel's macros).
#include <uapi/linux/ptrace.h>

#define TASK_COMM_LEN 8

struct sock {
    u32 *sk_daddr;
    u16 sk_num;
    char comm[TASK_COMM_LEN];
};

int test(struct pt_regs *ctx, struct sock *skp)
{
    u32 inet_daddr = *(skp->sk_daddr);
    return inet_daddr + *(&skp->sk_num) + skp->comm[TASK_COMM_LEN - 1];
}
