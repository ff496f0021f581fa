"""Self-organising map (SNNS's Kohonen network) as a scikit-learn estimator.

The training epoch runs in :func:`skneural._kernels.som.som_epoch`; this
module validates, initialises, draws the pattern orders and computes RSNNS's
outputs (hit map, component maps, labelled map, spanning tree, activation
maps).  RSNNS's ``som()`` is :func:`som` at the end of the module.
"""

from numbers import Integral, Real

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    ClusterMixin,
    TransformerMixin,
    _fit_context,
)
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, InvalidParameterError
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._utils import as_whole_number

_som_kernels = _backend.get_kernels("cpu", "som")  # the kernel registry's som family

__all__ = ["SelfOrganizingMap", "som"]


def whole_param(estimator, name):
    """``getattr(estimator, name)`` as an int; R's whole-number doubles (5.0) are accepted."""
    value = getattr(estimator, name)
    if isinstance(value, Integral):
        return int(value)
    if float(value).is_integer():
        return int(value)
    raise InvalidParameterError(
        f"The {name!r} parameter of {type(estimator).__name__} must be a whole number; "
        f"got {value!r}."
    )


def check_init_range(estimator, name="init_range"):
    """A (low, high) pair of finite numbers, returned sorted (SNNS accepts c(1, -1))."""
    value = getattr(estimator, name)
    try:
        pair = np.asarray(value, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        pair = np.empty(0)
    if pair.shape != (2,) or not np.all(np.isfinite(pair)):
        raise InvalidParameterError(
            f"The {name!r} parameter of {type(estimator).__name__} must be a pair of finite "
            f"numbers (the bounds of the uniform initial weights); got {value!r}."
        )
    return float(pair.min()), float(pair.max())


def unit_grid(map_x, map_y, dtype=np.float64):
    """(column, row) of every unit: unit ``k`` sits at column ``k % map_x``, row ``k // map_x``."""
    k = np.arange(map_x * map_y)
    return np.ascontiguousarray(np.column_stack([k % map_x, k // map_x]).astype(dtype))


class SelfOrganizingMap(ClassNamePrefixFeaturesOutMixin, TransformerMixin, ClusterMixin,
                        BaseEstimator):
    """Self-organising map with SNNS's Kohonen learning rule.

    A ``map_x`` x ``map_y`` grid of units, each with a weight vector
    (prototype) in input space, trained as SNNS's ``Kohonen`` learning
    function does (RSNNS's :func:`som`): for every pattern, the winning unit
    ``c`` is the one whose weights are nearest (Euclidean distance; the lowest
    unit number on ties), and every unit ``j`` whose grid distance ``d(c, j)``
    is at most the current radius ``r`` moves towards the pattern by
    ``h * exp(-d(c, j)**2 / r**2) * (x - w_j)``.  After every pattern (not
    every epoch) the adaptation height and radius shrink:
    ``h *= height_decay``, ``r *= radius_decay``; they carry over between
    epochs.  Training is online, one compiled call per epoch, CPU only (a GPU
    does not pay off at these sizes: each pattern needs the weights the
    previous one left).

    Unit ``k`` sits at column ``k % map_x`` and row ``k // map_x`` of the map
    (SNNS's "horizontal size" is ``map_x``); grid distances are Euclidean
    distances between these (column, row) positions.

    Parameters
    ----------
    map_x, map_y : int, default=16
        Map width (columns) and height (rows).
    max_iter : int, default=100
        Number of epochs (passes over the data).
    height : float, default=0.5
        Initial adaptation height ``h`` (SNNS: between 0 and 1).
    radius : float or None, default=None
        Initial adaptation radius ``r`` in grid units; None means ``map_x / 2``
        as RSNNS's default.
    height_decay, radius_decay : float, default=0.8
        SNNS's ``mult_H`` and ``mult_R``, applied after every pattern (1 keeps
        the value constant).  With the RSNNS defaults (0.8 and ~150 patterns)
        the map practically stops learning within the first epoch, exactly as
        in SNNS; use values close to 1 (e.g. ``1 - 1 / (max_iter * n)``) for a
        slow schedule.
    init_range : (float, float), default=(-1.0, 1.0)
        The initial weights are uniform between these bounds (SNNS's
        ``Kohonen_Weights_v3.2`` with RSNNS's ``initFuncParams = c(1, -1)``;
        skneural does not re-normalise the weight vectors).
    shuffle : bool, default=True
        Present the patterns in a new random order every epoch.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights and the pattern orders.

    Attributes
    ----------
    weights_ : ndarray of shape (map_x * map_y, n_features)
        Unit prototypes (row ``k`` is unit ``k``).
    cluster_centers_ : ndarray
        The same array as ``weights_`` (k-means vocabulary).
    grid_ : ndarray of shape (map_x * map_y, 2)
        (column, row) map position of each unit.
    labels_ : ndarray of shape (n_samples,)
        Winning unit of every training pattern after training.
    hits_ : ndarray of shape (map_y, map_x)
        How many training patterns each unit wins: ``hits_[row, col]``.
    component_maps_ : ndarray of shape (n_features, map_y, map_x)
        Weight of every input component, laid out on the map.
    quantization_errors_ : ndarray of shape (``n_iter_``,)
        Mean squared distance of each pattern to its winner, per epoch
        (measured before that pattern's update).
    height_, radius_ : float
        Adaptation height and radius reached at the end of training.
    n_iter_ : int
        Epochs run.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when X has feature names.

    See Also
    --------
    skneural.rsnns.som : RSNNS's ``som()`` with its outputs.

    Notes
    -----
    ``predict`` returns the winning unit's number (0-based);
    ``transform`` returns the winner's map coordinates (column, row) as floats,
    a 2-D projection; :meth:`unit_distances` returns the Euclidean distance to
    every unit (SNNS's ``Act_Euclid`` activations, RSNNS's ``actMaps``).

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import SelfOrganizingMap
    >>> X = np.array([[0., 0.], [0., 0.1], [1., 1.], [1., 0.9]])
    >>> som = SelfOrganizingMap(map_x=4, map_y=4, max_iter=20, height_decay=0.99,
    ...                         radius_decay=0.99, random_state=0).fit(X)
    >>> som.transform(X).shape
    (4, 2)
    >>> int(som.hits_.sum())
    4
    """

    _parameter_constraints: dict = {
        "map_x": [Interval(Real, 1, None, closed="left")],
        "map_y": [Interval(Real, 1, None, closed="left")],
        "max_iter": [Interval(Real, 1, None, closed="left")],
        "height": [Interval(Real, 0, None, closed="left")],
        "radius": [Interval(Real, 0, None, closed="left"), None],
        "height_decay": [Interval(Real, 0, None, closed="left")],
        "radius_decay": [Interval(Real, 0, None, closed="left")],
        "init_range": ["array-like"],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, map_x=16, map_y=16, *, max_iter=100, height=0.5, radius=None,
                 height_decay=0.8, radius_decay=0.8, init_range=(-1.0, 1.0), shuffle=True,
                 random_state=None):
        self.map_x = map_x
        self.map_y = map_y
        self.max_iter = max_iter
        self.height = height
        self.radius = radius
        self.height_decay = height_decay
        self.radius_decay = radius_decay
        self.init_range = init_range
        self.shuffle = shuffle
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Train the map on X (y is ignored).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : SelfOrganizingMap
        """
        map_x = whole_param(self, "map_x")
        map_y = whole_param(self, "map_y")
        max_iter = whole_param(self, "max_iter")
        low, high = check_init_range(self)
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C",
                          ensure_min_samples=1)
        rng = check_random_state(self.random_state)
        n_units = map_x * map_y
        weights = rng.uniform(low, high, size=(n_units, X.shape[1])).astype(X.dtype)
        grid = unit_grid(map_x, map_y, X.dtype)
        height = float(self.height)
        radius = float(map_x / 2.0 if self.radius is None else self.radius)
        winners = np.empty(X.shape[0], dtype=np.intp)
        scratch = np.empty(n_units, dtype=X.dtype)
        errors = []
        order = np.arange(X.shape[0], dtype=np.intp)
        for _ in range(max_iter):
            if self.shuffle:
                order = rng.permutation(X.shape[0]).astype(np.intp)
            height, radius, sse = _som_kernels.som_epoch(
                X, order, weights, grid, X.dtype.type(height), X.dtype.type(radius),
                X.dtype.type(self.height_decay), X.dtype.type(self.radius_decay),
                winners, scratch)
            errors.append(float(sse) / X.shape[0])
        self.weights_ = weights
        self.grid_ = grid
        self.height_ = float(height)
        self.radius_ = float(radius)
        self.n_iter_ = max_iter
        self.quantization_errors_ = np.asarray(errors)
        self.labels_ = self.predict(X)
        self.hits_ = np.bincount(self.labels_, minlength=n_units).reshape(map_y, map_x)
        self.component_maps_ = np.ascontiguousarray(weights.T.reshape(X.shape[1], map_y, map_x))
        return self

    @property
    def cluster_centers_(self):
        """The unit prototypes (``weights_``)."""
        check_is_fitted(self, "weights_")
        return self.weights_

    @property
    def _n_features_out(self):
        return 2

    def _winners(self, X):
        check_is_fitted(self, "weights_")
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        weights = self.weights_.astype(X.dtype, copy=False)
        winners = np.empty(X.shape[0], dtype=np.intp)
        distances = np.empty((X.shape[0], weights.shape[0]), dtype=X.dtype)
        _som_kernels.som_winners(X, weights, winners, distances)
        return winners, distances

    def predict(self, X):
        """Number (0-based) of the winning unit of every row of X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), dtype intp
        """
        return self._winners(X)[0]

    def transform(self, X):
        """Map coordinates (column, row) of every row's winning unit.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            In X's float dtype.
        """
        winners, distances = self._winners(X)
        return self.grid_.astype(distances.dtype)[winners]

    def unit_distances(self, X):
        """Euclidean distance of every row of X to every unit (SNNS's ``Act_Euclid``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, map_x * map_y)
            Column ``k`` is unit ``k``; reshape a row to ``(map_y, map_x)`` for its
            activation map.
        """
        return self._winners(X)[1]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


# ---------------------------------------------------------------------------
# RSNNS's som()
# ---------------------------------------------------------------------------
def _as_params(values, n, name, who):
    """RSNNS parameter vector -> list of n floats (missing values are 0)."""
    arr = np.atleast_1d(np.asarray([] if values is None else values, dtype=np.float64)).ravel()
    if arr.size > n:
        raise ValueError(f"{who}: '{name}' takes at most {n} values; got {arr.size}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{who}: '{name}' must be finite numbers; got {list(arr)}.")
    return list(arr) + [0.0] * (n - arr.size)


def _as_matrix(x, name, who):
    """A 2-D float64 matrix from a matrix, data frame or vector (a vector is one column)."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{who}: '{name}' must be numeric ({exc}).") from None
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"{who}: '{name}' must be a non-empty matrix; got shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{who}: '{name}' contains NaN or infinite values.")
    return np.ascontiguousarray(arr)


def _rsnns_map(values, map_x, map_y):
    """Per-unit values -> RSNNS's map layout: an (mapX, mapY) matrix, [i, j] = unit j*mapX + i."""
    return np.asarray(values).reshape(map_y, map_x).T.copy()


def som(x, mapX=16, mapY=16, maxit=100, initFuncParams=(1.0, -1.0), learnFuncParams=None,
        updateFuncParams=(0.0, 0.0, 1.0), shufflePatterns=True, calculateMap=True,
        calculateActMaps=False, calculateSpanningTree=False, saveWinnersPerPattern=False,
        targets=None, random_state=None):
    """Create and train a self-organising map as RSNNS's ``som()`` does.

    The training is :class:`SelfOrganizingMap` (this function holds no
    training logic); the arguments and the returned fields are RSNNS's.

    Parameters
    ----------
    x : array-like of shape (n_patterns, n_inputs)
        Training inputs.
    mapX, mapY : int, default=16
        Map width and height.
    maxit : int, default=100
        Epochs.
    initFuncParams : pair of float, default=(1, -1)
        Bounds of the uniform initial weights.
    learnFuncParams : sequence of float, default=None
        SNNS's Kohonen parameters ``(h, r, mult_H, mult_R, horizontal size)``;
        None means RSNNS's default ``(0.5, mapX/2, 0.8, 0.8, mapX)``.  The
        horizontal size must equal ``mapX`` (SNNS requires it; skneural raises
        otherwise); a 0 there means ``mapX``.
    updateFuncParams : sequence of float, default=(0, 0, 1)
        Accepted for compatibility; ``Kohonen_Order`` does not use them.
    shufflePatterns : bool, default=True
    calculateMap : bool, default=True
        Compute ``map``: per unit, how many patterns it wins.
    calculateActMaps : bool, default=False
        Compute ``actMaps``: per pattern, every unit's activation (its
        Euclidean distance to the pattern) as a map.
    calculateSpanningTree : bool, default=False
        Compute ``spanningTree``: per unit, the number (1-based) of the last
        pattern it wins, 0 where it wins none.
    saveWinnersPerPattern : bool, default=False
        Keep ``winnersPerPattern``: the winning unit (1-based) of every pattern.
    targets : array-like of shape (n_patterns,), default=None
        Optional class labels; give ``labeledMap``: per unit, the label that
        occurs most among the patterns it wins (the smallest such label on
        ties; None where it wins none).
    random_state : int, RandomState instance or None, default=None
        Seed (not an RSNNS argument).

    Returns
    -------
    SelfOrganizingMap
        Fitted, with RSNNS's fields: ``map``, ``componentMaps`` (a list with one
        map per input), ``labeledMap``, ``spanningTree``, ``actMaps`` (a list
        with one map per pattern), ``winnersPerPattern``, ``fitted_values``
        (alias ``fitted.values`` via ``getattr``: each pattern's unit
        activations, n_patterns x n_units), ``nInputs``, ``mapX``, ``mapY``.
        Fields not asked for are None.  Every map is laid out as RSNNS's: an
        ``mapX x mapY`` matrix whose entry ``[i, j]`` is unit ``j * mapX + i``.
        ``predict`` gives the winning unit (0-based, as the estimator's).

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import som
    >>> rng = np.random.RandomState(0)
    >>> x = rng.normal(size=(40, 3))
    >>> model = som(x, mapX=5, mapY=4, maxit=10, calculateSpanningTree=True, random_state=0)
    >>> model.map.shape, len(model.componentMaps), int(model.map.sum())
    ((5, 4), 3, 40)
    """
    who = "som"
    X = _as_matrix(x, "x", who)
    mapX = as_whole_number("mapX", mapX, 1)
    mapY = as_whole_number("mapY", mapY, 1)
    maxit = as_whole_number("maxit", maxit, 1)
    low, high = _as_params(initFuncParams, 2, "initFuncParams", who)
    if learnFuncParams is None:
        learnFuncParams = (0.5, mapX / 2.0, 0.8, 0.8, mapX)
    h, r, mult_h, mult_r, horizontal = _as_params(learnFuncParams, 5, "learnFuncParams", who)
    if horizontal not in (0.0, float(mapX)):
        raise ValueError(f"{who}: the fifth learnFuncParams value (SNNS's horizontal map size) "
                         f"must be mapX = {mapX}; got {horizontal:g}.")
    _as_params(updateFuncParams, 3, "updateFuncParams", who)
    labels = None
    if targets is not None:
        labels = np.asarray(targets).ravel()
        if labels.shape[0] != X.shape[0]:
            raise ValueError(f"{who}: 'targets' has {labels.shape[0]} values for "
                             f"{X.shape[0]} patterns.")
    model = SelfOrganizingMap(
        map_x=mapX, map_y=mapY, max_iter=maxit, height=h, radius=r, height_decay=mult_h,
        radius_decay=mult_r, init_range=(low, high), shuffle=bool(shufflePatterns),
        random_state=random_state,
    ).fit(X)
    winners = model.labels_
    distances = model.unit_distances(X)
    n_units = mapX * mapY
    model.nInputs = X.shape[1]
    model.mapX, model.mapY = mapX, mapY
    model.fitted_values = distances
    model.map = _rsnns_map(model.hits_.ravel(), mapX, mapY) if calculateMap else None
    model.componentMaps = [_rsnns_map(model.weights_[:, k], mapX, mapY)
                           for k in range(X.shape[1])]
    model.actMaps = ([_rsnns_map(row, mapX, mapY) for row in distances]
                     if calculateActMaps else None)
    model.winnersPerPattern = (winners + 1) if saveWinnersPerPattern else None
    if calculateSpanningTree:
        last = np.zeros(n_units, dtype=np.int64)
        for i, unit in enumerate(winners):
            last[unit] = i + 1
        model.spanningTree = _rsnns_map(last, mapX, mapY)
    else:
        model.spanningTree = None
    if labels is not None:
        cells = np.empty(n_units, dtype=object)
        for unit in range(n_units):
            won = labels[winners == unit]
            if won.size == 0:
                cells[unit] = None
                continue
            values, counts = np.unique(won, return_counts=True)
            best = values[np.argmax(counts)]  # np.unique sorts: the smallest on ties
            cells[unit] = best.item() if isinstance(best, np.generic) else best
        model.labeledMap = _rsnns_map(cells, mapX, mapY)
    else:
        model.labeledMap = None
    setattr(model, "fitted.values", model.fitted_values)
    return model
