//! Every BPF-side table method on every map type, against the kernel: each test runs one
//! operation inside a raw_tp program (BPF_PROG_TEST_RUN on a chosen CPU), asserts the kernel's
//! exact result code, and reads the table back from userspace (`bccrs::runtime::maps`).
//!
//! One program per map type (`program(kind)`): ctx->args = (op, key, value, flags); the program
//! performs `op` through the dialect's method on table `t`, stores any value it yields in
//! `out[0]`, and returns the method's result (lookup: 1 found, 0 NULL). docs/maps.md tabulates
//! what these tests establish.
mod maps_common;
use bccrs::runtime::load::Loaded;
use bccrs::runtime::maps::{PercpuQs, Table};
use maps_common::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Hash,
    PercpuHash,
    LruHash,
    LruPercpuHash,
    Array,
    PercpuArray,
    Queue,
    Stack,
    PercpuQueue,
    PercpuStack,
}
use Kind::*;

/// Every table has 4 entries.
const N: u64 = 4;

impl Kind {
    fn decl(self) -> &'static str {
        match self {
            Hash => "BPF_HASH(t, u32, u64, 4);",
            PercpuHash => "BPF_PERCPU_HASH(t, u32, u64, 4);",
            LruHash => "BPF_TABLE(\"lru_hash\", u32, u64, t, 4);",
            LruPercpuHash => "BPF_TABLE(\"lru_percpu_hash\", u32, u64, t, 4);",
            Array => "BPF_ARRAY(t, u64, 4);",
            PercpuArray => "BPF_PERCPU_ARRAY(t, u64, 4);",
            Queue => "BPF_QUEUE(t, u64, 4);",
            Stack => "BPF_STACK(t, u64, 4);",
            PercpuQueue => "BPF_PERCPU_QUEUE(t, u64, 4);",
            PercpuStack => "BPF_PERCPU_STACK(t, u64, 4);",
        }
    }
    fn hash_like(self) -> bool {
        matches!(self, Hash | PercpuHash | LruHash | LruPercpuHash)
    }
    fn array(self) -> bool {
        matches!(self, Array | PercpuArray)
    }
    fn queue_like(self) -> bool {
        !self.hash_like() && !self.array()
    }
    fn percpu(self) -> bool {
        matches!(self, PercpuHash | LruPercpuHash | PercpuArray)
    }
}

// Operation codes (ctx->args[0]).
const LOOKUP: u64 = 1;
const UPDATE: u64 = 2; // update(&k, &v): BPF_ANY
const UPDATE_FLAGS: u64 = 3; // update(&k, &v, flags)
const INSERT: u64 = 4;
const DELETE: u64 = 5;
const LOOKUP_AND_DELETE: u64 = 6; // (&k, &out) on hash-like tables, (&out) on queues/stacks
const PUSH: u64 = 7;
const PUSH_FLAGS: u64 = 8;
const POP: u64 = 9;
const PEEK: u64 = 10;
const INCREMENT: u64 = 11;
const INCREMENT_N: u64 = 12;
const ATOMIC_INCREMENT: u64 = 13;
const ATOMIC_INCREMENT_N: u64 = 14;
const INC_AND_RETURN: u64 = 15;
const INC_AND_RETURN_N: u64 = 16;

/// What `out[0]` holds when the operation wrote nothing.
const UNTOUCHED: u64 = 0xdead_beef;

/// The test program of one map type: only the methods that apply to it are compiled.
fn program(kind: Kind) -> String {
    let mut cases = vec![];
    if kind.hash_like() || kind.array() {
        cases.extend([
            "case 1: { u64 *p = t.lookup(&k); if (!p) return 0; set_out(*p); return 1; }",
            "case 2: return t.update(&k, &v);",
            "case 3: return t.update(&k, &v, flags);",
            "case 11: t.increment(k); return 0;",
            "case 12: t.increment(k, v); return 0;",
            "case 13: t.atomic_increment(k); return 0;",
            "case 14: t.atomic_increment(k, v); return 0;",
            "case 15: set_out(t.inc_and_return(k)); return 0;",
            "case 16: set_out(t.inc_and_return(k, v)); return 0;",
        ]);
    }
    if kind.hash_like() {
        cases.extend([
            "case 4: return t.insert(&k, &v);",
            "case 5: return t.delete(&k);",
            "case 6: { u64 o = 0; int r = t.lookup_and_delete(&k, &o); if (r == 0) set_out(o); return r; }",
        ]);
    }
    if kind.queue_like() {
        cases.extend([
            "case 6: { u64 o = 0; int r = t.lookup_and_delete(&o); if (r == 0) set_out(o); return r; }",
            "case 7: return t.push(&v);",
            "case 8: return t.push(&v, flags);",
            "case 9: { u64 o = 0; int r = t.pop(&o); if (r == 0) set_out(o); return r; }",
            "case 10: { u64 o = 0; int r = t.peek(&o); if (r == 0) set_out(o); return r; }",
        ]);
    }
    let key_type = if kind.array() { "int" } else { "u32" };
    format!(
        r#"{decl}
BPF_ARRAY(out, u64, 1);

static __always_inline void set_out(u64 x) {{
    int zero = 0;
    out.update(&zero, &x);
}}

RAW_TRACEPOINT_PROBE(bccrs_maps)
{{
    u64 op = ctx->args[0];
    {key_type} k = ctx->args[1];
    u64 v = ctx->args[2];
    u64 flags = ctx->args[3];
    switch (op) {{
    {cases}
    }}
    return -1000;
}}
"#,
        decl = kind.decl(),
        cases = cases.join("\n    ")
    )
}

