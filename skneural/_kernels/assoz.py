"""CPU kernels of McClelland and Rumelhart's auto-associative memory (Numba ``@njit``).

A single layer of ``n`` units, every unit linked to every other one (no
self-links: a unit's own external input must be predicted by the others).
Each unit receives its external input ``e_i`` and the internal input ``i_i =
sum_{j != i} w_ij a_j``; with ``net_i = e_i + i_i`` its activation moves by
SNNS's ``Act_RM`` rule::

    net_i > 0:  a_i += E * net_i * (1 - a_i) - D * a_i
    otherwise:  a_i += E * net_i * (a_i + 1) - D * a_i

all units at once (synchronous update), the result clipped to [-1, 1]
(skneural's guard; the rule itself stays inside for small ``E * net``).

Learning (SNNS's ``RM_delta``): for each pattern the activations start at 0,
the pattern is applied as external input for ``n_cycles`` cycles, then
``w_ij += lr * (e_i - i_i) * a_j``: the weights learn to predict each unit's
external input from the others.

Why no CUDA twin: the memories RSNNS builds have tens of units (a 7 x 5
letter is 35) and learning updates the weights after every pattern, so there
is nothing wide enough to keep a GPU busy.
"""

from numba import njit

from . import CACHE_KERNELS

_JIT = dict(cache=CACHE_KERNELS, error_model="numpy", nogil=True)


@njit(**_JIT)
def rm_settle(W, e, a, internal, n_cycles, excitation, decay):
    """Run ``n_cycles`` synchronous Act_RM cycles from the activations in ``a``, in place.

    ``internal`` receives the internal inputs of the last state (after the
    last cycle).
    """
    n = a.shape[0]
    for _ in range(n_cycles):
        for i in range(n):
            s = 0.0
            for j in range(n):
                if j != i:
                    s += W[i, j] * a[j]
            internal[i] = s
        for i in range(n):
            net = e[i] + internal[i]
            ai = a[i]
            if net > 0:
                ai += excitation * net * (1.0 - ai) - decay * ai
            else:
                ai += excitation * net * (ai + 1.0) - decay * ai
            a[i] = min(1.0, max(-1.0, ai))
    for i in range(n):
        s = 0.0
        for j in range(n):
            if j != i:
                s += W[i, j] * a[j]
        internal[i] = s


@njit(**_JIT)
def rm_delta_epoch(W, X, order, n_cycles, lr, excitation, decay, a, internal):
    """One epoch of RM_delta over the patterns in ``order``, in place.

    Returns the epoch's error: the sum over patterns and units of ``(e_i -
    i_i)^2`` measured just before each pattern's update.
    """
    n = W.shape[0]
    err = 0.0
    for t in range(order.shape[0]):
        p = order[t]
        e = X[p]
        a[:] = 0.0
        rm_settle(W, e, a, internal, n_cycles, excitation, decay)
        for i in range(n):
            diff = e[i] - internal[i]
            err += diff * diff
            g = lr * diff
            for j in range(n):
                if j != i:
                    W[i, j] += g * a[j]
    return err


@njit(**_JIT)
def rm_recall(W, X, n_cycles, excitation, decay, out, internal):
    """out[p] = the activations after ``n_cycles`` cycles with X[p] as external input."""
    for p in range(X.shape[0]):
        a = out[p]
        a[:] = 0.0
        rm_settle(W, X[p], a, internal, n_cycles, excitation, decay)
