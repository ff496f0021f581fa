"""CUDA kernels of the multilayer perceptron (``numba.cuda``).

The public functions have the names and signatures of
:mod:`skneural._kernels.cpu`: they take host NumPy arrays, run on the GPU and
write their results back into the host arrays they were given, so an
estimator only has to pick the module.  The flat parameter layout (``w_off``,
``b_off``), the activation buffer offsets (``a_off``), the activation, loss
and optimizer codes and the counter-based random numbers are the CPU's.

Inside, one epoch works like this:

* the training data (``X``, ``Y``, ``sw``) is copied to the device once and
  kept in a small cache keyed on the host array's identity; parameters,
  optimizer state and the row order are uploaded at the start of a call and
  copied back at its end;
* the shuffle (a one-thread Fisher-Yates kernel on the CPU's splitmix64
  stream) and the minibatch gather (one thread per element) run on the device;
* the three matrix products are a tiled shared-memory GEMM
  (``GEMM_TILE`` x ``GEMM_TILE`` tiles) in three variants (nn, tn, nt).  The
  bias rides along as an extra row of the weight matrix, which the flat
  layout already stores right after it: the forward product is
  ``[A | 1] @ [W; b]`` and the gradient product is ``[A | 1]^T @ D``, so the
  bias gradient comes out of the same GEMM;
* activation (+ inverted dropout), derivative, output delta + loss and the
  optimizer update are elementwise kernels (grid-stride loops);
* the loss of a batch is reduced on the device; the host reads one vector of
  per-batch losses per epoch.  Whether a batch counts (positive weight sum,
  finite loss) and the optimizer's step counter live on the device too, so
  the host never waits inside an epoch.

``GEMM_TILE``, ``BLOCK_THREADS`` and ``MAX_BLOCKS`` are read at launch time;
the tests lower them so that Numba's CUDA simulator (one Python thread per
CUDA thread) stays fast.  ``BLOCK_THREADS`` must be a power of two <= 1024.
"""

import contextlib
import math
import threading
import warnings
import weakref

import numpy as np
from numba import cuda, float32, float64
from numba.core.errors import NumbaPerformanceWarning

from .cpu import (  # noqa: F401 - the codes are part of this module's API
    ADADELTA,
    ADAGRAD,
    ADAM,
    ADAMAX,
    BINARY_LOG_LOSS,
    ELU,
    EXP,
    H_BETA1,
    H_BETA2,
    H_EPSILON,
    H_MOMENTUM,
    H_NESTEROV,
    H_CLIP,
    H_LOSS_PARAM,
    H_RHO,
    HUBER,
    ABSOLUTE_ERROR,
    IDENTITY,
    LEAKY_RELU,
    LEAKY_SLOPE,
    LOG_LOSS,
    LOGISTIC,
    N_HYPER,
    N_OPT_STATE,
    NADAM,
    POISSON,
    RELU,
    RMSPROP,
    SGD,
    SNNS_IDENTITY,
    SOFTMAX,
    SOFTPLUS,
    SQUARED_ERROR,
    TANH,
    logistic_body,
    splitmix64_body,
)

# Single-block reductions, the one-thread shuffle and small layers launch
# small grids on purpose; numba-cuda would warn about each of them.
warnings.filterwarnings("ignore", message=r"Grid size \d+ will likely result in GPU",
                        category=NumbaPerformanceWarning)

GEMM_TILE = 16
BLOCK_THREADS = 256
MAX_BLOCKS = 512
_SHARED_REDUCE = 1024  # shared float64 slots of a block reduction (>= BLOCK_THREADS)

# Slots of the device integer state of an epoch.
I_STEP, I_OK, I_ABORT = range(3)
# Slots of the device float64 scalars.
F_NORM, F_ACC = range(2)


# --------------------------------------------------------------------------
# Device cache of host arrays, per fit and per thread: one entry per role,
# dropped when another array arrives for the role, when the fit's
# device_session() ends, or by release_device_cache().  Two fits running in two
# threads never share an entry.
# --------------------------------------------------------------------------
_LOCAL = threading.local()


def _session_cache():
    cache = getattr(_LOCAL, "cache", None)
    if cache is None:
        cache = _LOCAL.cache = {}
    return cache


@contextlib.contextmanager
def device_session():
    """A fresh device cache for the duration of one fit (this thread only)."""
    previous = getattr(_LOCAL, "cache", None)
    cache = _LOCAL.cache = {}
    try:
        yield cache
    finally:
        cache.clear()
        _LOCAL.cache = previous


def release_device_cache():
    """Drop every device copy of this thread's current session."""
    _session_cache().clear()


def device_array_for(role, host, upload):
    """Device array mirroring ``host`` for ``role``.

    ``upload`` is ``"once"`` (copy when the host array is new to the role: the
    training data), ``"always"`` (copy on every call: parameters and state
    the host may have changed between calls) or ``"never"`` (scratch space of
    the same shape and dtype).
    """
    cache = _session_cache()
    entry = cache.get(role)
    if entry is not None:
        ref, dev = entry
        if ref() is host and dev.shape == host.shape and dev.dtype == host.dtype:
            if upload == "always":
                dev.copy_to_device(host)
            return dev
    if upload == "never":
        dev = cuda.device_array(host.shape, dtype=host.dtype)
    else:
        dev = cuda.to_device(np.ascontiguousarray(host))
    cache[role] = (weakref.ref(host), dev)
    return dev


