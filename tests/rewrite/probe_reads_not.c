// What is not rewritten: context fields, map values, stack memory, addresses, array decay,
// explicit probe reads, sizeof, packet pointers, BTF-trusted pointers.
#include <linux/sched.h>

struct val_t { u64 count; char comm[16]; };
BPF_HASH(vals, u32, struct val_t);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    u64 di = ctx->di;
    u32 k = 0;
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    struct val_t zero = {}, *v = vals.lookup_or_try_init(&k, &zero);
    if (!v)
        return 0;
    v->count += di;
    struct val_t local = {};
    struct val_t *lp = &local;
    lp->count = sizeof(t->pid);
    bpf_probe_read_kernel_str(v->comm, sizeof(v->comm), t->comm);
    int *pidp = &t->pid;
    struct list_head *children = &t->children;
    bpf_probe_read_kernel(&v->count, sizeof(v->count), &t->se.vruntime);
    return pidp != 0 && children != 0;
}

TRACEPOINT_PROBE(sched, sched_switch)
{
    u32 k = args->prev_pid;
    struct task_struct *cur = bpf_get_current_task_btf();
    struct val_t v = {};
    v.count = cur->pid;
    vals.update(&k, &v);
    return 0;
}

int xdp_len(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    return eth->h_proto == 8 ? XDP_PASS : XDP_DROP;
}
