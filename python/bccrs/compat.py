"""Runs an unmodified BCC script on bccrs:

    python3 -m bccrs.compat tool.py ARGS...

`import bcc`, `from bcc import BPF`, `bcc.table`, `bcc.utils`, `bcc.syscall`, `bcc.usdt`,
`bcc.perf`, `bcc.tcp`, `bcc.containers` and `bcc.libbcc` resolve to bccrs's modules (a
meta-path finder placed before every other, so an installed BCC is not used).
`install()` does the same inside a running interpreter.
"""
import importlib
import importlib.abc
import importlib.machinery
import os
import runpy
import sys

_ALIASES = {
    "bcc": "bccrs",
    "bcc.table": "bccrs.table",
    "bcc.utils": "bccrs.utils",
    "bcc.syscall": "bccrs.syscall",
    "bcc.usdt": "bccrs.usdt",
    "bcc.perf": "bccrs.perf",
    "bcc.tcp": "bccrs.tcp",
    "bcc.containers": "bccrs.containers",
    "bcc.libbcc": "bccrs.libbcc",
    "bcc.version": "bccrs.version",
}


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass


class BccAliasFinder(importlib.abc.MetaPathFinder):
    """Resolves `bcc` and `bcc.*` to bccrs."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "bcc" or fullname.startswith("bcc."):
            real = _ALIASES.get(fullname)
            if real is None:
                raise ImportError("bccrs.compat: module %s has no bccrs equivalent" % fullname)
            return importlib.machinery.ModuleSpec(fullname, _AliasLoader(real),
                                                  is_package=(fullname == "bcc"))
        return None


def install():
    """Makes `import bcc` (and its submodules) give bccrs in this interpreter."""
    if not any(isinstance(f, BccAliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, BccAliasFinder())
    for name in list(sys.modules):
        if name == "bcc" or name.startswith("bcc."):
            del sys.modules[name]


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write("usage: python3 -m bccrs.compat SCRIPT [ARGS...]\n"
                         "Runs a BCC Python script with `bcc` resolving to bccrs.\n")
        return 2
    script = argv[0]
    if not os.path.exists(script):
        sys.stderr.write("bccrs.compat: %s: no such file\n" % script)
        return 2
    install()
    sys.argv = argv
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
