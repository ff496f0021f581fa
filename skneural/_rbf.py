"""Radial basis function networks as SNNS trains them.

:class:`RBFNetworkRegressor` is SNNS's three-layer RBF network: Gaussian hidden
units ``h_j = exp(-p_j |x - c_j|^2)`` and output units that add their bias
(``Act_IdentityPlusBias``, or ``Act_Logistic``), initialised by ``RBF_Weights``
and trained by ``RadialBasisLearning``.  :class:`RBFNetworkClassifier` is the
RBF-DDA classifier (dynamic decay adjustment), which builds its hidden layer
while it trains.  The per-epoch work runs in :mod:`skneural._kernels.rbf`.
"""

import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._multilayer_perceptron import DivergenceWarning

_k = _backend.get_kernels("cpu", "rbf")  # the kernel registry's rbf family

__all__ = ["RBFNetworkRegressor", "RBFNetworkClassifier", "rbf_weights_init"]

_OUT_CODES = {"identity": _k.OUT_IDENTITY, "logistic": _k.OUT_LOGISTIC}


def check_validation_set(est, X_val, y_val, n_outputs, dtype):
    """(X_val, Y_val) as C-contiguous 2-D arrays of ``dtype``, or (None, None).

    Shared by the RBF and partially recurrent regressors' ``fit(X_val=, y_val=)``.
    """
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together.")
    if X_val is None:
        return None, None
    X_val = validate_data(est, X_val, dtype=(np.float64, np.float32), order="C", reset=False)
    y_val = np.asarray(y_val, dtype=np.float64)
    Y_val = y_val.reshape(len(y_val), -1) if y_val.ndim in (1, 2) else None
    if Y_val is None or Y_val.shape != (X_val.shape[0], n_outputs):
        raise ValueError("y_val must have %d rows (as X_val) and %d output column(s), got "
                         "shape %s." % (X_val.shape[0], n_outputs, np.shape(y_val)))
    if not np.isfinite(Y_val).all():
        raise ValueError("y_val contains NaN or infinity.")
    return (np.ascontiguousarray(X_val, dtype=dtype), np.ascontiguousarray(Y_val, dtype=dtype))


def masked_sse(Y, out, dmax):
    """Sum of squared errors, skipping outputs within ``dmax`` of their target (SNNS's error)."""
    err = np.asarray(Y, dtype=np.float64) - np.asarray(out, dtype=np.float64)
    err[np.abs(err) <= dmax] = 0.0
    return float((err * err).sum())


def _evenly_spaced_rows(n_samples, n_units):
    """SNNS's centre choice: the first pattern to the first unit, the last to the last,
    the others evenly in between (13 patterns, 5 units: patterns 1, 4, 7, 10, 13).

    Positions ``(n - 1) * j / (k - 1)`` are rounded half up; a single unit takes the
    first pattern, and with more units than patterns patterns repeat.
    """
    if n_units == 1:
        return np.zeros(1, dtype=np.intp)
    pos = (n_samples - 1) * np.arange(n_units) / (n_units - 1)
    return np.floor(pos + 0.5).astype(np.intp)


