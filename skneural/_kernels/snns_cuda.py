"""CUDA kernels of the SNNS learning functions (mirror of :mod:`.snns`).

Same names, signatures and semantics as :mod:`skneural._kernels.snns`, taking
host NumPy arrays and writing results back into them.  The forward pass,
the tiled GEMMs and the gather are those of :mod:`skneural._kernels.cuda`;
this module adds SNNS's masked-SSE output delta (with the flat-spot term)
and one elementwise kernel for every update rule (online backprop,
momentum, weight decay, batch backprop, Quickprop, Rprop).  Online learners
update after every pattern, so they launch a handful of kernels per
pattern: correct, but a GPU only pays off for the batch learners.
SCG is driven on the host (``skneural._engine``) through :func:`snns_full_grad`.
Sample weights (``sw``, ``None`` = all 1) are gathered with the rows and
scale each pattern's squared errors and output delta, as on the CPU.
"""

import numpy as np
from numba import cuda, float64

from . import cuda as _kc
from .cuda import activation_derivative_dev, block_sum_dev, device_array_for, grid_1d
from .snns import (  # noqa: F401 - the codes are part of this module's API
    BACKPROP_BATCH,
    BACKPROP_CHUNK,
    BACKPROP_MOMENTUM,
    BACKPROP_WEIGHT_DECAY,
    N_SNNS_HYPER,
    N_SNNS_STATE,
    QUICKPROP,
    RPROP,
    S_CHUNK,
    S_DECAY,
    S_DMAX,
    S_ETA,
    S_FLAT,
    S_LAMBDA,
    S_MAX_STEP,
    S_MIN_WEIGHT,
    S_MOMENTUM,
    S_MU,
    S_SIGMA,
    SCG,
    STD_BACKPROP,
)


@cuda.jit
def snns_output_delta_kernel(P, p_off, Y, sw, B, n, out_act, dmax, flat, use_dmax, D, d_off,
                             rowerr):
    """D = -(t - o) (f'(o) + flat) w outside the dmax band; each row's weighted masked SSE."""
    for r in range(cuda.grid(1), B, cuda.gridsize(1)):
        err = 0.0
        w = sw[r]
        for c in range(n):
            o = P[p_off + r * n + c]
            diff = Y[r * n + c] - o
            if use_dmax != 0 and abs(diff) <= dmax:
                D[d_off + r * n + c] = 0.0
            else:
                err += diff * diff * w
                D[d_off + r * n + c] = -diff * (activation_derivative_dev(out_act, o)
                                                + flat) * w
        rowerr[r] = err


@cuda.jit
def snns_update_kernel(learner, params, grad, state, hyper, scale, weight_mask, w_sum,
                       epoch):
    """The update of ``learner`` for every parameter (one thread each).

    ``w_sum`` is the sum of the sample weights (the number of patterns when
    they are all 1): BackpropBatch's eta is divided by it.
    """
    eta = hyper[S_ETA]
    for j in range(cuda.grid(1), params.shape[0], cuda.gridsize(1)):
        g = grad[j]
        if learner == BACKPROP_MOMENTUM:
            step = -eta * scale * g + hyper[S_MOMENTUM] * state[0, j]
            params[j] += step
            state[0, j] = step
        elif learner == BACKPROP_WEIGHT_DECAY:
            if weight_mask[j] != 0:
                params[j] += -eta * scale * g - hyper[S_DECAY] * params[j]
        elif learner == STD_BACKPROP or learner == BACKPROP_CHUNK:
            params[j] -= eta * scale * g
        elif learner == BACKPROP_BATCH:
            if w_sum > 0:
                params[j] -= eta / w_sum * g
        elif learner == QUICKPROP:
            nu = hyper[S_DECAY]
            if epoch > 0 and nu != 0:
                g += nu * params[j]
                grad[j] = g
            mu = hyper[S_MU]
            shrink = mu / (1.0 + mu)
            d = state[0, j]
            sp = state[1, j]
            if d > 0:
                step = -eta * g if g < 0 else 0.0
                if g <= shrink * sp:
                    step += mu * d
                else:
                    step += g / (sp - g) * d
            elif d < 0:
                step = -eta * g if g > 0 else 0.0
                if g >= shrink * sp:
                    step += mu * d
                else:
                    step += g / (sp - g) * d
            else:
                step = -eta * g
            params[j] += step
            state[0, j] = step
            state[1, j] = g
        elif learner == RPROP:
            decay = hyper[S_DECAY]
            if decay != 0:
                g += decay * params[j]
                grad[j] = g
            p = state[1, j]
            if p * g < 0:
                state[0, j] = min(state[0, j] * 1.2, hyper[S_MAX_STEP])
                step = -state[0, j] if g > 0 else state[0, j]
            elif p * g > 0:
                state[0, j] = max(state[0, j] * 0.5, 1e-6)
                step = 0.0
            elif g > 0:
                step = -state[0, j]
            elif g < 0:
                step = state[0, j]
            else:
                step = 0.0
            params[j] += step
            state[1, j] = step


