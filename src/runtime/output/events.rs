//! Streaming perf-buffer and ring-buffer events, decoded by the submitted struct's BTF type.
use crate::runtime::btf::{hex, Btf};
use crate::runtime::load::Loaded;
use libbpf_rs::{MapCore, MapType, PerfBuffer, PerfBufferBuilder, RingBuffer, RingBufferBuilder};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

/// Per event table: events received and events the kernel reported lost.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub received: u64,
    pub lost: u64,
}

pub type Sink = Rc<RefCell<dyn FnMut(&str, Value)>>;

pub struct Streams<'a> {
    perf: Vec<PerfBuffer<'a>>,
    ring: Option<RingBuffer<'a>>,
    pub counts: Rc<RefCell<BTreeMap<String, Counts>>>,
}

/// An event's fields on one line: `pid=12 comm="bash"`.
pub fn text_line(table: &str, v: &Value) -> String {
    let body = match v {
        Value::Object(o) => o
            .iter()
            .map(|(k, x)| match x {
                Value::String(s) => format!("{k}={s:?}"),
                other => format!("{k}={other}"),
            })
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    };
    format!("{table}: {body}")
}

pub fn json_line(table: &str, v: &Value) -> String {
    json!({ "event": table, "data": v }).to_string()
}

impl<'a> Streams<'a> {
    /// Opens a reader on every perf event array that receives events and every ring buffer.
    /// `sink` gets each decoded event.
    pub fn open(loaded: &'a Loaded, sink: Sink) -> Result<Streams<'a>, String> {
        let btf = loaded.btf();
        let counts: Rc<RefCell<BTreeMap<String, Counts>>> = Rc::default();
        let mut perf = Vec::new();
        // The ring buffer builder borrows its maps until build().
        let maps: Vec<_> = loaded.object.maps().collect();
        let mut rb = RingBufferBuilder::new();
        let mut any_ring = false;
        for m in &maps {
            let name = m.name().to_string_lossy().into_owned();
            let t = m.map_type();
            let is_event = match t {
                // BPF_PERF_ARRAY (hardware counters) are read, not streamed.
                MapType::PerfEventArray => loaded.meta.declared(&name) != Some("perf_array"),
                MapType::RingBuf => true,
                _ => false,
            };
            if !is_event {
                continue;
            }
            let ty = loaded.meta.event_type(&name).and_then(|s| btf.and_then(|b: Btf| b.find(s)));
            let name = crate::object::names::user_name(&name).to_string();
            counts.borrow_mut().insert(name.clone(), Counts::default());
            let decode = move |data: &[u8]| -> Value {
                match (btf, ty) {
                    (Some(b), Some(id)) => b.decode(id, data),
                    _ => hex(data),
                }
            };
            let (c1, s1, n1) = (counts.clone(), sink.clone(), name.clone());
            if t == MapType::PerfEventArray {
                let (c2, n2) = (counts.clone(), name.clone());
                let pb = PerfBufferBuilder::new(m)
                    .sample_cb(move |_cpu, data: &[u8]| {
                        c1.borrow_mut().entry(n1.clone()).or_default().received += 1;
                        (s1.borrow_mut())(&n1, decode(data));
                    })
                    .lost_cb(move |_cpu, lost| {
                        c2.borrow_mut().entry(n2.clone()).or_default().lost += lost;
                    })
                    .build()
                    .map_err(|e| format!("cannot open perf buffer {name}: {e}"))?;
                perf.push(pb);
            } else {
                rb.add(m, move |data: &[u8]| {
                    c1.borrow_mut().entry(n1.clone()).or_default().received += 1;
                    (s1.borrow_mut())(&n1, decode(data));
                    0
                })
                .map_err(|e| format!("cannot open ring buffer {name}: {e}"))?;
                any_ring = true;
            }
        }
        let ring = if any_ring { Some(rb.build().map_err(|e| format!("cannot open ring buffers: {e}"))?) } else { None };
        Ok(Streams { perf, ring, counts })
    }

    pub fn is_empty(&self) -> bool {
        self.perf.is_empty() && self.ring.is_none()
    }

    /// Delivers what is pending, waiting up to `timeout` in all.
    pub fn poll(&self, timeout: Duration) {
        if self.is_empty() {
            std::thread::sleep(timeout);
            return;
        }
        let n = (self.perf.len() + self.ring.is_some() as usize).max(1) as u32;
        let each = timeout / n;
        for p in &self.perf {
            let _ = p.poll(each);
        }
        if let Some(r) = &self.ring {
            let _ = r.poll(each);
        }
    }

    /// Delivers everything still buffered, without waiting.
    pub fn drain(&self) {
        for p in &self.perf {
            let _ = p.consume();
        }
        if let Some(r) = &self.ring {
            let _ = r.consume();
        }
    }
}
