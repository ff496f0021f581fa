"""skneural: scikit-learn compatible neural networks on Numba-compiled kernels.

Estimators: :class:`MLPClassifier`, :class:`MLPRegressor`, :class:`BernoulliRBM`
(and the deep belief networks when available); RSNNS's helpers and ``mlp()``
live in :mod:`skneural.rsnns` and are re-exported here under their RSNNS names.
"""

from . import datasets, plotting, rsnns
from ._multilayer_perceptron import DivergenceWarning, MLPClassifier, MLPRegressor
from ._dbn import DBNClassifier, DBNRegressor
from ._rbm import BernoulliRangeWarning, BernoulliRBM
from ._warmup import warmup
from ._diagnose import diagnose
from .rsnns import (
    RSNNSNormalizer,
    confusionMatrix,
    decodeClassLabels,
    denormalizeData,
    encodeClassLabels,
    getNormParameters,
    mlp,
    normalizeData,
    normTrainingAndTestSet,
    splitForTrainingAndTest,
)

__version__ = "0.1.0"

__all__ = [
    "MLPClassifier",
    "MLPRegressor",
    "BernoulliRBM",
    "DBNClassifier",
    "DBNRegressor",
    "DivergenceWarning",
    "BernoulliRangeWarning",
    "warmup",
    "diagnose",
    "RSNNSNormalizer",
    "mlp",
    "decodeClassLabels",
    "encodeClassLabels",
    "splitForTrainingAndTest",
    "normalizeData",
    "denormalizeData",
    "getNormParameters",
    "normTrainingAndTestSet",
    "confusionMatrix",
    "datasets",
    "plotting",
    "rsnns",
    "__version__",
]
