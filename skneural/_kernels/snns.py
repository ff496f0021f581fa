"""CPU kernels of the SNNS learning functions (RSNNS's learnFunc).

Implemented from the behaviour described in ``shared/reference/RSNNS.md``
(measured on RSNNS 0.4-18), not from SNNS's source.  The network and the
flat parameter layout are those of :mod:`skneural._kernels.cpu`; the error is
SNNS's: the sum of squared errors over patterns and outputs, skipping outputs
within ``dmax`` of their target.  Gradients are of ``E = 1/2 * masked SSE``,
summed over patterns, with an optional flat-spot constant added to every
unit's activation derivative.

Sample weights: the kernels that take ``sw`` (one weight per row of X,
``None`` meaning every weight is 1) weight pattern i's squared errors, and
so its output delta and its whole back-propagated gradient, by ``sw[i]``:
E = sum_i sw[i] * masked SSE_i.  A weight of 1 multiplies by exactly 1, so
unit weights reproduce the unweighted arithmetic bit for bit.

All arithmetic follows the parameters' dtype: float32 models compute in
float32, as SNNS does.
"""

import numpy as np
from numba import njit

from . import CACHE_KERNELS
from .cpu import (
    IDENTITY,
    LEAKY_RELU,
    LEAKY_SLOPE,
    LOGISTIC,
    RELU,
    SNNS_IDENTITY,
    TANH,
    activation,
    activation_derivative,
    forward,
    gather_rows,
    gemm_nt,
    gemm_tn,
    shuffle_inplace,
)

_JIT = dict(cache=CACHE_KERNELS, error_model="numpy", nogil=True)

# Learner codes.
STD_BACKPROP, BACKPROP_BATCH, BACKPROP_CHUNK, BACKPROP_MOMENTUM, \
    BACKPROP_WEIGHT_DECAY, RPROP, QUICKPROP, SCG = range(8)
# Layout of the hyper-parameter vector.
S_ETA, S_DMAX, S_FLAT, S_MOMENTUM, S_DECAY, S_MU, S_MAX_STEP, S_MIN_WEIGHT, \
    S_SIGMA, S_LAMBDA, S_CHUNK = range(11)
N_SNNS_HYPER = 11
N_SNNS_STATE = 6


@njit(**_JIT)
def _derivative_plus_flat(code, a, flat):
    if code == LOGISTIC:
        return a * (1 - a) + flat
    if code == TANH:
        return 1 - a * a + flat
    if code == IDENTITY or code == SNNS_IDENTITY:
        return 1 + flat
    if code == RELU:
        return (1 if a > 0 else 0) + flat
    if code == LEAKY_RELU:
        return (1 if a > 0 else LEAKY_SLOPE) + flat
    return activation_derivative(code, a) + flat


