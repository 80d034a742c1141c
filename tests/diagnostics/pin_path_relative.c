// expect: 3:1
// A pinned table lives on a BPF filesystem: its path must be absolute.
BPF_TABLE_PINNED("hash", u32, u64, counts, 1024, "counts");
