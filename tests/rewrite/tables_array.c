// Array tables; a histogram is an array when its key is `int`, a hash otherwise.
struct slot_t { u32 dev; u64 slot; };
BPF_ARRAY(a1);
BPF_ARRAY(a2, u32);
BPF_ARRAY(a3, struct slot_t, 16);
BPF_PERCPU_ARRAY(pa, u64, 4);
BPF_HISTOGRAM(hist);
BPF_HISTOGRAM(hist_by_dev, struct slot_t, 256);
