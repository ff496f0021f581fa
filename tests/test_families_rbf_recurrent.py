"""RBF networks (gradient and DDA), Elman/Jordan networks and the associative memory.

Layers: scikit-learn's estimator checks; one epoch of every kernel against a
plain NumPy re-implementation written here from the documented rules;
finite-difference gradients (RBF, Elman); the documented rules themselves
(SNNS's centre choice, the least-squares initialisation, DDA's coverage and
conflict thresholds after convergence, memory completion); Pipeline,
GridSearchCV, pickle; determinism; the RSNNS-named functions and their errors.
"""

import pickle

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skneural import (
    AssociativeMemory,
    ElmanRegressor,
    JordanRegressor,
    RBFNetworkClassifier,
    RBFNetworkRegressor,
)
from skneural._kernels import assoz as kassoz
from skneural._kernels import rbf as krbf
from skneural._kernels import recurrent as krec
from skneural._rbf import _evenly_spaced_rows, rbf_weights_init
from skneural._rsnns_families_b import assoz, elman, jordan, rbf, rbfDDA

# ---------------------------------------------------------------------------
# scikit-learn's checks
# ---------------------------------------------------------------------------
_SEQUENCE = ("the rows are one time series: predict runs the network over them in order, each "
             "output depending on the rows before it through the context units, so the "
             "predictions of a subset or of a reordering differ from the full sequence's by "
             "construction")
_SEQUENCE_XFAIL = {"check_methods_subset_invariance": _SEQUENCE,
                   "check_methods_sample_order_invariance": _SEQUENCE}

# One configuration per training path.  RBFNetworkRegressor(out_activation="logistic")
# is left out: check_regressors_train standardises y, and logistic outputs cannot
# reach targets outside (0, 1) (its fit/predict path is the identity one's plus the
# logistic, tested in test_rbf_epoch_matches_numpy and the finite differences).
ESTIMATORS = {
    "RBFNetworkRegressor": RBFNetworkRegressor(),
    "RBFNetworkClassifier": RBFNetworkClassifier(),
    "ElmanRegressor": ElmanRegressor(),
    "ElmanRegressor-rprop": ElmanRegressor(solver="rprop"),
    "JordanRegressor-momentum": JordanRegressor(solver="momentum", momentum=0.5),
    "AssociativeMemory": AssociativeMemory(max_iter=20),
}
EXPECTED_FAILURES = {
    "ElmanRegressor": _SEQUENCE_XFAIL,
    "ElmanRegressor-rprop": _SEQUENCE_XFAIL,
    "JordanRegressor-momentum": _SEQUENCE_XFAIL,
}
_NAME_OF = {id(est): name for name, est in ESTIMATORS.items()}


@parametrize_with_checks(list(ESTIMATORS.values()),
                         expected_failed_checks=lambda est: EXPECTED_FAILURES.get(
                             _NAME_OF[id(est)], {}),
                         xfail_strict=True)
def test_sklearn_compatible(estimator, check):
    check(estimator)


# ---------------------------------------------------------------------------
# helpers: plain NumPy versions of the documented rules
# ---------------------------------------------------------------------------
def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _np_rbf_sse(X, Y, C, p, W, b, logistic, dmax):
    H = np.exp(-p * ((X[:, None, :] - C[None]) ** 2).sum(-1))
    Z = H @ W + b
    O = _sigmoid(Z) if logistic else Z
    E = Y - O
    E[np.abs(E) <= dmax] = 0.0
    return (E ** 2).sum()


def _np_rbf_grad(X, Y, C, p, W, b, logistic, dmax):
    """Analytic gradient of E = masked SSE, vectorised (SNNS manual's RBF formulas)."""
    Diff = X[:, None, :] - C[None]                      # (n, k, d)
    R2 = (Diff ** 2).sum(-1)
    H = np.exp(-p * R2)
    Z = H @ W + b
    O = _sigmoid(Z) if logistic else Z
    E = Y - O
    E[np.abs(E) <= dmax] = 0.0
    D = E * (O * (1 - O) if logistic else 1.0)
    S = D @ W.T                                         # (n, k)
    gW = -2 * H.T @ D
    gb = -2 * D.sum(0)
    gp = 2 * (S * R2 * H).sum(0)
    gC = -4 * ((S * p * H)[:, :, None] * Diff).sum(0)
    return (E ** 2).sum(), gC, gp, gW, gb


def _rbf_problem(seed=0, n=30, d=3, k=6, m=2):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    Y = rng.uniform(size=(n, m))
    C = rng.normal(size=(k, d))
    p = rng.uniform(0.2, 1.0, k)
    W = rng.normal(size=(k, m))
    b = rng.normal(size=m)
    return X, Y, C, p, W, b


def _rbf_kernel_buffers(k, d, m):
    z = np.zeros
    return [z(k), z(k), z(m), z(k), z((k, d)), z(k), z((k, m)), z(m)]


