/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bccrs compat.h: the #define constants and small inline helpers that BCC programs take
 * from kernel headers but that BTF (and so vmlinux.h) cannot carry: macros and static
 * inline functions. Values are the kernel's for x86_64 (Linux 6.x unless noted).
 *
 * Included after vmlinux.h and libbpf's bpf_helpers.h, bpf_core_read.h, bpf_tracing.h and
 * bpf_endian.h, before bccrs's BCC prelude (helpers.h). Every definition is guarded by
 * #ifndef, so a -D on the command line or an earlier header wins. Not defined here on
 * purpose: what libbpf already gives (NULL, offsetof, container_of, likely, unlikely,
 * barrier, __always_inline, __noinline, __weak, KERNEL_VERSION, bpf_ntohs & co, PT_REGS_*,
 * BPF_CORE_READ), and what BCC's own helpers.h gives (tables, TRACEPOINT_PROBE, lock_xadd,
 * bpf_log2l, ...). Names that are enums in BTF (IPPROTO_TCP, TCP_ESTABLISHED, XDP_PASS,
 * REQ_OP_*, __REQ_*, ___GFP_*_BIT, NR_SOFTIRQS, BPF_F_*, SOCK_STREAM...) come from vmlinux.h.
 * Helpers that read kernel memory are macros, as in the kernel, so they expand into the
 * program's own code. A macro that is one member access (`task_pid_nr(t)`, `file_inode(f)`)
 * dereferences plainly: the rewriter wraps the whole call in a read. One that computes
 * (`bio_op(bio)`, `skb_network_header(skb)`) or follows a pointer (`bio_dev(bio)`) reads each
 * member with __BCCRS_READ_KERNEL itself: a wrapped call would be an rvalue, and a read inside
 * the macro's body has no place in the user's text to be wrapped at.
 *
 * This file is the part every program sees, as BCC's helpers.h always includes
 * <linux/log2.h>, <asm/page.h> and <linux/version.h>: configuration, compiler annotations,
 * bits, limits, errno, time, signals and pages. What a particular kernel header defines
 * (`sk_daddr`, `TASK_COMM_LEN`, `min`, `ntohs`…) is in a fragment next to it (kernel.h, sched.h,
 * sock.h…), included only by the overlay's stand-ins of the headers that bring it
 * (prelude/kernel_headers.txt), so a program's own names stay its own.
 */
#ifndef __BCCRS_COMPAT_H
#define __BCCRS_COMPAT_H

/* == kernel configuration, in place of <generated/autoconf.h>, <linux/kconfig.h> == */
/* Always true for an x86_64 kernel that bccrs can load programs into. */
#ifndef CONFIG_X86
#define CONFIG_X86 1
#endif
#ifndef CONFIG_X86_64
#define CONFIG_X86_64 1
#endif
#ifndef CONFIG_64BIT
#define CONFIG_64BIT 1
#endif
#ifndef CONFIG_BPF
#define CONFIG_BPF 1
#endif
#ifndef CONFIG_BPF_SYSCALL
#define CONFIG_BPF_SYSCALL 1
#endif
#ifndef CONFIG_BPF_EVENTS
#define CONFIG_BPF_EVENTS 1
#endif
#ifndef CONFIG_ARCH_HAS_SYSCALL_WRAPPER
#define CONFIG_ARCH_HAS_SYSCALL_WRAPPER 1
#endif
/* Distribution defaults that BCC tools test; a driver that passes the running kernel's
 * CONFIG_* itself defines __BCCRS_KCONFIG__ to drop them. */
#ifndef __BCCRS_KCONFIG__
#ifndef CONFIG_SMP
#define CONFIG_SMP 1
#endif
#ifndef CONFIG_NET_NS
#define CONFIG_NET_NS 1
#endif
#ifndef CONFIG_SLUB
#define CONFIG_SLUB 1
#endif
#ifndef CONFIG_NUMA
#define CONFIG_NUMA 1
#endif
#ifndef CONFIG_CGROUPS
#define CONFIG_CGROUPS 1
#endif
#ifndef CONFIG_MODULES
#define CONFIG_MODULES 1
#endif
#endif
#ifndef __ARG_PLACEHOLDER_1
#define __ARG_PLACEHOLDER_1 0,
#endif
#ifndef __take_second_arg
#define __take_second_arg(__ignored, val, ...) val
#endif
#ifndef __is_defined
#define __is_defined(x) ___is_defined(x)
#endif
#ifndef ___is_defined
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#endif
#ifndef ____is_defined
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#endif
#ifndef __or
#define __or(x, y) ___or(x, y)
#endif
#ifndef ___or
#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
#endif
#ifndef ____or
#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
#endif
#ifndef IS_BUILTIN
#define IS_BUILTIN(option) __is_defined(option)
#endif
#ifndef IS_MODULE
#define IS_MODULE(option) __is_defined(option##_MODULE)
#endif
#ifndef IS_ENABLED
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
#endif
#ifndef IS_REACHABLE
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
#endif
#ifndef __and
#define __and(x, y) ___and(x, y)
#endif
#ifndef ___and
#define ___and(x, y) ____and(__ARG_PLACEHOLDER_##x, y)
#endif
#ifndef ____and
#define ____and(arg1_or_junk, y) __take_second_arg(arg1_or_junk y, 0)
#endif

