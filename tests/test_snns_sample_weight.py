"""sample_weight (and class_weight) with the SNNS solvers.

The weighted error is E = sum_i w_i * masked SSE_i, so pattern i's gradient
is scaled by w_i.  Batch learners use the weighted gradient sum (an integer
weight equals repeating the row, a zero weight equals dropping it); online
learners scale each pattern's step by its weight.  The references below are
plain NumPy, written from that definition and RSNNS.md's rules, not from the
kernels.
"""

import warnings

import numpy as np
import pytest
from sklearn.utils.class_weight import compute_sample_weight

from skneural import MLPClassifier, MLPRegressor
from skneural._kernels import cpu as kp
from skneural._kernels import snns
from skneural._multilayer_perceptron import _layout, _Workspace
from _snns_helpers import make_solver, snns_runner

EPS = np.finfo(np.float64).eps
SOLVERS = ["quickprop", "rprop", "scg", "std_backprop", "backprop_batch", "backprop_chunk",
           "backprop_momentum", "backprop_weight_decay"]


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _unpack(p, sizes):
    """[(W, b), ...] views of a flat parameter vector (W is n_in x n_out, row-major)."""
    w_off, b_off, _ = _layout(sizes)
    return [(p[w_off[i]: b_off[i]].reshape(sizes[i], sizes[i + 1]),
             p[b_off[i]: b_off[i] + sizes[i + 1]]) for i in range(len(sizes) - 1)]


def _ref_error_grad(p, sizes, X, T, w, dmax, flat):
    """Weighted masked SSE and the gradient of half of it, logistic units, float64.

    Returns (err, grad, mag): ``mag`` is the same gradient with every term
    replaced by its absolute value, the scale of the rounding error.
    """
    layers = _unpack(p, sizes)
    acts = [X]
    for W, b in layers:
        acts.append(_sig(acts[-1] @ W + b))
    O = acts[-1]
    diff = T - O
    keep = np.abs(diff) > dmax
    err = float(np.sum(w[:, None] * np.where(keep, diff * diff, 0.0)))
    D = np.where(keep, -diff * (O * (1 - O) + flat), 0.0) * w[:, None]
    Dm = np.abs(D)
    grads, mags = [], []
    for i in range(len(layers) - 1, -1, -1):
        A = acts[i]
        grads.append((A.T @ D, D.sum(axis=0)))
        mags.append((np.abs(A).T @ Dm, Dm.sum(axis=0)))
        if i > 0:
            W = layers[i][0]
            H = acts[i]
            D = (D @ W.T) * (H * (1 - H) + flat)
            Dm = (Dm @ np.abs(W).T) * (H * (1 - H) + flat)
    flat_g = np.concatenate([np.concatenate([g.ravel(), b]) for g, b in grads[::-1]])
    flat_m = np.concatenate([np.concatenate([g.ravel(), b]) for g, b in mags[::-1]])
    return err, flat_g, flat_m


def _problem(n=12, sizes=(3, 4, 2), seed=0):
    rng = np.random.RandomState(seed)
    sizes = list(sizes)
    X = rng.normal(size=(n, sizes[0]))
    T = rng.rand(n, sizes[-1])
    p = rng.uniform(-0.5, 0.5, size=_layout(sizes)[2])
    w = rng.uniform(0.2, 3.0, size=n)
    w[[1, 5]] = 0.0
    return sizes, X, T, p, w


def _runner(solver, p0, sizes, X, T, sample_weight, **params):
    """(params, run) of an SNNS learner from ``p0``: see tests/_snns_helpers.py."""
    return snns_runner(make_solver(solver, **params), p0, sizes, X, T, sample_weight)


