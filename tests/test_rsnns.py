"""RSNNS layer: helpers, SNNS trajectory parity, mlp() and the iris workflow."""

import pathlib
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris

from skneural import MLPClassifier, MLPRegressor
from skneural._engine import snns_act_code
from skneural._kernels import cpu as kp
from skneural._kernels import snns
from skneural._multilayer_perceptron import _layout, _Workspace
from _snns_helpers import make_solver, snns_runner

from skneural.solvers import Quickprop, Rprop, StdBackprop
from skneural.rsnns import (
    RSNNSNormalizer,
    confusionMatrix,
    decodeClassLabels,
    denormalizeData,
    encodeClassLabels,
    getNormParameters,
    mlp,
    normalizeData,
    normTrainingAndTestSet,
    snns_initial_weights,
    snns_pattern_orders,
    splitForTrainingAndTest,
)

DATA = pathlib.Path(__file__).parent / "data" / "rsnns"


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def test_decode_class_labels_orders_like_rsnns():
    assert list(decodeClassLabels(["r", "b", "g"]).columns) == ["b", "g", "r"]
    assert list(decodeClassLabels([10, 2, 10]).columns) == ["2", "10"]
    cat = pd.Categorical(["lo", "hi"], categories=["hi", "lo", "mid"])
    out = decodeClassLabels(cat)
    assert list(out.columns) == ["hi", "lo", "mid"]
    assert out.to_numpy().tolist() == [[0, 1, 0], [1, 0, 0]]
    assert decodeClassLabels(["a", "b"], valTrue=0.9, valFalse=0.1).to_numpy().tolist() == \
        [[0.9, 0.1], [0.1, 0.9]]
    with pytest.raises(ValueError, match="missing"):
        decodeClassLabels(["a", None])


def test_encode_class_labels_worked_example():
    x = np.array([[.1, .8, .3], [.5, .5, .1], [.45, .55, .2], [.7, .65, .1], [0, 0, 0]])
    assert encodeClassLabels(x).tolist() == [2, 0, 2, 1, 0]
    assert encodeClassLabels(x, l=0.1).tolist() == [2, 0, 2, 0, 0]
    assert encodeClassLabels(x, h=0.6).tolist() == [2, 0, 0, 1, 0]
    assert encodeClassLabels(x, method="402040", l=.4, h=.6).tolist() == [2, 0, 0, 0, 0]
    with pytest.raises(ValueError, match="WTA, 402040"):
        encodeClassLabels(x, method="winner")


def test_split_never_shuffles():
    x = np.arange(150).reshape(-1, 1)
    s = splitForTrainingAndTest(x, x, ratio=0.15)
    assert len(s.inputsTrain) == 127 and len(s["inputsTest"]) == 23
    assert s.inputsTest[0, 0] == 127
    s7 = splitForTrainingAndTest(np.arange(7), np.arange(7), ratio=0.5)
    assert (len(s7.inputsTrain), len(s7.inputsTest)) == (3, 4)
    with pytest.raises(ValueError, match="ratio"):
        splitForTrainingAndTest(x, x, ratio=1.5)


@pytest.mark.parametrize("kind", ["norm", "0_1", "center"])
def test_normalize_round_trip_and_constant_columns(kind):
    rng = np.random.RandomState(0)
    X = np.column_stack([rng.normal(3, 2, 20), np.full(20, 5.0)])
    Z = normalizeData(X, kind)
    p = getNormParameters(Z)
    np.testing.assert_allclose(denormalizeData(Z, p), X)
    if kind == "norm":
        np.testing.assert_allclose(Z[:, 0], (X[:, 0] - X[:, 0].mean()) / X[:, 0].std(ddof=1))
        assert np.all(Z[:, 1] == 0)
    elif kind == "0_1":
        assert Z[:, 0].min() == 0 and Z[:, 0].max() == 1
        assert np.all(Z[:, 1] == 5.0)
    else:
        assert np.all(Z[:, 1] == 0)
    with pytest.raises(ValueError, match="norm, 0_1, center"):
        normalizeData(X, "zscore")
    with pytest.raises(ValueError, match="NaN"):
        normalizeData(np.array([[1.0], [np.nan]]))


