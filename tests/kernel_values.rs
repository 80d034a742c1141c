//! Programs attached to the live kernel, triggered, and their maps read back exactly.
mod common;
use common::*;

#[test]
fn tracepoint_counts_getpid_calls_per_process() {
    require_root();
    let obj = load(&compile(std::path::Path::new("fixtures/hello_count.c"))).unwrap();
    let _links = attach_all(&obj);
    let child = in_child(|| {
        for _ in 0..1234 {
            unsafe { libc::syscall(libc::SYS_getpid) };
        }
    });
    let v = map_lookup(&obj, "counts", &child.to_ne_bytes()).expect("child's tgid is counted");
    assert_eq!(u64_of(&v), 1234);
}

/// Kernel headers are not installed: `linux/sched.h` and `net/sock.h` resolve to bccrs's overlay
/// and the types come from BTF. The values read must be the real ones.
#[test]
fn explicit_probe_reads_through_btf_types() {
    require_root();
    let src = r#"
#include <linux/sched.h>
#include <net/sock.h>

struct ids_t { u32 tgid; u32 parent_tgid; };
BPF_HASH(ids, u32, struct ids_t);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid)
{
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct task_struct *parent = NULL;
    struct ids_t v = {};
    bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
    bpf_probe_read_kernel(&v.parent_tgid, sizeof(v.parent_tgid), &parent->tgid);
    bpf_probe_read_kernel(&v.tgid, sizeof(v.tgid), &task->tgid);
    ids.update(&v.tgid, &v);
    return 0;
}

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk)
{
    u16 dport = 0;
    bpf_probe_read_kernel(&dport, sizeof(dport), &sk->__sk_common.skc_dport);
    return dport;
}
"#;
    let obj = load(&compile_text("probe_reads.c", src)).unwrap();
    let link = obj
        .progs_mut()
        .find(|p| p.name() == "tracepoint__syscalls__sys_enter_getppid")
        .unwrap()
        .attach()
        .unwrap();
    let child = in_child(|| unsafe {
        libc::syscall(libc::SYS_getppid);
    });
    drop(link);
    let v = map_lookup(&obj, "ids", &child.to_ne_bytes()).expect("the child's getppid was seen");
    let tgid = u32::from_ne_bytes(v[0..4].try_into().unwrap());
    let parent = u32::from_ne_bytes(v[4..8].try_into().unwrap());
    assert_eq!(tgid, child);
    assert_eq!(parent, std::process::id());
}

/// Dereferences written as in BCC programs, without probe reads, read the real values: the
/// process's pid, its parent's, its name, an array element at index 3, the mm's argument area
/// and the name of a file it opened (through `files->fdt->fd[fd]`).
#[test]
fn implicit_reads_read_the_real_values() {
    require_root();
    let wl = workload();
    let path = format!("/tmp/bccrs-implicit-{}", std::process::id());
    let (code, out, err, runner) =
        bccrs_run_pid(&["tests/programs/implicit_reads.c", "--format", "json", "--", wl.to_str().unwrap(), "open", &path]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0, "{err}");
    let (pid, doc) = pid_and_json(&out);
    let facts = entries(&doc, "facts");
    let f = &facts.iter().find(|(k, _)| k.as_u64() == Some(pid as u64)).expect("the workload's openat was seen").1;
    assert_eq!(f["tgid"], pid);
    assert_eq!(f["parent_tgid"], runner, "the parent is `bccrs run`: {f}");
    assert_eq!(f["comm"], "bccrs-wl");
    assert_eq!(f["comm3"], b'r' as i64);
    let args_len: usize = [wl.to_str().unwrap(), "open", &path].iter().map(|a| a.len() + 1).sum();
    assert_eq!(f["args_len"], args_len as u64);
    assert_eq!(f["name"], path.rsplit('/').next().unwrap());
}

