"""Adaptive resonance theory networks (SNNS's ART1, ART2, ARTMAP) as scikit-learn estimators.

The epochs run in :mod:`skneural._kernels.art`; this module validates,
initialises the weights as SNNS's init functions describe, draws the pattern
orders and stops once an epoch changes no weight.  RSNNS's ``art1()``,
``art2()`` and ``artmap()`` are at the end.
"""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, ClusterMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._som import _as_matrix, _as_params, whole_param
from ._utils import as_whole_number

_art_kernels = _backend.get_kernels("cpu", "art")  # the kernel registry's art family

__all__ = ["ART1", "ART2", "ARTMAPClassifier", "art1", "art2", "artmap"]

#: SNNS's ART2 constant that keeps norms away from a division by zero.
ART2_EPS = 1e-10


def check_binary(X, name, who):
    """Raise unless every value of X is 0 or 1."""
    bad = (X != 0) & (X != 1)
    if bad.any():
        raise ValueError(
            f"{who} needs binary input: every value of {name} must be 0 or 1; got values such "
            f"as {np.unique(X[bad])[:3].tolist()}. Binarize the data first, or use ART2 for "
            "real-valued input.")


def art1_initial_weights(n_units, n_features, beta, gamma, dtype):
    """SNNS's ``ART1_Weights``: top-down 1; bottom-up decreasing with the unit number.

    Unit ``j`` (1-based) gets ``1 / (beta + (1 + j * gamma / M) * N)`` on every
    link, below the bound ``1 / (beta + N)``, so an untrained net commits its
    units in index order.
    """
    j = np.arange(1, n_units + 1, dtype=np.float64)
    column = 1.0 / (beta + (1.0 + j * gamma / n_units) * n_features)
    bottom_up = np.repeat(column[:, None], n_features, axis=1).astype(dtype)
    top_down = np.ones((n_units, n_features), dtype=dtype)
    return np.ascontiguousarray(bottom_up), top_down


def _orders(rng, n, shuffle):
    return rng.permutation(n).astype(np.intp) if shuffle else np.arange(n, dtype=np.intp)


def _fit_until_stable(est, X, rng, bu, td, committed, max_iter, run_epoch):
    """ART1/ART2's training: epochs over shuffled patterns until the top-down
    weights stop changing (or max_iter), then the fitted attributes."""
    est.n_iter_ = 0
    for _ in range(max_iter):
        before = td.copy()
        run_epoch(_orders(rng, X.shape[0], est.shuffle))
        est.n_iter_ += 1
        if np.array_equal(before, td):
            break
    est.bottom_up_weights_ = bu
    est.top_down_weights_ = td
    est.committed_ = committed
    est.n_clusters_ = int(committed.sum())
    est.labels_ = est.predict(X)
    return est


