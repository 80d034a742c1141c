/* bccrs prelude: BCC's dialect macros, on top of vmlinux.h, libbpf's BPF headers and compat.h.
 *
 * Included twice per compile, in two modes:
 *  - __BCCRS_ANALYSIS__ defined: tables expand to BCC's struct-with-method-pointers so that
 *    `t.lookup(&k)` type-checks for libclang, plus marker constants the analyser reads
 *    (type string, max_entries, flags).
 *  - otherwise (emit): tables expand to libbpf BTF-defined maps in ".maps"; the map type of each
 *    table comes from `__bccrs_maptype_<name>`, defined by the analyser in the generated header.
 * Table method calls never reach the emit mode: the rewriter lowers them to bpf_* helper calls.
 */
#ifndef __BCCRS_HELPERS_H
#define __BCCRS_HELPERS_H

#define __BCCRS__ 1
#define BCC_SEC(NAME) __attribute__((section(NAME), used))

#ifndef CUR_CPU_IDENTIFIER
#define CUR_CPU_IDENTIFIER BPF_F_CURRENT_CPU
#endif
#ifndef BPF_MAX_STACK_DEPTH
#define BPF_MAX_STACK_DEPTH 127
#endif
struct bpf_stacktrace { u64 ip[BPF_MAX_STACK_DEPTH]; };
struct bpf_stacktrace_buildid { struct bpf_stack_build_id trace[BPF_MAX_STACK_DEPTH]; };

/* ------------------------------------------------------------------------------------------ */
/* Tables                                                                                      */
/* ------------------------------------------------------------------------------------------ */
#ifdef __BCCRS_ANALYSIS__

/* One struct for every table kind: the analyser, not the struct, decides which methods a kind
 * accepts, so a wrong method gets a diagnostic that names the table kind. */
#define __BCCRS_TABLE_STRUCT(_name, _key_type, _leaf_type) \
struct _name##_table_t { \
  _key_type key; \
  _leaf_type leaf; \
  _leaf_type *(*lookup)(_key_type *); \
  _leaf_type *(*lookup_or_init)(_key_type *, _leaf_type *); \
  _leaf_type *(*lookup_or_try_init)(_key_type *, _leaf_type *); \
  int (*update)(_key_type *, _leaf_type *, ...); \
  int (*insert)(_key_type *, _leaf_type *); \
  int (*delete)(_key_type *); \
  int (*lookup_and_delete)(void *, ...); \
  void (*call)(void *, int); \
  void (*increment)(_key_type, ...); \
  void (*atomic_increment)(_key_type, ...); \
  _leaf_type (*inc_and_return)(_key_type, ...); \
  int (*get_stackid)(void *, u64); \
  int (*push)(_leaf_type *, ...); \
  int (*pop)(_leaf_type *); \
  int (*peek)(_leaf_type *); \
  int (*perf_submit)(void *, void *, u32); \
  int (*perf_submit_skb)(void *, u32, void *, u32); \
  u64 (*perf_read)(int); \
  int (*perf_counter_value)(int, void *, u32); \
  int (*ringbuf_output)(void *, u64, u64); \
  void *(*ringbuf_reserve)(u64); \
  void (*ringbuf_submit)(void *, u64); \
  void (*ringbuf_discard)(void *, u64); \
  u64 (*ringbuf_query)(u64); \
  int (*check_current_task)(int); \
  long (*redirect_map)(int, int); \
  long (*sock_map_update)(void *, void *, u64); \
  long (*sock_hash_update)(void *, void *, u64); \
  long (*msg_redirect_hash)(void *, void *, u64); \
  long (*sk_redirect_hash)(void *, void *, u64); \
  void *(*sk_storage_get)(void *, void *, int); \
  int (*sk_storage_delete)(void *); \
  void *(*inode_storage_get)(void *, void *, int); \
  int (*inode_storage_delete)(void *); \
  void *(*task_storage_get)(void *, void *, int); \
  int (*task_storage_delete)(void *); \
  void *(*get_local_storage)(u64); \
  u32 max_entries; \
  int flags; \
}

#define __BCCRS_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
__BCCRS_TABLE_STRUCT(_name, _key_type, _leaf_type); \
static const char __bccrs_table_type_##_name[] __attribute__((unused)) = _table_type; \
static const unsigned long long __bccrs_table_max_##_name __attribute__((unused)) = (_max_entries); \
static const unsigned long long __bccrs_table_flags_##_name __attribute__((unused)) = (_flags); \
__attribute__((section("maps/" _table_type))) struct _name##_table_t _name

#define __BCCRS_TABLE_NOKEY(_table_type, _leaf_type, _name, _max_entries, _flags) \
  __BCCRS_TABLE(_table_type, int, _leaf_type, _name, _max_entries, _flags)
#define __BCCRS_TABLE_RAW(_table_type, _name, _max_entries, _flags) \
  __BCCRS_TABLE(_table_type, int, u32, _name, _max_entries, _flags)
#define __BCCRS_TABLE_OF_MAPS(_table_type, _key_type, _name, _inner, _max_entries) \
  __BCCRS_TABLE(_table_type "$" _inner, _key_type, int, _name, _max_entries, 0)
