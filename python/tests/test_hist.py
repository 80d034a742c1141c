"""print_log2_hist / print_linear_hist: BCC's exact format, on tables filled from user space
and by the kernel; compared with real BCC's _print_log2_hist when python3-bpfcc is there."""
import ctypes as ct
import json
import os
import subprocess
import sys

import pytest

from bccrs import BPF
from bccrs.table import _print_log2_hist, _print_linear_hist

LOG2_EXPECTED = """\
     usecs               : count     distribution
         0 -> 1          : 3        |************                            |
         2 -> 3          : 10       |****************************************|
         4 -> 7          : 0        |                                        |
         8 -> 15         : 7        |****************************            |
        16 -> 31         : 1        |****                                    |
"""

LOG2_STRIPPED = """\
     value               : count     distribution
         4 -> 7          : 5        |****************************************|
         8 -> 15         : 0        |                                        |
        16 -> 31         : 2        |****************                        |
"""

LINEAR_EXPECTED = """\
     msecs         : count     distribution
        0          : 0        |                                        |
        1          : 0        |                                        |
        2          : 4        |*****************                       |
        3          : 9        |****************************************|
        4          : 0        |                                        |
        5          : 2        |********                                |
"""

WIDE_EXPECTED_TAIL = """\
       1099511627776 -> 2199023255551        : 1        |**********          |
       2199023255552 -> 4398046511103        : 2        |********************|
"""

SYSTEM_PYTHON = "/usr/bin/python3"


def bcc_output(func, vals, val_type, strip):
    """Real BCC's printing of `vals` (None when python3-bpfcc is not installed)."""
    if not os.path.exists(SYSTEM_PYTHON):
        return None
    code = ("import sys, json\n"
            "try:\n"
            "    from bcc.table import %s as f\n"
            "except Exception:\n"
            "    sys.exit(77)\n"
            "a = json.loads(sys.argv[1])\n"
            "f(a[0], a[1], a[2])\n" % func)
    # Run from / so that this checkout's python/ directory is not on the path.
    r = subprocess.run([SYSTEM_PYTHON, "-c", code, json.dumps([vals, val_type, strip])],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/",
                       env={"PATH": "/usr/bin:/bin"})
    if r.returncode == 77:
        return None
    assert r.returncode == 0, r.stderr
    return r.stdout.decode()


def log2_vals(d):
    v = [0] * 65
    for k, c in d.items():
        v[k] = c
    return v


@pytest.mark.nokernel
@pytest.mark.parametrize("vals,val_type,strip,expected", [
    (log2_vals({1: 3, 2: 10, 4: 7, 5: 1}), "usecs", None, LOG2_EXPECTED),
    (log2_vals({3: 5, 5: 2}), "value", True, LOG2_STRIPPED),
])
def test_log2_format_fixed(capsys, vals, val_type, strip, expected):
    _print_log2_hist(vals, val_type, strip)
    out = capsys.readouterr().out
    assert out == expected
    ref = bcc_output("_print_log2_hist", vals, val_type, strip)
    if ref is not None:
        assert out == ref


@pytest.mark.nokernel
def test_log2_wide_and_empty(capsys):
    vals = log2_vals({41: 1, 42: 2})
    _print_log2_hist(vals, "nsecs", None)
    out = capsys.readouterr().out
    assert out.startswith("               nsecs                         : count     distribution\n")
    assert out.endswith(WIDE_EXPECTED_TAIL)
    assert len(out.splitlines()) == 43
    ref = bcc_output("_print_log2_hist", vals, "nsecs", None)
    if ref is not None:
        assert out == ref
    _print_log2_hist([0] * 65, "value", None)
    assert capsys.readouterr().out == ""


@pytest.mark.nokernel
def test_linear_format(capsys):
    vals = [0, 0, 4, 9, 0, 2] + [0] * 1019
    _print_linear_hist(vals, "msecs", None)
    out = capsys.readouterr().out
    assert out == LINEAR_EXPECTED
    ref = bcc_output("_print_linear_hist", vals, "msecs", None)
    if ref is not None:
        assert out == ref
    _print_linear_hist(vals, "msecs", True)
    out = capsys.readouterr().out
    assert out == LINEAR_EXPECTED.replace(
        "        0          : 0        |                                        |\n"
        "        1          : 0        |                                        |\n", "")


