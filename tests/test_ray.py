"""Distributed use on Ray: searches under Ray's joblib backend, models through tasks.

One local Ray instance with two CPUs (no dashboard) is started once for the
module and shut down after it.  Ray's worker processes must import this
checkout's skneural, not an installed copy: PYTHONPATH is set to its parent
folder before ``ray.init`` (the raylet, and so every worker it starts,
inherits the driver's environment), and the first test checks it.

Equality is exact, as in tests/test_dask.py: a fit is a deterministic function
of its data, parameters and random_state on one machine (the kernels draw
their random numbers from the seed; the tiny layers here stay below the size
where GEMMs go to a multithreaded BLAS, so Ray's OMP_NUM_THREADS=1 in its
workers changes nothing), so a Ray worker must reproduce the local numbers
bit for bit.
"""

import os
import pickle
import warnings

import numpy as np
import pytest

ray = pytest.importorskip(
    "ray", reason="the Ray tests need ray (pip install 'skneural[ray]'); "
                  "the same searches on dask are in tests/test_dask.py")

import joblib  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import skneural  # noqa: E402
from skneural import MLPClassifier  # noqa: E402
from skneural.solvers import Rprop  # noqa: E402

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(skneural.__file__)))


@pytest.fixture(scope="module")
def ray_local():
    from ray.util.joblib import register_ray

    def warm_worker():
        # Ray's worker_process_setup_hook runs this in every worker process
        # before its first task (the recipe docs/scaling.rst gives for warm Ray
        # workers); the environment variable lets the test see that it ran.
        # Defined here, not at module level: cloudpickle sends a local function
        # by value, a module-level one by reference to a module ("test_ray")
        # that the workers cannot import.
        import os

        import skneural
        from skneural import MLPClassifier

        report = skneural.warmup(MLPClassifier(solver="adam"), dtypes=["float64"])
        os.environ["SKNEURAL_TEST_WARMUP_FITS"] = str(report["fits"])

    if ray.is_initialized():  # someone else's instance: not ours to configure or stop
        pytest.fail("a Ray instance is already running in this process")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = CHECKOUT + (os.pathsep + old if old else "")
    try:
        # log_to_driver=False: the workers' ConvergenceWarnings (max_iter is
        # small on purpose) would otherwise be echoed here; a task's exception
        # still reaches the driver as a RayTaskError.
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 configure_logging=False,
                 runtime_env={"worker_process_setup_hook": warm_worker})
        register_ray()
        yield ray
    finally:
        ray.shutdown()
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def test_workers_import_this_checkout(ray_local):
    @ray.remote(num_cpus=1)
    def where():
        import os

        import skneural

        return skneural.__file__, os.getpid(), os.environ.get("SKNEURAL_TEST_WARMUP_FITS")

    answers = ray.get([where.remote() for _ in range(4)])
    assert {f for f, _, _ in answers} == {skneural.__file__}
    assert os.getpid() not in {pid for _, pid, _ in answers}  # really other processes
    # the setup hook warmed each worker up: one warm-up fit (adam, float64)
    assert {fits for _, _, fits in answers} == {"1"}


def _same_cv_results(local, remote):
    assert [str(p) for p in local["params"]] == [str(p) for p in remote["params"]]
    scores = [k for k in local if k.startswith(("split", "mean_test", "std_test", "rank_test"))]
    assert len(scores) >= 5
    for key in scores:
        np.testing.assert_array_equal(local[key], remote[key], err_msg=key)


def _search_both_ways(search, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        local = search.set_params(n_jobs=1).fit(X, y).cv_results_
        with joblib.parallel_backend("ray"):
            # The backend must really be Ray's, not a silent fallback to loky.
            assert type(joblib.parallel.get_active_backend()[0]).__name__ == "RayBackend"
            remote = search.set_params(n_jobs=-1).fit(X, y).cv_results_
    return local, remote


def test_grid_search_on_ray_equals_local(ray_local, iris):
    X, y = iris
    search = GridSearchCV(
        MLPClassifier(max_iter=15, random_state=0),
        # scikit-learn's alpha for adam, the SNNS learner's own parameters for Rprop
        [{"hidden_layer_sizes": [(4,), (8,)], "alpha": [1e-4, 1e-1], "solver": ["adam"]},
         {"hidden_layer_sizes": [(4,), (8,)], "solver": [Rprop()],
          "solver__max_step": [1.0, 50.0]}],
        cv=3)
    local, remote = _search_both_ways(search, X, y)
    _same_cv_results(local, remote)
    # the scores really differ between settings, so equal tables are not trivially equal
    assert len(set(local["mean_test_score"])) > 1


def test_randomized_search_on_ray_equals_local(ray_local, iris):
    X, y = iris
    search = RandomizedSearchCV(
        MLPClassifier(max_iter=15, random_state=0),
        {"hidden_layer_sizes": [(4,), (6,), (8,)], "learning_rate_init": [1e-3, 1e-2, 3e-2],
         "activation": ["relu", "tanh", "softplus"]},
        n_iter=5, cv=3, random_state=0)
    local, remote = _search_both_ways(search, X, y)
    _same_cv_results(local, remote)
    assert len(set(local["mean_test_score"])) > 1


def test_pickled_model_round_trip_through_a_ray_task(ray_local, iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        local = MLPClassifier((8,), max_iter=30, random_state=0).fit(X, y)

    @ray.remote(num_cpus=1)
    def predict_and_refit(model, X, y):
        # the model arrives pickled (Ray serialises task arguments); it predicts
        # in the worker, and a fit there from the same parameters comes back too
        import warnings

        from sklearn.base import clone
        from sklearn.exceptions import ConvergenceWarning

        warnings.simplefilter("ignore", ConvergenceWarning)
        return (model.predict(X), model.predict_proba(X), model,
                pickle.dumps(clone(model).fit(X, y)))

    labels, proba, back, refit_bytes = ray.get(predict_and_refit.remote(local, X, y))
    np.testing.assert_array_equal(labels, local.predict(X))
    np.testing.assert_array_equal(proba, local.predict_proba(X))
    refit = pickle.loads(refit_bytes)
    for model in (back, refit):
        assert type(model) is MLPClassifier
        assert model.get_params() == local.get_params()
        assert model.n_iter_ == local.n_iter_
        np.testing.assert_array_equal(model.loss_curve_, local.loss_curve_)
        for got, want in zip(model.coefs_ + model.intercepts_, local.coefs_ + local.intercepts_):
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(model.predict_proba(X), local.predict_proba(X))
