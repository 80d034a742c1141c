// expect: 2:1
BPF_TABLE("bloom_filter", u32, u64, bloom, 128);
