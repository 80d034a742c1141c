/* Extracted by benches/vs_bcc_extract.py from /usr/share/doc/bpfcc-tools/examples/tracing/urandomread-explicit.py (Debian bpfcc-tools; the text its BPF() received).
 * vs_bcc-cflags: []
 */

#include <uapi/linux/ptrace.h>

struct urandom_read_args {
    // from /sys/kernel/debug/tracing/events/random/urandom_read/format
    u64 __unused__;
    u32 got_bits;
    u32 pool_left;
    u32 input_left;
};

int printarg(struct urandom_read_args *args) {
    bpf_trace_printk("%d\n", args->got_bits);
    return 0;
}
