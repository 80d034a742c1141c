// Implicit reads through pointers to pointers: values stored through and loaded back from local
// pointers-to-pointers at any depth, static helpers taking `struct sock ***`, out-parameters,
// `*(&p->f)`, `*(p->ptr)`, address-of/dereference pairs that cancel, and kernel field macros
// inside macro arguments.
#include <net/sock.h>

static u32 daddr3(struct sock ***skp)
{
    return ((struct sock *)(**skp))->sk_daddr;
}

static void store(struct sock **out, struct sock *sk)
{
    *out = sk;
}

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk)
{
    struct sock *p;
    struct sock **pp = &p;
    *pp = sk;
    u64 a = (*pp)->sk_daddr;
    u64 b = p->sk_num;

    struct sock *q, **qq = &q, ***qqq = &qq;
    **qqq = sk;
    u64 c = (**qqq)->sk_daddr + q->sk_daddr + (*qq)->sk_daddr;

    struct sock **r = &sk, ***rr = &r;
    u64 d = daddr3(rr) + daddr3(&r) + ((struct sock *)**rr)->sk_daddr;

    struct sock *o;
    store(&o, sk);
    u64 e = o->sk_daddr;

    u64 f = *(&sk->sk_daddr) + (&*sk)->sk_num + (*&sk)->sk_num + pp[0]->sk_num + (&*pp)[0]->sk_num;
    u64 g = *(sk->sk_prot_creator->name);
    struct socket_wq **wqp = &sk->sk_wq;
    u64 h = (*wqp)->flags;
    // A field macro (`sk_dport`) inside another macro's arguments.
    u64 i = ntohs(sk->sk_dport) + ntohs((*pp)->sk_dport);
    return a + b + c + d + e + f + g + h + i;
}
