//! The userspace table API (`bccrs::runtime::maps`) on every map type, against the kernel: each operation
//! and flag with the kernel's errno, per-CPU values (one per possible CPU), keys/items/clear,
//! queues and stacks (also bccrs's per-CPU ones through `PercpuQs`), and every batch operation
//! compared with its per-element equivalent on 100,000 entries, including the per-element
//! fallback the batch functions take where the kernel has no batch command.
mod maps_common;
use bccrs::runtime::load::Loaded;
use bccrs::runtime::maps::{BatchError, Errno, PercpuQs, Table, ANY, EXIST, NOEXIST};
use maps_common::*;

/// Every map type of the tests, 4 entries each; `big_*` tables have 100,000 entries.
const PROGRAM: &str = r#"
struct lpm_key { u32 prefixlen; u32 data; };

BPF_HASH(hash, u32, u64, 4);
BPF_PERCPU_HASH(percpu_hash, u32, u64, 4);
BPF_TABLE("lru_hash", u32, u64, lru_hash, 4);
BPF_TABLE("lru_percpu_hash", u32, u64, lru_percpu_hash, 4);
BPF_ARRAY(array, u64, 4);
BPF_PERCPU_ARRAY(percpu_array, u64, 4);
BPF_QUEUE(queue, u64, 4);
BPF_STACK(stack, u64, 4);
BPF_PERCPU_QUEUE(percpu_queue, u64, 4);
BPF_PERCPU_STACK(percpu_stack, u64, 4);

BPF_HASH(big_hash_a, u32, u64, 100000);
BPF_HASH(big_hash_b, u32, u64, 100000);
BPF_PERCPU_HASH(big_pcpu_a, u32, u64, 100000);
BPF_PERCPU_HASH(big_pcpu_b, u32, u64, 100000);
BPF_ARRAY(big_array_a, u64, 100000);
BPF_ARRAY(big_array_b, u64, 100000);
BPF_LPM_TRIE(big_trie_a, struct lpm_key, u64, 100000);
BPF_LPM_TRIE(big_trie_b, struct lpm_key, u64, 100000);

RAW_TRACEPOINT_PROBE(bccrs_maps_user) { return 0; }
"#;

const BIG: u32 = 100_000;

fn setup() -> Loaded {
    require_root();
    load("maps_user.c", PROGRAM)
}

/// Runs `f` with table `name` of a loaded program.
fn with<R>(l: &Loaded, name: &str, f: impl FnOnce(&Table) -> R) -> R {
    let m = map(l, name);
    f(&Table::of(&m))
}

fn k(key: u32) -> Vec<u8> {
    u32b(key)
}
/// A 32-bit exact-match LPM trie key.
fn lpm(key: u32) -> Vec<u8> {
    [32u32.to_ne_bytes(), key.to_ne_bytes()].concat()
}
/// A value in the table's layout: the same u64 on every CPU of a per-CPU table.
fn val(t: &Table, v: u64) -> Vec<u8> {
    if t.percpu {
        percpu_buf(t, &vec![v; ncpus()])
    } else {
        u64b(v)
    }
}

fn err<T: std::fmt::Debug>(r: bccrs::runtime::maps::Result<T>) -> i32 {
    match r {
        Err(Errno(e)) => e,
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
    }
}

// ---------------------------------------------------------------------------------------------
// lookup / update with each flag / delete / lookup_and_delete on keyed tables
// ---------------------------------------------------------------------------------------------

