// A program with its own copy of a kernel-internal struct and a kernel enumerator (as dcsnoop
// and mountsnoop have): vmlinux.h defines them too, so bccrs renames the program's copies with a
// `___bccrs` flavour suffix (compiled with -Dnameidata=nameidata___bccrs …); CO-RE ignores it.
#include <linux/fs.h>

struct nameidata {
    struct path path;
    struct qstr last;
};
enum { TCP_CLOSE = 7 };

int kprobe__lookup_fast(struct pt_regs *ctx, struct nameidata *nd)
{
    return nd->last.len + TCP_CLOSE;
}
