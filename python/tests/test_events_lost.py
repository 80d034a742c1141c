"""Every event counted: a flood of one-page perf and ring buffers, where what the callbacks
received plus what lost_cb (perf) and lost() (ring, a bccrs addition) report is exactly what
the program submitted, its own `sent` counters."""
import ctypes as ct
import os

from bccrs import BPF

LIBC = ct.CDLL(None, use_errno=True)
SYS_getppid = 110

FLOOD = r"""
struct ev_t { u64 seq; u64 pad[3]; };
BPF_PERF_OUTPUT(perf_ev);
BPF_RINGBUF_OUTPUT(ring_ev, 1);
BPF_ARRAY(sent, u64, 2);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != TGID)
        return 0;
    struct ev_t e = {};
    for (int i = 0; i < BURST; i++) {
        e.seq = i;
        perf_ev.perf_submit(args, &e, sizeof(e));
        sent.atomic_increment(0);
        ring_ev.ringbuf_output(&e, sizeof(e), 0);
        sent.atomic_increment(1);
    }
    return 0;
}
"""


def flood(calls, burst, poll_every):
    cflags = ["-DTGID=%d" % os.getpid(), "-DBURST=%d" % burst]
    with BPF(text=FLOOD, cflags=cflags) as b:
        got = {"perf": 0, "ring": 0, "lost": 0}

        def on_perf(cpu, data, size):
            got["perf"] += 1

        def on_ring(ctx, data, size):
            got["ring"] += 1

        def on_lost(n):
            got["lost"] += n

        b["perf_ev"].open_perf_buffer(on_perf, page_cnt=1, lost_cb=on_lost)
        b["ring_ev"].open_ring_buffer(on_ring)
        for i in range(calls):
            LIBC.syscall(SYS_getppid)
            if i % poll_every == poll_every - 1:
                b.perf_buffer_poll(timeout=0)
                b.ring_buffer_consume()
        b.detach_tracepoint(tp="syscalls:sys_enter_getppid")
        b.perf_buffer_poll(timeout=0)
        b.ring_buffer_consume()
        sent = [b["sent"][ct.c_int(k)].value for k in (0, 1)]
        # The loss counters are the compiler's, not one of the program's tables.
        assert "__bccrs_lost" not in b._map_names() and "perf_ev" in b._map_names()
        return got, b["ring_ev"].lost(), b["perf_ev"].lost(), sent


def test_flooded_buffers_add_up_to_what_was_sent():
    got, ring_lost, perf_lost, sent = flood(calls=1000, burst=32, poll_every=100)
    assert sent == [32000, 32000]
    assert got["perf"] + got["lost"] == sent[0]
    assert got["lost"] == perf_lost > 0
    assert got["ring"] + ring_lost == sent[1]
    assert ring_lost > 0


def test_losses_after_the_last_event_reach_lost_cb():
    # One burst, nothing after it: perf would report these losses only at a next write.
    got, ring_lost, perf_lost, sent = flood(calls=1, burst=400, poll_every=1000)
    assert sent == [400, 400]
    assert got["perf"] + got["lost"] == 400 and got["lost"] > 0
    assert got["ring"] + ring_lost == 400 and ring_lost > 0
