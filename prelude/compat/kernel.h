/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: arithmetic helpers, 64-bit division and byte order (<linux/kernel.h>, <linux/minmax.h>, <linux/math64.h>, <linux/byteorder/generic.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_KERNEL_H
#define __BCCRS_COMPAT_KERNEL_H

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

#endif /* __BCCRS_COMPAT_KERNEL_H */
