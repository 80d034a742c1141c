// kprobe-style programs: extra parameters become register reads.
int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk,
                           struct sockaddr *uaddr, int addr_len)
{
    return addr_len;
}

int kretprobe__tcp_v4_connect(struct pt_regs *ctx)
{
    return PT_REGS_RC(ctx);
}

int syscall__execve(struct pt_regs *ctx, const char *filename, const char *const *argv)
{
    char buf[32];
    bpf_probe_read_user_str(buf, sizeof(buf), filename);
    return 0;
}

int kprobe__sys_clone(struct pt_regs *ctx)
{
    return 0;
}

int on_readline(struct pt_regs *ctx, int a, long b)
{
    return a + b;
}
