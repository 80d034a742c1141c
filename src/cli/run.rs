//! `bccrs run`: compile, load, attach, stream events while running, print every map at exit.
use crate::runtime::attach;
use crate::runtime::bpf::Bpf;
use crate::compiler::Options;
use crate::runtime::load::Loaded;
use super::event_output::Output;
use crate::runtime::output::event_format::{EventFormat, Style};
use crate::runtime::output::{events, maps, trace_pipe::TracePipe};
use libbpf_rs::MapCore;
use serde_json::json;
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub compile: Options,
    pub duration: Option<Duration>,
    /// Run while this command runs; its exit code becomes ours.
    pub command: Vec<String>,
    pub format: Format,
    /// `--attach` specifications.
    pub attach: Vec<String>,
    /// Limit uprobes to this process (-1: every process).
    pub pid: i32,
    /// Run with the programs that attached when others cannot.
    pub allow_partial: bool,
    pub verbose: bool,
    /// Pin every map under this bpffs directory.
    pub pin: Option<PathBuf>,
    /// Serve the tables as Prometheus metrics.
    pub metrics: Option<super::metrics::MetricsConfig>,
    /// Pages per CPU of each perf buffer (a power of two).
    pub perf_pages: usize,
    /// Print each event, or only count them.
    pub events: EventsMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsMode {
    Print,
    Count,
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn install_signal_handlers() {
    STOP.store(false, Ordering::SeqCst);
    unsafe {
        let h = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, h);
        libc::signal(libc::SIGTERM, h);
    }
}

