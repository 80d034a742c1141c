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
 * Helpers that read kernel memory are macros with plain dereferences, as in the kernel, so
 * they expand into the program's own code.
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
#ifndef sizeof_field
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#endif
#ifndef FIELD_SIZEOF
#define FIELD_SIZEOF(t, f) sizeof_field(t, f)
#endif
#ifndef offsetofend
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))
#endif
#ifndef typeof_member
#define typeof_member(T, m) __typeof__(((T *)0)->m)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif
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
#ifndef DIV_ROUND_UP
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#endif
#ifndef DIV_ROUND_UP_ULL
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_UP((unsigned long long)(ll), (d))
#endif
#ifndef DIV_ROUND_CLOSEST
#define DIV_ROUND_CLOSEST(x, divisor) (((x) + ((divisor) / 2)) / (divisor))
#endif
#ifndef roundup
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#endif
#ifndef rounddown
#define rounddown(x, y) ((x) - ((x) % (y)))
#endif
#ifndef __round_mask
#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
#endif
#ifndef round_up
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#endif
#ifndef round_down
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#endif
#ifndef ALIGN
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#endif
#ifndef ALIGN_DOWN
#define ALIGN_DOWN(x, a) ALIGN((x) - ((a) - 1), (a))
#endif
#ifndef PTR_ALIGN
#define PTR_ALIGN(p, a) ((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#endif
#ifndef IS_ALIGNED
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#endif
#ifndef min
#define min(x, y) ({ __typeof__(x) __min1 = (x); __typeof__(y) __min2 = (y); __min1 < __min2 ? __min1 : __min2; })
#endif
#ifndef max
#define max(x, y) ({ __typeof__(x) __max1 = (x); __typeof__(y) __max2 = (y); __max1 > __max2 ? __max1 : __max2; })
#endif
#ifndef min3
#define min3(x, y, z) min((__typeof__(x))min(x, y), z)
#endif
#ifndef max3
#define max3(x, y, z) max((__typeof__(x))max(x, y), z)
#endif
#ifndef min_t
#define min_t(type, x, y) ({ type __min1 = (x); type __min2 = (y); __min1 < __min2 ? __min1 : __min2; })
#endif
#ifndef max_t
#define max_t(type, x, y) ({ type __max1 = (x); type __max2 = (y); __max1 > __max2 ? __max1 : __max2; })
#endif
#ifndef min_not_zero
#define min_not_zero(x, y) ({ __typeof__(x) __x = (x); __typeof__(y) __y = (y); __x == 0 ? __y : ((__y == 0) ? __x : min(__x, __y)); })
#endif
#ifndef clamp
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)
#endif
#ifndef clamp_t
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#endif
#ifndef clamp_val
#define clamp_val(val, lo, hi) clamp_t(__typeof__(val), val, lo, hi)
#endif
#ifndef swap
#define swap(a, b) do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#endif
#ifndef abs
#define abs(x) ({ __typeof__(x) __abs = (x); __abs < 0 ? -__abs : __abs; })
#endif
#ifndef upper_32_bits
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#endif
#ifndef lower_32_bits
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#endif
#ifndef upper_16_bits
#define upper_16_bits(n) ((u16)((n) >> 16))
#endif
#ifndef lower_16_bits
#define lower_16_bits(n) ((u16)((n) & 0xffff))
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

/* == 64-bit division, in place of <linux/math64.h>, <asm-generic/div64.h> == */
#ifndef div_u64
static __always_inline u64 div_u64(u64 dividend, u32 divisor) { return dividend / divisor; }
#define div_u64 div_u64
#endif
/* BPF (before cpu v4) has no signed division: divide magnitudes, truncate toward zero. */
#ifndef div64_s64
static __always_inline s64 div64_s64(s64 dividend, s64 divisor)
{
	u64 n = dividend < 0 ? -(u64)dividend : (u64)dividend;
	u64 d = divisor < 0 ? -(u64)divisor : (u64)divisor;
	u64 q = n / d;
	return ((dividend < 0) != (divisor < 0)) ? -(s64)q : (s64)q;
}
#define div64_s64 div64_s64
#endif
#ifndef div_s64
static __always_inline s64 div_s64(s64 dividend, s32 divisor) { return div64_s64(dividend, divisor); }
#define div_s64 div_s64
#endif
#ifndef div64_u64
static __always_inline u64 div64_u64(u64 dividend, u64 divisor) { return dividend / divisor; }
#define div64_u64 div64_u64
#endif
#ifndef div64_ul
static __always_inline unsigned long div64_ul(unsigned long dividend, unsigned long divisor) { return dividend / divisor; }
#define div64_ul div64_ul
#endif
#ifndef div_u64_rem
static __always_inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}
#define div_u64_rem div_u64_rem
#endif
#ifndef do_div
#define do_div(n, base) ({ u32 __base = (base); u32 __rem = ((u64)(n)) % __base; (n) = ((u64)(n)) / __base; __rem; })
#endif
#ifndef DIV64_U64_ROUND_UP
#define DIV64_U64_ROUND_UP(ll, d) ({ u64 __d = (d); div64_u64((ll) + __d - 1, __d); })
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

