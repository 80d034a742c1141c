"""BCC's container filters (`--cgroupmap`, as tools pass it to bcc.containers): the program
imports a map that someone else pinned and filled, and counts only the processes of the cgroups
listed there."""
import argparse
import os
import shutil
import subprocess

import pytest

from bccrs import BPF
from bccrs.containers import filter_by_containers

COUNT_PROG = r"""
BPF_HASH(counts, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    if (container_should_be_filtered())
        return 0;
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    counts.increment(tgid);
    return 0;
}
"""


def cgroup2_root():
    with open("/proc/mounts") as f:
        for line in f:
            dev, path, fstype = line.split()[:3]
            if fstype == "cgroup2":
                return path
    return None


@pytest.fixture
def cgroup():
    root = cgroup2_root()
    if root is None:
        pytest.skip("no cgroup2 hierarchy mounted")
    path = os.path.join(root, "bccrs-pytest-%d" % os.getpid())
    os.mkdir(path)
    yield path
    os.rmdir(path)


@pytest.fixture
def pinned_cgroupset():
    if not shutil.which("bpftool"):
        pytest.skip("bpftool is missing")
    pin = "/sys/fs/bpf/bccrs-pytest-cgroupset-%d" % os.getpid()
    subprocess.check_call(["bpftool", "map", "create", pin, "type", "hash", "key", "8", "value", "8",
                           "entries", "1024", "name", "cgroupset"])
    yield pin
    os.unlink(pin)


def u64_bytes(v):
    return [str(b) for b in v.to_bytes(8, "little")]


def test_cgroupmap_counts_only_listed_cgroups(waiting, cgroup, pinned_cgroupset):
    inside = waiting("getpid", 5)
    outside = waiting("getpid", 7)
    with open(os.path.join(cgroup, "cgroup.procs"), "w") as f:
        f.write(str(inside.pid))
    # The cgroup's id is its directory's inode number; the map is filled before bccrs loads.
    cgid = os.stat(cgroup).st_ino
    subprocess.check_call(["bpftool", "map", "update", "pinned", pinned_cgroupset,
                           "key", *u64_bytes(cgid), "value", *u64_bytes(0)])

    args = argparse.Namespace(cgroupmap=pinned_cgroupset, mntnsmap=None)
    with BPF(text=filter_by_containers(args) + COUNT_PROG) as b:
        inside.run()
        outside.run()
        counts = b["counts"]
        assert counts[counts.Key(inside.pid)].value == 5
        assert counts.Key(outside.pid) not in counts
        # The table is the pinned map itself.
        assert len(b["cgroupset"]) == 1
        assert b["cgroupset"][b["cgroupset"].Key(cgid)].value == 0


def test_cgroupmap_of_another_shape_is_refused(pinned_cgroupset, capfd):
    text = COUNT_PROG.replace("container_should_be_filtered()", "0") + \
        'BPF_TABLE_PINNED("hash", u64, u32, cgroupset, 1024, "%s");\n' % pinned_cgroupset
    with pytest.raises(Exception, match="Failed to compile BPF module"):
        BPF(text=text)
    # As with BCC, the reason is on stderr.
    err = capfd.readouterr().err
    assert "the map pinned at %s does not match the declaration" % pinned_cgroupset in err
    assert "declared: hash, key 8 B, value 4 B, 1024 entries" in err
