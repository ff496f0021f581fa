"""RSNNS's helpers, SNNS file formats and model accessors.

Re-exported by :mod:`skneural.rsnns` under their snake_case names and
RSNNS's camelCase names (the same function objects).  Written from RSNNS's
documented behaviour (``../shared/reference/RSNNS.md``, RSNNS's help pages)
and the file formats described in the SNNS user manual; where those leave a
choice open, the docstring says which one skneural made.

Examples
--------
>>> import numpy as np
>>> from skneural.rsnns import analyzeClassification, vectorToActMap
>>> analyzeClassification([0.1, 0.8, 0.3])
2
>>> vectorToActMap(np.arange(6), nrow=2).tolist()
[[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]]
"""

import datetime
import numbers
import os
import re
import warnings

import numpy as np
import pandas as pd
from sklearn.utils import Bunch

__all__ = [
    "to_numeric_class_labels", "toNumericClassLabels",
    "analyze_classification", "analyzeClassification",
    "input_columns", "inputColumns",
    "output_columns", "outputColumns",
    "read_pat_file", "readPatFile",
    "save_pat_file", "savePatFile",
    "read_res_file", "readResFile",
    "save_res_file", "saveResFile",
    "vector_to_act_map", "vectorToActMap",
    "matrix_to_act_map_list", "matrixToActMapList",
    "weight_matrix", "weightMatrix",
    "extract_net_info", "extractNetInfo",
    "train",
    "summary",
    "print_rsnns", "printRsnns",
    "export_to_snns_net_file", "exportToSnnsNetFile",
    "read_snns_net_file", "readSnnsNetFile",
]

ANALYZE_METHODS = ("WTA", "402040")

#: skneural activation name -> SNNS activation function name.
SNNS_ACT_FUNCS = {"logistic": "Act_Logistic", "tanh": "Act_TanH", "identity": "Act_Identity",
                  "relu": "Act_ReLU", "leaky_relu": "Act_LeakyReLU", "elu": "Act_ELU",
                  "softplus": "Act_Softplus", "softmax": "Act_Softmax", "exp": "Act_Exponential"}

_UNIT_TYPES = {"i": "UNIT_INPUT", "o": "UNIT_OUTPUT", "h": "UNIT_HIDDEN", "d": "UNIT_DUAL",
               "s": "UNIT_SPECIAL", "si": "UNIT_SPECIAL_I", "so": "UNIT_SPECIAL_O",
               "sh": "UNIT_SPECIAL_H", "sd": "UNIT_SPECIAL_D"}
_UNIT_CODES = {v: k for k, v in _UNIT_TYPES.items()}


# ---------------------------------------------------------------------------
# Small checks
# ---------------------------------------------------------------------------
def _numeric_vector(v, name):
    arr = np.asarray(v.to_numpy() if hasattr(v, "to_numpy") else v)
    if arr.dtype.kind in "OUSb":
        try:
            arr = arr.astype(float)
        except (TypeError, ValueError):
            raise TypeError("%s must be numeric, got values of type %s."
                            % (name, arr.dtype)) from None
    arr = np.asarray(arr, dtype=float)
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError("%s must be a vector, got shape %s." % (name, arr.shape))
    if np.isnan(arr).any():
        raise ValueError("%s contains NaN (missing values)." % name)
    if np.isinf(arr).any():
        raise ValueError("%s contains infinity." % name)
    return arr


def _numeric_matrix(x, name):
    arr = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x)
    if arr.dtype.kind in "OUSb":
        try:
            arr = arr.astype(float)
        except (TypeError, ValueError):
            raise TypeError("%s must be numeric, got values of type %s."
                            % (name, arr.dtype)) from None
    arr = np.asarray(arr, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise ValueError("%s must be a matrix, got %d dimensions." % (name, arr.ndim))
    if not np.isfinite(arr).all():
        raise ValueError("%s contains NaN or infinity." % name)
    return arr


def _real(value, name):
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError("%s must be a number, got %r." % (name, value))
    value = float(value)
    if not np.isfinite(value):
        raise ValueError("%s must be finite, got %r." % (name, value))
    return value


def _count(value, name):
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.number)) \
            or float(value) != int(value) or value < 0:
        raise ValueError("%s must be a whole number >= 0, got %r." % (name, value))
    return int(value)


def _filename(filename, name="filename"):
    if not isinstance(filename, (str, bytes, os.PathLike)):
        raise TypeError("%s must be a path (a string), got %s." % (name, type(filename).__name__))
    return os.fspath(filename)


# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------
def to_numeric_class_labels(x):
    """Class labels as numbers, as RSNNS's ``toNumericClassLabels``.

    Numbers are returned as they are. A pandas Categorical (R's factor) gives
    its 1-based category codes, in category order; strings and booleans are
    first made a factor with sorted levels (R's ``factor()``), so
    ``["r", "b", "g"]`` gives ``[3, 1, 2]``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Labels; no missing values.

    Returns
    -------
    ndarray of float of shape (n_samples,)

    Examples
    --------
    >>> from skneural.rsnns import toNumericClassLabels
    >>> toNumericClassLabels(["r", "b", "g", "b"]).tolist()
    [3.0, 1.0, 2.0, 1.0]
    """
    if isinstance(x, pd.DataFrame):
        if x.shape[1] != 1:
            raise ValueError("toNumericClassLabels expects one column of labels, got %d."
                             % x.shape[1])
        x = x.iloc[:, 0]
    if isinstance(x, (pd.Series, pd.Categorical)) and isinstance(x.dtype, pd.CategoricalDtype):
        cat = pd.Categorical(x)
        if cat.isna().any():
            raise ValueError("toNumericClassLabels: x contains missing values (NA).")
        return cat.codes.astype(float) + 1.0
    values = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x, dtype=object)
    if values.ndim == 2 and values.shape[1] == 1:
        values = values.ravel()
    if values.ndim != 1:
        raise ValueError("toNumericClassLabels expects a vector of labels, got shape %s."
                         % (values.shape,))
    if pd.isna(pd.Series(values, dtype=object)).any():
        raise ValueError("toNumericClassLabels: x contains missing values (NA).")
    if all(isinstance(v, (numbers.Real, np.number)) and not isinstance(v, (bool, np.bool_))
           for v in values):
        return values.astype(float)
    labels = np.array([str(v).upper() if isinstance(v, (bool, np.bool_)) else str(v)
                       for v in values], dtype=object)
    levels = sorted(set(labels.tolist()))
    index = {lev: i + 1.0 for i, lev in enumerate(levels)}
    return np.array([index[v] for v in labels.tolist()], dtype=float)


