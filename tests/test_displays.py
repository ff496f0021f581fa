"""Display objects: scikit-learn's convention (from_estimator / plot(ax=)), checked
against the fitted attributes they show."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from skneural import BernoulliRBM, MLPClassifier  # noqa: E402
from skneural.plotting import (  # noqa: E402
    ConfusionMatrixDisplay,
    RBMFiltersDisplay,
    TrainingCurveDisplay,
)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X[:400] / 16.0, y[:400]


def test_training_curve_display_draws_the_fitted_curves(digits):
    X, y = digits
    clf = MLPClassifier((16,), max_iter=8, n_iter_no_change=100, random_state=0)
    clf.fit(X[:300], y[:300], X_val=X[300:], y_val=y[300:])
    fig, (left, right) = plt.subplots(1, 2)
    pipe = make_pipeline(StandardScaler(), clone(clf)).fit(X[:300], y[:300])
    disp = TrainingCurveDisplay.from_estimator(pipe, ax=left)
    assert disp.ax_ is left and disp.figure_ is fig
    # the Pipeline refit without a validation set: one curve
    assert list(disp.lines_) == ["loss"]

    disp = TrainingCurveDisplay.from_estimator(clf, ax=right, score=True)
    np.testing.assert_array_equal(disp.lines_["loss"].get_ydata(), clf.loss_curve_)
    np.testing.assert_array_equal(disp.lines_["loss"].get_xdata(),
                                  np.arange(1, len(clf.loss_curve_) + 1))
    val_loss = [record["val_loss"] for record in clf.history_]
    val_score = [record["val_score"] for record in clf.history_]
    np.testing.assert_array_equal(disp.lines_["val_loss"].get_ydata(), val_loss)
    np.testing.assert_array_equal(disp.lines_["val_score"].get_ydata(), val_score)
    assert disp.score_ax_ is not None and disp.score_ax_ is not right

    # drawn again elsewhere: same data, new axes
    _, other = plt.subplots()
    assert disp.plot(ax=other).ax_ is other
    np.testing.assert_array_equal(other.get_lines()[0].get_ydata(), clf.loss_curve_)
    plt.close("all")


def test_training_curve_display_rejects_an_unfitted_model():
    with pytest.raises(TypeError, match="MLPClassifier has no training curves"):
        TrainingCurveDisplay.from_estimator(MLPClassifier())


def test_rbm_filters_display_tiles_each_component(digits):
    X, _ = digits
    rbm = BernoulliRBM(n_components=7, n_iter=2, random_state=0).fit(X)
    _, ax = plt.subplots()
    disp = RBMFiltersDisplay.from_estimator(rbm, ax=ax, n_cols=3)
    assert disp.ax_ is ax and disp.image_ is ax.get_images()[0]
    assert disp.mosaic_.shape == (3 * 9 - 1, 3 * 9 - 1)
    for i in range(7):
        r, c = divmod(i, 3)
        tile = disp.mosaic_[9 * r: 9 * r + 8, 9 * c: 9 * c + 8]
        np.testing.assert_array_equal(tile, rbm.components_[i].reshape(8, 8))
    # the two unused tiles and the gaps are blank
    assert np.isnan(disp.mosaic_[18:, 9:]).all()
    assert np.isnan(disp.mosaic_[8, :]).all()
    with pytest.raises(ValueError, match="image_shape"):
        RBMFiltersDisplay(rbm.components_, (7, 9)).plot()
    with pytest.raises(TypeError, match="no filters"):
        RBMFiltersDisplay.from_estimator(StandardScaler().fit(X))
    plt.close("all")


def test_mlp_first_layer_filters_and_confusion_matrix_display(digits):
    X, y = digits
    clf = MLPClassifier((5,), max_iter=5, random_state=0).fit(X, y)
    disp = RBMFiltersDisplay.from_estimator(clf)
    np.testing.assert_array_equal(disp.mosaic_[:8, :8], clf.coefs_[0][:, 0].reshape(8, 8))
    cm = ConfusionMatrixDisplay.from_estimator(clf, X, y)
    assert cm.confusion_matrix.sum() == len(y)
    assert np.trace(cm.confusion_matrix) == int((clf.predict(X) == y).sum())
    plt.close("all")
