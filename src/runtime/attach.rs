//! Attaching loaded programs: by section (the dialect's naming conventions) and by explicit
//! `--attach` specifications (uprobes, kprobes, tracepoints).
use libbpf_rs::{Link, Object, UprobeOpts};
use std::path::{Path, PathBuf};

/// One attachment's outcome; the link detaches when dropped.
pub struct Attachment {
    pub program: String,
    pub target: String,
    pub link: Result<Link, String>,
}

/// An `--attach` argument: `KIND:TARGET=PROGRAM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Uprobe { ret: bool, binary: PathBuf, symbol: String, program: String },
    Kprobe { ret: bool, function: String, program: String },
    Tracepoint { category: String, event: String, program: String },
    RawTracepoint { name: String, program: String },
    /// A USDT probe: `usdt:/path/bin:provider:name=prog`.
    Usdt { binary: PathBuf, provider: String, name: String, program: String },
    /// A sampling perf event on every CPU: `perf:cpu-clock:99=prog` (99 Hz).
    PerfEvent { event: String, freq: u64, program: String },
}

impl Spec {
    pub fn program(&self) -> &str {
        match self {
            Spec::Uprobe { program, .. }
            | Spec::Kprobe { program, .. }
            | Spec::Tracepoint { program, .. }
            | Spec::RawTracepoint { program, .. }
            | Spec::PerfEvent { program, .. }
            | Spec::Usdt { program, .. } => program,
        }
    }
}

/// Parses `uprobe:/usr/bin/bash:readline=fn`, `uretprobe:…`, `kprobe:do_sys_open=fn`,
/// `kretprobe:…`, `tracepoint:sched:sched_switch=fn`, `raw_tracepoint:sched_switch=fn`.
pub fn parse_spec(s: &str) -> Result<Spec, String> {
    let usage = || {
        format!(
            "invalid --attach `{s}`: expected KIND:TARGET=PROGRAM with KIND one of uprobe, uretprobe, \
             kprobe, kretprobe, tracepoint, raw_tracepoint, usdt, perf (e.g. uprobe:/usr/bin/bash:readline=on_readline, \
             perf:cpu-clock:99=on_sample)"
        )
    };
    let (lhs, program) = s.rsplit_once('=').ok_or_else(usage)?;
    let (kind, target) = lhs.split_once(':').ok_or_else(usage)?;
    let program = program.trim().to_string();
    if program.is_empty() || target.is_empty() {
        return Err(usage());
    }
    Ok(match kind {
        "uprobe" | "uretprobe" => {
            let (binary, symbol) = target.rsplit_once(':').ok_or_else(usage)?;
            Spec::Uprobe { ret: kind == "uretprobe", binary: binary.into(), symbol: symbol.into(), program }
        }
        "kprobe" | "kretprobe" => Spec::Kprobe { ret: kind == "kretprobe", function: target.into(), program },
        "tracepoint" | "tp" => {
            let (category, event) = target.split_once(':').ok_or_else(usage)?;
            Spec::Tracepoint { category: category.into(), event: event.into(), program }
        }
        "raw_tracepoint" | "raw_tp" => Spec::RawTracepoint { name: target.into(), program },
        "usdt" => {
            let mut parts = target.rsplitn(3, ':');
            let (name, provider, binary) = (parts.next(), parts.next(), parts.next());
            let (Some(name), Some(provider), Some(binary)) = (name, provider, binary) else { return Err(usage()) };
            Spec::Usdt { binary: binary.into(), provider: provider.into(), name: name.into(), program }
        }
        "perf" => {
            let (event, freq) = target.split_once(':').ok_or_else(usage)?;
            let freq = freq.parse().map_err(|_| usage())?;
            perf_type(event).ok_or_else(|| format!("unknown perf event `{event}`: use cpu-clock, task-clock, cycles or instructions"))?;
            Spec::PerfEvent { event: event.into(), freq, program }
        }
        _ => return Err(usage()),
    })
}

/// Sections libbpf can attach without more information.
fn auto_attachable(section: &str) -> bool {
    ["kprobe/", "kretprobe/", "tracepoint/", "tp/", "raw_tp/", "raw_tracepoint/", "fentry/", "fexit/", "lsm/", "fmod_ret/"]
        .iter()
        .any(|p| section.starts_with(p))
}

fn kprobes_supported() -> bool {
    Path::new("/sys/bus/event_source/devices/kprobe").exists()
}

