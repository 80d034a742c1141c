//! The C ABI's event buffers: perf and ring buffer readers over libbpf, and the loss counts
//! of the program's event tables.
use super::{guard, set_error, with_table, cstr, Handle};
use std::ffi::{c_char, c_int, c_void};

/// Opens a perf buffer on an event table; `sample(ctx, cpu, data, size)` and `lost(ctx, cpu,
/// count)` run inside bccrs_perf_buffer_poll. Returns libbpf's `struct perf_buffer *`.
#[no_mangle]
pub unsafe extern "C" fn bccrs_perf_buffer_open(
    h: *mut Handle,
    name: *const c_char,
    page_cnt: usize,
    sample: libbpf_sys::perf_buffer_sample_fn,
    lost: libbpf_sys::perf_buffer_lost_fn,
    ctx: *mut c_void,
) -> *mut libbpf_sys::perf_buffer {
    guard(std::ptr::null_mut(), || {
        with_table(&*h, name, std::ptr::null_mut(), |t| {
            let pages = if page_cnt == 0 { 64 } else { page_cnt.next_power_of_two() };
            let pb = libbpf_sys::perf_buffer__new(t.fd(), pages as _, sample, lost, ctx, std::ptr::null());
            if pb.is_null() || libbpf_sys::libbpf_get_error(pb as *const c_void) != 0 {
                set_error(format!("cannot open perf buffer: {}", std::io::Error::last_os_error()));
                return std::ptr::null_mut();
            }
            pb
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_perf_buffer_poll(pb: *mut libbpf_sys::perf_buffer, timeout_ms: c_int) -> c_int {
    guard(-1, || libbpf_sys::perf_buffer__poll(pb, timeout_ms))
}

/// Reads every CPU's buffer whatever their readiness; 0 or -errno.
#[no_mangle]
pub unsafe extern "C" fn bccrs_perf_buffer_consume(pb: *mut libbpf_sys::perf_buffer) -> c_int {
    guard(-1, || libbpf_sys::perf_buffer__consume(pb))
}

/// The perf buffer's epoll fd: readable when some CPU's buffer has data. To wait on several
/// buffers together, wait on these fds, then bccrs_perf_buffer_consume the ready ones (polling
/// the epoll fd takes the perf events' wakeup, so a later bccrs_perf_buffer_poll would miss it).
#[no_mangle]
pub unsafe extern "C" fn bccrs_perf_buffer_epoll_fd(pb: *mut libbpf_sys::perf_buffer) -> c_int {
    guard(-1, || libbpf_sys::perf_buffer__epoll_fd(pb))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_perf_buffer_free(pb: *mut libbpf_sys::perf_buffer) {
    guard((), || libbpf_sys::perf_buffer__free(pb))
}

/// Opens a ring buffer reader; `sample(ctx, data, size)` runs inside poll/consume.
#[no_mangle]
pub unsafe extern "C" fn bccrs_ring_buffer_open(
    h: *mut Handle,
    name: *const c_char,
    sample: libbpf_sys::ring_buffer_sample_fn,
    ctx: *mut c_void,
) -> *mut libbpf_sys::ring_buffer {
    guard(std::ptr::null_mut(), || {
        with_table(&*h, name, std::ptr::null_mut(), |t| {
            let rb = libbpf_sys::ring_buffer__new(t.fd(), sample, ctx, std::ptr::null());
            if rb.is_null() {
                set_error(format!("cannot open ring buffer: {}", std::io::Error::last_os_error()));
            }
            rb
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_ring_buffer_poll(rb: *mut libbpf_sys::ring_buffer, timeout_ms: c_int) -> c_int {
    guard(-1, || libbpf_sys::ring_buffer__poll(rb, timeout_ms))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_ring_buffer_consume(rb: *mut libbpf_sys::ring_buffer) -> c_int {
    guard(-1, || libbpf_sys::ring_buffer__consume(rb))
}

/// The ring buffer reader's epoll fd (as bccrs_perf_buffer_epoll_fd).
#[no_mangle]
pub unsafe extern "C" fn bccrs_ring_buffer_epoll_fd(rb: *mut libbpf_sys::ring_buffer) -> c_int {
    guard(-1, || libbpf_sys::ring_buffer__epoll_fd(rb))
}

#[no_mangle]
pub unsafe extern "C" fn bccrs_ring_buffer_free(rb: *mut libbpf_sys::ring_buffer) {
    guard((), || libbpf_sys::ring_buffer__free(rb))
}

/// Events of event table `name` the kernel refused so far (a full buffer, no reader on a
/// CPU), counted by the program itself: with what the readers received, what it submitted.
/// -ENOENT when the table has no counter (an object bccrs did not compile), -EINVAL for a bad
/// name.
#[no_mangle]
pub unsafe extern "C" fn bccrs_events_lost(h: *mut Handle, name: *const c_char) -> i64 {
    guard(-(libc::EINVAL as i64), || {
        let Some(n) = cstr(name) else {
            set_error("table name must be a UTF-8 string");
            return -(libc::EINVAL as i64);
        };
        match (*h).bpf.events_lost(n) {
            Some(c) => c.min(i64::MAX as u64) as i64,
            None => {
                set_error(format!("table {n} has no loss counter (not an event table of a program bccrs compiled)"));
                -(libc::ENOENT as i64)
            }
        }
    })
}
