"""RSNNS's helpers, SNNS file formats, model accessors and plots (issue #14).

Expected values come from RSNNS's documented behaviour (../shared/reference/RSNNS.md,
RSNNS's help pages) and from the SNNS file formats as the SNNS user manual describes
them; hand-written files below are typed in that format, not produced by the writers.
"""

import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from skneural import rsnns  # noqa: E402
from skneural.plotting import ActMapDisplay, RegressionErrorDisplay  # noqa: E402

# RSNNS.md's worked example for encodeClassLabels (WTA / 402040 rules)
ROWS = np.array([[.1, .8, .3], [.5, .5, .1], [.45, .55, .2], [.7, .65, .1], [0, 0, 0]])
CASES = [({}, [2, 0, 2, 1, 0]), ({"l": 0.1}, [2, 0, 2, 0, 0]), ({"h": 0.6}, [2, 0, 0, 1, 0]),
         ({"method": "402040", "l": 0.4, "h": 0.6}, [2, 0, 0, 0, 0])]


# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kw, expected", CASES)
def test_analyze_classification_documented_example(kw, expected):
    assert [rsnns.analyzeClassification(r, **kw) for r in ROWS] == expected
    # encodeClassLabels is analyzeClassification applied row by row (RSNNS's help page)
    assert rsnns.encodeClassLabels(ROWS, **kw).tolist() == expected


def test_analyze_classification_rejects_bad_input():
    with pytest.raises(ValueError, match="unknown method 'wta'.*WTA, 402040"):
        rsnns.analyzeClassification([1, 0], method="wta")
    with pytest.raises(ValueError, match="NaN"):
        rsnns.analyzeClassification([np.nan, 1])
    with pytest.raises(TypeError, match="numeric"):
        rsnns.analyzeClassification(["a", "b"])
    with pytest.raises(ValueError, match="vector"):
        rsnns.analyzeClassification(np.ones((2, 2)))
    with pytest.raises(TypeError, match="l must be a number"):
        rsnns.analyzeClassification([1, 0], l="0.4")


def test_to_numeric_class_labels():
    # factor: level codes in level order (unused levels keep their number)
    f = pd.Categorical(["hi", "lo", "hi"], categories=["lo", "mid", "hi"])
    assert rsnns.toNumericClassLabels(f).tolist() == [3, 1, 3]
    # strings: R's factor() sorts the levels; numbers stay as they are
    assert rsnns.toNumericClassLabels(["r", "b", "g", "b"]).tolist() == [3, 1, 2, 1]
    assert rsnns.toNumericClassLabels([10, 2, 2.5]).tolist() == [10, 2, 2.5]
    # the same class numbering as decodeClassLabels' columns
    labels = ["setosa", "virginica", "versicolor", "setosa"]
    assert (rsnns.encodeClassLabels(rsnns.decodeClassLabels(labels).to_numpy()).tolist()
            == rsnns.toNumericClassLabels(labels).tolist())
    with pytest.raises(ValueError, match="missing"):
        rsnns.toNumericClassLabels(["a", None])
    with pytest.raises(ValueError, match="vector"):
        rsnns.toNumericClassLabels(np.ones((2, 2)))


# ---------------------------------------------------------------------------
# .pat files
# ---------------------------------------------------------------------------
# Typed in by hand from the SNNS manual's description of a pattern file: header, comments,
# values split over lines in any way.
HAND_PAT = """SNNS pattern definition file V3.2
generated at Mon Apr 25 15:58:23 1994


No. of patterns     : 3
No. of input units  : 4
No. of output units : 2

# Input pattern 1:
0.5 1 -2
3e-1
# Output pattern 1:
1 0
# Input pattern 2:
0 0 0 0   # a comment after values
# Output pattern 2:
0
1
# Input pattern 3:
  1.25 -0.75 2 4 0.5 0.25
"""