/// /proc/kallsyms, read once per process.
fn kallsyms() -> Option<&'static str> {
    static SYMS: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SYMS.get_or_init(|| std::fs::read_to_string("/proc/kallsyms").ok()).as_deref()
}

/// `name.isra.0`, `name.constprop.0`, `name.part.0`… when the compiler renamed the function.
pub fn renamed_kernel_symbol(name: &str) -> Option<String> {
    let syms = kallsyms()?;
    syms.lines().filter_map(|l| l.split_whitespace().nth(2)).find_map(|s| {
        let rest = s.strip_prefix(name)?.strip_prefix('.')?;
        let suffix = rest.split('.').next()?;
        matches!(suffix, "isra" | "constprop" | "part" | "cold" | "llvm").then(|| s.to_string())
    })
}

/// The kernel symbol a kprobe on `name` should use: `name` itself when kallsyms has it (or
/// cannot be read), else its compiler-renamed form.
fn kprobe_target(name: &str) -> String {
    let Some(syms) = kallsyms() else { return name.to_string() };
    let exact = syms.lines().any(|l| l.split_whitespace().nth(2) == Some(name));
    if exact {
        name.to_string()
    } else {
        renamed_kernel_symbol(name).unwrap_or_else(|| name.to_string())
    }
}

fn kprobe_error(target: &str, e: &libbpf_rs::Error) -> String {
    if kprobes_supported() {
        format!("cannot attach kprobe to {target}: {e}")
    } else {
        format!(
            "cannot attach kprobe to {target}: this kernel has no kprobe support \
             (no /sys/bus/event_source/devices/kprobe; CONFIG_KPROBES or CONFIG_KPROBE_EVENTS is off)"
        )
    }
}

/// Attaches every program whose section names its target, except those in `skip`.
pub fn attach_by_section(obj: &Object, skip: &[&str]) -> Vec<Attachment> {
    let mut out = Vec::new();
    for prog in obj.progs_mut() {
        let name = prog.name().to_string_lossy().into_owned();
        let section = prog.section().to_string_lossy().into_owned();
        if skip.contains(&name.as_str()) || !auto_attachable(&section) {
            continue;
        }
        let mut target = section.split_once('/').map_or(section.clone(), |(_, t)| t.to_string());
        let link = if let Some(f) = section.strip_prefix("kprobe/").or_else(|| section.strip_prefix("kretprobe/")) {
            let ret = section.starts_with("kretprobe/");
            target = kprobe_target(f);
            prog.attach_kprobe(ret, &target).map_err(|e| kprobe_error(&target, &e))
        } else {
            prog.attach().map_err(|e| format!("cannot attach {section}: {e}"))
        };
        out.push(Attachment { program: name, target, link });
    }
    out
}

const PERF_FLAG_FD_CLOEXEC: libc::c_ulong = 1 << 3;

/// (perf type, config) of the events `perf:` accepts.
fn perf_type(event: &str) -> Option<(u32, u64)> {
    Some(match event {
        "cpu-clock" => (libbpf_sys::PERF_TYPE_SOFTWARE, libbpf_sys::PERF_COUNT_SW_CPU_CLOCK as u64),
        "task-clock" => (libbpf_sys::PERF_TYPE_SOFTWARE, libbpf_sys::PERF_COUNT_SW_TASK_CLOCK as u64),
        "cycles" => (libbpf_sys::PERF_TYPE_HARDWARE, libbpf_sys::PERF_COUNT_HW_CPU_CYCLES as u64),
        "instructions" => (libbpf_sys::PERF_TYPE_HARDWARE, libbpf_sys::PERF_COUNT_HW_INSTRUCTIONS as u64),
        _ => return None,
    })
}

/// Opens the sampling event on each online CPU and attaches the program to each.
fn attach_perf(prog: &libbpf_rs::ProgramMut, event: &str, freq: u64, pid: i32) -> Result<Vec<Link>, String> {
    let (ty, config) = perf_type(event).ok_or_else(|| format!("unknown perf event {event}"))?;
    let ncpu = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_CONF) }.max(1) as i32;
    let mut links = Vec::new();
    for cpu in 0..ncpu {
        let mut attr = libbpf_sys::perf_event_attr { type_: ty, config, ..Default::default() };
        attr.size = std::mem::size_of::<libbpf_sys::perf_event_attr>() as u32;
        attr.__bindgen_anon_1.sample_freq = freq;
        attr.set_freq(1);
        let fd = unsafe { libc::syscall(libc::SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC) } as i32;
        if fd < 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::ENODEV) {
                continue; // offline CPU
            }
            return Err(format!("perf_event_open({event}) on CPU {cpu}: {e}"));
        }
        match prog.attach_perf_event(fd) {
            Ok(l) => links.push(l),
            Err(e) => {
                unsafe { libc::close(fd) };
                return Err(format!("cannot attach to perf event {event}: {e}"));
            }
        }
    }
    Ok(links)
}

