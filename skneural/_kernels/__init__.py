"""Compiled kernels: ``cpu``, ``snns``, ``rbm_cpu`` and their CUDA twins.

Numba's on-disk cache (``cache=True``) is keyed on each function's own source
file, but a kernel compiled in ``snns.py`` inlines functions from ``cpu.py``:
after an edit of ``cpu.py`` (a ``git pull`` in an editable install, say) the
cached ``snns`` kernels would silently run the old code.  So the cache files
of this package are dropped whenever any kernel source changes, which a hash
of all of them, stored next to the cache, detects at import.
"""

import glob
import hashlib
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_STAMP = "skneural-kernels.sha256"


def refresh_numba_cache(kernel_dir=_HERE):
    """Delete ``kernel_dir/__pycache__/*.nbi|*.nbc`` if any ``*.py`` there changed.

    Returns True when stale cache files were removed.  Errors (a read-only
    install, where Numba caches elsewhere anyway) are ignored.
    """
    try:
        digest = hashlib.sha256()
        for name in sorted(os.listdir(kernel_dir)):
            if name.endswith(".py"):
                with open(os.path.join(kernel_dir, name), "rb") as handle:
                    digest.update(name.encode() + b"\0" + handle.read())
        digest = digest.hexdigest()
        cache_dir = os.path.join(kernel_dir, "__pycache__")
        stamp = os.path.join(cache_dir, _STAMP)
        if os.path.exists(stamp):
            with open(stamp) as handle:
                if handle.read().strip() == digest:
                    return False
        stale = glob.glob(os.path.join(cache_dir, "*.nbi")) + \
            glob.glob(os.path.join(cache_dir, "*.nbc"))
        for path in stale:
            os.remove(path)
        os.makedirs(cache_dir, exist_ok=True)
        with open(stamp, "w") as handle:
            handle.write(digest)
        return bool(stale)
    except OSError:
        return False


refresh_numba_cache()
