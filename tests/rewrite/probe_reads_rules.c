// Implicit reads: each dereference of a kernel (or user) pointer becomes a probe read.
#include <linux/sched.h>
#include <net/sock.h>
#include <linux/fdtable.h>

#define PARENT(t) (t)->real_parent

BPF_HASH(currsock, u32, struct sock *);
BPF_HASH(out, u32, u64);

static struct task_struct *parent_of(struct task_struct *t)
{
    return t->real_parent;
}

static u32 tgid_of(struct task_struct *t)
{
    return t->tgid;
}

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk)
{
    u32 tid = bpf_get_current_pid_tgid();
    u64 dport = sk->__sk_common.skc_dport;
    currsock.update(&tid, &sk);
    out.update(&tid, &dport);
    return 0;
}

int kretprobe__tcp_v4_connect(struct pt_regs *ctx)
{
    u32 tid = bpf_get_current_pid_tgid();
    struct sock **skpp = currsock.lookup(&tid);
    if (!skpp)
        return 0;
    struct sock *skp = *skpp;
    u64 daddr = skp->__sk_common.skc_daddr;
    out.update(&tid, &daddr);
    currsock.delete(&tid);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_exit_openat)
{
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    struct task_struct *t2;
    t2 = t;
    u32 k = t2->real_parent->tgid;
    u64 v = t->comm[3];
    int fd = args->ret;
    struct file *f = t->files->fdt->fd[fd];
    v += f->f_flags;
    v += PARENT(t)->pid;
    v += tgid_of(parent_of(t));
    int *pp = &(t->real_parent->pid);
    v += pp != 0;
    bpf_trace_printk("%d %d\n", t->pid, t->mm->arg_start);
    out.update(&k, &v);
    return 0;
}

int syscall__openat(struct pt_regs *ctx, int dfd, const char *filename)
{
    u32 k = 0;
    u64 first = filename[0];
    out.update(&k, &first);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_openat)
{
    u32 k = 1;
    u64 c = *args->filename;
    out.update(&k, &c);
    return 0;
}

RAW_TRACEPOINT_PROBE(sched_switch)
{
    struct task_struct *next = (struct task_struct *)ctx->args[2];
    u32 k = next->pid;
    u64 prio = next->prio;
    out.update(&k, &prio);
    return 0;
}
