"""CPU (Numba) kernels for SNNS's adaptive resonance theory networks: ART1, ART2, ARTMAP.

Every function is a free ``@njit`` kernel that receives every array it
touches, scratch buffers included; one ``*_epoch`` call is one whole epoch
over the patterns in the order the caller drew (from ``random_state``).  CPU
only: the category search is sequential per pattern and the networks are
small.

The rules are the textbook ones the SNNS user manual refers to (Carpenter &
Grossberg 1987 for ART1/ART2, Carpenter, Grossberg & Reynolds 1991 for
ARTMAP), with fast learning.  ``_units`` arrays are the recognition (F2)
layer; ``bottom_up[j]`` and ``top_down[j]`` are unit ``j``'s weights.
"""

import math

from numba import njit

from . import CACHE_KERNELS

_opts = dict(cache=CACHE_KERNELS, nogil=True, error_model="numpy")


# ---------------------------------------------------------------------------
# ART1
# ---------------------------------------------------------------------------
@njit(**_opts)
def art1_choose(scores, reset):
    """Largest score among the units not reset (the lowest unit on ties); -1 if none."""
    best = -1
    for j in range(scores.shape[0]):
        if reset[j]:
            continue
        if best < 0 or scores[j] > scores[best]:
            best = j
    return best


@njit(**_opts)
def art1_present(x, bottom_up, top_down, committed, rho, beta, learn, reset, scores):
    """Present one binary pattern; return the resonating unit (-1: none / all-zero pattern).

    Choice ``T_j = bottom_up[j] . x``; the chosen unit ``J`` resonates when
    ``|x AND top_down[J]| / |x| >= rho``, otherwise it is reset and the search
    goes on.  Learning (fast): ``top_down[J] = top_down[J] AND x`` and
    ``bottom_up[J] = top_down[J] / (beta + |top_down[J]|)``.
    """
    n_units, n_features = bottom_up.shape
    x_norm = 0.0
    for i in range(n_features):
        x_norm += x[i]
    if x_norm == 0.0:
        return -1
    for j in range(n_units):
        acc = 0.0
        for i in range(n_features):
            acc += bottom_up[j, i] * x[i]
        scores[j] = acc
        reset[j] = False
    while True:
        J = art1_choose(scores, reset)
        if J < 0:
            return -1
        overlap = 0.0
        for i in range(n_features):
            overlap += top_down[J, i] * x[i]
        if overlap / x_norm >= rho:
            break
        reset[J] = True
    if learn:
        size = 0.0
        for i in range(n_features):
            top_down[J, i] = top_down[J, i] * x[i]
            size += top_down[J, i]
        for i in range(n_features):
            bottom_up[J, i] = top_down[J, i] / (beta + size)
        committed[J] = True
    return J


@njit(**_opts)
def art1_epoch(X, order, bottom_up, top_down, committed, rho, beta, learn, labels, reset,
               scores):
    """ART1 over ``X[order]``; ``labels[order[i]]`` gets each pattern's unit (-1: none)."""
    for i in range(order.shape[0]):
        row = order[i]
        labels[row] = art1_present(X[row], bottom_up, top_down, committed, rho, beta, learn,
                                   reset, scores)


# ---------------------------------------------------------------------------
# ART2
# ---------------------------------------------------------------------------
@njit(**_opts)
def art2_norm(v):
    acc = 0.0
    for i in range(v.shape[0]):
        acc += v[i] * v[i]
    return math.sqrt(acc)


@njit(**_opts)
def art2_noise(value, theta):
    """SNNS's piecewise linear noise suppression: values below theta become 0."""
    return value if value >= theta else 0.0


@njit(**_opts)
def art2_f1_pass(s, u, w, p, xs, q, v, top_down, J, a, b, d, theta, eps):
    """One synchronous update of the F1 sub-layers w, x, u, v, p, q (J = -1: no F2 winner)."""
    n = s.shape[0]
    nv = art2_norm(v)
    for i in range(n):
        u[i] = v[i] / (eps + nv)
        w[i] = s[i] + a * u[i]
        p[i] = u[i] + (d * top_down[J, i] if J >= 0 else 0.0)
    nw = art2_norm(w)
    np_ = art2_norm(p)
    for i in range(n):
        xs[i] = w[i] / (eps + nw)
        q[i] = p[i] / (eps + np_)
        v[i] = art2_noise(xs[i], theta) + b * art2_noise(q[i], theta)


