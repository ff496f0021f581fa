"""Small validation helpers shared by the estimators and the RSNNS layer."""

import numbers

import numpy as np


def as_whole_number(name, value, min_value=None):
    """Return ``value`` as an ``int`` when it is a whole number.

    R passes ``5`` as ``5.0``; such floats are accepted, ``5.5`` is not.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (strings, None, bool...).
    ValueError
        If ``value`` is not whole, not finite, or below ``min_value``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            "The '%s' parameter must be a whole number, got %r of type %s."
            % (name, value, type(value).__name__)
        )
    if not np.isfinite(value) or float(value) != int(value):
        raise ValueError("The '%s' parameter must be a whole number, got %r." % (name, value))
    value = int(value)
    if min_value is not None and value < min_value:
        raise ValueError(
            "The '%s' parameter must be >= %d, got %d." % (name, min_value, value)
        )
    return value


def as_layer_sizes(name, sizes):
    """Validate hidden layer sizes: a whole number or a sequence of them, each >= 1."""
    if isinstance(sizes, str):
        raise TypeError("The '%s' parameter must be a whole number or a sequence of "
                        "whole numbers, got the string %r." % (name, sizes))
    if np.ndim(sizes) == 0:
        sizes = [sizes]
    sizes = list(np.asarray(sizes, dtype=object).ravel())
    out = []
    for s in sizes:
        v = as_whole_number(name, s)
        if v <= 0:
            raise ValueError("%s must be > 0, got %s." % (name, list(sizes)))
        out.append(v)
    return out
