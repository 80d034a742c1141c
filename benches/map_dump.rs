//! Dumping a 1M-entry BPF_HASH(u32 → u64) from userspace: BPF_MAP_LOOKUP_BATCH
//! (`Table::lookup_batch`) against one get_next_key + lookup per element (`Table::items`).
//! Run as root: `cargo bench --bench map_dump`.
use bccrs::compiler::Options;
use bccrs::runtime::load::Loaded;
use bccrs::runtime::maps::{Table, ANY};
use libbpf_rs::MapCore;
use std::time::{Duration, Instant};

const ENTRIES: u32 = 1 << 20;
const RUNS: usize = 3;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.unwrap())
}

/// Every entry by BPF_MAP_LOOKUP_BATCH, `chunk` at a time into the same buffers; returns the count.
fn raw_lookup_batch(t: &Table, chunk: usize) -> usize {
    let (mut keys, mut vals) = (vec![0u8; chunk * t.key_size], vec![0u8; chunk * t.value_size]);
    let (mut in_batch, mut out_batch) = ([0u8; 8], [0u8; 8]);
    let opts = libbpf_sys::bpf_map_batch_opts { sz: std::mem::size_of::<libbpf_sys::bpf_map_batch_opts>() as _, elem_flags: 0, flags: 0 };
    let (mut total, mut first) = (0, true);
    loop {
        let mut count = chunk as u32;
        let inp = if first { std::ptr::null_mut() } else { in_batch.as_mut_ptr() as *mut _ };
        let r = unsafe {
            libbpf_sys::bpf_map_lookup_batch(t.fd(), inp, out_batch.as_mut_ptr() as _, keys.as_mut_ptr() as _, vals.as_mut_ptr() as _, &mut count, &opts)
        };
        total += count as usize;
        if r < 0 {
            assert_eq!(r, -libc::ENOENT, "the last batch ends with ENOENT");
            return total;
        }
        first = false;
        in_batch = out_batch;
    }
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too (without --bench): nothing to do there.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("map_dump: a benchmark; run it with `cargo bench --bench map_dump`");
        return;
    }
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("map_dump: needs root (loads a BPF map)");
        return;
    }
    let src = format!("BPF_HASH(big, u32, u64, {ENTRIES});\nRAW_TRACEPOINT_PROBE(bench_map_dump) {{ return 0; }}\n");
    let l = Loaded::from_source("map_dump.c", &src, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let m = l.object.maps().find(|m| m.name() == "big").unwrap();
    let t = Table::of(&m);

    let keys: Vec<Vec<u8>> = (0..ENTRIES).map(|k| k.to_ne_bytes().to_vec()).collect();
    let vals: Vec<Vec<u8>> = (0..ENTRIES).map(|k| (k as u64 * 7).to_ne_bytes().to_vec()).collect();
    let (fill, n) = best_of(1, || t.update_batch(&keys, &vals, ANY).unwrap());
    assert_eq!(n, ENTRIES as usize);

    let (batch, b) = best_of(RUNS, || t.lookup_batch().unwrap());
    let (each, e) = best_of(RUNS, || t.items().unwrap());
    assert_eq!(b.len(), ENTRIES as usize);
    assert_eq!(e.len(), ENTRIES as usize);
    let (mut b, mut e) = (b, e);
    b.sort();
    e.sort();
    assert!(b == e, "both dumps hold the same entries");

    // The kernel's share of lookup_batch: the same syscalls into reused buffers, no Vec per entry.
    let (raw, n) = best_of(RUNS, || raw_lookup_batch(&t, 4096));
    assert_eq!(n, ENTRIES as usize);

    let per = |d: Duration| d.as_nanos() as f64 / ENTRIES as f64;
    println!("map_dump: BPF_HASH(u32 -> u64), {ENTRIES} entries (filled by update_batch in {:.1} ms)", fill.as_secs_f64() * 1e3);
    println!("  lookup_batch  {:>8.1} ms  ({:.0} ns/entry)", batch.as_secs_f64() * 1e3, per(batch));
    println!("  (kernel part {:>6.1} ms  ({:.0} ns/entry): the BPF_MAP_LOOKUP_BATCH calls alone)", raw.as_secs_f64() * 1e3, per(raw));
    println!("  items()       {:>8.1} ms  ({:.0} ns/entry)", each.as_secs_f64() * 1e3, per(each));
    println!("  ratio items()/lookup_batch: {:.1}x (best of {RUNS})", each.as_secs_f64() / batch.as_secs_f64());
}
