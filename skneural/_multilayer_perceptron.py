"""Multilayer perceptron estimators on compiled kernels.

:class:`MLPClassifier` and :class:`MLPRegressor` are drop-in replacements for
scikit-learn's: same parameters, defaults, fitted attributes and methods.
Validation and dtype decisions happen once, in ``fit``; the training epoch
runs in compiled code (:mod:`skneural._kernels`); fitted attributes are host
NumPy arrays (views into one flat parameter vector).
"""

import functools
import threading
import time
import warnings
from abc import ABCMeta, abstractmethod
from numbers import Integral, Real

import numpy as np
import scipy.optimize
from scipy import sparse
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    _fit_context,
    is_classifier,
)
from sklearn.callback import CallbackSupportMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelBinarizer
from sklearn.utils import check_random_state, column_or_1d
from sklearn.utils._param_validation import Interval, Options, StrOptions
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import (
    _check_partial_fit_first_call,
    type_of_target,
    unique_labels,
)
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from . import _backend
from ._activations import HIDDEN_ACTIVATIONS, LOSSES, OUTPUT_ACTIVATIONS
from ._driver import (
    DIVERGENCE_FACTOR,
    BestWeights,
    DivergenceGuard,
    DivergenceWarning,
    EpochCallbacks,
    ImprovementTracker,
    run_epochs,
)
from ._engine import (
    EPOCH_SCHEDULES,
    LearningRateSchedule,
    Network,
    OptimizerState,
    make_epoch_runner,
    snns_act_code,
    snns_error,
)
from ._network import Workspace as _Workspace
from ._network import chunk_rows
from ._network import layout as _layout
from ._utils import as_layer_sizes, as_whole_number
from .solvers import SOLVER_NAMES, Solver, resolve_solver, solver_family

__all__ = ["MLPClassifier", "MLPRegressor", "DivergenceWarning"]

# The divergence guard evaluates losses on at most this many (evenly strided) rows.
_MONITOR_MAX_ROWS = 1000


def _loss_value(loss_code_name, Y, P, sw, loss_param=1.0):
    """Host-side loss (no penalty) of predictions P, for validation curves."""
    eps = np.finfo(P.dtype).eps
    w = np.ones(len(Y)) if sw is None else sw
    if loss_code_name == "squared_error":
        per = 0.5 * ((Y - P) ** 2).mean(axis=1)
    elif loss_code_name == "log_loss":
        per = -(Y * np.log(np.clip(P, eps, 1 - eps))).sum(axis=1)
    elif loss_code_name == "huber":
        R = np.abs(Y - P)
        per = np.where(R <= loss_param, 0.5 * R * R, loss_param * (R - 0.5 * loss_param)).mean(
            axis=1)
    elif loss_code_name == "absolute_error":
        per = np.abs(Y - P).mean(axis=1)
    elif loss_code_name == "binary_log_loss":
        Pc = np.clip(P, eps, 1 - eps)
        per = -(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)).sum(axis=1)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(Y > 0, Y * np.log(np.where(Y > 0, Y, 1) / P), 0.0)
        per = (t - Y + P).sum(axis=1)
    return float(np.average(per, weights=w))


