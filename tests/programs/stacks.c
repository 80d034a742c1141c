// Kernel stacks of the workload's getpid() calls, counted per stack id.
BPF_STACK_TRACE(stacks, 64);
BPF_HASH(by_stack, int, u64);

TRACEPOINT_PROBE(syscalls, sys_enter_getpid)
{
    char comm[16];
    bpf_get_current_comm(&comm, sizeof(comm));
    if (comm[0] != 'b' || comm[6] != 'w' || comm[7] != 'l')
        return 0;
    int id = stacks.get_stackid(args, 0);
    if (id >= 0)
        by_stack.increment(id);
    return 0;
}
