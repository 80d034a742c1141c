"""ctypes bindings of the bccrs C ABI (include/bccrs.h).

The package loads the libbccrs.so shipped inside it; the environment variable BCCRS_LIB
(a path to a libbccrs.so) overrides that, for development against target/release.
"""
import ctypes as ct
import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("BCCRS_LIB")
    if env:
        yield env
        return
    yield os.path.join(_HERE, "libbccrs.so")
    # A source checkout: python/bccrs/ inside the repository.
    root = os.path.dirname(os.path.dirname(_HERE))
    yield os.path.join(root, "target", "release", "libbccrs.so")


def _load():
    tried = []
    for path in _candidates():
        if os.path.exists(path):
            return ct.CDLL(path, use_errno=True), path
        tried.append(path)
    raise ImportError(
        "bccrs: cannot find libbccrs.so (tried %s); build it with `cargo build --release --lib` "
        "and set BCCRS_LIB, or install the package with `pip install ./python`" % ", ".join(tried))


lib, LIB_PATH = _load()


class MapInfo(ct.Structure):
    _fields_ = [
        ("fd", ct.c_int),
        ("map_type", ct.c_uint32),
        ("key_size", ct.c_uint32),
        ("value_size", ct.c_uint32),
        ("max_entries", ct.c_uint32),
        ("percpu", ct.c_uint32),
        ("value_buf_size", ct.c_uint32),
        ("percpu_queue", ct.c_uint32),
    ]


PERF_SAMPLE_FN = ct.CFUNCTYPE(None, ct.c_void_p, ct.c_int, ct.c_void_p, ct.c_uint32)
PERF_LOST_FN = ct.CFUNCTYPE(None, ct.c_void_p, ct.c_int, ct.c_uint64)
RING_SAMPLE_FN = ct.CFUNCTYPE(ct.c_int, ct.c_void_p, ct.c_void_p, ct.c_size_t)

_H = ct.c_void_p
_S = ct.c_char_p
_P = ct.c_void_p

_SIGS = {
    "bccrs_last_error": (_S, []),
    "bccrs_load_text": (_H, [_S, _S, ct.POINTER(ct.c_char_p), ct.c_size_t]),
    "bccrs_load_text_sections": (_H, [_S, _S, ct.POINTER(ct.c_char_p), ct.c_size_t,
                                      ct.POINTER(ct.c_char_p), ct.c_size_t]),
    "bccrs_load_text_sections_reusing": (_H, [_S, _S, ct.POINTER(ct.c_char_p), ct.c_size_t,
                                              ct.POINTER(ct.c_char_p), ct.c_size_t, _H]),
    "bccrs_load_file": (_H, [_S, ct.POINTER(ct.c_char_p), ct.c_size_t]),
    "bccrs_close": (None, [_H]),
    "bccrs_warnings": (_S, [_H]),
    "bccrs_attach_auto": (ct.c_int, [_H]),
    "bccrs_attach": (ct.c_int, [_H, _S, ct.c_int]),
    "bccrs_detach": (ct.c_int, [_H, _S]),
    "bccrs_detach_link": (ct.c_int, [_H, ct.c_int]),
    "bccrs_detach_auto": (ct.c_int, [_H, _S]),
    "bccrs_program_count": (ct.c_int, [_H]),
    "bccrs_program_name": (_S, [_H, ct.c_int]),
    "bccrs_program_fd": (ct.c_int, [_H, _S]),
    "bccrs_map_count": (ct.c_int, [_H]),
    "bccrs_map_name": (_S, [_H, ct.c_int]),
    "bccrs_map_info": (ct.c_int, [_H, _S, ct.POINTER(MapInfo)]),
    "bccrs_map_type": (_S, [_H, _S, ct.c_int]),
    "bccrs_map_declared": (_S, [_H, _S]),
    "bccrs_map_lookup": (ct.c_int, [_H, _S, _P, _P]),
    "bccrs_map_update": (ct.c_int, [_H, _S, _P, _P, ct.c_uint64]),
    "bccrs_map_delete": (ct.c_int, [_H, _S, _P]),
    "bccrs_map_lookup_and_delete": (ct.c_int, [_H, _S, _P, _P]),
    "bccrs_map_next_key": (ct.c_int, [_H, _S, _P, _P]),
    "bccrs_map_lookup_batch": (ct.c_int, [_H, _S, _P, _P, ct.c_size_t, ct.POINTER(ct.c_size_t), ct.c_int]),
    "bccrs_map_update_batch": (ct.c_int, [_H, _S, _P, _P, ct.c_size_t, ct.c_uint64, ct.POINTER(ct.c_size_t)]),
    "bccrs_map_delete_batch": (ct.c_int, [_H, _S, _P, ct.c_size_t, ct.POINTER(ct.c_size_t)]),
    "bccrs_map_cpu_op": (ct.c_int, [_H, _S, ct.c_uint32, ct.c_int, _P, ct.c_uint64]),
    "bccrs_num_possible_cpus": (ct.c_int, []),
    "bccrs_version": (_S, []),
    "bccrs_render_metrics": (_S, [_H, _S, ct.c_int, ct.c_size_t, ct.c_int]),
    "bccrs_perf_buffer_open": (_P, [_H, _S, ct.c_size_t, PERF_SAMPLE_FN, PERF_LOST_FN, _P]),
    "bccrs_perf_buffer_poll": (ct.c_int, [_P, ct.c_int]),
    "bccrs_perf_buffer_epoll_fd": (ct.c_int, [_P]),
    "bccrs_perf_buffer_consume": (ct.c_int, [_P]),
    "bccrs_perf_buffer_free": (None, [_P]),
    "bccrs_ring_buffer_open": (_P, [_H, _S, RING_SAMPLE_FN, _P]),
    "bccrs_ring_buffer_poll": (ct.c_int, [_P, ct.c_int]),
    "bccrs_ring_buffer_epoll_fd": (ct.c_int, [_P]),
    "bccrs_ring_buffer_consume": (ct.c_int, [_P]),
    "bccrs_ring_buffer_free": (None, [_P]),
    "bccrs_events_lost": (ct.c_int64, [_H, _S]),
    "bccrs_batched_open": (_P, [_H, _S, ct.c_size_t]),
    "bccrs_batched_epoll_fd": (ct.c_int, [_P]),
    "bccrs_batched_poll": (ct.c_int, [_P, ct.c_int]),
    "bccrs_batched_take": (ct.c_int64, [_P, _P, ct.c_size_t]),
    "bccrs_batched_lost_records": (ct.c_uint64, [_P]),
    "bccrs_batched_free": (None, [_P]),
    "bccrs_trace_read": (ct.c_int, [ct.c_char_p, ct.c_size_t, ct.c_int]),
    "bccrs_symbolize": (ct.c_int, [ct.c_int, ct.c_uint64, ct.c_char_p, ct.c_size_t, ct.POINTER(ct.c_uint64)]),
}

for _name, (_res, _args) in _SIGS.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args


def last_error():
    e = lib.bccrs_last_error()
    return e.decode("utf-8", "replace") if e else ""


def to_bytes(s):
    if s is None:
        return None
    if isinstance(s, bytes):
        return s
    if isinstance(s, bytearray):
        return bytes(s)
    return str(s).encode()
