/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: scatterlists (<linux/scatterlist.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_SCATTERLIST_H
#define __BCCRS_COMPAT_SCATTERLIST_H

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
#define sg_is_chain(sg) (__BCCRS_READ_KERNEL((sg)->page_link) & SG_CHAIN)
#endif
#ifndef sg_is_last
#define sg_is_last(sg) (__BCCRS_READ_KERNEL((sg)->page_link) & SG_END)
#endif
#ifndef sg_chain_ptr
#define sg_chain_ptr(sg) ((struct scatterlist *)(__BCCRS_READ_KERNEL((sg)->page_link) & ~SG_PAGE_LINK_MASK))
#endif

#endif /* __BCCRS_COMPAT_SCATTERLIST_H */
