"""GPU training speed: skneural device="cuda" vs PyTorch on the same GPU.

W1 at scale: 60000x784 float32 (random, MNIST-shaped, 10 classes),
784-512-256-10 relu, adam, batch sizes 128 / 512 / 2048 -- seconds per epoch.

skneural: one ``partial_fit``-free fit per timing, ``max_iter=epochs``; the
history's per-epoch ``seconds`` (measured around the compiled epoch) gives
the per-epoch times, of which the first (kernel compilation, data upload) is
dropped.  PyTorch: the same network, Adam, shuffled minibatches from a
tensor already on the GPU, ``torch.cuda.synchronize()`` around each epoch.
Both report the median epoch; the ratio is skneural / torch (lower is
better for skneural).

Without a usable GPU (or without torch.cuda) the script says so and exits
with status 0; it is not needed under the CUDA simulator, which would take
days on these shapes.

Run:  python benchmarks/bench_gpu.py [--epochs 4] [--batch 128 512 2048] [--n 60000]
"""

import argparse
import os
import statistics
import sys
import time
import warnings

import numpy as np


def gpu_unavailable_reason():
    from skneural import _backend

    reason = _backend.cuda_unavailable_reason()
    if reason is None and os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
        return "NUMBA_ENABLE_CUDASIM=1: the simulator is far too slow for these shapes"
    return reason


def make_data(n, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, n)
    return X, y


def time_skneural(X, y, batch, epochs):
    from sklearn.exceptions import ConvergenceWarning

    from skneural import MLPClassifier

    est = MLPClassifier(hidden_layer_sizes=(512, 256), solver="adam", batch_size=batch,
                        max_iter=epochs + 1, tol=0.0, n_iter_no_change=10 ** 6,
                        random_state=0, device="cuda")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est.fit(X, y)
    seconds = [rec["seconds"] for rec in est.history_][1:]
    return statistics.median(seconds)


def time_torch(X, y, batch, epochs):
    import torch

    dev = torch.device("cuda")
    torch.manual_seed(0)
    Xt = torch.from_numpy(X).to(dev)
    yt = torch.from_numpy(y).to(dev)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10),
    ).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = Xt.shape[0]
    times = []
    for _ in range(epochs + 1):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        perm = torch.randperm(n, device=dev)
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, nargs="+", default=[128, 512, 2048])
    parser.add_argument("--n", type=int, default=60000)
    args = parser.parse_args(argv)

    reason = gpu_unavailable_reason()
    if reason:
        print("bench_gpu: no usable GPU, nothing to measure: %s." % reason)
        return 0
    try:
        import torch

        have_torch = torch.cuda.is_available()
    except ImportError:
        have_torch = False
    X, y = make_data(args.n)
    print("W1 %dx784 float32, 784-512-256-10 relu, adam; median of %d epochs (s/epoch)"
          % (args.n, args.epochs))
    print("%8s %12s %12s %8s" % ("batch", "skneural", "torch", "ratio"))
    for batch in args.batch:
        sk = time_skneural(X, y, batch, args.epochs)
        if have_torch:
            th = time_torch(X, y, batch, args.epochs)
            print("%8d %12.4f %12.4f %8.2f" % (batch, sk, th, sk / th))
        else:
            print("%8d %12.4f %12s %8s" % (batch, sk, "n/a", "n/a"))
    if not have_torch:
        print("(torch with CUDA is not installed: pip install '.[bench]' for the comparison)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