@njit(**_JIT)
def snns_batch_grad(params, grad, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, xbuf, ybuf, B, dmax, flat, use_dmax, act_buf, delta_buf,
                    swbuf=None):
    """Masked SSE of ``B`` gathered patterns and the gradient of half of it.

    ``grad`` is overwritten with dE/dparams (E = 1/2 masked SSE, summed over
    the patterns, pattern r's share weighted by ``swbuf[r]``; ``None``: all
    weights 1).  With ``use_dmax`` False every output counts (Rprop).
    """
    if swbuf is None:
        w = np.ones(B, dtype=params.dtype)
    else:
        w = swbuf
    ty = params.dtype.type
    L = layer_sizes.shape[0] - 1
    P = forward(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act,
                xbuf, B, act_buf, 0.0, act_buf, 0, np.uint64(0))
    n_out = layer_sizes[L]
    D = delta_buf[a_off[L]: a_off[L] + B * n_out].reshape((B, n_out))
    Y = ybuf[: B * n_out].reshape((B, n_out))
    dm = ty(dmax)
    fl = ty(flat)
    err = 0.0
    for r in range(B):
        wr = w[r]
        for c in range(n_out):
            diff = Y[r, c] - P[r, c]
            if use_dmax and abs(diff) <= dm:
                D[r, c] = 0
            else:
                err += diff * diff * wr
                # dE/dnet = -w (t - o) f'(net); backprop is linear in D, so
                # the pattern's whole gradient is scaled by its weight
                D[r, c] = -diff * _derivative_plus_flat(out_act, P[r, c], fl) * wr
    for i in range(L - 1, -1, -1):
        n_in = layer_sizes[i]
        n_o = layer_sizes[i + 1]
        W = params[w_off[i]: w_off[i] + n_in * n_o].reshape((n_in, n_o))
        gW = grad[w_off[i]: w_off[i] + n_in * n_o].reshape((n_in, n_o))
        gb = grad[b_off[i]: b_off[i] + n_o]
        if i == 0:
            A = xbuf[: B * n_in].reshape((B, n_in))
        else:
            A = act_buf[a_off[i]: a_off[i] + B * n_in].reshape((B, n_in))
        gemm_tn(A, D, gW)
        for c in range(n_o):
            gb[c] = 0
        for r in range(B):
            for c in range(n_o):
                gb[c] += D[r, c]
        if i > 0:
            Dp = delta_buf[a_off[i]: a_off[i] + B * n_in].reshape((B, n_in))
            gemm_nt(D, W, Dp)
            if hidden_act == LOGISTIC:  # the common case, as a branch-free loop
                for r in range(B):
                    for c in range(n_in):
                        a = A[r, c]
                        Dp[r, c] *= a * (1 - a) + fl
            else:
                for r in range(B):
                    for c in range(n_in):
                        Dp[r, c] *= _derivative_plus_flat(hidden_act, A[r, c], fl)
            D = Dp
    return err


@njit(**_JIT)
def snns_full_grad(params, grad, gtmp, layer_sizes, w_off, b_off, a_off, hidden_act,
                   out_act, X, T, order, chunk, dmax, flat, use_dmax, xbuf, ybuf,
                   swbuf, act_buf, delta_buf, sw=None):
    """Weighted masked SSE and summed weighted gradient over every pattern, in chunks.

    ``sw`` holds one weight per row of X (``None``: all 1).
    """
    n = X.shape[0]
    if sw is None:
        w = np.ones(n, dtype=params.dtype)
    else:
        w = sw
    for j in range(grad.shape[0]):
        grad[j] = 0
    err = 0.0
    start = 0
    while start < n:
        stop = min(start + chunk, n)
        gather_rows(X, T, w, order, start, stop, xbuf, ybuf, swbuf)
        err += snns_batch_grad(params, gtmp, layer_sizes, w_off, b_off, a_off,
                               hidden_act, out_act, xbuf, ybuf, stop - start, dmax,
                               flat, use_dmax, act_buf, delta_buf, swbuf)
        for j in range(grad.shape[0]):
            grad[j] += gtmp[j]
        start = stop
    return err


@njit(**_JIT)
def _gather_xt(X, T, order, start, stop, xbuf, ybuf):
    nf = X.shape[1]
    no = T.shape[1]
    for r in range(stop - start):
        src = order[start + r]
        for c in range(nf):
            xbuf[r * nf + c] = X[src, c]
        for c in range(no):
            ybuf[r * no + c] = T[src, c]


@njit(**_JIT)
def snns_error(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act, X, T,
               chunk, dmax, xbuf, ybuf, act_buf, sw=None):
    """SNNS's masked SSE of the network on (X, T), rows weighted by ``sw``
    (``None``: all 1), without a gradient."""
    n = X.shape[0]
    if sw is None:
        w = np.ones(n, dtype=params.dtype)
    else:
        w = sw
    n_out = layer_sizes[layer_sizes.shape[0] - 1]
    order = np.arange(n)
    err = 0.0
    start = 0
    while start < n:
        stop = min(start + chunk, n)
        _gather_xt(X, T, order, start, stop, xbuf, ybuf)
        B = stop - start
        P = forward(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act,
                    xbuf, B, act_buf, 0.0, act_buf, 0, np.uint64(0))
        for r in range(B):
            wr = w[start + r]
            for c in range(n_out):
                diff = ybuf[r * n_out + c] - P[r, c]
                if abs(diff) > dmax:
                    err += diff * diff * wr
        start = stop
    return err