/* == byte order, in place of <linux/byteorder/generic.h>, <linux/swab.h> == */
#ifndef ntohs
#define ntohs(x) bpf_ntohs(x)
#endif
#ifndef htons
#define htons(x) bpf_htons(x)
#endif
#ifndef ntohl
#define ntohl(x) bpf_ntohl(x)
#endif
#ifndef htonl
#define htonl(x) bpf_htonl(x)
#endif
#ifndef be16_to_cpu
#define be16_to_cpu(x) bpf_ntohs(x)
#endif
#ifndef cpu_to_be16
#define cpu_to_be16(x) bpf_htons(x)
#endif
#ifndef be32_to_cpu
#define be32_to_cpu(x) bpf_ntohl(x)
#endif
#ifndef cpu_to_be32
#define cpu_to_be32(x) bpf_htonl(x)
#endif
#ifndef be64_to_cpu
#define be64_to_cpu(x) bpf_be64_to_cpu(x)
#endif
#ifndef cpu_to_be64
#define cpu_to_be64(x) bpf_cpu_to_be64(x)
#endif
#ifndef __be16_to_cpu
#define __be16_to_cpu(x) bpf_ntohs(x)
#endif
#ifndef __cpu_to_be16
#define __cpu_to_be16(x) bpf_htons(x)
#endif
#ifndef __be32_to_cpu
#define __be32_to_cpu(x) bpf_ntohl(x)
#endif
#ifndef __cpu_to_be32
#define __cpu_to_be32(x) bpf_htonl(x)
#endif
#ifndef __be64_to_cpu
#define __be64_to_cpu(x) bpf_be64_to_cpu(x)
#endif
#ifndef __cpu_to_be64
#define __cpu_to_be64(x) bpf_cpu_to_be64(x)
#endif
#ifndef le16_to_cpu
#define le16_to_cpu(x) ((u16)(x))
#endif
#ifndef cpu_to_le16
#define cpu_to_le16(x) ((__le16)(x))
#endif
#ifndef le32_to_cpu
#define le32_to_cpu(x) ((u32)(x))
#endif
#ifndef cpu_to_le32
#define cpu_to_le32(x) ((__le32)(x))
#endif
#ifndef le64_to_cpu
#define le64_to_cpu(x) ((u64)(x))
#endif
#ifndef cpu_to_le64
#define cpu_to_le64(x) ((__le64)(x))
#endif
#ifndef __constant_htons
#define __constant_htons(x) __bpf_constant_htons(x)
#endif
#ifndef __constant_ntohs
#define __constant_ntohs(x) __bpf_constant_ntohs(x)
#endif
#ifndef __constant_htonl
#define __constant_htonl(x) __bpf_constant_htonl(x)
#endif
#ifndef __constant_ntohl
#define __constant_ntohl(x) __bpf_constant_ntohl(x)
#endif
#ifndef __constant_cpu_to_be16
#define __constant_cpu_to_be16(x) __bpf_constant_htons(x)
#endif
#ifndef __constant_cpu_to_be32
#define __constant_cpu_to_be32(x) __bpf_constant_htonl(x)
#endif
#ifndef __constant_be16_to_cpu
#define __constant_be16_to_cpu(x) __bpf_constant_ntohs(x)
#endif
#ifndef __constant_be32_to_cpu
#define __constant_be32_to_cpu(x) __bpf_constant_ntohl(x)
#endif
#ifndef swab16
#define swab16(x) ((u16)__builtin_bswap16((u16)(x)))
#endif
#ifndef swab32
#define swab32(x) ((u32)__builtin_bswap32((u32)(x)))
#endif
#ifndef swab64
#define swab64(x) ((u64)__builtin_bswap64((u64)(x)))
#endif
#ifndef __swab16
#define __swab16(x) swab16(x)
#endif
#ifndef __swab32
#define __swab32(x) swab32(x)
#endif
#ifndef __swab64
#define __swab64(x) swab64(x)
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

