"""skneural.diagnose: the training-recipe check, each verdict able to flip."""

import copy
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.datasets import load_iris
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from skneural import MLPClassifier, MLPRegressor
from skneural._diagnose import diagnose

CHECKS = ("initial_loss", "overfit_batch", "gradients", "stuck_units", "output_bias")
FAST = dict(overfit_max_iter=300)  # enough for iris's 20 rows with adam (the default net)


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def iris01():
    """Iris scaled to [0, 1]: every input is non-negative."""
    X, y = load_iris(return_X_y=True)
    return MinMaxScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def default_report(iris):
    X, y = iris
    return diagnose(MLPClassifier(random_state=0), X, y, **FAST)


def _glorot(random_state, sizes, factor=6.0):
    """scikit-learn's documented initialisation (which skneural reproduces): per
    layer, Glorot-uniform weights then biases from one RandomState stream."""
    rng = np.random.RandomState(random_state)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = np.sqrt(factor / (fan_in + fan_out))
        layers.append((rng.uniform(-bound, bound, (fan_in, fan_out)),
                       rng.uniform(-bound, bound, fan_out)))
    return layers


# ---------------------------------------------------------------------------
# the numbers
# ---------------------------------------------------------------------------
def test_the_initial_model_holds_the_untrained_weights(default_report):
    model = default_report.initial_model
    for (W, b), c, i in zip(_glorot(0, [4, 100, 3]), model.coefs_, model.intercepts_):
        assert np.array_equal(W, c) and np.array_equal(b, i)


def test_the_default_recipe_on_standardised_data_passes(default_report):
    assert default_report.ok, str(default_report)
    assert list(default_report.verdicts) == list(CHECKS)
    text = str(default_report)
    assert text.splitlines()[0].endswith("every check passed")
    assert [line.split()[0] for line in text.splitlines()[1:]] == list(CHECKS)
    assert repr(default_report) == text


def _data_loss(model, X, y):
    """The loss from the public predictions: mean log loss, or half the squared error."""
    if isinstance(model, MLPRegressor):
        P = model.predict(X).reshape(len(X), -1)
        return 0.5 * np.mean((P - y.reshape(len(X), -1)) ** 2)
    P = model.predict_proba(X)
    return -np.mean(np.log(P[np.arange(len(y)), np.searchsorted(model.classes_, y)]))


@pytest.mark.parametrize("task", ["multiclass", "binary", "regression"])
def test_initial_loss_and_gradients_match_finite_differences(iris, task):
    X, y = iris
    X, y = X[::5], y[::5]  # 30 rows, a tiny net: every weight can be perturbed
    if task == "binary":
        y = (y == 2).astype(int)
    if task == "regression":
        est = MLPRegressor(hidden_layer_sizes=(3,), activation="tanh", alpha=0.5, random_state=1)
        y = X[:, 0] - 2 * X[:, 1] ** 2
    else:
        est = MLPClassifier((3,), activation="tanh", alpha=0.5, random_state=1)
    report = diagnose(est, X, y, overfit_max_iter=5)
    model = copy.deepcopy(report.initial_model)
    assert report.initial_loss == pytest.approx(_data_loss(model, X, y), rel=1e-12)
    expected = {"multiclass": np.log(3), "binary": np.log(2),
                "regression": 0.5 * np.mean(y ** 2)}[task]
    assert report.expected_initial_loss == pytest.approx(expected, rel=1e-12)
    # central differences: truncation h^2 |f'''| ~ 1e-10, rounding eps |f| / h ~ 1e-11,
    # both far below the 1e-6 relative tolerance on gradients of size 1e-2 .. 1
    h = 1e-5
    for layer, W in enumerate(model.coefs_):
        numeric = np.zeros_like(W)
        for idx in np.ndindex(W.shape):
            keep = W[idx]
            W[idx] = keep + h
            up = _data_loss(model, X, y)
            W[idx] = keep - h
            down = _data_loss(model, X, y)
            W[idx] = keep
            numeric[idx] = (up - down) / (2 * h)
        assert report.gradient_norms[layer] == pytest.approx(np.linalg.norm(numeric), rel=1e-6)
        assert report.weight_norms[layer] == pytest.approx(np.linalg.norm(W), rel=1e-12)


