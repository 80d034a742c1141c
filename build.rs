//! Embeds libbpf's BPF-side headers (from the libbpf-sys build) so bccrs needs no libbpf-dev at run time.
use std::{env, fs, path::PathBuf};

const HEADERS: &[&str] = &[
    "bpf_helpers.h",
    "bpf_helper_defs.h",
    "bpf_core_read.h",
    "bpf_tracing.h",
    "bpf_endian.h",
    "usdt.bpf.h",
];

fn main() {
    let include = PathBuf::from(env::var("DEP_BPF_INCLUDE").expect("libbpf-sys exports its include dir"));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let mut list = String::from("pub const LIBBPF_HEADERS: &[(&str, &str)] = &[\n");
    for h in HEADERS {
        let src = include.join("bpf").join(h);
        let dst = out.join(h);
        fs::copy(&src, &dst).unwrap_or_else(|e| panic!("copy {}: {e}", src.display()));
        list.push_str(&format!("    (\"bpf/{h}\", include_str!(concat!(env!(\"OUT_DIR\"), \"/{h}\"))),\n"));
    }
    list.push_str("];\n");
    fs::write(out.join("libbpf_headers.rs"), list).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}