/* == tasks, in place of <linux/sched.h>, <uapi/linux/sched.h> == */
/* TASK_COMM_LEN is an enum in BTF since 5.17; the macro (same value) serves older kernels. */
#ifndef TASK_COMM_LEN
#define TASK_COMM_LEN 16
#endif
#ifndef TASK_RUNNING
#define TASK_RUNNING 0x00000000
#endif
#ifndef TASK_INTERRUPTIBLE
#define TASK_INTERRUPTIBLE 0x00000001
#endif
#ifndef TASK_UNINTERRUPTIBLE
#define TASK_UNINTERRUPTIBLE 0x00000002
#endif
#ifndef __TASK_STOPPED
#define __TASK_STOPPED 0x00000004
#endif
#ifndef __TASK_TRACED
#define __TASK_TRACED 0x00000008
#endif
#ifndef EXIT_DEAD
#define EXIT_DEAD 0x00000010
#endif
#ifndef EXIT_ZOMBIE
#define EXIT_ZOMBIE 0x00000020
#endif
#ifndef EXIT_TRACE
#define EXIT_TRACE (EXIT_ZOMBIE | EXIT_DEAD)
#endif
#ifndef TASK_PARKED
#define TASK_PARKED 0x00000040
#endif
#ifndef TASK_DEAD
#define TASK_DEAD 0x00000080
#endif
#ifndef TASK_WAKEKILL
#define TASK_WAKEKILL 0x00000100
#endif
#ifndef TASK_WAKING
#define TASK_WAKING 0x00000200
#endif
#ifndef TASK_NOLOAD
#define TASK_NOLOAD 0x00000400
#endif
#ifndef TASK_NEW
#define TASK_NEW 0x00000800
#endif
#ifndef TASK_RTLOCK_WAIT
#define TASK_RTLOCK_WAIT 0x00001000
#endif
#ifndef TASK_FREEZABLE
#define TASK_FREEZABLE 0x00002000
#endif
#ifndef TASK_FROZEN
#define TASK_FROZEN 0x00008000
#endif
#ifndef TASK_STATE_MAX
#define TASK_STATE_MAX 0x00010000
#endif
#ifndef TASK_ANY
#define TASK_ANY (TASK_STATE_MAX - 1)
#endif
#ifndef TASK_KILLABLE
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#endif
#ifndef TASK_STOPPED
#define TASK_STOPPED (TASK_WAKEKILL | __TASK_STOPPED)
#endif
#ifndef TASK_TRACED
#define TASK_TRACED __TASK_TRACED
#endif
#ifndef TASK_IDLE
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#endif
#ifndef TASK_NORMAL
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#endif
#ifndef TASK_REPORT
#define TASK_REPORT (TASK_RUNNING | TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | __TASK_STOPPED | __TASK_TRACED | EXIT_DEAD | EXIT_ZOMBIE | TASK_PARKED)
#endif
#ifndef PF_VCPU
#define PF_VCPU 0x00000001
#endif
#ifndef PF_IDLE
#define PF_IDLE 0x00000002
#endif
#ifndef PF_EXITING
#define PF_EXITING 0x00000004
#endif
#ifndef PF_POSTCOREDUMP
#define PF_POSTCOREDUMP 0x00000008
#endif
#ifndef PF_IO_WORKER
#define PF_IO_WORKER 0x00000010
#endif
#ifndef PF_WQ_WORKER
#define PF_WQ_WORKER 0x00000020
#endif
#ifndef PF_FORKNOEXEC
#define PF_FORKNOEXEC 0x00000040
#endif
#ifndef PF_MCE_PROCESS
#define PF_MCE_PROCESS 0x00000080
#endif
#ifndef PF_SUPERPRIV
#define PF_SUPERPRIV 0x00000100
#endif
#ifndef PF_DUMPCORE
#define PF_DUMPCORE 0x00000200
#endif
#ifndef PF_SIGNALED
#define PF_SIGNALED 0x00000400
#endif
#ifndef PF_MEMALLOC
#define PF_MEMALLOC 0x00000800
#endif
#ifndef PF_NPROC_EXCEEDED
#define PF_NPROC_EXCEEDED 0x00001000
#endif
#ifndef PF_USED_MATH
#define PF_USED_MATH 0x00002000
#endif
#ifndef PF_USER_WORKER
#define PF_USER_WORKER 0x00004000
#endif
#ifndef PF_NOFREEZE
#define PF_NOFREEZE 0x00008000
#endif
#ifndef PF_KSWAPD
#define PF_KSWAPD 0x00020000
#endif
#ifndef PF_MEMALLOC_NOFS
#define PF_MEMALLOC_NOFS 0x00040000
#endif
#ifndef PF_MEMALLOC_NOIO
#define PF_MEMALLOC_NOIO 0x00080000
#endif
#ifndef PF_LOCAL_THROTTLE
#define PF_LOCAL_THROTTLE 0x00100000
#endif
#ifndef PF_KTHREAD
#define PF_KTHREAD 0x00200000
#endif
#ifndef PF_RANDOMIZE
#define PF_RANDOMIZE 0x00400000
#endif
#ifndef PF_NO_SETAFFINITY
#define PF_NO_SETAFFINITY 0x04000000
#endif
#ifndef PF_MCE_EARLY
#define PF_MCE_EARLY 0x08000000
#endif
#ifndef PF_MEMALLOC_PIN
#define PF_MEMALLOC_PIN 0x10000000
#endif
#ifndef PF_SUSPEND_TASK
#define PF_SUSPEND_TASK 0x80000000
#endif
#ifndef MAX_NICE
#define MAX_NICE 19
#endif
#ifndef MIN_NICE
#define MIN_NICE -20
#endif
#ifndef NICE_WIDTH
#define NICE_WIDTH (MAX_NICE - MIN_NICE + 1)
#endif
#ifndef MAX_RT_PRIO
#define MAX_RT_PRIO 100
#endif
#ifndef MAX_DL_PRIO
#define MAX_DL_PRIO 0
#endif
#ifndef MAX_PRIO
#define MAX_PRIO (MAX_RT_PRIO + NICE_WIDTH)
#endif
#ifndef DEFAULT_PRIO
#define DEFAULT_PRIO (MAX_RT_PRIO + NICE_WIDTH / 2)
#endif
#ifndef NICE_TO_PRIO
#define NICE_TO_PRIO(nice) ((nice) + DEFAULT_PRIO)
#endif
#ifndef PRIO_TO_NICE
#define PRIO_TO_NICE(prio) ((prio) - DEFAULT_PRIO)
#endif
#ifndef SCHED_NORMAL
#define SCHED_NORMAL 0
#endif
#ifndef SCHED_FIFO
#define SCHED_FIFO 1
#endif
#ifndef SCHED_RR
#define SCHED_RR 2
#endif
#ifndef SCHED_BATCH
#define SCHED_BATCH 3
#endif
#ifndef SCHED_IDLE
#define SCHED_IDLE 5
#endif
#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE 6
#endif
#ifndef SCHED_EXT
#define SCHED_EXT 7
#endif
#ifndef CSIGNAL
#define CSIGNAL 0x000000ff
#endif
#ifndef CLONE_VM
#define CLONE_VM 0x00000100
#endif
#ifndef CLONE_FS
#define CLONE_FS 0x00000200
#endif
#ifndef CLONE_FILES
#define CLONE_FILES 0x00000400
#endif
#ifndef CLONE_SIGHAND
#define CLONE_SIGHAND 0x00000800
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_PTRACE
#define CLONE_PTRACE 0x00002000
#endif
#ifndef CLONE_VFORK
#define CLONE_VFORK 0x00004000
#endif
#ifndef CLONE_PARENT
#define CLONE_PARENT 0x00008000
#endif
#ifndef CLONE_THREAD
#define CLONE_THREAD 0x00010000
#endif
#ifndef CLONE_NEWNS
#define CLONE_NEWNS 0x00020000
#endif
#ifndef CLONE_SYSVSEM
#define CLONE_SYSVSEM 0x00040000
#endif
#ifndef CLONE_SETTLS
#define CLONE_SETTLS 0x00080000
#endif
#ifndef CLONE_PARENT_SETTID
#define CLONE_PARENT_SETTID 0x00100000
#endif
#ifndef CLONE_CHILD_CLEARTID
#define CLONE_CHILD_CLEARTID 0x00200000
#endif
#ifndef CLONE_DETACHED
#define CLONE_DETACHED 0x00400000
#endif
#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif
#ifndef CLONE_CHILD_SETTID
#define CLONE_CHILD_SETTID 0x01000000
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWUTS
#define CLONE_NEWUTS 0x04000000
#endif
#ifndef CLONE_NEWIPC
#define CLONE_NEWIPC 0x08000000
#endif
#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif
#ifndef CLONE_NEWPID
#define CLONE_NEWPID 0x20000000
#endif
#ifndef CLONE_NEWNET
#define CLONE_NEWNET 0x40000000
#endif
#ifndef CLONE_IO
#define CLONE_IO 0x80000000
#endif
#ifndef PID_MAX_DEFAULT
#define PID_MAX_DEFAULT 0x8000
#endif
#ifndef PID_MAX_LIMIT
#define PID_MAX_LIMIT (4 * 1024 * 1024)
#endif
#ifndef task_pid_nr
#define task_pid_nr(tsk) ((tsk)->pid)
#endif
#ifndef task_tgid_nr
#define task_tgid_nr(tsk) ((tsk)->tgid)
#endif
#ifndef thread_group_leader
#define thread_group_leader(p) ((p)->exit_signal >= 0)
#endif

