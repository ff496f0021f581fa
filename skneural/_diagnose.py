"""``diagnose``: a training-recipe check of a multilayer perceptron in one call.

The habits of the classic recipe (check the loss at initialisation, overfit one
small batch, look at the gradients and at the hidden units, start the output
bias at the class prior) are each a few lines of NumPy; this module runs them
all on the user's own estimator and data and says, line by line, what looks
wrong.

Everything is computed through the estimator's public API: the initial weights
come from a clone whose one ``partial_fit`` step is too small to move them
(plain SGD with a learning rate of 1e-300, below the rounding of any weight),
the training check from a clone fitted on a few rows, and the loss, gradients
and hidden activations from ``coefs_`` / ``intercepts_`` by a NumPy forward and
backward pass of the same objective the solvers minimise.
"""

import warnings

import numpy as np
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.pipeline import Pipeline
from sklearn.utils import check_random_state
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_array, column_or_1d

from ._multilayer_perceptron import MLPClassifier, MLPRegressor
from .solvers import solver_family

__all__ = ["diagnose", "Diagnosis"]

# learning rate of the initialising partial_fit: w - 1e-300 * g rounds back to w
# for every weight (|w| >= 1e-280 in float64 needs |g| < 1e+20); float32 rounds
# the rate itself to 0
_NO_STEP = 1e-300

# a unit is dead (relu) or saturated (logistic, tanh) when its activation's
# derivative is under this share of the derivative's maximum on every row of X
# (relu: inactive; logistic: a < 0.013 or a > 0.987; tanh: |a| > 0.975): it
# passes no gradient and cannot recover
_FLAT = 0.05
# more stuck hidden units than this share: flagged (one unit in ten learns nothing)
_MAX_STUCK_SHARE = 0.10
# softmax / logistic outputs with logits of standard deviation s start at about
# log k + s^2/2 (softmax) or log 2 + s^2/8 (one logistic unit). An excess of
# 1 nat means that the untrained net gives the true class, on (geometric)
# average, under 1/e of the uninformed probability: confidently wrong
_MAX_EXCESS_NATS = 1.0
# regression: uncorrelated initial outputs p give E(y - p)^2 = E y^2 + E p^2; a
# loss over twice the zero-output expectation means outputs wider than targets
_MAX_LOSS_RATIO = 2.0
# layers whose relative gradient ||dL/dW|| / ||W|| differ by more than this factor
# learn at rates that differ as much under SGD: vanishing or exploding gradients
_MAX_GRADIENT_SPREAD = 100.0
# the output bias is far from the prior when the odds of some class are off by
# more than a factor of 2 (softmax logits are compared after centring), or, for
# regression, when it is more than one standard deviation from the mean (a
# constant prediction with twice the loss of the best constant)
_MAX_BIAS_LOG_ODDS = np.log(2.0)
_MAX_BIAS_STD = 1.0
# the overfitting check reaches at least this R^2 on its rows (regression)
_MIN_OVERFIT_R2 = 0.99

_SUPPORTED = (MLPClassifier, MLPRegressor)
_SNNS_HINT = ("the SNNS learning functions train logistic outputs on a sum of squared "
              "errors, which this recipe's expectations do not describe")


def _activation(name, Z):
    if name == "identity":
        return Z
    if name == "logistic":
        return 0.5 * (1.0 + np.tanh(0.5 * Z))  # the logistic, without exp overflow
    if name == "tanh":
        return np.tanh(Z)
    if name == "relu":
        return np.maximum(Z, 0.0)
    if name == "leaky_relu":
        return np.where(Z > 0, Z, 0.01 * Z)
    if name == "elu":
        return np.where(Z > 0, Z, np.expm1(np.minimum(Z, 0.0)))
    if name == "softplus":
        return np.logaddexp(0.0, Z)
    if name == "softmax":
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)
    if name == "exp":
        return np.exp(Z)
    raise ValueError("unknown activation %r" % name)


