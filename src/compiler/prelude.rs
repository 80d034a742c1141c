//! Headers embedded in the bccrs binary and laid out in the cache for clang and libclang.
//!
//! `bccrs/helpers.h` is BCC's macro prelude (see prelude/helpers.h), `bccrs/compat.h` the
//! constants and inline helpers that kernel headers give and BTF cannot, `bpf/*.h` libbpf's
//! BPF-side headers from the libbpf-sys build.
use crate::base::diag::Sources;

include!(concat!(env!("OUT_DIR"), "/libbpf_headers.rs"));

pub const HELPERS_H: &str = include_str!("../../prelude/helpers.h");
pub const COMPAT_H: &str = include_str!("../../prelude/compat/compat.h");
/// compat.h's header-scoped parts: each is included by the overlay's stand-ins of the kernel
/// headers that bring it (kernel_headers.txt's `@name`), never by the PCH.
pub const COMPAT_FRAGMENTS: &[(&str, &str)] = &[
    ("bccrs/compat/kernel.h", include_str!("../../prelude/compat/kernel.h")),
    ("bccrs/compat/sched.h", include_str!("../../prelude/compat/sched.h")),
    ("bccrs/compat/capability.h", include_str!("../../prelude/compat/capability.h")),
    ("bccrs/compat/fs.h", include_str!("../../prelude/compat/fs.h")),
    ("bccrs/compat/blk.h", include_str!("../../prelude/compat/blk.h")),
    ("bccrs/compat/net.h", include_str!("../../prelude/compat/net.h")),
    ("bccrs/compat/tcp.h", include_str!("../../prelude/compat/tcp.h")),
    ("bccrs/compat/sock.h", include_str!("../../prelude/compat/sock.h")),
    ("bccrs/compat/inet_sock.h", include_str!("../../prelude/compat/inet_sock.h")),
    ("bccrs/compat/timewait.h", include_str!("../../prelude/compat/timewait.h")),
    ("bccrs/compat/tcp_sock.h", include_str!("../../prelude/compat/tcp_sock.h")),
    ("bccrs/compat/udp_sock.h", include_str!("../../prelude/compat/udp_sock.h")),
    ("bccrs/compat/unix_sock.h", include_str!("../../prelude/compat/unix_sock.h")),
    ("bccrs/compat/skbuff.h", include_str!("../../prelude/compat/skbuff.h")),
    ("bccrs/compat/scatterlist.h", include_str!("../../prelude/compat/scatterlist.h")),
];
/// BCC's packet header structs.
pub const PROTO_H: &str = include_str!("../../prelude/bcc/proto.h");
/// Header paths BCC programs include, each with the headers and compat fragments it brings.
pub const KERNEL_HEADERS: &str = include_str!("../../prelude/kernel_headers.txt");

/// Every embedded file as (path under the include dir, contents).
pub fn files() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("bccrs/helpers.h", HELPERS_H), ("bccrs/compat.h", COMPAT_H), ("bcc/proto.h", PROTO_H)];
    v.extend_from_slice(COMPAT_FRAGMENTS);
    v.extend_from_slice(LIBBPF_HEADERS);
    v
}

/// The overlay's stand-ins, as (header path, text): for each line of kernel_headers.txt, an
/// `#include` of every header and `@fragment` it lists.
pub fn kernel_header_stubs() -> impl Iterator<Item = (&'static str, String)> {
    KERNEL_HEADERS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).filter_map(|l| {
        let mut words = l.split_whitespace();
        let name = words.next()?;
        let mut text = String::from("#pragma once\n");
        for w in words {
            match w.strip_prefix('@') {
                Some(frag) => text.push_str(&format!("#include <bccrs/compat/{frag}.h>\n")),
                None => text.push_str(&format!("#include <{w}>\n")),
            }
        }
        Some((name, text))
    })
}

/// How diagnostics name helpers.h (the prelude the user's program is compiled with).
pub const PRELUDE_NAME: &str = "<prelude>";

/// The texts a compile's diagnostics may point into, before the user's file is added.
pub fn sources() -> Sources {
    let mut s = Sources::new();
    s.add(PRELUDE_NAME, HELPERS_H);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every header a stand-in includes is another stand-in, and every `@fragment` exists.
    #[test]
    fn stand_ins_include_only_known_headers() {
        let names: Vec<&str> = kernel_header_stubs().map(|(n, _)| n).collect();
        for (name, text) in kernel_header_stubs() {
            for inc in text.lines().filter_map(|l| l.strip_prefix("#include <")?.strip_suffix('>')) {
                let known = names.contains(&inc) || COMPAT_FRAGMENTS.iter().any(|(f, _)| *f == inc);
                assert!(known, "{name} includes {inc}, which the overlay does not have");
            }
        }
    }

    /// `sk_daddr` comes with <net/sock.h> and what includes it, not with <uapi/linux/ptrace.h>.
    #[test]
    fn kernel_macros_follow_the_include_graph() {
        let stubs: HashMap<&str, String> = kernel_header_stubs().collect();
        let brings = |start: &str, frag: &str| {
            let mut seen = vec![start.to_string()];
            let mut i = 0;
            while i < seen.len() {
                let text = stubs.get(seen[i].as_str()).cloned().unwrap_or_else(|| {
                    COMPAT_FRAGMENTS.iter().find(|(f, _)| *f == seen[i]).map(|(_, t)| t.to_string()).unwrap_or_default()
                });
                for inc in text.lines().filter_map(|l| l.strip_prefix("#include <")?.strip_suffix('>')) {
                    if !seen.iter().any(|s| s == inc) {
                        seen.push(inc.to_string());
                    }
                }
                i += 1;
            }
            seen.iter().any(|s| s == &format!("bccrs/compat/{frag}.h"))
        };
        for h in ["net/sock.h", "net/inet_sock.h", "linux/tcp.h", "net/tcp.h", "linux/udp.h"] {
            assert!(brings(h, "sock"), "{h} brings sk_daddr");
        }
        for h in ["uapi/linux/ptrace.h", "uapi/linux/bpf.h", "linux/sched.h", "linux/fs.h", "linux/blkdev.h"] {
            assert!(!brings(h, "sock"), "{h} does not bring sk_daddr");
        }
        assert!(brings("linux/sched.h", "sched") && brings("linux/fs.h", "sched") && !brings("uapi/linux/ptrace.h", "sched"));
        assert!(brings("net/tcp.h", "tcp") && brings("linux/tcp.h", "tcp_sock") && !brings("net/sock.h", "tcp_sock"));
    }
}
