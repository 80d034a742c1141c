// Tables named like kernel typedefs (vmlinux.h has `typedef ... config;` and `mac_addr`): the
// compiler renames the C names, the tables keep theirs.
BPF_HASH(config, u32, u64);
BPF_PERF_OUTPUT(mac_addr);
struct ev { u32 pid; u32 n; };
#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    u32 k = 1;
    config.increment(k);
    u64 *n = config.lookup(&k);
    struct ev e = { .pid = bpf_get_current_pid_tgid() >> 32, .n = n ? *n : 0 };
    mac_addr.perf_submit(args, &e, sizeof(e));
    return 0;
}
