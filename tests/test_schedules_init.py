"""Learning-rate schedules (cosine, onecycle, plateau, warm-up), weight
initialisation options and the prior output bias."""

import warnings

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler

from skneural import MLPClassifier, MLPRegressor
from skneural.solvers import SGD, Adam, Quickprop, Rprop, StdBackprop

X, y = load_iris(return_X_y=True)
X = StandardScaler().fit_transform(X)


def _fit(**kw):
    params = dict(hidden_layer_sizes=(6,), random_state=0, n_iter_no_change=np.inf,
                  shuffle=False)
    params.update(kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return MLPClassifier(**params).fit(X, y)


# the schedules written from their definitions (not from skneural's code)
def _cosine(base, T, W=0):
    rates = [base * (e + 1) / W for e in range(W)]
    E = T - W
    return rates + [base * 0.5 * (1 + np.cos(np.pi * e / E)) for e in range(E)]


def _onecycle(base, T):
    up = max(1.0, 0.3 * T)
    out = []
    for e in range(T):
        if e < up:
            out.append(base * (1 / 25 + (1 - 1 / 25) * e / up))
        else:
            t = min(1.0, (e - up) / max(1.0, T - 1 - up))
            out.append(base * (1e-4 + (1 - 1e-4) * 0.5 * (1 + np.cos(np.pi * t))))
    return out


@pytest.mark.parametrize("kw,expected", [
    (dict(learning_rate="cosine", max_iter=12), _cosine(0.01, 12)),
    (dict(learning_rate="cosine", max_iter=12, warmup_epochs=4), _cosine(0.01, 12, 4)),
    (dict(learning_rate="onecycle", max_iter=20), _onecycle(0.01, 20)),
    (dict(learning_rate="constant", max_iter=6, warmup_epochs=3), [0.01 / 3, 0.02 / 3] + [0.01] * 4),
])
def test_epoch_rates_follow_the_schedule(kw, expected):
    est = _fit(learning_rate_init=0.01, **kw)
    got = [h["learning_rate"] for h in est.history_]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert all(type(r) is float for r in got)


@pytest.mark.parametrize("solver,rate_param", [
    (SGD(momentum=0.0, nesterovs_momentum=False, learning_rate_init=0.05), "learning_rate_init"),
    (StdBackprop(learning_rate=0.05), "learning_rate"),
])
def test_the_scheduled_rate_reaches_the_compiled_epoch(solver, rate_param):
    """A stateless rule (plain SGD, Std_Backpropagation) trained with a cosine
    schedule equals epoch-by-epoch warm starts at the schedule's constant rates."""
    T = 5
    kw = dict(hidden_layer_sizes=(6,), random_state=0, n_iter_no_change=np.inf, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sched = MLPClassifier(solver=solver, learning_rate="cosine", max_iter=T, **kw).fit(X, y)
        rates = [h["learning_rate"] for h in sched.history_]
        step = MLPClassifier(solver=solver, max_iter=1, warm_start=True, **kw)
        for r in rates:
            step.set_params(**{"solver__" + rate_param: r}).fit(X, y)
    assert rates[0] == 0.05 and rates[-1] < 0.01
    np.testing.assert_array_equal(step._params, sched._params)
    # and the schedule matters: a constant rate ends elsewhere
    const = _fit(solver=solver, max_iter=T)
    assert not np.array_equal(const._params, sched._params)


def test_plateau_divides_by_ten_when_the_loss_stalls_and_keeps_training():
    n, tol = 3, 1e-3
    est = _fit(learning_rate="plateau", learning_rate_init=0.5, solver="sgd", max_iter=80,
               n_iter_no_change=n, tol=tol, momentum=0.0)
    rates = np.array([h["learning_rate"] for h in est.history_])
    # scikit-learn's stall rule on the recorded losses: an epoch counts when its
    # loss is not tol below the best so far; more than n such epochs in a row
    # divide the rate by 10 for the next epoch and restart the count
    expected, rate, count, best = [], 0.5, 0, np.inf
    for loss in est.loss_curve_:
        expected.append(rate)
        count = count + 1 if loss > best - tol else 0
        best = min(best, loss)
        if count > n:
            rate, count = rate * 0.1, 0
    np.testing.assert_allclose(rates, expected, rtol=1e-12)
    assert len(set(expected)) >= 2, "the test needs at least one reduction"
    assert est.n_iter_ > np.flatnonzero(np.diff(rates))[0] + 1  # training went on


@pytest.mark.parametrize("kw,match", [
    (dict(solver="rprop", learning_rate="cosine"), "solver 'rprop' has none"),
    (dict(solver=Rprop(), warmup_epochs=2), "solver 'rprop' has none"),
    (dict(learning_rate="onecycle", warmup_epochs=2), "its own warm-up"),
    (dict(warmup_epochs=10, max_iter=10), "smaller than max_iter"),
    (dict(solver=SGD(learning_rate="adaptive"), learning_rate="cosine"), "both set a schedule"),
    (dict(learning_rate="linear"), "'learning_rate' parameter"),
])
def test_schedule_errors(kw, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier((3,), **{"max_iter": 5, **kw}).fit(X, y)


def test_new_schedules_apply_to_solver_objects_and_snns_learners():
    for solver in (Adam(learning_rate_init=0.01), Quickprop(learning_rate=0.1)):
        est = _fit(solver=solver, learning_rate="cosine", max_iter=8)
        base = 0.01 if isinstance(solver, Adam) else 0.1
        np.testing.assert_allclose([h["learning_rate"] for h in est.history_],
                                   _cosine(base, 8), rtol=1e-12)


# ---------------------------------------------------------------------------
# initialisation
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("init,bound", [
    ("he", lambda fi, fo: np.sqrt(6.0 / fi)),
    ("lecun", lambda fi, fo: np.sqrt(3.0 / fi)),
    ("glorot", lambda fi, fo: np.sqrt(6.0 / (fi + fo))),
])
def test_init_draws_uniform_weights_with_the_named_variance(init, bound):
    rng_ref = np.random.RandomState(3)
    Xw = rng_ref.normal(size=(50, 400))
    yw = (Xw[:, 0] > 0).astype(int)
    est = MLPClassifier((300,), init=init, max_iter=1, solver="sgd", learning_rate_init=1e-12,
                        random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(Xw, yw)
    W = est.coefs_[0]
    b = bound(400, 300)
    assert np.abs(W).max() <= b * (1 + 1e-9)
    # uniform(-b, b) has variance b^2 / 3: 120000 draws pin it to about 0.5%
    assert W.var() == pytest.approx(b * b / 3, rel=0.02)


def test_glorot_is_scikit_learns_initialisation_and_the_default():
    from sklearn.neural_network import MLPClassifier as SkMLP

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = MLPClassifier((5,), max_iter=1, random_state=4, solver="sgd",
                             learning_rate_init=1e-15).fit(X, y)
        theirs = SkMLP((5,), max_iter=1, random_state=4, solver="sgd",
                       learning_rate_init=1e-15).fit(X, y)
    np.testing.assert_allclose(ours.coefs_[0], theirs.coefs_[0], atol=1e-12)


def test_uniform_init_uses_init_range_or_snns_default():
    a = _fit(init="uniform", max_iter=1, solver="sgd", learning_rate_init=1e-15)
    b = _fit(init_range=(-0.3, 0.3), max_iter=1, solver="sgd", learning_rate_init=1e-15)
    np.testing.assert_array_equal(a.coefs_[0], b.coefs_[0])
    assert np.abs(a.coefs_[0]).max() <= 0.3
    with pytest.raises(ValueError, match="init='uniform'"):
        MLPClassifier((3,), init="he", init_range=(-1, 1)).fit(X, y)


# ---------------------------------------------------------------------------
# init_output_bias="prior"
# ---------------------------------------------------------------------------
def _untrained_output(est, Xs):
    return est.predict_proba(Xs) if hasattr(est, "predict_proba") else est.predict(Xs)


@pytest.mark.parametrize("case", ["multiclass", "binary", "regression"])
def test_prior_bias_makes_the_untrained_network_predict_the_mean(case):
    rng = np.random.RandomState(0)
    Xs = rng.normal(size=(400, 5)) * 1e-6  # inputs ~0: the output is f(bias)
    if case == "multiclass":
        ys = rng.choice(3, size=400, p=[0.7, 0.2, 0.1])
        want = np.bincount(ys) / 400.0
        est = MLPClassifier((4,), init_output_bias="prior", max_iter=1, solver="sgd",
                            learning_rate_init=1e-15, random_state=0)
    elif case == "binary":
        ys = (rng.rand(400) < 0.15).astype(int)
        want = np.array([1 - ys.mean(), ys.mean()])
        est = MLPClassifier((4,), init_output_bias="prior", max_iter=1, solver="sgd",
                            learning_rate_init=1e-15, random_state=0)
    else:
        ys = 7.5 + rng.normal(size=400)
        want = ys.mean()
        est = MLPRegressor(hidden_layer_sizes=(4,), init_output_bias="prior", max_iter=1,
                           solver="sgd", learning_rate_init=1e-15, random_state=0,
                           activation="tanh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(Xs, ys)
    out = _untrained_output(est, Xs[:3])
    # the hidden units' own biases also reach the output (through relu/tanh of
    # b_j): the bias is checked exactly, the output only as closer to the mean
    if case == "regression":
        assert est.intercepts_[-1][0] == pytest.approx(want, rel=1e-12)
    else:
        no_prior = MLPClassifier((4,), max_iter=1, solver="sgd", learning_rate_init=1e-15,
                                 random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            no_prior.fit(Xs, ys)
        err_prior = np.abs(out[0] - want).max()
        err_plain = np.abs(_untrained_output(no_prior, Xs[:1])[0] - want).max()
        assert err_prior < err_plain
        # the bias itself is the log prior (centred) or its logit
        b = est.intercepts_[-1]
        if case == "multiclass":
            np.testing.assert_allclose(b, np.log(want) - np.log(want).mean(), atol=1e-12)
        else:
            assert b[0] == pytest.approx(np.log(want[1] / want[0]), abs=1e-12)
