#!/usr/bin/env bash
# The whole test suite: unit, golden and kernel tests (root: they load programs into the kernel).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export LLVM_CONFIG_PATH=/usr/bin/llvm-config-19
cargo test --all-targets 2>&1