@njit(**_JIT)
def _online_update(learner, params, grad, state, hyper, scale, weight_mask, out_w0, skip):
    """One online/chunk update from a summed gradient ``grad``.

    BackpropMomentum and BackpropWeightDecay leave an output unit that the
    pattern skipped (``skip[c]`` true: ``|t - o| <= dmax``) entirely alone:
    its incoming weights and bias get no step, no momentum carry and no decay,
    and their remembered steps stay (RSNNS.md "dmax in BackpropMomentum and
    BackpropWeightDecay").  ``out_w0`` is where the output layer's
    parameters start; its weights (row by row) and biases follow.
    """
    ty = params.dtype.type
    eta = ty(hyper[S_ETA] * scale)
    n = params.shape[0]
    n_out = skip.shape[0]
    if learner == BACKPROP_MOMENTUM:
        mom = ty(hyper[S_MOMENTUM])
        prev = state[0]
        for j in range(n):
            if j >= out_w0 and skip[(j - out_w0) % n_out]:
                continue
            step = -eta * grad[j] + mom * prev[j]
            params[j] += step
            prev[j] = step
    elif learner == BACKPROP_WEIGHT_DECAY:
        decay = ty(hyper[S_DECAY])
        for j in range(n):
            if j >= out_w0 and skip[(j - out_w0) % n_out]:
                continue
            if weight_mask[j] != 0:
                params[j] += -eta * grad[j] - decay * params[j]
    else:
        for j in range(n):
            params[j] -= eta * grad[j]


@njit(**_JIT)
def _quickprop_update(params, S, state, hyper):
    ty = params.dtype.type
    eta = ty(hyper[S_ETA])
    mu = ty(hyper[S_MU])
    shrink = ty(hyper[S_MU] / (1.0 + hyper[S_MU]))
    dp = state[0]
    Sp = state[1]
    for j in range(params.shape[0]):
        s = S[j]
        d = dp[j]
        if d > 0:
            step = -eta * s if s < 0 else ty(0)
            if s <= shrink * Sp[j]:
                step += mu * d
            else:
                step += s / (Sp[j] - s) * d
        elif d < 0:
            step = -eta * s if s > 0 else ty(0)
            if s >= shrink * Sp[j]:
                step += mu * d
            else:
                step += s / (Sp[j] - s) * d
        else:
            step = -eta * s
        params[j] += step
        dp[j] = step
        Sp[j] = s


@njit(**_JIT)
def _rprop_update(params, S, state, hyper):
    ty = params.dtype.type
    dmax_step = ty(hyper[S_MAX_STEP])
    D = state[0]
    prev = state[1]
    up = ty(1.2)
    down = ty(0.5)
    dmin = ty(1e-6)
    for j in range(params.shape[0]):
        s = S[j]
        p = prev[j]
        if p * s < 0:
            D[j] = min(D[j] * up, dmax_step)
            step = -D[j] if s > 0 else D[j]
        elif p * s > 0:
            D[j] = max(D[j] * down, dmin)
            step = ty(0)
        else:
            if s > 0:
                step = -D[j]
            elif s < 0:
                step = D[j]
            else:
                step = ty(0)
        params[j] += step
        prev[j] = step


