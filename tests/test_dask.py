"""Distributed use on dask: search, streaming and prediction give the local results.

A LocalCluster with two worker processes (one thread each) is started once for
the module.  Worker processes must import this checkout's skneural, not an
installed copy: PYTHONPATH is set to its parent folder before the workers
start (spawned workers also receive the parent's sys.path; PYTHONPATH covers
workers started any other way), and the first test checks it.

Equality is exact: a fit is a deterministic function of its data, parameters
and random_state on one machine (the kernels draw their random numbers from
the seed, and the tiny layers here stay below the size where GEMMs go to a
multithreaded BLAS), so a worker process must reproduce the local numbers
bit for bit.
"""

import os
import warnings

import numpy as np
import pytest

pytest.importorskip("dask", reason="the dask tests need dask (pip install 'skneural[dask]')")
pytest.importorskip("distributed",
                    reason="the dask tests need distributed (pip install 'skneural[dask]')")

import joblib  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import skneural  # noqa: E402
from skneural import MLPClassifier, MLPRegressor  # noqa: E402
from skneural.solvers import Rprop  # noqa: E402

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(skneural.__file__)))


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = CHECKOUT + (os.pathsep + old if old else "")
    try:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=40)
        with cluster, Client(cluster) as c:
            yield c
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def _quiet():
    warnings.simplefilter("ignore", ConvergenceWarning)


def test_workers_import_this_checkout(client):
    files = client.run(lambda: __import__("skneural").__file__)
    assert len(files) == 2
    assert set(files.values()) == {skneural.__file__}


def _same_cv_results(local, remote):
    assert [str(p) for p in local["params"]] == [str(p) for p in remote["params"]]
    scores = [k for k in local if k.startswith(("split", "mean_test", "std_test", "rank_test"))]
    assert len(scores) >= 5
    for key in scores:
        np.testing.assert_array_equal(local[key], remote[key], err_msg=key)


def _search_both_ways(search, X, y):
    _quiet()
    local = search.set_params(n_jobs=1).fit(X, y).cv_results_
    with joblib.parallel_backend("dask"):
        remote = search.set_params(n_jobs=-1).fit(X, y).cv_results_
    return local, remote


def test_grid_search_on_dask_equals_local(client, iris):
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


def test_randomized_search_on_dask_equals_local(client, iris):
    X, y = iris
    search = RandomizedSearchCV(
        MLPRegressor(max_iter=15, random_state=0),
        {"hidden_layer_sizes": [(4,), (6,), (8,)], "learning_rate_init": [1e-3, 1e-2, 3e-2],
         "activation": ["relu", "tanh", "softplus"]},
        n_iter=5, cv=3, random_state=0)
    local, remote = _search_both_ways(search, X, y.astype(float))
    _same_cv_results(local, remote)


def test_incremental_equals_local_partial_fit_loop(client, iris):
    pytest.importorskip("dask_ml", reason="Incremental needs dask-ml (pip install 'skneural[dask]')")
    import dask.array as da
    from dask_ml.wrappers import Incremental

    X, y = iris
    rng = np.random.RandomState(0)
    order = rng.permutation(len(y))  # mixed classes in every block
    X, y = X[order], y[order]
    chunk = 30
    dX = da.from_array(X, chunks=(chunk, X.shape[1]))
    dy = da.from_array(y, chunks=chunk)
    classes = np.unique(y)
    inc = Incremental(MLPClassifier((8,), random_state=0), shuffle_blocks=False)
    inc.fit(dX, dy, classes=classes)

    local = MLPClassifier((8,), random_state=0)
    for start in range(0, len(y), chunk):
        local.partial_fit(X[start:start + chunk], y[start:start + chunk], classes=classes)
    assert local.n_iter_ == len(y) // chunk
    for remote_w, local_w in zip(inc.estimator_.coefs_ + inc.estimator_.intercepts_,
                                 local.coefs_ + local.intercepts_):
        np.testing.assert_array_equal(remote_w, local_w)


def test_parallel_post_fit_on_dask_array_and_dataframe(client, iris):
    pytest.importorskip("dask_ml", reason="ParallelPostFit needs dask-ml "
                                          "(pip install 'skneural[dask]')")
    import dask.array as da
    import dask.dataframe as dd
    import pandas as pd
    from dask_ml.wrappers import ParallelPostFit

    X, y = iris
    _quiet()
    est = MLPClassifier((8,), max_iter=30, random_state=0).fit(X, y)
    wrapped = ParallelPostFit(est)
    dX = da.from_array(X, chunks=(40, X.shape[1]))
    np.testing.assert_array_equal(wrapped.predict(dX).compute(), est.predict(X))
    np.testing.assert_array_equal(wrapped.predict_proba(dX).compute(), est.predict_proba(X))

    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    est_df = MLPClassifier((8,), max_iter=30, random_state=0).fit(frame, y)
    ddf = dd.from_pandas(frame, npartitions=3)
    pred = ParallelPostFit(est_df).predict(ddf).compute()
    np.testing.assert_array_equal(np.asarray(pred), est_df.predict(frame))
    # the same with dask's own primitive, no dask-ml
    blocks = dX.map_blocks(est.predict, drop_axis=1, dtype=y.dtype)
    np.testing.assert_array_equal(blocks.compute(), est.predict(X))
