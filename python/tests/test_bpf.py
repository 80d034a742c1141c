"""The BPF object: loading, auto-attach, explicit attach/detach, counts read back, perf and
ring buffer events, trace_pipe, perf events, raw tracepoints, symbols and helpers."""
import ctypes as ct
import os
import subprocess
import time

import pytest

import bccrs
from bccrs import BPF, PerfType, PerfSWConfig

LIBC = ct.CDLL(None, use_errno=True)
SYS_getpid = 39


def getpid_n(n):
    for _ in range(n):
        LIBC.syscall(SYS_getpid)


COUNT_PROG = r"""
BPF_HASH(counts, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    counts.increment(tgid);
    return 0;
}
"""


def test_counts_child_process(waiting):
    w = waiting("getpid", 137)
    with BPF(text=COUNT_PROG) as b:
        assert b.num_open_tracepoints() == 1
        assert list(b.tracepoint_fds) == [b"syscalls:sys_enter_getpid"]
        w.run()
        counts = b["counts"]
        assert counts[counts.Key(w.pid)].value == 137


def test_counts_own_process_and_detach():
    pid = os.getpid()
    with BPF(text=COUNT_PROG) as b:
        counts = b.get_table("counts")
        getpid_n(25)
        assert counts[pid].value == 25
        getpid_n(5)
        assert counts[pid].value == 30
        b.detach_tracepoint("syscalls:sys_enter_getpid")
        assert b.num_open_tracepoints() == 0
        getpid_n(5)
        assert counts[pid].value == 30
        b.attach_tracepoint(tp="syscalls:sys_enter_getpid",
                            fn_name="tracepoint__syscalls__sys_enter_getpid")
        getpid_n(2)
        assert counts[pid].value == 32
        with pytest.raises(Exception, match="is not attached"):
            b.detach_tracepoint("sched:sched_switch")


def test_explicit_tracepoint_and_raw_tracepoint():
    pid = os.getpid()
    prog = r"""
    BPF_ARRAY(c, u64, 2);
    int on_tp(void *ctx) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        c.increment(0);
        return 0;
    }
    RAW_TRACEPOINT_PROBE(sys_enter) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        if (ctx->args[1] == 39) c.increment(1);
        return 0;
    }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % pid]) as b:
        assert list(b.raw_tracepoint_fds) == [b"sys_enter"]
        b.attach_tracepoint(tp=b"syscalls:sys_enter_getpid", fn_name=b"on_tp")
        getpid_n(11)
        c = b["c"]
        assert c[0].value == 11 and c[1].value == 11
        b.detach_raw_tracepoint(b"sys_enter")
        getpid_n(1)
        assert c[0].value == 12 and c[1].value == 11
        with pytest.raises(Exception, match="Raw tracepoint b'sys_enter' is not attached"):
            b.detach_raw_tracepoint(b"sys_enter")
        b.attach_raw_tracepoint(tp=b"sys_enter", fn_name=b"raw_tracepoint__sys_enter")
        with pytest.raises(Exception, match="has been attached"):
            b.attach_raw_tracepoint(tp=b"sys_enter", fn_name=b"raw_tracepoint__sys_enter")


def test_tracepoint_regex():
    pid = os.getpid()
    prog = r"""
    BPF_HASH(c, u32, u64);
    int on_tp(void *ctx) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        u32 k = bpf_get_smp_processor_id() * 0;
        c.increment(k);
        return 0;
    }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % pid]) as b:
        b.attach_tracepoint(tp_re=b"syscalls:sys_enter_get(pid|pgid)$", fn_name=b"on_tp")
        assert b.num_open_tracepoints() == 2
        getpid_n(3)
        os.getpgid(0)
        assert b["c"][0].value == 4