# --------------------------------------------------------------------------
# Device functions: the CPU's random numbers and activations.
# --------------------------------------------------------------------------
# cpu.splitmix64's definition, compiled as a device function (the same bits)
splitmix64_dev = cuda.jit(device=True)(splitmix64_body)
# the logistic every kernel shares (numerics.logistic_body): the CPU's bits
logistic_dev = cuda.jit(device=True)(logistic_body)


@cuda.jit(device=True)
def uniform01_dev(seed, stream, counter):
    """Uniform double in [0, 1) from (seed, stream, counter), as cpu.uniform01."""
    h = splitmix64_dev(np.uint64(seed) ^ splitmix64_dev(np.uint64(stream)))
    h = splitmix64_dev(h ^ np.uint64(counter))
    return np.float64(h >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@cuda.jit(device=True)
def activation_dev(code, z):
    """Elementwise activation in float64 (softmax is handled per row)."""
    if code == LOGISTIC:
        return logistic_dev(z)
    if code == TANH:
        return math.tanh(z)
    if code == RELU:
        return z if z > 0 else 0.0
    if code == LEAKY_RELU:
        return z if z > 0 else LEAKY_SLOPE * z
    if code == ELU:
        return z if z > 0 else math.expm1(z)
    if code == SOFTPLUS:
        if z > 0:
            return z + math.log1p(math.exp(-z))
        return math.log1p(math.exp(z))
    if code == EXP:
        return math.exp(z)
    return z


@cuda.jit(device=True)
def activation_derivative_dev(code, a):
    """Derivative of the activation in terms of its output ``a``."""
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
        return -math.expm1(-a)
    return 1.0


@cuda.jit(device=True)
def block_sum_dev(val, shared):
    """Sum of ``val`` over the threads of a block (power-of-two blockDim.x)."""
    tid = cuda.threadIdx.x
    shared[tid] = val
    cuda.syncthreads()
    s = cuda.blockDim.x // 2
    while s > 0:
        if tid < s:
            shared[tid] += shared[tid + s]
        cuda.syncthreads()
        s //= 2
    total = shared[0]
    cuda.syncthreads()
    return total


# --------------------------------------------------------------------------
# Tiled GEMM: C[M, N] (+)= op(A)[M, K] @ op(B)[K, N] on flat row-major buffers.
# ``ones`` appends a row/column of ones to op(A) (the bias trick, see above).
# --------------------------------------------------------------------------
_GEMM_CACHE = {}


def _make_gemm_kernels(tile, nb_dtype):
    T = tile
    TP = tile + 1  # padded rows: no shared-memory bank conflicts on transposed stores

    @cuda.jit
    def gemm_nn_kernel(A, a_off, lda, Bm, b_off, ldb, C, c_off, ldc, M, N, K, ones,
                       accumulate):
        """op(A)[i, p] = A[i, p] (p < K - ones), 1 for p = K - 1 when ones."""
        sa = cuda.shared.array((T, TP), nb_dtype)
        sb = cuda.shared.array((T, TP), nb_dtype)
        tx = cuda.threadIdx.x
        ty = cuda.threadIdx.y
        row = cuda.blockIdx.y * T + ty
        col = cuda.blockIdx.x * T + tx
        acc = 0.0
        for t0 in range(0, K, T):
            p = t0 + tx
            if row < M and p < K:
                if ones != 0 and p == K - 1:
                    sa[ty, tx] = 1.0
                else:
                    sa[ty, tx] = A[a_off + row * lda + p]
            else:
                sa[ty, tx] = 0.0
            q = t0 + ty
            if q < K and col < N:
                sb[ty, tx] = Bm[b_off + q * ldb + col]
            else:
                sb[ty, tx] = 0.0
            cuda.syncthreads()
            for pp in range(T):
                acc += sa[ty, pp] * sb[pp, tx]
            cuda.syncthreads()
        if row < M and col < N:
            if accumulate != 0:
                C[c_off + row * ldc + col] += acc
            else:
                C[c_off + row * ldc + col] = acc

    @cuda.jit
    def gemm_tn_kernel(A, a_off, lda, Bm, b_off, ldb, C, c_off, ldc, M, N, K, ones,
                       accumulate):
        """op(A)[i, p] = A[p, i] (A stored K x lda); row M - 1 is ones when ones."""
        sa = cuda.shared.array((T, TP), nb_dtype)
        sb = cuda.shared.array((T, TP), nb_dtype)
        tx = cuda.threadIdx.x
        ty = cuda.threadIdx.y
        row = cuda.blockIdx.y * T + ty
        col = cuda.blockIdx.x * T + tx
        arow = cuda.blockIdx.y * T + tx   # coalesced load: A[p, arow]
        acc = 0.0
        for t0 in range(0, K, T):
            p = t0 + ty
            if arow < M and p < K:
                if ones != 0 and arow == M - 1:
                    sa[tx, ty] = 1.0
                else:
                    sa[tx, ty] = A[a_off + p * lda + arow]
            else:
                sa[tx, ty] = 0.0
            if p < K and col < N:
                sb[ty, tx] = Bm[b_off + p * ldb + col]
            else:
                sb[ty, tx] = 0.0
            cuda.syncthreads()
            for pp in range(T):
                acc += sa[ty, pp] * sb[pp, tx]
            cuda.syncthreads()
        if row < M and col < N:
            if accumulate != 0:
                C[c_off + row * ldc + col] += acc
            else:
                C[c_off + row * ldc + col] = acc

    @cuda.jit
    def gemm_nt_kernel(A, a_off, lda, Bm, b_off, ldb, C, c_off, ldc, M, N, K, ones,
                       accumulate):
        """op(B)[p, j] = B[j, p] (B stored N x ldb); ``ones`` is ignored."""
        sa = cuda.shared.array((T, TP), nb_dtype)
        sb = cuda.shared.array((T, TP), nb_dtype)
        tx = cuda.threadIdx.x
        ty = cuda.threadIdx.y
        row = cuda.blockIdx.y * T + ty
        col = cuda.blockIdx.x * T + tx
        bcol = cuda.blockIdx.x * T + ty   # coalesced load: B[bcol, p]
        acc = 0.0
        for t0 in range(0, K, T):
            p = t0 + tx
            if row < M and p < K:
                sa[ty, tx] = A[a_off + row * lda + p]
            else:
                sa[ty, tx] = 0.0
            if bcol < N and p < K:
                sb[tx, ty] = Bm[b_off + bcol * ldb + p]
            else:
                sb[tx, ty] = 0.0
            cuda.syncthreads()
            for pp in range(T):
                acc += sa[ty, pp] * sb[pp, tx]
            cuda.syncthreads()
        if row < M and col < N:
            if accumulate != 0:
                C[c_off + row * ldc + col] += acc
            else:
                C[c_off + row * ldc + col] = acc

    return {"nn": gemm_nn_kernel, "tn": gemm_tn_kernel, "nt": gemm_nt_kernel}


def launch_gemm(kind, A, a_off, lda, Bm, b_off, ldb, C, c_off, ldc, M, N, K,
                ones=0, accumulate=0):
    """Launch the tiled GEMM ``kind`` ("nn", "tn", "nt") on flat device buffers."""
    T = int(GEMM_TILE)
    key = (T, np.dtype(C.dtype).str)
    kernels = _GEMM_CACHE.get(key)
    if kernels is None:
        nb = float32 if np.dtype(C.dtype) == np.float32 else float64
        kernels = _GEMM_CACHE[key] = _make_gemm_kernels(T, nb)
    if M <= 0 or N <= 0:
        return
    grid = ((N + T - 1) // T, (M + T - 1) // T)
    kernels[kind][grid, (T, T)](A, a_off, lda, Bm, b_off, ldb, C, c_off, ldc, M, N, K,
                                ones, accumulate)


def grid_1d(n):
    """(blocks, threads) of a grid-stride launch over ``n`` items."""
    threads = int(BLOCK_THREADS)
    blocks = max(1, min(int(MAX_BLOCKS), (int(n) + threads - 1) // threads))
    return blocks, threads


# --------------------------------------------------------------------------
# Elementwise and reduction kernels.
# --------------------------------------------------------------------------
@cuda.jit
def shuffle_kernel(order, seed, epoch):
    """Fisher-Yates shuffle of ``order`` by (seed, epoch): one thread, as on CPU."""
    if cuda.grid(1) != 0:
        return
    n = order.shape[0]
    base = np.uint64(epoch) * np.uint64(0x100000001B3) + np.uint64(1)
    for i in range(n - 1, 0, -1):
        j = np.int64(uniform01_dev(seed, base, i) * (i + 1))
        if j > i:
            j = i
        tmp = order[i]
        order[i] = order[j]
        order[j] = tmp


@cuda.jit
def gather_kernel(X, Y, sw, has_y, has_sw, order, start, B, xbuf, ybuf, swbuf):
    """Rows ``order[start:start + B]`` of X (, Y, sw) into flat batch buffers."""
    nf = X.shape[1]
    no = Y.shape[1]
    nx = B * nf
    ny = B * no if has_y != 0 else 0
    total = nx + ny + (B if has_sw != 0 else 0)
    for idx in range(cuda.grid(1), total, cuda.gridsize(1)):
        if idx < nx:
            r = idx // nf
            xbuf[idx] = X[order[start + r], idx - r * nf]
        elif idx < nx + ny:
            k = idx - nx
            r = k // no
            ybuf[k] = Y[order[start + r], k - r * no]
        else:
            r = idx - nx - ny
            swbuf[r] = sw[order[start + r]]


@cuda.jit
def sum_kernel(x, n, out, slot, accumulate):
    """out[slot] (+)= sum(x[:n]) in float64; one block."""
    shared = cuda.shared.array(_SHARED_REDUCE, float64)
    acc = 0.0
    for i in range(cuda.threadIdx.x, n, cuda.blockDim.x):
        acc += x[i]
    total = block_sum_dev(acc, shared)
    if cuda.threadIdx.x == 0:
        if accumulate != 0:
            out[slot] += total
        else:
            out[slot] = total


@cuda.jit
def activation_kernel(Z, z_off, bias, b_off, has_bias, B, n, code, drop_rate, mask,
                      seed, epoch, istate, layer):
    """Z = act(Z (+ b)) on a (B, n) block; hidden layers may apply dropout.

    The dropout mask uses the CPU's stream ``(epoch << 32 + step) * 64 +
    layer`` and counter ``r * n + c``; the step is read from ``istate``.
    """
    start = cuda.grid(1)
    stride = cuda.gridsize(1)
    if code == SOFTMAX:
        for r in range(start, B, stride):
            base = z_off + r * n
            mx = -math.inf
            for c in range(n):
                v = Z[base + c]
                if has_bias != 0:
                    v += bias[b_off + c]
                Z[base + c] = v
                if v > mx:
                    mx = v
            s = 0.0
            for c in range(n):
                e = math.exp(Z[base + c] - mx)
                Z[base + c] = e
                s += e
            inv = 1.0 / s
            for c in range(n):
                Z[base + c] *= inv
        return
    keep_scale = 1.0 / (1.0 - drop_rate) if drop_rate > 0 else 1.0
    counter = np.uint64(epoch) * np.uint64(4294967296) + np.uint64(istate[I_STEP])
    stream = counter * np.uint64(64) + np.uint64(layer)
    for idx in range(start, B * n, stride):
        v = Z[z_off + idx]
        if has_bias != 0:
            v += bias[b_off + idx % n]
        a = activation_dev(code, v)
        if drop_rate > 0:
            u = uniform01_dev(seed, stream, idx)
            m = keep_scale if u >= drop_rate else 0.0
            mask[z_off + idx] = m
            a = a * m
        Z[z_off + idx] = a


@cuda.jit
def derivative_kernel(code, A, a_off, D, d_off, count, flat, drop_rate, mask):
    """D *= act'(A) + flat (with the dropout mask of A when drop_rate > 0)."""
    for idx in range(cuda.grid(1), count, cuda.gridsize(1)):
        if drop_rate > 0:
            m = mask[a_off + idx]
            if m == 0.0:
                D[d_off + idx] = 0.0
            else:
                D[d_off + idx] *= (activation_derivative_dev(code, A[a_off + idx] / m)
                                   + flat) * m
        elif code != IDENTITY or flat != 0.0:
            D[d_off + idx] *= activation_derivative_dev(code, A[a_off + idx]) + flat


@cuda.jit
def output_delta_kernel(P, p_off, Y, sw, B, n, loss_code, scal, eps, D, d_off, rowloss,
                        loss_param):
    """Output delta ``(p - y) w / norm`` and each row's weighted loss (float64);
    Huber (delta ``loss_param``) and absolute error as cpu.output_delta_and_loss."""
    norm = scal[F_NORM]
    scale = 1.0 / norm
    robust = loss_code == HUBER or loss_code == ABSOLUTE_ERROR
    if loss_code == SQUARED_ERROR or robust:
        scale = scale / n
    for r in range(cuda.grid(1), B, cuda.gridsize(1)):
        w = sw[r]
        row = 0.0
        for c in range(n):
            p = P[p_off + r * n + c]
            y = Y[r * n + c]
            g = p - y
            if loss_code == SQUARED_ERROR:
                d = p - y
                row += d * d
            elif loss_code == HUBER:
                if abs(g) <= loss_param:
                    row += 0.5 * g * g
                else:
                    row += loss_param * (abs(g) - 0.5 * loss_param)
                    g = loss_param if g > 0 else -loss_param
            elif loss_code == ABSOLUTE_ERROR:
                row += abs(g)
                g = 1.0 if g > 0 else (-1.0 if g < 0 else 0.0)
            elif loss_code == LOG_LOSS:
                if y != 0:
                    row -= y * math.log(min(max(p, eps), 1 - eps))
            elif loss_code == BINARY_LOG_LOSS:
                pc = min(max(p, eps), 1 - eps)
                if y != 1:
                    row -= (1 - y) * math.log(1 - pc)
                if y != 0:
                    row -= y * math.log(pc)
            else:  # POISSON
                if y > 0:
                    row += y * math.log(y / p)
                row += p - y
            D[d_off + r * n + c] = g * w * scale
        rowloss[r] = w * row


@cuda.jit
def grad_sq_kernel(grad, partials):
    """Per-block partial sums of grad**2 (for clip_kernel)."""
    shared = cuda.shared.array(_SHARED_REDUCE, float64)
    acc = 0.0
    for j in range(cuda.grid(1), grad.shape[0], cuda.gridsize(1)):
        acc += grad[j] * grad[j]
    total = block_sum_dev(acc, shared)
    if cuda.threadIdx.x == 0:
        partials[cuda.blockIdx.x] = total


@cuda.jit
def clip_kernel(grad, partials, n_partials, clip):
    """Rescale grad to Euclidean norm ``clip`` when it is longer (cpu.clip_gradient_norm)."""
    ss = 0.0
    for i in range(n_partials):
        ss += partials[i]
    norm = math.sqrt(ss)
    if norm > clip:
        f = clip / norm
        for j in range(cuda.grid(1), grad.shape[0], cuda.gridsize(1)):
            grad[j] *= f


@cuda.jit
def weight_decay_kernel(params, grad, w_off, b_off, n_layers, alpha, scal, partials):
    """grad += alpha / norm * W on the weights; per-block partial sums of W**2."""
    shared = cuda.shared.array(_SHARED_REDUCE, float64)
    ra = alpha / scal[F_NORM]
    acc = 0.0
    for j in range(cuda.grid(1), params.shape[0], cuda.gridsize(1)):
        for i in range(n_layers):
            if w_off[i] <= j and j < b_off[i]:
                w = params[j]
                grad[j] += ra * w
                acc += w * w
                break
    total = block_sum_dev(acc, shared)
    if cuda.threadIdx.x == 0:
        partials[cuda.blockIdx.x] = total


@cuda.jit
def finish_batch_kernel(rowloss, B, partials, n_partials, scal, istate, losses, flags,
                        t, alpha, loss_code, n_out):
    """Batch loss = reduced rows + penalty; decides whether the batch counts.

    ``flags[t]``: 1 counted (the step advances), 0 skipped (zero weight, or
    after an abort), 2 non-finite (the epoch is aborted).  One block.
    """
    shared = cuda.shared.array(_SHARED_REDUCE, float64)
    acc = 0.0
    for r in range(cuda.threadIdx.x, B, cuda.blockDim.x):
        acc += rowloss[r]
    total = block_sum_dev(acc, shared)
    acc = 0.0
    for r in range(cuda.threadIdx.x, n_partials, cuda.blockDim.x):
        acc += partials[r]
    penalty = block_sum_dev(acc, shared)
    if cuda.threadIdx.x != 0:
        return
    norm = scal[F_NORM]
    if loss_code == SQUARED_ERROR:
        loss = 0.5 * total / (norm * n_out)
    elif loss_code == HUBER or loss_code == ABSOLUTE_ERROR:
        loss = total / (norm * n_out)
    else:
        loss = total / norm
    loss += 0.5 * alpha * penalty / norm
    losses[t] = loss
    if istate[I_ABORT] != 0 or not norm > 0:
        flags[t] = 0
        istate[I_OK] = 0
    elif not math.isfinite(loss):
        flags[t] = 2
        istate[I_ABORT] = 1
        istate[I_OK] = 0
    else:
        flags[t] = 1
        istate[I_OK] = 1
        istate[I_STEP] += 1


@cuda.jit
def update_kernel(opt_code, params, grad, state, hyper, lr, istate):
    """One optimizer step per parameter (cpu.update_params), if istate says so."""
    if istate[I_OK] == 0:
        return
    t = istate[I_STEP]
    b1 = hyper[H_BETA1]
    b2 = hyper[H_BETA2]
    eps = hyper[H_EPSILON]
    rho = hyper[H_RHO]
    lr_t = lr
    c1 = 0.0
    c2 = 0.0
    c3 = 0.0
    if opt_code == ADAM:
        lr_t = lr * math.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
    elif opt_code == ADAMAX:
        lr_t = lr / (1.0 - b1 ** t)
    elif opt_code == NADAM:
        c1 = b1 / (1.0 - b1 ** (t + 1))
        c2 = (1.0 - b1) / (1.0 - b1 ** t)
        c3 = 1.0 / (1.0 - b2 ** t)
    for j in range(cuda.grid(1), params.shape[0], cuda.gridsize(1)):
        g = grad[j]
        if opt_code == SGD:
            mom = hyper[H_MOMENTUM]
            v = mom * state[0, j] - lr * g
            state[0, j] = v
            if hyper[H_NESTEROV] != 0.0:
                params[j] += mom * v - lr * g
            else:
                params[j] += v
        elif opt_code == ADAM:
            m = b1 * state[0, j] + (1.0 - b1) * g
            v = b2 * state[1, j] + (1.0 - b2) * g * g
            state[0, j] = m
            state[1, j] = v
            params[j] -= lr_t * state[0, j] / (math.sqrt(state[1, j]) + eps)
        elif opt_code == RMSPROP:
            s = rho * state[0, j] + (1.0 - rho) * g * g
            state[0, j] = s
            params[j] -= lr * g / (math.sqrt(state[0, j]) + eps)
        elif opt_code == ADAGRAD:
            state[0, j] += g * g
            params[j] -= lr * g / (math.sqrt(state[0, j]) + eps)
        elif opt_code == ADADELTA:
            s = rho * state[0, j] + (1.0 - rho) * g * g
            state[0, j] = s
            step = math.sqrt(state[1, j] + eps) / math.sqrt(state[0, j] + eps) * g
            state[1, j] = rho * state[1, j] + (1.0 - rho) * step * step
            params[j] -= lr * step
        elif opt_code == ADAMAX:
            m = b1 * state[0, j] + (1.0 - b1) * g
            state[0, j] = m
            state[1, j] = max(b2 * state[1, j], abs(g))
            params[j] -= lr_t * state[0, j] / (state[1, j] + eps)
        else:  # NADAM
            m = b1 * state[0, j] + (1.0 - b1) * g
            v = b2 * state[1, j] + (1.0 - b2) * g * g
            state[0, j] = m
            state[1, j] = v
            m_hat = c1 * state[0, j] + c2 * g
            params[j] -= lr * m_hat / (math.sqrt(state[1, j] * c3) + eps)


@cuda.jit
def copy_kernel(src, s_off, dst, d_off, count):
    for i in range(cuda.grid(1), count, cuda.gridsize(1)):
        dst[d_off + i] = src[s_off + i]


@cuda.jit
def fill_kernel(x, value):
    for i in range(cuda.grid(1), x.shape[0], cuda.gridsize(1)):
        x[i] = value


# --------------------------------------------------------------------------
# Host-side drivers on device arrays (shared with the SNNS module).
# --------------------------------------------------------------------------
class NetLayout:
    """Host integers of a network: sizes and offsets as Python ints."""

    def __init__(self, layer_sizes, w_off, b_off, a_off):
        self.sizes = [int(s) for s in layer_sizes]
        self.w_off = [int(o) for o in w_off]
        self.b_off = [int(o) for o in b_off]
        self.a_off = [int(o) for o in a_off]
        self.L = len(self.sizes) - 1


def device_forward(dparams, net, hidden_act, out_act, dx, B, dact, drop_rate, dmask,
                   seed, epoch, distate, layer_acts=None, layer_drops=None):
    """Forward pass of the B gathered rows; returns the output's offset in dact.
    ``layer_acts`` / ``layer_drops`` (one per hidden layer) as in cpu.forward."""
    prev, prev_off = dx, 0
    for i in range(net.L):
        n_in = net.sizes[i]
        n_out = net.sizes[i + 1]
        off = net.a_off[i + 1]
        if i == net.L - 1:
            code = out_act
        else:
            code = hidden_act if layer_acts is None else int(layer_acts[i])
        # [A | 1] [W; b]; SNNS's identity units leave the bias row out
        with_bias = 0 if code == SNNS_IDENTITY else 1
        launch_gemm("nn", prev, prev_off, n_in, dparams, net.w_off[i], n_out,
                    dact, off, n_out, B, n_out, n_in + with_bias, ones=with_bias)
        if i == net.L - 1:
            rate = 0.0
        else:
            rate = drop_rate if layer_drops is None else float(layer_drops[i])
        items = B if code == SOFTMAX else B * n_out
        blocks, threads = grid_1d(items)
        activation_kernel[blocks, threads](dact, off, dparams, 0, 0, B, n_out, code, rate,
                                           dmask, seed, epoch, distate, i)
        prev, prev_off = dact, off
    return net.a_off[net.L]


def device_backward(dparams, dgrad, net, hidden_act, dx, B, dact, ddelta, flat,
                    drop_rate, dmask, accumulate, layer_acts=None, layer_drops=None):
    """Back-propagate the output delta in ddelta; [gW; gb] (+)= [A | 1]^T D."""
    for i in range(net.L - 1, -1, -1):
        n_in = net.sizes[i]
        n_o = net.sizes[i + 1]
        A, A_off = (dx, 0) if i == 0 else (dact, net.a_off[i])
        launch_gemm("tn", A, A_off, n_in, ddelta, net.a_off[i + 1], n_o,
                    dgrad, net.w_off[i], n_o, n_in + 1, n_o, B, ones=1,
                    accumulate=accumulate)
        if i > 0:
            launch_gemm("nt", ddelta, net.a_off[i + 1], n_o, dparams, net.w_off[i], n_o,
                        ddelta, net.a_off[i], n_in, B, n_in, n_o)
            blocks, threads = grid_1d(B * n_in)
            code = hidden_act if layer_acts is None else int(layer_acts[i - 1])
            rate = drop_rate if layer_drops is None else float(layer_drops[i - 1])
            derivative_kernel[blocks, threads](code, dact, net.a_off[i], ddelta,
                                               net.a_off[i], B * n_in, flat, rate,
                                               dmask)


class _EpochBuffers:
    """Device arrays of one call: data from the cache, state uploaded."""

    def __init__(self, params, grad, layer_sizes, w_off, b_off, a_off, X, Y, sw, xbuf,
                 ybuf, swbuf, act_buf, delta_buf, mask_buf):
        self.net = NetLayout(layer_sizes, w_off, b_off, a_off)
        self.X = device_array_for("X", X, "once")
        self.Y = device_array_for("Y", Y, "once")
        self.sw = device_array_for("sw", sw, "once")
        self.w_off = device_array_for("w_off", w_off, "once")
        self.b_off = device_array_for("b_off", b_off, "once")
        self.params = device_array_for("params", params, "always")
        self.grad = device_array_for("grad", grad, "never")
        self.xbuf = device_array_for("xbuf", xbuf, "never")
        self.ybuf = device_array_for("ybuf", ybuf, "never")
        self.swbuf = device_array_for("swbuf", swbuf, "never")
        self.act = device_array_for("act_buf", act_buf, "never")
        self.delta = device_array_for("delta_buf", delta_buf, "never")
        self.mask = device_array_for("mask_buf", mask_buf, "never")
        rows = max(1, swbuf.shape[0])
        self.rowloss = cuda.device_array(rows, dtype=np.float64)
        self.partials = cuda.device_array(int(MAX_BLOCKS), dtype=np.float64)
        self.scal = cuda.to_device(np.zeros(4, dtype=np.float64))


def _batch_loss_grad_dev(bufs, hidden_act, out_act, loss_code, B, alpha, drop_rate,
                         seed, epoch, distate, eps, loss_param=1.0, layer_acts=None,
                         layer_drops=None):
    """Forward, output delta, backward and weight decay of the gathered batch.

    The normaliser is ``bufs.scal[F_NORM]``.  Returns the number of weight
    decay partial sums written to ``bufs.partials``.
    """
    net = bufs.net
    out_off = device_forward(bufs.params, net, hidden_act, out_act, bufs.xbuf, B,
                             bufs.act, drop_rate, bufs.mask, seed, epoch, distate,
                             layer_acts, layer_drops)
    n_out = net.sizes[net.L]
    blocks, threads = grid_1d(B)
    output_delta_kernel[blocks, threads](bufs.act, out_off, bufs.ybuf, bufs.swbuf, B, n_out,
                                         loss_code, bufs.scal, eps, bufs.delta,
                                         net.a_off[net.L], bufs.rowloss, float(loss_param))
    device_backward(bufs.params, bufs.grad, net, hidden_act, bufs.xbuf, B, bufs.act,
                    bufs.delta, 0.0, drop_rate, bufs.mask, 0, layer_acts, layer_drops)
    if alpha == 0.0:
        return 0
    blocks, threads = grid_1d(bufs.params.shape[0])
    weight_decay_kernel[blocks, threads](bufs.params, bufs.grad, bufs.w_off, bufs.b_off,
                                         net.L, alpha, bufs.scal, bufs.partials)
    return blocks


def _istate(step, ok=1):
    return cuda.to_device(np.array([step, ok, 0], dtype=np.int64))


def _reduce_threads():
    return min(int(BLOCK_THREADS), _SHARED_REDUCE)


# --------------------------------------------------------------------------
# Public functions: the names and signatures of skneural._kernels.cpu.
# --------------------------------------------------------------------------
def train_epoch(params, grad, opt_state, layer_sizes, w_off, b_off, a_off,
                hidden_act, out_act, loss_code, X, Y, sw, order, shuffle,
                batch_size, alpha, opt_code, opt_hyper, lr, step, drop_rate,
                seed, epoch, xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf,
                layer_acts=None, layer_drops=None):
    """One epoch of minibatch training on the GPU (see cpu.train_epoch).

    Returns ``(mean loss over the epoch, optimizer steps so far)``; params,
    grad, opt_state and order are written back to the host arrays.
    """
    bufs = _EpochBuffers(params, grad, layer_sizes, w_off, b_off, a_off, X, Y, sw,
                         xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf)
    dstate = device_array_for("opt_state", opt_state, "always")
    dorder = device_array_for("order", order, "always")
    dhyper = cuda.to_device(np.asarray(opt_hyper, dtype=np.float64))
    n = X.shape[0]
    batch_size = int(batch_size)
    n_batches = (n + batch_size - 1) // batch_size
    distate = _istate(step, ok=0)
    losses = cuda.device_array(max(1, n_batches), dtype=np.float64)
    flags = cuda.device_array(max(1, n_batches), dtype=np.int64)
    eps = float(np.finfo(params.dtype).eps)
    clip = float(opt_hyper[H_CLIP])
    loss_param = float(opt_hyper[H_LOSS_PARAM])
    clip_partials = cuda.device_array(int(MAX_BLOCKS), dtype=np.float64) if clip > 0 else None
    if shuffle:
        shuffle_kernel[1, 1](dorder, seed, epoch)
    rt = _reduce_threads()
    for t in range(n_batches):
        start = t * batch_size
        B = min(batch_size, n - start)
        blocks, threads = grid_1d(B * (X.shape[1] + Y.shape[1] + 1))
        gather_kernel[blocks, threads](bufs.X, bufs.Y, bufs.sw, 1, 1, dorder, start, B,
                                       bufs.xbuf, bufs.ybuf, bufs.swbuf)
        sum_kernel[1, rt](bufs.swbuf, B, bufs.scal, F_NORM, 0)
        n_part = _batch_loss_grad_dev(bufs, hidden_act, out_act, loss_code, B,
                                      float(alpha), float(drop_rate), seed, epoch,
                                      distate, eps, loss_param, layer_acts, layer_drops)
        finish_batch_kernel[1, rt](bufs.rowloss, B, bufs.partials, n_part, bufs.scal,
                                   distate, losses, flags, t, float(alpha), loss_code,
                                   bufs.net.sizes[-1])
        blocks, threads = grid_1d(params.shape[0])
        if clip > 0:
            grad_sq_kernel[blocks, threads](bufs.grad, clip_partials)
            clip_kernel[blocks, threads](bufs.grad, clip_partials, blocks, clip)
        update_kernel[blocks, threads](opt_code, bufs.params, bufs.grad, dstate, dhyper,
                                       float(lr), distate)
    bufs.params.copy_to_host(params)
    bufs.grad.copy_to_host(grad)
    dstate.copy_to_host(opt_state)
    dorder.copy_to_host(order)
    losses_h = losses.copy_to_host()[:n_batches]
    flags_h = flags.copy_to_host()[:n_batches]
    step = int(distate.copy_to_host()[I_STEP])
    bad = np.flatnonzero(flags_h == 2)
    if bad.size:
        return float(losses_h[bad[0]]), step
    sizes = np.minimum(batch_size, n - np.arange(n_batches) * batch_size)
    acc = float(np.sum(losses_h * sizes * (flags_h == 1))) if n_batches else 0.0
    return acc / n, step


def full_loss_grad(params, grad, gtmp, layer_sizes, w_off, b_off, a_off,
                   hidden_act, out_act, loss_code, X, Y, sw, order, chunk,
                   alpha, xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf, loss_param=1.0,
                   layer_acts=None):
    """Loss and gradient over the whole data set on the GPU (see cpu.full_loss_grad).

    ``grad`` receives the gradient; ``gtmp`` is not needed (the gradient
    GEMM accumulates chunk by chunk) and is left untouched.
    """
    bufs = _EpochBuffers(params, grad, layer_sizes, w_off, b_off, a_off, X, Y, sw,
                         xbuf, ybuf, swbuf, act_buf, delta_buf, mask_buf)
    dorder = device_array_for("order", order, "always")
    net = bufs.net
    n = X.shape[0]
    chunk = int(chunk)
    rt = _reduce_threads()
    sum_kernel[1, rt](bufs.sw, n, bufs.scal, F_NORM, 0)
    blocks, threads = grid_1d(params.shape[0])
    fill_kernel[blocks, threads](bufs.grad, 0.0)
    distate = _istate(0)
    eps = float(np.finfo(params.dtype).eps)
    n_out = net.sizes[net.L]
    start = 0
    while start < n:
        B = min(chunk, n - start)
        blocks, threads = grid_1d(B * (X.shape[1] + Y.shape[1] + 1))
        gather_kernel[blocks, threads](bufs.X, bufs.Y, bufs.sw, 1, 1, dorder, start, B,
                                       bufs.xbuf, bufs.ybuf, bufs.swbuf)
        out_off = device_forward(bufs.params, net, hidden_act, out_act, bufs.xbuf, B,
                                 bufs.act, 0.0, bufs.mask, 0, 0, distate, layer_acts)
        blocks, threads = grid_1d(B)
        output_delta_kernel[blocks, threads](bufs.act, out_off, bufs.ybuf, bufs.swbuf, B,
                                             n_out, loss_code, bufs.scal, eps, bufs.delta,
                                             net.a_off[net.L], bufs.rowloss, float(loss_param))
        sum_kernel[1, rt](bufs.rowloss, B, bufs.scal, F_ACC, 1)
        device_backward(bufs.params, bufs.grad, net, hidden_act, bufs.xbuf, B, bufs.act,
                        bufs.delta, 0.0, 0.0, bufs.mask, 1, layer_acts)
        start += B
    penalty = 0.0
    if alpha != 0.0:
        blocks, threads = grid_1d(params.shape[0])
        weight_decay_kernel[blocks, threads](bufs.params, bufs.grad, bufs.w_off,
                                             bufs.b_off, net.L, float(alpha), bufs.scal,
                                             bufs.partials)
        penalty = float(bufs.partials.copy_to_host()[:blocks].sum())
    bufs.grad.copy_to_host(grad)
    scal = bufs.scal.copy_to_host()
    total_w = scal[F_NORM]
    if loss_code == SQUARED_ERROR:
        loss = 0.5 * scal[F_ACC] / (total_w * n_out)
    elif loss_code == HUBER or loss_code == ABSOLUTE_ERROR:
        loss = scal[F_ACC] / (total_w * n_out)
    else:
        loss = scal[F_ACC] / total_w
    return loss + 0.5 * alpha * penalty / total_w


def predict_forward(params, layer_sizes, w_off, b_off, a_off, hidden_act,
                    out_act, X, out, chunk, xbuf, act_buf, layer_acts=None):
    """Output activations of every row of X on the GPU, written into ``out``."""
    net = NetLayout(layer_sizes, w_off, b_off, a_off)
    dparams = cuda.to_device(params)
    dX = cuda.to_device(np.ascontiguousarray(X))
    dxbuf = cuda.device_array(xbuf.shape, dtype=xbuf.dtype)
    dact = cuda.device_array(act_buf.shape, dtype=act_buf.dtype)
    dout = cuda.device_array(out.size, dtype=out.dtype)
    dorder = cuda.to_device(np.arange(X.shape[0], dtype=np.int64))
    distate = _istate(0)
    n = X.shape[0]
    n_out = net.sizes[net.L]
    start = 0
    while start < n:
        B = min(int(chunk), n - start)
        blocks, threads = grid_1d(B * X.shape[1])
        gather_kernel[blocks, threads](dX, dX, dX, 0, 0, dorder, start, B, dxbuf, dxbuf,
                                       dxbuf)
        off = device_forward(dparams, net, hidden_act, out_act, dxbuf, B, dact, 0.0, dact,
                             0, 0, distate, layer_acts)
        blocks, threads = grid_1d(B * n_out)
        copy_kernel[blocks, threads](dact, off, dout, start * n_out, B * n_out)
        start += B
    out[...] = dout.copy_to_host().reshape(out.shape)