def test_norm_training_and_test_set_uses_training_parameters():
    rng = np.random.RandomState(0)
    X = rng.normal(5, 3, size=(40, 3))
    s = normTrainingAndTestSet(splitForTrainingAndTest(X, X[:, :1], ratio=0.25))
    mu, sd = X[:30].mean(axis=0), X[:30].std(axis=0, ddof=1)
    np.testing.assert_allclose(s.inputsTest, (X[30:] - mu) / sd)
    np.testing.assert_allclose(s.targetsTrain, X[:30, :1])  # targets untouched
    s2 = normTrainingAndTestSet(splitForTrainingAndTest(X, X[:, :1], ratio=0.25),
                                dontNormTargets=False)
    assert abs(s2.targetsTrain.mean()) < 1e-12


def test_confusion_matrix_with_unclassified_column():
    targets = np.eye(3)[[0, 1, 2, 2]]
    preds = np.array([[.9, .1, 0], [.2, .7, .1], [.3, .3, .3], [0, .2, .8]])
    cm = confusionMatrix(targets, preds)
    assert list(cm.columns) == ["0", "1", "2", "3"]
    assert cm.loc["3", "0"] == 1 and cm.loc["3", "3"] == 1 and cm.to_numpy().sum() == 4
    cm2 = confusionMatrix([1, 2, 2], [1, 2, 1])
    assert cm2.loc["2", "1"] == 1


def test_normalizer_matches_normalize_data_in_pandas_output():
    X = pd.DataFrame(np.random.RandomState(0).normal(size=(10, 2)), columns=["a", "b"])
    t = RSNNSNormalizer().set_output(transform="pandas").fit(X)
    out = t.transform(X)
    assert list(out.columns) == ["a", "b"]
    np.testing.assert_allclose(out.to_numpy(), normalizeData(X))
    np.testing.assert_allclose(t.inverse_transform(out), X)


# ---------------------------------------------------------------------------
# SNNS trajectories
# ---------------------------------------------------------------------------
def _flat(W, b, sizes=(4, 5, 3)):
    """SNNS's unit-by-unit weight matrix and biases -> skneural's flat vector
    (per layer: the (n_in, n_out) weights row by row, then the biases)."""
    first = np.cumsum((0,) + tuple(sizes))
    parts = []
    for i in range(len(sizes) - 1):
        parts.append(W[first[i]:first[i + 1], first[i + 1]:first[i + 2]].ravel())
        parts.append(b[first[i + 1]:first[i + 2]])
    return np.concatenate(parts).astype(np.float32)


def _fixture(name, sizes=(4, 5, 3), last=100):
    W0 = np.loadtxt(DATA / f"{name}_W0.csv", delimiter=",")
    b0 = np.loadtxt(DATA / f"{name}_b0.csv", delimiter=",")
    W1 = np.loadtxt(DATA / f"{name}_W{last}.csv", delimiter=",")
    b1 = np.loadtxt(DATA / f"{name}_b{last}.csv", delimiter=",")
    err = np.loadtxt(DATA / f"{name}_err.csv", delimiter=",")
    return _flat(W0, b0, sizes), _flat(W1, b1, sizes), err


def _data(regression=False):
    if regression:
        return (np.loadtxt(DATA / "reg_x.csv", delimiter=","),
                np.loadtxt(DATA / "reg_y.csv", delimiter=",").reshape(-1, 1))
    return (np.loadtxt(DATA / "x.csv", delimiter=","),
            np.loadtxt(DATA / "y.csv", delimiter=","))


def _relative_errors(errs, ref):
    return np.abs(np.asarray(errs) - ref[: len(errs)]) / np.abs(ref[: len(errs)])


def _run_trajectory(solver, name, epochs=100, **params):
    """Train the fixture network through the estimator's SNNS runner."""
    X = np.loadtxt(DATA / "x.csv", delimiter=",").astype(np.float32)
    T = np.loadtxt(DATA / "y.csv", delimiter=",").astype(np.float32)
    p0, p100, err = _fixture(name)
    params, run = snns_runner(make_solver(solver, **params), p0, [4, 5, 3], X, T)
    errs = [run() for _ in range(epochs)]
    return np.array(errs), params, err, p100


