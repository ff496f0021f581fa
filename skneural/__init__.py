"""skneural: scikit-learn compatible neural networks on Numba-compiled kernels."""

__version__ = "0.1.0"

__all__ = ["__version__"]
