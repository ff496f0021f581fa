"""CUDA kernels against the CPU kernels, under Numba's CUDA simulator.

Run by tests/test_cuda.py in a subprocess with NUMBA_ENABLE_CUDASIM=1 (the
variable must be set before numba is imported).  The simulator runs one
Python thread per CUDA thread, so shapes are tiny and the launch tunables
are lowered (4x4 GEMM tiles, 2-thread blocks); one test launches the
production 16x16 tile.
"""

import os
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pytest

if os.environ.get("NUMBA_ENABLE_CUDASIM") != "1":  # pragma: no cover
    raise RuntimeError("run this file with NUMBA_ENABLE_CUDASIM=1 (see tests/test_cuda.py)")

from skneural import BernoulliRBM, MLPClassifier, MLPRegressor  # noqa: E402
from skneural._kernels import cpu as kp  # noqa: E402
from skneural._kernels import cuda as kc  # noqa: E402
import _cuda_host_wrappers as hw  # noqa: E402
from skneural._kernels import rbm_cpu as rp  # noqa: E402
from skneural._kernels import rbm_cuda as rc  # noqa: E402
from skneural._kernels import snns as sp  # noqa: E402
from skneural._kernels import snns_cuda as sc  # noqa: E402
from skneural._multilayer_perceptron import _layout, _Workspace  # noqa: E402
from skneural.solvers import Quickprop, Rprop, StdBackprop  # noqa: E402

# The simulator computes uint64 hashes with NumPy scalars, which warn on wrap-around.
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
RTOL = 1e-5


@pytest.fixture(autouse=True)
def small_launches(monkeypatch):
    monkeypatch.setattr(kc, "GEMM_TILE", 4)
    monkeypatch.setattr(kc, "BLOCK_THREADS", 2)
    monkeypatch.setattr(kc, "MAX_BLOCKS", 1)


def _net(sizes, rows, rng, dtype=np.float64, dropout=0.0):
    w_off, b_off, n_params = _layout(sizes)
    ws = _Workspace(sizes, rows, dtype, dropout)
    params = rng.normal(0, 0.5, n_params).astype(dtype)
    return np.asarray(sizes, dtype=np.int64), w_off, b_off, ws, params


# --------------------------------------------------------------------------
# kernels
# --------------------------------------------------------------------------
@pytest.mark.parametrize("tile", [4, 16])
def test_gemm_variants_match_numpy(tile, monkeypatch):
    monkeypatch.setattr(kc, "GEMM_TILE", tile)
    rng = np.random.default_rng(0)
    a = rng.normal(size=(6, 5))
    out = np.empty((6, 7))
    b = rng.normal(size=(5, 7))
    hw.gemm_nn(a, b, out)
    np.testing.assert_allclose(out, a @ b, rtol=RTOL, atol=1e-12)
    if tile == 16:
        return  # one launch of the production tile is enough (slow in the simulator)
    b = rng.normal(size=(6, 3))
    out = np.empty((5, 3))
    hw.gemm_tn(a, b, out)
    np.testing.assert_allclose(out, a.T @ b, rtol=RTOL, atol=1e-12)
    b = rng.normal(size=(9, 5))
    out = np.empty((6, 9))
    hw.gemm_nt(a, b, out)
    np.testing.assert_allclose(out, a @ b.T, rtol=RTOL, atol=1e-12)


def test_shuffle_matches_cpu():
    a = np.arange(11, dtype=np.int64)
    b = a.copy()
    kp.shuffle_inplace(a, 123, 4)
    hw.shuffle_inplace(b, 123, 4)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, np.arange(11))


@pytest.mark.parametrize("code", range(9))
def test_activation_and_derivative_match_cpu(code):
    rng = np.random.default_rng(code)
    Z = rng.normal(size=(3, 4))
    b = rng.normal(size=4)
    Zc, Zg = Z.copy(), Z.copy()
    kp.bias_activation_inplace(Zc, b, code)
    hw.bias_activation_inplace(Zg, b, code)
    np.testing.assert_allclose(Zg, Zc, rtol=RTOL)
    if code == kp.SOFTMAX:
        return
    D = rng.normal(size=(3, 4))
    Dc, Dg = D.copy(), D.copy()
    kp.derivative_inplace(code, Zc, Dc)
    hw.derivative_inplace(code, Zc, Dg)
    np.testing.assert_allclose(Dg, Dc, rtol=RTOL)


