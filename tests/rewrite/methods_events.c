// Perf and ring buffer output methods.
struct data_t { u32 pid; char comm[16]; };
BPF_PERF_OUTPUT(events);
BPF_RINGBUF_OUTPUT(rb, 4);
BPF_PERF_ARRAY(counters, 4);

int kprobe__do_sys_open(struct pt_regs *ctx)
{
    struct data_t d = {};
    d.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&d.comm, sizeof(d.comm));
    events.perf_submit(ctx, &d, sizeof(d));
    rb.ringbuf_output(&d, sizeof(d), 0);
    struct data_t *r = rb.ringbuf_reserve(sizeof(struct data_t));
    if (!r)
        return 0;
    r->pid = d.pid;
    if (rb.ringbuf_query(BPF_RB_AVAIL_DATA) > 1000)
        rb.ringbuf_discard(r, 0);
    else
        rb.ringbuf_submit(r, 0);
    u64 c = counters.perf_read(CUR_CPU_IDENTIFIER);
    struct bpf_perf_event_value val;
    counters.perf_counter_value(CUR_CPU_IDENTIFIER, &val, sizeof(val));
    return c;
}

int on_skb(struct __sk_buff *skb)
{
    u32 meta = 1;
    events.perf_submit_skb(skb, skb->len, &meta, sizeof(meta));
    return 0;
}

// Through a macro whose parameter names the table: the loss slot follows the table.
BPF_PERF_OUTPUT(more);
#define EMIT(t, c, d) t.perf_submit(c, &d, sizeof(d))
int on_skb_too(struct __sk_buff *skb)
{
    u32 v = 2;
    EMIT(events, skb, v);
    EMIT(more, skb, v);
    return 0;
}
