"""MLP training speed: skneural vs scikit-learn vs PyTorch CPU, in one process.

W1: 60000x784 float32 (make_classification, 10 classes), 784-128-64-10, relu,
    adam, batch 128 -- seconds per epoch.
W2: 8000x11, 11-6-6-1 relu, adam, batch 10 -- milliseconds per epoch.

Each figure is the median of ``--repeats`` timed runs; the ratios are computed
from medians measured in this same run (the machine is shared and noisy).
Run:  python benchmarks/bench_mlp.py [--repeats 3] [--threads 1 2] [--quick]
"""

import argparse
import statistics
import time
import warnings

import numpy as np
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

warnings.simplefilter("ignore", ConvergenceWarning)


def make_w1(n):
    X, y = make_classification(n_samples=n, n_features=784, n_informative=60,
                               n_classes=10, random_state=0)
    return X.astype(np.float32), y


def make_w2(n=8000):
    X, y = make_classification(n_samples=n, n_features=11, n_informative=6, random_state=0)
    return X.astype(np.float64), y


def time_sklearn_like(cls, X, y, hidden, batch, epochs, **kw):
    """Seconds per epoch of an sklearn-API estimator (fit with max_iter=epochs)."""
    est = cls(hidden_layer_sizes=hidden, batch_size=batch, max_iter=epochs, tol=0.0,
              n_iter_no_change=10 ** 6, random_state=0, **kw)
    t0 = time.perf_counter()
    est.fit(X, y)
    return (time.perf_counter() - t0) / epochs


def time_torch(X, y, hidden, batch, epochs, binary):
    import torch

    torch.manual_seed(0)
    Xt = torch.from_numpy(np.ascontiguousarray(X, dtype=np.float32))
    layers, prev = [], X.shape[1]
    for h in hidden:
        layers += [torch.nn.Linear(prev, h), torch.nn.ReLU()]
        prev = h
    n_out = 1 if binary else int(y.max()) + 1
    layers.append(torch.nn.Linear(prev, n_out))
    model = torch.nn.Sequential(*layers)
    if binary:
        yt = torch.from_numpy(y.astype(np.float32)).reshape(-1, 1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        yt = torch.from_numpy(y.astype(np.int64))
        loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = X.shape[0]
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for s in range(0, n, batch):
            idx = perm[s: s + batch]
            opt.zero_grad()
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    return (time.perf_counter() - t0) / epochs


def median_of(fn, repeats):
    return statistics.median(fn() for _ in range(repeats))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, nargs="+", default=[2])
    ap.add_argument("--quick", action="store_true", help="smaller W1 (10000 rows) for a smoke run")
    ap.add_argument("--skip", nargs="*", default=[], help="skip: sklearn torch")
    args = ap.parse_args()

    from sklearn.neural_network import MLPClassifier as SKMLP

    from skneural import MLPClassifier

    try:
        import torch  # noqa: F401
        have_torch = "torch" not in args.skip
    except ImportError:
        have_torch = False
        print("PyTorch not installed: its columns are skipped (pip install torch).")

    # Warm the compiled kernels once (compilation is not part of the timing;
    # it is reported separately).
    t0 = time.perf_counter()
    Xs, ys = make_w2(200)
    MLPClassifier((6,), max_iter=1, batch_size=10).fit(Xs, ys)
    MLPClassifier((6,), max_iter=1, batch_size=10).fit(Xs.astype(np.float32), ys)
    print("first fit in this process (kernel load/compile): %.2f s" % (time.perf_counter() - t0))

    n1 = 10000 if args.quick else 60000
    X1, y1 = make_w1(n1)
    X2, y2 = make_w2()
    rows = []
    for threads in args.threads:
        with threadpool_limits(limits=threads):
            res = {}
            res["W1", "skneural"] = median_of(
                lambda: time_sklearn_like(MLPClassifier, X1, y1, (128, 64), 128, 3), args.repeats)
            if "sklearn" not in args.skip:
                res["W1", "sklearn"] = median_of(
                    lambda: time_sklearn_like(SKMLP, X1, y1, (128, 64), 128, 3), args.repeats)
            if have_torch:
                import torch
                torch.set_num_threads(threads)
                res["W1", "torch"] = median_of(
                    lambda: time_torch(X1, y1, (128, 64), 128, 3, False), args.repeats)
            res["W2", "skneural"] = median_of(
                lambda: time_sklearn_like(MLPClassifier, X2, y2, (6, 6), 10, 50), args.repeats)
            if "sklearn" not in args.skip:
                res["W2", "sklearn"] = median_of(
                    lambda: time_sklearn_like(SKMLP, X2, y2, (6, 6), 10, 5), args.repeats)
            if have_torch:
                res["W2", "torch"] = median_of(
                    lambda: time_torch(X2, y2, (6, 6), 10, 2, True), args.repeats)
            rows.append((threads, res))

    print()
    print("| threads | workload | skneural | sklearn | torch | sklearn/skneural | torch/skneural |")
    print("|---|---|---|---|---|---|---|")
    for threads, res in rows:
        for w, unit, scale in (("W1 %dx784 784-128-64-10 adam b128" % n1, "s/epoch", 1.0),
                               ("W2 8000x11 11-6-6-1 adam b10", "ms/epoch", 1000.0)):
            key = w[:2]
            ours = res[key, "skneural"]
            cells = []
            for other in ("sklearn", "torch"):
                v = res.get((key, other))
                cells.append("%.4g %s" % (v * scale, unit) if v else "-")
            ratios = ["%.1fx" % (res[key, o] / ours) if (key, o) in res else "-"
                      for o in ("sklearn", "torch")]
            print("| %d | %s | %.4g %s | %s | %s | %s | %s |" % (
                threads, w, ours * scale, unit, cells[0], cells[1], ratios[0], ratios[1]))


if __name__ == "__main__":
    main()