# ---------------------------------------------------------------------------
# RBF: kernels
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("logistic", [False, True])
@pytest.mark.parametrize("dmax", [0.0, 0.3])
def test_rbf_epoch_matches_numpy(logistic, dmax):
    X, Y, C, p, W, b = _rbf_problem()
    k, d = C.shape
    m = W.shape[1]
    lr_c, lr_p, lr_w, mom = 0.01, 0.02, 0.03, 0.5
    prev = [np.random.default_rng(1).normal(size=s) * 0.01 for s in ((k, d), k, (k, m), m)]
    sse, gC, gp, gW, gb = _np_rbf_grad(X, Y, C, p, W, b, logistic, dmax)
    expect = [a - lr * g + mom * st for a, lr, g, st in
              zip((C, p, W, b), (lr_c, lr_p, lr_w, lr_w), (gC, gp, gW, gb), prev)]
    got = [a.copy() for a in (C, p, W, b)]
    steps = [s.copy() for s in prev]
    err = krbf.rbf_epoch(X, Y, *got, int(logistic), lr_c, lr_p, lr_w, dmax, mom, *steps,
                         *_rbf_kernel_buffers(k, d, m))
    # float64 sums over 30 patterns of O(1) terms: rounding ~1e-15 relative
    assert err == pytest.approx(sse, rel=1e-12)
    for g, e in zip(got, expect):
        np.testing.assert_allclose(g, e, rtol=1e-10, atol=1e-12)
    for st, g, e in zip(steps, got, (C, p, W, b)):
        np.testing.assert_allclose(st, g - e, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("logistic", [False, True])
def test_rbf_gradient_finite_differences(logistic):
    X, Y, C, p, W, b = _rbf_problem(seed=3)
    k, d = C.shape
    m = W.shape[1]
    bufs = _rbf_kernel_buffers(k, d, m)
    g = [np.zeros_like(a) for a in (C, p, W, b)]
    krbf.rbf_gradient(X, Y, C, p, W, b, int(logistic), 0.0, *bufs[:4], *g)
    params = [C, p, W, b]
    eps = 1e-6
    for which, grad in enumerate(g):
        fd = np.zeros_like(grad)
        for idx in np.ndindex(grad.shape):
            plus = [a.copy() for a in params]
            minus = [a.copy() for a in params]
            plus[which][idx] += eps
            minus[which][idx] -= eps
            fd[idx] = (_np_rbf_sse(X, Y, *plus, logistic, 0.0)
                       - _np_rbf_sse(X, Y, *minus, logistic, 0.0)) / (2 * eps)
        # central differences: truncation O(eps^2) ~ 1e-12, rounding ~ 1e-16 * E / eps ~ 1e-9
        np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-7)


def test_rbf_centres_are_evenly_spaced_patterns():
    # the SNNS manual's example: 13 patterns, 5 hidden units -> patterns 1, 4, 7, 10, 13
    assert _evenly_spaced_rows(13, 5).tolist() == [0, 3, 6, 9, 12]
    assert _evenly_spaced_rows(13, 1).tolist() == [0]
    X = np.arange(13.0).reshape(-1, 1) + 100
    C, p, _, _ = rbf_weights_init(X, np.zeros((13, 1)), 5, 0, 1, 0, 0.3, 0.0, None)
    np.testing.assert_array_equal(C.ravel(), [100, 103, 106, 109, 112])
    np.testing.assert_array_equal(p, 0.3)


def test_rbf_deviation_moves_centres_by_at_most_the_fraction():
    X = np.full((10, 4), 2.0)
    C, *_ = rbf_weights_init(X, np.zeros((10, 1)), 6, 0, 1, 0, 0.1, 0.25,
                             np.random.RandomState(0))
    rel = np.abs(C / 2.0 - 1)
    assert rel.max() <= 0.25 and rel.max() > 0.05   # moved, by at most 25%


@pytest.mark.parametrize("smoothness", [0.0, 0.5])
def test_rbf_initial_weights_solve_the_least_squares_problem(smoothness):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 2))
    Y = rng.integers(0, 2, size=(40, 2)).astype(float)
    C, p, W, b = rbf_weights_init(X, Y, 8, -4.0, 4.0, smoothness, 0.5, 0.0, None)
    H1 = np.hstack([np.exp(-p * ((X[:, None] - C[None]) ** 2).sum(-1)), np.ones((40, 1))])
    T = -4.0 + 8.0 * Y                                  # 0 -> 0_scale, 1 -> 1_scale
    w = np.vstack([W, b])
    G = np.zeros((9, 9))
    G[:8, :8] = np.exp(-p * ((C[:, None] - C[None]) ** 2).sum(-1))
    # stationarity of |H1 w - T|^2 + smoothness * w'Gw: H1'(H1 w - T) + smoothness G w = 0
    resid = H1.T @ (H1 @ w - T) + smoothness * G @ w
    assert np.abs(resid).max() < 1e-8 * np.abs(H1.T @ T).max()


# ---------------------------------------------------------------------------
# RBF: estimator
# ---------------------------------------------------------------------------
def _sine(n=101, noise=0.0, seed=0):
    x = np.linspace(0, 10, n).reshape(-1, 1)
    y = np.sin(x).ravel() + noise * np.random.default_rng(seed).uniform(size=n)
    return x, y


