#!/usr/bin/env bash
# Captures the BPF programs that Debian's BCC tools (/usr/sbin/*-bpfcc) and examples
# (/usr/share/doc/bpfcc-tools/examples: every .py, recursively, run with the stand-in `bcc`
# package in fakebcc/, and every .c taken as it is) build with default arguments.
#
# usage: capture.sh OUTDIR [NAME-REGEX]
#
# Writes, for each program NAME (e.g. tools/opensnoop, examples/tracing/bitehist.py,
# examples/tracing/task_switch.c):
#   OUTDIR/progs/NAME.bpf.c     the program text as BPF(...) received it
#   OUTDIR/progs/NAME.cflags    the cflags BPF(...) received, one a line
#   OUTDIR/capture.txt          NAME<TAB>captured  or  NAME<TAB>skip<TAB>reason  (sorted)
#   OUTDIR/logs/NAME.log        the tool's output
# A tool that builds several programs (a feature probe caught by a bare `except:`, then the
# real program) gives NAME for the last one and NAME#1, NAME#2... for the earlier ones.
# Only names matching NAME-REGEX (grep -E) are captured when it is given.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOLS_DIR=${BCC_CORPUS_TOOLS_DIR:-/usr/sbin}
EXAMPLES_DIR=${BCC_CORPUS_EXAMPLES_DIR:-/usr/share/doc/bpfcc-tools/examples}
TIMEOUT=${BCC_CORPUS_TIMEOUT:-60}   # only a hung tool reaches it; CI machines can be slow
PYTHON=/usr/bin/python3   # the Python python3-bpfcc is installed for
JOBS=${BCC_CORPUS_JOBS:-$(nproc)}

# Default arguments of the tools that need some (or whose defaults build nothing of interest),
# as shell words. @PID@ is replaced by the pid of a sleeping process that this script starts.
declare -A TOOL_ARGS=(
  [argdist]="-C 'p::do_sys_openat2(int dfd, const char *filename):int:dfd'"
  [biolatpcts]="vda"
  [dbslower]="mysql -p @PID@"
  [dbstat]="mysql -p @PID@"
  [deadlock]="@PID@"
  [dirtop]="-d /tmp"
  [funccount]="vfs_read"
  [funcinterval]="vfs_read"
  [funclatency]="vfs_read"
  [funcslower]="vfs_read"
  [inject]="kmalloc -v '__x64_sys_mount()'"
  [mysqld_qslower]="@PID@"
  [netqtop]="-n lo"
  [stackcount]="vfs_read"
  [trace]="'do_sys_openat2 \"%s\", arg2'"
  [ttysnoop]="/dev/null"
)
# Tools that build no BPF program; they are listed, not run.
declare -A NO_PROGRAM=(
  [bpflist]="lists the BPF programs and maps in use"
  [tplist]="lists tracepoints and USDT probes"
)
# Wrapper scripts (javacalls: `$lib/ucalls -l java "$@"`) run their tool with these arguments
# appended to the wrapper's own.
declare -A WRAPPED_ARGS=(
  [ucalls]="@PID@" [uflow]="@PID@" [ugc]="@PID@" [uobjnew]="@PID@" [ustat]="" [uthreads]="@PID@"
)
# Arguments of the examples, by path under the examples directory.
declare -A EXAMPLE_ARGS=(
  [networking/distributed_bridge/tunnel.py]="1"
  [networking/distributed_bridge/tunnel_mesh.py]="2 1 0 0"
  [networking/net_monitor.py]="lo"
  [networking/sockmap.py]="-c /sys/fs/cgroup"
  [networking/xdp/xdp_drop_count.py]="lo"
  [networking/xdp/xdp_macswap_count.py]="lo"
  [networking/xdp/xdp_redirect_cpu.py]="lo 0"
  [networking/xdp/xdp_redirect_map.py]="lo lo"
  [tracing/mallocstacks.py]="@PID@"
  [tracing/mysqld_query.py]="@PID@"
  [tracing/nodejs_http_server.py]="@PID@"
  [tracing/stacksnoop.py]="vfs_read"
  [tracing/strlen_snoop.py]="@PID@"
)

# Captures one program: capture_one NAME SCRIPT ARGS...
# (A curses tool such as cachetop gets an inert screen from the stand-in package: no terminal.)
capture_one() {
  local name=$1 script=$2; shift 2
  local raw=$OUT/raw/$name log=$OUT/logs/$name.log
  mkdir -p "$raw" "$(dirname "$log")" "$(dirname "$OUT/progs/$name")"
  local -a cmd=(timeout -k 2 "$TIMEOUT" "$PYTHON" "$script" "$@")
  (cd "$raw" && BCC_CORPUS_OUT=$raw BCC_CORPUS_NAME=p PYTHONPATH=$HERE/fakebcc PYTHONDONTWRITEBYTECODE=1 \
     "${cmd[@]}" </dev/null >"$log" 2>&1)
  local rc=$? n=0
  while [ -e "$raw/p.$((n + 1)).c" ]; do n=$((n + 1)); done
  if [ $n = 0 ]; then
    local why
    if [ $rc = 124 ] || [ $rc = 137 ]; then why="no program captured: timed out after ${TIMEOUT}s"
    else why="no program captured: $(grep -v '^\s*$' "$log" | tail -1 | cut -c1-150)"; fi
    printf '%s\tskip\t%s\n' "$name" "$why" >"$OUT/status/$(echo "$name" | tr / %)"
    return
  fi
  local i target
  for ((i = 1; i <= n; i++)); do
    if [ $i = $n ]; then target=$name; else target="$name#$i"; fi
    mv "$raw/p.$i.c" "$OUT/progs/$target.bpf.c"
    mv "$raw/p.$i.cflags" "$OUT/progs/$target.cflags"
    printf '%s\tcaptured\n' "$target" >>"$OUT/status/$(echo "$name" | tr / %)"
  done
  rm -rf "$raw"
}