/* == capabilities, in place of <uapi/linux/capability.h>, <linux/security.h> == */
#ifndef CAP_CHOWN
#define CAP_CHOWN 0
#endif
#ifndef CAP_DAC_OVERRIDE
#define CAP_DAC_OVERRIDE 1
#endif
#ifndef CAP_DAC_READ_SEARCH
#define CAP_DAC_READ_SEARCH 2
#endif
#ifndef CAP_FOWNER
#define CAP_FOWNER 3
#endif
#ifndef CAP_FSETID
#define CAP_FSETID 4
#endif
#ifndef CAP_KILL
#define CAP_KILL 5
#endif
#ifndef CAP_SETGID
#define CAP_SETGID 6
#endif
#ifndef CAP_SETUID
#define CAP_SETUID 7
#endif
#ifndef CAP_SETPCAP
#define CAP_SETPCAP 8
#endif
#ifndef CAP_LINUX_IMMUTABLE
#define CAP_LINUX_IMMUTABLE 9
#endif
#ifndef CAP_NET_BIND_SERVICE
#define CAP_NET_BIND_SERVICE 10
#endif
#ifndef CAP_NET_BROADCAST
#define CAP_NET_BROADCAST 11
#endif
#ifndef CAP_NET_ADMIN
#define CAP_NET_ADMIN 12
#endif
#ifndef CAP_NET_RAW
#define CAP_NET_RAW 13
#endif
#ifndef CAP_IPC_LOCK
#define CAP_IPC_LOCK 14
#endif
#ifndef CAP_IPC_OWNER
#define CAP_IPC_OWNER 15
#endif
#ifndef CAP_SYS_MODULE
#define CAP_SYS_MODULE 16
#endif
#ifndef CAP_SYS_RAWIO
#define CAP_SYS_RAWIO 17
#endif
#ifndef CAP_SYS_CHROOT
#define CAP_SYS_CHROOT 18
#endif
#ifndef CAP_SYS_PTRACE
#define CAP_SYS_PTRACE 19
#endif
#ifndef CAP_SYS_PACCT
#define CAP_SYS_PACCT 20
#endif
#ifndef CAP_SYS_ADMIN
#define CAP_SYS_ADMIN 21
#endif
#ifndef CAP_SYS_BOOT
#define CAP_SYS_BOOT 22
#endif
#ifndef CAP_SYS_NICE
#define CAP_SYS_NICE 23
#endif
#ifndef CAP_SYS_RESOURCE
#define CAP_SYS_RESOURCE 24
#endif
#ifndef CAP_SYS_TIME
#define CAP_SYS_TIME 25
#endif
#ifndef CAP_SYS_TTY_CONFIG
#define CAP_SYS_TTY_CONFIG 26
#endif
#ifndef CAP_MKNOD
#define CAP_MKNOD 27
#endif
#ifndef CAP_LEASE
#define CAP_LEASE 28
#endif
#ifndef CAP_AUDIT_WRITE
#define CAP_AUDIT_WRITE 29
#endif
#ifndef CAP_AUDIT_CONTROL
#define CAP_AUDIT_CONTROL 30
#endif
#ifndef CAP_SETFCAP
#define CAP_SETFCAP 31
#endif
#ifndef CAP_MAC_OVERRIDE
#define CAP_MAC_OVERRIDE 32
#endif
#ifndef CAP_MAC_ADMIN
#define CAP_MAC_ADMIN 33
#endif
#ifndef CAP_SYSLOG
#define CAP_SYSLOG 34
#endif
#ifndef CAP_WAKE_ALARM
#define CAP_WAKE_ALARM 35
#endif
#ifndef CAP_BLOCK_SUSPEND
#define CAP_BLOCK_SUSPEND 36
#endif
#ifndef CAP_AUDIT_READ
#define CAP_AUDIT_READ 37
#endif
#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif
#ifndef CAP_CHECKPOINT_RESTORE
#define CAP_CHECKPOINT_RESTORE 40
#endif
#ifndef CAP_LAST_CAP
#define CAP_LAST_CAP CAP_CHECKPOINT_RESTORE
#endif
#ifndef cap_valid
#define cap_valid(x) ((x) >= 0 && (x) <= CAP_LAST_CAP)
#endif
#ifndef CAP_OPT_NONE
#define CAP_OPT_NONE 0x0
#endif
#ifndef CAP_OPT_NOAUDIT
#define CAP_OPT_NOAUDIT 0x2
#endif
#ifndef CAP_OPT_INSETID
#define CAP_OPT_INSETID 0x4
#endif