def analyze_classification(y, method="WTA", l=0.0, h=0.0):  # noqa: E741 - RSNNS's name
    """The class of one output vector, as RSNNS's ``analyzeClassification``.

    Parameters
    ----------
    y : array-like of shape (n_outputs,)
        One pattern's network outputs.
    method : {"WTA", "402040"}, default="WTA"
        WTA (winner takes all): the maximum wins when it is unique, greater
        than ``h``, and every other value is below ``max - l``.
        402040: exactly one value is >= ``h`` and every other value is <= ``l``
        (the name comes from the usual l = 0.4, h = 0.6).
    l, h : float, default=0.0
        The thresholds of the method.

    Returns
    -------
    int
        The 1-based position of the winning output, or 0 for "unclassified".
        RSNNS returns 0 for an unknown method; skneural raises a ValueError.

    Examples
    --------
    >>> from skneural.rsnns import analyzeClassification
    >>> [analyzeClassification(r) for r in ([.1, .8, .3], [.5, .5, .1], [.7, .65, .1])]
    [2, 0, 1]
    >>> analyzeClassification([.7, .65, .1], "402040", l=0.4, h=0.6)
    0
    """
    if method not in ANALYZE_METHODS:
        raise ValueError("analyzeClassification: unknown method %r; valid methods are %s."
                         % (method, ", ".join(ANALYZE_METHODS)))
    lo, hi = _real(l, "l"), _real(h, "h")
    row = _numeric_vector(y, "y")
    if row.size == 0:
        raise ValueError("analyzeClassification: y is empty.")
    if method == "WTA":
        j = int(np.argmax(row))
        mx = row[j]
        others = np.delete(row, j)
        return j + 1 if mx > hi and bool(np.all(others < mx - lo)) else 0
    high = np.flatnonzero(row >= hi)
    if high.size == 1 and bool(np.all(np.delete(row, high[0]) <= lo)):
        return int(high[0]) + 1
    return 0


# ---------------------------------------------------------------------------
# Pattern matrices: in*/out* columns
# ---------------------------------------------------------------------------
def _prefixed_columns(patterns, prefix, who):
    names = getattr(patterns, "columns", None)
    if names is None:
        raise TypeError("%s needs column names: give a pandas DataFrame whose columns are named "
                        "in1, in2, ..., out1, ... (as readPatFile returns), got %s."
                        % (who, type(patterns).__name__))
    return np.array([i for i, c in enumerate(names) if str(c).startswith(prefix)],
                    dtype=np.int64)


def input_columns(patterns):
    """Positions of the columns whose names begin with ``"in"``, as RSNNS's ``inputColumns``.

    RSNNS's demos index with it: ``patterns[, inputColumns(patterns)]`` in R
    (1-based positions there), ``patterns.iloc[:, inputColumns(patterns)]``
    here (0-based positions).

    Parameters
    ----------
    patterns : DataFrame
        Patterns as :func:`read_pat_file` returns them (columns in1, ...,
        out1, ...).

    Returns
    -------
    ndarray of int
        0-based column positions (empty if no name begins with "in").

    Examples
    --------
    >>> import pandas as pd
    >>> from skneural.rsnns import inputColumns, outputColumns
    >>> p = pd.DataFrame([[0, 1, 1]], columns=["in1", "in2", "out1"])
    >>> inputColumns(p).tolist(), outputColumns(p).tolist()
    ([0, 1], [2])
    >>> p.iloc[:, inputColumns(p)].columns.tolist()
    ['in1', 'in2']
    """
    return _prefixed_columns(patterns, "in", "inputColumns")


def output_columns(patterns):
    """Positions of the columns whose names begin with ``"out"``, as RSNNS's ``outputColumns``.

    See :func:`input_columns` (0-based positions here, 1-based in R).

    Examples
    --------
    >>> import pandas as pd
    >>> from skneural.rsnns import outputColumns
    >>> outputColumns(pd.DataFrame([[0, 1]], columns=["in1", "out1"])).tolist()
    [1]
    """
    return _prefixed_columns(patterns, "out", "outputColumns")


# ---------------------------------------------------------------------------
# SNNS pattern (.pat) and result (.res) files
# ---------------------------------------------------------------------------
_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z .]*?)\s*:\s*(.*?)\s*$")


def _strip_comment(line):
    i = line.find("#")
    return line if i < 0 else line[:i]


def _numbers(text, filename, where):
    out = []
    for tok in text.split():
        try:
            out.append(float(tok))
        except ValueError:
            raise ValueError("%s: %s: %r is not a number." % (filename, where, tok)) from None
    return out


def _stamp():
    return datetime.datetime.now().strftime("%a %b %d %H:%M:%S %Y")


def read_pat_file(filename):
    """Read an SNNS pattern file (.pat), as RSNNS's ``readPatFile``.

    The format is SNNS's (user manual, "Pattern files"): a first line
    ``SNNS pattern definition file V3.2`` (any version 3.x/4.x), a
    ``generated at`` line, the header lines ``No. of patterns : n``,
    ``No. of input units : k`` and ``No. of output units : m`` (0 when
    absent), then the values of every pattern, inputs then outputs, separated
    by white space and line breaks in any arrangement. ``#`` starts a comment
    that runs to the end of the line. Patterns of variable size and files
    with class names are SNNS features skneural does not read (a ValueError
    says so).

    Parameters
    ----------
    filename : str or path

    Returns
    -------
    DataFrame of shape (n_patterns, k + m)
        Columns ``in1 ... ink, out1 ... outm`` (the names RSNNS gives), so
        :func:`input_columns` and :func:`output_columns` find them.

    Examples
    --------
    >>> import os, tempfile
    >>> from skneural.rsnns import readPatFile, savePatFile
    >>> path = os.path.join(tempfile.mkdtemp(), "xor.pat")
    >>> savePatFile([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], path)
    >>> readPatFile(path).to_numpy().tolist()[1]
    [0.0, 1.0, 1.0]
    """
    filename = _filename(filename)
    with open(filename, encoding="latin-1") as fh:
        lines = fh.read().splitlines()
    if not lines or not lines[0].strip().startswith("SNNS pattern definition file"):
        raise ValueError("%s is not an SNNS pattern file: its first line must be 'SNNS pattern "
                         "definition file V3.2' (or another version)." % filename)
    header, data = {}, []
    for lineno, raw in enumerate(lines[1:], start=2):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line.strip().startswith("generated at"):
            continue
        m = _HEADER.match(line)
        if m and m.group(1).lower().startswith("no. of"):
            if data:
                raise ValueError("%s: line %d: header line %r after the first values."
                                 % (filename, lineno, raw.strip()))
            header[m.group(1).lower()] = m.group(2)
            continue
        data.extend(_numbers(line, filename, "line %d" % lineno))
    for key in ("no. of variable input dimensions", "no. of variable output dimensions"):
        if float(header.get(key, 0) or 0) != 0:
            raise ValueError("%s: patterns of variable size (%s) are not supported."
                             % (filename, key))
    if "no. of classes" in header:
        raise ValueError("%s: pattern files with classes ('No. of classes') are not supported."
                         % filename)
    try:
        n_pat = int(header["no. of patterns"])
        n_in = int(header["no. of input units"])
        n_out = int(header.get("no. of output units", 0))
    except KeyError as exc:
        raise ValueError("%s: the header lacks %r." % (filename, exc.args[0])) from None
    except ValueError:
        raise ValueError("%s: the header counts must be whole numbers, got %r."
                         % (filename, header)) from None
    width = n_in + n_out
    if len(data) != n_pat * width:
        raise ValueError("%s: the header announces %d patterns of %d inputs and %d outputs "
                         "(%d values), the file holds %d values."
                         % (filename, n_pat, n_in, n_out, n_pat * width, len(data)))
    values = np.array(data, dtype=float).reshape(n_pat, width)
    columns = ["in%d" % (i + 1) for i in range(n_in)] + ["out%d" % (i + 1) for i in range(n_out)]
    return pd.DataFrame(values, columns=columns)


