// Tables given to the program's own macros as arguments: the method call is lowered once, in
// the macro, and each expansion uses its own table.
BPF_HASH(reads, u32, u64);
BPF_HASH(writes, u32, u64);
#define BUMP(table, k, n) table.increment(k, n)
#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    BUMP(reads, 1, 2);
    BUMP(writes, 1, 5);
    return 0;
}
