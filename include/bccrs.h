/* bccrs C ABI: compile and load BCC-dialect programs, attach them, use their tables and events.
 *
 * Link with -lbccrs (target/release/libbccrs.so). Calls that fail return NULL or a negative
 * errno (-1 when there is none) and leave a message in bccrs_last_error(). Strings returned by
 * a handle's accessors stay valid until bccrs_close(). Table keys and values are raw bytes in
 * the kernel's layout; bccrs_map_info gives their sizes and bccrs_map_type their BTF types.
 */
#ifndef BCCRS_H
#define BCCRS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Handle bccrs_bpf;
struct perf_buffer;
struct ring_buffer;

/* The message of the last failed call on this thread (rendered diagnostics for compile errors,
 * the verifier's verdict for rejected programs). */
const char *bccrs_last_error(void);

/* Compile (objects are cached) and load. `name` locates the text for diagnostics and quoted
 * includes; `cflags` are C compiler flags such as "-DMAX=4". */
bccrs_bpf *bccrs_load_text(const char *name, const char *text, const char *const *cflags, size_t ncflags);
/* As bccrs_load_text, with each listed program's section chosen by the host:
 * "function=section" entries such as "handle_egress=tc" (BCC's load_func(fn, BPF.SCHED_CLS)). */
bccrs_bpf *bccrs_load_text_sections(const char *name, const char *text, const char *const *cflags, size_t ncflags,
				    const char *const *sections, size_t nsections);
/* As bccrs_load_text_sections; the tables that `reuse` (a loaded handle, or NULL) also has with
 * the same name and shape keep its maps, contents included (a program loaded again with other
 * program types). */
bccrs_bpf *bccrs_load_text_sections_reusing(const char *name, const char *text, const char *const *cflags,
					    size_t ncflags, const char *const *sections, size_t nsections,
					    bccrs_bpf *reuse);
/* A source file, or a BPF object compiled by `bccrs compile`. */
bccrs_bpf *bccrs_load_file(const char *path, const char *const *cflags, size_t ncflags);
/* The compile's warnings, rendered ("" when there were none; shown again when the object comes
 * from the cache). BCC prints its compiler's warnings to stderr while loading. */
const char *bccrs_warnings(bccrs_bpf *b);
/* Detaches every program and frees everything. */
void bccrs_close(bccrs_bpf *b);

/* Programs whose section names a target (kprobe__, tracepoints, raw tracepoints…): returns how
 * many attached, or -1 listing the failures (those that attached stay attached). */
int bccrs_attach_auto(bccrs_bpf *b);
/* "KIND:TARGET=PROGRAM": uprobe:/bin/x:sym, uretprobe:…, kprobe:func, kretprobe:func,
 * tracepoint:cat:event, raw_tracepoint:name, usdt:/bin/x:provider:name, perf:cpu-clock:99.
 * pid -1: every process. Returns the attachment's id (> 0, for bccrs_detach_link) or -1. */
int bccrs_attach(bccrs_bpf *b, const char *spec, int pid);
/* Detaches what bccrs_attach returned `link` for (the program's other attachments stay): 0, or
 * -1 when there is no such attachment. */
int bccrs_detach_link(bccrs_bpf *b, int link);
/* Detaches what bccrs_attach_auto or bccrs_attach_program attached for `program` (its
 * bccrs_attach attachments stay); returns how many. */
int bccrs_detach_auto(bccrs_bpf *b, const char *program);
/* Detaches a program's attachments (NULL: every program's); returns how many. */
int bccrs_detach(bccrs_bpf *b, const char *program);

int bccrs_program_count(bccrs_bpf *b);
const char *bccrs_program_name(bccrs_bpf *b, int i);
int bccrs_program_fd(bccrs_bpf *b, const char *name);
/* The program's ELF section (its type, and its target when it names one). */
const char *bccrs_program_section(bccrs_bpf *b, const char *name);
/* Attaches one program by its section; 0 or -1. */
int bccrs_attach_program(bccrs_bpf *b, const char *name);

int bccrs_map_count(bccrs_bpf *b);
const char *bccrs_map_name(bccrs_bpf *b, int i);

struct bccrs_map_info {
	int fd;
	uint32_t map_type;       /* enum bpf_map_type */
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t percpu;         /* values are value_buf_size bytes: one 8-byte aligned slot per CPU */
	uint32_t value_buf_size;
	uint32_t percpu_queue;   /* bccrs's per-CPU queue/stack: use bccrs_map_cpu_op */
};
int bccrs_map_info(bccrs_bpf *b, const char *map, struct bccrs_map_info *info);
/* JSON description of the key (which = 0), value (1) or event struct (2) type; NULL if unknown. */
const char *bccrs_map_type(bccrs_bpf *b, const char *map, int which);
/* The table's kind as declared in the source ("hash", "histogram", "percpu_queue"…) or "". */
const char *bccrs_map_declared(bccrs_bpf *b, const char *map);

/* value: value_buf_size bytes. 0, -ENOENT, or -errno. Queues/stacks take key = NULL:
 * update pushes (flags 2 = BPF_EXIST overwrites the oldest), lookup peeks, lookup_and_delete pops. */
int bccrs_map_lookup(bccrs_bpf *b, const char *map, const void *key, void *value);
int bccrs_map_update(bccrs_bpf *b, const char *map, const void *key, const void *value, uint64_t flags);
int bccrs_map_delete(bccrs_bpf *b, const char *map, const void *key);
int bccrs_map_lookup_and_delete(bccrs_bpf *b, const char *map, const void *key, void *value);
/* key NULL: the first key. -ENOENT after the last. */
int bccrs_map_next_key(bccrs_bpf *b, const char *map, const void *key, void *next);

