"""The R side: rpy2 converters (skneural.r) and the R package run from Python.

These tests need R and rpy2 (< 3.6 for R 4.2). tools/test.sh builds the
virtualenv .venv-r for them (tools/r_env.sh) and runs this file there with
SKNEURAL_REQUIRE_R=1, which turns a missing rpy2 or R into a failure. Without
that variable (the main environment, which has no rpy2) the module is skipped
with a reason.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = os.environ.get("SKNEURAL_REQUIRE_R") == "1"

# Importing rpy2 sets LD_LIBRARY_PATH (for every later child process) to R's library
# folders, which on Debian hold the system's own libpython3.11: a Python child started
# after this module is collected (a dask worker, say) would load that libpython instead
# of its own and fail on a missing symbol.  The import happens at collection, before
# any test, so the variable is put back as it was; R in this process is loaded already.
_LD_LIBRARY_PATH = os.environ.get("LD_LIBRARY_PATH")
if REQUIRED:
    import rpy2.robjects as ro
else:
    ro = pytest.importorskip(
        "rpy2.robjects",
        reason="rpy2 is not installed here; tools/test.sh runs this file in .venv-r",
    )
if _LD_LIBRARY_PATH is None:
    os.environ.pop("LD_LIBRARY_PATH", None)
else:
    os.environ["LD_LIBRARY_PATH"] = _LD_LIBRARY_PATH

from sklearn.datasets import load_iris  # noqa: E402

from skneural import rsnns  # noqa: E402
from skneural.r import load_r_dataset, pandas_to_r, r_to_pandas  # noqa: E402

IRIS_LEVELS = ["setosa", "versicolor", "virginica"]


@pytest.fixture(scope="module")
def iris():
    return load_r_dataset("iris")


def test_r_iris_is_a_dataframe_with_species_categorical(iris):
    assert iris.shape == (150, 5)
    assert list(iris.columns) == ["Sepal.Length", "Sepal.Width", "Petal.Length",
                                  "Petal.Width", "Species"]
    assert isinstance(iris["Species"].dtype, pd.CategoricalDtype)
    assert list(iris["Species"].cat.categories) == IRIS_LEVELS
    assert not iris["Species"].cat.ordered
    assert iris["Species"].value_counts().tolist() == [50, 50, 50]
    assert isinstance(iris.index, pd.RangeIndex)


def test_r_iris_equals_sklearn_iris(iris):
    # The UCI copy of iris had two rows (35 and 38) that differ from Fisher's
    # data; scikit-learn corrected them in 0.20 and since then its iris agrees
    # with R's. Checked here value for value rather than assumed.
    sk = load_iris()
    X = iris.iloc[:, :4].to_numpy()
    mismatched_rows = sorted(set(np.argwhere(X != sk.data)[:, 0].tolist()))
    assert mismatched_rows == []
    np.testing.assert_array_equal(iris["Species"].cat.codes.to_numpy(), sk.target)
    assert [n.split(" (")[0] for n in sk.feature_names] == ["sepal length", "sepal width",
                                                            "petal length", "petal width"]


def test_normalize_data_equals_r_scale(iris):
    X = iris.iloc[:, :4]
    scaled = np.asarray(ro.r("function(d) scale(as.matrix(d[, 1:4]))")(pandas_to_r(iris)))
    np.testing.assert_allclose(rsnns.normalizeData(X), scaled, rtol=1e-12, atol=1e-12)
    params = rsnns.getNormParameters(rsnns.normalizeData(X))
    np.testing.assert_allclose(params.colSds,
                               np.asarray(ro.r("function(d) sapply(d[, 1:4], sd)")(
                                   pandas_to_r(iris))), rtol=1e-13)


def test_decode_class_labels_matches_r_indicator_matrix(iris):
    # R: one indicator column per level of the factor, in level order.
    indicators = ro.r("function(f) sapply(levels(f), function(l) as.numeric(f == l))")
    expected = np.asarray(indicators(pandas_to_r(iris).rx2("Species")))
    onehot = rsnns.decodeClassLabels(iris["Species"])
    assert list(onehot.columns) == IRIS_LEVELS
    np.testing.assert_array_equal(onehot.to_numpy(), expected)
    np.testing.assert_array_equal(rsnns.encodeClassLabels(onehot.to_numpy()),
                                  iris["Species"].cat.codes.to_numpy() + 1)


def test_unused_and_ordered_levels_survive_r(iris):
    sub = iris.iloc[:60].copy()                 # no virginica left, its level stays
    r_sub = pandas_to_r(sub)
    assert list(ro.r["levels"](r_sub.rx2("Species"))) == IRIS_LEVELS
    assert ro.r["nlevels"](r_sub.rx2("Species"))[0] == 3
    assert list(rsnns.decodeClassLabels(r_to_pandas(r_sub)["Species"]).columns) == IRIS_LEVELS
    size = pd.Categorical(["M", "S", "M"], categories=["S", "M", "L", "XL"], ordered=True)
    r_df = pandas_to_r(pd.DataFrame({"size": size}))
    assert ro.r["is.ordered"](r_df.rx2("size"))[0]
    assert list(ro.r["levels"](r_df.rx2("size"))) == ["S", "M", "L", "XL"]
    back = r_to_pandas(r_df)["size"]
    assert back.cat.ordered
    assert list(back.cat.categories) == ["S", "M", "L", "XL"]
    assert back.tolist() == ["M", "S", "M"]


def test_round_trip_pandas_r_pandas_with_missing_values():
    df = pd.DataFrame({
        "f": pd.Categorical(["b", None, "b"], categories=["c", "b", "a"]),
        "i": pd.array([1, None, 3], dtype="Int64"),
        "x": [1.5, np.nan, 2.0],
        "s": ["u", None, "w"],
        "flag": pd.array([True, None, False], dtype="boolean"),
        "k": np.array([1, 2, 3], dtype=np.int32),
    }, index=["r1", "r2", "r3"])
    r_df = pandas_to_r(df)
    assert list(ro.r["rownames"](r_df)) == ["r1", "r2", "r3"]
    assert list(ro.r("function(d) sapply(d, function(v) sum(is.na(v)))")(r_df)) == [1] * 5 + [0]
    back = r_to_pandas(r_df)
    pd.testing.assert_frame_equal(back, df)


def test_r_data_frame_from_r_code_and_errors():
    mtcars = load_r_dataset("mtcars")
    assert mtcars.shape == (32, 11)
    assert mtcars.index[0] == "Mazda RX4"
    with pytest.raises(ValueError, match="no data set 'no_such_data'"):
        load_r_dataset("no_such_data")
    with pytest.raises(TypeError, match="expects an R data.frame"):
        r_to_pandas(ro.r("list(a = 1)"))
    with pytest.raises(TypeError, match="Cannot convert column 'when'"):
        pandas_to_r(pd.DataFrame({"when": pd.to_datetime(["2024-01-01"])}))


def _r_env():
    rlib = ROOT / ".r-lib"
    if not (rlib / "skneural").is_dir():
        pytest.fail("The R package is not installed in .r-lib: run bash tools/r_env.sh")
    env = dict(os.environ, RETICULATE_PYTHON=sys.executable, R_LIBS=str(rlib))
    return env


def test_rsnns_iris_script_runs_from_rscript():
    # R drives Python through reticulate: run it as its own process (in this
    # process both interpreters would fight over the exit).
    script = ROOT / "r-package" / "inst" / "examples" / "iris_rsnns.R"
    code = ("set.seed(1); source(%r, echo = FALSE, print.eval = TRUE); "
            "cat('TESTROWS', nrow(iris$inputsTest), '\\n'); "
            "cat('ERRORS', length(model$IterativeFitError), "
            "all(is.finite(model$IterativeFitError)), '\\n')" % str(script))
    proc = subprocess.run(["Rscript", "--vanilla", "-e", code], env=_r_env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "predictions" in out and "targets" in out
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "predictions")
    rows = [line.split() for line in lines[start + 2:start + 5]]
    counts = np.array([[int(v) for v in row[1:]] for row in rows])
    assert counts.shape == (3, 3)
    assert "TESTROWS 23" in out
    assert counts.sum() == 23
    assert "ERRORS 100 TRUE" in out
