# Adapted from BCC's bcc/table.py, Copyright 2015 PLUMgrid,
# Licensed under the Apache License, Version 2.0.
"""Tables that carry events to user space: PERF_EVENT_ARRAY (perf buffers, perf counters)
and RINGBUF, with the callbacks the C ABI's poll calls."""
from __future__ import print_function
import ctypes as ct
import errno
import os
import sys

from ._lib import lib, to_bytes, last_error
from . import _types
from .table_array import ArrayBase
from .table_base import TableBase
from .utils import get_online_cpus


def _event(table, data):
    """The submitted struct at `data`, typed from the program's BTF (once per table)."""
    if table._event_class is None:
        table._event_class = _get_event_class(table)
    return ct.cast(data, ct.POINTER(table._event_class)).contents


def _get_event_class(event_map):
    desc = lib.bccrs_map_type(event_map.bpf._handle(), to_bytes(event_map._name), 2)
    if not desc:
        raise Exception("bccrs: the type of the events submitted to table %s is unknown; "
                        "define the data with ctypes and cast it yourself" % event_map._name)
    return _types.ctype(desc.decode())


def _lost(table):
    """Events of `table` the kernel refused so far, as the program counted them; None for an
    object without loss counters (not compiled by bccrs)."""
    n = lib.bccrs_events_lost(table._h(), table._n())
    return None if n < 0 else n


def _cb_error(exc):
    """An exception raised by a Python callback inside a C poll: SystemExit and
    KeyboardInterrupt end the poll and are raised again by it; others are reported like
    ctypes reports them and the poll goes on (as with BCC)."""
    if isinstance(exc, (SystemExit, KeyboardInterrupt)):
        return exc
    import traceback
    print("Exception ignored on calling ctypes callback function:", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    return None


class PerfEventArray(ArrayBase):

    def __init__(self, *args, **kwargs):
        super(PerfEventArray, self).__init__(*args, **kwargs)
        self._open_key_fds = {}
        self._event_class = None
        self._pb = None

    def __del__(self):
        try:
            self._close_all()
        except Exception:
            pass

    def _close_all(self):
        self.bpf._unwatch_losses(self)
        if self._pb is not None:
            self.bpf._perf_buffers.pop(id(self), None)
            self.bpf.perf_buffers.pop((id(self), -1), None)
            self.bpf._forget_reader(self._pb)
            self._pb = None
            self._cbs.clear()
        for key in list(self._open_key_fds.keys()):
            fd = self._open_key_fds.pop(key)
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def __delitem__(self, key):
        if isinstance(key, int) and key in self._open_key_fds:
            fd = self._open_key_fds.pop(key)
            if fd >= 0:
                super(PerfEventArray, self).__delitem__(key)
                os.close(fd)
        elif not self._open_key_fds and self._pb is not None:
            self._close_all()

    def lost(self):
        """lost()

        The number of events the kernel refused so far (a full buffer, no
        reader on a CPU), counted by the program as it submitted them: with
        the events the callback received, what the program sent. A bccrs
        addition to BCC's API; None for an object bccrs did not compile.
        """
        return _lost(self)

    def event(self, data):
        """event(data)

        When perf buffers are opened to receive custom perf event,
        the underlying event data struct which is defined in C in
        the BPF program can be deduced via this function. This avoids
        redundant definitions in Python.
        """
        return _event(self, data)

    def open_perf_buffer(self, callback, page_cnt=8, lost_cb=None, wakeup_events=1):
        """open_perf_buffers(callback)

        Opens a set of per-cpu ring buffer to receive custom perf event
        data from the bpf program. The callback will be invoked for each
        event submitted from the kernel, up to millions per second. Use
        page_cnt to change the size of the per-cpu ring buffer. The value
        must be a power of two and defaults to 8.
        """

        if page_cnt & (page_cnt - 1) != 0:
            raise Exception("Perf buffer page_cnt must be a power of two")
        if self._pb is not None:
            raise Exception("Perf buffer of %s is already open" % self._name)
        bpf = self.bpf

        def raw_cb_(_, cpu, data, size):
            try:
                callback(cpu, data, size)
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)

        def report_lost(lost):
            try:
                lost_cb(lost)
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)

        # Events are gathered in Rust and dispatched here batch by batch (buffers.py).
        pb = lib.bccrs_batched_open(self._h(), self._n(), page_cnt)
        if not pb:
            raise Exception("Could not open perf buffer: %s" % last_error())
        self._pb = pb
        bpf._dispatch[pb] = lambda cpu, data, size: raw_cb_(None, cpu, data, size)
        bpf._perf_buffers[id(self)] = pb
        bpf.perf_buffers[(id(self), -1)] = pb
        if lost_cb is not None:
            # The program's own count of refused events when it keeps one (perf's lost records
            # miss the losses after the last event written); perf's records otherwise.
            if self.lost() is not None:
                bpf._watch_losses(self, report_lost, self.lost)
            else:
                seen = [0]

                def records():
                    seen[0] += lib.bccrs_batched_lost_records(pb)
                    return seen[0]
                bpf._watch_losses(self, report_lost, records)

    def _open_perf_event(self, cpu, typ, config, pid=-1):
        from .perf import Perf
        from . import _sys
        attr = Perf.perf_event_attr()
        attr.type = typ
        attr.config = config
        fd = _sys.perf_event_open(attr, pid, cpu)
        self[self.Key(cpu)] = self.Leaf(fd)
        self._open_key_fds[cpu] = fd

    def open_perf_event(self, typ, config, pid=-1):
        """open_perf_event(typ, config)

        Configures the table such that calls from the bpf program to
        table.perf_read(CUR_CPU_IDENTIFIER) will return the hardware
        counter denoted by event ev on the local cpu.
        """
        for i in get_online_cpus():
            self._open_perf_event(i, typ, config, pid)