/* == files, modes and open flags, in place of <linux/fs.h>, <linux/stat.h>, <linux/fcntl.h>, <linux/limits.h>, <linux/dcache.h> == */
#ifndef S_IFMT
#define S_IFMT 00170000
#endif
#ifndef S_IFSOCK
#define S_IFSOCK 0140000
#endif
#ifndef S_IFLNK
#define S_IFLNK 0120000
#endif
#ifndef S_IFREG
#define S_IFREG 0100000
#endif
#ifndef S_IFBLK
#define S_IFBLK 0060000
#endif
#ifndef S_IFDIR
#define S_IFDIR 0040000
#endif
#ifndef S_IFCHR
#define S_IFCHR 0020000
#endif
#ifndef S_IFIFO
#define S_IFIFO 0010000
#endif
#ifndef S_ISUID
#define S_ISUID 0004000
#endif
#ifndef S_ISGID
#define S_ISGID 0002000
#endif
#ifndef S_ISVTX
#define S_ISVTX 0001000
#endif
#ifndef S_ISLNK
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#endif
#ifndef S_ISREG
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#endif
#ifndef S_ISDIR
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#endif
#ifndef S_ISCHR
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#endif
#ifndef S_ISBLK
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#endif
#ifndef S_ISFIFO
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#endif
#ifndef S_IRWXU
#define S_IRWXU 00700
#endif
#ifndef S_IRUSR
#define S_IRUSR 00400
#endif
#ifndef S_IWUSR
#define S_IWUSR 00200
#endif
#ifndef S_IXUSR
#define S_IXUSR 00100
#endif
#ifndef S_IRWXG
#define S_IRWXG 00070
#endif
#ifndef S_IRGRP
#define S_IRGRP 00040
#endif
#ifndef S_IWGRP
#define S_IWGRP 00020
#endif
#ifndef S_IXGRP
#define S_IXGRP 00010
#endif
#ifndef S_IRWXO
#define S_IRWXO 00007
#endif
#ifndef S_IROTH
#define S_IROTH 00004
#endif
#ifndef S_IWOTH
#define S_IWOTH 00002
#endif
#ifndef S_IXOTH
#define S_IXOTH 00001
#endif
#ifndef S_IRWXUGO
#define S_IRWXUGO (S_IRWXU | S_IRWXG | S_IRWXO)
#endif
#ifndef S_IALLUGO
#define S_IALLUGO (S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)
#endif
#ifndef S_IRUGO
#define S_IRUGO (S_IRUSR | S_IRGRP | S_IROTH)
#endif
#ifndef S_IWUGO
#define S_IWUGO (S_IWUSR | S_IWGRP | S_IWOTH)
#endif
#ifndef S_IXUGO
#define S_IXUGO (S_IXUSR | S_IXGRP | S_IXOTH)
#endif
#ifndef O_ACCMODE
#define O_ACCMODE 00000003
#endif
#ifndef O_RDONLY
#define O_RDONLY 00000000
#endif
#ifndef O_WRONLY
#define O_WRONLY 00000001
#endif
#ifndef O_RDWR
#define O_RDWR 00000002
#endif
#ifndef O_CREAT
#define O_CREAT 00000100
#endif
#ifndef O_EXCL
#define O_EXCL 00000200
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 00000400
#endif
#ifndef O_TRUNC
#define O_TRUNC 00001000
#endif
#ifndef O_APPEND
#define O_APPEND 00002000
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 00004000
#endif
#ifndef O_DSYNC
#define O_DSYNC 00010000
#endif
#ifndef FASYNC
#define FASYNC 00020000
#endif
#ifndef O_DIRECT
#define O_DIRECT 00040000
#endif
#ifndef O_LARGEFILE
#define O_LARGEFILE 00100000
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 00200000
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 00400000
#endif
#ifndef O_NOATIME
#define O_NOATIME 01000000
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif
#ifndef __O_SYNC
#define __O_SYNC 04000000
#endif
#ifndef O_SYNC
#define O_SYNC (__O_SYNC | O_DSYNC)
#endif
#ifndef O_PATH
#define O_PATH 010000000
#endif
#ifndef __O_TMPFILE
#define __O_TMPFILE 020000000
#endif
#ifndef O_TMPFILE
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)
#endif
#ifndef O_NDELAY
#define O_NDELAY O_NONBLOCK
#endif
#ifndef AT_FDCWD
#define AT_FDCWD -100
#endif
#ifndef AT_SYMLINK_NOFOLLOW
#define AT_SYMLINK_NOFOLLOW 0x100
#endif
#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef AT_REMOVEDIR
#define AT_REMOVEDIR 0x200
#endif
#ifndef AT_SYMLINK_FOLLOW
#define AT_SYMLINK_FOLLOW 0x400
#endif
#ifndef AT_NO_AUTOMOUNT
#define AT_NO_AUTOMOUNT 0x800
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef FMODE_READ
#define FMODE_READ ((fmode_t)(1 << 0))
#endif
#ifndef FMODE_WRITE
#define FMODE_WRITE ((fmode_t)(1 << 1))
#endif
#ifndef FMODE_LSEEK
#define FMODE_LSEEK ((fmode_t)(1 << 2))
#endif
#ifndef FMODE_PREAD
#define FMODE_PREAD ((fmode_t)(1 << 3))
#endif
#ifndef FMODE_PWRITE
#define FMODE_PWRITE ((fmode_t)(1 << 4))
#endif
#ifndef FMODE_EXEC
#define FMODE_EXEC ((fmode_t)(1 << 5))
#endif
#ifndef FMODE_OPENED
#define FMODE_OPENED ((fmode_t)(1 << 19))
#endif
#ifndef FMODE_CREATED
#define FMODE_CREATED ((fmode_t)(1 << 20))
#endif
#ifndef MAY_EXEC
#define MAY_EXEC 0x00000001
#endif
#ifndef MAY_WRITE
#define MAY_WRITE 0x00000002
#endif
#ifndef MAY_READ
#define MAY_READ 0x00000004
#endif
#ifndef MAY_APPEND
#define MAY_APPEND 0x00000008
#endif
#ifndef MAY_ACCESS
#define MAY_ACCESS 0x00000010
#endif
#ifndef MAY_OPEN
#define MAY_OPEN 0x00000020
#endif
#ifndef MAY_CHDIR
#define MAY_CHDIR 0x00000040
#endif
#ifndef MAY_NOT_BLOCK
#define MAY_NOT_BLOCK 0x00000080
#endif
#ifndef READ
#define READ 0
#endif
#ifndef WRITE
#define WRITE 1
#endif
#ifndef NR_OPEN
#define NR_OPEN 1024
#endif
#ifndef NGROUPS_MAX
#define NGROUPS_MAX 65536
#endif
#ifndef ARG_MAX
#define ARG_MAX 131072
#endif
#ifndef LINK_MAX
#define LINK_MAX 127
#endif
#ifndef MAX_CANON
#define MAX_CANON 255
#endif
#ifndef MAX_INPUT
#define MAX_INPUT 255
#endif
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#ifndef PIPE_BUF
#define PIPE_BUF 4096
#endif
#ifndef XATTR_NAME_MAX
#define XATTR_NAME_MAX 255
#endif
#ifndef XATTR_SIZE_MAX
#define XATTR_SIZE_MAX 65536
#endif
#ifndef XATTR_LIST_MAX
#define XATTR_LIST_MAX 65536
#endif
#ifndef RTSIG_MAX
#define RTSIG_MAX 32
#endif
/* 40 since Linux 6.14 (struct dentry's d_shortname), 32 before (d_iname). */
#ifndef DNAME_INLINE_LEN
#define DNAME_INLINE_LEN 40
#endif
#ifndef file_inode
#define file_inode(f) ((f)->f_inode)
#endif
#ifndef d_inode
#define d_inode(dentry) ((dentry)->d_inode)
#endif
#ifndef file_dentry
#define file_dentry(f) ((f)->f_path.dentry)
#endif

