"""The numeric primitives every kernel shares, written once.

Plain Python functions: each kernel module compiles them for its target
(``njit`` on the CPU, ``cuda.jit(device=True)`` on the GPU), so the MLP, the
SNNS learners and the RBM, on both devices, use one definition and get the
same bits.

* ``mix64_body`` -- splitmix64's finaliser, a bijection on uint64: the hash
  behind every random number (MLP shuffles and dropout through
  ``splitmix64_body``; the RBM's counter-based streams directly).
* ``logistic_body`` -- 1 / (1 + exp(-z)) in float64 without a libm call, so
  loops over it vectorise (PERFORMANCE.md): exp(-|z|) = q(-|z| / 256) ** 256
  with q the degree-12 Taylor polynomial of exp (truncation error below
  1e-16 on |z| / 256 <= 0.3125) and eight squarings, which scale the rounding
  error by 256: relative error below 1e-13.  |z| is clipped at 80, where the
  result is 1 - 1.8e-35 (or 1.8e-35 for z <= -80).
"""

import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)


def mix64_body(z):
    """splitmix64's finaliser (a bijection on uint64)."""
    z = (z ^ (z >> np.uint64(30))) * MIX1
    z = (z ^ (z >> np.uint64(27))) * MIX2
    return z ^ (z >> np.uint64(31))


def splitmix64_body(x):
    """One splitmix64 step: the finaliser of ``x`` plus the golden-ratio increment."""
    z = x + GOLDEN
    z = (z ^ (z >> np.uint64(30))) * MIX1
    z = (z ^ (z >> np.uint64(27))) * MIX2
    return z ^ (z >> np.uint64(31))


def logistic_body(z):
    """The logistic function in float64, polynomial exp (see the module docstring)."""
    x = np.float64(z)
    a = min(abs(x), 80.0)
    r = a * (-1.0 / 256.0)
    q = 1.0 + r * (1.0 + r * (1.0 / 2.0 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (
        1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0 + r * (1.0 / 40320.0 + r * (
            1.0 / 362880.0 + r * (1.0 / 3628800.0 + r * (1.0 / 39916800.0 + r * (
                1.0 / 479001600.0))))))))))))
    q = q * q
    q = q * q
    q = q * q
    q = q * q
    q = q * q
    q = q * q
    q = q * q
    q = q * q
    s = 1.0 / (1.0 + q)
    return s if x >= 0 else q * s
