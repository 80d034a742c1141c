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
    // successful write, which never comes, and a ring buffer has none at all.
    for format in ["json", "text"] {
        let args = ["tests/programs/flood.c", "-DBURST=400", "--format", format, "--perf-pages", "1", "--events", "count", "--", wl.to_str().unwrap(), "getppid", "1"];
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
