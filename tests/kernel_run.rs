//! `bccrs run` end to end: attach, trigger with a real process, read back exact values.
mod common;
use common::*;
use std::process::{Command, Stdio};

#[test]
fn counts_getpid_calls_of_a_command() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["fixtures/hello_count.c", "--format", "json", "--", wl.to_str().unwrap(), "getpid", "321"]);
    assert_eq!(code, 0, "{err}");
    let (pid, doc) = pid_and_json(&out);
    let hits: Vec<_> = entries(&doc, "counts").into_iter().filter(|(k, _)| k.as_u64() == Some(pid as u64)).collect();
    assert_eq!(hits.len(), 1, "{doc}");
    // 321 asked for, plus the getpid() the workload makes to print its pid.
    assert_eq!(hits[0].1.as_u64(), Some(322));
}

#[test]
fn exit_code_of_the_command_is_returned() {
    require_root();
    let wl = workload();
    let (code, _, err) = bccrs_run(&["tests/programs/cleanup.c", "--", wl.to_str().unwrap(), "exit", "7"]);
    assert_eq!(code, 7, "{err}");
}

#[test]
fn perf_and_ring_buffer_deliver_every_event() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/events.c", "--format", "json", "--", wl.to_str().unwrap(), "getppid", "200"]);
    assert_eq!(code, 0, "{err}");
    let (pid, doc) = pid_and_json(&out);
    for table in ["perf_events", "ring_events"] {
        let events = events(&out, table);
        assert_eq!(events.len(), 200, "{table}: {err}");
        let mut seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
        seqs.sort();
        assert_eq!(seqs, (1..=200).collect::<Vec<u64>>(), "{table}");
        assert!(events.iter().all(|e| e["pid"].as_u64() == Some(pid as u64) && e["comm"] == "bccrs-wl"), "{table}");
        assert_eq!(doc["events"][table], serde_json::json!({"received": 200, "lost": 0}));
    }
}

#[test]
fn uprobe_counts_calls_and_histogram_buckets_values() {
    require_root();
    let wl = workload();
    let bin = wl.to_str().unwrap();
    let a1 = format!("uprobe:{bin}:bccrs_target=on_call");
    let a2 = format!("uprobe:{bin}:bccrs_hist_value=on_value");
    let args = ["tests/programs/uprobes.c", "--format", "json", "--attach", &a1, "--attach", &a2, "--", bin, "call", "57", "hist", "1", "hist", "3", "hist", "5", "hist", "6", "hist", "1000"];
    let (code, out, err) = bccrs_run(&args);
    assert_eq!(code, 0, "{err}");
    let (pid, doc) = pid_and_json(&out);
    assert_eq!(entries(&doc, "calls"), vec![(serde_json::json!(pid), serde_json::json!(57))]);
    // bpf_log2l: 1 -> 1, 3 -> 2, 5 and 6 -> 3, 1000 -> 10
    let buckets: Vec<(u64, u64)> = entries(&doc, "dist")
        .into_iter()
        .map(|(k, v)| (k.as_u64().unwrap(), v.as_u64().unwrap()))
        .filter(|(_, v)| *v > 0)
        .collect();
    assert_eq!(buckets, vec![(1, 1), (2, 1), (3, 2), (10, 1)]);
    // The text form prints BCC's log2 histogram.
    let (_, text, _) = bccrs_run(&["tests/programs/uprobes.c", "--attach", &a2, "--", bin, "hist", "5", "hist", "6"]);
    assert!(text.contains("         4 -> 7          : 2        |****************************************|"), "{text}");
}

