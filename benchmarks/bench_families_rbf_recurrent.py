"""RBF, RBF-DDA, Elman and associative-memory training: skneural vs plain NumPy (and others).

Run: ``python benchmarks/bench_families_rbf_recurrent.py [--repeats 5] [--quick]``.

RSNNS cannot be installed here, so each family is timed against the closest
Python alternative that runs the same algorithm:

* RBF (RadialBasisLearning, batch, 40 Gaussian units, 2000 x 4 inputs, 100
  epochs): a vectorised NumPy epoch with the same gradient; scikit-learn's
  ``KernelRidge(kernel="rbf")`` (fit + predict) is shown for context -- it
  solves a different problem (one centre per sample, closed form).
* RBF-DDA (one epoch over 2000 two-class points): the same rules in a Python
  loop with NumPy distances.
* Elman (JE_BP, online, 8 hidden units, a 2000-step series, 20 epochs): the
  same per-step updates in NumPy; a PyTorch ``nn.RNN`` with one SGD step per
  time step (truncated to one step, as JE_BP is) when torch is installed.
* Associative memory (RM_delta, 35 units, 26 patterns, 100 cycles, 5 epochs):
  the same rule in NumPy.

skneural's first fit (compilation or cache load) is excluded and reported
separately.  Each number is the median over ``--repeats`` fits; ratios are
``other / skneural`` (> 1: skneural is faster).  On a machine whose cores are
shared, run with ``OPENBLAS_NUM_THREADS=1``: a threaded BLAS that has to wait
for busy cores turns the RBF's 2000 x 41 least-squares initialisation from
milliseconds into most of a second.
"""

import argparse
import statistics
import time

import numpy as np


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# --------------------------------------------------------------------------- RBF
def numpy_rbf(X, Y, C, p, W, b, epochs, lrs=(1e-6, 1e-7, 1e-6), mom=0.8):
    C, p, W, b = C.copy(), p.copy(), W.copy(), b.copy()
    steps = [np.zeros_like(a) for a in (C, p, W, b)]
    for _ in range(epochs):
        Diff = X[:, None, :] - C[None]
        R2 = (Diff ** 2).sum(-1)
        H = np.exp(-p * R2)
        E = Y - (H @ W + b)
        S = E @ W.T
        grads = (-4 * np.einsum("nk,nkd->kd", S * p * H, Diff), 2 * (S * R2 * H).sum(0),
                 -2 * H.T @ E, -2 * E.sum(0))
        for a, st, g, lr in zip((C, p, W, b), steps, grads, lrs + lrs[2:]):
            st *= mom
            st -= lr * g
            a += st
    return W


def bench_rbf(repeats, quick):
    from sklearn.kernel_ridge import KernelRidge

    from skneural import RBFNetworkRegressor
    from skneural._rbf import rbf_weights_init

    rng = np.random.default_rng(0)
    n = 500 if quick else 2000
    X = rng.normal(size=(n, 4))
    y = np.sin(X).sum(1)
    kw = dict(n_units=40, gamma=0.3, dmax=0.0, max_iter=100, learning_rate_centers=1e-6,
              learning_rate_gamma=1e-7, learning_rate_weights=1e-6, random_state=0)
    t0 = time.perf_counter()
    model = RBFNetworkRegressor(**kw).fit(X, y)
    first = time.perf_counter() - t0
    assert model.n_iter_ == 100, "the benchmark settings must not diverge"
    sk = median_time(lambda: RBFNetworkRegressor(**kw).fit(X, y), repeats)
    C, p, W, b = rbf_weights_init(X, y.reshape(-1, 1), 40, 0, 1, 0, 0.3, 0.04,
                                  np.random.RandomState(0))
    W_np = numpy_rbf(X, y.reshape(-1, 1), C, p, W, b, 100)
    assert np.allclose(W_np, model.coef_, rtol=1e-6, atol=1e-9), "not the same algorithm"

    def numpy_fit():  # the same RBF_Weights initialisation, then the NumPy epochs
        init = rbf_weights_init(X, y.reshape(-1, 1), 40, 0, 1, 0, 0.3, 0.04,
                                np.random.RandomState(0))
        return numpy_rbf(X, y.reshape(-1, 1), *init, 100)

    npy = median_time(numpy_fit, repeats)
    kr = median_time(lambda: KernelRidge(kernel="rbf", gamma=0.3).fit(X, y).predict(X),
                     repeats)
    return [("RBF 100 epochs", sk, first, [("NumPy epoch", npy),
                                            ("KernelRidge fit+predict", kr)])]


# --------------------------------------------------------------------------- DDA
def python_dda(X, codes, theta_pos=0.4, theta_neg=0.2):
    centers, ps, cls, A = [], [], [], []
    neg = -np.log(theta_neg)
    for x, c in zip(X, codes):
        if centers:
            C = np.array(centers)
            r2 = ((C - x) ** 2).sum(1)
            act = np.exp(-np.array(ps) * r2)
            own = np.array(cls) == c
        else:
            r2, act, own = np.zeros(0), np.zeros(0), np.zeros(0, bool)
        cover = np.flatnonzero(own & (act >= theta_pos))
        if cover.size:
            A[cover[np.argmax(act[cover])]] += 1
        else:
            other = (~own) & (r2 > 0)
            ps.append(float((neg / r2[other]).max()) if other.any() else 0.0)
            centers.append(x.copy())
            cls.append(c)
            A.append(1.0)
            r2 = np.append(r2, 0.0)
            own = np.append(own, True)
        P = np.array(ps)
        shrink = (~own) & (r2 > 0) & (neg / np.where(r2 > 0, r2, 1) > P)
        for j in np.flatnonzero(shrink):
            ps[j] = neg / r2[j]
    return len(centers)


