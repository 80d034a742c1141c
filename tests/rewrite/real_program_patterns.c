// Patterns from BCC's tools: a compound literal as a method argument, an address laundered
// through an integer, a kernel pointer kept in a map value's field, a tc program on __sk_buff,
// an implicit read inside a method argument (bitehist).
#include <linux/fs.h>
#include <net/sock.h>
#include <uapi/linux/pkt_cls.h>

struct host { u32 a; u32 b; };
struct val_t { u64 ts; struct file *fp; };
BPF_HASH(hosts, u32, struct host);
BPF_HASH(files, u32, struct val_t);
BPF_HISTOGRAM(dist);

int kprobe__vfs_read(struct pt_regs *ctx, struct file *file)
{
    u32 k = 1;
    struct host *h = hosts.lookup_or_try_init(&k, &(struct host){1, 2});
    if (h)
        h->a++;
    struct val_t v = {};
    v.fp = file;
    files.update(&k, &v);
    dist.increment(file->f_flags / 1024);
    return 0;
}

int kretprobe__vfs_read(struct pt_regs *ctx)
{
    u32 k = 1;
    struct val_t *vp = files.lookup(&k);
    if (!vp)
        return 0;
    struct dentry *de = vp->fp->f_path.dentry;
    return de != 0;
}

int kprobe__tcp_close(struct pt_regs *ctx, struct sock *sk)
{
    u8 b = *(u8 *)((u64)&sk->sk_wmem_queued - 3);
    return b;
}

int handle_egress(struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end;
    if (data + 14 > data_end)
        return TC_ACT_OK;
    return *(u8 *)data == 0xff ? TC_ACT_SHOT : TC_ACT_OK;
}
