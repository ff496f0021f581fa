import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # noqa: E401,E702

import builtins
import doctest
import types
import warnings

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from skneural import plotting  # noqa: E402
from skneural.plotting import (  # noqa: E402
    plot_confusion_matrix,
    plot_iterative_error,
    plot_learning_curves,
    plot_rbm_filters,
    plotIterativeError,
)

HISTORY = [
    {"epoch": 1, "loss": 0.9, "val_loss": 1.0, "val_score": 0.5, "seconds": 0.1},
    {"epoch": 2, "loss": 0.6, "val_loss": 0.8, "val_score": 0.7, "seconds": 0.1},
    {"epoch": 3, "loss": 0.4, "val_loss": 0.75, "val_score": 0.8, "seconds": 0.1},
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _lines(fig, axes_index=0):
    return fig.axes[axes_index].get_lines()


def test_iterative_error_from_history_list():
    fig = plot_iterative_error(HISTORY)
    fit, test = _lines(fig)
    np.testing.assert_array_equal(fit.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(fit.get_ydata(), [0.9, 0.6, 0.4])
    np.testing.assert_array_equal(test.get_ydata(), [1.0, 0.8, 0.75])
    assert fit.get_label() == "fit error" and test.get_label() == "test error"
    assert fig.axes[0].get_xlabel() == "Epoch"


def test_iterative_error_without_validation_draws_one_line():
    history = [{"epoch": e, "loss": 1.0 / e} for e in (1, 2, 3, 4)]
    fig = plot_iterative_error(history)
    (fit,) = _lines(fig)
    np.testing.assert_allclose(fit.get_ydata(), [1, 0.5, 1 / 3, 0.25])


def test_iterative_error_from_sklearn_estimator():
    from sklearn.datasets import make_classification
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = make_classification(n_samples=120, n_features=5, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = make_pipeline(
            StandardScaler(), MLPClassifier((4,), max_iter=7, random_state=0)
        ).fit(X, y)
    fig = plot_iterative_error(model)  # a Pipeline: its last step is used
    (fit,) = _lines(fig)
    curve = model[-1].loss_curve_
    np.testing.assert_array_equal(fit.get_ydata(), curve)
    np.testing.assert_array_equal(fit.get_xdata(), np.arange(1, len(curve) + 1))


def test_iterative_error_with_validation_loss_curve():
    est = types.SimpleNamespace(
        loss_curve_=[3.0, 2.0, 1.0],
        validation_loss_curve_=[3.5, 2.5, 2.0],
        validation_scores_=[0.1, 0.2, 0.3],
    )
    fig = plot_iterative_error(est)
    fit, test = _lines(fig)
    np.testing.assert_array_equal(test.get_ydata(), [3.5, 2.5, 2.0])


def test_history_attribute_preferred_over_loss_curve():
    est = types.SimpleNamespace(loss_curve_=[9.0, 9.0, 9.0], history_=HISTORY)
    fig = plot_iterative_error(est)
    np.testing.assert_array_equal(_lines(fig)[0].get_ydata(), [0.9, 0.6, 0.4])


@pytest.mark.parametrize("as_mapping", [False, True])
def test_iterative_error_rsnns_style(as_mapping):
    values = {"IterativeFitError": [40.0, 20.0, 10.0, 8.0], "IterativeTestError": [9.0, 5.0, 3.0, 2.5]}
    model = values if as_mapping else types.SimpleNamespace(**values)
    fig = plotIterativeError(model)
    fit, test = _lines(fig)
    np.testing.assert_array_equal(fit.get_ydata(), values["IterativeFitError"])
    np.testing.assert_array_equal(test.get_ydata(), values["IterativeTestError"])
    np.testing.assert_array_equal(fit.get_xdata(), [1, 2, 3, 4])
    assert fit.get_color() == "black" and test.get_color() == "red"
    assert fig.axes[0].get_ylabel() == "Weighted SSE"


def test_iterative_error_keras_dict_and_given_ax():
    fig, ax = plt.subplots()
    out = plot_iterative_error({"loss": [1.0, 0.5], "val_loss": [1.1, 0.9]}, ax=ax)
    assert out is fig
    assert len(ax.get_lines()) == 2


def test_iterative_error_bad_input():
    with pytest.raises(TypeError, match="loss_curve_"):
        plot_iterative_error(object())
    with pytest.raises(ValueError, match="empty"):
        plot_iterative_error([])


def test_alias():
    assert plotIterativeError is plot_iterative_error


def test_learning_curves():
    fig = plot_learning_curves(HISTORY)
    loss_ax, score_ax = fig.axes
    train, val = loss_ax.get_lines()
    np.testing.assert_array_equal(train.get_ydata(), [0.9, 0.6, 0.4])
    np.testing.assert_array_equal(val.get_ydata(), [1.0, 0.8, 0.75])
    (score,) = score_ax.get_lines()
    np.testing.assert_array_equal(score.get_ydata(), [0.5, 0.7, 0.8])
    np.testing.assert_array_equal(score.get_xdata(), [1, 2, 3])


def test_learning_curves_without_scores():
    fig = plot_learning_curves([{"epoch": 1, "loss": 1.0}, {"epoch": 2, "loss": 0.5}])
    loss_ax, score_ax = fig.axes
    assert len(loss_ax.get_lines()) == 1 and len(score_ax.get_lines()) == 0
    with pytest.raises(ValueError, match="two Axes"):
        plot_learning_curves(HISTORY, axes=[loss_ax])


def test_confusion_matrix():
    y_true = ["a", "b", "b", "c", "c", "c"]
    y_pred = ["a", "b", "c", "c", "c", "a"]
    disp = plot_confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(disp.confusion_matrix, [[1, 0, 0], [0, 1, 1], [1, 0, 2]])
    texts = [t.get_text() for t in disp.text_.ravel()]
    assert texts == ["1", "0", "0", "0", "1", "1", "1", "0", "2"]
    fig, ax = plt.subplots()
    disp = plot_confusion_matrix(y_true, y_pred, labels=["c", "a"], ax=ax)
    assert disp.ax_ is ax
    np.testing.assert_array_equal(disp.confusion_matrix, [[2, 1], [0, 1]])


def test_rbm_filters_grid():
    rng = np.random.RandomState(0)
    comps = rng.rand(23, 64)
    fig = plot_rbm_filters(comps, n_cols=10)
    assert len(fig.axes) == 30  # 3 rows of 10
    images = [im for a in fig.axes for im in a.images]
    assert len(images) == 23
    np.testing.assert_array_equal(images[5].get_array(), comps[5].reshape(8, 8))
    assert sum(a.axison for a in fig.axes) == 23


def test_rbm_filters_from_estimator_and_shapes():
    est = types.SimpleNamespace(components_=np.arange(6 * 12.0).reshape(6, 12))
    fig = plot_rbm_filters(est, image_shape=(3, 4), n_cols=3)
    images = [im for a in fig.axes for im in a.images]
    assert len(images) == 6 and images[0].get_array().shape == (3, 4)
    with pytest.raises(ValueError, match="square"):
        plot_rbm_filters(est.components_)
    with pytest.raises(ValueError, match="does not hold"):
        plot_rbm_filters(est.components_, image_shape=(5, 5))
    fig = plot_rbm_filters(np.ones((40, 784)), max_filters=8)
    assert sum(len(a.images) for a in fig.axes) == 8


def test_rbm_filters_mosaic_on_given_ax():
    comps = np.arange(5 * 4.0).reshape(5, 4)
    fig, ax = plt.subplots()
    out = plot_rbm_filters(comps, n_cols=3, ax=ax)
    assert out is fig and len(ax.images) == 1
    mosaic = np.ma.getdata(ax.images[0].get_array())
    assert mosaic.shape == (2 * 3 - 1, 3 * 3 - 1)
    np.testing.assert_array_equal(mosaic[0:2, 3:5], comps[1].reshape(2, 2))
    np.testing.assert_array_equal(mosaic[3:5, 3:5], comps[4].reshape(2, 2))


def test_rbm_filters_from_mlp_coefs():
    est = types.SimpleNamespace(coefs_=[np.arange(16 * 3.0).reshape(16, 3), np.ones((3, 1))])
    fig = plot_rbm_filters(est)
    images = [im for a in fig.axes for im in a.images]
    assert len(images) == 3
    np.testing.assert_array_equal(images[2].get_array(), est.coefs_[0][:, 2].reshape(4, 4))


def test_missing_matplotlib_message(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=r"skneural\[plot\]"):
        plot_iterative_error(HISTORY)


def test_doctests():
    failures, tried = doctest.testmod(plotting)
    assert tried > 0 and failures == 0
