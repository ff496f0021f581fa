"""RSNNS names and semantics, as thin functions over skneural.

Every helper exists under its snake_case name and RSNNS's camelCase alias
(the same function object).  Behaviour follows RSNNS 0.4-18 as measured (see
the docs' RSNNS translation table), except that where RSNNS silently falls
back (an unknown method, normalisation type or learnFunc) skneural raises a
``ValueError`` listing the valid names.

Examples
--------
>>> import numpy as np
>>> from skneural.rsnns import decodeClassLabels, encodeClassLabels
>>> onehot = decodeClassLabels(["r", "b", "g", "b"])
>>> list(onehot.columns)
['b', 'g', 'r']
>>> encodeClassLabels(onehot.to_numpy()).tolist()
[3, 1, 2, 1]
"""

import numbers

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin, _fit_context
from sklearn.utils import Bunch
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from . import solvers as _solvers
from .solvers import RSNNS_LEARN_FUNCS
from ._utils import as_layer_sizes, as_whole_number

__all__ = [
    "decode_class_labels", "decodeClassLabels",
    "encode_class_labels", "encodeClassLabels",
    "split_for_training_and_test", "splitForTrainingAndTest",
    "normalize_data", "normalizeData",
    "denormalize_data", "denormalizeData",
    "get_norm_parameters", "getNormParameters",
    "norm_training_and_test_set", "normTrainingAndTestSet",
    "confusion_matrix", "confusionMatrix",
    "RSNNSNormalizer", "mlp", "snns_initial_weights", "snns_pattern_orders",
]

ENCODE_METHODS = ("WTA", "402040")
NORM_TYPES = ("norm", "0_1", "center")
HIDDEN_ACT_FUNCS = {"Act_Logistic": "logistic", "Act_TanH": "tanh", "Act_Identity": "identity",
                    "Act_ReLU": "relu"}


# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------
def _has_missing(values):
    return bool(pd.isna(pd.Series(values, dtype=object)).any())


def decode_class_labels(x, valTrue=1, valFalse=0):
    """One-hot encode class labels, as RSNNS's ``decodeClassLabels``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Labels: a pandas Categorical (column order = category order, unused
        categories keep their column), strings (sorted) or numbers (sorted
        numerically).
    valTrue, valFalse : float, default=1, 0
        Values for the true class and the others.

    Returns
    -------
    DataFrame of shape (n_samples, n_classes)
        Columns named by the class labels (as strings, like R's colnames).
    """
    if isinstance(x, pd.DataFrame):
        if x.shape[1] != 1:
            raise ValueError("decodeClassLabels expects one column of labels, got %d." % x.shape[1])
        x = x.iloc[:, 0]
    if isinstance(x, (pd.Series, pd.Categorical)) and isinstance(x.dtype, pd.CategoricalDtype):
        cat = pd.Categorical(x)
        if cat.isna().any():
            raise ValueError("decodeClassLabels: x contains missing values (NA).")
        levels = list(cat.categories)
        codes = cat.codes
    else:
        values = np.asarray(x, dtype=object).ravel() if not isinstance(x, np.ndarray) else x.ravel()
        if np.ndim(x) > 1 and np.shape(x)[1] != 1:
            raise ValueError("decodeClassLabels expects a vector of labels, got shape %s."
                             % (np.shape(x),))
        if _has_missing(values):
            raise ValueError("decodeClassLabels: x contains missing values (NA).")
        if all(isinstance(v, (numbers.Number, np.number)) and not isinstance(v, bool)
               for v in values):
            levels = sorted(set(values.tolist()), key=float)
        else:
            levels = sorted(set(str(v) for v in values))
            values = np.array([str(v) for v in values], dtype=object)
        index = {lev: i for i, lev in enumerate(levels)}
        codes = np.array([index[v] for v in values.tolist()], dtype=np.int64)
    out = np.full((len(codes), len(levels)), float(valFalse))
    out[np.arange(len(codes)), codes] = float(valTrue)
    return pd.DataFrame(out, columns=[_label_name(lev) for lev in levels])


def _label_name(lev):
    if isinstance(lev, (float, np.floating)) and float(lev).is_integer():
        return str(int(lev))
    return str(lev)