#define __BCCRS_TABLE_RINGBUF(_table_type, _name, _size) \
  __BCCRS_TABLE(_table_type, int, u32, _name, _size, 0)
#define __BCCRS_TABLE_PERCPU_QS(_table_type, _inner_type, _leaf_type, _name, _max_entries, _flags) \
  __BCCRS_TABLE(_table_type, int, _leaf_type, _name, _max_entries, _flags)

#else /* emit mode: libbpf BTF-defined maps */

#define __BCCRS_MAPTYPE(_name) __bccrs_maptype_##_name
/* `__bccrs_kv_<name>(K, V)`, defined by the analyser for each table: `__type(key, K);
 * __type(value, V)`, or both by size where the kernel refuses the key's BTF (an LPM trie's
 * non-struct key; the types are then kept for decoding by anchors in the footer). */
#define __BCCRS_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
struct { \
  __uint(type, __BCCRS_MAPTYPE(_name)); \
  __bccrs_kv_##_name(_key_type, _leaf_type); \
  __uint(max_entries, (_max_entries)); \
  __uint(map_flags, (_flags)); \
} _name SEC(".maps")
#define __BCCRS_TABLE_NOKEY(_table_type, _leaf_type, _name, _max_entries, _flags) \
struct { \
  __uint(type, __BCCRS_MAPTYPE(_name)); \
  __type(value, _leaf_type); \
  __uint(max_entries, (_max_entries)); \
  __uint(map_flags, (_flags)); \
} _name SEC(".maps")
/* Maps whose key and value are kernel-defined u32s (perf event, cgroup and prog arrays). */
#define __BCCRS_TABLE_RAW(_table_type, _name, _max_entries, _flags) \
struct { \
  __uint(type, __BCCRS_MAPTYPE(_name)); \
  __uint(key_size, sizeof(u32)); \
  __uint(value_size, sizeof(u32)); \
  __uint(max_entries, (_max_entries)); \
} _name SEC(".maps")
/* A ring buffer has no key or value, only a size in bytes. */
#define __BCCRS_TABLE_RINGBUF(_table_type, _name, _size) \
struct { \
  __uint(type, BPF_MAP_TYPE_RINGBUF); \
  __uint(max_entries, (_size)); \
} _name SEC(".maps")
#define __BCCRS_TABLE_OF_MAPS(_table_type, _key_type, _name, _inner, _max_entries) \
struct { \
  __uint(type, __BCCRS_MAPTYPE(_name)); \
  __type(key, _key_type); \
  __uint(max_entries, (_max_entries)); \
  __array(values, typeof(__bccrs_inner_##_name)); \
} _name SEC(".maps")

/* Per-CPU queue/stack (no kernel map type): an array of maps holding one kernel queue or stack
 * per possible CPU. bccrs's loader sizes the array to the running system's CPUs and creates the
 * inner maps; push/pop/peek use the instance of the CPU they run on. */
#define __BCCRS_TABLE_PERCPU_QS(_table_type, _inner_type, _leaf_type, _name, _max_entries, _flags) \
struct { \
  __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); \
  __uint(max_entries, __BCCRS_NUM_POSSIBLE_CPUS); \
  __type(key, u32); \
  __array(values, struct { \
    __uint(type, _inner_type); \
    __type(value, _leaf_type); \
    __uint(max_entries, (_max_entries)); \
    __uint(map_flags, (_flags)); \
  }); \
} _name SEC(".maps")

/* Loss counters: the hidden per-CPU array `__bccrs_lost` (src/object/names.rs) has one slot per
 * event table (`__bccrs_lost_slot_<table>`, defined by the generated header, which also expands
 * this macro). The lowering of perf_submit, perf_submit_skb, ringbuf_output and ringbuf_reserve
 * adds one when the kernel refuses the event (a full buffer, no reader on this CPU), so the
 * reader can report received + lost == submitted exactly: the kernel reports perf losses only
 * at the next successful write and ring-buffer losses not at all. */
#define __BCCRS_LOST_SLOT(_t) __BCCRS_LOST_SLOT2(_t)
#define __BCCRS_LOST_SLOT2(_t) __bccrs_lost_slot_##_t
#define __BCCRS_LOST_COUNTERS(_n) \
struct { \
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); \
  __type(key, u32); \
  __type(value, u64); \
  __uint(max_entries, (_n)); \
} __bccrs_lost SEC(".maps"); \
static __always_inline void __bccrs_count_lost(u32 slot) \
{ \
  u64 *c = bpf_map_lookup_elem(&__bccrs_lost, &slot); \
  if (c) \
    __sync_fetch_and_add(c, 1); \
} \
static __always_inline long __bccrs_lost_if(u32 slot, long ret) \
{ \
  if (ret < 0) \
    __bccrs_count_lost(slot); \
  return ret; \
} \
static __always_inline void *__bccrs_lost_if_null(u32 slot, void *p) \
{ \
  if (!p) \
    __bccrs_count_lost(slot); \
  return p; \
}

#endif /* __BCCRS_ANALYSIS__ */

/* BCC's declaration macros, with BCC's argument defaults. */
#define BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
  __BCCRS_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags)
#define BPF_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)

