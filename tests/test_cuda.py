"""The CUDA backend, in the normal test suite.

Numba's CUDA simulator must be switched on before numba is imported, so the
kernel-against-CPU cases (tests/_cuda_sim_cases.py) run in a subprocess with
NUMBA_ENABLE_CUDASIM=1.  numba-cuda is part of the ``test`` extra, so these
tests run wherever the suite does; no GPU is needed.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env(simulator):
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    if simulator:
        env["NUMBA_ENABLE_CUDASIM"] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def _run(args, simulator, timeout=600):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(simulator),
                          capture_output=True, text=True, timeout=timeout)


def _nvvm_available():
    try:
        from numba.cuda.cudadrv import nvvm

        nvvm.NVVM()
    except Exception:  # noqa: BLE001 - any failure means "no NVVM here"
        return False
    return True


@pytest.fixture(scope="module", autouse=True)
def ptx_job():
    """Start the PTX compile check in the background while the simulator runs."""
    if not _nvvm_available():
        yield None
        return
    job = subprocess.Popen([sys.executable, "tests/_cuda_ptx_check.py"], cwd=ROOT,
                           env=_env(False), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    yield job
    if job.poll() is None:
        job.kill()
        job.communicate()


def test_cuda_kernels_match_cpu_under_simulator():
    run = _run(["-m", "pytest", "tests/_cuda_sim_cases.py", "-q", "-p", "no:cacheprovider"],
               simulator=True)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert re.search(r"\b\d+ passed", run.stdout)
    assert not re.search(r"\b\d+ (failed|error)", run.stdout)


def test_cuda_without_gpu_is_a_runtime_error_naming_the_reason():
    script = (
        "import numpy as np\n"
        "from numba import cuda\n"
        "cuda.is_available = lambda: False  # behave as a machine without a GPU\n"
        "from skneural import BernoulliRBM, MLPRegressor, _backend\n"
        "X = np.random.default_rng(0).random((6, 2))\n"
        "for est in (MLPRegressor(device='cuda', max_iter=1), BernoulliRBM(device='cuda')):\n"
        "    try:\n"
        "        est.fit(X, X[:, 0])\n"
        "    except RuntimeError as exc:\n"
        "        assert 'is_available' in str(exc), exc\n"
        "        assert \"device='cuda'\" in str(exc), exc\n"
        "    else:\n"
        "        raise AssertionError('no RuntimeError')\n"
        "assert _backend.resolve_device('auto') == 'cpu'\n"
        "MLPRegressor(device='auto', max_iter=1).fit(X, X[:, 0])\n"
        "print('ok')\n"
    )
    run = _run(["-W", "ignore", "-c", script], simulator=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "ok" in run.stdout


def test_cpu_fits_never_import_numba_cuda():
    script = (
        "import sys, numpy as np\n"
        "from skneural import BernoulliRBM, DBNClassifier, MLPClassifier\n"
        "X = np.random.default_rng(0).random((20, 3))\n"
        "y = (X[:, 0] > 0.5).astype(int)\n"
        "MLPClassifier(max_iter=2, hidden_layer_sizes=(3,)).fit(X, y).predict(X)\n"
        "MLPClassifier(max_iter=2, solver='rprop', hidden_layer_sizes=(3,)).fit(X, y)\n"
        "BernoulliRBM(n_components=2, n_iter=1).fit(X).transform(X)\n"
        "DBNClassifier(hidden_layer_sizes=(2,), rbm_n_iter=1, max_iter=2).fit(X, y)\n"
        "bad = [m for m in sys.modules if m.startswith(('numba.cuda', 'numba_cuda'))]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    run = _run(["-W", "ignore", "-c", script], simulator=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "ok" in run.stdout


def test_every_kernel_compiles_to_ptx(ptx_job):
    """The simulator runs Python; this compiles the kernels as a GPU would."""
    if ptx_job is None:
        pytest.skip("NVVM (libnvvm) is not installed: pip install 'numba-cuda[cu12]' "
                    "to type-check the kernels for a real GPU")
    out, err = ptx_job.communicate(timeout=600)
    assert ptx_job.returncode == 0, err[-4000:]
    assert "all kernels compiled to PTX" in out
