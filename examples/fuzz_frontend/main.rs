//! Fuzzes the whole compiler (libclang analysis, rewrite, final clang) with mutated programs:
//! `cargo run --example fuzz_frontend -- [--inputs N] [--seed S] [--threads T] [--seconds S]`
//! (scripts/fuzz.sh); `-- --replay FILE` judges one saved input and prints its diagnostics.
//! Each input must compile or fail with errors located in the program's own text, in its words; a panic, a hang, an error outside the program or naming bccrs's
//! internals, or a temporary directory left behind is a finding, saved under target/fuzz/.
//! A crash ends the process: target/fuzz/current-*.c hold the inputs being compiled.
mod mutate;

use bccrs::compiler::{compile_source, Options};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Counts {
    inputs: AtomicUsize,
    compiled: AtomicUsize,
    rejected: AtomicUsize,
    panics: AtomicUsize,
    unlocated: AtomicUsize,
    internal_names: AtomicUsize,
    slowest_ms: AtomicU64,
}

struct Args {
    inputs: usize,
    seed: u64,
    threads: usize,
    seconds: u64,
    timeout: u64,
    out: PathBuf,
    replay: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args { inputs: 1000, seed: 1, threads: 2, seconds: u64::MAX, timeout: 120, out: "target/fuzz".into(), replay: None };
    let v: Vec<String> = std::env::args().skip(1).collect();
    for w in v.chunks(2) {
        let val = w.get(1).map(String::as_str).unwrap_or("");
        let num = || val.parse::<u64>().unwrap_or_else(|_| panic!("{} needs a number", w[0]));
        match w[0].as_str() {
            "--inputs" => a.inputs = num() as usize,
            "--seed" => a.seed = num(),
            "--threads" => a.threads = num().max(1) as usize,
            "--seconds" => a.seconds = num(),
            "--timeout" => a.timeout = num(),
            "--out" => a.out = val.into(),
            "--replay" => a.replay = Some(val.into()),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// The seed programs: every C file of the repository's fixtures and tests.
fn corpus() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["fixtures", "tests/programs", "tests/diagnostics", "tests/rewrite"] {
        collect(Path::new(dir), &mut out);
    }
    out.sort();
    out.into_iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "c") && !p.to_string_lossy().ends_with(".expected.c") {
            out.push(p);
        }
    }
}

/// The k-th input: a mutated seed program, or now and then raw bytes read as a source file.
fn input(seed: u64, k: usize, corpus: &[String]) -> String {
    let mut rng = mutate::Rng::new(seed ^ (k as u64).wrapping_mul(0x1000_0000_01b3));
    if rng.below(25) == 0 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        return bccrs::compiler::source_text::from_bytes(&bytes);
    }
    let base = rng.pick(corpus).clone();
    let rounds = 1 + rng.below(6);
    mutate::mutate(&mut rng, &base, corpus, rounds)
}

/// Why an error is a finding: not in the program's text, or in bccrs's words.
/// (A `__bccrs_*` name the program itself wrote is its own word.)
fn error_problem(d: &bccrs::diag::Diagnostic, name: &str, text: &str) -> Option<&'static str> {
    let generated = |s: &str| {
        ["__bccrs", "__BCCRS"].iter().any(|p| {
            s.match_indices(p).any(|(i, _)| {
                let id: String = s[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                !text.contains(&id)
            })
        })
    };
    let internal = |s: &str| generated(s) || s.contains("/tmp/") || s.contains("<prelude>");
    match &d.span {
        Some(s) if s.file == name && s.range.end <= text.len() => {}
        _ => return Some("unlocated"),
    }
    (internal(&d.message) || d.notes.iter().any(|n| internal(n))).then_some("internal")
}

fn save(out: &Path, what: &str, k: usize, text: &str, detail: &str) {
    let _ = std::fs::write(out.join(format!("{what}-{k}.c")), text);
    let _ = std::fs::write(out.join(format!("{what}-{k}.txt")), detail);
}

/// One input, judged as in a run: its diagnostics with their spans, and the finding if any.
fn replay(path: &Path) -> ! {
    let text = bccrs::compiler::source_text::from_bytes(&std::fs::read(path).expect("cannot read the input"));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let opts = Options::default();
    let t0 = Instant::now();
    let r = bccrs::compiler::translate(&name, &text, &opts).and_then(|_| compile_source(&name, &text, &opts));
    let Err(f) = r else {
        println!("compiled in {} ms", t0.elapsed().as_millis());
        std::process::exit(0);
    };
    let mut problem = None;
    for d in f.diagnostics.iter().filter(|d| d.is_error()) {
        println!("{:?} {:?}: {}", d.span.as_ref().map(|s| &s.file), d.span.as_ref().map(|s| &s.range), d.message);
        problem = problem.or(error_problem(d, &name, &text));
    }
    println!("rejected in {} ms (source {} bytes): {}", t0.elapsed().as_millis(), text.len(), problem.unwrap_or("no finding"));
    std::process::exit(if problem.is_some() { 1 } else { 0 });
}