/// `<bcc/proto.h>` header fields read the right bits of a real packet (BPF_PROG_TEST_RUN on the
/// socket filter with an Ethernet + IPv4 + TCP SYN to port 0x1f90).
#[test]
fn packet_header_fields_read_the_right_bits() {
    require_root();
    let obj = load(&compile(std::path::Path::new("tests/rewrite/packet_headers.c"))).unwrap();
    let prog = obj.progs_mut().find(|p| p.name() == "filter").unwrap();
    let mut pkt = vec![0u8; 14 + 20 + 20];
    pkt[12..14].copy_from_slice(&[0x08, 0x00]); // IPv4
    pkt[14] = 0x45; // version 4, header length 5 words
    pkt[14 + 8] = 17; // ttl
    pkt[14 + 9] = 6; // TCP
    pkt[34 + 2..34 + 4].copy_from_slice(&[0x1f, 0x90]); // destination port 8080
    pkt[34 + 12] = 0x50; // data offset
    pkt[34 + 13] = 0x02; // SYN
    let input = libbpf_rs::ProgramInput { data_in: Some(&pkt), ..Default::default() };
    let out = prog.test_run(input).unwrap();
    assert_eq!(out.return_value, (4 << 24) | (5 << 16) | 0x1f00 | (1 << 1), "{:#x}", out.return_value);
    let v = map_lookup(&obj, "protos", &6u32.to_ne_bytes()).expect("TCP counted");
    assert_eq!(u64_of(&v), 1);
}

/// The Internet checksum (RFC 1071) of `data`, folded, not complemented.
fn ones_sum(data: &[u8], mut acc: u32) -> u32 {
    for c in data.chunks(2) {
        acc += u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0));
    }
    while acc >> 16 != 0 {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc
}

/// BCC's `incr_cksum_l3/l4` after packet writes (tc, BPF_PROG_TEST_RUN): the rewritten packet
/// has the new destination and port, and both checksums verify.
#[test]
fn packet_writes_and_incremental_checksums() {
    require_root();
    let obj = load(&compile(std::path::Path::new("tests/rewrite/packet_checksums.c"))).unwrap();
    let prog = obj.progs_mut().find(|p| p.name() == "nat").unwrap();
    // Ethernet + IPv4 (192.168.1.1 → 192.168.1.2) + UDP 1000 → 53 with 4 bytes of payload.
    let mut pkt = vec![0u8; 14 + 20 + 8 + 4];
    pkt[12..14].copy_from_slice(&[0x08, 0x00]);
    let ip = 14;
    pkt[ip] = 0x45;
    pkt[ip + 2..ip + 4].copy_from_slice(&32u16.to_be_bytes());
    pkt[ip + 8] = 64;
    pkt[ip + 9] = 17;
    pkt[ip + 12..ip + 16].copy_from_slice(&[192, 168, 1, 1]);
    pkt[ip + 16..ip + 20].copy_from_slice(&[192, 168, 1, 2]);
    let sum = !ones_sum(&pkt[ip..ip + 20], 0) as u16;
    pkt[ip + 10..ip + 12].copy_from_slice(&sum.to_be_bytes());
    let udp = ip + 20;
    pkt[udp..udp + 2].copy_from_slice(&1000u16.to_be_bytes());
    pkt[udp + 2..udp + 4].copy_from_slice(&53u16.to_be_bytes());
    pkt[udp + 4..udp + 6].copy_from_slice(&12u16.to_be_bytes());
    pkt[udp + 8..].copy_from_slice(b"ping");
    // UDP checksum over the pseudo header (addresses, protocol, length) and the datagram.
    let udp_sum = |p: &[u8]| {
        let mut pseudo = p[ip + 12..ip + 20].to_vec();
        pseudo.extend_from_slice(&[0, 17]);
        pseudo.extend_from_slice(&p[udp + 4..udp + 6]);
        ones_sum(&p[udp..], ones_sum(&pseudo, 0))
    };
    let s = !udp_sum(&pkt) as u16;
    pkt[udp + 6..udp + 8].copy_from_slice(&s.to_be_bytes());
    assert_eq!(ones_sum(&pkt[ip..ip + 20], 0), 0xffff, "the input's IP checksum verifies");
    assert_eq!(udp_sum(&pkt), 0xffff, "the input's UDP checksum verifies");

    let mut out = vec![0u8; pkt.len()];
    let input = libbpf_rs::ProgramInput { data_in: Some(&pkt), data_out: Some(&mut out), ..Default::default() };
    let r = prog.test_run(input).unwrap();
    assert_eq!(r.return_value, 0, "the program reached its end");
    assert_eq!(&out[ip + 16..ip + 20], &[10, 0, 0, 2], "new destination");
    assert_eq!(&out[udp + 2..udp + 4], &5353u16.to_be_bytes(), "new port");
    assert_ne!(&out[ip + 10..ip + 12], &pkt[ip + 10..ip + 12], "the IP checksum changed");
    assert_eq!(ones_sum(&out[ip..ip + 20], 0), 0xffff, "the IP checksum verifies");
    assert_eq!(udp_sum(&out), 0xffff, "the UDP checksum verifies");
}

