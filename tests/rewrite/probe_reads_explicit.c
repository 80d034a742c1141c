// Explicit kernel reads: of user memory (a syscall argument, also through a local, as BCC's
// trace writes it) they become user reads; of kernel memory they stay.
TRACEPOINT_PROBE(syscalls, sys_enter_openat)
{
    char a[16], b[16], c[16];
    void *p = (void *)args->filename;
    bpf_probe_read_kernel_str(a, sizeof(a), args->filename);
    bpf_probe_read_kernel(b, sizeof(b), p);
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    bpf_probe_read_kernel(c, sizeof(c), t->comm);
    return a[0] + b[0] + c[0];
}
