#!/usr/bin/env bash
# The whole test suite: unit, golden and kernel tests (root: they load programs into the kernel),
# the BCC corpus, the Python package's tests, and (with BCCRS_QEMU=1, as CI sets) the qemu guest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export LLVM_CONFIG_PATH=/usr/bin/llvm-config-19
# `cargo build` also makes target/debug/libbccrs.so (the C ABI), which `cargo test` does not.
cargo build 2>&1
cargo test --all-targets 2>&1
# Hostile input and run-time faults, bounded (docs/reliability.md): the fuzz smoke (at most
# 90 s of mutated programs) and a short stress run.
bash scripts/fuzz.sh --smoke 2>&1
bash scripts/stress.sh --smoke 2>&1
# The Python package (python/) on the C ABI just built, with Debian's python3 and pytest.
BCCRS_LIB="$PWD/target/debug/libbccrs.so" /usr/bin/python3 -m pytest -q python/tests 2>&1
# Debian's BCC tools, unmodified, on bccrs inside a 6.1 guest: the fixed subset of
# tests/guest/tools/ci.txt (docs/tool-suite.md; the whole matrix is tool-suite.sh --kernel all).
if [ "${BCCRS_QEMU:-}" = 1 ]; then
  BCCRS_LIB="$PWD/target/debug/libbccrs.so" bash scripts/qemu/tool-suite.sh --ci 2>&1
fi
