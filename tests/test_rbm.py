import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # noqa: E401,E702

import itertools
import warnings
import pickle

import numpy as np
import pytest
import scipy.sparse as sp

from skneural._kernels import rbm_cpu as K
from skneural._rbm import BernoulliRangeWarning, BernoulliRBM

def _binary(n=40, d=6, seed=0, dtype=np.float64):
    return (np.random.RandomState(seed).rand(n, d) > 0.5).astype(dtype)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# ----------------------------------------------------------------------------
# error bounds (float64).  BLAS builds (numpy 1.26 vs 2.x OpenBLAS, MKL) sum a
# dot product in different orders, so results that go through a GEMM are
# compared with forward-error bounds, not a bare rtol.
# ----------------------------------------------------------------------------
_EPS = np.finfo(np.float64).eps


def _dot_bound(A, B):
    """Two computations of A @ B differ elementwise by at most k * eps * (|A| @ |B|).

    Each is within k * u * (|A| @ |B|) of the exact product (k the inner
    dimension, u = eps / 2), whatever the summation order.
    """
    return A.shape[1] * _EPS * (np.abs(A) @ np.abs(B))


def _energy_scale(V, W, b, c):
    """|v|.|b| + sum_j (|c_j| + |v|.|W_j| + log 2): bounds every partial sum of
    the energy -E(v, h) for any h in {0, 1}^H and every softplus term of F(v)."""
    return np.abs(V) @ np.abs(b) + (np.abs(c) + np.abs(V) @ np.abs(W).T + np.log(2)).sum(1)


def _free_energy_bound(V, W, b, c):
    """Bound on |F_kernel(v) - F_brute_force(v)| (Bernoulli units).

    Kernel: one GEMM of length D, D products v.b, H softplus terms.  Brute
    force: -E(v, h) sums D + H + 2 terms, then logaddexp reduces 2^H terms
    (a few roundings of the running result each).  With S = _energy_scale,
    each side is within (D + H + 3 * 2^H + 4) * u * S of exact F (first order;
    softplus and logaddexp have derivatives of at most 1), so the two differ
    by at most (D + H + 3 * 2^H + 4) * eps * S.
    """
    H, D = W.shape
    return (D + H + 3 * 2 ** H + 4) * _EPS * _energy_scale(V, W, b, c)


def _log_prob_bound(V, F, W, b, c):
    """Bound on |log P_kernel(v) - log P_brute_force(v)|, log P = -F - log Z.

    log Z = logaddexp over the 2^D rows of -F: it moves by at most max |dF|,
    plus 3 roundings of the running result (<= max |F| + D) per term.
    """
    tol_F = _free_energy_bound(V, W, b, c)
    return tol_F + tol_F.max() + 3 * len(V) * _EPS * (np.abs(F).max() + V.shape[1])


def _params(d=6, h=4, seed=1, dtype=np.float64):
    rng = np.random.RandomState(seed)
    return (rng.normal(0, 0.5, (h, d)).astype(dtype), rng.normal(0, 0.5, d).astype(dtype),
            rng.normal(0, 0.5, h).astype(dtype))


def _run_epoch(X, W, b, c, chain, seed, k, persistent, lr, batch_size):
    vel = (np.zeros_like(W), np.zeros_like(b), np.zeros_like(c))
    K.rbm_train_epoch(X, np.arange(X.shape[0]), W, b, c, chain, *vel, np.zeros_like(c),
                      np.uint64(seed), 0, batch_size, k, persistent, False, lr, 0.0, 0.0,
                      0.0, 0.0)