def rbf_weights_init(X, Y, n_units, zero_scale, one_scale, smoothness, gamma, deviation,
                     rng, dtype=None):
    """SNNS's ``RBF_Weights`` initialisation.

    1. Centres: the evenly spaced training patterns of :func:`_evenly_spaced_rows`,
       each coordinate moved by at most ``deviation`` (a fraction: 1.0 is 100%) as
       ``x * (1 + deviation * r)``, ``r = (2/pi) * arctan(z)`` with ``z`` standard
       normal (the manual says an arctan shape makes small deviations likelier; the
       exact law is not documented, this is skneural's choice).
    2. Every hidden unit's ``p`` (SNNS's hidden bias) is set to ``gamma``.
    3. Output weights and output biases solve the least-squares problem
       ``[H, 1] @ [W; b] = T'`` with the targets mapped ``T' = zero_scale +
       (one_scale - zero_scale) * T`` (SNNS maps teaching outputs 0 and 1 to
       ``0_scale`` and ``1_scale``; for other values skneural extends the map
       linearly). The solution is the net input the output units should reach,
       also for logistic outputs, as in SNNS (use e.g. -4 and 4 there).  With
       ``smoothness`` lambda > 0 the solution is regularised as Poggio and Girosi's
       ``(H'H + lambda G) w = H'T'``, ``G`` the hidden activations at the centres
       (the bias is not regularised); with 0 it is the Moore-Penrose solution.
       The pseudo-inverse drops singular values below ``eps * max(n, k + 1)``
       times the largest, ``eps`` the resolution of ``dtype``: wide, overlapping
       units make ``H`` nearly singular, and the exact solution's huge weights
       would cancel to noise in float32.

    Returns
    -------
    centers, p, W, b : arrays of ``dtype`` (default ``X.dtype``)
    """
    dtype = X.dtype if dtype is None else dtype
    Xd = np.asarray(X, dtype=np.float64)
    Yd = np.asarray(Y, dtype=np.float64)
    centers = Xd[_evenly_spaced_rows(Xd.shape[0], n_units)].copy()
    if deviation > 0:
        r = (2.0 / np.pi) * np.arctan(rng.standard_normal(centers.shape))
        centers *= 1.0 + deviation * r
    p = np.full(n_units, float(gamma))
    r2 = ((Xd[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    H1 = np.hstack([np.exp(-p * r2), np.ones((Xd.shape[0], 1))])
    T = zero_scale + (one_scale - zero_scale) * Yd
    # singular values below the working precision's resolution are dropped: their
    # huge, cancelling weights would be noise once rounded to ``dtype`` (float32)
    rcond = np.finfo(dtype).eps * max(H1.shape)
    if smoothness > 0:
        g = np.exp(-p * ((centers[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2))
        G = np.zeros((n_units + 1, n_units + 1))
        G[:n_units, :n_units] = g
        coef = np.linalg.pinv(H1.T @ H1 + smoothness * G, rcond=rcond) @ (H1.T @ T)
    else:
        coef = np.linalg.lstsq(H1, T, rcond=rcond)[0]
    out = (centers, p, coef[:n_units], coef[n_units])
    return tuple(np.ascontiguousarray(a, dtype=dtype) for a in out)


class RBFNetworkRegressor(RegressorMixin, BaseEstimator):
    """Gaussian radial basis function network trained as SNNS does (RSNNS's ``rbf``).

    One hidden layer of ``n_units`` Gaussian units ``h_j(x) = exp(-p_j |x -
    c_j|^2)`` (SNNS's ``Act_RBF_Gaussian``; ``p_j`` is stored in SNNS as the
    hidden unit's bias) and output units ``o = f(h @ W + b)`` with ``f`` the
    identity (SNNS's ``Act_IdentityPlusBias``: the bias counts, unlike the
    ``Act_Identity`` outputs of ``mlp``) or the logistic function.

    Initialisation (``RBF_Weights``, see :func:`rbf_weights_init`): centres are
    evenly spaced training patterns, slightly perturbed by ``deviation``; every
    ``p_j`` starts at ``gamma``; output weights and biases are the (optionally
    regularised) least-squares solution.  Training (``RadialBasisLearning``) is
    batch gradient descent with momentum on E = the sum of squared errors over
    patterns and outputs (outputs within ``dmax`` of their target contribute
    nothing), one update per epoch::

        step = -learning_rate_* * dE/dparam + momentum * previous step

    with separate rates for the centres, the ``p_j`` and the output weights
    (with the output biases).  The SNNS manual recommends small rates and, for
    stability, training only one group at a time.

    CPU only: one hidden layer of moderate width and one batch update per
    epoch give a GPU nothing to do that pays for the transfer.

    Parameters
    ----------
    n_units : int, default=5
        Number of hidden (RBF) units (RSNNS's ``size``).
    max_iter : int, default=100
        Training epochs (RSNNS's ``maxit``); 0 keeps the initialisation.
    zero_scale, one_scale : float, default=0.0, 1.0
        Values the targets 0 and 1 are mapped to for the least-squares
        initialisation (``RBF_Weights`` parameters 1 and 2).
    smoothness : float, default=0.0
        Regularisation lambda of the initial output weights (parameter 3).
    gamma : float, default=0.02
        Initial ``p`` of every hidden unit (parameter 4, SNNS's "bias").
    deviation : float, default=0.04
        Largest relative random change of the initial centres (parameter 5).
    learning_rate_centers, learning_rate_gamma, learning_rate_weights : float, \
default=1e-5, 0.0, 1e-5
        RadialBasisLearning's three learning rates.
    dmax : float, default=0.1
        Largest error per output that is tolerated (no error, no change).
    momentum : float, default=0.8
        Momentum of every parameter group.
    out_activation : {"identity", "logistic"}, default="identity"
        Output units (RSNNS's ``linOut=TRUE`` is "identity").
    random_state : int, RandomState instance or None, default=None
        Seeds the ``deviation`` noise of the centres (the only random step).

    Attributes
    ----------
    centers_ : ndarray of shape (n_units, n_features)
    gamma_ : ndarray of shape (n_units,)
        The trained ``p_j`` (inverse squared widths).
    coef_ : ndarray of shape (n_units, n_outputs)
    intercept_ : ndarray of shape (n_outputs,)
    loss_curve_ : list of float
        The error E of each epoch, measured before that epoch's update.
    validation_loss_curve_ : list of float or None
        The error on ``(X_val, y_val)`` after each epoch (None without them).
    n_iter_ : int
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import RBFNetworkRegressor
    >>> X = np.linspace(0, 10, 101).reshape(-1, 1)
    >>> y = np.sin(X).ravel()
    >>> model = RBFNetworkRegressor(n_units=20, gamma=1.0, max_iter=50,
    ...                             random_state=0).fit(X, y)
    >>> bool(model.score(X, y) > 0.99)
    True
    """

    _parameter_constraints: dict = {
        "n_units": [Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "zero_scale": [Real],
        "one_scale": [Real],
        "smoothness": [Interval(Real, 0, None, closed="left")],
        "gamma": [Interval(Real, 0, None, closed="left")],
        "deviation": [Interval(Real, 0, None, closed="left")],
        "learning_rate_centers": [Interval(Real, 0, None, closed="left")],
        "learning_rate_gamma": [Interval(Real, 0, None, closed="left")],
        "learning_rate_weights": [Interval(Real, 0, None, closed="left")],
        "dmax": [Interval(Real, 0, None, closed="left")],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "out_activation": [StrOptions(set(_OUT_CODES))],
        "random_state": ["random_state"],
    }

    def __init__(self, n_units=5, max_iter=100, zero_scale=0.0, one_scale=1.0, smoothness=0.0,
                 gamma=0.02, deviation=0.04, learning_rate_centers=1e-5,
                 learning_rate_gamma=0.0, learning_rate_weights=1e-5, dmax=0.1, momentum=0.8,
                 out_activation="identity", random_state=None):
        self.n_units = n_units
        self.max_iter = max_iter
        self.zero_scale = zero_scale
        self.one_scale = one_scale
        self.smoothness = smoothness
        self.gamma = gamma
        self.deviation = deviation
        self.learning_rate_centers = learning_rate_centers
        self.learning_rate_gamma = learning_rate_gamma
        self.learning_rate_weights = learning_rate_weights
        self.dmax = dmax
        self.momentum = momentum
        self.out_activation = out_activation
        self.random_state = random_state

    def _buffers(self, n_features, n_outputs, dtype):
        k = self.n_units
        z = np.zeros
        return dict(step_centers=z((k, n_features), dtype), step_p=z(k, dtype),
                    step_W=z((k, n_outputs), dtype), step_b=z(n_outputs, dtype),
                    h=z(k, dtype), r2=z(k, dtype), o=z(n_outputs, dtype), s=z(k, dtype),
                    g_centers=z((k, n_features), dtype), g_p=z(k, dtype),
                    g_W=z((k, n_outputs), dtype), g_b=z(n_outputs, dtype))

    def _epoch(self, X, Y, buf):
        dt = X.dtype.type
        return _k.rbf_epoch(
            X, Y, self.centers_, self.gamma_, self.coef_, self.intercept_,
            _OUT_CODES[self.out_activation], dt(self.learning_rate_centers),
            dt(self.learning_rate_gamma), dt(self.learning_rate_weights), dt(self.dmax),
            dt(self.momentum), buf["step_centers"], buf["step_p"], buf["step_W"],
            buf["step_b"], buf["h"], buf["r2"], buf["o"], buf["s"], buf["g_centers"],
            buf["g_p"], buf["g_W"], buf["g_b"])

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, X_val=None, y_val=None):
        """Initialise with RBF_Weights, then train ``max_iter`` epochs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        X_val, y_val : array-like, default=None
            A test set, not used for training: its error (masked SSE, after
            each epoch's update) is recorded in ``validation_loss_curve_``
            (RSNNS's ``IterativeTestError``).

        Returns
        -------
        self
        """
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32), order="C",
                             multi_output=True, y_numeric=True)
        self._y_1d = y.ndim == 1
        Y = np.ascontiguousarray(y.reshape(len(y), -1), dtype=X.dtype)
        X_val, Y_val = check_validation_set(self, X_val, y_val, Y.shape[1], X.dtype)
        self.validation_loss_curve_ = [] if X_val is not None else None
        rng = check_random_state(self.random_state)
        self.centers_, self.gamma_, self.coef_, self.intercept_ = rbf_weights_init(
            X, Y, self.n_units, self.zero_scale, self.one_scale, self.smoothness, self.gamma,
            self.deviation, rng)
        buf = self._buffers(X.shape[1], Y.shape[1], X.dtype)
        self.loss_curve_ = []
        self.n_iter_ = 0
        best_loss, best = np.inf, None
        for _ in range(self.max_iter):
            saved = (self.centers_.copy(), self.gamma_.copy(), self.coef_.copy(),
                     self.intercept_.copy())
            loss = float(self._epoch(X, Y, buf))   # the error of `saved`
            params_ok = all(np.isfinite(a).all() for a in
                            (self.centers_, self.gamma_, self.coef_, self.intercept_))
            if not (np.isfinite(loss) and params_ok):
                if best is not None:
                    self.centers_, self.gamma_, self.coef_, self.intercept_ = best
                else:
                    self.centers_, self.gamma_, self.coef_, self.intercept_ = saved
                warnings.warn("RBFNetworkRegressor: training diverged in epoch %d (non-finite "
                              "error or parameters); the parameters with the lowest training "
                              "error so far are kept. Lower the learning rates."
                              % (self.n_iter_ + 1), DivergenceWarning, stacklevel=2)
                break
            if loss < best_loss:
                best_loss, best = loss, saved
            self.loss_curve_.append(loss)
            self.n_iter_ += 1
            if X_val is not None:
                self.validation_loss_curve_.append(
                    masked_sse(Y_val, self._outputs(X_val), self.dmax))
        return self

    def _outputs(self, X):
        n = X.shape[0]
        k, m = self.coef_.shape
        dt = self.coef_.dtype
        X = np.ascontiguousarray(X, dtype=dt)
        out = np.empty((n, m), dtype=dt)
        _k.rbf_forward(X, self.centers_, self.gamma_, self.coef_, self.intercept_,
                       _OUT_CODES[self.out_activation], np.empty((n, k), dt),
                       np.empty((n, k), dt), out)
        return out

    def hidden_activations(self, X):
        """The Gaussian units' outputs for X, shape (n_samples, n_units)."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        dt = self.coef_.dtype
        X = np.ascontiguousarray(X, dtype=dt)
        H = np.empty((X.shape[0], self.n_units), dt)
        _k.gaussian_hidden(X, self.centers_, self.gamma_, H, np.empty_like(H))
        return H

    def predict(self, X):
        """Network outputs for X.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        out = self._outputs(X)
        return out.ravel() if self._y_1d else out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags


class RBFNetworkClassifier(ClassifierMixin, BaseEstimator):
    """RBF network built and trained by dynamic decay adjustment (RSNNS's ``rbfDDA``).

    Berthold and Diamond's DDA (SNNS's ``RBF-DDA``) grows one hidden layer of
    Gaussian prototypes, each belonging to one class, with an output per class
    summing its prototypes' weighted activations ``y_c(x) = sum_j A_j exp(-p_j
    |x - r_j|^2)``; the prediction is the class with the largest output.  Each
    epoch sets all weights ``A_j`` to 0 and presents the patterns once (in a
    new random order when ``shuffle``): a pattern covered by a prototype of its
    class (activation >= ``theta_pos``) adds 1 to that prototype's weight,
    otherwise a new prototype is placed on it; then every prototype of another
    class whose activation on the pattern exceeds ``theta_neg`` is shrunk to
    ``theta_neg`` there (see :func:`skneural._kernels.rbf.dda_epoch` for the
    details skneural chose where the manual is silent).  Training stops after
    ``max_iter`` epochs or once an epoch adds and shrinks nothing.

    CPU only: DDA is a sequential pass in which each pattern can change the
    prototypes the next one sees, so it does not parallelise.

    Parameters
    ----------
    theta_pos : float, default=0.4
        Activation a prototype must reach to cover a pattern of its class.
    theta_neg : float, default=0.2
        Largest activation a prototype may have on a pattern of another class
        (must be <= ``theta_pos``).
    max_iter : int, default=1
        Largest number of epochs (RSNNS's ``maxit``, default 1).
    shuffle : bool, default=True
        Present the patterns in a new random order each epoch
        (``shufflePatterns``); DDA's result depends on the order.
    out_activation : {"identity", "logistic"}, default="identity"
        Applied to the class sums by :meth:`class_outputs` (RSNNS's ``linOut``;
        rbfDDA's default ``linOut=FALSE`` is "logistic").  Being monotone it
        never changes a prediction.
    random_state : int, RandomState instance or None, default=None
        Seeds the presentation orders.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    centers_ : ndarray of shape (n_prototypes, n_features)
    gamma_ : ndarray of shape (n_prototypes,)
        ``p_j = 1 / sigma_j^2``; 0 is an unbounded radius.
    prototype_class_ : ndarray of int of shape (n_prototypes,)
        Index into ``classes_``.
    prototype_weight_ : ndarray of shape (n_prototypes,)
        The weights ``A_j`` (patterns covered in the last epoch).
    n_new_prototypes_ : list of int
        Prototypes committed in each epoch.
    loss_curve_ : list of float
        After each epoch, the sum of squared differences between
        :meth:`class_outputs` on the training data and the 0/1 class
        indicators (skneural's choice of error for DDA, which minimises none).
    n_iter_ : int
    n_features_in_ : int

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from skneural import RBFNetworkClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> clf = RBFNetworkClassifier(max_iter=5, random_state=0).fit(X, y)
    >>> bool(clf.score(X, y) > 0.95)
    True
    """

    _parameter_constraints: dict = {
        "theta_pos": [Interval(Real, 0, 1, closed="neither")],
        "theta_neg": [Interval(Real, 0, 1, closed="neither")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "out_activation": [StrOptions(set(_OUT_CODES))],
        "random_state": ["random_state"],
    }

    def __init__(self, theta_pos=0.4, theta_neg=0.2, max_iter=1, shuffle=True,
                 out_activation="identity", random_state=None):
        self.theta_pos = theta_pos
        self.theta_neg = theta_neg
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.out_activation = out_activation
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Build the prototypes from (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        if self.theta_neg > self.theta_pos:
            raise ValueError("RBFNetworkClassifier: theta_neg (%r) must not exceed theta_pos "
                             "(%r)." % (self.theta_neg, self.theta_pos))
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32), order="C")
        check_classification_targets(y)
        self.classes_, codes = np.unique(y, return_inverse=True)
        codes = codes.astype(np.int64)
        n, d = X.shape
        rng = check_random_state(self.random_state)
        centers = np.zeros((n, d), X.dtype)
        p = np.zeros(n, X.dtype)
        cls = np.zeros(n, np.int64)
        A = np.zeros(n, X.dtype)
        n_proto = 0
        self.n_new_prototypes_ = []
        self.loss_curve_ = []
        self.n_iter_ = 0
        dt = X.dtype.type
        onehot = np.zeros((n, len(self.classes_)))
        onehot[np.arange(n), codes] = 1.0
        for _ in range(self.max_iter):
            order = (rng.permutation(n) if self.shuffle else np.arange(n)).astype(np.int64)
            n_proto, n_new, n_shrunk = _k.dda_epoch(
                X, codes, order, centers, p, cls, A, n_proto, dt(np.log(self.theta_pos)),
                dt(np.log(self.theta_neg)))
            self.n_new_prototypes_.append(int(n_new))
            self.n_iter_ += 1
            self._store(centers, p, cls, A, n_proto)
            self.loss_curve_.append(masked_sse(onehot, self._class_outputs(X), 0.0))
            if n_new == 0 and n_shrunk == 0:
                break
        return self

    def _store(self, centers, p, cls, A, n_proto):
        self.centers_ = centers[:n_proto].copy()
        self.gamma_ = p[:n_proto].copy()
        self.prototype_class_ = cls[:n_proto].copy()
        self.prototype_weight_ = A[:n_proto].copy()

    def _class_outputs(self, X):
        dt = self.centers_.dtype
        X = np.ascontiguousarray(X, dtype=dt)
        out = np.empty((X.shape[0], len(self.classes_)), dt)
        _k.dda_outputs(X, self.centers_, self.gamma_, self.prototype_class_,
                       self.prototype_weight_, len(self.classes_), out)
        if self.out_activation == "logistic":
            out = 1.0 / (1.0 + np.exp(-out))
        return out

    def class_outputs(self, X):
        """The per-class outputs ``f(y_c(x))``, shape (n_samples, n_classes)."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        return self._class_outputs(X)

    def decision_function(self, X):
        """Class outputs; for two classes ``y_1 - y_0`` (positive means ``classes_[1]``)."""
        out = self.class_outputs(X)
        if len(self.classes_) == 2:
            return out[:, 1] - out[:, 0]
        return out

    def predict(self, X):
        """The class with the largest output (the first one on ties)."""
        out = self.class_outputs(X)
        return self.classes_[np.argmax(out, axis=1)]
