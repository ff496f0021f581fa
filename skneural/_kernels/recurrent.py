"""CPU kernels of SNNS's partially recurrent networks (Elman and Jordan), Numba ``@njit``.

The network: inputs ``x_t`` and context units ``c_t`` feed a logistic hidden
layer, which feeds the output layer (identity or logistic, with bias)::

    h_t = logistic(x_t @ W_ih + c_t @ W_ch + b_h)
    o_t = f(h_t @ W_ho + b_o)
    c_{t+1} = lam * c_t + gam * s_t      (s = h for Elman, s = o for Jordan)

with ``c_0 = psi``.  The context links (``lam``, ``gam``) are fixed, as in
SNNS; the learning functions (JE_BP, JE_BP_Momentum, JE_Rprop) treat the
context units as extra inputs at each step: error is propagated back one step
(no back-propagation through time).

Trainable parameters live in one flat vector ``params``: ``W_ih`` (d x h),
``W_ch`` (c x h), ``b_h`` (h), ``W_ho`` (h x m), ``b_o`` (m), each row-major,
at offsets given by :func:`layout`.

Why no CUDA twin: the recurrence is sequential in time, the networks are a few
units wide and JE_BP updates after every step, so one step's work (a few
hundred multiply-adds) is far below what a kernel launch costs.
"""

from numba import njit

from . import CACHE_KERNELS
from .cpu import fast_logistic

_JIT = dict(cache=CACHE_KERNELS, error_model="numpy", nogil=True)

OUT_IDENTITY, OUT_LOGISTIC = 0, 1


def layout(n_in, n_hidden, n_out, n_context):
    """Offsets (o_ih, o_ch, o_bh, o_ho, o_bo, size) of the flat parameter vector."""
    o_ih = 0
    o_ch = o_ih + n_in * n_hidden
    o_bh = o_ch + n_context * n_hidden
    o_ho = o_bh + n_hidden
    o_bo = o_ho + n_hidden * n_out
    return o_ih, o_ch, o_bh, o_ho, o_bo, o_bo + n_out


@njit(**_JIT)
def step_forward(params, offs, x, ctx, hid, out, out_code):
    """One time step: hidden and output activations for input x and context ctx."""
    o_ih, o_ch, o_bh, o_ho, o_bo = offs[0], offs[1], offs[2], offs[3], offs[4]
    d = x.shape[0]
    c = ctx.shape[0]
    nh = hid.shape[0]
    m = out.shape[0]
    for j in range(nh):
        z = params[o_bh + j]
        for q in range(d):
            z += x[q] * params[o_ih + q * nh + j]
        for q in range(c):
            z += ctx[q] * params[o_ch + q * nh + j]
        hid[j] = fast_logistic(z)
    for k in range(m):
        z = params[o_bo + k]
        for j in range(nh):
            z += hid[j] * params[o_ho + j * m + k]
        out[k] = fast_logistic(z) if out_code == OUT_LOGISTIC else z


@njit(**_JIT)
def context_update(ctx, hid, out, lam, gam, jordan):
    """c <- lam * c + gam * (o if jordan else h)."""
    for q in range(ctx.shape[0]):
        src = out[q] if jordan else hid[q]
        ctx[q] = lam * ctx[q] + gam * src


@njit(**_JIT)
def run_sequence(params, offs, X, ctx0, lam, gam, jordan, out_code, H, O, C):
    """Forward pass over the sequence X from context ctx0.

    Fills H (hidden), O (outputs) and C (the context each step saw), row t for
    step t.
    """
    n = X.shape[0]
    ctx = ctx0.copy()
    for t in range(n):
        for q in range(ctx.shape[0]):
            C[t, q] = ctx[q]
        step_forward(params, offs, X[t], ctx, H[t], O[t], out_code)
        context_update(ctx, H[t], O[t], lam, gam, jordan)


@njit(**_JIT)
def step_deltas(params, offs, y, hid, out, out_code, dmax, flat_spot, d_out, d_hid):
    """Output and hidden deltas of one step (``delta = (t - o) (f' + flat_spot)``).

    Outputs within ``dmax`` of their target get delta 0.  Returns the step's
    squared error over the outputs not skipped.
    """
    o_ho = offs[3]
    m = out.shape[0]
    nh = hid.shape[0]
    sse = 0.0
    for k in range(m):
        e = y[k] - out[k]
        if abs(e) <= dmax:
            d_out[k] = 0.0
            continue
        sse += e * e
        fp = out[k] * (1.0 - out[k]) if out_code == OUT_LOGISTIC else 1.0
        d_out[k] = e * (fp + flat_spot)
    for j in range(nh):
        s = 0.0
        for k in range(m):
            s += params[o_ho + j * m + k] * d_out[k]
        d_hid[j] = s * (hid[j] * (1.0 - hid[j]) + flat_spot)
    return sse


