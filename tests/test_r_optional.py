"""skneural.r imports without rpy2 and says how to get it when it is needed."""

import sys

import pandas as pd
import pytest


def test_skneural_r_imports_without_rpy2_and_explains(monkeypatch):
    # Simulate a Python without rpy2, whatever this one has.
    for name in [m for m in sys.modules if m == "rpy2" or m.startswith("rpy2.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "rpy2", None)
    import skneural.r as skr

    for call in (lambda: skr.load_r_dataset("iris"),
                 lambda: skr.pandas_to_r(pd.DataFrame({"a": [1.0]})),
                 lambda: skr.r_to_pandas(object())):
        with pytest.raises(ImportError, match=r'pip install "skneural\[r\]"'):
            call()
