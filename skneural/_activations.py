"""Registries from user-facing names to the integer codes the kernels use."""

from ._kernels import cpu as _k

#: Hidden-layer activations: name -> kernel code.
HIDDEN_ACTIVATIONS = {
    "identity": _k.IDENTITY,
    "logistic": _k.LOGISTIC,
    "tanh": _k.TANH,
    "relu": _k.RELU,
    "leaky_relu": _k.LEAKY_RELU,
    "elu": _k.ELU,
    "softplus": _k.SOFTPLUS,
}

#: Output activations: name -> kernel code.
OUTPUT_ACTIVATIONS = {
    "identity": _k.IDENTITY,
    "logistic": _k.LOGISTIC,
    "softmax": _k.SOFTMAX,
    "exp": _k.EXP,
}

#: Losses: name -> kernel code.  Each is paired with its canonical output
#: activation, so the output delta is ``prediction - target``.
LOSSES = {
    "squared_error": _k.SQUARED_ERROR,
    "log_loss": _k.LOG_LOSS,
    "binary_log_loss": _k.BINARY_LOG_LOSS,
    "poisson": _k.POISSON,
    "huber": _k.HUBER,
    "absolute_error": _k.ABSOLUTE_ERROR,
}
