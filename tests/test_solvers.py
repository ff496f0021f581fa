"""Solver objects (skneural.solvers): parameters, strings, conflicts, state, and
fit(coef_init=...)."""

import pickle
import warnings

import numpy as np
import pytest
from _snns_helpers import snns_runner
from sklearn.base import clone
from sklearn.datasets import load_iris
from sklearn.neural_network import MLPClassifier as SkMLPClassifier
from sklearn.preprocessing import StandardScaler

from skneural import MLPClassifier, MLPRegressor, solvers
from skneural._engine import OptimizerState
from skneural._network import layout
from skneural.solvers import (
    SCG,
    SGD,
    Adam,
    BackpropChunk,
    BackpropMomentum,
    BackpropWeightDecay,
    Quickprop,
    Rprop,
    StdBackprop,
)

X, y = load_iris(return_X_y=True)
X = StandardScaler().fit_transform(X)


def _fit(solver, est_cls=MLPClassifier, max_iter=8, **kw):
    est = est_cls((5,), solver=solver, max_iter=max_iter, random_state=0,
                  n_iter_no_change=np.inf, shuffle=False, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return est.fit(X, y)


# ---------------------------------------------------------------------------
# parameters
# ---------------------------------------------------------------------------
def test_solver_parameters_are_nested_estimator_parameters():
    est = MLPClassifier(solver=Quickprop(mu=1.5))
    params = est.get_params()
    assert params["solver__mu"] == 1.5 and params["solver__dmax"] == 0.1
    est.set_params(solver__mu=1.9, solver__learning_rate=0.05)
    assert est.solver.mu == 1.9 and est.solver.learning_rate == 0.05
    copy = clone(est)
    assert copy.solver is not est.solver
    assert copy.solver.get_params() == est.solver.get_params()
    assert pickle.loads(pickle.dumps(est)).solver.get_params() == est.solver.get_params()


def test_the_mlp_constructors_carry_no_snns_only_parameters():
    ours = set(MLPClassifier().get_params(deep=False))
    sklearn_own = set(SkMLPClassifier().get_params(deep=False))
    extra = ours - sklearn_own
    assert extra == {"dropout", "class_weight", "rho", "monitor", "restore_best_weights",
                     "device", "init_range", "init", "init_output_bias", "warmup_epochs",
                     "clip_norm"}
    for snns_only in ("dmax", "flat_spot", "max_growth", "max_step", "min_weight",
                      "scg_sigma", "scg_lambda"):
        assert snns_only not in ours


@pytest.mark.parametrize("name", sorted(solvers.SOLVER_NAMES))
def test_every_string_names_a_solver_class(name):
    cls = solvers.SOLVER_NAMES[name]
    assert cls.name == name and issubclass(cls, solvers.Solver)
    assert cls.family in ("gradient", "lbfgs", "snns")


@pytest.mark.parametrize("name", ["quickprop", "rprop", "scg", "std_backprop",
                                  "backprop_momentum", "backprop_weight_decay"])
def test_snns_string_is_the_class_with_its_defaults(name):
    a = _fit(name)
    b = _fit(solvers.SOLVER_NAMES[name]())
    assert np.array_equal(a._params, b._params) and a.loss_curve_ == b.loss_curve_


@pytest.mark.parametrize("string_kw,obj", [
    (dict(solver="adam", learning_rate_init=0.01, beta_1=0.8, epsilon=1e-6),
     Adam(learning_rate_init=0.01, beta_1=0.8, epsilon=1e-6)),
    (dict(solver="sgd", learning_rate_init=0.05, momentum=0.5, nesterovs_momentum=False,
          learning_rate="invscaling"),
     SGD(learning_rate_init=0.05, momentum=0.5, nesterovs_momentum=False,
         learning_rate="invscaling")),
])
def test_sklearn_string_with_estimator_parameters_equals_the_object(string_kw, obj):
    solver = string_kw.pop("solver")
    a = _fit(solver, **string_kw)
    b = _fit(obj)
    assert np.array_equal(a._params, b._params)
    assert [h["learning_rate"] for h in a.history_] == [h["learning_rate"] for h in b.history_]


@pytest.mark.parametrize("solver,param,value", [
    (Quickprop(), "mu", 1.5), (Quickprop(), "learning_rate", 0.05),
    (Quickprop(), "decay", 0.01), (Quickprop(), "dmax", 0.0),
    (Rprop(), "learning_rate", 0.01), (Rprop(), "max_step", 0.05), (Rprop(), "decay", 0.01),
    (SCG(), "sigma1", 1e-2), (SCG(), "lambda1", 1e-2), (SCG(), "dmax", 0.2),
    (StdBackprop(), "learning_rate", 0.1), (StdBackprop(), "dmax", 0.2),
    (BackpropChunk(), "chunk_size", 10),
    (BackpropMomentum(), "momentum", 0.1), (BackpropMomentum(), "flat_spot", 0.1),
    (BackpropWeightDecay(), "decay", 0.01), (BackpropWeightDecay(), "min_weight", 0.3),
    (Adam(), "beta_2", 0.9), (SGD(), "momentum", 0.0),
])
def test_every_solver_parameter_changes_the_model(solver, param, value):
    a = _fit(clone(solver))
    b = _fit(clone(solver).set_params(**{param: value}))
    assert not np.array_equal(a._params, b._params), "%s had no effect" % param


@pytest.mark.parametrize("kw,fragment", [
    (dict(solver=Quickprop(), learning_rate_init=0.01), "solver=Quickprop(learning_rate=0.01)"),
    (dict(solver="quickprop", alpha=0.01), "alpha=0.01 does not apply"),
    (dict(solver="rprop", batch_size=10), "batch_size=10 does not apply"),
    (dict(solver="scg", momentum=0.5), "momentum=0.5 does not apply"),
    (dict(solver=Adam(), momentum=0.5), "solver 'adam' has no such setting"),
    (dict(solver=Adam(), learning_rate_init=0.01), "solver=Adam(learning_rate_init=0.01)"),
    (dict(solver=SGD(), learning_rate="adaptive"), "solver=SGD(learning_rate='adaptive')"),
])
def test_estimator_parameters_a_solver_object_owns_are_errors(kw, fragment):
    with pytest.raises(ValueError) as info:
        MLPClassifier((3,), max_iter=2, **kw).fit(X, y)
    assert fragment in str(info.value)


def test_sklearn_strings_keep_sklearns_tolerance_of_unused_parameters():
    # scikit-learn ignores momentum with adam; so does the string form here
    a = _fit("adam", momentum=0.1)
    b = _fit("adam")
    assert np.array_equal(a._params, b._params)


@pytest.mark.parametrize("solver,match", [
    (Quickprop(mu=-1.0), "'mu' parameter of Quickprop"),
    (Rprop(max_step=0.0), "'max_step' parameter of Rprop"),
    (BackpropChunk(chunk_size=2.5), "'chunk_size' parameter of BackpropChunk"),
    ("quickprops", "'solver' parameter of MLPClassifier"),
    (object(), "'solver' parameter of MLPClassifier"),
])
def test_invalid_solvers_are_clear_errors(solver, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier((3,), solver=solver, max_iter=2).fit(X, y)


# ---------------------------------------------------------------------------
# state lives in the engine's OptimizerState, not in the estimator or solver
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("solver", [Quickprop(), Rprop(), SCG(), Adam(), BackpropMomentum()])
def test_partial_fit_continues_the_optimizer_state(solver):
    one = MLPRegressor(hidden_layer_sizes=(4,), solver=clone(solver), max_iter=3, shuffle=False, random_state=0,
                       n_iter_no_change=np.inf)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one.fit(X, y.astype(float))
        two = MLPRegressor(hidden_layer_sizes=(4,), solver=clone(solver), shuffle=False, random_state=0)
        for _ in range(3):
            two.partial_fit(X, y.astype(float))
    np.testing.assert_array_equal(one._params, two._params)
    assert isinstance(two._optimizer, OptimizerState)
    for private in ("_snns_state", "_scg", "_opt_state", "_snns_weight_mask"):
        assert not hasattr(two, private)


def test_one_solver_object_serves_two_estimators():
    shared = Quickprop(mu=1.75)
    a = MLPClassifier((5,), solver=shared, max_iter=5, random_state=0, shuffle=False)
    b = MLPClassifier((5,), solver=shared, max_iter=5, random_state=1, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a.fit(X, y)
        b.fit(X, y)
        a2 = _fit(Quickprop(mu=1.75), max_iter=5)
    assert np.array_equal(a._params, a2._params)  # b's fit left nothing behind


# ---------------------------------------------------------------------------
# fit(coef_init=..., intercept_init=...)
# ---------------------------------------------------------------------------
def _flat(coefs, intercepts):
    return np.concatenate([np.r_[c.ravel(), b] for c, b in zip(coefs, intercepts)])


def test_coef_init_is_where_training_starts():
    rng = np.random.RandomState(3)
    coefs = [rng.uniform(-0.3, 0.3, (4, 5)), rng.uniform(-0.3, 0.3, (5, 3))]
    ints = [rng.uniform(-0.3, 0.3, 5), rng.uniform(-0.3, 0.3, 3)]
    T = np.eye(3)[y]
    est = MLPClassifier((5,), activation="logistic", solver=StdBackprop(learning_rate=0.2),
                        max_iter=2, shuffle=False, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y, coef_init=coefs, intercept_init=ints)
    # the same two epochs run by the engine directly from those weights
    p, run = snns_runner(StdBackprop(learning_rate=0.2), _flat(coefs, ints), [4, 5, 3], X, T)
    errs = [run() for _ in range(2)]
    np.testing.assert_array_equal(est._params, p)
    assert est.loss_curve_ == errs


def test_coef_init_may_give_only_the_first_layers():
    rng = np.random.RandomState(4)
    W = rng.normal(size=(4, 6))
    b = rng.normal(size=6)
    est = MLPClassifier((6, 3), max_iter=1, solver="sgd", learning_rate_init=1e-12,
                        random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y, coef_init=[W], intercept_init=[b])
        ref = MLPClassifier((6, 3), max_iter=1, solver="sgd", learning_rate_init=1e-12,
                            random_state=0).fit(X, y)
    # a step of 1e-12 leaves the weights within 1e-9 of where they started
    np.testing.assert_allclose(est.coefs_[0], W, atol=1e-9)
    np.testing.assert_allclose(est.coefs_[1], ref.coefs_[1], atol=1e-9)


@pytest.mark.parametrize("kw,match", [
    (dict(coef_init=[np.zeros((4, 5))]), "must be given together"),
    (dict(coef_init=[np.zeros((4, 6))], intercept_init=[np.zeros(6)]), r"shape \(4, 5\)"),
    (dict(coef_init=[np.zeros((4, 5))] * 3, intercept_init=[np.zeros(5)] * 3), "has 2"),
    (dict(coef_init=[np.full((4, 5), np.nan)], intercept_init=[np.zeros(5)]), "NaN"),
])
def test_coef_init_errors(kw, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier((5,), max_iter=1).fit(X, y, **kw)


def test_weights_layout_in_the_flat_vector():
    w_off, b_off, n = layout([4, 5, 3])
    assert list(w_off) == [0, 25] and list(b_off) == [20, 40] and n == 43


@pytest.mark.parametrize("solver", [Quickprop(learning_rate=0.001, mu=1.75, dmax=0.0),
                                    "rprop", "scg"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_snns_regressors_train_on_the_checks_data(solver, dtype):
    """sklearn's check_regressors_train without its alpha=0.01 (see
    tests/test_sklearn_checks.py): the same data, the same bar (R^2 > 0.5)."""
    from sklearn.preprocessing import scale
    from sklearn.utils._testing import set_random_state
    from sklearn.utils.estimator_checks import _regression_dataset

    Xr, yr = _regression_dataset()
    Xr, yr = Xr.astype(dtype), scale(yr)
    reg = MLPRegressor(solver=clone(solver) if not isinstance(solver, str) else solver)
    set_random_state(reg)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg.fit(Xr, yr)
        reg.fit(Xr.tolist(), yr.tolist())
    assert reg.predict(Xr).shape == yr.shape
    assert reg.score(Xr, yr) > 0.5
    with pytest.raises(ValueError, match="alpha=0.01 does not apply"):
        reg.set_params(alpha=0.01).fit(Xr, yr)


def test_equal_defaults_that_are_other_objects_are_still_defaults():
    """After pickling (dask, Ray, joblib) a default string parameter is an
    equal string but another object: it must still count as the default."""
    est = MLPClassifier((3,), solver=Rprop(), max_iter=2,
                        learning_rate="".join(["con", "stant"]))
    assert est.learning_rate == "constant" and est.learning_rate is not "constant"  # noqa: F632
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pickle.loads(pickle.dumps(est)).fit(X, y)
        est.fit(X, y)
    with pytest.raises(ValueError, match="nesterovs_momentum=False does not apply"):
        MLPClassifier((3,), solver=Rprop(), nesterovs_momentum=False).fit(X, y)
