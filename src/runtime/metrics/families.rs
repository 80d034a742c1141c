//! One scrape: every exported table read (batch operations) and mapped to metric families,
//! within the cardinality cap. docs/metrics.md is the mapping in prose.
use super::labels::{key_labels, value_numbers, Num};
use super::source::{sanitize, Export, Slots, Source, TableSource};
use crate::runtime::btf::{hex, Btf};
use crate::runtime::maps::Table;
use serde_json::Value;
use std::sync::atomic::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    Value(Num),
    /// Non-cumulative counts per upper bound, the last one `+Inf`.
    Histogram { sum: f64, count: u64, buckets: Vec<(f64, u64)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub labels: Vec<(String, String)>,
    pub sample: Sample,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// Without a counter's `_total`, which the encoder adds.
    pub name: String,
    pub help: String,
    pub kind: Kind,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The most series one scrape exposes (each histogram bucket, `_sum` and `_count` count).
    pub max_series: usize,
    /// Per-CPU values as one series per CPU (a `cpu` label) rather than summed.
    pub per_cpu: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { max_series: 10_000, per_cpu: false }
    }
}

struct Decoder<'a> {
    btf: Option<Btf>,
    table: &'a TableSource,
}

impl Decoder<'_> {
    fn key(&self, b: &[u8]) -> Value {
        match (self.btf, self.table.key_type) {
            (Some(btf), Some(id)) => btf.decode(id, b),
            _ if b.len() <= 8 => Value::from(u64_le(b)),
            _ => hex(b),
        }
    }
    fn value(&self, b: &[u8]) -> Value {
        match (self.btf, self.table.value_type) {
            (Some(btf), Some(id)) => btf.decode(id, b),
            _ if b.len() <= 8 => Value::from(u64_le(b)),
            _ => hex(b),
        }
    }
}

fn u64_le(b: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf[..b.len().min(8)].copy_from_slice(&b[..b.len().min(8)]);
    u64::from_le_bytes(buf)
}

/// Reads every table of `src` and returns its families; the series the cap leaves out are
/// added to `src.dropped`.
pub fn collect(src: &Source, opts: &Options) -> Vec<Family> {
    let btf = src.btf.as_ref().map(|b| b.get());
    let mut budget = opts.max_series;
    let mut dropped = 0u64;
    let mut out = Vec::new();
    for t in &src.tables {
        let prefix = format!("bccrs_{}_{}", src.program, sanitize(&t.name));
        let dec = Decoder { btf, table: t };
        let table = t.table();
        let items = Flat::read(&table);
        let families = match &t.export {
            Export::Values => values(&prefix, t, &table, &dec, items, opts, &mut budget, &mut dropped),
            Export::Histogram(slots) => histogram(&prefix, t, &table, &dec, items, *slots, &mut budget, &mut dropped),
        };
        out.extend(families);
    }
    let events = src.events.lock().map(|e| e.clone()).unwrap_or_default();
    for name in &src.event_tables {
        let c = events.get(name).copied().unwrap_or_default();
        let prefix = format!("bccrs_{}_{}", src.program, sanitize(name));
        for (suffix, what, n) in [("events", "received", c.received), ("lost_events", "lost", c.lost)] {
            out.push(Family {
                name: format!("{prefix}_{suffix}"),
                help: format!("Events of `{name}` {what} by this reader."),
                kind: Kind::Counter,
                series: vec![Series { labels: vec![], sample: Sample::Value(Num::U(n)) }],
            });
        }
    }
    if !src.skipped.is_empty() {
        let list: Vec<String> = src.skipped.iter().map(|(n, k)| format!("{n} ({k})")).collect();
        out.push(Family {
            name: format!("bccrs_{}_tables_skipped", src.program),
            help: format!("Tables not exported as metrics: {}.", list.join(", ")),
            kind: Kind::Gauge,
            series: vec![Series { labels: vec![], sample: Sample::Value(Num::U(src.skipped.len() as u64)) }],
        });
    }
    let total = src.dropped.fetch_add(dropped, Ordering::Relaxed) + dropped;
    out.push(Family {
        name: format!("bccrs_{}_dropped_series", src.program),
        help: "Series left out by the cardinality cap (--metrics-max-series), over all scrapes.".into(),
        kind: Kind::Counter,
        series: vec![Series { labels: vec![], sample: Sample::Value(Num::U(total)) }],
    });
    out
}

/// A table's entries as read by the batch operations: two packed buffers, no allocation per
/// entry (a scrape of a million entries allocates twice).
struct Flat {
    keys: Vec<u8>,
    vals: Vec<u8>,
    n: usize,
    ks: usize,
    vs: usize,
}

