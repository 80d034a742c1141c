// expect: 9:5
BPF_PERCPU_ARRAY(arr, u64, 4);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    int k = 0;
    u64 v = 1;
    arr.update(&k, &v, BPF_EXIST);
    arr.update(&k, &v, BPF_NOEXIST);
    return 0;
}