def test_read_pat_file_hand_written(tmp_path):
    path = tmp_path / "hand.pat"
    path.write_text(HAND_PAT)
    p = rsnns.readPatFile(path)
    assert list(p.columns) == ["in1", "in2", "in3", "in4", "out1", "out2"]
    np.testing.assert_array_equal(p.to_numpy(), [[0.5, 1, -2, 0.3, 1, 0], [0, 0, 0, 0, 0, 1],
                                                 [1.25, -0.75, 2, 4, 0.5, 0.25]])
    assert rsnns.inputColumns(p).tolist() == [0, 1, 2, 3]
    assert rsnns.outputColumns(p).tolist() == [4, 5]
    np.testing.assert_array_equal(p.iloc[:, rsnns.outputColumns(p)].to_numpy(),
                                  [[1, 0], [0, 1], [.5, .25]])


def test_pat_file_round_trip_is_exact(tmp_path):
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(17, 5)) * 10.0 ** rng.integers(-8, 8, size=(17, 5)), rng.random((17, 3))
    path = tmp_path / "rt.pat"
    rsnns.savePatFile(X, Y, path)
    p = rsnns.readPatFile(path)
    np.testing.assert_array_equal(p.iloc[:, rsnns.inputColumns(p)].to_numpy(), X)
    np.testing.assert_array_equal(p.iloc[:, rsnns.outputColumns(p)].to_numpy(), Y)
    # no targets: a file with 0 output units (as SNNS writes for unsupervised data)
    rsnns.savePatFile(X, None, path)
    assert "No. of output units : 0" in path.read_text()
    np.testing.assert_array_equal(rsnns.readPatFile(path).to_numpy(), X)


def test_read_pat_file_errors(tmp_path):
    path = tmp_path / "bad.pat"
    path.write_text(HAND_PAT.replace("No. of patterns     : 3", "No. of patterns : 4"))
    with pytest.raises(ValueError, match="4 patterns of 4 inputs and 2 outputs"):
        rsnns.readPatFile(path)
    path.write_text("just numbers\n1 2 3\n")
    with pytest.raises(ValueError, match="not an SNNS pattern file"):
        rsnns.readPatFile(path)
    path.write_text(HAND_PAT.replace("1.25", "one"))
    with pytest.raises(ValueError, match="'one' is not a number"):
        rsnns.readPatFile(path)
    path.write_text(HAND_PAT.replace(
        "No. of output units : 2", "No. of output units : 2\nNo. of variable input dimensions : 1"))
    with pytest.raises(ValueError, match="variable size"):
        rsnns.readPatFile(path)
    with pytest.raises(ValueError, match="different numbers of rows"):
        rsnns.savePatFile(np.ones((3, 2)), np.ones((2, 1)), tmp_path / "x.pat")
    with pytest.raises(ValueError, match="NaN"):
        rsnns.savePatFile([[np.nan]], [[1]], tmp_path / "x.pat")
    with pytest.raises(TypeError, match="column names"):
        rsnns.inputColumns(np.ones((2, 2)))


# ---------------------------------------------------------------------------
# .res files
# ---------------------------------------------------------------------------
HAND_RES = """SNNS result file V1.4-3D
generated at Tue Apr 26 10:12:01 1994

No. of patterns     : 2
No. of input units  : 3
No. of output units : 2
startpattern        : 1
endpattern          : 2
input patterns included
teaching output included
#1.1
0 1
1
1 0
0.91234 0.04321
#2.1
1 1 0
0 1
0.1 0.87
"""


def test_read_res_file_hand_written(tmp_path):
    path = tmp_path / "hand.res"
    path.write_text(HAND_RES)
    np.testing.assert_array_equal(rsnns.readResFile(path), [[0.91234, 0.04321], [0.1, 0.87]])
    # outputs only (no inputs, no teaching output)
    only = re.sub(r"(input patterns included|teaching output included)\n", "", HAND_RES)
    only = only.replace("0 1\n1\n1 0\n", "").replace("1 1 0\n0 1\n", "")
    path.write_text(only)
    np.testing.assert_array_equal(rsnns.readResFile(path), [[0.91234, 0.04321], [0.1, 0.87]])
    path.write_text(HAND_RES.replace("0.1 0.87", "0.1"))
    with pytest.raises(ValueError, match="pattern 2 holds 6 values, expected 7"):
        rsnns.readResFile(path)


