"""Exchange data frames with R through rpy2 (the optional ``r`` extra).

R's factors and pandas' categoricals carry the same information, and this
module keeps all of it when crossing: the level order, the levels no row
uses, and whether the factor is ordered. rpy2's own pandas converter is not
used, so the result does not depend on its version. rpy2 is imported only
when a function here is called; install it with ``pip install
"skneural[r]"`` (rpy2 < 3.6 works with R 4.2).

Examples
--------
>>> from skneural.r import load_r_dataset  # doctest: +SKIP
>>> iris = load_r_dataset("iris")  # doctest: +SKIP
>>> list(iris["Species"].cat.categories)  # doctest: +SKIP
['setosa', 'versicolor', 'virginica']
"""

import numpy as np
import pandas as pd

__all__ = ["r_to_pandas", "pandas_to_r", "load_r_dataset"]

_R_INT_NA = np.iinfo(np.int32).min  # R's NA_integer_ and logical NA, as rpy2 exposes them


def _rpy2():
    """Import rpy2's objects lazily, with a clear message when it is missing."""
    try:
        import rpy2.rinterface as ri  # noqa: PLC0415
        import rpy2.robjects as ro  # noqa: PLC0415
        from rpy2.robjects import vectors  # noqa: PLC0415
    except ImportError as exc:
        raise ImportError(
            "skneural.r needs rpy2 (and R itself), an optional dependency: install it with "
            'pip install "skneural[r]" (rpy2 < 3.6 for R 4.2).'
        ) from exc
    return ro, ri, vectors


# ---------------------------------------------------------------------------
# R -> pandas
# ---------------------------------------------------------------------------
def _column_to_pandas(col, ri, vectors):
    if isinstance(col, vectors.FactorVector):
        codes = np.asarray(col, dtype=np.int64)
        codes = np.where(codes == _R_INT_NA, -1, codes - 1)
        levels = [str(level) for level in col.levels] if col.levels is not None else []
        return pd.Categorical.from_codes(codes, categories=levels, ordered=bool(col.isordered))
    if isinstance(col, vectors.BoolVector):
        raw = np.asarray(col, dtype=np.int64)
        if (raw == _R_INT_NA).any():
            return pd.array([None if v == _R_INT_NA else bool(v) for v in raw], dtype="boolean")
        return raw.astype(bool)
    if isinstance(col, vectors.IntVector):
        raw = np.asarray(col, dtype=np.int64)
        if (raw == _R_INT_NA).any():
            return pd.array([None if v == _R_INT_NA else int(v) for v in raw], dtype="Int64")
        return raw.astype(np.int32)
    if isinstance(col, vectors.FloatVector):
        return np.asarray(col, dtype=np.float64)  # NA and NaN both become NaN
    if isinstance(col, vectors.StrVector):
        return np.array([None if v is ri.NA_Character else str(v) for v in col], dtype=object)
    raise TypeError("Cannot convert an R column of class %s to pandas."
                    % "/".join(col.rclass))


def r_to_pandas(df):
    """Convert an R data.frame (an rpy2 object) to a pandas DataFrame.

    Factors become :class:`pandas.Categorical` with ``categories`` = the
    levels in their order (unused levels kept) and ``ordered`` for ordered
    factors; integer, logical and character columns with NA become pandas'
    nullable ``Int64`` / ``boolean`` and ``None``; numeric NA becomes NaN.
    Automatic row names give a RangeIndex, others a string index.

    Parameters
    ----------
    df : rpy2.robjects.vectors.DataFrame
        An R data.frame; an R matrix is accepted too.

    Returns
    -------
    pandas.DataFrame
    """
    ro, ri, vectors = _rpy2()
    if isinstance(df, vectors.Matrix) and not isinstance(df, vectors.DataFrame):
        df = ro.r["as.data.frame"](df)
    if not isinstance(df, vectors.DataFrame):
        raise TypeError("r_to_pandas expects an R data.frame, got an R object of class %s."
                        % "/".join(getattr(df, "rclass", [type(df).__name__])))
    names = list(df.names) if df.names is not ri.NULL else []
    columns = {}
    for name, col in zip(names, df):
        columns[str(name)] = _column_to_pandas(col, ri, vectors)
    automatic = int(ro.r[".row_names_info"](df)[0]) < 0
    index = None if automatic else pd.Index([str(r) for r in df.rownames])
    out = pd.DataFrame(columns, index=index)
    if automatic:
        out.index = pd.RangeIndex(len(out))
    return out


