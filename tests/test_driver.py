"""The epoch driver's pieces (skneural._driver), each on its own, then the one
restore branch through the estimator."""

import warnings
from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler

from skneural import MLPClassifier
from skneural._driver import (
    BestWeights,
    DivergenceGuard,
    EpochCallbacks,
    ImprovementTracker,
)


# ---------------------------------------------------------------------------
# DivergenceGuard
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("untrained,limit", [(5.0, 5e6), (1e-9, 1e6), (np.inf, np.inf),
                                             (np.nan, np.inf)])
def test_guard_limit_is_factor_times_untrained_loss_floored_at_one(untrained, limit):
    guard = DivergenceGuard(lambda: 0.0, untrained)
    assert guard.limit == limit


def test_guard_rejects_exploded_and_non_finite_losses_and_weights():
    guard = DivergenceGuard(lambda: 0.0, 2.0)
    assert guard.ok(2e6) and guard.ok(2e6, np.ones(3))
    assert not guard.ok(2e6 * 1.0000001)
    assert not guard.ok(np.nan) and not guard.ok(np.inf)
    assert not guard.ok(1.0, np.array([1.0, np.nan]))
    assert not guard.ok(1.0, np.array([np.inf]))


def test_guard_rolls_back_to_the_first_candidate_with_a_sane_loss():
    weights = {"now": None}
    losses = {"a": 1e12, "b": 3.0}  # "a" (this epoch's start) is itself exploded
    guard = DivergenceGuard(lambda: losses[weights["now"]], 1.0)

    def restore(state):
        weights["now"] = state

    assert guard.roll_back(["a", "b"], restore) == "from before the previous epoch"
    assert weights["now"] == "b"
    losses["a"] = 2.0
    assert guard.roll_back(["a", "b"], restore) == "from before this epoch"
    assert weights["now"] == "a"
    # nothing sane: the last candidate is kept; a missing one is skipped
    losses["a"] = losses["b"] = np.nan
    assert guard.roll_back([None, "b"], restore) == "from before this epoch"
    assert weights["now"] == "b"


# ---------------------------------------------------------------------------
# ImprovementTracker
# ---------------------------------------------------------------------------
def _est(best_loss=np.inf, **kw):
    return SimpleNamespace(loss_curve_=[], best_loss_=best_loss, validation_scores_=[],
                           validation_loss_curve_=[], best_validation_score_=-np.inf,
                           best_validation_loss_=np.inf, _no_improvement_count=0, **kw)


def test_tracker_counts_epochs_without_tol_improvement_of_the_training_loss():
    est = _est()
    tracker = ImprovementTracker(est, tol=0.1, monitor="val_score")
    counts = []
    for loss in [1.0, 0.95, 0.8, 0.79, 0.85, 0.5]:
        est.loss_curve_.append(loss)
        assert tracker.update({}, has_val=False) is False
        counts.append(est._no_improvement_count)
    # 0.95 > 1.0 - 0.1: no real improvement; 0.8 is; 0.79 and 0.85 are not; 0.5 is
    assert counts == [0, 1, 0, 1, 2, 0]
    assert est.best_loss_ == 0.5


@pytest.mark.parametrize("monitor,records,counts,better", [
    ("val_score", [(0.5, 1.0), (0.55, 0.9), (0.52, 0.8), (0.70, 0.95)],
     [0, 1, 2, 0], [True, True, False, True]),
    ("val_loss", [(0.5, 1.0), (0.55, 0.95), (0.52, 0.8), (0.70, 0.85)],
     [0, 1, 0, 1], [True, True, True, False]),
])
def test_tracker_watches_the_monitored_validation_metric(monitor, records, counts, better):
    est = _est(best_loss=None)
    tracker = ImprovementTracker(est, tol=0.1, monitor=monitor)
    got_counts, got_better = [], []
    for score, vloss in records:
        est.loss_curve_.append(1.0)
        got_better.append(tracker.update({"val_score": score, "val_loss": vloss}, True))
        got_counts.append(est._no_improvement_count)
    assert got_counts == counts and got_better == better
    assert est.best_validation_score_ == max(r[0] for r in records)
    assert est.best_validation_loss_ == min(r[1] for r in records)
    assert est.validation_scores_ == [r[0] for r in records]
    assert est.best_loss_ is None  # early stopping on a split keeps no best training loss