/// Runs the program at `path`; returns the process exit code.
pub fn run(path: &Path, o: &RunOptions) -> i32 {
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let specs = match o.attach.iter().map(|s| attach::parse_spec(s)).collect::<Result<Vec<_>, _>>() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // From the start: a Ctrl-C while compiling or attaching must still end through the normal
    // path that detaches everything.
    install_signal_handlers();
    // A port in use is an error before anything is loaded.
    let metrics = match o.metrics.as_ref().map(super::metrics::Pending::bind).transpose() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    // Tracepoint attachment needs tracefs; mount it when it is missing.
    let _ = crate::base::tracefs::tracefs_root();
    let mut bpf = match Bpf::from_file(path, &o.compile) {
        Ok(b) => b,
        Err(e) => {
            eprint!("{}", e.render(color, o.verbose));
            return 1;
        }
    };
    eprint!("{}", bpf.loaded.warnings);
    if let Some(dir) = &o.pin {
        if let Err(e) = pin_maps(&mut bpf.loaded, dir) {
            eprintln!("error: {e}");
            return 1;
        }
    }

    // The readers are opened before attaching, so the first events find them.
    let json_mode = o.format == Format::Json;
    let out = Rc::new(RefCell::new(Output::new()));
    let style = if json_mode { Style::Json } else { Style::Text };
    let count_only = o.events == EventsMode::Count;
    let streams = events::Streams::open_with(&bpf.loaded, o.perf_pages, |t| {
        if count_only {
            return Box::new(|_: &[u8]| {});
        }
        let f = EventFormat::new(style, t.name, t.btf.clone());
        let out = out.clone();
        Box::new(move |data: &[u8]| {
            let mut w = out.borrow_mut();
            f.write(data, &mut w.buf);
            w.line_added();
        })
    });
    let streams = match streams {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };

    let mut failed = Vec::new();
    for (spec, text) in specs.iter().zip(&o.attach) {
        if let Err(e) = bpf.attach(text, o.pid) {
            failed.push((spec.program().to_string(), e));
        }
    }
    let skip: Vec<&str> = specs.iter().map(|s| s.program()).collect();
    failed.extend(bpf.attach_by_section(&skip));
    for (prog, e) in &failed {
        let sev = if o.allow_partial { "warning" } else { "error" };
        eprintln!("{sev}: program `{prog}`: {e}");
    }
    if !failed.is_empty() && !o.allow_partial {
        eprintln!("nothing was left attached; use --allow-partial to run with the programs that did attach");
        return 1;
    }
    let attached = bpf.attached().len();
    if o.verbose {
        for (p, t) in bpf.attached() {
            eprintln!("attached {p} to {t}");
        }
    }
    let loaded = &bpf.loaded;
    let mut trace = if loaded.meta.trace_printk {
        match TracePipe::open() {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("warning: bpf_trace_printk output will not be shown: {e}");
                None
            }
        }
    } else {
        None
    };

    let event_counts = crate::runtime::metrics::SharedEventCounts::default();
    let metrics = metrics.map(|m| {
        let s = m.serve(loaded, &crate::runtime::metrics::source::program_name(&path.to_string_lossy()), event_counts.clone());
        if !json_mode {
            eprintln!("serving metrics at http://{}/metrics", s.addr);
        }
        s
    });

    let mut child = None;
    let mut child_pid = None;
    if !o.command.is_empty() {
        match crate::runtime::child::Child::spawn(&o.command) {
            Ok(c) => {
                child_pid = Some(c.pid());
                child = Some(c)
            }
            Err(e) => {
                eprintln!("error: cannot run {}: {e}", o.command[0]);
                return 127;
            }
        }
    } else if !json_mode {
        let until = o.duration.map_or("Ctrl-C".to_string(), |d| format!("{} s", d.as_secs_f64()));
        eprintln!("{attached} program(s) attached; running until {until}");
    }
    let start = Instant::now();
    let mut code = 0;
    loop {
        if o.duration.is_some_and(|d| start.elapsed() >= d) {
            break;
        }
        streams.poll(Duration::from_millis(50));
        if metrics.is_some() {
            publish_counts(&streams, &event_counts);
        }
        if let Some(t) = trace.as_mut() {
            for l in t.read_lines() {
                let mut w = out.borrow_mut();
                let _ = if json_mode { writeln!(w.buf, "{}", json!({ "trace": l })) } else { writeln!(w.buf, "{l}") };
            }
        }
        out.borrow_mut().flush();
        if STOP.load(Ordering::SeqCst) || out.borrow().closed {
            break;
        }
        // The command held at its exit (memory map intact for user-stack symbols) or gone.
        if child.as_mut().is_some_and(|c| c.finished()) {
            break;
        }
    }
    // The last scrape answered, then no more: the maps are read below.
    if let Some(m) = metrics {
        m.stop();
    }
    // Detach, then read what the programs wrote until then: nothing is left in flight, so
    // received + lost is what they submitted. Also makes the dump a consistent end state.
    bpf.detach_all();
    streams.drain();
    out.borrow_mut().flush();
    let counts = streams.counts();
    drop(streams);
    let user_pid = if o.pid > 0 { Some(o.pid as u32) } else { child_pid };
    let dumps = bpf.dump_maps(user_pid);
    // Let the command end (killed if bccrs stopped first); its exit code is bccrs's.
    if let Some(mut c) = child.take() {
        let running = !c.finished();
        code = c.finish(running);
    }
    let mut w = std::io::stdout();
    if json_mode {
        let ev: serde_json::Map<String, serde_json::Value> = counts
            .iter()
            .map(|(k, c)| (k.clone(), json!({ "received": c.received, "lost": c.lost })))
            .collect();
        let _ = writeln!(w, "{}", json!({ "maps": maps::to_json(&dumps), "events": ev }));
    } else {
        let _ = write!(w, "{}", maps::to_text(&dumps));
    }
    for (t, c) in &counts {
        if c.lost > 0 {
            eprintln!(
                "warning: {t}: {} events received, {} lost (refused by a full buffer; a larger one: --perf-pages, \
                 or the page count of BPF_RINGBUF_OUTPUT)",
                c.received, c.lost
            );
        } else if !json_mode {
            eprintln!("{t}: {} events received, none lost", c.received);
        }
    }
    code
}

/// The event loop's counts, for the metrics thread.
fn publish_counts(streams: &events::Streams, shared: &crate::runtime::metrics::SharedEventCounts) {
    if let Ok(mut s) = shared.lock() {
        for (name, c) in streams.counts().iter() {
            s.insert(name.clone(), crate::runtime::metrics::EventCounts { received: c.received, lost: c.lost });
        }
    }
}

fn pin_maps(loaded: &mut Loaded, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for mut m in loaded.object.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        if name.contains('.') || crate::object::names::is_hidden(&name) {
            continue;
        }
        let p = dir.join(crate::object::names::user_name(&name));
        m.pin(&p).map_err(|e| format!("cannot pin map {name} at {}: {e}", p.display()))?;
    }
    Ok(())
}
