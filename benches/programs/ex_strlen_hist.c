/* Extracted by benches/vs_bcc_extract.py from /usr/share/doc/bpfcc-tools/examples/tracing/strlen_hist.py (Debian bpfcc-tools; the text its BPF() received).
 * vs_bcc-cflags: []
 */

#include <uapi/linux/ptrace.h>
BPF_HISTOGRAM(dist);
int count(struct pt_regs *ctx) {
    dist.increment(bpf_log2l(PT_REGS_RC(ctx)));
    return 0;
}
