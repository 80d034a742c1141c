//! Streaming perf-buffer and ring-buffer events: one reader per event table, all waited on
//! through one epoll set, each event handed to the table's handler as raw bytes (or decoded by
//! the submitted struct's BTF type for a `Sink`). Counts what each table received and, from
//! the program's loss counters (`lost.rs`), what the kernel refused.
use super::lost::LossCounters;
use crate::runtime::btf::{hex, OwnedBtf};
use crate::runtime::load::Loaded;
use libbpf_rs::{MapCore, MapType};
use libbpf_sys as sys;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ffi::{c_int, c_void};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::rc::Rc;
use std::time::Duration;

/// Per event table: events received and events lost (refused by the kernel).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub received: u64,
    pub lost: u64,
}

pub type Sink = Rc<RefCell<dyn FnMut(&str, Value)>>;

/// What a handler is made for: an event table, its name as the user wrote it and the BTF type
/// of its events when known.
pub struct EventTable<'x> {
    pub name: &'x str,
    pub btf: Option<(Rc<OwnedBtf>, u32)>,
}

/// Called with each event's bytes.
pub type OnEvent = Box<dyn FnMut(&[u8])>;

/// Per-CPU perf buffer size in pages, unless asked otherwise (libbpf-rs's default).
pub const DEFAULT_PERF_PAGES: usize = 64;

/// One table's reader state; boxed, its address is the C callbacks' context.
struct TableState {
    name: String,
    received: Cell<u64>,
    /// What perf's lost records reported (objects without loss counters; see `counts`).
    kernel_lost: Cell<u64>,
    on_event: RefCell<OnEvent>,
    /// A handler that panicked is not called again (a panic must not cross libbpf's C frames).
    broken: Cell<bool>,
}

pub struct Streams {
    tables: Vec<Box<TableState>>,
    perf: Vec<*mut sys::perf_buffer>,
    ring: *mut sys::ring_buffer,
    epoll: OwnedFd,
    /// Duplicates of the event maps' fds: the readers do not borrow the object.
    _fds: Vec<OwnedFd>,
    lost: Option<LossCounters>,
    /// What the latest `counts` read (a failed read keeps the previous value).
    lost_seen: RefCell<BTreeMap<String, u64>>,
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

fn deliver(t: &TableState, data: &[u8]) {
    t.received.set(t.received.get() + 1);
    if t.broken.get() {
        return;
    }
    let Ok(mut f) = t.on_event.try_borrow_mut() else { return };
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(data))).is_err() {
        t.broken.set(true);
    }
}

// The callbacks' context is a `*const TableState` (see open_with).
unsafe extern "C" fn perf_sample(ctx: *mut c_void, _cpu: c_int, data: *mut c_void, size: u32) {
    deliver(&*(ctx as *const TableState), std::slice::from_raw_parts(data as *const u8, size as usize));
}

unsafe extern "C" fn perf_lost(ctx: *mut c_void, _cpu: c_int, count: u64) {
    let t = &*(ctx as *const TableState);
    t.kernel_lost.set(t.kernel_lost.get() + count);
}

unsafe extern "C" fn ring_sample(ctx: *mut c_void, data: *mut c_void, size: sys::size_t) -> c_int {
    deliver(&*(ctx as *const TableState), std::slice::from_raw_parts(data as *const u8, size as usize));
    0
}

fn errno_message(what: &str, name: &str) -> String {
    format!("cannot open {what} {name}: {}", std::io::Error::last_os_error())
}

impl Streams {
    /// Opens a reader on every perf event array that receives events and every ring buffer;
    /// `sink` gets each event decoded.
    pub fn open(loaded: &Loaded, sink: Sink) -> Result<Streams, String> {
        Streams::open_with(loaded, DEFAULT_PERF_PAGES, |t| {
            let name = t.name.to_string();
            let btf = t.btf.clone();
            let sink = sink.clone();
            Box::new(move |data: &[u8]| {
                let v = match &btf {
                    Some((b, id)) => b.get().decode(*id, data),
                    None => hex(data),
                };
                (sink.borrow_mut())(&name, v);
            })
        })
    }

