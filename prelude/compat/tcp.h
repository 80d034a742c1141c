/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: TCP (<net/tcp.h>, <uapi/linux/tcp.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_TCP_H
#define __BCCRS_COMPAT_TCP_H
#include <bccrs/compat/net.h>

/* == TCP, in place of <net/tcp.h>, <uapi/linux/tcp.h> == */
#ifndef TCPHDR_FIN
#define TCPHDR_FIN 0x01
#endif
#ifndef TCPHDR_SYN
#define TCPHDR_SYN 0x02
#endif
#ifndef TCPHDR_RST
#define TCPHDR_RST 0x04
#endif
#ifndef TCPHDR_PSH
#define TCPHDR_PSH 0x08
#endif
#ifndef TCPHDR_ACK
#define TCPHDR_ACK 0x10
#endif
#ifndef TCPHDR_URG
#define TCPHDR_URG 0x20
#endif
#ifndef TCPHDR_ECE
#define TCPHDR_ECE 0x40
#endif
#ifndef TCPHDR_CWR
#define TCPHDR_CWR 0x80
#endif
#ifndef TCPHDR_SYN_ECN
#define TCPHDR_SYN_ECN (TCPHDR_SYN | TCPHDR_ECE | TCPHDR_CWR)
#endif
#ifndef TCP_SKB_CB
#define TCP_SKB_CB(__skb) ((struct tcp_skb_cb *)&((__skb)->cb[0]))
#endif
#ifndef tcp_flag_word
#define tcp_flag_word(tp) (((union tcp_word_hdr *)(tp))->words[3])
#endif
#ifndef TCP_NODELAY
#define TCP_NODELAY 1
#endif
#ifndef TCP_MAXSEG
#define TCP_MAXSEG 2
#endif
#ifndef TCP_CORK
#define TCP_CORK 3
#endif
#ifndef TCP_KEEPIDLE
#define TCP_KEEPIDLE 4
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 5
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 6
#endif
#ifndef TCP_SYNCNT
#define TCP_SYNCNT 7
#endif
#ifndef TCP_LINGER2
#define TCP_LINGER2 8
#endif
#ifndef TCP_DEFER_ACCEPT
#define TCP_DEFER_ACCEPT 9
#endif
#ifndef TCP_WINDOW_CLAMP
#define TCP_WINDOW_CLAMP 10
#endif
#ifndef TCP_INFO
#define TCP_INFO 11
#endif
#ifndef TCP_QUICKACK
#define TCP_QUICKACK 12
#endif
#ifndef TCP_CONGESTION
#define TCP_CONGESTION 13
#endif
#ifndef TCP_MD5SIG
#define TCP_MD5SIG 14
#endif
#ifndef TCP_USER_TIMEOUT
#define TCP_USER_TIMEOUT 18
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN 23
#endif
#ifndef TCP_ULP
#define TCP_ULP 31
#endif
#ifndef TCP_NOTSENT_LOWAT
#define TCP_NOTSENT_LOWAT 25
#endif
#ifndef TCP_SAVE_SYN
#define TCP_SAVE_SYN 27
#endif
#ifndef TCP_SAVED_SYN
#define TCP_SAVED_SYN 28
#endif
#ifndef TCP_CA_NAME_MAX
#define TCP_CA_NAME_MAX 16
#endif
#ifndef MAX_TCP_HEADER
#define MAX_TCP_HEADER (128 + 192)
#endif
#ifndef TCP_INIT_CWND
#define TCP_INIT_CWND 10
#endif
#ifndef TCP_RTO_MAX_SEC
#define TCP_RTO_MAX_SEC 120
#endif
#ifndef TCP_RTO_MIN_MS
#define TCP_RTO_MIN_MS 200
#endif

#endif /* __BCCRS_COMPAT_TCP_H */
