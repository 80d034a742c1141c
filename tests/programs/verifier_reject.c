// Dereferences a kernel pointer without a probe read: the verifier refuses line 9.
BPF_HASH(seen, u32, u32);

TRACEPOINT_PROBE(syscalls, sys_enter_getpid)
{
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    u32 k = 0;
    u32 v;
    v = t->tgid;
    seen.update(&k, &v);
    return 0;
}
