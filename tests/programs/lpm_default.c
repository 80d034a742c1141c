// BCC's default LPM trie key (u64: prefix length in the low half, the address in the high one).
// The kernel refuses BTF for a non-struct LPM key, so bccrs gives key and value by size and
// keeps their types for decoding.
BPF_LPM_TRIE(routes);
#include "workload.h"

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    if (!is_workload())
        return 0;
    u64 key = 32 | ((u64)0x0100007f << 32);
    u64 *hits = routes.lookup(&key);
    if (hits) {
        __sync_fetch_and_add(hits, 1);
        return 0;
    }
    u64 one = 1;
    routes.update(&key, &one);
    return 0;
}