@pytest.mark.parametrize("solver,name,params", [
    ("rprop", "Rprop", dict(eta=0.1, max_step=50.0, decay=1e-4)),
    ("std_backprop", "Std_Backpropagation", dict(eta=0.2, dmax=0.1)),
    ("backprop_batch", "BackpropBatch", dict(eta=0.5, dmax=0.1)),
])
def test_trajectory_matches_snns_for_100_epochs(solver, name, params):
    errs, p, ref_err, ref_p = _run_trajectory(solver, name, **params)
    np.testing.assert_allclose(errs, ref_err, rtol=1e-6)
    np.testing.assert_allclose(p, ref_p, atol=1e-5)


def test_quickprop_matches_snns_for_20_epochs():
    errs, _, ref_err, _ = _run_trajectory(
        "quickprop", "Quickprop", epochs=20, eta=0.1, mu=2.0, decay=1e-4, dmax=0.1)
    np.testing.assert_allclose(errs, ref_err[:20], rtol=1e-5)


def test_quickprop_after_20_epochs_by_distribution():
    errs, _, ref_err, _ = _run_trajectory(
        "quickprop", "Quickprop", epochs=100, eta=0.1, mu=2.0, decay=1e-4, dmax=0.1)
    # Quickprop amplifies float32 rounding (RSNNS.md): compare the error level
    assert errs[20:].min() < 2 * ref_err[20:].min() + 5
    assert np.median(errs[20:]) < 2 * np.median(ref_err[20:]) + 5


# SCG: SNNS runs it in float32 and its curvature probe (a finite difference
# over sigma = 1e-4/|p|) is rounding-dominated: in SNNS itself a mathematically
# identical change of summation order moves epoch 1 by ~3e-6, epoch 2 by ~1e-4
# and epoch 3 by ~4e-3 (RSNNS.md).  So: epoch 1 to 1e-3 (a float64 run is
# measured 3e-7..5e-4 over 12 seeds), the accept/reject sequence of the first
# 5 epochs (12 of 12 seeds), and the outcome.  (Measured: epoch 1 off by 5.9e-7
# (SCG) and 1.6e-5 (SCG_default); E = 1/2 SSE differs only by rounding there.)
SCG_CASES = [("SCG", dict(dmax=0.1)), ("SCG_default", dict())]


def _scg_run(name, params, epochs):
    X, T = _data()
    p0, _, ref = _fixture(name)
    p, run = snns_runner(make_solver("scg", **params), p0.astype(np.float64), [4, 5, 3], X, T)
    return np.array([run() for _ in range(epochs)]), p, ref


def _rejected(errs):
    # a rejected step restores the weights, so SNNS reports the error again
    return np.r_[False, np.diff(errs) == 0]


@pytest.mark.parametrize("name,params", SCG_CASES)
def test_scg_epoch_one_and_accept_sequence_match_snns(name, params):
    errs, _, ref = _scg_run(name, params, 5)
    assert _relative_errors(errs[:1], ref).max() < 1e-3
    np.testing.assert_array_equal(_rejected(errs), _rejected(ref[:5]))


def test_scg_fixture_has_a_rejected_step():
    # the accept/reject comparison can fail: SNNS rejected epoch 2 of fixture SCG
    ref = _fixture("SCG")[2]
    assert _rejected(ref[:5]).tolist() == [False, True, False, False, False]


@pytest.mark.parametrize("name,params", SCG_CASES)
def test_scg_outcome_matches_snns(name, params):
    errs, _, ref = _scg_run(name, params, 100)
    # SNNS's own rounding gives final errors a spread of a factor ~2-3 between
    # runs that differ only in summation order (float32 vs float64 here: 0.50 vs
    # 1.15 on SCG_default, SNNS 0.65); the outcome: the same error level
    assert ref[-1] / 4 < errs[-1] < 4 * ref[-1]
    assert errs[-1] < 0.05 * errs[0] and ref[-1] < 0.05 * ref[0]


