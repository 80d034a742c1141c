"""Inert stand-in for netaddr (imported by networking examples, used only after BPF())."""
from pyroute2 import _Any

EUI = IPAddress = IPNetwork = _Any


def __getattr__(name):
    return _Any