/// A loaded test program of one map type.
struct Prog {
    kind: Kind,
    loaded: Loaded,
    fd: i32,
}

impl Prog {
    fn new(kind: Kind) -> Prog {
        require_root();
        let loaded = load(&format!("maps_bpf_{kind:?}.c"), &program(kind));
        let fd = prog_fd(&loaded, "raw_tracepoint__bccrs_maps");
        Prog { kind, loaded, fd }
    }

    /// Runs `op` on CPU `cpu`; returns (result, out[0] or None when the op wrote nothing).
    fn op_on(&self, cpu: u32, op: u64, key: u64, value: u64, flags: u64) -> (i32, Option<u64>) {
        let m = map(&self.loaded, "out");
        let out = Table::of(&m);
        out.update(&0u32.to_ne_bytes(), &u64b(UNTOUCHED), BPF_ANY).unwrap();
        let r = run_on(self.fd, cpu, [op, key, value, flags]);
        assert_ne!(r, -1000, "op {op} is not compiled for {:?}", self.kind);
        let o = get(&out, 0).unwrap();
        (r, (o != UNTOUCHED).then_some(o))
    }
    fn op(&self, op: u64, key: u64, value: u64, flags: u64) -> (i32, Option<u64>) {
        self.op_on(0, op, key, value, flags)
    }
    /// The result code alone, on CPU 0.
    fn rc(&self, op: u64, key: u64, value: u64, flags: u64) -> i32 {
        self.op(op, key, value, flags).0
    }

    fn with_t<R>(&self, f: impl FnOnce(&Table) -> R) -> R {
        let m = map(&self.loaded, "t");
        f(&Table::of(&m))
    }
    /// Value at `key` as seen from userspace: a one-element vector for shared tables, one
    /// value per possible CPU for per-CPU tables.
    fn value(&self, key: u32) -> Option<Vec<u64>> {
        self.with_t(|t| if self.kind.percpu() { get_percpu(t, key) } else { get(t, key).map(|v| vec![v]) })
    }
    /// Value of a shared table (or CPU 0's of a per-CPU one).
    fn v0(&self, key: u32) -> Option<u64> {
        self.value(key).map(|v| v[0])
    }
    fn keys(&self) -> Vec<u32> {
        self.with_t(sorted_keys)
    }
    /// Sets `key` from userspace (every CPU's slot of a per-CPU table).
    fn set(&self, key: u32, v: u64) {
        self.with_t(|t| {
            let buf = if self.kind.percpu() { percpu_buf(t, &vec![v; ncpus()]) } else { u64b(v) };
            t.update(&key.to_ne_bytes(), &buf, BPF_ANY).unwrap()
        })
    }
    /// Queue/stack contents in pop order, from userspace (CPU `cpu`'s instance when per-CPU),
    /// leaving the table empty.
    fn drain(&self, cpu: u32) -> Vec<u64> {
        self.with_t(|t| {
            let vals = if matches!(self.kind, PercpuQueue | PercpuStack) {
                PercpuQs::new(t.clone()).drain(cpu).unwrap()
            } else {
                t.drain().unwrap()
            };
            vals.iter().map(|v| as_u64(v)).collect()
        })
    }
}

const HASHES: [Kind; 4] = [Hash, PercpuHash, LruHash, LruPercpuHash];
const ARRAYS: [Kind; 2] = [Array, PercpuArray];
const QUEUES: [Kind; 4] = [Queue, Stack, PercpuQueue, PercpuStack];

// ---------------------------------------------------------------------------------------------
// Methods that do not apply to a map type (the empty cells of docs/maps.md's table)
// ---------------------------------------------------------------------------------------------

/// Every method call of the test programs, with the map types it is compiled for.
const ALL_CALLS: [&str; 16] = [
    "t.lookup(&k)",
    "t.update(&k, &v)",
    "t.update(&k, &v, flags)",
    "t.insert(&k, &v)",
    "t.delete(&k)",
    "t.lookup_and_delete(&k, &v)",
    "t.lookup_and_delete(&v)",
    "t.push(&v)",
    "t.push(&v, flags)",
    "t.pop(&v)",
    "t.peek(&v)",
    "t.increment(k)",
    "t.increment(k, v)",
    "t.atomic_increment(k)",
    "t.atomic_increment(k, v)",
    "t.inc_and_return(k)",
];

