"""CUDA kernels of the restricted Boltzmann machine (mirror of :mod:`.rbm_cpu`).

Same names, signatures and random streams as :mod:`skneural._kernels.rbm_cpu`:
host NumPy arrays in, results written back into them (or returned).  The
training data stays on the device for the whole fit (the cache of
:mod:`skneural._kernels.cuda`); the three products of a CD step (``V W^T``,
``H W``, ``Hs^T Vs``) are the tiled shared-memory GEMMs of that module;
sampling, the bias sums and the parameter update are elementwise kernels.

Random numbers: the stream keys ``rbm_stream_key(seed, a, b)`` are scalars,
computed on the host by the CPU module; every element's uniform (or normal)
is then hashed on the device from (key, counter) with the CPU's formula, so a
CUDA epoch draws exactly the samples of the CPU epoch.
"""

import math

import numpy as np
from numba import cuda

from . import cuda as _kc
from .cuda import device_array_for, grid_1d
from .numerics import logistic_body, mix64_body
from .rbm_cpu import rbm_stream_key

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
INV_2_24 = 1.0 / 16777216.0


# --------------------------------------------------------------------------
# device functions (the CPU module's formulas)
# --------------------------------------------------------------------------
# rbm_cpu's definition, compiled as a device function
rbm_mix64_dev = cuda.jit(device=True)(mix64_body)


@cuda.jit(device=True)
def rbm_uniform_dev(key, counter):
    z = rbm_mix64_dev(np.uint64(key) + (np.uint64(counter) + np.uint64(1))
                      * np.uint64(0x9E3779B97F4A7C15))
    return np.float64(z >> np.uint64(40)) * INV_2_24


@cuda.jit(device=True)
def rbm_normal_dev(key, counter):
    c = np.int64(counter) * 2
    u1 = rbm_uniform_dev(key, c) + INV_2_24
    u2 = rbm_uniform_dev(key, c + 1)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


# the CPU kernel's definition, compiled as a device function
rbm_fast_sigmoid_dev = cuda.jit(device=True)(logistic_body)