@njit(**_JIT)
def snns_train_epoch(learner, params, grad, gtmp, state, weight_mask, layer_sizes,
                     w_off, b_off, a_off, hidden_act, out_act, X, T, order, shuffle,
                     seed, epoch, hyper, chunk, xbuf, ybuf, swbuf, act_buf, delta_buf,
                     sw=None):
    """One epoch of an SNNS learner; returns the epoch's (weighted) masked SSE.

    Online learners update after every pattern (BackpropChunk after every
    ``hyper[S_CHUNK]`` patterns) and report the error accumulated during the
    epoch; batch learners (BackpropBatch, Quickprop, Rprop) report the error
    before their single update.  SCG is driven by ``skneural._engine``.

    ``sw`` (one weight per row of X; ``None``: all 1) weights each pattern's
    error and gradient.  Batch learners use the weighted gradient sum, and
    BackpropBatch divides eta by ``sum(sw)`` where it divided by n; online
    learners scale each pattern's gradient step by its weight (BackpropChunk
    still divides by the chunk's row count), while momentum and weight decay
    act per update as before.
    """
    n = X.shape[0]
    if sw is None:
        w = np.ones(n, dtype=params.dtype)
    else:
        w = sw
    if shuffle:
        shuffle_inplace(order, seed, epoch)
    dmax = hyper[S_DMAX]
    flat = hyper[S_FLAT]
    if learner == STD_BACKPROP or learner == BACKPROP_MOMENTUM or \
            learner == BACKPROP_WEIGHT_DECAY or learner == BACKPROP_CHUNK:
        k = 1
        if learner == BACKPROP_CHUNK and hyper[S_CHUNK] >= 1:
            k = np.int64(hyper[S_CHUNK])
        L = layer_sizes.shape[0] - 1
        n_out = layer_sizes[L]
        out_w0 = w_off[L - 1]
        skip = np.zeros(n_out, dtype=np.bool_)
        per_unit = learner == BACKPROP_MOMENTUM or learner == BACKPROP_WEIGHT_DECAY
        dm = params.dtype.type(dmax)
        err = 0.0
        start = 0
        while start < n:
            stop = min(start + k, n)
            gather_rows(X, T, w, order, start, stop, xbuf, ybuf, swbuf)
            err += snns_batch_grad(params, grad, layer_sizes, w_off, b_off, a_off,
                                   hidden_act, out_act, xbuf, ybuf, stop - start, dmax,
                                   flat, True, act_buf, delta_buf, swbuf)
            if per_unit:  # one pattern: which outputs it skipped
                for c in range(n_out):
                    skip[c] = abs(ybuf[c] - act_buf[a_off[L] + c]) <= dm
            scale = 1.0 / (stop - start) if learner == BACKPROP_CHUNK else 1.0
            _online_update(learner, params, grad, state, hyper, scale, weight_mask, out_w0,
                           skip)
            start = stop
        return err
    use_dmax = learner != RPROP
    if learner == RPROP:
        flat = 0.0
    elif learner == QUICKPROP:
        flat = 0.1
    err = snns_full_grad(params, grad, gtmp, layer_sizes, w_off, b_off, a_off,
                         hidden_act, out_act, X, T, order, chunk, dmax, flat, use_dmax,
                         xbuf, ybuf, swbuf, act_buf, delta_buf, w)
    ty = params.dtype.type
    if learner == BACKPROP_BATCH:
        # the mean gradient: sum(w) in place of n (exactly n for unit weights)
        w_sum = 0.0
        for i in range(n):
            w_sum += w[i]
        if w_sum > 0:
            eta = ty(hyper[S_ETA] / w_sum)
            for j in range(params.shape[0]):
                params[j] -= eta * grad[j]
    elif learner == QUICKPROP:
        nu = ty(hyper[S_DECAY])
        if epoch > 0 and nu != 0:
            # the decay enters through the next epoch's slope
            for j in range(params.shape[0]):
                grad[j] += nu * params[j]
        _quickprop_update(params, grad, state, hyper)
    elif learner == RPROP:
        decay = ty(hyper[S_DECAY])
        if decay != 0:
            for j in range(params.shape[0]):
                grad[j] += decay * params[j]
        _rprop_update(params, grad, state, hyper)
    return err


