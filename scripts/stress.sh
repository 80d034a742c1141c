#!/usr/bin/env bash
# Run-time faults against bccrs (docs/reliability.md): compiles killed with SIGKILL at random
# points, `bccrs run` interrupted with SIGINT at random points, concurrent compiles sharing a
# fresh cache, and cache files corrupted at random. After each fault the next compile must
# succeed, nothing may panic, and no work directory of a dead bccrs may be left behind.
#   scripts/stress.sh           the long run (ROUNDS=40)
#   scripts/stress.sh --smoke   a short one for CI (ROUNDS=4)
set -uo pipefail
cd "$(dirname "$0")/.."
export LLVM_CONFIG_PATH="${LLVM_CONFIG_PATH:-/usr/bin/llvm-config-19}"
ROUNDS="${ROUNDS:-40}"
[ "${1:-}" = "--smoke" ] && ROUNDS=4
cargo build 2>&1 | grep -v '^\s*\(Compiling\|Finished\)' || true
BCCRS="$PWD/target/debug/bccrs"
PROG="$PWD/fixtures/hello_count.c"
WORK=$(mktemp -d /tmp/stress.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export BCCRS_CACHE_DIR="$WORK/cache"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
rand_ms() { echo $((RANDOM % $1)); }
ok_compile() {
    local out
    out=$("$BCCRS" compile "$PROG" -o "$WORK/out.o" 2>&1) || { fail "$1: the next compile failed: $out"; return; }
    grep -q panicked <<<"$out" && fail "$1: panic: $out"
}

echo "1. compiles killed with SIGKILL at random points ($ROUNDS)"
killed=()
for i in $(seq "$ROUNDS"); do
    [ $((i % 4)) -eq 0 ] && rm -rf "$BCCRS_CACHE_DIR"      # sometimes while the cache is built
    "$BCCRS" compile "$PROG" -o "$WORK/k.o" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' "$(rand_ms 1500)")"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    killed+=("$pid")
    ok_compile "after SIGKILL $i"
done
for pid in "${killed[@]}"; do
    ls -d /tmp/bccrs-"$pid"-* >/dev/null 2>&1 && fail "work directory of killed bccrs $pid left behind"
done

echo "2. bccrs run interrupted with SIGINT at random points ($ROUNDS)"
for i in $(seq "$ROUNDS"); do
    "$BCCRS" run "$PROG" --duration 30 >"$WORK/run.out" 2>"$WORK/run.err" &
    pid=$!
    sleep "0.$(printf '%03d' "$(rand_ms 2000)")"
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    code=$?
    grep -q panicked "$WORK/run.err" && fail "run $i panicked: $(cat "$WORK/run.err")"
    [ "$code" -le 1 ] || fail "run $i: exit $code after SIGINT: $(tail -3 "$WORK/run.err")"
done

echo "3. concurrent compiles on a fresh cache ($ROUNDS rounds of 4)"
for i in $(seq "$ROUNDS"); do
    [ $((i % 2)) -eq 1 ] && rm -rf "$BCCRS_CACHE_DIR"
    pids=()
    for j in 1 2 3 4; do
        "$BCCRS" compile "$PROG" -o "$WORK/c$j.o" >"$WORK/c$j.err" 2>&1 &
        pids+=($!)
    done
    for j in 1 2 3 4; do
        wait "${pids[$((j - 1))]}" || fail "concurrent compile $i.$j: $(cat "$WORK/c$j.err")"
    done
done

echo "4. cache files corrupted at random ($ROUNDS)"
ok_compile "before corrupting"
for i in $(seq "$ROUNDS"); do
    mapfile -t files < <(find "$BCCRS_CACHE_DIR" -type f ! -path '*/locks/*')
    f="${files[$((RANDOM % ${#files[@]}))]}"
    size=$(stat -c %s "$f")
    case $((RANDOM % 3)) in
        0) [ "$size" -gt 0 ] && printf '\xde\xad\xbe\xef' | dd of="$f" bs=1 seek=$((RANDOM * 32768 % size)) conv=notrunc 2>/dev/null ;;
        1) truncate -s $((size / 2)) "$f" ;;
        2) rm -f "$f" ;;
    esac
    ok_compile "after corrupting ${f#$BCCRS_CACHE_DIR/}"
    # A run goes through the object cache (objects/), which a compile does not.
    out=$("$BCCRS" run "$PROG" --duration 0.1 2>&1) || fail "run after corrupting ${f#$BCCRS_CACHE_DIR/}: $out"
done

echo "5. an unusable cache (a file where the directory should be)"
BCCRS_CACHE_DIR="$WORK/not-a-dir" ; : > "$BCCRS_CACHE_DIR"
ok_compile "with an unusable cache"

if [ "$failures" -gt 0 ]; then
    echo "stress: $failures failure(s)" >&2
    exit 1
fi
echo "stress: no failures ($ROUNDS rounds of each)"
