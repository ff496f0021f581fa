"""The training engine: one compiled epoch per call, for every solver.

A fit builds an *epoch runner* from three things: the solver object (its
hyper-parameters, :mod:`skneural.solvers`), the optimizer state (moments,
Quickprop's previous steps and slopes, Rprop's step sizes, SCG's direction:
an :class:`OptimizerState` the estimator keeps between ``partial_fit`` calls
and warm starts) and the kernels of the fit's device
(:func:`skneural._backend.get_kernels`).  Calling the runner trains one epoch
in compiled code and returns the epoch's loss; the driver
(:mod:`skneural._driver`) decides everything between epochs.

Gradient rules (sgd, adam, ...) run in ``train_epoch``; the SNNS learning
functions run in ``snns_train_epoch`` (SNNS's masked sum-of-squares error and
its update rules); SCG's outer iteration (two compiled full-batch gradients
per epoch) is the one driven from here.  Solvers never write into the
estimator: their state is in :class:`OptimizerState`.
"""

import numpy as np

from . import _backend
from ._kernels import cpu as _k
from ._kernels import snns as _ks
from ._network import Workspace, layout

_SNNS_CHUNK_ROWS = 512


# ---------------------------------------------------------------------------
# Learning-rate schedules
# ---------------------------------------------------------------------------
#: schedules of every stochastic solver (beyond scikit-learn's sgd-only ones)
EPOCH_SCHEDULES = ("cosine", "onecycle", "plateau")
#: one-cycle: the rate starts at base / ONECYCLE_DIV, peaks at base after
#: ONECYCLE_PEAK of the epochs, then anneals (cosine) to base / ONECYCLE_FINAL_DIV
ONECYCLE_DIV, ONECYCLE_PEAK, ONECYCLE_FINAL_DIV = 25.0, 0.3, 1e4
#: reduce-on-plateau: the factor applied when the monitored loss stalls, and the
#: floor (relative to the initial rate) below which training stops
PLATEAU_FACTOR, PLATEAU_FLOOR = 0.1, 1e-4


