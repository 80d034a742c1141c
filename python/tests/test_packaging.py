"""The package builds by today's conventions: a PEP 517 build through pyproject.toml, with no
deprecation warning, the version taken from Cargo.toml, and the library inside the wheel.
(The library already built for the tests is packed, BCCRS_SKIP_CARGO=1, so no release build.)"""
import os
import re
import subprocess
import sys
import zipfile

from bccrs._lib import LIB_PATH

from conftest import PYDIR, REPO


def cargo_version():
    text = open(os.path.join(REPO, "Cargo.toml")).read()
    return re.search(r'^\[package\][^\[]*?^version\s*=\s*"([^"]+)"', text, re.M | re.S).group(1)


def test_wheel_builds_without_warnings_with_cargos_version(tmp_path):
    env = dict(os.environ, BCCRS_SKIP_CARGO="1", BCCRS_LIB=LIB_PATH, PIP_DISABLE_PIP_VERSION_CHECK="1")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), PYDIR],
        env=env, capture_output=True, text=True, timeout=600)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-4000:]
    warnings = [l for l in log.splitlines() if re.search(r"deprecat", l, re.I)]
    assert not warnings, "\n".join(warnings)
    wheels = [f for f in os.listdir(tmp_path) if f.endswith(".whl")]
    assert len(wheels) == 1, wheels
    assert wheels[0].startswith("bccrs-%s-" % cargo_version()), wheels
    with zipfile.ZipFile(os.path.join(tmp_path, wheels[0])) as z:
        names = z.namelist()
    assert "bccrs/libbccrs.so" in names and "bccrs/bpf.py" in names, names


def test_the_package_reports_cargos_version():
    import bccrs
    assert bccrs.__version__ == cargo_version()
