/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: sockets, addresses, link layer and verdicts (<linux/socket.h>, <linux/in.h>, <linux/if_ether.h>, <uapi/linux/pkt_cls.h>, <linux/netfilter.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_NET_H
#define __BCCRS_COMPAT_NET_H
#include <bccrs/compat/kernel.h>

/* == sockets, in place of <linux/socket.h>, <linux/net.h> == */
#ifndef AF_UNSPEC
#define AF_UNSPEC 0
#endif
#ifndef AF_UNIX
#define AF_UNIX 1
#endif
#ifndef AF_LOCAL
#define AF_LOCAL 1
#endif
#ifndef AF_INET
#define AF_INET 2
#endif
#ifndef AF_AX25
#define AF_AX25 3
#endif
#ifndef AF_IPX
#define AF_IPX 4
#endif
#ifndef AF_APPLETALK
#define AF_APPLETALK 5
#endif
#ifndef AF_NETROM
#define AF_NETROM 6
#endif
#ifndef AF_BRIDGE
#define AF_BRIDGE 7
#endif
#ifndef AF_ATMPVC
#define AF_ATMPVC 8
#endif
#ifndef AF_X25
#define AF_X25 9
#endif
#ifndef AF_INET6
#define AF_INET6 10
#endif
#ifndef AF_ROSE
#define AF_ROSE 11
#endif
#ifndef AF_DECnet
#define AF_DECnet 12
#endif
#ifndef AF_NETBEUI
#define AF_NETBEUI 13
#endif
#ifndef AF_SECURITY
#define AF_SECURITY 14
#endif
#ifndef AF_KEY
#define AF_KEY 15
#endif
#ifndef AF_NETLINK
#define AF_NETLINK 16
#endif
#ifndef AF_ROUTE
#define AF_ROUTE 16
#endif
#ifndef AF_PACKET
#define AF_PACKET 17
#endif
#ifndef AF_ASH
#define AF_ASH 18
#endif
#ifndef AF_ECONET
#define AF_ECONET 19
#endif
#ifndef AF_ATMSVC
#define AF_ATMSVC 20
#endif
#ifndef AF_RDS
#define AF_RDS 21
#endif
#ifndef AF_SNA
#define AF_SNA 22
#endif
#ifndef AF_IRDA
#define AF_IRDA 23
#endif
#ifndef AF_PPPOX
#define AF_PPPOX 24
#endif
#ifndef AF_WANPIPE
#define AF_WANPIPE 25
#endif
#ifndef AF_LLC
#define AF_LLC 26
#endif
#ifndef AF_IB
#define AF_IB 27
#endif
#ifndef AF_MPLS
#define AF_MPLS 28
#endif
#ifndef AF_CAN
#define AF_CAN 29
#endif
#ifndef AF_TIPC
#define AF_TIPC 30
#endif
#ifndef AF_BLUETOOTH
#define AF_BLUETOOTH 31
#endif
#ifndef AF_IUCV
#define AF_IUCV 32
#endif
#ifndef AF_RXRPC
#define AF_RXRPC 33
#endif
#ifndef AF_ISDN
#define AF_ISDN 34
#endif
#ifndef AF_PHONET
#define AF_PHONET 35
#endif
#ifndef AF_IEEE802154
#define AF_IEEE802154 36
#endif
#ifndef AF_CAIF
#define AF_CAIF 37
#endif
#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef AF_NFC
#define AF_NFC 39
#endif
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#ifndef AF_KCM
#define AF_KCM 41
#endif
#ifndef AF_QIPCRTR
#define AF_QIPCRTR 42
#endif
#ifndef AF_SMC
#define AF_SMC 43
#endif
#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef AF_MAX
#define AF_MAX 46
#endif
#ifndef PF_UNSPEC
#define PF_UNSPEC AF_UNSPEC
#endif
#ifndef PF_UNIX
#define PF_UNIX AF_UNIX
#endif
#ifndef PF_LOCAL
#define PF_LOCAL AF_LOCAL
#endif
#ifndef PF_INET
#define PF_INET AF_INET
#endif
#ifndef PF_AX25
#define PF_AX25 AF_AX25
#endif
#ifndef PF_IPX
#define PF_IPX AF_IPX
#endif
#ifndef PF_APPLETALK
#define PF_APPLETALK AF_APPLETALK
#endif
#ifndef PF_NETROM
#define PF_NETROM AF_NETROM
#endif
#ifndef PF_BRIDGE
#define PF_BRIDGE AF_BRIDGE
#endif
#ifndef PF_ATMPVC
#define PF_ATMPVC AF_ATMPVC
#endif
#ifndef PF_X25
#define PF_X25 AF_X25
#endif
#ifndef PF_INET6
#define PF_INET6 AF_INET6
#endif
#ifndef PF_ROSE
#define PF_ROSE AF_ROSE
#endif
#ifndef PF_DECnet
#define PF_DECnet AF_DECnet
#endif
#ifndef PF_NETBEUI
#define PF_NETBEUI AF_NETBEUI
#endif
#ifndef PF_SECURITY
#define PF_SECURITY AF_SECURITY
#endif
#ifndef PF_KEY
#define PF_KEY AF_KEY
#endif
#ifndef PF_NETLINK
#define PF_NETLINK AF_NETLINK
#endif
#ifndef PF_ROUTE
#define PF_ROUTE AF_ROUTE
#endif
#ifndef PF_PACKET
#define PF_PACKET AF_PACKET
#endif
#ifndef PF_ASH
#define PF_ASH AF_ASH
#endif
#ifndef PF_ECONET
#define PF_ECONET AF_ECONET
#endif
#ifndef PF_ATMSVC
#define PF_ATMSVC AF_ATMSVC
#endif
#ifndef PF_RDS
#define PF_RDS AF_RDS
#endif
#ifndef PF_SNA
#define PF_SNA AF_SNA
#endif
#ifndef PF_IRDA
#define PF_IRDA AF_IRDA
#endif
#ifndef PF_PPPOX
#define PF_PPPOX AF_PPPOX
#endif
#ifndef PF_WANPIPE
#define PF_WANPIPE AF_WANPIPE
#endif
#ifndef PF_LLC
#define PF_LLC AF_LLC
#endif
#ifndef PF_IB
#define PF_IB AF_IB
#endif
#ifndef PF_MPLS
#define PF_MPLS AF_MPLS
#endif
#ifndef PF_CAN
#define PF_CAN AF_CAN
#endif
#ifndef PF_TIPC
#define PF_TIPC AF_TIPC
#endif
#ifndef PF_BLUETOOTH
#define PF_BLUETOOTH AF_BLUETOOTH
#endif
#ifndef PF_IUCV
#define PF_IUCV AF_IUCV
#endif
#ifndef PF_RXRPC
#define PF_RXRPC AF_RXRPC
#endif
#ifndef PF_ISDN
#define PF_ISDN AF_ISDN
#endif
#ifndef PF_PHONET
#define PF_PHONET AF_PHONET
#endif
#ifndef PF_IEEE802154
#define PF_IEEE802154 AF_IEEE802154
#endif
#ifndef PF_CAIF
#define PF_CAIF AF_CAIF
#endif
#ifndef PF_ALG
#define PF_ALG AF_ALG
#endif
#ifndef PF_NFC
#define PF_NFC AF_NFC
#endif
#ifndef PF_VSOCK
#define PF_VSOCK AF_VSOCK
#endif
#ifndef PF_KCM
#define PF_KCM AF_KCM
#endif
#ifndef PF_QIPCRTR
#define PF_QIPCRTR AF_QIPCRTR
#endif
#ifndef PF_SMC
#define PF_SMC AF_SMC
#endif
#ifndef PF_XDP
#define PF_XDP AF_XDP
#endif
#ifndef PF_MCTP
#define PF_MCTP AF_MCTP
#endif
#ifndef PF_MAX
#define PF_MAX AF_MAX
#endif
#ifndef SOCK_NONBLOCK
#define SOCK_NONBLOCK O_NONBLOCK
#endif
#ifndef SOCK_CLOEXEC
#define SOCK_CLOEXEC O_CLOEXEC
#endif
#ifndef SOL_IP
#define SOL_IP 0
#endif
#ifndef SOL_SOCKET
#define SOL_SOCKET 1
#endif
#ifndef SOL_TCP
#define SOL_TCP 6
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef SOL_IPV6
#define SOL_IPV6 41
#endif
#ifndef SOL_ICMPV6
#define SOL_ICMPV6 58
#endif
#ifndef SOL_RAW
#define SOL_RAW 255
#endif
#ifndef SOL_PACKET
#define SOL_PACKET 263
#endif
#ifndef SOL_XDP
#define SOL_XDP 283
#endif
#ifndef SO_DEBUG
#define SO_DEBUG 1
#endif
#ifndef SO_REUSEADDR
#define SO_REUSEADDR 2
#endif
#ifndef SO_TYPE
#define SO_TYPE 3
#endif
#ifndef SO_ERROR
#define SO_ERROR 4
#endif
#ifndef SO_DONTROUTE
#define SO_DONTROUTE 5
#endif
#ifndef SO_BROADCAST
#define SO_BROADCAST 6
#endif
#ifndef SO_SNDBUF
#define SO_SNDBUF 7
#endif
#ifndef SO_RCVBUF
#define SO_RCVBUF 8
#endif
#ifndef SO_KEEPALIVE
#define SO_KEEPALIVE 9
#endif
#ifndef SO_OOBINLINE
#define SO_OOBINLINE 10
#endif
#ifndef SO_NO_CHECK
#define SO_NO_CHECK 11
#endif
#ifndef SO_PRIORITY
#define SO_PRIORITY 12
#endif
#ifndef SO_LINGER
#define SO_LINGER 13
#endif
#ifndef SO_BSDCOMPAT
#define SO_BSDCOMPAT 14
#endif
#ifndef SO_REUSEPORT
#define SO_REUSEPORT 15
#endif
#ifndef SO_PASSCRED
#define SO_PASSCRED 16
#endif
#ifndef SO_PEERCRED
#define SO_PEERCRED 17
#endif
#ifndef SO_RCVLOWAT
#define SO_RCVLOWAT 18
#endif
#ifndef SO_SNDLOWAT
#define SO_SNDLOWAT 19
#endif
#ifndef SO_BINDTODEVICE
#define SO_BINDTODEVICE 25
#endif
#ifndef SO_ACCEPTCONN
#define SO_ACCEPTCONN 30
#endif
#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE 32
#endif
#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE 33
#endif
#ifndef SO_MARK
#define SO_MARK 36
#endif
#ifndef SO_PROTOCOL
#define SO_PROTOCOL 38
#endif
#ifndef SO_DOMAIN
#define SO_DOMAIN 39
#endif
#ifndef SO_INCOMING_CPU
#define SO_INCOMING_CPU 49
#endif
#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif
#ifndef MSG_OOB
#define MSG_OOB 1
#endif
#ifndef MSG_PEEK
#define MSG_PEEK 2
#endif
#ifndef MSG_DONTROUTE
#define MSG_DONTROUTE 4
#endif
#ifndef MSG_CTRUNC
#define MSG_CTRUNC 8
#endif
#ifndef MSG_PROXY
#define MSG_PROXY 0x10
#endif
#ifndef MSG_TRUNC
#define MSG_TRUNC 0x20
#endif
#ifndef MSG_DONTWAIT
#define MSG_DONTWAIT 0x40
#endif
#ifndef MSG_EOR
#define MSG_EOR 0x80
#endif
#ifndef MSG_WAITALL
#define MSG_WAITALL 0x100
#endif
#ifndef MSG_FIN
#define MSG_FIN 0x200
#endif
#ifndef MSG_SYN
#define MSG_SYN 0x400
#endif
#ifndef MSG_CONFIRM
#define MSG_CONFIRM 0x800
#endif
#ifndef MSG_RST
#define MSG_RST 0x1000
#endif
#ifndef MSG_ERRQUEUE
#define MSG_ERRQUEUE 0x2000
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0x4000
#endif
#ifndef MSG_MORE
#define MSG_MORE 0x8000
#endif
#ifndef MSG_WAITFORONE
#define MSG_WAITFORONE 0x10000
#endif
#ifndef MSG_BATCH
#define MSG_BATCH 0x40000
#endif
#ifndef MSG_ZEROCOPY
#define MSG_ZEROCOPY 0x4000000
#endif
#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif
#ifndef MSG_CMSG_CLOEXEC
#define MSG_CMSG_CLOEXEC 0x40000000
#endif
#ifndef SCM_RIGHTS
#define SCM_RIGHTS 0x01
#endif
#ifndef SCM_CREDENTIALS
#define SCM_CREDENTIALS 0x02
#endif
#ifndef SCM_SECURITY
#define SCM_SECURITY 0x03
#endif
#ifndef SCM_PIDFD
#define SCM_PIDFD 0x04
#endif

/* == internet addresses and protocols, in place of <linux/in.h>, <linux/in6.h>, <linux/ip.h>, <linux/icmp.h> == */
/* IPPROTO_IP, _TCP, _UDP, ... are enums in BTF; these six are macros in in6.h. */
#ifndef IPPROTO_HOPOPTS
#define IPPROTO_HOPOPTS 0
#endif
#ifndef IPPROTO_ROUTING
#define IPPROTO_ROUTING 43
#endif
#ifndef IPPROTO_FRAGMENT
#define IPPROTO_FRAGMENT 44
#endif
#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif
#ifndef IPPROTO_NONE
#define IPPROTO_NONE 59
#endif
#ifndef IPPROTO_DSTOPTS
#define IPPROTO_DSTOPTS 60
#endif
#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif
#ifndef INADDR_ANY
#define INADDR_ANY ((unsigned long int)0x00000000)
#endif
#ifndef INADDR_BROADCAST
#define INADDR_BROADCAST ((unsigned long int)0xffffffff)
#endif
#ifndef INADDR_NONE
#define INADDR_NONE ((unsigned long int)0xffffffff)
#endif
#ifndef INADDR_LOOPBACK
#define INADDR_LOOPBACK 0x7f000001
#endif
#ifndef IN_LOOPBACKNET
#define IN_LOOPBACKNET 127
#endif
#ifndef IP_TOS
#define IP_TOS 1
#endif
#ifndef IP_TTL
#define IP_TTL 2
#endif
#ifndef IP_HDRINCL
#define IP_HDRINCL 3
#endif
#ifndef IP_OPTIONS
#define IP_OPTIONS 4
#endif
#ifndef IP_RECVOPTS
#define IP_RECVOPTS 6
#endif
#ifndef IP_RETOPTS
#define IP_RETOPTS 7
#endif
#ifndef IP_PKTINFO
#define IP_PKTINFO 8
#endif
#ifndef IP_MTU_DISCOVER
#define IP_MTU_DISCOVER 10
#endif
#ifndef IP_RECVERR
#define IP_RECVERR 11
#endif
#ifndef IP_RECVTTL
#define IP_RECVTTL 12
#endif
#ifndef IP_RECVTOS
#define IP_RECVTOS 13
#endif
#ifndef IP_MTU
#define IP_MTU 14
#endif
#ifndef IP_FREEBIND
#define IP_FREEBIND 15
#endif
#ifndef IP_TRANSPARENT
#define IP_TRANSPARENT 19
#endif
#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif
#ifndef IP_MULTICAST_IF
#define IP_MULTICAST_IF 32
#endif
#ifndef IP_MULTICAST_TTL
#define IP_MULTICAST_TTL 33
#endif
#ifndef IP_MULTICAST_LOOP
#define IP_MULTICAST_LOOP 34
#endif
#ifndef IP_ADD_MEMBERSHIP
#define IP_ADD_MEMBERSHIP 35
#endif
#ifndef IP_DROP_MEMBERSHIP
#define IP_DROP_MEMBERSHIP 36
#endif
#ifndef IPV6_V6ONLY
#define IPV6_V6ONLY 26
#endif
#ifndef IP_CE
#define IP_CE 0x8000
#endif
#ifndef IP_DF
#define IP_DF 0x4000
#endif
#ifndef IP_MF
#define IP_MF 0x2000
#endif
#ifndef IP_OFFSET
#define IP_OFFSET 0x1FFF
#endif
#ifndef IPTOS_TOS_MASK
#define IPTOS_TOS_MASK 0x1E
#endif
#ifndef IPTOS_TOS
#define IPTOS_TOS(tos) ((tos) & IPTOS_TOS_MASK)
#endif
#ifndef IPTOS_ECN_MASK
#define IPTOS_ECN_MASK 0x03
#endif
#ifndef ICMP_ECHOREPLY
#define ICMP_ECHOREPLY 0
#endif
#ifndef ICMP_DEST_UNREACH
#define ICMP_DEST_UNREACH 3
#endif
#ifndef ICMP_SOURCE_QUENCH
#define ICMP_SOURCE_QUENCH 4
#endif
#ifndef ICMP_REDIRECT
#define ICMP_REDIRECT 5
#endif
#ifndef ICMP_ECHO
#define ICMP_ECHO 8
#endif
#ifndef ICMP_TIME_EXCEEDED
#define ICMP_TIME_EXCEEDED 11
#endif
#ifndef ICMP_PARAMETERPROB
#define ICMP_PARAMETERPROB 12
#endif
#ifndef ICMP_TIMESTAMP
#define ICMP_TIMESTAMP 13
#endif
#ifndef ICMP_TIMESTAMPREPLY
#define ICMP_TIMESTAMPREPLY 14
#endif
#ifndef ICMPV6_DEST_UNREACH
#define ICMPV6_DEST_UNREACH 1
#endif
#ifndef ICMPV6_PKT_TOOBIG
#define ICMPV6_PKT_TOOBIG 2
#endif
#ifndef ICMPV6_TIME_EXCEED
#define ICMPV6_TIME_EXCEED 3
#endif
#ifndef ICMPV6_PARAMPROB
#define ICMPV6_PARAMPROB 4
#endif
#ifndef ICMPV6_ECHO_REQUEST
#define ICMPV6_ECHO_REQUEST 128
#endif
#ifndef ICMPV6_ECHO_REPLY
#define ICMPV6_ECHO_REPLY 129
#endif

/* == link layer, in place of <linux/if.h>, <linux/if_ether.h>, <linux/if_vlan.h> == */
#ifndef IFNAMSIZ
#define IFNAMSIZ 16
#endif
#ifndef IFALIASZ
#define IFALIASZ 256
#endif
#ifndef ETH_ALEN
#define ETH_ALEN 6
#endif
#ifndef ETH_TLEN
#define ETH_TLEN 2
#endif
#ifndef ETH_HLEN
#define ETH_HLEN 14
#endif
#ifndef ETH_ZLEN
#define ETH_ZLEN 60
#endif
#ifndef ETH_DATA_LEN
#define ETH_DATA_LEN 1500
#endif
#ifndef ETH_FRAME_LEN
#define ETH_FRAME_LEN 1514
#endif
#ifndef ETH_FCS_LEN
#define ETH_FCS_LEN 4
#endif
#ifndef ETH_MIN_MTU
#define ETH_MIN_MTU 68
#endif
#ifndef ETH_MAX_MTU
#define ETH_MAX_MTU 0xFFFFU
#endif
#ifndef ETH_P_LOOP
#define ETH_P_LOOP 0x0060
#endif
#ifndef ETH_P_PUP
#define ETH_P_PUP 0x0200
#endif
#ifndef ETH_P_IP
#define ETH_P_IP 0x0800
#endif
#ifndef ETH_P_X25
#define ETH_P_X25 0x0805
#endif
#ifndef ETH_P_ARP
#define ETH_P_ARP 0x0806
#endif
#ifndef ETH_P_TEB
#define ETH_P_TEB 0x6558
#endif
#ifndef ETH_P_RARP
#define ETH_P_RARP 0x8035
#endif
#ifndef ETH_P_ATALK
#define ETH_P_ATALK 0x809B
#endif
#ifndef ETH_P_8021Q
#define ETH_P_8021Q 0x8100
#endif
#ifndef ETH_P_IPX
#define ETH_P_IPX 0x8137
#endif
#ifndef ETH_P_IPV6
#define ETH_P_IPV6 0x86DD
#endif
#ifndef ETH_P_PAUSE
#define ETH_P_PAUSE 0x8808
#endif
#ifndef ETH_P_SLOW
#define ETH_P_SLOW 0x8809
#endif
#ifndef ETH_P_MPLS_UC
#define ETH_P_MPLS_UC 0x8847
#endif
#ifndef ETH_P_MPLS_MC
#define ETH_P_MPLS_MC 0x8848
#endif
#ifndef ETH_P_PPP_DISC
#define ETH_P_PPP_DISC 0x8863
#endif
#ifndef ETH_P_PPP_SES
#define ETH_P_PPP_SES 0x8864
#endif
#ifndef ETH_P_PAE
#define ETH_P_PAE 0x888E
#endif
#ifndef ETH_P_8021AD
#define ETH_P_8021AD 0x88A8
#endif
#ifndef ETH_P_802_EX1
#define ETH_P_802_EX1 0x88B5
#endif
#ifndef ETH_P_LLDP
#define ETH_P_LLDP 0x88CC
#endif
#ifndef ETH_P_MACSEC
#define ETH_P_MACSEC 0x88E5
#endif
#ifndef ETH_P_8021AH
#define ETH_P_8021AH 0x88E7
#endif
#ifndef ETH_P_1588
#define ETH_P_1588 0x88F7
#endif
#ifndef ETH_P_FCOE
#define ETH_P_FCOE 0x8906
#endif
#ifndef ETH_P_NSH
#define ETH_P_NSH 0x894F
#endif
#ifndef ETH_P_QINQ1
#define ETH_P_QINQ1 0x9100
#endif
#ifndef ETH_P_QINQ2
#define ETH_P_QINQ2 0x9200
#endif
#ifndef ETH_P_QINQ3
#define ETH_P_QINQ3 0x9300
#endif
#ifndef ETH_P_802_3_MIN
#define ETH_P_802_3_MIN 0x0600
#endif
#ifndef ETH_P_802_3
#define ETH_P_802_3 0x0001
#endif
#ifndef ETH_P_AX25
#define ETH_P_AX25 0x0002
#endif
#ifndef ETH_P_ALL
#define ETH_P_ALL 0x0003
#endif
#ifndef ETH_P_802_2
#define ETH_P_802_2 0x0004
#endif
#ifndef VLAN_HLEN
#define VLAN_HLEN 4
#endif
#ifndef VLAN_ETH_HLEN
#define VLAN_ETH_HLEN 18
#endif
#ifndef VLAN_ETH_ZLEN
#define VLAN_ETH_ZLEN 64
#endif
#ifndef VLAN_ETH_DATA_LEN
#define VLAN_ETH_DATA_LEN 1500
#endif
#ifndef VLAN_ETH_FRAME_LEN
#define VLAN_ETH_FRAME_LEN 1518
#endif
#ifndef VLAN_PRIO_MASK
#define VLAN_PRIO_MASK 0xe000
#endif
#ifndef VLAN_PRIO_SHIFT
#define VLAN_PRIO_SHIFT 13
#endif
#ifndef VLAN_CFI_MASK
#define VLAN_CFI_MASK 0x1000
#endif
#ifndef VLAN_DEI_MASK
#define VLAN_DEI_MASK 0x1000
#endif
#ifndef VLAN_DEI_SHIFT
#define VLAN_DEI_SHIFT 12
#endif
#ifndef VLAN_VID_MASK
#define VLAN_VID_MASK 0x0fff
#endif
#ifndef VLAN_N_VID
#define VLAN_N_VID 4096
#endif

/* == traffic control and netfilter verdicts, in place of <linux/pkt_cls.h>, <linux/netfilter.h> == */
#ifndef TC_ACT_UNSPEC
#define TC_ACT_UNSPEC (-1)
#endif
#ifndef TC_ACT_OK
#define TC_ACT_OK 0
#endif
#ifndef TC_ACT_RECLASSIFY
#define TC_ACT_RECLASSIFY 1
#endif
#ifndef TC_ACT_SHOT
#define TC_ACT_SHOT 2
#endif
#ifndef TC_ACT_PIPE
#define TC_ACT_PIPE 3
#endif
#ifndef TC_ACT_STOLEN
#define TC_ACT_STOLEN 4
#endif
#ifndef TC_ACT_QUEUED
#define TC_ACT_QUEUED 5
#endif
#ifndef TC_ACT_REPEAT
#define TC_ACT_REPEAT 6
#endif
#ifndef TC_ACT_REDIRECT
#define TC_ACT_REDIRECT 7
#endif
#ifndef TC_ACT_TRAP
#define TC_ACT_TRAP 8
#endif
#ifndef TC_ACT_VALUE_MAX
#define TC_ACT_VALUE_MAX TC_ACT_TRAP
#endif
#ifndef TC_H_MAJ_MASK
#define TC_H_MAJ_MASK (0xFFFF0000U)
#endif
#ifndef TC_H_MIN_MASK
#define TC_H_MIN_MASK (0x0000FFFFU)
#endif
#ifndef TC_H_MAJ
#define TC_H_MAJ(h) ((h) & TC_H_MAJ_MASK)
#endif
#ifndef TC_H_MIN
#define TC_H_MIN(h) ((h) & TC_H_MIN_MASK)
#endif
#ifndef TC_H_MAKE
#define TC_H_MAKE(maj, min) (((maj) & TC_H_MAJ_MASK) | ((min) & TC_H_MIN_MASK))
#endif
#ifndef TC_H_UNSPEC
#define TC_H_UNSPEC (0U)
#endif
#ifndef TC_H_ROOT
#define TC_H_ROOT (0xFFFFFFFFU)
#endif
#ifndef TC_H_INGRESS
#define TC_H_INGRESS (0xFFFFFFF1U)
#endif
#ifndef TC_H_CLSACT
#define TC_H_CLSACT TC_H_INGRESS
#endif
#ifndef NF_DROP
#define NF_DROP 0
#endif
#ifndef NF_ACCEPT
#define NF_ACCEPT 1
#endif
#ifndef NF_STOLEN
#define NF_STOLEN 2
#endif
#ifndef NF_QUEUE
#define NF_QUEUE 3
#endif
#ifndef NF_REPEAT
#define NF_REPEAT 4
#endif
#ifndef NF_STOP
#define NF_STOP 5
#endif
#ifndef NF_MAX_VERDICT
#define NF_MAX_VERDICT NF_STOP
#endif

#endif /* __BCCRS_COMPAT_NET_H */
