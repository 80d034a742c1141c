// Whether the current task is the test workload (tests/programs/workload.c sets its name).
static __always_inline int is_workload(void)
{
    char comm[16];
    bpf_get_current_comm(&comm, sizeof(comm));
    return comm[0] == 'b' && comm[1] == 'c' && comm[2] == 'c' && comm[3] == 'r' && comm[4] == 's' && comm[5] == '-' && comm[6] == 'w' && comm[7] == 'l' && comm[8] == 0;
}
