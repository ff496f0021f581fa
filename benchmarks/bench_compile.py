"""First-fit latency: an empty Numba cache against a warm one, per training path.

Each measurement is a fresh Python process with its own ``NUMBA_CACHE_DIR``:
"cold" starts from an empty folder (every kernel the fit uses is compiled and
written), "warm" runs the same fit again on the folder the cold run filled
(kernels loaded from disk).  The difference is what a new dask worker, CI job,
container or R session pays before its first result.  Reports medians over
``--repeat`` runs.

    python3 benchmarks/bench_compile.py [--repeat 3] [--paths adam lbfgs ...]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap

PATHS = {
    "adam": "MLPClassifier((16,), solver='adam', max_iter=2).fit(X, y)",
    "adam-float32": "MLPClassifier((16,), solver='adam', max_iter=2).fit(X.astype('float32'), y)",
    "sgd": "MLPClassifier((16,), solver='sgd', max_iter=2).fit(X, y)",
    "lbfgs": "MLPClassifier((16,), solver='lbfgs', max_iter=2).fit(X, y)",
    "quickprop": "MLPClassifier((16,), solver='quickprop', max_iter=2).fit(X, y)",
    "rbm": "BernoulliRBM(n_components=8, n_iter=1).fit((X > 0).astype(float))",
    "predict": "MLPClassifier((16,), solver='adam', max_iter=1).fit(X, y).predict(X[:1])",
}

_SCRIPT = textwrap.dedent("""
    import time, warnings, json
    t0 = time.perf_counter()
    import numpy as np
    from skneural import MLPClassifier, BernoulliRBM
    t_import = time.perf_counter() - t0
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200, 10)); y = (X[:, 0] > 0).astype(int)
    warnings.simplefilter("ignore")
    t1, c1 = time.perf_counter(), time.process_time()
    {stmt}
    print(json.dumps({{"import": t_import, "fit": time.perf_counter() - t1,
                      "fit_cpu": time.process_time() - c1}}))
""")


def _run(stmt, cache_dir):
    # one BLAS thread: compile time is what is measured, not BLAS contention
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir, OPENBLAS_NUM_THREADS="1",
               OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _SCRIPT.format(stmt=stmt)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paths", nargs="*", default=list(PATHS))
    args = parser.parse_args(argv)
    print("%-14s %10s %10s %12s %14s   (seconds, medians of %d; CPU: the fit's process time,"
          " less sensitive to a busy machine)"
          % ("path", "cold fit", "warm fit", "compile", "compile CPU", args.repeat))
    rows = {}
    for name in args.paths:
        cold, warm, cold_cpu, warm_cpu = [], [], [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as cache:
                a = _run(PATHS[name], cache)
                b = _run(PATHS[name], cache)
                cold.append(a["fit"])
                warm.append(b["fit"])
                cold_cpu.append(a["fit_cpu"])
                warm_cpu.append(b["fit_cpu"])
        c, w = statistics.median(cold), statistics.median(warm)
        cc = statistics.median(cold_cpu) - statistics.median(warm_cpu)
        rows[name] = {"cold": c, "warm": w, "compile": c - w, "compile_cpu": cc}
        print("%-14s %10.2f %10.2f %12.2f %14.2f" % (name, c, w, c - w, cc), flush=True)
    return rows


if __name__ == "__main__":
    main()