#[test]
fn verifier_rejection_points_at_the_source_line() {
    require_root();
    let (code, _, err) = bccrs_run(&["tests/programs/verifier_reject.c", "--duration", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("the BPF verifier rejected program `tracepoint__syscalls__sys_enter_getpid`"), "{err}");
    assert!(err.contains("tests/programs/verifier_reject.c:9:5"), "{err}");
    let (_, _, verbose) = bccrs_run(&["tests/programs/verifier_reject.c", "-v"]);
    assert!(verbose.contains("-- BEGIN PROG LOAD LOG --"), "{verbose}");
}

fn marker_loaded() -> bool {
    let out = Command::new("bpftool").args(["prog", "show"]).output().expect("bpftool");
    String::from_utf8_lossy(&out.stdout).contains("bccrs_cu_mark")
}

/// Cleanup cases share the marker name, so they run one after another in one test.
#[test]
fn nothing_stays_attached_after_any_ending() {
    require_root();
    let wl = workload();
    let bin = wl.to_str().unwrap();
    // While running, the marker is visible (so the checks below can fail).
    let mut child = Command::new(env!("CARGO_BIN_EXE_bccrs"))
        .args(["run", "tests/programs/cleanup.c"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut seen = false;
    for _ in 0..100 {
        if marker_loaded() {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(seen, "the program never showed up in bpftool prog show");
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    assert!(child.wait().unwrap().success(), "SIGINT ends run normally");
    assert!(!marker_loaded(), "left loaded after SIGINT");

    let mut child = Command::new(env!("CARGO_BIN_EXE_bccrs")).args(["run", "tests/programs/cleanup.c"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    while !marker_loaded() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    child.wait().unwrap();
    assert!(!marker_loaded(), "left loaded after SIGTERM");

    let (code, _, _) = bccrs_run(&["tests/programs/cleanup.c", "--duration", "0.3"]);
    assert_eq!(code, 0);
    assert!(!marker_loaded(), "left loaded after --duration");

    let (code, _, _) = bccrs_run(&["tests/programs/cleanup.c", "--", bin, "exit", "3"]);
    assert_eq!(code, 3);
    assert!(!marker_loaded(), "left loaded after a failing command");
}

#[test]
fn stack_traces_are_symbolised() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/stacks.c", "--format", "json", "--", wl.to_str().unwrap(), "getpid", "9"]);
    assert_eq!(code, 0, "{err}");
    let (_, doc) = pid_and_json(&out);
    let counts = entries(&doc, "by_stack");
    assert_eq!(counts.len(), 1, "one call path: {doc}");
    assert_eq!(counts[0].1.as_u64(), Some(10), "9 calls + the workload's own getpid");
    let stacks = entries(&doc, "stacks");
    assert_eq!(stacks[0].0, counts[0].0, "the stack id is the counted key");
    let frames: Vec<&str> = stacks[0].1.as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(frames.iter().any(|f| f.starts_with("do_syscall_64+0x")), "{frames:?}");
}

#[test]
fn perf_event_sampling_at_a_frequency() {
    require_root();
    let (code, out, err) = bccrs_run(&["tests/programs/perf_sampling.c", "--format", "json", "--attach", "perf:cpu-clock:50=on_sample", "--duration", "1"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let per_cpu: Vec<u64> = entries(&doc, "samples").iter().map(|(_, v)| v.as_u64().unwrap()).collect();
    let ncpu = std::thread::available_parallelism().unwrap().get() as u64;
    let total: u64 = per_cpu.iter().sum();
    // 50 Hz on each CPU for about a second: the kernel adjusts the period to the frequency.
    assert!(total >= 25 && total <= 50 * ncpu * 2, "{per_cpu:?}");
}

#[test]
fn maps_are_pinned_on_request() {
    require_root();
    let dir = format!("/sys/fs/bpf/bccrs-pin-test-{}", std::process::id());
    let (code, _, err) = bccrs_run(&["fixtures/hello_count.c", "--pin", &dir, "--duration", "0"]);
    assert_eq!(code, 0, "{err}");
    let pinned = std::path::Path::new(&dir).join("counts").exists();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(pinned, "counts is pinned under {dir}");
}

/// This kernel has no kprobes: `run` names the missing support and stops, unless told to run
/// with what attached.
#[test]
fn missing_kprobe_support_is_reported_and_partial_runs_work() {
    require_root();
    if std::path::Path::new("/sys/bus/event_source/devices/kprobe").exists() {
        eprintln!("this kernel supports kprobes; the failure path cannot be exercised here");
        return;
    }
    let (code, _, err) = bccrs_run(&["tests/programs/kprobe_and_tracepoint.c", "--duration", "0"]);
    assert_eq!(code, 1);
    assert!(err.contains("program `kprobe__vfs_read`: cannot attach kprobe to vfs_read: this kernel has no kprobe support"), "{err}");
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/kprobe_and_tracepoint.c", "--allow-partial", "--format", "json", "--", wl.to_str().unwrap(), "getpid", "4"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: program `kprobe__vfs_read`"), "{err}");
    let (_, doc) = pid_and_json(&out);
    let got: Vec<_> = entries(&doc, "hits").into_iter().filter(|(k, _)| k == 2).collect();
    assert!(got.len() == 1 && got[0].1.as_u64().unwrap() >= 5, "{doc}");
}

#[test]
fn usdt_arguments_are_read_exactly() {
    require_root();
    let wl = workload();
    let bin = wl.to_str().unwrap();
    let spec = format!("usdt:{bin}:bccrs:tick=on_tick");
    let (code, out, err) = bccrs_run(&["tests/programs/usdt.c", "--format", "json", "--attach", &spec, "--", bin, "usdt", "5"]);
    assert_eq!(code, 0, "{err}");
    let (_, doc) = pid_and_json(&out);
    let ticks = entries(&doc, "ticks");
    assert_eq!(ticks.len(), 5, "{doc}");
    for (j, (k, v)) in (1u64..).zip(&ticks) {
        assert_eq!(k, &serde_json::json!(j));
        assert_eq!(v, &serde_json::json!({"j": j, "big": j as i64 * 1000000007, "label": "tick"}));
    }
}

#[test]
fn trace_printk_formats_are_checked_as_the_kernel_does() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/printk.c", "--format", "json", "--", wl.to_str().unwrap(), "getppid", "2"]);
    assert_eq!(code, 0, "{err}");
    // What the kernel did with each call: 1 printed, else its error.
    let (_, doc) = pid_and_json(&out);
    let results: std::collections::BTreeMap<i64, i64> =
        entries(&doc, "results").into_iter().map(|(k, v)| (k.as_i64().unwrap(), v.as_i64().unwrap())).collect();
    let printed: Vec<i64> = results.iter().filter(|(_, v)| **v == 1).map(|(k, _)| *k).collect();
    let refused: Vec<i64> = results.iter().filter(|(_, v)| **v == -(libc::EINVAL as i64)).map(|(k, _)| *k).collect();
    assert_eq!(printed, (1..=9).collect::<Vec<_>>(), "{results:?}");
    assert_eq!(refused, (11..=18).collect::<Vec<_>>(), "{results:?}");
    // What bccrs warned about when compiling: the refused calls, each at its conversion.
    let source = std::fs::read_to_string("tests/programs/printk.c").unwrap();
    let warned: Vec<i64> = err
        .lines()
        .filter_map(|l| l.split_once("tests/programs/printk.c:"))
        .filter_map(|(_, pos)| pos.split(':').next()?.parse::<usize>().ok())
        .filter_map(|line| source.lines().nth(line - 1)?.trim().strip_prefix("TRY(")?.split(',').next()?.parse().ok())
        .collect();
    let mut expected = vec![9];
    expected.extend(&refused);
    assert_eq!(warned, expected, "{err}");
    assert_eq!(err.matches("warning: bpf_trace_printk will print nothing").count(), refused.len(), "{err}");
    assert!(err.contains("`%f` is not a conversion the kernel supports"), "{err}");
    assert!(err.contains("the kernel takes at most 3 conversions"), "{err}");
    assert!(err.contains("warning: this format has 2 conversions but bpf_trace_printk is given 1 value(s)"), "{err}");
    // And the accepted formats printed, twice each.
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("bccrs-printk")).collect();
    assert_eq!(lines.len(), 18, "{out}");
    assert_eq!(lines.iter().filter(|l| l.contains("bccrs-printk    42|-7|x")).count(), 2, "{lines:?}");
    assert_eq!(lines.iter().filter(|l| l.contains("bccrs-printk 127.0.0.1 127.000.000.001")).count(), 2, "{lines:?}");
    assert!(!out.contains("bccrs-refused"), "{out}");
}

#[test]
fn lpm_trie_with_bccs_default_key_loads_without_a_btf_retry() {
    require_root();
    let wl = workload();
    let _one_at_a_time = one_run_at_a_time();
    let out = Command::new(env!("CARGO_BIN_EXE_bccrs"))
        .args(["run", "tests/programs/lpm_default.c", "--format", "json", "--", wl.to_str().unwrap(), "getppid", "5"])
        .env("BCCRS_LIBBPF_LOG", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("Retrying without BTF"), "{stderr}");
    let (_, doc) = pid_and_json(&stdout);
    let key = 32u64 | (0x0100007fu64 << 32);
    let hits: Vec<_> = entries(&doc, "routes").into_iter().filter(|(k, _)| k.as_u64() == Some(key)).collect();
    // Decoded as numbers (the anchored u64 types): the workload's five calls.
    assert_eq!(hits, vec![(serde_json::json!(key), serde_json::json!(5))], "{doc}");
}

#[test]
fn tables_named_like_kernel_typedefs_keep_their_names() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/typedef_names.c", "--format", "json", "--", wl.to_str().unwrap(), "getppid", "4"]);
    assert_eq!(code, 0, "{err}");
    let (pid, doc) = pid_and_json(&out);
    assert_eq!(entries(&doc, "config"), vec![(serde_json::json!(1), serde_json::json!(4))], "{doc}");
    let events = events(&out, "mac_addr");
    let ns: Vec<u64> = events.iter().map(|e| e["n"].as_u64().unwrap()).collect();
    assert_eq!(ns, vec![1, 2, 3, 4], "{out}");
    assert!(events.iter().all(|e| e["pid"].as_u64() == Some(pid as u64)), "{out}");
}

#[test]
fn user_stacks_of_the_command_are_symbolised_after_it_exits() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/user_stacks.c", "--format", "json", "--", wl.to_str().unwrap(), "getpid", "5"]);
    assert_eq!(code, 0, "{err}");
    let (_, doc) = pid_and_json(&out);
    // Every user stack starts in the C library's syscall wrapper, named although the command
    // had ended when the tables were dumped (bccrs held it at its exit).
    let stacks = entries(&doc, "stacks");
    assert!(!stacks.is_empty(), "{doc}");
    for (_, frames) in &stacks {
        let first = frames[0].as_str().unwrap();
        assert!(first.contains("getpid+0x") || first.starts_with("syscall+0x"), "{frames}");
    }
    let total: u64 = entries(&doc, "by_stack").iter().map(|(_, v)| v.as_u64().unwrap()).sum();
    assert_eq!(total, 6, "5 calls + the workload's own getpid: {doc}");
}

#[test]
fn signals_reach_the_command() {
    require_root();
    // Killed by its own SIGUSR1: passed on to it, so the exit code says so (128 + 10).
    let (code, _, err) = bccrs_run(&["tests/programs/cleanup.c", "--", "/bin/sh", "-c", "kill -USR1 $$; sleep 5"]);
    assert_eq!(code, 128 + libc::SIGUSR1, "{err}");
    // A command that execs again (a wrapper script, pyenv's python3 shim) runs to its end.
    let (code, _, err) = bccrs_run(&["tests/programs/cleanup.c", "--", "/bin/sh", "-c", "exec /bin/sh -c 'exit 4'"]);
    assert_eq!(code, 4, "{err}");
    // A handled signal is delivered too: the trap runs and the command exits normally.
    let (code, _, err) = bccrs_run(&["tests/programs/cleanup.c", "--", "/bin/sh", "-c", "trap 'exit 3' USR2; kill -USR2 $$; sleep 5"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn tables_given_to_a_macro_as_arguments() {
    require_root();
    let wl = workload();
    let (code, out, err) = bccrs_run(&["tests/programs/macro_tables.c", "--format", "json", "--", wl.to_str().unwrap(), "getppid", "3"]);
    assert_eq!(code, 0, "{err}");
    let (_, doc) = pid_and_json(&out);
    assert_eq!(entries(&doc, "reads"), vec![(serde_json::json!(1), serde_json::json!(6))], "{doc}");
    assert_eq!(entries(&doc, "writes"), vec![(serde_json::json!(1), serde_json::json!(15))], "{doc}");
}

#[test]
fn explicit_kernel_reads_of_user_pointers_work() {
    require_root();
    let wl = workload();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("explicit-read-target").display().to_string();
    let (code, out, err) = bccrs_run(&["tests/programs/explicit_user_read.c", "--format", "json", "--", wl.to_str().unwrap(), "open", &path]);
    assert_eq!(code, 0, "{err}");
    let events = events(&out, "names");
    let ours: Vec<&serde_json::Value> = events.iter().filter(|e| e["name"] == path.as_str()).collect();
    assert_eq!(ours.len(), 1, "{events:?}");
    assert_eq!(ours[0]["ret"].as_i64(), Some(path.len() as i64 + 1), "bytes read, NUL included");
}