def test_rbf_regressor_fits_sine_and_training_lowers_the_error():
    x, y = _sine()
    # narrow units (p = 3) leave gaps between 6 centres that moving the centres closes
    model = RBFNetworkRegressor(n_units=6, gamma=3.0, dmax=0.0, learning_rate_centers=1e-3,
                                learning_rate_gamma=0.0, learning_rate_weights=1e-4,
                                max_iter=300, random_state=0).fit(x, y)
    curve = np.asarray(model.loss_curve_)
    assert curve[-1] < 0.5 * curve[0]
    assert model.score(x, y) > 0.9


def test_rbf_regressor_float32_and_multioutput():
    x, y = _sine()
    Y = np.column_stack([y, np.cos(x).ravel()]).astype(np.float32)
    model = RBFNetworkRegressor(n_units=15, gamma=1.0, random_state=0).fit(
        x.astype(np.float32), Y)
    assert model.coef_.dtype == np.float32 and model.predict(x).shape == (101, 2)
    assert model.predict(x).dtype == np.float32


def test_rbf_hidden_activations_are_the_gaussians():
    x, y = _sine()
    model = RBFNetworkRegressor(n_units=7, gamma=0.4, max_iter=2, random_state=0).fit(x, y)
    H = model.hidden_activations(x)
    expect = np.exp(-model.gamma_ * (x - model.centers_.T) ** 2)
    np.testing.assert_allclose(H, expect, rtol=1e-13)
    np.testing.assert_allclose(model.predict(x), H @ model.coef_.ravel() + model.intercept_,
                               rtol=1e-12, atol=1e-12)


def test_recurrent_float32_stays_float32():
    X, y = _series(40)
    model = ElmanRegressor(max_iter=3, random_state=0).fit(X.astype(np.float32),
                                                           y.astype(np.float32))
    assert model.params_.dtype == np.float32 and model.predict(X).dtype == np.float32
    ref = ElmanRegressor(max_iter=3, random_state=0).fit(X, y)
    # same seed: the same start rounded to float32; 3 epochs of 40 online steps keep
    # the two within float32's resolution times a modest growth
    np.testing.assert_allclose(model.predict(X), ref.predict(X), rtol=1e-4, atol=1e-4)


def test_rbf_validation_curve_is_the_test_error_after_each_epoch():
    x, y = _sine()
    model = RBFNetworkRegressor(n_units=8, gamma=0.5, max_iter=3, dmax=0.0,
                                learning_rate_weights=1e-3, random_state=0)
    model.fit(x[::2], y[::2], X_val=x[1::2], y_val=y[1::2])
    assert len(model.validation_loss_curve_) == 3
    last = ((model.predict(x[1::2]) - y[1::2]) ** 2).sum()
    assert model.validation_loss_curve_[-1] == pytest.approx(last, rel=1e-12)
    with pytest.raises(ValueError, match="X_val and y_val"):
        model.fit(x, y, X_val=x)


def test_rbf_divergence_keeps_the_last_finite_parameters():
    from skneural import DivergenceWarning

    x, y = _sine()
    model = RBFNetworkRegressor(n_units=10, gamma=1.0, dmax=0.0, learning_rate_weights=10.0,
                                momentum=0.9, max_iter=500, random_state=0)
    with pytest.warns(DivergenceWarning, match="diverged"):
        model.fit(x, y * 1e3)
    assert model.n_iter_ < 500 and np.isfinite(model.coef_).all()


# ---------------------------------------------------------------------------
# RBF-DDA
# ---------------------------------------------------------------------------
def _np_dda_epoch(X, codes, order, protos, theta_pos, theta_neg):
    """Berthold & Diamond's DDA epoch over a list of [centre, p, class, A] prototypes."""
    for pr in protos:
        pr[3] = 0.0
    for i in order:
        x, c = X[i], codes[i]
        act = [(np.exp(-pr[1] * ((x - pr[0]) ** 2).sum()), j) for j, pr in enumerate(protos)
               if pr[2] == c]
        covering = [a for a in act if a[0] >= theta_pos]
        if covering:
            protos[max(covering, key=lambda a: (a[0], -a[1]))[1]][3] += 1.0
        else:
            dists = [((x - pr[0]) ** 2).sum() for pr in protos if pr[2] != c]
            p_new = max([-np.log(theta_neg) / r2 for r2 in dists if r2 > 0], default=0.0)
            protos.append([x.copy(), p_new, c, 1.0])
        for pr in protos:
            r2 = ((x - pr[0]) ** 2).sum()
            if pr[2] != c and r2 > 0 and np.exp(-pr[1] * r2) > theta_neg:
                pr[1] = -np.log(theta_neg) / r2
    return protos


def test_dda_epochs_match_numpy():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(60, 2))
    codes = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    n = len(X)
    centers, p, cls, A = np.zeros((n, 2)), np.zeros(n), np.zeros(n, np.int64), np.zeros(n)
    n_proto = 0
    protos = []
    for epoch in range(3):
        order = rng.permutation(n).astype(np.int64)
        n_proto, _, _ = krbf.dda_epoch(X, codes, order, centers, p, cls, A, n_proto,
                                       np.log(0.4), np.log(0.2))
        protos = _np_dda_epoch(X, codes, order, protos, 0.4, 0.2)
        assert n_proto == len(protos)
        np.testing.assert_allclose(centers[:n_proto], [pr[0] for pr in protos])
        np.testing.assert_allclose(p[:n_proto], [pr[1] for pr in protos], rtol=1e-12)
        np.testing.assert_array_equal(cls[:n_proto], [pr[2] for pr in protos])
        np.testing.assert_array_equal(A[:n_proto], [pr[3] for pr in protos])


