// BTF-based tracing programs (fentry, fexit, LSM): compile-only here (lockdown forbids loading).
KFUNC_PROBE(do_unlinkat, int dfd, struct filename *name)
{
    return 0;
}

KRETFUNC_PROBE(do_unlinkat, int dfd, struct filename *name, long ret)
{
    return ret;
}

LSM_PROBE(bpf, int cmd, union bpf_attr *attr, unsigned int size)
{
    return 0;
}