def _fmt(values):
    # shortest text that reads back to the same float64 (an exact round trip)
    return " ".join(repr(float(v)) for v in values)


def save_pat_file(inputs, targets, filename):
    """Write patterns to an SNNS pattern file (.pat), as RSNNS's ``savePatFile``.

    Writes SNNS's format V3.2 (see :func:`read_pat_file`): one
    ``# Input pattern i:`` and one ``# Output pattern i:`` comment per pattern,
    values in the shortest form that reads back exactly.

    Parameters
    ----------
    inputs : array-like of shape (n_patterns, n_inputs)
    targets : array-like of shape (n_patterns, n_outputs) or None
        None writes a file without outputs (``No. of output units : 0``).
    filename : str or path

    Returns
    -------
    None

    Examples
    --------
    >>> import os, tempfile
    >>> from skneural.rsnns import savePatFile
    >>> path = os.path.join(tempfile.mkdtemp(), "p.pat")
    >>> savePatFile([[1, 2]], [[3]], path)
    >>> open(path).read().splitlines()[4]
    'No. of patterns : 1'
    """
    filename = _filename(filename)
    X = _numeric_matrix(inputs, "inputs")
    Y = np.zeros((X.shape[0], 0)) if targets is None else _numeric_matrix(targets, "targets")
    if Y.shape[0] != X.shape[0]:
        raise ValueError("inputs and targets have different numbers of rows: %d and %d."
                         % (X.shape[0], Y.shape[0]))
    out = ["SNNS pattern definition file V3.2", "generated at " + _stamp(), "", "",
           "No. of patterns : %d" % X.shape[0], "No. of input units : %d" % X.shape[1],
           "No. of output units : %d" % Y.shape[1], ""]
    for i in range(X.shape[0]):
        out += ["# Input pattern %d:" % (i + 1), _fmt(X[i])]
        if Y.shape[1]:
            out += ["# Output pattern %d:" % (i + 1), _fmt(Y[i])]
    with open(filename, "w", encoding="latin-1") as fh:
        fh.write("\n".join(out) + "\n")


def read_res_file(filename):
    """The network outputs stored in an SNNS result file (.res), as RSNNS's ``readResFile``.

    SNNS's result format (user manual, "Result files"): a first line
    ``SNNS result file V1.4-3D``, a ``generated at`` line, header lines
    ``No. of patterns``, ``No. of input units``, ``No. of output units``,
    ``startpattern``, ``endpattern``, then the optional lines ``input
    patterns included`` and ``teaching output included``; then one block per
    pattern, opened by a line ``#n.m`` (pattern n, sub-pattern m), holding
    the inputs (when included), the teaching outputs (when included) and the
    network outputs, separated by white space and line breaks.

    Parameters
    ----------
    filename : str or path

    Returns
    -------
    ndarray of shape (n_patterns, n_outputs)
        The network outputs (the last ``n_outputs`` values of each block).

    Examples
    --------
    >>> import os, tempfile
    >>> from skneural.rsnns import readResFile, saveResFile
    >>> path = os.path.join(tempfile.mkdtemp(), "r.res")
    >>> saveResFile([[0.25], [0.75]], path, inputs=[[0, 1], [1, 0]])
    >>> readResFile(path).tolist()
    [[0.25], [0.75]]
    """
    filename = _filename(filename)
    with open(filename, encoding="latin-1") as fh:
        lines = fh.read().splitlines()
    if not lines or not lines[0].strip().startswith("SNNS result file"):
        raise ValueError("%s is not an SNNS result file: its first line must be 'SNNS result "
                         "file V1.4-3D' (or another version)." % filename)
    header, flags, blocks = {}, set(), []
    for lineno, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or line.startswith("generated at"):
            continue
        if line.startswith("#"):
            blocks.append([])
            continue
        if blocks:
            blocks[-1].extend(_numbers(line, filename, "line %d" % lineno))
            continue
        m = _HEADER.match(line)
        if m:
            header[m.group(1).lower()] = m.group(2)
        elif line.lower() in ("input patterns included", "teaching output included"):
            flags.add(line.lower().split()[0])
        else:
            raise ValueError("%s: line %d: unexpected header line %r." % (filename, lineno, line))
    try:
        n_in = int(header["no. of input units"])
        n_out = int(header["no. of output units"])
        n_pat = int(header["no. of patterns"])
    except KeyError as exc:
        raise ValueError("%s: the header lacks %r." % (filename, exc.args[0])) from None
    if "startpattern" in header and "endpattern" in header:
        n_pat = int(header["endpattern"]) - int(header["startpattern"]) + 1
    width = n_in * ("input" in flags) + n_out * ("teaching" in flags) + n_out
    if len(blocks) != n_pat:
        raise ValueError("%s: the header announces %d patterns, the file holds %d."
                         % (filename, n_pat, len(blocks)))
    for i, block in enumerate(blocks):
        if len(block) != width:
            raise ValueError("%s: pattern %d holds %d values, expected %d (%s)."
                             % (filename, i + 1, len(block), width,
                                "inputs, teaching outputs and outputs"
                                if flags else "outputs"))
    out = np.array([b[width - n_out:] for b in blocks], dtype=float)
    return out.reshape(n_pat, n_out)