# ---------------------------------------------------------------------------
# kernels against the NumPy reference
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("chunk", [5, 12])
@pytest.mark.parametrize("dmax,flat", [(0.0, 0.0), (0.1, 0.1)])
def test_weighted_full_grad_matches_numpy(chunk, dmax, flat):
    sizes, X, T, p, w = _problem()
    w_off, b_off, n_params = _layout(sizes)
    ws = _Workspace(sizes, chunk, np.float64, 0.0)
    g = np.empty(n_params)
    err = snns.snns_full_grad(p, g, np.empty(n_params), np.asarray(sizes, dtype=np.int64),
                              w_off, b_off, ws.a_off, kp.LOGISTIC, kp.LOGISTIC, X, T,
                              np.arange(X.shape[0]), chunk, dmax, flat, True, ws.xbuf, ws.ybuf,
                              ws.swbuf, ws.act_buf, ws.delta_buf, w)
    ref_err, ref_g, mag = _ref_error_grad(p, sizes, X, T, w, dmax, flat)
    # Every gradient entry is a sum over 12 rows of products through at most
    # 2 layers (each a sum of <= 4 terms): the float64 rounding of both sides
    # is below ~(12 + 4 + 10) eps times the sum of the terms' magnitudes.
    # 1e3 eps * mag leaves a margin of ~40 and is still 1e-12 of a weight's
    # share (w >= 0.2), so dropping any weight fails.
    assert err == pytest.approx(ref_err, rel=100 * EPS)
    assert np.all(np.abs(g - ref_g) <= 1e3 * EPS * mag)
    # the zero-weight rows contribute nothing: removing them is the same
    keep = w > 0
    _, g_drop, _ = _ref_error_grad(p, sizes, X[keep], T[keep], w[keep], dmax, flat)
    assert np.all(np.abs(g - g_drop) <= 1e3 * EPS * mag)


def test_weighted_error_matches_numpy():
    sizes, X, T, p, w = _problem()
    w_off, b_off, _ = _layout(sizes)
    ws = _Workspace(sizes, 5, np.float64, 0.0)
    err = snns.snns_error(p, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off,
                          kp.LOGISTIC, kp.LOGISTIC, X, T, 5, 0.1, ws.xbuf, ws.ybuf,
                          ws.act_buf, w)
    assert err == pytest.approx(_ref_error_grad(p, sizes, X, T, w, 0.1, 0.0)[0], rel=100 * EPS)


@pytest.mark.parametrize("solver", ["backprop_batch", "quickprop", "rprop"])
def test_batch_learner_epoch_matches_numpy(solver):
    """Epoch 1: BackpropBatch steps -eta/sum(w) * S, Quickprop -eta * S (its
    flat spot is 0.1, dmax used), Rprop -sign(S) * initial step (no dmax)."""
    sizes, X, T, p0, w = _problem()
    eta, dmax = 0.3, 0.05
    p_run, run = _runner(solver, p0, sizes, X, T, w, eta=eta, dmax=dmax)
    err = run()
    if solver == "backprop_batch":
        ref_err, S, mag = _ref_error_grad(p0, sizes, X, T, w, dmax, 0.0)
        ref_p = p0 - eta / w.sum() * S
        tol = 1e3 * EPS * (np.abs(p0) + eta / w.sum() * mag)
    elif solver == "quickprop":
        ref_err, S, mag = _ref_error_grad(p0, sizes, X, T, w, dmax, 0.1)
        ref_p = p0 - eta * S
        tol = 1e3 * EPS * (np.abs(p0) + eta * mag)
    else:
        ref_err, S, mag = _ref_error_grad(p0, sizes, X, T, w, 0.0, 0.0)
        assert np.all(np.abs(S) > 1e3 * EPS * mag)  # every sign is decided
        ref_p = p0 - np.sign(S) * eta
        tol = 4 * EPS * (np.abs(p0) + eta)
    assert err == pytest.approx(ref_err, rel=100 * EPS)
    assert np.all(np.abs(p_run - ref_p) <= tol)