/* == mount flags, in place of <uapi/linux/mount.h>, <linux/fs.h> == */
#ifndef MS_RDONLY
#define MS_RDONLY 1
#endif
#ifndef MS_NOSUID
#define MS_NOSUID 2
#endif
#ifndef MS_NODEV
#define MS_NODEV 4
#endif
#ifndef MS_NOEXEC
#define MS_NOEXEC 8
#endif
#ifndef MS_SYNCHRONOUS
#define MS_SYNCHRONOUS 16
#endif
#ifndef MS_REMOUNT
#define MS_REMOUNT 32
#endif
#ifndef MS_MANDLOCK
#define MS_MANDLOCK 64
#endif
#ifndef MS_DIRSYNC
#define MS_DIRSYNC 128
#endif
#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif
#ifndef MS_NOATIME
#define MS_NOATIME 1024
#endif
#ifndef MS_NODIRATIME
#define MS_NODIRATIME 2048
#endif
#ifndef MS_BIND
#define MS_BIND 4096
#endif
#ifndef MS_MOVE
#define MS_MOVE 8192
#endif
#ifndef MS_REC
#define MS_REC 16384
#endif
#ifndef MS_SILENT
#define MS_SILENT 32768
#endif
#ifndef MS_POSIXACL
#define MS_POSIXACL (1 << 16)
#endif
#ifndef MS_UNBINDABLE
#define MS_UNBINDABLE (1 << 17)
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif
#ifndef MS_SLAVE
#define MS_SLAVE (1 << 19)
#endif
#ifndef MS_SHARED
#define MS_SHARED (1 << 20)
#endif
#ifndef MS_RELATIME
#define MS_RELATIME (1 << 21)
#endif
#ifndef MS_KERNMOUNT
#define MS_KERNMOUNT (1 << 22)
#endif
#ifndef MS_I_VERSION
#define MS_I_VERSION (1 << 23)
#endif
#ifndef MS_STRICTATIME
#define MS_STRICTATIME (1 << 24)
#endif
#ifndef MS_LAZYTIME
#define MS_LAZYTIME (1 << 25)
#endif
#ifndef MS_ACTIVE
#define MS_ACTIVE (1 << 30)
#endif
#ifndef MS_NOUSER
#define MS_NOUSER (1 << 31)
#endif
#ifndef MS_MGC_VAL
#define MS_MGC_VAL 0xC0ED0000
#endif
#ifndef MS_MGC_MSK
#define MS_MGC_MSK 0xffff0000
#endif
#ifndef MNT_FORCE
#define MNT_FORCE 0x00000001
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 0x00000002
#endif
#ifndef MNT_EXPIRE
#define MNT_EXPIRE 0x00000004
#endif
#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 0x00000008
#endif

/* == device numbers, in place of <linux/kdev_t.h> == */
#ifndef MINORBITS
#define MINORBITS 20
#endif
#ifndef MINORMASK
#define MINORMASK ((1U << MINORBITS) - 1)
#endif
#ifndef MAJOR
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#endif
#ifndef MINOR
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#endif
#ifndef MKDEV
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))
#endif
#ifndef new_encode_dev
#define new_encode_dev(dev) ((u32)((MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xff) << 12)))
#endif
#ifndef new_decode_dev
#define new_decode_dev(dev) MKDEV(((dev) & 0xfff00) >> 8, ((dev) & 0xff) | (((dev) >> 12) & 0xfff00))
#endif
#ifndef huge_encode_dev
#define huge_encode_dev(dev) ((u64)new_encode_dev(dev))
#endif