#define __BCCRS_PICK7(_1, _2, _3, _4, _5, _6, _7, NAME, ...) NAME
#define __BCCRS_PICK6(_1, _2, _3, _4, _5, _6, NAME, ...) NAME
#define __BCCRS_PICK4(_1, _2, _3, _4, NAME, ...) NAME
#define __BCCRS_PICK3(_1, _2, _3, NAME, ...) NAME

/* Pinned tables: BCC's "TYPE:PATH" type string. bccrs's loader reuses the map pinned at PATH
 * when there is one (and it matches the declaration), else creates it and pins it there. */
#define BPF_TABLE_PINNED7(_table_type, _key_type, _leaf_type, _name, _max_entries, _pinned, _flags) \
  BPF_F_TABLE(_table_type ":" _pinned, _key_type, _leaf_type, _name, _max_entries, _flags)
#define BPF_TABLE_PINNED6(_table_type, _key_type, _leaf_type, _name, _max_entries, _pinned) \
  BPF_TABLE_PINNED7(_table_type, _key_type, _leaf_type, _name, _max_entries, _pinned, 0)
#define BPF_TABLE_PINNED(...) \
  __BCCRS_PICK7(__VA_ARGS__, BPF_TABLE_PINNED7, BPF_TABLE_PINNED6, 0, 0, 0, 0, 0)(__VA_ARGS__)

/* Tables other programs loaded later in the same process import with BPF_TABLE("extern", ...):
 * PUBLIC and SHARED are one namespace in bccrs (BCC's Python front end also uses one). */
#define BPF_TABLE_PUBLIC(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_TABLE("export/" _table_type, _key_type, _leaf_type, _name, _max_entries)
#define BPF_TABLE_SHARED6(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
  BPF_F_TABLE("shared/" _table_type, _key_type, _leaf_type, _name, _max_entries, _flags)
#define BPF_TABLE_SHARED5(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_TABLE_SHARED6(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)
#define BPF_TABLE_SHARED(...) \
  __BCCRS_PICK6(__VA_ARGS__, BPF_TABLE_SHARED6, BPF_TABLE_SHARED5, 0, 0, 0, 0)(__VA_ARGS__)

#define BPF_HASH1(_name) BPF_TABLE("hash", u64, u64, _name, 10240)
#define BPF_HASH2(_name, _key_type) BPF_TABLE("hash", _key_type, u64, _name, 10240)
#define BPF_HASH3(_name, _key_type, _leaf_type) BPF_TABLE("hash", _key_type, _leaf_type, _name, 10240)
#define BPF_HASH4(_name, _key_type, _leaf_type, _size) BPF_TABLE("hash", _key_type, _leaf_type, _name, _size)
#define BPF_HASH(...) __BCCRS_PICK4(__VA_ARGS__, BPF_HASH4, BPF_HASH3, BPF_HASH2, BPF_HASH1)(__VA_ARGS__)

#define BPF_PERCPU_HASH1(_name) BPF_TABLE("percpu_hash", u64, u64, _name, 10240)
#define BPF_PERCPU_HASH2(_name, _key_type) BPF_TABLE("percpu_hash", _key_type, u64, _name, 10240)
#define BPF_PERCPU_HASH3(_name, _key_type, _leaf_type) BPF_TABLE("percpu_hash", _key_type, _leaf_type, _name, 10240)
#define BPF_PERCPU_HASH4(_name, _key_type, _leaf_type, _size) BPF_TABLE("percpu_hash", _key_type, _leaf_type, _name, _size)
#define BPF_PERCPU_HASH(...) __BCCRS_PICK4(__VA_ARGS__, BPF_PERCPU_HASH4, BPF_PERCPU_HASH3, BPF_PERCPU_HASH2, BPF_PERCPU_HASH1)(__VA_ARGS__)

#define BPF_ARRAY1(_name) BPF_TABLE("array", int, u64, _name, 10240)
#define BPF_ARRAY2(_name, _leaf_type) BPF_TABLE("array", int, _leaf_type, _name, 10240)
#define BPF_ARRAY3(_name, _leaf_type, _size) BPF_TABLE("array", int, _leaf_type, _name, _size)
#define BPF_ARRAY(...) __BCCRS_PICK3(__VA_ARGS__, BPF_ARRAY3, BPF_ARRAY2, BPF_ARRAY1)(__VA_ARGS__)

#define BPF_PERCPU_ARRAY1(_name) BPF_TABLE("percpu_array", int, u64, _name, 10240)
#define BPF_PERCPU_ARRAY2(_name, _leaf_type) BPF_TABLE("percpu_array", int, _leaf_type, _name, 10240)
#define BPF_PERCPU_ARRAY3(_name, _leaf_type, _size) BPF_TABLE("percpu_array", int, _leaf_type, _name, _size)
#define BPF_PERCPU_ARRAY(...) __BCCRS_PICK3(__VA_ARGS__, BPF_PERCPU_ARRAY3, BPF_PERCPU_ARRAY2, BPF_PERCPU_ARRAY1)(__VA_ARGS__)

