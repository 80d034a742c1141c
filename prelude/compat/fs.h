/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: files, mounts and device numbers (<linux/fs.h>, <linux/stat.h>, <linux/fcntl.h>, <linux/kdev_t.h>, <uapi/linux/mount.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_FS_H
#define __BCCRS_COMPAT_FS_H
#include <bccrs/compat/kernel.h>

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

#endif /* __BCCRS_COMPAT_FS_H */
