"""The compiled MLP kernels against plain NumPy, and finite-difference gradients."""

import numpy as np
import pytest
from scipy.special import xlogy

from skneural._activations import HIDDEN_ACTIVATIONS, LOSSES, OUTPUT_ACTIVATIONS
from skneural._kernels import cpu
from skneural._multilayer_perceptron import _layout, _Workspace

# (output activation, loss): the canonical pairs the estimators use.
OUTPUT_LOSS = [
    ("identity", "squared_error"),
    ("logistic", "binary_log_loss"),
    ("softmax", "log_loss"),
    ("exp", "poisson"),
]


def np_activation(name, z):
    if name == "identity":
        return z
    if name == "logistic":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "elu":
        return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))
    if name == "softplus":
        return np.logaddexp(0, z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if name == "exp":
        return np.exp(z)
    raise AssertionError(name)


def np_unpack(params, sizes):
    """(W, b) per layer, read in the documented order (W_0 row-major, b_0, W_1, ...),
    without the implementation's offset helper."""
    layers, pos = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = params[pos: pos + n_in * n_out].reshape(n_in, n_out)
        pos += n_in * n_out
        layers.append((W, params[pos: pos + n_out]))
        pos += n_out
    assert pos == params.size
    return layers


def np_forward(params, sizes, hidden, out, X, keep=None, drop_rate=0.0):
    """Forward pass; ``keep[i]`` (bool, one per hidden layer) applies inverted
    dropout: kept units are divided by 1 - drop_rate, dropped ones are 0."""
    layers = np_unpack(params, sizes)
    a = X
    for i, (W, b) in enumerate(layers):
        last = i == len(layers) - 1
        a = np_activation(out if last else hidden, a @ W + b)
        if keep is not None and not last:
            a = np.where(keep[i], a / (1.0 - drop_rate), 0.0)
    return a


def np_loss(loss, Y, P, sw, params, sizes, alpha, norm=None):
    """The losses from their definitions (scipy's xlogy: 0 log 0 = 0), weighted
    by ``sw`` and divided by ``norm`` (default sw.sum()), plus the L2 penalty
    0.5 * alpha * (sum of squared weights, biases excluded) / norm, as
    scikit-learn. Written apart from the implementation: no clipping, no shared
    helpers, so a slip in the implementation's formulas is not copied here."""
    norm = sw.sum() if norm is None else norm
    if loss == "squared_error":        # half the squared error, averaged over outputs
        per = 0.5 * np.mean((Y - P) ** 2, axis=1)
    elif loss == "log_loss":           # cross-entropy of one-hot rows
        per = -np.sum(xlogy(Y, P), axis=1)
    elif loss == "binary_log_loss":    # independent Bernoulli outputs
        per = -np.sum(xlogy(Y, P) + xlogy(1 - Y, 1 - P), axis=1)
    elif loss == "poisson":            # half the Poisson deviance
        per = np.sum(xlogy(Y, Y) - xlogy(Y, P) - Y + P, axis=1)
    else:
        raise AssertionError(loss)
    penalty = sum(np.sum(W ** 2) for W, _ in np_unpack(params, sizes))
    return float(np.sum(sw * per) / norm + 0.5 * alpha * penalty / norm)


def _act_rounding(name, dtype):
    """Rounding of one activation evaluation, relative to its value: a few ulps
    for libm-style functions (Numba's and NumPy's may differ by ulps); the
    logistic is cpu.fast_logistic, documented relative error below 1e-13."""
    eps = np.finfo(dtype).eps
    return max(4 * eps, 1e-13) if name == "logistic" else 4 * eps


def forward_error_bound(params, sizes, hidden, out, X, dtype, keep=None, drop_rate=0.0):
    """Elementwise bound on |computed - exact| of the network's outputs computed
    in ``dtype``, in any summation order (the reasoning of _assert_gemm_close).

    Layer by layer, with A the exact input, E its error bound, k the fan-in:
      Z = A @ W + b:  |dZ| <= (k + 1) eps (|A| @ |W| + |b|) + E @ |W|
      a = f(Z):       |da| <= Lip(f) |dZ| + rounding(f) |a|, Lip(f) <= 1 for
                      every hidden activation here (logistic 1/4, others 1)
      softmax:        |dp_j| <= p_j (|dz_j| + max_k |dz_k|) + (n + 3) eps p_j
      exp:            |dp| <= p (exp(|dz|) - 1) + 4 eps p
    eps is the machine epsilon of ``dtype`` (twice the unit roundoff, so the
    bound also covers a float64 reference's own error)."""
    eps = np.finfo(dtype).eps
    A = X.astype(np.float64)
    E = np.zeros_like(A)
    layers = np_unpack(params.astype(np.float64), sizes)
    for i, (W, b) in enumerate(layers):
        name = out if i == len(layers) - 1 else hidden
        Z = A @ W + b
        dZ = (W.shape[0] + 1) * eps * (np.abs(A) @ np.abs(W) + np.abs(b)) + E @ np.abs(W)
        A = np_activation(name, Z)
        if name == "softmax":
            E = A * (dZ + dZ.max(axis=1, keepdims=True)) + (A.shape[1] + 3) * eps * A
        elif name == "exp":
            E = A * np.expm1(dZ) + 4 * eps * A
        else:
            E = dZ + _act_rounding(name, dtype) * np.abs(A)
        if keep is not None and i < len(layers) - 1:  # inverted dropout: one more rounding
            A = np.where(keep[i], A / (1.0 - drop_rate), 0.0)
            E = np.where(keep[i], E / (1.0 - drop_rate) + eps * np.abs(A), 0.0)
    return E


def loss_error_bound(loss, Y, P, dP, sw, params, norm=None):
    """First-order bound on a loss's error caused by output errors dP, plus the
    rounding of its sums (n terms: n eps times the sum of the terms' sizes)."""
    eps = np.finfo(np.float64).eps
    norm = sw.sum() if norm is None else norm
    if loss == "squared_error":
        dl = np.abs(P - Y) / Y.shape[1]
        terms = 0.5 * (Y - P) ** 2 / Y.shape[1]
    elif loss == "log_loss":
        dl = Y / P
        terms = np.abs(xlogy(Y, P))
    elif loss == "binary_log_loss":
        dl = Y / P + (1 - Y) / (1 - P)
        terms = np.abs(xlogy(Y, P)) + np.abs(xlogy(1 - Y, 1 - P))
    else:
        dl = np.abs(1 - Y / P)
        terms = np.abs(xlogy(Y, Y)) + np.abs(xlogy(Y, P)) + Y + P
    first_order = np.sum(sw[:, None] * dl * dP) / norm
    n_terms = Y.size + params.size + 8
    return first_order + n_terms * eps * (np.sum(sw[:, None] * terms) / norm
                                          + np.sum(params ** 2))


def make_problem(out, loss, n=13, sizes=(4, 6, 5, 3), dtype=np.float64, seed=0):
    rng = np.random.RandomState(seed)
    sizes = list(sizes)
    if out == "logistic":
        sizes[-1] = 2
    X = rng.normal(size=(n, sizes[0])).astype(dtype)
    if loss == "squared_error":
        Y = rng.normal(size=(n, sizes[-1]))
    elif loss == "log_loss":
        Y = np.eye(sizes[-1])[rng.randint(0, sizes[-1], n)]
    elif loss == "binary_log_loss":
        Y = (rng.rand(n, sizes[-1]) > 0.5).astype(float)
    else:
        Y = rng.poisson(2.0, size=(n, sizes[-1])).astype(float)
    _, _, n_params = _layout(sizes)
    params = (rng.normal(scale=0.5, size=n_params)).astype(dtype)
    sw = rng.uniform(0.5, 2.0, size=n).astype(dtype)
    return sizes, X, np.ascontiguousarray(Y, dtype=dtype), params, sw


def kernel_loss_grad(params, sizes, hidden, out, loss, X, Y, sw, alpha):
    w_off, b_off, _ = _layout(sizes)
    n = X.shape[0]
    ws = _Workspace(sizes, n, X.dtype, 0.0)
    grad = np.empty_like(params)
    gtmp = np.empty_like(params)
    value = cpu.full_loss_grad(
        params, grad, gtmp, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off,
        HIDDEN_ACTIVATIONS[hidden], OUTPUT_ACTIVATIONS[out], LOSSES[loss], X, Y, sw,
        np.arange(n, dtype=np.int64), 5, alpha, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
        ws.delta_buf, ws.mask_buf,
    )
    return value, grad


@pytest.mark.parametrize("hidden", sorted(HIDDEN_ACTIVATIONS))
@pytest.mark.parametrize("out,loss", OUTPUT_LOSS)
def test_gradient_matches_finite_differences(hidden, out, loss):
    sizes, X, Y, params, sw = make_problem(out, loss)
    alpha = 0.3
    value, grad = kernel_loss_grad(params, sizes, hidden, out, loss, X, Y, sw, alpha)
    P = np_forward(params, sizes, hidden, out, X)
    dP = forward_error_bound(params, sizes, hidden, out, X, np.float64)
    ref = np_loss(loss, Y, P, sw, params, sizes, alpha)
    assert abs(value - ref) <= loss_error_bound(loss, Y, P, dP, sw, params)
    # central differences: truncation h**2 / 6 * (third derivative) ~ 1e-12 and
    # rounding eps * |f| / h ~ 2e-9 for |f| ~ 10, far under the tolerance below
    h = 1e-6
    num = np.empty_like(params)
    for j in range(params.size):
        p1 = params.copy()
        p1[j] += h
        p2 = params.copy()
        p2[j] -= h
        num[j] = (kernel_loss_grad(p1, sizes, hidden, out, loss, X, Y, sw, alpha)[0]
                  - kernel_loss_grad(p2, sizes, hidden, out, loss, X, Y, sw, alpha)[0]) / (2 * h)
    np.testing.assert_allclose(grad, num, rtol=1e-5, atol=1e-7)


def kernel_batch_loss_grad(params, sizes, hidden, out, loss, X, Y, sw, alpha,
                           drop_rate=0.0, seed=0, counter=0):
    """One minibatch step's loss and gradient (cpu.batch_loss_grad, as
    train_epoch calls it: norm = the batch's sample-weight sum), and the
    dropout mask of each hidden layer."""
    w_off, b_off, _ = _layout(sizes)
    n = X.shape[0]
    ws = _Workspace(sizes, n, X.dtype, drop_rate)
    grad = np.empty_like(params)
    value = cpu.batch_loss_grad(
        params, grad, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off,
        HIDDEN_ACTIVATIONS[hidden], OUTPUT_ACTIVATIONS[out], LOSSES[loss],
        np.ascontiguousarray(X).ravel(), np.ascontiguousarray(Y).ravel(), sw.copy(), n,
        float(sw.sum()), alpha, ws.act_buf, ws.delta_buf, drop_rate, ws.mask_buf, seed,
        np.uint64(counter))
    masks = None
    if drop_rate > 0:
        masks = [ws.mask_buf[ws.a_off[i]: ws.a_off[i] + n * sizes[i]].reshape(n, sizes[i]).copy()
                 for i in range(1, len(sizes) - 1)]
    return value, grad, masks


def np_numeric_grad(f, params, h=1e-6):
    """Central differences of f: truncation h**2 / 6 times the third derivative
    (~1e-12 here) plus rounding eps * |f| / h (~2e-9 for |f| ~ 10)."""
    num = np.empty_like(params)
    for j in range(params.size):
        p1 = params.copy()
        p1[j] += h
        p2 = params.copy()
        p2[j] -= h
        num[j] = (f(p1) - f(p2)) / (2 * h)
    return num


@pytest.mark.parametrize("hidden", ["tanh", "relu", "logistic"])
@pytest.mark.parametrize("out,loss", OUTPUT_LOSS)
def test_minibatch_gradient_with_l2_matches_numpy_reference(hidden, out, loss):
    """The minibatch path (train_epoch's batch_loss_grad) with alpha > 0: loss =
    weighted data loss / (batch weight sum) + 0.5 alpha |W|^2 / (batch weight
    sum), the penalty scaled by the batch as scikit-learn does; the gradient is
    that function's (central differences of the NumPy reference, not of the
    kernel)."""
    sizes, X, Y, params, sw = make_problem(out, loss)
    alpha = 0.7
    value, grad, _ = kernel_batch_loss_grad(params, sizes, hidden, out, loss, X, Y, sw, alpha)
    P = np_forward(params, sizes, hidden, out, X)
    dP = forward_error_bound(params, sizes, hidden, out, X, np.float64)
    assert abs(value - np_loss(loss, Y, P, sw, params, sizes, alpha)) <= \
        loss_error_bound(loss, Y, P, dP, sw, params)
    num = np_numeric_grad(
        lambda q: np_loss(loss, Y, np_forward(q, sizes, hidden, out, X), sw, q, sizes, alpha),
        params)
    np.testing.assert_allclose(grad, num, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("hidden", ["tanh", "relu"])
@pytest.mark.parametrize("out,loss", [("softmax", "log_loss"), ("identity", "squared_error")])
def test_dropout_step_matches_numpy_inverted_dropout(hidden, out, loss):
    """A training step with dropout: the kernel drops units with its own random
    stream (the keep pattern is read back from its mask buffer) and must scale
    the kept ones by 1 / (1 - p), so that each unit's expected output is
    unchanged. The NumPy reference applies that scaling itself, from the keep
    pattern alone."""
    p = 0.4
    sizes, X, Y, params, sw = make_problem(out, loss, n=40, sizes=(4, 16, 12, 3))
    value, grad, masks = kernel_batch_loss_grad(params, sizes, hidden, out, loss, X, Y, sw,
                                                0.1, drop_rate=p, seed=11, counter=5)
    keep = [m != 0 for m in masks]
    frac = np.mean(np.concatenate([k.ravel() for k in keep]))
    n_units = sum(k.size for k in keep)
    assert abs(frac - (1 - p)) < 5 * np.sqrt(p * (1 - p) / n_units)  # 5 sigma
    # the same (seed, counter) drops the same units
    again = kernel_batch_loss_grad(params, sizes, hidden, out, loss, X, Y, sw, 0.1,
                                   drop_rate=p, seed=11, counter=5)
    assert again[0] == value and all(np.array_equal(a, b) for a, b in zip(again[2], masks))

    def ref_loss(q):
        return np_loss(loss, Y, np_forward(q, sizes, hidden, out, X, keep, p), sw, q, sizes, 0.1)

    P = np_forward(params, sizes, hidden, out, X, keep, p)
    dP = forward_error_bound(params, sizes, hidden, out, X, np.float64, keep, p)
    assert abs(value - ref_loss(params)) <= loss_error_bound(loss, Y, P, dP, sw, params)
    np.testing.assert_allclose(grad, np_numeric_grad(ref_loss, params), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("hidden", sorted(HIDDEN_ACTIVATIONS))
@pytest.mark.parametrize("out", ["identity", "logistic", "softmax", "exp"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_predict_forward_matches_numpy(hidden, out, dtype):
    sizes, X, _, params, _ = make_problem("identity", "squared_error", n=37, dtype=dtype)
    w_off, b_off, _ = _layout(sizes)
    ws = _Workspace(sizes, 8, dtype, 0.0)
    res = np.empty((X.shape[0], sizes[-1]), dtype=dtype)
    cpu.predict_forward(params, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off,
                        HIDDEN_ACTIVATIONS[hidden], OUTPUT_ACTIVATIONS[out], X, res, 8,
                        ws.xbuf, ws.act_buf)
    ref = np_forward(params.astype(np.float64), sizes, hidden, out, X.astype(np.float64))
    bound = forward_error_bound(params, sizes, hidden, out, X, dtype)
    err = np.abs(res - ref)
    assert np.all(err <= bound), (err - bound).max()
    assert res.dtype == dtype


def _assert_gemm_close(out, a, b):
    """Elementwise forward-error bound for a dot product of length k computed in
    any summation order (BLAS builds differ in blocking and FMA use): each of the
    two results is within k * u * (|a| @ |b|) of the exact value (u = eps / 2), so
    they differ by at most 2 * k * u * (|a| @ |b|) = k * eps * (|a| @ |b|).
    A relative tolerance is wrong here: entries near cancellation have large
    relative error in every correct implementation."""
    ref = a @ b
    k = a.shape[1]
    bound = k * np.finfo(a.dtype).eps * (np.abs(a) @ np.abs(b))
    err = np.abs(out - ref)
    assert np.all(err <= bound), (err - bound).max()


@pytest.mark.parametrize("shape", [(3, 4, 5), (40, 30, 20)])  # loops and BLAS paths
def test_gemm_helpers(shape):
    m, k, n = shape
    rng = np.random.RandomState(1)
    a = rng.normal(size=(m, k))
    b = rng.normal(size=(k, n))
    out = np.empty((m, n))
    cpu.gemm_nn(a, b, out)
    _assert_gemm_close(out, a, b)
    c = rng.normal(size=(m, n))
    out2 = np.empty((k, n))
    cpu.gemm_tn(a, c, out2)
    _assert_gemm_close(out2, a.T, c)
    out3 = np.empty((m, k))
    cpu.gemm_nt(c, b, out3)
    _assert_gemm_close(out3, c, b.T)
    # a wrong product (one transposition missed) must fail the bound
    with pytest.raises(AssertionError):
        _assert_gemm_close(out3 + 1e-3 * np.abs(out3).max(), c, b.T)


def _np_update(name, p, g, state, t, lr, hyper):
    mom, nest, b1, b2, eps, rho = hyper
    p = p.copy()
    if name == "sgd":
        v = mom * state[0] - lr * g
        state[0] = v
        p += mom * v - lr * g if nest else v
    elif name == "adam":
        state[0] = b1 * state[0] + (1 - b1) * g
        state[1] = b2 * state[1] + (1 - b2) * g * g
        p -= lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t) * state[0] / (np.sqrt(state[1]) + eps)
    elif name == "rmsprop":
        state[0] = rho * state[0] + (1 - rho) * g * g
        p -= lr * g / (np.sqrt(state[0]) + eps)
    elif name == "adagrad":
        state[0] += g * g
        p -= lr * g / (np.sqrt(state[0]) + eps)
    elif name == "adadelta":
        state[0] = rho * state[0] + (1 - rho) * g * g
        step = np.sqrt(state[1] + eps) / np.sqrt(state[0] + eps) * g
        state[1] = rho * state[1] + (1 - rho) * step * step
        p -= lr * step
    elif name == "adamax":
        state[0] = b1 * state[0] + (1 - b1) * g
        state[1] = np.maximum(b2 * state[1], np.abs(g))
        p -= lr / (1 - b1 ** t) * state[0] / (state[1] + eps)
    elif name == "nadam":
        state[0] = b1 * state[0] + (1 - b1) * g
        state[1] = b2 * state[1] + (1 - b2) * g * g
        m_hat = b1 * state[0] / (1 - b1 ** (t + 1)) + (1 - b1) * g / (1 - b1 ** t)
        p -= lr * m_hat / (np.sqrt(state[1] / (1 - b2 ** t)) + eps)
    return p


@pytest.mark.parametrize("name", ["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamax", "nadam"])
@pytest.mark.parametrize("nesterov", [0.0, 1.0])
def test_update_rules_match_numpy(name, nesterov):
    from skneural._engine import GRADIENT_CODES

    rng = np.random.RandomState(2)
    p = rng.normal(size=17)
    hyper = np.array([0.8, nesterov, 0.9, 0.99, 1e-7, 0.85])
    state = np.zeros((2, 17))
    ref_state = np.zeros((2, 17))
    ref = p.copy()
    for t in range(1, 6):
        g = rng.normal(size=17)
        cpu.update_params(GRADIENT_CODES[name], p, g, state, hyper, 0.01, t)
        ref = _np_update(name, ref, g, ref_state, t, 0.01, hyper)
    np.testing.assert_allclose(p, ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(state, ref_state, rtol=1e-12, atol=1e-14)


def test_shuffle_is_a_seeded_permutation():
    a = np.arange(50, dtype=np.int64)
    b = np.arange(50, dtype=np.int64)
    cpu.shuffle_inplace(a, 7, 3)
    cpu.shuffle_inplace(b, 7, 3)
    assert np.array_equal(a, b)
    assert sorted(a) == list(range(50))
    assert not np.array_equal(a, np.arange(50))
    c = np.arange(50, dtype=np.int64)
    cpu.shuffle_inplace(c, 7, 4)
    assert not np.array_equal(a, c)


def test_numba_cache_is_dropped_when_any_kernel_source_changes(tmp_path):
    """snns.py inlines cpu.py: an edit of cpu.py must invalidate every cache file."""
    from skneural._kernels import refresh_numba_cache

    (tmp_path / "cpu.py").write_text("x = 1\n")
    (tmp_path / "snns.py").write_text("y = 2\n")
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    for name in ("snns.snns_train_epoch-1.py311.nbi", "snns.snns_train_epoch-1.py311.1.nbc"):
        (cache / name).write_bytes(b"old")
    assert refresh_numba_cache(str(tmp_path)) is True      # first sight: no stamp
    assert not list(cache.glob("*.nb?"))
    (cache / "snns.f-1.py311.nbi").write_bytes(b"fresh")
    assert refresh_numba_cache(str(tmp_path)) is False      # unchanged sources: kept
    assert (cache / "snns.f-1.py311.nbi").exists()
    (tmp_path / "cpu.py").write_text("x = 3\n")              # edit the other module
    assert refresh_numba_cache(str(tmp_path)) is True
    assert not (cache / "snns.f-1.py311.nbi").exists()