#define BPF_HIST1(_name) BPF_TABLE("histogram", int, u64, _name, 64)
#define BPF_HIST2(_name, _key_type) BPF_TABLE("histogram", _key_type, u64, _name, 64)
#define BPF_HIST3(_name, _key_type, _size) BPF_TABLE("histogram", _key_type, u64, _name, _size)
#define BPF_HISTOGRAM(...) __BCCRS_PICK3(__VA_ARGS__, BPF_HIST3, BPF_HIST2, BPF_HIST1)(__VA_ARGS__)

#define BPF_LPM_TRIE1(_name) BPF_F_TABLE("lpm_trie", u64, u64, _name, 10240, BPF_F_NO_PREALLOC)
#define BPF_LPM_TRIE2(_name, _key_type) BPF_F_TABLE("lpm_trie", _key_type, u64, _name, 10240, BPF_F_NO_PREALLOC)
#define BPF_LPM_TRIE3(_name, _key_type, _leaf_type) BPF_F_TABLE("lpm_trie", _key_type, _leaf_type, _name, 10240, BPF_F_NO_PREALLOC)
#define BPF_LPM_TRIE4(_name, _key_type, _leaf_type, _size) BPF_F_TABLE("lpm_trie", _key_type, _leaf_type, _name, _size, BPF_F_NO_PREALLOC)
#define BPF_LPM_TRIE(...) __BCCRS_PICK4(__VA_ARGS__, BPF_LPM_TRIE4, BPF_LPM_TRIE3, BPF_LPM_TRIE2, BPF_LPM_TRIE1)(__VA_ARGS__)

#define BPF_STACK_TRACE(_name, _max_entries) \
  BPF_TABLE("stacktrace", int, struct bpf_stacktrace, _name, _max_entries)
#define BPF_STACK_TRACE_BUILDID(_name, _max_entries) \
  BPF_F_TABLE("stacktrace", int, struct bpf_stacktrace_buildid, _name, _max_entries, BPF_F_STACK_BUILD_ID)

#define BPF_PROG_ARRAY(_name, _max_entries) __BCCRS_TABLE_RAW("prog", _name, _max_entries, 0)
#define BPF_PERF_OUTPUT(_name) __BCCRS_TABLE_RAW("perf_output", _name, 0, 0)
#define BPF_PERF_ARRAY(_name, _max_entries) __BCCRS_TABLE_RAW("perf_array", _name, _max_entries, 0)
#define BPF_CGROUP_ARRAY(_name, _max_entries) __BCCRS_TABLE_RAW("cgroup_array", _name, _max_entries, 0)
#define BPF_RINGBUF_OUTPUT(_name, _page_cnt) \
  __BCCRS_TABLE_RINGBUF("ringbuf", _name, ((_page_cnt) * 4096))

#define BPF_QUEUESTACK(_table_type, _name, _leaf_type, _max_entries, _flags) \
  __BCCRS_TABLE_NOKEY(_table_type, _leaf_type, _name, _max_entries, _flags)
#define BPF_QUEUE3(_name, _leaf_type, _max_entries) BPF_QUEUESTACK("queue", _name, _leaf_type, _max_entries, 0)
#define BPF_QUEUE4(_name, _leaf_type, _max_entries, _flags) BPF_QUEUESTACK("queue", _name, _leaf_type, _max_entries, _flags)
#define BPF_QUEUE(...) __BCCRS_PICK4(__VA_ARGS__, BPF_QUEUE4, BPF_QUEUE3, 0, 0)(__VA_ARGS__)
#define BPF_STACK3(_name, _leaf_type, _max_entries) BPF_QUEUESTACK("stack", _name, _leaf_type, _max_entries, 0)
#define BPF_STACK4(_name, _leaf_type, _max_entries, _flags) BPF_QUEUESTACK("stack", _name, _leaf_type, _max_entries, _flags)
#define BPF_STACK(...) __BCCRS_PICK4(__VA_ARGS__, BPF_STACK4, BPF_STACK3, 0, 0)(__VA_ARGS__)
#define BPF_QUEUESTACK_PINNED(_table_type, _name, _leaf_type, _max_entries, _flags, _pinned) \
  BPF_QUEUESTACK(_table_type ":" _pinned, _name, _leaf_type, _max_entries, _flags)
#define BPF_QUEUESTACK_PUBLIC(_table_type, _name, _leaf_type, _max_entries, _flags) \
  BPF_QUEUESTACK("export/" _table_type, _name, _leaf_type, _max_entries, _flags)
#define BPF_QUEUESTACK_SHARED(_table_type, _name, _leaf_type, _max_entries, _flags) \
  BPF_QUEUESTACK("shared/" _table_type, _name, _leaf_type, _max_entries, _flags)

/* bccrs additions: a queue / stack per CPU. */
#define BPF_PERCPU_QUEUE(_name, _leaf_type, _max_entries) \
  __BCCRS_TABLE_PERCPU_QS("percpu_queue", BPF_MAP_TYPE_QUEUE, _leaf_type, _name, _max_entries, 0)
#define BPF_PERCPU_STACK(_name, _leaf_type, _max_entries) \
  __BCCRS_TABLE_PERCPU_QS("percpu_stack", BPF_MAP_TYPE_STACK, _leaf_type, _name, _max_entries, 0)

#define BPF_XDP_REDIRECT_MAP(_table_type, _leaf_type, _name, _max_entries) \
  BPF_TABLE(_table_type, u32, _leaf_type, _name, _max_entries)