/* == block layer, in place of <linux/blkdev.h>, <linux/blk_types.h>, <linux/bio.h> == */
/* REQ_WRITE and REQ_OP_SHIFT (pre-4.10) are left undefined on purpose: tools test for them. */
#ifndef DISK_NAME_LEN
#define DISK_NAME_LEN 32
#endif
#ifndef BDEVNAME_SIZE
#define BDEVNAME_SIZE 32
#endif
#ifndef RWBS_LEN
#define RWBS_LEN 8
#endif
#ifndef SECTOR_SHIFT
#define SECTOR_SHIFT 9
#endif
#ifndef SECTOR_SIZE
#define SECTOR_SIZE (1 << SECTOR_SHIFT)
#endif
#ifndef PAGE_SECTORS_SHIFT
#define PAGE_SECTORS_SHIFT (PAGE_SHIFT - SECTOR_SHIFT)
#endif
#ifndef PAGE_SECTORS
#define PAGE_SECTORS (1 << PAGE_SECTORS_SHIFT)
#endif
#ifndef REQ_OP_BITS
#define REQ_OP_BITS 8
#endif
#ifndef REQ_OP_MASK
#define REQ_OP_MASK ((1 << REQ_OP_BITS) - 1)
#endif
#ifndef REQ_FAILFAST_DEV
#define REQ_FAILFAST_DEV ((unsigned int)(1ULL << __REQ_FAILFAST_DEV))
#endif
#ifndef REQ_FAILFAST_TRANSPORT
#define REQ_FAILFAST_TRANSPORT ((unsigned int)(1ULL << __REQ_FAILFAST_TRANSPORT))
#endif
#ifndef REQ_FAILFAST_DRIVER
#define REQ_FAILFAST_DRIVER ((unsigned int)(1ULL << __REQ_FAILFAST_DRIVER))
#endif
#ifndef REQ_SYNC
#define REQ_SYNC ((unsigned int)(1ULL << __REQ_SYNC))
#endif
#ifndef REQ_META
#define REQ_META ((unsigned int)(1ULL << __REQ_META))
#endif
#ifndef REQ_PRIO
#define REQ_PRIO ((unsigned int)(1ULL << __REQ_PRIO))
#endif
#ifndef REQ_NOMERGE
#define REQ_NOMERGE ((unsigned int)(1ULL << __REQ_NOMERGE))
#endif
#ifndef REQ_IDLE
#define REQ_IDLE ((unsigned int)(1ULL << __REQ_IDLE))
#endif
#ifndef REQ_INTEGRITY
#define REQ_INTEGRITY ((unsigned int)(1ULL << __REQ_INTEGRITY))
#endif
#ifndef REQ_FUA
#define REQ_FUA ((unsigned int)(1ULL << __REQ_FUA))
#endif
#ifndef REQ_PREFLUSH
#define REQ_PREFLUSH ((unsigned int)(1ULL << __REQ_PREFLUSH))
#endif
#ifndef REQ_RAHEAD
#define REQ_RAHEAD ((unsigned int)(1ULL << __REQ_RAHEAD))
#endif
#ifndef REQ_BACKGROUND
#define REQ_BACKGROUND ((unsigned int)(1ULL << __REQ_BACKGROUND))
#endif
#ifndef REQ_NOWAIT
#define REQ_NOWAIT ((unsigned int)(1ULL << __REQ_NOWAIT))
#endif
#ifndef REQ_POLLED
#define REQ_POLLED ((unsigned int)(1ULL << __REQ_POLLED))
#endif
#ifndef REQ_ALLOC_CACHE
#define REQ_ALLOC_CACHE ((unsigned int)(1ULL << __REQ_ALLOC_CACHE))
#endif
#ifndef REQ_SWAP
#define REQ_SWAP ((unsigned int)(1ULL << __REQ_SWAP))
#endif
#ifndef REQ_DRV
#define REQ_DRV ((unsigned int)(1ULL << __REQ_DRV))
#endif
#ifndef REQ_FS_PRIVATE
#define REQ_FS_PRIVATE ((unsigned int)(1ULL << __REQ_FS_PRIVATE))
#endif
#ifndef REQ_ATOMIC
#define REQ_ATOMIC ((unsigned int)(1ULL << __REQ_ATOMIC))
#endif
#ifndef REQ_NOUNMAP
#define REQ_NOUNMAP ((unsigned int)(1ULL << __REQ_NOUNMAP))
#endif
#ifndef REQ_FAILFAST_MASK
#define REQ_FAILFAST_MASK (REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT | REQ_FAILFAST_DRIVER)
#endif
#ifndef op_is_write
#define op_is_write(op) (!!((op) & 1))
#endif
#ifndef req_op
#define req_op(req) ((req)->cmd_flags & REQ_OP_MASK)
#endif
#ifndef rq_data_dir
#define rq_data_dir(rq) (op_is_write(req_op(rq)) ? WRITE : READ)
#endif
#ifndef bio_op
#define bio_op(bio) ((bio)->bi_opf & REQ_OP_MASK)
#endif
#ifndef bio_data_dir
#define bio_data_dir(bio) (op_is_write(bio_op(bio)) ? WRITE : READ)
#endif
#ifndef bio_sectors
#define bio_sectors(bio) ((bio)->bi_iter.bi_size >> SECTOR_SHIFT)
#endif
#ifndef blk_rq_pos
#define blk_rq_pos(rq) ((rq)->__sector)
#endif
#ifndef blk_rq_bytes
#define blk_rq_bytes(rq) ((rq)->__data_len)
#endif
#ifndef blk_rq_sectors
#define blk_rq_sectors(rq) (blk_rq_bytes(rq) >> SECTOR_SHIFT)
#endif
#ifndef disk_devt
#define disk_devt(disk) MKDEV((disk)->major, (disk)->first_minor)
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