/* == kernel version, in place of <linux/version.h> == */
/* Default for a current kernel; the driver should pass -DLINUX_VERSION_CODE=... from uname. */
#ifndef LINUX_VERSION_CODE
#define LINUX_VERSION_CODE ((6 << 16) + (18 << 8) + 0)
#endif
#ifndef LINUX_VERSION_MAJOR
#define LINUX_VERSION_MAJOR ((LINUX_VERSION_CODE >> 16) & 0xff)
#endif
#ifndef LINUX_VERSION_PATCHLEVEL
#define LINUX_VERSION_PATCHLEVEL ((LINUX_VERSION_CODE >> 8) & 0xff)
#endif
#ifndef LINUX_VERSION_SUBLEVEL
#define LINUX_VERSION_SUBLEVEL (LINUX_VERSION_CODE & 0xff)
#endif

/* == annotations and access helpers, in place of <linux/compiler.h>, <linux/compiler_types.h> == */
#ifndef __user
#define __user 
#endif
#ifndef __kernel
#define __kernel 
#endif
#ifndef __iomem
#define __iomem 
#endif
#ifndef __percpu
#define __percpu 
#endif
#ifndef __rcu
#define __rcu 
#endif
#ifndef __force
#define __force 
#endif
#ifndef __bitwise
#define __bitwise 
#endif
#ifndef __safe
#define __safe 
#endif
#ifndef __nocast
#define __nocast 
#endif
#ifndef __private
#define __private 
#endif
#ifndef __read_mostly
#define __read_mostly 
#endif
#ifndef __ro_after_init
#define __ro_after_init 
#endif
#ifndef __init
#define __init 
#endif
#ifndef __exit
#define __exit 
#endif
#ifndef __initdata
#define __initdata 
#endif
#ifndef __randomize_layout
#define __randomize_layout 
#endif
#ifndef randomized_struct_fields_start
#define randomized_struct_fields_start 
#endif
#ifndef randomized_struct_fields_end
#define randomized_struct_fields_end 
#endif
#ifndef asmlinkage
#define asmlinkage 
#endif
#ifndef notrace
#define notrace 
#endif
#ifndef __visible
#define __visible 
#endif
#ifndef __acquires
#define __acquires(x) 
#endif
#ifndef __releases
#define __releases(x) 
#endif
#ifndef __must_hold
#define __must_hold(x) 
#endif
#ifndef __cond_lock
#define __cond_lock(x, c) (c)
#endif
#ifndef __counted_by
#define __counted_by(member) 
#endif
#ifndef __counted_by_le
#define __counted_by_le(member) 
#endif
#ifndef __counted_by_be
#define __counted_by_be(member) 
#endif
#ifndef __sized_by
#define __sized_by(member) 
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((__unused__))
#endif
#ifndef __always_unused
#define __always_unused __attribute__((__unused__))
#endif
#ifndef __used
#define __used __attribute__((__used__))
#endif
#ifndef __must_check
#define __must_check __attribute__((__warn_unused_result__))
#endif
#ifndef __cold
#define __cold __attribute__((__cold__))
#endif
#ifndef __pure
#define __pure __attribute__((__pure__))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#endif
#ifndef __section
#define __section(s) __attribute__((__section__(s)))
#endif
#ifndef noinline
#define noinline __attribute__((__noinline__))
#endif
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif
#ifndef __stringify_1
#define __stringify_1(x...) #x
#endif
#ifndef __stringify
#define __stringify(x...) __stringify_1(x)
#endif
#ifndef ___PASTE
#define ___PASTE(a, b) a##b
#endif
#ifndef __PASTE
#define __PASTE(a, b) ___PASTE(a, b)
#endif
#ifndef __same_type
#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#endif
#ifndef READ_ONCE
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#endif
#ifndef WRITE_ONCE
#define WRITE_ONCE(x, val) do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
#endif
#ifndef ACCESS_ONCE
#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#endif
#ifndef data_race
#define data_race(expr) (expr)
#endif
#ifndef rcu_dereference
#define rcu_dereference(p) READ_ONCE(p)
#endif
#ifndef rcu_dereference_raw
#define rcu_dereference_raw(p) READ_ONCE(p)
#endif
#ifndef rcu_dereference_protected
#define rcu_dereference_protected(p, c) (p)
#endif
#ifndef rcu_access_pointer
#define rcu_access_pointer(p) READ_ONCE(p)
#endif
#ifndef BUILD_BUG_ON
#define BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))
#endif
#ifndef BUILD_BUG_ON_ZERO
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#endif