@cuda.jit(device=True)
def rbm_softplus_dev(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


# --------------------------------------------------------------------------
# kernels
# --------------------------------------------------------------------------
@cuda.jit
def gather_rows_kernel(X, order, start, m, out, out_off):
    """out[out_off + r * D + i] = X[order[start + r], i]."""
    D = X.shape[1]
    for idx in range(cuda.grid(1), m * D, cuda.gridsize(1)):
        r = idx // D
        out[out_off + idx] = X[order[start + r], idx - r * D]


@cuda.jit
def sigmoid_kernel(pre, pre_off, bias, n_rows, n_cols, mode, key, scale, out, out_off):
    """p = fast_sigmoid(pre + bias) on an (n_rows, n_cols) block.

    mode 0: out = scale * p; 1: Bernoulli sample with (key, r * n_cols + c);
    2: Gaussian visible sample pre + bias + N(0, 1); 3: exact logistic.
    """
    for idx in range(cuda.grid(1), n_rows * n_cols, cuda.gridsize(1)):
        x = pre[pre_off + idx] + bias[idx % n_cols]
        if mode == 2:
            out[out_off + idx] = x + rbm_normal_dev(key, idx)
        elif mode == 3:
            if x >= 0:
                out[out_off + idx] = 1.0 / (1.0 + math.exp(-x))
            else:
                e = math.exp(x)
                out[out_off + idx] = e / (1.0 + e)
        else:
            p = rbm_fast_sigmoid_dev(x)
            if mode == 1:
                out[out_off + idx] = 1.0 if rbm_uniform_dev(key, idx) < p else 0.0
            else:
                out[out_off + idx] = scale * p


@cuda.jit
def bernoulli_kernel(prob, p_off, count, key, out, out_off):
    """out = 1 where uniform(key, i) < prob[i], else 0."""
    for idx in range(cuda.grid(1), count, cuda.gridsize(1)):
        out[out_off + idx] = 1.0 if rbm_uniform_dev(key, idx) < prob[p_off + idx] else 0.0


@cuda.jit
def negative_hidden_kernel(Xh, lo, n_neg, c_hid, persistent, key, scale, h_chain, Hs):
    """Negative hidden probabilities -scale * p into Hs, new persistent chain."""
    H = c_hid.shape[0]
    for idx in range(cuda.grid(1), n_neg * H, cuda.gridsize(1)):
        p = rbm_fast_sigmoid_dev(Xh[lo * H + idx] + c_hid[idx % H])
        if persistent != 0:
            h_chain[idx] = 1.0 if rbm_uniform_dev(key, idx) < p else 0.0
        Hs[lo * H + idx] = -scale * p


@cuda.jit
def bias_sums_kernel(Vs, Hs, lo, cap, m, scale, D, H, db, dc, vbar):
    """db, vbar over the visible columns; dc over the hidden ones (float64)."""
    for col in range(cuda.grid(1), D + H, cuda.gridsize(1)):
        if col < D:
            s = 0.0
            for r in range(cap, cap + m):
                s += Vs[r * D + col]
            vbar[col] = s
            for r in range(lo, cap):
                s -= scale * Vs[r * D + col]
            db[col] = s
        else:
            j = col - D
            s = 0.0
            for r in range(cap, cap + m):
                s += Hs[r * H + j]
            for r in range(lo, cap):
                s += Hs[r * H + j]
            dc[j] = s


@cuda.jit
def sparsity_kernel(Hs, cap, m, q_hid, pen, vbar, target, cost, D, H):
    """Running hidden activity, the sparsity penalty and the mean visible vector."""
    inv_m = 1.0 / m
    for idx in range(cuda.grid(1), D + H, cuda.gridsize(1)):
        if idx < H:
            qb = 0.0
            for r in range(cap, cap + m):
                qb += Hs[r * H + idx]
            q = 0.9 * q_hid[idx] + 0.1 * qb * inv_m
            q_hid[idx] = q
            pen[idx] = cost * (q_hid[idx] - target)
        else:
            vbar[idx - H] *= inv_m


@cuda.jit
def rbm_update_kernel(G, W, b_vis, c_hid, vel_W, vel_b, vel_c, db, dc, vbar, pen, m, lr,
                      momentum, weight_decay):
    """Momentum/weight-decay/sparsity update of W, c_hid and b_vis."""
    H = c_hid.shape[0]
    D = b_vis.shape[0]
    inv_m = 1.0 / m
    for idx in range(cuda.grid(1), H * D + H + D, cuda.gridsize(1)):
        if idx < H * D:
            j = idx // D
            i = idx - j * D
            g = G[idx] * inv_m - weight_decay * W[idx] - pen[j] * vbar[i]
            if momentum != 0.0:
                v = momentum * vel_W[idx] + lr * g
                vel_W[idx] = v
                W[idx] += v
            else:
                W[idx] += lr * g
        elif idx < H * D + H:
            j = idx - H * D
            v = momentum * vel_c[j] + lr * (dc[j] * inv_m - pen[j])
            vel_c[j] = v
            c_hid[j] += v
        else:
            i = idx - H * D - H
            v = momentum * vel_b[i] + lr * db[i] * inv_m
            vel_b[i] = v
            b_vis[i] += v


@cuda.jit
def free_energy_kernel(V, n, Xh, b_vis, c_hid, gaussian, out):
    D = b_vis.shape[0]
    H = c_hid.shape[0]
    for r in range(cuda.grid(1), n, cuda.gridsize(1)):
        f = 0.0
        for i in range(D):
            v = np.float64(V[r * D + i])
            if gaussian != 0:
                d = v - b_vis[i]
                f += 0.5 * d * d
            else:
                f -= v * b_vis[i]
        for j in range(H):
            f -= rbm_softplus_dev(np.float64(Xh[r * H + j]) + c_hid[j])
        out[r] = f


@cuda.jit
def pseudo_likelihood_kernel(V, n, Xh, W, b_vis, c_hid, out):
    """Exact log pseudo-likelihood of every row (one thread per row)."""
    D = b_vis.shape[0]
    H = c_hid.shape[0]
    for r in range(cuda.grid(1), n, cuda.gridsize(1)):
        total = 0.0
        for i in range(D):
            vi = np.float64(V[r * D + i])
            delta = 1.0 - 2.0 * vi
            dF = -delta * b_vis[i]
            for j in range(H):
                x = np.float64(Xh[r * H + j]) + c_hid[j]
                dF -= rbm_softplus_dev(x + delta * W[j * D + i]) - rbm_softplus_dev(x)
            total -= rbm_softplus_dev(-dF)
        out[r] = total


def _key(seed, a, b):
    return np.uint64(rbm_stream_key(np.uint64(seed), a, b))


# --------------------------------------------------------------------------
# public functions (rbm_cpu's names and signatures)
# --------------------------------------------------------------------------
def rbm_train_epoch(X, order, W, b_vis, c_hid, h_chain, vel_W, vel_b, vel_c,
                    q_hid, seed, epoch, batch_size, k, persistent, gaussian,
                    learning_rate, momentum, weight_decay, sparsity_target,
                    sparsity_cost):
    """One epoch of (persistent) contrastive divergence on the GPU, in place.

    See :func:`skneural._kernels.rbm_cpu.rbm_train_epoch`.
    """
    n, D = X.shape
    H = W.shape[0]
    dt = W.dtype
    n_chain = h_chain.shape[0]
    cap = max(n_chain, batch_size) if persistent else batch_size
    dX = device_array_for("X", X, "once")
    dorder = cuda.to_device(np.ascontiguousarray(order, dtype=np.int64))
    state = {}
    for name, arr in (("W", W), ("b_vis", b_vis), ("c_hid", c_hid), ("h_chain", h_chain),
                      ("vel_W", vel_W), ("vel_b", vel_b), ("vel_c", vel_c),
                      ("q_hid", q_hid)):
        state[name] = cuda.to_device(np.ascontiguousarray(arr).ravel())
    dW, db_vis, dc_hid, dchain = state["W"], state["b_vis"], state["c_hid"], state["h_chain"]
    Vs = cuda.device_array((cap + batch_size) * D, dtype=dt)
    Hs = cuda.device_array((cap + batch_size) * H, dtype=dt)
    Xh = cuda.device_array((cap + batch_size) * H, dtype=dt)
    Pv = cuda.device_array(max(1, cap * D), dtype=dt)
    Hb = cuda.device_array(max(1, cap * H), dtype=dt)
    G = cuda.device_array(H * D, dtype=dt)
    db = cuda.device_array(D, dtype=np.float64)
    dc = cuda.device_array(H, dtype=np.float64)
    vbar = cuda.device_array(D, dtype=np.float64)
    pen = cuda.to_device(np.zeros(H, dtype=np.float64))
    n_batches = (n + batch_size - 1) // batch_size
    sparse_on = sparsity_cost != 0.0
    for t in range(n_batches):
        start = t * batch_size
        m = min(batch_size, n - start)
        n_neg = n_chain if persistent else m
        lo = cap - n_neg
        blocks, threads = grid_1d(m * D)
        gather_rows_kernel[blocks, threads](dX, dorder, start, m, Vs, cap * D)
        # positive phase
        _kc.launch_gemm("nt", Vs, cap * D, D, dW, 0, D, Xh, cap * H, H, m, H, D)
        blocks, threads = grid_1d(m * H)
        sigmoid_kernel[blocks, threads](Xh, cap * H, dc_hid, m, H, 0, np.uint64(0), 1.0,
                                        Hs, cap * H)
        # chain start
        if persistent:
            blocks, threads = grid_1d(n_neg * H)
            _kc.copy_kernel[blocks, threads](dchain, 0, Hb, 0, n_neg * H)
        else:
            bernoulli_kernel[blocks, threads](Hs, cap * H, m * H, _key(seed, epoch, t * 64),
                                              Hb, 0)
        # k Gibbs steps
        for s in range(k):
            _kc.launch_gemm("nn", Hb, 0, H, dW, 0, D, Pv, 0, D, n_neg, D, H)
            blocks, threads = grid_1d(n_neg * D)
            sigmoid_kernel[blocks, threads](Pv, 0, db_vis, n_neg, D, 2 if gaussian else 1,
                                            _key(seed, epoch, t * 64 + 1 + 2 * s), 1.0,
                                            Vs, lo * D)
            _kc.launch_gemm("nt", Vs, lo * D, D, dW, 0, D, Xh, lo * H, H, n_neg, H, D)
            if s < k - 1:
                blocks, threads = grid_1d(n_neg * H)
                sigmoid_kernel[blocks, threads](Xh, lo * H, dc_hid, n_neg, H, 1,
                                                _key(seed, epoch, t * 64 + 2 + 2 * s), 1.0,
                                                Hb, 0)
        scale = m / n_neg
        blocks, threads = grid_1d(n_neg * H)
        negative_hidden_kernel[blocks, threads](Xh, lo, n_neg, dc_hid, int(bool(persistent)),
                                                _key(seed, epoch, t * 64 + 2 * k + 1),
                                                scale, dchain, Hs)
        blocks, threads = grid_1d(D + H)
        bias_sums_kernel[blocks, threads](Vs, Hs, lo, cap, m, scale, D, H, db, dc, vbar)
        rows = cap + m - lo
        _kc.launch_gemm("tn", Hs, lo * H, H, Vs, lo * D, D, G, 0, D, H, D, rows)
        if sparse_on:
            sparsity_kernel[blocks, threads](Hs, cap, m, state["q_hid"], pen, vbar,
                                             float(sparsity_target), float(sparsity_cost),
                                             D, H)
        blocks, threads = grid_1d(H * D + H + D)
        rbm_update_kernel[blocks, threads](G, dW, db_vis, dc_hid, state["vel_W"],
                                           state["vel_b"], state["vel_c"], db, dc, vbar,
                                           pen, m, float(learning_rate), float(momentum),
                                           float(weight_decay))
    for name, arr in (("W", W), ("b_vis", b_vis), ("c_hid", c_hid), ("h_chain", h_chain),
                      ("vel_W", vel_W), ("vel_b", vel_b), ("vel_c", vel_c),
                      ("q_hid", q_hid)):
        arr[...] = state[name].copy_to_host().reshape(arr.shape)


def _hidden_pre(V, W):
    """Device V, W and the product V @ W^T, all flat row-major."""
    n, D = V.shape
    H = W.shape[0]
    dV = cuda.to_device(np.ascontiguousarray(V).ravel())
    dW = cuda.to_device(np.ascontiguousarray(W).ravel())
    Xh = cuda.device_array(max(1, n * H), dtype=W.dtype)
    _kc.launch_gemm("nt", dV, 0, D, dW, 0, D, Xh, 0, H, n, H, D)
    return dV, dW, Xh


def rbm_gibbs(V, W, b_vis, c_hid, seed, stream, gaussian):
    """One Gibbs step v -> h -> v' for every row of V (returns v', V.dtype)."""
    n, D = V.shape
    H = W.shape[0]
    out = np.empty((n, D), dtype=W.dtype)
    if n == 0:
        return out
    _, dW, Xh = _hidden_pre(V, W)
    Hb = cuda.device_array(n * H, dtype=W.dtype)
    blocks, threads = grid_1d(n * H)
    sigmoid_kernel[blocks, threads](Xh, 0, cuda.to_device(c_hid), n, H, 1,
                                    _key(seed, stream, 0), 1.0, Hb, 0)
    Pv = cuda.device_array(n * D, dtype=W.dtype)
    _kc.launch_gemm("nn", Hb, 0, H, dW, 0, D, Pv, 0, D, n, D, H)
    dout = cuda.device_array(n * D, dtype=W.dtype)
    blocks, threads = grid_1d(n * D)
    sigmoid_kernel[blocks, threads](Pv, 0, cuda.to_device(b_vis), n, D,
                                    2 if gaussian else 1, _key(seed, stream, 1), 1.0, dout, 0)
    out[...] = dout.copy_to_host().reshape(n, D)
    return out


def rbm_mean_hiddens(V, W, c_hid):
    """P(h = 1 | v) with the exact logistic function (V.dtype)."""
    n = V.shape[0]
    H = W.shape[0]
    if n == 0:
        return np.empty((0, H), dtype=V.dtype)
    _, _, Xh = _hidden_pre(V, W)
    out = cuda.device_array(n * H, dtype=V.dtype)
    blocks, threads = grid_1d(n * H)
    sigmoid_kernel[blocks, threads](Xh, 0, cuda.to_device(c_hid), n, H, 3, np.uint64(0),
                                    1.0, out, 0)
    return out.copy_to_host().reshape(n, H)


def rbm_free_energy(V, W, b_vis, c_hid, gaussian):
    """Free energy of every row (float64), see rbm_cpu.rbm_free_energy."""
    n = V.shape[0]
    if n == 0:
        return np.empty(0, dtype=np.float64)
    dV, _, Xh = _hidden_pre(V, W)
    out = cuda.device_array(n, dtype=np.float64)
    blocks, threads = grid_1d(n)
    free_energy_kernel[blocks, threads](dV, n, Xh, cuda.to_device(b_vis), cuda.to_device(c_hid),
                                        int(bool(gaussian)), out)
    return out.copy_to_host()


def rbm_pseudo_likelihood(V, W, b_vis, c_hid):
    """Exact log pseudo-likelihood of every row (float64)."""
    n = V.shape[0]
    if n == 0:
        return np.empty(0, dtype=np.float64)
    dV, dW, Xh = _hidden_pre(V, W)
    out = cuda.device_array(n, dtype=np.float64)
    blocks, threads = grid_1d(n)
    pseudo_likelihood_kernel[blocks, threads](dV, n, Xh, dW, cuda.to_device(b_vis),
                                              cuda.to_device(c_hid), out)
    return out.copy_to_host()
