"""SelfOrganizingMap vs MiniSom: seconds per training run, median of repeats.

Run: ``python benchmarks/bench_families_competitive.py [--n-samples 10000]
[--features 10] [--map 16] [--epochs 10] [--repeats 5]``.  MiniSom is the
closest Python alternative to RSNNS's ``som()`` (RSNNS itself cannot be
installed here); ``python3 -m pip install minisom``.

Workload: Gaussian blobs (``--n-samples`` x ``--features``), a ``--map`` x
``--map`` rectangular map, ``--epochs`` online passes in random order, i.e.
``n_samples * epochs`` single-pattern updates for both libraries.  skneural
runs SNNS's Kohonen rule (Gaussian neighbourhood cut at the radius, height and
radius shrinking after every pattern: decay factors chosen so both end near
the same values as MiniSom's asymptotic decay); MiniSom its default
(Gaussian neighbourhood over all units, ``train(random_order=True)``).  Both
update every unit within reach for every pattern, in float64, single-threaded.
skneural's first fit (compilation / cache load) is excluded and reported
separately.  The final quantisation error (mean distance to the winner) is
printed as a sanity check that both maps learnt.  Ratio = MiniSom / skneural:
> 1 means skneural is faster.
"""

import argparse
import statistics
import time

import numpy as np


def make_data(n, d, seed=0):
    rng = np.random.RandomState(seed)
    centres = rng.normal(scale=3.0, size=(8, d))
    X = centres[rng.randint(0, 8, n)] + rng.normal(size=(n, d))
    return np.ascontiguousarray((X - X.mean(0)) / X.std(0))


def quantization_error(X, W):
    d = np.sqrt(((X[:, None, :] - W[None]) ** 2).sum(-1))
    return float(d.min(axis=1).mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-samples", type=int, default=10000)
    parser.add_argument("--features", type=int, default=10)
    parser.add_argument("--map", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from skneural import SelfOrganizingMap

    X = make_data(args.n_samples, args.features)
    steps = args.n_samples * args.epochs
    # shrink height 0.5 -> ~0.005 and radius map/2 -> ~0.5 over the run
    decay_h = 0.01 ** (1.0 / steps)
    decay_r = (1.0 / args.map) ** (1.0 / steps)

    def skneural_fit(seed):
        return SelfOrganizingMap(map_x=args.map, map_y=args.map, max_iter=args.epochs,
                                 height=0.5, radius=args.map / 2, height_decay=decay_h,
                                 radius_decay=decay_r, random_state=seed).fit(X)

    t0 = time.perf_counter()
    skneural_fit(0)
    first = time.perf_counter() - t0
    times = []
    for seed in range(args.repeats):
        t0 = time.perf_counter()
        model = skneural_fit(seed)
        times.append(time.perf_counter() - t0)
    sk_time = statistics.median(times)
    sk_qe = quantization_error(X, model.weights_)

    try:
        from minisom import MiniSom
    except ImportError:
        print("MiniSom is not installed (python3 -m pip install minisom); skneural only:")
        print(f"skneural SelfOrganizingMap: median {sk_time:.3f} s (first fit {first:.2f} s), "
              f"quantisation error {sk_qe:.3f}")
        return
    times = []
    for seed in range(args.repeats):
        som = MiniSom(args.map, args.map, args.features, sigma=args.map / 2, learning_rate=0.5,
                      random_seed=seed)
        t0 = time.perf_counter()
        som.train(X, steps, random_order=True)
        times.append(time.perf_counter() - t0)
    mini_time = statistics.median(times)
    mini_qe = quantization_error(X, som.get_weights().reshape(-1, args.features))

    print(f"SOM {args.map}x{args.map}, {args.n_samples} x {args.features}, {args.epochs} epochs "
          f"({steps} online updates), median of {args.repeats}:")
    print(f"  skneural SelfOrganizingMap: {sk_time:8.3f} s  (first fit incl. compile/cache "
          f"load: {first:.2f} s)  quantisation error {sk_qe:.3f}")
    print(f"  MiniSom                   : {mini_time:8.3f} s  quantisation error {mini_qe:.3f}")
    print(f"  ratio MiniSom / skneural  : {mini_time / sk_time:8.1f}")


if __name__ == "__main__":
    main()