def test_res_file_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    out, X, T = rng.random((6, 3)), rng.random((6, 4)), rng.random((6, 3))
    path = tmp_path / "rt.res"
    rsnns.saveResFile(out, path, inputs=X, targets=T)
    np.testing.assert_array_equal(rsnns.readResFile(path), out)
    rsnns.saveResFile(out, path)
    np.testing.assert_array_equal(rsnns.readResFile(path), out)


# ---------------------------------------------------------------------------
# Activation maps
# ---------------------------------------------------------------------------
def test_vector_to_act_map_fills_columns_like_r_matrix():
    v = np.arange(12.0)
    m = rsnns.vectorToActMap(v, nrow=3)
    assert m.shape == (3, 4)
    # R's matrix(v, nrow = 3): element [i, j] (0-based) is v[i + 3 j]
    assert all(m[i, j] == v[i + 3 * j] for i in range(3) for j in range(4))
    assert rsnns.vectorToActMap(v, ncol=4).tolist() == m.tolist()
    assert rsnns.vectorToActMap(np.arange(9.0)).shape == (3, 3)
    maps = rsnns.matrixToActMapList(np.vstack([v, -v]), nrow=3)
    assert len(maps) == 2 and (maps[1] == -m).all()
    with pytest.raises(ValueError, match="square"):
        rsnns.vectorToActMap(v)
    with pytest.raises(ValueError, match="do not fill"):
        rsnns.vectorToActMap(v, nrow=5)
    with pytest.raises(ValueError, match="nrow must be a whole number"):
        rsnns.vectorToActMap(v, nrow=-1)


# ---------------------------------------------------------------------------
# Model accessors
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 4))
    y = (X[:, :1] + X[:, 1:2] ** 2 > 0.5).astype(float)
    return X, np.hstack([y, 1 - y])


@pytest.fixture(scope="module")
def model(xy):
    X, Y = xy
    return rsnns.mlp(X, Y, size=(3, 2), maxit=5, learnFunc="Rprop",
                     learnFuncParams=(0.1, 50, 4), random_state=0)


def _forward_from_unit_table(W, bias, act, X):
    """Propagate unit by unit in unit-number order through the full matrix (an
    independent reading of weightMatrix: it knows nothing about layers)."""
    n = W.shape[0]
    funcs = {"Act_Identity": lambda s: s, "Act_Logistic": lambda s: 1 / (1 + np.exp(-s))}
    out = np.zeros((X.shape[0], n))
    n_in = X.shape[1]
    out[:, :n_in] = X
    for j in range(n_in, n):
        out[:, j] = funcs[act[j]](out @ W[:, j] + bias[j])
    return out


def test_weight_matrix_is_the_network(model, xy):
    X, _ = xy
    W = rsnns.weightMatrix(model)
    names = (["Input_%d" % i for i in range(1, 5)] + ["Hidden_2_%d" % i for i in (1, 2, 3)]
             + ["Hidden_3_1", "Hidden_3_2", "Output_1", "Output_2"])
    assert list(W.index) == names and list(W.columns) == names
    info = rsnns.extractNetInfo(model)
    units = info.unitDefinitions
    out = _forward_from_unit_table(W.to_numpy(), units.unitBias.to_numpy(),
                                   units.actFunc.tolist(), X)
    # float32 network, recomputed in float64: a few float32 roundings per unit (~1e-7
    # relative each) over 3 layers of <= 4 inputs -> well under 1e-5
    np.testing.assert_allclose(out[:, -2:], model.predict(X.astype(np.float32)), atol=1e-5)
    # the block structure: only links between consecutive layers
    Wn = W.to_numpy()
    assert np.count_nonzero(Wn[:4, 4:7]) == 12 and np.count_nonzero(Wn[4:7, 7:9]) == 6
    assert np.count_nonzero(Wn) == 12 + 6 + 4
    assert np.array_equal(Wn[4:7, 7:9], model.coefs_[1])


