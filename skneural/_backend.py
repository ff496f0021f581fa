"""Device selection: ``"cpu" | "cuda" | "auto"`` -> a kernel module.

The CUDA module is imported lazily, so a CPU-only install never imports
numba.cuda.
"""

import os
import sys

DEVICES = ("cpu", "cuda", "auto")


def cuda_unavailable_reason():
    """Return None when a CUDA device is usable, else a sentence saying why not."""
    try:
        from numba import cuda
    except Exception as exc:  # pragma: no cover - depends on the install
        return "numba.cuda cannot be imported (%s); install the 'cuda' extra" % exc
    if os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
        return None
    try:
        if not cuda.is_available():
            return "no CUDA-capable GPU or driver was found (numba.cuda.is_available() is False)"
    except Exception as exc:  # pragma: no cover
        return "the CUDA driver could not be initialised (%s)" % exc
    return None


def resolve_device(device):
    """Map the ``device`` parameter to ``"cpu"`` or ``"cuda"``."""
    if device not in DEVICES:
        raise ValueError("device must be one of %s, got %r" % (DEVICES, device))
    if device == "cpu":
        return "cpu"
    reason = cuda_unavailable_reason()
    if device == "auto":
        return "cpu" if reason else "cuda"
    if reason:
        raise RuntimeError("device='cuda' was requested but " + reason)
    return "cuda"


def get_kernels(device):
    """Return the kernel module for a resolved device name."""
    if device == "cuda":
        from ._kernels import cuda as kernels  # noqa: PLC0415 - lazy on purpose
        return kernels
    from ._kernels import cpu as kernels

    return kernels


def release_device_cache():
    """Free the device copies of training data kept by the CUDA kernels.

    A no-op unless the CUDA module was imported, so it never imports numba.cuda.
    """
    module = sys.modules.get("skneural._kernels.cuda")
    if module is not None:
        module.release_device_cache()
