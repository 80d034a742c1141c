// expect: 6:56
// A BPF call has five arguments: the format, its size and three values.
int kprobe__vfs_read(struct pt_regs *ctx)
{
    u64 a = 1, b = 2, c = 3, d = 4;
    bpf_trace_printk("a=%d b=%d c=%d d=%d\n", a, b, c, d);
    return 0;
}
