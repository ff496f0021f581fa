"""Compiled kernels: ``cpu``, ``snns``, ``rbm_cpu`` and their CUDA twins.

Two facts about Numba's on-disk cache (``cache=True``) shape this module:

* Numba looks for a writable cache folder (``NUMBA_CACHE_DIR``, then
  ``__pycache__`` beside the source, then the user-wide cache under ``HOME``)
  and raises "cannot cache function ... no locator available" at *decoration*
  time when none is writable -- a read-only install with an unwritable
  ``HOME``, common in containers.  :data:`CACHE_KERNELS` is found by asking
  Numba for that folder once; when there is none, the kernels compile in
  memory and one :class:`KernelCacheWarning` says so.
* The cache is keyed on each function's own source file, but a kernel
  compiled in ``snns.py`` inlines functions and constants from ``cpu.py``:
  after an edit of ``cpu.py`` (a ``git pull`` in an editable install, say) the
  cached ``snns`` kernels would silently run the old code.  So this package's
  cache files are dropped whenever any kernel source changes, which a hash of
  all of them, stored next to the cache, detects at import -- in whichever
  folder Numba will use, ``NUMBA_CACHE_DIR`` included.
"""

import glob
import hashlib
import os
import warnings

_HERE = os.path.dirname(os.path.abspath(__file__))
_STAMP = "skneural-kernels.sha256"


class KernelCacheWarning(RuntimeWarning):
    """Numba cannot cache skneural's kernels here; each process compiles them."""


def numba_cache_dir(kernel_dir=_HERE):
    """The folder Numba caches ``kernel_dir``'s kernels in, or None when none is writable.

    Numba's own locator search is asked, through a probe function whose source
    file is ``kernel_dir/cpu.py``: exactly the search the real kernels go
    through when they are decorated (the probe is never compiled, so nothing
    is written).
    """
    from numba import njit  # noqa: PLC0415 - numba is heavy; keep it in the caller's path

    namespace = {"__name__": "skneural._kernels.cpu"}
    code = compile("def _skneural_cache_probe():\n    return 0\n",
                   os.path.join(kernel_dir, "cpu.py"), "exec")
    exec(code, namespace)  # noqa: S102 - a constant two-line function
    try:
        dispatcher = njit(cache=True)(namespace["_skneural_cache_probe"])
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return None
    return dispatcher._cache._cache_path


def _sources_digest(kernel_dir):
    digest = hashlib.sha256()
    for name in sorted(os.listdir(kernel_dir)):
        if name.endswith(".py"):
            with open(os.path.join(kernel_dir, name), "rb") as handle:
                digest.update(name.encode() + b"\0" + handle.read())
    return digest.hexdigest()


def refresh_numba_cache(kernel_dir=_HERE, cache_dir=None):
    """Delete this package's ``*.nbi|*.nbc`` in ``cache_dir`` if any ``*.py`` changed.

    ``cache_dir`` defaults to ``kernel_dir/__pycache__``.  Only files named
    after one of ``kernel_dir``'s modules are removed (a shared
    ``NUMBA_CACHE_DIR`` folder may hold others).  Returns True when stale
    cache files were removed.  OS errors (a folder that vanished or turned
    read-only) are ignored: Numba then recompiles or caches elsewhere.
    """
    if cache_dir is None:
        cache_dir = os.path.join(kernel_dir, "__pycache__")
    try:
        digest = _sources_digest(kernel_dir)
        stamp = os.path.join(cache_dir, _STAMP)
        if os.path.exists(stamp):
            with open(stamp) as handle:
                if handle.read().strip() == digest:
                    return False
        modules = [name[:-3] for name in os.listdir(kernel_dir) if name.endswith(".py")]
        stale = [path for pattern in ("*.nbi", "*.nbc")
                 for path in glob.glob(os.path.join(cache_dir, pattern))
                 if os.path.basename(path).split(".", 1)[0] in modules]
        for path in stale:
            os.remove(path)
        os.makedirs(cache_dir, exist_ok=True)
        with open(stamp, "w") as handle:
            handle.write(digest)
        return bool(stale)
    except OSError:
        return False


def _configure_cache():
    cache_dir = numba_cache_dir()
    if cache_dir is None:
        warnings.warn(
            "Numba has no writable folder to cache skneural's compiled kernels in "
            "(the package folder and HOME are read-only and NUMBA_CACHE_DIR is not "
            "set): kernels compile in memory, so every new process compiles them "
            "again. Set NUMBA_CACHE_DIR to a writable folder to keep them.",
            KernelCacheWarning, stacklevel=3)
        return False
    refresh_numba_cache(_HERE, cache_dir)
    return True


#: Whether the kernel modules compile with ``cache=True``.
CACHE_KERNELS = _configure_cache()