@njit(**_JIT)
def snns_decay_prune_epoch(params, mask, frozen, layer_sizes, w_off, b_off, hidden_act,
                           out_act, X, T, order, eta, decay, min_weight, dmax, acts, errs,
                           sw=None):
    """One epoch of BackpropWeightDecay that prunes links, pattern by pattern.

    RSNNS.md "Pruning in BackpropWeightDecay": per pattern, every unit from the
    outputs down gets ``bias += eta*delta - decay*bias`` and each of its live
    incoming links, from the highest source unit to the lowest, first sends
    the error back (with its weight before the update), then ``w += eta *
    delta * o_source - decay * w``; a link whose |w| falls under
    ``min_weight`` is deleted (``mask`` 0, weight 0) and the unit's next live
    link is skipped for this pattern (no error, update, decay or test: SNNS's
    quirk).  Outputs within ``dmax`` of their target are skipped whole; an
    output marked in ``frozen`` (indexed like the parameters, at its bias)
    only decays its bias.  Deleted units have a zero bias mask.  ``acts`` and
    ``errs`` hold one value per unit.  Returns the epoch's masked SSE.
    """
    ty = params.dtype.type
    L = layer_sizes.shape[0] - 1
    first = np.zeros(L + 2, dtype=np.int64)
    for i in range(L + 1):
        first[i + 1] = first[i] + layer_sizes[i]
    e = ty(eta)
    d = ty(decay)
    mw = ty(min_weight)
    dm = ty(dmax)
    n_out = layer_sizes[L]
    total = 0.0
    for r in range(X.shape[0]):
        pat = order[r]
        wr = ty(1) if sw is None else sw[pat]
        for c in range(layer_sizes[0]):
            acts[c] = X[pat, c]
        for i in range(L):
            code = out_act if i == L - 1 else hidden_act
            n_in = layer_sizes[i]
            n_o = layer_sizes[i + 1]
            for c in range(n_o):
                z = ty(0)
                for a in range(n_in):
                    z += acts[first[i] + a] * params[w_off[i] + a * n_o + c]
                if code == SNNS_IDENTITY:
                    acts[first[i + 1] + c] = z
                else:
                    acts[first[i + 1] + c] = activation(code, z + params[b_off[i] + c])
        for u in range(first[L + 1]):
            errs[u] = 0
        for c in range(n_out):
            j = first[L] + c
            diff = T[pat, c] - acts[j]
            if abs(diff) <= dm:
                errs[j] = np.nan  # skipped: no error, no change
            else:
                total += diff * diff * wr
                errs[j] = diff * wr
        for i in range(L - 1, -1, -1):
            code = out_act if i == L - 1 else hidden_act
            n_in = layer_sizes[i]
            n_o = layer_sizes[i + 1]
            for c in range(n_o):
                j = first[i + 1] + c
                bi = b_off[i] + c
                if np.isnan(errs[j]) or mask[bi] == 0:  # skipped output, deleted unit
                    continue
                if frozen[bi] != 0:
                    params[bi] -= d * params[bi]
                    continue
                delta = errs[j] * _derivative_plus_flat(code, acts[j], ty(0))
                params[bi] += e * delta - d * params[bi]
                skip_next = False
                for a in range(n_in - 1, -1, -1):
                    k = w_off[i] + a * n_o + c
                    if mask[k] == 0:
                        continue
                    if skip_next:
                        skip_next = False
                        continue
                    w = params[k]
                    if i > 0:
                        errs[first[i] + a] += delta * w
                    w = w + e * delta * acts[first[i] + a] - d * w
                    params[k] = w
                    if abs(w) < mw:
                        params[k] = 0
                        mask[k] = 0
                        skip_next = True
    return total
