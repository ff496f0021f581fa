"""Run an SNNS learner's compiled epochs directly from given weights (the
trajectory-parity and NumPy-reference tests), through the same engine objects
the estimators use (skneural._engine)."""

import numpy as np

from skneural import solvers
from skneural._backend import get_kernels
from skneural._engine import Network, OptimizerState, SNNSEpochs
from skneural._kernels import cpu as kp
from skneural._network import layout

# the tests' short names for the solver parameters -> the solver objects' names
_RENAME = {"eta": "learning_rate", "chunk": "chunk_size"}


def make_solver(name, **params):
    """The solver object ``name`` with the given parameters; parameters the
    learner does not have (dmax for Rprop) are dropped."""
    cls = solvers.SOLVER_NAMES[name]
    own = cls._get_param_names()
    kw = {_RENAME.get(k, k): v for k, v in params.items()}
    return cls(**{k: v for k, v in kw.items() if k in own})


def snns_runner(solver, p0, sizes, X, T, sw=None, hidden=kp.LOGISTIC, out=kp.LOGISTIC):
    """(params, run): ``run()`` trains one epoch in place on ``params`` (a copy
    of ``p0``) and returns the epoch's error; patterns in file order."""
    if isinstance(solver, str):
        solver = make_solver(solver)
    params = np.array(p0, copy=True)
    state = OptimizerState(solver, params.shape[0], params.dtype)
    w_off, b_off, _ = layout(sizes)
    net = Network(sizes, w_off, b_off, hidden, out, -1)
    epochs = [0]
    runner = SNNSEpochs(solver, state, get_kernels("cpu", "snns"), net, params, X, T, sw,
                        False, 0, lambda: epochs[0])

    def run():
        err = runner()
        epochs[0] += 1
        return err

    return params, run