# ----------------------------------------------------------------------------
# kernels against NumPy references using the same random streams
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("data", ["binary", "real"])
def test_cd1_update_matches_numpy_reference(data):
    # binary and real-valued rows (both go through the GEMM path)
    X = _binary(8, 6)
    if data == "real":
        X = np.random.RandomState(5).rand(8, 6)
    W, b, c = _params()
    seed, lr = 123, 0.05
    W1, b1, c1 = W.copy(), b.copy(), c.copy()
    _run_epoch(X, W1, b1, c1, np.zeros((8, 4)), seed, 1, False, lr, 8)

    m, (H, D) = X.shape[0], W.shape
    h_pos = _sigmoid(X @ W.T + c)
    h0 = (K.rbm_uniform_block(np.uint64(seed), 0, 0, m, H) < h_pos).astype(float)
    v_neg = (K.rbm_uniform_block(np.uint64(seed), 0, 1, m, D) < _sigmoid(h0 @ W + b)) * 1.0
    h_neg = _sigmoid(v_neg @ W.T + c)
    dW = (h_pos.T @ X - h_neg.T @ v_neg) / m
    np.testing.assert_allclose(W1, W + lr * dW, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(b1, b + lr * (X - v_neg).mean(0), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(c1, c + lr * (h_pos - h_neg).mean(0), rtol=1e-6, atol=1e-9)


def test_pcd1_update_and_chain_match_numpy_reference():
    # sklearn's algorithm: chain of batch_size hidden samples, starting at 0
    X = _binary(5, 6, seed=3)
    W, b, c = _params(seed=4)
    seed, lr, bs = 7, 0.1, 5
    chain = np.zeros((bs, 4))
    W1, b1, c1 = W.copy(), b.copy(), c.copy()
    _run_epoch(X, W1, b1, c1, chain, seed, 1, True, lr, bs)

    key = np.uint64(seed)
    h_pos = _sigmoid(X @ W.T + c)
    v_neg = (K.rbm_uniform_block(key, 0, 1, bs, 6) < _sigmoid(np.zeros((bs, 4)) @ W + b)) * 1.0
    h_neg = _sigmoid(v_neg @ W.T + c)
    np.testing.assert_allclose(W1, W + lr / bs * (h_pos.T @ X - h_neg.T @ v_neg), rtol=1e-6,
                               atol=1e-9)
    np.testing.assert_allclose(c1, c + lr / bs * (h_pos - h_neg).sum(0), rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(chain, (K.rbm_uniform_block(key, 0, 3, bs, 4) < h_neg) * 1.0)


def test_fast_sigmoid_accuracy():
    x = np.linspace(-60, 60, 2001)
    got = np.array([K.rbm_fast_sigmoid(v) for v in x])
    np.testing.assert_allclose(got, _sigmoid(x), rtol=1e-12)


def test_uniform_stream_properties():
    u = K.rbm_uniform_block(np.uint64(1), 0, 0, 200, 100)
    assert 0.0 <= u.min() and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.01
    assert not np.array_equal(u, K.rbm_uniform_block(np.uint64(1), 0, 1, 200, 100))


# ----------------------------------------------------------------------------
# exact quantities against brute-force enumeration (6 visible, 4 hidden)
# ----------------------------------------------------------------------------
def _enumerate_rbm(W, b, c):
    V = np.array(list(itertools.product([0, 1], repeat=W.shape[1])), dtype=float)
    Hh = np.array(list(itertools.product([0, 1], repeat=W.shape[0])), dtype=float)
    neg_E = (V @ b)[:, None] + (Hh @ c)[None, :] + V @ W.T @ Hh.T   # (2^D, 2^H)
    F = -np.logaddexp.reduce(neg_E, axis=1)
    return V, F, -F - np.logaddexp.reduce(-F)                      # log P(v)


def _fitted(W, b, c):
    rbm = BernoulliRBM(n_components=W.shape[0]).fit(_binary(4, W.shape[1]))
    rbm.components_, rbm.intercept_visible_, rbm.intercept_hidden_ = W, b, c
    return rbm


def test_free_energy_and_likelihood_brute_force():
    W, b, c = _params()
    V, F, logp = _enumerate_rbm(W, b, c)
    F_k = K.rbm_free_energy(V, W, b, c, False)
    assert np.all(np.abs(F_k - F) <= _free_energy_bound(V, W, b, c))
    logZ = np.logaddexp.reduce(-F_k)
    assert np.all(np.abs(-F_k - logZ - logp) <= _log_prob_bound(V, F, W, b, c))
    assert np.isclose(np.exp(logp).sum(), 1.0)


def test_pseudo_likelihood_brute_force():
    W, b, c = _params()
    V, F, logp = _enumerate_rbm(W, b, c)
    tol_logp = _log_prob_bound(V, F, W, b, c)
    idx = {tuple(v): n for n, v in enumerate(V.astype(int))}
    expected, tol = np.zeros(len(V)), np.zeros(len(V))
    for n, v in enumerate(V.astype(int)):
        for i in range(len(v)):
            w = v.copy()
            w[i] = 1 - w[i]
            m = idx[tuple(w)]
            expected[n] += logp[n] - np.logaddexp(logp[n], logp[m])
            # log sigmoid(log P(v) - log P(v~)) has slope <= 1 in each log P,
            # and the kernel's F(v), F(v~) obey the same bound as log P; the
            # 4 eps cover the logaddexp and the running sum
            tol[n] += 2 * (tol_logp[n] + tol_logp[m]) + 4 * _EPS * abs(expected[n])
    got = _fitted(W, b, c).score_samples(V)
    assert np.all(np.abs(got - expected) <= tol), np.max(np.abs(got - expected) / tol)


def test_gaussian_free_energy():
    W, b, c = _params()
    V = np.random.RandomState(0).randn(7, 6)
    quad, pre = 0.5 * ((V - b) ** 2).sum(1), V @ W.T + c
    expected = quad - np.logaddexp(0, pre).sum(1)
    # the GEMM (softplus has slope <= 1), then sums of D squares and H
    # softplus terms rounded on both sides
    H, D = W.shape
    tol = (_dot_bound(V, W.T).sum(1)
           + (D + H + 4) * _EPS * (quad + (np.abs(pre) + np.log(2)).sum(1)))
    assert np.all(np.abs(K.rbm_free_energy(V, W, b, c, True) - expected) <= tol)


# ----------------------------------------------------------------------------
# estimator behaviour
# ----------------------------------------------------------------------------
def test_transform_matches_sigmoid():
    X = _binary(30, 6)
    rbm = BernoulliRBM(n_components=5, n_iter=3, random_state=0).fit(X)
    W, c = rbm.components_, rbm.intercept_hidden_
    pre = X @ W.T + c
    expected = _sigmoid(pre)
    # sigmoid' <= 1/4: the GEMM's and the bias addition's errors shrink by 4;
    # the logistic itself (exp, add, divide) costs a few eps of a value <= 1
    tol = 0.25 * (_dot_bound(X, W.T) + _EPS * (np.abs(pre) + np.abs(c))) + 4 * _EPS
    assert np.all(np.abs(rbm.transform(X) - expected) <= tol)
    assert np.all(np.abs(rbm.fit_transform(X) - expected) <= tol)
    assert rbm.get_feature_names_out().tolist() == [f"bernoullirbm{i}" for i in range(5)]


def test_float32_preserved_and_agrees_with_float64():
    X = _binary(60, 8)
    kw = dict(n_components=5, n_iter=3, random_state=0, learning_rate=0.05)
    r64 = BernoulliRBM(**kw).fit(X)
    r32 = BernoulliRBM(**kw).fit(X.astype(np.float32))
    for name in ("components_", "intercept_hidden_", "intercept_visible_", "h_samples_"):
        assert getattr(r32, name).dtype == np.float32
    assert r32.transform(X.astype(np.float32)).dtype == np.float32
    np.testing.assert_allclose(r32.components_, r64.components_, atol=1e-4)
    np.testing.assert_allclose(r32.score_samples(X), r64.score_samples(X), rtol=1e-4)


@pytest.mark.parametrize("kw", [{}, dict(shuffle=True, k=2, momentum=0.5, weight_decay=1e-3,
                                         sparsity_target=0.1),
                                dict(persistent=False, visible_unit="gaussian")])
def test_reproducible_bit_for_bit(kw):
    X = _binary(47, 6)
    a = BernoulliRBM(n_components=4, n_iter=3, random_state=3, **kw).fit(X)
    b = BernoulliRBM(n_components=4, n_iter=3, random_state=3, **kw).fit(X)
    for name in ("components_", "intercept_hidden_", "intercept_visible_", "h_samples_"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    c = BernoulliRBM(n_components=4, n_iter=3, random_state=4, **kw).fit(X)
    assert not np.array_equal(a.components_, c.components_)
    np.testing.assert_array_equal(a.gibbs(X), b.gibbs(X))


def test_initial_weights_match_sklearn():
    from sklearn.neural_network import BernoulliRBM as SkRBM
    X = _binary(10, 6)
    ours = BernoulliRBM(n_components=3, n_iter=0, random_state=0).fit(X)
    theirs = SkRBM(n_components=3, n_iter=0, random_state=0).fit(X)
    np.testing.assert_array_equal(ours.components_, theirs.components_)


def test_partial_fit_returns_self_and_learns():
    X = _binary(20, 6)
    rbm = BernoulliRBM(n_components=3, batch_size=5, random_state=0)
    assert rbm.partial_fit(X) is rbm
    assert rbm.components_.shape == (3, 6) and rbm.h_samples_.shape == (5, 3)
    w = rbm.components_.copy()
    assert rbm.partial_fit(X.astype(np.float32)) is rbm
    assert rbm.components_.dtype == np.float64 and not np.array_equal(w, rbm.components_)


def test_score_samples_deterministic_and_invariant():
    X = _binary(30, 6)
    rbm = BernoulliRBM(n_components=4, n_iter=2, random_state=0).fit(X)
    s = rbm.score_samples(X)
    np.testing.assert_array_equal(s, rbm.score_samples(X))
    perm = np.random.RandomState(0).permutation(30)
    # only the GEMM X @ W.T may change with the row's position or the number
    # of rows (BLAS blocking); the pseudo-likelihood, a sum over D features of
    # log sigmoid(dF_i), moves by at most D times the sum of its H errors
    tol = X.shape[1] * _dot_bound(X, rbm.components_.T).sum(1)
    assert np.all(np.abs(rbm.score_samples(X[perm]) - s[perm]) <= tol[perm])
    assert np.all(np.abs(rbm.score_samples(X[:7]) - s[:7]) <= tol[:7])
    assert np.all(s < 0)


def test_learns_digits_better_than_init():
    from sklearn.datasets import load_digits
    X = load_digits().data[:300] / 16.0
    rbm = BernoulliRBM(n_components=20, n_iter=0, random_state=0).fit(X)
    before = rbm.score_samples(X).mean()
    rbm.set_params(n_iter=5, learning_rate=0.05).fit(X)
    assert rbm.score_samples(X).mean() > before + 5


def test_gaussian_visible_reconstruction_improves():
    rng = np.random.RandomState(0)
    Z = rng.randn(300, 3)
    X = Z @ rng.randn(3, 8) + 0.1 * rng.randn(300, 8)
    X = (X - X.mean(0)) / X.std(0)
    kw = dict(n_components=16, visible_unit="gaussian", learning_rate=0.01, batch_size=20,
              persistent=False, random_state=0)
    errs = []
    for n_iter in (0, 20):
        rbm = BernoulliRBM(n_iter=n_iter, **kw).fit(X)
        errs.append(np.mean((rbm._reconstruct(X) - X) ** 2))
    assert errs[1] < 0.7 * errs[0], errs


def test_sparse_input_equals_dense():
    X = _binary(25, 6)
    kw = dict(n_components=3, n_iter=2, random_state=0)
    a = BernoulliRBM(**kw).fit(X)
    b = BernoulliRBM(**kw).fit(sp.csr_matrix(X))
    np.testing.assert_array_equal(a.components_, b.components_)
    np.testing.assert_allclose(a.transform(sp.csr_matrix(X)), a.transform(X))


def test_pickle_round_trip():
    X = _binary(20, 6)
    rbm = BernoulliRBM(n_components=3, n_iter=2, random_state=0).fit(X)
    clone = pickle.loads(pickle.dumps(rbm))
    np.testing.assert_array_equal(clone.transform(X), rbm.transform(X))
    np.testing.assert_array_equal(clone.score_samples(X), rbm.score_samples(X))


def test_verbose_prints(capsys):
    BernoulliRBM(n_components=3, n_iter=2, verbose=1, random_state=0).fit(_binary(20, 6))
    out = capsys.readouterr().out
    assert "Iteration 2, pseudo-likelihood =" in out and "time =" in out


@pytest.mark.parametrize("X, match", [
    (np.array([[0.0, np.nan], [1.0, 0.0]]), "NaN"),
    (np.array([[0.0, np.inf], [1.0, 0.0]]), "infinity"),
    (np.array([["a", "b"], ["c", "d"]]), "could not convert|dtype"),
    (np.zeros((0, 3)), "0 sample"),
    (np.zeros((2, 2, 2)), "3"),
])
def test_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        BernoulliRBM(n_components=2).fit(X)


# sklearn's BernoulliRBM accepts any finite X; so does this one, with a warning
_OUT_OF_RANGE = [np.array([[0.0, 2.0], [1.0, 0.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])]
_RANGE_MSG = (r"visible_unit='bernoulli' expects X in \[0, 1\].*MinMaxScaler"
              r".*visible_unit='gaussian'")


@pytest.mark.parametrize("X", _OUT_OF_RANGE)
def test_out_of_range_bernoulli_data_warns(X):
    rbm = BernoulliRBM(n_components=2, n_iter=2, random_state=0)
    with pytest.warns(BernoulliRangeWarning, match=_RANGE_MSG):
        rbm.fit(X)
    for method in (rbm.partial_fit, rbm.score_samples, rbm.gibbs):
        with pytest.warns(BernoulliRangeWarning, match=_RANGE_MSG):
            method(X)
    assert issubclass(BernoulliRangeWarning, UserWarning)


def test_in_range_gaussian_and_transform_do_not_warn():
    X = _binary(10, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rbm = BernoulliRBM(n_components=2, n_iter=2, random_state=0).fit(X)
        rbm.partial_fit(X)
        rbm.score_samples(X)
        rbm.transform(3 * X - 1)  # transform takes any finite X quietly (Pipeline use)
        BernoulliRBM(n_components=2, n_iter=2, visible_unit="gaussian",
                     learning_rate=0.01).fit(3 * X - 1)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fit_outside_unit_interval_stays_finite(dtype):
    # the data sklearn's checks feed (3 * uniform, blobs) plus negatives and a
    # large scale: every quantity the kernels compute stays finite
    from sklearn.datasets import make_blobs

    rng = np.random.RandomState(0)
    for X in (3 * rng.rand(40, 5), make_blobs(40, 5, random_state=0)[0],
              -rng.rand(40, 5), 1e3 * rng.randn(40, 5)):
        X = X.astype(dtype)
        with pytest.warns(BernoulliRangeWarning):
            rbm = BernoulliRBM(n_components=4, n_iter=5, random_state=0).fit(X)
            scores, sample = rbm.score_samples(X), rbm.gibbs(X)
        assert len(rbm.history_) == 5  # no epoch was rolled back as diverged
        for values in (rbm.components_, rbm.intercept_hidden_, rbm.intercept_visible_,
                       rbm.transform(X), scores, sample):
            assert np.isfinite(values).all()


def test_integer_parameters():
    X = _binary(10, 4)
    rbm = BernoulliRBM(n_components=3.0, n_iter=2.0, batch_size=5.0, k=1.0).fit(X)
    assert rbm.components_.shape == (3, 4)
    for name in ("n_components", "n_iter", "batch_size", "k"):
        with pytest.raises(ValueError, match=name):
            BernoulliRBM(**{name: 5.5}).fit(X)


def test_devices(monkeypatch):
    from skneural import _backend

    monkeypatch.setattr(_backend, "cuda_unavailable_reason", lambda: "no GPU in this test")
    X = _binary(10, 4)
    a = BernoulliRBM(n_components=2, random_state=0, device="auto").fit(X)
    b = BernoulliRBM(n_components=2, random_state=0, device="cpu").fit(X)
    np.testing.assert_array_equal(a.components_, b.components_)
    with pytest.raises(RuntimeError, match="device='cuda'.*no GPU"):
        BernoulliRBM(device="cuda").fit(X)
    with pytest.raises(ValueError, match="device"):
        BernoulliRBM(device="tpu").fit(X)


def test_divergence_stops_with_warning_and_keeps_last_good_weights():
    # Gaussian units at the Bernoulli learning rate blow up on standardised data
    from sklearn.datasets import load_iris
    from sklearn.preprocessing import StandardScaler

    from skneural import DivergenceWarning

    X = StandardScaler().fit_transform(load_iris().data)
    rbm = BernoulliRBM(n_components=100, visible_unit="gaussian", learning_rate=0.1,
                       momentum=0.5, n_iter=10, random_state=0)
    with pytest.warns(DivergenceWarning, match="diverged in epoch 1.*Lower learning_rate"):
        rbm.fit(X)
    assert rbm.history_ == []
    # the weights are the initial ones (sklearn's N(0, 0.01) draw), not the exploded ones
    W0 = np.random.RandomState(0).normal(0, 0.01, (100, 4))
    np.testing.assert_array_equal(rbm.components_, W0)
    assert np.isfinite(rbm.transform(X)).all()
    # a stable learning rate trains without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", DivergenceWarning)
        ok = BernoulliRBM(n_components=100, visible_unit="gaussian", learning_rate=0.01,
                          momentum=0.5, n_iter=10, random_state=0).fit(X)
    err = [h["reconstruction_error"] for h in ok.history_]
    assert len(err) == 10 and max(err) < 5  # bounded (untrained: about 1)