def test_gather_rows_matches_cpu():
    rng = np.random.default_rng(1)
    X, Y, sw = rng.normal(size=(7, 3)), rng.normal(size=(7, 2)), rng.random(7)
    order = rng.permutation(7).astype(np.int64)
    bufs = [np.zeros(4 * 3), np.zeros(4 * 2), np.zeros(4)]
    bufg = [np.zeros(4 * 3), np.zeros(4 * 2), np.zeros(4)]
    nc = kp.gather_rows(X, Y, sw, order, 2, 6, *bufs)
    ng = hw.gather_rows(X, Y, sw, order, 2, 6, *bufg)
    assert ng == pytest.approx(nc, rel=RTOL)
    for c, g in zip(bufs, bufg):
        np.testing.assert_array_equal(g, c)


@pytest.mark.parametrize("loss_code,out_act", [
    (kp.SQUARED_ERROR, kp.IDENTITY), (kp.LOG_LOSS, kp.SOFTMAX),
    (kp.BINARY_LOG_LOSS, kp.LOGISTIC), (kp.POISSON, kp.EXP),
    (kp.HUBER, kp.IDENTITY), (kp.ABSOLUTE_ERROR, kp.IDENTITY)])
def test_output_delta_and_loss_match_cpu(loss_code, out_act):
    rng = np.random.default_rng(2)
    P = rng.normal(size=(5, 3))
    kp.bias_activation_inplace(P, np.zeros(3), out_act)
    Y = (rng.random((5, 3)) > 0.5).astype(float)
    sw = rng.random(5) + 0.5
    Dc, Dg = np.empty((5, 3)), np.empty((5, 3))
    # delta 0.6: some residuals inside, some outside Huber's quadratic zone
    lc = kp.output_delta_and_loss(P, Y.ravel(), sw, 5, loss_code, 3.7, Dc, 0.6)
    lg = hw.output_delta_and_loss(P, Y.ravel(), sw, 5, loss_code, 3.7, Dg, 0.6)
    assert lg == pytest.approx(lc, rel=RTOL)
    np.testing.assert_allclose(Dg, Dc, rtol=RTOL)


@pytest.mark.parametrize("drop_rate", [0.0, 0.4])
def test_forward_and_batch_loss_grad_match_cpu(drop_rate, monkeypatch):
    monkeypatch.setattr(kc, "MAX_BLOCKS", 3)  # several weight-decay partial sums
    rng = np.random.default_rng(3)
    sizes, w_off, b_off, ws, params = _net([3, 5, 4, 2], 6, rng, dropout=drop_rate)
    X = rng.normal(size=(6, 3))
    Y = np.eye(2)[rng.integers(0, 2, 6)]
    sw = np.ones(6)
    counter = (7 << 32) + 3
    out = []
    for kern in (kp, hw):
        act = np.zeros_like(ws.act_buf)
        mask = np.zeros_like(ws.mask_buf)
        delta = np.zeros_like(ws.delta_buf)
        grad = np.zeros_like(params)
        P = kern.forward(params, sizes, w_off, b_off, ws.a_off, kp.TANH, kp.SOFTMAX,
                         X.ravel(), 6, act, drop_rate, mask, 99, counter).copy()
        loss = kern.batch_loss_grad(params, grad, sizes, w_off, b_off, ws.a_off, kp.TANH,
                                    kp.SOFTMAX, kp.LOG_LOSS, X.ravel(), Y.ravel(), sw, 6,
                                    6.0, 0.3, act, delta, drop_rate, mask, 99, counter)
        out.append((P, mask.copy(), grad, loss))
    (Pc, mc, gc, lc), (Pg, mg, gg, lg) = out
    np.testing.assert_allclose(Pg, Pc, rtol=RTOL)
    np.testing.assert_array_equal(mg, mc)
    np.testing.assert_allclose(gg, gc, rtol=RTOL, atol=1e-12)
    assert lg == pytest.approx(lc, rel=RTOL)


@pytest.mark.parametrize("opt_code", range(7))
def test_update_params_matches_cpu(opt_code):
    rng = np.random.default_rng(opt_code)
    params = rng.normal(size=9)
    grad = rng.normal(size=9)
    state = np.abs(rng.normal(size=(2, 9)))
    hyper = np.array([0.9, 1.0, 0.9, 0.999, 1e-8, 0.95])
    pc, sc_ = params.copy(), state.copy()
    pg, sg = params.copy(), state.copy()
    kp.update_params(opt_code, pc, grad, sc_, hyper, 0.01, 3)
    hw.update_params(opt_code, pg, grad, sg, hyper, 0.01, 3)
    np.testing.assert_allclose(pg, pc, rtol=RTOL)
    np.testing.assert_allclose(sg, sc_, rtol=RTOL)