def test_dda_converged_net_covers_every_pattern_without_conflicts():
    # Berthold & Diamond: once an epoch changes nothing, every training pattern has a
    # prototype of its class at >= theta+ and none of another class above theta-
    X, y = load_iris(return_X_y=True)
    clf = RBFNetworkClassifier(max_iter=50, random_state=0).fit(X, y)
    assert clf.n_new_prototypes_[-1] == 0 and clf.n_iter_ < 50
    R = np.exp(-clf.gamma_ * ((X[:, None] - clf.centers_[None]) ** 2).sum(-1))
    own = clf.prototype_class_[None, :] == np.searchsorted(clf.classes_, y)[:, None]
    dup = ((X[:, None] - clf.centers_[None]) ** 2).sum(-1) == 0   # identical input, 2 labels
    assert (np.where(own, R, 0).max(1) >= 0.4 - 1e-12).all()
    assert (R[~own & ~dup] <= 0.2 + 1e-12).all()
    # the thresholds hold for each prototype, but a class's weighted sum can still lose
    assert clf.score(X, y) > 0.95
    assert clf.prototype_weight_.sum() == len(X)       # each pattern covered once


def test_dda_converges_in_float32_too():
    # float32 rounding of a shrunk width must not count as a change for ever
    X, y = load_iris(return_X_y=True)
    Xs = ((X - X.mean(0)) / X.std(0)).astype(np.float32)
    clf = RBFNetworkClassifier(max_iter=30, random_state=0).fit(Xs, y)
    assert clf.gamma_.dtype == np.float32 and clf.n_iter_ < 10


def test_dda_theta_order_is_checked():
    with pytest.raises(ValueError, match="theta_neg"):
        RBFNetworkClassifier(theta_pos=0.2, theta_neg=0.4).fit([[0.0], [1.0]], [0, 1])


# ---------------------------------------------------------------------------
# Elman / Jordan: kernels
# ---------------------------------------------------------------------------
def _je_problem(seed=0, n=25, d=2, nh=4, m=2, jordan=False):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    Y = rng.normal(size=(n, m)) * 0.5
    nc = m if jordan else nh
    offs = krec.layout(d, nh, m, nc)
    params = rng.uniform(-1, 1, offs[5])
    return X, Y, params, np.asarray(offs[:5], np.int64), nc


def _unpack(params, d, nh, m, nc):
    i = 0
    out = []
    for shape in ((d, nh), (nc, nh), (nh,), (nh, m), (m,)):
        size = int(np.prod(shape))
        out.append(params[i:i + size].reshape(shape).copy())
        i += size
    return out


def _np_je_bp_epoch(X, Y, params, d, nh, m, nc, jordan, logistic, lr, mom, flat, dmax, prev,
                    lam, gam, psi):
    Wi, Wc, bh, Wo, bo = _unpack(params, d, nh, m, nc)
    Si, Sc, Sbh, So, Sbo = _unpack(prev, d, nh, m, nc)
    ctx = np.full(nc, psi)
    sse = 0.0
    for x, y in zip(X, Y):
        h = _sigmoid(x @ Wi + ctx @ Wc + bh)
        z = h @ Wo + bo
        o = _sigmoid(z) if logistic else z
        e = y - o
        e[np.abs(e) <= dmax] = 0.0
        sse += e @ e
        do = e * ((o * (1 - o) if logistic else 1.0) + flat)
        do[e == 0] = 0.0
        dh = (Wo @ do) * (h * (1 - h) + flat)
        Si = lr * np.outer(x, dh) + mom * Si
        Sc = lr * np.outer(ctx, dh) + mom * Sc
        Sbh = lr * dh + mom * Sbh
        So = lr * np.outer(h, do) + mom * So
        Sbo = lr * do + mom * Sbo
        Wi, Wc, bh, Wo, bo = Wi + Si, Wc + Sc, bh + Sbh, Wo + So, bo + Sbo
        ctx = lam * ctx + gam * (o if jordan else h)
    flat_params = np.concatenate([a.ravel() for a in (Wi, Wc, bh, Wo, bo)])
    return sse, flat_params


@pytest.mark.parametrize("jordan", [False, True])
@pytest.mark.parametrize("logistic, mom, flat, dmax", [(False, 0.0, 0.0, 0.0),
                                                        (True, 0.6, 0.1, 0.05)])
