"""Ctrl-C while event callbacks run: every SIGINT ends the poll with KeyboardInterrupt (raised
once the poll returns), for perf and ring buffers alike; none is swallowed by ctypes
("Exception ignored on calling ctypes callback function")."""
import os
import random
import select
import signal
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)

CHILD = r"""
import os, sys, threading, time
sys.path.insert(0, %(pydir)r)
from bccrs import BPF
kind = sys.argv[1]
prog = '''
struct data_t { u64 n; };
BPF_PERF_OUTPUT(perf);
BPF_RINGBUF_OUTPUT(ring, 8);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != TARGET) return 0;
    struct data_t d = {.n = 1};
    if (KIND == 0) perf.perf_submit(args, &d, sizeof(d));
    else ring.ringbuf_output(&d, sizeof(d), 0);
    return 0;
}
'''
b = BPF(text=prog, cflags=["-DTARGET=%%d" %% os.getpid(), "-DKIND=%%d" %% (kind == "ring")])
def busy(*a):
    # Python work, so the signal lands inside the callback's bytecode, wherever it is.
    x = 0
    for i in range(3000):
        x += i
if kind == "ring":
    b["ring"].open_ring_buffer(busy)
    poll = lambda: b.ring_buffer_poll(timeout=1000)
else:
    b["perf"].open_perf_buffer(busy)
    poll = lambda: b.perf_buffer_poll(timeout=1000)
def load():
    while True:
        os.getppid()
        time.sleep(0.0002)
threading.Thread(target=load, daemon=True).start()
print("ready", flush=True)
while True:
    try:
        poll()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
"""

ROUNDS = 100


def _readline(p, timeout):
    r, _, _ = select.select([p.stdout], [], [], timeout)
    return p.stdout.readline().strip() if r else None


@pytest.mark.parametrize("kind", ["perf", "ring"])
def test_every_sigint_during_callbacks_ends_the_poll(kind, tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD % {"pydir": PYDIR})
    p = subprocess.Popen([sys.executable, str(script), kind], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    try:
        assert _readline(p, 60) == "ready", p.stderr.read() if p.poll() is not None else ""
        for i in range(ROUNDS):
            time.sleep(random.uniform(0.0, 0.01))
            p.send_signal(signal.SIGINT)
            line = _readline(p, 5)
            assert line == "interrupted", "SIGINT %d of %d was not raised from the poll" % (i + 1, ROUNDS)
    finally:
        p.kill()
        _, err = p.communicate()
    assert "Exception ignored" not in err, err
