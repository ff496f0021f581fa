import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # noqa: E401,E702

import itertools
import warnings
import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.utils.estimator_checks import parametrize_with_checks

from skneural._kernels import rbm_cpu as K
from skneural._rbm import BernoulliRBM

# sklearn's common checks feed data such as 3 * uniform or make_blobs, outside
# [0, 1]; Bernoulli visible units reject it by design (ValueError).  The same
# checks all pass on the Gaussian-visible instance, which runs the same code
# paths; tests below repeat the important ones on [0, 1] data for Bernoulli.
_RANGE = "check data lies outside [0, 1], which Bernoulli visible units reject"
_BERNOULLI_XFAIL = {
    name: _RANGE
    for name in [
        "check_estimators_overwrite_params", "check_dont_overwrite_parameters",
        "check_estimators_fit_returns_self", "check_readonly_memmap_input",
        "check_n_features_in_after_fitting", "check_positive_only_tag_during_fit",
        "check_estimators_dtypes", "check_pipeline_consistency",
        "check_estimators_pickle", "check_f_contiguous_array_estimator",
        "check_transformer_data_not_an_array", "check_transformer_general",
        "check_transformer_preserve_dtypes", "check_methods_sample_order_invariance",
        "check_methods_subset_invariance", "check_fit2d_1sample",
        "check_fit2d_1feature", "check_dict_unchanged", "check_fit_idempotent",
        "check_fit_check_is_fitted", "check_n_features_in", "check_fit2d_predict1d",
    ]
}


def _expected_failed(est):
    return _BERNOULLI_XFAIL if est.visible_unit == "bernoulli" else {}


@parametrize_with_checks(
    [BernoulliRBM(), BernoulliRBM(visible_unit="gaussian")],
    expected_failed_checks=_expected_failed,
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def _binary(n=40, d=6, seed=0, dtype=np.float64):
    return (np.random.RandomState(seed).rand(n, d) > 0.5).astype(dtype)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


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
    # binary rows take the kernel's sparse path, real-valued rows the GEMM path
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
    np.testing.assert_allclose(got, _sigmoid(x), rtol=1e-7)


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
    np.testing.assert_allclose(F_k, F, rtol=1e-12, atol=1e-12)
    logZ = np.logaddexp.reduce(-F_k)
    np.testing.assert_allclose(-F_k - logZ, logp, rtol=1e-12, atol=1e-12)
    assert np.isclose(np.exp(logp).sum(), 1.0)


def test_pseudo_likelihood_brute_force():
    W, b, c = _params()
    V, F, logp = _enumerate_rbm(W, b, c)
    idx = {tuple(v): n for n, v in enumerate(V.astype(int))}
    expected = np.zeros(len(V))
    for n, v in enumerate(V.astype(int)):
        for i in range(len(v)):
            w = v.copy()
            w[i] = 1 - w[i]
            expected[n] += logp[n] - np.logaddexp(logp[n], logp[idx[tuple(w)]])
    np.testing.assert_allclose(_fitted(W, b, c).score_samples(V), expected, rtol=1e-10)


def test_gaussian_free_energy():
    W, b, c = _params()
    V = np.random.RandomState(0).randn(7, 6)
    expected = 0.5 * ((V - b) ** 2).sum(1) - np.logaddexp(0, V @ W.T + c).sum(1)
    np.testing.assert_allclose(K.rbm_free_energy(V, W, b, c, True), expected, rtol=1e-12)


# ----------------------------------------------------------------------------
# estimator behaviour
# ----------------------------------------------------------------------------
def test_transform_matches_sigmoid():
    X = _binary(30, 6)
    rbm = BernoulliRBM(n_components=5, n_iter=3, random_state=0).fit(X)
    expected = _sigmoid(X @ rbm.components_.T + rbm.intercept_hidden_)
    np.testing.assert_allclose(rbm.transform(X), expected, rtol=1e-12)
    np.testing.assert_allclose(rbm.fit_transform(X), expected, rtol=1e-12)
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
    np.testing.assert_allclose(rbm.score_samples(X[perm]), s[perm], rtol=1e-12)
    np.testing.assert_allclose(rbm.score_samples(X[:7]), s[:7], rtol=1e-12)
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
    (np.array([[0.0, 2.0], [1.0, 0.0]]), r"\[0, 1\]"),
    (np.array([[0.0, -1.0], [1.0, 0.0]]), "Negative values"),
    (np.array([[0.0, np.nan], [1.0, 0.0]]), "NaN"),
    (np.array([[0.0, np.inf], [1.0, 0.0]]), "infinity"),
    (np.array([["a", "b"], ["c", "d"]]), "could not convert|dtype"),
    (np.zeros((0, 3)), "0 sample"),
    (np.zeros((2, 2, 2)), "3"),
])
def test_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        BernoulliRBM(n_components=2).fit(X)


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
