"""RSNNS's ``rbf``, ``rbfDDA``, ``elman``, ``jordan`` and ``assoz``, as thin functions.

Each function accepts RSNNS's arguments with RSNNS's defaults, checks them
(an unknown function name or an out-of-range parameter is a ``ValueError``
naming it, where RSNNS would fall back silently), builds the skneural
estimator and returns it fitted, carrying RSNNS's result fields:
``IterativeFitError`` (one value per epoch), ``IterativeTestError`` (with a
test set, else None) and ``fitted_values`` (also reachable as
``getattr(model, "fitted.values")``).  No training logic lives here.

As in :func:`skneural.rsnns.mlp`, the networks compute in float32, as SNNS does.

Examples
--------
>>> import numpy as np
>>> from skneural._rsnns_families_b import rbf
>>> x = np.linspace(0, 10, 101).reshape(-1, 1)
>>> model = rbf(x, np.sin(x), size=20, maxit=20, initFuncParams=(0, 1, 0, 1.0, 0.01),
...             random_state=0)
>>> model.fitted_values.shape, len(model.IterativeFitError)
((101, 1), 20)
"""

import numbers

import numpy as np

from . import rsnns as _rs
from ._assoz import AssociativeMemory
from ._rbf import RBFNetworkClassifier, RBFNetworkRegressor
from ._recurrent import ElmanRegressor, JordanRegressor
from ._utils import as_layer_sizes, as_whole_number

__all__ = ["rbf", "rbfDDA", "elman", "jordan", "assoz"]

JE_LEARN_FUNCS = {"JE_BP": "bp", "JE_BP_Momentum": "momentum", "JE_Rprop": "rprop"}


# ---------------------------------------------------------------------------
# Argument checks shared by the five functions
# ---------------------------------------------------------------------------
def _choice(fun, name, value, valid):
    if not isinstance(value, str) or value not in valid:
        raise ValueError("%s: unknown %s %r; skneural implements %s."
                         % (fun, name, value, ", ".join(repr(v) for v in valid)))
    return value


def _numbers(fun, name, values, max_len=5):
    """RSNNS's numeric parameter vector, zero-padded to ``max_len``."""
    if values is None:
        given = np.zeros(0)
    else:
        if isinstance(values, (str, bytes)):
            raise TypeError("%s: %s must be numbers, as RSNNS's c(...), got the string %r."
                            % (fun, name, values))
        given = np.asarray(values, dtype=object).ravel()
        bad = [v for v in given.tolist() if isinstance(v, (bool, np.bool_))
               or not isinstance(v, (numbers.Real, np.number))]
        if bad:
            raise TypeError("%s: %s must be numbers, got %r in %r." % (fun, name, bad[0], values))
        given = given.astype(float)
    if given.size > max_len:
        raise ValueError("%s: %s takes at most %d values, got %d." % (fun, name, max_len,
                                                                       given.size))
    if not np.isfinite(given).all():
        raise ValueError("%s: %s must be finite numbers, got %r." % (fun, name, values))
    out = np.zeros(max_len)
    out[: given.size] = given
    return [float(v) for v in out]


def _require(cond, fun, what, value, rule):
    if not cond:
        raise ValueError("%s: %s must be %s, got %r." % (fun, what, rule, value))