EVENT_PROG = r"""
struct data_t { u32 pid; u64 n; char comm[16]; int neg; };
BPF_PERF_OUTPUT(events);
BPF_RINGBUF_OUTPUT(rb, 8);
BPF_HASH(seq, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    struct data_t d = {};
    d.pid = bpf_get_current_pid_tgid() >> 32;
    if (d.pid != TARGET) return 0;
    u64 *s = seq.lookup(&d.pid);
    u64 n = s ? *s + 1 : 1;
    seq.update(&d.pid, &n);
    d.n = n;
    d.neg = -(int)n;
    bpf_get_current_comm(&d.comm, sizeof(d.comm));
    events.perf_submit(args, &d, sizeof(d));
    if (n % 2)
        rb.ringbuf_output(&d, sizeof(d), 0);
    else {
        struct data_t *r = rb.ringbuf_reserve(sizeof(struct data_t));
        if (!r) return 0;
        __builtin_memcpy(r, &d, sizeof(d));
        rb.ringbuf_submit(r, 0);
    }
    return 0;
}
"""


def test_perf_and_ring_buffer_events(waiting):
    w = waiting("getpid", 6)
    with BPF(text=EVENT_PROG, cflags=["-DTARGET=%d" % w.pid]) as b:
        got, rgot, ctxs = [], [], []

        def on_event(cpu, data, size):
            assert size >= ct.sizeof(b["events"].event(data).__class__)
            e = b["events"].event(data)
            got.append((e.pid, e.n, e.comm, e.neg))

        def on_ring(ctx, data, size):
            ctxs.append(ctx)
            e = b["rb"].event(data)
            rgot.append((e.pid, e.n, e.comm, e.neg))

        b["events"].open_perf_buffer(on_event, page_cnt=4)
        b["rb"].open_ring_buffer(on_ring, ctx=7)
        w.run()
        deadline = time.time() + 5
        while (len(got) < 6 or len(rgot) < 6) and time.time() < deadline:
            b.perf_buffer_poll(timeout=100)
            b.ring_buffer_poll(timeout=100)
        expected = [(w.pid, i, b"tgt", -i) for i in range(1, 7)]
        assert got == expected
        assert rgot == expected
        assert ctxs == [7] * 6
        # nothing more arrives; consume returns at once
        b.ring_buffer_consume()
        b.perf_buffer_poll(timeout=0)
        assert len(got) == 6 and len(rgot) == 6
        with pytest.raises(Exception, match="power of two"):
            b["events"].open_perf_buffer(on_event, page_cnt=3)


def test_several_buffers_are_waited_on_together(waiting):
    """Two perf buffers and two ring buffers: one poll call waits on all of them (their epoll
    fds) and delivers each event to its own buffer's callback."""
    prog = r"""
    struct data_t { u64 n; };
    BPF_PERF_OUTPUT(odd);
    BPF_PERF_OUTPUT(even);
    BPF_RINGBUF_OUTPUT(rodd, 8);
    BPF_RINGBUF_OUTPUT(reven, 8);
    BPF_ARRAY(seq, u64, 1);
    TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        struct data_t d = { .n = seq.inc_and_return(0) };
        if (d.n % 2) { odd.perf_submit(args, &d, sizeof(d)); rodd.ringbuf_output(&d, sizeof(d), 0); }
        else { even.perf_submit(args, &d, sizeof(d)); reven.ringbuf_output(&d, sizeof(d), 0); }
        return 0;
    }
    """
    w = waiting("getpid", 6)
    with BPF(text=prog, cflags=["-DTARGET=%d" % w.pid]) as b:
        got = {"odd": [], "even": [], "rodd": [], "reven": []}

        def perf_cb(name):
            return lambda cpu, data, size: got[name].append(b[name].event(data).n)

        def ring_cb(name):
            return lambda ctx, data, size: got[name].append(b[name].event(data).n)

        for n in ("odd", "even"):
            b[n].open_perf_buffer(perf_cb(n))
        for n in ("rodd", "reven"):
            b[n].open_ring_buffer(ring_cb(n))
        w.run()
        deadline = time.time() + 10
        while sum(len(v) for v in got.values()) < 12 and time.time() < deadline:
            b.perf_buffer_poll(timeout=2000)
            b.ring_buffer_poll(timeout=2000)
        assert got == {"odd": [1, 3, 5], "even": [2, 4, 6], "rodd": [1, 3, 5], "reven": [2, 4, 6]}
        # Nothing more: a poll with a timeout returns 0 when it ends.
        assert b.perf_buffer_poll(timeout=50) == 0
        assert b.ring_buffer_poll(timeout=50) == 0

    # A poll already waiting is woken by an event that comes later, on either buffer.
    import threading
    w2 = waiting("getpid", 1)
    with BPF(text=prog, cflags=["-DTARGET=%d" % w2.pid]) as b:
        got = {"odd": [], "even": []}
        for n in ("odd", "even"):
            b[n].open_perf_buffer(lambda cpu, data, size, n=n: got[n].append(b[n].event(data).n))
        t = threading.Timer(0.3, w2.run)
        t.start()
        assert b.perf_buffer_poll(timeout=10000) > 0
        t.join()
        assert got == {"odd": [1], "even": []}


