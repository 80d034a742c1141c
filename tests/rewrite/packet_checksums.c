// Rewrites the IPv4 destination of a packet and its UDP port, updating both checksums with
// BCC's incr_cksum_l3/l4 (a tc program: packet writes and checksum helpers make it one).
#include <bcc/proto.h>

int nat(struct __sk_buff *skb)
{
    u8 *cursor = 0;
    struct ethernet_t *eth = cursor_advance(cursor, sizeof(*eth));
    if (eth->type != 0x0800)
        return 1;
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    if (ip->nextp != 17)
        return 2;
    struct udp_t *udp = cursor_advance(cursor, sizeof(*udp));
    u32 old_ip = ip->dst;
    u32 new_ip = 0x0a000002; // 10.0.0.2
    ip->dst = new_ip;
    incr_cksum_l3(&ip->hchecksum, old_ip, new_ip);
    incr_cksum_l4(&udp->crc, old_ip, new_ip, 1);
    u16 old_port = udp->dport;
    u16 new_port = 5353;
    udp->dport = new_port;
    incr_cksum_l4(&udp->crc, old_port, new_port, 0);
    return 0;
}