def _flag(fun, name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError("%s: %s must be TRUE or FALSE, got %r." % (fun, name, value))
    return bool(value)


def _one_hidden_layer(fun, size):
    sizes = as_layer_sizes("size", size)
    if len(sizes) != 1:
        raise ValueError("%s: size must be one number (skneural builds one hidden layer), got "
                         "%r." % (fun, list(sizes)))
    return sizes[0]


def _xy(fun, x, y):
    X = _rs._as_float_matrix(x, "x").astype(np.float32)
    Y = _rs._as_float_matrix(y, "y").astype(np.float32)
    if X.shape[0] != Y.shape[0]:
        raise ValueError("%s: x and y have different numbers of rows: %d and %d."
                         % (fun, X.shape[0], Y.shape[0]))
    if X.shape[0] == 0:
        raise ValueError("%s: x has no rows." % fun)
    return X, Y


def _finish(model, X, fitted, validation):
    model.IterativeFitError = np.asarray(model.loss_curve_, dtype=float)
    model.IterativeTestError = (np.asarray(model.validation_loss_curve_, dtype=float)
                                if validation else None)
    fitted = np.asarray(fitted)
    model.fitted_values = fitted.reshape(X.shape[0], -1)
    setattr(model, "fitted.values", model.fitted_values)
    return model


def _fit_regressor(model, X, Y, validation):
    model.fit(X, Y if Y.shape[1] > 1 else Y.ravel(), **validation)
    return _finish(model, X, model.predict(X), validation)


# ---------------------------------------------------------------------------
# rbf, rbfDDA
# ---------------------------------------------------------------------------
def rbf(x, y, size=5, maxit=100, initFunc="RBF_Weights", initFuncParams=(0, 1, 0, 0.02, 0.04),
        learnFunc="RadialBasisLearning", learnFuncParams=(1e-5, 0, 1e-5, 0.1, 0.8),
        updateFunc="Topological_Order", updateFuncParams=(0,), shufflePatterns=True,
        linOut=True, inputsTest=None, targetsTest=None, random_state=None):
    """Create and train an RBF network as RSNNS's ``rbf()`` does.

    ``initFuncParams`` are RBF_Weights' (0_scale, 1_scale, smoothness, bias p,
    deviation) and ``learnFuncParams`` RadialBasisLearning's (learning rate of
    the centres, of the bias p, of the weights, delta max, momentum); see
    :class:`~skneural.RBFNetworkRegressor`.  The outputs are
    ``Act_IdentityPlusBias`` with ``linOut`` (the default), else logistic.
    RadialBasisLearning works in batch mode, so ``shufflePatterns`` changes
    nothing but SNNS's float32 summation order; it is accepted and checked.

    Returns
    -------
    RBFNetworkRegressor
        Fitted, with ``IterativeFitError``, ``IterativeTestError``,
        ``fitted_values``; ``predict`` gives the output activations.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural._rsnns_families_b import rbf
    >>> x = np.linspace(0, 10, 101).reshape(-1, 1)
    >>> model = rbf(x, np.sin(x), size=20, maxit=20,
    ...             initFuncParams=(0, 1, 0, 1.0, 0.01), random_state=0)
    >>> float(np.abs(model.fitted_values - np.sin(x)).max()) < 0.05
    True
    """
    fun = "rbf"
    _choice(fun, "initFunc", initFunc, ("RBF_Weights",))
    _choice(fun, "learnFunc", learnFunc, ("RadialBasisLearning",))
    _choice(fun, "updateFunc", updateFunc, ("Topological_Order",))
    _numbers(fun, "updateFuncParams", updateFuncParams)
    _flag(fun, "shufflePatterns", shufflePatterns)
    linOut = _flag(fun, "linOut", linOut)
    size = _one_hidden_layer(fun, size)
    maxit = as_whole_number("maxit", maxit, 1)
    ip = _numbers(fun, "initFuncParams", initFuncParams)
    lp = _numbers(fun, "learnFuncParams", learnFuncParams)
    _require(ip[2] >= 0, fun, "initFuncParams[3] (smoothness)", ip[2], ">= 0")
    _require(ip[3] >= 0, fun, "initFuncParams[4] (bias p)", ip[3], ">= 0")
    _require(ip[4] >= 0, fun, "initFuncParams[5] (deviation)", ip[4], ">= 0")
    for i, what in enumerate(("learning rate of the centres", "learning rate of the bias p",
                              "learning rate of the weights", "delta max")):
        _require(lp[i] >= 0, fun, "learnFuncParams[%d] (%s)" % (i + 1, what), lp[i], ">= 0")
    _require(0 <= lp[4] < 1, fun, "learnFuncParams[5] (momentum)", lp[4], "in [0, 1)")
    X, Y = _xy(fun, x, y)
    validation = _rs._check_test_set(X, Y, inputsTest, targetsTest)
    model = RBFNetworkRegressor(
        n_units=size, max_iter=maxit, zero_scale=ip[0], one_scale=ip[1], smoothness=ip[2],
        gamma=ip[3], deviation=ip[4], learning_rate_centers=lp[0], learning_rate_gamma=lp[1],
        learning_rate_weights=lp[2], dmax=lp[3], momentum=lp[4],
        out_activation="identity" if linOut else "logistic", random_state=random_state)
    return _fit_regressor(model, X, Y, validation)


def _class_codes(fun, Y):
    """y as class indices: a one-hot (decodeClassLabels) matrix or one column of labels."""
    if Y.shape[1] == 1:
        return Y.ravel()
    codes = _rs.encode_class_labels(Y)
    if (codes == 0).any():
        row = int(np.flatnonzero(codes == 0)[0])
        raise ValueError("%s: row %d of y has no single largest value, so its class is "
                         "undefined; give one-hot targets (decodeClassLabels) or labels."
                         % (fun, row + 1))
    return codes - 1


def rbfDDA(x, y, maxit=1, initFunc="Randomize_Weights", initFuncParams=(-0.3, 0.3),
           learnFunc="RBF-DDA", learnFuncParams=(0.4, 0.2, 5), updateFunc="Topological_Order",
           updateFuncParams=(0,), shufflePatterns=True, linOut=False, random_state=None):
    """Create and train an RBF network with DDA, as RSNNS's ``rbfDDA()`` does.

    ``learnFuncParams`` are (theta+, theta-, n): the coverage and conflict
    thresholds and SNNS's display parameter (how many hidden units to draw
    per row in SNNS's network editor), which does not affect training and is
    ignored.  ``initFunc`` / ``initFuncParams`` are accepted for RSNNS's
    signature: DDA places its prototypes on training patterns and draws no
    random weights.  ``y`` is a one-hot matrix (``decodeClassLabels``) or one
    column of labels.  See :class:`~skneural.RBFNetworkClassifier`.

    Returns
    -------
    RBFNetworkClassifier
        Fitted; ``fitted_values`` are the per-class outputs (logistic unless
        ``linOut``), as RSNNS's ``predict`` gives them: use
        ``model.class_outputs(newdata)`` for new data (``model.predict`` gives
        the class indices, scikit-learn style).  ``IterativeFitError`` holds
        the SSE of those outputs against the 0/1 targets after each epoch.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from skneural._rsnns_families_b import rbfDDA
    >>> from skneural.rsnns import decodeClassLabels
    >>> X, y = load_iris(return_X_y=True)
    >>> model = rbfDDA(X, decodeClassLabels(y), random_state=0)
    >>> model.fitted_values.shape
    (150, 3)
    """
    fun = "rbfDDA"
    _choice(fun, "initFunc", initFunc, ("Randomize_Weights",))
    _choice(fun, "learnFunc", learnFunc, ("RBF-DDA",))
    _choice(fun, "updateFunc", updateFunc, ("Topological_Order",))
    _numbers(fun, "initFuncParams", initFuncParams)
    _numbers(fun, "updateFuncParams", updateFuncParams)
    shufflePatterns = _flag(fun, "shufflePatterns", shufflePatterns)
    linOut = _flag(fun, "linOut", linOut)
    maxit = as_whole_number("maxit", maxit, 1)
    lp = _numbers(fun, "learnFuncParams", learnFuncParams)
    _require(0 < lp[0] < 1, fun, "learnFuncParams[1] (theta+)", lp[0], "in (0, 1)")
    _require(0 < lp[1] <= lp[0], fun, "learnFuncParams[2] (theta-)", lp[1],
             "in (0, theta+]")
    X, Y = _xy(fun, x, y)
    codes = _class_codes(fun, Y)
    model = RBFNetworkClassifier(theta_pos=lp[0], theta_neg=lp[1], max_iter=maxit,
                                 shuffle=shufflePatterns,
                                 out_activation="identity" if linOut else "logistic",
                                 random_state=random_state)
    model.fit(X, codes)
    return _finish(model, X, model.class_outputs(X), {})


# ---------------------------------------------------------------------------
# elman, jordan
# ---------------------------------------------------------------------------
def _je_solver_kw(fun, learnFunc, lp):
    solver = JE_LEARN_FUNCS[learnFunc]
    if solver == "bp":
        _require(lp[0] > 0, fun, "learnFuncParams[1] (eta)", lp[0], "> 0")
        _require(lp[1] >= 0, fun, "learnFuncParams[2] (dmax)", lp[1], ">= 0")
        return dict(solver=solver, learning_rate=lp[0], dmax=lp[1])
    if solver == "momentum":
        _require(lp[0] > 0, fun, "learnFuncParams[1] (eta)", lp[0], "> 0")
        _require(0 <= lp[1] < 1, fun, "learnFuncParams[2] (momentum)", lp[1], "in [0, 1)")
        _require(lp[2] >= 0, fun, "learnFuncParams[3] (flat-spot constant)", lp[2], ">= 0")
        _require(lp[3] >= 0, fun, "learnFuncParams[4] (dmax)", lp[3], ">= 0")
        return dict(solver=solver, learning_rate=lp[0], momentum=lp[1], flat_spot=lp[2],
                    dmax=lp[3])
    # JE_Rprop: 0 means the built-in default, as for mlp()'s Rprop
    _require(lp[0] >= 0 and lp[1] >= 0, fun, "learnFuncParams[1:2] (initial and maximum "
             "step)", lp[:2], ">= 0")
    return dict(solver=solver, learning_rate=lp[0] or 0.001, max_step=lp[1] or 2.0,
                alpha=10.0 ** (-lp[2]) if lp[2] else 0.0)


def _partially_recurrent(cls, fun, x, y, size, maxit, initFunc, initFuncParams, learnFunc,
                         learnFuncParams, updateFunc, updateFuncParams, shufflePatterns, linOut,
                         inputsTest, targetsTest, random_state):
    _choice(fun, "initFunc", initFunc, ("JE_Weights",))
    _choice(fun, "learnFunc", learnFunc, tuple(JE_LEARN_FUNCS))
    _choice(fun, "updateFunc", updateFunc, ("JE_Order",))
    _numbers(fun, "updateFuncParams", updateFuncParams)
    shufflePatterns = _flag(fun, "shufflePatterns", shufflePatterns)
    linOut = _flag(fun, "linOut", linOut)
    size = _one_hidden_layer(fun, size)
    maxit = as_whole_number("maxit", maxit, 1)
    ip = _numbers(fun, "initFuncParams", initFuncParams)
    lp = _numbers(fun, "learnFuncParams", learnFuncParams)
    kw = _je_solver_kw(fun, learnFunc, lp)
    X, Y = _xy(fun, x, y)
    validation = _rs._check_test_set(X, Y, inputsTest, targetsTest)
    model = cls(hidden_layer_size=size, max_iter=maxit,
                init_range=(min(ip[0], ip[1]), max(ip[0], ip[1])), context_self_weight=ip[2],
                context_weight=ip[3], context_init=ip[4],
                out_activation="identity" if linOut else "logistic", shuffle=shufflePatterns,
                random_state=random_state, **kw)
    return _fit_regressor(model, X, Y, validation)


_JE_DOC = """
    The rows of ``x`` and ``y`` are one sequence in time order (RSNNS's
    default ``shufflePatterns=FALSE`` keeps it).  ``initFuncParams`` are
    JE_Weights' (upper and lower bound of the random weights, self-weight
    lambda of the context units, weight gamma of the links into the context,
    initial context activation psi).  ``learnFunc`` is ``"JE_BP"`` (eta,
    dmax), ``"JE_BP_Momentum"`` (eta, momentum, flat-spot constant, dmax) or
    ``"JE_Rprop"`` (initial step, maximum step, decay exponent a; 0 means the
    default, 0.001 / 2.0 / no decay, as for ``mlp()``'s Rprop).
    ``updateFunc`` must be ``"JE_Order"``.  ``size`` is one number: skneural
    builds one hidden layer.
"""


def elman(x, y, size=5, maxit=100, initFunc="JE_Weights", initFuncParams=(1, -1, 0.3, 1, 0.5),
          learnFunc="JE_BP", learnFuncParams=(0.2,), updateFunc="JE_Order",
          updateFuncParams=(0,), shufflePatterns=False, linOut=True, outContext=False,
          inputsTest=None, targetsTest=None, random_state=None):
    if _flag("elman", "outContext", outContext):
        raise ValueError("elman: outContext=TRUE (context units for the output layer too) is "
                         "not implemented in skneural; use outContext=FALSE, or jordan() for "
                         "context units that remember the outputs.")
    return _partially_recurrent(ElmanRegressor, "elman", x, y, size, maxit, initFunc,
                                initFuncParams, learnFunc, learnFuncParams, updateFunc,
                                updateFuncParams, shufflePatterns, linOut, inputsTest,
                                targetsTest, random_state)


elman.__doc__ = """Create and train an Elman network as RSNNS's ``elman()`` does.
""" + _JE_DOC + """    ``outContext=TRUE`` is not implemented (a ValueError).

    Returns
    -------
    ElmanRegressor
        Fitted, with ``IterativeFitError``, ``IterativeTestError`` and
        ``fitted_values``; ``predict`` runs a sequence from the initial context.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural._rsnns_families_b import elman
    >>> s = np.sin(np.arange(101) * 0.3)
    >>> model = elman(s[:-1], s[1:], size=8, learnFuncParams=(0.1,), maxit=100,
    ...               random_state=0)
    >>> model.fitted_values.shape
    (100, 1)
"""


def jordan(x, y, size=5, maxit=100, initFunc="JE_Weights", initFuncParams=(1, -1, 0.3, 1, 0.5),
           learnFunc="JE_BP", learnFuncParams=(0.2,), updateFunc="JE_Order",
           updateFuncParams=(0,), shufflePatterns=False, linOut=True, inputsTest=None,
           targetsTest=None, random_state=None):
    return _partially_recurrent(JordanRegressor, "jordan", x, y, size, maxit, initFunc,
                                initFuncParams, learnFunc, learnFuncParams, updateFunc,
                                updateFuncParams, shufflePatterns, linOut, inputsTest,
                                targetsTest, random_state)


jordan.__doc__ = """Create and train a Jordan network as RSNNS's ``jordan()`` does.
""" + _JE_DOC + """
    Returns
    -------
    JordanRegressor
        Fitted, with ``IterativeFitError``, ``IterativeTestError`` and
        ``fitted_values``; ``predict`` runs a sequence from the initial context.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural._rsnns_families_b import jordan
    >>> s = np.sin(np.arange(101) * 0.3)
    >>> model = jordan(s[:-1], s[1:], size=8, learnFuncParams=(0.1,), maxit=100,
    ...                random_state=0)
    >>> len(model.IterativeFitError)
    100
"""


# ---------------------------------------------------------------------------
# assoz
# ---------------------------------------------------------------------------
def assoz(x, dimX, dimY, maxit=100, initFunc="RM_Random_Weights", initFuncParams=(1.0, -1.0),
          learnFunc="RM_delta", learnFuncParams=(0.01, 100, 0, 0, 0),
          updateFunc="Auto_Synchronous", updateFuncParams=(50,), shufflePatterns=True,
          random_state=None):
    """Create and train an auto-associative memory as RSNNS's ``assoz()`` does.

    One unit per column of ``x`` (``dimX * dimY`` of them, a dimX x dimY map).
    ``initFuncParams``: the range of the random initial weights
    (RM_Random_Weights); ``learnFuncParams``: RM_delta's (eta, cycles per
    pattern before learning); ``updateFuncParams``: the number of synchronous
    cycles of a recall.  See :class:`~skneural.AssociativeMemory`.

    Returns
    -------
    AssociativeMemory
        Fitted, with ``IterativeFitError`` and ``fitted_values`` (the recalled
        patterns, one row each); ``predict`` recalls new patterns.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural._rsnns_families_b import assoz
    >>> x = np.array([[1, 0, 1, 0, 1, 0], [0, 1, 0, 1, 0, 1]], dtype=float)
    >>> model = assoz(x, dimX=2, dimY=3, maxit=20, random_state=0)
    >>> model.fitted_values.shape
    (2, 6)
    """
    fun = "assoz"
    _choice(fun, "initFunc", initFunc, ("RM_Random_Weights",))
    _choice(fun, "learnFunc", learnFunc, ("RM_delta",))
    _choice(fun, "updateFunc", updateFunc, ("Auto_Synchronous",))
    shufflePatterns = _flag(fun, "shufflePatterns", shufflePatterns)
    dimX = as_whole_number("dimX", dimX, 1)
    dimY = as_whole_number("dimY", dimY, 1)
    maxit = as_whole_number("maxit", maxit, 1)
    ip = _numbers(fun, "initFuncParams", initFuncParams)
    lp = _numbers(fun, "learnFuncParams", learnFuncParams)
    up = _numbers(fun, "updateFuncParams", updateFuncParams)
    _require(lp[0] > 0, fun, "learnFuncParams[1] (eta)", lp[0], "> 0")
    learn_cycles = as_whole_number("learnFuncParams[2] (cycles)", lp[1], 1)
    n_cycles = as_whole_number("updateFuncParams[1] (cycles)", up[0], 1)
    X = _rs._as_float_matrix(x, "x").astype(np.float32)
    if X.shape[1] != dimX * dimY:
        raise ValueError("assoz: x has %d columns but dimX * dimY = %d * %d = %d units."
                         % (X.shape[1], dimX, dimY, dimX * dimY))
    model = AssociativeMemory(learning_rate=lp[0], learn_cycles=learn_cycles, n_cycles=n_cycles,
                              max_iter=maxit, init_range=(min(ip[0], ip[1]), max(ip[0], ip[1])),
                              shuffle=shufflePatterns, random_state=random_state)
    model.fit(X)
    model.dimX, model.dimY = dimX, dimY
    return _finish(model, X, model.transform(X), {})
