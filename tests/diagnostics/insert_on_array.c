// expect: 8:5
BPF_ARRAY(arr, u64, 4);

int kprobe__vfs_read(struct pt_regs *ctx)
{
    int k = 0;
    u64 v = 1;
    arr.insert(&k, &v);
    return 0;
}
