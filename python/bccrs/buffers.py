# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's polling of open perf and ring buffers (the tables open them: table_events.py)."""
import ctypes as ct
import errno
import select
import signal
import struct
import threading
import time

from ._lib import lib as _clib

# A record bccrs_batched_take writes: cpu, size, then the data padded to 8 bytes.
_RECORD = struct.Struct("=II")


class _DeferredInterrupt(object):
    """SIGINT held while a poll runs, raised once it returns. Python raises KeyboardInterrupt
    at the next bytecode, and inside a ctypes callback that may be before the callback's own
    `try` (or after it): ctypes then prints "Exception ignored" and the tool polls on. Here the
    handler only records the signal; the poll's wait ends with EINTR, and the interrupt goes to
    the handler that was installed (KeyboardInterrupt by default) when the poll returns."""

    def __init__(self):
        self.hit = False
        self.prev = None

    def _record(self, signum, frame):
        self.hit = True

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self
        prev = signal.getsignal(signal.SIGINT)
        if callable(prev):
            self.prev = prev
            signal.signal(signal.SIGINT, self._record)
        return self

    def __exit__(self, et, ev, tb):
        if self.prev is None:
            return False
        signal.signal(signal.SIGINT, self.prev)
        if self.hit and et is None:
            self.prev(signal.SIGINT, None)
        return False


class BuffersMixin(object):
    """BPF.perf_buffer_poll/consume, ring_buffer_poll/consume."""

    def _raise_pending(self):
        e = self._pending_exc
        if e is not None:
            self._pending_exc = None
            raise e

    def _poll_all(self, items, pollfn, timeout, fdfn, consumefn):
        """Polls several buffers: one is polled with the whole timeout; several are waited on
        together through their epoll fds (`fdfn`), then the ready ones are consumed (waiting
        on the fd takes a perf event's wakeup, so polling them again would miss the data).
        Returns the number of records (one buffer) or of ready buffers (several)."""
        self._pending_exc = None
        if not items:
            return 0
        with _DeferredInterrupt() as interrupt:
            return self._poll_items(items, pollfn, timeout, fdfn, consumefn, interrupt)

    def _poll_items(self, items, pollfn, timeout, fdfn, consumefn, interrupt):
        if len(items) == 1:
            r = pollfn(items[0], timeout)
            self._raise_pending()
            return r
        if timeout == 0:
            total = 0
            for it in items:
                r = pollfn(it, 0)
                if r > 0:
                    total += r
                self._raise_pending()
            return total
        fds = [fdfn(it) for it in items]
        deadline = None if timeout < 0 else time.monotonic() + timeout / 1000.0
        # poll(2), not epoll: an epoll set re-checks readiness after reporting it, and a perf
        # event's readiness is taken by the first check.
        p = select.poll()
        for fd in fds:
            p.register(fd, select.POLLIN)
        while True:
            wait = None if deadline is None else max(0, int((deadline - time.monotonic()) * 1000))
            # In slices: poll(2) is restarted after a signal whose handler returns, so a held
            # interrupt is seen between slices.
            wait = 100 if wait is None else min(wait, 100)
            try:
                ready = p.poll(wait)
            except InterruptedError:
                continue
            if interrupt.hit:
                return 0
            for fd, _ in ready:
                consumefn(items[fds.index(fd)])
                self._raise_pending()
            if ready:
                return len(ready)
            if deadline is not None and time.monotonic() >= deadline:
                return 0

    @property
    def _dispatch(self):
        """reader handle -> fn(cpu, data, size): the table's callback (table_events.py)."""
        return self.__dict__.setdefault("_dispatchers", {})

    def _forget_reader(self, h):
        self._dispatch.pop(h, None)
        _clib.bccrs_batched_free(h)

    def _read(self, h, timeout):
        """Polls one batched reader (waiting up to `timeout` ms), then hands every event it
        gathered to the table's callback: one call into the library per batch, not one ctypes
        callback per event. Returns the number of events delivered, or -errno."""
        r = _clib.bccrs_batched_poll(h, timeout)
        if r < 0:
            return r
        fn = self._dispatch.get(h)
        buf = self.__dict__.get("_batch_buf")
        if buf is None:
            buf = self._batch_buf = ct.create_string_buffer(1 << 20)
        n = 0
        while True:
            got = _clib.bccrs_batched_take(h, buf, len(buf))
            if got == -errno.ENOSPC:
                buf = self._batch_buf = ct.create_string_buffer(len(buf) * 4)
                continue
            if got <= 0:
                return n
            base = ct.addressof(buf)
            off = 0
            while off < got:
                cpu, size = _RECORD.unpack_from(buf, off)
                if fn is not None:
                    fn(cpu, base + off + 8, size)
                n += 1
                off += (8 + size + 7) & ~7
                # A callback's SystemExit or KeyboardInterrupt ends the poll (the rest of this
                # batch is not delivered).
                if self._pending_exc is not None:
                    return n

    def _watch_losses(self, table, report, count):
        """After each perf poll, `report(n)` gets how much `count()` (events of `table` lost so
        far) grew since the last report: table_events.py's lost_cb."""
        self.__dict__.setdefault("_lost_watch", {})[id(table)] = [count, report, 0]

    def _unwatch_losses(self, table):
        self.__dict__.get("_lost_watch", {}).pop(id(table), None)

    def _report_losses(self):
        for w in list(self.__dict__.get("_lost_watch", {}).values()):
            n = w[0]()
            if n is not None and n > w[2]:
                delta, w[2] = n - w[2], n
                w[1](delta)
        self._raise_pending()

    def perf_buffer_poll(self, timeout=-1):
        """perf_buffer_poll(self)

        Poll from all open perf ring buffers, calling the callback that was
        provided when calling open_perf_buffer for each entry.
        """
        r = self._poll_all(list(self._perf_buffers.values()), self._read,
                           timeout, _clib.bccrs_batched_epoll_fd, lambda h: self._read(h, 0))
        self._report_losses()
        return r

    def perf_buffer_consume(self):
        """perf_buffer_consume(self)

        Consume all open perf buffers, regardless of whether or not
        they currently contain events data.
        """
        r = self._poll_all(list(self._perf_buffers.values()), self._read, 0,
                           _clib.bccrs_batched_epoll_fd, lambda h: self._read(h, 0))
        self._report_losses()
        return r

    def kprobe_poll(self, timeout=-1):
        """kprobe_poll(self)

        Deprecated. Use perf_buffer_poll instead.
        """
        self.perf_buffer_poll(timeout)

    def _open_ring_buffer(self, table, rb):
        self._ring_buffers.append((table, rb))
        self._ringbuf_manager = True

    def ring_buffer_poll(self, timeout=-1):
        """ring_buffer_poll(self)

        Poll from all open ringbuf buffers, calling the callback that was
        provided when calling open_ring_buffer for each entry.
        """
        if not self._ring_buffers:
            raise Exception("No ring buffers to poll")
        return self._poll_all([rb for _, rb in self._ring_buffers], self._read,
                              timeout, _clib.bccrs_batched_epoll_fd, lambda h: self._read(h, 0))

    def ring_buffer_consume(self):
        """ring_buffer_consume(self)

        Consume all open ringbuf buffers, regardless of whether or not
        they currently contain events data.
        """
        if not self._ring_buffers:
            raise Exception("No ring buffers to poll")
        self._pending_exc = None
        total = 0
        with _DeferredInterrupt():
            for _, rb in self._ring_buffers:
                r = self._read(rb, 0)
                if r > 0:
                    total += r
                self._raise_pending()
        return total