fn main() {
    let a = args();
    if let Some(p) = &a.replay {
        replay(p);
    }
    std::fs::create_dir_all(&a.out).expect("cannot create the output directory");
    let corpus = corpus();
    assert!(!corpus.is_empty(), "no seed programs: run from the repository's root");
    let counts = Counts::default();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let running: Vec<Mutex<Option<(usize, Instant)>>> = (0..a.threads).map(|_| Mutex::new(None)).collect();
    let start = Instant::now();
    let opts = Options::default();
    // Panics are counted, not printed (the hook would print each).
    std::panic::set_hook(Box::new(|_| {}));
    std::thread::scope(|s| {
        for (t, slot) in running.iter().enumerate() {
            let (a, corpus, counts, next, opts, finished) = (&a, &corpus, &counts, &next, &opts, &finished);
            s.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= a.inputs || start.elapsed().as_secs() >= a.seconds {
                    *slot.lock().unwrap() = None;
                    finished.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                let text = input(a.seed, k, corpus);
                let _ = std::fs::write(a.out.join(format!("current-{t}.c")), &text);
                let name = format!("fuzz{k}.c");
                let t0 = Instant::now();
                *slot.lock().unwrap() = Some((k, t0));
                let r = std::panic::catch_unwind(|| {
                    // The analysis and rewrite first (no final clang started early for an input
                    // that fails there, as most do), then the whole compile.
                    bccrs::compiler::translate(&name, &text, opts)
                        .and_then(|_| compile_source(&name, &text, opts))
                        .map(|_| ())
                        .map_err(|f| (f.render(false), f.diagnostics))
                });
                counts.slowest_ms.fetch_max(t0.elapsed().as_millis() as u64, Ordering::Relaxed);
                let done = counts.inputs.fetch_add(1, Ordering::Relaxed) + 1;
                if done % 500 == 0 {
                    eprintln!("{done} inputs, {:.0} s", start.elapsed().as_secs_f64());
                }
                match r {
                    Err(p) => {
                        let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
                        counts.panics.fetch_add(1, Ordering::Relaxed);
                        save(&a.out, "panic", k, &text, &msg.unwrap_or_default());
                    }
                    Ok(Ok(())) => {
                        counts.compiled.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Err((rendered, diags))) => {
                        counts.rejected.fetch_add(1, Ordering::Relaxed);
                        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
                        let problem = if errors.is_empty() {
                            Some("unlocated")
                        } else {
                            errors.iter().find_map(|d| error_problem(d, &name, &text))
                        };
                        match problem {
                            Some("unlocated") => {
                                counts.unlocated.fetch_add(1, Ordering::Relaxed);
                                save(&a.out, "unlocated", k, &text, &rendered);
                            }
                            Some(_) => {
                                counts.internal_names.fetch_add(1, Ordering::Relaxed);
                                save(&a.out, "internal", k, &text, &rendered);
                            }
                            None => {}
                        }
                    }
                }
            });
        }
        // The watchdog: an input that takes longer than the timeout is a hang.
        s.spawn(|| loop {
            std::thread::sleep(Duration::from_millis(500));
            for slot in &running {
                if let Some((k, t0)) = *slot.lock().unwrap() {
                    if t0.elapsed().as_secs() > a.timeout {
                        let text = input(a.seed, k, &corpus);
                        save(&a.out, "hang", k, &text, "");
                        eprintln!("HANG: input {k} ran over {} s (saved in {})", a.timeout, a.out.display());
                        std::process::exit(3);
                    }
                }
            }
            if finished.load(Ordering::SeqCst) == a.threads {
                return;
            }
        });
    });
    // Temporary directories this process made and did not remove (the private cache aside).
    let prefix = format!("bccrs-{}-", std::process::id());
    let leaks = std::fs::read_dir(std::env::temp_dir())
        .map(|rd| rd.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(&prefix) && !e.file_name().to_string_lossy().contains("-cache-")).count())
        .unwrap_or(0);
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let c = &counts;
    let n = |x: &AtomicUsize| x.load(Ordering::Relaxed);
    println!(
        "inputs {} compiled {} rejected {} panics {} unlocated {} internal-names {} leaked-dirs {} hangs 0 slowest {} ms max-rss {} MB time {:.0} s (seed {})",
        n(&c.inputs), n(&c.compiled), n(&c.rejected), n(&c.panics), n(&c.unlocated), n(&c.internal_names), leaks,
        c.slowest_ms.load(Ordering::Relaxed), ru.ru_maxrss / 1024, start.elapsed().as_secs_f64(), a.seed
    );
    for t in 0..a.threads {
        let _ = std::fs::remove_file(a.out.join(format!("current-{t}.c")));
    }
    let bad = n(&c.panics) + n(&c.unlocated) + n(&c.internal_names) + leaks;
    std::process::exit(if bad == 0 { 0 } else { 1 });
}
