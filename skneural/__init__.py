"""skneural: scikit-learn compatible neural networks on Numba-compiled kernels."""

from ._multilayer_perceptron import DivergenceWarning, MLPClassifier, MLPRegressor

__version__ = "0.1.0"

__all__ = ["MLPClassifier", "MLPRegressor", "DivergenceWarning", "__version__"]
