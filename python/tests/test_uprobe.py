"""uprobes, uretprobes and USDT probes on a small test binary built with cc."""
import ctypes as ct
import os
import subprocess

import pytest

from bccrs import BPF, USDT
from bccrs.elf import Elf

PROG = r"""
#include <uapi/linux/ptrace.h>
BPF_HASH(calls, u32, u64);
BPF_HASH(rets, int, u64);
BPF_HASH(ticks, u64, u64);
int on_call(struct pt_regs *ctx, int x) { u32 k = x; calls.increment(k); return 0; }
int on_ret(struct pt_regs *ctx) { int r = PT_REGS_RC(ctx); rets.increment(r); return 0; }
int on_tick(struct pt_regs *ctx) {
    u64 a = 0, b = 0;
    bpf_usdt_readarg(1, ctx, &a);
    bpf_usdt_readarg(2, ctx, &b);
    ticks.increment(a * 1000 + b);
    return 0;
}
"""


def items(t):
    return sorted((k.value, v.value) for k, v in t.items())


def run(target_bin, *args):
    return subprocess.check_output([target_bin] + [str(a) for a in args])


def test_uprobe_and_uretprobe_by_symbol(target_bin):
    with BPF(text=PROG) as b:
        b.attach_uprobe(name=target_bin, sym="bccrs_target_fn", fn_name="on_call")
        b.attach_uretprobe(name=target_bin, sym=b"bccrs_target_fn", fn_name=b"on_ret")
        assert b.num_open_uprobes() == 2
        assert run(target_bin, "call", 4) == b"24\n"
        assert items(b["calls"]) == [(1, 1), (2, 1), (3, 1), (4, 1)]
        assert items(b["rets"]) == [(3, 1), (5, 1), (7, 1), (9, 1)]
        b.detach_uprobe(name=target_bin, sym="bccrs_target_fn")
        assert b.num_open_uprobes() == 1
        run(target_bin, "call", 2)
        assert items(b["calls"]) == [(1, 1), (2, 1), (3, 1), (4, 1)]
        assert items(b["rets"]) == [(3, 2), (5, 2), (7, 1), (9, 1)]
        b.detach_uretprobe(name=target_bin, sym="bccrs_target_fn")
        assert b.num_open_uprobes() == 0


def test_uprobe_by_address_and_regex(target_bin):
    e = Elf(target_bin)
    addr = e.functions()["bccrs_target_fn"]
    e.close()
    with BPF(text=PROG) as b:
        b.attach_uprobe(name=target_bin, addr=addr, fn_name="on_call")
        run(target_bin, "call", 3)
        assert items(b["calls"]) == [(1, 1), (2, 1), (3, 1)]
        b.detach_uprobe(name=target_bin, addr=addr)
        b["calls"].clear()
        b.attach_uprobe(name=target_bin, sym_re=r"^bccrs_target_f.*", fn_name="on_call")
        assert b.num_open_uprobes() == 1
        run(target_bin, "call", 2)
        assert items(b["calls"]) == [(1, 1), (2, 1)]


def test_uprobe_pid_filter(target_bin, waiting):
    w = waiting("call", 2)
    with BPF(text=PROG) as b:
        b.attach_uprobe(name=target_bin, sym="bccrs_target_fn", fn_name="on_call", pid=w.pid)
        run(target_bin, "call", 5)  # another process: not counted
        w.run()
        assert items(b["calls"]) == [(1, 1), (2, 1)]


def test_detach_one_of_two_attachments_of_a_program(target_bin, waiting):
    first, second = waiting("call", 2), waiting("call", 3)
    with BPF(text=PROG) as b:
        b.attach_uprobe(name=target_bin, sym="bccrs_target_fn", fn_name="on_call", pid=first.pid)
        b.attach_uprobe(name=target_bin, sym="bccrs_target_fn", fn_name="on_call", pid=second.pid)
        assert b.num_open_uprobes() == 2
        b.detach_uprobe(name=target_bin, sym="bccrs_target_fn", pid=first.pid)
        assert b.num_open_uprobes() == 1
        first.run()
        second.run()
        # Only the second process's calls: x = 1, 2, 3.
        assert items(b["calls"]) == [(1, 1), (2, 1), (3, 1)]
        b.detach_uprobe(name=target_bin, sym="bccrs_target_fn", pid=second.pid)
        assert b.num_open_uprobes() == 0


def test_uprobe_on_library_short_name():
    prog = r"""
    BPF_ARRAY(n, u64, 1);
    int on_getpid(struct pt_regs *ctx) {
        if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
        n.increment(0);
        return 0;
    }
    """
    pid = os.getpid()
    with BPF(text=prog, cflags=["-DTARGET=%d" % pid]) as b:
        assert BPF.find_library("c").startswith(b"/")
        b.attach_uprobe(name="c", sym="getpid", fn_name="on_getpid")
        libc = ct.CDLL("libc.so.6")
        for _ in range(4):
            libc.getpid()
        assert b["n"][0].value == 4


def _has_usdt(target_bin):
    e = Elf(target_bin)
    notes = e.usdt_notes()
    e.close()
    return bool(notes)


def test_usdt_by_path(target_bin):
    if not _has_usdt(target_bin):
        pytest.skip("sys/sdt.h is not installed (systemtap-sdt-dev)")
    u = USDT(path=target_bin)
    probes = u.enumerate_probes()
    assert [(p.provider, p.name, p.num_arguments) for p in probes] == [(b"bccrs_test", b"tick", 2)]
    u.enable_probe(probe="tick", fn_name="on_tick")
    with BPF(text=PROG, usdt_contexts=[u]) as b:
        assert b.num_open_uprobes() == 1
        run(target_bin, "call", 3)
        assert items(b["ticks"]) == [(1010, 1), (2020, 1), (3030, 1)]


def test_usdt_by_pid(target_bin, waiting):
    if not _has_usdt(target_bin):
        pytest.skip("sys/sdt.h is not installed (systemtap-sdt-dev)")
    w = waiting("call", 2)
    import time
    time.sleep(0.1)  # let the process map its executable
    u = USDT(pid=w.pid)
    u.enable_probe(probe="bccrs_test:tick", fn_name="on_tick")
    with BPF(text=PROG, usdt_contexts=[u]) as b:
        run(target_bin, "call", 4)  # another process: not counted
        w.run()
        assert items(b["ticks"]) == [(1010, 1), (2020, 1)]
    with pytest.raises(Exception, match="Failed to enable USDT probe 'nope'"):
        USDT(path=target_bin).enable_probe("nope", "on_tick")
