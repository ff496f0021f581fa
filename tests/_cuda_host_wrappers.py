"""Host-in, host-out wrappers around skneural's CUDA kernels, with the names and
signatures of the CPU module's smaller kernels (skneural._kernels.cpu): the
CUDA-simulator tests compare them one by one.  Test code, not library code:
the library calls only the whole-epoch entry points of skneural._kernels.cuda.
Module constants are read from skneural._kernels.cuda at call time, so the
tests' monkeypatching of tile and block sizes reaches them.
"""

import numpy as np
from numba import cuda

from skneural._kernels import cuda as _kc

def shuffle_inplace(order, seed, epoch):
    """Fisher-Yates shuffle of ``order`` driven by (seed, epoch)."""
    d = cuda.to_device(order)
    _kc.shuffle_kernel[1, 1](d, seed, epoch)
    d.copy_to_host(order)


def _host_gemm(kind, a, b, out, M, N, K):
    da = cuda.to_device(np.ascontiguousarray(a).ravel())
    db = cuda.to_device(np.ascontiguousarray(b).ravel())
    dc = cuda.device_array(M * N, dtype=out.dtype)
    lda = a.shape[1]
    ldb = b.shape[1]
    _kc.launch_gemm(kind, da, 0, lda, db, 0, ldb, dc, 0, N, M, N, K)
    out[...] = dc.copy_to_host().reshape(M, N)


def gemm_nn(a, b, out):
    """out = a @ b."""
    _host_gemm("nn", a, b, out, a.shape[0], b.shape[1], a.shape[1])


def gemm_tn(a, b, out):
    """out = a.T @ b."""
    _host_gemm("tn", a, b, out, a.shape[1], b.shape[1], a.shape[0])


def gemm_nt(a, b, out):
    """out = a @ b.T."""
    _host_gemm("nt", a, b, out, a.shape[0], b.shape[0], a.shape[1])


def bias_activation_inplace(Z, b, code):
    """Z = act(Z + b), row by row (softmax over each row)."""
    B, n = Z.shape
    dZ = cuda.to_device(np.ascontiguousarray(Z).ravel())
    db = cuda.to_device(b)
    blocks, threads = _kc.grid_1d(B if code == _kc.SOFTMAX else B * n)
    _kc.activation_kernel[blocks, threads](dZ, 0, db, 0, 1, B, n, code, 0.0, dZ, 0, 0,
                                       _kc._istate(0), 0)
    Z[...] = dZ.copy_to_host().reshape(B, n)


def derivative_inplace(code, A, D):
    """D *= act'(A), with the derivative written in terms of the output A."""
    B, n = A.shape
    dA = cuda.to_device(np.ascontiguousarray(A).ravel())
    dD = cuda.to_device(np.ascontiguousarray(D).ravel())
    blocks, threads = _kc.grid_1d(B * n)
    _kc.derivative_kernel[blocks, threads](code, dA, 0, dD, 0, B * n, 0.0, 0.0, dA)
    D[...] = dD.copy_to_host().reshape(B, n)


def gather_rows(X, Y, sw, order, start, stop, xbuf, ybuf, swbuf):
    """Copy rows ``order[start:stop]`` into the flat batch buffers; returns sum(sw)."""
    B = stop - start
    dx = cuda.to_device(xbuf)
    dy = cuda.to_device(ybuf)
    dsw = cuda.to_device(swbuf)
    blocks, threads = _kc.grid_1d(B * (X.shape[1] + Y.shape[1] + 1))
    _kc.gather_kernel[blocks, threads](cuda.to_device(X), cuda.to_device(Y), cuda.to_device(sw),
                                   1, 1, cuda.to_device(order), start, B, dx, dy, dsw)
    scal = cuda.to_device(np.zeros(4))
    _kc.sum_kernel[1, _kc._reduce_threads()](dsw, B, scal, _kc.F_NORM, 0)
    dx.copy_to_host(xbuf)
    dy.copy_to_host(ybuf)
    dsw.copy_to_host(swbuf)
    return float(scal.copy_to_host()[_kc.F_NORM])