HIST_PROG = r"""
BPF_HISTOGRAM(dist);
BPF_HISTOGRAM(lin, int, 16);
typedef struct disk_key { char disk[8]; u64 slot; } disk_key_t;
BPF_HISTOGRAM(bydisk, disk_key_t);
typedef struct pid_key { u32 pid; u64 slot; } pid_key_t;
BPF_HISTOGRAM(bypid, pid_key_t);
TRACEPOINT_PROBE(syscalls, sys_enter_write) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    dist.increment(bpf_log2l(args->count));
    lin.increment(args->count < 15 ? (int)args->count : 15);
    pid_key_t k;
    __builtin_memset(&k, 0, sizeof(k));
    k.pid = pid;
    k.slot = bpf_log2l(args->count);
    bypid.increment(k);
    return 0;
}
"""


def test_table_log2_from_user_space(capsys):
    with BPF(text=HIST_PROG, cflags=["-DTARGET=0"]) as b:
        dist = b["dist"]
        for slot, count in {1: 3, 2: 10, 4: 7, 5: 1}.items():
            dist[dist.Key(slot)] = dist.Leaf(count)
        dist.print_log2_hist("usecs")
        assert capsys.readouterr().out == LOG2_EXPECTED
        lin = b["lin"]
        for slot, count in {2: 4, 3: 9, 5: 2}.items():
            lin[slot] = lin.Leaf(count)
        lin.print_linear_hist("msecs")
        assert capsys.readouterr().out == LINEAR_EXPECTED


def test_table_log2_from_kernel(capsys, waiting):
    # write sizes 1, 3, 3, 100, 5000: log2 slots 1, 2, 2, 7, 13
    w = waiting("write", 1, 3, 3, 100, 5000)
    with BPF(text=HIST_PROG, cflags=["-DTARGET=%d" % w.pid]) as b:
        w.run()
        dist = b["dist"]
        got = {k.value: v.value for k, v in dist.items() if v.value}
        assert got == {1: 1, 2: 2, 7: 1, 13: 1}
        dist.print_log2_hist("bytes")
        out = capsys.readouterr().out
        vals = log2_vals(got)
        _print_log2_hist(vals, "bytes", None)
        assert out == capsys.readouterr().out
        ref = bcc_output("_print_log2_hist", vals, "bytes", None)
        if ref is not None:
            assert out == ref
        assert out.splitlines()[0] == "     bytes               : count     distribution"
        assert out.splitlines()[7] == \
            "        64 -> 127        : 1        |********************                    |"

        lin = b["lin"]
        assert {k.value: v.value for k, v in lin.items() if v.value} == {1: 1, 3: 2, 15: 2}

        # A struct key: one histogram per bucket (the pid), with BCC's section header.
        b["bypid"].print_log2_hist("bytes", "pid")
        out = capsys.readouterr().out
        assert out.startswith("\npid = %d\n" % w.pid)
        assert out[len("\npid = %d\n" % w.pid):] == _capture(_print_log2_hist, vals, "bytes", None)


def _capture(f, *args):
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        f(*args)
    return buf.getvalue()


def test_struct_key_sections(capsys):
    with BPF(text=HIST_PROG, cflags=["-DTARGET=0"]) as b:
        t = b["bydisk"]
        K = t.Key
        assert [f[0] for f in K._fields_][:2] == ["disk", "slot"]
        for disk, slot, n in [(b"sda", 1, 2), (b"sda", 3, 4), (b"nvme0", 2, 1)]:
            t[K(disk, slot)] = t.Leaf(n)
        t.print_log2_hist("usecs", "disk", section_print_fn=lambda d: d.decode(),
                          bucket_sort_fn=sorted)
        out = capsys.readouterr().out
        expected = ("\ndisk = nvme0\n" + _capture(_print_log2_hist, log2_vals({2: 1}), "usecs", None) +
                    "\ndisk = sda\n" + _capture(_print_log2_hist, log2_vals({1: 2, 3: 4}), "usecs", None))
        assert out == expected
        # bucket_fn maps the bucket; %r of bytes without section_print_fn, as BCC prints it
        t.print_log2_hist("usecs", "disk", bucket_fn=lambda d: d[:2], bucket_sort_fn=sorted,
                          strip_leading_zero=True)
        out = capsys.readouterr().out
        assert out.startswith("\ndisk = b'nv'\n")
        assert "\ndisk = b'sd'\n" in out