#[test]
fn update_flags_on_hash_tables() {
    let l = setup();
    for name in ["hash", "percpu_hash", "lru_hash", "lru_percpu_hash"] {
        with(&l, name, |t| {
            assert_eq!(t.lookup(&k(1)), Ok(None), "{name}: a missing key looks up as None (ENOENT)");
            assert_eq!(t.update(&k(1), &val(t, 10), ANY), Ok(()), "{name}: BPF_ANY creates");
            assert_eq!(t.update(&k(1), &val(t, 11), ANY), Ok(()), "{name}: BPF_ANY overwrites");
            assert_eq!(t.lookup(&k(1)), Ok(Some(val(t, 11))), "{name}");
            assert_eq!(t.update(&k(2), &val(t, 20), NOEXIST), Ok(()), "{name}: BPF_NOEXIST creates");
            assert_eq!(err(t.update(&k(2), &val(t, 21), NOEXIST)), libc::EEXIST, "{name}: BPF_NOEXIST on a present key");
            assert_eq!(err(t.update(&k(3), &val(t, 30), EXIST)), libc::ENOENT, "{name}: BPF_EXIST on a missing key");
            assert_eq!(t.update(&k(2), &val(t, 22), EXIST), Ok(()), "{name}: BPF_EXIST replaces");
            assert_eq!(err(t.update(&k(2), &val(t, 23), 3)), libc::EINVAL, "{name}: flags 3");
            assert_eq!(err(t.update(&k(2), &val(t, 23), 4)), libc::EINVAL, "{name}: BPF_F_LOCK without a spin lock");
            assert_eq!(t.lookup(&k(2)), Ok(Some(val(t, 22))), "{name}: failed updates changed nothing");
            assert_eq!(sorted_keys(t), vec![1, 2], "{name}");
        });
    }
}

#[test]
fn a_full_hash_refuses_new_keys_with_e2big() {
    let l = setup();
    for name in ["hash", "percpu_hash"] {
        with(&l, name, |t| {
            for i in 0..4 {
                t.update(&k(i), &val(t, i as u64), ANY).unwrap();
            }
            assert_eq!(err(t.update(&k(9), &val(t, 9), ANY)), libc::E2BIG, "{name}: a new key in a full table");
            assert_eq!(err(t.update(&k(9), &val(t, 9), NOEXIST)), libc::E2BIG, "{name}: also with BPF_NOEXIST");
            assert_eq!(t.update(&k(3), &val(t, 33), ANY), Ok(()), "{name}: a present key can be overwritten");
            assert_eq!(t.update(&k(3), &val(t, 34), EXIST), Ok(()), "{name}");
            assert_eq!(sorted_keys(t), vec![0, 1, 2, 3], "{name}");
        });
    }
}

#[test]
fn a_full_lru_hash_evicts_the_least_recently_used_key() {
    let l = setup();
    // LRU free lists are per CPU: on one CPU the eviction order is exact.
    pin_to_cpu(0);
    for name in ["lru_hash", "lru_percpu_hash"] {
        with(&l, name, |t| {
            for i in 0..4 {
                t.update(&k(i), &val(t, i as u64), ANY).unwrap();
            }
            assert_eq!(t.update(&k(9), &val(t, 9), NOEXIST), Ok(()), "{name}: a new key in a full LRU table succeeds");
            let keys = sorted_keys(t);
            assert_eq!(keys.len(), 4, "{name}: still 4 entries: {keys:?}");
            assert!(keys.contains(&9) && !keys.contains(&0), "{name}: the oldest key (0) made room for 9: {keys:?}");
        });
    }
}

#[test]
fn delete_and_lookup_and_delete_on_hash_tables() {
    let l = setup();
    for name in ["hash", "percpu_hash", "lru_hash", "lru_percpu_hash"] {
        with(&l, name, |t| {
            t.update(&k(5), &val(t, 50), ANY).unwrap();
            t.update(&k(6), &val(t, 60), ANY).unwrap();
            assert_eq!(t.delete(&k(5)), Ok(()), "{name}: delete of a present key");
            assert_eq!(t.lookup(&k(5)), Ok(None), "{name}: gone");
            assert_eq!(err(t.delete(&k(5))), libc::ENOENT, "{name}: delete of a missing key");
            assert_eq!(t.lookup_and_delete(&k(6)), Ok(Some(val(t, 60))), "{name}: lookup_and_delete returns the value");
            assert_eq!(t.lookup(&k(6)), Ok(None), "{name}: and removes the key");
            assert_eq!(t.lookup_and_delete(&k(6)), Ok(None), "{name}: a missing key is None (ENOENT)");
        });
    }
}