def test_the_overfit_check_trains_on_its_rows(iris):
    X, y = iris
    report = diagnose(MLPClassifier((10,), random_state=0), X, y, overfit_rows=12,
                      overfit_max_iter=40)
    assert report.overfit_rows == 12 and report.overfit_n_iter == 40
    # 12 rows round-robin over 3 classes: the accuracy is a multiple of 1/12
    assert report.overfit_score * 12 == pytest.approx(round(report.overfit_score * 12))


def test_the_same_call_gives_the_same_report(iris):
    X, y = iris
    a = diagnose(MLPClassifier((8,), random_state=3), X, y, overfit_max_iter=30)
    b = diagnose(MLPClassifier((8,), random_state=3), X, y, overfit_max_iter=30)
    assert str(a) == str(b)
    assert a.initial_loss == b.initial_loss and a.overfit_loss == b.overfit_loss


# ---------------------------------------------------------------------------
# each verdict flips
# ---------------------------------------------------------------------------
def test_a_huge_initial_scale_fails_the_initial_loss(iris, default_report):
    X, y = iris
    assert default_report.verdicts["initial_loss"].ok
    report = diagnose(MLPClassifier(init_range=(-3, 3), random_state=0), X, y,
                      overfit_max_iter=5)
    # logits spread by several units: the loss is over log 3 + 1 nat
    assert report.initial_loss > np.log(3) + 1
    assert not report.verdicts["initial_loss"].ok
    assert "confidently wrong" in report.verdicts["initial_loss"].message


def test_a_regressor_with_outputs_wider_than_the_targets_fails(iris):
    X, _ = iris
    y = 0.01 * X[:, 0]  # targets far smaller than the untrained outputs
    report = diagnose(MLPRegressor(hidden_layer_sizes=(10,), random_state=0), X, y, overfit_max_iter=5)
    assert report.initial_loss > 2 * report.expected_initial_loss
    assert not report.verdicts["initial_loss"].ok
    y = 10 * X[:, 0]
    report = diagnose(MLPRegressor(hidden_layer_sizes=(10,), random_state=0), X, y, overfit_max_iter=5)
    assert report.verdicts["initial_loss"].ok


def test_a_learning_rate_too_small_cannot_overfit_a_small_batch(iris, default_report):
    X, y = iris
    assert default_report.verdicts["overfit_batch"].ok
    assert default_report.overfit_score == 1.0
    report = diagnose(MLPClassifier(learning_rate_init=1e-7, random_state=0), X, y, **FAST)
    assert report.overfit_score < 1.0
    assert not report.verdicts["overfit_batch"].ok


def test_a_deep_logistic_net_has_vanishing_gradients(iris, default_report):
    X, y = iris
    assert default_report.verdicts["gradients"].ok
    report = diagnose(MLPClassifier((16,) * 8, activation="logistic", random_state=0),
                      X, y, overfit_max_iter=5)
    rel = report.relative_gradients
    assert rel[0] * 100 < rel[-1]  # the first layer learns far slower than the last
    assert not report.verdicts["gradients"].ok


def test_all_relu_units_dead_are_reported(iris01, default_report):
    X, y = iris01
    assert default_report.verdicts["stuck_units"].ok
    # negative weights and biases on non-negative inputs: no unit ever fires
    dead = diagnose(MLPClassifier(init_range=(-1, -0.1), random_state=0), X, y,
                    overfit_max_iter=5)
    assert dead.stuck_unit_share.tolist() == [1.0]
    assert not dead.verdicts["stuck_units"].ok
    assert "dead" in dead.verdicts["stuck_units"].message
    # ... and no gradient reaches any weight matrix
    assert not dead.verdicts["gradients"].ok


def test_saturated_logistic_units_are_reported(iris01):
    X, y = iris01
    # weights and biases >= 5 on non-negative inputs: z >= 5, a > 0.993 everywhere
    report = diagnose(MLPClassifier((6, 6), activation="logistic", init_range=(5, 10),
                                    random_state=0), X, y, overfit_max_iter=5)
    assert report.stuck_unit_share.tolist() == [1.0, 1.0]
    assert "saturated" in report.verdicts["stuck_units"].message
    assert not report.verdicts["stuck_units"].ok


