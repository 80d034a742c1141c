// Hash-like table declarations and BCC's argument defaults.
struct key_t { u32 pid; char comm[16]; };
BPF_HASH(h1);
BPF_HASH(h2, u32);
BPF_HASH(h3, struct key_t, u32);
BPF_HASH(h4, u32, u64, 128);
BPF_PERCPU_HASH(ph, u32, u64, 64);
BPF_TABLE("lru_hash", u32, u64, lru, 256);
BPF_TABLE("lru_percpu_hash", u32, u64, lrupc, 256);
BPF_F_TABLE("hash", u64, u64, nopre, 512, BPF_F_NO_PREALLOC);
struct v4_key { u32 prefixlen; u8 addr[4]; };
BPF_LPM_TRIE(trie, struct v4_key, u64, 32);
// BCC's default key, u64, is not a struct: given to libbpf by size (the kernel refuses its BTF).
BPF_LPM_TRIE(default_trie);
