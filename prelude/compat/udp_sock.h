/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: the UDP socket cast (<linux/udp.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_UDP_SOCK_H
#define __BCCRS_COMPAT_UDP_SOCK_H
#include <bccrs/compat/inet_sock.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef udp_sk
static __always_inline struct udp_sock *udp_sk(const struct sock *sk) { return (struct udp_sock *)sk; }
#define udp_sk udp_sk
#endif

#endif /* __BCCRS_COMPAT_UDP_SOCK_H */
