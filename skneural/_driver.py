"""The epoch driver: what happens between two compiled epochs.

One loop (:func:`run_epochs`) for every stochastic solver, assembled from
small pieces that are tested one by one (tests/test_driver.py):

* :class:`DivergenceGuard` -- an epoch loss above ``factor`` times the
  untrained network's loss (floored at 1), or non-finite weights, stops
  training and rolls back to the last good weights;
* :class:`ImprovementTracker` -- the ``tol`` / ``n_iter_no_change`` rule on the
  training loss or the monitored validation metric (scikit-learn's), and the
  best scores;
* :class:`BestWeights` -- which weights ``fit`` ends with when
  ``restore_best_weights`` asks for the best epoch;
* :class:`EpochCallbacks` -- scikit-learn's callback protocol, one subtask per
  epoch;
* interruption -- Ctrl-C ends training after the current epoch's weights,
  keeping them (or the epoch's start if they are not finite).

The learning-rate schedule is :class:`skneural._engine.LearningRateSchedule`.
"""

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning

DIVERGENCE_FACTOR = 1e6


class DivergenceWarning(ConvergenceWarning):
    """Training produced a non-finite loss or weights and was stopped."""


class DivergenceGuard:
    """Detect exploded epochs and roll back to the last good weights.

    ``current_loss()`` evaluates the current weights (on a subset of rows, in
    the units of an epoch loss); ``untrained`` is the loss measured before the
    first epoch of the model's life.  The limit is ``factor * max(untrained,
    1)``: the floor of 1 -- outputs off by about one unit, an untrained
    network's scale -- keeps a problem whose targets and initial outputs are
    tiny from calling ordinary first steps divergence.  A non-finite
    untrained loss (weights set by hand, data far out of scale) disables the
    limit; non-finite epoch losses and weights are still caught.
    """

    def __init__(self, current_loss, untrained, factor=DIVERGENCE_FACTOR):
        self.current_loss = current_loss
        self.untrained = untrained
        self.factor = factor
        self.limit = factor * max(untrained, 1.0) if np.isfinite(untrained) else np.inf

    def ok(self, loss, params=None):
        if not (np.isfinite(loss) and loss <= self.limit):
            return False
        return params is None or bool(np.isfinite(params).all())

    def roll_back(self, candidates, restore):
        """Restore the first candidate whose loss is not exploded (else the
        last one); return the phrase that says which it is.

        An epoch's loss is measured while the epoch updates the weights, so the
        weights an accepted epoch ends with have not been evaluated: candidates
        are the start of the diverged epoch, checked here, then the start of the
        epoch before, whose first minibatch was evaluated there.
        """
        names = ["from before this epoch", "from before the previous epoch"]
        candidates = [c for c in candidates if c is not None]
        for i, state in enumerate(candidates):
            restore(state)
            with np.errstate(all="ignore"):
                loss = self.current_loss()
            if self.ok(loss) or i == len(candidates) - 1:
                return names[i]
        return names[0]


class ImprovementTracker:
    """scikit-learn's no-improvement rule and the best scores, on an estimator.

    Reads and writes the estimator's ``loss_curve_``, ``best_loss_``,
    ``validation_scores_``, ``validation_loss_curve_``,
    ``best_validation_score_``, ``best_validation_loss_`` and
    ``_no_improvement_count`` (they persist across warm starts).
    """

    def __init__(self, est, tol, monitor):
        self.est = est
        self.tol = tol
        self.monitor = monitor

    def update(self, record, has_val):
        """Record an epoch; return True when the validation metric improved."""
        est, tol = self.est, self.tol
        if has_val:
            score, vloss = record["val_score"], record["val_loss"]
            est.validation_scores_.append(score)
            est.validation_loss_curve_.append(vloss)
            if self.monitor == "val_score":
                worse = score < est.best_validation_score_ + tol
                better = score > est.best_validation_score_
            else:
                worse = vloss > est.best_validation_loss_ - tol
                better = vloss < est.best_validation_loss_
            est._no_improvement_count = est._no_improvement_count + 1 if worse else 0
            est.best_validation_score_ = max(est.best_validation_score_, score)
            est.best_validation_loss_ = min(est.best_validation_loss_, vloss)
            if est.best_loss_ is not None and est.loss_curve_[-1] < est.best_loss_:
                est.best_loss_ = est.loss_curve_[-1]
            return better
        if est.loss_curve_[-1] > est.best_loss_ - tol:
            est._no_improvement_count += 1
        else:
            est._no_improvement_count = 0
        if est.loss_curve_[-1] < est.best_loss_:
            est.best_loss_ = est.loss_curve_[-1]
        return False


class BestWeights:
    """Keep the best epoch's weights and say which weights ``fit`` ends with.

    With a validation set the best epoch is the best monitored validation
    metric (its weights are kept on the estimator as ``_best_params``, which
    persists across calls); without one, the lowest training loss.
    ``restore`` None means scikit-learn's rule: restore only with early
    stopping (on a validation set).
    """

    def __init__(self, est, restore, early_stopping):
        self.est = est
        self.restore = early_stopping if restore is None else bool(restore)
        self.best_train = None

    def epoch_done(self, params, improved_val, improved_train, has_val):
        if improved_val:
            self.est._best_params = params.copy()
        if self.restore and not has_val and improved_train:
            self.best_train = params.copy()

    def final(self, params, has_val):
        """The weights to end with (``params`` itself when nothing is restored)."""
        if not self.restore:
            return params
        if has_val:
            return self.est._best_params
        return self.best_train if self.best_train is not None else params


