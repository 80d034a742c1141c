// Reads a USDT probe's arguments (the workload's bccrs:tick with a counter, a large number and a string).
struct tick_t {
    u64 j;
    s64 big;
    char label[8];
};
BPF_HASH(ticks, u64, struct tick_t);

int on_tick(struct pt_regs *ctx)
{
    struct tick_t t = {};
    bpf_usdt_readarg(1, ctx, &t.j);
    bpf_usdt_readarg(2, ctx, &t.big);
    bpf_usdt_readarg_p(3, ctx, &t.label, sizeof(t.label));
    ticks.update(&t.j, &t);
    return 0;
}