/* == sizes, bits and arithmetic, in place of <linux/kernel.h>, <linux/bits.h>, <linux/minmax.h> == */
#ifndef BITS_PER_BYTE
#define BITS_PER_BYTE 8
#endif
#ifndef BITS_PER_LONG
#define BITS_PER_LONG 64
#endif
#ifndef BITS_PER_LONG_LONG
#define BITS_PER_LONG_LONG 64
#endif
#ifndef BIT
#define BIT(nr) (1UL << (nr))
#endif
#ifndef BIT_ULL
#define BIT_ULL(nr) (1ULL << (nr))
#endif
#ifndef BIT_MASK
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#endif
#ifndef BIT_WORD
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#endif
#ifndef GENMASK
#define GENMASK(h, l) (((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#endif
#ifndef GENMASK_ULL
#define GENMASK_ULL(h, l) (((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#endif
/* == integer limits, in place of <linux/limits.h>, <vdso/limits.h> == */
#ifndef USHRT_MAX
#define USHRT_MAX ((unsigned short)~0U)
#endif
#ifndef SHRT_MAX
#define SHRT_MAX ((short)(USHRT_MAX >> 1))
#endif
#ifndef SHRT_MIN
#define SHRT_MIN ((short)(-SHRT_MAX - 1))
#endif
#ifndef INT_MAX
#define INT_MAX ((int)(~0U >> 1))
#endif
#ifndef INT_MIN
#define INT_MIN (-INT_MAX - 1)
#endif
#ifndef UINT_MAX
#define UINT_MAX (~0U)
#endif
#ifndef LONG_MAX
#define LONG_MAX ((long)(~0UL >> 1))
#endif
#ifndef LONG_MIN
#define LONG_MIN (-LONG_MAX - 1)
#endif
#ifndef ULONG_MAX
#define ULONG_MAX (~0UL)
#endif
#ifndef LLONG_MAX
#define LLONG_MAX ((long long)(~0ULL >> 1))
#endif
#ifndef LLONG_MIN
#define LLONG_MIN (-LLONG_MAX - 1)
#endif
#ifndef ULLONG_MAX
#define ULLONG_MAX (~0ULL)
#endif
#ifndef SIZE_MAX
#define SIZE_MAX (~(size_t)0)
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX ((ssize_t)(SIZE_MAX >> 1))
#endif
#ifndef PHYS_ADDR_MAX
#define PHYS_ADDR_MAX (~(phys_addr_t)0)
#endif
#ifndef U8_MAX
#define U8_MAX ((u8)~0U)
#endif
#ifndef S8_MAX
#define S8_MAX ((s8)(U8_MAX >> 1))
#endif
#ifndef S8_MIN
#define S8_MIN ((s8)(-S8_MAX - 1))
#endif
#ifndef U16_MAX
#define U16_MAX ((u16)~0U)
#endif
#ifndef S16_MAX
#define S16_MAX ((s16)(U16_MAX >> 1))
#endif
#ifndef S16_MIN
#define S16_MIN ((s16)(-S16_MAX - 1))
#endif
#ifndef U32_MAX
#define U32_MAX ((u32)~0U)
#endif
#ifndef U32_MIN
#define U32_MIN ((u32)0)
#endif
#ifndef S32_MAX
#define S32_MAX ((s32)(U32_MAX >> 1))
#endif
#ifndef S32_MIN
#define S32_MIN ((s32)(-S32_MAX - 1))
#endif
#ifndef U64_MAX
#define U64_MAX ((u64)~0ULL)
#endif
#ifndef S64_MAX
#define S64_MAX ((s64)(U64_MAX >> 1))
#endif
#ifndef S64_MIN
#define S64_MIN ((s64)(-S64_MAX - 1))
#endif

