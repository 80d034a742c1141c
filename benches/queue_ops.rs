//! Cost of one BPF-side push / pop on bccrs's per-CPU queue (array of maps: look up the running
//! CPU's instance, then the kernel queue helper) against a plain BPF_QUEUE. Timed by the kernel:
//! BPF_PROG_TEST_RUN with `repeat` on XDP programs (raw_tp and syscall programs take no `repeat`)
//! that do OPS operations each; an empty program's time is subtracted.
//! Run as root: `cargo bench --bench queue_ops`.
use bccrs::compiler::Options;
use bccrs::runtime::load::Loaded;
use std::os::fd::{AsFd, AsRawFd};

const OPS: u32 = 32;
const REPEAT: u32 = 20_000; // OPS * REPEAT values fit in the queues
const TRIALS: usize = 7;

fn program() -> String {
    format!(
        r#"
#define OPS {OPS}
BPF_QUEUE(q, u64, 1048576);
BPF_PERCPU_QUEUE(pq, u64, 1048576);

int empty(struct xdp_md *ctx) {{ return XDP_PASS; }}

int q_push(struct xdp_md *ctx) {{
    int failed = 0;
    for (u64 i = 0; i < OPS; i++) failed |= q.push(&i);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
int q_peek(struct xdp_md *ctx) {{
    int failed = 0;
    u64 v;
    for (int i = 0; i < OPS; i++) failed |= q.peek(&v);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
int q_pop(struct xdp_md *ctx) {{
    int failed = 0;
    u64 v;
    for (int i = 0; i < OPS; i++) failed |= q.pop(&v);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
int pq_push(struct xdp_md *ctx) {{
    int failed = 0;
    for (u64 i = 0; i < OPS; i++) failed |= pq.push(&i);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
int pq_peek(struct xdp_md *ctx) {{
    int failed = 0;
    u64 v;
    for (int i = 0; i < OPS; i++) failed |= pq.peek(&v);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
int pq_pop(struct xdp_md *ctx) {{
    int failed = 0;
    u64 v;
    for (int i = 0; i < OPS; i++) failed |= pq.pop(&v);
    return failed ? XDP_ABORTED : XDP_PASS;
}}
"#
    )
}

/// The kernel's average time of one run (ns), over `repeat` runs on the calling CPU.
fn time_run(fd: i32, repeat: u32) -> f64 {
    let data = [0u8; 64];
    let mut o: libbpf_sys::bpf_test_run_opts = unsafe { std::mem::zeroed() };
    o.sz = std::mem::size_of::<libbpf_sys::bpf_test_run_opts>() as _;
    o.data_in = data.as_ptr() as *const _;
    o.data_size_in = data.len() as u32;
    o.repeat = repeat as i32;
    let r = unsafe { libbpf_sys::bpf_prog_test_run_opts(fd, &mut o) };
    assert_eq!(r, 0, "BPF_PROG_TEST_RUN: {}", std::io::Error::from_raw_os_error(-r));
    assert_eq!(o.retval, 2, "XDP_PASS: every operation of the program succeeded");
    o.duration as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too (without --bench): nothing to do there.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("queue_ops: a benchmark; run it with `cargo bench --bench queue_ops`");
        return;
    }
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("queue_ops: needs root (loads BPF programs)");
        return;
    }
    // One CPU throughout, so the per-CPU queue's pops find the values its pushes left.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(0, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
    let l = Loaded::from_source("queue_ops.c", &program(), &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let fd = |name: &str| l.object.progs().find(|p| p.name() == name).unwrap_or_else(|| panic!("no {name}")).as_fd().as_raw_fd();
    let base = median((0..TRIALS).map(|_| time_run(fd("empty"), REPEAT)).collect());
    let per_op = |ns: f64| (ns - base) / OPS as f64;

    println!("queue_ops: ns per BPF-side operation (XDP test_run, {REPEAT} runs x {OPS} ops, median of {TRIALS}; empty program {base:.1} ns subtracted)");
    println!("  {:<8} {:>12} {:>16} {:>10}", "op", "BPF_QUEUE", "BPF_PERCPU_QUEUE", "extra");
    // Each trial fills the queues (push), reads the front (peek), then drains them (pop): every
    // operation succeeds (a failed one would make the program return XDP_ABORTED).
    let mut t: Vec<Vec<f64>> = vec![vec![]; 6];
    for _ in 0..TRIALS {
        for (i, prog) in ["q_push", "pq_push", "q_peek", "pq_peek", "q_pop", "pq_pop"].iter().enumerate() {
            t[i].push(per_op(time_run(fd(prog), REPEAT)));
        }
    }
    let m: Vec<f64> = t.into_iter().map(median).collect();
    let rows = [("push", m[0], m[1]), ("peek", m[2], m[3]), ("pop", m[4], m[5])];
    for (op, q, pq) in rows {
        println!("  {op:<8} {q:>12.1} {pq:>16.1} {:>+10.1}", pq - q);
    }
}
