//! Every event counted: `bccrs run` floods small perf and ring buffers and reports, per table,
//! received + lost equal to what the program submitted (its own `sent` counters), including the
//! events refused after the last one the kernel accepted, which perf never reports.
mod common;
use common::*;

/// (received, lost) of `table` and the program's `sent` counter `slot` from the final JSON.
fn tally(doc: &serde_json::Value, table: &str, slot: u64) -> (u64, u64, u64) {
    let c = &doc["events"][table];
    let sent = entries(doc, "sent").into_iter().find(|(k, _)| k.as_u64() == Some(slot)).unwrap().1;
    (c["received"].as_u64().unwrap(), c["lost"].as_u64().unwrap(), sent.as_u64().unwrap())
}

#[test]
fn flooded_buffers_count_every_lost_event() {
    require_root();
    let wl = workload();
    let args = ["tests/programs/flood.c", "--format", "json", "--perf-pages", "1", "--", wl.to_str().unwrap(), "getppid", "3000"];
    let (code, out, err) = bccrs_run(&args);
    assert_eq!(code, 0, "{err}");
    let (_, doc) = pid_and_json(&out);
    for (slot, table) in ["perf_flood", "ring_flood"].iter().enumerate() {
        let (received, lost, sent) = tally(&doc, table, slot as u64);
        // Another test's workload may add its own calls; `sent` counts those too.
        assert!(sent >= 3000 * 64, "{table}: {doc}");
        assert_eq!(received + lost, sent, "{table}: {doc}");
        assert!(lost > 0, "{table}: one-page buffers cannot take 64-event bursts: {doc}");
        assert_eq!(events(&out, table).len() as u64, received, "{table}: every received event is printed");
        assert!(err.contains(&format!("warning: {table}: {received} events received, {lost} lost")), "{err}");
    }
}

#[test]
fn the_last_events_of_a_run_are_counted() {
    require_root();
    let wl = workload();
    // One burst of 400 and nothing after it: perf writes its lost record only at the next
    // successful write, which never comes, and a ring buffer has none at all. 392-byte events
    // fill a page in ten submissions: a reader draining concurrently cannot keep up with that.
    for format in ["json", "text"] {
        let args = ["tests/programs/flood.c", "-DBURST=400", "-DPAD=48", "--format", format, "--perf-pages", "1", "--events", "count", "--", wl.to_str().unwrap(), "getppid", "1"];
        let (code, out, err) = bccrs_run(&args);
        assert_eq!(code, 0, "{err}");
        let printed = events(&out, "perf_flood").len() + events(&out, "ring_flood").len();
        assert!(printed == 0 && !out.contains("flood: seq="), "--events count prints no event: {out}");
        if format == "json" {
            let (_, doc) = pid_and_json(&out);
            for (slot, table) in ["perf_flood", "ring_flood"].iter().enumerate() {
                let (received, lost, sent) = tally(&doc, table, slot as u64);
                assert_eq!(received + lost, sent, "{table}: {doc}");
                assert!(received > 0 && lost > 0, "{table}: a one-page buffer takes part of 400 events: {doc}");
            }
        } else {
            for table in ["perf_flood", "ring_flood"] {
                let line = err.lines().find(|l| l.starts_with(&format!("warning: {table}: "))).unwrap_or_else(|| panic!("{err}"));
                let n: Vec<u64> = line.split_whitespace().filter_map(|w| w.trim_end_matches(',').parse().ok()).collect();
                // Only this run's own workload is told apart here: at least its 400.
                assert!(n.len() == 2 && n[0] + n[1] >= 400 && n[1] > 0, "{line}");
            }
        }
    }
}

/// The Rust API: `Bpf::events` streams, `Streams::counts` and `Bpf::events_lost`, on a program
/// that only counts the calls of this test process.
#[test]
fn the_library_counts_what_its_readers_missed() {
    require_root();
    let text = std::fs::read_to_string("tests/programs/flood.c").unwrap().replace(
        "#include \"workload.h\"",
        "static __always_inline int is_workload(void) { return (bpf_get_current_pid_tgid() >> 32) == TGID; }",
    );
    let opts = bccrs::Options { cflags: vec![format!("-DTGID={}", std::process::id()), "-DBURST=32".into()], ..Default::default() };
    let mut bpf = bccrs::Bpf::from_source("flood.c", &text, &opts).unwrap();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(std::collections::BTreeMap::<String, u64>::new()));
    let s2 = seen.clone();
    let sink: bccrs::output::events::Sink = std::rc::Rc::new(std::cell::RefCell::new(move |t: &str, v: serde_json::Value| {
        assert!(v["seq"].as_u64().is_some_and(|s| s < 32), "{v}");
        *s2.borrow_mut().entry(t.to_string()).or_default() += 1;
    }));
    let streams = bpf.events(sink).unwrap();
    assert!(bpf.attach_by_section(&[]).is_empty());
    for i in 0..1000 {
        unsafe { libc::syscall(libc::SYS_getppid) };
        if i % 500 == 0 {
            streams.drain();
        }
    }
    bpf.detach_all();
    streams.drain();
    let counts = streams.counts();
    let sent = bpf.map("sent").unwrap();
    for (slot, table) in ["perf_flood", "ring_flood"].iter().enumerate() {
        let v = libbpf_rs::MapCore::lookup(&sent, &(slot as u32).to_ne_bytes(), libbpf_rs::MapFlags::ANY).unwrap().unwrap();
        let sent = u64::from_ne_bytes(v[..8].try_into().unwrap());
        let c = counts[*table];
        assert_eq!(sent, 32000, "{table}");
        assert_eq!(c.received, seen.borrow()[*table], "{table}: every received event reached the sink");
        assert_eq!(c.received + c.lost, sent, "{table}: {c:?}");
        assert!(c.lost > 0, "{table}: {c:?}");
        assert_eq!(bpf.events_lost(table), Some(c.lost), "{table}");
    }
    assert_eq!(bpf.events_lost("sent"), None);
}