/* == powers of two, in place of <linux/log2.h> == */
/* Constant expressions for constant arguments, as in the kernel (usable in map sizes). */
#ifndef ilog2
#define ilog2(n) ((n) < 2 ? 0 : (int)(63 - __builtin_clzll((unsigned long long)(n))))
#endif
#ifndef is_power_of_2
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))
#endif
#ifndef roundup_pow_of_two
#define roundup_pow_of_two(n) ((unsigned long)(n) <= 1 ? 1UL : 1UL << (64 - __builtin_clzll((unsigned long long)(n) - 1)))
#endif
#ifndef rounddown_pow_of_two
#define rounddown_pow_of_two(n) (1UL << ilog2(n))
#endif
#ifndef order_base_2
#define order_base_2(n) ((n) > 1 ? ilog2((n) - 1) + 1 : 0)
#endif
#ifndef const_ilog2
#define const_ilog2(n) ilog2(n)
#endif

/* == time, in place of <linux/time64.h>, <uapi/linux/time.h> == */
#ifndef MSEC_PER_SEC
#define MSEC_PER_SEC 1000L
#endif
#ifndef USEC_PER_MSEC
#define USEC_PER_MSEC 1000L
#endif
#ifndef NSEC_PER_USEC
#define NSEC_PER_USEC 1000L
#endif
#ifndef NSEC_PER_MSEC
#define NSEC_PER_MSEC 1000000L
#endif
#ifndef USEC_PER_SEC
#define USEC_PER_SEC 1000000L
#endif
#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC 1000000000L
#endif
#ifndef PSEC_PER_NSEC
#define PSEC_PER_NSEC 1000L
#endif
#ifndef PSEC_PER_SEC
#define PSEC_PER_SEC 1000000000000LL
#endif
#ifndef FSEC_PER_SEC
#define FSEC_PER_SEC 1000000000000000LL
#endif
#ifndef TIME64_MAX
#define TIME64_MAX ((s64)~((u64)1 << 63))
#endif
#ifndef TIME64_MIN
#define TIME64_MIN (-TIME64_MAX - 1)
#endif
#ifndef KTIME_MAX
#define KTIME_MAX ((s64)~((u64)1 << 63))
#endif
#ifndef KTIME_SEC_MAX
#define KTIME_SEC_MAX (KTIME_MAX / NSEC_PER_SEC)
#endif
#ifndef CLOCK_REALTIME
#define CLOCK_REALTIME 0
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC 1
#endif
#ifndef CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_PROCESS_CPUTIME_ID 2
#endif
#ifndef CLOCK_THREAD_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID 3
#endif
#ifndef CLOCK_MONOTONIC_RAW
#define CLOCK_MONOTONIC_RAW 4
#endif
#ifndef CLOCK_REALTIME_COARSE
#define CLOCK_REALTIME_COARSE 5
#endif
#ifndef CLOCK_MONOTONIC_COARSE
#define CLOCK_MONOTONIC_COARSE 6
#endif
#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME 7
#endif
#ifndef CLOCK_REALTIME_ALARM
#define CLOCK_REALTIME_ALARM 8
#endif
#ifndef CLOCK_BOOTTIME_ALARM
#define CLOCK_BOOTTIME_ALARM 9
#endif
#ifndef CLOCK_TAI
#define CLOCK_TAI 11
#endif