def forward(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act,
            xbuf, B, act_buf, drop_rate, mask_buf, seed, counter):
    """Forward pass of the ``B`` rows in ``xbuf``; returns the output block.

    ``counter`` is the CPU's ``epoch << 32 | step`` dropout counter.
    """
    net = _kc.NetLayout(layer_sizes, w_off, b_off, a_off)
    dact = cuda.to_device(act_buf)
    dmask = cuda.to_device(mask_buf)
    counter = int(counter)
    distate = _kc._istate(counter & 0xFFFFFFFF)
    off = _kc.device_forward(cuda.to_device(params), net, hidden_act, out_act,
                         cuda.to_device(xbuf), B, dact, float(drop_rate), dmask, seed,
                         counter >> 32, distate)
    dact.copy_to_host(act_buf)
    dmask.copy_to_host(mask_buf)
    n_out = net.sizes[net.L]
    return act_buf[off: off + B * n_out].reshape((B, n_out))


def output_delta_and_loss(P, ybuf, swbuf, B, loss_code, norm, D, loss_param=1.0):
    """Loss of the batch (without penalty) and the output delta ``D``."""
    n = P.shape[1]
    dD = cuda.device_array(B * n, dtype=D.dtype)
    rowloss = cuda.device_array(max(1, B), dtype=np.float64)
    scal = cuda.to_device(np.array([norm, 0, 0, 0], dtype=np.float64))
    eps = float(np.finfo(P.dtype).eps)
    blocks, threads = _kc.grid_1d(B)
    _kc.output_delta_kernel[blocks, threads](cuda.to_device(np.ascontiguousarray(P).ravel()),
                                         0, cuda.to_device(ybuf), cuda.to_device(swbuf),
                                         B, n, loss_code, scal, eps, dD, 0, rowloss,
                                         float(loss_param))
    _kc.sum_kernel[1, _kc._reduce_threads()](rowloss, B, scal, _kc.F_ACC, 0)
    D[...] = dD.copy_to_host().reshape(B, n)
    total = scal.copy_to_host()[_kc.F_ACC]
    if loss_code == _kc.SQUARED_ERROR:
        return 0.5 * total / (norm * n)
    if loss_code in (_kc.HUBER, _kc.ABSOLUTE_ERROR):
        return total / (norm * n)
    return total / norm


def batch_loss_grad(params, grad, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, loss_code, xbuf, ybuf, swbuf, B, norm, alpha,
                    act_buf, delta_buf, drop_rate, mask_buf, seed, counter):
    """Loss and gradient of one gathered minibatch; ``grad`` is overwritten."""
    bufs = _kc._EpochBuffers(params, grad, layer_sizes, w_off, b_off, a_off, act_buf[:1, None],
                         act_buf[:1, None], swbuf, xbuf, ybuf, swbuf, act_buf, delta_buf,
                         mask_buf)
    bufs.xbuf.copy_to_device(xbuf)
    bufs.ybuf.copy_to_device(ybuf)
    bufs.swbuf.copy_to_device(swbuf)
    for dev, host in ((bufs.act, act_buf), (bufs.delta, delta_buf), (bufs.mask, mask_buf)):
        dev.copy_to_device(host)  # regions the batch does not touch keep their values
    bufs.scal.copy_to_device(np.array([norm, 0, 0, 0], dtype=np.float64))
    counter = int(counter)
    distate = _kc._istate(counter & 0xFFFFFFFF)
    n_part = _kc._batch_loss_grad_dev(bufs, hidden_act, out_act, loss_code, B, float(alpha),
                                  float(drop_rate), seed, counter >> 32, distate,
                                  float(np.finfo(params.dtype).eps))
    losses = cuda.device_array(1, dtype=np.float64)
    flags = cuda.device_array(1, dtype=np.int64)
    _kc.finish_batch_kernel[1, _kc._reduce_threads()](bufs.rowloss, B, bufs.partials, n_part,
                                              bufs.scal, distate, losses, flags, 0,
                                              float(alpha), loss_code, bufs.net.sizes[-1])
    bufs.grad.copy_to_host(grad)
    bufs.act.copy_to_host(act_buf)
    bufs.delta.copy_to_host(delta_buf)
    bufs.mask.copy_to_host(mask_buf)
    _kc.release_device_cache()
    return float(losses.copy_to_host()[0])


def update_params(opt_code, params, grad, state, hyper, lr, t):
    """Apply one update of optimizer ``opt_code``; ``t`` is the 1-based step."""
    dparams = cuda.to_device(params)
    dstate = cuda.to_device(state)
    blocks, threads = _kc.grid_1d(params.shape[0])
    _kc.update_kernel[blocks, threads](opt_code, dparams, cuda.to_device(grad), dstate,
                                   cuda.to_device(np.asarray(hyper, dtype=np.float64)),
                                   float(lr), _kc._istate(t))
    dparams.copy_to_host(params)
    dstate.copy_to_host(state)
