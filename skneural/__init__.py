"""skneural: scikit-learn compatible neural networks on Numba-compiled kernels.

Estimators: :class:`MLPClassifier`, :class:`MLPRegressor`, :class:`BernoulliRBM`
(and the deep belief networks when available); RSNNS's helpers and ``mlp()``
live in :mod:`skneural.rsnns` and are re-exported here under their RSNNS names.
"""

from . import datasets, plotting, rsnns, solvers
from ._multilayer_perceptron import DivergenceWarning, MLPClassifier, MLPRegressor
from ._dbn import DBNClassifier, DBNRegressor
from ._rbm import BernoulliRangeWarning, BernoulliRBM
from ._som import SelfOrganizingMap
from ._lvq import DLVQClassifier
from ._art import ART1, ART2, ARTMAPClassifier
from ._warmup import warmup
from ._rbf import RBFNetworkClassifier, RBFNetworkRegressor
from ._recurrent import ElmanRegressor, JordanRegressor
from ._assoz import AssociativeMemory
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
    "SelfOrganizingMap",
    "DLVQClassifier",
    "ART1",
    "ART2",
    "ARTMAPClassifier",
    "RBFNetworkRegressor",
    "RBFNetworkClassifier",
    "ElmanRegressor",
    "JordanRegressor",
    "AssociativeMemory",
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
    "solvers",
    "__version__",
]