/* == error numbers, in place of <linux/errno.h>, <uapi/asm-generic/errno.h> == */
#ifndef EPERM
#define EPERM 1
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef ESRCH
#define ESRCH 3
#endif
#ifndef EINTR
#define EINTR 4
#endif
#ifndef EIO
#define EIO 5
#endif
#ifndef ENXIO
#define ENXIO 6
#endif
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef ENOEXEC
#define ENOEXEC 8
#endif
#ifndef EBADF
#define EBADF 9
#endif
#ifndef ECHILD
#define ECHILD 10
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EACCES
#define EACCES 13
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef ENOTBLK
#define ENOTBLK 15
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef ENOTDIR
#define ENOTDIR 20
#endif
#ifndef EISDIR
#define EISDIR 21
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENFILE
#define ENFILE 23
#endif
#ifndef EMFILE
#define EMFILE 24
#endif
#ifndef ENOTTY
#define ENOTTY 25
#endif
#ifndef ETXTBSY
#define ETXTBSY 26
#endif
#ifndef EFBIG
#define EFBIG 27
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif
#ifndef ESPIPE
#define ESPIPE 29
#endif
#ifndef EROFS
#define EROFS 30
#endif
#ifndef EMLINK
#define EMLINK 31
#endif
#ifndef EPIPE
#define EPIPE 32
#endif
#ifndef EDOM
#define EDOM 33
#endif
#ifndef ERANGE
#define ERANGE 34
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG 36
#endif
#ifndef ENOLCK
#define ENOLCK 37
#endif
#ifndef ENOSYS
#define ENOSYS 38
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY 39
#endif
#ifndef ELOOP
#define ELOOP 40
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif
#ifndef ENOMSG
#define ENOMSG 42
#endif
#ifndef EIDRM
#define EIDRM 43
#endif
#ifndef ENOSTR
#define ENOSTR 60
#endif
#ifndef ENODATA
#define ENODATA 61
#endif
#ifndef ETIME
#define ETIME 62
#endif
#ifndef ENOSR
#define ENOSR 63
#endif
#ifndef ENOLINK
#define ENOLINK 67
#endif
#ifndef EPROTO
#define EPROTO 71
#endif
#ifndef EBADMSG
#define EBADMSG 74
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 75
#endif
#ifndef EBADFD
#define EBADFD 77
#endif
#ifndef EILSEQ
#define EILSEQ 84
#endif
#ifndef EUSERS
#define EUSERS 87
#endif
#ifndef ENOTSOCK
#define ENOTSOCK 88
#endif
#ifndef EDESTADDRREQ
#define EDESTADDRREQ 89
#endif
#ifndef EMSGSIZE
#define EMSGSIZE 90
#endif
#ifndef EPROTOTYPE
#define EPROTOTYPE 91
#endif
#ifndef ENOPROTOOPT
#define ENOPROTOOPT 92
#endif
#ifndef EPROTONOSUPPORT
#define EPROTONOSUPPORT 93
#endif
#ifndef ESOCKTNOSUPPORT
#define ESOCKTNOSUPPORT 94
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#ifndef EPFNOSUPPORT
#define EPFNOSUPPORT 96
#endif
#ifndef EAFNOSUPPORT
#define EAFNOSUPPORT 97
#endif
#ifndef EADDRINUSE
#define EADDRINUSE 98
#endif
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL 99
#endif
#ifndef ENETDOWN
#define ENETDOWN 100
#endif
#ifndef ENETUNREACH
#define ENETUNREACH 101
#endif
#ifndef ENETRESET
#define ENETRESET 102
#endif
#ifndef ECONNABORTED
#define ECONNABORTED 103
#endif
#ifndef ECONNRESET
#define ECONNRESET 104
#endif
#ifndef ENOBUFS
#define ENOBUFS 105
#endif
#ifndef EISCONN
#define EISCONN 106
#endif
#ifndef ENOTCONN
#define ENOTCONN 107
#endif
#ifndef ESHUTDOWN
#define ESHUTDOWN 108
#endif
#ifndef ETOOMANYREFS
#define ETOOMANYREFS 109
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif
#ifndef ECONNREFUSED
#define ECONNREFUSED 111
#endif
#ifndef EHOSTDOWN
#define EHOSTDOWN 112
#endif
#ifndef EHOSTUNREACH
#define EHOSTUNREACH 113
#endif
#ifndef EALREADY
#define EALREADY 114
#endif
#ifndef EINPROGRESS
#define EINPROGRESS 115
#endif
#ifndef ESTALE
#define ESTALE 116
#endif
#ifndef EDQUOT
#define EDQUOT 122
#endif
#ifndef ECANCELED
#define ECANCELED 125
#endif
#ifndef EKEYEXPIRED
#define EKEYEXPIRED 127
#endif
#ifndef EKEYREVOKED
#define EKEYREVOKED 128
#endif
#ifndef EKEYREJECTED
#define EKEYREJECTED 129
#endif
#ifndef EOWNERDEAD
#define EOWNERDEAD 130
#endif
#ifndef ENOTRECOVERABLE
#define ENOTRECOVERABLE 131
#endif
#ifndef ERFKILL
#define ERFKILL 132
#endif
#ifndef EHWPOISON
#define EHWPOISON 133
#endif
#ifndef ERESTARTSYS
#define ERESTARTSYS 512
#endif
#ifndef ERESTARTNOINTR
#define ERESTARTNOINTR 513
#endif
#ifndef ERESTARTNOHAND
#define ERESTARTNOHAND 514
#endif
#ifndef ENOIOCTLCMD
#define ENOIOCTLCMD 515
#endif
#ifndef ERESTART_RESTARTBLOCK
#define ERESTART_RESTARTBLOCK 516
#endif
#ifndef EPROBE_DEFER
#define EPROBE_DEFER 517
#endif
#ifndef EOPENSTALE
#define EOPENSTALE 518
#endif
#ifndef ENOPARAM
#define ENOPARAM 519
#endif
#ifndef EBADHANDLE
#define EBADHANDLE 521
#endif
#ifndef ENOTSYNC
#define ENOTSYNC 522
#endif
#ifndef EBADCOOKIE
#define EBADCOOKIE 523
#endif
#ifndef ENOTSUPP
#define ENOTSUPP 524
#endif
#ifndef ETOOSMALL
#define ETOOSMALL 525
#endif
#ifndef ESERVERFAULT
#define ESERVERFAULT 526
#endif
#ifndef EBADTYPE
#define EBADTYPE 527
#endif
#ifndef EJUKEBOX
#define EJUKEBOX 528
#endif
#ifndef EIOCBQUEUED
#define EIOCBQUEUED 529
#endif
#ifndef ERECALLCONFLICT
#define ERECALLCONFLICT 530
#endif

