/* Floods a one-page perf buffer and a one-page ring buffer through bccrs.h, then checks that
 * what the callbacks received plus bccrs_events_lost() is what the program submitted. */
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "bccrs.h"

static const char *prog =
	"struct ev_t { u64 seq; u64 pad[3]; };\n"
	"BPF_PERF_OUTPUT(perf_ev);\n"
	"BPF_RINGBUF_OUTPUT(ring_ev, 1);\n"
	"BPF_ARRAY(sent, u64, 2);\n"
	"TRACEPOINT_PROBE(syscalls, sys_enter_getppid)\n"
	"{\n"
	"    if ((bpf_get_current_pid_tgid() >> 32) != TGID)\n"
	"        return 0;\n"
	"    struct ev_t e = {};\n"
	"    for (int i = 0; i < 32; i++) {\n"
	"        e.seq = i;\n"
	"        perf_ev.perf_submit(args, &e, sizeof(e));\n"
	"        sent.atomic_increment(0);\n"
	"        ring_ev.ringbuf_output(&e, sizeof(e), 0);\n"
	"        sent.atomic_increment(1);\n"
	"    }\n"
	"    return 0;\n"
	"}\n";

static uint64_t perf_got, ring_got, perf_lost_records;

static void on_perf(void *ctx, int cpu, void *data, uint32_t size) { perf_got++; }
static void on_perf_lost(void *ctx, int cpu, uint64_t n) { perf_lost_records += n; }
static int on_ring(void *ctx, void *data, size_t size) { ring_got++; return 0; }

int main(void)
{
	char tgid[64];
	snprintf(tgid, sizeof(tgid), "-DTGID=%d", (int)getpid());
	const char *flags[] = {tgid};
	bccrs_bpf *b = bccrs_load_text("events_lost.c", prog, flags, 1);
	if (!b) {
		fprintf(stderr, "load: %s\n", bccrs_last_error());
		return 1;
	}
	struct perf_buffer *pb = bccrs_perf_buffer_open(b, "perf_ev", 1, on_perf, on_perf_lost, NULL);
	struct ring_buffer *rb = bccrs_ring_buffer_open(b, "ring_ev", on_ring, NULL);
	if (!pb || !rb || bccrs_attach_auto(b) != 1) {
		fprintf(stderr, "open/attach: %s\n", bccrs_last_error());
		return 1;
	}
	for (int i = 0; i < 2000; i++) {
		syscall(SYS_getppid);
		if (i % 500 == 0) {
			bccrs_perf_buffer_consume(pb);
			bccrs_ring_buffer_consume(rb);
		}
	}
	bccrs_detach(b, NULL);
	bccrs_perf_buffer_consume(pb);
	bccrs_ring_buffer_consume(rb);
	uint64_t sent[2] = {0, 0};
	for (uint32_t k = 0; k < 2; k++)
		bccrs_map_lookup(b, "sent", &k, &sent[k]);
	int64_t perf_lost = bccrs_events_lost(b, "perf_ev"), ring_lost = bccrs_events_lost(b, "ring_ev");
	printf("perf sent=%llu received=%llu lost=%lld records=%llu\n", (unsigned long long)sent[0],
	       (unsigned long long)perf_got, (long long)perf_lost, (unsigned long long)perf_lost_records);
	printf("ring sent=%llu received=%llu lost=%lld\n", (unsigned long long)sent[1], (unsigned long long)ring_got,
	       (long long)ring_lost);
	printf("sent table=%lld\n", (long long)bccrs_events_lost(b, "sent"));
	bccrs_perf_buffer_free(pb);
	bccrs_ring_buffer_free(rb);
	bccrs_close(b);
	return 0;
}