def save_res_file(outputs, filename, inputs=None, targets=None):
    """Write network outputs to an SNNS result file (.res); read it with :func:`read_res_file`.

    Not an RSNNS function (RSNNS only reads result files): skneural's way to
    hand predictions to SNNS tools, in SNNS's format V1.4-3D.

    Parameters
    ----------
    outputs : array-like of shape (n_patterns, n_outputs)
    filename : str or path
    inputs, targets : array-like, default=None
        Written into each block when given ("input patterns included",
        "teaching output included").

    Returns
    -------
    None

    Examples
    --------
    >>> import os, tempfile
    >>> from skneural.rsnns import saveResFile
    >>> path = os.path.join(tempfile.mkdtemp(), "r.res")
    >>> saveResFile([[0.5]], path)
    >>> open(path).read().splitlines()[-2:]
    ['#1.1', '0.5']
    """
    filename = _filename(filename)
    Y = _numeric_matrix(outputs, "outputs")
    n = Y.shape[0]
    X = None if inputs is None else _numeric_matrix(inputs, "inputs")
    T = None if targets is None else _numeric_matrix(targets, "targets")
    for name, m in (("inputs", X), ("targets", T)):
        if m is not None and m.shape[0] != n:
            raise ValueError("%s has %d rows, outputs %d." % (name, m.shape[0], n))
    if T is not None and T.shape[1] != Y.shape[1]:
        raise ValueError("targets has %d columns, outputs %d." % (T.shape[1], Y.shape[1]))
    out = ["SNNS result file V1.4-3D", "generated at " + _stamp(), "",
           "No. of patterns     : %d" % n,
           "No. of input units  : %d" % (0 if X is None else X.shape[1]),
           "No. of output units : %d" % Y.shape[1],
           "startpattern        : 1", "endpattern          : %d" % n]
    if X is not None:
        out.append("input patterns included")
    if T is not None:
        out.append("teaching output included")
    for i in range(n):
        out.append("#%d.1" % (i + 1))
        if X is not None:
            out.append(_fmt(X[i]))
        if T is not None:
            out.append(_fmt(T[i]))
        out.append(_fmt(Y[i]))
    with open(filename, "w", encoding="latin-1") as fh:
        fh.write("\n".join(out) + "\n")


# ---------------------------------------------------------------------------
# Activation maps
# ---------------------------------------------------------------------------
def _map_shape(n, nrow, ncol):
    nrow, ncol = _count(nrow, "nrow"), _count(ncol, "ncol")
    if nrow == 0 and ncol == 0:
        side = int(round(np.sqrt(n)))
        if side * side != n:
            raise ValueError("vectorToActMap: %d values do not make a square map; give nrow "
                             "(or ncol)." % n)
        return side, side
    if nrow == 0:
        nrow = n // ncol if ncol and n % ncol == 0 else -1
    elif ncol == 0:
        ncol = n // nrow if n % nrow == 0 else -1
    if nrow * ncol != n:
        raise ValueError("vectorToActMap: %d values do not fill a map of nrow=%s, ncol=%s."
                         % (n, nrow if nrow > 0 else "?", ncol if ncol > 0 else "?"))
    return nrow, ncol


def vector_to_act_map(v, nrow=0, ncol=0):
    """A vector of unit activations arranged as a 2-d map, as RSNNS's ``vectorToActMap``.

    The values fill the map column by column (R's ``matrix(v, nrow)``):
    ``v[0:nrow]`` is the first column. Give ``nrow`` (the usual way), or
    ``ncol``, or both; with neither, the map is square.

    Parameters
    ----------
    v : array-like of shape (n_units,)
    nrow, ncol : int, default=0
        0 means "work it out from the other and the length".

    Returns
    -------
    ndarray of shape (nrow, ncol)

    Examples
    --------
    >>> from skneural.rsnns import vectorToActMap
    >>> vectorToActMap([1, 2, 3, 4]).tolist()
    [[1.0, 3.0], [2.0, 4.0]]
    """
    arr = _numeric_vector(v, "v")
    r, c = _map_shape(arr.size, nrow, ncol)
    return arr.reshape((r, c), order="F")


def matrix_to_act_map_list(m, nrow=0, ncol=0):
    """One activation map per row of ``m``, as RSNNS's ``matrixToActMapList``.

    Parameters
    ----------
    m : array-like of shape (n_patterns, n_units)
        One activation pattern per row.
    nrow, ncol : int, default=0
        As in :func:`vector_to_act_map`.

    Returns
    -------
    list of ndarray of shape (nrow, ncol)

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import matrixToActMapList
    >>> maps = matrixToActMapList(np.arange(12).reshape(2, 6), nrow=3)
    >>> len(maps), maps[1].shape, maps[1][0].tolist()
    (2, (3, 2), [6.0, 9.0])
    """
    M = _numeric_matrix(m, "m")
    r, c = _map_shape(M.shape[1], nrow, ncol)
    return [row.reshape((r, c), order="F") for row in M]


# ---------------------------------------------------------------------------
# The network of a fitted model: units, links, names
# ---------------------------------------------------------------------------
def _fitted_network(model):
    """(layer sizes, coefs, intercepts, hidden act, output act) of a fitted MLP."""
    est = model
    for _ in range(4):  # Pipeline -> last step, search -> best estimator
        if hasattr(est, "best_estimator_"):
            est = est.best_estimator_
        elif hasattr(est, "steps") and hasattr(est, "named_steps"):
            est = est.steps[-1][1]
        else:
            break
    coefs = getattr(est, "coefs_", None)
    if coefs is None:
        raise TypeError("%s is not a fitted multilayer perceptron: expected a fitted "
                        "skneural MLPRegressor / MLPClassifier (what rsnns.mlp returns), "
                        "or a Pipeline ending in one." % type(model).__name__)
    coefs = [np.asarray(c) for c in coefs]
    intercepts = [np.asarray(b) for b in est.intercepts_]
    sizes = [coefs[0].shape[0]] + [c.shape[1] for c in coefs]
    hidden = SNNS_ACT_FUNCS.get(est.activation, est.activation)
    out_act = getattr(est, "out_activation_", "identity")
    return est, sizes, coefs, intercepts, hidden, SNNS_ACT_FUNCS.get(out_act, out_act)


def _unit_names(sizes):
    names = ["Input_%d" % (i + 1) for i in range(sizes[0])]
    for layer, n in enumerate(sizes[1:-1], start=2):
        names += ["Hidden_%d_%d" % (layer, i + 1) for i in range(n)]
    return names + ["Output_%d" % (i + 1) for i in range(sizes[-1])]


