//! Headers embedded in the bccrs binary and laid out in the cache for clang and libclang.
//!
//! `bccrs/helpers.h` is BCC's macro prelude (see prelude/helpers.h), `bccrs/compat.h` the
//! constants and inline helpers that kernel headers give and BTF cannot, `bpf/*.h` libbpf's
//! BPF-side headers from the libbpf-sys build.
use crate::base::diag::Sources;

include!(concat!(env!("OUT_DIR"), "/libbpf_headers.rs"));

pub const HELPERS_H: &str = include_str!("../../prelude/helpers.h");
pub const COMPAT_H: &str = include_str!("../../prelude/compat/compat.h");
/// BCC's packet header structs.
pub const PROTO_H: &str = include_str!("../../prelude/bcc/proto.h");
/// Header paths BCC programs include; each resolves to an empty file because vmlinux.h and
/// compat.h already supply what it would.
pub const KERNEL_HEADERS: &str = include_str!("../../prelude/kernel_headers.txt");

/// Every embedded file as (path under the include dir, contents).
pub fn files() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("bccrs/helpers.h", HELPERS_H), ("bccrs/compat.h", COMPAT_H), ("bcc/proto.h", PROTO_H)];
    v.extend_from_slice(LIBBPF_HEADERS);
    v
}

/// The overlay's header names: non-empty, non-comment lines of kernel_headers.txt.
pub fn kernel_header_names() -> impl Iterator<Item = &'static str> {
    KERNEL_HEADERS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// How diagnostics name helpers.h (the prelude the user's program is compiled with).
pub const PRELUDE_NAME: &str = "<prelude>";

/// The texts a compile's diagnostics may point into, before the user's file is added.
pub fn sources() -> Sources {
    let mut s = Sources::new();
    s.add(PRELUDE_NAME, HELPERS_H);
    s
}
