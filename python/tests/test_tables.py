"""Table objects: Key/Leaf types with exact layouts, hash and array semantics, queues and
stacks, batch operations, per-CPU values."""
import ctypes as ct
import os

import pytest

from bccrs import BPF
from bccrs import table as bt
from bccrs import _types

LIBC = ct.CDLL(None, use_errno=True)
SYS_getpid = 39


def getpid_n(n):
    for _ in range(n):
        LIBC.syscall(SYS_getpid)


TYPES_PROG = r"""
struct bits_t {
    u32 a:3;
    u32 b:5;
    u8 c;
    u16 d;
    char name[5];
    s64 e;
};
struct __attribute__((packed)) packed_t { u8 a; u32 b; u64 c; };
struct aligned_t { u32 x; } __attribute__((aligned(16)));
struct nested_t { struct { u16 lo; u16 hi; } parts; union { u32 word; u8 bytes[4]; } u; int arr[2][3]; };
BPF_HASH(bits, u32, struct bits_t);
BPF_HASH(packed, struct packed_t, struct aligned_t);
BPF_ARRAY(nested, struct nested_t, 2);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    struct bits_t v = {};
    v.a = 5; v.b = 17; v.c = 200; v.d = 65000;
    v.name[0] = 'a'; v.name[1] = 'b'; v.name[2] = 'c'; v.name[3] = 'd';
    v.e = -12345678901LL;
    bits.update(&pid, &v);
    struct packed_t k = {.a = 7, .b = 0x01020304, .c = 99};
    struct aligned_t x = {.x = 42};
    packed.update(&k, &x);
    int idx = 1;
    struct nested_t *n = nested.lookup(&idx);
    if (n) {
        n->parts.lo = 1; n->parts.hi = 2; n->u.word = 0x0a0b0c0d;
        n->arr[1][2] = 77;
    }
    return 0;
}
"""


def test_key_leaf_layouts_from_kernel():
    with BPF(text=TYPES_PROG, cflags=["-DTARGET=%d" % os.getpid()]) as b:
        bits = b["bits"]
        assert bits.Key is ct.c_uint
        assert ct.sizeof(bits.Leaf) == b._map_info("bits").value_size == 24
        packed = b["packed"]
        assert ct.sizeof(packed.Key) == 13
        assert ct.sizeof(packed.Leaf) == 16
        nested = b["nested"]
        assert ct.sizeof(nested.Leaf) == 32
        getpid_n(1)
        v = bits[os.getpid()]
        assert (v.a, v.b, v.c, v.d, v.name, v.e) == (5, 17, 200, 65000, b"abcd", -12345678901)
        (k, x), = packed.items()
        assert (k.a, k.b, k.c, x.x) == (7, 0x01020304, 99, 42)
        n = nested[1]
        assert (n.parts.lo, n.parts.hi, n.u.word, list(n.u.bytes)) == (1, 2, 0x0a0b0c0d, [13, 12, 11, 10])
        assert n.arr[1][2] == 77 and n.arr[0][0] == 0
        # Python → kernel layout round trip: a key written from Python is found by the kernel's.
        packed[packed.Key(1, 2, 3)] = packed.Leaf(5)
        assert packed[packed.Key(1, 2, 3)].x == 5
        # Bitfields written from Python
        leaf = bits.Leaf()
        leaf.a, leaf.b, leaf.c = 7, 31, 1
        bits[bits.Key(1)] = leaf
        got = bits[1]
        assert (got.a, got.b, got.c) == (7, 31, 1)
        # BCC's text forms
        assert bits.key_sprintf(bits.Key(10)) == b"0xa"
        assert packed.key_scanf(packed.key_sprintf(k)).b == 0x01020304


HASH_ARRAY_PROG = r"""
BPF_HASH(h, u32, u64, 16);
BPF_ARRAY(arr, u64, 4);
BPF_TABLE("lru_hash", u64, u32, lru, 8);
"""