def test_extract_net_info(model):
    info = rsnns.extractNetInfo(model)
    head = dict(zip(info.infoHeader.name, info.infoHeader.value))
    assert head["no. of units"] == "11" and head["no. of connections"] == "22"
    assert head["learning function"] == "Rprop"
    u = info.unitDefinitions
    assert u.type.tolist() == ["UNIT_INPUT"] * 4 + ["UNIT_HIDDEN"] * 5 + ["UNIT_OUTPUT"] * 2
    assert u.unitNo.tolist() == list(range(1, 12))
    np.testing.assert_array_equal(u.unitBias[4:7], model.intercepts_[0])
    np.testing.assert_array_equal(u.unitBias[9:], model.intercepts_[2])
    assert (u.unitBias[:4] == 0).all()
    assert set(u.actFunc[4:]) == {"Act_Logistic"} and set(u.actFunc[:4]) == {"Act_Identity"}
    with pytest.raises(TypeError, match="not a fitted multilayer perceptron"):
        rsnns.extractNetInfo(object())


def test_net_file_round_trip_is_exact(model, tmp_path):
    path = tmp_path / "m.net"
    rsnns.exportToSnnsNetFile(model, path, netname="iris")
    back = rsnns.readSnnsNetFile(path)
    info = rsnns.extractNetInfo(model)
    pd.testing.assert_frame_equal(back.fullWeightMatrix, info.fullWeightMatrix)
    pd.testing.assert_frame_equal(back.unitDefinitions, info.unitDefinitions)
    head = dict(zip(back.infoHeader.name, back.infoHeader.value))
    assert head["network name"] == "iris" and head["learning function"] == "Rprop"
    # summary() in SNNS format is the text of that file (but for the date line)
    rsnns.exportToSnnsNetFile(model, path)
    def undated(text):
        return [ln for ln in text.splitlines() if not ln.startswith("generated at")]
    assert undated(rsnns.summary(model)) == undated(path.read_text())
    assert isinstance(rsnns.summary(model, origSnnsFormat=False), dict)
    with pytest.raises(ValueError, match="netname"):
        rsnns.exportToSnnsNetFile(model, path, netname="")


# Typed in by hand in SNNS's network file format: an XOR net 2-2-1 (unit defaults used for
# empty fields, a connection list continued on a second line).
HAND_NET = """SNNS network definition file V1.4-3D
generated at Fri Jun 10 10:00:00 1994

network name : xor
source files :
no. of units : 5
no. of connections : 6
no. of unit types : 0
no. of site types : 0


learning function : Std_Backpropagation
update function   : Topological_Order


unit default section :

act      | bias     | st | subnet | layer | act func     | out func
---------|----------|----|--------|-------|--------------|-------------
 0.00000 |  0.00000 | h  |      0 |     1 | Act_Logistic | Out_Identity
---------|----------|----|--------|-------|--------------|-------------


unit definition section :

no. | typeName | unitName | act      | bias     | st | position | act func     | out func | sites
----|----------|----------|----------|----------|----|----------|--------------|----------|-------
  1 |          | in1      |  0.00000 |  0.00000 | i  | 1,1,0    | Act_Identity |          |
  2 |          | in2      |  0.00000 |  0.00000 | i  | 1,2,0    | Act_Identity |          |
  3 |          | h1       |  0.00000 | -2.00000 |    | 2,1,0    |              |          |
  4 |          | h2       |  0.00000 | -6.00000 |    | 2,2,0    |              |          |
  5 |          | out      |  0.00000 | -4.00000 | o  | 3,1,0    |              |          |
----|----------|----------|----------|----------|----|----------|--------------|----------|-------


connection definition section :

target | site | source:weight
-------|------|---------------------------------
     3 |      |  2: 4.00000,  1: 4.00000
     4 |      |  2: 4.00000,  1: 4.00000
     5 |      |  4:-9.00000,
       |      |  3: 8.00000
-------|------|---------------------------------
"""


