/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: the Unix socket cast (<net/af_unix.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_UNIX_SOCK_H
#define __BCCRS_COMPAT_UNIX_SOCK_H
#include <bccrs/compat/sock.h>

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef unix_sk
static __always_inline struct unix_sock *unix_sk(const struct sock *sk) { return (struct unix_sock *)sk; }
#define unix_sk unix_sk
#endif

#endif /* __BCCRS_COMPAT_UNIX_SOCK_H */
