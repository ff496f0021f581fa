"""Every Python block of docs/*.rst runs as written.

Python blocks are ``.. code-block:: python`` (also ``python3``, ``py``,
``pycon``), ``.. code:: python``, ``.. sourcecode:: python`` and doctest
blocks (paragraphs that start with ``>>>``, also inside a ``pycon`` block).
Each block runs on its own, in a fresh namespace, in an empty temporary
working directory (so a block that writes ``model.onnx`` writes it there),
with matplotlib's non-interactive backend.  Doctest blocks are checked with
:mod:`doctest`: their printed output must match.

A block that cannot run here is listed in ``CANNOT_RUN`` with the reason,
or in ``NEEDS`` with the module it needs (skipped only when that module is
absent).  A warning fails a block, as it would fail an example
(tests/test_examples.py), unless ``EXPECTED_WARNINGS`` lists its category for
that block with the reason.  Every entry must match exactly one block, so an entry cannot
outlive its block and silently skip another.  README.md's blocks are run by
tests/test_readme.py.
"""

import doctest
import importlib.util
import re
import textwrap
import warnings
from pathlib import Path

import pytest
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

DOCS = Path(__file__).resolve().parents[1] / "docs"

DIRECTIVE = re.compile(r"^(\s*)\.\. (?:code-block|code|sourcecode)::\s*(python3?|py|pycon)\s*$")

# (file, text the block contains): why it cannot run in the test suite
CANNOT_RUN = {
    ("gpu.rst", 'device="cuda"'):
        "needs an NVIDIA GPU and numba-cuda; tests/test_cuda.py runs the CUDA kernels "
        "in Numba's simulator",
    ("keras_translation.rst", "model = Sequential()"):
        "Keras code, shown for comparison (TensorFlow/Keras is no dependency)",
    ("keras_translation.rst", 'load_mnist("path/to/mnist"'):
        "needs the MNIST files on disk (load_mnist reads files the user has; "
        "tests/test_datasets.py tests the reader on generated IDX files)",
    ("scaling.rst", 'Client("scheduler-address:8786")'):
        "needs a running dask scheduler at an address; tests/test_dask.py runs the "
        "same search on a LocalCluster",
    ("scaling.rst", 'da.from_zarr("features.zarr")'):
        "needs zarr stores larger than memory; tests/test_dask.py runs Incremental "
        "on a dask array",
    ("scaling.rst", "client.run(skneural.warmup)"):
        "needs a dask client (a cluster); tests/test_warmup.py runs warmup in fresh "
        "processes and tests/test_dask.py uses client.run",
    ("scaling.rst", "ray.init("):
        "starts a Ray instance (worker processes, ~10-20 s); tests/test_ray.py runs "
        "these steps on a two-CPU local instance",
    ("r.rst", "load_r_dataset"):
        "needs R and rpy2 (the r extra); tests/test_r.py runs skneural.r in .venv-r",
}

# (file, text the block contains): modules it needs; skipped only without them
NEEDS = {
    ("scaling.rst", "from skneural.onnx import to_onnx"): ("skl2onnx", "onnxruntime"),
    ("user_guide.rst", "TrainingCurveDisplay"): ("matplotlib",),
}

# (file, text the block contains): (warning category, why the block may emit it);
# any other warning fails the block
EXPECTED_WARNINGS = {
    ("getting_started.rst", "batch_size=10, max_iter=50"):
        (ConvergenceWarning, "the Keras churn tutorial's fixed 50 epochs end before "
                             "the loss settles, and the warning says so"),
    ("keras_translation.rst", "# skneural\n"):
        (ConvergenceWarning, "epochs=50 translated as max_iter=50: the same fixed budget"),
}

# (file, text the block contains): names the block takes from the text
# around it, built by the function named here (see GIVEN_BUILDERS)
GIVEN = {
    ("keras_translation.rst", "# skneural\n"): "churn_keras_inputs",
}


def _churn_keras_inputs():
    """X_train, y_train as the Keras churn tutorial has them: 11 scaled columns."""
    from sklearn.compose import ColumnTransformer
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from skneural.datasets import make_churn

    churn = make_churn(n_samples=2000, random_state=0)
    X_train, _, y_train, _ = train_test_split(churn.data, churn.target, test_size=0.2,
                                              random_state=0)
    encode = ColumnTransformer(
        [("categories", OneHotEncoder(drop="first"), churn.categorical_features)],
        remainder=StandardScaler())
    X_train = encode.fit_transform(X_train)
    assert X_train.shape[1] == 11  # the tutorial's input_dim
    return {"X_train": X_train, "y_train": y_train}