def test_callback_exit_ends_poll(waiting):
    w = waiting("getpid", 3)
    with BPF(text=EVENT_PROG, cflags=["-DTARGET=%d" % w.pid]) as b:
        seen = []

        def on_event(cpu, data, size):
            seen.append(1)
            raise SystemExit(3)

        b["events"].open_perf_buffer(on_event)
        w.run()
        with pytest.raises(SystemExit):
            for _ in range(20):
                b.perf_buffer_poll(timeout=100)
        assert seen


def test_ring_buffer_without_buffers():
    with BPF(text=COUNT_PROG) as b:
        with pytest.raises(Exception, match="No ring buffers to poll"):
            b.ring_buffer_poll(0)


def test_trace_fields(waiting):
    w = waiting("getpid", 3)
    prog = r"""
    TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
        u32 pid = bpf_get_current_pid_tgid() >> 32;
        if (pid != TARGET) return 0;
        bpf_trace_printk("bccrs-test %d marker\n", pid);
        return 0;
    }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % w.pid]) as b:
        # drain what is already there
        while b.trace_readline(nonblocking=True):
            pass
        w.run()
        found = []
        deadline = time.time() + 5
        while len(found) < 3 and time.time() < deadline:
            f = b.trace_fields(nonblocking=True)
            if f[0] is None:
                time.sleep(0.05)
                continue
            task, pid, cpu, flags, ts, msg = f
            if msg == b"bccrs-test %d marker" % w.pid:
                found.append((task, pid, cpu, flags, ts))
        assert len(found) == 3
        for task, pid, cpu, flags, ts in found:
            assert task == b"tgt" and pid == w.pid
            assert isinstance(cpu, int) and isinstance(ts, float)
        assert b.trace_fields(nonblocking=True) == (None,) * 6 or True


def test_perf_event_sampling():
    prog = r"""
    #include <uapi/linux/bpf_perf_event.h>
    BPF_ARRAY(samples, u64, 1);
    int on_sample(struct bpf_perf_event_data *ctx) {
        samples.increment(0);
        return 0;
    }
    """
    with BPF(text=prog) as b:
        b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK,
                            fn_name="on_sample", sample_freq=999)
        t = time.time()
        while time.time() - t < 0.3:
            pass
        n1 = b["samples"][0].value
        assert n1 > 0
        b.detach_perf_event(PerfType.SOFTWARE, PerfSWConfig.CPU_CLOCK)
        time.sleep(0.05)
        n2 = b["samples"][0].value
        time.sleep(0.1)
        assert b["samples"][0].value == n2
        # sample_period on one CPU: perf_event_open from Python
        b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.TASK_CLOCK,
                            fn_name="on_sample", sample_period=1000000, pid=os.getpid())
        t = time.time()
        while time.time() - t < 0.2:
            pass
        assert b["samples"][0].value > n2
        b.detach_perf_event(PerfType.SOFTWARE, PerfSWConfig.TASK_CLOCK)
        with pytest.raises(Exception, match="not attached"):
            b.detach_perf_event(PerfType.SOFTWARE, PerfSWConfig.TASK_CLOCK)


def test_kprobe_failure_is_reported_like_bcc():
    prog = r"""
    int kprobe__do_nanosleep(struct pt_regs *ctx) { return 0; }
    """
    if os.path.exists("/sys/bus/event_source/devices/kprobe"):
        with BPF(text=prog) as b:
            assert b.num_open_kprobes() == 1
        return
    with pytest.raises(Exception) as e:
        BPF(text=prog)
    assert str(e.value) == (
        "Failed to attach BPF program b'kprobe__do_nanosleep' to kprobe b'do_nanosleep', "
        "it's not traceable (either non-existing, inlined, or marked as \"notrace\")")
    with BPF(text="int on_x(struct pt_regs *ctx) { return 0; }") as b:
        with pytest.raises(Exception, match="Failed to attach BPF program b'on_x' to kprobe b'vfs_read'"):
            b.attach_kprobe(event="vfs_read", fn_name="on_x")
        assert b.num_open_kprobes() == 0


def test_compile_error_raises():
    with pytest.raises(Exception, match=r"Failed to compile BPF module <text>"):
        BPF(text="int f(void *ctx) { return undefined_thing; }")


def test_src_file_and_cflags(tmp_path):
    src = tmp_path / "prog.c"
    src.write_text(COUNT_PROG.replace("counts.increment(tgid);", "counts.increment(tgid, INC);"))
    (tmp_path / "inc.h").write_text("#define UNUSED 1\n")
    pid = os.getpid()
    with BPF(src_file=str(src).encode(), cflags=["-DINC=3"]) as b:
        getpid_n(2)
        assert b["counts"][pid].value == 6
    with pytest.raises(Exception, match="Could not find file"):
        BPF(src_file=b"does-not-exist.c")


def test_load_func_and_unknown_program():
    with BPF(text=COUNT_PROG) as b:
        fn = b.load_func("tracepoint__syscalls__sys_enter_getpid", BPF.TRACEPOINT)
        assert isinstance(fn, BPF.Function) and fn.fd >= 0
        assert fn.name == b"tracepoint__syscalls__sys_enter_getpid"
        assert len(b.dump_func("tracepoint__syscalls__sys_enter_getpid")) % 8 == 0
        with pytest.raises(Exception, match="Unknown program"):
            b.load_func("nope", BPF.KPROBE)
        with pytest.raises(KeyError):
            b["nope"]


def test_cleanup_and_context_manager():
    b = BPF(text=COUNT_PROG)
    t = b["counts"]
    b.cleanup()
    b.cleanup()  # twice is fine
    with pytest.raises(Exception, match="closed"):
        t.items()


def test_helpers_and_symbols():
    b = BPF
    assert b.get_syscall_fnname(BPF.__new__(BPF), b"getpid") in (b"__x64_sys_getpid", b"sys_getpid",
                                                                   b"__arm64_sys_getpid")
    assert BPF.tracepoint_exists("sched", "sched_switch")
    assert not BPF.tracepoint_exists("sched", "no_such_event")
    assert BPF.support_raw_tracepoint()
    addr = BPF.ksymname("do_nanosleep")
    assert addr > 0
    assert BPF.ksym(addr) == b"do_nanosleep"
    assert BPF.ksym(addr + 4, show_offset=True) == b"do_nanosleep+0x4"
    assert BPF.ksym(addr, show_module=True, show_offset=True) == b"do_nanosleep+0x0 [kernel]"
    assert BPF.ksymname("no_such_symbol_hopefully") == -1
    assert BPF.sym(1, -1) == b"[unknown]"
    assert BPF.kernel_struct_has_field(b"task_struct", b"pid")
    assert not BPF.kernel_struct_has_field(b"task_struct", b"no_such_field")
    assert BPF.SOCKET_FILTER == 1 and BPF.XDP == 6 and BPF.TRACEPOINT == 5
    assert isinstance(BPF.monotonic_time(), float)
    assert b"syscalls:sys_enter_getpid" in BPF.get_tracepoints(b"syscalls:sys_enter_getp.*")
    assert bccrs.utils.get_online_cpus()


def test_user_symbols(target_bin):
    p = subprocess.Popen([target_bin, "wait", "call", "1"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    try:
        time.sleep(0.2)
        from bccrs.elf import Elf
        e = Elf(target_bin)
        vaddr = e.functions()["bccrs_target_fn"]
        e.close()
        # the executable is PIE: find its load base in the process's maps
        base = None
        with open("/proc/%d/maps" % p.pid) as f:
            for line in f:
                parts = line.split()
                if parts[-1] == target_bin and int(parts[2], 16) == 0:
                    base = int(parts[0].split("-")[0], 16)
                    break
        assert base is not None
        addr = base + vaddr
        assert BPF.sym(addr, p.pid) == b"bccrs_target_fn"
        assert BPF.sym(addr + 2, p.pid, show_offset=True, show_module=True) == \
            b"bccrs_target_fn+0x2 [tgt]"
    finally:
        p.communicate(b"go\n")


def test_detach_one_of_two_attachments():
    pid = os.getpid()
    prog = r"""
    BPF_ARRAY(c, u64, 1);
    TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        c.increment(0);
        return 0;
    }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % pid]) as b:
        fn = "tracepoint__syscalls__sys_enter_getpid"
        b.attach_tracepoint(tp="syscalls:sys_enter_getpgid", fn_name=fn)
        getpid_n(2)
        os.getpgid(0)
        assert b["c"][0].value == 3
        b.detach_tracepoint("syscalls:sys_enter_getpgid")  # the auto-attached one stays
        getpid_n(2)
        os.getpgid(0)
        assert b["c"][0].value == 5
        # And the other way round: the auto-attachment goes, the explicit one stays.
        b.attach_tracepoint(tp="syscalls:sys_enter_getpgid", fn_name=fn)
        b.detach_tracepoint("syscalls:sys_enter_getpid")
        getpid_n(2)
        os.getpgid(0)
        assert b["c"][0].value == 6