def test_a_fitted_network_is_also_checked_after_training(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((10,), max_iter=300, random_state=0).fit(X, y)
    report = diagnose(clf, X, y, overfit_max_iter=5)
    assert np.array_equal(report.fitted_output_bias, clf.intercepts_[-1])
    assert report.stuck_unit_share_fitted.shape == (1,)
    assert "after fitting" in report.verdicts["stuck_units"].message
    assert "the fitted one" in report.verdicts["output_bias"].message
    assert not np.array_equal(report.initial_output_bias, clf.intercepts_[-1])


def test_an_imbalanced_target_flags_the_output_bias(iris):
    X, y = iris
    balanced = diagnose(MLPClassifier((10,), random_state=0), X, y == 2, overfit_max_iter=5)
    # a third positive: the prior's log odds are log(1/2)
    assert balanced.prior_output_bias == pytest.approx([np.log(0.5)], rel=1e-12)
    rare = np.zeros(len(y), dtype=int)
    rare[::10] = 1  # 10 % positive: log odds log(1/9), 2.2 from an untrained bias near 0
    report = diagnose(MLPClassifier((10,), random_state=0), X, rare, overfit_max_iter=5)
    assert report.prior_output_bias == pytest.approx([np.log(1 / 9)], rel=1e-12)
    assert not report.verdicts["output_bias"].ok
    assert 'init_output_bias="prior"' in report.verdicts["output_bias"].message


def test_softmax_prior_bias_is_the_centred_log_prior(iris):
    X, y = iris
    keep = np.r_[0:50, 50:60, 100:110]  # priors 50/70, 10/70, 10/70
    report = diagnose(MLPClassifier((10,), random_state=0), X[keep], y[keep],
                      overfit_max_iter=5)
    logp = np.log([50 / 70, 10 / 70, 10 / 70])
    assert report.prior_output_bias == pytest.approx(logp - logp.mean(), rel=1e-12)
    # log odds of class 0 against the others: log 5 = 1.6 > log 2, from a bias near 0
    assert not report.verdicts["output_bias"].ok


def test_a_regression_target_far_from_zero_flags_the_output_bias(iris):
    X, _ = iris
    y = 10 + X[:, 0]  # mean 10, standard deviation 1: ten standard deviations from 0
    report = diagnose(MLPRegressor(hidden_layer_sizes=(10,), random_state=0), X, y, overfit_max_iter=5)
    assert report.prior_output_bias == pytest.approx([y.mean()], rel=1e-12)
    assert not report.verdicts["output_bias"].ok
    report = diagnose(MLPRegressor(hidden_layer_sizes=(10,), random_state=0), X, y - 10, overfit_max_iter=5)
    assert report.verdicts["output_bias"].ok


# ---------------------------------------------------------------------------
# pipelines and bad input
# ---------------------------------------------------------------------------
def test_a_pipeline_is_diagnosed_on_its_transformed_input():
    X, y = load_iris(return_X_y=True)
    a = diagnose(make_pipeline(StandardScaler(), MLPClassifier((5,), random_state=0)), X, y,
                 overfit_max_iter=20)
    b = diagnose(MLPClassifier((5,), random_state=0), StandardScaler().fit_transform(X), y,
                 overfit_max_iter=20)
    assert a.initial_loss == b.initial_loss and str(a) == str(b)


def test_bad_input_is_rejected_with_a_clear_message(iris):
    from sklearn.linear_model import LogisticRegression

    X, y = iris
    with pytest.raises(TypeError, match="MLPClassifier or MLPRegressor"):
        diagnose(LogisticRegression(), X, y)
    with pytest.raises(ValueError, match="solver='rprop'"):
        diagnose(MLPClassifier(solver="rprop"), X, y)
    with pytest.raises(ValueError, match="loss='poisson'"):
        diagnose(MLPRegressor(loss="poisson"), X, np.abs(y))
    bad = X.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        diagnose(MLPClassifier(), bad, y)
    with pytest.raises(ValueError, match="different numbers of rows"):
        diagnose(MLPClassifier(), X, y[:-1])
    with pytest.raises(ValueError, match="single class"):
        diagnose(MLPClassifier(), X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="multilabel"):
        diagnose(MLPClassifier(), X, np.c_[y == 0, y == 1].astype(int))
    for name, value in (("overfit_rows", 1), ("overfit_max_iter", 0),
                        ("overfit_rows", 2.5), ("overfit_max_iter", True)):
        with pytest.raises(ValueError, match=name):
            diagnose(MLPClassifier(), X, y, **{name: value})


def test_doctests():
    import doctest

    import skneural._diagnose

    result = doctest.testmod(skneural._diagnose)
    assert result.attempted > 0 and result.failed == 0
