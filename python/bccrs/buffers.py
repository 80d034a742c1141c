# Adapted from BCC's bcc/__init__.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""BPF's polling of open perf and ring buffers (the tables open them: table_events.py)."""
import select
import time

from ._lib import lib as _clib


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
            try:
                ready = p.poll(wait)
            except InterruptedError:
                continue
            for fd, _ in ready:
                consumefn(items[fds.index(fd)])
                self._raise_pending()
            if ready:
                return len(ready)
            if deadline is not None and time.monotonic() >= deadline:
                return 0

    def _watch_losses(self, table, report):
        """After each perf poll, `report(n)` gets the events of `table` the program counted as
        refused since the last report (table_events.py's lost_cb)."""
        self.__dict__.setdefault("_lost_watch", {})[id(table)] = [table, report, 0]

    def _unwatch_losses(self, table):
        self.__dict__.get("_lost_watch", {}).pop(id(table), None)

    def _report_losses(self):
        for w in list(self.__dict__.get("_lost_watch", {}).values()):
            n = w[0].lost()
            if n is not None and n > w[2]:
                delta, w[2] = n - w[2], n
                w[1](delta)
        self._raise_pending()

    def perf_buffer_poll(self, timeout=-1):
        """perf_buffer_poll(self)

        Poll from all open perf ring buffers, calling the callback that was
        provided when calling open_perf_buffer for each entry.
        """
        r = self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll,
                           timeout, _clib.bccrs_perf_buffer_epoll_fd, _clib.bccrs_perf_buffer_consume)
        self._report_losses()
        return r

    def perf_buffer_consume(self):
        """perf_buffer_consume(self)

        Consume all open perf buffers, regardless of whether or not
        they currently contain events data.
        """
        r = self._poll_all(list(self._perf_buffers.values()), _clib.bccrs_perf_buffer_poll, 0,
                           _clib.bccrs_perf_buffer_epoll_fd, _clib.bccrs_perf_buffer_consume)
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
        for _, rb in self._ring_buffers:
            r = _clib.bccrs_ring_buffer_consume(rb)
            if r > 0:
                total += r
            self._raise_pending()
        return total