def test_je_bp_epoch_matches_numpy(jordan, logistic, mom, flat, dmax):
    X, Y, params, offs, nc = _je_problem(jordan=jordan)
    if logistic:
        Y = _sigmoid(Y * 3)
    d, nh, m = 2, 4, 2
    prev = np.random.default_rng(9).normal(size=params.shape) * 0.01
    sse_np, expect = _np_je_bp_epoch(X, Y, params, d, nh, m, nc, jordan, logistic, 0.1, mom,
                                     flat, dmax, prev, 0.3, 1.0, 0.5)
    got = params.copy()
    step = prev.copy()
    bufs = [np.zeros(nc), np.zeros(nh), np.zeros(m), np.zeros(m), np.zeros(nh),
            np.zeros_like(params)]
    sse = krec.je_bp_epoch(got, offs, X, Y, np.arange(len(X)), np.full(nc, 0.5), 0.3, 1.0,
                           jordan, int(logistic), 0.1, mom, flat, dmax, step, *bufs)
    # 25 online steps in float64; the kernel's logistic is accurate to 1e-13 relative
    assert sse == pytest.approx(sse_np, rel=1e-10)
    np.testing.assert_allclose(got, expect, rtol=1e-9, atol=1e-11)


def _np_frozen_context_loss(params, X, Y, C, d, nh, m, nc):
    Wi, Wc, bh, Wo, bo = _unpack(params, d, nh, m, nc)
    H = _sigmoid(X @ Wi + C @ Wc + bh)
    O = H @ Wo + bo
    return 0.5 * ((Y - O) ** 2).sum()


@pytest.mark.parametrize("jordan", [False, True])
def test_elman_gradient_finite_differences(jordan):
    # JE learning treats each step's context as an input: the gradient is that of
    # 1/2 SSE with the contexts of the forward pass held fixed
    X, Y, params, offs, nc = _je_problem(seed=4, jordan=jordan)
    d, nh, m = 2, 4, 2
    n = len(X)
    H, O, C = np.zeros((n, nh)), np.zeros((n, m)), np.zeros((n, nc))
    krec.run_sequence(params, offs, X, np.full(nc, 0.5), 0.3, 1.0, jordan, 0, H, O, C)
    g = np.zeros_like(params)
    sse = krec.sequence_descent(params, offs, X, Y, np.arange(n), np.full(nc, 0.5), 0.3, 1.0,
                                jordan, 0, 0.0, np.zeros(nc), np.zeros(nh), np.zeros(m),
                                np.zeros(m), np.zeros(nh), g)
    assert sse == pytest.approx(2 * _np_frozen_context_loss(params, X, Y, C, d, nh, m, nc),
                                rel=1e-12)
    eps = 1e-6
    fd = np.array([(_np_frozen_context_loss(params + eps * e, X, Y, C, d, nh, m, nc)
                    - _np_frozen_context_loss(params - eps * e, X, Y, C, d, nh, m, nc))
                   / (2 * eps) for e in np.eye(len(params))])
    # truncation O(eps^2), rounding ~1e-16 * E / eps: both far below 1e-6
    np.testing.assert_allclose(-g, fd, rtol=1e-6, atol=1e-7)


