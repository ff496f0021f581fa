"""Digits accuracy and fit time of the DBN (median of 3 fits), next to the reference figure.

Run: ``python benchmarks/bench_dbn.py [--repeats 3]``.  The reference is the
0.997 that the public deep-belief-network package reports on its digits test
split with two hidden layers of 256 (WORKFLOWS.md, workflow 6); its split is
not published with the figure, so it is shown for orientation only.  The
first fit of a process includes Numba compilation (or cache loading) and is
reported separately.
"""

import argparse
import statistics
import time
import warnings

from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split

from skneural._dbn import DBNClassifier

REFERENCE = 0.997

CONFIGS = {
    "DBN 256-256, pre-trained": dict(pretrain=True),
    "same net, no pre-training": dict(pretrain=False),
}
COMMON = dict(hidden_layer_sizes=(256, 256), rbm_learning_rate=0.1, rbm_n_iter=20,
              learning_rate_init=0.001, max_iter=100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    warnings.simplefilter("ignore", ConvergenceWarning)

    t0 = time.perf_counter()
    DBNClassifier((8,), rbm_n_iter=1, max_iter=1).fit(Xtr[:50], ytr[:50])
    print("first fit (compile / cache load): %.2f s" % (time.perf_counter() - t0))
    print("%-28s %9s %9s %11s %9s" % ("model", "accuracy", "fit [s]", "epochs", "ref"))
    for name, kw in CONFIGS.items():
        times, accs, epochs = [], [], []
        for seed in range(args.repeats):
            est = DBNClassifier(**COMMON, **kw, random_state=seed)
            t0 = time.perf_counter()
            est.fit(Xtr, ytr)
            times.append(time.perf_counter() - t0)
            accs.append(est.score(Xte, yte))
            epochs.append(est.n_iter_)
        print("%-28s %9.4f %9.2f %11s %9.3f" % (
            name, statistics.median(accs), statistics.median(times),
            "/".join(map(str, epochs)), REFERENCE))
    print("accuracy and fit time: medians over random_state 0..%d; 75/25 stratified split"
          % (args.repeats - 1))


if __name__ == "__main__":
    main()
