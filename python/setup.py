"""Builds libbccrs.so with cargo (in the repository this directory belongs to) and ships it
inside the `bccrs` package. The metadata is in pyproject.toml; the version is Cargo.toml's.

    python3 -m pip install --break-system-packages ./python     # Debian 12's python3
    BCCRS_SKIP_CARGO=1 ...       # use the library already built: $BCCRS_LIB, else
                                 # target/release/libbccrs.so
    BCCRS_REPO=/path/to/repo ... # when this directory is not inside the repository
"""
import os
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))


def repo_root():
    env = os.environ.get("BCCRS_REPO")
    if env:
        return env
    d = HERE
    for _ in range(4):
        d = os.path.dirname(d)
        if os.path.exists(os.path.join(d, "Cargo.toml")):
            return d
    raise SystemExit("bccrs setup: cannot find the repository (Cargo.toml above %s); set "
                     "BCCRS_REPO" % HERE)


def build_library():
    root = repo_root()
    lib = os.path.join(root, "target", "release", "libbccrs.so")
    if os.environ.get("BCCRS_SKIP_CARGO"):
        built = os.environ.get("BCCRS_LIB") or lib
        if os.path.exists(built):
            return built
    env = dict(os.environ)
    if "LLVM_CONFIG_PATH" not in env and os.path.exists("/usr/bin/llvm-config-19"):
        env["LLVM_CONFIG_PATH"] = "/usr/bin/llvm-config-19"
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    cmd = [cargo, "build", "--release", "--lib"]
    sys.stderr.write("bccrs setup: %s (in %s)\n" % (" ".join(cmd), root))
    subprocess.check_call(cmd, cwd=root, env=env)
    if not os.path.exists(lib):
        raise SystemExit("bccrs setup: cargo did not produce %s" % lib)
    return lib


def cargo_version():
    """[package].version of the repository's Cargo.toml."""
    in_package = False
    with open(os.path.join(repo_root(), "Cargo.toml")) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                in_package = line == "[package]"
            elif in_package and line.split("=")[0].strip() == "version":
                return line.split("=", 1)[1].strip().strip('"')
    raise SystemExit("bccrs setup: no [package] version in Cargo.toml")


class BuildPyWithLibrary(build_py):
    def run(self):
        super().run()
        lib = build_library()
        dest = os.path.join(self.build_lib, "bccrs")
        os.makedirs(dest, exist_ok=True)
        shutil.copy2(lib, os.path.join(dest, "libbccrs.so"))


class BinaryDistribution(Distribution):
    """The wheel carries a native library: platform-specific."""

    def has_ext_modules(self):
        return True


setup(
    version=cargo_version(),
    cmdclass={"build_py": BuildPyWithLibrary},
    distclass=BinaryDistribution,
)
