// A marker program whose kernel name the cleanup tests look for in `bpftool prog show`.
SEC("tracepoint/syscalls/sys_enter_getpid") int bccrs_cu_mark(void *ctx)
{
    return 0;
}