@pytest.mark.parametrize("solver,chunk", [("std_backprop", 1), ("backprop_chunk", 5),
                                          ("backprop_momentum", 1)])
def test_online_learner_epochs_match_numpy(solver, chunk):
    """Pattern by pattern (chunk by chunk): p += -eta/k * sum_chunk w_i g_i
    (+ momentum * previous step); the error is summed before each update."""
    sizes, X, T, p0, w = _problem()
    eta, dmax, mom, flat = 0.4, 0.05, 0.5, 0.0
    if solver == "backprop_momentum":  # its dmax skips whole output units (test_rsnns.py)
        dmax = 0.0
    params = dict(eta=eta, dmax=dmax)
    if solver == "backprop_chunk":
        params["chunk"] = chunk
    if solver == "backprop_momentum":
        params.update(momentum=mom, flat_spot=flat)
    p_run, run = _runner(solver, p0, sizes, X, T, w, **params)
    errs = [run() for _ in range(3)]
    p = p0.copy()
    prev = np.zeros_like(p)
    ref_errs = []
    for _ in range(3):
        e = 0.0
        for start in range(0, X.shape[0], chunk):
            sl = slice(start, start + chunk)
            ei, S, _ = _ref_error_grad(p, sizes, X[sl], T[sl], w[sl], dmax, flat)
            e += ei
            k = len(w[sl]) if solver == "backprop_chunk" else 1
            step = -eta / k * S + (mom * prev if solver == "backprop_momentum" else 0.0)
            p = p + step
            prev = step
        ref_errs.append(e)
    # 36 (or 9) sequential updates, each rounding at the 1e-16 level of |p|;
    # the network is well conditioned here, so 1e-12 has a wide margin.
    np.testing.assert_allclose(errs, ref_errs, rtol=1e-12)
    np.testing.assert_allclose(p_run, p, rtol=1e-11, atol=1e-13)


# ---------------------------------------------------------------------------
# through the estimators
# ---------------------------------------------------------------------------
def _fit(est_cls, X, y, sw=None, **params):
    params = {"max_iter": 15, **params}
    est = est_cls(hidden_layer_sizes=(5,), random_state=3, n_iter_no_change=np.inf, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return est.fit(X, y, sample_weight=sw)


def _data(n=40, seed=1):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, 3))
    y_cls = (X[:, 0] + 0.5 * X[:, 1] ** 2 > 0.4).astype(int)
    y_reg = np.c_[_sig(X[:, 0] - X[:, 2]), _sig(X[:, 1])]
    return X, y_cls, y_reg


@pytest.mark.parametrize("solver", ["quickprop", "rprop", "backprop_batch", "scg"])
@pytest.mark.parametrize("est_cls", [MLPClassifier, MLPRegressor])
@pytest.mark.parametrize("shuffle", [False, True])
def test_integer_weights_equal_repeated_rows_for_batch_learners(solver, est_cls, shuffle):
    X, y_cls, y_reg = _data()
    y = y_cls if est_cls is MLPClassifier else y_reg
    sw = np.random.RandomState(2).randint(0, 4, size=X.shape[0])  # zeros drop rows
    params = dict(solver=make_solver(solver, eta=0.05), shuffle=shuffle)
    a = _fit(est_cls, X, y, sw, **params)
    b = _fit(est_cls, np.repeat(X, sw, axis=0), np.repeat(y, sw, axis=0), **params)
    # Only the summation order of the epoch gradient differs (a few ulps).
    # 15 epochs of Quickprop's secant step amplify that to < 1e-12 (measured);
    # SCG's curvature estimate divides a gradient difference by sigma/|p|
    # (~1e-4), so there it grows to ~1e-8 -- the same as merely permuting
    # the repeated rows.  A weight off by one (w=2 vs 3 copies) moves the
    # weights by ~1e-2, far outside either tolerance.
    rtol = 1e-6 if solver == "scg" else 1e-9
    np.testing.assert_allclose(a.loss_curve_, b.loss_curve_, rtol=rtol)
    np.testing.assert_allclose(a._params, b._params, rtol=rtol, atol=rtol / 100)


