"""`python3 -m bccrs.compat script.py`: an unmodified BCC-style script runs on bccrs."""
import os
import subprocess
import sys

import pytest

PYDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r'''
from __future__ import print_function
import bcc
from bcc import BPF
from bcc.utils import printb
import bcc.table
from bcc.syscall import syscall_name
import ctypes as ct
import os, sys

assert bcc.BPF is BPF and BPF.__module__.startswith("bccrs")
target = int(sys.argv[1])
b = BPF(text="""
BPF_HASH(counts, u32, u64);
BPF_HISTOGRAM(dist);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    if (tgid != TARGET) return 0;
    counts.increment(tgid);
    return 0;
}
""", cflags=["-DTARGET=%d" % target])
sys.stdout.write("ready\n")
sys.stdout.flush()
sys.stdin.readline()
for k, v in b["counts"].items():
    printb(b"pid %d count %d" % (k.value, v.value))
dist = b.get_table("dist")
dist[dist.Key(3)] = dist.Leaf(5)
dist.print_log2_hist("usecs")
print(syscall_name(39).decode(), isinstance(b["dist"], bcc.table.Array))
'''


def test_compat_runs_bcc_script(tmp_path, waiting):
    script = tmp_path / "tool.py"
    script.write_text(SCRIPT)
    w = waiting("getpid", 42)
    env = dict(os.environ)
    env["PYTHONPATH"] = PYDIR + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    p = subprocess.Popen([sys.executable, "-m", "bccrs.compat", str(script), str(w.pid)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env)
    assert p.stdout.readline() == b"ready\n", p.stderr.read().decode()
    w.run()
    out, err = p.communicate(b"\n", timeout=60)
    assert p.returncode == 0, err.decode()
    assert out.decode() == (
        "pid %d count 42\n" % w.pid +
        "     usecs               : count     distribution\n"
        "         0 -> 1          : 0        |                                        |\n"
        "         2 -> 3          : 0        |                                        |\n"
        "         4 -> 7          : 5        |****************************************|\n"
        "getpid True\n")


@pytest.mark.nokernel
def test_alias_modules_resolve():
    code = ("import bccrs.compat as c; c.install()\n"
            "import bcc, bcc.utils, bcc.table, bcc.syscall, bcc.usdt, bcc.perf, bcc.tcp, bcc.containers\n"
            "from bcc import BPF, USDT, PerfType, PerfSWConfig, ArgString, StrcmpRewrite\n"
            "from bcc.libbcc import lib, bcc_symbol, bcc_symbol_option\n"
            "import bccrs\n"
            "assert bcc is bccrs and bcc.utils is bccrs.utils and bcc.table is bccrs.table\n"
            "print('ok')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = PYDIR
    out = subprocess.check_output([sys.executable, "-c", code], env=env)
    assert out == b"ok\n"


@pytest.mark.nokernel
def test_compat_usage():
    env = dict(os.environ)
    env["PYTHONPATH"] = PYDIR
    r = subprocess.run([sys.executable, "-m", "bccrs.compat"], env=env, stderr=subprocess.PIPE)
    assert r.returncode == 2 and b"usage" in r.stderr
