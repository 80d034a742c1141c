#!/usr/bin/env bash
# Fuzzes the whole compiler with mutated programs (examples/fuzz_frontend; docs/reliability.md).
#   scripts/fuzz.sh            10,000 inputs (the long run; 2 minutes on an idle 2-core machine, more under load)
#   scripts/fuzz.sh N          N inputs
#   scripts/fuzz.sh --smoke    a bounded run for CI: at most 90 s of inputs
# FUZZ_SEED picks another sequence of inputs (default 1). Findings are saved in target/fuzz/;
# the exit status is non-zero when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
export LLVM_CONFIG_PATH="${LLVM_CONFIG_PATH:-/usr/bin/llvm-config-19}"
cargo build --example fuzz_frontend 2>&1 | grep -v '^\s*\(Compiling\|Finished\)' || true
seed="${FUZZ_SEED:-1}"
if [ "${1:-}" = "--smoke" ]; then
    args=(--inputs 100000 --seconds 90 --timeout 60)
else
    args=(--inputs "${1:-10000}")
fi
status=0
target/debug/examples/fuzz_frontend --seed "$seed" "${args[@]}" || status=$?
if [ "$status" -gt 128 ]; then
    echo "CRASH: the fuzzer died of signal $((status - 128)); the inputs being compiled are target/fuzz/current-*.c" >&2
elif [ "$status" -ne 0 ]; then
    echo "findings saved in target/fuzz/" >&2
fi
exit "$status"
