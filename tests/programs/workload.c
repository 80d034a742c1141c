/* A process the kernel tests trace: it names itself `bccrs-wl`, prints its pid, then does
 * exactly what its arguments ask. Built by the tests with the system C compiler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <sys/sdt.h>

__attribute__((noinline)) long bccrs_target(long x) { __asm__ volatile("" ::: "memory"); return x + 1; }
__attribute__((noinline)) long bccrs_hist_value(unsigned long v) { __asm__ volatile("" ::: "memory"); return (long)v; }

int main(int argc, char **argv)
{
    prctl(PR_SET_NAME, "bccrs-wl", 0, 0, 0);
    printf("pid %d\n", getpid());
    fflush(stdout);
    long sink = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *op = argv[i];
        long n = atol(argv[i + 1]);
        if (!strcmp(op, "getpid")) for (long j = 0; j < n; j++) syscall(SYS_getpid);
        else if (!strcmp(op, "getppid")) for (long j = 0; j < n; j++) syscall(SYS_getppid);
        else if (!strcmp(op, "call")) for (long j = 0; j < n; j++) sink += bccrs_target(j);
        else if (!strcmp(op, "hist")) sink += bccrs_hist_value((unsigned long)n);
        else if (!strcmp(op, "sleep")) usleep(n * 1000);
        else if (!strcmp(op, "exit")) return (int)n;
        else if (!strcmp(op, "usdt")) for (long j = 1; j <= n; j++) { const char *label = "tick"; DTRACE_PROBE3(bccrs, tick, j, j * 1000000007L, label); }
        else if (!strcmp(op, "name")) prctl(PR_SET_NAME, argv[i + 1], 0, 0, 0);
        else if (!strcmp(op, "write")) { static char buf[1 << 16]; int fd = open("/dev/null", O_WRONLY); if (fd >= 0) { if (write(fd, buf, n < (long)sizeof(buf) ? n : (long)sizeof(buf)) < 0) sink++; close(fd); } }
        else if (!strcmp(op, "open")) { int fd = open(argv[i + 1], O_RDONLY | O_CREAT, 0600); if (fd >= 0) close(fd); }
    }
    return sink == -1;
}