#define BPF_DEVMAP(_name, _max_entries) BPF_XDP_REDIRECT_MAP("devmap", int, _name, _max_entries)
#define BPF_CPUMAP(_name, _max_entries) BPF_XDP_REDIRECT_MAP("cpumap", u32, _name, _max_entries)
#define BPF_XSKMAP2(_name, _max_entries) BPF_XDP_REDIRECT_MAP("xskmap", int, _name, _max_entries)
#define BPF_XSKMAP3(_name, _max_entries, _pinned) BPF_XDP_REDIRECT_MAP("xskmap:" _pinned, int, _name, _max_entries)
#define BPF_XSKMAP(...) __BCCRS_PICK3(__VA_ARGS__, BPF_XSKMAP3, BPF_XSKMAP2, 0)(__VA_ARGS__)

#define BPF_ARRAY_OF_MAPS(_name, _inner_map_name, _max_entries) \
  __BCCRS_TABLE_OF_MAPS("array_of_maps", int, _name, _inner_map_name, _max_entries)
#define BPF_HASH_OF_MAPS2(_name, _inner_map_name) \
  __BCCRS_TABLE_OF_MAPS("hash_of_maps", int, _name, _inner_map_name, 10240)
#define BPF_HASH_OF_MAPS3(_name, _key_type, _inner_map_name) \
  __BCCRS_TABLE_OF_MAPS("hash_of_maps", _key_type, _name, _inner_map_name, 10240)
#define BPF_HASH_OF_MAPS4(_name, _key_type, _inner_map_name, _max_entries) \
  __BCCRS_TABLE_OF_MAPS("hash_of_maps", _key_type, _name, _inner_map_name, _max_entries)
#define BPF_HASH_OF_MAPS(...) __BCCRS_PICK4(__VA_ARGS__, BPF_HASH_OF_MAPS4, BPF_HASH_OF_MAPS3, BPF_HASH_OF_MAPS2, 0)(__VA_ARGS__)

#define BPF_SOCKMAP(_name, _max_entries) BPF_TABLE("sockmap", u32, int, _name, _max_entries)
#define BPF_SOCKHASH1(_name) BPF_TABLE("sockhash", u32, int, _name, 10240)
#define BPF_SOCKHASH2(_name, _key_type) BPF_TABLE("sockhash", _key_type, int, _name, 10240)
#define BPF_SOCKHASH3(_name, _key_type, _max_entries) BPF_TABLE("sockhash", _key_type, int, _name, _max_entries)
#define BPF_SOCKHASH(...) __BCCRS_PICK3(__VA_ARGS__, BPF_SOCKHASH3, BPF_SOCKHASH2, BPF_SOCKHASH1)(__VA_ARGS__)

#define BPF_CGROUP_STORAGE(_name, _leaf_type) \
  BPF_TABLE("cgroup_storage", struct bpf_cgroup_storage_key, _leaf_type, _name, 0)
#define BPF_PERCPU_CGROUP_STORAGE(_name, _leaf_type) \
  BPF_TABLE("percpu_cgroup_storage", struct bpf_cgroup_storage_key, _leaf_type, _name, 0)
#define BPF_SK_STORAGE(_name, _leaf_type) BPF_F_TABLE("sk_storage", int, _leaf_type, _name, 0, BPF_F_NO_PREALLOC)
#define BPF_INODE_STORAGE(_name, _leaf_type) BPF_F_TABLE("inode_storage", int, _leaf_type, _name, 0, BPF_F_NO_PREALLOC)
#define BPF_TASK_STORAGE(_name, _leaf_type) BPF_F_TABLE("task_storage", int, _leaf_type, _name, 0, BPF_F_NO_PREALLOC)

/* ------------------------------------------------------------------------------------------ */
/* Lowerings of table methods that are more than one helper call (used by the rewriter).      */
/* `map` is `&table`; key and value types come from the BTF map definition's pointer fields.  */
/* ------------------------------------------------------------------------------------------ */
/* Adds n to the value at key k. INSERT: create a missing key (hash-like maps); when two CPUs
 * create the same key at once the loser's BPF_NOEXIST insert fails and it retries the lookup,
 * so no count is lost. ATOMIC: shared maps add atomically; per-CPU maps need no atomics. */