# ---------------------------------------------------------------------------
# pandas -> R
# ---------------------------------------------------------------------------
def _column_to_r(name, s, ro, ri):
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = [str(c) for c in dtype.categories]
        values = ro.StrVector([ri.NA_Character if pd.isna(v) else str(v)
                               for v in s.astype(object)])
        return ro.FactorVector(values, levels=ro.StrVector(cats), ordered=bool(dtype.ordered))
    if pd.api.types.is_bool_dtype(dtype):
        return ro.BoolVector([ri.NA_Logical if pd.isna(v) else bool(v)
                              for v in s.astype(object)])
    if pd.api.types.is_integer_dtype(dtype):
        vals = s.astype(object)
        ints = [v for v in vals if not pd.isna(v)]
        if ints and (min(ints) <= _R_INT_NA or max(ints) > np.iinfo(np.int32).max):
            raise ValueError("Column %r has integers outside R's 32-bit range." % name)
        return ro.IntVector([ri.NA_Integer if pd.isna(v) else int(v) for v in vals])
    if pd.api.types.is_float_dtype(dtype):
        return ro.FloatVector([ri.NA_Real if pd.isna(v) else float(v)
                               for v in s.astype(object)])
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        vals = s.astype(object)
        if all(pd.isna(v) or isinstance(v, str) for v in vals):
            return ro.StrVector([ri.NA_Character if pd.isna(v) else v for v in vals])
    raise TypeError("Cannot convert column %r of dtype %s to R." % (name, dtype))


def pandas_to_r(df):
    """Convert a pandas DataFrame to an R data.frame (an rpy2 object).

    Categoricals become factors with the same levels in the same order
    (unused ones kept), ordered factors when ``ordered``; missing values
    become R's NA. A default RangeIndex gives automatic row names, any other
    index gives row names from its values as strings.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    rpy2.robjects.vectors.DataFrame
    """
    ro, ri, _ = _rpy2()
    if not isinstance(df, pd.DataFrame):
        raise TypeError("pandas_to_r expects a pandas DataFrame, got %s." % type(df).__name__)
    names = [str(c) for c in df.columns]
    if len(set(names)) != len(names):
        raise ValueError("pandas_to_r: column names must be unique as strings.")
    cols = [_column_to_r(n, df.iloc[:, i], ro, ri) for i, n in enumerate(names)]
    r_list = ro.r("function(n) vector('list', n)")(len(cols))
    for i, col in enumerate(cols):
        r_list[i] = col
    as_data_frame = ro.r("function(cols, names, n) structure(cols, names = names, "
                         "class = 'data.frame', row.names = .set_row_names(n))")
    out = as_data_frame(r_list, ro.StrVector(names), len(df))
    if not (isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1):
        out.rownames = ro.StrVector([str(i) for i in df.index])
    return out


# ---------------------------------------------------------------------------
# R's data sets
# ---------------------------------------------------------------------------
def load_r_dataset(name, package="datasets"):
    """Load a data set shipped with an R package as a pandas DataFrame.

    Parameters
    ----------
    name : str
        The data set's name, e.g. ``"iris"`` or ``"mtcars"``.
    package : str, default="datasets"
        The R package that ships it.

    Returns
    -------
    pandas.DataFrame
        Converted with :func:`r_to_pandas` (factors -> categoricals).
    """
    ro, _, _ = _rpy2()
    for label, value in (("name", name), ("package", package)):
        if not isinstance(value, str) or not value:
            raise TypeError("load_r_dataset: %s must be a non-empty string, got %r."
                            % (label, value))
    env = ro.r["new.env"]()
    loaded = ro.r("function(name, package, envir) suppressWarnings("
                  "utils::data(list = name, package = package, envir = envir))")
    found = list(loaded(name, package, env))
    if name not in found or name not in list(env.keys()):
        raise ValueError("R package %r has no data set %r." % (package, name))
    return r_to_pandas(env[name])
