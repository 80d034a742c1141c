// Tail calls, stack ids, cgroups, redirects, sockets, storage.
BPF_PROG_ARRAY(jmp, 4);
BPF_STACK_TRACE(stacks, 128);
BPF_CGROUP_ARRAY(cg, 1);
BPF_DEVMAP(devs, 4);
BPF_SOCKMAP(sm, 4);
BPF_SOCKHASH(sh, u32, 4);
BPF_TASK_STORAGE(ts, u64);
BPF_CGROUP_STORAGE(cgs, u64);

int kprobe__schedule(struct pt_regs *ctx)
{
    int id = stacks.get_stackid(ctx, BPF_F_USER_STACK);
    if (cg.check_current_task(0) == 1)
        jmp.call(ctx, 1);
    struct task_struct *t = bpf_get_current_task_btf();
    u64 *v = ts.task_storage_get(t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (v)
        ts.task_storage_delete(t);
    return id;
}

int xdp_fwd(struct xdp_md *ctx)
{
    return devs.redirect_map(0, 0);
}

int on_sockops(struct bpf_sock_ops *skops)
{
    u32 k = 0;
    sm.sock_map_update(skops, &k, BPF_ANY);
    sh.sock_hash_update(skops, &k, BPF_ANY);
    return 0;
}

int on_msg(struct sk_msg_md *msg)
{
    u32 k = 0;
    return sh.msg_redirect_hash(msg, &k, BPF_F_INGRESS);
}

SEC("cgroup_skb/egress") int egress(struct __sk_buff *skb)
{
    u64 *c = cgs.get_local_storage(0);
    if (c)
        __sync_fetch_and_add(c, 1);
    return 1;
}
