"""Partially recurrent networks as SNNS trains them: Elman and Jordan.

Both are a multilayer perceptron with one logistic hidden layer whose inputs
are extended by context units, which remember the previous step's hidden
activations (Elman) or outputs (Jordan).  The rows of ``X`` are one sequence,
in time order; the target of row ``t`` is the output wanted after seeing
``X[:t + 1]`` (for one-step-ahead prediction, ``y[t] = series[t + 1]``).  The
per-epoch work runs in :mod:`skneural._kernels.recurrent`.
"""

import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._multilayer_perceptron import DivergenceWarning
from ._rbf import check_validation_set, masked_sse

_k = _backend.get_kernels("cpu", "recurrent")  # the kernel registry's recurrent family

__all__ = ["ElmanRegressor", "JordanRegressor"]

_OUT_CODES = {"identity": _k.OUT_IDENTITY, "logistic": _k.OUT_LOGISTIC}
SOLVERS = ("bp", "momentum", "rprop")


class _PartiallyRecurrentRegressor(RegressorMixin, BaseEstimator):
    """Shared fit/predict of :class:`ElmanRegressor` and :class:`JordanRegressor`."""

    _jordan = False

    _parameter_constraints: dict = {
        "hidden_layer_size": [Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "solver": [StrOptions(set(SOLVERS))],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "flat_spot": [Interval(Real, 0, None, closed="left")],
        "dmax": [Interval(Real, 0, None, closed="left")],
        "max_step": [Interval(Real, 0, None, closed="neither")],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "init_range": ["array-like"],
        "context_self_weight": [Real],
        "context_weight": [Real],
        "context_init": [Real],
        "out_activation": [StrOptions(set(_OUT_CODES))],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, hidden_layer_size=5, max_iter=100, solver="bp", learning_rate=0.2,
                 momentum=0.0, flat_spot=0.0, dmax=0.0, max_step=2.0, alpha=0.0,
                 init_range=(-1.0, 1.0), context_self_weight=0.3, context_weight=1.0,
                 context_init=0.5, out_activation="identity", shuffle=False,
                 random_state=None):
        self.hidden_layer_size = hidden_layer_size
        self.max_iter = max_iter
        self.solver = solver
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.flat_spot = flat_spot
        self.dmax = dmax
        self.max_step = max_step
        self.alpha = alpha
        self.init_range = init_range
        self.context_self_weight = context_self_weight
        self.context_weight = context_weight
        self.context_init = context_init
        self.out_activation = out_activation
        self.shuffle = shuffle
        self.random_state = random_state

    def _init_bounds(self):
        bounds = np.asarray(self.init_range, dtype=float).ravel()
        if bounds.size != 2 or not np.isfinite(bounds).all() or bounds[0] > bounds[1]:
            raise ValueError("init_range must be two finite numbers (low, high) with low <= "
                             "high, got %r." % (self.init_range,))
        return bounds

    def _n_context(self, n_outputs):
        return n_outputs if self._jordan else self.hidden_layer_size

    def _offsets(self):
        return np.asarray(self._layout[:5], dtype=np.int64)

    def _ctx0(self, dtype):
        return np.full(self._n_context(self.n_outputs_), self.context_init, dtype=dtype)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, X_val=None, y_val=None):
        """Train on one sequence.

        Parameters
        ----------
        X : array-like of shape (n_steps, n_features)
            The inputs, one row per time step, in time order.
        y : array-like of shape (n_steps,) or (n_steps, n_outputs)
            The target of each step.
        X_val, y_val : array-like, default=None
            A test sequence, not used for training: its masked SSE after each
            epoch (run from the initial context) is recorded in
            ``validation_loss_curve_`` (RSNNS's ``IterativeTestError``).

        Returns
        -------
        self
        """
        lo, hi = self._init_bounds()
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32), order="C",
                             multi_output=True, y_numeric=True)
        self._y_1d = y.ndim == 1
        Y = np.ascontiguousarray(y.reshape(len(y), -1), dtype=X.dtype)
        n, d = X.shape
        nh = self.hidden_layer_size
        m = Y.shape[1]
        self.n_outputs_ = m
        X_val, Y_val = check_validation_set(self, X_val, y_val, m, X.dtype)
        self.validation_loss_curve_ = [] if X_val is not None else None
        nc = self._n_context(m)
        self._layout = _k.layout(d, nh, m, nc)
        offs = self._offsets()
        rng = check_random_state(self.random_state)
        # JE_Weights: every trainable weight and bias uniform in init_range
        params = rng.uniform(lo, hi, self._layout[5]).astype(X.dtype)
        dt = X.dtype.type
        ctx0 = self._ctx0(X.dtype)
        lam, gam = dt(self.context_self_weight), dt(self.context_weight)
        code = _OUT_CODES[self.out_activation]
        buf = [np.zeros(nc, X.dtype), np.zeros(nh, X.dtype), np.zeros(m, X.dtype),
               np.zeros(m, X.dtype), np.zeros(nh, X.dtype), np.zeros_like(params)]
        prev_step = np.zeros_like(params)
        step_size = np.full_like(params, min(self.learning_rate, self.max_step))
        self.loss_curve_ = []
        self.n_iter_ = 0
        best_loss, best = np.inf, None
        for _ in range(self.max_iter):
            order = (rng.permutation(n) if self.shuffle else np.arange(n)).astype(np.int64)
            saved = params.copy()
            if self.solver == "rprop":
                loss = _k.je_rprop_epoch(params, offs, X, Y, order, ctx0, lam, gam,
                                         self._jordan, code, dt(self.max_step), dt(self.alpha),
                                         step_size, prev_step, *buf)
            else:
                mom = self.momentum if self.solver == "momentum" else 0.0
                flat = self.flat_spot if self.solver == "momentum" else 0.0
                loss = _k.je_bp_epoch(params, offs, X, Y, order, ctx0, lam, gam, self._jordan,
                                      code, dt(self.learning_rate), dt(mom), dt(flat),
                                      dt(self.dmax), prev_step, *buf)
            if not (np.isfinite(loss) and np.isfinite(params).all()):
                params = best if best is not None else saved
                warnings.warn("%s: training diverged in epoch %d (non-finite error or "
                              "weights); the weights that started the epoch with the lowest "
                              "training error are kept. Lower learning_rate."
                              % (type(self).__name__, self.n_iter_ + 1),
                              DivergenceWarning, stacklevel=2)
                break
            if loss < best_loss:
                best_loss, best = loss, saved
            self.loss_curve_.append(float(loss))
            self.n_iter_ += 1
            if X_val is not None:
                self.params_ = params
                self.validation_loss_curve_.append(
                    masked_sse(Y_val, self._run(X_val, ctx0)[0], self.dmax))
        self.params_ = params
        self._set_views()
        return self

    def _set_views(self):
        d, nh, m = self.n_features_in_, self.hidden_layer_size, self.n_outputs_
        nc = self._n_context(m)
        o_ih, o_ch, o_bh, o_ho, o_bo, _ = self._layout
        p = self.params_
        self.coefs_ = [p[o_ih:o_ch].reshape(d, nh), p[o_ho:o_bo].reshape(nh, m)]
        self.context_coef_ = p[o_ch:o_bh].reshape(nc, nh)
        self.intercepts_ = [p[o_bh:o_ho], p[o_bo:]]

    def __setstate__(self, state):
        super().__setstate__(state)
        if "params_" in state:  # views do not survive pickling: rebuild them
            self._set_views()

    def run(self, X, context=None):
        """Run the network over the sequence X.

        Parameters
        ----------
        X : array-like of shape (n_steps, n_features)
        context : array-like of shape (n_context,), default=None
            Starting context; None starts from ``context_init`` everywhere, as
            training does.

        Returns
        -------
        outputs : ndarray of shape (n_steps, n_outputs)
        hidden : ndarray of shape (n_steps, hidden_layer_size)
        contexts : ndarray of shape (n_steps, n_context)
            The context each step saw.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        dt = self.params_.dtype
        X = np.ascontiguousarray(X, dtype=dt)
        nc = self._n_context(self.n_outputs_)
        if context is None:
            ctx0 = self._ctx0(dt)
        else:
            ctx0 = np.asarray(context, dtype=dt).ravel()
            if ctx0.size != nc or not np.isfinite(ctx0).all():
                raise ValueError("context must be %d finite numbers, got %r." % (nc, context))
        return self._run(X, ctx0)

    def _run(self, X, ctx0):
        dt = self.params_.dtype
        n = X.shape[0]
        H = np.empty((n, self.hidden_layer_size), dt)
        O = np.empty((n, self.n_outputs_), dt)
        C = np.empty((n, ctx0.shape[0]), dt)
        _k.run_sequence(self.params_, self._offsets(), X, ctx0,
                        dt.type(self.context_self_weight), dt.type(self.context_weight),
                        self._jordan, _OUT_CODES[self.out_activation], H, O, C)
        return O, H, C

    def predict(self, X):
        """Outputs over the sequence X, starting from the initial context.

        Returns
        -------
        ndarray of shape (n_steps,) or (n_steps, n_outputs)
        """
        out = self.run(X)[0]
        return out.ravel() if self._y_1d else out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags


_COMMON_DOC = """
    Training follows SNNS's JE learning functions, which treat the context
    units as extra inputs of the current step (no back-propagation through
    time): ``solver="bp"`` is JE_BP (an update after every step, ``w +=
    learning_rate * delta * source``), ``"momentum"`` is JE_BP_Momentum (plus
    ``momentum`` times the previous step and ``flat_spot`` added to every
    derivative), ``"rprop"`` is JE_Rprop (batch over the sequence; initial step
    ``learning_rate``, largest step ``max_step``, weight decay ``alpha``).
    Outputs within ``dmax`` of their target count as correct (bp, momentum).
    The context links are fixed: ``c <- context_self_weight * c +
    context_weight * source``, the context starting at ``context_init`` at the
    start of every epoch and of every :meth:`predict` (skneural's choice; SNNS
    resets the context units when a network is initialised). Weights and biases
    start uniform in ``init_range`` (JE_Weights). The output units add their
    bias (skneural's choice: for ``mlp`` RSNNS's identity outputs were measured
    to ignore it, for the JE networks this was not measured).

    CPU only: the recurrence is sequential in time and the networks are a few
    units wide, so a GPU has nothing to parallelise that pays for a launch.

    Parameters
    ----------
    hidden_layer_size : int, default=5
        Hidden units (RSNNS's ``size``).
    max_iter : int, default=100
        Epochs (passes over the sequence).
    solver : {"bp", "momentum", "rprop"}, default="bp"
    learning_rate : float, default=0.2
        eta of bp/momentum; the initial step size of rprop.
    momentum : float, default=0.0
        Momentum of ``solver="momentum"``.
    flat_spot : float, default=0.0
        Constant added to derivatives with ``solver="momentum"``.
    dmax : float, default=0.0
        Tolerated error per output (bp, momentum).
    max_step : float, default=2.0
        Largest rprop step.
    alpha : float, default=0.0
        rprop weight decay coefficient.
    init_range : (float, float), default=(-1.0, 1.0)
        Range of the uniform initial weights and biases.
    context_self_weight : float, default=0.3
        Weight of each context unit's link to itself (JE_Weights' lambda).
    context_weight : float, default=1.0
        Weight of the copy links into the context (JE_Weights' gamma).
    context_init : float, default=0.5
        Initial activation of the context units (JE_Weights' psi).
    out_activation : {"identity", "logistic"}, default="identity"
        RSNNS's ``linOut=TRUE`` is "identity".
    shuffle : bool, default=False
        Visit the steps in a random order each epoch (RSNNS's
        ``shufflePatterns``; it breaks the sequence, so it is off by default).
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights (and the orders when ``shuffle``).

    Attributes
    ----------
    params_ : ndarray
        Every trainable weight and bias in one vector.
    coefs_ : list of two ndarrays
        Input-to-hidden (n_features, h) and hidden-to-output (h, n_outputs)
        weights (views of ``params_``).
    context_coef_ : ndarray of shape (n_context, h)
        Context-to-hidden weights.
    intercepts_ : list of two ndarrays
        Hidden and output biases.
    loss_curve_ : list of float
        Masked SSE of each epoch (bp, momentum: summed over the steps, each
        measured before its update; rprop: before the epoch's update).
    validation_loss_curve_ : list of float or None
        Masked SSE on ``(X_val, y_val)`` after each epoch.
    n_iter_ : int
    n_outputs_ : int
    n_features_in_ : int
"""


class ElmanRegressor(_PartiallyRecurrentRegressor):
    __doc__ = """Elman network: context units remember the hidden layer (RSNNS's ``elman``).

    Each step ``t`` sees the inputs ``X[t]`` and the context, a decaying copy
    of the previous steps' hidden activations; the rows of ``X`` form one
    sequence in time order.
""" + _COMMON_DOC + """
    Examples
    --------
    >>> import numpy as np
    >>> from skneural import ElmanRegressor
    >>> s = np.sin(np.arange(201) * 0.3)
    >>> X, y = s[:-1].reshape(-1, 1), s[1:]           # one step ahead
    >>> model = ElmanRegressor(hidden_layer_size=8, max_iter=200,
    ...                        learning_rate=0.1, random_state=0).fit(X, y)
    >>> bool(np.mean((model.predict(X) - y) ** 2) < 0.01)
    True
"""
    _jordan = False


class JordanRegressor(_PartiallyRecurrentRegressor):
    __doc__ = """Jordan network: context units remember the outputs (RSNNS's ``jordan``).

    Each step ``t`` sees the inputs ``X[t]`` and the context, a decaying copy
    of the previous steps' outputs (one context unit per output); the rows of
    ``X`` form one sequence in time order.
""" + _COMMON_DOC + """
    Examples
    --------
    >>> import numpy as np
    >>> from skneural import JordanRegressor
    >>> s = np.sin(np.arange(201) * 0.3)
    >>> X, y = s[:-1].reshape(-1, 1), s[1:]
    >>> model = JordanRegressor(hidden_layer_size=8, max_iter=200,
    ...                         learning_rate=0.1, random_state=0).fit(X, y)
    >>> bool(np.mean((model.predict(X) - y) ** 2) < 0.01)
    True
"""
    _jordan = True
