"""The package's version: the library's, which is Cargo.toml's (the one place it is written)."""
from ._lib import lib as _lib

__version__ = _lib.bccrs_version().decode()
