"""CPU kernels of the multilayer perceptron (Numba ``@njit``).

Every function here is a free function that receives every array it touches.
Parameters live in one flat vector ``params``: for layer ``i`` the weights are
``params[w_off[i]:w_off[i] + n_i * n_{i+1}]`` viewed row-major as
``(n_i, n_{i+1})`` (scikit-learn's ``coefs_[i]``) and the bias is
``params[b_off[i]:b_off[i] + n_{i+1}]`` (``intercepts_[i]``).

Activations of layer ``i >= 1`` for a minibatch of ``B`` rows live in the flat
buffer ``act_buf[a_off[i]:a_off[i] + B * n_i]`` viewed as ``(B, n_i)``; the
deltas and the dropout mask use the same offsets in their own buffers.  The
input minibatch is gathered into the flat buffer ``xbuf``.

A whole epoch (shuffle, every minibatch, forward, backward, optimizer update,
epoch loss) runs in :func:`train_epoch`; Python sees one call per epoch.
The CUDA module :mod:`skneural._kernels.cuda` exposes the same names.
"""

import numpy as np
from numba import njit

from . import CACHE_KERNELS
from .numerics import logistic_body, splitmix64_body  # noqa: F401 - cuda compiles them too

_JIT = dict(cache=CACHE_KERNELS, error_model="numpy", nogil=True)

# Activation codes (see skneural._activations for the name registries).
IDENTITY, LOGISTIC, TANH, RELU, LEAKY_RELU, ELU, SOFTPLUS, SOFTMAX, EXP = range(9)
# SNNS's Act_Identity: the weighted sum WITHOUT the unit's bias (the bias is
# still trained; RSNNS.md "Identity units and bias").  Not a user-facing name:
# estimators trained by an SNNS solver map "identity" to it (snns_act_code).
SNNS_IDENTITY = 9
# Loss codes.
SQUARED_ERROR, LOG_LOSS, BINARY_LOG_LOSS, POISSON, HUBER, ABSOLUTE_ERROR = range(6)
# Optimizer codes.
SGD, ADAM, RMSPROP, ADAGRAD, ADADELTA, ADAMAX, NADAM = range(7)
# Layout of the optimizer hyper-parameter vector.
H_MOMENTUM, H_NESTEROV, H_BETA1, H_BETA2, H_EPSILON, H_RHO, H_CLIP, H_LOSS_PARAM = range(8)
N_HYPER = 8
N_OPT_STATE = 2

LEAKY_SLOPE = 0.01
# Below this many multiply-adds a GEMM runs in plain loops: calling BLAS (and
# its thread pool) costs more than the arithmetic on tiny layers.
GEMM_BLAS_MIN = 16384


# --------------------------------------------------------------------------
# Random numbers: a counter-based hash (splitmix64), identical on every device.
# --------------------------------------------------------------------------
splitmix64 = njit(**_JIT)(splitmix64_body)


