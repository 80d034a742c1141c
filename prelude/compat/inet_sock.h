/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: inet socket casts and field aliases (<net/inet_sock.h>, <net/inet_connection_sock.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_INET_SOCK_H
#define __BCCRS_COMPAT_INET_SOCK_H
#include <bccrs/compat/sock.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef inet_sk
static __always_inline struct inet_sock *inet_sk(const struct sock *sk) { return (struct inet_sock *)sk; }
#define inet_sk inet_sk
#endif
#ifndef inet_csk
static __always_inline struct inet_connection_sock *inet_csk(const struct sock *sk) { return (struct inet_connection_sock *)sk; }
#define inet_csk inet_csk
#endif
#ifndef inet_rsk
static __always_inline struct inet_request_sock *inet_rsk(const struct request_sock *sk) { return (struct inet_request_sock *)sk; }
#define inet_rsk inet_rsk
#endif
#ifndef inet_reqsk
static __always_inline struct request_sock *inet_reqsk(const struct sock *sk) { return (struct request_sock *)sk; }
#define inet_reqsk inet_reqsk
#endif
/* struct sock_common members under their struct sock / inet_sock / request / timewait names. */
#ifndef inet_daddr
#define inet_daddr sk.__sk_common.skc_daddr
#endif
#ifndef inet_rcv_saddr
#define inet_rcv_saddr sk.__sk_common.skc_rcv_saddr
#endif
#ifndef inet_dport
#define inet_dport sk.__sk_common.skc_dport
#endif
#ifndef inet_num
#define inet_num sk.__sk_common.skc_num
#endif
#ifndef ir_loc_addr
#define ir_loc_addr req.__req_common.skc_rcv_saddr
#endif
#ifndef ir_rmt_addr
#define ir_rmt_addr req.__req_common.skc_daddr
#endif
#ifndef ir_num
#define ir_num req.__req_common.skc_num
#endif
#ifndef ir_rmt_port
#define ir_rmt_port req.__req_common.skc_dport
#endif
#ifndef ir_v6_rmt_addr
#define ir_v6_rmt_addr req.__req_common.skc_v6_daddr
#endif
#ifndef ir_v6_loc_addr
#define ir_v6_loc_addr req.__req_common.skc_v6_rcv_saddr
#endif
#ifndef ir_iif
#define ir_iif req.__req_common.skc_bound_dev_if
#endif
#ifndef ir_cookie
#define ir_cookie req.__req_common.skc_cookie
#endif
#ifndef ireq_net
#define ireq_net req.__req_common.skc_net
#endif
#ifndef ireq_state
#define ireq_state req.__req_common.skc_state
#endif
#ifndef ireq_family
#define ireq_family req.__req_common.skc_family
#endif
#ifndef net_eq
#define net_eq(net1, net2) ((net1) == (net2))
#endif
#ifndef inet6_sk
#define inet6_sk(sk) (inet_sk(sk)->pinet6)
#endif
#ifndef SK_CAN_REUSE
#define SK_CAN_REUSE 1
#endif
#ifndef SK_NO_REUSE
#define SK_NO_REUSE 0
#endif

#endif /* __BCCRS_COMPAT_INET_SOCK_H */