#define __bccrs_increment(map, k, n, INSERT, ATOMIC) ({ \
  typeof(*(map)->key) __bk = (k); \
  typeof(*(map)->value) __bn = (n); \
  typeof(*(map)->value) *__bv = bpf_map_lookup_elem((map), &__bk); \
  if (!__bv && INSERT && bpf_map_update_elem((map), &__bk, &__bn, BPF_NOEXIST) != 0) \
    __bv = bpf_map_lookup_elem((map), &__bk); \
  if (__bv) { if (ATOMIC) __sync_fetch_and_add(__bv, __bn); else *__bv += __bn; } \
})
/* Same, and yields the value after the addition (0 when the key could not be created). */
#define __bccrs_inc_and_return(map, k, n, INSERT, ATOMIC) ({ \
  typeof(*(map)->key) __bk = (k); \
  typeof(*(map)->value) __bn = (n); \
  typeof(*(map)->value) __bres = 0; \
  typeof(*(map)->value) *__bv = bpf_map_lookup_elem((map), &__bk); \
  if (!__bv && INSERT) { \
    if (bpf_map_update_elem((map), &__bk, &__bn, BPF_NOEXIST) == 0) __bres = __bn; \
    else __bv = bpf_map_lookup_elem((map), &__bk); \
  } \
  if (__bv) { if (ATOMIC) __bres = __sync_add_and_fetch(__bv, __bn); else __bres = (*__bv += __bn); } \
  __bres; \
})
#define __bccrs_lookup_or_try_init(map, k, init) ({ \
  typeof(k) __bkp = (k); \
  typeof(*(map)->value) *__bv = bpf_map_lookup_elem((map), __bkp); \
  if (!__bv) { \
    bpf_map_update_elem((map), __bkp, (init), BPF_NOEXIST); \
    __bv = bpf_map_lookup_elem((map), __bkp); \
  } \
  __bv; \
})
/* BCC's lookup_or_init: returns 0 from the enclosing (non-void) function when the key cannot
 * be created; the rewriter rejects it in void functions. */
#define __bccrs_lookup_or_init(map, k, init) ({ \
  typeof(*(map)->value) *__bvi = __bccrs_lookup_or_try_init(map, k, init); \
  if (!__bvi) return 0; \
  __bvi; \
})
/* Copy the value out, then delete the key. Another CPU may update the value between the copy
 * and the delete; that update is lost (documented in docs/maps.md). */
#define __bccrs_lookup_and_delete(map, k, out) ({ \
  typeof(k) __bkp = (k); \
  typeof(*(map)->value) *__bv = bpf_map_lookup_elem((map), __bkp); \
  long __bret = -2 /* -ENOENT */; \
  if (__bv) { \
    __builtin_memcpy((out), __bv, sizeof(*__bv)); \
    __bret = bpf_map_delete_elem((map), __bkp); \
  } \
  __bret; \
})

/* The current CPU's instance of a per-CPU queue/stack: push/pop/peek on it, -ENOENT without one. */
#define __bccrs_pcpu_op(op, map, ...) ({ \
  u32 __bcpu = bpf_get_smp_processor_id(); \
  void *__binner = bpf_map_lookup_elem((map), &__bcpu); \
  __binner ? op(__binner, ##__VA_ARGS__) : -2 /* -ENOENT */; \
})
#define __bccrs_pcpu_push(map, v, flags) __bccrs_pcpu_op(bpf_map_push_elem, map, v, flags)
#define __bccrs_pcpu_pop(map, v) __bccrs_pcpu_op(bpf_map_pop_elem, map, v)
#define __bccrs_pcpu_peek(map, v) __bccrs_pcpu_op(bpf_map_peek_elem, map, v)

/* Implicit reads (the rewriter wraps each direct read through a kernel or user pointer): a probe
 * read of the expression's address. vmlinux.h marks every kernel struct preserve_access_index,
 * so the address is a CO-RE relocation and follows the running kernel's layout (an explicit
 * __builtin_preserve_access_index here could not nest). */
#define __BCCRS_READ_KERNEL(e) ({ \
  __typeof__(e) __bccrs_v; \
  __builtin_memset((void *)&__bccrs_v, 0, sizeof(__bccrs_v)); \
  bpf_probe_read_kernel((void *)&__bccrs_v, sizeof(__bccrs_v), (const void *)&(e)); \
  __bccrs_v; \
})
#define __BCCRS_READ_USER(e) ({ \
  __typeof__(e) __bccrs_v; \
  __builtin_memset((void *)&__bccrs_v, 0, sizeof(__bccrs_v)); \
  bpf_probe_read_user((void *)&__bccrs_v, sizeof(__bccrs_v), (const void *)&(e)); \
  __bccrs_v; \
})

/* USDT arguments (BCC's 1-based numbering) through libbpf's USDT support: the argument specs
 * are resolved when `bccrs run --attach usdt:…` (libbpf's bpf_program__attach_usdt) attaches. */
#ifdef __BCCRS_USDT
#include <bpf/usdt.bpf.h>
#define bpf_usdt_readarg(n, ctx, addr) ({ \
  long __bu = 0; \
  int __br = bpf_usdt_arg((ctx), (n) - 1, &__bu); \
  if (__br == 0) *(addr) = (__typeof__(*(addr)))__bu; \
  __br; \
})
#define bpf_usdt_readarg_p(n, ctx, buf, len) ({ \
  long __bu = 0; \
  int __br = bpf_usdt_arg((ctx), (n) - 1, &__bu); \
  if (__br == 0) __br = bpf_probe_read_user((buf), (len), (void *)__bu); \
  __br; \
})
#endif

/* ------------------------------------------------------------------------------------------ */
/* Program declarations                                                                        */
/* ------------------------------------------------------------------------------------------ */
#define TRACEPOINT_PROBE(category, event) \
  int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)
#define RAW_TRACEPOINT_PROBE(event) \
  int raw_tracepoint__##event(struct bpf_raw_tracepoint_args *ctx)
