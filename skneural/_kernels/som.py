"""CPU (Numba) kernels for SNNS's self-organising (Kohonen) map.

Every function is a free ``@njit`` kernel that receives every array it
touches; one call of :func:`som_epoch` is one whole training epoch.  The
pattern order is drawn by the caller (from ``random_state``) and passed in,
so a kernel holds no random state of its own.  CPU only: a map of a few
hundred units on a few thousand patterns is far too small for a GPU to pay
off (each pattern depends on the weights the previous one left).

Semantics (SNNS user manual, "Kohonen" learning function):

* the winner ``c`` is the unit whose weight vector is nearest to the pattern
  (Euclidean distance; ties go to the lowest unit number);
* unit ``j`` at grid distance ``d(c, j) <= r`` moves towards the pattern by
  ``h * exp(-d^2 / r^2) * (x - w_j)``; with ``r < 1`` only the winner moves
  (by ``h``);
* after *every pattern* ``h *= mult_h`` and ``r *= mult_r``.
"""

import math

from numba import njit

from . import CACHE_KERNELS

_opts = dict(cache=CACHE_KERNELS, nogil=True, error_model="numpy")


@njit(**_opts)
def som_sq_distances_row(x, weights, out):
    """Squared Euclidean distance of pattern ``x`` to every unit, into ``out``."""
    n_units, n_features = weights.shape
    for j in range(n_units):
        acc = 0.0
        for k in range(n_features):
            diff = x[k] - weights[j, k]
            acc += diff * diff
        out[j] = acc


@njit(**_opts)
def som_argmin(values):
    """Index of the smallest value (the first one on ties)."""
    best = 0
    for j in range(1, values.shape[0]):
        if values[j] < values[best]:
            best = j
    return best


@njit(**_opts)
def som_epoch(X, order, weights, grid, height, radius, mult_h, mult_r, winners, sq_dist):
    """One Kohonen epoch over the patterns ``X[order]``; returns ``(height, radius, sse)``.

    ``weights`` (n_units, n_features) is updated in place; ``grid`` holds each
    unit's (column, row) map coordinates; ``winners[i]`` receives the winner of
    ``X[order[i]]`` (before that pattern's update) and ``sse`` is the summed
    squared distance of each pattern to its winner, measured before the update.
    ``sq_dist`` is an (n_units,) scratch buffer.
    """
    n_units = weights.shape[0]
    n_features = weights.shape[1]
    sse = 0.0
    for i in range(order.shape[0]):
        x = X[order[i]]
        som_sq_distances_row(x, weights, sq_dist)
        c = som_argmin(sq_dist)
        winners[i] = c
        sse += sq_dist[c]
        cx = grid[c, 0]
        cy = grid[c, 1]
        r2 = radius * radius
        for j in range(n_units):
            dx = grid[j, 0] - cx
            dy = grid[j, 1] - cy
            d2 = dx * dx + dy * dy
            if j == c:
                factor = height
            elif d2 <= r2:
                factor = height * math.exp(-d2 / r2)
            else:
                continue
            for k in range(n_features):
                weights[j, k] += factor * (x[k] - weights[j, k])
        height *= mult_h
        radius *= mult_r
    return height, radius, sse


@njit(**_opts)
def som_winners(X, weights, winners, distances):
    """Winner of every row of ``X`` and the (non-squared) distance matrix ``distances``."""
    n = X.shape[0]
    for i in range(n):
        som_sq_distances_row(X[i], weights, distances[i])
        winners[i] = som_argmin(distances[i])
        for j in range(weights.shape[0]):
            distances[i, j] = math.sqrt(distances[i, j])