def test_read_hand_written_net_file(tmp_path):
    path = tmp_path / "xor.net"
    path.write_text(HAND_NET)
    net = rsnns.readSnnsNetFile(path)
    u = net.unitDefinitions
    assert u.type.tolist() == ["UNIT_INPUT"] * 2 + ["UNIT_HIDDEN"] * 2 + ["UNIT_OUTPUT"]
    assert u.actFunc.tolist()[2:] == ["Act_Logistic"] * 3  # from the unit default section
    W = net.fullWeightMatrix
    assert W.loc["h2", "out"] == -9 and W.loc["h1", "out"] == 8 and W.loc["in1", "h1"] == 4
    assert np.count_nonzero(W.to_numpy()) == 6
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    out = _forward_from_unit_table(W.to_numpy(), u.unitBias.to_numpy(), u.actFunc.tolist(), X)
    assert (out[:, -1] > 0.5).astype(int).tolist() == [0, 1, 1, 0]  # it computes XOR
    path.write_text(HAND_NET.replace("     4 |      |", "     4 |   1  |"))
    with pytest.raises(ValueError, match="sites"):
        rsnns.readSnnsNetFile(path)
    path.write_text(HAND_NET.replace("no. of units : 5", "no. of units : 6"))
    with pytest.raises(ValueError, match="announces 6 units"):
        rsnns.readSnnsNetFile(path)


def test_print_layout(model):
    text = rsnns.printRsnns(model)
    lines = text.splitlines()
    assert lines[0] == "Class: mlp->rsnns"
    assert "Number of inputs: 4 " in lines and "Number of outputs: 2 " in lines
    assert "Maximal iterations: 5 " in lines
    params = next(ln for ln in lines if ln.startswith("Learning function parameters:"))
    np.testing.assert_allclose([float(v) for v in params.split(":")[1].split()], [0.1, 50, 4])
    assert "Learning function: Rprop " in lines
    assert lines[lines.index("$size") + 1] == "[1] 3 2"


@pytest.mark.parametrize("learnFunc, params", [
    ("BackpropBatch", (0.5, 0.0)),
    # the learners with memory: train() carries their state on, as SNNS does
    ("Rprop", (0.1, 50, 4)),
    ("Quickprop", (0.1, 2.0, 1e-4, 0.1)),
    ("BackpropMomentum", (0.2, 0.5, 0.1, 0.0)),
    ("SCG", (0, 0, 0, 0)),
])
def test_train_continues_where_mlp_stopped(xy, learnFunc, params):
    X, Y = xy
    kw = dict(size=3, learnFunc=learnFunc, learnFuncParams=params, shufflePatterns=False,
              random_state=7)
    whole = rsnns.mlp(X, Y, maxit=12, **kw)
    part = rsnns.mlp(X, Y, maxit=5, **kw)
    part = rsnns.train(part, X, Y, maxit=7)
    # RSNNS: IterativeFitError holds this call's epochs; the estimator's curve all of them
    assert len(part.IterativeFitError) == 7 and len(part.loss_curve_) == 12
    # 5 + 7 epochs from the same state are the 12 epochs of one run, bit for bit
    np.testing.assert_array_equal(part.loss_curve_, whole.loss_curve_)
    for a, b in zip(part.coefs_, whole.coefs_):
        np.testing.assert_array_equal(a, b)
    assert part.max_iter == 5 and not part.warm_start  # settings restored


def test_train_with_test_set_and_errors(model, xy):
    import copy

    X, Y = xy
    m = rsnns.train(copy.deepcopy(model), X[:30], Y[:30], X[30:], Y[30:], maxit=3)
    assert len(m.IterativeTestError) == 3 and m.fitted_values.shape == (30, 2)
    with pytest.raises(ValueError, match="targetsTrain is required"):
        rsnns.train(model, X)
    with pytest.raises(ValueError, match="together"):
        rsnns.train(model, X, Y, inputsTest=X)
    with pytest.raises(ValueError, match="maxit must be a whole number"):
        rsnns.train(model, X, Y, maxit=2.5)


