/* The process the guest tests trace. It names itself `bccrs-wl`, prints what it knows about
 * itself (pid, parent pid, size of its argument area) without making any of the system calls the
 * tests count, then does exactly what its arguments ask:
 *   getpid N | getppid N | sysinfo N | sigaltstack N | open PATH | cat PATH
 * Built static on the host (cc -static) and baked into the guest's initramfs. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

/* Field `n` (1-based) of /proc/self/stat, for fields after the command name. */
static long stat_field(int n)
{
    char buf[1024];
    int fd = open("/proc/self/stat", O_RDONLY);
    if (fd < 0) return -1;
    ssize_t len = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (len <= 0) return -1;
    buf[len] = 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p) return -1;
    p += 2;                      /* now at field 3 */
    for (int f = 3; f < n; f++) {
        p = strchr(p, ' ');
        if (!p) return -1;
        p++;
    }
    return atol(p);
}

int main(int argc, char **argv)
{
    prctl(PR_SET_NAME, "bccrs-wl", 0, 0, 0);
    char self[32] = {0};
    if (readlink("/proc/self", self, sizeof(self) - 1) < 0) return 100;
    size_t args_len = 0;
    for (int i = 0; i < argc; i++) args_len += strlen(argv[i]) + 1;
    printf("pid %s\nppid %ld\nargs_len %zu\n", self, stat_field(4), args_len);
    fflush(stdout);
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *op = argv[i];
        long n = atol(argv[i + 1]);
        if (!strcmp(op, "getpid")) {
            for (long j = 0; j < n; j++) syscall(SYS_getpid);
        } else if (!strcmp(op, "getppid")) {
            for (long j = 0; j < n; j++) syscall(SYS_getppid);
        } else if (!strcmp(op, "sysinfo")) {
            struct sysinfo si;
            for (long j = 0; j < n; j++) syscall(SYS_sysinfo, &si);
        } else if (!strcmp(op, "sigaltstack")) {
            stack_t old;
            for (long j = 0; j < n; j++) syscall(SYS_sigaltstack, NULL, &old);
        } else if (!strcmp(op, "open")) {
            int fd = open(argv[i + 1], O_RDONLY | O_CREAT, 0600);
            if (fd < 0) return 101;
            close(fd);
        } else if (!strcmp(op, "cat")) { /* e.g. the kprobes registered while bccrs runs */
            char buf[4096];
            ssize_t len;
            int fd = open(argv[i + 1], O_RDONLY);
            if (fd < 0) return 102;
            while ((len = read(fd, buf, sizeof(buf))) > 0) fwrite(buf, 1, (size_t)len, stdout);
            close(fd);
            fflush(stdout);
        } else {
            fprintf(stderr, "unknown operation %s\n", op);
            return 2;
        }
    }
    return 0;
}