fn applies(kind: Kind, call: &str) -> bool {
    let keyed = ["t.lookup(", "t.update(", "t.increment(", "t.atomic_increment(", "t.inc_and_return("];
    let queue = ["t.push(", "t.pop(", "t.peek(", "t.lookup_and_delete(&v)"];
    let hash = ["t.insert(", "t.delete(", "t.lookup_and_delete(&k"];
    let any = |l: &[&str]| l.iter().any(|p| call.starts_with(p));
    (kind.queue_like() && any(&queue)) || (!kind.queue_like() && any(&keyed)) || (kind.hash_like() && any(&hash))
}

#[test]
fn methods_that_do_not_apply_are_compile_errors() {
    for kind in HASHES.into_iter().chain(ARRAYS).chain(QUEUES) {
        let bad: Vec<&str> = ALL_CALLS.iter().copied().filter(|c| !applies(kind, c)).collect();
        let key = if kind.array() { "int" } else { "u32" };
        let body: String = bad.iter().map(|c| format!("    {c};\n")).collect();
        let src = format!("{}\nRAW_TRACEPOINT_PROBE(x)\n{{\n    {key} k = 0; u64 v = 1, flags = 0;\n{body}    return 0;\n}}\n", kind.decl());
        let err = bccrs::compile_source("wrong_method.c", &src, &Default::default()).expect_err("must not compile");
        let text = err.render(false);
        let errors = text.lines().filter(|l| l.starts_with("error")).count();
        assert_eq!(errors, bad.len(), "{kind:?}: one error for each of {bad:?}:\n{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// lookup
// ---------------------------------------------------------------------------------------------

#[test]
fn lookup_on_hash_tables_finds_present_keys_only() {
    for kind in HASHES {
        let p = Prog::new(kind);
        assert_eq!(p.op(LOOKUP, 7, 0, 0), (0, None), "{kind:?}: a missing key looks up as NULL");
        p.set(7, 42);
        assert_eq!(p.op(LOOKUP, 7, 0, 0), (1, Some(42)), "{kind:?}: a present key yields its value");
    }
}

#[test]
fn lookup_on_arrays_is_zero_in_range_and_null_outside() {
    for kind in ARRAYS {
        let p = Prog::new(kind);
        assert_eq!(p.op(LOOKUP, 3, 0, 0), (1, Some(0)), "{kind:?}: every index below max_entries exists, zeroed");
        p.set(3, 9);
        assert_eq!(p.op(LOOKUP, 3, 0, 0), (1, Some(9)), "{kind:?}");
        assert_eq!(p.op(LOOKUP, N, 0, 0), (0, None), "{kind:?}: index max_entries is out of range (NULL)");
        assert_eq!(p.op(LOOKUP, u32::MAX as u64, 0, 0), (0, None), "{kind:?}: a negative index is out of range");
    }
}

#[test]
fn lookup_on_per_cpu_tables_sees_the_running_cpus_value() {
    for kind in [PercpuHash, LruPercpuHash, PercpuArray] {
        let p = Prog::new(kind);
        p.with_t(|t| {
            let vals: Vec<u64> = (0..ncpus() as u64).map(|c| 100 + c).collect();
            t.update(&2u32.to_ne_bytes(), &percpu_buf(t, &vals), BPF_ANY).unwrap()
        });
        for cpu in 0..ncpus() as u32 {
            assert_eq!(p.op_on(cpu, LOOKUP, 2, 0, 0), (1, Some(100 + cpu as u64)), "{kind:?} on CPU {cpu}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// update (2 arguments: BPF_ANY) and update with flags
// ---------------------------------------------------------------------------------------------

#[test]
fn update_without_flags_creates_and_overwrites_on_hash_tables() {
    for kind in HASHES {
        let p = Prog::new(kind);
        assert_eq!(p.rc(UPDATE, 1, 10, 0), 0, "{kind:?}: creating a key succeeds");
        assert_eq!(p.v0(1), Some(10), "{kind:?}");
        assert_eq!(p.rc(UPDATE, 1, 11, 0), 0, "{kind:?}: overwriting succeeds");
        assert_eq!(p.v0(1), Some(11), "{kind:?}");
    }
}

#[test]
fn update_on_a_full_hash_fails_with_e2big_unless_the_key_exists() {
    for kind in [Hash, PercpuHash] {
        let p = Prog::new(kind);
        for k in 0..N {
            assert_eq!(p.rc(UPDATE, k, k, 0), 0, "{kind:?}: key {k} of {N}");
        }
        assert_eq!(p.rc(UPDATE, 100, 1, 0), E2BIG, "{kind:?}: a new key in a full table is -E2BIG");
        assert_eq!(p.rc(UPDATE_FLAGS, 100, 1, BPF_NOEXIST), E2BIG, "{kind:?}: also with BPF_NOEXIST");
        assert_eq!(p.rc(INSERT, 100, 1, 0), E2BIG, "{kind:?}: and insert");
        assert_eq!(p.rc(UPDATE, 2, 99, 0), 0, "{kind:?}: an existing key can be overwritten when full");
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 98, BPF_EXIST), 0, "{kind:?}");
        assert_eq!(p.keys(), vec![0, 1, 2, 3], "{kind:?}: nothing was added or evicted");
        assert_eq!(p.v0(2), Some(98), "{kind:?}");
    }
}

#[test]
fn update_flags_on_hash_tables() {
    for kind in HASHES {
        let p = Prog::new(kind);
        // BPF_ANY
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 1, BPF_ANY), 0, "{kind:?}: BPF_ANY creates");
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 2, BPF_ANY), 0, "{kind:?}: BPF_ANY overwrites");
        assert_eq!(p.v0(1), Some(2), "{kind:?}");
        // BPF_NOEXIST
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 20, BPF_NOEXIST), 0, "{kind:?}: BPF_NOEXIST creates a missing key");
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 21, BPF_NOEXIST), EEXIST, "{kind:?}: BPF_NOEXIST on a present key is -EEXIST");
        assert_eq!(p.v0(2), Some(20), "{kind:?}: the failed BPF_NOEXIST left the value alone");
        // BPF_EXIST
        assert_eq!(p.rc(UPDATE_FLAGS, 3, 30, BPF_EXIST), ENOENT, "{kind:?}: BPF_EXIST on a missing key is -ENOENT");
        assert_eq!(p.v0(3), None, "{kind:?}: and creates nothing");
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 22, BPF_EXIST), 0, "{kind:?}: BPF_EXIST replaces a present key");
        assert_eq!(p.v0(2), Some(22), "{kind:?}");
        // Anything else
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 23, 3), EINVAL, "{kind:?}: flags 3 are -EINVAL");
        assert_eq!(p.rc(UPDATE_FLAGS, 2, 23, 4), EINVAL, "{kind:?}: BPF_F_LOCK without a spin lock is -EINVAL");
        assert_eq!(p.v0(2), Some(22), "{kind:?}");
        assert_eq!(p.keys(), vec![1, 2], "{kind:?}");
    }
}

