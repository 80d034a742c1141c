/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: socket buffer accessors (<linux/skbuff.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_SKBUFF_H
#define __BCCRS_COMPAT_SKBUFF_H
#include <bccrs/compat/net.h>

/* == socket buffers and packet headers, in place of <linux/skbuff.h>, <linux/ip.h>, <linux/ipv6.h>, <linux/tcp.h> == */
#ifndef skb_network_header
#define skb_network_header(skb) (__BCCRS_READ_KERNEL((skb)->head) + __BCCRS_READ_KERNEL((skb)->network_header))
#endif
#ifndef skb_transport_header
#define skb_transport_header(skb) (__BCCRS_READ_KERNEL((skb)->head) + __BCCRS_READ_KERNEL((skb)->transport_header))
#endif
#ifndef skb_mac_header
#define skb_mac_header(skb) (__BCCRS_READ_KERNEL((skb)->head) + __BCCRS_READ_KERNEL((skb)->mac_header))
#endif
#ifndef skb_end_pointer
#define skb_end_pointer(skb) (__BCCRS_READ_KERNEL((skb)->head) + __BCCRS_READ_KERNEL((skb)->end))
#endif
#ifndef skb_tail_pointer
#define skb_tail_pointer(skb) (__BCCRS_READ_KERNEL((skb)->head) + __BCCRS_READ_KERNEL((skb)->tail))
#endif
#ifndef skb_network_offset
#define skb_network_offset(skb) ((int)(skb_network_header(skb) - __BCCRS_READ_KERNEL((skb)->data)))
#endif
#ifndef skb_transport_offset
#define skb_transport_offset(skb) ((int)(skb_transport_header(skb) - __BCCRS_READ_KERNEL((skb)->data)))
#endif
#ifndef skb_mac_header_was_set
#define skb_mac_header_was_set(skb) (__BCCRS_READ_KERNEL((skb)->mac_header) != (u16)~0U)
#endif
#ifndef skb_transport_header_was_set
#define skb_transport_header_was_set(skb) (__BCCRS_READ_KERNEL((skb)->transport_header) != (u16)~0U)
#endif
#ifndef skb_shinfo
#define skb_shinfo(skb) ((struct skb_shared_info *)(skb_end_pointer(skb)))
#endif
#ifndef skb_headlen
#define skb_headlen(skb) (__BCCRS_READ_KERNEL((skb)->len) - __BCCRS_READ_KERNEL((skb)->data_len))
#endif
#ifndef skb_is_nonlinear
#define skb_is_nonlinear(skb) ((skb)->data_len)
#endif
#ifndef skb_get_queue_mapping
#define skb_get_queue_mapping(skb) ((skb)->queue_mapping)
#endif
#ifndef skb_rx_queue_recorded
#define skb_rx_queue_recorded(skb) (__BCCRS_READ_KERNEL((skb)->queue_mapping) != 0)
#endif
#ifndef skb_get_rx_queue
#define skb_get_rx_queue(skb) (__BCCRS_READ_KERNEL((skb)->queue_mapping) - 1)
#endif
#ifndef SKB_DST_NOREF
#define SKB_DST_NOREF 1UL
#endif
#ifndef SKB_DST_PTRMASK
#define SKB_DST_PTRMASK ~(SKB_DST_NOREF)
#endif
#ifndef skb_dst
#define skb_dst(skb) ((struct dst_entry *)(__BCCRS_READ_KERNEL((skb)->_skb_refdst) & SKB_DST_PTRMASK))
#endif
#ifndef eth_hdr
#define eth_hdr(skb) ((struct ethhdr *)skb_mac_header(skb))
#endif
#ifndef ip_hdr
#define ip_hdr(skb) ((struct iphdr *)skb_network_header(skb))
#endif
#ifndef ipip_hdr
#define ipip_hdr(skb) ((struct iphdr *)skb_transport_header(skb))
#endif
#ifndef ip_hdrlen
#define ip_hdrlen(skb) ((__BCCRS_READ_KERNEL(*(u8 *)ip_hdr(skb)) & 0x0f) * 4)
#endif
#ifndef ipv6_hdr
#define ipv6_hdr(skb) ((struct ipv6hdr *)skb_network_header(skb))
#endif
#ifndef tcp_hdr
#define tcp_hdr(skb) ((struct tcphdr *)skb_transport_header(skb))
#endif
#ifndef tcp_hdrlen
#define tcp_hdrlen(skb) ((__BCCRS_READ_KERNEL(*((u8 *)tcp_hdr(skb) + 12)) >> 4) * 4)
#endif
#ifndef udp_hdr
#define udp_hdr(skb) ((struct udphdr *)skb_transport_header(skb))
#endif
#ifndef icmp_hdr
#define icmp_hdr(skb) ((struct icmphdr *)skb_transport_header(skb))
#endif
#ifndef icmp6_hdr
#define icmp6_hdr(skb) ((struct icmp6hdr *)skb_transport_header(skb))
#endif

#endif /* __BCCRS_COMPAT_SKBUFF_H */