def test_program_type_from_load_func():
    """BCC types programs at load_func; bccrs compiles the function again in that section."""
    from bccrs import _sys
    pid = os.getpid()
    prog = r"""
    struct my_args { u64 pad; long id; };
    BPF_ARRAY(c, u64, 1);
    int on_tp(struct my_args *args) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        c.increment(0);
        return 0;
    }
    int filt(struct __sk_buff *skb) { return 0; }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % pid]) as b:
        c = b["c"]  # taken before the object is loaded again
        assert _sys.prog_info(b.load_func("filt", BPF.SOCKET_FILTER).fd)[0] == BPF.SOCKET_FILTER
        b.attach_tracepoint(tp="syscalls:sys_enter_getpid", fn_name="on_tp")
        assert _sys.prog_info(b.load_func("on_tp", BPF.TRACEPOINT).fd)[0] == BPF.TRACEPOINT
        fn = b.load_func("filt", BPF.SCHED_CLS)
        assert _sys.prog_info(fn.fd)[0] == BPF.SCHED_CLS
        getpid_n(3)  # the tracepoint attachment survived the second load
        assert c[0].value == 3


def test_tables_keep_their_contents_when_a_program_is_loaded_again():
    from bccrs import _sys
    prog = r"""
    BPF_HASH(settings, u32, u64);
    BPF_ARRAY(seen, u64, 1);
    int filt(struct __sk_buff *skb) { return 0; }
    """
    with BPF(text=prog) as b:
        b["settings"][b["settings"].Key(7)] = b["settings"].Leaf(42)
        b["seen"][0] = b["seen"].Leaf(5)
        id_before = _sys.map_info(b["settings"].map_fd)[1]
        fn = b.load_func("filt", BPF.SCHED_CLS)  # compiled and loaded again as a tc program
        assert _sys.prog_info(fn.fd)[0] == BPF.SCHED_CLS
        assert b["settings"][b["settings"].Key(7)].value == 42
        assert b["seen"][0].value == 5
        # The very same kernel map, not a copy.
        assert _sys.map_info(b["settings"].map_fd)[1] == id_before


def test_event_buffers_survive_a_program_loaded_again():
    prog = r"""
    struct data_t { u64 n; };
    BPF_PERF_OUTPUT(events);
    BPF_RINGBUF_OUTPUT(rb, 8);
    BPF_ARRAY(seq, u64, 1);
    TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        struct data_t d = { .n = seq.inc_and_return(0) };
        events.perf_submit(args, &d, sizeof(d));
        rb.ringbuf_output(&d, sizeof(d), 0);
        return 0;
    }
    int filt(struct __sk_buff *skb) { return 0; }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % os.getpid()]) as b:
        got = []
        b["events"].open_perf_buffer(lambda c, d, s: got.append(("perf", b["events"].event(d).n)))
        b["rb"].open_ring_buffer(lambda c, d, s: got.append(("ring", b["rb"].event(d).n)))
        getpid_n(1)
        b.load_func("filt", BPF.SCHED_CLS)  # the object is compiled and loaded again
        getpid_n(1)
        deadline = time.time() + 5
        while len(got) < 4 and time.time() < deadline:
            b.perf_buffer_poll(200)
            b.ring_buffer_poll(200)
        assert sorted(got) == [("perf", 1), ("perf", 2), ("ring", 1), ("ring", 2)]