def test_hash_and_array_semantics():
    with BPF(text=HASH_ARRAY_PROG) as b:
        h = b["h"]
        assert isinstance(h, bt.HashTable)
        assert len(h) == 0
        h[h.Key(1)] = h.Leaf(10)
        h[2] = 20  # plain ints are accepted too
        assert len(h) == 2 and h[h.Key(2)].value == 20
        assert h.Key(1) in h and h.Key(3) not in h
        with pytest.raises(KeyError):
            h[h.Key(3)]
        assert h.get(h.Key(3)) is None
        assert sorted((k.value, v.value) for k, v in h.items()) == [(1, 10), (2, 20)]
        assert sorted(k.value for k in h.keys()) == [1, 2]
        assert sorted(v.value for v in h.values()) == [10, 20]
        h.zero()
        assert sorted(v.value for v in h.values()) == [0, 0]
        del h[h.Key(1)]
        with pytest.raises(KeyError):
            del h[h.Key(1)]
        h.clear()
        assert len(h) == 0
        with pytest.raises(Exception, match="Could not update table"):
            for i in range(17):
                h[i] = i

        arr = b["arr"]
        assert isinstance(arr, bt.Array)
        assert len(arr) == 4
        assert [k.value for k in arr] == [0, 1, 2, 3]
        assert [v.value for v in arr.values()] == [0, 0, 0, 0]
        arr[1] = arr.Leaf(5)
        arr[-1] = arr.Leaf(7)
        assert [v.value for v in arr.values()] == [0, 5, 0, 7]
        del arr[1]  # zeroes
        assert arr[1].value == 0 and len(arr) == 4
        with pytest.raises(IndexError):
            arr[4]
        assert isinstance(b["lru"], bt.LruHash)


QS_PROG = r"""
struct ev_t { u32 pid; u64 seq; };
BPF_QUEUE(q, struct ev_t, 4);
BPF_STACK(st, u64, 3);
BPF_QUEUE(kq, u32, 64);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    kq.push(&pid, 0);
    return 0;
}
"""


def test_queue_stack():
    with BPF(text=QS_PROG, cflags=["-DTARGET=%d" % os.getpid()]) as b:
        q = b["q"]
        assert isinstance(q, bt.QueueStack)
        assert not hasattr(q, "Key")
        for i in range(4):
            q.push(q.Leaf(100 + i, i))
        with pytest.raises(Exception, match="Could not push to table"):
            q.push(q.Leaf(1, 1))
        q.push(q.Leaf(200, 9), flags=bt.QueueStack.BPF_EXIST)  # overwrites the oldest
        assert q.peek().seq == 1
        assert [(e.pid, e.seq) for e in q.values()] == [(101, 1), (102, 2), (103, 3), (200, 9)]
        with pytest.raises(KeyError):
            q.pop()
        with pytest.raises(KeyError):
            q.peek()

        st = b["st"]
        for v in (1, 2, 3):
            st.push(st.Leaf(v))
        assert st.peek().value == 3
        assert [st.pop().value for _ in range(3)] == [3, 2, 1]
        with pytest.raises(KeyError):
            st.pop()

        getpid_n(5)
        kq = b["kq"]
        assert [v.value for v in kq.values()] == [os.getpid()] * 5


BATCH_PROG = r"""
BPF_HASH(h, u32, u64, 64);
struct k2 { u32 a; u16 b; };
BPF_HASH(hs, struct k2, u32, 16);
"""


def test_batch_operations():
    with BPF(text=BATCH_PROG) as b:
        h = b["h"]
        keys = (h.Key * 10)(*range(10))
        vals = (h.Leaf * 10)(*[i * i for i in range(10)])
        h.items_update_batch(keys, vals)
        assert len(h) == 10
        got = sorted((k.value, v.value) for k, v in h.items_lookup_batch())
        assert got == [(i, i * i) for i in range(10)]
        h.items_delete_batch((h.Key * 3)(0, 1, 2))
        assert sorted(k.value for k in h.keys()) == list(range(3, 10))
        got = sorted((k.value, v.value) for k, v in h.items_lookup_and_delete_batch())
        assert got == [(i, i * i) for i in range(3, 10)]
        assert len(h) == 0
        h.items_update_batch((h.Key * 2)(1, 2), (h.Leaf * 2)(5, 6))
        h.items_delete_batch()
        assert len(h) == 0
        with pytest.raises(ValueError, match="keys array length != values array length"):
            h.items_update_batch((h.Key * 2)(1, 2), (h.Leaf * 1)(5))
        with pytest.raises(TypeError):
            h.items_update_batch([1, 2], [3, 4])
        with pytest.raises(ValueError, match="Array's length is wrong"):
            h.items_update_batch((h.Key * 65)(), (h.Leaf * 65)())

        hs = b["hs"]
        ks = (hs.Key * 2)(hs.Key(1, 2), hs.Key(3, 4))
        hs.items_update_batch(ks, (hs.Leaf * 2)(7, 8))
        assert sorted((k.a, k.b, v.value) for k, v in hs.items_lookup_batch()) == [(1, 2, 7), (3, 4, 8)]


PERCPU_PROG = r"""
BPF_PERCPU_ARRAY(cnt, u64, 1);
BPF_PERCPU_HASH(ph, u32, u32, 8);
struct pair { u64 a; u64 b; };
BPF_PERCPU_HASH(pairs, u32, struct pair, 8);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    int zero = 0;
    cnt.increment(zero);
    struct pair *p = pairs.lookup(&pid);
    if (p) { p->a += 1; p->b += 2; }
    else { struct pair init = {1, 2}; pairs.update(&pid, &init); }
    return 0;
}
"""


