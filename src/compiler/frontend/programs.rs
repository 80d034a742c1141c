//! Which functions are BPF programs, of what kind, and the libbpf section each one gets.
use super::tracepoint::split_tracepoint_name;

/// How a program's extra parameters (after the context) are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamConvention {
    /// Only the context parameter is allowed.
    None,
    /// `PT_REGS_PARMn(ctx)`: kprobes, uprobes and unprefixed pt_regs programs.
    Regs,
    /// Through the syscall wrapper's inner `struct pt_regs` (x86's `__x64_sys_*` and friends).
    SyscallRegs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub section: String,
    pub params: ParamConvention,
}

/// The syscall entry point prefix of this architecture's kernel (BCC's `fix_syscall_fnname`).
pub fn syscall_prefix() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "__x64_sys_",
        "aarch64" => "__arm64_sys_",
        "s390x" => "__s390x_sys_",
        "riscv64" => "__riscv_sys_",
        _ => "sys_",
    }
}

fn kernel_fn(name: &str) -> String {
    match name.strip_prefix("sys_") {
        Some(rest) => format!("{}{rest}", syscall_prefix()),
        None => name.to_string(),
    }
}

/// `kfunc__vmlinux__f` → `f`, `kfunc__mod__f` → `mod:f` (libbpf's module-qualified form).
fn traced_fn(rest: &str) -> String {
    match rest.split_once("__") {
        Some(("vmlinux", f)) => f.to_string(),
        Some((m, f)) => format!("{m}:{f}"),
        None => rest.to_string(),
    }
}

/// Classifies a non-static function with a body by BCC's name prefixes, else by the type of its
/// first (context) parameter.
pub fn classify(name: &str, ctx_type: Option<&str>) -> Program {
    let p = |section: String, params| Program { section, params };
    if let Some(rest) = name.strip_prefix("kprobe__") {
        // Syscall entry points take the user's registers through a wrapper: read parameters
        // through it (BCC does so only for `kprobe____x64_sys_*`, and reads the wrapper's own
        // registers for `kprobe__sys_*`).
        let syscall = rest.starts_with(syscall_prefix()) || rest.starts_with("sys_");
        let conv = if syscall { ParamConvention::SyscallRegs } else { ParamConvention::Regs };
        return p(format!("kprobe/{}", kernel_fn(rest)), conv);
    }
    if let Some(rest) = name.strip_prefix("kretprobe__") {
        return p(format!("kretprobe/{}", kernel_fn(rest)), ParamConvention::Regs);
    }
    if let Some(rest) = name.strip_prefix("syscall__") {
        return p(format!("kprobe/{}{rest}", syscall_prefix()), ParamConvention::SyscallRegs);
    }
    if name.starts_with("tracepoint__") {
        if let Some((cat, evt)) = split_tracepoint_name(name) {
            return p(format!("tracepoint/{cat}/{evt}"), ParamConvention::None);
        }
    }
    if let Some(rest) = name.strip_prefix("raw_tracepoint__") {
        return p(format!("raw_tp/{rest}"), ParamConvention::None);
    }
    for (prefix, sec) in [("kfunc__", "fentry"), ("kretfunc__", "fexit")] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return p(format!("{sec}/{}", traced_fn(rest)), ParamConvention::None);
        }
    }
    for (prefix, sec) in [("lsm__", "lsm"), ("kmod_ret__", "fmod_ret"), ("bpf_iter__", "iter")] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return p(format!("{sec}/{rest}"), ParamConvention::None);
        }
    }
    let ctx = ctx_type.unwrap_or("").replace("const ", "");
    let ctx = ctx.trim();
    let by_ctx = match ctx {
        "struct pt_regs *" => return p("kprobe".into(), ParamConvention::Regs),
        "struct __sk_buff *" => "socket",
        "struct xdp_md *" => "xdp",
        "struct bpf_perf_event_data *" => "perf_event",
        "struct bpf_raw_tracepoint_args *" => "raw_tp",
        "struct bpf_sock_ops *" => "sockops",
        "struct sk_msg_md *" => "sk_msg",
        "struct bpf_sock_addr *" => "cgroup/connect4",
        "struct bpf_sock *" => "cgroup/sock",
        "struct bpf_sysctl *" => "cgroup/sysctl",
        "struct bpf_sockopt *" => "cgroup/getsockopt",
        "struct bpf_cgroup_dev_ctx *" => "cgroup/dev",
        "struct sk_reuseport_md *" => "sk_reuseport",
        "struct bpf_flow_keys *" => "flow_dissector",
        c if c.starts_with("struct tracepoint__") => "tracepoint",
        _ => return p("kprobe".into(), ParamConvention::Regs),
    };
    p(by_ctx.into(), ParamConvention::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_prefix() {
        assert_eq!(classify("kprobe__tcp_v4_connect", None).section, "kprobe/tcp_v4_connect");
        assert_eq!(classify("kprobe__sys_clone", None).section, format!("kprobe/{}clone", syscall_prefix()));
        assert_eq!(classify("tracepoint__sched__sched_switch", None).section, "tracepoint/sched/sched_switch");
        assert_eq!(classify("raw_tracepoint__sys_enter", None).section, "raw_tp/sys_enter");
        assert_eq!(classify("kfunc__vmlinux__do_unlinkat", None).section, "fentry/do_unlinkat");
        assert_eq!(classify("kretfunc__vmlinux__do_unlinkat", None).section, "fexit/do_unlinkat");
        assert_eq!(classify("lsm__bpf", None).section, "lsm/bpf");
        assert_eq!(classify("syscall__execve", None).params, ParamConvention::SyscallRegs);
    }

    #[test]
    fn sections_by_context_type() {
        assert_eq!(classify("f", Some("struct xdp_md *")).section, "xdp");
        assert_eq!(classify("f", Some("struct __sk_buff *")).section, "socket");
        assert_eq!(classify("f", Some("struct pt_regs *")), Program { section: "kprobe".into(), params: ParamConvention::Regs });
        assert_eq!(classify("f", Some("struct bpf_perf_event_data *")).section, "perf_event");
    }
}
