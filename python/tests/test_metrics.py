"""BPF.metrics(): the tables as Prometheus metrics (docs/metrics.md), the same text
`bccrs run --metrics` serves: a counter keyed by pid, a linear histogram, a gauge of a struct
value's fields, and the series cap."""
import ctypes as ct
import os

from bccrs import BPF

LIBC = ct.CDLL(None, use_errno=True)
SYS_getpid = 39

PROG = r"""
struct stats_t { u64 calls; s64 last; };
BPF_HASH(calls, u32, u64);
BPF_HISTOGRAM(mod4, int, 4);
BPF_HASH(stats, u32, struct stats_t);
BPF_PERF_OUTPUT(events);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    calls.increment(pid);
    u64 *n = calls.lookup(&pid);
    if (!n) return 0;
    int slot = *n % 4;
    mod4.increment(slot);
    struct stats_t s = {.calls = *n, .last = -1};
    stats.update(&pid, &s);
    return 0;
}
"""


def test_metrics_render_the_tables_exactly():
    pid = os.getpid()
    with BPF(text=PROG, cflags=["-DTARGET=%d" % pid]) as b:
        for _ in range(6):
            LIBC.syscall(SYS_getpid)
        text = b.metrics()
        lines = text.splitlines()
        # `calls` is read back through lookup too, so it is a gauge, keyed by pid.
        assert "# TYPE bccrs_bpf_calls gauge" in lines, text
        assert 'bccrs_bpf_calls{key="%d"} 6' % pid in lines, text
        # A linear histogram (the program takes no log2): calls 1..6 mod 4 are 1,2,3,0,1,2.
        assert "# TYPE bccrs_bpf_mod4 histogram" in lines, text
        for le, n in (("0", 1), ("1", 3), ("2", 5), ("3", 6), ("+Inf", 6)):
            assert 'bccrs_bpf_mod4_bucket{le="%s"} %d' % (le, n) in lines, text
        assert "bccrs_bpf_mod4_count 6" in lines and "bccrs_bpf_mod4_sum 9.0" in lines, text
        # A struct value: one family per numeric field.
        assert 'bccrs_bpf_stats_calls{key="%d"} 6' % pid in lines, text
        assert 'bccrs_bpf_stats_last{key="%d"} -1' % pid in lines, text
        # The event table has no reader here: listed as skipped.
        assert any(l.startswith("# HELP bccrs_bpf_tables_skipped") and "events (perf_event_array" in l for l in lines), text
        assert b.metrics(program="p", openmetrics=True).endswith("# EOF\n")
        capped = b.metrics(max_series=3).splitlines()
        assert "bccrs_bpf_dropped_series_total 0" not in capped
        assert sum(1 for l in capped if l.startswith("bccrs_bpf_") and "dropped" not in l
                   and "skipped" not in l) <= 3, capped
