// Queue and stack methods.
struct item_t { u32 a; u64 b; };
BPF_QUEUE(q, struct item_t, 16);
BPF_STACK(s, u64, 16);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    struct item_t it = {1, 2};
    u64 v = 3;
    q.push(&it);
    q.push(&it, BPF_EXIST);
    s.push(&v, 0);
    q.peek(&it);
    q.pop(&it);
    s.lookup_and_delete(&v);
    return 0;
}
