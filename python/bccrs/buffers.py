# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's polling of open perf and ring buffers (the tables open them: table_events.py)."""
import select
import signal
import threading
import time

from ._lib import lib as _clib


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

    def perf_buffer_poll(self, timeout=-1):
        """perf_buffer_poll(self)

        Poll from all open perf ring buffers, calling the callback that was
        provided when calling open_perf_buffer for each entry.
        """
        return self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll,
                              timeout, _clib.bccrs_perf_buffer_epoll_fd, _clib.bccrs_perf_buffer_consume)

    def perf_buffer_consume(self):
        """perf_buffer_consume(self)

        Consume all open perf buffers, regardless of whether or not
        they currently contain events data.
        """
        return self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll, 0,
                              _clib.bccrs_perf_buffer_epoll_fd, _clib.bccrs_perf_buffer_consume)

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
        return self._poll_all([rb for _, rb in self._ring_buffers], _clib.bccrs_ring_buffer_poll,
                              timeout, _clib.bccrs_ring_buffer_epoll_fd, _clib.bccrs_ring_buffer_consume)

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
                r = _clib.bccrs_ring_buffer_consume(rb)
                if r > 0:
                    total += r
                self._raise_pending()
        return total
