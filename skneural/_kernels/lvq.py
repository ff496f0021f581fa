"""CPU (Numba) kernels for SNNS's dynamic learning vector quantisation (DLVQ).

One call of :func:`dlvq_epoch` is one epoch over the patterns in the order
the caller drew (from ``random_state``).  The prototype buffer is allocated
once per fit with room for every prototype DLVQ may add; only its first
``n_prototypes`` rows are in use.  CPU only: the work per pattern is one
nearest-prototype search over a handful of prototypes.

Rule (SNNS user manual, "DLVQ"): a pattern of class ``x`` whose nearest
prototype ``w`` belongs to another class ``y`` moves the nearest prototype of
its own class towards it by ``eta_pos * (x - p)`` and ``w`` away from it by
``eta_neg * (x - w)``; correctly classified patterns change nothing.
"""

from numba import njit

from . import CACHE_KERNELS

_opts = dict(cache=CACHE_KERNELS, nogil=True, error_model="numpy")


@njit(**_opts)
def lvq_nearest(x, prototypes, n_prototypes, prototype_class, wanted_class):
    """Nearest prototype to ``x`` (first one on ties); only ``wanted_class`` when it is >= 0."""
    best = -1
    best_d = 0.0
    for j in range(n_prototypes):
        if wanted_class >= 0 and prototype_class[j] != wanted_class:
            continue
        acc = 0.0
        for k in range(x.shape[0]):
            diff = x[k] - prototypes[j, k]
            acc += diff * diff
        if best < 0 or acc < best_d:
            best = j
            best_d = acc
    return best


@njit(**_opts)
def dlvq_epoch(X, y, order, prototypes, n_prototypes, prototype_class, eta_pos, eta_neg,
               predicted):
    """One DLVQ epoch over ``X[order]``; returns the number of misclassified patterns.

    ``predicted[order[i]]`` receives the class pattern ``order[i]`` was assigned to
    (before its own update).
    """
    n_wrong = 0
    for i in range(order.shape[0]):
        row = order[i]
        x = X[row]
        w = lvq_nearest(x, prototypes, n_prototypes, prototype_class, -1)
        predicted[row] = prototype_class[w]
        if prototype_class[w] == y[row]:
            continue
        n_wrong += 1
        p = lvq_nearest(x, prototypes, n_prototypes, prototype_class, y[row])
        for k in range(x.shape[0]):
            prototypes[p, k] += eta_pos * (x[k] - prototypes[p, k])
            prototypes[w, k] -= eta_neg * (x[k] - prototypes[w, k])
    return n_wrong


@njit(**_opts)
def lvq_assign(X, prototypes, n_prototypes, prototype_class, winners):
    """Nearest prototype of every row of ``X`` into ``winners``."""
    for i in range(X.shape[0]):
        winners[i] = lvq_nearest(X[i], prototypes, n_prototypes, prototype_class, -1)
