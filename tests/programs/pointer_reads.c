// Kernel pointers kept in pointers to pointers, read back without explicit probe reads. Each
// shape records what it read under (destination port << 4 | shape); the test connects to a
// local port and compares with the tracepoint's own fields and the socket's address.
#include <net/sock.h>
#include <linux/fdtable.h>

BPF_HASH(seen, u32, u64);
BPF_ARRAY(want_fd, int, 1);

static u32 daddr3(struct sock ***skp)
{
    return ((struct sock *)(**skp))->sk_daddr;
}

static void store(struct sock **out, struct sock *sk)
{
    *out = sk;
}

static void put(u32 port, u32 shape, u64 v)
{
    u32 k = port << 4 | shape;
    seen.update(&k, &v);
}

TRACEPOINT_PROBE(sock, inet_sock_set_state)
{
    if (args->newstate != TCP_SYN_SENT || args->protocol != IPPROTO_TCP)
        return 0;
    struct sock *sk = (struct sock *)args->skaddr;
    u32 port = args->dport;

    struct sock *p;
    struct sock **pp = &p;
    *pp = sk;
    put(port, 0, (*pp)->sk_daddr);
    put(port, 1, p->sk_daddr);

    struct sock *q, **qq = &q, ***qqq = &qq;
    **qqq = sk;
    put(port, 2, (**qqq)->sk_daddr);

    struct sock **r = &sk, ***rr = &r;
    put(port, 3, daddr3(&r));
    put(port, 4, ((struct sock *)**rr)->sk_dport);

    struct sock *o;
    store(&o, sk);
    put(port, 5, o->sk_daddr);

    put(port, 6, *(&sk->sk_daddr));
    put(port, 7, (&*sk)->sk_dport + pp[0]->sk_dport);
    // `*(p->ptr)`: the socket the sock belongs to points back at it.
    put(port, 8, (*(sk->sk_socket)).sk == sk);
    // A field macro inside another macro's arguments.
    put(port, 10, ntohs(sk->sk_dport));
    // `*(p->pp + i)` on a pointer-to-pointer member: the connecting file's socket.
    int zero = 0;
    int *fd = want_fd.lookup(&zero);
    if (fd) {
        struct task_struct *t = (struct task_struct *)bpf_get_current_task();
        struct file *f = *(t->files->fdt->fd + (*fd & 0xff));
        struct socket *so = f->private_data;
        put(port, 9, so->sk == sk);
    }
    return 0;
}
