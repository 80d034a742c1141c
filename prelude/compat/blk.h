/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: the block layer (<linux/blkdev.h>, <linux/blk_types.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_BLK_H
#define __BCCRS_COMPAT_BLK_H
#include <bccrs/compat/kernel.h>
#include <bccrs/compat/fs.h>

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
#define req_op(req) (__BCCRS_READ_KERNEL((req)->cmd_flags) & REQ_OP_MASK)
#endif
#ifndef rq_data_dir
#define rq_data_dir(rq) (op_is_write(req_op(rq)) ? WRITE : READ)
#endif
#ifndef bio_op
#define bio_op(bio) (__BCCRS_READ_KERNEL((bio)->bi_opf) & REQ_OP_MASK)
#endif
#ifndef bio_data_dir
#define bio_data_dir(bio) (op_is_write(bio_op(bio)) ? WRITE : READ)
#endif
#ifndef bio_sectors
#define bio_sectors(bio) (__BCCRS_READ_KERNEL((bio)->bi_iter.bi_size) >> SECTOR_SHIFT)
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
/* <linux/bio.h>'s since 5.12 (before: disk_devt((bio)->bi_disk)). Defined, as there: tools
 * test `#ifdef bio_dev` to learn that their headers are the kind that have it (mdflush). */
#ifndef bio_dev
#define bio_dev(bio) __BCCRS_READ_KERNEL(__BCCRS_READ_KERNEL((bio)->bi_bdev)->bd_dev)
#endif
#ifndef disk_devt
#define disk_devt(disk) MKDEV(__BCCRS_READ_KERNEL((disk)->major), __BCCRS_READ_KERNEL((disk)->first_minor))
#endif

#endif /* __BCCRS_COMPAT_BLK_H */