def test_full_loss_grad_and_predict_forward_match_cpu(monkeypatch):
    monkeypatch.setattr(kc, "MAX_BLOCKS", 2)
    rng = np.random.default_rng(4)
    sizes, w_off, b_off, ws, params = _net([3, 4, 1], 4, rng)
    X = rng.normal(size=(9, 3))
    Y = rng.normal(size=(9, 1))
    sw = rng.random(9) + 0.5
    order = np.arange(9, dtype=np.int64)
    res = []
    for kern in (kp, kc):
        grad = np.zeros_like(params)
        loss = kern.full_loss_grad(params, grad, np.empty_like(params), sizes, w_off, b_off,
                                   ws.a_off, kp.RELU, kp.IDENTITY, kp.SQUARED_ERROR, X, Y,
                                   sw, order, 4, 0.2, ws.xbuf, ws.ybuf, ws.swbuf,
                                   ws.act_buf, ws.delta_buf, ws.mask_buf)
        out = np.empty((9, 1))
        kern.predict_forward(params, sizes, w_off, b_off, ws.a_off, kp.RELU, kp.IDENTITY, X,
                             out, 4, ws.xbuf, ws.act_buf)
        res.append((loss, grad, out))
    assert res[1][0] == pytest.approx(res[0][0], rel=RTOL)
    np.testing.assert_allclose(res[1][1], res[0][1], rtol=RTOL, atol=1e-12)
    np.testing.assert_allclose(res[1][2], res[0][2], rtol=RTOL)


def test_snns_kernels_match_cpu():
    rng = np.random.default_rng(5)
    sizes, w_off, b_off, ws, params = _net([3, 4, 2], 5, rng)
    X = rng.normal(size=(5, 3))
    T = rng.random((5, 2))
    order = np.arange(5, dtype=np.int64)
    res = []
    for kern in (sp, sc):
        grad = np.zeros_like(params)
        err = kern.snns_full_grad(params, grad, np.empty_like(params), sizes, w_off, b_off,
                                  ws.a_off, kp.LOGISTIC, kp.LOGISTIC, X, T, order, 5, 0.1,
                                  0.1, True, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
                                  ws.delta_buf)
        e2 = kern.snns_error(params, sizes, w_off, b_off, ws.a_off, kp.LOGISTIC,
                             kp.LOGISTIC, X, T, 5, 0.1, ws.xbuf, ws.ybuf, ws.act_buf)
        res.append((err, grad, e2))
    assert res[1][0] == pytest.approx(res[0][0], rel=RTOL)
    np.testing.assert_allclose(res[1][1], res[0][1], rtol=RTOL, atol=1e-12)
    assert res[1][2] == pytest.approx(res[0][2], rel=RTOL)


def test_quickprop_update_matches_cpu_across_the_shrink_threshold():
    """Quickprop takes the maximum-growth step mu * d when the slope s has not
    shrunk below mu / (1 + mu) of the previous one (s <= shrink * s_prev for a
    positive previous step, >= for a negative one), else the parabola step.
    Ratios s / s_prev on a grid of spacing 0.025 across the threshold (0.636
    for mu = 1.75) make any other shrink factor pick other branches. A two-epoch
    fit cannot see this: its first epoch has no previous step."""
    r = 0.0125 + 0.025 * np.arange(60)  # never exactly 1 (the parabola's pole)
    n = 2 * r.size
    d = np.concatenate([np.full(r.size, 0.3), np.full(r.size, -0.3)])   # previous steps
    s_prev = np.concatenate([np.full(r.size, -1.0), np.full(r.size, 1.0)])
    grad = s_prev * np.concatenate([r, r])
    params = np.linspace(-1, 1, n)
    state = np.zeros((sp.N_SNNS_STATE, n))
    state[0], state[1] = d, s_prev
    hyper = np.zeros(sp.N_SNNS_HYPER)
    hyper[sp.S_ETA], hyper[sp.S_MU] = 0.05, 1.75
    pc, stc = params.copy(), state.copy()
    sp._quickprop_update(pc, grad.copy(), stc, hyper)
    # both branches occur, switching where the ratio passes mu / (1 + mu)
    growth = np.isclose(stc[0] - np.where(d * grad < 0, -0.05 * grad, 0.0), 1.75 * d)
    np.testing.assert_array_equal(growth, np.concatenate([r, r]) >= 1.75 / 2.75)
    pg, stg = params.copy(), state.copy()
    blocks, threads = kc.grid_1d(n)
    sc.snns_update_kernel[blocks, threads](sp.QUICKPROP, pg, grad.copy(), stg, hyper, 1.0,
                                           np.ones(n), 8, 1)
    np.testing.assert_allclose(pg, pc, rtol=RTOL, atol=1e-12)
    np.testing.assert_allclose(stg, stc, rtol=RTOL, atol=1e-12)