def _offsets(sizes):
    return np.concatenate([[0], np.cumsum(sizes)]).astype(int)


def weight_matrix(model):
    """The full unit-by-unit weight matrix of a fitted MLP, as RSNNS's ``weightMatrix``.

    Units are numbered as SNNS numbers them in an ``mlp()`` network: the
    inputs, then each hidden layer, then the outputs. Entry ``[i, j]`` is the
    weight of the link from unit ``i`` to unit ``j``, 0 where there is no
    link (so the matrix is block upper triangular). Units are named
    ``Input_k``, ``Hidden_l_k`` (``l`` counts layers from the input layer, so
    the first hidden layer is ``Hidden_2_k``) and ``Output_k``.

    Parameters
    ----------
    model : fitted MLPRegressor, MLPClassifier, or a Pipeline ending in one

    Returns
    -------
    DataFrame of shape (n_units, n_units)
        Rows and columns named by the units.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, weightMatrix
    >>> m = mlp(np.eye(3), np.ones(3), size=2, maxit=1, random_state=0)
    >>> W = weightMatrix(m)
    >>> list(W.columns)
    ['Input_1', 'Input_2', 'Input_3', 'Hidden_2_1', 'Hidden_2_2', 'Output_1']
    >>> bool(W.loc["Input_2", "Hidden_2_1"] == m.coefs_[0][1, 0])
    True
    """
    _, sizes, coefs, _, _, _ = _fitted_network(model)
    off = _offsets(sizes)
    n = int(off[-1])
    W = np.zeros((n, n), dtype=np.float64)
    for k, c in enumerate(coefs):
        W[off[k]:off[k + 1], off[k + 1]:off[k + 2]] = c
    names = _unit_names(sizes)
    return pd.DataFrame(W, index=names, columns=names)


def _solver(est):
    from .solvers import resolve_solver  # noqa: PLC0415

    return resolve_solver(est)


def _learn_func_name(est):
    """RSNNS's learnFunc name of the estimator's solver (its own name for non-SNNS ones)."""
    obj = _solver(est)
    return getattr(obj, "rsnns_name", None) or str(obj.name)


def _learn_func_params(est):
    """RSNNS's learnFuncParams rebuilt from the solver's parameters."""
    obj = _solver(est)
    g = obj.get_params()
    name = obj.name
    if name in ("std_backprop", "backprop_batch"):
        return [g["learning_rate"], g["dmax"]]
    if name == "backprop_chunk":
        return [g["learning_rate"], g["dmax"], g["chunk_size"]]
    if name == "backprop_momentum":
        return [g["learning_rate"], g["momentum"], g["flat_spot"], g["dmax"]]
    if name == "backprop_weight_decay":
        return [g["learning_rate"], g["decay"], g["min_weight"], g["dmax"]]
    if name == "rprop":
        decay = -np.log10(g["decay"]) if g["decay"] > 0 else 0.0
        return [g["learning_rate"], g["max_step"], decay]
    if name == "quickprop":
        return [g["learning_rate"], g["mu"], g["decay"], g["dmax"]]
    if name == "scg":
        return [g["sigma1"], g["lambda1"], g["dmax"], g["tol"]]
    return [g[k] for k in ("learning_rate_init",) if k in g]


def _unit_table(model):
    est, sizes, coefs, intercepts, hidden, out_act = _fitted_network(model)
    names = _unit_names(sizes)
    rows = []
    no = 0
    for layer, n in enumerate(sizes):
        for k in range(n):
            no += 1
            if layer == 0:
                kind, act, bias = "UNIT_INPUT", "Act_Identity", 0.0
            elif layer == len(sizes) - 1:
                kind, act, bias = "UNIT_OUTPUT", out_act, float(intercepts[layer - 1][k])
            else:
                kind, act, bias = "UNIT_HIDDEN", hidden, float(intercepts[layer - 1][k])
            rows.append({"unitNo": no, "unitName": names[no - 1], "unitAct": 0.0,
                         "unitBias": bias, "type": kind, "posX": k + 1, "posY": layer + 1,
                         "posZ": 0, "actFunc": act, "outFunc": "Out_Identity", "sites": ""})
    return est, pd.DataFrame(rows), sizes, coefs


def _info_header(est, n_units, n_links, netname="RSNNS_untitled"):
    return {"network name": netname, "source files": "", "no. of units": str(n_units),
            "no. of connections": str(n_links), "no. of unit types": "0",
            "no. of site types": "0", "learning function": _learn_func_name(est),
            "update function": "Topological_Order"}


def extract_net_info(model):
    """The network as tables, as RSNNS's ``extractNetInfo``.

    Parameters
    ----------
    model : fitted MLPRegressor, MLPClassifier, or a Pipeline ending in one

    Returns
    -------
    Bunch with
        infoHeader : DataFrame with columns ``name`` and ``value`` (network
            name, numbers of units and connections, learning and update
            function, as in an SNNS network file's header);
        unitDefinitions : DataFrame, one row per unit: ``unitNo``,
            ``unitName``, ``unitAct`` (0: skneural keeps no activations between
            calls), ``unitBias`` (0 for inputs, which have none), ``type``
            (``UNIT_INPUT``, ``UNIT_HIDDEN``, ``UNIT_OUTPUT``), ``posX``,
            ``posY``, ``posZ`` (index in the layer, layer number, 0),
            ``actFunc``, ``outFunc``, ``sites``;
        fullWeightMatrix : DataFrame, :func:`weight_matrix`.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, extractNetInfo
    >>> m = mlp(np.eye(3), np.eye(3), size=2, maxit=2, random_state=0)
    >>> info = extractNetInfo(m)
    >>> info.unitDefinitions["type"].value_counts().to_dict()
    {'UNIT_INPUT': 3, 'UNIT_OUTPUT': 3, 'UNIT_HIDDEN': 2}
    """
    est, units, sizes, coefs = _unit_table(model)
    W = weight_matrix(est)
    n_links = int(sum(np.count_nonzero(c) for c in coefs))
    head = _info_header(est, len(units), n_links)
    return Bunch(infoHeader=pd.DataFrame({"name": list(head), "value": list(head.values())}),
                 unitDefinitions=units, fullWeightMatrix=W)


