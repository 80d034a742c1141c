#!/usr/bin/env bash
# The BCC compatibility corpus: captures the programs that Debian's BCC tools and examples build
# (tests/bcc_corpus/capture.sh), compiles each with bccrs (with the cflags the tool passed) and
# loads what compiled with `bpftool prog loadall` (the kernel's verifier, nothing attached).
#
# usage: scripts/bcc-corpus.sh [--bless] [--work DIR] [--only REGEX] [--jobs N]
#   --bless       also write the result to tests/bcc_corpus/snapshot.txt
#   --work DIR    keep the captured programs, objects and logs in DIR (default: a temp dir)
#   --only REGEX  only programs whose name matches (grep -E); not with --bless
#   --jobs N      parallel jobs (default: the number of CPUs)
# Environment: BCCRS=path/to/bccrs (default: target/release/bccrs, built first).
#
# One line per program, sorted by name:
#   NAME ok                          compiled and the verifier accepted it
#   NAME compiled-only REASON        compiled; of a program type this machine refuses to load,
#                                    or a feature probe (NAME#1: BCC only compiles those)
#   NAME load-fail REASON            compiled; the kernel refused it (verifier message)
#   NAME compile-fail ERROR          bccrs failed (its first error line)
#   NAME skip REASON                 no program (the tool builds none here)
# then `Summary: compiled X/N, verified Y/N (Z not loadable here)`, N counting every
# captured program (skipped entries are not programs).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SNAPSHOT=$ROOT/tests/bcc_corpus/snapshot.txt

# Per-program job (run through xargs): --job WORK BCCRS NAME
if [ "${1:-}" = "--job" ]; then
  WORK=$2 BCCRS=$3 name=$4
  src=$WORK/progs/$name.bpf.c obj=$WORK/objs/$name.o log=$WORK/logs/$name
  mkdir -p "$(dirname "$obj")" "$(dirname "$log")"
  result() { printf '%s %s\n' "$name" "$*" >"$WORK/results/$(echo "$name" | tr / %)"; }
  one_line() { tr -s ' \t' ' ' | cut -c1-200; }

  args=()
  pending=""
  while IFS= read -r f || [ -n "$f" ]; do
    [ -z "$f" ] && continue
    if [ -n "$pending" ]; then args+=("$pending$f"); pending=""; continue; fi
    case $f in
      -D|-U|-I) pending=$f ;;
      -D*|-U*|-I*) args+=("$f") ;;
      -W*) args+=("$f") ;;
      *) args+=("--cflag=$f") ;;
    esac
  done <"$WORK/progs/$name.cflags"

  if ! "$BCCRS" compile "$src" -o "$obj" "${args[@]}" >"$log.compile" 2>&1; then
    err=$(grep -m1 -E 'error' "$log.compile" || grep -m1 -v '^\s*$' "$log.compile")
    # Paths of the temp dir are not part of the message.
    err=$(printf '%s' "$err" | sed -e "s#$WORK/progs/##g" -e 's#^[^ ]*\.bpf\.c:[0-9]*:[0-9]*: ##' | one_line)
    result "compile-fail ${err:-bccrs failed without a message}"
    exit 0
  fi

  case $name in
    *#[0-9]*) result "compiled-only feature probe: BCC compiles it, never loads it"; exit 0 ;;
  esac

  pin=/sys/fs/bpf/bccrs-corpus-$$
  bpftool prog loadall "$obj" "$pin" >"$log.load" 2>&1
  rc=$?
  rm -rf "$pin"
  if [ $rc = 0 ]; then result ok; exit 0; fi

  # Program types whose loading this machine refuses (BTF-attached tracing and LSM programs:
  # EPERM under lockdown).
  refused=$(readelf -SW "$obj" 2>/dev/null | grep -oE ' (fentry|fexit|fmod_ret|lsm|lsm\.s|fentry\.s|fexit\.s|iter|freplace)/[^ ]*' | sed -E 's#^ ([^/]*)/.*#\1#' | sort -u | tr '\n' ' ')
  if [ -n "$refused" ] && grep -q "BPF program load failed: Operation not permitted" "$log.load"; then
    result "compiled-only ${refused% } programs cannot load here (EPERM)"
    exit 0
  fi
  # The verifier's last word before its statistics, with the program it was about.
  reason=$(awk '
    /-- BEGIN PROG LOAD LOG --/ { inlog = 1; last = ""; match($0, /prog '\''[^'\'']*'\''/); prog = substr($0, RSTART + 5, RLENGTH - 5); next }
    /-- END PROG LOAD LOG --/ { inlog = 0; if (last != "" && found == "") found = prog ": " last; next }
    inlog && /^processed [0-9]+ insns/ { next }
    inlog && /^verification time/ { next }
    inlog && /^stack depth/ { next }
    inlog && NF { last = $0 }
    END { print found }' "$log.load")
  if [ -z "$reason" ]; then
    # libbpf's first complaint (not its warnings, nor the consequences it reports after).
    reason=$(grep -E '^libbpf: ' "$log.load" | grep -v -E 'skipping unrecognized|failed to prepare load attributes|failed to load: -|failed to load object' |
             grep -m1 -E 'failed|error|invalid|not supported|unknown|unsupported|missing|can.t' ||
             grep -m1 -E '^Error' "$log.load" || grep -m1 -v '^\s*$' "$log.load")
    reason=${reason#libbpf: }
  fi
  reason=$(printf '%s' "$reason" | sed -e "s#$WORK/objs/##g" | one_line)
  result "load-fail ${reason:-bpftool failed without a message}"
  exit 0
fi

BLESS=0 WORK="" ONLY="" JOBS=$(nproc)
while [ $# -gt 0 ]; do
  case $1 in
    --bless) BLESS=1 ;;
    --work) WORK=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --jobs) JOBS=$2; shift ;;
    *) echo "usage: $0 [--bless] [--work DIR] [--only REGEX] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done