def bench_dda(repeats, quick):
    from skneural import RBFNetworkClassifier

    rng = np.random.default_rng(1)
    n = 500 if quick else 2000
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    t0 = time.perf_counter()
    RBFNetworkClassifier(shuffle=False).fit(X, y)
    first = time.perf_counter() - t0
    sk = median_time(lambda: RBFNetworkClassifier(shuffle=False).fit(X, y), repeats)
    py = median_time(lambda: python_dda(X, y), repeats)
    return [("RBF-DDA 1 epoch", sk, first, [("Python loop + NumPy", py)])]


# --------------------------------------------------------------------------- Elman
def numpy_elman(x, y, params, nh, epochs, lr=0.1):
    Wi = params["Wi"].copy()
    Wc = params["Wc"].copy()
    bh = params["bh"].copy()
    Wo = params["Wo"].copy()
    bo = params["bo"].copy()
    for _ in range(epochs):
        ctx = np.full(nh, 0.5)
        for xt, yt in zip(x, y):
            h = 1 / (1 + np.exp(-(xt @ Wi + ctx @ Wc + bh)))
            o = h @ Wo + bo
            do = yt - o
            dh = (Wo @ do) * h * (1 - h)
            Wi += lr * np.outer(xt, dh)
            Wc += lr * np.outer(ctx, dh)
            bh += lr * dh
            Wo += lr * np.outer(h, do)
            bo += lr * do
            ctx = 0.3 * ctx + h
    return Wo


def torch_rnn(x, y, nh, epochs, lr=0.1):
    import torch

    torch.manual_seed(0)
    rnn = torch.nn.RNN(1, nh, nonlinearity="tanh", batch_first=True)
    head = torch.nn.Linear(nh, 1)
    opt = torch.optim.SGD(list(rnn.parameters()) + list(head.parameters()), lr=lr)
    xt = torch.from_numpy(x.astype(np.float32)).view(1, -1, 1)
    yt = torch.from_numpy(y.astype(np.float32)).view(-1, 1)
    for _ in range(epochs):
        h = torch.zeros(1, 1, nh)
        for t in range(xt.shape[1]):
            out, h = rnn(xt[:, t:t + 1], h.detach())   # one-step truncation, as JE_BP
            loss = 0.5 * ((head(out[0]) - yt[t]) ** 2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()


def bench_elman(repeats, quick):
    from skneural import ElmanRegressor

    n = 500 if quick else 2000
    s = np.sin(np.arange(n + 1) * 0.2) * 0.5 + 0.5
    x, y = s[:-1].reshape(-1, 1), s[1:]
    kw = dict(hidden_layer_size=8, max_iter=20, learning_rate=0.1, random_state=0)
    t0 = time.perf_counter()
    ElmanRegressor(**kw).fit(x, y)
    first = time.perf_counter() - t0
    sk = median_time(lambda: ElmanRegressor(**kw).fit(x, y), repeats)
    rng = np.random.default_rng(0)
    params = dict(Wi=rng.uniform(-1, 1, (1, 8)), Wc=rng.uniform(-1, 1, (8, 8)),
                  bh=rng.uniform(-1, 1, 8), Wo=rng.uniform(-1, 1, (8, 1)),
                  bo=rng.uniform(-1, 1, 1))
    others = [("NumPy per step", median_time(lambda: numpy_elman(x, y, params, 8, 20),
                                             max(1, repeats // 2)))]
    try:
        import torch  # noqa: F401
    except ImportError:
        print("(torch is not installed: the PyTorch nn.RNN comparison is skipped)")
    else:
        others.append(("PyTorch nn.RNN per step",
                       median_time(lambda: torch_rnn(x, y, 8, 20), max(1, repeats // 2))))
    return [("Elman JE_BP 20 epochs", sk, first, others)]


# --------------------------------------------------------------------------- assoz
def numpy_assoz(X, W, epochs, cycles=100, lr=0.01, E=0.15, D=0.15):
    W = W.copy()
    for _ in range(epochs):
        for e in X:
            a = np.zeros(X.shape[1])
            for _ in range(cycles):
                net = e + W @ a
                a = np.clip(np.where(net > 0, a + E * net * (1 - a) - D * a,
                                     a + E * net * (a + 1) - D * a), -1, 1)
            upd = lr * np.outer(e - W @ a, a)
            np.fill_diagonal(upd, 0)
            W += upd
    return W


def bench_assoz(repeats, quick):
    from skneural import AssociativeMemory

    rng = np.random.default_rng(2)
    X = (rng.uniform(size=(26, 35)) < 0.4).astype(float)
    kw = dict(max_iter=5, random_state=0)
    t0 = time.perf_counter()
    AssociativeMemory(**kw).fit(X)
    first = time.perf_counter() - t0
    sk = median_time(lambda: AssociativeMemory(**kw).fit(X), repeats)
    W = rng.uniform(-1, 1, (35, 35))
    np.fill_diagonal(W, 0)
    npy = median_time(lambda: numpy_assoz(X, W, 5), max(1, repeats // 2))
    return [("assoz RM_delta 5 epochs", sk, first, [("NumPy", npy)])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="smaller data (a smoke run)")
    args = parser.parse_args()
    rows = []
    for bench in (bench_rbf, bench_dda, bench_elman, bench_assoz):
        rows.extend(bench(args.repeats, args.quick))
    print("%-26s %12s %12s  %s" % ("workload", "skneural s", "first fit s", "others (s, ratio)"))
    for name, sk, first, others in rows:
        desc = ", ".join("%s %.4f (x%.1f)" % (o, t, t / sk) for o, t in others)
        print("%-26s %12.4f %12.2f  %s" % (name, sk, first, desc))


if __name__ == "__main__":
    main()