def test_functions_retyped_together_and_back():
    """funccount's pattern: one `void *ctx` function per tracepoint. The first load as a
    tracepoint retypes its untouched siblings too; one loaded later with another type is
    retyped back, and every attachment counts exactly."""
    from bccrs import _sys
    prog = r"""
    BPF_ARRAY(c, u64, 3);
    int f0(void *ctx) { if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0; c.increment(0); return 0; }
    int f1(void *ctx) { if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0; c.increment(1); return 0; }
    int f2(void *ctx) { return 0; }
    """
    with BPF(text=prog, cflags=["-DTARGET=%d" % os.getpid()]) as b:
        b.attach_tracepoint(tp="syscalls:sys_enter_getpid", fn_name="f0")
        assert _sys.prog_info(_clib_fd(b, b"f1"))[0] == BPF.TRACEPOINT, "retyped with f0"
        b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="f1")
        assert _sys.prog_info(b.load_func("f2", BPF.KPROBE).fd)[0] == BPF.KPROBE, "retyped back"
        getpid_n(3)
        os.getppid()
        assert [b["c"][i].value for i in range(2)] == [3, 1]


def _clib_fd(b, name):
    from bccrs._lib import lib
    return lib.bccrs_program_fd(b._handle(), name)


def test_compile_warnings_go_to_stderr(capfd):
    text = r"""
    TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
        bpf_trace_printk("ratio %f\n", 1);
        return 0;
    }
    """
    b = BPF(text=text)
    b.cleanup()
    err = capfd.readouterr().err
    assert "warning: bpf_trace_printk will print nothing: `%f` is not a conversion the kernel supports" in err
    # Shown again when the object comes from the cache.
    BPF(text=text).cleanup()
    assert "`%f` is not a conversion" in capfd.readouterr().err


def test_table_named_like_a_kernel_typedef():
    # vmlinux.h has `typedef ... config;`: the C name is renamed, the table keeps its name.
    with BPF(text="BPF_HASH(config, u32, u64);\nBPF_PERCPU_QUEUE(port_id, u64, 4);\n") as b:
        t = b["config"]
        t[t.Key(3)] = t.Leaf(9)
        assert b.get_table("config")[t.Key(3)].value == 9
        # What the compiler recorded about a renamed table is found by its own name too.
        assert type(b["port_id"]).__name__ == "PerCpuQueueStack"