def _derivative(name, Z):
    """d act / dz at the pre-activations Z, and the derivative's maximum."""
    if name == "identity":
        return np.ones_like(Z), 1.0
    if name == "logistic":
        A = _activation("logistic", Z)
        return A * (1.0 - A), 0.25
    if name == "tanh":
        return 1.0 - np.tanh(Z) ** 2, 1.0
    if name == "relu":
        return (Z > 0).astype(Z.dtype), 1.0
    if name == "leaky_relu":
        return np.where(Z > 0, 1.0, 0.01), 1.0
    if name == "elu":
        return np.where(Z > 0, 1.0, np.exp(np.minimum(Z, 0.0))), 1.0
    if name == "softplus":
        return _activation("logistic", Z), 1.0
    raise ValueError("unknown activation %r" % name)


def _forward(model, X):
    """Pre-activations of every layer (float64) and the network's output."""
    A = np.asarray(X, dtype=np.float64)
    Zs = []
    n_layers = len(model.coefs_)
    for i, (W, b) in enumerate(zip(model.coefs_, model.intercepts_)):
        Z = A @ np.asarray(W, dtype=np.float64) + np.asarray(b, dtype=np.float64)
        Zs.append(Z)
        last = i == n_layers - 1
        A = _activation(model.out_activation_ if last else model._hidden_activations()[i], Z)
    return Zs, A


def _objective(model, X, Y, sw):
    """The data loss the solvers minimise (without the L2 penalty, which only
    shrinks weights), its gradient per weight matrix, and the pre-activations:
    sum_r w_r loss_r / sum_r w_r."""
    Zs, P = _forward(model, X)
    norm = sw.sum()
    eps = np.finfo(np.float64).eps
    if model.out_activation_ == "softmax":
        per = -(Y * np.log(np.clip(P, eps, 1.0))).sum(axis=1)
        D = P - Y
    elif model.out_activation_ == "logistic":
        Pc = np.clip(P, eps, 1 - eps)
        per = -(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)).sum(axis=1)
        D = P - Y
    else:  # identity output, squared error: 0.5 * mean over the outputs
        per = 0.5 * ((P - Y) ** 2).mean(axis=1)
        D = (P - Y) / Y.shape[1]
    D = D * (sw / norm)[:, None]
    loss = float(per @ sw / norm)
    grads = [None] * len(model.coefs_)
    for i in range(len(model.coefs_) - 1, -1, -1):
        acts = model._hidden_activations()
        A_in = X if i == 0 else _activation(acts[i - 1], Zs[i - 1])
        grads[i] = A_in.T @ D
        if i:
            W = np.asarray(model.coefs_[i], dtype=np.float64)
            D = (D @ W.T) * _derivative(acts[i - 1], Zs[i - 1])[0]
    return loss, grads, Zs


def _prior_bias(model, Y, sw):
    """The output bias whose constant prediction is the best constant: the centred
    log prior (softmax), the log odds (logistic), the mean (identity)."""
    mean = np.average(Y, axis=0, weights=sw)
    if model.out_activation_ == "softmax":
        logp = np.log(np.clip(mean, np.finfo(np.float64).tiny, 1.0))
        return logp - logp.mean()
    if model.out_activation_ == "logistic":
        p = np.clip(mean, 1e-12, 1 - 1e-12)
        return np.log(p / (1 - p))
    return mean


def _bias_distance(model, bias, prior, y_std):
    """Distance in the unit of the verdict's threshold (see _MAX_BIAS_*)."""
    bias = np.asarray(bias, dtype=np.float64)
    if model.out_activation_ == "softmax":
        return float(np.max(np.abs((bias - bias.mean()) - prior)))
    if model.out_activation_ == "logistic":
        return float(np.max(np.abs(bias - prior)))
    return float(np.max(np.abs(bias - prior) / np.where(y_std > 0, y_std, 1.0)))


def _fmt(values, precision=3):
    """Up to six numbers in full; more as their range."""
    values = np.asarray(values, dtype=np.float64)
    if values.size <= 6:
        return np.array2string(values, precision=precision)
    return "%.*g .. %.*g (%d values)" % (precision, values.min(), precision, values.max(),
                                          values.size)


class Verdict:
    """One line of a :class:`Diagnosis`: ``ok`` and the sentence that says why."""

    def __init__(self, ok, message):
        self.ok = bool(ok)
        self.message = message

    def __repr__(self):
        return "%s  %s" % ("ok  " if self.ok else "FAIL", self.message)


