"""CPU kernels of the radial basis function networks (Numba ``@njit``).

Two trainings live here, each one whole epoch per compiled call:

* :func:`rbf_epoch` -- SNNS's ``RadialBasisLearning``: batch gradient descent
  with momentum on the three parameter groups of a Gaussian RBF network
  (centres, the width parameters ``p`` stored as hidden biases, and the output
  weights with the output biases).
* :func:`dda_epoch` -- SNNS's ``RBF-DDA`` (Berthold & Diamond's dynamic decay
  adjustment): one constructive pass over the patterns that covers, commits
  and shrinks prototypes.

Every array a kernel touches is an argument; the kernels follow the dtype of
the arrays they are given (float32 or float64) and never allocate per
pattern.  Randomness (the DDA presentation order) is passed in as an array.

Why no CUDA twin: an RBF network trained the SNNS way has one hidden layer of
a few dozen to a few hundred units and one batch update per epoch; DDA is a
sequential, data-dependent pass (each pattern may add a prototype the next
pattern sees).  Neither has the wide dense layers that make a GPU pay off, and
DDA cannot be parallelised over patterns without changing its result.
"""

import numpy as np
from numba import njit

from . import CACHE_KERNELS
from .cpu import fast_logistic

_JIT = dict(cache=CACHE_KERNELS, error_model="numpy", nogil=True)

#: Output activation codes (the same numbers as skneural._kernels.cpu's).
OUT_IDENTITY, OUT_LOGISTIC = 0, 1


@njit(**_JIT)
def gaussian_hidden(X, centers, p, H, R2):
    """H[i, j] = exp(-p_j * |x_i - c_j|^2) (SNNS's Act_RBF_Gaussian); R2 the squared distances."""
    n, d = X.shape
    k = centers.shape[0]
    for i in range(n):
        for j in range(k):
            r2 = 0.0
            for q in range(d):
                diff = X[i, q] - centers[j, q]
                r2 += diff * diff
            R2[i, j] = r2
            H[i, j] = np.exp(-p[j] * r2)


@njit(**_JIT)
def rbf_forward(X, centers, p, W, b, out_code, H, R2, out):
    """Network outputs: out = f(H @ W + b), f identity (IdentityPlusBias) or logistic."""
    gaussian_hidden(X, centers, p, H, R2)
    n = X.shape[0]
    k, m = W.shape
    for i in range(n):
        for c in range(m):
            s = b[c]
            for j in range(k):
                s += H[i, j] * W[j, c]
            if out_code == OUT_LOGISTIC:
                s = fast_logistic(s)
            out[i, c] = s


@njit(**_JIT)
def rbf_gradient(X, Y, centers, p, W, b, out_code, dmax, h, r2, o, s,
                 g_centers, g_p, g_W, g_b):
    """Gradient of E = sum of squared errors (no 1/2) over all patterns.

    Outputs with ``|t - o| <= dmax`` contribute neither error nor gradient.
    ``h``, ``r2`` (hidden, length k), ``o`` (outputs, length m) and ``s``
    (back-propagated error per hidden unit, length k) are scratch buffers.
    The gradients are written (not accumulated) into the ``g_*`` arrays.
    Returns E.
    """
    n, d = X.shape
    k, m = W.shape
    g_centers[:, :] = 0.0
    g_p[:] = 0.0
    g_W[:, :] = 0.0
    g_b[:] = 0.0
    sse = 0.0
    for i in range(n):
        for j in range(k):
            acc = 0.0
            for q in range(d):
                diff = X[i, q] - centers[j, q]
                acc += diff * diff
            r2[j] = acc
            h[j] = np.exp(-p[j] * acc)
        for j in range(k):
            s[j] = 0.0
        for c in range(m):
            z = b[c]
            for j in range(k):
                z += h[j] * W[j, c]
            if out_code == OUT_LOGISTIC:
                z = fast_logistic(z)
            o[c] = z
            e = Y[i, c] - z
            if abs(e) <= dmax:
                continue
            sse += e * e
            delta = e * (z * (1.0 - z) if out_code == OUT_LOGISTIC else 1.0)
            # dE/dW_jc = -2 delta h_j ; dE/db_c = -2 delta
            g_b[c] -= 2.0 * delta
            for j in range(k):
                g_W[j, c] -= 2.0 * delta * h[j]
                s[j] += delta * W[j, c]
        for j in range(k):
            if s[j] == 0.0:
                continue
            # dE/dh_j = -2 s_j; dh/dp = -r2 h; dh/dc = 2 p h (x - c)
            g_p[j] += 2.0 * s[j] * r2[j] * h[j]
            f = -4.0 * s[j] * p[j] * h[j]
            for q in range(d):
                g_centers[j, q] += f * (X[i, q] - centers[j, q])
    return sse