#[test]
fn update_on_per_cpu_hashes_writes_the_running_cpus_slot() {
    for kind in [PercpuHash, LruPercpuHash] {
        let p = Prog::new(kind);
        let last = ncpus() as u32 - 1;
        assert_eq!(p.op_on(last, UPDATE, 5, 50, 0).0, 0, "{kind:?}");
        let mut want = vec![0; ncpus()];
        want[last as usize] = 50;
        assert_eq!(p.value(5), Some(want.clone()), "{kind:?}: a new element is zero on the other CPUs");
        assert_eq!(p.op_on(0, UPDATE, 5, 7, 0).0, 0, "{kind:?}");
        want[0] = 7;
        assert_eq!(p.value(5), Some(want), "{kind:?}: an update changes the running CPU's slot only");
    }
}

#[test]
fn update_on_arrays_in_range_only_and_noexist_is_eexist() {
    for kind in ARRAYS {
        let p = Prog::new(kind);
        assert_eq!(p.rc(UPDATE, 1, 10, 0), 0, "{kind:?}");
        assert_eq!(p.v0(1), Some(10), "{kind:?}");
        assert_eq!(p.rc(UPDATE, N, 10, 0), E2BIG, "{kind:?}: index max_entries is -E2BIG");
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 11, BPF_ANY), 0, "{kind:?}");
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 12, BPF_EXIST), 0, "{kind:?}: BPF_EXIST: every index exists");
        assert_eq!(p.v0(1), Some(12), "{kind:?}");
        assert_eq!(
            p.rc(UPDATE_FLAGS, 1, 13, BPF_NOEXIST),
            EEXIST,
            "{kind:?}: BPF_NOEXIST (a run-time flag) is -EEXIST: every index exists"
        );
        assert_eq!(p.rc(UPDATE_FLAGS, N, 13, BPF_NOEXIST), E2BIG, "{kind:?}: out of range comes first");
        assert_eq!(p.rc(UPDATE_FLAGS, N, 13, BPF_EXIST), E2BIG, "{kind:?}");
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 13, 3), EINVAL, "{kind:?}: flags 3 are -EINVAL");
        assert_eq!(p.rc(UPDATE_FLAGS, 1, 13, 4), EINVAL, "{kind:?}: BPF_F_LOCK without a spin lock is -EINVAL");
        assert_eq!(p.v0(1), Some(12), "{kind:?}: failed updates left the value alone");
    }
}