class Diagnosis:
    """What :func:`diagnose` found; ``str()`` gives one verdict per line.

    Attributes
    ----------
    verdicts : dict of str to Verdict
        ``"initial_loss"``, ``"overfit_batch"``, ``"gradients"``,
        ``"stuck_units"`` and ``"output_bias"``, each with ``.ok`` and
        ``.message``.
    ok : bool
        True when every verdict is ok.
    initial_loss : float
        The data loss (the training objective without the L2 penalty) of the
        initial network on X.
    expected_initial_loss : float
        ``log k`` for a softmax over k classes, ``log 2`` per logistic output,
        ``E[y^2] / 2`` (outputs near zero) for squared error.
    best_constant_loss : float
        The loss of the best input-independent prediction (the class prior's
        entropy, or half the target variance): the baseline to beat.
    overfit_rows : int
        Rows of the small batch.
    overfit_score : float
        Training accuracy (classifier) or R^2 (regressor) on those rows after
        ``overfit_max_iter`` iterations.
    overfit_loss : float
        The final training loss on those rows (``loss_``).
    overfit_n_iter : int
    gradient_norms : ndarray of shape (n_layers - 1,)
        Frobenius norm of the data loss's gradient for each weight matrix at
        initialisation.
    weight_norms : ndarray of shape (n_layers - 1,)
    relative_gradients : ndarray of shape (n_layers - 1,)
        ``gradient_norms / weight_norms``.
    stuck_unit_share : ndarray of shape (n_hidden_layers,)
        Share of the hidden units of each layer that are dead (relu) or
        saturated (logistic, tanh) on X at initialisation.
    stuck_unit_share_fitted : ndarray or None
        The same for the fitted weights, when ``estimator`` was fitted.
    prior_output_bias : ndarray of shape (n_outputs,)
        The output bias that predicts the class prior (centred log prior for
        softmax, log odds for logistic outputs) or the target mean.
    initial_output_bias : ndarray of shape (n_outputs,)
    fitted_output_bias : ndarray or None
    initial_model : estimator
        The clone holding the initial weights everything above was computed at.
    """

    _ORDER = ("initial_loss", "overfit_batch", "gradients", "stuck_units", "output_bias")

    @property
    def ok(self):
        return all(v.ok for v in self.verdicts.values())

    def __str__(self):
        lines = ["Diagnosis of %s on %d rows: %s"
                 % (self.estimator_name, self.n_samples,
                    "every check passed" if self.ok else "%d check(s) failed"
                    % sum(not v.ok for v in self.verdicts.values()))]
        width = max(len(k) for k in self._ORDER)
        for key in self._ORDER:
            lines.append("  %-*s  %r" % (width, key, self.verdicts[key]))
        return "\n".join(lines)

    __repr__ = __str__


def _unwrap(estimator, X, y):
    """A Pipeline: its transformers turn X into the network's input (fitted clones of
    them when the pipeline is not fitted) and its last step is diagnosed."""
    if isinstance(estimator, Pipeline):
        net = estimator.steps[-1][1]
        if hasattr(net, "coefs_"):
            X = estimator[:-1].transform(X)
        else:
            X = clone(estimator[:-1]).fit_transform(X, y)
        estimator = net
    if not isinstance(estimator, _SUPPORTED):
        raise TypeError(
            "diagnose needs a skneural MLPClassifier or MLPRegressor (or a Pipeline "
            "ending in one); got %s." % type(estimator).__name__)
    if solver_family(estimator.solver) == "snns":
        raise ValueError("diagnose does not support solver=%r: %s."
                         % (estimator.solver, _SNNS_HINT))
    if isinstance(estimator, MLPRegressor) and estimator.loss != "squared_error":
        raise ValueError("diagnose supports MLPRegressor with loss='squared_error'; "
                         "got loss=%r." % estimator.loss)
    return estimator, X