/* == error pointers, in place of <linux/err.h> == */
#ifndef MAX_ERRNO
#define MAX_ERRNO 4095
#endif
#ifndef IS_ERR_VALUE
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
#endif
#ifndef IS_ERR
#define IS_ERR(ptr) IS_ERR_VALUE((unsigned long)(ptr))
#endif
#ifndef IS_ERR_OR_NULL
#define IS_ERR_OR_NULL(ptr) (!(ptr) || IS_ERR_VALUE((unsigned long)(ptr)))
#endif
#ifndef PTR_ERR
#define PTR_ERR(ptr) ((long)(ptr))
#endif
#ifndef ERR_PTR
#define ERR_PTR(error) ((void *)(long)(error))
#endif
#ifndef ERR_CAST
#define ERR_CAST(ptr) ((void *)(ptr))
#endif
#ifndef PTR_ERR_OR_ZERO
#define PTR_ERR_OR_ZERO(ptr) (IS_ERR(ptr) ? PTR_ERR(ptr) : 0)
#endif

/* == signals, in place of <uapi/asm/signal.h> (x86) == */
#ifndef SIGHUP
#define SIGHUP 1
#endif
#ifndef SIGINT
#define SIGINT 2
#endif
#ifndef SIGQUIT
#define SIGQUIT 3
#endif
#ifndef SIGILL
#define SIGILL 4
#endif
#ifndef SIGTRAP
#define SIGTRAP 5
#endif
#ifndef SIGABRT
#define SIGABRT 6
#endif
#ifndef SIGIOT
#define SIGIOT 6
#endif
#ifndef SIGBUS
#define SIGBUS 7
#endif
#ifndef SIGFPE
#define SIGFPE 8
#endif
#ifndef SIGKILL
#define SIGKILL 9
#endif
#ifndef SIGUSR1
#define SIGUSR1 10
#endif
#ifndef SIGSEGV
#define SIGSEGV 11
#endif
#ifndef SIGUSR2
#define SIGUSR2 12
#endif
#ifndef SIGPIPE
#define SIGPIPE 13
#endif
#ifndef SIGALRM
#define SIGALRM 14
#endif
#ifndef SIGTERM
#define SIGTERM 15
#endif
#ifndef SIGSTKFLT
#define SIGSTKFLT 16
#endif
#ifndef SIGCHLD
#define SIGCHLD 17
#endif
#ifndef SIGCONT
#define SIGCONT 18
#endif
#ifndef SIGSTOP
#define SIGSTOP 19
#endif
#ifndef SIGTSTP
#define SIGTSTP 20
#endif
#ifndef SIGTTIN
#define SIGTTIN 21
#endif
#ifndef SIGTTOU
#define SIGTTOU 22
#endif
#ifndef SIGURG
#define SIGURG 23
#endif
#ifndef SIGXCPU
#define SIGXCPU 24
#endif
#ifndef SIGXFSZ
#define SIGXFSZ 25
#endif
#ifndef SIGVTALRM
#define SIGVTALRM 26
#endif
#ifndef SIGPROF
#define SIGPROF 27
#endif
#ifndef SIGWINCH
#define SIGWINCH 28
#endif
#ifndef SIGIO
#define SIGIO 29
#endif
#ifndef SIGPOLL
#define SIGPOLL SIGIO
#endif
#ifndef SIGPWR
#define SIGPWR 30
#endif
#ifndef SIGSYS
#define SIGSYS 31
#endif
#ifndef SIGRTMIN
#define SIGRTMIN 32
#endif
#ifndef _NSIG
#define _NSIG 64
#endif
#ifndef SIGRTMAX
#define SIGRTMAX _NSIG
#endif