@njit(**_JIT)
def accumulate_descent(offs, x, ctx, hid, d_out, d_hid, g):
    """g += the descent direction of one step (minus the gradient of 1/2 SSE)."""
    o_ih, o_ch, o_bh, o_ho, o_bo = offs[0], offs[1], offs[2], offs[3], offs[4]
    d = x.shape[0]
    c = ctx.shape[0]
    nh = hid.shape[0]
    m = d_out.shape[0]
    for j in range(nh):
        dj = d_hid[j]
        for q in range(d):
            g[o_ih + q * nh + j] += x[q] * dj
        for q in range(c):
            g[o_ch + q * nh + j] += ctx[q] * dj
        g[o_bh + j] += dj
        for k in range(m):
            g[o_ho + j * m + k] += hid[j] * d_out[k]
    for k in range(m):
        g[o_bo + k] += d_out[k]


@njit(**_JIT)
def sequence_descent(params, offs, X, Y, order, ctx0, lam, gam, jordan, out_code, dmax,
                     ctx, hid, out, d_out, d_hid, g):
    """Truncated gradient over the sequence: ``g`` = minus dE/dparams, E = 1/2 masked SSE.

    The patterns are visited in ``order`` with the context carried from step
    to step and held constant in the derivative (JE's one-step rule).  Returns
    the masked SSE (without the 1/2).
    """
    g[:] = 0.0
    ctx[:] = ctx0
    sse = 0.0
    for t in range(order.shape[0]):
        i = order[t]
        step_forward(params, offs, X[i], ctx, hid, out, out_code)
        sse += step_deltas(params, offs, Y[i], hid, out, out_code, dmax, 0.0, d_out, d_hid)
        accumulate_descent(offs, X[i], ctx, hid, d_out, d_hid, g)
        context_update(ctx, hid, out, lam, gam, jordan)
    return sse


@njit(**_JIT)
def je_bp_epoch(params, offs, X, Y, order, ctx0, lam, gam, jordan, out_code, lr, momentum,
                flat_spot, dmax, prev_step, ctx, hid, out, d_out, d_hid, g):
    """One epoch of JE_BP / JE_BP_Momentum: an update after every step, in place.

    Per step: forward, deltas (with ``flat_spot`` added to every derivative),
    ``step = lr * delta * source + momentum * previous step`` for every weight
    and bias, then the context takes this step's (pre-update) hidden or output
    activations.  The context starts each epoch at ``ctx0``.  Returns the
    masked SSE summed over the steps, each measured before its update.
    """
    ctx[:] = ctx0
    sse = 0.0
    n_par = params.shape[0]
    for t in range(order.shape[0]):
        i = order[t]
        step_forward(params, offs, X[i], ctx, hid, out, out_code)
        sse += step_deltas(params, offs, Y[i], hid, out, out_code, dmax, flat_spot, d_out,
                           d_hid)
        g[:] = 0.0
        accumulate_descent(offs, X[i], ctx, hid, d_out, d_hid, g)
        for q in range(n_par):
            st = lr * g[q] + momentum * prev_step[q]
            prev_step[q] = st
            params[q] += st
        context_update(ctx, hid, out, lam, gam, jordan)
    return sse


@njit(**_JIT)
def je_rprop_epoch(params, offs, X, Y, order, ctx0, lam, gam, jordan, out_code, max_step,
                   decay, step_size, prev_step, ctx, hid, out, d_out, d_hid, g):
    """One epoch of JE_Rprop (batch over the sequence), in place.

    The slope ``S`` of a parameter is the summed gradient of 1/2 SSE (no
    dmax) plus ``decay * w``.  With ``D`` its step size: if the previous step
    and S have opposite signs (still descending) ``D = min(1.2 D, max_step)``
    and the step is ``-sign(S) D``; if they have the same sign ``D = max(0.5
    D, 1e-6)`` and the step is 0; otherwise the step is ``-sign(S) D``.
    Returns the SSE measured before the update.
    """
    sse = sequence_descent(params, offs, X, Y, order, ctx0, lam, gam, jordan, out_code, 0.0,
                           ctx, hid, out, d_out, d_hid, g)
    for q in range(params.shape[0]):
        s = -g[q] + decay * params[q]
        ps = prev_step[q]
        st = 0.0
        if ps * s < 0.0:
            step_size[q] = min(1.2 * step_size[q], max_step)
            st = -step_size[q] if s > 0 else step_size[q]
        elif ps * s > 0.0:
            step_size[q] = max(0.5 * step_size[q], 1e-6)
        elif s > 0.0:
            st = -step_size[q]
        elif s < 0.0:
            st = step_size[q]
        params[q] += st
        prev_step[q] = st
    return sse