# --------------------------------------------------------------------------
# whole fits
# --------------------------------------------------------------------------
def _data(n=8):
    rng = np.random.default_rng(6)
    X = rng.normal(size=(n, 3))
    return X, (X[:, 0] - X[:, 1] > 0).astype(int), X[:, 0] - 0.5 * X[:, 2]


@pytest.mark.parametrize("est_cls,params", [
    (MLPClassifier, dict(solver="sgd", momentum=0.9, nesterovs_momentum=True,
                         learning_rate_init=0.1, batch_size=4, alpha=0.01)),
    (MLPClassifier, dict(solver="adam", batch_size=3, shuffle=True, dropout=0.2)),
    (MLPClassifier, dict(solver="sgd", batch_size=4, clip_norm=0.05, learning_rate_init=0.5)),
    (MLPRegressor, dict(solver="adam", loss="huber", huber_delta=0.3, batch_size=4)),
    (MLPRegressor, dict(solver="sgd", loss="absolute_error", batch_size=4)),
    (MLPRegressor, dict(solver=Rprop(learning_rate=0.1))),
    (MLPRegressor, dict(solver=Quickprop(learning_rate=0.05, mu=1.75))),
    (MLPRegressor, dict(solver=StdBackprop(learning_rate=0.05))),
])
def test_fit_matches_cpu(est_cls, params):
    X, y_cls, y_reg = _data()
    y = y_cls if est_cls is MLPClassifier else y_reg
    fits = []
    for device in ("cpu", "cuda"):
        est = est_cls(hidden_layer_sizes=(4,), max_iter=2, random_state=0, device=device,
                      **params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fits.append(est.fit(X, y))
    cpu, gpu = fits
    assert gpu._device == "cuda"
    np.testing.assert_allclose(gpu.loss_curve_, cpu.loss_curve_, rtol=RTOL)
    for a, b in zip(gpu.coefs_ + gpu.intercepts_, cpu.coefs_ + cpu.intercepts_):
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=1e-10)
        assert isinstance(a, np.ndarray)


def test_lbfgs_and_float32_fit_match_cpu():
    X, y, _ = _data()
    fits = [MLPClassifier(hidden_layer_sizes=(3,), solver="lbfgs", max_iter=1, max_fun=3,
                          random_state=0, device=d).fit(X, y) for d in ("cpu", "cuda")]
    assert fits[1].loss_ == pytest.approx(fits[0].loss_, rel=RTOL)
    X32 = X.astype(np.float32)
    fits = [MLPClassifier(hidden_layer_sizes=(3,), max_iter=1, batch_size=4, random_state=0,
                          device=d).fit(X32, y) for d in ("cpu", "cuda")]
    assert fits[1].coefs_[0].dtype == np.float32
    np.testing.assert_allclose(fits[1].loss_curve_, fits[0].loss_curve_, rtol=1e-4)


def test_rbm_fit_and_kernels_match_cpu():
    rng = np.random.default_rng(7)
    X = (rng.random((8, 5)) > 0.5).astype(float)
    for kw in (dict(), dict(persistent=True, k=2, momentum=0.5, sparsity_target=0.2,
                            shuffle=True, weight_decay=0.01)):
        cpu, gpu = [BernoulliRBM(n_components=3, batch_size=4, n_iter=2, random_state=0,
                                 device=d, **kw).fit(X) for d in ("cpu", "cuda")]
        np.testing.assert_allclose(gpu.components_, cpu.components_, rtol=RTOL, atol=1e-12)
        np.testing.assert_allclose(gpu.intercept_hidden_, cpu.intercept_hidden_, rtol=RTOL,
                                   atol=1e-12)
        np.testing.assert_array_equal(gpu.h_samples_, cpu.h_samples_)
    W, b, c = rng.normal(size=(3, 5)), rng.normal(size=5), rng.normal(size=3)
    np.testing.assert_allclose(rc.rbm_mean_hiddens(X, W, c), rp.rbm_mean_hiddens(X, W, c),
                               rtol=RTOL)
    np.testing.assert_allclose(rc.rbm_free_energy(X, W, b, c, True),
                               rp.rbm_free_energy(X, W, b, c, True), rtol=RTOL)
    np.testing.assert_allclose(rc.rbm_pseudo_likelihood(X, W, b, c),
                               rp.rbm_pseudo_likelihood(X, W, b, c), rtol=RTOL)
    for gaussian in (False, True):
        np.testing.assert_allclose(rc.rbm_gibbs(X, W, b, c, np.uint64(5), 2, gaussian),
                                   rp.rbm_gibbs(X, W, b, c, np.uint64(5), 2, gaussian),
                                   rtol=RTOL, atol=1e-12)