impl Flat {
    fn read(t: &Table) -> Flat {
        let (keys, vals, n) = t.read_batch_flat(false).unwrap_or_default();
        let vs = vals.len().checked_div(n).unwrap_or(0);
        Flat { keys, vals, n, ks: t.key_size, vs }
    }
    fn key(&self, i: usize) -> &[u8] {
        &self.keys[i * self.ks..(i + 1) * self.ks]
    }
    fn val(&self, i: usize) -> &[u8] {
        &self.vals[i * self.vs..(i + 1) * self.vs]
    }
}

/// The entries to show, by index, in key order. Beyond the budget the largest values are kept
/// when the value is one integer (the heavy hitters of a counting table), the lowest keys
/// otherwise.
fn within_budget(items: &Flat, t: &Table, per_entry: usize, budget: &mut usize, dropped: &mut u64) -> Vec<usize> {
    let fit = *budget / per_entry.max(1);
    let mut idx: Vec<usize> = (0..items.n).collect();
    if items.n > fit {
        // A selection, not a sort: linear in the table's size.
        if fit > 0 && !t.percpu && t.value_size <= 8 {
            idx.select_nth_unstable_by_key(fit - 1, |&i| std::cmp::Reverse(u64_le(items.val(i))));
        } else if fit > 0 {
            idx.select_nth_unstable_by(fit - 1, |&a, &b| items.key(a).cmp(items.key(b)));
        }
        *dropped += ((items.n - fit) * per_entry) as u64;
        idx.truncate(fit);
    }
    idx.sort_unstable_by(|&a, &b| items.key(a).cmp(items.key(b)));
    *budget -= idx.len() * per_entry;
    idx
}

#[allow(clippy::too_many_arguments)]
fn values(
    prefix: &str,
    t: &TableSource,
    table: &Table,
    dec: &Decoder,
    items: Flat,
    opts: &Options,
    budget: &mut usize,
    dropped: &mut u64,
) -> Vec<Family> {
    // The value's numeric fields, from a zero value (their names do not depend on the data).
    let zero = dec.value(&vec![0u8; t.value_size]);
    let fields: Vec<String> = value_numbers(&zero).into_iter().map(|(n, _)| n).collect();
    if fields.is_empty() {
        return vec![];
    }
    let cpus = if table.percpu && opts.per_cpu { crate::base::cpus::possible_cpus() } else { 1 };
    let shown = within_budget(&items, table, fields.len() * cpus, budget, dropped);
    let kind = if t.counter { Kind::Counter } else { Kind::Gauge };
    let mut fams: Vec<Family> = fields
        .iter()
        .map(|f| Family {
            name: if f.is_empty() { prefix.to_string() } else { format!("{prefix}_{}", sanitize(f)) },
            help: format!("Table `{}`{}.", t.name, if f.is_empty() { String::new() } else { format!(", field `{f}`") }),
            kind,
            series: vec![],
        })
        .collect();
    for i in shown {
        let (k, v) = (items.key(i), items.val(i));
        let labels = key_labels(&dec.key(k), &["cpu"]);
        let per_cpu: Vec<Value> = if table.percpu { table.split_percpu(v).iter().map(|x| dec.value(x)).collect() } else { vec![dec.value(v)] };
        let numbers: Vec<Vec<(String, Num)>> = per_cpu.iter().map(value_numbers).collect();
        for (i, f) in fields.iter().enumerate() {
            let at = |cpu: &Vec<(String, Num)>| cpu.iter().find(|(n, _)| n == f).map(|(_, x)| *x);
            if cpus > 1 {
                for (cpu, nums) in numbers.iter().enumerate() {
                    let mut l = labels.clone();
                    l.push(("cpu".into(), cpu.to_string()));
                    fams[i].series.push(Series { labels: l, sample: Sample::Value(at(nums).unwrap_or(Num::U(0))) });
                }
            } else {
                let sum = numbers.iter().filter_map(at).fold(None, |acc: Option<Num>, x| Some(acc.map_or(x, |a| a.plus(x))));
                fams[i].series.push(Series { labels: labels.clone(), sample: Sample::Value(sum.unwrap_or(Num::U(0))) });
            }
        }
    }
    fams
}

/// One histogram: its labels (the key without `slot`) and the count per slot.
type Group = (Vec<(String, String)>, std::collections::BTreeMap<u64, u64>);

