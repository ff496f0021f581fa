"""Solver objects: the ``solver`` parameter of the MLP estimators.

``solver=`` takes scikit-learn's strings (``"adam"``, ``"sgd"``, ``"lbfgs"``,
same defaults and the same estimator parameters as scikit-learn), skneural's
extra names, or one of the objects below.  An object carries its own
hyper-parameters, which show in the estimator's ``get_params()`` as
``solver__<name>``: :class:`~sklearn.model_selection.GridSearchCV` tunes them
and :func:`~sklearn.base.clone` copies them.

>>> from sklearn.model_selection import GridSearchCV
>>> from skneural import MLPClassifier
>>> from skneural.solvers import Quickprop
>>> clf = MLPClassifier((8,), solver=Quickprop(learning_rate=0.1, mu=1.75))
>>> clf.get_params()["solver__mu"]
1.75
>>> search = GridSearchCV(clf, {"solver__mu": [1.5, 2.0]})

The SNNS learning functions (RSNNS's ``learnFunc``) are solvers like the
others: :class:`StdBackprop`, :class:`BackpropBatch`, :class:`BackpropChunk`,
:class:`BackpropMomentum`, :class:`BackpropWeightDecay`, :class:`Rprop`,
:class:`Quickprop` and :class:`SCG`.  They train SNNS's masked sum-of-squares
error with one logistic output per class; ``loss_curve_`` then holds that
error per epoch (RSNNS's ``IterativeFitError``).  Their string names
(``"quickprop"``, ...) give the class defaults.  Their parameters are on the
object only: with an SNNS learner, the estimator's optimizer parameters
(``learning_rate_init``, ``alpha``, ``momentum``, ``batch_size``, ...) must keep
their defaults, and a changed one is an error that names the solver parameter
taking its role, never a silently ignored setting.

Solvers hold hyper-parameters only; the optimizer state of a fit (moments,
Quickprop's previous steps, SCG's direction) lives in the estimator's
training engine, so one solver object can serve many estimators.
"""

from numbers import Integral, Real

from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval, StrOptions

__all__ = [
    "Solver", "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "LBFGS",
    "StdBackprop", "BackpropBatch", "BackpropChunk", "BackpropMomentum", "BackpropWeightDecay",
    "Rprop", "Quickprop", "SCG", "SOLVER_NAMES", "RSNNS_LEARN_FUNCS", "resolve_solver",
    "solver_family",
]

_LR = Interval(Real, 0, None, closed="neither")
# the estimator's learning-rate schedules that apply to every solver
_EPOCH_SCHEDULES = ("cosine", "onecycle", "plateau")
_UNIT = Interval(Real, 0, 1, closed="left")
_NONNEG = Interval(Real, 0, None, closed="left")
_POS = Interval(Real, 0, None, closed="neither")


class Solver(BaseEstimator):
    """Base class of the solver objects (hyper-parameters only).

    Attributes of every subclass: ``name`` (the string accepted by
    ``solver=``) and ``family``: ``"gradient"`` (minibatch rules compiled in
    the epoch kernel), ``"lbfgs"`` (scipy's L-BFGS-B over the compiled
    full-batch loss) or ``"snns"`` (SNNS's learning functions).
    """

    name = None
    family = None
    #: estimator parameters whose role this solver's parameters take:
    #: estimator parameter -> solver parameter (None: no counterpart)
    _replaces = {}

    def _validate(self):
        self._validate_params()
        return self


# ---------------------------------------------------------------------------
# scikit-learn's solvers and the extra gradient rules
# ---------------------------------------------------------------------------
_GRADIENT_REPLACES = {
    "learning_rate_init": "learning_rate_init", "learning_rate": None, "power_t": None,
    "momentum": None, "nesterovs_momentum": None, "beta_1": None, "beta_2": None,
    "epsilon": None, "rho": None, "max_fun": None,
}


def _gradient_replaces(**own):
    table = dict(_GRADIENT_REPLACES)
    table.update(own)
    return table