class LearningRateSchedule:
    """The learning rate of every epoch: a once-per-epoch scalar handed to the
    compiled epoch.

    * ``constant``; scikit-learn's ``invscaling`` (rate / (t + 1) ** power_t,
      t = samples seen) and ``adaptive`` (divide by 5 when the loss stalls),
      for :class:`~skneural.solvers.SGD` as in scikit-learn;
    * for every stochastic solver: ``cosine`` (base * (1 + cos(pi e / E)) / 2
      over the E epochs after warm-up), ``onecycle`` (Smith's one-cycle: from
      base/25 up to base over the first 30% of the epochs, then a cosine down to
      base/1e4) and ``plateau`` (divide by 10 whenever the loss has not improved
      by ``tol`` for ``n_iter_no_change`` epochs; stop below base * 1e-4);
    * ``warmup_epochs`` W: epochs 1..W ramp linearly from base/W to base, and
      the schedule runs over the remaining ``max_iter - W`` epochs.
    """

    def __init__(self, learning_rate_init, schedule="constant", power_t=0.5, warmup_epochs=0,
                 total_epochs=1):
        self.learning_rate_init = float(learning_rate_init)
        self.schedule = schedule
        self.power_t = power_t
        self.warmup_epochs = int(warmup_epochs)
        self.total_epochs = max(1, int(total_epochs))
        self.learning_rate = float(learning_rate_init)
        self.scale = 1.0  # reduce-on-plateau's accumulated factor

    @classmethod
    def for_solver(cls, solver, schedule=None, warmup_epochs=0, total_epochs=1):
        rate = getattr(solver, "learning_rate_init", getattr(solver, "learning_rate", np.nan))
        rate = rate if isinstance(rate, (int, float)) else np.nan
        if solver.name == "sgd" and schedule in (None, "constant"):
            return cls(rate, solver.learning_rate, solver.power_t, warmup_epochs, total_epochs)
        return cls(rate, schedule or "constant", 0.5, warmup_epochs, total_epochs)

    def factor(self, epoch):
        """The multiplier of the base rate in ``epoch`` (0-based) for the epoch-indexed
        schedules and the warm-up."""
        W = self.warmup_epochs
        if epoch < W:
            return (epoch + 1) / W
        e, E = epoch - W, max(1, self.total_epochs - W)
        if self.schedule == "cosine":
            return 0.5 * (1.0 + np.cos(np.pi * min(e, E) / E))
        if self.schedule == "onecycle":
            up = max(1.0, ONECYCLE_PEAK * E)
            if e < up:
                return 1.0 / ONECYCLE_DIV + (1.0 - 1.0 / ONECYCLE_DIV) * e / up
            t = min(1.0, (e - up) / max(1.0, E - 1 - up))
            low = 1.0 / ONECYCLE_FINAL_DIV
            return low + (1.0 - low) * 0.5 * (1.0 + np.cos(np.pi * t))
        return 1.0

    def epoch_begins(self, epoch):
        """Set the rate of epoch ``epoch`` (0-based, counted over the fits the
        schedule spans)."""
        W = self.warmup_epochs
        if epoch < W:
            self.learning_rate = self.learning_rate_init * (epoch + 1) / W
        elif self.schedule in ("cosine", "onecycle"):
            self.learning_rate = self.learning_rate_init * float(self.factor(epoch))
        elif W and epoch == W:  # warm-up over: the other schedules start from the base
            self.learning_rate = self.learning_rate_init * self.scale

    def iteration_ends(self, time_step):
        if self.schedule == "invscaling":
            self.learning_rate = self.learning_rate_init / (time_step + 1) ** self.power_t

    def trigger_stopping(self, msg, verbose):
        """Return True to stop; ``adaptive`` divides the rate by 5 first,
        ``plateau`` by 10."""
        if self.schedule == "plateau":
            if self.learning_rate * PLATEAU_FACTOR < self.learning_rate_init * PLATEAU_FLOOR:
                if verbose:
                    print(msg + " Learning rate at its floor. Stopping.")
                return True
            self.scale *= PLATEAU_FACTOR
            self.learning_rate *= PLATEAU_FACTOR
            if verbose:
                print(msg + " Reducing the learning rate to %g" % self.learning_rate)
            return False
        if self.schedule != "adaptive":
            if verbose:
                print(msg + " Stopping.")
            return True
        if self.learning_rate <= 1e-6:
            if verbose:
                print(msg + " Learning rate too small. Stopping.")
            return True
        self.learning_rate /= 5.0
        if verbose:
            print(msg + " Setting learning rate to %f" % self.learning_rate)
        return False


# ---------------------------------------------------------------------------
# Optimizer state, kept by the estimator between calls
# ---------------------------------------------------------------------------
class OptimizerState:
    """Everything a solver carries from one epoch to the next.

    ``arrays`` (rows x n_params, in the parameters' dtype) holds the
    elementwise state: Adam's moments, momentum velocities, Quickprop's
    previous steps and slopes, Rprop's step sizes; ``mask`` marks links that
    still exist (BackpropWeightDecay prunes); ``step`` counts optimizer steps;
    ``scg`` is SCG's outer state; ``schedule`` the learning-rate schedule.
    """

    def __init__(self, solver, n_params, dtype, schedule=None):
        self.solver_name = solver.name
        self.schedule = schedule or LearningRateSchedule.for_solver(solver)
        self.step = 0
        self.scg = None
        self.mask = None
        if solver.family == "snns":
            self.arrays = np.zeros((_ks.N_SNNS_STATE, n_params), dtype=dtype)
            if solver.name == "rprop":
                self.arrays[0] = min(solver.learning_rate, solver.max_step)
            self.mask = np.ones(n_params, dtype=dtype)
        else:
            self.arrays = np.zeros((2, n_params), dtype=dtype)

    def matches(self, solver, n_params, dtype):
        return (self.solver_name == solver.name and self.arrays.shape[1] == n_params
                and self.arrays.dtype == dtype)

    def snapshot(self):
        return (self.arrays.copy(), None if self.mask is None else self.mask.copy(),
                self.step, self.schedule.learning_rate, self.schedule.scale)

    def restore(self, snap):
        arrays, mask, step, rate, scale = snap
        self.arrays[...] = arrays
        if mask is not None:
            self.mask[...] = mask
        self.step = step
        self.schedule.learning_rate = rate
        self.schedule.scale = scale
        self.scg = None  # SCG restarts its conjugate directions


