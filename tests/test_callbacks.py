"""scikit-learn 1.9 callbacks, the per-epoch history and Ctrl-C."""

import warnings

import numpy as np
import pytest
from sklearn.callback import ProgressBar, ScoringMonitor
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import StandardScaler

from skneural import MLPClassifier, MLPRegressor


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


class EpochRecorder:
    """A minimal FitCallback that records each epoch's fitted-estimator score."""

    def __init__(self, stop_after=None, interrupt_after=None):
        self.stop_after = stop_after
        self.interrupt_after = interrupt_after
        self.scores = []
        self.tasks = []

    @staticmethod
    def _score(estimator, X, y):
        return estimator.score(X, y)

    def setup(self, estimator, context):
        pass

    def teardown(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(self, estimator, context, *, X=None, y=None, fitted_estimator=None):
        self.tasks.append(context.task_name)
        if context.task_name in ("epoch", "lbfgs-iter") and fitted_estimator is not None:
            self.scores.append(self._score(fitted_estimator, X, y))
            n = len(self.scores)
            if self.interrupt_after is not None and n == self.interrupt_after:
                raise KeyboardInterrupt
            if self.stop_after is not None and n >= self.stop_after:
                return True
        return False


def test_scoring_monitor_records_one_score_per_epoch(iris):
    X, y = iris
    sm = ScoringMonitor(scoring="accuracy")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((10,), max_iter=6, learning_rate_init=0.05, random_state=0)
        clf.set_callbacks(sm).fit(X, y)
    df = sm.get_logs().data_as_pandas
    epochs = df[df["task_id_path"].map(len) == 2]
    assert len(epochs) == 6
    # the last epoch's score is the fitted model's training accuracy
    assert epochs["accuracy"].iloc[-1] == pytest.approx(clf.score(X, y))
    assert epochs["accuracy"].iloc[-1] > epochs["accuracy"].iloc[0]


def test_progress_bar_runs(iris, capsys):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        MLPClassifier((5,), max_iter=3).set_callbacks(ProgressBar()).fit(X, y)
    out = capsys.readouterr()
    assert "MLPClassifier" in out.out + out.err


def test_custom_callback_sees_each_epoch_and_can_stop(iris):
    X, y = iris
    rec = EpochRecorder(stop_after=4)
    clf = MLPClassifier((10,), max_iter=50, learning_rate_init=0.05, random_state=0)
    clf.set_callbacks(rec).fit(X, y)
    assert clf.n_iter_ == 4
    assert rec.tasks.count("epoch") == 4 and rec.tasks[-1] == "fit"
    assert len(clf.history_) == 4
    assert rec.scores[-1] == pytest.approx(clf.score(X, y))


def test_lbfgs_reports_iterations_to_callbacks(iris):
    X, y = iris
    rec = EpochRecorder()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPRegressor(hidden_layer_sizes=(5,), solver="lbfgs", max_iter=7, random_state=0)
        clf.set_callbacks(rec).fit(X, X[:, 0])
    assert rec.tasks.count("lbfgs-iter") == clf.n_iter_ == len(clf.history_)


def test_keyboard_interrupt_stops_after_the_epoch_and_keeps_weights(iris):
    X, y = iris
    rec = EpochRecorder(interrupt_after=3)
    clf = MLPClassifier((10,), max_iter=50, learning_rate_init=0.05, random_state=0)
    with pytest.warns(UserWarning, match="interrupted"):
        clf.set_callbacks(rec).fit(X, y)
    assert clf.n_iter_ == 3
    assert all(np.isfinite(c).all() for c in clf.coefs_)
    assert clf.score(X, y) == pytest.approx(rec.scores[-1])


def test_history_has_per_epoch_seconds(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((5,), max_iter=3, random_state=0).fit(X, y)
    assert [h["epoch"] for h in clf.history_] == [1, 2, 3]
    assert all(h["seconds"] >= 0 for h in clf.history_)
    assert [h["loss"] for h in clf.history_] == clf.loss_curve_


# ---------------------------------------------------------------------------
# BernoulliRBM: history, callbacks, Ctrl-C
# ---------------------------------------------------------------------------
class RBMEpochRecorder(EpochRecorder):
    """Records the RBM's mean pseudo-likelihood after each epoch."""

    @staticmethod
    def _score(estimator, X, y):
        return estimator.score_samples(X).mean()


@pytest.fixture(scope="module")
def digits01():
    from sklearn.datasets import load_digits

    return load_digits().data[:400] / 16.0


def test_rbm_history_records_each_epoch(digits01):
    from skneural import BernoulliRBM

    rbm = BernoulliRBM(n_components=32, n_iter=6, learning_rate=0.05, random_state=0)
    rbm.fit(digits01)
    assert [h["epoch"] for h in rbm.history_] == list(range(1, 7))
    err = [h["reconstruction_error"] for h in rbm.history_]
    assert all(np.isfinite(err)) and err[-1] < err[0]
    assert "pseudo_likelihood" not in rbm.history_[0]
    # the last entry is the fitted model's reconstruction error on the monitor rows
    rows = digits01[::2]
    recon = 1 / (1 + np.exp(-(rbm.transform(rows) @ rbm.components_ + rbm.intercept_visible_)))
    assert err[-1] == pytest.approx(np.mean((recon - rows) ** 2))
    # verbose adds the exact pseudo-likelihood of the same rows
    loud = BernoulliRBM(n_components=32, n_iter=2, learning_rate=0.05, random_state=0,
                        verbose=1).fit(digits01)
    assert loud.history_[-1]["pseudo_likelihood"] == pytest.approx(
        loud.score_samples(rows).mean())
    gauss = BernoulliRBM(n_components=8, n_iter=3, visible_unit="gaussian",
                         learning_rate=0.01, random_state=0)
    gauss.fit(StandardScaler().fit_transform(digits01[:, 8:16] + 0.01 * np.arange(8)))
    assert [sorted(h) for h in gauss.history_] == [["epoch", "reconstruction_error",
                                                    "seconds"]] * 3


def test_rbm_callbacks_see_each_epoch_and_can_stop(digits01):
    from skneural import BernoulliRBM

    rec = RBMEpochRecorder(stop_after=3)
    rbm = BernoulliRBM(n_components=16, n_iter=10, random_state=0).set_callbacks(rec)
    rbm.fit(digits01)
    assert rec.tasks.count("epoch") == 3 and rec.tasks[-1] == "fit"
    assert len(rbm.history_) == 3
    assert rec.scores[-1] == pytest.approx(rbm.score_samples(digits01).mean())


def test_rbm_keyboard_interrupt_keeps_weights(digits01):
    from skneural import BernoulliRBM

    rec = RBMEpochRecorder(interrupt_after=2)
    rbm = BernoulliRBM(n_components=16, n_iter=10, random_state=0).set_callbacks(rec)
    with pytest.warns(UserWarning, match="interrupted"):
        rbm.fit(digits01)
    assert np.isfinite(rbm.components_).all()
    assert rbm.score_samples(digits01).mean() == pytest.approx(rec.scores[-1])


def test_rbm_progress_bar_runs(digits01, capsys):
    from skneural import BernoulliRBM

    BernoulliRBM(n_components=8, n_iter=2).set_callbacks(ProgressBar()).fit(digits01)
    out = capsys.readouterr()
    assert "BernoulliRBM" in out.out + out.err


# ---------------------------------------------------------------------------
# Ctrl-C during L-BFGS
# ---------------------------------------------------------------------------
def _fit_catching_interrupt(est, X, y):
    """A KeyboardInterrupt escaping fit would end the pytest session: fail instead."""
    try:
        est.fit(X, y)
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped fit")


def test_lbfgs_keyboard_interrupt_from_a_callback_keeps_weights(iris):
    X, y = iris
    rec = EpochRecorder(interrupt_after=3)
    clf = MLPClassifier((10,), solver="lbfgs", max_iter=200, random_state=0)
    with pytest.warns(UserWarning, match="interrupted"):
        _fit_catching_interrupt(clf.set_callbacks(rec), X, y)
    assert clf.interrupted_ is True
    assert clf.n_iter_ == 3 == len(clf.history_)
    assert clf.score(X, y) == pytest.approx(rec.scores[-1])
    assert clf.loss_ == clf.history_[-1]["loss"]


def test_lbfgs_keyboard_interrupt_mid_line_search_keeps_the_last_iterate(iris, monkeypatch):
    """Ctrl-C inside a loss evaluation (params hold a trial point): the model
    keeps the last completed iterate, the weights a max_iter=n_iter_ fit ends
    with, bit for bit."""
    from skneural import _backend

    X, y = iris
    real = _backend.get_kernels("cpu")
    calls = {"n": 0}

    class Interrupting:
        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def full_loss_grad(*args):
            calls["n"] += 1
            if calls["n"] == 9:
                raise KeyboardInterrupt
            return real.full_loss_grad(*args)

    monkeypatch.setattr(_backend, "get_kernels", lambda device: Interrupting())
    clf = MLPRegressor(hidden_layer_sizes=(6,), solver="lbfgs", max_iter=100, random_state=0)
    with pytest.warns(UserWarning, match="interrupted"):
        _fit_catching_interrupt(clf, X, X[:, 0])
    monkeypatch.undo()
    assert clf.interrupted_ and 0 < clf.n_iter_ < 8
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = MLPRegressor(hidden_layer_sizes=(6,), solver="lbfgs", max_iter=clf.n_iter_,
                           random_state=0).fit(X, X[:, 0])
    for a, b in zip(clf.coefs_ + clf.intercepts_, ref.coefs_ + ref.intercepts_):
        assert np.array_equal(a, b)
    assert clf.loss_ == ref.loss_
    assert not ref.interrupted_


def test_stochastic_keyboard_interrupt_sets_interrupted(iris):
    X, y = iris
    clf = MLPClassifier((10,), max_iter=50, random_state=0)
    with pytest.warns(UserWarning, match="interrupted"):
        clf.set_callbacks(EpochRecorder(interrupt_after=2)).fit(X, y)
    assert clf.interrupted_ is True
    clf.set_callbacks(EpochRecorder())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.set_params(max_iter=2).fit(X, y)
    assert clf.interrupted_ is False


# ---------------------------------------------------------------------------
# BernoulliRBM + sklearn's ScoringMonitor: the pseudo-likelihood per epoch
# ---------------------------------------------------------------------------
_NOISE = 0.05  # bit-flip probability of the easy dataset


@pytest.fixture(scope="module")
def prototypes():
    """400 noisy copies of four 24-bit prototypes: an RBM with 8 hidden units models
    them almost perfectly (binary data: the pseudo-likelihood is unambiguous)."""
    rng = np.random.RandomState(0)
    half = [1.0] * 12 + [0.0] * 12
    protos = np.array([half, half[::-1], [1.0, 0.0] * 12, [0.0, 1.0] * 12])
    flips = rng.rand(400, 24) < _NOISE
    return np.abs(protos[rng.randint(0, 4, 400)] - flips)


def _pseudo_likelihood_reference(V, W, b_hidden, b_visible):
    """Mean exact log pseudo-likelihood by brute force: for every row and feature,
    log p(v) - log(p(v with v_i = 0) + p(v with v_i = 1)), with the unnormalised
    log p(v) = b_visible . v + sum_j softplus(b_hidden_j + W_j . v)."""
    def log_p(M):
        return M @ b_visible + np.logaddexp(0.0, M @ W.T + b_hidden).sum(axis=1)

    total = np.zeros(V.shape[0])
    for i in range(V.shape[1]):
        V0, V1 = V.copy(), V.copy()
        V0[:, i], V1[:, i] = 0.0, 1.0
        total += log_p(V) - np.logaddexp(log_p(V0), log_p(V1))
    return total.mean()


class WeightRecorder:
    """Copies the weights of each epoch's fitted_estimator."""

    def __init__(self):
        self.weights = []

    def setup(self, estimator, context):
        pass

    def teardown(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(self, estimator, context, *, fitted_estimator=None):
        if context.task_name == "epoch":
            self.weights.append(tuple(getattr(fitted_estimator, name).copy() for name in (
                "components_", "intercept_hidden_", "intercept_visible_")))


def test_scoring_monitor_records_the_rbm_pseudo_likelihood(prototypes):
    from skneural import BernoulliRBM

    X = prototypes
    sm = ScoringMonitor(scoring={"pseudo_likelihood":
                                 lambda est, X, y: est.score_samples(X).mean()})
    weights = WeightRecorder()
    rbm = BernoulliRBM(n_components=8, n_iter=10, learning_rate=0.1, random_state=0)
    rbm.set_callbacks(sm, weights).fit(X)  # no y: the RBM is unsupervised
    df = sm.get_logs().data_as_pandas
    epochs = df[df["task_name"] == "epoch"]
    pl = epochs["pseudo_likelihood"].to_numpy()
    assert len(pl) == 10 == len(weights.weights)
    # each value is the pseudo-likelihood of that epoch's weights, computed here by
    # brute force; both float64 over 24 terms of size < 1 per row: rounding ~1e-14
    for value, (W, bh, bv) in zip(pl, weights.weights):
        assert value == pytest.approx(_pseudo_likelihood_reference(X, W, bh, bv), rel=1e-9)
    # the "fit" row scores the final model
    final = df[df["task_name"] == "fit"]["pseudo_likelihood"].iloc[0]
    assert final == pytest.approx(_pseudo_likelihood_reference(
        X, rbm.components_, rbm.intercept_hidden_, rbm.intercept_visible_), rel=1e-9)
    # it rises: near-zero initial weights give about -log 2 per feature; a model of
    # the four prototypes approaches the noise's entropy, -H(0.05) = -0.199 per
    # feature. The first epoch is still on the untrained side of the midpoint and
    # the last is past it.
    untrained, ideal = -np.log(2.0), _NOISE * np.log(_NOISE) + (1 - _NOISE) * np.log(1 - _NOISE)
    midpoint = 24 * (untrained + ideal) / 2
    assert pl[0] < midpoint < pl[-1]
    assert pl[-1] < 24 * ideal  # no model beats the noise
    assert pl[-1] > pl[0]


def test_rbm_callbacks_receive_the_fit_y_or_a_nan_placeholder(prototypes):
    from skneural import BernoulliRBM

    seen = []

    def scorer(est, X, y):
        seen.append(np.asarray(y, dtype=float).copy())
        return {"rows": X.shape[0]}

    labels = np.arange(len(prototypes)) % 3
    BernoulliRBM(n_components=4, n_iter=2, random_state=0).set_callbacks(
        ScoringMonitor(scoring=scorer)).fit(prototypes, labels)
    assert len(seen) == 3  # two epochs and the fit
    assert all(np.array_equal(y, labels) for y in seen)
    seen.clear()
    BernoulliRBM(n_components=4, n_iter=2, random_state=0).set_callbacks(
        ScoringMonitor(scoring=scorer)).fit(prototypes)
    assert len(seen) == 3
    assert all(y.shape == (len(prototypes),) and np.isnan(y).all() for y in seen)
