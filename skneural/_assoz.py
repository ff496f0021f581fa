"""McClelland and Rumelhart's auto-associative memory (RSNNS's ``assoz``).

The compiled dynamics and learning rule live in :mod:`skneural._kernels.assoz`.
"""

from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend

_k = _backend.get_kernels("cpu", "assoz")  # the kernel registry's assoz family

__all__ = ["AssociativeMemory"]


class AssociativeMemory(TransformerMixin, BaseEstimator):
    """Auto-associative memory trained with the McClelland-Rumelhart delta rule.

    One layer of units, one per feature, each linked to every other unit.
    :meth:`fit` stores the rows of X (SNNS's ``RM_delta``): per pattern the
    activations start at 0, the pattern is applied as external input for
    ``learn_cycles`` synchronous cycles of the ``Act_RM`` activation rule, then
    each weight moves by ``learning_rate * (e_i - i_i) * a_j`` (external minus
    internal input of unit i, times the activation of unit j).
    :meth:`transform` presents each row as external input for ``n_cycles``
    cycles (SNNS's ``Auto_Synchronous`` update) and returns the activations:
    a stored pattern comes back, and a distorted or partial one is pulled
    towards the stored pattern it resembles.  See
    :mod:`skneural._kernels.assoz` for the rule as implemented.

    Where SNNS's documentation is silent skneural chose: no self-links; ``E =
    D = 0.15`` (McClelland and Rumelhart's values) for the activation rule;
    activations reset to 0 before each pattern and clipped to [-1, 1].

    CPU only: memories of tens of units updated after every pattern leave a
    GPU idle.

    Parameters
    ----------
    learning_rate : float, default=0.01
        RM_delta's eta (RSNNS's ``learnFuncParams[1]``).
    learn_cycles : int, default=100
        Cycles per pattern before each learning step (``learnFuncParams[2]``).
    n_cycles : int, default=50
        Cycles of the recall in :meth:`transform` (``updateFuncParams``).
    max_iter : int, default=100
        Epochs (RSNNS's ``maxit``).
    excitation, decay : float, default=0.15, 0.15
        E and D of the Act_RM rule.
    init_range : (float, float), default=(-1.0, 1.0)
        Range of the uniform initial weights (RM_Random_Weights).
    shuffle : bool, default=True
        Present the patterns in a new random order each epoch.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights and the orders.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features, n_features)
        ``coef_[i, j]`` is the weight of the link from unit j to unit i (the
        diagonal is 0: no self-links).
    loss_curve_ : list of float
        Per epoch, the sum of ``(e_i - i_i)^2`` over patterns and units.
    n_iter_ : int
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import AssociativeMemory
    >>> patterns = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], dtype=float)
    >>> memory = AssociativeMemory(random_state=0).fit(patterns)
    >>> cue = np.array([[1, 1, 0, 0, 0, 0]], dtype=float)   # the first, incomplete
    >>> recalled = memory.transform(cue)[0]
    >>> bool(recalled[2] > recalled[3:].max())              # the missing unit comes back
    True
    """

    _parameter_constraints: dict = {
        "learning_rate": [Interval(Real, 0, None, closed="left")],
        "learn_cycles": [Interval(Integral, 1, None, closed="left")],
        "n_cycles": [Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "excitation": [Interval(Real, 0, None, closed="neither")],
        "decay": [Interval(Real, 0, None, closed="left")],
        "init_range": ["array-like"],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, learning_rate=0.01, learn_cycles=100, n_cycles=50, max_iter=100,
                 excitation=0.15, decay=0.15, init_range=(-1.0, 1.0), shuffle=True,
                 random_state=None):
        self.learning_rate = learning_rate
        self.learn_cycles = learn_cycles
        self.n_cycles = n_cycles
        self.max_iter = max_iter
        self.excitation = excitation
        self.decay = decay
        self.init_range = init_range
        self.shuffle = shuffle
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Store the rows of X.

        Parameters
        ----------
        X : array-like of shape (n_patterns, n_units)
        y : None
            Ignored.

        Returns
        -------
        self
        """
        bounds = np.asarray(self.init_range, dtype=float).ravel()
        if bounds.size != 2 or not np.isfinite(bounds).all() or bounds[0] > bounds[1]:
            raise ValueError("init_range must be two finite numbers (low, high) with low <= "
                             "high, got %r." % (self.init_range,))
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C")
        n, d = X.shape
        rng = check_random_state(self.random_state)
        W = rng.uniform(bounds[0], bounds[1], (d, d)).astype(X.dtype)
        np.fill_diagonal(W, 0.0)
        dt = X.dtype.type
        a = np.zeros(d, X.dtype)
        internal = np.zeros(d, X.dtype)
        self.loss_curve_ = []
        for _ in range(self.max_iter):
            order = (rng.permutation(n) if self.shuffle else np.arange(n)).astype(np.int64)
            err = _k.rm_delta_epoch(W, X, order, self.learn_cycles, dt(self.learning_rate),
                                    dt(self.excitation), dt(self.decay), a, internal)
            self.loss_curve_.append(float(err))
        self.n_iter_ = self.max_iter
        self.coef_ = W
        return self

    def transform(self, X):
        """Recall: the activations after ``n_cycles`` cycles with each row as input.

        Returns
        -------
        ndarray of shape (n_patterns, n_units)
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        dt = self.coef_.dtype
        X = np.ascontiguousarray(X, dtype=dt)
        out = np.empty(X.shape, dt)
        _k.rm_recall(self.coef_, X, self.n_cycles, dt.type(self.excitation),
                     dt.type(self.decay), out, np.empty(X.shape[1], dt))
        return out

    def predict(self, X):
        """The same as :meth:`transform` (RSNNS's ``predict`` of an ``assoz`` model)."""
        return self.transform(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