# ---------------------------------------------------------------------------
# Hyper-parameter vectors
# ---------------------------------------------------------------------------
GRADIENT_CODES = {"sgd": _k.SGD, "adam": _k.ADAM, "rmsprop": _k.RMSPROP, "adagrad": _k.ADAGRAD,
                   "adadelta": _k.ADADELTA, "adamax": _k.ADAMAX, "nadam": _k.NADAM}


def gradient_hyper(solver):
    """The ``train_epoch`` hyper-parameter vector of a gradient solver."""
    hyper = np.zeros(_k.N_HYPER, dtype=np.float64)
    hyper[_k.H_MOMENTUM] = getattr(solver, "momentum", 0.0)
    hyper[_k.H_NESTEROV] = 1.0 if getattr(solver, "nesterovs_momentum", False) else 0.0
    hyper[_k.H_BETA1] = getattr(solver, "beta_1", 0.0)
    hyper[_k.H_BETA2] = getattr(solver, "beta_2", 0.0)
    hyper[_k.H_EPSILON] = getattr(solver, "epsilon", 1e-8)
    hyper[_k.H_RHO] = getattr(solver, "rho", 0.0)
    return hyper


def snns_hyper(solver):
    """The ``snns_train_epoch`` hyper-parameter vector of an SNNS learner."""
    h = np.zeros(_ks.N_SNNS_HYPER, dtype=np.float64)
    h[_ks.S_ETA] = getattr(solver, "learning_rate", 0.0)
    h[_ks.S_DMAX] = getattr(solver, "dmax", 0.0)
    h[_ks.S_FLAT] = getattr(solver, "flat_spot", 0.0)
    h[_ks.S_MOMENTUM] = getattr(solver, "momentum", 0.0)
    h[_ks.S_DECAY] = getattr(solver, "decay", 0.0)
    h[_ks.S_MU] = getattr(solver, "mu", 0.0)
    h[_ks.S_MAX_STEP] = getattr(solver, "max_step", 0.0)
    h[_ks.S_MIN_WEIGHT] = getattr(solver, "min_weight", 0.0)
    h[_ks.S_SIGMA] = getattr(solver, "sigma1", 0.0)
    h[_ks.S_LAMBDA] = getattr(solver, "lambda1", 0.0)
    h[_ks.S_CHUNK] = max(1, getattr(solver, "chunk_size", 1))
    return h


# ---------------------------------------------------------------------------
# Epoch runners
# ---------------------------------------------------------------------------
class Network:
    """What every runner needs to know about the network being trained."""

    def __init__(self, layer_sizes, w_off, b_off, hidden_act, out_act, loss_code):
        self.layer_sizes = list(layer_sizes)
        self.sizes = np.asarray(layer_sizes, dtype=np.int64)
        self.w_off = w_off
        self.b_off = b_off
        self.hidden_act = hidden_act
        self.out_act = out_act
        self.loss_code = loss_code