def test_je_rprop_epoch_matches_numpy():
    X, Y, params, offs, nc = _je_problem(seed=6)
    n = len(X)
    bufs = [np.zeros(nc), np.zeros(4), np.zeros(2), np.zeros(2), np.zeros(4)]
    g = np.zeros_like(params)
    krec.sequence_descent(params, offs, X, Y, np.arange(n), np.full(nc, 0.5), 0.3, 1.0, False,
                          0, 0.0, *bufs, g)
    decay = 1e-3
    S = -g + decay * params
    rng = np.random.default_rng(1)
    prev = rng.choice([-0.1, 0.0, 0.1], size=params.shape)
    D = rng.uniform(0.01, 0.5, params.shape)
    # the rule as RSNNS.md states it, case by case
    D_exp = np.where(prev * S < 0, np.minimum(1.2 * D, 0.3),
                     np.where(prev * S > 0, np.maximum(0.5 * D, 1e-6), D))
    step_exp = np.where(prev * S > 0, 0.0, -np.sign(S) * D_exp)
    got, D_got, prev_got = params.copy(), D.copy(), prev.copy()
    krec.je_rprop_epoch(got, offs, X, Y, np.arange(n), np.full(nc, 0.5), 0.3, 1.0, False, 0,
                        0.3, decay, D_got, prev_got, *bufs, np.zeros_like(params))
    np.testing.assert_allclose(D_got, D_exp, rtol=1e-15)
    np.testing.assert_allclose(got, params + step_exp, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(prev_got, step_exp, rtol=1e-15)


# ---------------------------------------------------------------------------
# Elman / Jordan: estimators
# ---------------------------------------------------------------------------
def _series(n=300):
    t = np.arange(n + 1)
    s = 0.5 * np.sin(0.2 * t) + 0.3 * np.sin(0.05 * t + 1)
    return s[:-1].reshape(-1, 1), s[1:]


@pytest.mark.parametrize("cls", [ElmanRegressor, JordanRegressor])
def test_recurrent_one_step_ahead(cls):
    X, y = _series()
    model = cls(hidden_layer_size=8, max_iter=150, learning_rate=0.1, random_state=0).fit(X, y)
    curve = np.asarray(model.loss_curve_)
    assert curve[-1] < 0.2 * curve[0]
    baseline = np.mean((X.ravel() - y) ** 2)            # "tomorrow = today"
    assert np.mean((model.predict(X) - y) ** 2) < 0.5 * baseline


def test_context_matters_for_elman():
    # the same input value must map to different targets depending on the past:
    # x = 1 0 0 1 0 0 ..., target = 1 on the step after a 1, else 0
    x = np.tile([1.0, 0.0, 0.0], 60)
    y = np.roll(x, 1)
    model = ElmanRegressor(hidden_layer_size=6, max_iter=300, learning_rate=0.2,
                           random_state=1).fit(x.reshape(-1, 1), y)
    pred = model.predict(x.reshape(-1, 1))
    zero_inputs = x == 0
    assert np.abs(pred[zero_inputs] - y[zero_inputs])[3:].max() < 0.3
    # a feed-forward model sees 0 for both targets 1 and 0: its best error is 0.25 there
    assert np.mean((pred[zero_inputs] - y[zero_inputs]) ** 2) < 0.05


def test_recurrent_run_returns_the_contexts_it_used():
    X, y = _series(50)
    model = ElmanRegressor(max_iter=3, random_state=0).fit(X, y)
    O, H, C = model.run(X)
    np.testing.assert_array_equal(C[0], 0.5)
    np.testing.assert_allclose(C[1:], 0.3 * C[:-1] + 1.0 * H[:-1], rtol=1e-14)
    with pytest.raises(ValueError, match="context must be 5"):
        model.run(X, context=[0.0])


def test_recurrent_pickle_keeps_views():
    X, y = _series(40)
    model = JordanRegressor(max_iter=2, random_state=0).fit(X, y)
    clone = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(clone.predict(X), model.predict(X))
    clone.params_[:] = 0.0                              # coefs_ must follow params_
    assert not clone.coefs_[0].any() and not clone.context_coef_.any()


@pytest.mark.parametrize("bad", [(1.0,), (1.0, -1.0), (0.0, np.nan)])
def test_recurrent_init_range_is_checked(bad):
    X, y = _series(20)
    with pytest.raises(ValueError, match="init_range"):
        ElmanRegressor(init_range=bad).fit(X, y)


# ---------------------------------------------------------------------------
# Associative memory
# ---------------------------------------------------------------------------
_LETTERS = {
    "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
    "L": ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
    "O": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "X": ["#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"],
}
LETTERS = np.array([[c == "#" for c in "".join(rows)] for rows in _LETTERS.values()], float)


def _np_act_rm(W, e, a, cycles, E, D):
    W0 = W - np.diag(np.diag(W))
    for _ in range(cycles):
        net = e + W0 @ a
        a = np.where(net > 0, a + E * net * (1 - a) - D * a, a + E * net * (a + 1) - D * a)
        a = np.clip(a, -1, 1)
    return a, W0 @ a


def test_rm_delta_epoch_matches_numpy():
    rng = np.random.default_rng(0)
    W = rng.uniform(-1, 1, (35, 35))
    np.fill_diagonal(W, 0)
    order = np.array([3, 0, 4, 1, 2])
    expect = W.copy()
    err_np = 0.0
    for i in order:
        a, internal = _np_act_rm(expect, LETTERS[i], np.zeros(35), 7, 0.15, 0.15)
        diff = LETTERS[i] - internal
        err_np += diff @ diff
        upd = 0.05 * np.outer(diff, a)
        np.fill_diagonal(upd, 0)
        expect += upd
    got = W.copy()
    err = kassoz.rm_delta_epoch(got, LETTERS, order, 7, 0.05, 0.15, 0.15, np.zeros(35),
                                np.zeros(35))
    assert err == pytest.approx(err_np, rel=1e-12)
    np.testing.assert_allclose(got, expect, rtol=1e-12, atol=1e-14)
    assert not np.diag(got).any()                       # no self-links


def test_memory_completes_half_erased_letters():
    memory = AssociativeMemory(random_state=0).fit(LETTERS)
    assert memory.loss_curve_[-1] < 0.1 * memory.loss_curve_[0]
    cue = LETTERS.copy()
    cue[:, :15] = 0.0                                   # erase the top three rows
    recalled = memory.transform(cue)
    for i in range(len(LETTERS)):
        erased = recalled[i, :15]
        on, off = LETTERS[i, :15] == 1, LETTERS[i, :15] == 0
        # the erased pixels of the letter come back stronger than its background
        assert erased[on].mean() > erased[off].mean() + 0.1
    # the stored letters are recalled as themselves: each is closest to its own pattern
    full = memory.transform(LETTERS)
    corr = np.corrcoef(full, LETTERS)[:5, 5:]
    assert (np.argmax(corr, axis=1) == np.arange(5)).all()


# ---------------------------------------------------------------------------
# Pipelines, grid search, pickling, determinism
# ---------------------------------------------------------------------------
def _data_for(name):
    if name == "RBFNetworkClassifier":
        return load_iris(return_X_y=True)
    if name == "AssociativeMemory":
        return LETTERS, None
    X, y = _series(80)
    return X, y


_GRIDS = {
    "RBFNetworkRegressor": (RBFNetworkRegressor(n_units=8, random_state=0),
                            {"gamma": [0.1, 1.0]}),
    "RBFNetworkClassifier": (RBFNetworkClassifier(random_state=0), {"theta_neg": [0.1, 0.2]}),
    "ElmanRegressor": (ElmanRegressor(max_iter=5, random_state=0),
                       {"hidden_layer_size": [3, 5]}),
    "JordanRegressor": (JordanRegressor(max_iter=5, random_state=0),
                        {"learning_rate": [0.05, 0.1]}),
}


@pytest.mark.parametrize("name", sorted(_GRIDS))
def test_pipeline_gridsearch_pickle(name):
    est, grid = _GRIDS[name]
    X, y = _data_for(name)
    pipe = make_pipeline(StandardScaler(), est)
    search = GridSearchCV(pipe, {f"{type(est).__name__.lower()}__{k}": v
                                 for k, v in grid.items()}, cv=2).fit(X, y)
    best = search.best_estimator_
    restored = pickle.loads(pickle.dumps(best))
    np.testing.assert_array_equal(restored.predict(X), best.predict(X))


def test_memory_in_a_pipeline_pickles():
    pipe = make_pipeline(AssociativeMemory(max_iter=5, random_state=0)).fit(LETTERS)
    restored = pickle.loads(pickle.dumps(pipe))
    np.testing.assert_array_equal(restored.transform(LETTERS), pipe.transform(LETTERS))


_RANDOM = {
    "RBFNetworkRegressor": RBFNetworkRegressor(n_units=8, deviation=0.3, max_iter=5),
    "RBFNetworkClassifier": RBFNetworkClassifier(max_iter=2),
    "ElmanRegressor": ElmanRegressor(max_iter=5),
    "JordanRegressor": JordanRegressor(max_iter=5, shuffle=True),
    "AssociativeMemory": AssociativeMemory(max_iter=3),
}


@pytest.mark.parametrize("name", sorted(_RANDOM))
def test_same_seed_same_model_other_seed_other_model(name):
    X, y = _data_for(name)

    def fitted(seed):
        est = _RANDOM[name].set_params(random_state=seed)
        est.fit(X) if y is None else est.fit(X, y)
        return est.transform(X) if y is None else (
            est.class_outputs(X) if hasattr(est, "class_outputs") else est.predict(X))

    a, b, c = fitted(1), fitted(1), fitted(2)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


# ---------------------------------------------------------------------------
# RSNNS-named functions
# ---------------------------------------------------------------------------
def test_rbf_function_fields_and_parameters():
    x, y = _sine()
    model = rbf(x, y, size=12, maxit=7, initFuncParams=(0, 1, 0, 0.8, 0.0),
                learnFuncParams=(1e-4, 0, 1e-4, 0.0, 0.5), inputsTest=x[:10],
                targetsTest=y[:10], random_state=0)
    assert isinstance(model, RBFNetworkRegressor)
    assert (model.n_units, model.gamma, model.learning_rate_centers, model.momentum) == (
        12, 0.8, 1e-4, 0.5)
    assert len(model.IterativeFitError) == 7 and len(model.IterativeTestError) == 7
    assert model.fitted_values.shape == (101, 1)
    assert getattr(model, "fitted.values") is model.fitted_values
    assert model.coef_.dtype == np.float32              # SNNS computes in float32
    np.testing.assert_allclose(model.fitted_values.ravel(), model.predict(x), rtol=1e-6)
    assert model.out_activation == "identity"
    assert rbf(x, y, size=3, maxit=1, linOut=False).out_activation == "logistic"


def test_rbf_rsnns_demo_shape():
    # RSNNS's rbf example: 0..10 by 0.1, sin + uniform noise normalised to [0, 1],
    # 40 units, initFuncParams (0, 1, 0, 0.01, 0.01), learnFuncParams (1e-8, 0, 1e-8, 0.1, 0.8)
    x, y = _sine(noise=1.0, seed=2)
    y = (y - y.min()) / (y.max() - y.min())
    model = rbf(x, y, size=40, maxit=1000, initFuncParams=(0, 1, 0, 0.01, 0.01),
                learnFuncParams=(1e-8, 0, 1e-8, 0.1, 0.8), linOut=True, random_state=0)
    resid = model.fitted_values.ravel() - y
    # the fit follows the sine under the noise: residuals as wide as the noise, no wider
    assert np.std(resid) < 0.2 and np.corrcoef(model.fitted_values.ravel(), y)[0, 1] > 0.8


def test_rbfdda_function_takes_one_hot_targets():
    X, y = load_iris(return_X_y=True)
    onehot = np.eye(3)[y]
    model = rbfDDA(X, onehot, random_state=0)
    assert model.fitted_values.shape == (150, 3)
    sums = rbfDDA(X, onehot, linOut=True, random_state=0).fitted_values
    np.testing.assert_allclose(model.fitted_values, 1 / (1 + np.exp(-sums)), rtol=1e-6)
    assert (np.argmax(model.fitted_values, 1) == y).mean() > 0.95
    assert (model.theta_pos, model.theta_neg, model.max_iter) == (0.4, 0.2, 1)
    with pytest.raises(ValueError, match="no single largest value"):
        rbfDDA(X[:4], np.array([[1, 0], [0, 1], [0.5, 0.5], [1, 0]]))
    with pytest.raises(ValueError, match=r"theta-"):
        rbfDDA(X, onehot, learnFuncParams=(0.2, 0.4, 5))


@pytest.mark.parametrize("fun, cls", [(elman, ElmanRegressor), (jordan, JordanRegressor)])
def test_elman_jordan_functions(fun, cls):
    X, y = _series(60)
    model = fun(X, y, size=4, maxit=5, inputsTest=X[:10], targetsTest=y[:10], random_state=0)
    assert isinstance(model, cls)
    assert (model.init_range, model.context_self_weight, model.context_weight,
            model.context_init, model.learning_rate) == ((-1.0, 1.0), 0.3, 1.0, 0.5, 0.2)
    assert len(model.IterativeFitError) == 5 and len(model.IterativeTestError) == 5
    assert model.fitted_values.shape == (60, 1)
    m2 = fun(X, y, maxit=2, learnFunc="JE_Rprop", learnFuncParams=(0, 0, 4))
    assert (m2.solver, m2.learning_rate, m2.max_step, m2.alpha) == ("rprop", 0.001, 2.0, 1e-4)
    m3 = fun(X, y, maxit=2, learnFunc="JE_BP_Momentum", learnFuncParams=(0.1, 0.5, 0.1, 0.05))
    assert (m3.solver, m3.momentum, m3.flat_spot, m3.dmax) == ("momentum", 0.5, 0.1, 0.05)


def test_assoz_function():
    model = assoz(LETTERS, dimX=7, dimY=5, maxit=10, random_state=0)
    assert isinstance(model, AssociativeMemory)
    assert (model.learning_rate, model.learn_cycles, model.n_cycles) == (0.01, 100, 50)
    assert model.fitted_values.shape == (5, 35) and len(model.IterativeFitError) == 10
    np.testing.assert_array_equal(model.predict(LETTERS), model.fitted_values)
    with pytest.raises(ValueError, match="dimX \\* dimY = 5 \\* 5 = 25"):
        assoz(LETTERS, dimX=5, dimY=5)


@pytest.mark.parametrize("call, match", [
    (lambda x, y: rbf(x, y, learnFunc="Std_Backpropagation"), "unknown learnFunc"),
    (lambda x, y: rbf(x, y, initFunc="RBF_Weights_Kohonen"), "unknown initFunc"),
    (lambda x, y: rbf(x, y, size=(4, 3)), "size must be one number"),
    (lambda x, y: rbf(x, y, size=2.5), "whole number"),
    (lambda x, y: rbf(x, y, learnFuncParams=(0, 0, 0, 0, 1.5)), r"momentum"),
    (lambda x, y: rbf(x, y, initFuncParams=(0, 1, 0, -1)), r"bias p"),
    (lambda x, y: rbf(x, y, learnFuncParams="fast"), "string"),
    (lambda x, y: rbf(x, y, shufflePatterns="yes"), "shufflePatterns"),
    (lambda x, y: rbf(x, y[:5]), "different numbers of rows"),
    (lambda x, y: rbf(x, y, inputsTest=x), "together"),
    (lambda x, y: rbf(np.where(x > 5, np.nan, x), y), "NaN"),
    (lambda x, y: rbf(np.where(x > 5, np.inf, x), y), "infinity"),
    (lambda x, y: rbf(np.array([["a"]] * len(x)), y), "numeric"),
    (lambda x, y: elman(x, y, updateFunc="Topological_Order"), "JE_Order"),
    (lambda x, y: elman(x, y, outContext=True), "outContext"),
    (lambda x, y: jordan(x, y, learnFunc="Rprop"), "'JE_BP', .*'JE_Rprop'"),
    (lambda x, y: jordan(x, y, learnFuncParams=(0,)), r"eta"),
    (lambda x, y: rbfDDA(x, y > 0, learnFunc="DDA"), "RBF-DDA"),
    (lambda x, y: assoz(x, 1, 1, learnFuncParams=(0.01, 2.5)), "whole number"),
])
def test_rsnns_functions_reject_bad_arguments(call, match):
    x, y = _sine(20)
    with pytest.raises((ValueError, TypeError), match=match):
        call(x, y)


@pytest.mark.parametrize("est", [RBFNetworkRegressor(), ElmanRegressor(),
                                 RBFNetworkClassifier(), AssociativeMemory()])
def test_estimators_reject_nan_and_strings(est):
    X = np.array([[0.0, 1.0], [np.nan, 2.0], [1.0, 1.0]])
    y = np.array([0, 1, 0])
    args = (X,) if isinstance(est, AssociativeMemory) else (X, y)
    with pytest.raises(ValueError, match="NaN"):
        est.fit(*args)
    S = np.array([["a", "b"]] * 3)
    args = (S,) if isinstance(est, AssociativeMemory) else (S, y)
    with pytest.raises(ValueError):
        est.fit(*args)


@pytest.mark.parametrize("module", ["_rbf", "_recurrent", "_assoz", "_rsnns_families_b"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    mod = importlib.import_module("skneural." + module)
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
