//! `bccrs run --metrics` scraped by a real Prometheus server (Debian's `prometheus`, unpacked by
//! scripts/prometheus.sh under target/, never installed): a known workload, then Prometheus's HTTP API asked for the exact values and
//! buckets. Also: a port in use, scrapes while bccrs shuts down, and the cardinality cap on a
//! table of a million entries (through the library, which renders the same text).
mod common;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A plain HTTP/1.0 GET: (status, body), or None when nothing answers.
fn get(port: u16, path: &str, accept: Option<&str>) -> Option<(u32, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let accept = accept.map(|a| format!("Accept: {a}\r\n")).unwrap_or_default();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{accept}\r\n").ok()?;
    let mut resp = String::new();
    s.read_to_string(&mut resp).ok()?;
    let (head, body) = resp.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Kills (SIGINT first, for bccrs's normal exit) and reaps a child on every path out of a test.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        unsafe { libc::kill(self.0.id() as i32, libc::SIGINT) };
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn bccrs_run(args: &[&str]) -> Reaped {
    Reaped(
        Command::new(env!("CARGO_BIN_EXE_bccrs"))
            .arg("run")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bccrs"),
    )
}

fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let until = Instant::now() + timeout;
    while Instant::now() < until {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("timed out waiting for {what}");
}

/// Prometheus's answer to an instant query: (labels, value) per series.
fn query(port: u16, q: &str) -> Vec<(serde_json::Value, String)> {
    let Some((200, body)) = get(port, &format!("/api/v1/query?query={}", encode(q)), None) else { return vec![] };
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    v["data"]["result"]
        .as_array()
        .map(|r| r.iter().map(|s| (s["metric"].clone(), s["value"][1].as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}

#[test]
fn prometheus_scrapes_exact_counts_and_buckets() {
    common::require_root();
    let out = Command::new("bash").arg("scripts/prometheus.sh").output().expect("bash");
    assert!(out.status.success(), "scripts/prometheus.sh: {}", String::from_utf8_lossy(&out.stderr));
    let prometheus = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let (bccrs_port, prom_port) = (free_port(), free_port());
    let dir = tempfile::tempdir().unwrap();
    let _bccrs =
        bccrs_run(&["fixtures/metrics_syscalls.c", "--metrics", &format!("127.0.0.1:{bccrs_port}"), "--duration", "120"]);
    wait_for("bccrs's /metrics", Duration::from_secs(60), || get(bccrs_port, "/metrics", None).is_some_and(|(s, _)| s == 200));

    let config = dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: bccrs\n    static_configs:\n      - targets: ['127.0.0.1:{bccrs_port}']\n"
        ),
    )
    .unwrap();
    let _prom = Reaped(
        Command::new(&prometheus)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--storage.tsdb.path={}", dir.path().join("data").display()))
            .arg(format!("--web.listen-address=127.0.0.1:{prom_port}"))
            .arg("--log.level=warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("prometheus"),
    );
    wait_for("Prometheus to be ready", Duration::from_secs(60), || get(prom_port, "/-/ready", None).is_some_and(|(s, _)| s == 200));

    // A process of its own name: 7 getpid calls and writes of 0, 1, 2, 3, 100 and 1000 bytes.
    let st = Command::new(common::workload())
        .args(["name", "bccrs-prom", "getpid", "7", "write", "0", "write", "1", "write", "2", "write", "3", "write", "100", "write", "1000"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());

    let calls = r#"bccrs_metrics_syscalls_getpid_calls_total{comm="bccrs-prom"}"#;
    wait_for("the getpid count in Prometheus", Duration::from_secs(60), || query(prom_port, calls).iter().any(|(_, v)| v == "7"));
    let count = r#"bccrs_metrics_syscalls_write_bytes_count{comm="bccrs-prom"}"#;
    wait_for("the histogram in Prometheus", Duration::from_secs(30), || query(prom_port, count).iter().any(|(_, v)| v == "6"));

    let buckets = query(prom_port, r#"bccrs_metrics_syscalls_write_bytes_bucket{comm="bccrs-prom"}"#);
    let bucket = |le: &str| buckets.iter().find(|(m, _)| m["le"] == le).map(|(_, v)| v.clone());
    // BCC's log2 slots (bpf_log2l): 0..1 | 2..3 | 4..7 | ... | 64..127 | ... | 512..1023, as
    // cumulative counts (OpenMetrics writes bounds as floats).
    for (le, n) in [("0.0", "0"), ("1.0", "2"), ("3.0", "4"), ("7.0", "4"), ("63.0", "4"), ("127.0", "5"), ("511.0", "5"), ("1023.0", "6"), ("+Inf", "6")] {
        assert_eq!(bucket(le).as_deref(), Some(n), "bucket le={le}: {buckets:?}");
    }
    // The sum is estimated from the slots' midpoints: 0.5 * 2 + 2.5 * 2 + 95.5 + 767.5.
    let sum = query(prom_port, r#"bccrs_metrics_syscalls_write_bytes_sum{comm="bccrs-prom"}"#);
    assert_eq!(sum.first().map(|(_, v)| v.as_str()), Some("869"), "{sum:?}");
    // Prometheus negotiated OpenMetrics; a plain client gets the 0.0.4 text format.
    let (_, text) = get(bccrs_port, "/metrics", None).unwrap();
    assert!(text.contains("# TYPE bccrs_metrics_syscalls_getpid_calls_total counter") && !text.contains("# EOF"), "{text}");
    let (_, om) = get(bccrs_port, "/metrics", Some("application/openmetrics-text;version=1.0.0")).unwrap();
    assert!(om.contains("# TYPE bccrs_metrics_syscalls_getpid_calls counter") && om.ends_with("# EOF\n"), "{om}");
}

#[test]
fn a_port_in_use_is_an_error_before_loading() {
    common::require_root();
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_bccrs"))
        .args(["run", "fixtures/metrics_syscalls.c", "--metrics", &format!("127.0.0.1:{port}"), "--duration", "5"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("cannot serve metrics on 127.0.0.1:{port}")), "{err}");
    assert!(!err.contains("attached"), "nothing is loaded or attached first: {err}");
    // A value that is no address is refused by the argument parser.
    let out = Command::new(env!("CARGO_BIN_EXE_bccrs")).args(["run", "--metrics", "fixtures/metrics_syscalls.c"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an address to listen on"));
}

#[test]
fn scrapes_while_shutting_down_get_whole_answers_or_none() {
    common::require_root();
    let port = free_port();
    let mut run = bccrs_run(&["fixtures/metrics_syscalls.c", "--metrics", &format!("127.0.0.1:{port}"), "--duration", "3"]);
    wait_for("bccrs's /metrics", Duration::from_secs(60), || get(port, "/metrics", None).is_some_and(|(s, _)| s == 200));
    let (mut whole, mut stopping, mut refused) = (0, 0, 0);
    let until = Instant::now() + Duration::from_secs(30);
    while run.0.try_wait().unwrap().is_none() && Instant::now() < until {
        match get(port, "/metrics", Some("application/openmetrics-text")) {
            Some((200, body)) => {
                assert!(body.ends_with("# EOF\n"), "a cut answer: {body}");
                whole += 1;
            }
            Some((503, body)) => {
                assert_eq!(body, "bccrs is stopping\n");
                stopping += 1;
            }
            Some((code, body)) => panic!("status {code}: {body}"),
            None => refused += 1,
        }
    }
    let status = run.0.wait().unwrap();
    let mut err = String::new();
    run.0.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(whole > 0, "no scrape answered ({stopping} stopping, {refused} refused)");
}

#[test]
fn the_series_cap_holds_on_a_million_entries() {
    common::require_root();
    let text = "BPF_HASH(big, u32, u64, 1048576);\nTRACEPOINT_PROBE(syscalls, sys_enter_getppid) { return 0; }\n";
    let bpf = bccrs::Bpf::from_source("big.c", text, &bccrs::Options::default()).expect("load");
    let map = bpf.map("big").unwrap();
    let table = bccrs::runtime::maps::Table::of(&map);
    let n = 1_000_000u32;
    let keys: Vec<Vec<u8>> = (0..n).map(|k| k.to_le_bytes().to_vec()).collect();
    let values: Vec<Vec<u8>> = (0..n).map(|k| (k as u64).to_le_bytes().to_vec()).collect();
    assert_eq!(table.update_batch(&keys, &values, 0).map_err(|e| format!("{e:?}")), Ok(n as usize));
    let opts = bccrs::runtime::metrics::Options { max_series: 10_000, per_cpu: false };
    let out = bpf.render_metrics("cap", &opts, bccrs::runtime::metrics::Format::Text);
    let series: Vec<&str> = out.lines().filter(|l| l.starts_with("bccrs_cap_big{")).collect();
    assert_eq!(series.len(), 10_000, "{}", &out[..out.len().min(2000)]);
    // The largest values are kept.
    assert!(out.contains("bccrs_cap_big{key=\"999999\"} 999999\n"));
    assert!(!out.contains("bccrs_cap_big{key=\"0\"} 0\n"));
    let dropped = format!("bccrs_cap_dropped_series_total {}\n", n - 10_000);
    assert!(out.contains(&dropped), "{}", out.lines().filter(|l| l.contains("dropped")).collect::<Vec<_>>().join("\n"));
}