# ---------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------
def test_regression_error_display():
    import matplotlib.pyplot as plt

    t = np.array([0.0, 1.0, 2.0, 4.0])
    disp = rsnns.plotRegressionError(t, 2 * t + 1)
    np.testing.assert_allclose(disp.coef_, [1, 2], atol=1e-12)  # an exact line
    assert disp.ideal_line_.get_color() == "black" and disp.fit_line_.get_color() == "red"
    np.testing.assert_array_equal(disp.ideal_line_.get_xdata(), disp.ideal_line_.get_ydata())
    fig, axes = plt.subplots(1, 2)
    disp2 = RegressionErrorDisplay.from_predictions(t, t, ax=axes[1])
    assert disp2.ax_ is axes[1] and disp2.figure_ is fig
    with pytest.raises(ValueError, match="different lengths"):
        rsnns.plotRegressionError([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="NaN"):
        rsnns.plotRegressionError([1, np.nan], [1, 2])
    plt.close("all")


def test_plot_roc_auc_is_the_rank_statistic():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(5)
    D = rng.integers(0, 2, 60)
    T = D * 0.4 + rng.random(60)
    disp = rsnns.plotROC(T, D)
    pos, neg = T[D == 1], T[D == 0]
    # AUC = P(score of a positive > score of a negative) (Mann-Whitney), no ties here
    auc = np.mean(pos[:, None] > neg[None, :])
    assert disp.roc_auc == pytest.approx(auc, abs=1e-12)
    assert disp.ax_.get_xlabel().startswith("False Positive Rate")
    with pytest.raises(ValueError, match="two classes"):
        rsnns.plotROC([0.1, 0.2, 0.3], [0, 1, 2])
    plt.close("all")


def test_act_map_display():
    import matplotlib.pyplot as plt

    m = rsnns.vectorToActMap(np.arange(6.0), nrow=2)
    disp = rsnns.plotActMap(m)
    np.testing.assert_array_equal(disp.image_.get_array(), m)  # row 1 at the top, as printed
    disp2 = ActMapDisplay.from_vector(np.arange(6.0), nrow=2)
    np.testing.assert_array_equal(disp2.act_map, m)
    with pytest.raises(ValueError, match="vectorToActMap"):
        rsnns.plotActMap(np.arange(6.0))
    plt.close("all")


def test_both_spellings_are_exported():
    for snake, camel in [("analyze_classification", "analyzeClassification"),
                         ("read_pat_file", "readPatFile"), ("weight_matrix", "weightMatrix"),
                         ("export_to_snns_net_file", "exportToSnnsNetFile"),
                         ("plot_roc", "plotROC"), ("plot_act_map", "plotActMap")]:
        assert getattr(rsnns, snake) is getattr(rsnns, camel)
        assert snake in rsnns.__all__ and camel in rsnns.__all__


def test_doctests():
    import doctest

    from skneural import _rsnns_surface

    failures, tried = doctest.testmod(_rsnns_surface)
    assert tried > 15 and failures == 0


def test_train_continues_a_classifier_with_its_labels():
    from skneural import MLPClassifier

    rng = np.random.default_rng(2)
    X = rng.normal(size=(30, 3))
    y = np.where(X[:, 0] > 0, "yes", "no")
    clf = MLPClassifier(hidden_layer_sizes=(4,), activation="logistic", solver="rprop",
                        max_iter=5, shuffle=False, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(X, y)
    before = [c.copy() for c in clf.coefs_]
    clf = rsnns.train(clf, X, y, maxit=4)
    assert len(clf.IterativeFitError) == 4 and len(clf.loss_curve_) == 9
    assert clf.fitted_values.shape == (30, 2)  # predict_proba: one column per class
    assert any(not np.array_equal(a, b) for a, b in zip(before, clf.coefs_))
    assert rsnns.printRsnns(clf).splitlines()[4] == \
        "Initialization function: Glorot_Uniform (scikit-learn) "
