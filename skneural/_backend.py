"""Device selection and the one kernel registry.

``resolve_device`` maps the ``device`` parameter (``"cpu" | "cuda" | "auto"``)
to ``"cpu"`` or ``"cuda"``; ``get_kernels(device, family)`` returns the kernel
module of a family on that device.  Every estimator finds its kernels here:
the MLP's gradient rules (family ``"mlp"``), the SNNS learning functions
(``"snns"``), the RBM (``"rbm"``) and RSNNS's other families (``"som"``,
``"lvq"``, ``"art"``, ``"rbf"``, ``"recurrent"``, ``"assoz"``; CPU only).  The CPU and CUDA module of a family
have the same function names and signatures.  CUDA modules are imported
lazily, so a CPU-only install never imports numba.cuda.
"""

import contextlib
import importlib
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


#: (device, family) -> kernel module (imported on first use)
KERNEL_REGISTRY = {
    ("cpu", "mlp"): "skneural._kernels.cpu",
    ("cuda", "mlp"): "skneural._kernels.cuda",
    ("cpu", "snns"): "skneural._kernels.snns",
    ("cuda", "snns"): "skneural._kernels.snns_cuda",
    ("cpu", "rbm"): "skneural._kernels.rbm_cpu",
    ("cuda", "rbm"): "skneural._kernels.rbm_cuda",
    # RSNNS's other families: CPU only (small, sequential algorithms)
    ("cpu", "som"): "skneural._kernels.som",
    ("cpu", "lvq"): "skneural._kernels.lvq",
    ("cpu", "art"): "skneural._kernels.art",
    ("cpu", "rbf"): "skneural._kernels.rbf",
    ("cpu", "recurrent"): "skneural._kernels.recurrent",
    ("cpu", "assoz"): "skneural._kernels.assoz",
}


def get_kernels(device, family="mlp"):
    """Return the kernel module of ``family`` on a resolved ``device``."""
    name = KERNEL_REGISTRY.get((device, family))
    if name is None:
        raise ValueError(
            "no kernels for device=%r, family=%r; registered: %s"
            % (device, family, ", ".join("%s/%s" % k for k in sorted(KERNEL_REGISTRY))))
    return importlib.import_module(name)


@contextlib.contextmanager
def device_session(device):
    """The device state of one fit: on CUDA, a device cache of its own (per
    thread), freed when the fit ends; on the CPU, nothing."""
    if device != "cuda":
        yield None
        return
    from ._kernels import cuda as kernels  # noqa: PLC0415 - lazy on purpose

    with kernels.device_session() as cache:
        yield cache


def release_device_cache():
    """Free the device copies of training data kept by the CUDA kernels.

    A no-op unless the CUDA module was imported, so it never imports numba.cuda.
    """
    module = sys.modules.get("skneural._kernels.cuda")
    if module is not None:
        module.release_device_cache()
