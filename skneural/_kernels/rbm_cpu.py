"""CPU (Numba) kernels for restricted Boltzmann machines.

Every function here is a free ``@njit`` kernel that receives all the arrays it
touches. A CUDA module is meant to expose the same names and signatures.

Randomness
----------
All random numbers come from a counter-based hash (the splitmix64 output
function applied to ``key + (counter + 1) * golden``).  A *key* is derived from
``(seed, a, b)`` with :func:`rbm_stream_key`; in training ``a`` is the epoch
and ``b`` is ``batch * 64 + phase``.  Element ``(r, i)`` of an ``n_rows x
n_cols`` block uses counter ``r * n_cols + i``.  Uniforms carry 24 random bits,
so float32 and float64 runs draw exactly the same numbers.

Phases within one minibatch (``k`` Gibbs steps):

* 0: hidden sample that starts a CD chain (non-persistent only)
* 1 + 2 s: visible sample of Gibbs step ``s``
* 2 + 2 s: hidden sample of Gibbs step ``s`` (``s < k - 1``)
* 2 k + 1: hidden sample that becomes the persistent chain (PCD only)
"""

import math

import numpy as np
from numba import njit

from . import CACHE_KERNELS
from .numerics import GOLDEN, logistic_body, mix64_body  # noqa: F401 - rbm_cuda compiles them

INV_2_24 = 1.0 / 16777216.0
CHUNK_ROWS = 1024

_opts = dict(cache=CACHE_KERNELS, error_model="numpy")


# --------------------------------------------------------------------------
# random numbers
# --------------------------------------------------------------------------
rbm_mix64 = njit(**_opts)(mix64_body)


@njit(**_opts)
def rbm_stream_key(seed, a, b):
    """Key of the random stream number ``(a, b)`` under ``seed`` (uint64)."""
    k = rbm_mix64(np.uint64(seed) ^ rbm_mix64(np.uint64(a) * GOLDEN + np.uint64(1)))
    return rbm_mix64(k + np.uint64(b) * GOLDEN)


@njit(**_opts)
def rbm_uniform(key, counter):
    """Uniform number in [0, 1) with 24 random bits, as float64."""
    z = rbm_mix64(key + (np.uint64(counter) + np.uint64(1)) * GOLDEN)
    return np.float64(z >> np.uint64(40)) * INV_2_24


@njit(**_opts)
def rbm_normal(key, counter):
    """Standard normal number (Box-Muller over counters 2c and 2c+1)."""
    c = np.int64(counter) * 2
    u1 = rbm_uniform(key, c) + INV_2_24  # (0, 1]
    u2 = rbm_uniform(key, c + 1)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


@njit(**_opts)
def rbm_uniform_block(seed, a, b, n_rows, n_cols):
    """The uniforms a kernel uses for stream ``(a, b)`` (for tests, parity)."""
    key = rbm_stream_key(seed, a, b)
    out = np.empty((n_rows, n_cols), dtype=np.float64)
    for r in range(n_rows):
        for i in range(n_cols):
            out[r, i] = rbm_uniform(key, r * n_cols + i)
    return out


# --------------------------------------------------------------------------
# elementwise helpers
# --------------------------------------------------------------------------
# the logistic every kernel shares (numerics.logistic_body; relative error < 1e-13)
rbm_fast_sigmoid = njit(**_opts)(logistic_body)