# ---------------------------------------------------------------------------
# Continued training, print and summary
# ---------------------------------------------------------------------------
def train(model, inputsTrain, targetsTrain=None, inputsTest=None, targetsTest=None,
          maxit=None):
    """Continue training a fitted model from its current weights, as RSNNS's ``train``.

    Runs ``maxit`` more epochs (the model's own ``max_iter`` when None) with
    the model's learning function and parameters, starting from the weights
    it has now; as in SNNS, the training state of the learner (Quickprop's and
    Rprop's per-weight memory, momentum, SCG's search) carries on, so 5 epochs
    then ``train`` for 7 equal 12 epochs in one run. As in RSNNS, ``IterativeFitError`` (and
    ``IterativeTestError`` with a test set) then hold this call's epochs and
    ``fitted_values`` the outputs for ``inputsTrain``; ``loss_curve_`` keeps
    every epoch of the model's life.

    Parameters
    ----------
    model : fitted MLPRegressor or MLPClassifier (e.g. from ``rsnns.mlp``)
        Modified in place and returned.
    inputsTrain : array-like of shape (n_samples, n_inputs)
    targetsTrain : array-like of shape (n_samples, n_outputs)
        Required (RSNNS lets unsupervised networks omit it; an MLP needs it).
    inputsTest, targetsTest : array-like, default=None
        A test set whose error is recorded after every epoch; both or neither.
    maxit : int, default=None
        Epochs to run.

    Returns
    -------
    model

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, train
    >>> X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    >>> Y = np.array([[0.], [1.], [1.], [0.]])
    >>> m = mlp(X, Y, size=3, learnFunc="Rprop", learnFuncParams=(0.1, 50, 4),
    ...         maxit=20, random_state=0)
    >>> first = m.IterativeFitError[-1]
    >>> m = train(m, X, Y, maxit=30)
    >>> len(m.IterativeFitError), len(m.loss_curve_)
    (30, 50)
    """
    est, _, _, _, _, _ = _fitted_network(model)
    if est is not model:
        raise TypeError("train() continues an MLP itself, not a %s around it."
                        % type(model).__name__)
    if targetsTrain is None:
        raise ValueError("train: targetsTrain is required to train a multilayer perceptron.")
    if (inputsTest is None) != (targetsTest is None):
        raise ValueError("train: inputsTest and targetsTest must be given together.")
    dtype = model.coefs_[0].dtype
    classifier = hasattr(model, "classes_")
    X, y = _train_xy(inputsTrain, targetsTrain, "inputsTrain", "targetsTrain", dtype,
                     classifier)
    fit_kw = {}
    if inputsTest is not None:
        Xt, yt = _train_xy(inputsTest, targetsTest, "inputsTest", "targetsTest", dtype,
                           classifier)
        fit_kw = {"X_val": Xt, "y_val": yt}
    epochs = model.max_iter if maxit is None else _count(maxit, "maxit")
    if epochs < 1:
        raise ValueError("train: maxit must be >= 1, got %r." % maxit)
    before = len(getattr(model, "loss_curve_", []) or [])
    before_val = len(getattr(model, "validation_loss_curve_", []) or [])
    old = {"warm_start": model.warm_start, "max_iter": model.max_iter}
    from sklearn.exceptions import ConvergenceWarning  # noqa: PLC0415

    try:
        model.set_params(warm_start=True, max_iter=epochs)
        model._validate_params()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Stochastic Optimizer: Maximum iterations",
                                    category=ConvergenceWarning)
            # as SNNS, the learner's state (Rprop's step sizes, Quickprop's memory,
            # SCG's search) carries on from the previous training
            model._fit(X, y, validation_data=(fit_kw["X_val"], fit_kw["y_val"], None)
                       if fit_kw else None, keep_optimizer_state=True)
    finally:
        model.set_params(**old)
    model.IterativeFitError = np.asarray(model.loss_curve_[before:])
    val = getattr(model, "validation_loss_curve_", None) or []
    model.IterativeTestError = np.asarray(val[before_val:]) if fit_kw else None
    fitted = model.predict_proba(X) if classifier and hasattr(model, "predict_proba") \
        else model.predict(X)
    model.fitted_values = np.asarray(fitted).reshape(X.shape[0], -1)
    return model


def _train_xy(x, y, xname, yname, dtype, classifier):
    """Inputs and targets for a warm-start fit: numbers for a regressor (as mlp()
    gives them), the labels as they are for a classifier (its classes_ decide)."""
    X = _numeric_matrix(x, xname).astype(dtype)
    if classifier:
        Y = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
        if Y.ndim == 2 and Y.shape[1] == 1:
            Y = Y.ravel()
    else:
        Y = _numeric_matrix(y, yname).astype(dtype)
        Y = Y.ravel() if Y.shape[1] == 1 else Y
    if X.shape[0] != Y.shape[0]:
        raise ValueError("train: %s and %s have different numbers of rows: %d and %d."
                         % (xname, yname, X.shape[0], Y.shape[0]))
    return X, Y


def _r_vector(values):
    return " ".join("%.15g" % v if isinstance(v, float) else str(v) for v in values)


def print_rsnns(model):
    """The text RSNNS's ``print`` shows for a model, in its layout.

    Parameters
    ----------
    model : fitted MLP (e.g. from ``rsnns.mlp``)

    Returns
    -------
    str
        Class, numbers of inputs and outputs, iterations, initialisation,
        learning and update functions with their parameters, shuffling, the
        architecture (``size``) and the model's RSNNS members.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, printRsnns
    >>> m = mlp(np.eye(3), np.eye(3), size=2, maxit=2, random_state=0)
    >>> print(printRsnns(m).splitlines()[0])
    Class: mlp->rsnns
    """
    est, sizes, _, _, _, _ = _fitted_network(model)
    init = getattr(est, "init_range", None)
    members = [m for m in ("IterativeFitError", "IterativeTestError", "fitted_values")
               if getattr(est, m, None) is not None]
    lines = ["Class: mlp->rsnns",
             "Number of inputs: %d " % sizes[0],
             "Number of outputs: %d " % sizes[-1],
             "Maximal iterations: %d " % est.max_iter,
             "Initialization function: %s "
             % ("Randomize_Weights" if init is not None else "Glorot_Uniform (scikit-learn)"),
             "Initialization function parameters: %s "
             % (_r_vector([float(v) for v in init]) if init is not None else "NULL"),
             "Learning function: %s " % _learn_func_name(est),
             "Learning function parameters: %s "
             % _r_vector([float(v) for v in _learn_func_params(est)]),
             "Update function:Topological_Order",
             "Update function parameters: 0 ",
             "Patterns are shuffled internally: %s " % ("TRUE" if est.shuffle else "FALSE"),
             "Compute error in every iteration: TRUE ",
             "Architecture Parameters:",
             "$size",
             "[1] %s" % " ".join(str(s) for s in sizes[1:-1]),
             "",
             "All members of model:",
             " ".join('"%s"' % m for m in members)]
    return "\n".join(lines) + "\n"


