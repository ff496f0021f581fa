"""Load or compile the kernels a configuration uses, before the real work starts."""

import time
import warnings

import numpy as np
from sklearn.base import clone

# the size-like parameters shrunk for the tiny warm-up fits (same code paths)
_TINY = {"max_iter": 2, "n_iter": 1, "rbm_n_iter": 1, "n_components": 3,
         "n_iter_no_change": 1, "verbose": 0}


def _default_estimators(solvers):
    from ._dbn import DBNClassifier, DBNRegressor
    from ._multilayer_perceptron import MLPClassifier, MLPRegressor
    from ._rbm import BernoulliRBM
    from .solvers import SOLVER_NAMES

    if solvers is None:
        solvers = list(SOLVER_NAMES)
    estimators = []
    for solver in solvers:
        estimators += [MLPClassifier(solver=solver), MLPRegressor(solver=solver),
                       DBNClassifier(solver=solver)]
    estimators += [DBNRegressor(), BernoulliRBM(), BernoulliRBM(visible_unit="gaussian"),
                   BernoulliRBM(persistent=True)]
    # RSNNS's other network families
    from ._art import ART1, ART2, ARTMAPClassifier
    from ._assoz import AssociativeMemory
    from ._lvq import DLVQClassifier
    from ._rbf import RBFNetworkClassifier, RBFNetworkRegressor
    from ._recurrent import ElmanRegressor, JordanRegressor
    from ._som import SelfOrganizingMap

    estimators += [SelfOrganizingMap(), DLVQClassifier(), ART1(), ART2(), ARTMAPClassifier(),
                   RBFNetworkRegressor(), RBFNetworkClassifier(), ElmanRegressor(),
                   JordanRegressor(), AssociativeMemory()]
    return estimators


# the estimators that take binary (0/1) input only
_BINARY_INPUT = ("ART1", "ARTMAPClassifier")


def _tiny(estimator, solver=None):
    est = clone(estimator)
    params = est.get_params(deep=False)
    small = {k: v for k, v in _TINY.items() if k in params}
    if "hidden_layer_sizes" in params:
        depth = len(np.atleast_1d(params["hidden_layer_sizes"]))
        small["hidden_layer_sizes"] = (3,) * depth
    if solver is not None and "solver" in params:
        small["solver"] = solver
    return est.set_params(**small)


def _exercise(est, X, y_class, y_reg):
    """fit, then every prediction method, as a user would call them."""
    from sklearn.base import is_classifier, is_regressor

    if type(est).__name__ in _BINARY_INPUT:
        X = (X > X.mean()).astype(X.dtype)
    if is_classifier(est):
        est.fit(X, y_class)
    elif is_regressor(est):
        est.fit(X, y_reg)
    else:
        est.fit(X)
    for method in ("predict", "predict_proba", "transform", "score_samples"):
        if hasattr(est, method):
            getattr(est, method)(X)


def warmup(*estimators, dtypes=("float32", "float64"), solvers=None, verbose=False):
    """Load (or compile, with an empty cache) the kernels that fits will use.

    Fits tiny problems through the estimators' own code paths, so that Numba
    loads every kernel those fits call from its on-disk cache, or compiles it
    and writes the cache.  Call it once per process before timed or
    latency-sensitive work; on a dask cluster, ``client.run(skneural.warmup)``
    prepares every worker (and ``client.register_worker_plugin`` or a worker
    preload can do the same for workers that join later).

    Parameters
    ----------
    *estimators : estimator instances
        The configurations to prepare: each is cloned and fitted with its own
        parameters, shrunk in size (``max_iter=2``, ``n_iter=1``, 3 hidden units
        per layer, ...).  None given: every estimator class with every solver
        (MLP classifier and regressor, DBNs, Bernoulli and Gaussian RBMs, and
        RSNNS's other families: SOM, DLVQ, ART1/2, ARTMAP, RBF, Elman, Jordan,
        associative memory).
    dtypes : sequence of dtypes, default=("float32", "float64")
        Input dtypes to prepare; the kernels are compiled per dtype.
    solvers : sequence of str, default=None
        With estimators: each estimator that has a ``solver`` is prepared with
        each of these instead of its own.  Without: the MLPs and DBNs prepared
        use these solvers only.
    verbose : bool, default=False
        Print one line per configuration with its time.

    Returns
    -------
    report : dict
        ``{"fits": number of warm-up fits, "seconds": total time,
        "slowest": (description, seconds)}``, small and picklable, so that
        ``client.run`` returns one per worker.

    Examples
    --------
    >>> import skneural
    >>> from skneural import MLPClassifier
    >>> report = skneural.warmup(MLPClassifier(solver="adam"), dtypes=["float64"])
    >>> report["fits"]
    1
    """
    if not estimators:
        estimators = _default_estimators(solvers)
        solvers = None
    rng = np.random.RandomState(0)
    X = rng.rand(60, 4)
    y_class = np.arange(60) % 3
    y_reg = X @ np.array([1.0, -1.0, 0.5, 0.0])
    fits, slowest = 0, ("", 0.0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for estimator in estimators:
            has_solver = "solver" in estimator.get_params(deep=False)
            for solver in (solvers if (solvers and has_solver) else [None]):
                est = _tiny(estimator, solver)
                for dtype in dtypes:
                    t0 = time.perf_counter()
                    _exercise(est, X.astype(dtype), y_class, y_reg.astype(dtype))
                    seconds = time.perf_counter() - t0
                    label = "%s(solver=%s) %s" % (type(est).__name__,
                                                  est.get_params().get("solver", "-"),
                                                  np.dtype(dtype).name)
                    if verbose:
                        print("warmup: %-45s %.2f s" % (label, seconds))
                    if seconds > slowest[1]:
                        slowest = (label, seconds)
                    fits += 1
    return {"fits": fits, "seconds": time.perf_counter() - start, "slowest": slowest}