def test_scg_records_its_passes_over_the_data():
    # RSNNS draws n uniforms per pass: 3 in epoch 1, 2 after an accepted step,
    # 1 after a rejected one, 0 once stopped; SNNS rejected epoch 2 of fixture SCG
    X, T = _data()
    p0 = _fixture("SCG")[0]
    coefs = [p0[:20].reshape(4, 5), p0[25:40].reshape(5, 3)]
    intercepts = [p0[20:25], p0[40:43]]
    m = mlp(X, T, size=5, maxit=5, learnFunc="SCG", learnFuncParams=(0, 0, 0.1, 0),
            shufflePatterns=False, coef_init=coefs, intercept_init=intercepts)
    assert m.scgPasses.tolist() == [3, 2, 1, 2, 2]
    stopped = mlp(X, T, size=5, maxit=40, learnFunc="SCG", learnFuncParams=(0, 0, 0.1, 0.05),
                  shufflePatterns=False, coef_init=coefs, intercept_init=intercepts)
    assert stopped.scgPasses[-1] == 0 and stopped.scgPasses[0] == 3
    assert mlp(X, T, size=5, maxit=2, random_state=0).scgPasses is None


def test_scg_stops_and_repeats_its_error():
    # tol = 0.05: three accepted steps in a row changing E by < tol relatively,
    # or |r| <= tol, stop SCG; later epochs change nothing
    X, T = _data()
    p0 = _fixture("SCG")[0].astype(np.float64)
    p, run = snns_runner(make_solver("scg", tol=0.05, dmax=0.1), p0, [4, 5, 3], X, T)
    errs = [run() for _ in range(60)]
    frozen = p.copy()
    more = [run() for _ in range(3)]
    assert more == [errs[-1]] * 3
    np.testing.assert_array_equal(p, frozen)
    assert len(set(errs)) > 3  # it trained before stopping


def test_snns_kernels_float64_agree_with_float32():
    X = np.loadtxt(DATA / "x.csv", delimiter=",")
    T = np.loadtxt(DATA / "y.csv", delimiter=",")
    p0, _, _ = _fixture("Rprop")
    sizes = [4, 5, 3]
    w_off, b_off, n = _layout(sizes)
    out = {}
    for dt in (np.float32, np.float64):
        ws = _Workspace(sizes, 127, dt, 0.0)
        g = np.empty(n, dt)
        gt = np.empty(n, dt)
        e = snns.snns_full_grad(p0.astype(dt), g, gt, np.asarray(sizes, dtype=np.int64), w_off,
                                b_off, ws.a_off, 1, 1, X.astype(dt), T.astype(dt),
                                np.arange(127), 50, 0.1, 0.1, True, ws.xbuf, ws.ybuf,
                                ws.swbuf, ws.act_buf, ws.delta_buf)
        out[dt] = (e, g.astype(np.float64))
    assert out[np.float32][0] == pytest.approx(out[np.float64][0], rel=1e-5)
    np.testing.assert_allclose(out[np.float32][1], out[np.float64][1], rtol=1e-3, atol=1e-5)


def test_snns_gradient_is_half_sse_gradient_by_finite_differences():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(9, 3))
    T = rng.rand(9, 2)
    sizes = [3, 4, 2]
    w_off, b_off, n = _layout(sizes)
    p = rng.normal(scale=0.5, size=n)
    ws = _Workspace(sizes, 9, np.float64, 0.0)
    S = np.asarray(sizes, dtype=np.int64)

    def eg(q):
        g = np.empty(n)
        e = snns.snns_full_grad(q, g, np.empty(n), S, w_off, b_off, ws.a_off, 1, 1, X, T,
                                np.arange(9), 4, 0.0, 0.0, True, ws.xbuf, ws.ybuf, ws.swbuf,
                                ws.act_buf, ws.delta_buf)
        return e, g

    e, g = eg(p)
    num = np.array([(eg(p + h)[0] - eg(p - h)[0]) / 2e-6 for h in np.eye(n) * 1e-6])
    np.testing.assert_allclose(g, 0.5 * num, rtol=1e-5, atol=1e-8)


# ---------------------------------------------------------------------------
# mlp() and the iris workflow
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def iris_split():
    X, y = load_iris(return_X_y=True, as_frame=True)
    idx = np.random.RandomState(1).permutation(150)
    targets = decodeClassLabels(pd.Categorical.from_codes(y.iloc[idx], ["setosa", "versicolor",
                                                                        "virginica"]))
    return normTrainingAndTestSet(splitForTrainingAndTest(X.iloc[idx], targets, ratio=0.15))


