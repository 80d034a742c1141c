// Floods small event buffers: every getppid() of the workload submits BURST events to a perf
// buffer and BURST to a one-page ring buffer (half through ringbuf_output, half through
// ringbuf_reserve/submit). `sent` counts every submission, accepted or not: the ground truth
// that received + lost must add up to.
#ifndef BURST
#define BURST 64
#endif
// PAD sets the event's size: a larger event fills a one-page buffer in fewer submissions, so a
// burst overruns it even while the reader drains it concurrently on another CPU.
#ifndef PAD
#define PAD 3
#endif
struct flood_t {
    u64 seq;
    u64 pad[PAD];
};
BPF_PERF_OUTPUT(perf_flood);
BPF_RINGBUF_OUTPUT(ring_flood, 1);
BPF_ARRAY(sent, u64, 2);

#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    struct flood_t e = {};
    for (int i = 0; i < BURST; i++) {
        e.seq = i;
        perf_flood.perf_submit(args, &e, sizeof(e));
        sent.atomic_increment(0);
        if (i & 1) {
            ring_flood.ringbuf_output(&e, sizeof(e), 0);
        } else {
            struct flood_t *r = ring_flood.ringbuf_reserve(sizeof(struct flood_t));
            if (r) {
                __builtin_memcpy(r, &e, sizeof(e));
                ring_flood.ringbuf_submit(r, 0);
            }
        }
        sent.atomic_increment(1);
    }
    return 0;
}
