// Every getppid() of the workload is sent through a perf buffer and a ring buffer.
struct event_t {
    u32 pid;
    u64 seq;
    char comm[16];
};
BPF_PERF_OUTPUT(perf_events);
BPF_RINGBUF_OUTPUT(ring_events, 16);
BPF_ARRAY(seqs, u64, 1);

#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    struct event_t e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    e.seq = seqs.inc_and_return(0);
    bpf_get_current_comm(&e.comm, sizeof(e.comm));
    perf_events.perf_submit(args, &e, sizeof(e));
    struct event_t *r = ring_events.ringbuf_reserve(sizeof(struct event_t));
    if (!r)
        return 0;
    __builtin_memcpy(r, &e, sizeof(e));
    ring_events.ringbuf_submit(r, 0);
    return 0;
}
