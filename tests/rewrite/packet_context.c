// <bcc/proto.h> fields in any program with a packet context: `void *ctx` (a socket filter, or tc
// when it writes), `struct __sk_buff *`, XDP (through bpf_xdp_load_bytes/store_bytes), and
// inside macro arguments (`bpf_trace_printk`, the program's own macros).
#include <bcc/proto.h>

#define FIRST(x, y) (x)

int handle_packet(void *ctx)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    bpf_trace_printk("ethernet->dst = %llx, ethernet->src = %llx\n",
                     ethernet->dst, ethernet->src);
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    return FIRST(ip->ttl, ethernet->type) << 16 | ethernet->type;
}

int skb_ttl(struct __sk_buff *skb)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    bpf_trace_printk("ip->src = %x\n", ip->src);
    return FIRST(ip->ttl, 0) + (ethernet->type == 0x0800);
}

int set_ttl(void *ctx)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    ip->ttl = FIRST(ip->ttl + 1, 0);
    return ip->ttl;
}

int xdp_fields(struct xdp_md *ctx)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    if (ethernet->type != 0x0800)
        return XDP_PASS;
    ip->ttl = 33;
    ip->hlen = 6;
    bpf_trace_printk("ttl %d\n", ip->ttl);
    return ip->ttl << 24 | ip->ver << 20 | ip->hlen << 16 | ip->nextp << 8;
}