class RingBuf(TableBase):
    def __init__(self, *args, **kwargs):
        super(RingBuf, self).__init__(*args, **kwargs)
        self._ringbuf = None
        self._event_class = None

    def __delitem(self, key):
        pass

    def __del__(self):
        pass

    def __len__(self):
        return 0

    def lost(self):
        """lost()

        The number of events the kernel refused so far (the ring buffer was
        full), counted by the program as it submitted them: with the events
        the callback received, what the program sent. A bccrs addition to
        BCC's API, which has no way to learn of ring buffer losses; None for
        an object bccrs did not compile.
        """
        return _lost(self)

    def event(self, data):
        """event(data)

        When ring buffers are opened to receive custom event,
        the underlying event data struct which is defined in C in
        the BPF program can be deduced via this function. This avoids
        redundant definitions in Python.
        """
        return _event(self, data)

    def open_ring_buffer(self, callback, ctx=None):
        """open_ring_buffer(callback)

        Opens a ring buffer to receive custom event data from the bpf program.
        The callback will be invoked for each event submitted from the kernel,
        up to millions per second.
        """
        bpf = self.bpf

        def ringbuf_cb_(data, size):
            ret = 0
            try:
                ret = callback(ctx, data, size)
                # Callback for ringbufs should _always_ return an integer.
                # If the function the user registers does not,
                # simply fall back to returning 0.
                try:
                    ret = int(ret)
                except:
                    ret = 0
            except IOError as e:
                if e.errno == errno.EPIPE:
                    bpf._pending_exc = SystemExit(0)
                else:
                    bpf._pending_exc = bpf._pending_exc or _cb_error(e)
                ret = 0
            except BaseException as e:
                bpf._pending_exc = bpf._pending_exc or _cb_error(e)
                ret = 0
            return ret

        # Events are gathered in Rust and dispatched here batch by batch (buffers.py).
        rb = lib.bccrs_batched_open(self._h(), self._n(), 0)
        if not rb:
            raise Exception("Could not open ring buffer: %s" % last_error())
        self._ringbuf = rb
        bpf._dispatch[rb] = lambda cpu, data, size: ringbuf_cb_(data, size)
        self.bpf._open_ring_buffer(self, rb)