@pytest.mark.parametrize("learn_func,params", [
    ("Quickprop", (0.1, 2.0, 0.0001, 0.1)),
    ("Rprop", (0.1, 50, 4)),
    ("Std_Backpropagation", (0.2, 0.0)),
    ("BackpropMomentum", (0.2, 0.5, 0.1, 0.1)),
    ("SCG", (0, 0, 0.1, 0)),
])
def test_mlp_iris_workflow(iris_split, learn_func, params):
    s = iris_split
    model = mlp(s.inputsTrain, s.targetsTrain, size=5, learnFunc=learn_func,
                learnFuncParams=params, maxit=100, inputsTest=s.inputsTest,
                targetsTest=s.targetsTest, random_state=1)
    assert model.IterativeFitError.shape == (100,)
    assert model.IterativeTestError.shape == (100,)
    assert model.IterativeFitError[-1] < model.IterativeFitError[0]
    pred = model.predict(s.inputsTest)
    assert pred.shape == (23, 3) and pred.min() >= 0 and pred.max() <= 1
    cm = confusionMatrix(s.targetsTest, pred)
    correct = sum(cm.loc[k, k] for k in cm.index if k in cm.columns)
    assert correct >= 18  # RSNNS reached 20/23 on its seed-1 split with Quickprop
    np.testing.assert_allclose(model.fitted_values, model.predict(s.inputsTrain))
    assert pickle.loads(pickle.dumps(model)).predict(s.inputsTest).shape == (23, 3)


def test_mlp_rejects_unknown_names_and_accepts_r_numbers(iris_split):
    s = iris_split
    with pytest.raises(ValueError, match="Quickprop"):
        mlp(s.inputsTrain, s.targetsTrain, learnFunc="QuickProp")
    with pytest.raises(ValueError, match="hiddenActFunc"):
        mlp(s.inputsTrain, s.targetsTrain, hiddenActFunc="Act_Sigmoid")
    m = mlp(s.inputsTrain, s.targetsTrain, size=3.0, maxit=5.0, random_state=0)
    assert m.coefs_[0].shape == (4, 3) and len(m.IterativeFitError) == 5
    with pytest.raises(ValueError, match="whole number"):
        mlp(s.inputsTrain, s.targetsTrain, size=3.5)


def test_mlp_lin_out_is_identity_output():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 2))
    y = 3 * X[:, :1] - X[:, 1:]
    m = mlp(X, y, size=4, linOut=True, learnFunc="Rprop", learnFuncParams=(0.1, 50, 0),
            maxit=200, random_state=0)
    assert m.out_activation_ == "identity"
    assert m.score(X, y.ravel()) > 0.95