@njit(**_opts)
def art2_present(s, bottom_up, top_down, committed, rho, a, b, c, d, theta, eps, n_f1, learn,
                 reset, scores, u, w, p, xs, q, v):
    """Present one real-valued pattern to ART2; return the resonating unit (-1: none)."""
    n_units, n = bottom_up.shape
    # F1 settles on the pattern with no F2 winner: w = s, x = s/|s|, v = f(x); one more pass
    ns = art2_norm(s)
    for i in range(n):
        u[i] = 0.0
        p[i] = 0.0
        q[i] = 0.0
        w[i] = s[i]
        xs[i] = s[i] / (eps + ns)
        v[i] = art2_noise(xs[i], theta)
    art2_f1_pass(s, u, w, p, xs, q, v, top_down, -1, a, b, d, theta, eps)
    for j in range(n_units):
        acc = 0.0
        for i in range(n):
            acc += bottom_up[j, i] * p[i]
        scores[j] = acc
        reset[j] = False
    while True:
        J = art1_choose(scores, reset)
        if J < 0:
            return -1
        nv = art2_norm(v)
        for i in range(n):
            u[i] = v[i] / (eps + nv)
            p[i] = u[i] + d * top_down[J, i]
        nu = art2_norm(u)
        np_ = art2_norm(p)
        r2 = 0.0
        for i in range(n):
            ri = (u[i] + c * p[i]) / (eps + nu + c * np_)
            r2 += ri * ri
        if math.sqrt(r2) >= rho - eps:
            break
        reset[J] = True
    if learn:
        for _ in range(n_f1):
            art2_f1_pass(s, u, w, p, xs, q, v, top_down, J, a, b, d, theta, eps)
        for i in range(n):
            top_down[J, i] = u[i] / (1.0 - d)
            bottom_up[J, i] = u[i] / (1.0 - d)
        committed[J] = True
    return J


@njit(**_opts)
def art2_epoch(X, order, bottom_up, top_down, committed, rho, a, b, c, d, theta, eps, n_f1,
               learn, labels, reset, scores, u, w, p, xs, q, v):
    """ART2 over ``X[order]``; ``labels[order[i]]`` gets each pattern's unit (-1: none)."""
    for i in range(order.shape[0]):
        row = order[i]
        labels[row] = art2_present(X[row], bottom_up, top_down, committed, rho, a, b, c, d,
                                   theta, eps, n_f1, learn, reset, scores, u, w, p, xs, q, v)


# ---------------------------------------------------------------------------
# ARTMAP (two ART1 modules and a map field)
# ---------------------------------------------------------------------------
@njit(**_opts)
def artmap_present(xa, xb, bu_a, td_a, committed_a, bu_b, td_b, committed_b, map_w, rho_a,
                   rho_b, rho_map, beta_a, beta_b, reset_a, scores_a, reset_b, scores_b):
    """Train on one (input, target) pair; return the ARTa unit that learnt it (-1: none).

    ARTb resonates on the target (unit K) and learns.  ARTa searches with a
    vigilance that starts at ``rho_a``; a unit J whose map-field row does not
    predict K (``map_w[J, K] < rho_map``) triggers match tracking: the ARTa
    vigilance rises just above J's match and the search goes on.  On success
    ARTa's J learns the input and its map-field row becomes ``row AND e_K``.
    """
    K = art1_present(xb, bu_b, td_b, committed_b, rho_b, beta_b, True, reset_b, scores_b)
    if K < 0:
        return -1
    n_units, n_features = bu_a.shape
    x_norm = 0.0
    for i in range(n_features):
        x_norm += xa[i]
    if x_norm == 0.0:
        return -1
    for j in range(n_units):
        acc = 0.0
        for i in range(n_features):
            acc += bu_a[j, i] * xa[i]
        scores_a[j] = acc
        reset_a[j] = False
    vigilance = rho_a
    while True:
        J = art1_choose(scores_a, reset_a)
        if J < 0:
            return -1
        overlap = 0.0
        for i in range(n_features):
            overlap += td_a[J, i] * xa[i]
        match = overlap / x_norm
        if match < vigilance:
            reset_a[J] = True
            continue
        if map_w[J, K] < rho_map:
            vigilance = match + 1e-6 * (1.0 + match)  # match tracking
            reset_a[J] = True
            continue
        break
    size = 0.0
    for i in range(n_features):
        td_a[J, i] = td_a[J, i] * xa[i]
        size += td_a[J, i]
    for i in range(n_features):
        bu_a[J, i] = td_a[J, i] / (beta_a + size)
    for k in range(map_w.shape[1]):
        if k != K:
            map_w[J, k] = 0.0
    committed_a[J] = True
    return J


@njit(**_opts)
def artmap_epoch(Xa, Xb, order, bu_a, td_a, committed_a, bu_b, td_b, committed_b, map_w, rho_a,
                 rho_b, rho_map, beta_a, beta_b, labels, reset_a, scores_a, reset_b, scores_b):
    """ARTMAP over the pairs ``(Xa, Xb)[order]``; ``labels[order[i]]`` gets the ARTa unit."""
    for i in range(order.shape[0]):
        row = order[i]
        labels[row] = artmap_present(Xa[row], Xb[row], bu_a, td_a, committed_a, bu_b, td_b,
                                     committed_b, map_w, rho_a, rho_b, rho_map, beta_a, beta_b,
                                     reset_a, scores_a, reset_b, scores_b)


@njit(**_opts)
def art_best_committed(X, bottom_up, committed, out):
    """For every row, the committed unit with the largest ``bottom_up[j] . x`` (-1: none)."""
    for r in range(X.shape[0]):
        best = -1
        best_score = 0.0
        for j in range(bottom_up.shape[0]):
            if not committed[j]:
                continue
            acc = 0.0
            for i in range(X.shape[1]):
                acc += bottom_up[j, i] * X[r, i]
            if best < 0 or acc > best_score:
                best = j
                best_score = acc
        out[r] = best