/// Kernel pointers kept in pointers to pointers (`*pp = sk`, `**ppp = sk`, a static helper taking
/// `struct sock ***`, an out-parameter, `*(&sk->f)`, `&*sk`, `pp[0]`, `*(sk->ptr)`,
/// `*(fdt->fd + n)`, and `ntohs(sk->sk_dport)`) read the connecting socket's real destination
/// address and port.
#[test]
fn reads_through_pointers_to_pointers() {
    use libbpf_rs::MapCore;
    require_root();
    let obj = load(&compile(std::path::Path::new("tests/programs/pointer_reads.c"))).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0) };
    assert!(fd >= 0);
    let want = obj.maps().find(|m| m.name() == "want_fd").unwrap();
    want.update(&0u32.to_ne_bytes(), &fd.to_ne_bytes(), libbpf_rs::MapFlags::ANY).unwrap();
    let links = attach_all(&obj);
    let addr = libc::sockaddr_in {
        sin_family: libc::AF_INET as u16,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr { s_addr: u32::from_ne_bytes([127, 0, 0, 1]) },
        sin_zero: [0; 8],
    };
    let rc = unsafe { libc::connect(fd, &addr as *const _ as *const libc::sockaddr, std::mem::size_of_val(&addr) as u32) };
    unsafe { libc::close(fd) };
    assert_eq!(rc, 0, "connect: {}", std::io::Error::last_os_error());
    drop(links);
    let loopback = u64::from(u32::from_ne_bytes([127, 0, 0, 1]));
    let dport = u64::from(port.to_be());
    let want: [u64; 11] = [loopback, loopback, loopback, loopback, dport, loopback, loopback, 2 * dport, 1, 1, u64::from(port)];
    for (shape, w) in want.iter().enumerate() {
        let k = (u32::from(port) << 4) | shape as u32;
        let v = map_lookup(&obj, "seen", &k.to_ne_bytes()).unwrap_or_else(|| panic!("shape {shape} recorded nothing"));
        assert_eq!(u64_of(&v), *w, "shape {shape}");
    }
}

/// `<bcc/proto.h>` fields in every packet context (BPF_PROG_TEST_RUN with one Ethernet + IPv4
/// packet, ttl 17; 21 in the copy socket filters see): a `void *ctx` socket filter reading them in `bpf_trace_printk` and macro
/// arguments, a `struct __sk_buff *` one, a `void *ctx` writer (tc), and XDP reads and writes.
#[test]
fn packet_fields_in_every_packet_context() {
    require_root();
    let obj = load(&compile(std::path::Path::new("tests/rewrite/packet_context.c"))).unwrap();
    let mut pkt = vec![0u8; 14 + 14 + 20];
    pkt[12..14].copy_from_slice(&[0x08, 0x00]);
    pkt[14] = 0x45;
    pkt[14 + 8] = 17;
    pkt[14 + 9] = 6;
    // A socket filter's test run sees the packet from the network header (the kernel pulls the
    // Ethernet header first): it finds a second copy of the headers there, with ttl 21.
    pkt[14 + 12..14 + 14].copy_from_slice(&[0x08, 0x00]);
    pkt[28 + 8] = 21;
    let run = |name: &str| {
        let prog = obj.progs_mut().find(|p| p.name() == name).unwrap();
        let mut out = vec![0u8; pkt.len()];
        let input = libbpf_rs::ProgramInput { data_in: Some(&pkt), data_out: Some(&mut out), ..Default::default() };
        let r = prog.test_run(input).unwrap_or_else(|e| panic!("{name}: {e}"));
        (r.return_value, out)
    };
    assert_eq!(run("handle_packet").0, 21 << 16 | 0x0800);
    assert_eq!(run("skb_ttl").0, 21 + 1);
    let (ttl, out) = run("set_ttl");
    assert_eq!((ttl, out[14 + 8]), (18, 18), "the tc program wrote ttl + 1");
    let (r, out) = run("xdp_fields");
    assert_eq!(r, 33 << 24 | 4 << 20 | 6 << 16 | 6 << 8, "{r:#x}");
    assert_eq!((out[14], out[14 + 8], out[14 + 9]), (0x46, 33, 6), "XDP wrote ttl and header length, kept the rest");
}

