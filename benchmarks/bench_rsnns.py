"""Quickprop speed: skneural vs RSNNS's measured figure (and RSNNS itself if R has it).

Workload (issue 7): 20000 x 20 inputs, 3 classes, one hidden layer of 32,
Quickprop, 50 epochs.  Real RSNNS 0.4-18 took a median 4.16 s on this machine
kind (shared/reference/RSNNS.md); when R with RSNNS is installed the script
measures it in the same run instead.
Run:  python benchmarks/bench_rsnns.py [--repeats 3]
"""

import argparse
import shutil
import statistics
import subprocess
import time

import numpy as np
from sklearn.datasets import make_classification

from skneural.rsnns import decodeClassLabels, mlp

RSNNS_MEASURED_S = 4.16


def rsnns_seconds():
    """Median time of RSNNS in R, or None when R/RSNNS are unavailable."""
    if shutil.which("Rscript") is None:
        return None
    code = ("suppressMessages(library(RSNNS)); set.seed(0);"
            "x <- matrix(rnorm(20000*20), ncol=20); y <- decodeClassLabels(sample(1:3, 20000, TRUE));"
            "t <- replicate(3, system.time(mlp(x, y, size=32, learnFunc='Quickprop',"
            "learnFuncParams=c(0.1, 2, 1e-4, 0.1), maxit=50))[['elapsed']]); cat(median(t))")
    res = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True)
    if res.returncode != 0:
        return None
    return float(res.stdout.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    X, y = make_classification(n_samples=20000, n_features=20, n_informative=10, n_classes=3,
                               random_state=0)
    T = decodeClassLabels(y).to_numpy()
    mlp(X[:100], T[:100], size=32, learnFunc="Quickprop", maxit=1)  # load kernels
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        mlp(X, T, size=32, learnFunc="Quickprop", learnFuncParams=(0.1, 2.0, 1e-4, 0.1),
            maxit=50, random_state=0)
        times.append(time.perf_counter() - t0)
    ours = statistics.median(times)
    measured = rsnns_seconds()
    ref, label = (measured, "RSNNS (this run)") if measured else (RSNNS_MEASURED_S,
                                                                  "RSNNS (RSNNS.md figure)")
    print("| workload | skneural | %s | speed-up |" % label)
    print("|---|---|---|---|")
    print("| Quickprop 20000x20 -> 32 -> 3, 50 epochs | %.3f s | %.2f s | %.1fx |"
          % (ours, ref, ref / ours))


if __name__ == "__main__":
    main()
