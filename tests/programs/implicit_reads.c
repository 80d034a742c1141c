// Kernel memory read without explicit probe reads: bccrs rewrites each dereference into a CO-RE
// probe read. The qemu guest tests (tests/guest/programs links here) run the object compiled on
// this host against Debian's 6.1 kernel, whose task_struct, mm_struct, files_struct... differ.
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/fdtable.h>

struct facts_t {
    u32 tgid;
    u32 parent_tgid;
    char comm[16];
    char comm3;
    u64 args_len;
    char name[32];
};
BPF_HASH(facts, u32, struct facts_t);

static int is_workload(struct task_struct *t)
{
    return t->comm[0] == 'b' && t->comm[6] == 'w' && t->comm[7] == 'l';
}

TRACEPOINT_PROBE(syscalls, sys_exit_openat)
{
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    if (!is_workload(t) || args->ret < 0)
        return 0;
    struct facts_t f = {};
    f.tgid = t->tgid;
    f.parent_tgid = t->real_parent->tgid;
    bpf_probe_read_kernel_str(f.comm, sizeof(f.comm), t->comm);
    f.comm3 = t->comm[3];
    f.args_len = t->mm->arg_end - t->mm->arg_start;
    int fd = args->ret;
    struct file *file = t->files->fdt->fd[fd];
    const unsigned char *name = file->f_path.dentry->d_name.name;
    bpf_probe_read_kernel_str(f.name, sizeof(f.name), name);
    facts.update(&f.tgid, &f);
    return 0;
}