@njit(**_JIT)
def uniform01(seed, stream, counter):
    """Uniform double in [0, 1) from (seed, stream, counter)."""
    h = splitmix64(np.uint64(seed) ^ splitmix64(np.uint64(stream)))
    h = splitmix64(h ^ np.uint64(counter))
    return np.float64(h >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(**_JIT)
def shuffle_inplace(order, seed, epoch):
    """Fisher-Yates shuffle of ``order`` driven by (seed, epoch)."""
    n = order.shape[0]
    base = np.uint64(epoch) * np.uint64(0x100000001B3) + np.uint64(1)
    for i in range(n - 1, 0, -1):
        j = np.int64(uniform01(seed, base, i) * (i + 1))
        if j > i:
            j = i
        tmp = order[i]
        order[i] = order[j]
        order[j] = tmp


# --------------------------------------------------------------------------
# Small dense algebra: BLAS when it pays, loops when the layer is tiny.
# --------------------------------------------------------------------------
@njit(**_JIT)
def gemm_nn(a, b, out):
    """out = a @ b."""
    m, k = a.shape
    n = b.shape[1]
    if m * k * n >= GEMM_BLAS_MIN:
        np.dot(a, b, out)
        return
    for i in range(m):
        for j in range(n):
            out[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(n):
                out[i, j] += aip * b[p, j]


@njit(**_JIT)
def gemm_tn(a, b, out):
    """out = a.T @ b."""
    m, k = a.shape
    n = b.shape[1]
    if m * k * n >= GEMM_BLAS_MIN:
        np.dot(a.T, b, out)
        return
    for p in range(k):
        for j in range(n):
            out[p, j] = 0.0
    for i in range(m):
        for p in range(k):
            aip = a[i, p]
            for j in range(n):
                out[p, j] += aip * b[i, j]


@njit(**_JIT)
def gemm_nt(a, b, out):
    """out = a @ b.T."""
    m, n = a.shape
    k = b.shape[0]
    if m * k * n >= GEMM_BLAS_MIN:
        np.dot(a, b.T, out)
        return
    for i in range(m):
        for p in range(k):
            s = 0.0
            for j in range(n):
                s += a[i, j] * b[p, j]
            out[i, p] = s


# --------------------------------------------------------------------------
# Activations.
# --------------------------------------------------------------------------
# the shared definition (numerics.logistic_body): relative error below 1e-13,
# 5-10x cheaper than one exp call per element (PERFORMANCE.md)
fast_logistic = njit(**_JIT)(logistic_body)


@njit(**_JIT)
def activation(code, z):
    """Elementwise activation of a scalar (softmax is handled per row)."""
    if code == LOGISTIC:
        return fast_logistic(z)
    if code == TANH:
        return np.tanh(z)
    if code == RELU:
        return z if z > 0 else 0.0 * z
    if code == LEAKY_RELU:
        return z if z > 0 else LEAKY_SLOPE * z
    if code == ELU:
        return z if z > 0 else np.expm1(z)
    if code == SOFTPLUS:
        if z > 0:
            return z + np.log1p(np.exp(-z))
        return np.log1p(np.exp(z))
    if code == EXP:
        return np.exp(z)
    return z


@njit(**_JIT)
def activation_derivative(code, a):
    """Derivative of the activation, written in terms of its output ``a``."""
    if code == LOGISTIC:
        return a * (1.0 - a)
    if code == TANH:
        return 1.0 - a * a
    if code == RELU:
        return 1.0 if a > 0 else 0.0
    if code == LEAKY_RELU:
        return 1.0 if a > 0 else LEAKY_SLOPE
    if code == ELU:
        return 1.0 if a > 0 else a + 1.0
    if code == SOFTPLUS:
        return -np.expm1(-a)
    return 1.0


@njit(**_JIT)
def bias_activation_inplace(Z, b, code):
    """Z = act(Z + b), row by row (softmax over each row).

    The common activations get their own loops that stay in Z's dtype, so
    that float32 work is not widened to float64 and the loops vectorise.
    """
    B, n = Z.shape
    zero = Z.dtype.type(0)
    slope = Z.dtype.type(LEAKY_SLOPE)
    for r in range(B):
        if code == SOFTMAX:
            mx = -np.inf
            for c in range(n):
                v = Z[r, c] + b[c]
                Z[r, c] = v
                if v > mx:
                    mx = v
            s = 0.0
            for c in range(n):
                e = np.exp(Z[r, c] - mx)
                Z[r, c] = e
                s += e
            inv = 1.0 / s
            for c in range(n):
                Z[r, c] *= inv
        elif code == IDENTITY:
            for c in range(n):
                Z[r, c] += b[c]
        elif code == SNNS_IDENTITY:  # the bias does not enter the output
            continue
        elif code == RELU:
            for c in range(n):
                v = Z[r, c] + b[c]
                Z[r, c] = v if v > zero else zero
        elif code == LEAKY_RELU:
            for c in range(n):
                v = Z[r, c] + b[c]
                Z[r, c] = v if v > zero else v * slope
        elif code == LOGISTIC:
            for c in range(n):
                Z[r, c] = fast_logistic(Z[r, c] + b[c])
        else:
            for c in range(n):
                Z[r, c] = activation(code, Z[r, c] + b[c])


@njit(**_JIT)
def derivative_inplace(code, A, D):
    """D *= act'(A), with the derivative written in terms of the output A."""
    B, n = A.shape
    zero = D.dtype.type(0)
    slope = D.dtype.type(LEAKY_SLOPE)
    if code == IDENTITY or code == SNNS_IDENTITY:
        return
    for r in range(B):
        if code == RELU:
            for c in range(n):
                if A[r, c] <= zero:
                    D[r, c] = zero
        elif code == LEAKY_RELU:
            for c in range(n):
                if A[r, c] <= zero:
                    D[r, c] *= slope
        elif code == LOGISTIC:
            for c in range(n):
                a = A[r, c]
                D[r, c] *= a - a * a
        elif code == TANH:
            for c in range(n):
                a = A[r, c]
                D[r, c] -= D[r, c] * a * a
        else:
            for c in range(n):
                D[r, c] *= activation_derivative(code, A[r, c])


# --------------------------------------------------------------------------
# Forward and backward passes over one minibatch.
# --------------------------------------------------------------------------
@njit(**_JIT)
def forward(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act,
            xbuf, B, act_buf, drop_rate, mask_buf, seed, counter, layer_acts=None,
            layer_drops=None):
    """Forward pass of the ``B`` rows gathered in ``xbuf``.

    With ``drop_rate > 0`` hidden activations are multiplied by an inverted
    dropout mask (0 or 1 / (1 - drop_rate)) drawn from (seed, counter) and
    stored in ``mask_buf``.  ``layer_acts`` / ``layer_drops`` (one entry per
    hidden layer) replace ``hidden_act`` / ``drop_rate`` layer by layer.
    """
    L = layer_sizes.shape[0] - 1
    prev = xbuf[: B * layer_sizes[0]].reshape((B, layer_sizes[0]))
    for i in range(L):
        if i == L - 1:
            code = out_act
            drop = 0.0
        else:
            code = hidden_act if layer_acts is None else layer_acts[i]
            drop = drop_rate if layer_drops is None else layer_drops[i]
        keep_scale = 1.0 / (1.0 - drop) if drop > 0 else 1.0
        n_in = layer_sizes[i]
        n_out = layer_sizes[i + 1]
        W = params[w_off[i]: w_off[i] + n_in * n_out].reshape((n_in, n_out))
        b = params[b_off[i]: b_off[i] + n_out]
        Z = act_buf[a_off[i + 1]: a_off[i + 1] + B * n_out].reshape((B, n_out))
        gemm_nn(prev, W, Z)
        bias_activation_inplace(Z, b, code)
        if drop > 0:
            M = mask_buf[a_off[i + 1]: a_off[i + 1] + B * n_out].reshape((B, n_out))
            stream = np.uint64(counter) * np.uint64(64) + np.uint64(i)
            for r in range(B):
                for c in range(n_out):
                    u = uniform01(seed, stream, r * n_out + c)
                    m = keep_scale if u >= drop else 0.0
                    M[r, c] = m
                    Z[r, c] *= m
        prev = Z
    return prev


@njit(**_JIT)
def output_delta_and_loss(P, ybuf, swbuf, B, loss_code, norm, D, loss_param=1.0):
    """Loss of the batch (without penalty) and the output delta ``D``.

    ``D = dLoss/dz`` for the canonical output/loss pairs (identity+squared
    error, logistic+binary log-loss, softmax+log-loss, exp+Poisson), already
    divided by ``norm`` (the sum of the sample weights).  The robust losses of
    an identity output average over the outputs as squared error does: Huber
    (``loss_param`` = delta: r**2/2 for |r| <= delta, else delta (|r| -
    delta/2); D = r clipped to +-delta) and absolute error (|r|; D = sign(r)).
    """
    n = P.shape[1]
    Y = ybuf[: B * n].reshape((B, n))
    eps = np.finfo(P.dtype).eps
    total = 0.0
    scale = 1.0 / norm
    if loss_code == SQUARED_ERROR or loss_code == HUBER or loss_code == ABSOLUTE_ERROR:
        scale = scale / n
    delta = P.dtype.type(loss_param)
    for r in range(B):
        w = swbuf[r]
        row = 0.0
        for c in range(n):
            p = P[r, c]
            y = Y[r, c]
            if loss_code == SQUARED_ERROR:
                d = p - y
                row += d * d
            elif loss_code == HUBER:
                d = p - y
                if abs(d) <= delta:
                    row += 0.5 * d * d
                else:
                    row += delta * (abs(d) - 0.5 * delta)
                    d = delta if d > 0 else -delta
                D[r, c] = d * w * scale
                continue
            elif loss_code == ABSOLUTE_ERROR:
                d = p - y
                row += abs(d)
                D[r, c] = (1 if d > 0 else (-1 if d < 0 else 0)) * w * scale
                continue
            elif loss_code == LOG_LOSS:
                if y != 0:
                    row -= y * np.log(min(max(p, eps), 1 - eps))
            elif loss_code == BINARY_LOG_LOSS:
                pc = min(max(p, eps), 1 - eps)
                if y != 0:
                    row -= y * np.log(pc)
                if y != 1:
                    row -= (1 - y) * np.log(1 - pc)
            else:  # POISSON
                if y > 0:
                    row += y * np.log(y / p)
                row += p - y
            D[r, c] = (p - y) * w * scale
        total += w * row
    if loss_code == SQUARED_ERROR:
        return 0.5 * total * scale
    return total * scale


@njit(**_JIT)
def batch_loss_grad(params, grad, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, loss_code, xbuf, ybuf, swbuf, B, norm, alpha,
                    act_buf, delta_buf, drop_rate, mask_buf, seed, counter, loss_param=1.0,
                    layer_acts=None, layer_drops=None):
    """Loss and gradient of one gathered minibatch; ``grad`` is overwritten.

    ``norm`` divides loss and gradient (scikit-learn uses the batch's sum of
    sample weights); ``alpha`` is the L2 penalty, applied to weights only.
    """
    L = layer_sizes.shape[0] - 1
    P = forward(params, layer_sizes, w_off, b_off, a_off, hidden_act, out_act,
                xbuf, B, act_buf, drop_rate, mask_buf, seed, counter, layer_acts, layer_drops)
    n_out = layer_sizes[L]
    D = delta_buf[a_off[L]: a_off[L] + B * n_out].reshape((B, n_out))
    loss = output_delta_and_loss(P, ybuf, swbuf, B, loss_code, norm, D, loss_param)
    penalty = 0.0
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
        if alpha != 0.0:
            wf = params[w_off[i]: b_off[i]]
            gf = grad[w_off[i]: b_off[i]]
            ra = gf.dtype.type(alpha / norm)
            for j in range(wf.shape[0]):
                gf[j] += ra * wf[j]
            penalty += np.dot(wf, wf)
        for c in range(n_o):
            gb[c] = 0.0
        for r in range(B):
            for c in range(n_o):
                gb[c] += D[r, c]
        if i > 0:
            Dp = delta_buf[a_off[i]: a_off[i] + B * n_in].reshape((B, n_in))
            gemm_nt(D, W, Dp)
            code = hidden_act if layer_acts is None else layer_acts[i - 1]
            drop = drop_rate if layer_drops is None else layer_drops[i - 1]
            if drop > 0:
                M = mask_buf[a_off[i]: a_off[i] + B * n_in].reshape((B, n_in))
                for r in range(B):
                    for c in range(n_in):
                        m = M[r, c]
                        if m == 0.0:
                            Dp[r, c] = 0.0
                        else:
                            Dp[r, c] *= activation_derivative(code, A[r, c] / m) * m
            else:
                derivative_inplace(code, A, Dp)
            D = Dp
    return loss + 0.5 * alpha * penalty / norm


@njit(**_JIT)
def gather_rows(X, Y, sw, order, start, stop, xbuf, ybuf, swbuf):
    """Copy rows ``order[start:stop]`` of X, Y, sw into the flat batch buffers."""
    nf = X.shape[1]
    no = Y.shape[1]
    total = 0.0
    for r in range(stop - start):
        src = order[start + r]
        for c in range(nf):
            xbuf[r * nf + c] = X[src, c]
        for c in range(no):
            ybuf[r * no + c] = Y[src, c]
        swbuf[r] = sw[src]
        total += sw[src]
    return total


# --------------------------------------------------------------------------
# Optimizers: one elementwise update over the flat parameter vector.
# --------------------------------------------------------------------------
@njit(**_JIT)
def update_params(opt_code, params, grad, state, hyper, lr, t):
    """Apply one update of optimizer ``opt_code``; ``t`` is the 1-based step.

    Scalars are cast to the parameters' dtype once, so the elementwise loops
    stay in float32 for float32 models and vectorise.
    """
    n = params.shape[0]
    ty = params.dtype.type
    b1d = hyper[H_BETA1]
    b2d = hyper[H_BETA2]
    b1 = ty(b1d)
    b2 = ty(b2d)
    omb1 = ty(1.0 - b1d)
    omb2 = ty(1.0 - b2d)
    eps = ty(hyper[H_EPSILON])
    rho = ty(hyper[H_RHO])
    omrho = ty(1.0 - hyper[H_RHO])
    lr_ = ty(lr)
    if opt_code == SGD:
        mom = ty(hyper[H_MOMENTUM])
        nesterov = hyper[H_NESTEROV] != 0.0
        vel = state[0]
        for j in range(n):
            v = mom * vel[j] - lr_ * grad[j]
            vel[j] = v
            if nesterov:
                params[j] += mom * v - lr_ * grad[j]
            else:
                params[j] += v
    elif opt_code == ADAM:
        m = state[0]
        v = state[1]
        lr_t = ty(lr * np.sqrt(1.0 - b2d ** t) / (1.0 - b1d ** t))
        for j in range(n):
            g = grad[j]
            m[j] = b1 * m[j] + omb1 * g
            v[j] = b2 * v[j] + omb2 * g * g
            params[j] -= lr_t * m[j] / (np.sqrt(v[j]) + eps)
    elif opt_code == RMSPROP:
        s = state[0]
        for j in range(n):
            g = grad[j]
            s[j] = rho * s[j] + omrho * g * g
            params[j] -= lr_ * g / (np.sqrt(s[j]) + eps)
    elif opt_code == ADAGRAD:
        s = state[0]
        for j in range(n):
            g = grad[j]
            s[j] += g * g
            params[j] -= lr_ * g / (np.sqrt(s[j]) + eps)
    elif opt_code == ADADELTA:
        s = state[0]
        d = state[1]
        for j in range(n):
            g = grad[j]
            s[j] = rho * s[j] + omrho * g * g
            step = np.sqrt(d[j] + eps) / np.sqrt(s[j] + eps) * g
            d[j] = rho * d[j] + omrho * step * step
            params[j] -= lr_ * step
    elif opt_code == ADAMAX:
        m = state[0]
        u = state[1]
        lr_t = ty(lr / (1.0 - b1d ** t))
        for j in range(n):
            g = grad[j]
            m[j] = b1 * m[j] + omb1 * g
            u[j] = max(b2 * u[j], abs(g))
            params[j] -= lr_t * m[j] / (u[j] + eps)
    else:  # NADAM
        m = state[0]
        v = state[1]
        c1 = ty(b1d / (1.0 - b1d ** (t + 1)))
        c2 = ty((1.0 - b1d) / (1.0 - b1d ** t))
        c3 = ty(1.0 / (1.0 - b2d ** t))
        for j in range(n):
            g = grad[j]
            m[j] = b1 * m[j] + omb1 * g
            v[j] = b2 * v[j] + omb2 * g * g
            m_hat = c1 * m[j] + c2 * g
            params[j] -= lr_ * m_hat / (np.sqrt(v[j] * c3) + eps)


# --------------------------------------------------------------------------
# Drivers: one call per epoch, per full-batch evaluation, per prediction.
# --------------------------------------------------------------------------
@njit(**_JIT)
def clip_gradient_norm(grad, clip):
    """Rescale ``grad`` to Euclidean norm ``clip`` when it is longer."""
    ss = 0.0
    for j in range(grad.shape[0]):
        ss += grad[j] * grad[j]
    norm = np.sqrt(ss)
    if norm > clip:
        f = grad.dtype.type(clip / norm)
        for j in range(grad.shape[0]):
            grad[j] *= f


@njit(**_JIT)
def train_epoch(params, grad, opt_state, layer_sizes, w_off, b_off, a_off,
                hidden_act, out_act, loss_code, X, Y, sw, order, shuffle,
                batch_size, alpha, opt_code, opt_hyper, lr, step, drop_rate,
                seed, epoch, xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf,
                layer_acts=None, layer_drops=None):
    """Run one epoch of minibatch training in compiled code.

    Returns ``(mean loss over the epoch, number of optimizer steps taken so
    far)``.  A minibatch whose sample weights sum to zero is skipped (no
    update, no loss).  If the loss becomes non-finite the epoch stops early
    and returns it, so that the caller can restore its last good weights.
    """
    n = X.shape[0]
    if shuffle:
        shuffle_inplace(order, seed, epoch)
    acc = 0.0
    start = 0
    while start < n:
        stop = min(start + batch_size, n)
        B = stop - start
        norm = gather_rows(X, Y, sw, order, start, stop, xbuf, ybuf, swbuf)
        if norm > 0:
            counter = np.uint64(epoch) * np.uint64(1 << 32) + np.uint64(step)
            loss = batch_loss_grad(params, grad, layer_sizes, w_off, b_off,
                                   a_off, hidden_act, out_act, loss_code, xbuf,
                                   ybuf, swbuf, B, norm, alpha, act_buf,
                                   delta_buf, drop_rate, mask_buf, seed, counter,
                                   opt_hyper[H_LOSS_PARAM], layer_acts, layer_drops)
            if not np.isfinite(loss):
                return loss, step
            if opt_hyper[H_CLIP] > 0:
                clip_gradient_norm(grad, opt_hyper[H_CLIP])
            step += 1
            update_params(opt_code, params, grad, opt_state, opt_hyper, lr, step)
            acc += loss * B
        start = stop
    return acc / n, step


@njit(**_JIT)
def full_loss_grad(params, grad, gtmp, layer_sizes, w_off, b_off, a_off,
                   hidden_act, out_act, loss_code, X, Y, sw, order, chunk,
                   alpha, xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf, loss_param=1.0,
                   layer_acts=None):
    """Loss and gradient over the whole data set, in chunks of ``chunk`` rows.

    The normaliser is the total sample weight, as in scikit-learn's L-BFGS;
    ``loss_param`` is the Huber loss's delta.
    """
    n = X.shape[0]
    total_w = 0.0
    for i in range(n):
        total_w += sw[i]
    for j in range(grad.shape[0]):
        grad[j] = 0.0
    loss = 0.0
    start = 0
    while start < n:
        stop = min(start + chunk, n)
        gather_rows(X, Y, sw, order, start, stop, xbuf, ybuf, swbuf)
        loss += batch_loss_grad(params, gtmp, layer_sizes, w_off, b_off, a_off,
                                hidden_act, out_act, loss_code, xbuf, ybuf,
                                swbuf, stop - start, total_w, 0.0, act_buf,
                                delta_buf, 0.0, mask_buf, 0, np.uint64(0), loss_param,
                                layer_acts, None)
        for j in range(grad.shape[0]):
            grad[j] += gtmp[j]
        start = stop
    if alpha != 0.0:
        L = layer_sizes.shape[0] - 1
        penalty = 0.0
        ra = alpha / total_w
        for i in range(L):
            for j in range(w_off[i], b_off[i]):
                w = params[j]
                penalty += w * w
                grad[j] += ra * w
        loss += 0.5 * alpha * penalty / total_w
    return loss


@njit(**_JIT)
def predict_forward(params, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, X, out, chunk, xbuf, act_buf, layer_acts=None):
    """Output activations of every row of X, written into ``out``."""
    n, nf = X.shape
    L = layer_sizes.shape[0] - 1
    n_out = layer_sizes[L]
    start = 0
    while start < n:
        stop = min(start + chunk, n)
        B = stop - start
        for r in range(B):
            for c in range(nf):
                xbuf[r * nf + c] = X[start + r, c]
        P = forward(params, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, xbuf, B, act_buf, 0.0, act_buf, 0, np.uint64(0), layer_acts, None)
        for r in range(B):
            for c in range(n_out):
                out[start + r, c] = P[r, c]
        start = stop
