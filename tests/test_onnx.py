"""ONNX export (skneural.onnx): the graphs, run by onnxruntime, against the estimators.

Tolerance.  The estimators and onnxruntime evaluate the same network in the
same floating-point type; they differ in summation order and in how exp, tanh
and log are approximated.  Each side's error is bounded by the standard
forward-error analysis (Higham, Accuracy and Stability of Numerical
Algorithms, 2nd ed., section 3.1): a dot product of length n plus a bias has
error at most gamma_{n+1} (|h| @ |W| + |b|), gamma_k = k u / (1 - k u), one
more rounding (gamma_{n+2}) when the graph's weights are the float64 model's
rounded to float32; every activation is 1-Lipschitz (exp: Lipschitz exp(z))
and is evaluated within ACT_ULPS units in the last place (onnxruntime's
vectorised float32 exp/tanh/log are within a few ulps), plus ACT_ULPS u
absolutely for softplus's log(1 + t) and elu's exp(z) - 1, which round near 1.
:func:`error_bound` propagates this through the network per output element;
the two implementations may differ by twice that, and that is what every test
asserts.

The issue asks for 1e-5 on float32 inputs; that is asserted too, but it is
an observation rather than a consequence of the bound: the worst-case bound
on these problems (8 features in [0, 1], 12 hidden units) is 1e-5 to 1e-4
for small weights and up to ~7e-3 for L-BFGS's large ones, while the
differences seen are below 7e-7 (rounding errors partly cancel; the bound
assumes they never do).
"""

import numpy as np
import pytest

pytest.importorskip("skl2onnx", reason="ONNX export needs skl2onnx (pip install 'skneural[onnx]')")
pytest.importorskip("onnx", reason="ONNX export needs onnx (pip install 'skneural[onnx]')")
ort = pytest.importorskip(
    "onnxruntime", reason="the ONNX graphs are checked by running them in onnxruntime "
                          "(pip install 'skneural[onnx]')")

import skl2onnx  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import MinMaxScaler, StandardScaler  # noqa: E402

from skneural import (  # noqa: E402
    BernoulliRBM,
    DBNClassifier,
    DBNRegressor,
    MLPClassifier,
    MLPRegressor,
)
from skneural._activations import HIDDEN_ACTIVATIONS  # noqa: E402
from skneural.solvers import SOLVER_NAMES  # noqa: E402
from skneural.onnx import main_export, to_onnx  # noqa: E402

ACT_ULPS = 8
TOL = 1e-5
ALL_SOLVERS = sorted(SOLVER_NAMES)