def test_gaussian_rbm_fit_matches_cpu():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(6, 4))
    cpu, gpu = [BernoulliRBM(n_components=2, batch_size=3, n_iter=1, random_state=0,
                             visible_unit="gaussian", device=d).fit(X) for d in ("cpu", "cuda")]
    np.testing.assert_allclose(gpu.components_, cpu.components_, rtol=RTOL, atol=1e-12)


def test_cuda_model_pickles_and_predicts_without_gpu(tmp_path):
    X, y, _ = _data()
    est = MLPClassifier(hidden_layer_sizes=(3,), max_iter=1, batch_size=8, random_state=0,
                        device="cuda").fit(X, y)
    rbm = BernoulliRBM(n_components=2, n_iter=1, batch_size=8, random_state=0,
                       device="cuda").fit((X > 0).astype(float))
    path = tmp_path / "models.pkl"
    path.write_bytes(pickle.dumps((est, rbm, X)))
    expected = est.predict_proba(X)
    np.save(tmp_path / "expected.npy", expected)
    np.save(tmp_path / "hidden.npy", rbm.transform((X > 0).astype(float)))
    script = (
        "import pickle, sys, numpy as np\n"
        f"est, rbm, X = pickle.loads(open({str(path)!r}, 'rb').read())\n"
        f"np.testing.assert_allclose(est.predict_proba(X), np.load({str(tmp_path / 'expected.npy')!r}))\n"
        f"np.testing.assert_allclose(rbm.transform((X > 0).astype(float)), np.load({str(tmp_path / 'hidden.npy')!r}))\n"
        "assert not [m for m in sys.modules if m.startswith(('numba.cuda', 'numba_cuda'))]\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "ok" in run.stdout


def test_selected_sklearn_checks_with_cuda():
    """A subset of check_estimator: the full suite fits hundreds of models,
    hours under the simulator (one Python thread per CUDA thread)."""
    from sklearn.utils import estimator_checks as ec

    est = MLPRegressor(hidden_layer_sizes=(2,), max_iter=1, solver="rprop", device="cuda",
                       random_state=0)
    for check in (ec.check_n_features_in, ec.check_estimators_pickle,
                  ec.check_fit2d_1sample):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check(type(est).__name__, est)


def test_device_sessions_are_per_fit_and_per_thread():
    """Each fit gets its own device cache (skneural._backend.device_session):
    two threads never see each other's arrays, and a session's end frees its
    entries and brings back the caller's."""
    import threading

    seen = {}
    barrier = threading.Barrier(2)

    def fit_like(name):
        host = np.full(4, float(len(name)))
        with kc.device_session() as cache:
            dev = kc.device_array_for("X", host, "once")
            barrier.wait()  # both sessions hold an "X" at the same time
            seen[name] = (set(cache), kc.device_array_for("X", host, "once") is dev,
                          dev.copy_to_host()[0])
        seen[name + "-after"] = len(cache)

    threads = [threading.Thread(target=fit_like, args=(n,)) for n in ("a", "bb")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["a"] == ({"X"}, True, 1.0) and seen["bb"] == ({"X"}, True, 2.0)
    assert seen["a-after"] == 0 and seen["bb-after"] == 0
    outer = np.zeros(3)
    with kc.device_session() as first:
        kc.device_array_for("X", outer, "once")
        with kc.device_session() as inner:
            assert "X" not in inner
        assert set(first) == {"X"}


def test_per_layer_activation_and_dropout_fit_matches_cpu():
    X, y_cls, _ = _data()
    fits = []
    for device in ("cpu", "cuda"):
        est = MLPClassifier(hidden_layer_sizes=(4, 3), activation=["tanh", "relu"],
                            dropout=[0.3, 0.0], max_iter=2, batch_size=4, random_state=0,
                            device=device)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fits.append(est.fit(X, y_cls))
    np.testing.assert_allclose(fits[1].loss_curve_, fits[0].loss_curve_, rtol=RTOL)
    for a, b in zip(fits[1].coefs_, fits[0].coefs_):
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=1e-10)