def summary(model, origSnnsFormat=True):
    """The network described as RSNNS's ``summary`` describes it.

    Parameters
    ----------
    model : fitted MLP (e.g. from ``rsnns.mlp``)
    origSnnsFormat : bool, default=True
        True: the text of the SNNS network file
        (:func:`export_to_snns_net_file`); False: :func:`extract_net_info`'s
        tables.

    Returns
    -------
    str or Bunch

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, summary
    >>> m = mlp(np.eye(3), np.eye(3), size=2, maxit=2, random_state=0)
    >>> print(summary(m).splitlines()[0])
    SNNS network definition file V1.4-3D
    """
    if not isinstance(origSnnsFormat, (bool, np.bool_)):
        raise TypeError("origSnnsFormat must be True or False, got %r." % (origSnnsFormat,))
    if not origSnnsFormat:
        return extract_net_info(model)
    return _net_file_text(model, "RSNNS_untitled")


# ---------------------------------------------------------------------------
# SNNS network files (.net)
# ---------------------------------------------------------------------------
def _num(v, digits):
    # SNNS writes %8.5f; full precision (digits None) keeps the field at least that wide
    return "%8.5f" % v if digits == 5 else "%8s" % repr(float(v))


def _net_file_text(model, netname, exact=True):
    est, units, sizes, coefs = _unit_table(model)
    digits = None if exact else 5
    off = _offsets(sizes)
    n_links = int(sum(np.count_nonzero(c) for c in coefs))
    head = _info_header(est, len(units), n_links, netname)
    out = ["SNNS network definition file V1.4-3D", "generated at " + _stamp(), ""]
    for key in ("network name", "source files", "no. of units", "no. of connections",
                "no. of unit types", "no. of site types"):
        out.append("%s : %s" % (key, head[key]))
    out += ["", "", "learning function : %s" % head["learning function"],
            "update function   : %s" % head["update function"], "", "",
            "unit default section :", "",
            "act      | bias     | st | subnet | layer | act func     | out func",
            "---------|----------|----|--------|-------|--------------|-------------",
            " 0.00000 |  0.00000 | h  |      0 |     1 | Act_Logistic | Out_Identity ",
            "---------|----------|----|--------|-------|--------------|-------------",
            "", "", "unit definition section :", "",
            "no. | typeName | unitName          | act      | bias     | st | position | "
            "act func     | out func | sites",
            "----|----------|-------------------|----------|----------|----|----------|"
            "--------------|----------|-------"]
    for u in units.itertuples(index=False):
        out.append("%3d |          | %-17s | %s | %s | %-2s | %d,%d,%d | %-12s |          |"
                   % (u.unitNo, u.unitName, _num(u.unitAct, 5), _num(u.unitBias, digits),
                      _UNIT_CODES[u.type], u.posX, u.posY, u.posZ, u.actFunc))
    out += ["----|----------|-------------------|----------|----------|----|----------|"
            "--------------|----------|-------", "", "", "connection definition section :", "",
            "target | site | source:weight",
            "-------|------|" + "-" * 60]
    for k, c in enumerate(coefs):
        for j in range(c.shape[1]):
            target = off[k + 1] + j + 1
            # SNNS lists a unit's links from the highest source unit to the lowest
            links = ["%d:%s" % (off[k] + i + 1, _num(c[i, j], digits))
                     for i in range(c.shape[0] - 1, -1, -1) if c[i, j] != 0]
            if not links:
                continue
            for start in range(0, len(links), 6):
                first = start == 0
                chunk = ", ".join(links[start:start + 6])
                more = "," if start + 6 < len(links) else ""
                out.append("%6s |      | %s%s" % (str(target) if first else "", chunk, more))
    out.append("-------|------|" + "-" * 60)
    return "\n".join(out) + "\n"


def export_to_snns_net_file(model, filename, netname="RSNNS_untitled"):
    """Write the network as an SNNS network file (.net), as RSNNS's ``exportToSnnsNetFile``.

    The file follows SNNS's format V1.4-3D (user manual, "Network files"):
    header, unit default section, unit definition section (one row per unit:
    number, name, activation, bias, type ``i``/``h``/``o``, position,
    activation and output function) and connection definition section (per
    target unit, ``source:weight`` pairs). Weights and biases are written in
    full precision (SNNS writes 5 decimals), so :func:`read_snns_net_file`
    reads back exactly the model's float64 values.

    Parameters
    ----------
    model : fitted MLP (e.g. from ``rsnns.mlp``)
    filename : str or path
    netname : str, default="RSNNS_untitled"

    Returns
    -------
    None

    Examples
    --------
    >>> import os, tempfile
    >>> import numpy as np
    >>> from skneural.rsnns import mlp, exportToSnnsNetFile, readSnnsNetFile, weightMatrix
    >>> m = mlp(np.eye(3), np.eye(3), size=2, maxit=2, random_state=0)
    >>> path = os.path.join(tempfile.mkdtemp(), "m.net")
    >>> exportToSnnsNetFile(m, path)
    >>> back = readSnnsNetFile(path)
    >>> bool((back.fullWeightMatrix.to_numpy() == weightMatrix(m).to_numpy()).all())
    True
    """
    filename = _filename(filename)
    if not isinstance(netname, str) or not netname.strip() or "\n" in netname:
        raise ValueError("netname must be a non-empty one-line string, got %r." % (netname,))
    text = _net_file_text(model, netname)
    with open(filename, "w", encoding="latin-1") as fh:
        fh.write(text)


