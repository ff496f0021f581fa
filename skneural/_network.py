"""The layout of a dense network in skneural's flat parameter vector, and the
per-fit work buffers.

Shared by the MLP estimators, the SNNS learners and the DBN: a plain module
with no estimator imports, so every solver can use it without an import cycle.
"""

import numpy as np

#: Prediction and full-batch passes process at most this many activations at once.
PREDICT_CHUNK_FLOATS = 1 << 20


def layout(layer_sizes):
    """Offsets of every weight matrix and bias vector in the flat vector.

    Returns ``(w_off, b_off, n_params)``: layer i's (n_i, n_{i+1}) weight
    matrix starts at ``w_off[i]`` (row-major), its bias at ``b_off[i]``.
    """
    L = len(layer_sizes) - 1
    w_off = np.zeros(L, dtype=np.int64)
    b_off = np.zeros(L, dtype=np.int64)
    pos = 0
    for i in range(L):
        w_off[i] = pos
        pos += layer_sizes[i] * layer_sizes[i + 1]
        b_off[i] = pos
        pos += layer_sizes[i + 1]
    return w_off, b_off, pos


def activation_offsets(layer_sizes, rows):
    """Offsets of each layer's (rows, n_i) block in the activation buffers."""
    a_off = np.zeros(len(layer_sizes), dtype=np.int64)
    pos = 0
    for i in range(1, len(layer_sizes)):
        a_off[i] = pos
        pos += rows * layer_sizes[i]
    return a_off, max(pos, 1)


def chunk_rows(layer_sizes, n):
    """Rows per chunk of a prediction or full-batch pass over ``n`` rows."""
    return max(1, min(n, PREDICT_CHUNK_FLOATS // max(1, int(sum(layer_sizes[1:])))))


class Workspace:
    """Buffers allocated once per fit (or predict) for ``rows`` rows per batch."""

    def __init__(self, layer_sizes, rows, dtype, dropout=0.0):
        self.rows = rows
        self.a_off, size = activation_offsets(layer_sizes, rows)
        self.xbuf = np.empty(rows * layer_sizes[0], dtype=dtype)
        self.ybuf = np.empty(rows * layer_sizes[-1], dtype=dtype)
        self.swbuf = np.empty(rows, dtype=dtype)
        self.act_buf = np.empty(size, dtype=dtype)
        self.delta_buf = np.empty(size, dtype=dtype)
        self.mask_buf = np.empty(size if np.max(dropout) > 0 else 1, dtype=dtype)
