/* Uses bccrs.h to load a program, attach it, make getpid() calls and read the count back. */
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "bccrs.h"

static const char *prog =
	"BPF_HASH(counts, u32, u64);\n"
	"TRACEPOINT_PROBE(syscalls, sys_enter_getpid)\n"
	"{\n"
	"    u32 tgid = bpf_get_current_pid_tgid() >> 32;\n"
	"    counts.increment(tgid, INC);\n"
	"    return 0;\n"
	"}\n";

int main(int argc, char **argv)
{
	const char *flags[] = {"-DINC=3"};
	bccrs_bpf *b = bccrs_load_text("count_getpid.c", prog, flags, 1);
	if (!b) {
		fprintf(stderr, "load: %s\n", bccrs_last_error());
		return 1;
	}
	if (bccrs_attach_auto(b) != 1) {
		fprintf(stderr, "attach: %s\n", bccrs_last_error());
		return 1;
	}
	for (int i = 0; i < 100; i++)
		syscall(SYS_getpid);
	bccrs_detach(b, NULL);
	struct bccrs_map_info info;
	if (bccrs_map_info(b, "counts", &info) || info.key_size != 4 || info.value_size != 8) {
		fprintf(stderr, "info: %s\n", bccrs_last_error());
		return 1;
	}
	uint32_t key = getpid();
	uint64_t value = 0;
	int r = bccrs_map_lookup(b, "counts", &key, &value);
	uint32_t missing = 0;
	uint64_t unused;
	int r2 = bccrs_map_lookup(b, "counts", &missing, &unused);
	printf("lookup=%d count=%llu missing=%d key_type=%s\n", r, (unsigned long long)value, r2, bccrs_map_type(b, "counts", 0));
	bccrs_close(b);

	/* The host chooses a program's type and target, as BCC's load_func does. */
	static const char *plain =
		"BPF_ARRAY(calls, u64, 1);\n"
		"int on_call(void *ctx) { int k = 0; calls.increment(k); return 0; }\n";
	const char *sections[] = {"on_call=tracepoint/syscalls/sys_enter_getppid"};
	b = bccrs_load_text_sections("plain.c", plain, NULL, 0, sections, 1);
	if (!b || bccrs_attach_program(b, "on_call")) {
		fprintf(stderr, "sections: %s\n", bccrs_last_error());
		return 1;
	}
	for (int i = 0; i < 7; i++)
		syscall(SYS_getppid);
	bccrs_detach(b, "on_call");
	uint32_t zero = 0;
	uint64_t calls = 0;
	bccrs_map_lookup(b, "calls", &zero, &calls);
	printf("section=%s calls>=%d\n", bccrs_program_section(b, "on_call"), calls >= 7);
	bccrs_close(b);

	/* One program attached twice; detaching one attachment leaves the other in place. */
	static const char *twice =
		"BPF_ARRAY(calls, u64, 1);\n"
		"int on_call(void *ctx) {\n"
		"    if (bpf_get_current_pid_tgid() >> 32 != PID) return 0;\n"
		"    int k = 0; calls.increment(k); return 0;\n"
		"}\n";
	char pid_flag[32];
	snprintf(pid_flag, sizeof pid_flag, "-DPID=%d", (int)getpid());
	const char *twice_flags[] = {pid_flag};
	const char *tp_section[] = {"on_call=tracepoint"};
	b = bccrs_load_text_sections("twice.c", twice, twice_flags, 1, tp_section, 1);
	int l1 = b ? bccrs_attach(b, "tracepoint:syscalls:sys_enter_getppid=on_call", -1) : -1;
	int l2 = b ? bccrs_attach(b, "tracepoint:syscalls:sys_enter_getuid=on_call", -1) : -1;
	if (l1 <= 0 || l2 <= 0 || l1 == l2) {
		fprintf(stderr, "attach twice: %d %d %s\n", l1, l2, bccrs_last_error());
		return 1;
	}
	for (int i = 0; i < 5; i++)
		syscall(SYS_getppid);
	for (int i = 0; i < 3; i++)
		syscall(SYS_getuid);
	int d1 = bccrs_detach_link(b, l1), d2 = bccrs_detach_link(b, l1);
	for (int i = 0; i < 5; i++)
		syscall(SYS_getppid);
	for (int i = 0; i < 3; i++)
		syscall(SYS_getuid);
	calls = 0;
	bccrs_map_lookup(b, "calls", &zero, &calls);
	printf("detach_link=%d again=%d calls=%llu\n", d1, d2, (unsigned long long)calls);
	bccrs_close(b);
	return 0;
}
