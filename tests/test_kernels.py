"""The compiled MLP kernels against plain NumPy, and finite-difference gradients."""

import numpy as np
import pytest

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


def np_forward(params, sizes, hidden, out, X):
    w_off, b_off, _ = _layout(sizes)
    a = X
    for i in range(len(sizes) - 1):
        W = params[w_off[i]: w_off[i] + sizes[i] * sizes[i + 1]].reshape(sizes[i], sizes[i + 1])
        b = params[b_off[i]: b_off[i] + sizes[i + 1]]
        a = np_activation(out if i == len(sizes) - 2 else hidden, a @ W + b)
    return a


def np_loss(loss, Y, P, sw, params, sizes, alpha):
    eps = np.finfo(P.dtype).eps
    if loss == "squared_error":
        per = 0.5 * ((Y - P) ** 2).mean(axis=1)
    elif loss == "log_loss":
        per = -(Y * np.log(np.clip(P, eps, 1 - eps))).sum(axis=1)
    elif loss == "binary_log_loss":
        Pc = np.clip(P, eps, 1 - eps)
        per = -(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)).sum(axis=1)
    else:
        per = (np.where(Y > 0, Y * np.log(np.where(Y > 0, Y, 1) / P), 0) - Y + P).sum(axis=1)
    w_off, b_off, _ = _layout(sizes)
    pen = sum(float(np.sum(params[w_off[i]:b_off[i]] ** 2)) for i in range(len(sizes) - 1))
    return float(np.sum(sw * per) / sw.sum() + 0.5 * alpha * pen / sw.sum())


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
    assert value == pytest.approx(np_loss(loss, Y, P, sw, params, sizes, alpha), rel=1e-10)
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
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(res, ref, rtol=tol, atol=tol)
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
    from skneural._optimizers import STOCHASTIC_SOLVERS

    rng = np.random.RandomState(2)
    p = rng.normal(size=17)
    hyper = np.array([0.8, nesterov, 0.9, 0.99, 1e-7, 0.85])
    state = np.zeros((2, 17))
    ref_state = np.zeros((2, 17))
    ref = p.copy()
    for t in range(1, 6):
        g = rng.normal(size=17)
        cpu.update_params(STOCHASTIC_SOLVERS[name], p, g, state, hyper, 0.01, t)
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
