#!/usr/bin/env bash
# Runs Debian's BCC tools, unmodified, in qemu guests (scripts/qemu/guest.sh: a Debian stock
# kernel with the host's root filesystem), on bccrs (`python3 -m bccrs.compat
# /usr/sbin/TOOL-bpfcc ARGS`) and, with --bcc, on BCC itself. See docs/tool-suite.md.
#
#   scripts/qemu/tool-suite.sh [--kernel 5.10|6.1|6.12|host|all] [--only REGEX] [--bcc|--both]
#                              [--seconds N] [--attach-timeout S] [--ci]
#
#   --kernel K    one kernel (default 6.1) or all four; `host` runs the tools on this machine
#                 itself (no guest), in a private mount namespace
#   --only REGEX  the tools whose names match (default: every tool of tests/guest/tools/tools.tsv)
#   --bcc         BCC instead of bccrs (the guest gets the kernel's headers); --both: both,
#                 bccrs first, in the same guest
#   --seconds N   how long the workload runs while each tool traces (default 5)
#   --attach-timeout S  how long a tool may take to print its first line (default 240; BCC
#                 compiles for minutes under TCG when guests share the CPUs)
#   --ci          the tools of tests/guest/tools/ci.txt (instead of --only), and a failing exit
#                 status unless each of them is `ok` with events on bccrs (what CI runs)
#
# Results: target/qemu/tool-suite/<kernel>/<engines>-<date>/{bccrs,bcc}.tsv (and .json, and per tool
# .out/.err in bccrs/ and bcc/; console.log is the guest's console; commit: what ran),
# and a summary on stdout. Exit status 0 when every guest ran to its end (tools may fail: the
# tables say which; with --ci they may not).
#
# Environment: BCCRS_LIB=PATH (a libbccrs.so; default: target/release/libbccrs.so, built with
# `cargo build --release --lib` when missing), BCCRS_QEMU_ACCEL as for guest.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
case $TARGET in /*) ;; *) TARGET=$REPO/$TARGET ;; esac
KERNELS=6.1 ONLY= ENGINES=bccrs SECONDS_=5 CHECK= ATTACH=240
while [ $# -gt 0 ]; do
  case $1 in
    --kernel) KERNELS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --bcc) ENGINES=bcc; shift ;;
    --both) ENGINES="bccrs bcc"; shift ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --attach-timeout) ATTACH=$2; shift 2 ;;
    --ci) ONLY="^($(grep -v '^#' "$REPO/tests/guest/tools/ci.txt" | paste -sd'|'))\$"; CHECK=1; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tool-suite.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$KERNELS" = all ] && KERNELS="5.10 6.1 6.12 host"

if [[ " $ENGINES " == *" bccrs "* ]]; then
  LIB=${BCCRS_LIB:-$TARGET/release/libbccrs.so}
  if [ ! -s "$LIB" ]; then
    echo "== cargo build --release --lib" >&2
    (cd "$REPO" && LLVM_CONFIG_PATH=${LLVM_CONFIG_PATH:-/usr/bin/llvm-config-19} cargo build --release --quiet --lib)
  fi
  [ -s "$LIB" ] || { echo "tool-suite.sh: no libbccrs.so at $LIB" >&2; exit 1; }
else
  LIB=
fi
# How many tools, for the guest's time limit: a tool may take up to 240 s to attach under TCG,
# then the workload, up to 120 s to end by itself, then 30 s to exit after Ctrl-C.
n=$(grep -v '^#' "$REPO/tests/guest/tools/tools.tsv" | cut -f1 | grep -cE "${ONLY:-.}" || true)
[ "$n" -gt 0 ] || { echo "tool-suite.sh: no tool matches ${ONLY}" >&2; exit 2; }
status=0
for k in $KERNELS; do
  # One directory per kernel and engine(s), so a bccrs and a BCC run may go side by side.
  # (and a later run does not overwrite an earlier one: the report takes the newest per tool).
  RES=$TARGET/qemu/tool-suite/$k/${ENGINES// /+}-$(date +%Y%m%d-%H%M%S)
  mkdir -p "$RES"
  # Which code ran: the repository's commit, marked when the tree had changes.
  { git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown; } >"$RES/commit"
  git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo "(with uncommitted changes)" >>"$RES/commit"
  headers=
  [[ " $ENGINES " == *" bcc "* ]] && headers=--headers
  host_args=
  if [ "$k" = host ]; then
    # The host's kernel has no guest: the tools run here, in a private mount namespace (below),
    # so the ext4 image's loop mount and the workload's tmpfs end with it; the scratch
    # directory is removed; no module is loaded; the server takes a free port.
    scratch=$(mktemp -d "$RES/scratch.XXXXXX")
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    host_args="--no-modules --scratch $scratch --ext4 $scratch/ext4 --port $port"
  fi
  cmds=()
  for e in $ENGINES; do
    rm -rf "${RES:?}/$e" "$RES/$e.tsv" "$RES/$e.json"
    cmds+=("/usr/bin/python3 $REPO/tests/guest/tools/run.py --engine $e --out $RES --repo $REPO --seconds $SECONDS_ --attach-timeout $ATTACH ${LIB:+--lib $LIB} $host_args --only '$ONLY'")
  done
  cmd=$(printf '%s; ' "${cmds[@]}")
  limit=$((120 + n * (180 + ATTACH + SECONDS_) * $(echo $ENGINES | wc -w)))
  echo "== kernel $k: ${n} tools on ${ENGINES}; results in $RES" >&2
  t0=$(date +%s)
  set +e
  if [ "$k" = host ]; then
    echo "== host: $(uname -r), natively (no guest), scratch $scratch, port $port" >&2
    timeout --foreground -k 10 "$limit" unshare --mount --propagation private -- \
      env TERM=dumb sh -c "$cmd" </dev/null 2>&1 | tee "$RES/console.log" >/dev/null
    rc=${PIPESTATUS[0]}
    rm -rf "$scratch"
  else
    bash "$HERE/guest.sh" --kernel "$k" $headers --quiet --timeout "$limit" --results "$RES" -- "$cmd"
    rc=$?
  fi
  set -e
  if grep -q '^guest.sh: skipped' "$RES/console.log" 2>/dev/null; then
    echo "== kernel $k: skipped"
    continue
  fi
  grep -E '^(GUEST-READY|TOOL|SUITE|setup)' "$RES/console.log" || true
  echo "== kernel $k: exit $rc, wall $(( $(date +%s) - t0 )) s"
  [ "$rc" = 0 ] || status=1
  if [ -n "$CHECK" ] && [[ " $ENGINES " == *" bccrs "* ]]; then
    # Each tool of the subset ran on bccrs, printed no error and showed the workload's events.
    /usr/bin/python3 - "$RES/bccrs.tsv" "$REPO/tests/guest/tools/ci.txt" "$ONLY" <<'PY' || status=1
import csv, re, sys
tsv, ci, only = sys.argv[1:4]
want = [l.strip() for l in open(ci) if l.strip() and not l.startswith("#") and re.search(only, l.strip())]
try:
    rows = {r["tool"]: r for r in csv.DictReader(open(tsv), delimiter="\t")}
except OSError:
    rows = {}
bad = []
for t in want:
    r = rows.get(t)
    if r is None:
        bad.append("%s: no result" % t)
    elif r["status"] != "ok" or int(r["events"] or 0) == 0:
        bad.append("%s: %s, %s events %s" % (t, r["status"], r["events"], r["error"]))
for b in bad:
    print("CHECK-FAIL " + b)
print("CHECK %d of %d tools ok with events" % (len(want) - len(bad), len(want)))
sys.exit(1 if bad else 0)
PY
  fi
done
exit $status