    /// As `open`, with `perf_pages` pages per CPU for each perf buffer (a power of two) and the
    /// handler `make` builds for each table.
    pub fn open_with(
        loaded: &Loaded,
        perf_pages: usize,
        mut make: impl FnMut(&EventTable) -> OnEvent,
    ) -> Result<Streams, String> {
        // SAFETY: epoll_create1 has no preconditions; the fd is owned from here on.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epoll < 0 {
            return Err(format!("cannot create an epoll set: {}", std::io::Error::last_os_error()));
        }
        let btf = loaded.btf().and_then(OwnedBtf::copy_of).map(Rc::new);
        let mut s = Streams {
            tables: vec![],
            perf: vec![],
            ring: std::ptr::null_mut(),
            epoll: unsafe { OwnedFd::from_raw_fd(epoll) },
            _fds: vec![],
            lost: LossCounters::open(loaded),
            lost_seen: RefCell::default(),
        };
        for m in loaded.object.maps() {
            let obj_name = m.name().to_string_lossy().into_owned();
            let t = m.map_type();
            let is_event = match t {
                // BPF_PERF_ARRAY (hardware counters) are read, not streamed.
                MapType::PerfEventArray => loaded.meta.declared(&obj_name) != Some("perf_array"),
                MapType::RingBuf => true,
                _ => false,
            };
            if !is_event {
                continue;
            }
            let name = crate::object::names::user_name(&obj_name).to_string();
            let ty = btf.as_ref().and_then(|b| loaded.meta.event_type(&obj_name).and_then(|s| b.get().find(s)));
            let on_event = make(&EventTable { name: &name, btf: btf.clone().zip(ty) });
            let fd = m.as_fd().try_clone_to_owned().map_err(|e| format!("cannot open {name}: {e}"))?;
            let state = Box::new(TableState {
                name: name.clone(),
                received: Cell::new(0),
                kernel_lost: Cell::new(0),
                on_event: RefCell::new(on_event),
                broken: Cell::new(false),
            });
            let ctx = &*state as *const TableState as *mut c_void;
            s.tables.push(state);
            // SAFETY: `ctx` points into a Box owned by `s` and freed after the readers (Drop).
            unsafe {
                if t == MapType::PerfEventArray {
                    let pb = sys::perf_buffer__new(fd.as_raw_fd(), perf_pages as _, Some(perf_sample), Some(perf_lost), ctx, std::ptr::null());
                    if pb.is_null() || sys::libbpf_get_error(pb as *const c_void) != 0 {
                        return Err(errno_message("perf buffer", &name));
                    }
                    s.perf.push(pb);
                    s.watch(sys::perf_buffer__epoll_fd(pb))?;
                } else if s.ring.is_null() {
                    s.ring = sys::ring_buffer__new(fd.as_raw_fd(), Some(ring_sample), ctx, std::ptr::null());
                    if s.ring.is_null() {
                        return Err(errno_message("ring buffer", &name));
                    }
                    s.watch(sys::ring_buffer__epoll_fd(s.ring))?;
                } else if sys::ring_buffer__add(s.ring, fd.as_raw_fd(), Some(ring_sample), ctx) < 0 {
                    return Err(errno_message("ring buffer", &name));
                }
            }
            s._fds.push(fd);
        }
        Ok(s)
    }

    fn watch(&self, fd: c_int) -> Result<(), String> {
        let mut ev = libc::epoll_event { events: libc::EPOLLIN as u32, u64: 0 };
        // SAFETY: both fds are open; `ev` lives across the call.
        if unsafe { libc::epoll_ctl(self.epoll.as_raw_fd(), libc::EPOLL_CTL_ADD, fd, &mut ev) } < 0 {
            return Err(format!("cannot wait on an event buffer: {}", std::io::Error::last_os_error()));
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// Waits up to `timeout` for events in any buffer, then delivers all that are pending.
    /// Returns whether any event was delivered.
    pub fn poll(&self, timeout: Duration) -> bool {
        if self.is_empty() {
            std::thread::sleep(timeout);
            return false;
        }
        let mut ev = [libc::epoll_event { events: 0, u64: 0 }; 4];
        let ms = timeout.as_millis().min(i32::MAX as u128) as c_int;
        // SAFETY: `ev` has room for 4 events. EINTR (a signal) just returns early.
        let n = unsafe { libc::epoll_wait(self.epoll.as_raw_fd(), ev.as_mut_ptr(), ev.len() as c_int, ms) };
        // Every reader is consumed whatever woke us: consuming an idle buffer is a few reads of
        // its head, and the inner epoll sets take a perf event's readiness when polled.
        self.drain() > 0 || n > 0
    }

    /// Delivers everything buffered now, without waiting; returns how many events.
    pub fn drain(&self) -> u64 {
        let before: u64 = self.tables.iter().map(|t| t.received.get()).sum();
        // SAFETY: the readers are valid until Drop.
        unsafe {
            for &p in &self.perf {
                sys::perf_buffer__consume(p);
            }
            if !self.ring.is_null() {
                sys::ring_buffer__consume(self.ring);
            }
        }
        let after: u64 = self.tables.iter().map(|t| t.received.get()).sum();
        after - before
    }

    /// Received and lost per table, as of now. Lost is the program's own count of refused
    /// submissions; perf's lost records (which miss the losses after the last event written)
    /// only for objects without loss counters, and never more than them.
    pub fn counts(&self) -> BTreeMap<String, Counts> {
        let mut seen = self.lost_seen.borrow_mut();
        self.tables
            .iter()
            .map(|t| {
                let counted = self.read_lost(&t.name);
                if let Some(c) = counted {
                    seen.insert(t.name.clone(), c);
                }
                let counted = seen.get(&t.name).copied().unwrap_or(0);
                (t.name.clone(), Counts { received: t.received.get(), lost: counted.max(t.kernel_lost.get()) })
            })
            .collect()
    }

    fn read_lost(&self, table: &str) -> Option<u64> {
        self.lost.as_ref()?.read(table)
    }
}

impl Drop for Streams {
    fn drop(&mut self) {
        // SAFETY: made by libbpf in open_with, freed only here, before the table states.
        unsafe {
            for &p in &self.perf {
                sys::perf_buffer__free(p);
            }
            if !self.ring.is_null() {
                sys::ring_buffer__free(self.ring);
            }
        }
    }
}
