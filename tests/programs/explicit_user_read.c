// BCC tools read user pointers with bpf_probe_read_kernel (trace's "%s" of a syscall argument);
// bccrs reads a user address with the user variant, so the name arrives (BCC's gets -EFAULT on
// kernels where user and kernel addresses do not overlap).
struct name_t { char name[64]; int ret; };
BPF_PERF_OUTPUT(names);
#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_openat)
{
    if (!is_workload())
        return 0;
    struct name_t n = {};
    n.ret = bpf_probe_read_kernel_str(n.name, sizeof(n.name), args->filename);
    names.perf_submit(args, &n, sizeof(n));
    return 0;
}