class GradientEpochs:
    """Minibatch epochs of a gradient rule (``train_epoch``)."""

    def __init__(self, solver, state, kern, net, params, X, Y, sw, batch_size, alpha,
                 dropout, shuffle, seed, epoch_counter, clip_norm=None, loss_param=1.0,
                 layer_acts=None, layer_drops=None):
        self.solver = solver
        self.state = state
        self.kern = kern
        self.net = net
        self.params = params
        self.X, self.Y, self.sw = X, Y, sw
        self.bs = batch_size
        self.alpha = float(alpha)
        self.layer_acts = layer_acts
        self.layer_drops = layer_drops
        # the scalar rate: the kernels' "any dropout" switch when rates are per layer
        self.dropout = float(np.max(dropout))
        self.shuffle = bool(shuffle)
        self.seed = seed
        self.epoch_counter = epoch_counter  # callable: epochs trained so far
        self.ws = Workspace(net.layer_sizes, batch_size, X.dtype, self.dropout)
        self.grad = np.empty_like(params)
        self.order = np.arange(X.shape[0], dtype=np.int64)
        self.code = GRADIENT_CODES[solver.name]
        self.hyper = gradient_hyper(solver)
        self.hyper[_k.H_CLIP] = 0.0 if clip_norm is None else float(clip_norm)
        self.hyper[_k.H_LOSS_PARAM] = float(loss_param)

    def __call__(self):
        ws, net, st = self.ws, self.net, self.state
        loss, st.step = self.kern.train_epoch(
            self.params, self.grad, st.arrays, net.sizes, net.w_off, net.b_off, ws.a_off,
            net.hidden_act, net.out_act, net.loss_code, self.X, self.Y, self.sw, self.order,
            self.shuffle, self.bs, self.alpha, self.code, self.hyper,
            float(st.schedule.learning_rate), int(st.step), self.dropout, self.seed,
            int(self.epoch_counter()), ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf, ws.delta_buf,
            ws.mask_buf, self.layer_acts, self.layer_drops,
        )
        return loss