/* libbpf's BPF_PROG leaves the return type to the caller; BCC's macros return int. */
#define KFUNC_PROBE(event, args...) int BPF_PROG(kfunc__vmlinux__##event, ##args)
#define KRETFUNC_PROBE(event, args...) int BPF_PROG(kretfunc__vmlinux__##event, ##args)
#define MODULE_KFUNC_PROBE(module, event, args...) int BPF_PROG(kfunc__##module##__##event, ##args)
#define MODULE_KRETFUNC_PROBE(module, event, args...) int BPF_PROG(kretfunc__##module##__##event, ##args)
#define KMOD_RET(event, args...) int BPF_PROG(kmod_ret__##event, ##args)
#define LSM_PROBE(event, args...) int BPF_PROG(lsm__##event, ##args)
#define BPF_ITER(target) int bpf_iter__##target(struct bpf_iter__##target *ctx)

/* __data_loc fields of generated tracepoint structs (the pointer must be named `args`). */
#define TP_DATA_LOC_READ_CONST(dst, field, length) \
  do { unsigned short __offset = args->data_loc_##field & 0xFFFF; \
       bpf_probe_read_kernel((void *)dst, length, (char *)args + __offset); } while (0)
#define TP_DATA_LOC_READ(dst, field) \
  do { unsigned short __offset = args->data_loc_##field & 0xFFFF; \
       unsigned short __length = args->data_loc_##field >> 16; \
       bpf_probe_read_kernel((void *)dst, __length, (char *)args + __offset); } while (0)
#define TP_DATA_LOC_READ_STR(dst, field, length) \
  do { unsigned short __offset = args->data_loc_##field & 0xFFFF; \
       bpf_probe_read_kernel_str((void *)dst, length, (char *)args + __offset); } while (0)

/* ------------------------------------------------------------------------------------------ */
/* Builtins and small helpers BCC programs use                                                */
/* ------------------------------------------------------------------------------------------ */
/* BCC's bpf_trace_printk takes the format without its size; libbpf's helper needs both. A macro
 * (not a rewrite) so it also works inside the user's own macros. */
#define bpf_trace_printk(fmt, ...) ({ \
  char ____fmt[] = fmt; \
  bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__); \
})
#define bpf_num_cpus() __BCCRS_NUM_CPUS
#define lock_xadd(ptr, val) ((void)__sync_fetch_and_add(ptr, val))

#ifndef bpf_ntohll
#define bpf_ntohll(x) bpf_be64_to_cpu(x)
#endif
#ifndef bpf_htonll
#define bpf_htonll(x) bpf_cpu_to_be64(x)
#endif

/* Checksum updates after packet field writes (BCC's incr_cksum_l3/l4, which the rewriter turns
 * into __bccrs_incr_cksum_*(<the program's context>, ...)). Packet fields read through
 * bpf_dext_pkt are in host order; the kernel helpers want network order, so 2-, 4- and 8-byte
 * values are swapped by their size (the low bits of flags), as BCC does. */
#define __BCCRS_CSUM_REPLACE(name, helper) \
static __always_inline long name(void *ctx, u64 off, u64 from, u64 to, u64 flags) { \
  switch (flags & 0xf) { \
  case 2: return helper(ctx, off, bpf_htons(from), bpf_htons(to), flags); \
  case 4: return helper(ctx, off, bpf_htonl(from), bpf_htonl(to), flags); \
  case 8: return helper(ctx, off, bpf_htonll(from), bpf_htonll(to), flags); \
  } \
  return helper(ctx, off, from, to, flags); \
}
__BCCRS_CSUM_REPLACE(bpf_l3_csum_replace_, bpf_l3_csum_replace)
__BCCRS_CSUM_REPLACE(bpf_l4_csum_replace_, bpf_l4_csum_replace)
#define __bccrs_incr_cksum_l3(ctx, off, oldval, newval) \
  bpf_l3_csum_replace_(ctx, (u64)(off), oldval, newval, sizeof(newval))
#define __bccrs_incr_cksum_l4(ctx, off, oldval, newval, pseudo) \
  bpf_l4_csum_replace_(ctx, (u64)(off), oldval, newval, (((pseudo) & 0x1) << 4) | sizeof(newval))
#ifdef __BCCRS_ANALYSIS__
/* For type checking only: the rewriter replaces every call. */
int incr_cksum_l3(void *off, u64 oldval, u64 newval);
int incr_cksum_l4(void *off, u64 oldval, u64 newval, u64 pseudo_hdr);
#endif

static __always_inline unsigned int bpf_log2(unsigned int v) {
  unsigned int r, shift;
  r = (v > 0xFFFF) << 4; v >>= r;
  shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
  shift = (v > 0xF) << 2; v >>= shift; r |= shift;
  shift = (v > 0x3) << 1; v >>= shift; r |= shift;
  r |= (v >> 1);
  return r;
}
/* Bit length of v, with 0 -> 1 (BCC's histogram slot function). */
static __always_inline unsigned int bpf_log2l(unsigned long v) {
  unsigned int hi = v >> 32;
  if (hi)
    return bpf_log2(hi) + 32 + 1;
  else
    return bpf_log2(v) + 1;
}