/// A histogram slot's upper bound and midpoint.
fn slot_bounds(slots: Slots, i: u64) -> (f64, f64) {
    match slots {
        Slots::Linear => (i as f64, i as f64),
        Slots::Log2 if i == 0 => (0.0, 0.0),
        // bpf_log2l(0) and bpf_log2l(1) are both 1: BCC shows the slot as 0 -> 1.
        Slots::Log2 if i == 1 => (1.0, 0.5),
        Slots::Log2 => {
            let low = 2f64.powi(i as i32 - 1);
            let high = 2f64.powi(i as i32) - 1.0;
            (high, (low + high) / 2.0)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn histogram(
    prefix: &str,
    t: &TableSource,
    table: &Table,
    dec: &Decoder,
    items: Flat,
    slots: Slots,
    budget: &mut usize,
    dropped: &mut u64,
) -> Vec<Family> {
    // Group by the key without its slot: one histogram per group (BCC's section headers).
    let mut groups: Vec<Group> = Vec::new();
    for i in 0..items.n {
        let (k, v) = (items.key(i), items.val(i));
        let key = dec.key(k);
        let (rest, slot) = match key {
            Value::Object(mut o) => {
                let slot = o.remove("slot").and_then(|s| s.as_u64()).unwrap_or(0);
                (key_labels(&Value::Object(o), &["le"]), slot)
            }
            other => (vec![], other.as_u64().unwrap_or(0)),
        };
        let count = if table.percpu {
            table.split_percpu(v).iter().map(|x| dec.value(x).as_u64().unwrap_or(0)).sum()
        } else {
            dec.value(v).as_u64().unwrap_or(0)
        };
        match groups.iter_mut().find(|(l, _)| *l == rest) {
            Some((_, m)) => *m.entry(slot).or_default() += count,
            None => groups.push((rest, [(slot, count)].into_iter().collect())),
        }
    }
    // A stable bucket layout: every slot an array histogram has (log2: at most 65), or up to
    // the highest slot seen.
    let seen = groups.iter().filter_map(|(_, m)| m.keys().next_back().copied()).max().unwrap_or(0);
    let last = match (table.map_type, slots) {
        (libbpf_sys::BPF_MAP_TYPE_ARRAY | libbpf_sys::BPF_MAP_TYPE_PERCPU_ARRAY, Slots::Log2) => (t.max_entries as u64).clamp(1, 65) - 1,
        (libbpf_sys::BPF_MAP_TYPE_ARRAY | libbpf_sys::BPF_MAP_TYPE_PERCPU_ARRAY, Slots::Linear) => (t.max_entries as u64).max(1) - 1,
        (_, Slots::Log2) => 64,
        (_, Slots::Linear) => seen,
    };
    let per_group = last as usize + 1 + 3; // buckets, +Inf, _sum, _count
    groups.sort_by_key(|(_, m)| std::cmp::Reverse(m.values().sum::<u64>()));
    let fit = *budget / per_group;
    if groups.len() > fit {
        *dropped += ((groups.len() - fit) * per_group) as u64;
        groups.truncate(fit);
    }
    *budget -= groups.len() * per_group;
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let series = groups
        .into_iter()
        .map(|(labels, m)| {
            let mut buckets: Vec<(f64, u64)> = (0..=last).map(|i| (slot_bounds(slots, i).0, m.get(&i).copied().unwrap_or(0))).collect();
            let overflow: u64 = m.range(last + 1..).map(|(_, c)| c).sum();
            buckets.push((f64::INFINITY, overflow));
            let sum = m.iter().map(|(i, c)| slot_bounds(slots, *i).1 * *c as f64).sum();
            Series { labels, sample: Sample::Histogram { sum, count: m.values().sum(), buckets } }
        })
        .collect();
    let kind = if slots == Slots::Log2 { "log2" } else { "linear" };
    vec![Family {
        name: prefix.to_string(),
        help: format!("Histogram `{}` ({kind} slots; _sum is estimated from the slots' midpoints).", t.name),
        kind: Kind::Histogram,
        series,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log2_slots_bound_bcc_ranges() {
        // BCC's print_log2_hist: slot 1 is 0..1, slot 2 is 2..3, slot 3 is 4..7.
        assert_eq!(slot_bounds(Slots::Log2, 0), (0.0, 0.0));
        assert_eq!(slot_bounds(Slots::Log2, 1), (1.0, 0.5));
        assert_eq!(slot_bounds(Slots::Log2, 2), (3.0, 2.5));
        assert_eq!(slot_bounds(Slots::Log2, 3), (7.0, 5.5));
        assert_eq!(slot_bounds(Slots::Linear, 9), (9.0, 9.0));
    }
}
