// <bcc/proto.h> packet headers: field reads and writes become bpf_dext_pkt / bpf_dins_pkt.
#include <bcc/proto.h>

BPF_HASH(protos, u32, u64);

SEC("tc") int filter(struct __sk_buff *skb)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    if (ethernet->type != 0x0800)
        return 0;
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    u32 proto = ip->nextp;
    protos.increment(proto
#pragma once
);
    if (ip->nextp != 6)
        return 0;
    struct tcp_t *tcp = cursor_advance(cursor, sizeof(*tcp));
    return (ip->ver << 24) | (ip->hlen << 16) | (tcp->dst_port & 0xff00) | tcp->flag_syn << 1 | tcp->flag_ack;
}

SEC("tc") int set_ttl(struct __sk_buff *skb)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    if (ethernet->type == 0x0800)
        ip->ttl = 64;
    return 0;
}