#[test]
fn wrong_key_or_value_sizes_are_einval() {
    let l = setup();
    with(&l, "hash", |t| {
        assert_eq!(err(t.lookup(&[0u8; 8])), libc::EINVAL, "an 8-byte key for a u32 key");
        assert_eq!(err(t.update(&k(1), &[0u8; 4], ANY)), libc::EINVAL, "a 4-byte value for a u64 value");
        assert_eq!(err(t.delete(&[0u8; 2])), libc::EINVAL);
    });
    with(&l, "percpu_hash", |t| {
        assert_eq!(err(t.update(&k(1), &u64b(1), ANY)), libc::EINVAL, "a per-CPU table takes one value per possible CPU");
        assert_eq!(t.join_percpu(&[u64b(1)]).err().map(|e| e.0), if ncpus() == 1 { None } else { Some(libc::EINVAL) });
    });
}

#[test]
fn per_cpu_tables_hold_one_value_per_possible_cpu() {
    let l = setup();
    for name in ["percpu_hash", "lru_percpu_hash", "percpu_array"] {
        with(&l, name, |t| {
            assert!(t.percpu, "{name} is per-CPU");
            assert_eq!(t.value_buf_len(), 8 * ncpus(), "{name}: one 8-byte slot per possible CPU");
            let vals: Vec<u64> = (0..ncpus() as u64).map(|c| 1000 + c).collect();
            t.update(&k(1), &percpu_buf(t, &vals), ANY).unwrap();
            assert_eq!(get_percpu(t, 1), Some(vals.clone()), "{name}: each CPU's value as written");
            let raw = t.lookup(&k(1)).unwrap().unwrap();
            assert_eq!(t.split_percpu(&raw).len(), ncpus(), "{name}");
            assert_eq!(t.join_percpu(&t.split_percpu(&raw)).unwrap(), raw, "{name}: split and join are inverse");
            let items = t.items().unwrap();
            let item = items.iter().find(|(key, _)| key == &k(1)).expect("key 1 in items()");
            assert_eq!(t.split_percpu(&item.1).iter().map(|v| as_u64(v)).collect::<Vec<_>>(), vals, "{name}: items() too");
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------------------------

#[test]
fn arrays_have_every_index_and_cannot_delete() {
    let l = setup();
    for name in ["array", "percpu_array"] {
        with(&l, name, |t| {
            assert_eq!(t.lookup(&k(3)), Ok(Some(val(t, 0))), "{name}: every index exists, zeroed");
            assert_eq!(t.lookup(&k(4)), Ok(None), "{name}: index max_entries is absent (ENOENT)");
            assert_eq!(t.update(&k(3), &val(t, 7), ANY), Ok(()), "{name}");
            assert_eq!(t.update(&k(3), &val(t, 8), EXIST), Ok(()), "{name}: BPF_EXIST: every index exists");
            assert_eq!(err(t.update(&k(3), &val(t, 9), NOEXIST)), libc::EEXIST, "{name}: BPF_NOEXIST always fails");
            assert_eq!(err(t.update(&k(4), &val(t, 9), ANY)), libc::E2BIG, "{name}: out of range");
            assert_eq!(err(t.update(&k(4), &val(t, 9), NOEXIST)), libc::E2BIG, "{name}: out of range, BPF_NOEXIST");
            assert_eq!(err(t.update(&k(4), &val(t, 9), EXIST)), libc::E2BIG, "{name}: out of range, BPF_EXIST");
            assert_eq!(err(t.update(&k(3), &val(t, 9), 3)), libc::EINVAL, "{name}: flags 3");
            assert_eq!(t.lookup(&k(3)), Ok(Some(val(t, 8))), "{name}");
            assert_eq!(err(t.delete(&k(3))), libc::EINVAL, "{name}: elements of an array cannot be deleted");
            assert_eq!(err(t.lookup_and_delete(&k(3))), ENOTSUPP, "{name}: nor looked up and deleted (ENOTSUPP)");
            assert_eq!(sorted_keys(t), vec![0, 1, 2, 3], "{name}: keys() lists every index");
            assert_eq!(err(t.lookup_and_delete_batch()), libc::EINVAL, "{name}: lookup_and_delete_batch (per element: delete fails)");
            assert_eq!(t.lookup(&k(3)), Ok(Some(val(t, 8))), "{name}: and nothing changed");
        });
    }
}

// ---------------------------------------------------------------------------------------------
// keys, items, clear
// ---------------------------------------------------------------------------------------------

#[test]
fn keys_items_and_clear() {
    let l = setup();
    for name in ["hash", "percpu_hash", "lru_hash", "lru_percpu_hash", "array", "percpu_array"] {
        with(&l, name, |t| {
            for i in [3u32, 1, 2] {
                t.update(&k(i), &val(t, 10 * i as u64), ANY).unwrap();
            }
            let mut items: Vec<(u32, Vec<u8>)> = t.items().unwrap().into_iter().map(|(key, v)| (as_u32(&key), v)).collect();
            items.sort();
            let mut want: Vec<(u32, Vec<u8>)> = [1u32, 2, 3].iter().map(|&i| (i, val(t, 10 * i as u64))).collect();
            let is_array = name.ends_with("array");
            if is_array {
                want.insert(0, (0, val(t, 0)));
            }
            assert_eq!(items, want, "{name}: items()");
            assert_eq!(t.clear(), Ok(want.len()), "{name}: clear() returns how many entries there were");
            if is_array {
                assert!((0..4).all(|i| t.lookup(&k(i)) == Ok(Some(val(t, 0)))), "{name}: clear() zeroes an array");
            } else {
                assert_eq!(t.keys(), Ok(vec![]), "{name}: clear() empties a hash");
            }
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Queues and stacks
// ---------------------------------------------------------------------------------------------

#[test]
fn queue_and_stack_push_pop_peek_drain() {
    let l = setup();
    for (name, fifo) in [("queue", true), ("stack", false)] {
        with(&l, name, |t| {
            assert_eq!(t.pop(), Ok(None), "{name}: pop on empty is None (ENOENT)");
            assert_eq!(t.peek(), Ok(None), "{name}: peek on empty is None (ENOENT)");
            for v in 1..=4 {
                assert_eq!(t.push(&u64b(v), ANY), Ok(()), "{name}: push {v}");
            }
            assert_eq!(err(t.push(&u64b(5), ANY)), libc::E2BIG, "{name}: push on full");
            assert_eq!(err(t.push(&u64b(5), NOEXIST)), libc::EINVAL, "{name}: BPF_NOEXIST is not a push flag");
            assert_eq!(err(t.push(&u64b(5), 3)), libc::EINVAL, "{name}: flags 3");
            assert_eq!(err(t.push(&u64b(5), 4)), libc::EINVAL, "{name}: BPF_F_LOCK");
            let first = if fifo { 1 } else { 4 };
            assert_eq!(t.peek(), Ok(Some(u64b(first))), "{name}: peek");
            assert_eq!(t.pop(), Ok(Some(u64b(first))), "{name}: pop");
            assert_eq!(t.lookup_and_delete(&[]), Ok(Some(u64b(if fifo { 2 } else { 3 }))), "{name}: lookup_and_delete pops");
            assert_eq!(t.push(&u64b(5), EXIST), Ok(()), "{name}: BPF_EXIST with room");
            assert_eq!(t.push(&u64b(6), ANY), Ok(()), "{name}: full again");
            assert_eq!(t.push(&u64b(7), EXIST), Ok(()), "{name}: BPF_EXIST on full drops the oldest");
            // queue: 3 4 5 6 + 7 drops 3; stack: 1 2 5 6 + 7 drops 1 (the bottom)
            let want: Vec<Vec<u8>> = if fifo { [4, 5, 6, 7] } else { [7, 6, 5, 2] }.iter().map(|v| u64b(*v)).collect();
            assert_eq!(t.drain(), Ok(want), "{name}: drain in pop order");
            assert_eq!(t.pop(), Ok(None), "{name}: drained");
        });
    }
}

#[test]
fn queues_and_stacks_have_no_keys() {
    let l = setup();
    for name in ["queue", "stack"] {
        with(&l, name, |t| {
            t.push(&u64b(1), ANY).unwrap();
            t.push(&u64b(2), ANY).unwrap();
            assert_eq!(err(t.keys()), libc::EINVAL, "{name}: keys() (get_next_key)");
            assert_eq!(err(t.items()), libc::EINVAL, "{name}: items()");
            assert_eq!(err(t.delete(&[])), libc::EINVAL, "{name}: delete");
            assert_eq!(err(t.lookup_batch()), libc::EINVAL, "{name}: lookup_batch: no batch command, and the per-element fallback has no keys");
            assert_eq!(err(t.lookup_and_delete_batch()), libc::EINVAL, "{name}: lookup_and_delete_batch: likewise");
            assert_eq!(t.clear(), Ok(2), "{name}: clear() drains");
            assert_eq!(t.pop(), Ok(None), "{name}: empty after clear()");
        });
    }
}

#[test]
fn per_cpu_queues_and_stacks_from_userspace() {
    let l = setup();
    for (name, fifo) in [("percpu_queue", true), ("percpu_stack", false)] {
        let m = map(&l, name);
        let q = PercpuQs::new(Table::of(&m));
        assert_eq!(q.cpus() as usize, ncpus(), "{name}: one instance per possible CPU");
        for cpu in 0..q.cpus() {
            assert_eq!(q.pop(cpu), Ok(None), "{name}: CPU {cpu} starts empty");
            assert_eq!(q.peek(cpu), Ok(None), "{name}");
            for i in 1..=4 {
                assert_eq!(q.push(cpu, &u64b(10 * cpu as u64 + i), ANY), Ok(()), "{name}: push on CPU {cpu}");
            }
            assert_eq!(q.push(cpu, &u64b(99), ANY), Err(Errno(libc::E2BIG)), "{name}: CPU {cpu}'s instance is full");
            assert_eq!(q.push(cpu, &u64b(99), NOEXIST), Err(Errno(libc::EINVAL)), "{name}");
        }
        let c0 = |i: u64| u64b(i);
        assert_eq!(q.peek(0), Ok(Some(c0(if fifo { 1 } else { 4 }))), "{name}: peek CPU 0");
        assert_eq!(q.pop(0), Ok(Some(c0(if fifo { 1 } else { 4 }))), "{name}: pop CPU 0");
        assert_eq!(q.push(0, &u64b(5), ANY), Ok(()), "{name}: room again on CPU 0");
        assert_eq!(q.push(0, &u64b(6), EXIST), Ok(()), "{name}: BPF_EXIST drops CPU 0's oldest");
        let all: Vec<Vec<u64>> = q.drain_all().unwrap().iter().map(|c| c.iter().map(|v| as_u64(v)).collect()).collect();
        let mut want = vec![if fifo { vec![3, 4, 5, 6] } else { vec![6, 5, 3, 2] }];
        for cpu in 1..ncpus() as u64 {
            want.push(if fifo { (1..=4).map(|i| 10 * cpu + i).collect() } else { (1..=4).rev().map(|i| 10 * cpu + i).collect() });
        }
        assert_eq!(all, want, "{name}: drain_all, one list per CPU in pop order");
        assert_eq!(q.drain(0), Ok(vec![]), "{name}: drained");
        assert_eq!(q.push(ncpus() as u32, &u64b(1), ANY), Err(Errno::ENOENT), "{name}: no instance past the last CPU");
    }
}

// ---------------------------------------------------------------------------------------------
// Batch operations = their per-element equivalents (100,000 entries)
// ---------------------------------------------------------------------------------------------

/// The per-element equivalents the batch functions must match.
fn each_update(t: &Table, keys: &[Vec<u8>], values: &[Vec<u8>], flags: u64) -> Result<usize, BatchError> {
    for (i, (key, v)) in keys.iter().zip(values).enumerate() {
        t.update(key, v, flags).map_err(|errno| BatchError { done: i, errno })?;
    }
    Ok(keys.len())
}
fn each_delete(t: &Table, keys: &[Vec<u8>]) -> Result<usize, BatchError> {
    for (i, key) in keys.iter().enumerate() {
        t.delete(key).map_err(|errno| BatchError { done: i, errno })?;
    }
    Ok(keys.len())
}
fn each_lookup_and_delete(t: &Table) -> Vec<(Vec<u8>, Vec<u8>)> {
    let items = t.items().unwrap();
    for (key, _) in &items {
        t.delete(key).unwrap();
    }
    items
}

fn sorted(mut v: Vec<(Vec<u8>, Vec<u8>)>) -> Vec<(Vec<u8>, Vec<u8>)> {
    v.sort();
    v
}
/// The table's contents by per-element reads, sorted.
fn contents(t: &Table) -> Vec<(Vec<u8>, Vec<u8>)> {
    sorted(t.items().unwrap())
}

/// A pair of identical 100,000-entry tables: `a` gets the batch operation, `b` the per-element one.
struct Pair {
    a: &'static str,
    b: &'static str,
    key: fn(u32) -> Vec<u8>,
}
const PAIRS: [Pair; 4] = [
    Pair { a: "big_hash_a", b: "big_hash_b", key: k },
    Pair { a: "big_pcpu_a", b: "big_pcpu_b", key: k },
    Pair { a: "big_array_a", b: "big_array_b", key: k },
    Pair { a: "big_trie_a", b: "big_trie_b", key: lpm },
];

/// Keys `range` and distinct values (per-CPU: a different value on each CPU).
fn entries(t: &Table, key: fn(u32) -> Vec<u8>, range: std::ops::Range<u32>, salt: u64) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let keys = range.clone().map(key).collect();
    let vals = range
        .map(|i| {
            let v = i as u64 * 3 + salt;
            if t.percpu {
                percpu_buf(t, &(0..ncpus() as u64).map(|c| v + (c << 40)).collect::<Vec<_>>())
            } else {
                u64b(v)
            }
        })
        .collect();
    (keys, vals)
}

fn both(l: &Loaded, p: &Pair, f: impl FnOnce(&Table, &Table)) {
    let ma = map(l, p.a);
    let mb = map(l, p.b);
    f(&Table::of(&ma), &Table::of(&mb))
}

#[test]
fn lookup_batch_equals_items() {
    let l = setup();
    for p in &PAIRS {
        both(&l, p, |a, _| {
            let (keys, vals) = entries(a, p.key, 0..BIG, 1);
            assert_eq!(each_update(a, &keys, &vals, ANY), Ok(BIG as usize));
            let batch = a.lookup_batch().unwrap();
            assert_eq!(batch.len(), BIG as usize, "{}: lookup_batch returns every entry", p.a);
            assert_eq!(sorted(batch), contents(a), "{}: lookup_batch = items()", p.a);
        });
    }
}

#[test]
fn update_batch_with_bpf_any_equals_per_element_updates() {
    let l = setup();
    for p in &PAIRS {
        both(&l, p, |a, b| {
            let (keys, vals) = entries(a, p.key, 0..BIG, 2);
            assert_eq!(a.update_batch(&keys, &vals, ANY), each_update(b, &keys, &vals, ANY), "{}", p.a);
            assert_eq!(contents(a).len(), BIG as usize, "{}", p.a);
            assert_eq!(contents(a), contents(b), "{}: same contents", p.a);
            // Overwriting half of them.
            let (keys, vals) = entries(a, p.key, BIG / 2..BIG, 7);
            assert_eq!(a.update_batch(&keys, &vals, ANY), each_update(b, &keys, &vals, ANY), "{}", p.a);
            assert_eq!(contents(a), contents(b), "{}: same contents after overwriting", p.a);
        });
    }
}

#[test]
fn update_batch_with_bpf_noexist_equals_per_element_updates() {
    let l = setup();
    for p in &PAIRS {
        if p.a == "big_array_a" {
            continue; // every index of an array exists: see the next test
        }
        both(&l, p, |a, b| {
            let (keys, vals) = entries(a, p.key, 0..BIG / 2, 3);
            assert_eq!(a.update_batch(&keys, &vals, NOEXIST), Ok(keys.len()), "{}: BPF_NOEXIST on new keys", p.a);
            assert_eq!(each_update(b, &keys, &vals, NOEXIST), Ok(keys.len()), "{}", p.b);
            // New keys up to BIG*3/4, then one that exists: both stop there with EEXIST.
            let (mut keys, mut vals) = entries(a, p.key, BIG / 2..BIG * 3 / 4, 4);
            keys.push((p.key)(10));
            vals.push(vals[0].clone());
            let (more_k, more_v) = entries(a, p.key, BIG * 3 / 4..BIG, 4);
            keys.extend(more_k);
            vals.extend(more_v);
            let batch = a.update_batch(&keys, &vals, NOEXIST);
            assert_eq!(batch, Err(BatchError { done: (BIG / 4) as usize, errno: Errno(libc::EEXIST) }), "{}: stops at the present key", p.a);
            assert_eq!(batch, each_update(b, &keys, &vals, NOEXIST), "{}: as the per-element updates do", p.a);
            assert_eq!(contents(a).len(), (BIG * 3 / 4) as usize, "{}", p.a);
            assert_eq!(contents(a), contents(b), "{}: same contents", p.a);
        });
    }
}

#[test]
fn update_batch_with_bpf_exist_equals_per_element_updates() {
    let l = setup();
    for p in &PAIRS {
        both(&l, p, |a, b| {
            let (keys, vals) = entries(a, p.key, 0..BIG / 2, 5);
            a.update_batch(&keys, &vals, ANY).unwrap();
            b.update_batch(&keys, &vals, ANY).unwrap();
            let (keys, vals) = entries(a, p.key, 0..BIG, 6);
            let batch = a.update_batch(&keys, &vals, EXIST);
            // Arrays: every index exists. Others: the first key past BIG/2 is missing.
            let want = if p.a == "big_array_a" { Ok(BIG as usize) } else { Err(BatchError { done: (BIG / 2) as usize, errno: Errno(libc::ENOENT) }) };
            assert_eq!(batch, want, "{}: BPF_EXIST", p.a);
            assert_eq!(batch, each_update(b, &keys, &vals, EXIST), "{}: as the per-element updates do", p.a);
            assert_eq!(contents(a), contents(b), "{}: same contents", p.a);
            if p.a == "big_array_a" {
                let batch = a.update_batch(&keys[..10], &vals[..10], NOEXIST);
                assert_eq!(batch, Err(BatchError { done: 0, errno: Errno(libc::EEXIST) }), "array: BPF_NOEXIST fails at the first index");
                assert_eq!(batch, each_update(b, &keys[..10], &vals[..10], NOEXIST));
            }
        });
    }
}

#[test]
fn delete_batch_equals_per_element_deletes() {
    let l = setup();
    for p in &PAIRS {
        if p.a == "big_array_a" {
            continue;
        }
        both(&l, p, |a, b| {
            let (keys, vals) = entries(a, p.key, 0..BIG, 8);
            a.update_batch(&keys, &vals, ANY).unwrap();
            b.update_batch(&keys, &vals, ANY).unwrap();
            let evens: Vec<Vec<u8>> = (0..BIG).step_by(2).map(p.key).collect();
            assert_eq!(a.delete_batch(&evens), Ok(evens.len()), "{}", p.a);
            assert_eq!(each_delete(b, &evens), Ok(evens.len()), "{}", p.b);
            assert_eq!(contents(a), contents(b), "{}: same contents", p.a);
            // Odd keys, with an already deleted key in the middle: both stop there with ENOENT.
            let mut odds: Vec<Vec<u8>> = (1..BIG).step_by(2).map(p.key).collect();
            odds.insert(1000, (p.key)(0));
            let batch = a.delete_batch(&odds);
            assert_eq!(batch, Err(BatchError { done: 1000, errno: Errno(libc::ENOENT) }), "{}: stops at the missing key", p.a);
            assert_eq!(batch, each_delete(b, &odds), "{}: as the per-element deletes do", p.a);
            assert_eq!(contents(a).len(), (BIG / 2 - 1000) as usize, "{}", p.a);
            assert_eq!(contents(a), contents(b), "{}: same contents", p.a);
        });
    }
}

#[test]
fn lookup_and_delete_batch_equals_per_element_lookup_and_delete() {
    let l = setup();
    for p in &PAIRS {
        if p.a == "big_array_a" {
            continue;
        }
        both(&l, p, |a, b| {
            let (keys, vals) = entries(a, p.key, 0..BIG, 9);
            a.update_batch(&keys, &vals, ANY).unwrap();
            b.update_batch(&keys, &vals, ANY).unwrap();
            let batch = sorted(a.lookup_and_delete_batch().unwrap());
            assert_eq!(batch.len(), BIG as usize, "{}: every entry returned", p.a);
            assert_eq!(batch, sorted(each_lookup_and_delete(b)), "{}: same entries as per element", p.a);
            assert_eq!(a.keys(), Ok(vec![]), "{}: empty afterwards", p.a);
        });
    }
}

/// Where the kernel has no batch command (or refuses the flags), the batch functions take the
/// per-element path: check the kernel really refuses, then that the results are the same.
#[test]
fn batch_functions_fall_back_to_per_element_operations() {
    let l = setup();
    let o = |elem_flags| libbpf_sys::bpf_map_batch_opts { sz: std::mem::size_of::<libbpf_sys::bpf_map_batch_opts>() as _, elem_flags, flags: 0 };
    // An LPM trie has no BPF_MAP_LOOKUP_AND_DELETE_BATCH.
    with(&l, "big_trie_a", |t| {
        let (keys, vals) = entries(t, lpm, 0..BIG, 10);
        t.update_batch(&keys, &vals, ANY).unwrap();
        let (mut kb, mut vb, mut out, mut count) = (vec![0u8; 8 * 16], vec![0u8; 8 * 16], vec![0u8; 8], 16u32);
        let r = unsafe {
            libbpf_sys::bpf_map_lookup_and_delete_batch(t.fd(), std::ptr::null_mut(), out.as_mut_ptr() as _, kb.as_mut_ptr() as _, vb.as_mut_ptr() as _, &mut count, &o(0))
        };
        assert_eq!(r, -ENOTSUPP, "the kernel has no lookup-and-delete batch for LPM tries");
        let want = contents(t);
        assert_eq!(sorted(t.lookup_and_delete_batch().unwrap()), want, "the fallback returns every entry");
        assert_eq!(t.keys(), Ok(vec![]), "and deletes them");
    });
    // The kernel's generic update batch takes no BPF_NOEXIST/BPF_EXIST (only BPF_F_LOCK).
    with(&l, "big_hash_a", |t| {
        let (keys, vals) = entries(t, k, 0..3, 11);
        let (kb, vb, mut count) = (keys.concat(), vals.concat(), 3u32);
        let r = unsafe { libbpf_sys::bpf_map_update_batch(t.fd(), kb.as_ptr() as _, vb.as_ptr() as _, &mut count, &o(NOEXIST)) };
        assert_eq!(r, -libc::EINVAL, "the kernel refuses BPF_NOEXIST in a batch");
        assert_eq!(count, 3, "and leaves the count alone: nothing was done");
        assert_eq!(t.update_batch(&keys, &vals, NOEXIST), Ok(3), "the per-element path creates the keys");
        assert_eq!(t.update_batch(&keys, &vals, NOEXIST), Err(BatchError { done: 0, errno: Errno(libc::EEXIST) }), "and reports EEXIST at the first present key");
    });
    // Arrays have no delete batch: the per-element path gives the kernel's EINVAL.
    with(&l, "big_array_a", |t| {
        let mut count = 1u32;
        let r = unsafe { libbpf_sys::bpf_map_delete_batch(t.fd(), k(0).as_ptr() as _, &mut count, &o(0)) };
        assert_eq!(r, -ENOTSUPP, "the kernel has no delete batch for arrays");
        assert_eq!(t.delete_batch(&[k(0)]), Err(BatchError { done: 0, errno: Errno(libc::EINVAL) }), "per element: EINVAL, nothing done");
    });
    // Empty batches do nothing.
    with(&l, "big_hash_b", |t| {
        assert_eq!(t.update_batch(&[], &[], ANY), Ok(0));
        assert_eq!(t.delete_batch(&[]), Ok(0));
        assert_eq!(t.lookup_batch(), Ok(vec![]));
        assert_eq!(t.lookup_and_delete_batch(), Ok(vec![]));
        assert_eq!(t.update_batch(&[k(1)], &[], ANY), Err(BatchError { done: 0, errno: Errno(libc::EINVAL) }), "keys and values differ in number");
    });
}
