"""One activation and one dropout rate per hidden layer."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_digits

from skneural import MLPClassifier, MLPRegressor
from skneural._kernels import cpu
from skneural._network import Workspace, layout

X, y = load_digits(return_X_y=True)
X = X[:400] / 16.0
y = y[:400]

_NP_ACT = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0),
           "logistic": lambda z: 1 / (1 + np.exp(-z)), "identity": lambda z: z}


def _fit(**kw):
    params = dict(hidden_layer_sizes=(16, 8), max_iter=5, random_state=0)
    params.update(kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return MLPClassifier(**params).fit(X, y)


def _np_proba(est, Xs, acts):
    A = Xs
    for i, (W, b) in enumerate(zip(est.coefs_, est.intercepts_)):
        Z = A @ W + b
        if i < len(acts):
            A = _NP_ACT[acts[i]](Z)
        else:
            E = np.exp(Z - Z.max(axis=1, keepdims=True))
            A = E / E.sum(axis=1, keepdims=True)
    return A


@pytest.mark.parametrize("acts", [["tanh", "relu"], ["logistic", "identity"]])
def test_prediction_applies_each_layers_activation(acts):
    est = _fit(activation=acts)
    # a few hundred flops per value: agreement to 1e-12 absolute on probabilities
    np.testing.assert_allclose(est.predict_proba(X), _np_proba(est, X, acts), atol=1e-12)
    # and not the other order
    assert not np.allclose(est.predict_proba(X), _np_proba(est, X, acts[::-1]), atol=1e-6)


def test_a_list_of_equal_activations_is_the_single_activation():
    a = _fit(activation=["relu", "relu"])
    b = _fit(activation="relu")
    assert np.array_equal(a._params, b._params)


def test_per_layer_gradient_matches_finite_differences():
    rng = np.random.RandomState(0)
    sizes = [5, 4, 3, 2]
    w_off, b_off, n_par = layout(sizes)
    Xs = rng.normal(size=(7, 5))
    Y = np.eye(2)[rng.randint(0, 2, 7)]
    sw = np.ones(7)
    ws = Workspace(sizes, 7, np.float64)
    params = rng.normal(size=n_par) * 0.7
    acts = np.array([cpu.TANH, cpu.SOFTPLUS], dtype=np.int64)

    def loss(p):
        g = np.empty(n_par)
        val = cpu.full_loss_grad(p, g, np.empty(n_par), np.asarray(sizes, dtype=np.int64),
                                 w_off, b_off, ws.a_off, cpu.RELU, cpu.SOFTMAX, cpu.LOG_LOSS,
                                 Xs, Y, sw, np.arange(7), 7, 0.0, ws.xbuf, ws.ybuf, ws.swbuf,
                                 ws.act_buf, ws.delta_buf, ws.mask_buf, 1.0, acts)
        return val, g

    f0, g0 = loss(params)
    h = 1e-6
    num = np.array([(loss(params + h * e)[0] - loss(params - h * e)[0]) / (2 * h)
                    for e in np.eye(n_par)])
    # smooth activations (tanh, softplus): central differences to ~1e-9
    np.testing.assert_allclose(g0, num, atol=1e-7)
    # the scalar code (relu everywhere) is a different function: the layer codes were used
    g_relu = np.empty(n_par)
    cpu.full_loss_grad(params, g_relu, np.empty(n_par), np.asarray(sizes, dtype=np.int64),
                       w_off, b_off, ws.a_off, cpu.RELU, cpu.SOFTMAX, cpu.LOG_LOSS, Xs, Y, sw,
                       np.arange(7), 7, 0.0, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
                       ws.delta_buf, ws.mask_buf, 1.0)
    assert not np.allclose(g_relu, g0)


def test_per_layer_dropout_masks_only_the_layers_given_a_rate():
    rng = np.random.RandomState(1)
    sizes = [6, 400, 300, 2]
    w_off, b_off, n_par = layout(sizes)
    B = 50
    ws = Workspace(sizes, B, np.float64, dropout=[0.5, 0.0])
    ws.xbuf[:] = rng.normal(size=ws.xbuf.shape)
    params = rng.normal(size=n_par) * 0.1
    drops = np.array([0.5, 0.0])
    cpu.forward(params, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off, cpu.RELU,
                cpu.SOFTMAX, ws.xbuf, B, ws.act_buf, 0.5, ws.mask_buf, 7, np.uint64(3), None,
                drops)
    m1 = ws.mask_buf[ws.a_off[1]: ws.a_off[1] + B * 400]
    assert set(np.unique(m1)) == {0.0, 2.0}          # inverted dropout at rate 0.5
    assert abs((m1 == 0).mean() - 0.5) < 0.01        # 20000 draws: sd 0.0035
    H2 = ws.act_buf[ws.a_off[2]: ws.a_off[2] + B * 300].reshape(B, 300)
    H1 = ws.act_buf[ws.a_off[1]: ws.a_off[1] + B * 400].reshape(B, 400)
    W2 = params[w_off[1]: b_off[1]].reshape(400, 300)
    b2 = params[b_off[1]: b_off[1] + 300]
    # layer 2 has rate 0: its activations are relu(H1 W2 + b2), untouched by a mask
    np.testing.assert_allclose(H2, np.maximum(H1 @ W2 + b2, 0), rtol=1e-12, atol=1e-12)


def test_per_layer_settings_through_the_estimators_and_pickling():
    est = _fit(activation=["tanh", "relu"], dropout=[0.3, 0.1], max_iter=10)
    again = _fit(activation=["tanh", "relu"], dropout=[0.3, 0.1], max_iter=10)
    assert np.array_equal(est._params, again._params)  # same seed, same masks
    assert not np.array_equal(est._params, _fit(activation=["tanh", "relu"],
                                                max_iter=10)._params)
    copy = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(copy.predict_proba(X), est.predict_proba(X))
    reg = MLPRegressor(hidden_layer_sizes=(8, 4), activation=["logistic", "tanh"],
                       solver="lbfgs", max_iter=20, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg.fit(X, y.astype(float))
    assert np.isfinite(reg.predict(X)).all()


@pytest.mark.parametrize("kw,match", [
    (dict(activation=["tanh"]), "activation has 1 entries but the network has 2"),
    (dict(activation=["tanh", "swish"]), "'swish' is not one of"),
    (dict(dropout=[0.1, 1.0]), "dropout: every rate must be a number in"),
    (dict(dropout=[0.1]), "dropout has 1 entries"),
    (dict(activation=["tanh", "relu"], solver="quickprop"), "hiddenActFunc"),
])
def test_per_layer_errors(kw, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier((4, 3), max_iter=2, **kw).fit(X, y)