/* Packet loads of socket filters (LLVM intrinsics). */
unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
static __always_inline unsigned long long load_dword(void *skb, unsigned long long off) {
  return ((unsigned long long)load_word(skb, off) << 32) | load_word(skb, off + 4);
}

#define MASK(_n) ((_n) < 64 ? (1ull << (_n)) - 1 : ((unsigned long long)-1LL))
/* BCC's packet cursor: a packet offset that starts at 0 and advances over each header. */
#define cursor_advance(_cursor, _len) ({ void *_tmp = _cursor; _cursor += _len; _tmp; })

/* Reads/writes `bsz` bits at bit `bofs` (counted from the most significant bit) of the packet
 * bytes at `off`; the rewriter lowers `p->field` on <bcc/proto.h> headers to these. */
static __always_inline unsigned long long bpf_dext_pkt(void *pkt, unsigned long long off, unsigned long long bofs, unsigned long long bsz) {
  if (bofs == 0 && bsz == 8)
    return load_byte(pkt, off);
  else if (bofs + bsz <= 8)
    return load_byte(pkt, off) >> (8 - (bofs + bsz)) & MASK(bsz);
  else if (bofs == 0 && bsz == 16)
    return load_half(pkt, off);
  else if (bofs + bsz <= 16)
    return load_half(pkt, off) >> (16 - (bofs + bsz)) & MASK(bsz);
  else if (bofs == 0 && bsz == 32)
    return load_word(pkt, off);
  else if (bofs + bsz <= 32)
    return load_word(pkt, off) >> (32 - (bofs + bsz)) & MASK(bsz);
  else if (bofs == 0 && bsz == 64)
    return load_dword(pkt, off);
  else if (bofs + bsz <= 64)
    return load_dword(pkt, off) >> (64 - (bofs + bsz)) & MASK(bsz);
  return 0;
}
static __always_inline void bpf_dins_pkt(void *pkt, unsigned long long off, unsigned long long bofs, unsigned long long bsz, unsigned long long n) {
  if (bofs == 0 && bsz == 8) {
    unsigned char v = n;
    bpf_skb_store_bytes(pkt, off, &v, 1, 0);
  } else if (bofs + bsz <= 8) {
    unsigned char v = load_byte(pkt, off);
    v &= ~(MASK(bsz) << (8 - (bofs + bsz)));
    v |= ((n & MASK(bsz)) << (8 - (bofs + bsz)));
    bpf_skb_store_bytes(pkt, off, &v, 1, 0);
  } else if (bofs == 0 && bsz == 16) {
    unsigned short v = bpf_htons(n);
    bpf_skb_store_bytes(pkt, off, &v, 2, 0);
  } else if (bofs + bsz <= 16) {
    unsigned short v = load_half(pkt, off);
    v &= ~(MASK(bsz) << (16 - (bofs + bsz)));
    v |= ((n & MASK(bsz)) << (16 - (bofs + bsz)));
    v = bpf_htons(v);
    bpf_skb_store_bytes(pkt, off, &v, 2, 0);
  } else if (bofs == 0 && bsz == 32) {
    unsigned int v = bpf_htonl(n);
    bpf_skb_store_bytes(pkt, off, &v, 4, 0);
  } else if (bofs + bsz <= 32) {
    unsigned int v = load_word(pkt, off);
    v &= ~(MASK(bsz) << (32 - (bofs + bsz)));
    v |= ((n & MASK(bsz)) << (32 - (bofs + bsz)));
    v = bpf_htonl(v);
    bpf_skb_store_bytes(pkt, off, &v, 4, 0);
  }
}
/* The same for XDP, where the packet cannot be read with BPF_LD_ABS (the verifier refuses
 * load_byte & co there; BCC's rewrite fails to load): whole bytes through bpf_xdp_load_bytes and
 * bpf_xdp_store_bytes, bits picked out here. */
static __always_inline unsigned long long __bccrs_dext_pkt_xdp(struct xdp_md *ctx, unsigned long long off, unsigned long long bofs, unsigned long long bsz) {
  unsigned char b[8] = {};
  unsigned long long n = (bofs + bsz + 7) / 8, v = 0;
  if (n > 8 || bpf_xdp_load_bytes(ctx, off, b, n))
    return 0;
  for (int i = 0; i < 8; i++)
    if (i < n)
      v = v << 8 | b[i];
  return v >> (n * 8 - (bofs + bsz)) & MASK(bsz);
}
static __always_inline void __bccrs_dins_pkt_xdp(struct xdp_md *ctx, unsigned long long off, unsigned long long bofs, unsigned long long bsz, unsigned long long val) {
  unsigned char b[8] = {};
  unsigned long long n = (bofs + bsz + 7) / 8, v = 0, sh = n * 8 - (bofs + bsz);
  if (n > 8 || bpf_xdp_load_bytes(ctx, off, b, n))
    return;
  for (int i = 0; i < 8; i++)
    if (i < n)
      v = v << 8 | b[i];
  v = (v & ~(MASK(bsz) << sh)) | ((val & MASK(bsz)) << sh);
  for (int i = 7; i >= 0; i--)
    if (i < n) {
      b[i] = v;
      v >>= 8;
    }
  bpf_xdp_store_bytes(ctx, off, b, n);
}

#endif /* __BCCRS_HELPERS_H */
