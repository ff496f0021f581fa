"""Installs and caches: skneural imports and trains wherever it is installed, and
its Numba cache never serves kernels compiled from older sources."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import skneural

PACKAGE = Path(skneural.__file__).parent


def _copy_package(dest):
    shutil.copytree(PACKAGE, Path(dest) / "skneural",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return Path(dest) / "skneural"


# root without CAP_DAC_OVERRIDE obeys file modes: a 0o555 folder is read-only to it
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _run(code, env, read_only=False):
    cmd = [sys.executable, "-c", code]
    if read_only:
        cmd = NO_DAC + cmd
    # cwd: not the repository, whose skneural would shadow the copy under test
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600,
                          cwd=env["PYTHONPATH"])


def _clean_env(pythonpath, **extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NUMBA_") and k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(pythonpath), **extra)
    return env


READ_ONLY_FIT = """
import warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    import skneural
    from skneural import MLPClassifier
    from skneural._kernels import KernelCacheWarning, CACHE_KERNELS
    X = [[0., 0.], [0., 1.], [1., 0.], [1., 1.]] * 5
    y = [0, 1, 1, 0] * 5
    clf = MLPClassifier(hidden_layer_sizes=(3,), solver="lbfgs", max_iter=5,
                        random_state=0).fit(X, y)
print("file", skneural.__file__)
print("cache", CACHE_KERNELS)
print("warnings", sum(issubclass(w.category, KernelCacheWarning) for w in caught))
print("fitted", clf.n_iter_ > 0)
"""


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root and setpriv to make folders read-only to the process")
def test_read_only_install_without_writable_home_compiles_in_memory(tmp_path):
    """A read-only package folder, HOME unwritable, no NUMBA_CACHE_DIR: Numba has no
    cache locator, which used to make ``import skneural`` fail; now it compiles
    in memory and warns once."""
    site = tmp_path / "site"
    _copy_package(site)
    home = tmp_path / "home"
    home.mkdir()
    folders = [home, site] + [Path(d) / n for d, names, _ in os.walk(site) for n in names]
    for folder in folders:
        os.chmod(folder, 0o555)
    try:
        res = _run(READ_ONLY_FIT, _clean_env(site, HOME=str(home)), read_only=True)
    finally:
        for folder in folders:
            os.chmod(folder, 0o755)
    assert res.returncode == 0, res.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in res.stdout.splitlines())
    assert lines["file"].startswith(str(site)), res.stdout
    assert lines["cache"] == "False"
    assert lines["warnings"] == "1"
    assert lines["fitted"] == "True"
    assert not list(site.rglob("*.nbi")) and not list(home.rglob("*"))


LEAKY = """
from skneural._kernels import cpu, snns
print(snns._derivative_plus_flat(cpu.LEAKY_RELU, -1.0, 0.0))
"""


@pytest.mark.parametrize("where", ["in_tree", "NUMBA_CACHE_DIR"])
def test_editing_cpu_py_invalidates_cached_snns_kernels(tmp_path, where):
    """snns.py imports LEAKY_SLOPE (and inlines functions) from cpu.py; Numba keys
    the cached snns kernels on snns.py alone, so without the package's own
    invalidation the second run below prints the old slope.  Checked for the
    cache beside the sources and for a NUMBA_CACHE_DIR folder."""
    pkg = _copy_package(tmp_path / "site")
    extra = {"NUMBA_CACHE_DIR": str(tmp_path / "numba-cache")} if where != "in_tree" else {}
    env = _clean_env(tmp_path / "site", HOME=str(tmp_path / "home"), **extra)
    first = _run(LEAKY, env)
    assert first.returncode == 0, first.stderr[-3000:]
    assert float(first.stdout) == pytest.approx(0.01)
    cache_root = tmp_path / "numba-cache" if extra else pkg / "_kernels" / "__pycache__"
    assert list(cache_root.rglob("snns._derivative_plus_flat-*.nbi")), "nothing was cached"

    cpu_py = pkg / "_kernels" / "cpu.py"
    source = cpu_py.read_text()
    assert "LEAKY_SLOPE = 0.01\n" in source
    cpu_py.write_text(source.replace("LEAKY_SLOPE = 0.01\n", "LEAKY_SLOPE = 0.25\n"))
    second = _run(LEAKY, env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert float(second.stdout) == pytest.approx(0.25)
