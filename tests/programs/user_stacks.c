// User-space stacks of the workload's getpid() calls: symbolised against the command after it
// has exited (bccrs holds it at its exit with ptrace while it dumps the tables).
BPF_STACK_TRACE(stacks, 64);
BPF_HASH(by_stack, int, u64);
#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getpid)
{
    if (!is_workload())
        return 0;
    int id = stacks.get_stackid(args, BPF_F_USER_STACK);
    if (id >= 0)
        by_stack.increment(id);
    return 0;
}
