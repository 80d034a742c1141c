//! `increment` under contention: threads pinned on every CPU run a raw_tp program (BPF_PROG_TEST_RUN
//! on their own CPU) that increments the same fresh keys of a shared BPF_HASH at the same time,
//! so keys are created concurrently and then hammered from all CPUs. bccrs's lowering (atomic
//! add; a failed BPF_NOEXIST insert retries the lookup) must count every increment exactly.
//!
//! The same program also applies BCC's lowering, written out by hand, to a second table:
//! lookup; on a hit `*leaf += n` (not atomic); on a miss insert `n` with BPF_NOEXIST and no retry.
//! What that table loses is printed, not asserted.
mod maps_common;
use bccrs::runtime::maps::Table;
use maps_common::*;
use std::sync::{Arc, Barrier};

const PROGRAM: &str = r#"
BPF_HASH(counts, u32, u64, 65536);
BPF_TABLE("lru_hash", u32, u64, lru_counts, 65536);
BPF_HASH(returned, u32, u64, 65536);
/* per key: the sum of the values inc_and_return yielded */
BPF_HASH(returned_sums, u32, u64, 65536);
BPF_HASH(bcc_counts, u32, u64, 65536);
/* [0]: BPF_NOEXIST inserts that lost a creation race in BCC's lowering (each loses an increment) */
BPF_ARRAY(bcc_stats, u64, 1);

/* BCC's increment, as BCC's rewriter expands `bcc_counts.increment(key)`. */
static __always_inline void bcc_increment(u32 key, u64 n)
{
    u64 *leaf = bcc_counts.lookup(&key);
    if (leaf) {
        *leaf += n;
    } else {
        u64 zleaf = 0;
        zleaf += n;
        if (bcc_counts.update(&key, &zleaf, BPF_NOEXIST) != 0)
            bcc_stats.atomic_increment(0);
    }
}

/* args: first key, number of keys, passes over them */
RAW_TRACEPOINT_PROBE(hammer)
{
    u32 base = ctx->args[0];
    u32 nkeys = ctx->args[1];
    u32 total = nkeys * (u32)ctx->args[2];
    for (u32 i = 0; i < 256 && i < total; i++) {
        u32 key = base + i % nkeys;
        counts.increment(key);
        lru_counts.atomic_increment(key);
        returned_sums.increment(key, returned.inc_and_return(key));
        bcc_increment(key, 1);
    }
    return 0;
}
"#;

const THREADS_PER_CPU: usize = 4;
const KEYS_PER_ROUND: u32 = 16;
const PASSES: u64 = 16; // increments of each key per program run (at most 256 per run)
const ROUNDS: u32 = 512;

#[test]
fn increment_counts_exactly_while_all_cpus_create_and_hammer_the_same_keys() {
    require_root();
    let l = load("maps_concurrency.c", PROGRAM);
    let fd = prog_fd(&l, "raw_tracepoint__hammer");
    let cpus = ncpus();
    assert!(cpus >= 2, "this test needs at least two CPUs");
    let threads = cpus * THREADS_PER_CPU;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let barrier = barrier.clone();
            let cpu = t % cpus;
            std::thread::spawn(move || {
                pin_to_cpu(cpu);
                for round in 0..ROUNDS {
                    // Every thread starts on the round's fresh keys together.
                    barrier.wait();
                    let r = run_on(fd, cpu as u32, [(round * KEYS_PER_ROUND) as u64, KEYS_PER_ROUND as u64, PASSES, 0]);
                    assert_eq!(r, 0);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }

    let per_key = threads as u64 * PASSES;
    let nkeys = ROUNDS * KEYS_PER_ROUND;
    let expected_total = per_key * nkeys as u64;
    assert!(expected_total >= 1_000_000, "at least a million increments ({expected_total})");

    let m = map(&l, "counts");
    let counts = Table::of(&m);
    let items = counts.lookup_batch().unwrap();
    assert_eq!(items.len(), nkeys as usize, "every key was created once");
    let wrong: Vec<(u32, u64)> = items.iter().map(|(k, v)| (as_u32(k), as_u64(v))).filter(|(_, v)| *v != per_key).collect();
    assert!(wrong.is_empty(), "every key counts {per_key}; these do not: {:?}", &wrong[..wrong.len().min(20)]);
    let total: u64 = items.iter().map(|(_, v)| as_u64(v)).sum();
    assert_eq!(total, expected_total, "total of all keys");

    // The other lowerings: an LRU hash (atomic_increment) and inc_and_return, whose results are
    // 1, 2, … per_key exactly once each when every addition is atomic.
    for name in ["lru_counts", "returned"] {
        let m = map(&l, name);
        let items = Table::of(&m).lookup_batch().unwrap();
        assert_eq!(items.len(), nkeys as usize, "{name}: every key was created once");
        assert!(items.iter().all(|(_, v)| as_u64(v) == per_key), "{name}: every key counts {per_key}");
    }
    let m = map(&l, "returned_sums");
    let sums = Table::of(&m).lookup_batch().unwrap();
    assert_eq!(sums.len(), nkeys as usize);
    let want = per_key * (per_key + 1) / 2;
    assert!(sums.iter().all(|(_, v)| as_u64(v) == want), "inc_and_return yields 1..={per_key} once each per key (sum {want})");

    let m = map(&l, "bcc_counts");
    let bcc = Table::of(&m);
    let bcc_total: u64 = bcc.lookup_batch().unwrap().iter().map(|(_, v)| as_u64(v)).sum();
    let m = map(&l, "bcc_stats");
    let races = get(&Table::of(&m), 0).unwrap();
    let lost = expected_total - bcc_total;
    eprintln!(
        "increment, {threads} threads on {cpus} CPUs, {nkeys} keys created concurrently, {expected_total} increments:\n  \
         bccrs: {total} counted (exact)\n  \
         BCC's lowering: {bcc_total} counted, {lost} lost ({:.3}%), of which {races} were lost creation races",
        100.0 * lost as f64 / expected_total as f64
    );
}
