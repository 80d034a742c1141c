// expect: 4:24
#include <bcc/proto.h>

#define TTL(ip) ((ip)->ttl)

int filter(struct __sk_buff *skb)
{
    u8 *cursor = 0;
    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    return TTL(ip);
}