class SGD(Solver):
    """Stochastic gradient descent with (Nesterov) momentum, as scikit-learn's.

    Parameters
    ----------
    learning_rate_init : float, default=0.001
    learning_rate : {'constant', 'invscaling', 'adaptive'}, default='constant'
        The schedule (scikit-learn's meaning).
    power_t : float, default=0.5
        Exponent of 'invscaling'.
    momentum : float, default=0.9
    nesterovs_momentum : bool, default=True
    """

    name = "sgd"
    family = "gradient"
    _replaces = _gradient_replaces(learning_rate="learning_rate", power_t="power_t",
                                   momentum="momentum",
                                   nesterovs_momentum="nesterovs_momentum")
    _parameter_constraints = {
        "learning_rate_init": [_LR],
        "learning_rate": [StrOptions({"constant", "invscaling", "adaptive"})],
        "power_t": [_NONNEG],
        "momentum": [Interval(Real, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
    }

    def __init__(self, learning_rate_init=0.001, learning_rate="constant", power_t=0.5,
                 momentum=0.9, nesterovs_momentum=True):
        self.learning_rate_init = learning_rate_init
        self.learning_rate = learning_rate
        self.power_t = power_t
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum


class _AdamLike(Solver):
    family = "gradient"
    _replaces = _gradient_replaces(beta_1="beta_1", beta_2="beta_2", epsilon="epsilon")
    _parameter_constraints = {
        "learning_rate_init": [_LR], "beta_1": [_UNIT], "beta_2": [_UNIT], "epsilon": [_POS],
    }

    def __init__(self, learning_rate_init=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        self.learning_rate_init = learning_rate_init
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon


class Adam(_AdamLike):
    """Adam (Kingma & Ba), as scikit-learn's ``solver="adam"``.

    Parameters
    ----------
    learning_rate_init : float, default=0.001
    beta_1, beta_2 : float, default=0.9, 0.999
    epsilon : float, default=1e-8
    """

    name = "adam"


class Adamax(_AdamLike):
    """Adamax (Adam with the infinity norm). Parameters as :class:`Adam`."""

    name = "adamax"


class Nadam(_AdamLike):
    """Adam with Nesterov momentum. Parameters as :class:`Adam`."""

    name = "nadam"


class RMSprop(Solver):
    """RMSprop.

    Parameters
    ----------
    learning_rate_init : float, default=0.001
    rho : float, default=0.9
        Decay of the squared-gradient average.
    epsilon : float, default=1e-8
    """

    name = "rmsprop"
    family = "gradient"
    _replaces = _gradient_replaces(rho="rho", epsilon="epsilon")
    _parameter_constraints = {"learning_rate_init": [_LR], "rho": [_UNIT], "epsilon": [_POS]}

    def __init__(self, learning_rate_init=0.001, rho=0.9, epsilon=1e-8):
        self.learning_rate_init = learning_rate_init
        self.rho = rho
        self.epsilon = epsilon


class Adadelta(RMSprop):
    """Adadelta; ``learning_rate_init`` scales its step. Parameters as :class:`RMSprop`."""

    name = "adadelta"


class Adagrad(Solver):
    """Adagrad.

    Parameters
    ----------
    learning_rate_init : float, default=0.001
    epsilon : float, default=1e-8
    """

    name = "adagrad"
    family = "gradient"
    _replaces = _gradient_replaces(epsilon="epsilon")
    _parameter_constraints = {"learning_rate_init": [_LR], "epsilon": [_POS]}

    def __init__(self, learning_rate_init=0.001, epsilon=1e-8):
        self.learning_rate_init = learning_rate_init
        self.epsilon = epsilon


class LBFGS(Solver):
    """scipy's L-BFGS-B over the compiled full-batch loss and gradient.

    Parameters
    ----------
    max_fun : int, default=15000
        Maximum number of loss evaluations. ``max_iter`` and ``tol`` stay on
        the estimator, as in scikit-learn.
    """

    name = "lbfgs"
    family = "lbfgs"
    _replaces = _gradient_replaces(learning_rate_init=None, max_fun="max_fun")
    _parameter_constraints = {"max_fun": [Interval(Real, 1, None, closed="left")]}

    def __init__(self, max_fun=15000):
        self.max_fun = max_fun


# ---------------------------------------------------------------------------
# The SNNS learning functions
# ---------------------------------------------------------------------------
_SNNS_REPLACES = _gradient_replaces(learning_rate_init="learning_rate", alpha=None,
                                    batch_size=None)
_DMAX = {"dmax": [_NONNEG]}


class _SNNSSolver(Solver):
    family = "snns"
    #: the SNNS kernel's learner code (see skneural._kernels.snns)
    code = None
    rsnns_name = None
    _replaces = _SNNS_REPLACES


class StdBackprop(_SNNSSolver):
    """SNNS's ``Std_Backpropagation``: online, an update after every pattern.

    Parameters
    ----------
    learning_rate : float, default=0.2
        eta.
    dmax : float, default=0.0
        Outputs within ``dmax`` of their target contribute no error and no
        gradient.
    """

    name = "std_backprop"
    rsnns_name = "Std_Backpropagation"
    code = 0
    _parameter_constraints = {"learning_rate": [_LR], **_DMAX}

    def __init__(self, learning_rate=0.2, dmax=0.0):
        self.learning_rate = learning_rate
        self.dmax = dmax


class BackpropBatch(StdBackprop):
    """SNNS's ``BackpropBatch``: one update per epoch with the mean gradient
    (eta divided by the number of patterns, or by the sample-weight sum).
    Parameters as :class:`StdBackprop`."""

    name = "backprop_batch"
    rsnns_name = "BackpropBatch"
    code = 1


class BackpropChunk(_SNNSSolver):
    """SNNS's ``BackpropChunk``: an update after every ``chunk_size`` patterns.

    Parameters
    ----------
    learning_rate : float, default=0.2
    dmax : float, default=0.0
    chunk_size : int, default=0
        Patterns per update; 0 means an update after every pattern (RSNNS's
        measured behaviour, and what its default parameters pad to).
    """

    name = "backprop_chunk"
    rsnns_name = "BackpropChunk"
    code = 2
    _parameter_constraints = {"learning_rate": [_LR], **_DMAX,
                              "chunk_size": [Interval(Integral, 0, None, closed="left")]}

    def __init__(self, learning_rate=0.2, dmax=0.0, chunk_size=0):
        self.learning_rate = learning_rate
        self.dmax = dmax
        self.chunk_size = chunk_size


class BackpropMomentum(_SNNSSolver):
    """SNNS's ``BackpropMomentum``: online backpropagation with momentum and a
    flat-spot constant.

    Parameters
    ----------
    learning_rate : float, default=0.2
    momentum : float, default=0.5
    flat_spot : float, default=0.0
        Added to every unit's activation derivative.
    dmax : float, default=0.0
    """

    name = "backprop_momentum"
    rsnns_name = "BackpropMomentum"
    code = 3
    _parameter_constraints = {"learning_rate": [_LR], "momentum": [Interval(Real, 0, 1,
                                                                            closed="both")],
                              "flat_spot": [_NONNEG], **_DMAX}

    def __init__(self, learning_rate=0.2, momentum=0.5, flat_spot=0.0, dmax=0.0):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.flat_spot = flat_spot
        self.dmax = dmax


class BackpropWeightDecay(_SNNSSolver):
    """SNNS's ``BackpropWeightDecay``: online backpropagation with weight decay;
    links whose weight falls under ``min_weight`` are removed.

    Parameters
    ----------
    learning_rate : float, default=0.2
    decay : float, default=0.001
    min_weight : float, default=0.0
        0 removes nothing.
    dmax : float, default=0.0
    """

    name = "backprop_weight_decay"
    rsnns_name = "BackpropWeightDecay"
    code = 4
    _parameter_constraints = {"learning_rate": [_LR], "decay": [_NONNEG],
                              "min_weight": [_NONNEG], **_DMAX}

    def __init__(self, learning_rate=0.2, decay=0.001, min_weight=0.0, dmax=0.0):
        self.learning_rate = learning_rate
        self.decay = decay
        self.min_weight = min_weight
        self.dmax = dmax


class Rprop(_SNNSSolver):
    """SNNS's ``Rprop`` (batch; no dmax, no flat spot).

    Parameters
    ----------
    learning_rate : float, default=0.1
        The initial step size of every weight (clipped to ``max_step``).
    max_step : float, default=50.0
    decay : float, default=0.0
        Weight decay added to every slope (RSNNS passes its exponent a:
        decay = 10**-a).
    """

    name = "rprop"
    rsnns_name = "Rprop"
    code = 5
    _parameter_constraints = {"learning_rate": [_LR], "max_step": [_POS], "decay": [_NONNEG]}

    def __init__(self, learning_rate=0.1, max_step=50.0, decay=0.0):
        self.learning_rate = learning_rate
        self.max_step = max_step
        self.decay = decay


class Quickprop(_SNNSSolver):
    """SNNS's ``Quickprop`` (batch, summed gradient, flat spot 0.1).

    Parameters
    ----------
    learning_rate : float, default=0.1
        eta.
    mu : float, default=2.0
        Maximum growth factor.
    decay : float, default=1e-4
        nu, the weight decay.
    dmax : float, default=0.1

    Notes
    -----
    The defaults are the SNNS manual's (RSNNS's iris script uses them).  SNNS
    sums the gradient over all patterns, so the step grows with the data:
    with thousands of rows or wide layers scale ``learning_rate`` down (the
    divergence guard stops a run that explodes and keeps the last good
    weights).
    """

    name = "quickprop"
    rsnns_name = "Quickprop"
    # SNNS sums the gradient over the patterns: these defaults suit RSNNS's
    # small networks (iris, 4-5-3); with thousands of rows or wide layers,
    # scale learning_rate down (e.g. 0.001 for 200 rows x 100 hidden units)
    code = 6
    _parameter_constraints = {"learning_rate": [_LR], "mu": [_NONNEG], "decay": [_NONNEG],
                              **_DMAX}

    def __init__(self, learning_rate=0.1, mu=2.0, decay=1e-4, dmax=0.1):
        self.learning_rate = learning_rate
        self.mu = mu
        self.decay = decay
        self.dmax = dmax


class SCG(_SNNSSolver):
    """SNNS's ``SCG``: Moller's scaled conjugate gradient, one iteration per epoch.

    Parameters
    ----------
    sigma1 : float, default=1e-4
    lambda1 : float, default=1e-6
    dmax : float, default=0.0
    tol : float, default=1e-8
        Stop when the gradient norm falls under ``tol``.
    """

    name = "scg"
    rsnns_name = "SCG"
    code = 7
    _replaces = _gradient_replaces(learning_rate_init=None, alpha=None, batch_size=None)
    _parameter_constraints = {"sigma1": [_POS], "lambda1": [_POS], **_DMAX, "tol": [_NONNEG]}

    def __init__(self, sigma1=1e-4, lambda1=1e-6, dmax=0.0, tol=1e-8):
        self.sigma1 = sigma1
        self.lambda1 = lambda1
        self.dmax = dmax
        self.tol = tol


_ALL = (SGD, Adam, RMSprop, Adagrad, Adadelta, Adamax, Nadam, LBFGS, StdBackprop, BackpropBatch,
        BackpropChunk, BackpropMomentum, BackpropWeightDecay, Rprop, Quickprop, SCG)
#: solver string -> class
SOLVER_NAMES = {cls.name: cls for cls in _ALL}
#: RSNNS learnFunc name -> SNNS solver class
RSNNS_LEARN_FUNCS = {cls.rsnns_name: cls for cls in _ALL if cls.family == "snns"}
# the solvers whose string form takes its hyper-parameters from the estimator's
# own (scikit-learn's) parameters
_FROM_ESTIMATOR = {cls.name for cls in _ALL if cls.family in ("gradient", "lbfgs")}


def resolve_solver(est):
    """The solver object an estimator trains with, validated.

    A scikit-learn string builds the object from the estimator's parameters
    (scikit-learn's behaviour); an SNNS string gives the class defaults; an
    object is used as given.  Estimator parameters whose role the object's
    parameters take must keep their defaults.
    """
    solver = est.solver
    if isinstance(solver, str):
        cls = SOLVER_NAMES.get(solver)
        if cls is None:
            raise ValueError("Unknown solver %r; valid names are %s, or a skneural.solvers "
                             "object." % (solver, ", ".join(sorted(SOLVER_NAMES))))
        if solver in _FROM_ESTIMATOR:
            kw = {p: getattr(est, p) for p in cls._get_param_names()}
            if kw.get("learning_rate") in _EPOCH_SCHEDULES:
                kw["learning_rate"] = "constant"  # the estimator's schedule applies to all
            return cls(**kw)._validate()
        obj = cls()
    elif isinstance(solver, Solver):
        obj = solver
    else:
        raise TypeError("solver must be a string or a skneural.solvers object, got %r."
                        % (solver,))
    _check_replaced(est, obj)
    return obj._validate()


def _check_replaced(est, obj):
    """Estimator optimizer parameters changed while ``obj`` owns their role: an error."""
    defaults = type(est)().get_params(deep=False)
    for param, counterpart in obj._replaces.items():
        if param not in defaults or param not in est.__dict__:
            continue
        value, default = getattr(est, param), defaults[param]
        if _same(value, default):
            continue
        if param == "learning_rate" and value in _EPOCH_SCHEDULES:
            if obj.name == "sgd" and obj.learning_rate != "constant":
                raise ValueError("learning_rate=%r and solver=SGD(learning_rate=%r) both set "
                                 "a schedule; keep one." % (value, obj.learning_rate))
            continue  # these schedules apply to every solver
        where = ("set it on the solver instead: solver=%s(%s=%r)"
                 % (type(obj).__name__, counterpart, value)) if counterpart else \
            "solver %r has no such setting" % obj.name
        raise ValueError(
            "%s=%r does not apply when solver=%r: %s (or leave %s at its default %r)."
            % (param, value, obj if not isinstance(est.solver, str) else est.solver, where,
               param, default))


def _same(a, b):
    if a is b:
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return False  # True == 1, but a flag is not a number
    if isinstance(a, str) or isinstance(b, str):
        return a == b  # equal strings (a clone or an unpickled copy is another object)
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # array-likes
        return False


def solver_family(solver):
    """``"gradient"``, ``"lbfgs"`` or ``"snns"`` for a solver string or object
    (None for an unknown string)."""
    if isinstance(solver, Solver):
        return solver.family
    cls = SOLVER_NAMES.get(solver) if isinstance(solver, str) else None
    return None if cls is None else cls.family