def _table_rows(lines, i, filename, section):
    """Rows of a '|' table starting at lines[i] (title line, dashes, rows, dashes)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i + 1 >= len(lines) or not lines[i + 1].strip().startswith("-"):
        raise ValueError("%s: the %s has no table header." % (filename, section))
    titles = [t.strip().lower() for t in lines[i].split("|")]
    rows = []
    i += 2
    while i < len(lines) and not lines[i].strip().startswith("-"):
        if lines[i].strip():
            rows.append([f.strip() for f in lines[i].split("|")])
        i += 1
    if i >= len(lines):
        raise ValueError("%s: the %s does not end with a line of dashes." % (filename, section))
    return titles, rows, i + 1


def read_snns_net_file(filename):
    """Read an SNNS network file (.net) into RSNNS's :func:`extract_net_info` tables.

    Not an RSNNS function: the reader for :func:`export_to_snns_net_file`'s
    files and for network files written by SNNS or by hand in SNNS's format
    V1.4-3D (header lines ``key : value``; ``unit default section``;
    ``unit definition section`` with the columns ``no. | typeName | unitName
    | act | bias | st | position | act func | out func | sites``, where an
    empty field takes the unit default; ``connection definition section``
    with ``target | site | source:weight`` rows, a row with an empty target
    continuing the previous one). Units with types (``typeName``) and links
    to sites are SNNS features skneural does not read (a ValueError says so).

    Parameters
    ----------
    filename : str or path

    Returns
    -------
    Bunch with infoHeader, unitDefinitions, fullWeightMatrix
        As :func:`extract_net_info`; ``fullWeightMatrix[i, j]`` is the link
        from unit i to unit j (0: no link).

    Examples
    --------
    >>> import os, tempfile
    >>> from skneural.rsnns import readSnnsNetFile
    >>> text = '''SNNS network definition file V1.4-3D
    ... generated at today
    ...
    ... network name : tiny
    ... no. of units : 2
    ... no. of connections : 1
    ...
    ... unit definition section :
    ...
    ... no. | typeName | unitName | act | bias | st | position | act func | out func | sites
    ... ----|----------|----------|-----|------|----|----------|----------|----------|------
    ...   1 |          | in       | 0   | 0    | i  | 1,1,0    | Act_Identity |      |
    ...   2 |          | out      | 0   | 0.5  | o  | 1,2,0    | Act_Logistic |      |
    ... ----|----------|----------|-----|------|----|----------|----------|----------|------
    ...
    ... connection definition section :
    ...
    ... target | site | source:weight
    ... -------|------|--------------
    ...      2 |      | 1: 2.5
    ... -------|------|--------------
    ... '''
    >>> path = os.path.join(tempfile.mkdtemp(), "tiny.net")
    >>> _ = open(path, "w").write(text)
    >>> net = readSnnsNetFile(path)
    >>> float(net.fullWeightMatrix.loc["in", "out"]), float(net.unitDefinitions.unitBias[1])
    (2.5, 0.5)
    """
    filename = _filename(filename)
    with open(filename, encoding="latin-1") as fh:
        lines = fh.read().splitlines()
    if not lines or not lines[0].strip().startswith("SNNS network definition file"):
        raise ValueError("%s is not an SNNS network file: its first line must be 'SNNS network "
                         "definition file V1.4-3D'." % filename)
    header = {}
    defaults = {"act": "0", "bias": "0", "st": "h", "act func": "Act_Logistic",
                "out func": "Out_Identity"}
    units, links = [], {}
    i = 1
    while i < len(lines):
        line = lines[i].strip()
        low = line.lower()
        if not line or line.startswith("generated at"):
            i += 1
        elif low.startswith("unit default section"):
            titles, rows, i = _table_rows(lines, i + 1, filename, "unit default section")
            if rows:
                defaults.update({t: v for t, v in zip(titles, rows[0]) if v})
        elif low.startswith("unit definition section"):
            titles, rows, i = _table_rows(lines, i + 1, filename, "unit definition section")
            for row in rows:
                rec = dict(zip(titles, row))
                if rec.get("typename"):
                    raise ValueError("%s: unit %s has the type %r; unit types are not "
                                     "supported." % (filename, rec.get("no."), rec["typename"]))
                units.append(rec)
        elif low.startswith("connection definition section"):
            titles, rows, i = _table_rows(lines, i + 1, filename,
                                          "connection definition section")
            target = None
            for row in rows:
                if len(row) < 3:
                    raise ValueError("%s: malformed connection row %r." % (filename, row))
                if row[0]:
                    target = int(row[0])
                elif target is None:
                    raise ValueError("%s: a connection row without a target unit comes first."
                                     % filename)
                if row[1]:
                    raise ValueError("%s: links to sites (unit %d, site %r) are not supported."
                                     % (filename, target, row[1]))
                for pair in row[2].split(","):
                    if not pair.strip():
                        continue
                    src, _, w = pair.partition(":")
                    try:
                        links[(int(src), target)] = float(w)
                    except ValueError:
                        raise ValueError("%s: %r is not a source:weight pair." % (
                            filename, pair.strip())) from None
        elif low.endswith("section :") or low.endswith("section:"):
            # site, type, subnet, layer, time-delay ... sections: not needed for the weights
            _, _, i = _table_rows(lines, i + 1, filename, line.rstrip(" :"))
        else:
            m = _HEADER.match(line)
            if m:
                header[m.group(1).strip().lower()] = m.group(2)
            i += 1
    if not units:
        raise ValueError("%s has no unit definition section." % filename)
    rows, number = [], {}
    for pos, rec in enumerate(units):
        no = int(rec.get("no.", pos + 1))
        number[no] = pos
        st = rec.get("st") or defaults["st"]
        xyz = [int(float(p)) for p in (rec.get("position") or "0,0,0").split(",")]
        xyz = (xyz + [0, 0, 0])[:3]
        rows.append({"unitNo": no, "unitName": rec.get("unitname") or "unit_%d" % no,
                     "unitAct": float(rec.get("act") or defaults["act"]),
                     "unitBias": float(rec.get("bias") or defaults["bias"]),
                     "type": _UNIT_TYPES.get(st, st), "posX": xyz[0], "posY": xyz[1],
                     "posZ": xyz[2], "actFunc": rec.get("act func") or defaults["act func"],
                     "outFunc": rec.get("out func") or defaults["out func"],
                     "sites": rec.get("sites", "")})
    table = pd.DataFrame(rows)
    W = np.zeros((len(rows), len(rows)))
    for (src, tgt), w in links.items():
        if src not in number or tgt not in number:
            raise ValueError("%s: a link %d -> %d names a unit that is not defined."
                             % (filename, src, tgt))
        W[number[src], number[tgt]] = w
    names = table["unitName"].tolist()
    if "no. of units" in header and int(header["no. of units"]) != len(rows):
        raise ValueError("%s: the header announces %s units, the file defines %d."
                         % (filename, header["no. of units"], len(rows)))
    return Bunch(infoHeader=pd.DataFrame({"name": list(header), "value": list(header.values())}),
                 unitDefinitions=table,
                 fullWeightMatrix=pd.DataFrame(W, index=names, columns=names))


# camelCase aliases: the same function objects.
toNumericClassLabels = to_numeric_class_labels
analyzeClassification = analyze_classification
inputColumns = input_columns
outputColumns = output_columns
readPatFile = read_pat_file
savePatFile = save_pat_file
readResFile = read_res_file
saveResFile = save_res_file
vectorToActMap = vector_to_act_map
matrixToActMapList = matrix_to_act_map_list
weightMatrix = weight_matrix
extractNetInfo = extract_net_info
printRsnns = print_rsnns
exportToSnnsNetFile = export_to_snns_net_file
readSnnsNetFile = read_snns_net_file
