// Programs chosen by context type, static helpers, license and printk.
#define BPF_LICENSE Dual BSD/GPL

static int twice(int x)
{
    return 2 * x;
}

static inline int thrice(int x) { return 3 * x; }

int xdp_pass(struct xdp_md *ctx)
{
    return twice(1) + thrice(0) ? XDP_PASS : XDP_DROP;
}

int filter(struct __sk_buff *skb)
{
    return load_byte(skb, 0) == 0x45 ? -1 : 0;
}

int on_cycles(struct bpf_perf_event_data *ctx)
{
    bpf_trace_printk("ip %llx\n", PT_REGS_IP(&ctx->regs));
    return 0;
}

SEC("tp/syscalls/sys_enter_kill") int own_section(void *ctx)
{
    return 0;
}