/* Batch operations (per element where the kernel has no batch command; same results).
 * lookup: room for `cap` entries, *count gets the number (-ENOSPC if more); delete = 1 also
 * removes them. update/delete: *done gets how many succeeded before a failure. */
int bccrs_map_lookup_batch(bccrs_bpf *b, const char *map, void *keys, void *values, size_t cap, size_t *count, int delete_);
int bccrs_map_update_batch(bccrs_bpf *b, const char *map, const void *keys, const void *values, size_t count, uint64_t flags, size_t *done);
int bccrs_map_delete_batch(bccrs_bpf *b, const char *map, const void *keys, size_t count, size_t *done);

/* bccrs's per-CPU queues/stacks: op 0 push (flags), 1 pop, 2 peek, on CPU `cpu`'s instance. */
int bccrs_map_cpu_op(bccrs_bpf *b, const char *map, uint32_t cpu, int op, void *value, uint64_t flags);
int bccrs_num_possible_cpus(void);
/* The tables as Prometheus metrics (docs/metrics.md): OpenMetrics text when openmetrics != 0,
 * Prometheus text 0.0.4 otherwise; names are bccrs_<program>_<table>; max_series 0: 10,000;
 * per_cpu != 0: per-CPU tables get a cpu label instead of a sum. Valid until this thread's next
 * call; NULL on error (bccrs_last_error). */
const char *bccrs_render_metrics(bccrs_bpf *b, const char *program, int openmetrics, size_t max_series, int per_cpu);
/* The library's version (static; never freed). */
const char *bccrs_version(void);

/* Events. Callbacks run inside poll/consume. page_cnt 0: 64 pages per CPU. */
typedef void (*bccrs_perf_sample_fn)(void *ctx, int cpu, void *data, uint32_t size);
typedef void (*bccrs_perf_lost_fn)(void *ctx, int cpu, uint64_t count);
typedef int (*bccrs_ring_sample_fn)(void *ctx, void *data, size_t size);
struct perf_buffer *bccrs_perf_buffer_open(bccrs_bpf *b, const char *map, size_t page_cnt,
					   bccrs_perf_sample_fn sample, bccrs_perf_lost_fn lost, void *ctx);
int bccrs_perf_buffer_poll(struct perf_buffer *pb, int timeout_ms);
/* An epoll fd that is readable when the buffer has data: wait on several buffers together (with
 * epoll or poll), then bccrs_perf_buffer_consume the ready ones (waiting on the fd takes the
 * perf events' wakeup: a bccrs_perf_buffer_poll after it would miss the data). */
int bccrs_perf_buffer_epoll_fd(struct perf_buffer *pb);
/* Reads every CPU's buffer, ready or not; 0 or -errno. */
int bccrs_perf_buffer_consume(struct perf_buffer *pb);
void bccrs_perf_buffer_free(struct perf_buffer *pb);
struct ring_buffer *bccrs_ring_buffer_open(bccrs_bpf *b, const char *map, bccrs_ring_sample_fn sample, void *ctx);
int bccrs_ring_buffer_poll(struct ring_buffer *rb, int timeout_ms);
/* As bccrs_perf_buffer_epoll_fd. */
int bccrs_ring_buffer_epoll_fd(struct ring_buffer *rb);
int bccrs_ring_buffer_consume(struct ring_buffer *rb);
void bccrs_ring_buffer_free(struct ring_buffer *rb);
/* Events of an event table (perf or ring buffer) the kernel refused so far — a full buffer, no
 * reader on a CPU — counted by the program itself when it submitted them, so the losses after
 * the last event written and ring-buffer losses count too. Received + lost = submitted once
 * the readers have consumed what was written. perf's own lost records (the `lost` callback)
 * count a subset of these. -ENOENT for a table without a counter (an object bccrs did not
 * compile). */
int64_t bccrs_events_lost(bccrs_bpf *b, const char *table);

/* Batched readers, for hosts whose per-event callbacks are costly (Python): events are queued
 * inside the library and taken in large pieces. bccrs_batched_open takes a perf event array
 * (page_cnt pages per CPU, 0: 64) or a ring buffer. bccrs_batched_poll waits up to timeout_ms
 * (0: not at all, -1: until there are events), queues what the buffer holds and returns how
 * many events are queued, or -errno. bccrs_batched_take moves whole records into buf, each
 * {uint32_t cpu; uint32_t size; data} padded to 8 bytes (cpu 0xffffffff for a ring buffer), and
 * returns the bytes written: 0 when the queue is empty, -ENOSPC when the next record alone does
 * not fit; what does not fit stays queued. bccrs_batched_lost_records: perf's lost records
 * since the last call (see bccrs_events_lost for the exact count). */
typedef struct Batched bccrs_batched;
bccrs_batched *bccrs_batched_open(bccrs_bpf *b, const char *table, size_t page_cnt);
int bccrs_batched_epoll_fd(bccrs_batched *r);
int bccrs_batched_poll(bccrs_batched *r, int timeout_ms);
int64_t bccrs_batched_take(bccrs_batched *r, void *buf, size_t cap);
uint64_t bccrs_batched_lost_records(bccrs_batched *r);
void bccrs_batched_free(bccrs_batched *r);

/* One bpf_trace_printk line into buf (NUL-terminated); returns its length, 0 on timeout
 * (timeout_ms -1 waits forever), or -errno. */
int bccrs_trace_read(char *buf, size_t len, int timeout_ms);

/* Symbol of an address: kernel addresses (pid -1) through kallsyms, user addresses through
 * process `pid`. 0 and the name in buf (offset in *offset), or -ENOENT. */
int bccrs_symbolize(int pid, uint64_t addr, char *buf, size_t len, uint64_t *offset);

#ifdef __cplusplus
}
#endif
#endif /* BCCRS_H */