# ---------------------------------------------------------------------------
# BestWeights
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("restore,early,has_val,expect", [
    (None, False, False, "last"),        # scikit-learn's default: keep the last weights
    (None, True, True, "best_val"),      # early stopping restores the best validation epoch
    (True, False, True, "best_val"),     # a user's validation set without early stopping
    (True, False, False, "best_train"),  # no validation set: the lowest training loss
    (False, True, True, "last"),         # explicitly off
])
def test_best_weights_chooses_the_weights_fit_ends_with(restore, early, has_val, expect):
    est = SimpleNamespace(_best_params=None)
    best = BestWeights(est, restore, early)
    params = np.array([0.0])
    # epoch 1: best on validation and training; epoch 2: worse on both; epoch 3: last
    for value, val_better, train_better in [(1.0, True, True), (2.0, False, False),
                                            (3.0, False, False)]:
        params[:] = value
        best.epoch_done(params, val_better and has_val, train_better, has_val)
    final = best.final(params, has_val)
    assert final[0] == {"last": 3.0, "best_val": 1.0, "best_train": 1.0}[expect]
    assert (final is params) == (expect == "last")


def test_best_weights_keeps_copies_not_views():
    est = SimpleNamespace(_best_params=None)
    best = BestWeights(est, True, False)
    params = np.array([1.0])
    best.epoch_done(params, True, True, True)
    params[:] = 9.0
    assert est._best_params[0] == 1.0 and best.final(params, True)[0] == 1.0


# ---------------------------------------------------------------------------
# EpochCallbacks
# ---------------------------------------------------------------------------
class _Ctx:
    def __init__(self, stop_after):
        self.calls = []
        self.stop_after = stop_after

    def subcontext(self, task_name):
        self.calls.append(("sub", task_name))
        return self

    def call_on_fit_task_begin(self, **kw):
        self.calls.append(("begin", sorted(kw)))

    def call_on_fit_task_end(self, **kw):
        self.calls.append(("end", sorted(kw)))
        return sum(c[0] == "end" for c in self.calls) >= self.stop_after


def test_callbacks_open_one_epoch_subtask_and_report_a_stop_request():
    ctx = _Ctx(stop_after=2)
    cb = EpochCallbacks(ctx, "est", "X", "y", None, lambda: {})
    cb.begin()
    assert cb.end() is False
    cb.begin()
    assert cb.end() is True
    assert ctx.calls[0] == ("sub", "epoch")
    assert ctx.calls[1] == ("begin", ["X", "estimator", "metadata", "y"])
    assert ctx.calls[2][1] == ["X", "estimator", "metadata", "reconstruction_attributes", "y"]


# ---------------------------------------------------------------------------
# through the estimator: the branch no earlier test reached
# ---------------------------------------------------------------------------
def test_restore_best_weights_with_a_validation_set_but_no_early_stopping():
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    rng = np.random.RandomState(0)
    idx = rng.permutation(len(y))
    tr, va = idx[:100], idx[100:]
    kw = dict(hidden_layer_sizes=(3,), solver="sgd", learning_rate_init=0.5, max_iter=40,
              random_state=0, n_iter_no_change=np.inf)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kept = MLPClassifier(**kw).fit(X[tr], y[tr], X_val=X[va], y_val=y[va])
        restored = MLPClassifier(restore_best_weights=True, **kw).fit(
            X[tr], y[tr], X_val=X[va], y_val=y[va])
    scores = restored.validation_scores_
    best_epoch = int(np.argmax(scores))
    assert best_epoch < len(scores) - 1, "the test needs a best epoch before the last"
    # ends with the best validation epoch's weights: its score, not the last one's
    assert restored.score(X[va], y[va]) == pytest.approx(scores[best_epoch])
    assert kept.score(X[va], y[va]) == pytest.approx(scores[-1])
    assert restored.validation_scores_ == kept.validation_scores_
