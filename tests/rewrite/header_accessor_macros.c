// compat's accessor macros on kernel pointers: a macro that is one member access is wrapped
// whole (`task_pid_nr(t)`); one that computes reads inside its own body and is left as written
// (`ip_hdrlen(skb)`, `bio_op(bio)`); a member of what a macro returns is wrapped from the
// macro's name, also inside another macro's arguments (`ntohs(udp_hdr(skb)->dest)`).
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/blkdev.h>

int trace_skb(struct pt_regs *ctx, struct sk_buff *skb, struct task_struct *t, struct bio *bio)
{
    u32 pid = task_pid_nr(t);
    u32 len = ip_hdrlen(skb) + skb_network_offset(skb);
    u32 op = bio_op(bio);
    u16 port = ntohs(udp_hdr(skb)->dest);
    u32 daddr = ip_hdr(skb)->daddr;
    return pid + len + op + port + daddr;
}
