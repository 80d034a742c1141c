// expect: 10:12
int kprobe__vfs_read(struct pt_regs *ctx)
{
    return 0;
}

int kprobe__vfs_write(struct pt_regs *ctx)
{
    /* a non-static function is a program, not a helper */
    return kprobe__vfs_read(ctx);
}
