"""Robust regression losses (huber, absolute_error) and gradient clipping
(clip_norm): compiled kernels against NumPy, finite differences, and the
estimators."""

import warnings

import numpy as np
import pytest

from skneural import MLPClassifier, MLPRegressor
from skneural._kernels import cpu
from skneural._network import Workspace, layout

EPS = np.finfo(np.float64).eps


def _huber(r, delta):
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


@pytest.mark.parametrize("code", [cpu.HUBER, cpu.ABSOLUTE_ERROR])
def test_output_delta_and_loss_match_numpy(code):
    rng = np.random.RandomState(0)
    B, n, delta, norm = 9, 3, 0.7, 5.5
    P = rng.normal(size=(B, n)) * 2
    Y = rng.normal(size=(B, n))
    w = rng.uniform(0.5, 2.0, B)
    D = np.empty((B, n))
    loss = cpu.output_delta_and_loss(P, Y.ravel(), w, B, code, norm, D, delta)
    R = P - Y
    if code == cpu.HUBER:
        assert (np.abs(R) > delta).any() and (np.abs(R) <= delta).any()
        ref_loss = (w[:, None] * _huber(R, delta)).sum() / (norm * n)
        ref_D = np.clip(R, -delta, delta) * w[:, None] / (norm * n)
    else:
        ref_loss = (w[:, None] * np.abs(R)).sum() / (norm * n)
        ref_D = np.sign(R) * w[:, None] / (norm * n)
    # sums of B*n = 27 terms of size ~|R|: rounding below 27 eps of the sum
    assert loss == pytest.approx(ref_loss, rel=64 * EPS)
    np.testing.assert_allclose(D, ref_D, rtol=4 * EPS)


def test_huber_gradient_matches_finite_differences():
    rng = np.random.RandomState(1)
    sizes = [3, 4, 2]
    w_off, b_off, n_par = layout(sizes)
    X = rng.normal(size=(12, 3))
    Y = rng.normal(size=(12, 2)) * 3
    sw = np.ones(12)
    ws = Workspace(sizes, 12, np.float64)
    params = rng.normal(size=n_par) * 0.5
    args = (np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off, cpu.TANH,
            cpu.IDENTITY, cpu.HUBER, X, Y, sw, np.arange(12), 12, 0.0, ws.xbuf, ws.ybuf,
            ws.swbuf, ws.act_buf, ws.delta_buf, ws.mask_buf, 0.8)

    def loss(p):
        g = np.empty(n_par)
        return cpu.full_loss_grad(p, g, np.empty(n_par), *args), g

    f0, g0 = loss(params)
    h = 1e-6
    num = np.array([(loss(params + h * e)[0] - loss(params - h * e)[0]) / (2 * h)
                    for e in np.eye(n_par)])
    # central differences: O(h^2) truncation plus eps*|f|/h rounding, ~1e-9 here,
    # unless a residual sits within h of the kink (|r| = delta), which this data avoids
    np.testing.assert_allclose(g0, num, atol=1e-7)


def test_clip_gradient_norm_kernel():
    g = np.array([3.0, 4.0])
    cpu.clip_gradient_norm(g, 1.0)
    np.testing.assert_allclose(g, [0.6, 0.8], rtol=4 * EPS)
    short = np.array([0.3, 0.4])
    cpu.clip_gradient_norm(short, 1.0)
    np.testing.assert_array_equal(short, [0.3, 0.4])


def test_clip_norm_bounds_each_sgd_step():
    """One full-batch plain-SGD step moves the parameters by exactly lr * clip
    when the gradient is longer than clip."""
    rng = np.random.RandomState(2)
    X = rng.normal(size=(40, 4)) * 10
    y = (X[:, 0] > 0).astype(int)
    kw = dict(hidden_layer_sizes=(5,), solver="sgd", momentum=0.0, nesterovs_momentum=False,
              learning_rate_init=0.1, batch_size=40, max_iter=1, shuffle=False, random_state=0,
              alpha=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = MLPClassifier(**{**kw, "learning_rate_init": 1e-300}).fit(X, y)._params.copy()
        clipped = MLPClassifier(clip_norm=0.05, **kw).fit(X, y)
        free = MLPClassifier(**kw).fit(X, y)
    step = np.linalg.norm(clipped._params - start)
    assert step == pytest.approx(0.1 * 0.05, rel=1e-9)
    assert np.linalg.norm(free._params - start) > 10 * step  # the raw gradient was longer


def test_robust_losses_resist_outliers():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 3))
    y = 2 * X[:, 0] + 0.1 * rng.normal(size=300)
    y[:15] += 30  # 5% gross outliers
    errs = {}
    for loss in ("squared_error", "huber", "absolute_error"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = MLPRegressor(loss=loss, hidden_layer_sizes=(8,), max_iter=200, random_state=0,
                             learning_rate_init=0.01).fit(X, y)
        errs[loss] = np.median(np.abs(m.predict(X[15:]) - y[15:]))
    assert errs["huber"] < errs["squared_error"] / 4
    assert errs["absolute_error"] < errs["squared_error"] / 4


def test_reported_loss_is_the_kernels_loss():
    rng = np.random.RandomState(3)
    X = rng.normal(size=(50, 2))
    y = X[:, 0] * 3 + rng.standard_cauchy(50)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = MLPRegressor(loss="huber", huber_delta=0.5, hidden_layer_sizes=(4,), max_iter=1,
                         solver="sgd", learning_rate_init=1e-300, batch_size=50, alpha=0.0,
                         random_state=0, shuffle=False).fit(X, y)
    P = m.predict(X)
    assert m.loss_curve_[0] == pytest.approx(_huber(P - y, 0.5).mean(), rel=1e-12)


@pytest.mark.parametrize("est,match", [
    (MLPRegressor(loss="huber", solver="quickprop"), "needs a gradient solver"),
    (MLPClassifier(clip_norm=1.0, solver="lbfgs"), "solver 'lbfgs'"),
    (MLPClassifier(clip_norm=1.0, solver="rprop"), "the SNNS learner 'rprop'"),
    (MLPRegressor(huber_delta=0.0), "'huber_delta' parameter"),
    (MLPClassifier(clip_norm=-1.0), "'clip_norm' parameter"),
])
def test_loss_and_clip_errors(est, match):
    X = np.random.RandomState(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    with pytest.raises(ValueError, match=match):
        est.set_params(max_iter=2).fit(X, y)