GIVEN_BUILDERS = {"churn_keras_inputs": _churn_keras_inputs}


def _python_blocks(path):
    """(first line number, source) of each Python block of an .rst file."""
    lines = path.read_text().splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        match = DIRECTIVE.match(lines[i])
        if match:
            indent = len(match.group(1))
            start = i + 1
            j = start
            while j < len(lines) and (not lines[j].strip()
                                      or len(lines[j]) - len(lines[j].lstrip()) > indent):
                j += 1
            body = lines[start:j]
            while body and (not body[0].strip() or body[0].strip().startswith(":")):
                body = body[1:]  # blank lines and directive options
                start += 1
            source = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
            blocks.append((start + 1, source))
            i = j
            continue
        if lines[i].lstrip().startswith(">>>") and (i == 0 or not lines[i - 1].strip()):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            blocks.append((i + 1, textwrap.dedent("\n".join(lines[i:j])) + "\n"))
            i = j
            continue
        i += 1
    return blocks


BLOCKS = [(path.name, line, source)
          for path in sorted(DOCS.glob("*.rst"))
          for line, source in _python_blocks(path)]


def _entry(name, source, table):
    hits = [key for key in table if key[0] == name and key[1] in source]
    assert len(hits) <= 1, f"{name}: several entries match one block: {hits}"
    return hits[0] if hits else None


def test_docs_have_python_blocks():
    assert len(BLOCKS) >= 10
    assert any(">>>" not in source for _, _, source in BLOCKS)


@pytest.mark.parametrize("table", [CANNOT_RUN, NEEDS, GIVEN, EXPECTED_WARNINGS],
                         ids=["CANNOT_RUN", "NEEDS", "GIVEN", "EXPECTED_WARNINGS"])
def test_every_listed_block_exists_once(table):
    for name, text in table:
        matches = [line for file, line, source in BLOCKS if file == name and text in source]
        assert len(matches) == 1, (f"{name}: {text!r} matches {len(matches)} blocks; "
                                   "the list must name exactly one")


def test_block_parser_finds_each_kind(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(textwrap.dedent("""\
        Title
        =====

        .. code-block:: python
           :caption: a caption

           x = 1
           if x:
               y = 2

        text

        * item

          .. code:: python

             z = 3

        >>> 1 + 1
        2

        .. code-block:: bash

           echo not python
        """))
    blocks = [source for _, source in _python_blocks(page)]
    assert blocks == ["x = 1\nif x:\n    y = 2\n", "z = 3\n", ">>> 1 + 1\n2\n"]


def _run_doctest(source, name, namespace):
    """Run a doctest block; return (examples attempted, failure reports)."""
    test = doctest.DocTestParser().get_doctest(source, namespace, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    reports = []
    result = runner.run(test, out=reports.append)
    return result.attempted, reports if result.failed else []


# Docs blocks should be as quiet as the examples: a warning fails the block.
@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("name, line, source", BLOCKS,
                         ids=[f"{name}:{line}" for name, line, _ in BLOCKS])
def test_docs_block_runs(name, line, source, tmp_path, monkeypatch):
    key = _entry(name, source, CANNOT_RUN)
    if key:
        pytest.skip(f"listed in CANNOT_RUN: {CANNOT_RUN[key]}")
    key = _entry(name, source, NEEDS)
    if key:
        for module in NEEDS[key]:
            if importlib.util.find_spec(module) is None:
                pytest.skip(f"needs {module} (listed in NEEDS)")
    plotting = any(word in source for word in ("matplotlib", "plt.", "Display"))
    if plotting:
        pytest.importorskip("matplotlib").use("Agg")  # no window in the test suite
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__main__"}
    key = _entry(name, source, GIVEN)
    if key:
        namespace.update(GIVEN_BUILDERS[GIVEN[key]]())
    key = _entry(name, source, EXPECTED_WARNINGS)
    if key:
        warnings.filterwarnings("ignore", category=EXPECTED_WARNINGS[key][0])
    where = f"docs/{name}, block at line {line}"
    try:
        # One BLAS thread: on a loaded 2-core machine OpenBLAS's waiting threads
        # make a fit's matrix products ten times slower; results do not change.
        with threadpool_limits(1):
            if source.lstrip().startswith(">>>"):
                attempted, reports = _run_doctest(source, where, namespace)
                assert attempted > 0
                assert not reports, "".join(reports)
            else:
                exec(compile(source, where, "exec"), namespace)  # noqa: S102
    finally:
        if plotting:
            import matplotlib.pyplot as plt

            plt.close("all")