def test_snns_solver_in_a_grid_search(iris_split):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    s = iris_split
    y = encodeClassLabels(s.targetsTrain.to_numpy())
    grid = GridSearchCV(
        MLPClassifier(activation="logistic", init_range=(-0.3, 0.3), max_iter=60,
                      random_state=0, n_iter_no_change=1000),
        [{"hidden_layer_sizes": [(3,), (5,)], "solver": [Rprop()],
          "solver__learning_rate": [0.05, 0.1], "solver__max_step": [10.0, 50.0]},
         {"hidden_layer_sizes": [(5,)], "solver": [Quickprop()], "solver__mu": [1.75, 2.0]}],
        cv=StratifiedKFold(3, shuffle=True, random_state=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grid.fit(np.asarray(s.inputsTrain), y)
    # the solver's own parameters were tuned: every combination was fitted with its values
    seen = {(type(p["solver"]).__name__, p.get("solver__learning_rate"), p.get("solver__mu"))
            for p in grid.cv_results_["params"]}
    assert len(seen) == 4 and len(grid.cv_results_["params"]) == 10
    best = grid.best_estimator_.solver
    assert best.get_params() == {k[len("solver__"):]: v for k, v in grid.best_params_.items()
                                 if k.startswith("solver__")} | {
        k: v for k, v in best.get_params().items() if "solver__" + k not in grid.best_params_}
    assert grid.best_score_ > 0.85
    assert grid.score(np.asarray(s.inputsTest), encodeClassLabels(s.targetsTest.to_numpy())) > 0.8


def test_snns_solvers_reject_dropout():
    # (sample_weight is supported: tests/test_snns_sample_weight.py)
    X = np.random.RandomState(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    with pytest.raises(ValueError, match="dropout"):
        MLPClassifier(solver="quickprop", dropout=0.5).fit(X, y)


# ---------------------------------------------------------------------------
# The online learners without SNNS fixtures, against a NumPy reference of the
# rules in RSNNS.md (per-pattern or per-chunk updates, masked SSE, flat spot)
# ---------------------------------------------------------------------------
def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _reference_online_epochs(p, X, T, epochs, rule, eta, dmax, flat=0.0, momentum=0.0,
                             decay=0.0, min_weight=0.0, chunk=1):
    """Online backprop on the 4-5-3 logistic net, in float64 NumPy."""
    W1, b1 = p[:20].reshape(4, 5).copy(), p[20:25].copy()
    W2, b2 = p[25:40].reshape(5, 3).copy(), p[40:43].copy()
    params = [W1, b1, W2, b2]
    prev = [np.zeros_like(a) for a in params]
    alive = [np.ones_like(a) for a in params]
    errs = []
    for _ in range(epochs):
        err = 0.0
        for start in range(0, X.shape[0], chunk):
            gsum = [np.zeros_like(a) for a in params]
            for x, t in zip(X[start:start + chunk], T[start:start + chunk]):
                h = _sig(x @ W1 + b1)
                o = _sig(h @ W2 + b2)
                diff = t - o
                keep = np.abs(diff) > dmax
                err += np.sum((diff * diff)[keep])
                d_o = np.where(keep, -diff * (o * (1 - o) + flat), 0.0)
                d_h = (W2 @ d_o) * (h * (1 - h) + flat)
                for acc, g in zip(gsum, (np.outer(x, d_h), d_h, np.outer(h, d_o), d_o)):
                    acc += g
            m = min(chunk, X.shape[0] - start)
            # momentum and decay leave an output the (single) pattern skipped alone
            touched = [1.0, 1.0, np.where(keep, 1.0, 0.0)[None, :], np.where(keep, 1.0, 0.0)]
            for a, g, pv, live, on in zip(params, gsum, prev, alive, touched):
                if rule == "momentum":
                    step = -eta * g + momentum * pv
                    a += on * step
                    pv[...] = np.where(on != 0, step, pv)
                elif rule == "decay":
                    a += on * live * (-eta * g - decay * a)
                else:  # chunk
                    a -= eta / m * g
        if rule == "decay" and min_weight > 0:
            for a, live in ((W1, alive[0]), (W2, alive[2])):
                dead = np.abs(a) < min_weight
                a[dead] = 0
                live[dead] = 0
        errs.append(err)
    return np.array(errs), np.concatenate([W1.ravel(), b1, W2.ravel(), b2])


@pytest.mark.parametrize("solver,rule,params,ref", [
    ("backprop_momentum", "momentum",
     dict(eta=0.2, momentum=0.5, flat_spot=0.1, dmax=0.1),
     dict(eta=0.2, momentum=0.5, flat=0.1, dmax=0.1)),
    # (pruning, min_weight > 0, is checked against the real SNNS run below)
    ("backprop_weight_decay", "decay",
     dict(eta=0.2, decay=0.01, min_weight=0.0, dmax=0.1),
     dict(eta=0.2, decay=0.01, min_weight=0.0, dmax=0.1)),
    ("backprop_chunk", "chunk", dict(eta=0.5, dmax=0.1, chunk=7),
     dict(eta=0.5, dmax=0.1, chunk=7)),
])
def test_online_learners_match_numpy_reference(solver, rule, params, ref):
    X = np.loadtxt(DATA / "x.csv", delimiter=",")
    T = np.loadtxt(DATA / "y.csv", delimiter=",")
    p0 = _fixture("Std_Backpropagation")[0].astype(np.float64)
    p, run = snns_runner(make_solver(solver, **params), p0, [4, 5, 3], X, T)
    errs = [run() for _ in range(5)]
    ref_errs, ref_p = _reference_online_epochs(p0, X, T, 5, rule, **ref)
    np.testing.assert_allclose(errs, ref_errs, rtol=1e-10)
    np.testing.assert_allclose(p, ref_p, rtol=1e-9, atol=1e-12)


def test_snns_identity_units_export_to_onnx():
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("skl2onnx")
    from skneural.onnx import to_onnx

    X, T = _data(True)
    X = X.astype(np.float64)
    model = MLPRegressor(hidden_layer_sizes=(4,), activation="identity",
                         solver=Rprop(learning_rate=0.1, max_step=50.0), max_iter=30,
                         random_state=0).fit(X, T.ravel())
    # biases far from 0: a graph that added them would be off by about 50
    model.intercepts_[0][:] += 50.0
    model.intercepts_[1][:] += 50.0
    sess = ort.InferenceSession(to_onnx(model, X[:1]).SerializeToString())
    (out,) = sess.run(None, {sess.get_inputs()[0].name: X})
    # float64 graph: a few roundings of numbers below 1e2
    np.testing.assert_allclose(out.ravel(), model.predict(X), rtol=1e-12, atol=1e-10)


# ---------------------------------------------------------------------------
# Pruning in BackpropWeightDecay (fixture BackpropWeightDecay_prune: SNNS
# deletes hidden unit 7 after epoch 1 and ends with 12 links; output unit 11
# loses every link).  Tolerance as above (float32 SNNS vs float64, measured
# 5.2e-7 over 100 epochs, final weights 3.3e-6); without the skipped-next-link
# quirk the error is off by ~1e-3 from epoch 1, without the bias folding by
# ~1e-3 after the first deletion (RSNNS.md).
# ---------------------------------------------------------------------------
def test_weight_decay_pruning_matches_snns():
    X, T = _data()
    p0, p_end, ref = _fixture("BackpropWeightDecay_prune")
    solver = make_solver("backprop_weight_decay", eta=0.2, decay=0.001, min_weight=0.05,
                         dmax=0.1)
    p, run = snns_runner(solver, p0.astype(np.float64), [4, 5, 3], X, T)
    errs = [run() for _ in range(100)]
    assert _relative_errors(errs, ref).max() < 1e-5
    np.testing.assert_allclose(p, p_end, rtol=1e-4, atol=1e-4)
    # the same links and units are gone (removed unit 7: zero row, column, bias)
    np.testing.assert_array_equal(p == 0, p_end == 0)
    assert (p_end[:43] == 0).sum() == 24


def test_weight_decay_pruning_stops_without_hidden_units():
    # min_weight 0.5 deletes every link in the first epoch; the hidden units
    # go at its end and SNNS stops training: the error repeats from then on
    X, T = _data()
    p0 = _fixture("Std_Backpropagation")[0].astype(np.float64)
    solver = make_solver("backprop_weight_decay", eta=0.2, decay=0.001, min_weight=0.5,
                         dmax=0.1)
    p, run = snns_runner(solver, p0, [4, 5, 3], X, T)
    errs = [run() for _ in range(4)]
    assert np.all(p[:20] == 0) and np.all(p[20:25] == 0) and np.all(p[25:40] == 0)
    frozen = p.copy()
    assert errs[1:] == [errs[0]] * 3
    np.testing.assert_array_equal(p, frozen)


# ---------------------------------------------------------------------------
# Reproducing RSNNS under set.seed: the fixtures' recorded R uniforms
# (runif after set.seed(k), in the order mlp() consumed them) and the pattern
# orders SNNS used.  Real RSNNS runs, 20 epochs of Std_Backpropagation (0.2, 0.1).
# ---------------------------------------------------------------------------
SHUFFLED = [("shuffled_Std_Backpropagation", 127, 0), ("shuffledTest_Std_Backpropagation", 100, 27)]


@pytest.mark.parametrize("name,n,n_test", SHUFFLED)
def test_initial_weights_and_orders_from_r_uniforms(name, n, n_test):
    u = np.loadtxt(DATA / f"{name}_runif.csv")
    coefs, intercepts, used = snns_initial_weights(u, [4, 5, 3])
    assert used == 4 + 5 + 3 + 4 * 5 + 5 * 3  # every unit's bias, every link
    flat = np.concatenate([coefs[0].ravel(), intercepts[0], coefs[1].ravel(), intercepts[1]])
    # exactly (the CSV holds the float32 values to 17 digits)
    np.testing.assert_array_equal(flat, _fixture(name, last=20)[0])
    orders, end = snns_pattern_orders(u, n, 20, n_test, used)
    assert end == u.size
    np.testing.assert_array_equal(orders + 1, np.loadtxt(DATA / f"{name}_order.csv",
                                                         delimiter=",").astype(int))


@pytest.mark.parametrize("name,n,n_test", SHUFFLED)
def test_mlp_replays_the_r_stream(name, n, n_test):
    X, T = _data()
    u = np.loadtxt(DATA / f"{name}_runif.csv")
    ref = np.loadtxt(DATA / f"{name}_err.csv", delimiter=",")
    test = dict(inputsTest=X[n:], targetsTest=T[n:]) if n_test else {}
    model = mlp(X[:n], T[:n], size=5, maxit=20, learnFuncParams=(0.2, 0.1), uniforms=u, **test)
    rel = _relative_errors(model.IterativeFitError, ref)
    # float32 like SNNS, but another summation order: measured <= 3.5e-7.  At
    # epoch 19 of the first case one |t - o| lies within 2e-6 of dmax and SNNS
    # and skneural classify it differently (RSNNS.md): compare up to that flip
    flip = 18 if n_test == 0 else 20
    assert rel[:flip].max() < 1e-5
    if n_test:
        te = np.loadtxt(DATA / f"{name}_testerr.csv", delimiter=",")
        assert _relative_errors(model.IterativeTestError, te).max() < 1e-5
        np.testing.assert_allclose(model.fittedTestValues, model.predict(X[n:]))
        W20 = _fixture(name, last=20)[1]
        p = np.concatenate([model.coefs_[0].ravel(), model.intercepts_[0],
                            model.coefs_[1].ravel(), model.intercepts_[1]])
        np.testing.assert_allclose(p, W20, atol=1e-4)
    else:
        assert model.fittedTestValues is None


def test_mlp_checks_uniforms_and_rsnns_arguments():
    X, T = _data()
    u = np.loadtxt(DATA / "shuffled_Std_Backpropagation_runif.csv")
    with pytest.raises(ValueError, match="consumes 2587 uniforms, got 2588"):
        mlp(X, T, maxit=20, uniforms=np.r_[u, 0.5])
    with pytest.raises(ValueError, match="needs 2540 uniforms"):
        mlp(X, T, maxit=20, uniforms=u[:100])
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        mlp(X, T, maxit=20, uniforms=np.r_[u[:-1], 1.5])
    with pytest.raises(NotImplementedError, match="pruneFunc"):
        mlp(X, T, maxit=2, pruneFunc="MagPruning")
    with pytest.raises(ValueError, match="Act_Logistic, Act_Identity"):
        mlp(X, T, maxit=2, outputActFunc="Act_Softmax")
    with pytest.raises(ValueError, match="Topological_Order"):
        mlp(X, T, maxit=2, updateFunc="Random_Order")
    # shufflePatterns=FALSE consumes only the weight draws
    m = mlp(X, T, maxit=2, shufflePatterns=False, uniforms=u[:47], random_state=0)
    coefs, intercepts, _ = snns_initial_weights(u, [4, 5, 3])
    m2 = mlp(X, T, maxit=2, shufflePatterns=False, coef_init=coefs, intercept_init=intercepts)
    np.testing.assert_array_equal(m.IterativeFitError, m2.IterativeFitError)
    np.testing.assert_array_equal(m.coefs_[0], m2.coefs_[0])
    # outputActFunc wins over linOut; the given weights are used as they are
    m = mlp(X, T, maxit=1, linOut=True, outputActFunc="Act_Logistic", coef_init=coefs,
            intercept_init=intercepts, shufflePatterns=False, learnFuncParams=(0.2, 0.1),
            computeIterativeError=True, updateFuncParams=(0,))
    assert m.out_activation_ == "logistic"
    ref = np.loadtxt(DATA / "shuffled_Std_Backpropagation_err.csv", delimiter=",")
    assert m.IterativeFitError[0] != pytest.approx(ref[0], rel=1e-3)  # another order