def _check_data(estimator, X, y):
    X = check_array(X, dtype=np.float64, accept_sparse=False, input_name="X")
    if isinstance(estimator, MLPClassifier):
        kind = type_of_target(y, input_name="y")
        if kind not in ("binary", "multiclass"):
            raise ValueError("diagnose needs one class label per row (binary or multiclass "
                             "y); got a %s target." % kind)
        y = column_or_1d(y, warn=False)
        if y.shape[0] != X.shape[0]:
            raise ValueError("X and y have different numbers of rows: %d and %d."
                             % (X.shape[0], y.shape[0]))
        if np.unique(y).shape[0] < 2:
            raise ValueError("y has a single class; a classifier needs at least two.")
    else:
        y = check_array(y, dtype=np.float64, ensure_2d=False, input_name="y")
        if y.shape[0] != X.shape[0]:
            raise ValueError("X and y have different numbers of rows: %d and %d."
                             % (X.shape[0], y.shape[0]))
    return X, y


def _initial_model(estimator, X, y, classes):
    """A clone of the estimator holding its initial weights (see module docstring)."""
    params = dict(solver="sgd", learning_rate_init=_NO_STEP, learning_rate="constant",
                  momentum=0.0, early_stopping=False, warm_start=False, verbose=False,
                  device="cpu", batch_size="auto")
    model = clone(estimator).set_params(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if classes is not None:
            model.partial_fit(X, y, classes=classes)
        else:
            model.partial_fit(X, y)
    return model


def _overfit_rows(y, n_rows, rng, classifier):
    """n_rows rows; for a classifier taken round-robin over the classes (shuffled)."""
    n = y.shape[0]
    if n_rows >= n:
        return np.arange(n)
    if not classifier:
        return np.sort(rng.permutation(n)[:n_rows])
    queues = [rng.permutation(np.flatnonzero(y == c)).tolist() for c in np.unique(y)]
    picked = []
    while len(picked) < n_rows:
        for q in queues:
            if q and len(picked) < n_rows:
                picked.append(q.pop())
    return np.sort(np.asarray(picked))


def _stuck_share(model, Zs):
    shares = []
    for act, Z in zip(model._hidden_activations(), Zs[:-1]):
        d, peak = _derivative(act, Z)
        shares.append(float((d < _FLAT * peak).all(axis=0).mean()))
    return np.asarray(shares)


def diagnose(estimator, X, y, *, overfit_rows=20, overfit_max_iter=500, random_state=0):
    """Check a network's training recipe on your data, one verdict per check.

    Five checks, each with a one-line verdict:

    1. **initial loss**: the untrained network's loss against what an
       uninformed net gives (``log k`` for a softmax over k classes, ``log 2``
       per logistic output, ``E[y^2]/2`` for squared error with outputs near 0).
       Far above it, the initial weights are too large: the net starts
       confidently wrong.
    2. **overfit one small batch**: a clone trained on ``overfit_rows`` rows
       for ``overfit_max_iter`` iterations must reach 100 % training accuracy
       (R^2 >= 0.99 for regression).  If it cannot, something is broken (too
       small a net, too low a learning rate, a target it cannot express).
    3. **gradient norms per layer** at initialisation: the relative gradient
       ``||dL/dW|| / ||W||`` of the layers must not differ by more than a factor
       of 100 (vanishing or exploding gradients).
    4. **dead and saturated units**: the share of hidden units whose
       activation's derivative is under 5 % of its maximum on every row of X
       (dead relu units; saturated logistic or tanh units) at initialisation,
       and for a fitted estimator also after training; more than 10 % in any
       layer is flagged.
    5. **output bias against the prior**: the bias that makes the untrained
       net predict the class prior (centred log prior for softmax, log odds
       for a logistic output) or the target mean; the initial bias (and the
       fitted one, if the estimator is fitted) is far from it when some
       class's odds differ by more than a factor of 2 (regression: more than
       one standard deviation of the target).

    Parameters
    ----------
    estimator : MLPClassifier, MLPRegressor or Pipeline
        The network to check, fitted or not; a Pipeline's transformers are
        fitted on X and the network (its last step) is checked on their output.
        Solvers of the SNNS family and losses other than squared error
        (regression) are not supported.
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        Class labels (binary or multiclass) or regression targets.
    overfit_rows : int, default=20
        Rows of the small batch of check 2.
    overfit_max_iter : int, default=500
        Iterations (epochs; one step each on so few rows) of check 2.
    random_state : int, RandomState instance or None, default=0
        Picks the rows of check 2.

    Returns
    -------
    Diagnosis
        ``str()`` / ``repr()`` shows the verdicts; the numbers are attributes.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skneural import MLPClassifier, diagnose
    >>> X, y = load_digits(return_X_y=True)
    >>> report = diagnose(MLPClassifier(random_state=0), X / 16, y)
    >>> report.verdicts["initial_loss"].ok, round(report.expected_initial_loss, 3)
    (True, 2.303)
    >>> report.ok
    True
    """
    estimator, X = _unwrap(estimator, X, y)
    X, y = _check_data(estimator, X, y)
    for name, value, low in (("overfit_rows", overfit_rows, 2),
                             ("overfit_max_iter", overfit_max_iter, 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                or value < low:
            raise ValueError("%s must be a whole number >= %d; got %r." % (name, low, value))
    classifier = isinstance(estimator, MLPClassifier)
    classes = np.unique(y) if classifier else None
    fitted = hasattr(estimator, "coefs_")

    model = _initial_model(estimator, X, y, classes)
    if classifier:
        Y = model._label_binarizer.transform(y).astype(np.float64)
        sw = (compute_sample_weight(estimator.class_weight, y)
              if estimator.class_weight is not None else np.ones(X.shape[0]))
    else:
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        sw = np.ones(X.shape[0])

    report = Diagnosis()
    report.estimator_name = type(estimator).__name__
    report.n_samples = X.shape[0]
    report.initial_model = model
    verdicts = {}

    # 1. initial loss
    loss, grads, Zs = _objective(model, X, Y, sw)
    mean_y = np.average(Y, axis=0, weights=sw)
    if model.out_activation_ == "softmax":
        k = Y.shape[1]
        expected = float(np.log(k))
        best = float(-(mean_y * np.log(np.clip(mean_y, 1e-300, 1))).sum())
        what = "log %d for %d classes" % (k, k)
    elif model.out_activation_ == "logistic":
        expected = float(Y.shape[1] * np.log(2.0))
        p = np.clip(mean_y, 1e-300, 1 - 1e-16)
        best = float(-(p * np.log(p) + (1 - p) * np.log1p(-p)).sum())
        what = "log 2 for a logistic output"
    else:
        expected = float(0.5 * np.average((Y ** 2).mean(axis=1), weights=sw))
        best = float(0.5 * np.average(((Y - mean_y) ** 2).mean(axis=1), weights=sw))
        what = "E[y^2]/2 with outputs near 0"
    report.initial_loss, report.expected_initial_loss = loss, expected
    report.best_constant_loss = best
    if model.out_activation_ == "identity":
        good = np.isfinite(loss) and loss <= _MAX_LOSS_RATIO * expected
        advice = "" if good else ": the initial outputs spread more than the targets; " \
                                 "smaller initial weights or scaled inputs"
    else:
        good = np.isfinite(loss) and abs(loss - expected) <= _MAX_EXCESS_NATS
        advice = "" if good else ": the untrained net is confidently wrong; smaller " \
                                 "initial weights or scaled inputs"
    verdicts["initial_loss"] = Verdict(good, "initial loss %.4g, expected %.4g (%s); the best "
                                       "constant prediction scores %.4g%s"
                                       % (loss, expected, what, best, advice))

    # 2. overfit one small batch
    rng = check_random_state(random_state)
    rows = _overfit_rows(y, overfit_rows, rng, classifier)
    small = clone(estimator).set_params(
        max_iter=overfit_max_iter, early_stopping=False, tol=0.0,
        n_iter_no_change=overfit_max_iter, warm_start=False, verbose=False)
    if small.batch_size != "auto" and small.batch_size > rows.shape[0]:
        small.set_params(batch_size=rows.shape[0])  # what fit would clip it to, unwarned
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        small.fit(X[rows], y[rows])
    score = float(small.score(X[rows], y[rows]))
    report.overfit_rows = rows.shape[0]
    report.overfit_score, report.overfit_loss = score, float(small.loss_)
    report.overfit_n_iter = int(small.n_iter_)
    if classifier:
        good = score == 1.0
        what = "training accuracy %.3f" % score
    else:
        good = score >= _MIN_OVERFIT_R2
        what = "training R^2 %.4f" % score
    verdicts["overfit_batch"] = Verdict(good, "%s on %d rows after %d iterations (loss %.3g)%s"
                                        % (what, rows.shape[0], small.n_iter_, small.loss_,
                                           "" if good else ": the net cannot even memorise "
                                           "a few rows; more capacity or a larger "
                                           "learning rate%s" % (
                                               "" if classifier else
                                               " (or standardised targets)")))

    # 3. gradient norms per layer
    gnorm = np.array([np.linalg.norm(g) for g in grads])
    wnorm = np.array([np.linalg.norm(np.asarray(W, dtype=np.float64)) for W in model.coefs_])
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = gnorm / wnorm
        spread = rel.max() / rel.min()
    report.gradient_norms, report.weight_norms, report.relative_gradients = gnorm, wnorm, rel
    good = bool(np.all(np.isfinite(rel)) and rel.min() > 0 and spread <= _MAX_GRADIENT_SPREAD)
    verdicts["gradients"] = Verdict(good, "|dL/dW| per layer %s, relative to |W| %s%s" % (
        _fmt(gnorm), _fmt(rel),
        "" if good else ": the layers would learn at rates %s apart; vanishing or exploding "
        "gradients (another activation or initial scale)" % (
            "infinitely" if not np.isfinite(spread) else "%.3g times" % spread)))

    # 4. dead and saturated hidden units
    shares = _stuck_share(model, Zs)
    report.stuck_unit_share = shares
    report.stuck_unit_share_fitted = None
    acts = set(model._hidden_activations())
    kind = {"relu": "dead", "logistic": "saturated", "tanh": "saturated"}.get(
        acts.pop(), "stuck") if len(acts) == 1 else "dead or saturated"
    worst = shares.max() if shares.size else 0.0
    message = "share of %s units per hidden layer at initialisation: %s" % (
        kind, _fmt(shares, 2))
    good = worst <= _MAX_STUCK_SHARE
    if fitted:
        fitted_shares = _stuck_share(estimator, _forward(estimator, X)[0])
        report.stuck_unit_share_fitted = fitted_shares
        message += ", after fitting: %s" % _fmt(fitted_shares, 2)
        good = good and (fitted_shares.max() if fitted_shares.size else 0.0) <= _MAX_STUCK_SHARE
    if not good:
        message += ": over %d %% of a layer passes no gradient" % round(100 * _MAX_STUCK_SHARE)
    verdicts["stuck_units"] = Verdict(good, message)

    # 5. output bias against the prior
    prior = _prior_bias(model, Y, sw)
    y_std = np.sqrt(np.average((Y - mean_y) ** 2, axis=0, weights=sw))
    report.prior_output_bias = prior
    report.initial_output_bias = np.asarray(model.intercepts_[-1], dtype=np.float64).copy()
    report.fitted_output_bias = None
    distance = _bias_distance(model, report.initial_output_bias, prior, y_std)
    limit = _MAX_BIAS_STD if model.out_activation_ == "identity" else _MAX_BIAS_LOG_ODDS
    unit = "standard deviations" if model.out_activation_ == "identity" else "in log odds"
    name = {"softmax": "centred log prior", "logistic": "log odds of the prior",
            "identity": "target mean"}[model.out_activation_]
    good = distance <= limit
    message = "prior bias (%s) %s; the initial bias is %.3g %s from it" % (
        name, _fmt(prior), distance, unit)
    if fitted:
        report.fitted_output_bias = np.asarray(estimator.intercepts_[-1], dtype=np.float64).copy()
        message += ", the fitted one %.3g" % _bias_distance(
            estimator, report.fitted_output_bias, prior, y_std)
    if not good:
        message += ": start the output bias at the prior (init_output_bias=\"prior\")"
    verdicts["output_bias"] = Verdict(good, message)

    report.verdicts = verdicts
    return report
