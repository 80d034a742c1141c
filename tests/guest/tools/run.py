"""Runs Debian's BCC tools, unmodified, inside the guest of scripts/qemu/guest.sh (started by
scripts/qemu/tool-suite.sh), on bccrs (`python3 -m bccrs.compat /usr/sbin/X-bpfcc ARGS`) or on
BCC itself (`python3 /usr/sbin/X-bpfcc ARGS`), one at a time.

For each tool of the table (tests/guest/tools/tools.tsv): start it; wait for its first line of
output (it has compiled, loaded and attached: the tools print their header after attaching);
then run the workload (workload.sh) for --seconds; then Ctrl-C (SIGINT to its process group),
as a user would, and collect what it printed. Writes OUT/ENGINE/TOOL.out and .err, and
OUT/ENGINE.tsv (one line per tool) and OUT/ENGINE.json.

Columns: tool, engine, kernel, status, rc, first_output_s, loaded_s (when a BPF program first
appeared among its file descriptors), lines, events, header, error.
  status   ok (printed something, no traceback), error (a traceback or an error exit),
           silent (ran, printed nothing), timeout (nothing within --attach-timeout), skip
  lines    all stdout lines; events: those printed after the workload started
  header   the first stdout line; error: the traceback's last line, or the first error line
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

PY = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))


def sh(cmd):
    return subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True).stdout.strip()


def read_table(path):
    tools = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            while len(cols) < 4:
                cols.append("")
            tools.append({"tool": cols[0], "args": cols[1], "end": cols[2], "note": cols[3]})
    return tools


class Setup:
    """The ext4 image on a loop device, the TCP server; undone by close()."""

    def __init__(self, port, ext4, scratch, modules):
        self.ext4 = ext4
        self.port = port
        # btrfs, xfs, nfs (v4) and md are loaded (not mounted) so that their tools find the
        # functions they attach to (btrfsdist, xfsslower, nfsdist, mdflush …). Not on the host
        # (--no-modules): a module loaded there would outlive the run.
        if modules:
            print("setup:", sh("for m in loop ext4 btrfs xfs nfs nfsv4 md_mod; do modprobe -q $m || "
                               "echo no $m; done; echo modules loaded"), flush=True)
        os.makedirs(ext4, exist_ok=True)
        img = self.img = os.path.join(scratch, "tool-suite-ext4.img")
        out = sh("dd if=/dev/zero of=%s bs=1M count=64 2>&1 && mkfs.ext4 -q -F %s && "
                 "mount -o loop %s %s && echo mounted" % (img, img, img, ext4))
        print("setup: ext4:", out.splitlines()[-1] if out else "?", flush=True)
        # A pseudo-terminal that the workload writes to (ttysnoop watches it); its master end
        # is drained so the writes never block.
        self.pty_master, self.pty_slave = os.openpty()
        self.tty = os.ttyname(self.pty_slave)
        threading.Thread(target=self._drain, daemon=True).start()
        # While the workload runs, a line a half second is also written with writev() of two
        # pieces: ttysnoop (BCC 0.26) on 6.x kernels reports only ITER_IOVEC writes, and a
        # plain write() is an ITER_UBUF there.
        self.writing = threading.Event()
        threading.Thread(target=self._writev, daemon=True).start()
        print("setup: tty", self.tty, flush=True)
        self.server = subprocess.Popen([PY, os.path.join(HERE, "server.py"), str(port)],
                                       stdout=subprocess.PIPE, universal_newlines=True)
        print("setup: server", self.server.stdout.readline().strip(), flush=True)

    def _writev(self):
        n = 0
        while self.writing.wait():
            n += 1
            try:
                os.writev(self.pty_slave, [b"tool-suite ", b"writev %d\n" % n])
            except OSError:
                return
            time.sleep(0.5)

    def _drain(self):
        try:
            while os.read(self.pty_master, 4096):
                pass
        except OSError:
            pass

    def close(self):
        os.close(self.pty_slave)
        self.server.kill()
        self.server.wait()
        sh("umount %s" % self.ext4)
        os.unlink(self.img)


def has_bpf_prog(pid):
    """Whether process pid holds a BPF program (it has compiled and loaded)."""
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == "anon_inode:bpf-prog":
                return True
        except OSError:
            pass
    return False


def cpu_seconds(pid):
    """User + system CPU time of process pid so far (None once it is gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(pid, limit):
    """Waits (up to limit seconds) until process pid uses under a fifth of a CPU for a whole
    second: it has finished attaching (fileslower prints a note, then loads, then attaches two
    kprobes per function, which takes seconds under TCG) and waits for events."""
    deadline = time.time() + limit
    last = cpu_seconds(pid)
    while last is not None and time.time() < deadline:
        time.sleep(1)
        now = cpu_seconds(pid)
        if now is None or now - last < 0.2:
            return
        last = now


def run_tool(t, engine, args, out_dir):
    tool = t["tool"]
    path = "/usr/sbin/%s-bpfcc" % tool
    row = {"tool": tool, "engine": engine, "kernel": os.uname().release, "status": "",
           "rc": "", "first_output_s": "", "loaded_s": "", "lines": 0, "events": 0, "header": "", "error": ""}
    if t["args"].startswith("SKIP"):
        row["status"] = "skip"
        row["error"] = t["args"][4:].strip(": ") or t["note"]
        return row
    if not os.path.exists(path):
        row["status"] = "skip"
        row["error"] = "no %s" % path
        return row
    import shlex
    targs = shlex.split(t["args"].replace("@PORT", str(args.port)).replace("@EXT4", args.ext4)
                        .replace("@TTY", args.tty))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if engine == "bccrs":
        cmd = [PY, "-m", "bccrs.compat", path] + targs
        env["PYTHONPATH"] = os.path.join(args.repo, "python")
        if args.lib:
            env["BCCRS_LIB"] = args.lib
    else:
        cmd = [PY, path] + targs
    out_path = os.path.join(out_dir, tool + ".out")
    err_path = os.path.join(out_dir, tool + ".err")
    lines = []  # (time, text)
    start = time.time()
    with open(err_path, "w") as err:
        err.write("$ %s\n" % " ".join(shlex.quote(c) for c in cmd))
        err.flush()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                             env=env, cwd="/tmp", start_new_session=True)
        first = threading.Event()

        def reader():
            for raw in p.stdout:
                lines.append((time.time(), raw.decode("utf-8", "replace").rstrip("\n")))
                first.set()
            first.set()

        th = threading.Thread(target=reader, daemon=True)
        th.start()
        # Most tools print a header once attached; a few print only events (ttysnoop): those
        # go on once they have held a BPF program for 15 s without printing.
        deadline, held = start + args.attach_timeout, None
        while not first.wait(0.5) and time.time() < deadline:
            if held is None and has_bpf_prog(p.pid):
                held = time.time()
            if held is not None and time.time() - held > 15:
                break
        if not lines and first.is_set():
            try:  # the output ended: let the process finish exiting
                p.wait(5)
            except subprocess.TimeoutExpired:
                pass
        wl_start = None
        loaded = None
        if lines or (held is not None and p.poll() is None):
            # Some tools print before they compile (dirtop's "Considering …"): wait until a BPF
            # program is loaded (or the tool ends), then give the attach a moment.
            deadline = start + args.attach_timeout
            while p.poll() is None and time.time() < deadline:
                if has_bpf_prog(p.pid):
                    loaded = time.time()
                    break
                time.sleep(0.2)
            if loaded is not None:
                wait_idle(p.pid, 90)
            wl_start = time.time()
            args.setup.writing.set()
            subprocess.run(["/bin/bash", os.path.join(HERE, "workload.sh"), str(args.seconds),
                            str(args.port), args.ext4, os.path.join(args.scratch, "wl-tmpfs"), args.tty], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            args.setup.writing.clear()
        timed_out = not lines and loaded is None and p.poll() is None
        if lines and t["end"] == "self":
            # Its own interval/count or duration ends it: let it print its summary (resolving
            # stacks can take a while under TCG) rather than interrupt it.
            try:
                p.wait(args.self_timeout)
            except subprocess.TimeoutExpired:
                pass
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGINT)
            except ProcessLookupError:
                pass
            try:
                p.wait(args.exit_timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        th.join(5)
    # Children of the tool (none expected) must not outlive it.
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    with open(out_path, "w") as f:
        for ts, text in lines:
            f.write("%8.3f %s\n" % (ts - start, text))
    with open(err_path, errors="replace") as f:
        err_lines = f.read().splitlines()[1:]
    row["rc"] = p.returncode
    row["loaded_s"] = round(loaded - start, 2) if loaded else ""
    row["lines"] = len(lines)
    if lines:
        row["first_output_s"] = round(lines[0][0] - start, 2)
        row["header"] = lines[0][1][:160]
        if wl_start is not None:
            row["events"] = sum(1 for ts, _ in lines if ts >= wl_start)
    tb = [i for i, l in enumerate(err_lines) if l.startswith("Traceback")]
    if tb:
        rest = [l for l in err_lines[tb[0]:] if l.strip() and not l.startswith(" ")]
        # The exception line: the first unindented line after the traceback's frames.
        exc = [l for l in rest[1:] if not l.startswith("Traceback")]
        row["error"] = (exc[0] if exc else rest[-1])[:300]
    else:
        for l in err_lines:
            if re.search(r"error|fail|cannot|unable|not found|invalid|denied", l, re.I):
                row["error"] = l[:300]
                break
    # Tools that find their kernel lacking print "ERROR: …" (or llcstat's "Failed to attach to a
    # hardware event") on stdout and exit 0 or 1.
    said = [l for _, l in lines if re.match(r"(ERROR|Error)\b|Failed to attach", l)]
    if said and not row["error"]:
        row["error"] = said[0][:300]
    # A KeyboardInterrupt traceback is how some tools end on Ctrl-C: not an error.
    interrupted = row["error"].startswith("KeyboardInterrupt")
    if timed_out:
        row["status"] = "timeout"
    elif (tb and not interrupted) or said:
        row["status"] = "error"
    elif not lines:
        row["status"] = "silent" if p.returncode in (0, -signal.SIGINT, 130) else "error"
        if not row["error"] and err_lines:
            row["error"] = err_lines[-1][:300]
    else:
        row["status"] = "ok"
    return row


COLS = ["tool", "engine", "kernel", "status", "rc", "first_output_s", "loaded_s", "lines", "events",
        "header", "error"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["bccrs", "bcc"], default="bccrs")
    ap.add_argument("--table", default=os.path.join(HERE, "tools.tsv"))
    ap.add_argument("--only", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.dirname(HERE))))
    ap.add_argument("--lib", default="")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--attach-timeout", type=int, default=240)
    ap.add_argument("--exit-timeout", type=int, default=30)
    ap.add_argument("--self-timeout", type=int, default=120)
    ap.add_argument("--port", type=int, default=9000)
    ap.add_argument("--ext4", default="/mnt/ext4")
    ap.add_argument("--scratch", default="/tmp", help="where the ext4 image and the workload's tmpfs mount go")
    ap.add_argument("--modules", action=argparse.BooleanOptionalAction, default=True,
                    help="load the modules of the filesystems some tools attach to")
    args = ap.parse_args()
    tools = [t for t in read_table(args.table) if re.search(args.only, t["tool"])]
    out_dir = os.path.join(args.out, args.engine)
    os.makedirs(out_dir, exist_ok=True)
    setup = Setup(args.port, args.ext4, args.scratch, args.modules)
    args.tty, args.setup = setup.tty, setup
    rows = []
    tsv = os.path.join(args.out, args.engine + ".tsv")
    began = time.time()
    try:
        with open(tsv, "w") as f:
            f.write("\t".join(COLS) + "\n")
            for t in tools:
                t0 = time.time()
                row = run_tool(t, args.engine, args, out_dir)
                row["wall_s"] = round(time.time() - t0, 1)
                rows.append(row)
                f.write("\t".join(str(row[c]).replace("\t", " ") for c in COLS) + "\n")
                f.flush()
                print("TOOL %-16s %-7s %-7s first=%ss loaded=%ss lines=%s events=%s wall=%ss %s" % (
                    row["tool"], args.engine, row["status"], row["first_output_s"],
                    row["loaded_s"], row["lines"],
                    row["events"], row["wall_s"], row["error"]), flush=True)
    finally:
        setup.close()
    with open(os.path.join(args.out, args.engine + ".json"), "w") as f:
        json.dump({"kernel": os.uname().release, "engine": args.engine,
                   "wall_s": round(time.time() - began, 1), "tools": rows}, f, indent=1)
    n_ok = sum(1 for r in rows if r["status"] == "ok")
    print("SUITE engine=%s kernel=%s ok=%d of %d wall=%.0fs" % (
        args.engine, os.uname().release, n_ok, len(rows), time.time() - began), flush=True)


if __name__ == "__main__":
    main()
