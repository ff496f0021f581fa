"""Fresh dask workers: first-task latency and grid-search wall time, cold and warm.

Every measurement starts a new LocalCluster (worker processes, one thread
each), so the workers are fresh processes.  "cold" workers get an empty
NUMBA_CACHE_DIR and compile every kernel they call; "warm" workers share a
cache directory filled by an earlier run (what a shared file system or a
baked image gives); "+warmup" runs ``client.run(skneural.warmup, ...)``
before the task is submitted.

    python benchmarks/bench_dask.py [--repeats 3] [--workers 2]

Prints the median of the repeats for each setting, and the ratios.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import joblib  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402

import skneural  # noqa: E402
from skneural import MLPClassifier  # noqa: E402

GRID = {"hidden_layer_sizes": [(32,), (64,)], "alpha": [1e-4, 1e-2],
        "learning_rate_init": [1e-3, 1e-2]}


def _data():
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def _one_fit(X, y):
    import warnings

    from skneural import MLPClassifier

    warnings.simplefilter("ignore")
    return MLPClassifier((32,), max_iter=5, random_state=0).fit(X, y).score(X, y)


def _cluster(workers, cache_dir):
    from distributed import Client, LocalCluster

    os.environ["NUMBA_CACHE_DIR"] = cache_dir  # inherited by the worker processes
    os.environ["PYTHONPATH"] = os.path.dirname(HERE)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return cluster, Client(cluster)


def first_task(workers, cache_dir, warm_up):
    """Seconds from submit to result of one small fit on fresh workers."""
    X, y = _data()
    cluster, client = _cluster(workers, cache_dir)
    with cluster, client:
        client.wait_for_workers(workers)
        client.run(lambda: __import__("skneural"))  # import time is not compile time
        prep = 0.0
        if warm_up:
            t0 = time.perf_counter()
            client.run(skneural.warmup, MLPClassifier(solver="adam"), dtypes=["float64"])
            prep = time.perf_counter() - t0
        t0 = time.perf_counter()
        client.submit(_one_fit, X, y, pure=False).result()
        return time.perf_counter() - t0, prep


def grid_search(backend, workers, cache_dir=None, warm_up=False):
    X, y = _data()
    search = GridSearchCV(MLPClassifier(max_iter=30, random_state=0), GRID, cv=3)
    warnings.simplefilter("ignore")
    if backend in ("sequential", "loky"):
        t0 = time.perf_counter()
        search.set_params(n_jobs=1 if backend == "sequential" else workers).fit(X, y)
        return time.perf_counter() - t0
    cluster, client = _cluster(workers, cache_dir)
    with cluster, client:
        client.wait_for_workers(workers)
        client.run(lambda: __import__("skneural"))
        t0 = time.perf_counter()
        if warm_up:
            client.run(skneural.warmup, MLPClassifier(), dtypes=["float64"])
        with joblib.parallel_backend("dask"):
            search.set_params(n_jobs=-1).fit(X, y)
        return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    warm_cache = tempfile.mkdtemp(prefix="skneural-numba-warm-")
    rows = {}

    def record(name, seconds):
        rows.setdefault(name, []).append(seconds)

    n_fits = 3 * int(np.prod([len(v) for v in GRID.values()]))
    print("first-task latency (one MLPClassifier fit, 5 epochs) on %d fresh workers; "
          "grid search: %d fits on digits" % (args.workers, n_fits))
    first_task(args.workers, warm_cache, False)  # fills the shared warm cache
    for _ in range(args.repeats):
        cold, _ = first_task(args.workers, tempfile.mkdtemp(prefix="skneural-numba-"), False)
        record("first task, cold cache", cold)
        lat, prep = first_task(args.workers, tempfile.mkdtemp(prefix="skneural-numba-"), True)
        record("first task, cold cache, after warmup", lat)
        record("  warmup(adam) itself, cold cache", prep)
        lat, prep = first_task(args.workers, warm_cache, False)
        record("first task, warm cache", lat)
        lat, prep = first_task(args.workers, warm_cache, True)
        record("first task, warm cache, after warmup", lat)
        record("  warmup(adam) itself, warm cache", prep)
        record("grid search n_jobs=1", grid_search("sequential", args.workers))
        record("grid search loky n_jobs=%d" % args.workers, grid_search("loky", args.workers))
        record("grid search dask, cold workers",
               grid_search("dask", args.workers, tempfile.mkdtemp(prefix="skneural-numba-")))
        record("grid search dask, warm cache + warmup (incl.)",
               grid_search("dask", args.workers, warm_cache, warm_up=True))
    medians = {name: statistics.median(v) for name, v in rows.items()}
    for name, value in medians.items():
        print("%-48s median %7.2f s  (%s)" % (name, value,
                                              ", ".join("%.2f" % v for v in rows[name])))
    print("ratio cold/warm-cache first task: %.1fx"
          % (medians["first task, cold cache"] / medians["first task, warm cache"]))
    print("ratio dask cold/warm grid search: %.1fx"
          % (medians["grid search dask, cold workers"]
             / medians["grid search dask, warm cache + warmup (incl.)"]))


if __name__ == "__main__":
    main()
