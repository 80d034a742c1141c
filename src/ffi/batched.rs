//! Batched event readers for hosts whose per-event callback is costly (Python through ctypes):
//! libbpf's callbacks are Rust functions that append each event to a queue, and the host takes
//! the queue in large pieces and dispatches the events itself — one crossing of the C ABI per
//! batch instead of one callback per event.
use super::{cstr, guard, set_error, Handle};
use libbpf_rs::{MapCore, MapType};
use libbpf_sys as sys;
use std::ffi::{c_char, c_int, c_void};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

/// Record header in the queue and in what `bccrs_batched_take` writes: cpu (u32, -1 for a ring
/// buffer), size (u32), then the data, padded to 8 bytes.
const HEADER: usize = 8;

struct Queue {
    bytes: Vec<u8>,
    /// Where the records not yet taken start.
    start: usize,
    events: u64,
    lost_records: u64,
}

impl Queue {
    fn push(&mut self, cpu: u32, data: &[u8]) {
        self.bytes.extend_from_slice(&cpu.to_ne_bytes());
        self.bytes.extend_from_slice(&(data.len() as u32).to_ne_bytes());
        self.bytes.extend_from_slice(data);
        self.bytes.resize(self.bytes.len().next_multiple_of(8), 0);
        self.events += 1;
    }
}

pub struct Batched {
    perf: *mut sys::perf_buffer,
    ring: *mut sys::ring_buffer,
    /// Boxed: its address is the callbacks' context.
    queue: Box<Queue>,
    _fd: OwnedFd,
}

unsafe extern "C" fn perf_sample(ctx: *mut c_void, cpu: c_int, data: *mut c_void, size: u32) {
    let q = &mut *(ctx as *mut Queue);
    q.push(cpu as u32, std::slice::from_raw_parts(data as *const u8, size as usize));
}

unsafe extern "C" fn perf_lost(ctx: *mut c_void, _cpu: c_int, count: u64) {
    (*(ctx as *mut Queue)).lost_records += count;
}

unsafe extern "C" fn ring_sample(ctx: *mut c_void, data: *mut c_void, size: sys::size_t) -> c_int {
    let q = &mut *(ctx as *mut Queue);
    q.push(u32::MAX, std::slice::from_raw_parts(data as *const u8, size as usize));
    0
}

/// A batched reader of event table `name` (perf event array or ring buffer); `page_cnt`
/// pages per CPU for a perf buffer (0: 64; rounded up to a power of two).
#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_open(h: *mut Handle, name: *const c_char, page_cnt: usize) -> *mut Batched {
    guard(std::ptr::null_mut(), || {
        let Some(n) = cstr(name) else {
            set_error("table name must be a UTF-8 string");
            return std::ptr::null_mut();
        };
        let Some(m) = (*h).bpf.map(n) else {
            set_error(format!("no table {n}"));
            return std::ptr::null_mut();
        };
        let fd = match m.as_fd().try_clone_to_owned() {
            Ok(f) => f,
            Err(e) => {
                set_error(format!("cannot open {n}: {e}"));
                return std::ptr::null_mut();
            }
        };
        let mut b = Box::new(Batched {
            perf: std::ptr::null_mut(),
            ring: std::ptr::null_mut(),
            queue: Box::new(Queue { bytes: Vec::with_capacity(1 << 20), start: 0, events: 0, lost_records: 0 }),
            _fd: fd,
        });
        let ctx = &mut *b.queue as *mut Queue as *mut c_void;
        let raw = b._fd.as_raw_fd();
        match m.map_type() {
            MapType::PerfEventArray => {
                let pages = if page_cnt == 0 { 64 } else { page_cnt.next_power_of_two() };
                b.perf = sys::perf_buffer__new(raw, pages as _, Some(perf_sample), Some(perf_lost), ctx, std::ptr::null());
                if b.perf.is_null() || sys::libbpf_get_error(b.perf as *const c_void) != 0 {
                    b.perf = std::ptr::null_mut();
                    set_error(format!("cannot open perf buffer {n}: {}", std::io::Error::last_os_error()));
                    return std::ptr::null_mut();
                }
            }
            MapType::RingBuf => {
                b.ring = sys::ring_buffer__new(raw, Some(ring_sample), ctx, std::ptr::null());
                if b.ring.is_null() {
                    set_error(format!("cannot open ring buffer {n}: {}", std::io::Error::last_os_error()));
                    return std::ptr::null_mut();
                }
            }
            _ => {
                set_error(format!("{n} is not a perf event array or a ring buffer"));
                return std::ptr::null_mut();
            }
        }
        Box::into_raw(b)
    })
}

/// The reader's epoll fd: readable when the buffer has data (see bccrs_perf_buffer_epoll_fd).
#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_epoll_fd(b: *mut Batched) -> c_int {
    guard(-1, || {
        let b = &*b;
        if b.perf.is_null() { sys::ring_buffer__epoll_fd(b.ring) } else { sys::perf_buffer__epoll_fd(b.perf) }
    })
}

/// Waits up to `timeout_ms` (0: not at all; -1: until there are events) for the buffer, reads
/// everything it holds into the reader's queue; returns the number of events queued, or -errno.
#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_poll(b: *mut Batched, timeout_ms: c_int) -> c_int {
    guard(-1, || {
        let b = &mut *b;
        let r = match (b.perf.is_null(), timeout_ms) {
            (false, 0) => sys::perf_buffer__consume(b.perf),
            (false, t) => sys::perf_buffer__poll(b.perf, t),
            (true, 0) => sys::ring_buffer__consume(b.ring),
            (true, t) => sys::ring_buffer__poll(b.ring, t),
        };
        if r < 0 && r != -libc::EINTR {
            return r;
        }
        b.queue.events.min(c_int::MAX as u64) as c_int
    })
}

/// Moves queued records into `buf` (whole records, in order, each `{uint32_t cpu; uint32_t
/// size; data}` padded to 8 bytes; cpu is -1 for a ring buffer); returns the bytes written,
/// 0 when the queue is empty, -ENOSPC when the next record alone does not fit. What does not fit
/// stays queued.
#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_take(b: *mut Batched, buf: *mut c_void, cap: usize) -> i64 {
    guard(-1, || {
        let q = &mut *(*b).queue;
        let mut end = q.start;
        let mut n = 0u64;
        while end < q.bytes.len() {
            let size = u32::from_ne_bytes(q.bytes[end + 4..end + 8].try_into().unwrap_or_default()) as usize;
            let next = end + (HEADER + size).next_multiple_of(8);
            if next - q.start > cap {
                break;
            }
            end = next;
            n += 1;
        }
        if end == q.start {
            return if q.bytes.len() > q.start { -(libc::ENOSPC as i64) } else { 0 };
        }
        let len = end - q.start;
        std::ptr::copy_nonoverlapping(q.bytes.as_ptr().add(q.start), buf as *mut u8, len);
        q.start = end;
        q.events -= n;
        if q.start == q.bytes.len() {
            q.bytes.clear();
            q.start = 0;
        }
        len as i64
    })
}

/// perf's lost records since the last call (a perf buffer; for objects without loss counters:
/// see bccrs_events_lost).
#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_lost_records(b: *mut Batched) -> u64 {
    guard(0, || std::mem::take(&mut (*b).queue.lost_records))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_batched_free(b: *mut Batched) {
    guard((), || {
        if b.is_null() {
            return;
        }
        let b = Box::from_raw(b);
        if !b.perf.is_null() {
            sys::perf_buffer__free(b.perf);
        }
        if !b.ring.is_null() {
            sys::ring_buffer__free(b.ring);
        }
        drop(b);
    })
}
