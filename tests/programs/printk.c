// bpf_trace_printk against the kernel's own format check: every call's return value is counted
// under its number in `results` (1: printed, else the error). bccrs warns at compile time about
// exactly the formats the kernel refuses (tests/kernel_run.rs compares the two), and about a
// conversion without a value (9: printed, from whatever the register holds). BCC's own check
// warns about 1, 2, 3 and 6 although the kernel prints them.
BPF_HASH(results, int, s64);

#include "workload.h"

#define TRY(n, call) ({ s64 __r = (call); s64 __v = __r > 0 ? 1 : __r; int __k = n; results.update(&__k, &__v); })

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    u32 ip4 = 0x0100007f;
    char comm[16];
    bpf_get_current_comm(&comm, sizeof(comm));
    TRY(1, bpf_trace_printk("bccrs-printk %5d|%i|%c\n", 42, -7, 'x'));
    TRY(2, bpf_trace_printk("bccrs-printk %-4u|%08llx|%+d\n", 1, 255, 3));
    TRY(3, bpf_trace_printk("bccrs-printk % d|%X|%lu\n", 5, 0xab, 6));
    TRY(4, bpf_trace_printk("bccrs-printk %s 100%%\n", comm));
    TRY(5, bpf_trace_printk("bccrs-printk %p %pK %px\n", 1, 2, 3));
    TRY(6, bpf_trace_printk("bccrs-printk %pS %ps %pB\n", 1, 2, 3));
    TRY(7, bpf_trace_printk("bccrs-printk %pI4 %pi4\n", &ip4, &ip4));
    TRY(8, bpf_trace_printk("bccrs-printk %d\n", 1, 2, 3));
    TRY(9, bpf_trace_printk("bccrs-printk %d and a register %d\n", 1));
    TRY(11, bpf_trace_printk("bccrs-refused %f\n", 1));
    TRY(12, bpf_trace_printk("bccrs-refused %.2d\n", 1));
    TRY(13, bpf_trace_printk("bccrs-refused %lf\n", 1));
    TRY(14, bpf_trace_printk("bccrs-refused %pZ\n", 1));
    TRY(15, bpf_trace_printk("bccrs-refused %d %d %d %d\n", 1, 2, 3));
    TRY(16, bpf_trace_printk("bccrs-refused %hd\n", 1));
    TRY(17, bpf_trace_printk("bccrs-refused %o\n", 1));
    TRY(18, bpf_trace_printk("bccrs-refused %zu\n", 1));
    return 0;
}