/* == socket casts and field aliases, in place of <net/sock.h>, <net/inet_sock.h>, <linux/tcp.h>, <linux/udp.h> == */
#ifndef inet_sk
static __always_inline struct inet_sock *inet_sk(const struct sock *sk) { return (struct inet_sock *)sk; }
#define inet_sk inet_sk
#endif
#ifndef inet_csk
static __always_inline struct inet_connection_sock *inet_csk(const struct sock *sk) { return (struct inet_connection_sock *)sk; }
#define inet_csk inet_csk
#endif
#ifndef tcp_sk
static __always_inline struct tcp_sock *tcp_sk(const struct sock *sk) { return (struct tcp_sock *)sk; }
#define tcp_sk tcp_sk
#endif
#ifndef udp_sk
static __always_inline struct udp_sock *udp_sk(const struct sock *sk) { return (struct udp_sock *)sk; }
#define udp_sk udp_sk
#endif
#ifndef unix_sk
static __always_inline struct unix_sock *unix_sk(const struct sock *sk) { return (struct unix_sock *)sk; }
#define unix_sk unix_sk
#endif
#ifndef inet_twsk
static __always_inline struct inet_timewait_sock *inet_twsk(const struct sock *sk) { return (struct inet_timewait_sock *)sk; }
#define inet_twsk inet_twsk
#endif
#ifndef tcp_twsk
static __always_inline struct tcp_timewait_sock *tcp_twsk(const struct sock *sk) { return (struct tcp_timewait_sock *)sk; }
#define tcp_twsk tcp_twsk
#endif
#ifndef inet_rsk
static __always_inline struct inet_request_sock *inet_rsk(const struct request_sock *sk) { return (struct inet_request_sock *)sk; }
#define inet_rsk inet_rsk
#endif
#ifndef tcp_rsk
static __always_inline struct tcp_request_sock *tcp_rsk(const struct request_sock *sk) { return (struct tcp_request_sock *)sk; }
#define tcp_rsk tcp_rsk
#endif
#ifndef inet_reqsk
static __always_inline struct request_sock *inet_reqsk(const struct sock *sk) { return (struct request_sock *)sk; }
#define inet_reqsk inet_reqsk
#endif
/* struct sock_common members under their struct sock / inet_sock / request / timewait names. */
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
#ifndef sk_fullsock
#define sk_fullsock(sk) ((1 << (sk)->__sk_common.skc_state) & ~(TCPF_TIME_WAIT | TCPF_NEW_SYN_RECV))
#endif
#ifndef sk_is_tcp
#define sk_is_tcp(sk) ((sk)->sk_type == SOCK_STREAM && (sk)->sk_protocol == IPPROTO_TCP)
#endif
#ifndef read_pnet
#define read_pnet(pnet) ((pnet)->net)
#endif
#ifndef sock_net
#define sock_net(sk) read_pnet(&(sk)->__sk_common.skc_net)
#endif
#ifndef twsk_net
#define twsk_net(twsk) read_pnet(&(twsk)->__tw_common.skc_net)
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

/* == socket buffers and packet headers, in place of <linux/skbuff.h>, <linux/ip.h>, <linux/ipv6.h>, <linux/tcp.h> == */
#ifndef skb_network_header
#define skb_network_header(skb) ((skb)->head + (skb)->network_header)
#endif
#ifndef skb_transport_header
#define skb_transport_header(skb) ((skb)->head + (skb)->transport_header)
#endif
#ifndef skb_mac_header
#define skb_mac_header(skb) ((skb)->head + (skb)->mac_header)
#endif
#ifndef skb_end_pointer
#define skb_end_pointer(skb) ((skb)->head + (skb)->end)
#endif
#ifndef skb_tail_pointer
#define skb_tail_pointer(skb) ((skb)->head + (skb)->tail)
#endif
#ifndef skb_network_offset
#define skb_network_offset(skb) ((int)(skb_network_header(skb) - (skb)->data))
#endif
#ifndef skb_transport_offset
#define skb_transport_offset(skb) ((int)(skb_transport_header(skb) - (skb)->data))
#endif
#ifndef skb_mac_header_was_set
#define skb_mac_header_was_set(skb) ((skb)->mac_header != (u16)~0U)
#endif
#ifndef skb_transport_header_was_set
#define skb_transport_header_was_set(skb) ((skb)->transport_header != (u16)~0U)
#endif
#ifndef skb_shinfo
#define skb_shinfo(skb) ((struct skb_shared_info *)(skb_end_pointer(skb)))
#endif
#ifndef skb_headlen
#define skb_headlen(skb) ((skb)->len - (skb)->data_len)
#endif
#ifndef skb_is_nonlinear
#define skb_is_nonlinear(skb) ((skb)->data_len)
#endif
#ifndef skb_get_queue_mapping
#define skb_get_queue_mapping(skb) ((skb)->queue_mapping)
#endif
#ifndef skb_rx_queue_recorded
#define skb_rx_queue_recorded(skb) ((skb)->queue_mapping != 0)
#endif
#ifndef skb_get_rx_queue
#define skb_get_rx_queue(skb) ((skb)->queue_mapping - 1)
#endif
#ifndef SKB_DST_NOREF
#define SKB_DST_NOREF 1UL
#endif
#ifndef SKB_DST_PTRMASK
#define SKB_DST_PTRMASK ~(SKB_DST_NOREF)
#endif
#ifndef skb_dst
#define skb_dst(skb) ((struct dst_entry *)((skb)->_skb_refdst & SKB_DST_PTRMASK))
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
#define ip_hdrlen(skb) (ip_hdr(skb)->ihl * 4)
#endif
#ifndef ipv6_hdr
#define ipv6_hdr(skb) ((struct ipv6hdr *)skb_network_header(skb))
#endif
#ifndef tcp_hdr
#define tcp_hdr(skb) ((struct tcphdr *)skb_transport_header(skb))
#endif
#ifndef tcp_hdrlen
#define tcp_hdrlen(skb) (tcp_hdr(skb)->doff * 4)
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

/* == scatterlists, in place of <linux/scatterlist.h> == */
#ifndef SG_CHAIN
#define SG_CHAIN 0x01UL
#endif
#ifndef SG_END
#define SG_END 0x02UL
#endif
#ifndef SG_PAGE_LINK_MASK
#define SG_PAGE_LINK_MASK (SG_CHAIN | SG_END)
#endif
#ifndef sg_is_chain
#define sg_is_chain(sg) ((sg)->page_link & SG_CHAIN)
#endif
#ifndef sg_is_last
#define sg_is_last(sg) ((sg)->page_link & SG_END)
#endif
#ifndef sg_chain_ptr
#define sg_chain_ptr(sg) ((struct scatterlist *)((sg)->page_link & ~SG_PAGE_LINK_MASK))
#endif

/* == perf, in place of <linux/perf_event.h> == */
#ifndef PERF_MAX_STACK_DEPTH
#define PERF_MAX_STACK_DEPTH 127
#endif
#ifndef PERF_MAX_CONTEXTS_PER_STACK
#define PERF_MAX_CONTEXTS_PER_STACK 8
#endif

#endif /* __BCCRS_COMPAT_H */