#[test]
fn update_on_a_per_cpu_array_writes_the_running_cpus_slot() {
    let p = Prog::new(PercpuArray);
    let last = ncpus() as u32 - 1;
    p.set(0, 3);
    assert_eq!(p.op_on(last, UPDATE, 0, 8, 0).0, 0);
    let mut want = vec![3; ncpus()];
    want[last as usize] = 8;
    assert_eq!(p.value(0), Some(want), "only CPU {last}'s value changed");
}

#[test]
fn insert_and_update_noexist_on_an_array_are_compile_errors() {
    for (call, what) in [("t.insert(&k, &v)", "insert() on an array"), ("t.update(&k, &v, BPF_NOEXIST)", "update(…, BPF_NOEXIST) on an array")] {
        let src = format!("BPF_ARRAY(t, u64, 4);\nRAW_TRACEPOINT_PROBE(x) {{ int k = 0; u64 v = 1; return {call}; }}\n");
        let err = bccrs::compile_source("noexist_array.c", &src, &Default::default()).expect_err("must not compile");
        let text = err.render(false);
        assert!(text.contains(what) && text.contains("-EEXIST"), "the error explains {what} always fails:\n{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// insert
// ---------------------------------------------------------------------------------------------

#[test]
fn insert_creates_missing_keys_only() {
    for kind in HASHES {
        let p = Prog::new(kind);
        assert_eq!(p.rc(INSERT, 4, 40, 0), 0, "{kind:?}: insert creates");
        assert_eq!(p.rc(INSERT, 4, 41, 0), EEXIST, "{kind:?}: insert on a present key is -EEXIST");
        assert_eq!(p.v0(4), Some(40), "{kind:?}: and keeps the old value");
    }
}

// ---------------------------------------------------------------------------------------------
// delete
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_removes_present_keys_and_missing_is_enoent() {
    for kind in HASHES {
        let p = Prog::new(kind);
        p.set(6, 60);
        assert_eq!(p.rc(DELETE, 6, 0, 0), 0, "{kind:?}: delete of a present key");
        assert_eq!(p.value(6), None, "{kind:?}: the key is gone");
        assert_eq!(p.rc(DELETE, 6, 0, 0), ENOENT, "{kind:?}: delete of a missing key is -ENOENT");
    }
}

// ---------------------------------------------------------------------------------------------
// lookup_and_delete(&k, &out) on hash-like tables
// ---------------------------------------------------------------------------------------------

#[test]
fn lookup_and_delete_on_hash_tables_copies_then_removes() {
    for kind in HASHES {
        let p = Prog::new(kind);
        p.set(8, 80);
        assert_eq!(p.op(LOOKUP_AND_DELETE, 8, 0, 0), (0, Some(80)), "{kind:?}: the value is copied out");
        assert_eq!(p.value(8), None, "{kind:?}: and the key removed");
        assert_eq!(p.op(LOOKUP_AND_DELETE, 8, 0, 0), (ENOENT, None), "{kind:?}: a missing key is -ENOENT, out untouched");
    }
}

#[test]
fn lookup_and_delete_on_per_cpu_hashes_copies_the_running_cpus_value() {
    for kind in [PercpuHash, LruPercpuHash] {
        let p = Prog::new(kind);
        let last = ncpus() as u32 - 1;
        p.with_t(|t| {
            let vals: Vec<u64> = (0..ncpus() as u64).map(|c| 10 * (c + 1)).collect();
            t.update(&1u32.to_ne_bytes(), &percpu_buf(t, &vals), BPF_ANY).unwrap()
        });
        assert_eq!(p.op_on(last, LOOKUP_AND_DELETE, 1, 0, 0), (0, Some(10 * (last as u64 + 1))), "{kind:?}");
        assert_eq!(p.value(1), None, "{kind:?}: every CPU's value is gone");
    }
}

// ---------------------------------------------------------------------------------------------
// increment, atomic_increment, inc_and_return
// ---------------------------------------------------------------------------------------------

/// (op, the amount it adds when called with value argument `n`)
fn increments(n: u64) -> [(u64, u64); 6] {
    [(INCREMENT, 1), (INCREMENT_N, n), (ATOMIC_INCREMENT, 1), (ATOMIC_INCREMENT_N, n), (INC_AND_RETURN, 1), (INC_AND_RETURN_N, n)]
}

/// What `out[0]` holds after an increment that changed nothing: inc_and_return yields 0, the
/// others write nothing.
fn nothing_added(op: u64) -> Option<u64> {
    matches!(op, INC_AND_RETURN | INC_AND_RETURN_N).then_some(0)
}

#[test]
fn increment_creates_missing_keys_on_every_hash_table() {
    for kind in HASHES {
        let p = Prog::new(kind);
        for (i, (op, add)) in increments(5).into_iter().enumerate() {
            let key = 10 + i as u32;
            let (r, out) = p.op(op, key as u64, 5, 0);
            assert_eq!(r, 0, "{kind:?} op {op}");
            if op == INC_AND_RETURN || op == INC_AND_RETURN_N {
                assert_eq!(out, Some(add), "{kind:?} op {op}: inc_and_return on a new key yields the amount");
            }
            let mut want = vec![0; if kind.percpu() { ncpus() } else { 1 }];
            want[0] = add;
            assert_eq!(p.value(key), Some(want), "{kind:?} op {op}: the missing key was created with {add}");
            p.with_t(|t| t.delete(&key.to_ne_bytes()).unwrap()); // LRU tables have only 4 entries
        }
    }
}

#[test]
fn increment_adds_to_present_keys() {
    for kind in HASHES.into_iter().chain(ARRAYS) {
        let p = Prog::new(kind);
        p.set(2, 100);
        let mut total = 100;
        for (op, add) in increments(7) {
            let (r, out) = p.op(op, 2, 7, 0);
            total += add;
            assert_eq!(r, 0, "{kind:?} op {op}");
            if op == INC_AND_RETURN || op == INC_AND_RETURN_N {
                assert_eq!(out, Some(total), "{kind:?} op {op}: inc_and_return yields the new value");
            }
            assert_eq!(p.v0(2), Some(total), "{kind:?} op {op}: value after adding {add}");
        }
    }
}

#[test]
fn increment_on_per_cpu_tables_adds_to_the_running_cpus_slot() {
    for kind in [PercpuHash, LruPercpuHash, PercpuArray] {
        let p = Prog::new(kind);
        let last = ncpus() as u32 - 1;
        p.set(1, 0);
        for (op, _) in increments(3) {
            assert_eq!(p.op_on(last, op, 1, 3, 0).0, 0, "{kind:?} op {op}");
        }
        let (_, out) = p.op_on(0, INC_AND_RETURN, 1, 0, 0);
        assert_eq!(out, Some(1), "{kind:?}: CPU 0's slot is separate");
        let mut want = vec![0; ncpus()];
        want[last as usize] += 1 + 3 + 1 + 3 + 1 + 3;
        want[0] += 1;
        assert_eq!(p.value(1), Some(want), "{kind:?}: each CPU's increments in its own slot");
        // A missing key is created on the running CPU only.
        if kind != PercpuArray {
            assert_eq!(p.op_on(last, INCREMENT_N, 9, 4, 0).0, 0);
            let mut want = vec![0; ncpus()];
            want[last as usize] = 4;
            assert_eq!(p.value(9), Some(want), "{kind:?}: created with the amount on CPU {last}, zero elsewhere");
        }
    }
}

#[test]
fn increment_out_of_range_or_on_a_full_hash_does_nothing() {
    for kind in ARRAYS {
        let p = Prog::new(kind);
        for (op, _) in increments(2) {
            assert_eq!(p.op(op, N, 2, 0), (0, nothing_added(op)), "{kind:?} op {op}: out of range: nothing, inc_and_return yields 0");
        }
        assert!((0..N as u32).all(|k| p.v0(k) == Some(0)), "{kind:?}: no element changed");
    }
    for kind in [Hash, PercpuHash] {
        let p = Prog::new(kind);
        for k in 0..N as u32 {
            p.set(k, 1);
        }
        for (op, _) in increments(2) {
            assert_eq!(p.op(op, 50, 2, 0), (0, nothing_added(op)), "{kind:?} op {op}: a new key in a full table cannot be created; inc_and_return yields 0");
        }
        assert_eq!(p.keys(), vec![0, 1, 2, 3], "{kind:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// LRU eviction
// ---------------------------------------------------------------------------------------------

#[test]
fn lru_tables_evict_the_least_recently_used_key_instead_of_failing() {
    for kind in [LruHash, LruPercpuHash] {
        for (op, flags) in [(UPDATE, BPF_ANY), (UPDATE_FLAGS, BPF_NOEXIST), (INSERT, 0), (INCREMENT_N, 0), (INC_AND_RETURN_N, 0)] {
            let p = Prog::new(kind);
            for k in 0..N {
                assert_eq!(p.rc(UPDATE, k, k + 1, 0), 0, "{kind:?}: filling key {k}");
            }
            assert_eq!(p.keys(), vec![0, 1, 2, 3], "{kind:?}: {N} keys fit in {N} entries when added on one CPU");
            assert_eq!(p.op(LOOKUP, 0, 0, 0), (1, Some(1)), "{kind:?}: a lookup marks key 0 as used");
            assert_eq!(p.rc(op, 100, 7, flags), 0, "{kind:?} op {op}: a new key in a full LRU table succeeds");
            assert_eq!(
                p.keys(),
                vec![0, 2, 3, 100],
                "{kind:?} op {op}: exactly one key was evicted: the oldest not looked up since (1)"
            );
            assert_eq!(p.v0(100), Some(7), "{kind:?} op {op}");
            assert_eq!(p.rc(UPDATE_FLAGS, 100, 8, BPF_NOEXIST), EEXIST, "{kind:?}: BPF_NOEXIST on a present key is still -EEXIST");
            assert_eq!(p.rc(UPDATE_FLAGS, 1, 8, BPF_EXIST), ENOENT, "{kind:?}: BPF_EXIST on the evicted key is -ENOENT");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Queues and stacks: push, pop, peek, lookup_and_delete(&out)
// ---------------------------------------------------------------------------------------------

fn is_fifo(kind: Kind) -> bool {
    matches!(kind, Queue | PercpuQueue)
}

#[test]
fn push_then_pop_in_queue_or_stack_order() {
    for kind in QUEUES {
        let p = Prog::new(kind);
        for v in [1, 2, 3] {
            assert_eq!(p.rc(PUSH, 0, v, 0), 0, "{kind:?}: push {v}");
        }
        let first = if is_fifo(kind) { 1 } else { 3 };
        assert_eq!(p.op(PEEK, 0, 0, 0), (0, Some(first)), "{kind:?}: peek yields the next value");
        assert_eq!(p.op(PEEK, 0, 0, 0), (0, Some(first)), "{kind:?}: and leaves it there");
        assert_eq!(p.op(POP, 0, 0, 0), (0, Some(first)), "{kind:?}: pop yields it");
        assert_eq!(p.op(LOOKUP_AND_DELETE, 0, 0, 0), (0, Some(2)), "{kind:?}: lookup_and_delete(&out) pops");
        assert_eq!(p.drain(0), vec![if is_fifo(kind) { 3 } else { 1 }], "{kind:?}: what is left, from userspace");
    }
}

#[test]
fn pop_peek_on_an_empty_queue_or_stack_is_enoent() {
    for kind in QUEUES {
        let p = Prog::new(kind);
        assert_eq!(p.op(POP, 0, 0, 0), (ENOENT, None), "{kind:?}: pop on empty");
        assert_eq!(p.op(PEEK, 0, 0, 0), (ENOENT, None), "{kind:?}: peek on empty");
        assert_eq!(p.op(LOOKUP_AND_DELETE, 0, 0, 0), (ENOENT, None), "{kind:?}: lookup_and_delete on empty");
        assert_eq!(p.rc(PUSH, 0, 5, 0), 0);
        assert_eq!(p.op(POP, 0, 0, 0), (0, Some(5)), "{kind:?}");
        assert_eq!(p.op(POP, 0, 0, 0), (ENOENT, None), "{kind:?}: empty again after popping the only value");
    }
}

#[test]
fn push_on_a_full_queue_or_stack_is_e2big_and_bpf_exist_drops_the_oldest() {
    for kind in QUEUES {
        let p = Prog::new(kind);
        for v in 1..=N {
            assert_eq!(p.rc(PUSH, 0, v, 0), 0, "{kind:?}: push {v} of {N}");
        }
        assert_eq!(p.rc(PUSH, 0, 5, 0), E2BIG, "{kind:?}: push on a full table is -E2BIG");
        assert_eq!(p.rc(PUSH_FLAGS, 0, 5, BPF_ANY), E2BIG, "{kind:?}: also with flags 0");
        assert_eq!(p.rc(PUSH_FLAGS, 0, 5, BPF_EXIST), 0, "{kind:?}: BPF_EXIST on a full table succeeds");
        assert_eq!(p.rc(PUSH_FLAGS, 0, 6, BPF_EXIST), 0, "{kind:?}");
        let want = if is_fifo(kind) { vec![3, 4, 5, 6] } else { vec![6, 5, 4, 3] };
        assert_eq!(p.drain(0), want, "{kind:?}: the two oldest values (1, 2) were dropped");
    }
}

#[test]
fn push_flags_other_than_bpf_exist_are_einval() {
    for kind in QUEUES {
        let p = Prog::new(kind);
        assert_eq!(p.rc(PUSH_FLAGS, 0, 1, BPF_NOEXIST), EINVAL, "{kind:?}: BPF_NOEXIST");
        assert_eq!(p.rc(PUSH_FLAGS, 0, 1, 4), EINVAL, "{kind:?}: flags 4");
        assert_eq!(p.rc(PUSH_FLAGS, 0, 1, BPF_EXIST), 0, "{kind:?}: BPF_EXIST on a table with room");
        assert_eq!(p.drain(0), vec![1], "{kind:?}: only the BPF_EXIST push stored a value");
    }
}

// ---------------------------------------------------------------------------------------------
// Per-CPU queues and stacks: each CPU its own kernel queue/stack
// ---------------------------------------------------------------------------------------------

/// Pop order of values pushed in the order given.
fn pop_order(kind: Kind, pushed: &[u64]) -> Vec<u64> {
    let mut v = pushed.to_vec();
    if !is_fifo(kind) {
        v.reverse();
    }
    v
}

#[test]
fn values_pushed_on_cpu_n_come_back_from_cpu_ns_instance() {
    for kind in [PercpuQueue, PercpuStack] {
        let p = Prog::new(kind);
        let cpus = ncpus() as u32;
        assert!(cpus >= 2, "this test needs two CPUs");
        let pushed = |cpu: u32| -> Vec<u64> { (0..N).map(|i| 100 * (cpu as u64 + 1) + i).collect() };
        for cpu in 0..cpus {
            for v in pushed(cpu) {
                assert_eq!(p.op_on(cpu, PUSH, 0, v, 0).0, 0, "{kind:?}: push {v} on CPU {cpu}");
            }
        }
        for cpu in 0..cpus {
            assert_eq!(p.drain(cpu), pop_order(kind, &pushed(cpu)), "{kind:?}: CPU {cpu}'s instance (PercpuQs) holds exactly CPU {cpu}'s values");
        }
    }
}

#[test]
fn bpf_pop_and_peek_on_cpu_n_return_cpu_ns_values() {
    for kind in [PercpuQueue, PercpuStack] {
        let p = Prog::new(kind);
        let cpus = ncpus() as u32;
        // Userspace fills each CPU's instance; BPF on CPU n takes CPU n's values only.
        p.with_t(|t| {
            let q = PercpuQs::new(t.clone());
            for cpu in 0..cpus {
                for i in 0..3 {
                    q.push(cpu, &u64b(10 * cpu as u64 + i), BPF_ANY).unwrap();
                }
            }
        });
        for cpu in 0..cpus {
            let want = pop_order(kind, &[10 * cpu as u64, 10 * cpu as u64 + 1, 10 * cpu as u64 + 2]);
            assert_eq!(p.op_on(cpu, PEEK, 0, 0, 0), (0, Some(want[0])), "{kind:?}: peek on CPU {cpu}");
            let popped: Vec<u64> = (0..3).map(|_| p.op_on(cpu, POP, 0, 0, 0)).map(|(r, o)| { assert_eq!(r, 0); o.unwrap() }).collect();
            assert_eq!(popped, want, "{kind:?}: pops on CPU {cpu} return CPU {cpu}'s values in order");
            assert_eq!(p.op_on(cpu, POP, 0, 0, 0), (ENOENT, None), "{kind:?}: CPU {cpu}'s instance is empty now");
            assert_eq!(p.op_on(cpu, LOOKUP_AND_DELETE, 0, 0, 0), (ENOENT, None), "{kind:?}");
        }
    }
}

#[test]
fn per_cpu_queues_and_stacks_are_full_and_empty_per_cpu() {
    for kind in [PercpuQueue, PercpuStack] {
        let p = Prog::new(kind);
        let cpus = ncpus() as u32;
        assert!(cpus >= 2, "this test needs two CPUs");
        for v in 1..=N {
            assert_eq!(p.op_on(0, PUSH, 0, v, 0).0, 0);
        }
        assert_eq!(p.op_on(0, PUSH, 0, 9, 0).0, E2BIG, "{kind:?}: CPU 0's instance is full");
        assert_eq!(p.op_on(1, POP, 0, 0, 0), (ENOENT, None), "{kind:?}: CPU 1's instance is still empty");
        assert_eq!(p.op_on(1, PUSH, 0, 9, 0).0, 0, "{kind:?}: and has room");
        assert_eq!(p.op_on(0, PUSH_FLAGS, 0, 5, BPF_EXIST).0, 0, "{kind:?}: BPF_EXIST on CPU 0's full instance");
        let want = if is_fifo(kind) { vec![2, 3, 4, 5] } else { vec![5, 4, 3, 2] };
        assert_eq!(p.drain(0), want, "{kind:?}: CPU 0 dropped its oldest value");
        assert_eq!(p.drain(1), vec![9], "{kind:?}: CPU 1 kept its value");
    }
}


/// Another libbpf loader creates the array of maps but not the per-CPU instances: push, pop and
/// peek find no instance and fail with -ENOENT.
#[test]
fn per_cpu_queues_without_bccrs_loader_have_no_instances() {
    require_root();
    let obj = bccrs::compile_source("plain_libbpf.c", &program(PercpuQueue), &Default::default()).expect("compiles").object;
    let open = libbpf_rs::ObjectBuilder::default().open_memory(&obj).unwrap();
    let loaded = open.load().expect("plain libbpf loads the object");
    use std::os::fd::{AsFd, AsRawFd};
    let prog = loaded.progs().find(|p| p.name() == "raw_tracepoint__bccrs_maps").unwrap();
    let fd = prog.as_fd().as_raw_fd();
    assert_eq!(run_on(fd, 0, [PUSH, 0, 1, 0]), ENOENT, "push without an instance");
    assert_eq!(run_on(fd, 0, [POP, 0, 0, 0]), ENOENT, "pop without an instance");
    assert_eq!(run_on(fd, 0, [PEEK, 0, 0, 0]), ENOENT, "peek without an instance");
}