# the activations in float64, written from their definitions (not from the kernels)
_ACT = {
    "identity": lambda z: z,
    "logistic": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0.0))),
    "softplus": lambda z: np.logaddexp(0.0, z),
    "exp": np.exp,
}


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def error_bound(coefs, intercepts, hidden_act, out_act, X, u=2.0 ** -24, rounded_weights=False):
    """Per-element forward-error bound of the network's raw output (see the module doc)."""
    h = np.abs(np.asarray(X, dtype=np.float64))
    a_signed = np.asarray(X, dtype=np.float64)
    err = np.zeros_like(h)
    extra = 2 if rounded_weights else 1
    for i, (W, b) in enumerate(zip(coefs, intercepts)):
        W = np.asarray(W, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        k = W.shape[0] + extra
        gamma = k * u / (1 - k * u)
        z = a_signed @ W + b
        err = err @ np.abs(W) + gamma * (h @ np.abs(W) + np.abs(b))
        name = out_act if i == len(coefs) - 1 else hidden_act
        a_signed = _softmax(z) if name == "softmax" else _ACT[name](z)
        if name == "exp":  # Lipschitz exp(z + err) on the interval
            err = a_signed * np.expm1(err)
        h = np.abs(a_signed)
        absolute = 1.0 if name in ("softplus", "elu") else 0.0
        err = err + ACT_ULPS * u * (h + absolute)
    return err, a_signed


def _proba_bound(est, err, P, u=2.0 ** -24):
    """Bound on predict_proba's difference from the raw-output bound ``err``."""
    if P.shape[1] == 1:  # [1 - p, p]
        e = err + u
        return np.hstack([e, e])
    if est._is_snns():  # p_i / sum_j p_j
        s = P.sum(axis=1, keepdims=True)
        return (err + P / s * err.sum(axis=1, keepdims=True)) / s + 2 * u
    return err


def run(model, X):
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    return sess.run(None, {names[0]: X})


@pytest.fixture(scope="module")
def data():
    rng = np.random.RandomState(0)
    X = rng.rand(150, 8).astype(np.float32)
    score = X @ rng.randn(8, 3)
    y = score.argmax(axis=1)
    y_reg = (score[:, 0] - score[:, 1]).astype(np.float32)
    return X, y, y_reg


def _assert_labels(labels, expected, scores, bound):
    """Equal labels, except on rows whose top two scores are closer than the bound."""
    top2 = np.sort(scores, axis=1)[:, -2:]
    clear = (top2[:, 1] - top2[:, 0]) > 2 * bound.max(axis=1)
    assert clear.mean() > 0.9
    np.testing.assert_array_equal(np.asarray(labels)[clear], np.asarray(expected)[clear])


def _check_classifier(est, X, mlp=None):
    mlp = est if mlp is None else mlp
    labels, proba = run(to_onnx(est, X[:1]), X)
    err, P = error_bound(mlp.coefs_, mlp.intercepts_, mlp.activation, mlp.out_activation_, X,
                         rounded_weights=mlp.coefs_[0].dtype != np.float32)
    bound = 2 * _proba_bound(mlp, err, P)
    expected = est.predict_proba(X)
    diff = np.abs(proba - expected)
    assert np.all(diff <= bound), diff.max()
    assert diff.max() <= TOL
    _assert_labels(labels, est.predict(X), expected, bound)
    return diff.max()


@pytest.mark.parametrize("activation", sorted(HIDDEN_ACTIVATIONS))
def test_classifier_every_activation(data, activation):
    X, y, _ = data
    est = MLPClassifier((12,), activation=activation, max_iter=20, random_state=0).fit(X, y)
    _check_classifier(est, X)


@pytest.mark.parametrize("solver", ALL_SOLVERS)
def test_classifier_every_solver(data, solver):
    # the SNNS solvers' predict_proba divides logistic outputs by their row sums
    X, y, _ = data
    est = MLPClassifier((12,), solver=solver, max_iter=10, random_state=0).fit(X, y)
    _check_classifier(est, X)


def test_per_layer_activations(data):
    X, y, _ = data
    est = MLPClassifier((12, 6), activation=["tanh", "softplus"], max_iter=20,
                        random_state=0).fit(X, y)
    labels, proba = run(to_onnx(est, X[:1]), X)
    # the float32 parity bar
    np.testing.assert_allclose(proba, est.predict_proba(X), atol=TOL)
    np.testing.assert_array_equal(labels, est.predict(X))
    swapped = MLPClassifier((12, 6), activation=["softplus", "tanh"], max_iter=20,
                            random_state=0).fit(X, y)
    swapped.coefs_, swapped.intercepts_ = est.coefs_, est.intercepts_
    assert np.abs(run(to_onnx(swapped, X[:1]), X)[1] - proba).max() > 1e-3


@pytest.mark.parametrize("solver", ["adam", "rprop"])
def test_binary_classifier_with_string_labels(data, solver):
    X, y, _ = data
    labels = np.array(["no", "yes"])[(y == 1).astype(int)]
    est = MLPClassifier((12,), solver=solver, max_iter=20, random_state=0).fit(X, labels)
    _check_classifier(est, X)


def test_float64_model_float32_graph(data):
    # the model computes in float64; the graph in float32 with rounded weights
    X, y, _ = data
    est = MLPClassifier((12,), activation="softplus", max_iter=20, random_state=0)
    est.fit(X.astype(np.float64), y)
    assert est.coefs_[0].dtype == np.float64
    _check_classifier(est, X)


@pytest.mark.parametrize("activation", sorted(HIDDEN_ACTIVATIONS))
def test_float64_graph(data, activation):
    X, y, _ = data
    X64 = X.astype(np.float64)
    est = MLPClassifier((12,), activation=activation, solver="quickprop", max_iter=20,
                        random_state=0).fit(X64, y)
    _, proba = run(to_onnx(est, X64[:1]), X64)
    err, P = error_bound(est.coefs_, est.intercepts_, est.activation, est.out_activation_, X64,
                         u=2.0 ** -53)
    diff = np.abs(proba - est.predict_proba(X64))
    assert proba.dtype == np.float64
    assert np.all(diff <= 2 * _proba_bound(est, err, P, u=2.0 ** -53))


@pytest.mark.parametrize("activation", sorted(HIDDEN_ACTIVATIONS))
@pytest.mark.parametrize("loss", ["squared_error", "poisson"])
def test_regressor(data, activation, loss):
    X, _, y = data
    if loss == "poisson":
        y = np.exp(y / 4)
    est = MLPRegressor(loss=loss, hidden_layer_sizes=(12,), activation=activation,
                       max_iter=20, random_state=0).fit(X, y)
    (out,) = run(to_onnx(est, X[:1]), X)
    err, _ = error_bound(est.coefs_, est.intercepts_, est.activation, est.out_activation_, X)
    diff = np.abs(out.ravel() - est.predict(X))
    assert out.shape == (len(X), 1)
    assert np.all(diff <= 2 * err.ravel()), diff.max()
    assert diff.max() <= TOL


def test_regressor_snns_logistic_output_multioutput(data):
    X, _, y = data
    Y = np.column_stack([1 / (1 + np.exp(-y)), 1 / (1 + np.exp(y / 2))]).astype(np.float32)
    est = MLPRegressor(hidden_layer_sizes=(12,), solver="rprop", out_activation="logistic",
                       max_iter=20, random_state=0).fit(X, Y)
    (out,) = run(to_onnx(est, X[:1]), X)
    err, _ = error_bound(est.coefs_, est.intercepts_, est.activation, "logistic", X)
    assert out.shape == (len(X), 2)
    assert np.all(np.abs(out - est.predict(X)) <= 2 * err)


def test_rbm_transform_and_pipeline(data):
    X, y, _ = data
    rbm = BernoulliRBM(n_components=6, n_iter=3, random_state=0).fit(X)
    (out,) = run(to_onnx(rbm, X[:1]), X)
    err, _ = error_bound([rbm.components_.T], [rbm.intercept_hidden_], None, "logistic", X)
    assert np.all(np.abs(out - rbm.transform(X)) <= 2 * err)
    # the classic RBM-features pipeline, converted as a whole
    # clip: float32 MinMaxScaler output can exceed 1 by an ulp, which BernoulliRBM.fit refuses
    pipe = make_pipeline(MinMaxScaler(clip=True), BernoulliRBM(n_components=6, n_iter=3, random_state=0),
                         LogisticRegression()).fit(X, y)
    labels, proba = run(to_onnx(pipe, X[:1]), X)
    np.testing.assert_allclose(proba, pipe.predict_proba(X), atol=TOL)
    np.testing.assert_array_equal(labels, pipe.predict(X))


def test_pipeline_with_mlp(data):
    X, y, _ = data
    pipe = make_pipeline(StandardScaler(), MLPClassifier((12,), activation="leaky_relu",
                                                         max_iter=20, random_state=0)).fit(X, y)
    labels, proba = run(to_onnx(pipe, X[:1]), X)
    np.testing.assert_allclose(proba, pipe.predict_proba(X), atol=TOL)
    np.testing.assert_array_equal(labels, pipe.predict(X))


def test_dbn_classifier_predict_and_transform(data):
    X, y, _ = data
    dbn = DBNClassifier(hidden_layer_sizes=(12, 6), rbm_n_iter=3, max_iter=20,
                        random_state=0).fit(X, y)
    _check_classifier(dbn, X, mlp=dbn.mlp_)
    (H,) = run(to_onnx(dbn, X[:1], options={id(dbn): {"transform": True}}), X)
    err, _ = error_bound(dbn.coefs_[:-1], dbn.intercepts_[:-1], "logistic", "logistic", X)
    assert H.shape == (len(X), 6)
    assert np.all(np.abs(H - dbn.transform(X)) <= 2 * err)


def test_dbn_regressor_predict_and_transform(data):
    X, _, y = data
    dbn = DBNRegressor(hidden_layer_sizes=(12,), rbm_n_iter=3, max_iter=20,
                       random_state=0).fit(X, y)
    (out,) = run(to_onnx(dbn, X[:1]), X)
    err, _ = error_bound(dbn.coefs_, dbn.intercepts_, "logistic", "identity", X)
    assert np.all(np.abs(out.ravel() - dbn.predict(X)) <= 2 * err.ravel())
    (H,) = run(to_onnx(dbn, X[:1], options={id(dbn): {"transform": True}}), X)
    err, _ = error_bound(dbn.coefs_[:-1], dbn.intercepts_[:-1], "logistic", "logistic", X)
    assert np.all(np.abs(H - dbn.transform(X)) <= 2 * err)


def test_skl2onnx_to_onnx_after_import(data):
    # the registration is global: skl2onnx's own entry point converts the models,
    # with its default ZipMap (a list of {class: probability} dicts)
    X, y, _ = data
    est = MLPClassifier((12,), max_iter=20, random_state=0).fit(X, y)
    labels, dicts = run(skl2onnx.to_onnx(est, X[:1]), X)
    proba = np.array([[d[c] for c in est.classes_] for d in dicts])
    np.testing.assert_allclose(proba, est.predict_proba(X), atol=TOL)
    np.testing.assert_array_equal(labels, est.predict(X))


def test_multilabel_is_refused(data):
    X, y, _ = data
    Y = np.column_stack([y == 0, y == 1]).astype(int)
    est = MLPClassifier((12,), max_iter=5, random_state=0).fit(X, Y)
    with pytest.raises(NotImplementedError, match="multilabel"):
        to_onnx(est, X[:1])


def test_export_command(data, tmp_path, capsys):
    import joblib

    X, y, _ = data
    est = MLPClassifier((12,), solver="quickprop", max_iter=20, random_state=0).fit(X, y)
    joblib.dump(est, tmp_path / "model.joblib")
    # through the console entry point, as `skneural export MODEL -o FILE`
    from skneural.__main__ import main as cli_main

    assert cli_main(["export", str(tmp_path / "model.joblib"), "-o",
                     str(tmp_path / "m.onnx")]) == 0
    assert "m.onnx" in capsys.readouterr().out
    sess = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    labels, proba = sess.run(None, {"X": X})
    np.testing.assert_allclose(proba, est.predict_proba(X), atol=TOL)
    with pytest.raises(SystemExit) as exc:
        main_export([str(tmp_path / "missing.joblib")])
    assert exc.value.code == 2
