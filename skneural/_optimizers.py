"""Update rules by name, and the per-epoch learning-rate schedule.

Every rule is one elementwise kernel over the flat parameter vector
(:func:`skneural._kernels.cpu.update_params`); this module maps names to
kernel codes, packs the hyper-parameters, and holds the Python-side,
once-per-epoch schedule logic that scikit-learn's SGD optimizer has
(``invscaling`` and ``adaptive`` learning rates).
"""

import numpy as np

from ._kernels import cpu as _k

#: Gradient-based stochastic solvers: name -> kernel code.
STOCHASTIC_SOLVERS = {
    "sgd": _k.SGD,
    "adam": _k.ADAM,
    "rmsprop": _k.RMSPROP,
    "adagrad": _k.ADAGRAD,
    "adadelta": _k.ADADELTA,
    "adamax": _k.ADAMAX,
    "nadam": _k.NADAM,
}

#: Full-batch solvers driven by scipy.
FULL_BATCH_SOLVERS = {"lbfgs"}


def pack_hyper(est):
    """Pack an estimator's optimizer hyper-parameters into a float64 vector."""
    hyper = np.zeros(_k.N_HYPER, dtype=np.float64)
    hyper[_k.H_MOMENTUM] = est.momentum
    hyper[_k.H_NESTEROV] = 1.0 if est.nesterovs_momentum else 0.0
    hyper[_k.H_BETA1] = est.beta_1
    hyper[_k.H_BETA2] = est.beta_2
    hyper[_k.H_EPSILON] = est.epsilon
    hyper[_k.H_RHO] = est.rho
    return hyper


class LearningRateSchedule:
    """scikit-learn's learning-rate schedule, applied once per epoch.

    Only the ``sgd`` solver follows ``learning_rate``; the adaptive rules keep
    ``learning_rate_init`` (as scikit-learn's Adam does).
    """

    def __init__(self, solver, learning_rate_init, learning_rate, power_t):
        self.solver = solver
        self.learning_rate_init = float(learning_rate_init)
        self.schedule = learning_rate if solver == "sgd" else "constant"
        self.power_t = power_t
        self.learning_rate = float(learning_rate_init)

    def iteration_ends(self, time_step):
        if self.schedule == "invscaling":
            self.learning_rate = self.learning_rate_init / (time_step + 1) ** self.power_t

    def trigger_stopping(self, msg, verbose):
        """Return True to stop; with ``adaptive``, divide the rate by 5 first."""
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
