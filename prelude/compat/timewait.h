/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: time-wait socket aliases (<net/inet_timewait_sock.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_TIMEWAIT_H
#define __BCCRS_COMPAT_TIMEWAIT_H
#include <bccrs/compat/inet_sock.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef inet_twsk
static __always_inline struct inet_timewait_sock *inet_twsk(const struct sock *sk) { return (struct inet_timewait_sock *)sk; }
#define inet_twsk inet_twsk
#endif
#ifndef tw_family
#define tw_family __tw_common.skc_family
#endif
#ifndef tw_state
#define tw_state __tw_common.skc_state
#endif
#ifndef tw_reuse
#define tw_reuse __tw_common.skc_reuse
#endif
#ifndef tw_reuseport
#define tw_reuseport __tw_common.skc_reuseport
#endif
#ifndef tw_ipv6only
#define tw_ipv6only __tw_common.skc_ipv6only
#endif
#ifndef tw_bound_dev_if
#define tw_bound_dev_if __tw_common.skc_bound_dev_if
#endif
#ifndef tw_node
#define tw_node __tw_common.skc_nulls_node
#endif
#ifndef tw_bind_node
#define tw_bind_node __tw_common.skc_bind_node
#endif
#ifndef tw_refcnt
#define tw_refcnt __tw_common.skc_refcnt
#endif
#ifndef tw_hash
#define tw_hash __tw_common.skc_hash
#endif
#ifndef tw_prot
#define tw_prot __tw_common.skc_prot
#endif
#ifndef tw_net
#define tw_net __tw_common.skc_net
#endif
#ifndef tw_daddr
#define tw_daddr __tw_common.skc_daddr
#endif
#ifndef tw_v6_daddr
#define tw_v6_daddr __tw_common.skc_v6_daddr
#endif
#ifndef tw_rcv_saddr
#define tw_rcv_saddr __tw_common.skc_rcv_saddr
#endif
#ifndef tw_v6_rcv_saddr
#define tw_v6_rcv_saddr __tw_common.skc_v6_rcv_saddr
#endif
#ifndef tw_dport
#define tw_dport __tw_common.skc_dport
#endif
#ifndef tw_num
#define tw_num __tw_common.skc_num
#endif
#ifndef tw_cookie
#define tw_cookie __tw_common.skc_cookie
#endif
#ifndef tw_dr
#define tw_dr __tw_common.skc_tw_dr
#endif
#ifndef twsk_net
#define twsk_net(twsk) read_pnet(&(twsk)->__tw_common.skc_net)
#endif

#endif /* __BCCRS_COMPAT_TIMEWAIT_H */
