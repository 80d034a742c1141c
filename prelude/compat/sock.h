/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: struct sock field aliases (<net/sock.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_SOCK_H
#define __BCCRS_COMPAT_SOCK_H
#include <bccrs/compat/net.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef sk_node
#define sk_node __sk_common.skc_node
#endif
#ifndef sk_nulls_node
#define sk_nulls_node __sk_common.skc_nulls_node
#endif
#ifndef sk_refcnt
#define sk_refcnt __sk_common.skc_refcnt
#endif
#ifndef sk_tx_queue_mapping
#define sk_tx_queue_mapping __sk_common.skc_tx_queue_mapping
#endif
#ifndef sk_rx_queue_mapping
#define sk_rx_queue_mapping __sk_common.skc_rx_queue_mapping
#endif
#ifndef sk_dontcopy_begin
#define sk_dontcopy_begin __sk_common.skc_dontcopy_begin
#endif
#ifndef sk_dontcopy_end
#define sk_dontcopy_end __sk_common.skc_dontcopy_end
#endif
#ifndef sk_hash
#define sk_hash __sk_common.skc_hash
#endif
#ifndef sk_portpair
#define sk_portpair __sk_common.skc_portpair
#endif
#ifndef sk_num
#define sk_num __sk_common.skc_num
#endif
#ifndef sk_dport
#define sk_dport __sk_common.skc_dport
#endif
#ifndef sk_addrpair
#define sk_addrpair __sk_common.skc_addrpair
#endif
#ifndef sk_daddr
#define sk_daddr __sk_common.skc_daddr
#endif
#ifndef sk_rcv_saddr
#define sk_rcv_saddr __sk_common.skc_rcv_saddr
#endif
#ifndef sk_family
#define sk_family __sk_common.skc_family
#endif
#ifndef sk_state
#define sk_state __sk_common.skc_state
#endif
#ifndef sk_reuse
#define sk_reuse __sk_common.skc_reuse
#endif
#ifndef sk_reuseport
#define sk_reuseport __sk_common.skc_reuseport
#endif
#ifndef sk_ipv6only
#define sk_ipv6only __sk_common.skc_ipv6only
#endif
#ifndef sk_net_refcnt
#define sk_net_refcnt __sk_common.skc_net_refcnt
#endif
#ifndef sk_bound_dev_if
#define sk_bound_dev_if __sk_common.skc_bound_dev_if
#endif
#ifndef sk_bind_node
#define sk_bind_node __sk_common.skc_bind_node
#endif
#ifndef sk_prot
#define sk_prot __sk_common.skc_prot
#endif
#ifndef sk_net
#define sk_net __sk_common.skc_net
#endif
#ifndef sk_v6_daddr
#define sk_v6_daddr __sk_common.skc_v6_daddr
#endif
#ifndef sk_v6_rcv_saddr
#define sk_v6_rcv_saddr __sk_common.skc_v6_rcv_saddr
#endif
#ifndef sk_cookie
#define sk_cookie __sk_common.skc_cookie
#endif
#ifndef sk_incoming_cpu
#define sk_incoming_cpu __sk_common.skc_incoming_cpu
#endif
#ifndef sk_flags
#define sk_flags __sk_common.skc_flags
#endif
#ifndef sk_rxhash
#define sk_rxhash __sk_common.skc_rxhash
#endif
#ifndef sk_fullsock
#define sk_fullsock(sk) ((1 << __BCCRS_READ_KERNEL((sk)->__sk_common.skc_state)) & ~(TCPF_TIME_WAIT | TCPF_NEW_SYN_RECV))
#endif
#ifndef sk_is_tcp
#define sk_is_tcp(sk) (__BCCRS_READ_KERNEL((sk)->sk_type) == SOCK_STREAM && __BCCRS_READ_KERNEL((sk)->sk_protocol) == IPPROTO_TCP)
#endif

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef read_pnet
#define read_pnet(pnet) ((pnet)->net)
#endif
#ifndef sock_net
#define sock_net(sk) read_pnet(&(sk)->__sk_common.skc_net)
#endif

#endif /* __BCCRS_COMPAT_SOCK_H */