class EpochCallbacks:
    """scikit-learn's callback context: one ``epoch`` subtask per epoch."""

    def __init__(self, ctx, est, X, y, metadata, reconstruction_attributes):
        self.ctx = ctx
        self.kw = dict(estimator=est, X=X, y=y, metadata=metadata)
        self.recon = reconstruction_attributes
        self.epoch_ctx = None

    def begin(self):
        self.epoch_ctx = self.ctx.subcontext(task_name="epoch")
        self.epoch_ctx.call_on_fit_task_begin(**self.kw)

    def end(self):
        """Return True when a callback asks to stop."""
        return bool(self.epoch_ctx.call_on_fit_task_end(
            **self.kw, reconstruction_attributes=self.recon))


def run_epochs(est, runner, *, params, snapshot, restore_state, guard, tracker, best, callbacks,
               schedule, max_iter, n_iter_no_change, n_train, incremental, validation):
    """Train up to ``max_iter`` epochs (one with ``incremental``).

    ``runner()`` trains one compiled epoch and returns its loss;
    ``snapshot()`` / ``restore_state(s)`` copy and put back the weights and
    optimizer state; ``validation(record)`` adds validation metrics to an
    epoch's record (None without a validation set).  Updates the estimator's
    fitted attributes (``n_iter_``, ``loss_``, ``loss_curve_``, ``history_``,
    ``t_``, ``interrupted_``) as it goes.
    """
    has_val = validation is not None
    start_state = prev_start = None
    diverged = False
    for _ in range(max_iter):
        try:
            callbacks.begin()
            schedule.epoch_begins(est.n_iter_)
            start_state = snapshot()
            t0 = time.perf_counter()
            loss = runner()
            seconds = time.perf_counter() - t0
            if not guard.ok(loss, params):
                kept = guard.roll_back([start_state, prev_start], restore_state)
                diverged = True
                warnings.warn(
                    "Training diverged at epoch %d (loss=%r, more than %.0e times the "
                    "untrained loss or non-finite): stopped and restored the weights "
                    "%s. Lower the learning rate or scale the inputs."
                    % (est.n_iter_ + 1, loss, guard.factor, kept), DivergenceWarning)
                break
            prev_start = start_state
            est._epoch_count += 1
            est.n_iter_ += 1
            est.loss_ = float(loss)
            est.t_ += n_train
            est.loss_curve_.append(est.loss_)
            record = {"epoch": est.n_iter_, "loss": est.loss_, "seconds": seconds,
                      "learning_rate": float(schedule.learning_rate)}
            if has_val:
                record.update(validation(record))
            est.history_.append(record)
            if est.verbose:
                est._print_epoch(record, max_iter)
            improved_train = est.loss_ < (est.best_loss_ if est.best_loss_ is not None
                                          else np.inf)
            improved_val = tracker.update(record, has_val)
            best.epoch_done(params, improved_val, improved_train, has_val)
            schedule.iteration_ends(est.t_)
            stop = False
            if est._no_improvement_count > n_iter_no_change:
                if has_val and est.early_stopping:
                    msg = ("Validation %s did not improve more than tol=%f for %d consecutive "
                           "epochs." % ("score" if tracker.monitor == "val_score" else "loss",
                                        tracker.tol, n_iter_no_change))
                else:
                    msg = ("Training loss did not improve more than tol=%f for %d consecutive "
                           "epochs." % (tracker.tol, n_iter_no_change))
                if schedule.trigger_stopping(msg, est.verbose):
                    stop = True
                else:
                    est._no_improvement_count = 0
            if callbacks.end():
                stop = True
        except KeyboardInterrupt:
            if not np.isfinite(params).all() and start_state is not None:
                restore_state(start_state)
            est.interrupted_ = True
            warnings.warn("Training interrupted by the user after %d epoch(s); keeping the "
                          "current weights." % est.n_iter_, UserWarning)
            break
        if stop or incremental:
            break
        if est.n_iter_ == max_iter:
            warnings.warn("Stochastic Optimizer: Maximum iterations (%d) reached and the "
                          "optimization hasn't converged yet." % max_iter, ConvergenceWarning)
    if not incremental:
        final = best.final(params, has_val)
        if final is not params:
            params[:] = final
    if start_state is not None and not diverged and not est.interrupted_:
        # the weights an epoch ends with are evaluated by the next epoch; the last
        # epoch's, by this check
        with np.errstate(all="ignore"):
            end_loss = guard.current_loss()
        if not guard.ok(end_loss):
            kept = guard.roll_back([start_state, prev_start], restore_state)
            warnings.warn(
                "Training diverged in epoch %d (the weights it ended with have a loss of %r, "
                "more than %.0e times the untrained loss): restored the weights %s. Lower the "
                "learning rate or scale the inputs."
                % (est.n_iter_, end_loss, guard.factor, kept.replace("this", "that")),
                DivergenceWarning)
