"""Fresh dask workers: first-task latency and grid-search wall time, cold and warm.

Every measurement starts a new LocalCluster (worker processes, one thread
each), so the workers are fresh processes.  "cold" workers get an empty
NUMBA_CACHE_DIR and compile every kernel they call; "warm" workers share a
cache directory filled by an earlier run (what a shared file system or a
baked image gives); "+warmup" runs ``client.run(skneural.warmup, ...)``
before the task is submitted.

With Ray installed, the same search also runs under Ray's joblib backend
(warm cache; the time includes starting the pool's worker processes, which
Ray does for every search).

dask's nanny, loky and Ray start their workers with one BLAS thread
(``OMP_NUM_THREADS=1``), while ``n_jobs=1`` runs in this process with
OpenBLAS's default thread count; "n_jobs=1, one BLAS thread" limits it with
threadpoolctl, which separates the gain of running fits side by side from that
of not oversubscribing the cores (large on a loaded machine).

    python benchmarks/bench_dask.py [--repeats 3] [--workers 2]

Prints the median of the repeats for each setting, and the ratios.
"""

import argparse
import os
import shutil
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
from threadpoolctl import threadpool_limits  # noqa: E402

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
    if backend == "sequential":
        t0 = time.perf_counter()
        search.set_params(n_jobs=1).fit(X, y)
        return time.perf_counter() - t0
    if backend == "sequential, one BLAS thread":
        with threadpool_limits(1):
            t0 = time.perf_counter()
            search.set_params(n_jobs=1).fit(X, y)
            return time.perf_counter() - t0
    if backend == "loky":
        # loky's workers inherit this variable when they start (the first
        # call); they are reused by later calls, as a user's would be
        os.environ["NUMBA_CACHE_DIR"] = cache_dir
        t0 = time.perf_counter()
        search.set_params(n_jobs=workers).fit(X, y)
        return time.perf_counter() - t0
    if backend == "ray":
        import ray
        from ray.util.joblib import register_ray

        os.environ["NUMBA_CACHE_DIR"] = cache_dir  # the raylet's workers inherit these
        os.environ["PYTHONPATH"] = os.path.dirname(HERE)
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        try:
            register_ray()
            t0 = time.perf_counter()  # includes starting the pool's actor processes
            with joblib.parallel_backend("ray"):
                search.set_params(n_jobs=-1).fit(X, y)
            return time.perf_counter() - t0
        finally:
            ray.shutdown()
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
    try:
        import ray  # noqa: F401
        with_ray = True
    except ImportError:
        with_ray = False
    scratch = tempfile.mkdtemp(prefix="skneural-bench-dask-")  # every cache, removed at the end
    warm_cache = tempfile.mkdtemp(prefix="numba-warm-", dir=scratch)

    def cold_cache():
        return tempfile.mkdtemp(prefix="numba-cold-", dir=scratch)

    rows = {}

    def record(name, seconds):
        rows.setdefault(name, []).append(seconds)

    n_fits = 3 * int(np.prod([len(v) for v in GRID.values()]))
    print("first-task latency (one MLPClassifier fit, 5 epochs) on %d fresh workers; "
          "grid search: %d fits on digits" % (args.workers, n_fits))
    print("load average at the start: %.1f %.1f %.1f (1, 5, 15 min) on %d cores"
          % (os.getloadavg() + (os.cpu_count(),)))
    first_task(args.workers, warm_cache, False)  # fills the shared warm cache
    for _ in range(args.repeats):
        cold, _ = first_task(args.workers, cold_cache(), False)
        record("first task, cold cache", cold)
        lat, prep = first_task(args.workers, cold_cache(), True)
        record("first task, cold cache, after warmup", lat)
        record("  warmup(adam) itself, cold cache", prep)
        lat, prep = first_task(args.workers, warm_cache, False)
        record("first task, warm cache", lat)
        lat, prep = first_task(args.workers, warm_cache, True)
        record("first task, warm cache, after warmup", lat)
        record("  warmup(adam) itself, warm cache", prep)
        record("grid search n_jobs=1", grid_search("sequential", args.workers))
        record("grid search n_jobs=1, one BLAS thread",
               grid_search("sequential, one BLAS thread", args.workers))
        record("grid search loky n_jobs=%d (warm cache)" % args.workers,
               grid_search("loky", args.workers, warm_cache))
        record("grid search dask, cold workers",
               grid_search("dask", args.workers, cold_cache()))
        record("grid search dask, warm cache + warmup (incl.)",
               grid_search("dask", args.workers, warm_cache, warm_up=True))
        if with_ray:
            record("grid search ray, warm cache (pool start incl.)",
                   grid_search("ray", args.workers, warm_cache))
    medians = {name: statistics.median(v) for name, v in rows.items()}
    for name, value in medians.items():
        print("%-48s median %7.2f s  (%s)" % (name, value,
                                              ", ".join("%.2f" % v for v in rows[name])))
    print("ratio cold/warm-cache first task: %.1fx"
          % (medians["first task, cold cache"] / medians["first task, warm cache"]))
    print("ratio dask cold/warm grid search: %.1fx"
          % (medians["grid search dask, cold workers"]
             / medians["grid search dask, warm cache + warmup (incl.)"]))
    print("load average at the end: %.1f %.1f %.1f" % os.getloadavg())
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
