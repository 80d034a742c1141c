/* SPDX-License-Identifier: GPL-2.0 */
/* bccrs compat fragment: tasks (<linux/sched.h>, <uapi/linux/sched.h>).
 * Included only by the overlay's stand-ins of the kernel headers that bring these (by the
 * kernel's include graph, prelude/kernel_headers.txt), so a program sees them only where BCC's
 * would. Conventions as in compat.h. */
#ifndef __BCCRS_COMPAT_SCHED_H
#define __BCCRS_COMPAT_SCHED_H
#include <bccrs/compat/kernel.h>

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
#define thread_group_leader(p) (__BCCRS_READ_KERNEL((p)->exit_signal) >= 0)
#endif

#endif /* __BCCRS_COMPAT_SCHED_H */