@cuda.jit
def snns_online_update_kernel(learner, params, grad, state, hyper, weight_mask, act, out_off,
                              ybuf, out_w0, n_out, dmax):
    """BackpropMomentum's or BackpropWeightDecay's update after one pattern.

    An output unit the pattern skipped (|t - o| <= dmax; outputs at
    ``act[out_off:]``, targets in ``ybuf``) keeps its incoming weights, its
    bias and their remembered steps: no step, no momentum carry, no decay
    (RSNNS.md).  The output layer's parameters start at ``out_w0``.
    """
    eta = hyper[S_ETA]
    for j in range(cuda.grid(1), params.shape[0], cuda.gridsize(1)):
        if j >= out_w0:
            c = (j - out_w0) % n_out
            if abs(ybuf[c] - act[out_off + c]) <= dmax:
                continue
        g = grad[j]
        if learner == BACKPROP_MOMENTUM:
            step = -eta * g + hyper[S_MOMENTUM] * state[0, j]
            params[j] += step
            state[0, j] = step
        elif weight_mask[j] != 0:
            params[j] += -eta * g - hyper[S_DECAY] * params[j]


@cuda.jit
def sse_sum_kernel(rowerr, B, out, slot):
    """out[slot] += sum(rowerr[:B]); one block."""
    shared = cuda.shared.array(1024, float64)
    acc = 0.0
    for i in range(cuda.threadIdx.x, B, cuda.blockDim.x):
        acc += rowerr[i]
    total = block_sum_dev(acc, shared)
    if cuda.threadIdx.x == 0:
        out[slot] += total


def _weights(sw, n, dtype):
    """The host weights of n rows: ``sw``, or ones when it is None."""
    return np.ones(n, dtype=dtype) if sw is None else np.ascontiguousarray(sw, dtype=dtype)