class SNNSEpochs:
    """Epochs of an SNNS learning function (``snns_train_epoch``); SCG's outer
    iteration (Moller) is run here over two compiled full-batch gradients."""

    def __init__(self, solver, state, kern, net, params, X, T, sw, shuffle, seed,
                 epoch_counter, pattern_orders=None):
        self.solver = solver
        self.state = state
        self.kern = kern
        self.net = net
        self.params = params
        self.X, self.T = X, T
        # one weight per row (None: all 1); the kernels weight each pattern's
        # error and gradient by it
        self.sw = None if sw is None else np.ascontiguousarray(sw, dtype=X.dtype)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self.epoch_counter = epoch_counter
        self.hyper = snns_hyper(solver)
        self.uses_eta = solver.name not in ("rprop", "scg")
        # given per-epoch orders of the rows (RSNNS's shuffles replayed), used in turn
        self.pattern_orders = pattern_orders
        self.epochs_run = 0
        if pattern_orders is not None:
            self.shuffle = False
        n = X.shape[0]
        self.chunk = max(1, min(n, _SNNS_CHUNK_ROWS))
        rows = self.chunk
        if solver.name == "backprop_chunk":  # its chunks are gathered whole
            rows = max(rows, min(n, int(self.hyper[_ks.S_CHUNK])))
        self.ws = Workspace(net.layer_sizes, rows, X.dtype, 0.0)
        self.grad = np.empty_like(params)
        self.gtmp = np.empty_like(params)
        self.order = np.arange(n, dtype=np.int64)
        self._passes = 0  # full-batch gradient passes (SCG)

    def error_grad(self, params):
        self._passes += 1
        ws, net = self.ws, self.net
        err = self.kern.snns_full_grad(
            params, self.grad, self.gtmp, net.sizes, net.w_off, net.b_off, ws.a_off,
            net.hidden_act, net.out_act, self.X, self.T, self.order, self.chunk,
            self.hyper[_ks.S_DMAX], 0.0, True, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf,
            ws.delta_buf, self.sw,
        )
        return err, self.grad.astype(np.float64)

    def __call__(self):
        if self.solver.name == "scg":
            return self._scg_epoch()
        ws, net, st = self.ws, self.net, self.state
        if self.pattern_orders is not None:
            self.order[:] = self.pattern_orders[self.epochs_run]
            self.epochs_run += 1
        if self.uses_eta:  # the epoch's rate from the schedule (constant: the solver's eta)
            self.hyper[_ks.S_ETA] = st.schedule.learning_rate
        if self.solver.name == "backprop_weight_decay" and self.solver.min_weight > 0:
            return self._pruning_epoch()
        return self.kern.snns_train_epoch(
            self.solver.code, self.params, self.grad, self.gtmp, st.arrays, st.mask, net.sizes,
            net.w_off, net.b_off, ws.a_off, net.hidden_act, net.out_act, self.X, self.T,
            self.order, self.shuffle, self.seed, int(self.epoch_counter()), self.hyper,
            self.chunk, ws.xbuf, ws.ybuf, ws.swbuf, ws.act_buf, ws.delta_buf, self.sw,
        )

    # BackpropWeightDecay with min_weight > 0 (RSNNS.md "Pruning in
    # BackpropWeightDecay").  The state's row _FROZEN marks frozen output units
    # (at their bias); row _STOPPED holds (1, last error) once no hidden unit is
    # left.  It runs on the CPU kernels on every device (a per-link, per-pattern
    # rule on small networks).
    _FROZEN, _STOPPED = 4, 5

    def _pruning_epoch(self):
        st, net, solver = self.state, self.net, self.solver
        stop = st.arrays[self._STOPPED]
        if stop[0] != 0:
            return float(stop[1])
        if self.shuffle:
            _k.shuffle_inplace(self.order, self.seed, int(self.epoch_counter()))
        n_units = int(net.sizes.sum())
        acts = np.empty(n_units, dtype=self.params.dtype)
        errs = np.empty(n_units, dtype=self.params.dtype)
        err = _ks.snns_decay_prune_epoch(
            self.params, st.mask, st.arrays[self._FROZEN], net.sizes, net.w_off, net.b_off,
            net.hidden_act, net.out_act, self.X, self.T, self.order, self.hyper[_ks.S_ETA],
            solver.decay, solver.min_weight, solver.dmax, acts, errs, self.sw)
        if not self._remove_units():
            stop[0], stop[1] = 1, err  # no hidden unit left: SNNS stops training
        return err

    def _remove_units(self):
        """SNNS's end-of-epoch clean-up after pruning: delete hidden units without
        incoming or outgoing links, freeze outputs that follow a deleted unit
        and lost every incoming link.  Returns whether a hidden unit is left."""
        p, mask, net = self.params, self.state.mask, self.net
        sizes, L = net.layer_sizes, len(net.layer_sizes) - 1
        frozen = self.state.arrays[self._FROZEN]
        frozen[:] = 0

        def links(i):  # the live-link mask of weight layer i, (n_in, n_out)
            return mask[net.w_off[i]: net.b_off[i]].reshape(sizes[i], sizes[i + 1])

        units = [(layer, c) for layer in range(L + 1) for c in range(sizes[layer])
                 if layer == 0 or mask[net.b_off[layer - 1] + c] != 0]
        marked = set()
        while True:
            n_in = {(layer, c): int(links(layer - 1)[:, c].sum())
                    for layer, c in units if layer > 0}
            n_out = {(layer, c): int(links(layer)[c].sum()) for layer, c in units if layer < L}
            changed = False
            pos = 0
            while pos < len(units):
                layer, c = units[pos]
                if layer == 0:
                    if (layer, c) not in marked and n_out[(layer, c)] == 0:
                        marked.add((layer, c))
                        changed = True
                elif layer < L and (n_out[(layer, c)] == 0 or n_in[(layer, c)] == 0):
                    self._delete_hidden(layer, c, fold=n_in[(layer, c)] == 0)
                    del units[pos]
                    changed = True
                    if pos < len(units):
                        nxt = units[pos]
                        if nxt[0] == L and n_in[nxt] == 0:
                            frozen[net.b_off[L - 1] + nxt[1]] = 1
                pos += 1
            if not changed:
                break
        return any(0 < layer < L for layer, _ in units)

    def _delete_hidden(self, layer, c, fold):
        """Remove hidden unit c of ``layer`` with its links; without incoming
        links its constant output f(bias) times each outgoing weight first
        moves into that successor's bias."""
        p, mask, net = self.params, self.state.mask, self.net
        sizes = net.layer_sizes
        n_prev, n_here, n_next = sizes[layer - 1], sizes[layer], sizes[layer + 1]
        bias = net.b_off[layer - 1] + c
        out_w = net.w_off[layer] + c * n_next + np.arange(n_next)
        if fold:
            z = np.array([[0.0]], dtype=p.dtype)
            if net.hidden_act != _k.SNNS_IDENTITY:
                z[0, 0] = p[bias]
                _k.bias_activation_inplace(z, np.zeros(1, dtype=p.dtype), net.hidden_act)
            live = mask[out_w] != 0
            p[net.b_off[layer] + np.arange(n_next)[live]] += z[0, 0] * p[out_w[live]]
        in_w = net.w_off[layer - 1] + np.arange(n_prev) * n_here + c
        for idx in (in_w, out_w, [bias]):
            p[idx] = 0
            mask[idx] = 0

    def _scg_epoch(self):
        """One SCG iteration; records in ``state.scg["passes"]`` how many
        passes over the data it made (SNNS shuffles the patterns on each: 3 in
        the first epoch, 2 after an accepted step, 1 after a rejected one, 0
        once stopped), which says how many R uniforms RSNNS drew."""
        before = self._passes
        err = self._scg_step()
        self.state.scg.setdefault("passes", []).append(self._passes - before)
        return err

    def _scg_step(self):
        """One iteration of Moller's scaled conjugate gradient as SNNS runs it.

        RSNNS.md "SCG as SNNS runs it": E is the masked SSE itself (no 1/2)
        and g its gradient; a restart (p = r, lambda = lambda1) after N
        iterations; SCG stops after three accepted steps in a row that change
        E by less than ``tol`` relatively, or once |r| <= tol, and then
        repeats its last error.  Returns E after the iteration's step (E before
        it when the step is rejected), as SNNS reports.
        """
        solver, params = self.solver, self.params
        s = self.state.scg
        if s is None:
            err, g = self.error_grad(params)
            g = 2.0 * g  # the kernels' gradient is of 1/2 SSE
            s = self.state.scg = {
                "w": params.astype(np.float64), "E": err, "g": g, "r": -g, "p": -g,
                "lam": solver.lambda1, "lam_bar": 0.0, "success": True, "k": 1,
                "delta": 0.0, "p2": 0.0, "small": 0, "stopped": False,
            }
        if s["stopped"]:
            return s["E"]
        p, r, w = s["p"], s["r"], s["w"]
        tol = solver.tol
        if s["success"]:
            p2 = float(p @ p)
            if p2 <= tol * tol:
                s["stopped"] = True
                return s["E"]
            sig = solver.sigma1 / np.sqrt(p2)
            params[:] = w + sig * p
            _, g2 = self.error_grad(params)
            s["delta"] = float(p @ (2.0 * g2 - s["g"])) / sig
            s["p2"] = p2
        p2 = s["p2"]
        lam, lam_bar = s["lam"], s["lam_bar"]
        delta = s["delta"] + (lam - lam_bar) * p2
        if delta <= 0:
            lam_bar = 2.0 * (lam - delta / p2)
            delta = -delta + lam * p2
            lam = lam_bar
        mu = float(p @ r)
        alpha = mu / delta
        params[:] = w + alpha * p
        E_new, g_new = self.error_grad(params)
        g_new = 2.0 * g_new
        E_old = s["E"]
        Delta = 2.0 * delta * (E_old - E_new) / (mu * mu)
        restart = False
        if Delta >= 0:
            s["w"] = w + alpha * p
            s["E"], s["g"] = E_new, g_new
            r_new = -g_new
            if s["k"] >= p.size:
                s["p"] = r_new
                restart = True
            else:
                beta = (float(r_new @ r_new) - float(r_new @ r)) / mu
                s["p"] = r_new + beta * p
            s["r"] = r_new
            lam_bar = 0.0
            s["success"] = True
            if Delta >= 0.75:
                lam = lam / 4.0
            small = 2.0 * abs(E_old - E_new) <= tol * (abs(E_old) + abs(E_new) + 1e-10)
            s["small"] = s["small"] + 1 if small else 0
            if s["small"] >= 3 or np.sqrt(float(r_new @ r_new)) <= tol:
                s["stopped"] = True
        else:
            lam_bar = lam
            s["success"] = False
        if Delta < 0.25:
            lam = lam + delta * (1.0 - Delta) / p2
        s["k"] += 1
        if restart:
            lam, lam_bar, s["k"] = solver.lambda1, 0.0, 1
        s["lam"], s["lam_bar"] = lam, lam_bar
        params[:] = s["w"]
        return s["E"]