/// Attaches one explicit specification; `pid` limits uprobes to a process (-1: all).
pub fn attach_spec(obj: &Object, spec: &Spec, pid: i32) -> Vec<Attachment> {
    if let Spec::PerfEvent { event, freq, program } = spec {
        let Some(prog) = obj.progs_mut().find(|p| p.name() == program.as_str()) else {
            return vec![Attachment { program: program.clone(), target: String::new(), link: Err(format!("no program named `{program}`")) }];
        };
        let target = format!("perf {event} at {freq} Hz");
        return match attach_perf(&prog, event, *freq, pid) {
            Ok(links) => links.into_iter().map(|l| Attachment { program: program.clone(), target: target.clone(), link: Ok(l) }).collect(),
            Err(e) => vec![Attachment { program: program.clone(), target, link: Err(e) }],
        };
    }
    vec![attach_one(obj, spec, pid)]
}

fn attach_one(obj: &Object, spec: &Spec, pid: i32) -> Attachment {
    let program = spec.program().to_string();
    let Some(prog) = obj.progs_mut().find(|p| p.name() == program.as_str()) else {
        return Attachment { program: program.clone(), target: String::new(), link: Err(format!("no program named `{program}`")) };
    };
    let (target, link) = match spec {
        Spec::Uprobe { ret, binary, symbol, .. } => {
            let opts = UprobeOpts { retprobe: *ret, func_name: Some(symbol.clone()), ..Default::default() };
            let t = format!("{}:{symbol}", binary.display());
            let l = prog.attach_uprobe_with_opts(pid, binary, 0, opts).map_err(|e| format!("cannot attach uprobe {t}: {e}"));
            (t, l)
        }
        Spec::Kprobe { ret, function, .. } => {
            let t = kprobe_target(function);
            let l = prog.attach_kprobe(*ret, &t).map_err(|e| kprobe_error(&t, &e));
            (t, l)
        }
        Spec::Tracepoint { category, event, .. } => {
            let t = format!("{category}:{event}");
            let l = prog
                .attach_tracepoint(libbpf_rs::TracepointCategory::Custom(category.clone()), event)
                .map_err(|e| format!("cannot attach tracepoint {t}: {e}"));
            (t, l)
        }
        Spec::RawTracepoint { name, .. } => {
            (name.clone(), prog.attach_raw_tracepoint(name).map_err(|e| format!("cannot attach raw tracepoint {name}: {e}")))
        }
        Spec::Usdt { binary, provider, name, .. } => {
            let t = format!("{}:{provider}:{name}", binary.display());
            let l = prog.attach_usdt(pid, binary, provider, name).map_err(|e| format!("cannot attach USDT probe {t}: {e}"));
            (t, l)
        }
        Spec::PerfEvent { .. } => unreachable!("handled by attach_spec"),
    };
    Attachment { program, target, link }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        assert_eq!(
            parse_spec("uprobe:/usr/bin/bash:readline=probe_fn").unwrap(),
            Spec::Uprobe { ret: false, binary: "/usr/bin/bash".into(), symbol: "readline".into(), program: "probe_fn".into() }
        );
        assert_eq!(
            parse_spec("tracepoint:sched:sched_switch=f").unwrap(),
            Spec::Tracepoint { category: "sched".into(), event: "sched_switch".into(), program: "f".into() }
        );
        assert!(matches!(parse_spec("kretprobe:vfs_read=f"), Ok(Spec::Kprobe { ret: true, .. })));
        assert_eq!(
            parse_spec("usdt:/usr/bin/x:prov:tick=f").unwrap(),
            Spec::Usdt { binary: "/usr/bin/x".into(), provider: "prov".into(), name: "tick".into(), program: "f".into() }
        );
        assert!(parse_spec("uprobe:/bin/x=f").is_err());
        assert!(parse_spec("bogus:x=f").is_err());
    }
}