@njit(**_JIT)
def rbf_epoch(X, Y, centers, p, W, b, out_code, lr_centers, lr_p, lr_weights, dmax,
              momentum, step_centers, step_p, step_W, step_b, h, r2, o, s,
              g_centers, g_p, g_W, g_b):
    """One epoch of SNNS's RadialBasisLearning (batch mode), in place.

    The gradient of the masked SSE is summed over every pattern, then each
    group moves by ``step = -lr * gradient + momentum * previous step``
    (centres with ``lr_centers``, widths ``p`` with ``lr_p``, output weights
    and output biases with ``lr_weights``).  Returns the error measured
    before the update.
    """
    sse = rbf_gradient(X, Y, centers, p, W, b, out_code, dmax, h, r2, o, s,
                       g_centers, g_p, g_W, g_b)
    k, d = centers.shape
    m = W.shape[1]
    for j in range(k):
        for q in range(d):
            st = -lr_centers * g_centers[j, q] + momentum * step_centers[j, q]
            step_centers[j, q] = st
            centers[j, q] += st
        st = -lr_p * g_p[j] + momentum * step_p[j]
        step_p[j] = st
        p[j] += st
        for c in range(m):
            st = -lr_weights * g_W[j, c] + momentum * step_W[j, c]
            step_W[j, c] = st
            W[j, c] += st
    for c in range(m):
        st = -lr_weights * g_b[c] + momentum * step_b[c]
        step_b[c] = st
        b[c] += st
    return sse


# --------------------------------------------------------------------------
# RBF-DDA
# --------------------------------------------------------------------------
@njit(**_JIT)
def dda_epoch(X, codes, order, centers, p, proto_class, A, n_proto, log_theta_pos,
              log_theta_neg):
    """One epoch of Berthold & Diamond's DDA, in place; returns (n_proto, n_new, n_shrunk).

    Prototypes ``0..n_proto-1`` live in ``centers`` (capacity rows), with
    width parameter ``p`` (activation ``exp(-p r^2)``, so ``p = 1/sigma^2``;
    ``p = 0`` is an infinite radius), class ``proto_class`` and weight ``A``.
    The epoch starts by setting every weight A to 0, then for each pattern
    ``x`` of class ``c`` in ``order``:

    * cover: if a prototype of class c has activation >= theta+ (``p r^2 <=
      -ln theta+``), the one with the highest activation gets ``A += 1``
      (the first such prototype on ties);
    * commit: otherwise a new prototype of class c is placed at x with A = 1
      and the widest radius that keeps every prototype of another class
      below theta- (``p = max(-ln theta- / r^2)`` over them, 0 if none);
    * shrink: every prototype of another class whose activation at x is
      above theta- gets the radius that puts it at theta- (``p = -ln theta- /
      r^2``).  Points at distance 0 from a prototype of another class (the
      same input with two labels) cannot be separated and are left alone.
    """
    n, d = X.shape
    neg = -log_theta_neg
    pos = -log_theta_pos
    for j in range(n_proto):
        A[j] = 0.0
    n_new = 0
    n_shrunk = 0
    for t in range(n):
        i = order[t]
        c = codes[i]
        best = -1
        best_z = 0.0
        for j in range(n_proto):
            if proto_class[j] != c:
                continue
            r2 = 0.0
            for q in range(d):
                diff = X[i, q] - centers[j, q]
                r2 += diff * diff
            z = p[j] * r2
            if z <= pos and (best < 0 or z < best_z):
                best = j
                best_z = z
        if best >= 0:
            A[best] += 1.0
        else:
            j_new = n_proto
            pn = 0.0
            for j in range(n_proto):
                if proto_class[j] == c:
                    continue
                r2 = 0.0
                for q in range(d):
                    diff = X[i, q] - centers[j, q]
                    r2 += diff * diff
                if r2 > 0.0 and neg / r2 > pn:
                    pn = neg / r2
            for q in range(d):
                centers[j_new, q] = X[i, q]
            p[j_new] = pn
            proto_class[j_new] = c
            A[j_new] = 1.0
            n_proto += 1
            n_new += 1
        for j in range(n_proto):
            if proto_class[j] == c:
                continue
            r2 = 0.0
            for q in range(d):
                diff = X[i, q] - centers[j, q]
                r2 += diff * diff
            if r2 > 0.0 and neg / r2 > p[j]:
                old = p[j]
                p[j] = neg / r2
                # counted only if the stored (float32: rounded) value moved, so an
                # epoch that changes nothing is recognised as converged
                if p[j] > old:
                    n_shrunk += 1
    return n_proto, n_new, n_shrunk


@njit(**_JIT)
def dda_outputs(X, centers, p, proto_class, A, n_classes, out):
    """out[i, c] = sum over prototypes of class c of A * exp(-p |x_i - r|^2)."""
    n, d = X.shape
    k = p.shape[0]
    for i in range(n):
        for c in range(n_classes):
            out[i, c] = 0.0
        for j in range(k):
            r2 = 0.0
            for q in range(d):
                diff = X[i, q] - centers[j, q]
                r2 += diff * diff
            out[i, proto_class[j]] += A[j] * np.exp(-p[j] * r2)
