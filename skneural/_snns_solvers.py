"""The SNNS learning functions as solvers of the MLP estimators.

Names, parameter mapping and the per-epoch runner.  The update rules live in
:mod:`skneural._kernels.snns`; scaled conjugate gradient's outer iteration
(two compiled full-batch gradient evaluations per epoch) is driven here.

Parameter mapping (RSNNS ``learnFuncParams`` -> estimator parameters):

=====================  =================================================
solver                 parameters used
=====================  =================================================
std_backprop           learning_rate_init (eta), dmax
backprop_batch         learning_rate_init (eta), dmax
backprop_chunk         learning_rate_init (eta), dmax, batch_size (chunk)
backprop_momentum      learning_rate_init, momentum, flat_spot, dmax
backprop_weight_decay  learning_rate_init, alpha (decay), min_weight, dmax
rprop                  learning_rate_init (initial step), max_step, alpha
                       (weight decay 10**-a)
quickprop              learning_rate_init (eta), max_growth (mu), alpha (nu),
                       dmax
scg                    scg_sigma, scg_lambda, dmax, tol
=====================  =================================================

Sample weights (RSNNS has none): pattern i's masked SSE counts ``w_i`` times
and its back-propagated gradient is scaled by ``w_i``.  The batch learners
(quickprop, rprop, scg, backprop_batch) use the weighted gradient sum, so an
integer weight equals repeating the row and a zero weight equals dropping it;
backprop_batch divides eta by ``sum(w)`` in place of the number of patterns
(scikit-learn's mean-gradient convention).  The online learners scale each
pattern's step by its weight (backprop_chunk still divides a chunk's sum by
its row count); momentum and weight decay act once per update whatever the
weight, so there repeating a row is not the same as weighting it.  Unit
weights give the unweighted arithmetic bit for bit.
"""

import numpy as np

from ._kernels import snns as _ks

SNNS_SOLVERS = {
    "std_backprop": _ks.STD_BACKPROP,
    "backprop_batch": _ks.BACKPROP_BATCH,
    "backprop_chunk": _ks.BACKPROP_CHUNK,
    "backprop_momentum": _ks.BACKPROP_MOMENTUM,
    "backprop_weight_decay": _ks.BACKPROP_WEIGHT_DECAY,
    "rprop": _ks.RPROP,
    "quickprop": _ks.QUICKPROP,
    "scg": _ks.SCG,
}

#: RSNNS learnFunc name -> skneural solver name.
RSNNS_LEARN_FUNCS = {
    "Std_Backpropagation": "std_backprop",
    "BackpropBatch": "backprop_batch",
    "BackpropChunk": "backprop_chunk",
    "BackpropMomentum": "backprop_momentum",
    "BackpropWeightDecay": "backprop_weight_decay",
    "Rprop": "rprop",
    "Quickprop": "quickprop",
    "SCG": "scg",
}

_CHUNK_ROWS = 512


def _snns_kernels(device):
    """The SNNS kernel module of a resolved device (CUDA imported lazily)."""
    if device == "cuda":
        from ._kernels import snns_cuda  # noqa: PLC0415 - lazy on purpose

        return snns_cuda
    return _ks


def pack_snns_hyper(est, batch_size):
    h = np.zeros(_ks.N_SNNS_HYPER, dtype=np.float64)
    h[_ks.S_ETA] = est.learning_rate_init
    h[_ks.S_DMAX] = est.dmax
    h[_ks.S_FLAT] = est.flat_spot if est.solver == "backprop_momentum" else 0.0
    h[_ks.S_MOMENTUM] = est.momentum
    h[_ks.S_DECAY] = est.alpha
    h[_ks.S_MU] = est.max_growth
    h[_ks.S_MAX_STEP] = est.max_step
    h[_ks.S_MIN_WEIGHT] = est.min_weight
    h[_ks.S_SIGMA] = est.scg_sigma
    h[_ks.S_LAMBDA] = est.scg_lambda
    h[_ks.S_CHUNK] = 1 if batch_size == "auto" else batch_size
    return h


