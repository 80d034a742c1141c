// Tracepoint and raw tracepoint programs.
TRACEPOINT_PROBE(sched, sched_process_exec)
{
    char comm[16];
    TP_DATA_LOC_READ_STR(comm, filename, sizeof(comm));
    return args->pid;
}

int tracepoint__syscalls__sys_enter_openat(struct tracepoint__syscalls__sys_enter_openat *args)
{
    return args->dfd;
}

RAW_TRACEPOINT_PROBE(sched_switch)
{
    struct task_struct *prev = (struct task_struct *)ctx->args[1];
    return prev != 0;
}
