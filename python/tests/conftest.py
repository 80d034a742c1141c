"""Test setup: the bccrs package from this source tree, its library from the installed package
or from the repository's target/release (built with cargo when missing), root only."""
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)
REPO = os.path.dirname(PYDIR)
REPO_LIB = os.path.join(REPO, "target", "release", "libbccrs.so")

if PYDIR not in sys.path:
    sys.path.insert(0, PYDIR)


def _locate_library():
    if os.environ.get("BCCRS_LIB"):
        return
    if os.path.exists(os.path.join(PYDIR, "bccrs", "libbccrs.so")):
        return
    if not os.path.exists(REPO_LIB) and os.path.exists(os.path.join(REPO, "Cargo.toml")):
        env = dict(os.environ)
        if os.path.exists("/usr/bin/llvm-config-19"):
            env.setdefault("LLVM_CONFIG_PATH", "/usr/bin/llvm-config-19")
        cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
        subprocess.check_call([cargo, "build", "--release", "--lib"], cwd=REPO, env=env)
    if os.path.exists(REPO_LIB):
        os.environ["BCCRS_LIB"] = REPO_LIB


_locate_library()


def pytest_collection_modifyitems(config, items):
    if os.geteuid() != 0:
        skip = pytest.mark.skip(reason="bccrs Python tests load BPF programs: run as root")
        for item in items:
            if "nokernel" not in item.keywords:
                item.add_marker(skip)


def pytest_configure(config):
    config.addinivalue_line("markers", "nokernel: runs without root (no BPF syscalls)")


@pytest.fixture(scope="session")
def target_bin(tmp_path_factory):
    """A small C program: `tgt getpid N`, `tgt call N` (calls bccrs_target_fn(1..N), a USDT
    probe bccrs_test:tick(x, 10x) inside), `tgt write SIZE...`; `tgt wait CMD...` first waits
    for a line on stdin."""
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler")
    d = tmp_path_factory.mktemp("tgt")
    src = d / "tgt.c"
    src.write_text(TARGET_SOURCE)
    out = d / "tgt"
    flags = []
    if os.path.exists("/usr/include/x86_64-linux-gnu/sys/sdt.h") or os.path.exists("/usr/include/sys/sdt.h"):
        flags.append("-DHAVE_SDT")
    subprocess.check_call([cc, "-O1", "-g", *flags, "-o", str(out), str(src)])
    return str(out)


TARGET_SOURCE = r'''
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/syscall.h>
#ifdef HAVE_SDT
#include <sys/sdt.h>
#else
#define DTRACE_PROBE2(p, n, a, b) do {} while (0)
#endif

__attribute__((noinline)) int bccrs_target_fn(int x) {
    DTRACE_PROBE2(bccrs_test, tick, x, x * 10);
    asm volatile("" ::: "memory");
    return x * 2 + 1;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    if (!strcmp(argv[1], "wait")) {
        char buf[16];
        if (read(0, buf, sizeof buf) < 0) return 3;
        argv++; argc--;
    }
    if (argc < 3) return 2;
    if (!strcmp(argv[1], "getpid")) {
        int n = atoi(argv[2]);
        for (int i = 0; i < n; i++) syscall(SYS_getpid);
    } else if (!strcmp(argv[1], "call")) {
        int n = atoi(argv[2]), s = 0;
        for (int i = 1; i <= n; i++) s += bccrs_target_fn(i);
        printf("%d\n", s);
    } else if (!strcmp(argv[1], "write")) {
        int fd = open("/dev/null", O_WRONLY);
        static char buf[1 << 20];
        for (int i = 2; i < argc; i++) if (write(fd, buf, atoi(argv[i])) < 0) return 4;
    }
    return 0;
}
'''


class Waiting(object):
    """A target process started paused (`tgt wait ...`): its pid is known before it runs."""

    def __init__(self, target_bin, *args):
        self.proc = subprocess.Popen([target_bin, "wait"] + [str(a) for a in args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pid = self.proc.pid

    def run(self):
        out, _ = self.proc.communicate(b"go\n", timeout=30)
        assert self.proc.returncode == 0
        return out


@pytest.fixture
def waiting(target_bin):
    procs = []

    def make(*args):
        w = Waiting(target_bin, *args)
        procs.append(w)
        return w
    yield make
    for w in procs:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()