class _SnnsBuffers:
    def __init__(self, params, grad, layer_sizes, w_off, b_off, a_off, X, T, sw, xbuf, ybuf,
                 swbuf, act_buf, delta_buf):
        self.net = _kc.NetLayout(layer_sizes, w_off, b_off, a_off)
        self.X = device_array_for("X", X, "once")
        self.T = device_array_for("Y", T, "once")
        self.sw = device_array_for("sw", sw, "once")
        self.swbuf = device_array_for("swbuf", swbuf, "never")
        self.params = device_array_for("params", params, "always")
        self.grad = device_array_for("grad", grad, "never")
        self.xbuf = device_array_for("xbuf", xbuf, "never")
        self.ybuf = device_array_for("ybuf", ybuf, "never")
        self.act = device_array_for("act_buf", act_buf, "never")
        self.delta = device_array_for("delta_buf", delta_buf, "never")
        rows = max(1, xbuf.shape[0] // max(1, self.net.sizes[0]))
        self.rowerr = cuda.device_array(rows, dtype=np.float64)
        self.scal = cuda.to_device(np.zeros(2, dtype=np.float64))
        self.istate = cuda.to_device(np.array([0, 1, 0], dtype=np.int64))


def _gather(bufs, dorder, start, B):
    blocks, threads = grid_1d(B * (bufs.X.shape[1] + bufs.T.shape[1] + 1))
    _kc.gather_kernel[blocks, threads](bufs.X, bufs.T, bufs.sw, 1, 1, dorder, start, B,
                                       bufs.xbuf, bufs.ybuf, bufs.swbuf)


def _batch_grad_dev(bufs, hidden_act, out_act, B, dmax, flat, use_dmax, accumulate):
    """Masked SSE of the gathered batch added to scal[0]; gradient (+)= into grad."""
    net = bufs.net
    off = _kc.device_forward(bufs.params, net, hidden_act, out_act, bufs.xbuf, B, bufs.act,
                             0.0, bufs.act, 0, 0, bufs.istate)
    blocks, threads = grid_1d(B)
    snns_output_delta_kernel[blocks, threads](bufs.act, off, bufs.ybuf, bufs.swbuf, B,
                                              net.sizes[net.L], out_act, float(dmax),
                                              float(flat), int(bool(use_dmax)), bufs.delta,
                                              net.a_off[net.L], bufs.rowerr)
    sse_sum_kernel[1, _kc._reduce_threads()](bufs.rowerr, B, bufs.scal, 0)
    _kc.device_backward(bufs.params, bufs.grad, net, hidden_act, bufs.xbuf, B, bufs.act,
                        bufs.delta, float(flat), 0.0, bufs.act, accumulate)


def _full_grad_dev(bufs, dorder, n, hidden_act, out_act, chunk, dmax, flat, use_dmax):
    blocks, threads = grid_1d(bufs.grad.shape[0])
    _kc.fill_kernel[blocks, threads](bufs.grad, 0.0)
    start = 0
    while start < n:
        B = min(int(chunk), n - start)
        _gather(bufs, dorder, start, B)
        _batch_grad_dev(bufs, hidden_act, out_act, B, dmax, flat, use_dmax, 1)
        start += B


def snns_batch_grad(params, grad, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, xbuf, ybuf, B, dmax, flat, use_dmax, act_buf, delta_buf,
                    swbuf=None):
    """Weighted masked SSE of ``B`` gathered patterns; ``grad`` = gradient of half of it."""
    rows = max(1, xbuf.shape[0] // max(1, int(layer_sizes[0])))
    swb = _weights(None, rows, params.dtype)
    if swbuf is not None:
        swb[:B] = swbuf[:B]
    bufs = _SnnsBuffers(params, grad, layer_sizes, w_off, b_off, a_off, xbuf[:1, None],
                        ybuf[:1, None], swb, xbuf, ybuf, swb, act_buf, delta_buf)
    bufs.xbuf.copy_to_device(xbuf)
    bufs.ybuf.copy_to_device(ybuf)
    bufs.swbuf.copy_to_device(swb)
    bufs.act.copy_to_device(act_buf)
    bufs.delta.copy_to_device(delta_buf)
    _batch_grad_dev(bufs, hidden_act, out_act, B, dmax, flat, use_dmax, 0)
    bufs.grad.copy_to_host(grad)
    bufs.act.copy_to_host(act_buf)
    bufs.delta.copy_to_host(delta_buf)
    err = float(bufs.scal.copy_to_host()[0])
    _kc.release_device_cache()
    return err


def snns_full_grad(params, grad, gtmp, layer_sizes, w_off, b_off, a_off, hidden_act,
                   out_act, X, T, order, chunk, dmax, flat, use_dmax, xbuf, ybuf,
                   swbuf, act_buf, delta_buf, sw=None):
    """Weighted masked SSE and summed gradient over every pattern (``gtmp`` is unused)."""
    sw = _weights(sw, X.shape[0], params.dtype)
    bufs = _SnnsBuffers(params, grad, layer_sizes, w_off, b_off, a_off, X, T, sw, xbuf, ybuf,
                        swbuf, act_buf, delta_buf)
    dorder = device_array_for("order", order, "always")
    _full_grad_dev(bufs, dorder, X.shape[0], hidden_act, out_act, chunk, dmax, flat,
                   use_dmax)
    bufs.grad.copy_to_host(grad)
    return float(bufs.scal.copy_to_host()[0])


def snns_error(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act, X, T,
               chunk, dmax, xbuf, ybuf, act_buf, sw=None):
    """SNNS's masked SSE of the network on (X, T), rows weighted by ``sw``, no gradient."""
    net = _kc.NetLayout(layer_sizes, w_off, b_off, a_off)
    dX = cuda.to_device(np.ascontiguousarray(X))
    dT = cuda.to_device(np.ascontiguousarray(T))
    dsw = cuda.to_device(_weights(sw, X.shape[0], params.dtype))
    dswb = cuda.device_array(max(1, int(chunk)), dtype=params.dtype)
    dparams = cuda.to_device(params)
    dx = cuda.device_array(xbuf.shape, dtype=xbuf.dtype)
    dy = cuda.device_array(ybuf.shape, dtype=ybuf.dtype)
    dact = cuda.device_array(act_buf.shape, dtype=act_buf.dtype)
    ddelta = cuda.device_array(act_buf.shape, dtype=act_buf.dtype)
    n = X.shape[0]
    dorder = cuda.to_device(np.arange(n, dtype=np.int64))
    rowerr = cuda.device_array(max(1, int(chunk)), dtype=np.float64)
    scal = cuda.to_device(np.zeros(2, dtype=np.float64))
    istate = cuda.to_device(np.array([0, 1, 0], dtype=np.int64))
    n_out = net.sizes[net.L]
    start = 0
    while start < n:
        B = min(int(chunk), n - start)
        blocks, threads = grid_1d(B * (X.shape[1] + T.shape[1] + 1))
        _kc.gather_kernel[blocks, threads](dX, dT, dsw, 1, 1, dorder, start, B, dx, dy, dswb)
        off = _kc.device_forward(dparams, net, hidden_act, out_act, dx, B, dact, 0.0, dact,
                                 0, 0, istate)
        blocks, threads = grid_1d(B)
        snns_output_delta_kernel[blocks, threads](dact, off, dy, dswb, B, n_out, out_act,
                                                  float(dmax), 0.0, 1, ddelta,
                                                  net.a_off[net.L], rowerr)
        sse_sum_kernel[1, _kc._reduce_threads()](rowerr, B, scal, 0)
        start += B
    return float(scal.copy_to_host()[0])


def snns_train_epoch(learner, params, grad, gtmp, state, weight_mask, layer_sizes,
                     w_off, b_off, a_off, hidden_act, out_act, X, T, order, shuffle,
                     seed, epoch, hyper, chunk, xbuf, ybuf, swbuf, act_buf, delta_buf,
                     sw=None):
    """One epoch of an SNNS learner on the GPU; returns the epoch's weighted masked SSE."""
    sw = _weights(sw, X.shape[0], params.dtype)
    bufs = _SnnsBuffers(params, grad, layer_sizes, w_off, b_off, a_off, X, T, sw, xbuf, ybuf,
                        swbuf, act_buf, delta_buf)
    dorder = device_array_for("order", order, "always")
    dstate = device_array_for("snns_state", state, "always")
    dmask = device_array_for("weight_mask", weight_mask, "always")
    dhyper = cuda.to_device(np.asarray(hyper, dtype=np.float64))
    n = X.shape[0]
    if shuffle:
        _kc.shuffle_kernel[1, 1](dorder, seed, epoch)
    dmax = hyper[S_DMAX]
    flat = hyper[S_FLAT]
    p_blocks, p_threads = grid_1d(params.shape[0])
    net = bufs.net
    n_out = int(net.sizes[net.L])
    out_off = int(net.a_off[net.L])
    out_w0 = int(net.w_off[net.L - 1])
    if learner in (STD_BACKPROP, BACKPROP_MOMENTUM, BACKPROP_WEIGHT_DECAY, BACKPROP_CHUNK):
        k = 1
        if learner == BACKPROP_CHUNK and hyper[S_CHUNK] >= 1:
            k = int(hyper[S_CHUNK])
        start = 0
        while start < n:
            B = min(k, n - start)
            _gather(bufs, dorder, start, B)
            _batch_grad_dev(bufs, hidden_act, out_act, B, dmax, flat, True, 0)
            if learner == BACKPROP_MOMENTUM or learner == BACKPROP_WEIGHT_DECAY:
                snns_online_update_kernel[p_blocks, p_threads](
                    learner, bufs.params, bufs.grad, dstate, dhyper, dmask, bufs.act,
                    out_off, bufs.ybuf, out_w0, n_out, float(dmax))
                start += B
                continue
            scale = 1.0 / B if learner == BACKPROP_CHUNK else 1.0
            snns_update_kernel[p_blocks, p_threads](learner, bufs.params, bufs.grad, dstate,
                                                    dhyper, scale, dmask, 0.0, epoch)
            start += B
    else:
        use_dmax = learner != RPROP
        if learner == RPROP:
            flat = 0.0
        elif learner == QUICKPROP:
            flat = 0.1
        _full_grad_dev(bufs, dorder, n, hidden_act, out_act, chunk, dmax, flat, use_dmax)
        w_sum = float(sw.sum(dtype=np.float64))
        snns_update_kernel[p_blocks, p_threads](learner, bufs.params, bufs.grad, dstate,
                                                dhyper, 1.0, dmask, w_sum, epoch)
    bufs.params.copy_to_host(params)
    bufs.grad.copy_to_host(grad)
    dstate.copy_to_host(state)
    dorder.copy_to_host(order)
    return float(bufs.scal.copy_to_host()[0])