def make_epoch_runner(solver, state, device, net, params, X, Y, sw, *, batch_size, alpha,
                      dropout, shuffle, seed, epoch_counter, clip_norm=None, loss_param=1.0,
                      layer_acts=None, layer_drops=None, pattern_orders=None):
    """The epoch runner of ``solver`` on ``device`` (kernels from the registry)."""
    if solver.family == "snns":
        if clip_norm is not None:
            raise ValueError("clip_norm=%r clips minibatch gradients of the gradient solvers; "
                             "the SNNS learner %r has its own step rules." % (clip_norm,
                                                                                solver.name))
        kern = _backend.get_kernels(device, "snns")
        return SNNSEpochs(solver, state, kern, net, params, X, Y, sw, shuffle, seed,
                          epoch_counter, pattern_orders)
    if pattern_orders is not None:
        raise ValueError("pattern_orders replays SNNS's shuffles; solver %r draws its own "
                         "minibatches." % solver.name)
    kern = _backend.get_kernels(device, "mlp")
    return GradientEpochs(solver, state, kern, net, params, X, Y, sw, batch_size, alpha,
                          dropout, shuffle, seed, epoch_counter, clip_norm, loss_param,
                          layer_acts, layer_drops)


def snns_act_code(code):
    """The kernel code SNNS computes an activation with: identity units are
    SNNS's Act_Identity, whose output leaves out the unit's bias (the bias is
    still trained; RSNNS.md "Identity units and bias")."""
    return _k.SNNS_IDENTITY if code == _k.IDENTITY else code


def snns_error(params, layer_sizes, hidden_act, out_act, X, T, dmax, sample_weight=None):
    """SNNS's masked SSE of a network on (X, T), rows weighted by
    ``sample_weight`` (None: all 1); CPU kernels, the parameters' dtype."""
    w_off, b_off, _ = layout(layer_sizes)
    chunk = max(1, min(X.shape[0], _SNNS_CHUNK_ROWS))
    ws = Workspace(layer_sizes, chunk, params.dtype, 0.0)
    kern = _backend.get_kernels("cpu", "snns")
    return float(kern.snns_error(
        params, np.asarray(layer_sizes, dtype=np.int64), w_off, b_off, ws.a_off, hidden_act,
        out_act, np.ascontiguousarray(X, dtype=params.dtype),
        np.ascontiguousarray(T, dtype=params.dtype), chunk, dmax, ws.xbuf, ws.ybuf,
        ws.act_buf,
        None if sample_weight is None else
        np.ascontiguousarray(sample_weight, dtype=params.dtype),
    ))