/* == memory, in place of <asm/page.h>, <linux/mm.h>, <linux/mman.h>, <linux/gfp.h> == */
#ifndef PAGE_SHIFT
#define PAGE_SHIFT 12
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#endif
#ifndef PAGE_MASK
#define PAGE_MASK (~(PAGE_SIZE - 1))
#endif
#ifndef PAGE_ALIGN
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#endif
#ifndef THREAD_SIZE_ORDER
#define THREAD_SIZE_ORDER 2
#endif
#ifndef THREAD_SIZE
#define THREAD_SIZE (PAGE_SIZE << THREAD_SIZE_ORDER)
#endif
#ifndef __PAGE_OFFSET_BASE_L5
#define __PAGE_OFFSET_BASE_L5 0xff11000000000000UL
#endif
#ifndef __PAGE_OFFSET_BASE_L4
#define __PAGE_OFFSET_BASE_L4 0xffff888000000000UL
#endif
#ifndef __START_KERNEL_map
#define __START_KERNEL_map 0xffffffff80000000UL
#endif
#ifndef TASK_SIZE_MAX
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)
#endif
#ifndef VM_NONE
#define VM_NONE 0x00000000
#endif
#ifndef VM_READ
#define VM_READ 0x00000001
#endif
#ifndef VM_WRITE
#define VM_WRITE 0x00000002
#endif
#ifndef VM_EXEC
#define VM_EXEC 0x00000004
#endif
#ifndef VM_SHARED
#define VM_SHARED 0x00000008
#endif
#ifndef VM_MAYREAD
#define VM_MAYREAD 0x00000010
#endif
#ifndef VM_MAYWRITE
#define VM_MAYWRITE 0x00000020
#endif
#ifndef VM_MAYEXEC
#define VM_MAYEXEC 0x00000040
#endif
#ifndef VM_MAYSHARE
#define VM_MAYSHARE 0x00000080
#endif
#ifndef VM_GROWSDOWN
#define VM_GROWSDOWN 0x00000100
#endif
#ifndef VM_PFNMAP
#define VM_PFNMAP 0x00000400
#endif
#ifndef VM_LOCKED
#define VM_LOCKED 0x00002000
#endif
#ifndef VM_IO
#define VM_IO 0x00004000
#endif
#ifndef VM_DONTCOPY
#define VM_DONTCOPY 0x00020000
#endif
#ifndef VM_DONTEXPAND
#define VM_DONTEXPAND 0x00040000
#endif
#ifndef VM_ACCOUNT
#define VM_ACCOUNT 0x00100000
#endif
#ifndef VM_NORESERVE
#define VM_NORESERVE 0x00200000
#endif
#ifndef VM_HUGETLB
#define VM_HUGETLB 0x00400000
#endif
#ifndef PROT_NONE
#define PROT_NONE 0x0
#endif
#ifndef PROT_READ
#define PROT_READ 0x1
#endif
#ifndef PROT_WRITE
#define PROT_WRITE 0x2
#endif
#ifndef PROT_EXEC
#define PROT_EXEC 0x4
#endif
#ifndef MAP_SHARED
#define MAP_SHARED 0x01
#endif
#ifndef MAP_PRIVATE
#define MAP_PRIVATE 0x02
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_TYPE
#define MAP_TYPE 0x0f
#endif
#ifndef MAP_FIXED
#define MAP_FIXED 0x10
#endif
#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS 0x20
#endif
#ifndef MAP_ANON
#define MAP_ANON MAP_ANONYMOUS
#endif
#ifndef MAP_GROWSDOWN
#define MAP_GROWSDOWN 0x0100
#endif
#ifndef MAP_DENYWRITE
#define MAP_DENYWRITE 0x0800
#endif
#ifndef MAP_EXECUTABLE
#define MAP_EXECUTABLE 0x1000
#endif
#ifndef MAP_LOCKED
#define MAP_LOCKED 0x2000
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0x4000
#endif
#ifndef MAP_POPULATE
#define MAP_POPULATE 0x008000
#endif
#ifndef MAP_NONBLOCK
#define MAP_NONBLOCK 0x010000
#endif
#ifndef MAP_STACK
#define MAP_STACK 0x020000
#endif
#ifndef MAP_HUGETLB
#define MAP_HUGETLB 0x040000
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
/* gfp bits from the ___GFP_*_BIT enum (BTF of Linux 6.9+); older kernels: compile error on use. */
#ifndef __GFP_DMA
#define __GFP_DMA ((gfp_t)(1U << ___GFP_DMA_BIT))
#endif
#ifndef __GFP_HIGHMEM
#define __GFP_HIGHMEM ((gfp_t)(1U << ___GFP_HIGHMEM_BIT))
#endif
#ifndef __GFP_DMA32
#define __GFP_DMA32 ((gfp_t)(1U << ___GFP_DMA32_BIT))
#endif
#ifndef __GFP_MOVABLE
#define __GFP_MOVABLE ((gfp_t)(1U << ___GFP_MOVABLE_BIT))
#endif
#ifndef __GFP_RECLAIMABLE
#define __GFP_RECLAIMABLE ((gfp_t)(1U << ___GFP_RECLAIMABLE_BIT))
#endif
#ifndef __GFP_HIGH
#define __GFP_HIGH ((gfp_t)(1U << ___GFP_HIGH_BIT))
#endif
#ifndef __GFP_IO
#define __GFP_IO ((gfp_t)(1U << ___GFP_IO_BIT))
#endif
#ifndef __GFP_FS
#define __GFP_FS ((gfp_t)(1U << ___GFP_FS_BIT))
#endif
#ifndef __GFP_ZERO
#define __GFP_ZERO ((gfp_t)(1U << ___GFP_ZERO_BIT))
#endif
#ifndef __GFP_DIRECT_RECLAIM
#define __GFP_DIRECT_RECLAIM ((gfp_t)(1U << ___GFP_DIRECT_RECLAIM_BIT))
#endif
#ifndef __GFP_KSWAPD_RECLAIM
#define __GFP_KSWAPD_RECLAIM ((gfp_t)(1U << ___GFP_KSWAPD_RECLAIM_BIT))
#endif
#ifndef __GFP_WRITE
#define __GFP_WRITE ((gfp_t)(1U << ___GFP_WRITE_BIT))
#endif
#ifndef __GFP_NOWARN
#define __GFP_NOWARN ((gfp_t)(1U << ___GFP_NOWARN_BIT))
#endif
#ifndef __GFP_RETRY_MAYFAIL
#define __GFP_RETRY_MAYFAIL ((gfp_t)(1U << ___GFP_RETRY_MAYFAIL_BIT))
#endif
#ifndef __GFP_NOFAIL
#define __GFP_NOFAIL ((gfp_t)(1U << ___GFP_NOFAIL_BIT))
#endif
#ifndef __GFP_NORETRY
#define __GFP_NORETRY ((gfp_t)(1U << ___GFP_NORETRY_BIT))
#endif
#ifndef __GFP_MEMALLOC
#define __GFP_MEMALLOC ((gfp_t)(1U << ___GFP_MEMALLOC_BIT))
#endif
#ifndef __GFP_COMP
#define __GFP_COMP ((gfp_t)(1U << ___GFP_COMP_BIT))
#endif
#ifndef __GFP_NOMEMALLOC
#define __GFP_NOMEMALLOC ((gfp_t)(1U << ___GFP_NOMEMALLOC_BIT))
#endif
#ifndef __GFP_HARDWALL
#define __GFP_HARDWALL ((gfp_t)(1U << ___GFP_HARDWALL_BIT))
#endif
#ifndef __GFP_THISNODE
#define __GFP_THISNODE ((gfp_t)(1U << ___GFP_THISNODE_BIT))
#endif
#ifndef __GFP_ACCOUNT
#define __GFP_ACCOUNT ((gfp_t)(1U << ___GFP_ACCOUNT_BIT))
#endif
#ifndef __GFP_RECLAIM
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#endif
#ifndef GFP_ATOMIC
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#endif
#ifndef GFP_KERNEL
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#endif
#ifndef GFP_KERNEL_ACCOUNT
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#endif
#ifndef GFP_NOIO
#define GFP_NOIO (__GFP_RECLAIM)
#endif
#ifndef GFP_NOFS
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#endif
#ifndef GFP_USER
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#endif
#ifndef GFP_DMA
#define GFP_DMA __GFP_DMA
#endif
#ifndef GFP_DMA32
#define GFP_DMA32 __GFP_DMA32
#endif
#ifndef GFP_HIGHUSER
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#endif

/* == perf, in place of <linux/perf_event.h> == */
#ifndef PERF_MAX_STACK_DEPTH
#define PERF_MAX_STACK_DEPTH 127
#endif
#ifndef PERF_MAX_CONTEXTS_PER_STACK
#define PERF_MAX_CONTEXTS_PER_STACK 8
#endif

#endif /* __BCCRS_COMPAT_H */