@pytest.mark.parametrize("solver", ["quickprop", "rprop", "backprop_batch", "scg"])
def test_zero_weight_equals_removed_row_for_batch_learners(solver):
    X, _, y = _data()
    sw = np.random.RandomState(4).uniform(0.5, 2.0, size=X.shape[0])
    sw[::3] = 0.0
    keep = sw > 0
    a = _fit(MLPRegressor, X, y, sw, solver=solver, shuffle=False)
    b = _fit(MLPRegressor, X[keep], y[keep], sw[keep], solver=solver, shuffle=False)
    np.testing.assert_allclose(a.loss_curve_, b.loss_curve_, rtol=1e-9)
    np.testing.assert_allclose(a._params, b._params, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_unit_weights_are_bit_identical_to_no_weights(solver, dtype):
    X, y, _ = _data()
    X = X.astype(dtype)
    a = _fit(MLPClassifier, X, y, None, solver=solver)
    b = _fit(MLPClassifier, X, y, np.ones(X.shape[0]), solver=solver)
    assert np.array_equal(a._params, b._params)
    assert a.loss_curve_ == b.loss_curve_
    # the runner called without weights (RSNNS parity tests' call) agrees too
    sizes = [3, 5, 2]
    T = np.eye(2, dtype=dtype)[y]
    p0 = np.random.RandomState(0).uniform(-0.3, 0.3, _layout(sizes)[2]).astype(dtype)
    runs = []
    for sw in (None, np.ones(X.shape[0], dtype=dtype)):
        p_run, run = _runner(solver, p0, sizes, X, T, sw, eta=0.1)
        errs = [run() for _ in range(3)]
        runs.append((errs, p_run.copy()))
    assert runs[0][0] == runs[1][0]
    assert np.array_equal(runs[0][1], runs[1][1])


@pytest.mark.parametrize("solver", ["quickprop", "rprop", "backprop_batch"])
def test_doubled_weights_double_the_batch_error(solver):
    """A batch learner's epoch-1 error is measured before its update, from
    the same initial weights: doubling every weight doubles it exactly."""
    X, y, _ = _data()
    a = _fit(MLPClassifier, X, y, np.ones(X.shape[0]), solver=solver, shuffle=False,
             max_iter=1)
    b = _fit(MLPClassifier, X, y, np.full(X.shape[0], 2.0), solver=solver, shuffle=False,
             max_iter=1)
    assert b.loss_curve_[0] == 2 * a.loss_curve_[0]  # epoch 1, same start: exact


def test_class_weight_is_sample_weight_by_class():
    X, y, _ = _data()
    cw = {0: 0.5, 1: 3.0}
    a = _fit(MLPClassifier, X, y, None, solver="rprop", class_weight=cw)
    b = _fit(MLPClassifier, X, y, compute_sample_weight(cw, y), solver="rprop")
    c = _fit(MLPClassifier, X, y, None, solver="rprop")
    assert np.array_equal(a._params, b._params)
    assert not np.allclose(a._params, c._params)


def test_backprop_chunk_larger_than_the_workspace():
    """A chunk over 512 rows is gathered whole (the buffers follow the chunk)."""
    X, _, y = _data(n=700)
    chunk = make_solver("backprop_chunk", chunk=600)
    b = _fit(MLPRegressor, X[:600], y[:600], None, solver=chunk, max_iter=1, shuffle=False)
    sw = np.r_[np.ones(600), np.zeros(100)]
    c = _fit(MLPRegressor, X, y, sw, solver=chunk, max_iter=1, shuffle=False)
    # epoch 1's first chunk is rows 0..599 either way; with the last 100
    # rows weighted 0 the second chunk changes nothing
    assert np.array_equal(b._params, c._params)
