/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: TCP socket casts (<linux/tcp.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_TCP_SOCK_H
#define __BCCRS_COMPAT_TCP_SOCK_H
#include <bccrs/compat/inet_sock.h>
#include <bccrs/compat/tcp.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef tcp_sk
static __always_inline struct tcp_sock *tcp_sk(const struct sock *sk) { return (struct tcp_sock *)sk; }
#define tcp_sk tcp_sk
#endif
#ifndef tcp_twsk
static __always_inline struct tcp_timewait_sock *tcp_twsk(const struct sock *sk) { return (struct tcp_timewait_sock *)sk; }
#define tcp_twsk tcp_twsk
#endif
#ifndef tcp_rsk
static __always_inline struct tcp_request_sock *tcp_rsk(const struct request_sock *sk) { return (struct tcp_request_sock *)sk; }
#define tcp_rsk tcp_rsk
#endif

#endif /* __BCCRS_COMPAT_TCP_SOCK_H */