if [ $BLESS = 1 ] && [ -n "$ONLY" ]; then echo "--bless needs the whole corpus (no --only)" >&2; exit 2; fi

if ! ls /usr/sbin/*-bpfcc >/dev/null 2>&1 || [ ! -d /usr/share/doc/bpfcc-tools/examples ]; then
  echo "bcc-corpus: BCC's tools are not installed: apt-get install bpfcc-tools" >&2
  exit 2
fi
command -v bpftool >/dev/null || { echo "bcc-corpus: bpftool is missing: apt-get install bpftool" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "bcc-corpus: loading programs needs root" >&2; exit 2; }
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf || { echo "bcc-corpus: no bpffs at /sys/fs/bpf" >&2; exit 2; }

if [ -z "${BCCRS:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet) || { echo "bcc-corpus: cargo build --release failed" >&2; exit 2; }
  BCCRS=$ROOT/target/release/bccrs
fi
BCCRS=$(cd "$(dirname "$BCCRS")" && pwd)/$(basename "$BCCRS")

start=$(date +%s)
if [ -z "$WORK" ]; then
  WORK=$(mktemp -d /tmp/bcc-corpus.XXXXXX)
  trap 'rm -rf "$WORK"' EXIT
else
  mkdir -p "$WORK"
  WORK=$(cd "$WORK" && pwd)
fi
rm -rf "$WORK/objs" "$WORK/logs" "$WORK/results"
mkdir -p "$WORK/objs" "$WORK/logs" "$WORK/results"

BCC_CORPUS_JOBS=$JOBS bash "$ROOT/tests/bcc_corpus/capture.sh" "$WORK" "$ONLY" >"$WORK/capture.out" 2>&1 ||
  { cat "$WORK/capture.out" >&2; exit 2; }

# Programs, and the entries that have none.
awk -F'\t' '$2 == "captured" { print $1 }' "$WORK/capture.txt" >"$WORK/programs.txt"
awk -F'\t' '$2 == "skip" { print $1 " skip " $3 }' "$WORK/capture.txt" >"$WORK/skips.txt"

tr '\n' '\0' <"$WORK/programs.txt" | xargs -0 -r -P "$JOBS" -n 1 bash "$0" --job "$WORK" "$BCCRS"

report=$WORK/report.txt
{
  cat "$WORK"/results/* "$WORK/skips.txt" 2>/dev/null | LC_ALL=C sort
  n=$(wc -l <"$WORK/programs.txt")
  ok=$(cat "$WORK"/results/* 2>/dev/null | grep -c '^[^ ]* ok$')
  only=$(cat "$WORK"/results/* 2>/dev/null | grep -c '^[^ ]* compiled-only ')
  loadfail=$(cat "$WORK"/results/* 2>/dev/null | grep -c '^[^ ]* load-fail ')
  echo "Summary: compiled $((ok + only + loadfail))/$n, verified $ok/$n ($only not loadable here)"
} >"$report"
cat "$report"
echo "bcc-corpus: $(($(date +%s) - start))s" >&2

if [ $BLESS = 1 ]; then
  cp "$report" "$SNAPSHOT"
  echo "bcc-corpus: wrote $SNAPSHOT" >&2
fi
