/* Extracted by benches/vs_bcc_extract.py from /usr/share/doc/bpfcc-tools/examples/tracing/strlen_snoop.py 1 (Debian bpfcc-tools; the text its BPF() received).
 * vs_bcc-cflags: []
 */

#include <uapi/linux/ptrace.h>
int printarg(struct pt_regs *ctx) {
    if (!PT_REGS_PARM1(ctx))
        return 0;

    u32 pid = bpf_get_current_pid_tgid();
    if (pid != 1)
        return 0;

    char str[80] = {};
    bpf_probe_read_user(&str, sizeof(str), (void *)PT_REGS_PARM1(ctx));
    bpf_trace_printk("%s\n", &str);

    return 0;
};