# One job line: NAME<TAB>KIND<TAB>PATH (KIND: tool, example-py, example-c)
run_job() {
  local name kind path
  IFS=$'\t' read -r name kind path <<<"$1"
  local st="$OUT/status/$(echo "$name" | tr / %)"
  case $kind in
    example-c)
      mkdir -p "$(dirname "$OUT/progs/$name")"
      cp "$path" "$OUT/progs/$name.bpf.c"
      : >"$OUT/progs/$name.cflags"
      printf '%s\tcaptured\n' "$name" >"$st"
      ;;
    example-py)
      if ! grep -q 'BPF(' "$path"; then
        printf '%s\tskip\tno BPF() call (a helper of other examples)\n' "$name" >"$st"
        return
      fi
      local args=${EXAMPLE_ARGS[${name#examples/}]:-}
      local -a argv
      eval "argv=(${args//@PID@/$SLEEPER})"
      capture_one "$name" "$path" "${argv[@]}"
      ;;
    tool)
      local tool=${name#tools/} args line
      if [ -n "${NO_PROGRAM[$tool]:-}" ]; then
        printf '%s\tskip\tnot a BCC program (%s)\n' "$name" "${NO_PROGRAM[$tool]}" >"$st"
        return
      elif head -1 "$path" | grep -q python; then
        args=${TOOL_ARGS[$tool]:-}
      elif line=$(grep -E '^\$lib/[a-z]+ .*"\$@"' "$path"); then
        # A language wrapper (javacalls: `$lib/ucalls -l java "$@"`).
        local inner
        inner=$(echo "$line" | sed -E 's#^\$lib/([a-z]+) .*#\1#')
        args="$(echo "$line" | sed -E 's#^\$lib/[a-z]+ (.*)"\$@".*#\1#') ${WRAPPED_ARGS[$inner]:-}"
        path="$TOOLS_DIR/$inner"
      else
        printf '%s\tskip\tnot a BCC program (a %s script)\n' "$name" "$(head -1 "$path" | sed -E 's@^#! */([^ ]*/)?([^ ]*).*@\2@')" >"$st"
        return
      fi
      local -a argv
      eval "argv=(${args//@PID@/$SLEEPER})"
      capture_one "$name" "$path" "${argv[@]}"
      ;;
  esac
}

if [ "${1:-}" = "--job" ]; then
  OUT=$2 SLEEPER=$3
  run_job "$4"
  exit 0
fi

OUT=${1:?usage: capture.sh OUTDIR [NAME-REGEX]}
FILTER=${2:-}
[ -x "$PYTHON" ] || { echo "capture.sh: $PYTHON is missing" >&2; exit 2; }
if ! ls "$TOOLS_DIR"/*-bpfcc >/dev/null 2>&1; then
  echo "capture.sh: no BCC tools in $TOOLS_DIR: apt-get install bpfcc-tools" >&2
  exit 2
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -rf "$OUT/progs" "$OUT/raw" "$OUT/logs" "$OUT/status" "$OUT/capture.txt"
mkdir -p "$OUT/progs" "$OUT/raw" "$OUT/logs" "$OUT/status"

jobs_file=$OUT/jobs.txt
{
  for f in "$TOOLS_DIR"/*-bpfcc; do
    printf 'tools/%s\ttool\t%s\n' "$(basename "$f" -bpfcc)" "$f"
  done
  (cd "$EXAMPLES_DIR" && find . -type f \( -name '*.py' -o -name '*.c' \) | sed 's#^\./##' | sort) |
    while read -r rel; do
      case $rel in
        *.c) printf 'examples/%s\texample-c\t%s\n' "$rel" "$EXAMPLES_DIR/$rel" ;;
        *) printf 'examples/%s\texample-py\t%s\n' "$rel" "$EXAMPLES_DIR/$rel" ;;
      esac
    done
} | { if [ -n "$FILTER" ]; then grep -E "^[^	]*($FILTER)"; else cat; fi; } >"$jobs_file"

# A process for the tools that want a pid to trace.
sleep 100000 </dev/null >/dev/null 2>&1 &
SLEEPER=$!
trap 'kill $SLEEPER 2>/dev/null' EXIT

tr '\n' '\0' <"$jobs_file" | xargs -0 -r -P "$JOBS" -n 1 bash "$0" --job "$OUT" "$SLEEPER"
cat "$OUT"/status/* 2>/dev/null | LC_ALL=C sort >"$OUT/capture.txt"
rm -rf "$OUT/raw" "$OUT/status" "$jobs_file"
echo "captured $(grep -c "	captured" "$OUT/capture.txt") programs, skipped $(grep -c "	skip" "$OUT/capture.txt") ($OUT/capture.txt)"