/// Kernel field-name macros exist only after their header: a program's own `struct sock` with
/// `sk_daddr`, `sk_num` and `sk_dport` (and only <uapi/linux/ptrace.h>) stores its own layout.
#[test]
fn own_struct_with_kernel_field_names_keeps_its_layout() {
    require_root();
    let obj = load(&compile(std::path::Path::new("tests/programs/own_kernel_fields.c"))).unwrap();
    let _links = attach_all(&obj);
    let child = in_child(|| unsafe {
        libc::syscall(libc::SYS_getppid);
    });
    let v = map_lookup(&obj, "socks", &child.to_ne_bytes()).expect("the child's getppid was seen");
    assert_eq!(v.len(), 8, "u32 + u16 + u16");
    assert_eq!(u32::from_ne_bytes(v[0..4].try_into().unwrap()), child);
    assert_eq!(u16::from_ne_bytes(v[4..6].try_into().unwrap()), 0x1234);
    assert_eq!(u16::from_ne_bytes(v[6..8].try_into().unwrap()), 0x1235);
}

/// compat's socket-buffer accessor macros (`ip_hdr`, `udp_hdr`, `ip_hdrlen`, `skb_*_offset`…)
/// read through the kernel pointer they are given: computed values and pointers derived inside
/// the macro's body are read right, at `net_dev_queue` of a loopback UDP datagram.
#[test]
fn skb_accessor_macros_read_the_packet() {
    require_root();
    let src = r#"
#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/udp.h>
struct seen_t { u32 daddr, proto, ihl, net_off, tr_off, headlen, mac_set, dport; };
BPF_HASH(seen, u32, struct seen_t);
RAW_TRACEPOINT_PROBE(net_dev_queue)
{
    struct sk_buff *skb = (struct sk_buff *)ctx->args[0];
    struct iphdr *ip = ip_hdr(skb);
    if (ip->protocol != IPPROTO_UDP || udp_hdr(skb)->dest != htons(PORT))
        return 0;
    struct seen_t s = {};
    s.daddr = ip->daddr;
    s.proto = ip->protocol;
    s.ihl = ip_hdrlen(skb);
    s.net_off = skb_network_offset(skb);
    s.tr_off = skb_transport_offset(skb);
    s.headlen = skb_headlen(skb);
    s.mac_set = skb_mac_header_was_set(skb);
    s.dport = ntohs(udp_hdr(skb)->dest);
    u32 k = 0;
    seen.update(&k, &s);
    return 0;
}
"#;
    let port: u16 = 47_913;
    let src = src.replace("PORT", &port.to_string());
    let obj = load(&compile_text("skb_macros.c", &src)).unwrap();
    let _links = attach_all(&obj);
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.send_to(&[7u8; 100], ("127.0.0.1", port)).unwrap();
    let v = map_lookup(&obj, "seen", &0u32.to_ne_bytes()).expect("the datagram was seen");
    let f: Vec<u32> = v.chunks(4).map(|c| u32::from_ne_bytes(c.try_into().unwrap())).collect();
    // daddr 127.0.0.1 in network order; UDP; a 20-byte IP header after a 14-byte Ethernet
    // header (loopback's); the whole 14 + 20 + 8 + 100 bytes in the linear part.
    assert_eq!(f, vec![u32::from_ne_bytes([127, 0, 0, 1]), 17, 20, 14, 34, 142, 1, port as u32]);
}
