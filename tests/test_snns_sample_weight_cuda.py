"""Weighted SNNS kernels: CUDA against CPU, under Numba's CUDA simulator.

The simulator must be switched on before numba is imported, so the
comparison runs as this file's ``__main__`` in a subprocess with
NUMBA_ENABLE_CUDASIM=1 (as tests/test_cuda.py does).  Tiny shapes: the
simulator runs one Python thread per CUDA thread.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_weighted_snns_kernels_match_cpu_under_simulator():
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["NUMBA_ENABLE_CUDASIM"] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    run = subprocess.run([sys.executable, __file__], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "weighted snns kernels: cpu == cuda" in run.stdout


def _main():
    import warnings

    import numpy as np

    from skneural._kernels import cpu as kp
    from skneural._kernels import cuda as kc
    from skneural._kernels import snns as sp
    from skneural._kernels import snns_cuda as sc
    from skneural._multilayer_perceptron import _layout, _Workspace

    warnings.filterwarnings("ignore", "overflow encountered", RuntimeWarning)
    kc.GEMM_TILE, kc.BLOCK_THREADS, kc.MAX_BLOCKS = 4, 2, 1
    rtol = 1e-12  # same float64 operations, different summation order

    rng = np.random.default_rng(3)
    sizes = np.asarray([3, 4, 2], dtype=np.int64)
    w_off, b_off, n_params = _layout(list(sizes))
    n = 5
    X = rng.normal(size=(n, 3))
    T = rng.random((n, 2))
    sw = np.array([0.5, 0.0, 2.0, 1.0, 3.0])
    p0 = rng.normal(0, 0.5, n_params)

    res = []
    for kern in (sp, sc):
        ws = _Workspace(list(sizes), n, np.float64, 0.0)
        g = np.zeros(n_params)
        e = kern.snns_full_grad(p0.copy(), g, np.empty(n_params), sizes, w_off, b_off,
                                ws.a_off, kp.LOGISTIC, kp.LOGISTIC, X, T, np.arange(n), 3,
                                0.05, 0.1, True, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
                                ws.delta_buf, sw)
        e2 = kern.snns_error(p0, sizes, w_off, b_off, ws.a_off, kp.LOGISTIC, kp.LOGISTIC,
                             X, T, 3, 0.05, ws.xbuf, ws.ybuf, ws.act_buf, sw)
        res.append(([e, e2], g))
    np.testing.assert_allclose(res[1][0], res[0][0], rtol=rtol)
    np.testing.assert_allclose(res[1][1], res[0][1], rtol=rtol, atol=1e-15)

    hyper = np.zeros(sp.N_SNNS_HYPER)
    hyper[sp.S_ETA], hyper[sp.S_DMAX], hyper[sp.S_MU], hyper[sp.S_CHUNK] = 0.3, 0.05, 1.75, 2
    for learner in (sp.BACKPROP_BATCH, sp.QUICKPROP, sp.STD_BACKPROP, sp.BACKPROP_CHUNK):
        out = []
        for kern in (sp, sc):
            ws = _Workspace(list(sizes), n, np.float64, 0.0)
            p = p0.copy()
            state = np.zeros((sp.N_SNNS_STATE, n_params))
            errs = [kern.snns_train_epoch(
                learner, p, np.zeros(n_params), np.zeros(n_params), state,
                np.ones(n_params), sizes, w_off, b_off, ws.a_off, kp.LOGISTIC, kp.LOGISTIC,
                X, T, np.arange(n), False, 0, epoch, hyper, n, ws.xbuf, ws.ybuf, ws.swbuf,
                ws.act_buf, ws.delta_buf, sw) for epoch in range(2)]
            out.append((errs, p))
        np.testing.assert_allclose(out[1][0], out[0][0], rtol=rtol)
        np.testing.assert_allclose(out[1][1], out[0][1], rtol=rtol, atol=1e-15)
        assert not np.allclose(out[0][1], p0)
    print("weighted snns kernels: cpu == cuda")


if __name__ == "__main__":
    _main()
