#!/usr/bin/env bash
# Installs what is missing, builds bccrs, compiles the bundled example and loads it into the
# kernel with bpftool (a plain libbpf loader) to show the object is portable libbpf output,
# then runs it with `bccrs run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export LLVM_CONFIG_PATH=/usr/bin/llvm-config-19
cargo build --release --quiet
./target/release/bccrs compile fixtures/hello_count.c -o hello_count.bpf.o
echo "compiled fixtures/hello_count.c -> hello_count.bpf.o"
pin=/sys/fs/bpf/bccrs-quickstart
rm -rf "$pin"
bpftool prog loadall hello_count.bpf.o "$pin"
bpftool prog show pinned "$pin/tracepoint__syscalls__sys_enter_getpid"
rm -rf "$pin"
echo "loaded and verified by the kernel"
echo
echo "bccrs run: count getpid() per process while a command makes 10 calls:"
./target/release/bccrs run fixtures/hello_count.c -- python3 -c "import os; [os.getpid() for _ in range(10)]"