class ART1(ClusterMixin, BaseEstimator):
    """ART1 clustering of binary patterns (SNNS's ``ART1``).

    Each recognition (F2) unit stores a binary prototype (its top-down
    weights).  A pattern ``x`` chooses the unit with the largest bottom-up
    activation ``T_j = b_j . x``; the unit resonates when
    ``|x AND t_j| / |x| >= rho`` (vigilance), otherwise it is reset and the
    next best unit is tried.  On resonance (fast learning) ``t_J = t_J AND x``
    and ``b_J = t_J / (beta + |t_J|)``.  Units still holding their initial
    weights are uncommitted; SNNS's ``ART1_Weights`` makes them decrease with
    the unit number so new categories take the units in order.  CPU only.

    Training repeats epochs until one changes no weight (ART1 with fast
    learning is stable: later epochs would change nothing) or ``max_iter``.

    Parameters
    ----------
    rho : float, default=0.9
        Vigilance, in (0, 1]: higher makes more, finer categories.
    beta : float, default=1.0
        SNNS's beta (> 0), in the init and learning rules.
    gamma : float, default=1.0
        SNNS's gamma (> 0): how fast the initial bottom-up weights decrease
        with the unit number (choice; SNNS's manual gives the idea, not the
        formula: unit ``j`` of ``M`` gets ``1 / (beta + (1 + j gamma / M) N)``).
    n_units : int or None, default=None
        Recognition units (most categories); None: one per training pattern
        (RSNNS's default ``f2Units = nrow(x)``).
    max_iter : int, default=100
        Most epochs.
    shuffle : bool, default=True
        New random pattern order every epoch.
    random_state : int, RandomState instance or None, default=None
        Seeds the pattern orders.

    Attributes
    ----------
    top_down_weights_ : ndarray of shape (n_units, n_features)
        Binary prototype of each unit (all ones while uncommitted).
    bottom_up_weights_ : ndarray of shape (n_units, n_features)
    committed_ : ndarray of bool, shape (n_units,)
    n_clusters_ : int
        Committed units.
    labels_ : ndarray of shape (n_samples,)
        ``predict`` of the training data after training.
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when X has feature names.

    Notes
    -----
    ``predict`` runs the same search without learning.  A pattern that no
    committed unit accepts resonates with the first free uncommitted unit (as
    SNNS's recognition layer shows), so its label is that unit's number, not
    an existing cluster; -1 means no unit resonated (every unit committed and
    reset) or the pattern is all zeros (ART1 cannot compare an empty
    pattern; such patterns never train).

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import ART1
    >>> X = np.array([[1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 1]])
    >>> ART1(rho=0.5, shuffle=False).fit_predict(X).tolist()
    [0, 0, 1, 1]
    """

    _parameter_constraints: dict = {
        "rho": [Interval(Real, 0, 1, closed="right")],
        "beta": [Interval(Real, 0, None, closed="neither")],
        "gamma": [Interval(Real, 0, None, closed="neither")],
        "n_units": [Interval(Real, 1, None, closed="left"), None],
        "max_iter": [Interval(Real, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, rho=0.9, *, beta=1.0, gamma=1.0, n_units=None, max_iter=100,
                 shuffle=True, random_state=None):
        self.rho = rho
        self.beta = beta
        self.gamma = gamma
        self.n_units = n_units
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state

    def _check_X(self, X, reset):
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=reset)
        check_binary(X, "X", type(self).__name__)
        return X

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the categories of the binary patterns X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1
        y : ignored

        Returns
        -------
        self : ART1
        """
        max_iter = whole_param(self, "max_iter")
        X = self._check_X(X, reset=True)
        n_units = X.shape[0] if self.n_units is None else whole_param(self, "n_units")
        rng = check_random_state(self.random_state)
        bu, td = art1_initial_weights(n_units, X.shape[1], self.beta, self.gamma, X.dtype)
        committed = np.zeros(n_units, dtype=np.bool_)
        labels = np.full(X.shape[0], -1, dtype=np.intp)
        reset = np.zeros(n_units, dtype=np.bool_)
        scores = np.empty(n_units, dtype=X.dtype)
        return _fit_until_stable(self, X, rng, bu, td, committed, max_iter, lambda order: (
            _art_kernels.art1_epoch(X, order, bu, td, committed, float(self.rho),
                                    float(self.beta), True, labels, reset, scores)))

    def predict(self, X):
        """Resonating unit of every pattern (no learning); -1 where none.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1

        Returns
        -------
        ndarray of shape (n_samples,), dtype intp
        """
        check_is_fitted(self, "top_down_weights_")
        X = self._check_X(X, reset=False)
        bu = self.bottom_up_weights_.astype(X.dtype)  # copies: prediction never learns
        td = self.top_down_weights_.astype(X.dtype)
        committed = self.committed_.copy()
        labels = np.empty(X.shape[0], dtype=np.intp)
        n_units = bu.shape[0]
        _art_kernels.art1_epoch(X, np.arange(X.shape[0], dtype=np.intp), bu, td, committed,
                                float(self.rho), float(self.beta), False, labels,
                                np.zeros(n_units, dtype=np.bool_), np.empty(n_units, X.dtype))
        return labels



class ART2(ClusterMixin, BaseEstimator):
    """ART2 clustering of real-valued patterns (SNNS's ``ART2``).

    The comparison layer F1 has the sub-layers w, x, u, v, p, q of Carpenter
    & Grossberg (1987)::

        u = v / (e + |v|)      w = s + a u          p = u + d t_J
        x = w / (e + |w|)      q = p / (e + |p|)    v = f(x) + b f(q)

    with ``f(z) = z`` for ``z >= theta``, else 0 (SNNS's piecewise-linear
    noise function) and ``t_J`` the top-down weights of the F2 winner (none
    before the choice).  F2 chooses the unit with the largest ``b_j . p``;
    the reset vector ``r = (u + c p) / (e + |u| + c |p|)`` accepts it when
    ``|r| >= rho - e``, otherwise it is reset and the search goes on.  On
    resonance F1 runs ``f1_iterations`` more passes with ``J`` active and
    both weight vectors of ``J`` jump to the fast-learning equilibrium
    ``u / (1 - d)`` (skneural's choice of SNNS's learning schedule).  Initial
    weights (SNNS's ``ART2_Weights``): top-down 0, bottom-up
    ``1 / ((1 + gamma) (1 - d) sqrt(N))`` (below the bound ``1 / ((1 - d)
    sqrt(N))``; the exact value is skneural's choice).  ``e`` is 1e-10.

    Training repeats epochs until one changes no weight, or ``max_iter``.
    ART2 expects non-negative inputs (values below ``theta`` are suppressed);
    scale them, e.g. with a MinMaxScaler.  CPU only.

    Parameters
    ----------
    rho : float, default=0.98
        Vigilance, in [0, 1].
    a, b : float, default=10.0
        Feedback strengths within F1 (SNNS's second and third parameters).
    c : float, default=0.1
        Weight of p in the reset vector; ``c * d / (1 - d) <= 1`` is required.
    d : float, default=0.9
        Output of the F2 winner, in (0, 1) (SNNS's first init parameter).
    gamma : float, default=2.0
        Scales the initial bottom-up weights down (SNNS's second init
        parameter).
    theta : float, default=0.0
        Noise threshold of ``f``.
    n_units : int, default=5
        Recognition units (RSNNS's ``f2Units``).
    f1_iterations : int, default=10
        F1 passes with the winner active before the weights are learnt.
    max_iter : int, default=100
        Most epochs.
    shuffle : bool, default=True
    random_state : int, RandomState instance or None, default=None

    Attributes
    ----------
    top_down_weights_, bottom_up_weights_ : ndarray of shape (n_units, n_features)
    committed_ : ndarray of bool, shape (n_units,)
    n_clusters_ : int
    labels_ : ndarray of shape (n_samples,)
        ``predict`` of the training data after training (-1: no resonance).
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when X has feature names.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import ART2
    >>> X = np.array([[1., 0.1, 0.], [0.9, 0.2, 0.], [0., 0.1, 1.], [0., 0.2, 0.9]])
    >>> ART2(rho=0.9, shuffle=False).fit_predict(X).tolist()
    [0, 0, 1, 1]
    """

    _parameter_constraints: dict = {
        "rho": [Interval(Real, 0, 1, closed="both")],
        "a": [Interval(Real, 0, None, closed="left")],
        "b": [Interval(Real, 0, None, closed="left")],
        "c": [Interval(Real, 0, None, closed="left")],
        "d": [Interval(Real, 0, 1, closed="neither")],
        "gamma": [Interval(Real, 0, None, closed="left")],
        "theta": [Interval(Real, None, None, closed="neither")],
        "n_units": [Interval(Real, 1, None, closed="left")],
        "f1_iterations": [Interval(Real, 0, None, closed="left")],
        "max_iter": [Interval(Real, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, rho=0.98, *, a=10.0, b=10.0, c=0.1, d=0.9, gamma=2.0, theta=0.0,
                 n_units=5, f1_iterations=10, max_iter=100, shuffle=True, random_state=None):
        self.rho = rho
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.gamma = gamma
        self.theta = theta
        self.n_units = n_units
        self.f1_iterations = f1_iterations
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state

    def _params(self):
        if self.c * self.d / (1.0 - self.d) > 1.0:
            raise ValueError(
                f"ART2 needs c * d / (1 - d) <= 1 (SNNS's condition on c and d); got c={self.c}, "
                f"d={self.d}: {self.c * self.d / (1.0 - self.d):.4g}.")
        return (float(self.rho), float(self.a), float(self.b), float(self.c), float(self.d),
                float(self.theta), ART2_EPS, whole_param(self, "f1_iterations"))

    def _run(self, X, order, bu, td, committed, learn, labels):
        n = bu.shape[0]
        m = X.shape[1]
        buffers = [np.empty(m, dtype=X.dtype) for _ in range(6)]
        _art_kernels.art2_epoch(X, order, bu, td, committed, *self._params(), learn, labels,
                                np.zeros(n, dtype=np.bool_), np.empty(n, dtype=X.dtype),
                                *buffers)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the categories of X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : ART2
        """
        max_iter = whole_param(self, "max_iter")
        n_units = whole_param(self, "n_units")
        self._params()
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C")
        rng = check_random_state(self.random_state)
        value = 1.0 / ((1.0 + self.gamma) * (1.0 - self.d) * np.sqrt(X.shape[1]))
        bu = np.full((n_units, X.shape[1]), value, dtype=X.dtype)
        td = np.zeros((n_units, X.shape[1]), dtype=X.dtype)
        committed = np.zeros(n_units, dtype=np.bool_)
        labels = np.full(X.shape[0], -1, dtype=np.intp)
        return _fit_until_stable(self, X, rng, bu, td, committed, max_iter, lambda order: (
            self._run(X, order, bu, td, committed, True, labels)))

    def predict(self, X):
        """Resonating unit of every pattern (no learning); -1 where none.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), dtype intp
        """
        check_is_fitted(self, "top_down_weights_")
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        labels = np.empty(X.shape[0], dtype=np.intp)
        self._run(X, np.arange(X.shape[0], dtype=np.intp),
                  self.bottom_up_weights_.astype(X.dtype), self.top_down_weights_.astype(X.dtype),
                  self.committed_.copy(), False, labels)
        return labels


class ARTMAPClassifier(ClassifierMixin, BaseEstimator):
    """ARTMAP classifier on binary inputs (SNNS's ``ARTMAP``: two ART1 modules and a map field).

    ARTa clusters the inputs, ARTb the targets (here the one-hot class
    codes), and the map field learns which ARTb category each ARTa category
    predicts.  Training a pair: ARTb resonates on the target (category K);
    ARTa searches with vigilance starting at ``rho_a``; when the chosen ARTa
    category J already predicts another category (map-field match below
    ``rho``), *match tracking* raises ARTa's vigilance just above J's match
    and the search goes on, so a finer category is found or committed.  J
    then learns the input (ART1 fast learning) and its map-field row keeps
    only K.  Epochs repeat until one changes no weight, or ``max_iter``.

    Prediction uses ARTa alone: the committed category with the largest
    choice value ``T_j`` (vigilance is not applied, as in ARTMAP's test mode
    with baseline vigilance 0 -- skneural's choice: a classifier must answer)
    and the class its map-field row predicts.  CPU only.

    Parameters
    ----------
    rho_a : float, default=0.8
        Baseline ARTa vigilance (SNNS's first parameter).
    rho_b : float, default=1.0
        ARTb vigilance (second parameter).
    rho : float, default=1.0
        Map-field vigilance (third parameter).
    beta_a, gamma_a, beta_b, gamma_b : float, default=1.0
        ART1 init/learning constants of the two modules (SNNS's
        ``ARTMAP_Weights`` parameters).
    n_units_a : int or None, default=None
        ARTa recognition units; None: one per training pattern.
    n_units_b : int or None, default=None
        ARTb recognition units; None: one per class with ``fit``, one per
        training pattern with :meth:`fit_target_patterns`.
    max_iter : int, default=100
        Most epochs.
    shuffle : bool, default=True
    random_state : int, RandomState instance or None, default=None

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    top_down_weights_ : ndarray of shape (n_units_a, n_features)
        ARTa prototypes.
    bottom_up_weights_ : ndarray of shape (n_units_a, n_features)
    committed_ : ndarray of bool, shape (n_units_a,)
    map_field_ : ndarray of shape (n_units_a, n_units_b)
        Binary map-field weights (one 1 per committed row).
    target_prototypes_ : ndarray of shape (n_units_b, n_targets)
        ARTb prototypes (the one-hot class codes with ``fit``).
    category_classes_ : ndarray of shape (n_units_a,)
        Index into ``classes_`` each ARTa category predicts (-1: uncommitted).
    n_categories_ : int
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when X has feature names.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import ARTMAPClassifier
    >>> X = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]])
    >>> clf = ARTMAPClassifier(random_state=0).fit(X, ["a", "a", "b", "b"])
    >>> clf.predict([[1, 1, 1, 0], [0, 1, 1, 1]]).tolist()
    ['a', 'b']
    """

    _parameter_constraints: dict = {
        "rho_a": [Interval(Real, 0, 1, closed="both")],
        "rho_b": [Interval(Real, 0, 1, closed="right")],
        "rho": [Interval(Real, 0, 1, closed="both")],
        "beta_a": [Interval(Real, 0, None, closed="neither")],
        "gamma_a": [Interval(Real, 0, None, closed="neither")],
        "beta_b": [Interval(Real, 0, None, closed="neither")],
        "gamma_b": [Interval(Real, 0, None, closed="neither")],
        "n_units_a": [Interval(Real, 1, None, closed="left"), None],
        "n_units_b": [Interval(Real, 1, None, closed="left"), None],
        "max_iter": [Interval(Real, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, rho_a=0.8, rho_b=1.0, rho=1.0, *, beta_a=1.0, gamma_a=1.0, beta_b=1.0,
                 gamma_b=1.0, n_units_a=None, n_units_b=None, max_iter=100, shuffle=True,
                 random_state=None):
        self.rho_a = rho_a
        self.rho_b = rho_b
        self.rho = rho
        self.beta_a = beta_a
        self.gamma_a = gamma_a
        self.beta_b = beta_b
        self.gamma_b = gamma_b
        self.n_units_a = n_units_a
        self.n_units_b = n_units_b
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state

    def _check_X(self, X, reset):
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=reset)
        check_binary(X, "X", type(self).__name__)
        return X

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Train on binary inputs X and class labels y.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : ARTMAPClassifier
        """
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32), order="C")
        check_classification_targets(y)
        check_binary(X, "X", type(self).__name__)
        self.classes_, codes = np.unique(y, return_inverse=True)
        targets = np.zeros((X.shape[0], len(self.classes_)), dtype=X.dtype)
        targets[np.arange(X.shape[0]), codes] = 1
        self._train(X, targets, len(self.classes_) if self.n_units_b is None
                    else whole_param(self, "n_units_b"))
        # the class of an ARTb category is the one its one-hot prototype holds
        proto_class = np.where(self.target_prototypes_.sum(axis=1) == 1,
                               self.target_prototypes_.argmax(axis=1), -1)
        self.category_classes_ = self._map_categories(proto_class)
        return self

    def fit_target_patterns(self, X, Y):
        """Train on binary inputs X and binary target *patterns* Y (RSNNS's ``artmap``).

        ARTb then clusters the rows of Y with vigilance ``rho_b``;
        :meth:`predict_target_patterns` returns the ARTb prototype predicted
        for each input.  ``classes_`` and ``predict`` are not set up.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1
        Y : array-like of shape (n_samples, n_targets), values 0 or 1

        Returns
        -------
        self : ARTMAPClassifier
        """
        self._validate_params()
        X = self._check_X(X, reset=True)
        Y = np.ascontiguousarray(np.asarray(Y, dtype=X.dtype))
        if Y.ndim != 2 or Y.shape[0] != X.shape[0]:
            raise ValueError(f"Y must be a matrix with one row per row of X ({X.shape[0]}); "
                             f"got shape {Y.shape}.")
        check_binary(Y, "Y", type(self).__name__)
        self._train(X, Y, Y.shape[0] if self.n_units_b is None
                    else whole_param(self, "n_units_b"))
        return self

    def _train(self, X, Y, n_units_b):
        max_iter = whole_param(self, "max_iter")
        n_units = X.shape[0] if self.n_units_a is None else whole_param(self, "n_units_a")
        rng = check_random_state(self.random_state)
        bu_a, td_a = art1_initial_weights(n_units, X.shape[1], self.beta_a, self.gamma_a, X.dtype)
        bu_b, td_b = art1_initial_weights(n_units_b, Y.shape[1], self.beta_b, self.gamma_b,
                                          X.dtype)
        committed_a = np.zeros(n_units, dtype=np.bool_)
        committed_b = np.zeros(n_units_b, dtype=np.bool_)
        map_w = np.ones((n_units, n_units_b), dtype=X.dtype)
        labels = np.full(X.shape[0], -1, dtype=np.intp)
        scratch = (np.zeros(n_units, dtype=np.bool_), np.empty(n_units, dtype=X.dtype),
                   np.zeros(n_units_b, dtype=np.bool_), np.empty(n_units_b, dtype=X.dtype))
        self.n_iter_ = 0
        for _ in range(max_iter):
            before = (td_a.copy(), td_b.copy(), map_w.copy())
            _art_kernels.artmap_epoch(
                X, Y, _orders(rng, X.shape[0], self.shuffle), bu_a, td_a, committed_a, bu_b,
                td_b, committed_b, map_w, float(self.rho_a), float(self.rho_b), float(self.rho),
                float(self.beta_a), float(self.beta_b), labels, *scratch)
            self.n_iter_ += 1
            if all(np.array_equal(b, a) for b, a in zip(before, (td_a, td_b, map_w))):
                break
        if not committed_a.any():
            raise ValueError("ARTMAPClassifier learnt no category: every input pattern is all "
                             "zeros, or no target pattern resonated.")
        self.bottom_up_weights_ = bu_a
        self.top_down_weights_ = td_a
        self.committed_ = committed_a
        self.map_field_ = map_w
        self.target_prototypes_ = td_b
        self.target_committed_ = committed_b
        self.n_categories_ = int(committed_a.sum())

    def _map_categories(self, per_b):
        """Per ARTa unit, ``per_b`` of the ARTb category its map-field row predicts (-1: none)."""
        out = np.full(self.map_field_.shape[0], -1, dtype=np.intp)
        for j in np.flatnonzero(self.committed_):
            row = self.map_field_[j]
            if row.sum() == 1:
                out[j] = per_b[int(row.argmax())]
        return out

    def _categories(self, X):
        check_is_fitted(self, "top_down_weights_")
        X = self._check_X(X, reset=False)
        out = np.empty(X.shape[0], dtype=np.intp)
        _art_kernels.art_best_committed(X, self.bottom_up_weights_.astype(X.dtype),
                                        self.committed_, out)
        return out

    def predict(self, X):
        """Class predicted by the best committed ARTa category of every row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self, "category_classes_")
        return self.classes_[self.category_classes_[self._categories(X)]]

    def predict_target_patterns(self, X):
        """ARTb prototype predicted for every row of X (zeros where none).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), values 0 or 1

        Returns
        -------
        ndarray of shape (n_samples, n_targets)
        """
        category = self._categories(X)
        per_b = np.arange(self.target_prototypes_.shape[0])
        k = self._map_categories(per_b)[category]
        out = np.zeros((len(k), self.target_prototypes_.shape[1]))
        out[k >= 0] = self.target_prototypes_[k[k >= 0]]
        return out



# ---------------------------------------------------------------------------
# RSNNS's art1(), art2(), artmap()
# ---------------------------------------------------------------------------
def _check_names(who, **pairs):
    for name, (value, valid) in pairs.items():
        if value not in valid:
            raise ValueError(f"{who}: unknown {name} {value!r}; skneural implements "
                             f"{', '.join(repr(v) for v in valid)}.")


def _one_hot_winners(labels, n_units):
    out = np.zeros((labels.shape[0], n_units))
    ok = labels >= 0
    out[np.flatnonzero(ok), labels[ok]] = 1.0
    return out


def art1(x, dimX, dimY, f2Units=None, maxit=100, initFunc="ART1_Weights",
         initFuncParams=(1.0, 1.0), learnFunc="ART1", learnFuncParams=(0.9, 0.0, 0.0),
         updateFunc="ART1_Stable", updateFuncParams=(0.0,), shufflePatterns=True,
         random_state=None):
    """Create and train an ART1 network as RSNNS's ``art1()`` does.

    ``x`` holds binary patterns of ``dimX * dimY`` values (row-major
    letters, say).  ``f2Units`` (None: ``nrow(x)``) recognition units;
    ``initFuncParams = (beta, gamma)``; ``learnFuncParams[0]`` is the
    vigilance rho.  The training is :class:`ART1`.

    Returns
    -------
    ART1
        Fitted, with ``fitted_values`` (also ``fitted.values`` via
        ``getattr``): the recognition layer's activations, one row per
        pattern with a 1 at its resonating unit (RSNNS's
        ``encodeClassLabels`` turns it into 1-based cluster numbers);
        ``predict`` gives 0-based unit numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import art1
    >>> x = np.array([[1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 1, 1]])
    >>> model = art1(x, dimX=2, dimY=2, learnFuncParams=(0.5,), shufflePatterns=False)
    >>> model.fitted_values.argmax(axis=1).tolist()
    [0, 0, 1]
    """
    who = "art1"
    _check_names(who, initFunc=(initFunc, ("ART1_Weights",)), learnFunc=(learnFunc, ("ART1",)),
                 updateFunc=(updateFunc, ("ART1_Stable", "ART1_Synchronous")))
    X = _as_matrix(x, "x", who)
    dimX = as_whole_number("dimX", dimX, 1)
    dimY = as_whole_number("dimY", dimY, 1)
    if dimX * dimY != X.shape[1]:
        raise ValueError(f"{who}: dimX * dimY = {dimX * dimY} but 'x' has {X.shape[1]} columns.")
    n_units = X.shape[0] if f2Units is None else as_whole_number("f2Units", f2Units, 1)
    beta, gamma = _as_params(initFuncParams, 2, "initFuncParams", who)
    rho = _as_params(learnFuncParams, 3, "learnFuncParams", who)[0]
    _as_params(updateFuncParams, 5, "updateFuncParams", who)
    model = ART1(rho=rho, beta=beta, gamma=gamma, n_units=n_units,
                 max_iter=as_whole_number("maxit", maxit, 1), shuffle=bool(shufflePatterns),
                 random_state=random_state).fit(X)
    model.fitted_values = _one_hot_winners(model.labels_, n_units)
    setattr(model, "fitted.values", model.fitted_values)
    return model


def art2(x, f2Units=5, maxit=100, initFunc="ART2_Weights", initFuncParams=(0.9, 2.0),
         learnFunc="ART2", learnFuncParams=(0.98, 10.0, 10.0, 0.1, 0.0), updateFunc="ART2_Stable",
         updateFuncParams=(0.98, 10.0, 10.0, 0.1, 0.0), shufflePatterns=True, random_state=None):
    """Create and train an ART2 network as RSNNS's ``art2()`` does.

    ``initFuncParams = (d, gamma)``; ``learnFuncParams = (rho, a, b, c,
    theta)``.  The training is :class:`ART2`.

    Returns
    -------
    ART2
        Fitted, with ``fitted_values`` (also ``fitted.values``): the
        recognition layer's activations, a 1 at each pattern's resonating
        unit; ``predict`` gives 0-based unit numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import art2
    >>> x = np.array([[1., 0.1, 0.], [0.9, 0.2, 0.], [0., 0.1, 1.]])
    >>> model = art2(x, f2Units=3, learnFuncParams=(0.9, 10, 10, 0.1, 0), shufflePatterns=False)
    >>> model.labels_.tolist()
    [0, 0, 1]
    """
    who = "art2"
    _check_names(who, initFunc=(initFunc, ("ART2_Weights",)), learnFunc=(learnFunc, ("ART2",)),
                 updateFunc=(updateFunc, ("ART2_Stable", "ART2_Synchronous")))
    X = _as_matrix(x, "x", who)
    n_units = as_whole_number("f2Units", f2Units, 1)
    d, gamma = _as_params(initFuncParams, 2, "initFuncParams", who)
    rho, a, b, c, theta = _as_params(learnFuncParams, 5, "learnFuncParams", who)
    _as_params(updateFuncParams, 5, "updateFuncParams", who)
    model = ART2(rho=rho, a=a, b=b, c=c, d=d, gamma=gamma, theta=theta, n_units=n_units,
                 max_iter=as_whole_number("maxit", maxit, 1), shuffle=bool(shufflePatterns),
                 random_state=random_state).fit(X)
    model.fitted_values = _one_hot_winners(model.labels_, n_units)
    setattr(model, "fitted.values", model.fitted_values)
    return model


def artmap(x, nInputsTrain, nInputsTargets, nUnitsRecLayerTrain, nUnitsRecLayerTargets, maxit=1,
           nRowInputsTrain=1, nRowInputsTargets=1, nRowUnitsRecLayerTrain=1,
           nRowUnitsRecLayerTargets=1, initFunc="ARTMAP_Weights",
           initFuncParams=(1.0, 1.0, 1.0, 1.0, 0.0), learnFunc="ARTMAP",
           learnFuncParams=(0.8, 1.0, 1.0, 0.0, 0.0), updateFunc="ARTMAP_Stable",
           updateFuncParams=(0.8, 1.0, 1.0, 0.0, 0.0), shufflePatterns=True, random_state=None):
    """Create and train an ARTMAP network as RSNNS's ``artmap()`` does.

    ``x`` holds the binary inputs in its first ``nInputsTrain`` columns and
    the binary target patterns in the next ``nInputsTargets``.
    ``initFuncParams = (beta_a, gamma_a, beta_b, gamma_b)``;
    ``learnFuncParams = (rho_a, rho_b, rho)``.  The ``nRow*`` arguments only
    describe SNNS's display layout; they must divide the unit counts.  The
    training is :meth:`ARTMAPClassifier.fit_target_patterns`.

    Returns
    -------
    ARTMAPClassifier
        Fitted, with ``fitted_values`` (also ``fitted.values``): for every
        pattern, the target pattern (ARTb prototype) the network predicts
        from its input; :meth:`~ARTMAPClassifier.predict_target_patterns`
        does the same for new inputs.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import artmap
    >>> inputs = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]])
    >>> targets = np.array([[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> model = artmap(np.hstack([inputs, targets]), 4, 2, 4, 2, maxit=5, random_state=0)
    >>> model.fitted_values.tolist()
    [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
    """
    who = "artmap"
    _check_names(who, initFunc=(initFunc, ("ARTMAP_Weights",)),
                 learnFunc=(learnFunc, ("ARTMAP",)),
                 updateFunc=(updateFunc, ("ARTMAP_Stable", "ARTMAP_Synchronous")))
    X = _as_matrix(x, "x", who)
    n_in = as_whole_number("nInputsTrain", nInputsTrain, 1)
    n_out = as_whole_number("nInputsTargets", nInputsTargets, 1)
    units_a = as_whole_number("nUnitsRecLayerTrain", nUnitsRecLayerTrain, 1)
    units_b = as_whole_number("nUnitsRecLayerTargets", nUnitsRecLayerTargets, 1)
    for name, rows, total in (("nRowInputsTrain", nRowInputsTrain, n_in),
                              ("nRowInputsTargets", nRowInputsTargets, n_out),
                              ("nRowUnitsRecLayerTrain", nRowUnitsRecLayerTrain, units_a),
                              ("nRowUnitsRecLayerTargets", nRowUnitsRecLayerTargets, units_b)):
        if total % as_whole_number(name, rows, 1):
            raise ValueError(f"{who}: '{name}' = {rows} does not divide {total} units.")
    if n_in + n_out != X.shape[1]:
        raise ValueError(f"{who}: nInputsTrain + nInputsTargets = {n_in + n_out} but 'x' has "
                         f"{X.shape[1]} columns.")
    beta_a, gamma_a, beta_b, gamma_b, _ = _as_params(initFuncParams, 5, "initFuncParams", who)
    rho_a, rho_b, rho, _, _ = _as_params(learnFuncParams, 5, "learnFuncParams", who)
    _as_params(updateFuncParams, 5, "updateFuncParams", who)
    model = ARTMAPClassifier(rho_a=rho_a, rho_b=rho_b, rho=rho, beta_a=beta_a, gamma_a=gamma_a,
                             beta_b=beta_b, gamma_b=gamma_b, n_units_a=units_a, n_units_b=units_b,
                             max_iter=as_whole_number("maxit", maxit, 1),
                             shuffle=bool(shufflePatterns), random_state=random_state)
    model.fit_target_patterns(X[:, :n_in], X[:, n_in:])
    model.fitted_values = model.predict_target_patterns(X[:, :n_in])
    setattr(model, "fitted.values", model.fitted_values)
    return model