class BaseMultilayerPerceptron(CallbackSupportMixin, BaseEstimator, metaclass=ABCMeta):
    """Shared machinery of the MLP estimators.  Do not use directly."""

    _parameter_constraints: dict = {
        "hidden_layer_sizes": ["array-like", Interval(Real, 1, None, closed="left")],
        "activation": [StrOptions(set(HIDDEN_ACTIVATIONS)), list, tuple],
        "solver": [StrOptions(set(SOLVER_NAMES)), Solver],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(Real, 1, None, closed="left")],
        "learning_rate": [StrOptions({"constant", "invscaling", "adaptive",
                                      *EPOCH_SCHEDULES})],
        "warmup_epochs": [Interval(Real, 0, None, closed="left")],
        "clip_norm": [Interval(Real, 0, None, closed="neither"), None],
        "init": [StrOptions({"glorot", "he", "lecun", "uniform"})],
        "init_output_bias": [StrOptions({"prior"}), None],
        "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
        "power_t": [Interval(Real, 0, None, closed="left")],
        "max_iter": [Interval(Real, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": ["verbose"],
        "warm_start": ["boolean"],
        "momentum": [Interval(Real, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="neither")],
        "n_iter_no_change": [Interval(Real, 1, None, closed="left"), Options(Real, {np.inf})],
        "max_fun": [Interval(Real, 1, None, closed="left")],
        "dropout": [Interval(Real, 0, 1, closed="left"), list, tuple],
        "rho": [Interval(Real, 0, 1, closed="left")],
        "monitor": [StrOptions({"val_score", "val_loss"})],
        "restore_best_weights": ["boolean", None],
        "device": [StrOptions(set(_backend.DEVICES))],
        "init_range": ["array-like", None],
    }

    @abstractmethod
    def __init__(
        self,
        hidden_layer_sizes,
        activation,
        solver,
        alpha,
        batch_size,
        learning_rate,
        learning_rate_init,
        power_t,
        max_iter,
        loss,
        shuffle,
        random_state,
        tol,
        verbose,
        warm_start,
        momentum,
        nesterovs_momentum,
        early_stopping,
        validation_fraction,
        beta_1,
        beta_2,
        epsilon,
        n_iter_no_change,
        max_fun,
        dropout,
        rho,
        monitor,
        restore_best_weights,
        device,
        init_range=None,
        init="glorot",
        init_output_bias=None,
        warmup_epochs=0,
        clip_norm=None,
    ):
        self.init_range = init_range
        self.init = init
        self.init_output_bias = init_output_bias
        self.warmup_epochs = warmup_epochs
        self.clip_norm = clip_norm
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.loss = loss
        self.hidden_layer_sizes = hidden_layer_sizes
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun
        self.dropout = dropout
        self.rho = rho
        self.monitor = monitor
        self.restore_best_weights = restore_best_weights
        self.device = device

    # ------------------------------------------------------------------
    # Parameter vector <-> fitted attributes
    # ------------------------------------------------------------------
    def _layer_units(self):
        return [c.shape[0] for c in self.coefs_] + [self.coefs_[-1].shape[1]]

    def _set_params_vector(self, params):
        """Make ``coefs_`` / ``intercepts_`` views into the flat vector."""
        sizes = self._layer_units_ if hasattr(self, "_layer_units_") else self._layer_units()
        w_off, b_off, _ = _layout(sizes)
        self.coefs_ = []
        self.intercepts_ = []
        for i in range(len(sizes) - 1):
            n_in, n_out = sizes[i], sizes[i + 1]
            self.coefs_.append(params[w_off[i]: w_off[i] + n_in * n_out].reshape(n_in, n_out))
            self.intercepts_.append(params[b_off[i]: b_off[i] + n_out])
        self._params = params

    def _get_params_vector(self, dtype=None):
        """Pack ``coefs_`` / ``intercepts_`` into one C-contiguous vector (a copy)."""
        dtype = dtype or self.coefs_[0].dtype
        parts = []
        for c, b in zip(self.coefs_, self.intercepts_):
            parts.append(np.asarray(c, dtype=dtype).ravel())
            parts.append(np.asarray(b, dtype=dtype).ravel())
        return np.ascontiguousarray(np.concatenate(parts))

    def _init_coef(self, fan_in, fan_out, dtype, layer=0):
        if self.init_range is not None or self.init == "uniform":
            # RSNNS's Randomize_Weights: uniform in (low, high) for every
            # weight and bias.
            low, high = self._init_bounds()
        else:
            if self.init == "glorot":
                # as scikit-learn (same random stream, same weights)
                acts = self._hidden_activations() or ["relu"]
                # scikit-learn's rule (2 for logistic units), per layer: the
                # output layer follows the last hidden layer
                factor = 2.0 if acts[min(layer, len(acts) - 1)] == "logistic" else 6.0
                high = np.sqrt(factor / (fan_in + fan_out))
            elif self.init == "he":  # He et al.: variance 2 / fan_in
                high = np.sqrt(6.0 / fan_in)
            else:  # "lecun": variance 1 / fan_in
                high = np.sqrt(3.0 / fan_in)
            low = -high
        coef_init = self._random_state.uniform(low, high, (fan_in, fan_out))
        intercept_init = self._random_state.uniform(low, high, fan_out)
        return coef_init.astype(dtype, copy=False), intercept_init.astype(dtype, copy=False)

    def _initialize(self, y, layer_units, dtype, initial_layers=(), sample_weight=None):
        self.n_iter_ = 0
        self.t_ = 0
        # epochs trained over the model's life (n_iter_ counts one fit call):
        # indexes the shuffle and dropout streams so warm starts do not replay them
        self._epoch_count = 0
        self._untrained_loss = None  # set before the first epoch (divergence guard)
        self.n_outputs_ = y.shape[1]
        self.n_layers_ = len(layer_units)
        self._layer_units_ = list(layer_units)
        self.out_activation_ = self._output_activation()
        self._snns_identity = self._is_snns()  # identity units without bias (SNNS)
        self.coefs_ = []
        self.intercepts_ = []
        for i in range(self.n_layers_ - 1):
            c, b = self._init_coef(layer_units[i], layer_units[i + 1], dtype, i)
            self.coefs_.append(c)
            self.intercepts_.append(b)
        # given initial weights (fit's coef_init / intercept_init; the DBN's
        # pre-trained layers) replace the first layers' random ones
        for i, (c, b) in enumerate(initial_layers):
            self.coefs_[i] = np.array(c, dtype=dtype)
            self.intercepts_[i] = np.array(b, dtype=dtype)
        if self.init_output_bias == "prior" and len(initial_layers) < self.n_layers_ - 1:
            self.intercepts_[-1] = self._prior_output_bias(y, sample_weight).astype(dtype)
        self._set_params_vector(self._get_params_vector(dtype))
        self.loss_curve_ = []
        self.validation_loss_curve_ = []
        self.history_ = []
        self._no_improvement_count = 0
        if self._uses_validation():
            self.validation_scores_ = []
            self.best_validation_score_ = -np.inf
            self.best_validation_loss_ = np.inf
            self.best_loss_ = None if self.early_stopping else np.inf
        else:
            self.best_loss_ = np.inf
            self.validation_scores_ = None
            self.best_validation_score_ = None
        self._best_params = self._params.copy()

    def _prior_output_bias(self, Y, sample_weight):
        """The output bias at which the untrained network predicts the targets'
        (weighted) mean: the class priors' log (softmax), their logit
        (logistic outputs), the mean (identity), its log (exp)."""
        w = np.ones(Y.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
        mean = np.average(np.asarray(Y, dtype=np.float64), axis=0, weights=w)
        act = self.out_activation_
        if act == "identity":
            return mean
        tiny = 1e-7  # a class absent from y gets a large negative, finite bias
        if act == "softmax":
            logp = np.log(np.clip(mean, tiny, 1.0))
            return logp - logp.mean()
        if act == "exp":
            return np.log(np.maximum(mean, tiny))
        p = np.clip(mean, tiny, 1.0 - tiny)
        return np.log(p) - np.log1p(-p)

    def _init_bounds(self):
        if self.init_range is not None and self.init not in ("glorot", "uniform"):
            raise ValueError("init_range=%r sets a uniform range; it cannot be combined with "
                             "init=%r (use init='uniform')." % (self.init_range, self.init))
        if self.init_range is None:
            return -0.3, 0.3  # init="uniform" without a range: SNNS's default
        bounds = np.asarray(self.init_range, dtype=float).ravel()
        if bounds.shape != (2,) or not np.isfinite(bounds).all() or bounds[0] > bounds[1]:
            raise ValueError(
                "init_range must be two finite numbers (low, high) with low <= high, "
                "got %r." % (self.init_range,)
            )
        return float(bounds[0]), float(bounds[1])

    def _loss_param(self):
        return float(getattr(self, "huber_delta", 1.0))

    def _is_snns(self):
        return solver_family(self.solver) == "snns"

    def _uses_validation(self):
        return self.early_stopping or getattr(self, "_has_user_validation", False)

    def _loss_name(self):
        if self._is_snns():
            return "snns_sse"
        loss = self.loss
        if loss == "log_loss" and self.out_activation_ == "logistic":
            return "binary_log_loss"
        return loss

    # ------------------------------------------------------------------
    # Validation at the boundary
    # ------------------------------------------------------------------
    def _check_hyper(self):
        """Whole-number parameters: accept 5.0 (R), reject 5.5; per-layer lists
        of activations and dropout rates: one entry per hidden layer."""
        hidden = as_layer_sizes("hidden_layer_sizes", self.hidden_layer_sizes)
        _per_layer("activation", self.activation, len(hidden), HIDDEN_ACTIVATIONS)
        _per_layer("dropout", self.dropout, len(hidden))
        max_iter = as_whole_number("max_iter", self.max_iter, 1)
        max_fun = as_whole_number("max_fun", self.max_fun, 1)
        if self.n_iter_no_change == np.inf:
            n_iter_no_change = np.inf
        else:
            n_iter_no_change = as_whole_number("n_iter_no_change", self.n_iter_no_change, 1)
        batch_size = self.batch_size
        if batch_size != "auto":
            batch_size = as_whole_number("batch_size", batch_size, 1)
        return hidden, max_iter, max_fun, n_iter_no_change, batch_size

    def _validate_X_predict(self, X):
        X = validate_data(
            self, X, accept_sparse=["csr", "csc"], reset=False,
            dtype=(np.float64, np.float32),
        )
        if sparse.issparse(X):
            X = X.toarray()
        dtype = self.coefs_[0].dtype
        return np.ascontiguousarray(X, dtype=dtype)

    @staticmethod
    def _densify(X):
        if sparse.issparse(X):
            return np.ascontiguousarray(X.toarray())
        return X

    def _check_sample_weight(self, sample_weight, X):
        if sample_weight is None:
            return np.ones(X.shape[0], dtype=X.dtype)
        sw = _check_sample_weight(sample_weight, X, dtype=X.dtype, ensure_non_negative=True)
        return np.ascontiguousarray(sw)

    # ------------------------------------------------------------------
    # Forward pass for prediction
    # ------------------------------------------------------------------
    def _forward_pass_fast(self, X, check_input=True, n_weight_layers=None):
        """Output activations of X (compiled, CPU, in row chunks).

        ``n_weight_layers`` stops after that many weight layers and returns
        the activations of that hidden layer (the DBN's ``transform``): the
        first layers of the flat vector are a prefix of it.
        """
        if check_input:
            X = self._validate_X_predict(X)
        params = self._predict_params()
        sizes = [c.shape[0] for c in self.coefs_] + [self.coefs_[-1].shape[1]]
        hidden_act, out_act = self._act_codes()
        layer_acts = self._layer_acts()
        if n_weight_layers is not None and n_weight_layers < len(self.coefs_):
            sizes = sizes[: n_weight_layers + 1]
            out_act = hidden_act if layer_acts is None else layer_acts[n_weight_layers - 1]
        sizes_arr, w_off, b_off, n_params = _layout_of(tuple(sizes))
        params = params[:n_params]
        n = X.shape[0]
        chunk = chunk_rows(sizes, n)
        ws = _small_workspace(sizes_arr, chunk, params.dtype)
        out = np.empty((n, sizes[-1]), dtype=params.dtype)
        _CPU_KERNELS.predict_forward(
            params, sizes_arr, w_off, b_off, ws.a_off,
            hidden_act, out_act, X, out, chunk, ws.xbuf, ws.act_buf, layer_acts,
        )
        return out

    def _predict_params(self):
        """The flat parameter vector, without a copy when ``coefs_`` and
        ``intercepts_`` are still views into it (after fit; not after a user
        replaced one, or after unpickling)."""
        p = getattr(self, "_params", None)
        if p is not None and p.flags.c_contiguous and all(
                a.base is p for a in self.coefs_ + self.intercepts_):
            return p
        return self._get_params_vector()

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------
    def _fit(self, X, y, sample_weight=None, incremental=False, validation_data=None,
             coef_init=None, intercept_init=None, keep_optimizer_state=False,
             pattern_orders=None):
        """Shared by fit and partial_fit.  ``keep_optimizer_state`` continues a
        warm start with the optimizer state of the previous fit (RSNNS's
        ``train()``: SNNS keeps Rprop's step sizes, Quickprop's memory and
        SCG's search between trainings); scikit-learn's warm start restarts it.
        ``pattern_orders`` (max_iter x n_samples) gives the order of the training
        rows in each epoch (RSNNS's shuffles replayed from R's uniforms)."""
        hidden, max_iter, max_fun, n_iter_no_change, batch_size = self._check_hyper()
        # resolved once per fit: the driver's losses read it (no re-validation per epoch)
        solver = self._fit_solver = resolve_solver(self)
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)
        X, y, y_raw = self._validate_input(X, y, incremental, reset=first_pass)
        X = np.ascontiguousarray(self._densify(X))
        sw = self._check_sample_weight(sample_weight, X)
        sw = self._apply_class_weight(sw, y_raw)
        if y.ndim == 1:
            y = y.reshape((-1, 1))
        Y = np.ascontiguousarray(y, dtype=X.dtype)

        self._has_user_validation = validation_data is not None
        if validation_data is not None:
            validation_data = self._check_validation_data(validation_data, X.dtype)
        n_outputs = Y.shape[1]
        layer_units = [X.shape[1]] + hidden + [n_outputs]
        initial_layers = _check_initial_layers(coef_init, intercept_init, layer_units)
        self._random_state = check_random_state(self.random_state)
        if first_pass:
            self._initialize(Y, layer_units, X.dtype, initial_layers, sw)
        else:
            if initial_layers:
                raise ValueError("coef_init/intercept_init start a new model; they cannot be "
                                 "combined with warm_start=True or partial_fit on a fitted one.")
            if list(layer_units) != self._layer_units_:
                raise ValueError(
                    "warm_start/partial_fit needs the same network: the fitted "
                    "layers are %s, this call would build %s."
                    % (self._layer_units_, layer_units)
                )
            if self.coefs_[0].dtype != X.dtype:
                X = X.astype(self.coefs_[0].dtype)
                Y = Y.astype(X.dtype)
                sw = sw.astype(X.dtype)
            # coefs_ may have been replaced by the user (or by unpickling):
            # rebuild the flat vector from them.
            self._set_params_vector(self._get_params_vector())
            if self._uses_validation() and getattr(self, "validation_scores_", None) is None:
                self.validation_scores_ = []
                self.best_validation_score_ = -np.inf
                self.best_validation_loss_ = np.inf
        if solver.family == "snns" and np.any(np.asarray(self.dropout, dtype=float) > 0):
            raise ValueError("solver=%r does not support dropout." % (self.solver,))
        if solver.family == "snns" and not isinstance(self.activation, str):
            raise ValueError("solver=%r trains one activation for every hidden layer (SNNS's "
                             "hiddenActFunc); activation=%r gives one per layer: use a "
                             "gradient solver." % (self.solver, self.activation))
        self._device = _backend.resolve_device(self.device)
        self._max_iter = max_iter
        if not incremental:
            # scikit-learn counts the iterations of this call: a warm start
            # reports max_iter (and warns) again, while t_ keeps growing
            self.n_iter_ = 0
        self.interrupted_ = False
        n_subtasks = 1 if incremental else max_iter
        self._callback_ctx = self._init_callback_context(max_subtasks=n_subtasks)
        cb_meta = {"sample_weight": sample_weight} if sample_weight is not None else None
        self._callback_data = (X, y_raw, cb_meta)
        self._callback_ctx.call_on_fit_task_begin(estimator=self, X=X, y=y_raw, metadata=cb_meta)

        if self.init_range is not None or self.init == "uniform":
            self._init_bounds()
        with _backend.device_session(self._device):
            if solver.family == "lbfgs":
                self._fit_lbfgs(X, Y, sw, max_iter, as_whole_number("max_fun", solver.max_fun, 1)
                                if not isinstance(self.solver, str) else max_fun)
            else:
                self._fit_stochastic(solver, X, Y, sw, incremental, max_iter, n_iter_no_change,
                                     batch_size, validation_data,
                                     keep_state=incremental or keep_optimizer_state,
                                     pattern_orders=pattern_orders)
        if not all(np.isfinite(p).all() for p in self.coefs_ + self.intercepts_):
            raise ValueError(
                "Solver produced non-finite parameter weights. The input data may "
                "contain large values and need to be preprocessed."
            )
        self._callback_ctx.call_on_fit_task_end(
            estimator=self, X=X, y=y_raw, metadata=cb_meta,
            reconstruction_attributes=self._reconstruction_attributes,
        )
        del self._callback_ctx, self._callback_data
        return self

    def _apply_class_weight(self, sw, y_raw):
        return sw

    def _hidden_activations(self):
        """One activation name per hidden layer (``activation`` may be one name
        for all or a list)."""
        if hasattr(self, "_layer_units_"):
            n_hidden = len(self._layer_units_) - 2
        elif hasattr(self, "coefs_"):
            n_hidden = len(self.coefs_) - 1
        else:
            n_hidden = len(as_layer_sizes("hidden_layer_sizes", self.hidden_layer_sizes))
        return _per_layer("activation", self.activation, n_hidden, HIDDEN_ACTIVATIONS)

    def _layer_acts(self):
        """Per-hidden-layer activation codes for the kernels, or None when every
        hidden layer shares one activation (the kernels' scalar code)."""
        if isinstance(self.activation, str):
            return None
        return np.asarray([HIDDEN_ACTIVATIONS[a] for a in self._hidden_activations()],
                          dtype=np.int64)

    def _layer_drops(self, n_hidden):
        """Per-hidden-layer dropout rates, or None for one rate everywhere."""
        if not isinstance(self.dropout, (list, tuple)):
            return None
        return np.asarray(_per_layer("dropout", self.dropout, n_hidden), dtype=np.float64)

    def _act_codes(self):
        """(hidden, output) activation kernel codes (hidden: the first hidden
        layer's when they differ; see _layer_acts).  A model trained by an SNNS
        solver computes identity units as SNNS's Act_Identity (no bias)."""
        acts = self._hidden_activations()
        hidden = HIDDEN_ACTIVATIONS[acts[0]] if acts else HIDDEN_ACTIVATIONS["relu"]
        out = OUTPUT_ACTIVATIONS[self.out_activation_]
        if getattr(self, "_snns_identity", False):
            hidden, out = snns_act_code(hidden), snns_act_code(out)
        return hidden, out

    def _kernel_codes(self):
        return (*self._act_codes(), LOSSES.get(self._loss_name(), -1))

    def _fit_lbfgs(self, X, Y, sw, max_iter, max_fun):
        sizes = np.asarray(self._layer_units_, dtype=np.int64)
        w_off, b_off, n_params = _layout(self._layer_units_)
        hidden_act, out_act, loss_code = self._kernel_codes()
        n = X.shape[0]
        chunk = chunk_rows(self._layer_units_, n)
        ws = _Workspace(self._layer_units_, chunk, X.dtype, 0.0)
        order = np.arange(n, dtype=np.int64)
        params = self._params
        grad = np.empty_like(params)
        gtmp = np.empty_like(params)
        kern = _backend.get_kernels(self._device)
        alpha = float(self.alpha)
        loss_param = self._loss_param()
        if self.clip_norm is not None:
            raise ValueError("clip_norm=%r clips minibatch gradients; solver 'lbfgs' takes "
                             "whole-batch steps with a line search." % (self.clip_norm,))

        def loss_grad(theta):
            params[:] = theta
            loss = kern.full_loss_grad(
                params, grad, gtmp, sizes, w_off, b_off, ws.a_off, hidden_act, out_act,
                loss_code, X, Y, sw, order, chunk, alpha, ws.xbuf, ws.ybuf, ws.swbuf,
                ws.act_buf, ws.delta_buf, ws.mask_buf, loss_param, self._layer_acts(),
            )
            return loss, grad.astype(np.float64)

        iprint = 1 if (self.verbose is True or self.verbose >= 1) else -1
        cb_X, cb_y, cb_meta = self._callback_data
        # the last accepted iterate: kept if Ctrl-C arrives mid line search,
        # when params holds a trial point
        last = {"x": params.astype(np.float64), "fun": None}

        def on_iteration(intermediate_result):
            it_ctx = self._callback_ctx.subcontext(task_name="lbfgs-iter")
            it_ctx.call_on_fit_task_begin(estimator=self, X=cb_X, y=cb_y, metadata=cb_meta)
            params[:] = intermediate_result.x
            last["x"] = np.array(intermediate_result.x, dtype=np.float64)
            last["fun"] = float(intermediate_result.fun)
            self.history_.append({"epoch": len(self.history_) + 1,
                                  "loss": float(intermediate_result.fun)})
            if it_ctx.call_on_fit_task_end(
                estimator=self, X=cb_X, y=cb_y, metadata=cb_meta,
                reconstruction_attributes=self._reconstruction_attributes,
            ):
                raise StopIteration

        self.history_ = []
        try:
            opt_res = scipy.optimize.minimize(
                loss_grad,
                params.astype(np.float64),
                method="L-BFGS-B",
                jac=True,
                callback=on_iteration,
                options={"maxfun": max_fun, "maxiter": max_iter, "gtol": self.tol},
            )
        except KeyboardInterrupt:
            # as the stochastic solvers: stop, keep the last completed iterate
            params[:] = last["x"]
            self._set_params_vector(params)
            self.n_iter_ = len(self.history_)
            self.loss_ = last["fun"] if last["fun"] is not None else float(loss_grad(last["x"])[0])
            params[:] = last["x"]
            self.interrupted_ = True
            warnings.warn(
                "Training interrupted by the user after %d L-BFGS iteration(s); keeping "
                "the weights of the last completed iteration." % self.n_iter_, UserWarning,
            )
            return
        if iprint > 0:
            print("L-BFGS-B: %s (%d iterations, loss %.8f)" % (opt_res.message, opt_res.nit, opt_res.fun))
        if opt_res.status != 0:
            warnings.warn(
                "lbfgs failed to converge after %d iteration(s) (status=%d): %s. "
                "Increase the number of iterations (max_iter) or scale the data."
                % (opt_res.nit, opt_res.status, opt_res.message),
                ConvergenceWarning,
            )
        self.n_iter_ = int(opt_res.nit)
        self.loss_ = float(opt_res.fun)
        params[:] = opt_res.x
        self._set_params_vector(params)

    def _batch_size(self, batch_size, n_samples):
        if batch_size == "auto":
            return min(200, n_samples)
        if batch_size > n_samples:
            warnings.warn(
                "Got `batch_size` less than 1 or larger than sample size. It is going to be clipped"
            )
        return int(np.clip(batch_size, 1, n_samples))

    def _split_validation(self, X, Y, sw, validation_data):
        """Return train and validation parts (the user's set, or a split)."""
        if validation_data is not None:
            X_val, y_val, sw_val = validation_data
            return X, Y, sw, X_val, y_val, sw_val
        if not self.early_stopping:
            return X, Y, sw, None, None, None
        should_stratify = is_classifier(self) and self.n_outputs_ == 1
        stratify = Y if should_stratify else None
        X_tr, X_val, Y_tr, Y_val, sw_tr, sw_val = train_test_split(
            X, Y, sw, random_state=self._random_state,
            test_size=self.validation_fraction, stratify=stratify,
        )
        if X_val.shape[0] < 2:
            raise ValueError(
                "The validation set is too small. Increase 'validation_fraction' "
                "or the size of your dataset."
            )
        if is_classifier(self):
            Y_val = self._label_binarizer.inverse_transform(Y_val)
        return (np.ascontiguousarray(X_tr), np.ascontiguousarray(Y_tr), np.ascontiguousarray(sw_tr),
                X_val, Y_val, sw_val)

    def _fit_stochastic(self, solver, X, Y, sw, incremental, max_iter, n_iter_no_change,
                        batch_size, validation_data, keep_state, pattern_orders=None):
        if self.early_stopping and incremental:
            raise ValueError("partial_fit does not support early_stopping=True")
        params = self._params
        state = getattr(self, "_optimizer", None)
        if not keep_state or state is None or not state.matches(solver, params.shape[0],
                                                                params.dtype):
            state = self._optimizer = OptimizerState(
                solver, params.shape[0], params.dtype,
                schedule=self._schedule(solver, max_iter, as_whole_number(
                    "warmup_epochs", self.warmup_epochs, 0)))
        X_tr, Y_tr, sw_tr, X_val, y_val, sw_val = self._split_validation(X, Y, sw, validation_data)
        n = X_tr.shape[0]
        bs = self._batch_size(batch_size, n)
        w_off, b_off, _ = _layout(self._layer_units_)
        net = Network(self._layer_units_, w_off, b_off, *self._kernel_codes())
        seed = int(self._random_state.randint(0, np.iinfo(np.int32).max))
        if not hasattr(self, "_epoch_count"):  # a model pickled by an older version
            self._epoch_count = self.n_iter_
        runner = make_epoch_runner(
            solver, state, self._device, net, params, X_tr, Y_tr, sw_tr, batch_size=bs,
            alpha=self.alpha, dropout=self.dropout, shuffle=self.shuffle, seed=seed,
            epoch_counter=lambda: self._epoch_count, clip_norm=self.clip_norm,
            loss_param=self._loss_param(), layer_acts=self._layer_acts(),
            pattern_orders=_check_pattern_orders(pattern_orders, n, max_iter),
            layer_drops=self._layer_drops(len(self._layer_units_) - 2))
        monitor = self._monitor_set(X_tr, Y_tr, sw_tr, bs)
        if getattr(self, "_untrained_loss", None) is None:
            self._untrained_loss = self._current_loss(monitor)
        guard = DivergenceGuard(lambda: self._current_loss(monitor), self._untrained_loss,
                                DIVERGENCE_FACTOR)

        def snapshot():
            return params.copy(), state.snapshot()

        def restore_state(snap):
            params[:] = snap[0]
            state.restore(snap[1])

        cb_X, cb_y, cb_meta = self._callback_data
        validation = None
        if X_val is not None:
            def validation(record):
                return self._validation_metrics(X_val, y_val, sw_val)
        run_epochs(
            self, runner, params=params, snapshot=snapshot, restore_state=restore_state,
            guard=guard, tracker=ImprovementTracker(self, self.tol, self.monitor),
            best=BestWeights(self, self.restore_best_weights, self.early_stopping),
            callbacks=EpochCallbacks(self._callback_ctx, self, cb_X, cb_y, cb_meta,
                                     self._reconstruction_attributes),
            schedule=state.schedule, max_iter=max_iter, n_iter_no_change=n_iter_no_change,
            n_train=n, incremental=incremental, validation=validation)
        self._set_params_vector(params)

    def _schedule(self, solver, max_iter, warmup_epochs):
        epoch_schedule = self.learning_rate if self.learning_rate in EPOCH_SCHEDULES else None
        if (epoch_schedule or warmup_epochs) and solver.name in ("rprop", "scg"):
            raise ValueError(
                "learning_rate=%r / warmup_epochs=%r schedule a learning rate; solver %r has "
                "none (Rprop adapts its own step sizes, SCG its own)."
                % (self.learning_rate, self.warmup_epochs, solver.name))
        if warmup_epochs and epoch_schedule == "onecycle":
            raise ValueError("learning_rate='onecycle' has its own warm-up (its first 30% of "
                             "the epochs); leave warmup_epochs=0.")
        if warmup_epochs and warmup_epochs >= max_iter:
            raise ValueError("warmup_epochs=%d must be smaller than max_iter=%d."
                             % (warmup_epochs, max_iter))
        return LearningRateSchedule.for_solver(solver, epoch_schedule, warmup_epochs, max_iter)

    # ------------------------------------------------------------------
    # Losses for the divergence guard and the validation curves
    # ------------------------------------------------------------------
    def _monitor_set(self, X, Y, sw, bs):
        """Evenly strided training rows (at most _MONITOR_MAX_ROWS) and what
        scales their loss to an epoch loss's units."""
        n = X.shape[0]
        rows = slice(None, None, max(1, -(-n // _MONITOR_MAX_ROWS)))
        Xm, Ym, swm = (np.ascontiguousarray(a[rows]) for a in (X, Y, sw))
        total = float(sw.sum())
        return {"X": Xm, "Y": Ym, "sw": swm if swm.sum() > 0 else None,
                "n": n, "batches": -(-n // bs), "total": total if total > 0 else float(n)}

    def _snns_error(self, X, Y, sw=None):
        hidden, out, _ = self._kernel_codes()
        dmax = getattr(self._fit_solver, "dmax", 0.0)
        return snns_error(self._params, self._layer_units_, hidden, out, X, Y, dmax, sw)

    def _current_loss(self, monitor):
        """The loss of the current weights on the monitor rows, in the units of
        an epoch loss (SNNS: the summed error over all training rows)."""
        with np.errstate(all="ignore"):  # diverged weights overflow
            X, Y = monitor["X"], monitor["Y"]
            if self._is_snns():
                return self._snns_error(X, Y) * monitor["n"] / X.shape[0]
            P = self._forward_pass_fast(X, check_input=False)
            data = _loss_value(self._loss_name(), Y, P, monitor["sw"], self._loss_param())
            # each minibatch divides the L2 penalty by its own weight sum
            sq = sum(float(np.dot(c.ravel(), c.ravel())) for c in self.coefs_)
            return data + 0.5 * float(self.alpha) * sq * monitor["batches"] / monitor["total"]

    def _validation_metrics(self, X_val, y_val, sw_val):
        X_val = np.ascontiguousarray(X_val, dtype=self._params.dtype)
        P = self._forward_pass_fast(X_val, check_input=False)
        score = self._score_from_output(P, y_val, sw_val)
        Y_val = self._encode_targets(y_val, P.dtype)
        if self._is_snns():
            val_loss = self._snns_error(X_val, Y_val, sw_val)
        else:
            val_loss = _loss_value(self._loss_name(), Y_val, P, sw_val, self._loss_param())
        return {"val_score": float(score), "val_loss": float(val_loss)}

    def _print_epoch(self, record, max_iter):
        parts = ["Epoch %d/%d" % (record["epoch"], max_iter), "loss: %.6f" % record["loss"]]
        if "val_loss" in record:
            parts.append("val_loss: %.6f" % record["val_loss"])
            parts.append("val_score: %.6f" % record["val_score"])
        parts.append("%.3fs" % record["seconds"])
        print(" - ".join(parts), flush=True)

    def _reconstruction_attributes(self):
        """Copies of the current weights, for callbacks that evaluate the model."""
        return {"coefs_": [c.copy() for c in self.coefs_],
                "intercepts_": [b.copy() for b in self.intercepts_]}

    def _check_validation_data(self, validation_data, dtype):
        """Validate a user's (X_val, y_val, sample_weight_val) against the fitted layout."""
        X_val, y_val, sw_val = validation_data
        if X_val is None or y_val is None:
            raise ValueError("X_val and y_val must be given together.")
        X_val = validate_data(
            self, X_val, accept_sparse=["csr", "csc"], reset=False,
            dtype=(np.float64, np.float32),
        )
        X_val = np.ascontiguousarray(self._densify(X_val), dtype=dtype)
        y_val = np.asarray(y_val)
        if y_val.ndim == 2 and y_val.shape[1] == 1:
            y_val = y_val.ravel()
        if y_val.shape[0] != X_val.shape[0]:
            raise ValueError(
                "X_val and y_val have inconsistent numbers of samples: %d and %d."
                % (X_val.shape[0], y_val.shape[0])
            )
        y_val = self._check_y_val(y_val, X_val)
        if sw_val is not None:
            sw_val = _check_sample_weight(sw_val, X_val, ensure_non_negative=True)
        return X_val, y_val, sw_val

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


_CPU_KERNELS = _backend.get_kernels("cpu")
_PREDICT_LOCAL = threading.local()  # per-thread prediction buffers of small batches
_SMALL_BATCH = 256


@functools.lru_cache(maxsize=64)
def _layout_of(sizes):
    """The flat layout of a network (cached: a prediction of one row should not
    pay for recomputing it)."""
    w_off, b_off, n_params = _layout(sizes)
    return np.asarray(sizes, dtype=np.int64), w_off, b_off, n_params


def _small_workspace(sizes_arr, rows, dtype):
    """Buffers for a prediction of ``rows`` rows: reused per thread for small
    batches (one-row predictions), fresh otherwise."""
    if rows > _SMALL_BATCH:
        return _Workspace(list(sizes_arr), rows, dtype, 0.0)
    cache = getattr(_PREDICT_LOCAL, "ws", None)
    if cache is None:
        cache = _PREDICT_LOCAL.ws = {}
    key = (sizes_arr.tobytes(), np.dtype(dtype).str, rows)
    ws = cache.get(key)
    if ws is None:
        if len(cache) > 32:
            cache.clear()
        ws = cache[key] = _Workspace(list(sizes_arr), rows, dtype, 0.0)
    return ws


def _check_pattern_orders(orders, n, max_iter):
    """Given per-epoch row orders: an int64 (max_iter, n) array of permutations."""
    if orders is None:
        return None
    orders = np.ascontiguousarray(orders, dtype=np.int64)
    if orders.ndim != 2 or orders.shape[1] != n or orders.shape[0] < max_iter:
        raise ValueError("pattern_orders must have shape (max_iter=%d, n_samples=%d), got %s."
                         % (max_iter, n, orders.shape))
    if not (np.sort(orders, axis=1) == np.arange(n)).all():
        raise ValueError("pattern_orders: every row must be a permutation of 0..n_samples-1.")
    return orders


def _per_layer(name, value, n_hidden, valid=None):
    """``value`` for every hidden layer: one value for all, or a list with one
    entry per hidden layer (checked: length, names, dropout rates in [0, 1))."""
    if isinstance(value, (list, tuple)):
        values = list(value)
        if len(values) != n_hidden:
            raise ValueError("%s has %d entries but the network has %d hidden layers; give one "
                             "per hidden layer, or a single value for all." % (name, len(values),
                                                                               n_hidden))
    else:
        values = [value] * n_hidden
    for v in values:
        if valid is not None:
            if not isinstance(v, str) or v not in valid:
                raise ValueError("%s: %r is not one of %s." % (name, v, sorted(valid)))
        elif not (isinstance(v, (int, float, np.floating, np.integer))
                  and not isinstance(v, bool) and 0 <= float(v) < 1):
            raise ValueError("%s: every rate must be a number in [0, 1), got %r." % (name, v))
    return values


def _check_initial_layers(coef_init, intercept_init, layer_units):
    """fit's coef_init / intercept_init: lists for the first layers, matching shapes."""
    if coef_init is None and intercept_init is None:
        return []
    if coef_init is None or intercept_init is None:
        raise ValueError("coef_init and intercept_init must be given together.")
    coef_init, intercept_init = list(coef_init), list(intercept_init)
    if len(coef_init) != len(intercept_init):
        raise ValueError("coef_init has %d layers but intercept_init %d; give one weight "
                         "matrix and one bias vector per layer." % (len(coef_init),
                                                                   len(intercept_init)))
    n_layers = len(layer_units) - 1
    if len(coef_init) > n_layers:
        raise ValueError("coef_init has %d layers; the network %s has %d."
                         % (len(coef_init), layer_units, n_layers))
    layers = []
    for i, (c, b) in enumerate(zip(coef_init, intercept_init)):
        c = np.asarray(c, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64).ravel()
        want = (layer_units[i], layer_units[i + 1])
        if c.shape != want or b.shape != (want[1],):
            raise ValueError(
                "coef_init[%d] must have shape %s and intercept_init[%d] shape %s (the network "
                "is %s); got %s and %s." % (i, want, i, (want[1],), layer_units, c.shape,
                                            b.shape))
        if not (np.isfinite(c).all() and np.isfinite(b).all()):
            raise ValueError("coef_init[%d] / intercept_init[%d] contain NaN or infinity."
                             % (i, i))
        layers.append((c, b))
    return layers


def _partial_fit_available(est):
    if solver_family(est.solver) not in ("gradient", "snns"):
        raise AttributeError(
            "partial_fit is only available for stochastic optimizers. %s is not stochastic."
            % est.solver
        )
    return True


_COMMON_DOC = """
    hidden_layer_sizes : array-like of shape (n_layers - 2,), default=(100,)
        The ith element is the number of neurons in the ith hidden layer.
        Whole-number floats (``5.0``, as R sends them) are accepted.
    activation : {'identity', 'logistic', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus'} or list, default='relu'
        Hidden-layer activation, or a list with one per hidden layer
        (gradient solvers). ``leaky_relu`` (slope 0.01), ``elu`` (alpha 1)
        and ``softplus`` go beyond scikit-learn.
    solver : {'lbfgs', 'sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'nadam'}, default='adam'
        The weight optimizer. Every stochastic solver runs whole epochs in
        compiled code; ``lbfgs`` uses scipy's L-BFGS-B over a compiled
        full-batch loss and gradient.
    alpha : float, default=0.0001
        Strength of the L2 penalty (divided by the batch's sample-weight sum).
    batch_size : int or 'auto', default='auto'
        Minibatch size; 'auto' is ``min(200, n_samples)``.
    learning_rate : {'constant', 'invscaling', 'adaptive', 'cosine', 'onecycle', 'plateau'}, default='constant'
        Learning-rate schedule. 'invscaling' and 'adaptive' are
        scikit-learn's, for 'sgd' only; 'cosine' (cosine decay to 0 over
        ``max_iter`` epochs), 'onecycle' (up from 1/25 of the rate to the
        rate over the first 30% of the epochs, then a cosine down to 1e-4
        of it) and 'plateau' (divide by 10 when the loss has not improved by
        ``tol`` for ``n_iter_no_change`` epochs; stop below 1e-4 of the
        rate) apply to every stochastic solver, SNNS learners with an eta
        included.
    learning_rate_init : float, default=0.001
        Initial learning rate of the stochastic solvers.
    power_t : float, default=0.5
        Exponent of the 'invscaling' schedule.
    max_iter : int, default=200
        Maximum number of epochs (or L-BFGS iterations).
    shuffle : bool, default=True
        Reshuffle the samples every epoch (in compiled code, seeded from
        ``random_state``).
    random_state : int, RandomState instance or None, default=None
        Seeds the weights initialisation (identical to scikit-learn's for
        the same seed), the validation split, shuffling and dropout.
    tol : float, default=1e-4
        Tolerance for the optimization (see ``n_iter_no_change``).
    verbose : bool or int, default=False
        Print one line per epoch: epoch, loss, validation loss and score, seconds.
    warm_start : bool, default=False
        Reuse the previous solution as initialisation.
    momentum : float, default=0.9
        Momentum of the 'sgd' solver.
    nesterovs_momentum : bool, default=True
        Use Nesterov's momentum with 'sgd'.
    early_stopping : bool, default=False
        Stop when the monitored validation metric stops improving; the
        validation set is ``validation_fraction`` of the training data, or the
        ``X_val, y_val`` passed to ``fit``.
    validation_fraction : float, default=0.1
        Fraction of the training data set aside for early stopping.
    beta_1, beta_2 : float, default=0.9, 0.999
        Exponential decay rates of the Adam-family moment estimates.
    epsilon : float, default=1e-8
        Numerical stability constant of the adaptive solvers.
    n_iter_no_change : int, default=10
        Epochs without ``tol`` improvement before stopping.
    max_fun : int, default=15000
        Maximum number of loss evaluations of 'lbfgs'.
    dropout : float or list of float, default=0.0
        Inverted-dropout rate on every hidden layer during training, or a
        list with one rate per hidden layer.
    rho : float, default=0.9
        Decay of the squared-gradient average of 'rmsprop' and 'adadelta'.
    monitor : {'val_score', 'val_loss'}, default='val_score'
        The validation metric early stopping watches.
    restore_best_weights : bool or None, default=None
        Restore the weights of the best epoch at the end of ``fit``: the best
        validation epoch when a validation set is used, else the lowest
        training loss. None means scikit-learn's behaviour (restore only with
        ``early_stopping``).
    device : {'cpu', 'cuda', 'auto'}, default='cpu'
        Where the kernels run; 'auto' uses a GPU when one is usable. Fitted
        attributes are always host NumPy arrays.
    init_range : (float, float) or None, default=None
        Uniform initialisation range of every weight and bias (RSNNS's
        Randomize_Weights); None uses ``init``.
    init : {'glorot', 'he', 'lecun', 'uniform'}, default='glorot'
        Weight initialisation, uniform with variance 2/(fan_in + fan_out)
        (Glorot; scikit-learn's, the same weights for the same seed; 2/3 of
        that for logistic), 2/fan_in (He, for relu), 1/fan_in (LeCun), or in
        ``init_range`` (default (-0.3, 0.3), SNNS's).  Biases are drawn
        like the weights, as scikit-learn does.
    init_output_bias : {'prior'} or None, default=None
        'prior' starts the output bias where the untrained network predicts
        the training targets' mean: log class priors (softmax), their logit
        (logistic outputs), the mean (identity), its log (poisson).
    warmup_epochs : int, default=0
        Epochs over which the learning rate ramps up linearly to its base
        value before ``learning_rate``'s schedule starts.
    clip_norm : float or None, default=None
        Rescale each minibatch gradient whose Euclidean norm exceeds this
        (gradient solvers; compiled in the epoch kernel).

    The SNNS solvers ('std_backprop', 'backprop_batch', 'backprop_chunk',
    'backprop_momentum', 'backprop_weight_decay', 'rprop', 'quickprop',
    'scg') train SNNS's masked sum-of-squares error with one logistic output
    per class; ``loss_curve_`` then holds that error per epoch, as RSNNS's
    IterativeFitError. ``learning_rate_init`` is eta (Rprop: the initial
    step) and ``alpha`` the weight decay.
"""

_ATTR_DOC = """
    loss_ : float
        The loss at the end of training (mean over the last epoch).
    best_loss_ : float or None
        Minimum training loss reached (None when early stopping on a split).
    loss_curve_ : list of float
        Training loss of every epoch.
    validation_scores_ : list of float or None
        Validation score of every epoch, when a validation set is used.
    validation_loss_curve_ : list of float
        Validation loss of every epoch, when a validation set is used.
    best_validation_score_ : float or None
        Best validation score.
    history_ : list of dict
        One dict per epoch: epoch, loss, seconds, learning_rate and, with a
        validation set, val_loss and val_score.
    t_ : int
        Number of training samples seen.
    coefs_ : list of ndarray
        Weight matrices; ``coefs_[i]`` has shape (n_units_i, n_units_{i+1}).
    intercepts_ : list of ndarray
        Bias vectors.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Feature names, when X has string column names.
    n_iter_ : int
        Number of epochs (iterations) run by the last call to ``fit`` (a warm
        start counts again from zero, as scikit-learn); ``partial_fit`` adds one.
    interrupted_ : bool
        Whether the last fit was stopped by Ctrl-C (KeyboardInterrupt); the
        weights of the last completed epoch or L-BFGS iteration are kept.
    n_layers_ : int
        Number of layers.
    n_outputs_ : int
        Number of outputs.
    out_activation_ : str
        Name of the output activation.
"""


class MLPClassifier(ClassifierMixin, BaseMultilayerPerceptron):
    __doc__ = (
        """Multi-layer perceptron classifier on compiled kernels.

    A drop-in replacement for :class:`sklearn.neural_network.MLPClassifier`
    with more solvers, activations, dropout, class weights and early stopping
    on a validation set of your own.

    Parameters
    ----------"""
        + _COMMON_DOC
        + """    class_weight : dict, 'balanced' or None, default=None
        Weights of the classes, multiplied into the sample weights.

    Attributes
    ----------
    classes_ : ndarray or list of ndarray
        Class labels."""
        + _ATTR_DOC
        + """
    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from skneural import MLPClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> clf = MLPClassifier(hidden_layer_sizes=(20,), max_iter=500, random_state=0).fit(X, y)
    >>> clf.predict(X[:3])
    array([0, 0, 0])
    >>> round(clf.score(X, y), 2) >= 0.9
    True
    """
    )

    _parameter_constraints: dict = {
        **BaseMultilayerPerceptron._parameter_constraints,
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init__(
        self,
        hidden_layer_sizes=(100,),
        activation="relu",
        *,
        solver="adam",
        alpha=0.0001,
        batch_size="auto",
        learning_rate="constant",
        learning_rate_init=0.001,
        power_t=0.5,
        max_iter=200,
        shuffle=True,
        random_state=None,
        tol=1e-4,
        verbose=False,
        warm_start=False,
        momentum=0.9,
        nesterovs_momentum=True,
        early_stopping=False,
        validation_fraction=0.1,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        n_iter_no_change=10,
        max_fun=15000,
        dropout=0.0,
        class_weight=None,
        rho=0.9,
        monitor="val_score",
        restore_best_weights=None,
        device="cpu",
        init_range=None,
        init="glorot",
        init_output_bias=None,
        warmup_epochs=0,
        clip_norm=None,
    ):
        super().__init__(
            hidden_layer_sizes=hidden_layer_sizes,
            activation=activation,
            solver=solver,
            alpha=alpha,
            batch_size=batch_size,
            learning_rate=learning_rate,
            learning_rate_init=learning_rate_init,
            power_t=power_t,
            max_iter=max_iter,
            loss="log_loss",
            shuffle=shuffle,
            random_state=random_state,
            tol=tol,
            verbose=verbose,
            warm_start=warm_start,
            momentum=momentum,
            nesterovs_momentum=nesterovs_momentum,
            early_stopping=early_stopping,
            validation_fraction=validation_fraction,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            n_iter_no_change=n_iter_no_change,
            max_fun=max_fun,
            dropout=dropout,
            rho=rho,
            monitor=monitor,
            restore_best_weights=restore_best_weights,
            device=device,
            init_range=init_range,
            init=init,
            init_output_bias=init_output_bias,
            warmup_epochs=warmup_epochs,
            clip_norm=clip_norm,
        )
        self.class_weight = class_weight

    def _output_activation(self):
        if self._is_snns():
            # SNNS networks have one logistic unit per class (RSNNS's mlp()).
            return "logistic"
        if self._label_binarizer.y_type_ == "multiclass":
            return "softmax"
        return "logistic"

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(
            self, X, y, accept_sparse=["csr", "csc"], multi_output=True,
            dtype=(np.float64, np.float32), reset=reset,
        )
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if (not hasattr(self, "classes_")) or (not self.warm_start and not incremental):
            self._label_binarizer = LabelBinarizer()
            self._label_binarizer.fit(y)
            self.classes_ = self._label_binarizer.classes_
        else:
            classes = unique_labels(y)
            if self.warm_start:
                if set(classes) != set(self.classes_):
                    raise ValueError(
                        "warm_start can only be used where `y` has the same classes as in "
                        "the previous call to fit. Previously got %s, `y` has %s"
                        % (self.classes_, classes)
                    )
            elif len(np.setdiff1d(classes, self.classes_, assume_unique=True)):
                raise ValueError(
                    "`y` has classes not in `self.classes_`. `self.classes_` has %s. 'y' has %s."
                    % (self.classes_, classes)
                )
        y_raw = y
        y = self._label_binarizer.transform(y).astype(bool)
        return X, y, y_raw

    def _apply_class_weight(self, sw, y_raw):
        if self.class_weight is None:
            return sw
        if np.ndim(y_raw) != 1:
            raise ValueError("class_weight is not supported for multilabel targets.")
        if isinstance(self.class_weight, dict):
            unknown = set(self.class_weight) - set(self.classes_.tolist())
            if unknown:
                raise ValueError(
                    "class_weight names labels %s that are not in the classes %s."
                    % (sorted(unknown, key=str), list(self.classes_))
                )
        cw = compute_sample_weight(self.class_weight, y_raw)
        return np.ascontiguousarray(sw * cw.astype(sw.dtype))

    def _encode_targets(self, y, dtype):
        return self._label_binarizer.transform(y).astype(dtype)

    def _check_y_val(self, y_val, X_val):
        """y_val must use the labels (or the indicator columns) the model has."""
        if self._label_binarizer.y_type_.startswith("multilabel"):
            y_val = np.asarray(y_val)
            if y_val.ndim != 2 or y_val.shape[1] != len(self.classes_) or \
                    not np.isin(y_val, (0, 1)).all():
                raise ValueError(
                    "y_val must be a label-indicator matrix with %d columns of 0/1, as y; "
                    "got shape %s." % (len(self.classes_), y_val.shape))
            return y_val
        known = set(self.classes_.tolist())
        unknown = [c for c in unique_labels(y_val).tolist() if c not in known]
        if unknown:
            raise ValueError(
                "y_val has labels %s that are not among the classes seen in y %s."
                % (unknown, self.classes_.tolist()))
        return y_val

    def _score_from_output(self, P, y, sample_weight):
        # accuracy_score's own input checks cost more than a small epoch: this
        # is the same (subset) accuracy, computed directly on validated arrays
        pred = self._output_to_labels(P)
        y = np.asarray(y)
        if pred.shape != y.shape:  # unusual label shapes: let sklearn decide
            return accuracy_score(y, pred, sample_weight=sample_weight)
        hit = pred == y
        if hit.ndim == 2:
            hit = hit.all(axis=1)
        return float(np.average(hit, weights=sample_weight))

    def _output_to_labels(self, P):
        if self.n_outputs_ == 1:
            P = P.ravel()
        return self._label_binarizer.inverse_transform(P)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None, sample_weight_val=None,
            coef_init=None, intercept_init=None):
        """Fit the model to data matrix X and target(s) y.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Target labels (a label-indicator matrix for multilabel).
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative sample weights.
        X_val, y_val : array-like, default=None
            A validation set. Its loss and score are recorded every epoch and,
            with ``early_stopping=True``, it replaces the internal split.
        sample_weight_val : array-like, default=None
            Weights of the validation samples.
        coef_init, intercept_init : list of ndarray, default=None
            Initial weights and biases of the first ``len(coef_init)`` layers
            (shapes as ``coefs_`` / ``intercepts_``), in place of the random
            initialisation; the other layers are initialised as usual.  This
            is how a DBN hands over its pre-trained layers, and how a model
            starts from weights made elsewhere (RSNNS, a paper).

        Returns
        -------
        self : MLPClassifier
        """
        validation_data = None
        if X_val is not None or y_val is not None:
            validation_data = (X_val, y_val, sample_weight_val)
        return self._fit(X, y, sample_weight=sample_weight, incremental=False,
                         validation_data=validation_data, coef_init=coef_init,
                         intercept_init=intercept_init)

    @available_if(_partial_fit_available)
    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None, classes=None):
        """Update the model with one epoch over the given data.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
        classes : array of shape (n_classes,), default=None
            All classes; required on the first call.

        Returns
        -------
        self : MLPClassifier
        """
        if _check_partial_fit_first_call(self, classes):
            self._label_binarizer = LabelBinarizer()
            if type_of_target(y).startswith("multilabel"):
                self._label_binarizer.fit(y)
            else:
                self._label_binarizer.fit(classes)
        return self._fit(X, y, sample_weight=sample_weight, incremental=True)

    def predict(self, X):
        """Predict class labels of X.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self._output_to_labels(self._forward_pass_fast(X))

    def predict_proba(self, X):
        """Class probabilities of X, columns ordered as ``classes_``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        y_prob : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        y_pred = self._forward_pass_fast(X)
        if self.n_outputs_ == 1:
            y_pred = y_pred.ravel()
        if y_pred.ndim == 1:
            return np.vstack([1 - y_pred, y_pred]).T
        if self._is_snns() and self._label_binarizer.y_type_ == "multiclass":
            # independent logistic outputs: normalise rows into probabilities
            total = y_pred.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                y_pred = np.where(total > 0, y_pred / total, 1.0 / y_pred.shape[1])
        elif self._label_binarizer.y_type_.startswith("multilabel"):
            # independent logistic outputs saturate to exactly 0 or 1 in floating point
            # (fast-learning solvers such as rprop reach |z| > 40); a probability of
            # the positive class lies strictly inside (0, 1)
            one = y_pred.dtype.type(1)
            np.clip(y_pred, np.finfo(y_pred.dtype).tiny, np.nextafter(one, one - one),
                    out=y_pred)
        return y_pred

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        y_prob = self.predict_proba(X)
        return np.log(y_prob, out=y_prob)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags


class MLPRegressor(RegressorMixin, BaseMultilayerPerceptron):
    __doc__ = (
        """Multi-layer perceptron regressor on compiled kernels.

    A drop-in replacement for :class:`sklearn.neural_network.MLPRegressor`.

    Parameters
    ----------
    loss : {'squared_error', 'poisson', 'huber', 'absolute_error'}, default='squared_error'
        The loss; 'poisson' uses an exponential output.  'huber' (quadratic
        within ``huber_delta`` of the target, linear beyond) and
        'absolute_error' resist outliers; like 'squared_error' they average
        over the outputs (scikit-learn's MLPRegressor has neither)."""
        + _COMMON_DOC
        + """
    huber_delta : float, default=1.0
        The Huber loss's threshold between its quadratic and linear parts.

    Attributes
    ----------"""
        + _ATTR_DOC
        + """
    Notes
    -----
    With several outputs, scikit-learn reports the squared error averaged
    over outputs but follows the gradient of its sum; skneural's gradient is
    the gradient of the reported loss.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import MLPRegressor
    >>> X = np.linspace(-1, 1, 200).reshape(-1, 1)
    >>> y = X.ravel() ** 2
    >>> reg = MLPRegressor((32,), solver="lbfgs", random_state=0).fit(X, y)
    >>> reg.score(X, y) > 0.95
    True
    """
    )

    _parameter_constraints: dict = {
        **BaseMultilayerPerceptron._parameter_constraints,
        "loss": [StrOptions({"squared_error", "poisson", "huber", "absolute_error"})],
        "huber_delta": [Interval(Real, 0, None, closed="neither")],
        "out_activation": [StrOptions({"identity", "logistic"})],
    }

    def __init__(
        self,
        loss="squared_error",
        hidden_layer_sizes=(100,),
        activation="relu",
        *,
        solver="adam",
        alpha=0.0001,
        batch_size="auto",
        learning_rate="constant",
        learning_rate_init=0.001,
        power_t=0.5,
        max_iter=200,
        shuffle=True,
        random_state=None,
        tol=1e-4,
        verbose=False,
        warm_start=False,
        momentum=0.9,
        nesterovs_momentum=True,
        early_stopping=False,
        validation_fraction=0.1,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        n_iter_no_change=10,
        max_fun=15000,
        dropout=0.0,
        rho=0.9,
        monitor="val_score",
        restore_best_weights=None,
        device="cpu",
        init_range=None,
        init="glorot",
        init_output_bias=None,
        warmup_epochs=0,
        clip_norm=None,
        out_activation="identity",
        huber_delta=1.0,
    ):
        self.out_activation = out_activation
        self.huber_delta = huber_delta
        super().__init__(
            hidden_layer_sizes=hidden_layer_sizes,
            activation=activation,
            solver=solver,
            alpha=alpha,
            batch_size=batch_size,
            learning_rate=learning_rate,
            learning_rate_init=learning_rate_init,
            power_t=power_t,
            max_iter=max_iter,
            loss=loss,
            shuffle=shuffle,
            random_state=random_state,
            tol=tol,
            verbose=verbose,
            warm_start=warm_start,
            momentum=momentum,
            nesterovs_momentum=nesterovs_momentum,
            early_stopping=early_stopping,
            validation_fraction=validation_fraction,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            n_iter_no_change=n_iter_no_change,
            max_fun=max_fun,
            dropout=dropout,
            rho=rho,
            monitor=monitor,
            restore_best_weights=restore_best_weights,
            device=device,
            init_range=init_range,
            init=init,
            init_output_bias=init_output_bias,
            warmup_epochs=warmup_epochs,
            clip_norm=clip_norm,
        )

    def _output_activation(self):
        if self._is_snns() and self.loss != "squared_error":
            raise ValueError(
                "loss=%r needs a gradient solver: the SNNS learner %r trains SNNS's "
                "sum-of-squares error." % (self.loss, resolve_solver(self).name))
        if self.loss == "poisson":
            return "exp"
        if self.out_activation == "logistic" and not self._is_snns():
            raise ValueError(
                "out_activation='logistic' needs an SNNS solver (its SSE gradient "
                "handles a logistic output); got solver=%r." % self.solver
            )
        return self.out_activation

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(
            self, X, y, accept_sparse=["csr", "csc"], multi_output=True, y_numeric=True,
            dtype=(np.float64, np.float32), reset=reset,
        )
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if self.loss == "poisson" and np.any(y < 0):
            raise ValueError("loss='poisson' needs non-negative targets y.")
        return X, y, y

    def _encode_targets(self, y, dtype):
        y = np.asarray(y, dtype=dtype)
        return y.reshape(-1, 1) if y.ndim == 1 else y

    def _check_y_val(self, y_val, X_val):
        y_val = np.asarray(y_val, dtype=np.float64)
        if not np.isfinite(y_val).all():
            raise ValueError("y_val contains NaN or infinity.")
        return y_val

    def _score_from_output(self, P, y, sample_weight):
        if P.shape[1] == 1:
            P = P.ravel()
        y = np.asarray(y, dtype=np.float64)
        if y.shape != P.shape or y.shape[0] < 2:  # let sklearn decide (and warn)
            return r2_score(y, P, sample_weight=sample_weight)
        # r2_score (multioutput="uniform_average", force_finite=True) without
        # its per-call input checks, which cost more than a small epoch
        Y = y.reshape(y.shape[0], -1)
        R = Y - np.asarray(P, dtype=np.float64).reshape(Y.shape)
        w = np.ones(Y.shape[0]) if sample_weight is None else np.asarray(sample_weight,
                                                                          dtype=np.float64)
        num = w @ (R * R)
        den = w @ (Y - (w @ Y) / w.sum()) ** 2
        score = np.where(den != 0, 1.0 - num / np.where(den != 0, den, 1.0),
                         np.where(num == 0, 1.0, 0.0))
        return float(score.mean())

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None, sample_weight_val=None,
            coef_init=None, intercept_init=None):
        """Fit the model to data matrix X and target(s) y.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None
        X_val, y_val : array-like, default=None
            A validation set (see :class:`MLPClassifier`).
        sample_weight_val : array-like, default=None
        coef_init, intercept_init : list of ndarray, default=None
            Initial weights and biases of the first layers (see
            :meth:`MLPClassifier.fit`).

        Returns
        -------
        self : MLPRegressor
        """
        validation_data = None
        if X_val is not None or y_val is not None:
            validation_data = (X_val, y_val, sample_weight_val)
        return self._fit(X, y, sample_weight=sample_weight, incremental=False,
                         validation_data=validation_data, coef_init=coef_init,
                         intercept_init=intercept_init)

    @available_if(_partial_fit_available)
    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None):
        """Update the model with one epoch over the given data.

        Returns
        -------
        self : MLPRegressor
        """
        return self._fit(X, y, sample_weight=sample_weight, incremental=True)

    def predict(self, X):
        """Predict using the multi-layer perceptron.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        y_pred = self._forward_pass_fast(X)
        if y_pred.shape[1] == 1:
            return y_pred.ravel()
        return y_pred