def _as_float_matrix(x, name):
    arr = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x)
    if arr.dtype.kind in "OUS":
        try:
            arr = arr.astype(float)
        except (TypeError, ValueError) as exc:
            raise TypeError("%s must be numeric: %s" % (name, exc)) from None
    arr = np.asarray(arr, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise ValueError("%s must be a vector or a matrix, got %d dimensions." % (name, arr.ndim))
    if np.isnan(arr).any():
        raise ValueError("%s contains NaN (missing values)." % name)
    if np.isinf(arr).any():
        raise ValueError("%s contains infinity." % name)
    return arr


def encode_class_labels(x, method="WTA", l=0.0, h=0.0):  # noqa: E741 - RSNNS's name
    """Winning class per row (1-based), 0 meaning unclassified.

    Parameters
    ----------
    x : array-like of shape (n_samples, n_classes)
        Network outputs or one-hot targets.
    method : {"WTA", "402040"}, default="WTA"
        WTA: the maximum must be unique, above ``h``, and every other value
        below ``max - l``. 402040: exactly one value >= ``h`` and every
        other value <= ``l``.
    l, h : float, default=0.0

    Returns
    -------
    ndarray of int of shape (n_samples,)
    """
    if method not in ENCODE_METHODS:
        raise ValueError("encodeClassLabels: unknown method %r; valid methods are %s."
                         % (method, ", ".join(ENCODE_METHODS)))
    X = _as_float_matrix(x, "x")
    out = np.zeros(X.shape[0], dtype=np.int64)
    for i, row in enumerate(X):
        if method == "WTA":
            j = int(np.argmax(row))
            mx = row[j]
            others = np.delete(row, j)
            if mx > h and np.all(others < mx - l):
                out[i] = j + 1
        else:
            high = np.flatnonzero(row >= h)
            if len(high) == 1 and np.all(np.delete(row, high[0]) <= l):
                out[i] = high[0] + 1
    return out


# ---------------------------------------------------------------------------
# Splitting and normalisation
# ---------------------------------------------------------------------------
def _take_rows(x, rows):
    if hasattr(x, "iloc"):
        return x.iloc[rows]
    return np.asarray(x)[rows]


def split_for_training_and_test(x, y, ratio=0.15):
    """Split without shuffling: the first ``floor(n * (1 - ratio))`` rows train.

    Returns
    -------
    Bunch with inputsTrain, targetsTrain, inputsTest, targetsTest
        (also reachable as attributes, like R's ``iris$inputsTrain``).
    """
    if isinstance(ratio, bool) or not isinstance(ratio, numbers.Real) or not 0 < ratio < 1:
        raise ValueError("ratio must be a number strictly between 0 and 1, got %r." % (ratio,))
    n = len(x)
    if len(y) != n:
        raise ValueError("x and y have different numbers of rows: %d and %d." % (n, len(y)))
    n_train = int(np.floor(n * (1 - ratio)))
    train, test = np.arange(n_train), np.arange(n_train, n)
    return Bunch(inputsTrain=_take_rows(x, train), targetsTrain=_take_rows(y, train),
                 inputsTest=_take_rows(x, test), targetsTest=_take_rows(y, test))


class NormalizedArray(np.ndarray):
    """An ndarray carrying RSNNS's ``normParams`` (as R attaches an attribute)."""

    def __array_finalize__(self, obj):
        self.normParams = getattr(obj, "normParams", None)

    def __reduce__(self):
        base = super().__reduce__()
        return base[0], base[1], (base[2], self.normParams)

    def __setstate__(self, state):
        nd_state, self.normParams = state
        super().__setstate__(nd_state)


_NORM_STATISTICS = {"norm": ("colMeans", "colSds"), "0_1": ("colMin", "colMax"),
                    "center": ("colMeans",)}


def _check_norm_params(params, n_columns, who):
    """A stored parameter set, checked against the data it is applied to.

    Returns the parameter set as a Bunch of 1-d float arrays.
    """
    if not hasattr(params, "keys"):
        raise TypeError("%s: normParams must be a parameter set (the normParams of a "
                        "normalizeData result), got %s." % (who, type(params).__name__))
    if "type" not in params:
        raise ValueError("%s: normParams has no 'type' entry; use the normParams of a "
                         "normalizeData result." % who)
    kind = params["type"]
    if kind not in NORM_TYPES:
        raise ValueError("%s: unknown normalisation type %r in normParams; valid types are %s."
                         % (who, kind, ", ".join(NORM_TYPES)))
    out = Bunch(type=kind)
    for key in _NORM_STATISTICS[kind]:
        if key not in params:
            raise ValueError("%s: normParams of type %r lacks %s." % (who, kind, key))
        values = np.asarray(params[key], dtype=float).ravel()
        if values.size != n_columns:
            raise ValueError("%s: x has %d columns but normParams (%s) was computed on %d "
                             "columns." % (who, n_columns, key, values.size))
        out[key] = values
    return out


def _fit_norm(X, type, who="normalizeData"):  # noqa: A002 - RSNNS's name
    if hasattr(type, "keys"):
        return _check_norm_params(type, X.shape[1], who)
    if type not in NORM_TYPES:
        raise ValueError("%s: unknown type %r; valid types are %s, or a stored "
                         "parameter set." % (who, type, ", ".join(NORM_TYPES)))
    if X.shape[0] == 0:
        raise ValueError("%s: x has no rows; normalisation parameters need at least one."
                         % who)
    params = Bunch(type=type)
    if type in ("norm", "center"):
        params.colMeans = X.mean(axis=0)
    if type == "norm":
        params.colSds = X.std(axis=0, ddof=1) if X.shape[0] > 1 else np.zeros(X.shape[1])
    if type == "0_1":
        params.colMin = X.min(axis=0)
        params.colMax = X.max(axis=0)
    return params


def _apply_norm(X, p):
    t = p["type"]
    if t == "norm":
        sd = np.where(p["colSds"] > 0, p["colSds"], 1.0)  # constant column -> x - mean
        return (X - p["colMeans"]) / sd
    if t == "center":
        return X - p["colMeans"]
    rng = p["colMax"] - p["colMin"]  # "0_1" (the type was checked when p was made)
    out = (X - p["colMin"]) / np.where(rng > 0, rng, 1.0)
    return np.where(rng > 0, out, X)  # constant column left unchanged


def _invert_norm(X, p):
    t = p["type"]
    if t == "norm":
        sd = np.where(p["colSds"] > 0, p["colSds"], 1.0)
        return X * sd + p["colMeans"]
    if t == "center":
        return X + p["colMeans"]
    rng = p["colMax"] - p["colMin"]
    return np.where(rng > 0, X * np.where(rng > 0, rng, 1.0) + p["colMin"], X)


def normalize_data(x, type="norm"):  # noqa: A002 - RSNNS's name
    """Column-wise normalisation; the result carries ``.normParams``.

    ``type`` is "norm" (mean 0, sd 1 with n-1), "0_1" or "center", or a
    parameter set from :func:`get_norm_parameters` applied as is.
    """
    X = _as_float_matrix(x, "x")
    params = _fit_norm(X, type)
    out = _apply_norm(X, params).view(NormalizedArray)
    out.normParams = params
    return out


def get_norm_parameters(x):
    """The parameters a :func:`normalize_data` result carries."""
    params = getattr(x, "normParams", None)
    if params is None:
        raise ValueError("x carries no normalisation parameters; normalise it with normalizeData.")
    return params


def denormalize_data(x, normParams):
    """Undo :func:`normalize_data` with its parameters."""
    X = _as_float_matrix(x, "x")
    return _invert_norm(X, _check_norm_params(normParams, X.shape[1], "denormalizeData"))


def norm_training_and_test_set(x, dontNormTargets=True, type="norm"):  # noqa: A002
    """Normalise a split: the training inputs, then the test inputs with the
    training parameters (targets too unless ``dontNormTargets``)."""
    for key in ("inputsTrain", "targetsTrain"):
        if key not in x:
            raise ValueError("normTrainingAndTestSet expects the result of "
                             "splitForTrainingAndTest (missing %r)." % key)
    if len(x["inputsTrain"]) == 0:
        raise ValueError("normTrainingAndTestSet: inputsTrain has no rows, so there is nothing "
                         "to compute the normalisation from; with splitForTrainingAndTest, "
                         "use more rows or a smaller ratio.")
    out = Bunch(**x)
    out.inputsTrain = normalize_data(x["inputsTrain"], type)
    params = out.inputsTrain.normParams
    if x.get("inputsTest") is not None:
        out.inputsTest = normalize_data(x["inputsTest"], params)
    if not dontNormTargets:
        out.targetsTrain = normalize_data(x["targetsTrain"], type)
        if x.get("targetsTest") is not None:
            out.targetsTest = normalize_data(x["targetsTest"], out.targetsTrain.normParams)
    return out


class RSNNSNormalizer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """RSNNS's column normalisation as a scikit-learn transformer.

    Parameters
    ----------
    type : {"norm", "0_1", "center"}, default="norm"
        "norm" standardises with the n-1 standard deviation (R's ``sd``);
        constant columns behave as in RSNNS.

    Attributes
    ----------
    norm_params_ : Bunch
        The RSNNS parameter set (type, colMeans, colSds / colMin, colMax).
    """

    _parameter_constraints = {"type": [StrOptions(set(NORM_TYPES))]}

    def __init__(self, type="norm"):  # noqa: A002
        self.type = type

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Learn the column statistics of X."""
        X = validate_data(self, X, dtype=np.float64)
        self.norm_params_ = _fit_norm(X, self.type)
        return self

    def transform(self, X):
        """Normalise X with the fitted parameters."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return _apply_norm(X, self.norm_params_)

    def inverse_transform(self, X):
        """Undo :meth:`transform`."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return _invert_norm(X, self.norm_params_)


# ---------------------------------------------------------------------------
# Confusion matrix
# ---------------------------------------------------------------------------
def _class_indices(v, name):
    arr = np.asarray(v.to_numpy() if hasattr(v, "to_numpy") else v)
    if arr.ndim == 2 and arr.shape[1] > 1:
        return encode_class_labels(arr)
    arr = arr.ravel()
    if _has_missing(arr):
        raise ValueError("%s contains missing values." % name)
    return arr


def confusion_matrix(targets, predictions):
    """RSNNS's confusionMatrix: rows true class, columns predicted class.

    Matrices are first encoded with WTA (l = h = 0); vectors are used as they
    are. Only values that occur appear (a column "0" counts unclassified rows).
    """
    t = _class_indices(targets, "targets")
    p = _class_indices(predictions, "predictions")
    if len(t) != len(p):
        raise ValueError("targets and predictions have different lengths: %d and %d."
                         % (len(t), len(p)))
    table = pd.crosstab(pd.Series(t, name="targets"), pd.Series(p, name="predictions"))
    table.index = [_label_name(i) for i in table.index]
    table.columns = [_label_name(c) for c in table.columns]
    table.index.name = "targets"
    table.columns.name = "predictions"
    return table


# ---------------------------------------------------------------------------
# mlp()
# ---------------------------------------------------------------------------
_ETA_FREE_SOLVERS = ("rprop", "scg")  # their 0s mean "the built-in default"


def _as_learn_func_params(learnFuncParams):
    """learnFuncParams as RSNNS's numeric vector: None or () is R's NULL (no values)."""
    if learnFuncParams is None:
        return np.zeros(0)
    if isinstance(learnFuncParams, (str, bytes)):
        raise TypeError("learnFuncParams must be up to 5 numbers, as RSNNS's c(...), got the "
                        "string %r." % (learnFuncParams,))
    given = np.asarray(learnFuncParams, dtype=object).ravel()
    bad = [v for v in given.tolist()
           if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.number))]
    if bad:
        raise TypeError("learnFuncParams must be numbers, as RSNNS's c(...); got %r in %r."
                        % (bad[0], learnFuncParams))
    given = given.astype(float)
    if given.size > 5:
        raise ValueError("learnFuncParams takes at most 5 values, got %d." % given.size)
    if not np.isfinite(given).all():
        raise ValueError("learnFuncParams must be finite numbers, got %r." % (learnFuncParams,))
    return given


def _learn_func_params(learnFunc, learnFuncParams):
    """RSNNS's learnFunc and zero-padded learnFuncParams -> a skneural.solvers object."""
    given = _as_learn_func_params(learnFuncParams)
    p = np.zeros(5)
    p[: given.size] = given
    p = [float(v) for v in p]  # plain floats in the solver's parameters
    cls = RSNNS_LEARN_FUNCS[learnFunc]
    if given.size == 0 and cls.name not in _ETA_FREE_SOLVERS:
        raise ValueError("learnFuncParams=%r gives %s no learning rate: it needs eta as "
                         "learnFuncParams[1] (> 0), for example (0.2, 0), RSNNS's default."
                         % (learnFuncParams, learnFunc))
    if cls.name not in _ETA_FREE_SOLVERS and p[0] <= 0:
        raise ValueError("learnFuncParams[1] (eta) must be > 0 for %s, got %r."
                         % (learnFunc, p[0]))
    if cls in (_solvers.StdBackprop, _solvers.BackpropBatch):
        return cls(learning_rate=p[0], dmax=p[1])
    if cls is _solvers.BackpropChunk:
        return cls(learning_rate=p[0], dmax=p[1], chunk_size=_chunk_size(p[2]))
    if cls is _solvers.BackpropMomentum:
        return cls(learning_rate=p[0], momentum=p[1], flat_spot=p[2], dmax=p[3])
    if cls is _solvers.BackpropWeightDecay:
        return cls(learning_rate=p[0], decay=p[1], min_weight=p[2], dmax=p[3])
    if cls is _solvers.Rprop:
        return cls(learning_rate=p[0] or 0.001, max_step=p[1] or 2.0,
                   decay=10.0 ** (-p[2]) if p[2] else 0.0)
    if cls is _solvers.Quickprop:
        return cls(learning_rate=p[0], mu=p[1], decay=p[2], dmax=p[3])
    return cls(sigma1=p[0] or 1e-4, lambda1=p[1] or 1e-6, dmax=p[2], tol=p[3] or 1e-8)


def _chunk_size(value):
    """BackpropChunk's learnFuncParams[3]: a whole number >= 0; 0 means every pattern
    (RSNNS's measured behaviour, and what the default (0.2, 0) pads to)."""
    if value != int(value) or value < 0:
        raise ValueError("learnFuncParams[3] (chunk size) of BackpropChunk must be a whole "
                         "number >= 0 (0: update after every pattern), got %r." % value)
    return int(value)


def _check_test_set(X, Y, inputsTest, targetsTest):
    """RSNNS's inputsTest/targetsTest, checked against x and y before any training."""
    if (inputsTest is None) != (targetsTest is None):
        raise ValueError("inputsTest and targetsTest must be given together.")
    if inputsTest is None:
        return {}
    Xt = _as_float_matrix(inputsTest, "inputsTest").astype(np.float32)
    Yt = _as_float_matrix(targetsTest, "targetsTest").astype(np.float32)
    if Xt.shape[1] != X.shape[1]:
        raise ValueError("inputsTest has %d columns but x has %d; they must match."
                         % (Xt.shape[1], X.shape[1]))
    if Yt.shape[1] != Y.shape[1]:
        raise ValueError("targetsTest has %d columns but y has %d; they must match."
                         % (Yt.shape[1], Y.shape[1]))
    if Xt.shape[0] != Yt.shape[0]:
        raise ValueError("inputsTest and targetsTest have different numbers of rows: %d and %d."
                         % (Xt.shape[0], Yt.shape[0]))
    if Xt.shape[0] == 0:
        raise ValueError("inputsTest has no rows; give a test set with rows, or none.")
    return dict(X_val=Xt, y_val=Yt if Yt.shape[1] > 1 else Yt.ravel())


OUTPUT_ACT_FUNCS = {"Act_Logistic": "logistic", "Act_Identity": "identity"}
UPDATE_FUNCS = ("Topological_Order",)
INIT_FUNCS = ("Randomize_Weights",)


def _snns_draws(uniforms, count, start, what):
    """``count`` of the given uniforms from position ``start``, checked."""
    if start + count > uniforms.shape[0]:
        raise ValueError("uniforms: mlp() needs %d uniforms for %s (from position %d) but "
                         "only %d were given." % (count, what, start, uniforms.shape[0]))
    return uniforms[start:start + count]


def snns_initial_weights(uniforms, layer_sizes, initFuncParams=(-0.3, 0.3)):
    """RSNNS's Randomize_Weights from R's uniforms (RSNNS.md, "Reproducing
    RSNNS under set.seed").

    Units are visited in number order (inputs, hidden layers, outputs); each
    draws its bias, then its incoming links from the highest-numbered source
    unit down.  A draw ``u`` becomes ``f(f(f(u) * r) + f(lo))`` with ``f``
    rounding to float32 and ``r = f(f(hi) - f(lo))``.  Input units draw a
    bias that is never used.

    Parameters
    ----------
    uniforms : array-like of float in [0, 1)
        R's ``runif()`` values after ``set.seed``; at least units + links.
    layer_sizes : sequence of int
        Units per layer, inputs first.
    initFuncParams : (lo, hi)

    Returns
    -------
    coefs : list of float32 arrays (n_in, n_out)
    intercepts : list of float32 arrays (n_out,)
    n_used : int
        The number of uniforms consumed.

    Examples
    --------
    >>> from skneural.rsnns import snns_initial_weights
    >>> coefs, intercepts, used = snns_initial_weights([0.5] * 11, [2, 2, 1])
    >>> used, float(coefs[0][0, 0])  # 5 biases + 6 links; 0.5 -> the middle of (-0.3, 0.3)
    (11, 0.0)
    """
    u = _check_uniforms(uniforms)
    sizes = [int(v) for v in layer_sizes]
    lo, hi = (np.float32(v) for v in initFuncParams)
    r = np.float32(hi - lo)
    n_draws = sum(sizes) + sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    f = _snns_draws(u, n_draws, 0, "the initial weights").astype(np.float32)
    vals = (f * r + lo).astype(np.float32)  # float32 products and sums, each rounded
    coefs = [np.zeros((a, b), dtype=np.float32) for a, b in zip(sizes[:-1], sizes[1:])]
    intercepts = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
    k = sizes[0]  # the input units' biases
    for layer in range(1, len(sizes)):
        for c in range(sizes[layer]):
            intercepts[layer - 1][c] = vals[k]
            n_in = sizes[layer - 1]
            coefs[layer - 1][::-1, c] = vals[k + 1:k + 1 + n_in]
            k += 1 + n_in
    return coefs, intercepts, k


def snns_pattern_orders(uniforms, n, epochs, n_test=0, start=0):
    """The per-epoch pattern orders of RSNNS's shuffling, from R's uniforms.

    SNNS keeps an order array (0..n-1 at first) and shuffles it in place at
    the start of every epoch: for i = 0..n-1, ``j = i + floor(2147483647 * u)
    mod (n - i)``, swap.  The array carries over between epochs, except with
    a test set (``n_test > 0``): then it restarts from 0..n-1 every epoch and
    the test-set shuffle consumes ``n_test`` more uniforms after each epoch.

    Returns
    -------
    orders : int64 array (epochs, n)
        0-based pattern indices, one row per epoch.
    n_used : int
        The position after the last uniform consumed.

    Examples
    --------
    >>> from skneural.rsnns import snns_pattern_orders
    >>> orders, used = snns_pattern_orders([0.9, 0.2, 0.7], 3, 1)
    >>> orders.tolist(), used  # 1932735282 mod 3 = 0: keep; 429496729 mod 2 = 1: swap
    ([[0, 2, 1]], 3)
    """
    u = _check_uniforms(uniforms)
    n, epochs, n_test = int(n), int(epochs), int(n_test)
    draws = _snns_draws(u, epochs * (n + n_test), start, "the pattern shuffles")
    picks = np.floor(2147483647.0 * draws).astype(np.int64)
    orders = np.empty((epochs, n), dtype=np.int64)
    order = np.arange(n, dtype=np.int64)
    k = 0
    for e in range(epochs):
        if n_test:
            order = np.arange(n, dtype=np.int64)
        for i in range(n):
            j = i + picks[k] % (n - i)
            k += 1
            order[i], order[j] = order[j], order[i]
        orders[e] = order
        k += n_test
    return orders, start + k


def _check_uniforms(uniforms):
    u = np.asarray(uniforms, dtype=np.float64).ravel() if not isinstance(uniforms, str) \
        else None
    if u is None or not np.all((u >= 0) & (u < 1)):
        raise ValueError("uniforms must be numbers in [0, 1) (R's runif() values), got %r."
                         % (uniforms if np.size(uniforms) < 5 else "an array with others",))
    return u


def mlp(x, y, size=5, maxit=100, initFunc="Randomize_Weights", initFuncParams=(-0.3, 0.3),
        learnFunc="Std_Backpropagation", learnFuncParams=(0.2, 0.0),
        updateFunc="Topological_Order", updateFuncParams=(0.0,),
        hiddenActFunc="Act_Logistic", shufflePatterns=True, linOut=False,
        outputActFunc=None, inputsTest=None, targetsTest=None, pruneFunc=None,
        pruneFuncParams=None, computeIterativeError=True, random_state=None, uniforms=None,
        coef_init=None, intercept_init=None):
    """Create and train a multilayer perceptron as RSNNS's ``mlp()`` does.

    The network has ``ncol(x)`` inputs, hidden layers ``size``, ``ncol(y)``
    outputs (logistic, or identity with ``linOut``); the training is
    skneural's :class:`~skneural.MLPRegressor` with the SNNS solver named by
    ``learnFunc`` (this function holds no training logic of its own).  As in
    SNNS, the network computes in float32: inputs and targets are converted,
    and the weights, ``fitted_values`` and predictions are float32.  Identity
    units (``linOut=True``, ``hiddenActFunc="Act_Identity"``) are SNNS's
    Act_Identity: their output leaves out their bias, which is still trained.

    ``learnFuncParams`` is RSNNS's vector of up to 5 numbers, zero-padded;
    ``None`` or ``()`` is R's ``NULL`` (all zeros): the built-in defaults for
    Rprop and SCG, an error for the learners that need an eta.  BackpropChunk's
    chunk size (the third value) is a whole number; 0 means an update after
    every pattern, as in RSNNS.  ``inputsTest`` and ``targetsTest`` are checked
    against ``x`` and ``y`` (columns) and each other (rows) before training.

    RSNNS's other arguments: ``updateFunc`` is ``"Topological_Order"`` (its
    ``updateFuncParams`` do not apply to it); ``outputActFunc``
    (``"Act_Logistic"`` or ``"Act_Identity"``; ``None``: from ``linOut``)
    overrides ``linOut``; ``pruneFunc`` must be ``None`` (SNNS's separate
    pruning functions are not implemented; BackpropWeightDecay's own pruning
    is, through its third parameter); ``computeIterativeError`` is accepted
    (the errors are always recorded).

    Reproducing RSNNS under ``set.seed``: RSNNS takes every random number
    from R's generator.  ``uniforms`` (R's ``runif()`` values after
    ``set.seed(k)``) replays that stream: the initial weights (units + links
    draws, :func:`snns_initial_weights`), then with ``shufflePatterns`` the
    per-epoch pattern orders (n draws per epoch, plus ``nrow(inputsTest)``
    with a test set, :func:`snns_pattern_orders`).  SCG uses only the weight
    draws (the pattern order changes its arithmetic only by rounding); its
    model records ``scgPasses``, the passes over the data of every epoch, on
    each of which RSNNS draws n uniforms.  ``coef_init``/``intercept_init`` (lists, one array per layer)
    start from given weights instead, as :meth:`MLPRegressor.fit` does.

    Returns
    -------
    MLPRegressor
        Fitted, with RSNNS's ``IterativeFitError`` (masked SSE per epoch),
        ``IterativeTestError`` and ``fittedTestValues`` (with a test set;
        else None), ``fitted_values`` and ``predict`` returning the output
        activations.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp
    >>> X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    >>> Y = np.array([[0.], [1.], [1.], [0.]])
    >>> model = mlp(X, Y, size=4, learnFunc="Rprop", learnFuncParams=(0.1, 50, 4),
    ...             maxit=300, random_state=0)
    >>> (model.predict(X).ravel() > 0.5).astype(int).tolist()
    [0, 1, 1, 0]
    """
    from ._multilayer_perceptron import MLPRegressor  # noqa: PLC0415 - import cycle

    if learnFunc not in RSNNS_LEARN_FUNCS:
        raise ValueError("mlp: unknown learnFunc %r; valid learning functions are %s."
                         % (learnFunc, ", ".join(RSNNS_LEARN_FUNCS)))
    if initFunc not in INIT_FUNCS:
        raise ValueError("mlp: unknown initFunc %r; skneural implements %s."
                         % (initFunc, ", ".join(INIT_FUNCS)))
    if updateFunc not in UPDATE_FUNCS:
        raise ValueError("mlp: unknown updateFunc %r; skneural implements %s."
                         % (updateFunc, ", ".join(UPDATE_FUNCS)))
    if hiddenActFunc not in HIDDEN_ACT_FUNCS:
        raise ValueError("mlp: unknown hiddenActFunc %r; valid ones are %s."
                         % (hiddenActFunc, ", ".join(HIDDEN_ACT_FUNCS)))
    if outputActFunc is None:
        outputActFunc = "Act_Identity" if linOut else "Act_Logistic"
    if outputActFunc not in OUTPUT_ACT_FUNCS:
        raise ValueError("mlp: unknown outputActFunc %r; valid ones are %s."
                         % (outputActFunc, ", ".join(OUTPUT_ACT_FUNCS)))
    if pruneFunc is not None:
        raise NotImplementedError(
            "mlp: pruneFunc=%r: SNNS's pruning functions are not implemented; use "
            "pruneFunc=None (BackpropWeightDecay prunes links through its third "
            "learnFuncParams value)." % (pruneFunc,))
    sizes = as_layer_sizes("size", size)
    maxit = as_whole_number("maxit", maxit, 1)
    # SNNS computes in float32; so does mlp() (the SNNS solvers follow the data's dtype)
    X = _as_float_matrix(x, "x").astype(np.float32)
    Y = _as_float_matrix(y, "y").astype(np.float32)
    if X.shape[0] != Y.shape[0]:
        raise ValueError("x and y have different numbers of rows: %d and %d."
                         % (X.shape[0], Y.shape[0]))
    solver = _learn_func_params(learnFunc, learnFuncParams)
    validation = _check_test_set(X, Y, inputsTest, targetsTest)
    init_range = tuple(float(v) for v in initFuncParams)
    init, orders = {}, None
    if coef_init is not None or intercept_init is not None:
        if uniforms is not None:
            raise ValueError("mlp: give uniforms or coef_init/intercept_init, not both.")
        init = dict(coef_init=coef_init, intercept_init=intercept_init)
    if uniforms is not None:
        layer_units = [X.shape[1]] + list(sizes) + [Y.shape[1]]
        coefs, intercepts, used = snns_initial_weights(uniforms, layer_units, init_range)
        init = dict(coef_init=coefs, intercept_init=intercepts)
        if shufflePatterns and solver.name != "scg":
            n_test = validation["X_val"].shape[0] if validation else 0
            orders, used = snns_pattern_orders(uniforms, X.shape[0], maxit, n_test, used)
        if used != np.size(uniforms) and solver.name != "scg":
            raise ValueError("uniforms: this mlp() call consumes %d uniforms, got %d."
                             % (used, np.size(uniforms)))
    model = MLPRegressor(
        hidden_layer_sizes=tuple(sizes), activation=HIDDEN_ACT_FUNCS[hiddenActFunc],
        max_iter=maxit, shuffle=bool(shufflePatterns) and uniforms is None,
        random_state=random_state, init_range=init_range, n_iter_no_change=np.inf,
        out_activation=OUTPUT_ACT_FUNCS[outputActFunc], solver=solver,
    )
    import warnings  # noqa: PLC0415

    from sklearn.exceptions import ConvergenceWarning  # noqa: PLC0415

    with warnings.catch_warnings():
        # RSNNS always runs maxit epochs: running out of them is no news. Only that
        # message is silenced; a DivergenceWarning (a ConvergenceWarning) gets through
        warnings.filterwarnings("ignore", message="Stochastic Optimizer: Maximum iterations",
                                category=ConvergenceWarning)
        if orders is not None:
            # the given per-epoch pattern orders go to the engine (one fit)
            model._validate_params()
            val = (validation["X_val"], validation["y_val"], None) if validation else None
            model._fit(X, Y if Y.shape[1] > 1 else Y.ravel(), validation_data=val,
                       pattern_orders=orders, **init)
        else:
            model.fit(X, Y if Y.shape[1] > 1 else Y.ravel(), **validation, **init)
    model.IterativeFitError = np.asarray(model.loss_curve_)
    model.IterativeTestError = (np.asarray(model.validation_loss_curve_) if validation
                                else None)
    model.fitted_values = model.predict(X)
    if model.fitted_values.ndim == 1:
        model.fitted_values = model.fitted_values.reshape(-1, 1)
    # SCG's passes over the data per epoch: RSNNS draws n uniforms on each (the R
    # package draws them after the fit, so that .Random.seed ends where RSNNS's does)
    scg = getattr(getattr(model, "_optimizer", None), "scg", None)
    model.scgPasses = (np.asarray(scg["passes"], dtype=np.int64)
                       if solver.name == "scg" and scg is not None else None)
    model.fittedTestValues = None
    if validation:
        model.fittedTestValues = model.predict(validation["X_val"]).reshape(
            validation["X_val"].shape[0], -1)
    return model


# camelCase aliases: the same function objects.
decodeClassLabels = decode_class_labels
encodeClassLabels = encode_class_labels
splitForTrainingAndTest = split_for_training_and_test
normalizeData = normalize_data
denormalizeData = denormalize_data
getNormParameters = get_norm_parameters
normTrainingAndTestSet = norm_training_and_test_set
confusionMatrix = confusion_matrix


# ---------------------------------------------------------------------------
# The rest of RSNNS's surface (helpers, SNNS files, model accessors, plots):
# defined in _rsnns_surface and plotting, re-exported here in both spellings.
# ---------------------------------------------------------------------------
from . import _rsnns_surface as _surface  # noqa: E402
from ._rsnns_surface import (  # noqa: E402, F401
    analyze_classification, analyzeClassification,
    export_to_snns_net_file, exportToSnnsNetFile,
    extract_net_info, extractNetInfo,
    input_columns, inputColumns,
    matrix_to_act_map_list, matrixToActMapList,
    output_columns, outputColumns,
    print_rsnns, printRsnns,
    read_pat_file, readPatFile,
    read_res_file, readResFile,
    read_snns_net_file, readSnnsNetFile,
    save_pat_file, savePatFile,
    save_res_file, saveResFile,
    summary,
    to_numeric_class_labels, toNumericClassLabels,
    train,
    vector_to_act_map, vectorToActMap,
    weight_matrix, weightMatrix,
)
from .plotting import (  # noqa: E402, F401
    plot_act_map, plotActMap,
    plot_iterative_error, plotIterativeError,
    plot_regression_error, plotRegressionError,
    plot_roc, plotROC,
)

__all__ += _surface.__all__ + [
    "plot_act_map", "plotActMap", "plot_iterative_error", "plotIterativeError",
    "plot_regression_error", "plotRegressionError", "plot_roc", "plotROC",
]

# RSNNS's other network families (scikit-learn estimators underneath)
from ._rsnns_families_a import art1, art2, artmap, dlvq, som  # noqa: E402, F401

__all__ += ["som", "dlvq", "art1", "art2", "artmap"]
from ._rsnns_families_b import assoz, elman, jordan, rbf, rbfDDA  # noqa: E402, F401

__all__ += ["rbf", "rbfDDA", "elman", "jordan", "assoz"]
