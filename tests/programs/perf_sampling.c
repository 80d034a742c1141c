// Sampling on every CPU through a software perf event (bccrs run --attach perf:cpu-clock:HZ=on_sample).
BPF_HASH(samples, u32, u64);
int on_sample(struct bpf_perf_event_data *ctx)
{
    u32 cpu = bpf_get_smp_processor_id();
    samples.increment(cpu);
    return 0;
}
