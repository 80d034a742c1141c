// expect: 2:1
BPF_TABLE("histogram", int, u32, hist, 64);