def test_percpu_values():
    ncpu = len(bt.get_possible_cpus())
    pid = os.getpid()  # (os.getpid() is itself a getpid system call: counted)
    with BPF(text=PERCPU_PROG, cflags=["-DTARGET=%d" % pid]) as b:
        cnt = b["cnt"]
        assert isinstance(cnt, bt.PerCpuArray)
        getpid_n(9)
        v = cnt[0]
        assert len(v) == ncpu
        assert sum(x for x in v) == 9
        assert cnt.sum(0).value == 9
        assert cnt.max(0).value == max(v)
        assert cnt.average(0) == 9 / ncpu
        pairs = b["pairs"]
        per = pairs[pid]
        assert sum(p.a for p in per) == 9 and sum(p.b for p in per) == 18
        with pytest.raises(IndexError):
            pairs.sum(pid)

        # u32 leaves: BCC's c_uint64 slots; set every CPU's value from Python
        ph = b["ph"]
        assert isinstance(ph, bt.PerCpuHash)
        leaf = ph.Leaf()
        for i in range(ncpu):
            leaf[i] = i + 1
        ph[ph.Key(3)] = leaf
        assert list(ph[ph.Key(3)]) == [i + 1 for i in range(ncpu)]
        assert ph.sum(ph.Key(3)).value == ncpu * (ncpu + 1) // 2
        assert ph.max(ph.Key(3)).value == ncpu
        # reducer
        r = b.get_table("ph", reducer=lambda x, y: x + y)
        assert r[r.Key(3)] == ncpu * (ncpu + 1) // 2
        # delete on a per-CPU array zeroes
        del cnt[0]
        assert cnt.sum(0).value == 0


@pytest.mark.nokernel
def test_types_from_descriptions():
    d = {"kind": "struct", "name": "struct k", "size": 16, "fields": [
        {"name": "a", "offset": 0, "type": {"kind": "int", "name": "u32", "size": 4, "signed": False}},
        {"name": "s", "offset": 8, "type": {"kind": "int", "name": "u64", "size": 8, "signed": False}}]}
    K = _types.ctype(d)
    assert K.__name__ == "k" and ct.sizeof(K) == 16 and K.s.offset == 8
    assert [f[0] for f in K._fields_] == ["a", "s"]
    # a packed layout gets BCC's explicit pads
    d = {"kind": "struct", "name": "struct p", "size": 5, "fields": [
        {"name": "a", "offset": 0, "type": {"kind": "int", "name": "u8", "size": 1, "signed": False}},
        {"name": "b", "offset": 1, "type": {"kind": "int", "name": "u32", "size": 4, "signed": False}}]}
    P = _types.ctype(d)
    assert ct.sizeof(P) == 5 and P.b.offset == 1
    c = {"kind": "array", "len": 16, "size": 16,
         "elem": {"kind": "int", "name": "char", "size": 1, "signed": True}}
    assert _types.ctype(c) == ct.c_char * 16
    assert _types.ctype({"kind": "int", "name": "_Bool", "size": 1, "signed": False, "bool": True}) is ct.c_bool
    assert _types.ctype({"kind": "ptr", "size": 8}) is ct.c_ulonglong
    assert _types.ctype({"kind": "int", "name": "__int128", "size": 16, "signed": True}) == ct.c_int64 * 2


PCPU_Q_PROG = r"""
BPF_PERCPU_QUEUE(pq, u64, 16);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != TARGET) return 0;
    u64 v = 1000 + bpf_get_smp_processor_id();
    pq.push(&v, 0);
    return 0;
}
"""


def test_percpu_queue():
    pid = os.getpid()
    with BPF(text=PCPU_Q_PROG, cflags=["-DTARGET=%d" % pid]) as b:
        pq = b["pq"]
        assert isinstance(pq, bt.PerCpuQueueStack)
        ncpu = pq.total_cpu
        # user space pushes to chosen CPUs' instances
        pq.push(pq.Leaf(7), cpu=ncpu - 1)
        assert pq.peek(cpu=ncpu - 1).value == 7
        with pytest.raises(KeyError):
            pq.peek(cpu=0) if ncpu > 1 else pq.pop(cpu=0) and pq.pop(cpu=0)
        assert pq.pop(cpu=ncpu - 1).value == 7
        # the kernel pushes to the instance of the CPU it runs on
        getpid_n(3)
        vals = [v.value for v in pq.values()]
        assert len(vals) == 3 and all(1000 <= v < 1000 + ncpu for v in vals)
        with pytest.raises(KeyError):
            pq.pop()