@njit(**_opts)
def rbm_softplus(x):
    """log(1 + exp(x)), exact and overflow-free."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


@njit(**_opts)
def _sample_hidden_rows(pre, row0, n, c, out, out_row0, key):
    """out[out_row0 + r] = Bernoulli(sigmoid(pre[row0 + r] + c)), r < n."""
    H = c.shape[0]
    for r in range(n):
        base = r * H
        for j in range(H):
            p = rbm_fast_sigmoid(pre[row0 + r, j] + c[j])
            out[out_row0 + r, j] = 1.0 if rbm_uniform(key, base + j) < p else 0.0


@njit(**_opts)
def _sample_visible_rows(pre, n, b, out, out_row0, key, gaussian):
    """out[out_row0 + r] = sample of P(v | h) given pre = h @ W, r < n."""
    D = b.shape[0]
    if gaussian:
        for r in range(n):
            base = r * D
            for i in range(D):
                out[out_row0 + r, i] = pre[r, i] + b[i] + rbm_normal(key, base + i)
    else:
        for r in range(n):
            base = r * D
            for i in range(D):
                p = rbm_fast_sigmoid(pre[r, i] + b[i])
                out[out_row0 + r, i] = 1.0 if rbm_uniform(key, base + i) < p else 0.0


# --------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------
@njit(**_opts)
def rbm_train_epoch(X, order, W, b_vis, c_hid, h_chain, vel_W, vel_b, vel_c,
                    q_hid, seed, epoch, batch_size, k, persistent, gaussian,
                    learning_rate, momentum, weight_decay, sparsity_target,
                    sparsity_cost):
    """One epoch of (persistent) contrastive divergence, updating in place.

    Parameters
    ----------
    X : (n_samples, n_features) C-contiguous float32/float64.
    order : (n_samples,) int64, the row order (``arange`` for no shuffle).
        Minibatch ``t`` is ``order[t * batch_size:(t + 1) * batch_size]``.
    W : (n_components, n_features); b_vis : (n_features,); c_hid : (n_components,).
    h_chain : (n_chain, n_components), persistent hidden chain (PCD).
    vel_W, vel_b, vel_c : momentum buffers, same shapes as W, b_vis, c_hid.
    q_hid : (n_components,), running mean hidden activity (sparsity).
    seed : uint64; epoch : int (stream number); batch_size : int; k : int >= 1.
    persistent, gaussian : bool.
    learning_rate, momentum, weight_decay, sparsity_target, sparsity_cost : float
        (``sparsity_cost == 0`` disables the sparsity penalty).

    Gradient (sklearn's convention): ``lr / m * (h_pos^T v_pos - s * h_neg^T v_neg)``
    with ``m`` the minibatch rows and ``s = m / n_chain_rows`` (1 for CD), so
    that both phases are averages; positive and negative hidden statistics are
    probabilities, negative visible ones samples.
    """
    n, D = X.shape
    H = W.shape[0]
    dt = W.dtype
    n_chain = h_chain.shape[0]
    cap = max(n_chain, batch_size) if persistent else batch_size
    Vs = np.empty((cap + batch_size, D), dtype=dt)   # [neg rows | pos rows]
    Hs = np.empty((cap + batch_size, H), dtype=dt)   # [-s*h_neg | h_pos]
    Xh = np.empty((cap + batch_size, H), dtype=dt)   # hidden pre-activations
    Pv = np.empty((cap, D), dtype=dt)                # visible pre-activations
    Hb = np.empty((cap, H), dtype=dt)                # intermediate hidden samples
    G = np.empty((H, D), dtype=dt)
    db = np.empty(D, dtype=np.float64)
    dc = np.empty(H, dtype=np.float64)
    vbar = np.empty(D, dtype=np.float64)
    pen = np.zeros(H, dtype=np.float64)
    n_batches = (n + batch_size - 1) // batch_size
    WT = W.T

    for t in range(n_batches):
        start = t * batch_size
        m = min(batch_size, n - start)
        n_neg = n_chain if persistent else m
        lo = cap - n_neg
        # gather the positive rows
        for r in range(m):
            src = order[start + r]
            for i in range(D):
                Vs[cap + r, i] = X[src, i]
        fused = persistent and k == 1
        if fused:
            # PCD-1: the negative visible sample depends only on the chain, so
            # one product serves both phases: [v_neg; v_pos] @ W.T
            np.dot(h_chain[:n_neg], W, Pv[:n_neg])
            _sample_visible_rows(Pv, n_neg, b_vis, Vs, lo,
                                 rbm_stream_key(seed, epoch, t * 64 + 1), gaussian)
            np.dot(Vs[lo:cap + m], WT, Xh[lo:cap + m])
        else:
            np.dot(Vs[cap:cap + m], WT, Xh[cap:cap + m])
        # positive phase: hidden probabilities
        for r in range(m):
            for j in range(H):
                Hs[cap + r, j] = rbm_fast_sigmoid(Xh[cap + r, j] + c_hid[j])
        if not fused:
            # chain start
            if persistent:
                for r in range(n_neg):
                    for j in range(H):
                        Hb[r, j] = h_chain[r, j]
            else:
                key = rbm_stream_key(seed, epoch, t * 64)
                for r in range(m):
                    base = r * H
                    for j in range(H):
                        Hb[r, j] = 1.0 if rbm_uniform(key, base + j) < Hs[cap + r, j] else 0.0
            # k Gibbs steps
            for s in range(k):
                np.dot(Hb[:n_neg], W, Pv[:n_neg])
                _sample_visible_rows(Pv, n_neg, b_vis, Vs, lo,
                                     rbm_stream_key(seed, epoch, t * 64 + 1 + 2 * s), gaussian)
                np.dot(Vs[lo:cap], WT, Xh[lo:cap])
                if s < k - 1:
                    _sample_hidden_rows(Xh, lo, n_neg, c_hid, Hb, 0,
                                        rbm_stream_key(seed, epoch, t * 64 + 2 + 2 * s))
        # negative hidden probabilities, new persistent chain, signed/scaled
        scale = m / n_neg
        key = rbm_stream_key(seed, epoch, t * 64 + 2 * k + 1)
        for r in range(n_neg):
            base = r * H
            for j in range(H):
                p = rbm_fast_sigmoid(Xh[lo + r, j] + c_hid[j])
                if persistent:
                    h_chain[r, j] = 1.0 if rbm_uniform(key, base + j) < p else 0.0
                Hs[lo + r, j] = -scale * p
        # bias gradients (sums along contiguous rows)
        db[:] = 0.0
        dc[:] = 0.0
        for r in range(cap, cap + m):
            for i in range(D):
                db[i] += Vs[r, i]
            for j in range(H):
                dc[j] += Hs[r, j]
        vbar[:] = db
        for r in range(lo, cap):
            for i in range(D):
                db[i] -= scale * Vs[r, i]
            for j in range(H):
                dc[j] += Hs[r, j]
        # weight gradient in one GEMM: h_pos^T v_pos - s h_neg^T v_neg
        np.dot(Hs[lo:cap + m].T, Vs[lo:cap + m], G)
        inv_m = 1.0 / m
        if sparsity_cost != 0.0:
            for j in range(H):
                qb = 0.0
                for r in range(cap, cap + m):
                    qb += Hs[r, j]
                q_hid[j] = 0.9 * q_hid[j] + 0.1 * qb * inv_m
                pen[j] = sparsity_cost * (q_hid[j] - sparsity_target)
            for i in range(D):
                vbar[i] *= inv_m
        # updates
        lr = learning_rate
        for j in range(H):
            pj = pen[j]
            if momentum != 0.0:
                for i in range(D):
                    g = G[j, i] * inv_m - weight_decay * W[j, i] - pj * vbar[i]
                    v = momentum * vel_W[j, i] + lr * g
                    vel_W[j, i] = v
                    W[j, i] += v
            else:
                for i in range(D):
                    g = G[j, i] * inv_m - weight_decay * W[j, i] - pj * vbar[i]
                    W[j, i] += lr * g
            v = momentum * vel_c[j] + lr * (dc[j] * inv_m - pj)
            vel_c[j] = v
            c_hid[j] += v
        for i in range(D):
            v = momentum * vel_b[i] + lr * db[i] * inv_m
            vel_b[i] = v
            b_vis[i] += v


# --------------------------------------------------------------------------
# sampling and scores
# --------------------------------------------------------------------------
@njit(**_opts)
def rbm_gibbs(V, W, b_vis, c_hid, seed, stream, gaussian):
    """One Gibbs step v -> h -> v' for every row of V (returns v', V.dtype).

    Uses streams ``(seed, stream, 0)`` for h and ``(seed, stream, 1)`` for v'.
    """
    n, D = V.shape
    H = W.shape[0]
    out = np.empty((n, D), dtype=W.dtype)
    Xh = np.empty((min(n, CHUNK_ROWS), H), dtype=W.dtype)
    Hb = np.empty((min(n, CHUNK_ROWS), H), dtype=W.dtype)
    Pv = np.empty((min(n, CHUNK_ROWS), D), dtype=W.dtype)
    kh = rbm_stream_key(seed, stream, 0)
    kv = rbm_stream_key(seed, stream, 1)
    for r0 in range(0, n, CHUNK_ROWS):
        nr = min(CHUNK_ROWS, n - r0)
        np.dot(V[r0:r0 + nr], W.T, Xh[:nr])
        for r in range(nr):
            base = (r0 + r) * H
            for j in range(H):
                p = rbm_fast_sigmoid(Xh[r, j] + c_hid[j])
                Hb[r, j] = 1.0 if rbm_uniform(kh, base + j) < p else 0.0
        np.dot(Hb[:nr], W, Pv[:nr])
        for r in range(nr):
            base = (r0 + r) * D
            for i in range(D):
                if gaussian:
                    out[r0 + r, i] = Pv[r, i] + b_vis[i] + rbm_normal(kv, base + i)
                else:
                    p = rbm_fast_sigmoid(Pv[r, i] + b_vis[i])
                    out[r0 + r, i] = 1.0 if rbm_uniform(kv, base + i) < p else 0.0
    return out


@njit(**_opts)
def rbm_mean_hiddens(V, W, c_hid):
    """P(h = 1 | v) with the exact logistic function (V.dtype)."""
    out = np.dot(V, W.T)
    n, H = out.shape
    for r in range(n):
        for j in range(H):
            x = out[r, j] + c_hid[j]
            if x >= 0:
                out[r, j] = 1.0 / (1.0 + math.exp(-x))
            else:
                e = math.exp(x)
                out[r, j] = e / (1.0 + e)
    return out


@njit(**_opts)
def rbm_free_energy(V, W, b_vis, c_hid, gaussian):
    """F(v) = -v.b - sum_j softplus(c_j + W_j.v)  (Bernoulli visible units)
    F(v) = ||v - b||^2 / 2 - sum_j softplus(c_j + W_j.v)  (Gaussian, unit variance).

    Returned as float64 of shape (n_samples,), accumulated in float64.
    """
    n, D = V.shape
    H = W.shape[0]
    out = np.empty(n, dtype=np.float64)
    Xh = np.empty((min(n, CHUNK_ROWS), H), dtype=W.dtype)
    for r0 in range(0, n, CHUNK_ROWS):
        nr = min(CHUNK_ROWS, n - r0)
        np.dot(V[r0:r0 + nr], W.T, Xh[:nr])
        for r in range(nr):
            f = 0.0
            if gaussian:
                for i in range(D):
                    d = np.float64(V[r0 + r, i]) - b_vis[i]
                    f += 0.5 * d * d
            else:
                for i in range(D):
                    f -= np.float64(V[r0 + r, i]) * b_vis[i]
            for j in range(H):
                f -= rbm_softplus(np.float64(Xh[r, j]) + c_hid[j])
            out[r0 + r] = f
    return out


@njit(**_opts)
def rbm_pseudo_likelihood(V, W, b_vis, c_hid):
    """Exact log pseudo-likelihood sum_i log P(v_i | v_-i) of every row.

    Feature i is "corrupted" to 1 - v_i (as sklearn does for one random i):
    log P(v_i | v_-i) = log sigmoid(F(v with v_i -> 1 - v_i) - F(v)).  This is
    the expectation over i of sklearn's stochastic estimate
    ``n_features * log sigmoid(F(v~) - F(v))``.  Cost O(n D H) exp/log.
    Returns float64 of shape (n_samples,).
    """
    n, D = V.shape
    H = W.shape[0]
    out = np.empty(n, dtype=np.float64)
    WT = np.ascontiguousarray(W.T)
    Xh = np.empty((min(n, CHUNK_ROWS), H), dtype=W.dtype)
    x = np.empty(H, dtype=np.float64)
    sp = np.empty(H, dtype=np.float64)
    for r0 in range(0, n, CHUNK_ROWS):
        nr = min(CHUNK_ROWS, n - r0)
        np.dot(V[r0:r0 + nr], W.T, Xh[:nr])
        for r in range(nr):
            for j in range(H):
                x[j] = np.float64(Xh[r, j]) + c_hid[j]
                sp[j] = rbm_softplus(x[j])
            total = 0.0
            for i in range(D):
                vi = np.float64(V[r0 + r, i])
                delta = 1.0 - 2.0 * vi
                # dF = F(v~) - F(v)
                dF = -delta * b_vis[i]
                for j in range(H):
                    dF -= rbm_softplus(x[j] + delta * WT[i, j]) - sp[j]
                # log sigmoid(dF) = -softplus(-dF)
                total -= rbm_softplus(-dF)
            out[r0 + r] = total
    return out