class SNNSEpochRunner:
    """Calls the compiled SNNS epoch once per call; returns the epoch's error.

    Optimizer state (Quickprop's previous steps and slopes, Rprop's step
    sizes, momentum, SCG's direction) lives on the estimator between calls,
    so ``partial_fit`` and warm starts continue where they stopped.
    """

    def __init__(self, est, X, T, sizes, w_off, b_off, hidden_act, out_act, seed,
                 incremental, batch_size, sample_weight=None):
        self.est = est
        self.X = X
        self.T = T
        # one weight per row (None: all 1); the kernels weight each pattern's
        # error and gradient by it (see the module docstring)
        self.sw = None if sample_weight is None else \
            np.ascontiguousarray(sample_weight, dtype=X.dtype)
        self.sizes = np.asarray(sizes, dtype=np.int64)
        self.w_off = w_off
        self.b_off = b_off
        self.hidden_act = hidden_act
        self.out_act = out_act
        self.seed = seed
        self.code = SNNS_SOLVERS[est.solver]
        self.kern = _snns_kernels(getattr(est, "_device", "cpu"))
        self.hyper = pack_snns_hyper(est, batch_size)
        n = X.shape[0]
        self.chunk = max(1, min(n, _CHUNK_ROWS))
        rows = self.chunk
        if self.code == _ks.BACKPROP_CHUNK:  # its chunks are gathered whole
            rows = max(rows, min(n, int(self.hyper[_ks.S_CHUNK])))
        from ._multilayer_perceptron import _Workspace  # noqa: PLC0415 - cycle

        self.ws = _Workspace(sizes, rows, X.dtype, 0.0)
        params = est._params
        self.grad = np.empty_like(params)
        self.gtmp = np.empty_like(params)
        self.order = np.arange(n, dtype=np.int64)
        if not incremental or getattr(est, "_snns_state", None) is None or \
                est._snns_state.shape[1] != params.shape[0]:
            state = np.zeros((_ks.N_SNNS_STATE, params.shape[0]), dtype=params.dtype)
            if self.code == _ks.RPROP:
                init = est.learning_rate_init if est.learning_rate_init > 0 else 0.001
                state[0] = min(init, est.max_step)
            est._snns_state = state
            est._snns_weight_mask = np.ones(params.shape[0], dtype=params.dtype)
            est._scg = None

    def _error_grad(self, params):
        ws = self.ws
        err = self.kern.snns_full_grad(
            params, self.grad, self.gtmp, self.sizes, self.w_off, self.b_off, ws.a_off,
            self.hidden_act, self.out_act, self.X, self.T, self.order, self.chunk,
            self.hyper[_ks.S_DMAX], 0.0, True, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
            ws.delta_buf, self.sw,
        )
        return err, self.grad.astype(np.float64)

    def __call__(self):
        est = self.est
        if self.code == _ks.SCG:
            return self._scg_epoch()
        ws = self.ws
        err = self.kern.snns_train_epoch(
            self.code, est._params, self.grad, self.gtmp, est._snns_state,
            est._snns_weight_mask, self.sizes, self.w_off, self.b_off, ws.a_off,
            self.hidden_act, self.out_act, self.X, self.T, self.order, bool(est.shuffle),
            self.seed, int(getattr(est, "_epoch_count", est.n_iter_)), self.hyper, self.chunk, ws.xbuf, ws.ybuf,
            ws.swbuf, ws.act_buf, ws.delta_buf, self.sw,
        )
        if self.code == _ks.BACKPROP_WEIGHT_DECAY and est.min_weight > 0:
            self._prune()
        return err

    def _prune(self):
        """BackpropWeightDecay removes links whose weight fell under min_weight."""
        est = self.est
        p = est._params
        for i in range(len(self.w_off)):
            w = p[self.w_off[i]: self.b_off[i]]
            m = est._snns_weight_mask[self.w_off[i]: self.b_off[i]]
            dead = np.abs(w) < est.min_weight
            w[dead] = 0
            m[dead] = 0

    def _scg_epoch(self):
        """One iteration of Moller's scaled conjugate gradient (E = 1/2 masked SSE).

        Returns the error at the weights after the iteration, as SNNS reports.
        """
        est = self.est
        params = est._params
        s = est._scg
        if s is None:
            err, g = self._error_grad(params)
            r = -g
            s = est._scg = {
                "w": params.astype(np.float64), "E": 0.5 * err, "err": err, "g": g,
                "r": r, "p": r.copy(), "lam": est.scg_lambda, "lam_bar": 0.0,
                "success": True, "k": 0, "delta": 0.0,
            }
        p, r, w = s["p"], s["r"], s["w"]
        pn2 = float(p @ p)
        if pn2 == 0.0 or float(r @ r) <= est.tol ** 2:
            return s["err"]
        if s["success"]:
            sig = est.scg_sigma / np.sqrt(pn2)
            params[:] = w + sig * p
            _, g2 = self._error_grad(params)
            s["delta"] = float(p @ ((g2 - s["g"]) / sig))
        lam, lam_bar = s["lam"], s["lam_bar"]
        delta = s["delta"] + (lam - lam_bar) * pn2
        if delta <= 0:
            lam_bar = 2.0 * (lam - delta / pn2)
            delta = -delta + lam * pn2
            lam = lam_bar
        mu = float(p @ r)
        alpha = mu / delta
        params[:] = w + alpha * p
        err_new, g_new = self._error_grad(params)
        E_new = 0.5 * err_new
        Delta = 2.0 * delta * (s["E"] - E_new) / (mu * mu)
        if Delta >= 0:
            s["w"] = w + alpha * p
            s["E"], s["err"], s["g"] = E_new, err_new, g_new
            r_new = -g_new
            lam_bar = 0.0
            s["success"] = True
            s["k"] += 1
            if s["k"] % p.size == 0:
                s["p"] = r_new
            else:
                beta = (float(r_new @ r_new) - float(r_new @ r)) / mu
                s["p"] = r_new + beta * p
            s["r"] = r_new
            if Delta >= 0.75:
                lam = lam / 4.0
        else:
            lam_bar = lam
            s["success"] = False
        if Delta < 0.25:
            lam = lam + delta * (1.0 - Delta) / pn2
        s["lam"], s["lam_bar"] = lam, lam_bar
        params[:] = s["w"]
        return s["err"]


def snns_error(est, X, T, sample_weight=None):
    """SNNS's masked SSE of the fitted network on (X, T), rows weighted by
    ``sample_weight`` (None: all 1)."""
    from ._multilayer_perceptron import _layout, _Workspace  # noqa: PLC0415

    params = est._get_params_vector()
    sizes = est._layer_units_
    w_off, b_off, _ = _layout(sizes)
    chunk = max(1, min(X.shape[0], _CHUNK_ROWS))
    ws = _Workspace(sizes, chunk, params.dtype, 0.0)
    hidden, out, _ = est._kernel_codes()
    return float(_ks.snns_error(
        params, np.asarray(sizes, dtype=np.int64), w_off, b_off, ws.a_off, hidden, out,
        np.ascontiguousarray(X, dtype=params.dtype), np.ascontiguousarray(T, dtype=params.dtype),
        chunk, est.dmax, ws.xbuf, ws.ybuf, ws.act_buf,
        None if sample_weight is None else
        np.ascontiguousarray(sample_weight, dtype=params.dtype),
    ))
