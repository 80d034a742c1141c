//! One metrics scrape (`Bpf::render_metrics`, what `GET /metrics` serves) of a BPF_HASH(u32 → u64)
//! with 10k and with 1M entries: the batch read, the cap's selection (the 10,000 largest values
//! of 1M), BTF decoding and the text encoding. Run as root: `cargo bench --bench metrics_scrape`.
use bccrs::runtime::maps::Table;
use bccrs::runtime::metrics::{Format, Options};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// (the scrape, the batch read alone — the kernel's share — and the text's size)
fn scrape(entries: u32, max_series: usize) -> (Duration, Duration, usize) {
    let src = format!("BPF_HASH(big, u32, u64, {});\nRAW_TRACEPOINT_PROBE(bench_metrics) {{ return 0; }}\n", entries.max(1));
    let bpf = bccrs::Bpf::from_source("scrape.c", &src, &bccrs::Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let map = bpf.map("big").unwrap();
    let keys: Vec<Vec<u8>> = (0..entries).map(|k| k.to_le_bytes().to_vec()).collect();
    let vals: Vec<Vec<u8>> = (0..entries).map(|k| (k as u64 * 7).to_le_bytes().to_vec()).collect();
    let table = Table::of(&map);
    table.update_batch(&keys, &vals, 0).expect("fill");
    let read = median((0..RUNS).map(|_| { let t = Instant::now(); table.read_batch_flat(false).unwrap(); t.elapsed() }).collect());
    let opts = Options { max_series, per_cpu: false };
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        bytes = bpf.render_metrics("bench", &opts, Format::OpenMetrics).len();
        times.push(t.elapsed());
    }
    (median(times), read, bytes)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("metrics_scrape: a benchmark; run it with `cargo bench --bench metrics_scrape`");
        return;
    }
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("metrics_scrape: needs root (loads a BPF map)");
        return;
    }
    println!("{:>10} {:>12} {:>12} {:>14} {:>10}", "entries", "max series", "scrape ms", "batch read ms", "bytes");
    for (entries, cap) in [(10_000u32, 10_000usize), (1_000_000, 10_000), (1_000_000, 1_000_000)] {
        let (t, read, bytes) = scrape(entries, cap);
        println!("{entries:>10} {cap:>12} {:>12.1} {:>14.1} {bytes:>10}", t.as_secs_f64() * 1e3, read.as_secs_f64() * 1e3);
    }
}
