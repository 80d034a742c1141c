//! `bccrs run`'s standard output while events stream: lines gathered in one buffer and written
//! per poll batch, when the buffer is large, and at least every 100 ms while a batch goes on,
//! so `tail -f` sees events promptly and a flood costs one write per batch, not per event.
use std::io::Write;
use std::time::{Duration, Instant};

const FLUSH_BYTES: usize = 256 * 1024;
const FLUSH_EVERY: Duration = Duration::from_millis(100);
/// Events between clock reads inside a batch.
const CLOCK_EVERY: u32 = 1024;

pub struct Output {
    pub buf: Vec<u8>,
    last_flush: Instant,
    since_clock: u32,
    /// stdout was closed (EPIPE, `| head`): the run stops.
    pub closed: bool,
}

impl Output {
    pub fn new() -> Output {
        Output { buf: Vec::with_capacity(FLUSH_BYTES + 4096), last_flush: Instant::now(), since_clock: 0, closed: false }
    }

    /// After a line was appended to `buf`: writes when the buffer is large or the last write
    /// is 100 ms old.
    pub fn line_added(&mut self) {
        self.since_clock += 1;
        if self.buf.len() >= FLUSH_BYTES {
            self.flush();
        } else if self.since_clock >= CLOCK_EVERY {
            self.since_clock = 0;
            if self.last_flush.elapsed() >= FLUSH_EVERY {
                self.flush();
            }
        }
    }

    pub fn flush(&mut self) {
        self.since_clock = 0;
        self.last_flush = Instant::now();
        if self.buf.is_empty() {
            return;
        }
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(&self.buf).and_then(|_| out.flush()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                self.closed = true;
            }
        }
        self.buf.clear();
    }
}
