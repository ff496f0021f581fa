"""MLPClassifier / MLPRegressor behaviour: parity, accuracy, extras, errors."""

import pickle
import subprocess
import sys
import textwrap
import warnings

import joblib
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_digits, load_iris, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neural_network import MLPClassifier as SKClassifier
from sklearn.neural_network import MLPRegressor as SKRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skneural import DivergenceWarning, MLPClassifier, MLPRegressor

SOLVERS = ["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamax", "nadam", "lbfgs"]


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return train_test_split(X / 16.0, y, random_state=0)


# ---------------------------------------------------------------------------
# The math is scikit-learn's
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
@pytest.mark.parametrize(
    "est,sk_est,target",
    [
        (MLPClassifier, SKClassifier, "multiclass"),
        (MLPClassifier, SKClassifier, "binary"),
        (MLPRegressor, SKRegressor, "continuous"),
    ],
)
def test_full_batch_sgd_trajectory_matches_sklearn(iris, activation, est, sk_est, target):
    X, y = iris
    y = {"multiclass": y, "binary": y == 1, "continuous": X[:, 0] * 0.3}[target]
    kw = dict(hidden_layer_sizes=(7, 5), activation=activation, solver="sgd", momentum=0.0,
              learning_rate_init=0.05, batch_size=X.shape[0], shuffle=False, max_iter=1,
              random_state=0, alpha=1e-3, tol=0.0, n_iter_no_change=1000, warm_start=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = sk_est(**kw).fit(X, y)
        ours = est(**kw).fit(X, y)
        # Same random_state gives scikit-learn's initial weights ...
        for a, b in zip(ref.coefs_, ours.coefs_):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
        # ... and from identical weights, the same 20-iteration trajectory.
        ours.coefs_ = [c.copy() for c in ref.coefs_]
        ours.intercepts_ = [c.copy() for c in ref.intercepts_]
        ref.set_params(max_iter=20).fit(X, y)
        ours.set_params(max_iter=20).fit(X, y)
    a = np.array(ref.loss_curve_[1:])
    b = np.array(ours.loss_curve_[1:])
    assert len(a) == len(b) == 20
    np.testing.assert_allclose(b, a, rtol=1e-6)
    for w_ref, w in zip(ref.coefs_, ours.coefs_):
        np.testing.assert_allclose(w, w_ref, rtol=1e-6, atol=1e-9)


def test_adam_minibatch_trajectory_matches_sklearn_without_shuffle(iris):
    X, y = iris
    kw = dict(hidden_layer_sizes=(10,), batch_size=32, shuffle=False, max_iter=15,
              random_state=3, tol=0.0, n_iter_no_change=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = SKClassifier(**kw).fit(X, y)
        ours = MLPClassifier(**kw).fit(X, y)
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-6)


# ---------------------------------------------------------------------------
# Accuracy
# ---------------------------------------------------------------------------
def test_iris_accuracy_default_parameters(iris):
    X, y = iris
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0, stratify=y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours = MLPClassifier(random_state=0).fit(Xtr, ytr).score(Xte, yte)
        ref = SKClassifier(random_state=0).fit(Xtr, ytr).score(Xte, yte)
    assert ours >= ref - 0.03
    assert ours >= 0.9


def test_digits_accuracy_default_parameters(digits):
    Xtr, Xte, ytr, yte = digits
    ours = MLPClassifier(random_state=0).fit(Xtr, ytr).score(Xte, yte)
    ref = SKClassifier(random_state=0).fit(Xtr, ytr).score(Xte, yte)
    assert ours >= ref - 0.01
    assert ours >= 0.96


@pytest.mark.parametrize("solver", SOLVERS)
def test_every_solver_learns_digits(digits, solver):
    Xtr, Xte, ytr, yte = digits
    lr = {"sgd": 0.1, "adagrad": 0.05, "adadelta": 1.0}.get(solver, 0.003)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((64,), solver=solver, learning_rate_init=lr, max_iter=40,
                            random_state=0).fit(Xtr, ytr)
    assert clf.score(Xte, yte) > 0.9, solver
    if solver != "lbfgs":
        assert clf.loss_curve_[-1] < clf.loss_curve_[0]


@pytest.mark.parametrize("activation", ["leaky_relu", "elu", "softplus"])
def test_extra_activations_learn(digits, activation):
    Xtr, Xte, ytr, yte = digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((64,), activation=activation, max_iter=30, random_state=0).fit(Xtr, ytr)
    assert clf.score(Xte, yte) > 0.9


def test_regression_multi_output_and_poisson():
    X, y = make_regression(n_samples=300, n_features=5, n_targets=2, noise=1.0, random_state=0)
    X = StandardScaler().fit_transform(X)
    y = y / y.std(axis=0)
    reg = MLPRegressor(hidden_layer_sizes=(32,), solver="lbfgs", max_iter=500, random_state=0).fit(X, y)
    assert reg.predict(X).shape == (300, 2)
    assert reg.score(X, y) > 0.95
    rng = np.random.RandomState(0)
    X = rng.normal(size=(1000, 5))
    lam = np.exp(0.5 * X[:, 0])
    counts = rng.poisson(lam)
    kw = dict(loss="poisson", hidden_layer_sizes=(4,), solver="lbfgs", alpha=1.0, max_iter=300,
              random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pois = MLPRegressor(**kw).fit(X, counts)
        ref = SKRegressor(**kw).fit(X, counts)
    assert pois.out_activation_ == "exp"
    assert np.all(pois.predict(X) > 0)
    assert np.corrcoef(pois.predict(X), lam)[0, 1] > 0.9
    assert pois.loss_ == pytest.approx(ref.loss_, rel=1e-6)


def test_multilabel_classification():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 4))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0, X[:, 3] < 0.5]).astype(int)
    clf = MLPClassifier((32,), solver="lbfgs", max_iter=300, random_state=0).fit(X, Y)
    assert clf.out_activation_ == "logistic"
    assert clf.predict(X).shape == (300, 3)
    assert clf.score(X, Y) > 0.85
    assert clf.predict_proba(X).shape == (300, 3)


# ---------------------------------------------------------------------------
# dtypes and reproducibility
# ---------------------------------------------------------------------------
def test_float32_is_kept_and_agrees_with_float64(iris):
    X, y = iris
    kw = dict(hidden_layer_sizes=(8,), max_iter=30, random_state=0, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m32 = MLPClassifier(**kw).fit(X.astype(np.float32), y)
        m64 = MLPClassifier(**kw).fit(X, y)
    assert all(c.dtype == np.float32 for c in m32.coefs_ + m32.intercepts_)
    assert m32.predict_proba(X.astype(np.float32)).dtype == np.float32
    assert all(c.dtype == np.float64 for c in m64.coefs_)
    np.testing.assert_allclose(m32.loss_curve_, m64.loss_curve_, rtol=1e-4)
    np.testing.assert_allclose(m32.predict_proba(X), m64.predict_proba(X), atol=1e-4)


@pytest.mark.parametrize("solver", ["adam", "sgd", "lbfgs"])
def test_same_random_state_gives_bit_identical_models(digits, solver):
    Xtr, _, ytr, _ = digits
    kw = dict(hidden_layer_sizes=(16,), solver=solver, max_iter=5, random_state=42, dropout=0.0)
    if solver != "lbfgs":
        kw["dropout"] = 0.2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        a = MLPClassifier(**kw).fit(Xtr, ytr)
        b = MLPClassifier(**kw).fit(Xtr, ytr)
        c = MLPClassifier(**{**kw, "random_state": 43}).fit(Xtr, ytr)
    for x, z in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
        assert np.array_equal(x, z)
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])


def test_coefs_are_views_of_one_flat_vector(iris):
    X, y = iris
    clf = MLPClassifier((5,), max_iter=5, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    for arr in clf.coefs_ + clf.intercepts_:
        assert np.shares_memory(arr, clf._params)
    assert clf._params.size == sum(c.size for c in clf.coefs_ + clf.intercepts_)


# ---------------------------------------------------------------------------
# Beyond scikit-learn
# ---------------------------------------------------------------------------
def test_dropout_changes_training_and_is_off_at_predict(digits):
    """Dropout acts in training only: predict_proba is the plain forward pass
    of the fitted weights (NumPy), with no unit dropped or rescaled."""
    Xtr, Xte, ytr, yte = digits
    kw = dict(hidden_layer_sizes=(64,), max_iter=20, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        plain = MLPClassifier(**kw).fit(Xtr, ytr)
        drop = MLPClassifier(dropout=0.3, **kw).fit(Xtr, ytr)
    assert not np.allclose(plain.loss_curve_, drop.loss_curve_)
    assert drop.score(Xte, yte) > 0.88
    H = np.maximum(Xte @ drop.coefs_[0] + drop.intercepts_[0], 0)
    Z = H @ drop.coefs_[1] + drop.intercepts_[1]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    # two GEMMs (k = 64) in float64: a difference of ~1e-13 at most; dropping or
    # rescaling 30% of the hidden units moves probabilities by ~0.1
    np.testing.assert_allclose(drop.predict_proba(Xte), P, rtol=0, atol=1e-10)


def test_class_weight_shifts_decisions():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(400, 2))
    y = (X[:, 0] + 0.5 * rng.normal(size=400) > 1.0).astype(int)  # ~16% positives
    kw = dict(hidden_layer_sizes=(8,), solver="lbfgs", random_state=0, max_iter=300)
    plain = MLPClassifier(**kw).fit(X, y)
    balanced = MLPClassifier(class_weight="balanced", **kw).fit(X, y)
    assert balanced.predict(X).mean() > plain.predict(X).mean() + 0.03
    heavy = MLPClassifier(class_weight={0: 1.0, 1: 10.0}, **kw).fit(X, y)
    assert heavy.predict(X).mean() > plain.predict(X).mean()
    with pytest.raises(ValueError, match="class_weight"):
        MLPClassifier(class_weight={0: 1.0, 7: 2.0}, **kw).fit(X, y)


def test_user_validation_set_and_val_loss_monitor(digits):
    Xtr, Xte, ytr, yte = digits
    clf = MLPClassifier((32,), max_iter=200, early_stopping=True, monitor="val_loss",
                        learning_rate_init=0.02, n_iter_no_change=3, random_state=0)
    clf.fit(Xtr, ytr, X_val=Xte, y_val=yte)
    assert clf.n_iter_ < 200
    assert len(clf.validation_loss_curve_) == clf.n_iter_ == len(clf.validation_scores_)
    best = int(np.argmin(clf.validation_loss_curve_))
    # training stops n_iter_no_change + 1 epochs after the best validation loss
    assert clf.n_iter_ - 1 - best <= 4
    # the best weights are restored: the final val loss is the best one
    from sklearn.metrics import log_loss
    assert log_loss(yte, clf.predict_proba(Xte)) == pytest.approx(
        clf.validation_loss_curve_[best], rel=1e-6)
    assert {"epoch", "loss", "val_loss", "val_score", "seconds"} <= set(clf.history_[0])


def test_validation_set_without_early_stopping_is_recorded(digits):
    Xtr, Xte, ytr, yte = digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((16,), max_iter=4, random_state=0).fit(Xtr, ytr, X_val=Xte, y_val=yte)
    assert len(clf.validation_scores_) == 4
    assert clf.validation_scores_[-1] == pytest.approx(clf.score(Xte, yte))


def _weights(est):
    return [w.copy() for w in est.coefs_ + est.intercepts_]


def test_restore_best_weights_on_training_loss(iris):
    """sgd at lr=3 oscillates: over 15 epochs the lowest training loss is at
    epoch 12. The restored weights are epoch 12's, bit for bit (a 12-epoch
    fit without restoring), not an alias of the still-changing weights."""
    X, y = iris
    kw = dict(hidden_layer_sizes=(10,), solver="sgd", learning_rate_init=3.0, momentum=0.0,
              random_state=0, tol=0.0, n_iter_no_change=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(max_iter=15, restore_best_weights=True, **kw).fit(X, y)
        last = MLPClassifier(max_iter=15, restore_best_weights=False, **kw).fit(X, y)
        best_epoch = int(np.argmin(clf.loss_curve_)) + 1
        assert best_epoch < clf.n_iter_ == 15  # the case this test is about
        at_best = MLPClassifier(max_iter=best_epoch, restore_best_weights=False, **kw).fit(X, y)
    assert clf.loss_curve_ == last.loss_curve_
    assert clf.best_loss_ == min(clf.loss_curve_)
    for w, w_best, w_last in zip(_weights(clf), _weights(at_best), _weights(last)):
        assert np.array_equal(w, w_best)
    assert not np.array_equal(clf.coefs_[0], last.coefs_[0])


def test_restore_best_weights_on_validation_score(iris):
    """The same with a validation set and the val_score monitor."""
    X, y = iris
    Xtr, Xval, ytr, yval = train_test_split(X, y, test_size=0.3, random_state=1, stratify=y)
    kw = dict(hidden_layer_sizes=(10,), solver="sgd", learning_rate_init=3.0, momentum=0.0,
              random_state=0, tol=0.0, n_iter_no_change=1000, max_iter=15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(restore_best_weights=True, **kw).fit(Xtr, ytr, X_val=Xval,
                                                                  y_val=yval)
        best_epoch = int(np.argmax(clf.validation_scores_)) + 1
        assert best_epoch < clf.n_iter_
        at_best = MLPClassifier(**{**kw, "max_iter": best_epoch}).fit(Xtr, ytr)
    for w, w_best in zip(_weights(clf), _weights(at_best)):
        assert np.array_equal(w, w_best)
    assert clf.score(Xval, yval) == max(clf.validation_scores_)


@pytest.mark.parametrize("early_stopping", [False, True])
@pytest.mark.parametrize("n_iter_no_change", [1, 4])
def test_patience_stops_at_the_same_epoch_as_sklearn(iris, early_stopping, n_iter_no_change):
    """With a huge tol no epoch counts as an improvement: the counter is 0
    after epoch 1 (the first best) and k - 1 after epoch k; training stops when
    it exceeds n_iter_no_change, after epoch n_iter_no_change + 2 exactly."""
    X, y = iris
    kw = dict(hidden_layer_sizes=(5,), random_state=0, max_iter=50, tol=1e9,
              n_iter_no_change=n_iter_no_change, early_stopping=early_stopping)
    ours = MLPClassifier(**kw).fit(X, y)
    ref = SKClassifier(**kw).fit(X, y)
    assert ours.n_iter_ == ref.n_iter_ == n_iter_no_change + 2


@pytest.mark.parametrize("target", ["multiclass", "binary"])
def test_early_stopping_split_like_sklearn(iris, target):
    """The internal validation split is scikit-learn's (the same rows from the
    same random stream, stratified for single-output targets): with full-batch
    sgd the training losses, validation scores and stopping epoch all equal
    scikit-learn's."""
    X, y = iris
    if target == "binary":
        y = (y == 1).astype(int)
    kw = dict(hidden_layer_sizes=(8,), solver="sgd", momentum=0.0, learning_rate_init=0.3,
              early_stopping=True, random_state=0, max_iter=300, n_iter_no_change=5)
    ours = MLPClassifier(**kw).fit(X, y)
    ref = SKClassifier(**kw).fit(X, y)
    assert ours.n_iter_ == ref.n_iter_
    assert ours.validation_scores_ == ref.validation_scores_
    assert ours.best_validation_score_ == ref.best_validation_score_
    # the training part is the same rows: same losses (to float rounding over
    # a few full-batch steps, as in the trajectory test)
    np.testing.assert_allclose(ours.loss_curve_, ref.loss_curve_, rtol=1e-6)


def test_verbose_prints_one_line_per_epoch(iris, capsys):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        MLPClassifier((5,), max_iter=3, verbose=True, random_state=0).fit(X, y)
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("Epoch")]
    assert len(lines) == 3
    assert lines[0].startswith("Epoch 1/3 - loss: ") and lines[0].endswith("s")


def test_zero_weight_minibatch_does_not_crash():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] > 0).astype(int)
    sw = np.ones(40)
    sw[:10] = 0.0  # the whole first minibatch (no shuffle) carries no weight
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((4,), batch_size=10, shuffle=False, max_iter=5, random_state=0)
        clf.fit(X, y, sample_weight=sw)
    assert np.isfinite(clf.loss_curve_).all()
    # the sample weights matter: weighting differs from not weighting
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        other = clone(clf).fit(X, y)
    assert not np.allclose(other.coefs_[0], clf.coefs_[0])


def test_partial_fit_is_absent_for_lbfgs():
    assert not hasattr(MLPClassifier(solver="lbfgs"), "partial_fit")
    assert not hasattr(MLPRegressor(solver="lbfgs"), "partial_fit")
    assert hasattr(MLPClassifier(solver="adam"), "partial_fit")


def test_partial_fit_learns_and_rejects_unseen_labels(iris):
    X, y = iris
    clf = MLPClassifier((10,), learning_rate_init=0.05, random_state=0)
    for _ in range(50):
        clf.partial_fit(X, y, classes=[0, 1, 2])
    assert clf.n_iter_ == 50
    assert clf.score(X, y) > 0.85
    with pytest.raises(ValueError, match="classes"):
        clf.partial_fit(X[:5], np.array([0, 1, 2, 3, 3]))


def test_divergence_stops_with_warning_and_keeps_last_good_weights():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(100, 3)) * 1e3
    y = X @ np.array([1.0, 2.0, 3.0]) * 1e3
    reg = MLPRegressor(hidden_layer_sizes=(10,), solver="sgd", learning_rate_init=10.0, max_iter=50, random_state=0)
    with pytest.warns(DivergenceWarning, match="diverged"):
        reg.fit(X, y)
    assert all(np.isfinite(c).all() for c in reg.coefs_ + reg.intercepts_)
    assert np.isfinite(reg.predict(X[:3])).all()
    assert reg.n_iter_ < 50
    assert np.isfinite(reg.loss_curve_).all()


def test_pipeline_and_grid_search(iris):
    X, y = iris
    pipe = make_pipeline(StandardScaler(), MLPClassifier(max_iter=200, random_state=0))
    grid = GridSearchCV(pipe, {"mlpclassifier__hidden_layer_sizes": [(4,), (16,)],
                               "mlpclassifier__solver": ["adam", "lbfgs"]}, cv=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        grid.fit(X, y)
    assert grid.best_score_ > 0.9
    assert set(grid.cv_results_["param_mlpclassifier__solver"]) == {"adam", "lbfgs"}


def test_clone_keeps_every_setting():
    clf = MLPClassifier((3, 4), solver="nadam", dropout=0.25, class_weight="balanced",
                        monitor="val_loss", device="cpu", rho=0.7)
    assert clone(clf).get_params() == clf.get_params()


def test_pickle_round_trip_in_a_fresh_process(tmp_path, digits):
    Xtr, Xte, ytr, _ = digits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((20,), max_iter=10, random_state=0).fit(Xtr, ytr)
    path = tmp_path / "model.joblib"
    joblib.dump(clf, path)
    np.save(tmp_path / "X.npy", Xte)
    code = textwrap.dedent(f"""
        import joblib, numpy as np
        clf = joblib.load({str(path)!r})
        np.save({str(tmp_path / 'p.npy')!r}, clf.predict_proba(np.load({str(tmp_path / 'X.npy')!r})))
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    assert np.array_equal(np.load(tmp_path / "p.npy"), clf.predict_proba(Xte))
    clf2 = pickle.loads(pickle.dumps(clf))
    assert np.array_equal(clf2.predict(Xte), clf.predict(Xte))
    # a reloaded model keeps training (warm start rebuilds the flat vector)
    clf2.set_params(warm_start=True, max_iter=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf2.fit(Xtr, ytr)
    assert clf2.n_iter_ == 2  # this fit's iterations, as scikit-learn
    assert len(clf2.loss_curve_) == 12


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "X,match",
    [
        (np.array([[1.0, np.nan], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]), "NaN"),
        (np.array([[1.0, np.inf], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]), "infinity"),
        (np.array([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]), "string|float"),
        (np.empty((0, 2)), "0 sample"),
        (np.zeros((4, 2, 2)), "dim 3|3D|2D"),
    ],
)
@pytest.mark.parametrize("Est", [MLPClassifier, MLPRegressor])
def test_bad_X_raises_clear_error(Est, X, match):
    y = np.array([0, 1, 0, 1])[: len(X)]
    with pytest.raises((ValueError, TypeError), match=match):
        Est(max_iter=2).fit(X, y)


@pytest.mark.parametrize("sw,match", [([1.0, -1.0, 1.0, 1.0], "[Nn]egative"),
                                      ([1.0, np.nan, 1.0, 1.0], "NaN")])
def test_bad_sample_weight(sw, match):
    X = np.eye(4)
    with pytest.raises(ValueError, match=match):
        MLPClassifier(max_iter=2).fit(X, [0, 1, 0, 1], sample_weight=sw)


def test_wrong_n_features_at_predict(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier((3,), max_iter=2).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        clf.predict(X[:, :3])


@pytest.mark.parametrize(
    "params,exc,match",
    [
        ({"solver": "quickpropp"}, ValueError, "solver"),
        ({"activation": "sigmoid"}, ValueError, "activation"),
        ({"hidden_layer_sizes": (5, 0)}, ValueError, "hidden_layer_sizes"),
        ({"hidden_layer_sizes": (-3,)}, ValueError, "hidden_layer_sizes"),
        ({"hidden_layer_sizes": 5.5}, ValueError, "whole number"),
        ({"max_iter": 5.5}, ValueError, "whole number"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"batch_size": 2.5}, ValueError, "whole number"),
        ({"learning_rate_init": -1}, ValueError, "learning_rate_init"),
        ({"dropout": 1.0}, ValueError, "dropout"),
        ({"device": "tpu"}, ValueError, "device"),
        ({"monitor": "accuracy"}, ValueError, "monitor"),
    ],
)
def test_bad_parameters_raise_naming_the_parameter(iris, params, exc, match):
    X, y = iris
    with pytest.raises(exc, match=match):
        MLPClassifier(**params).fit(X, y)


def test_whole_number_floats_are_accepted(iris):
    X, y = iris
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(hidden_layer_sizes=5.0, max_iter=3.0, batch_size=16.0,
                            n_iter_no_change=2.0, random_state=0).fit(X, y)
        ref = MLPClassifier(hidden_layer_sizes=5, max_iter=3, batch_size=16,
                            n_iter_no_change=2, random_state=0).fit(X, y)
    assert clf.coefs_[0].shape == (4, 5)
    assert clf.n_iter_ == 3
    assert np.array_equal(clf.coefs_[0], ref.coefs_[0])


def test_validation_set_errors(iris):
    X, y = iris
    with pytest.raises(ValueError, match="together"):
        MLPClassifier(max_iter=2).fit(X, y, X_val=X)
    with pytest.raises(ValueError, match="features"):
        MLPClassifier(max_iter=2).fit(X, y, X_val=X[:, :2], y_val=y)
    with pytest.raises(ValueError, match="inconsistent"):
        MLPClassifier(max_iter=2).fit(X, y, X_val=X, y_val=y[:10])


def test_cuda_request_without_gpu_is_a_clear_error(iris, monkeypatch):
    from skneural import _backend

    monkeypatch.setattr(_backend, "cuda_unavailable_reason", lambda: "no GPU in this test")
    X, y = iris
    with pytest.raises(RuntimeError, match="device='cuda'.*no GPU"):
        MLPClassifier(device="cuda", max_iter=2).fit(X, y)
    assert _backend.resolve_device("auto") == "cpu"


# ---------------------------------------------------------------------------
# Divergence, warm starts, interrupts, validation labels
# ---------------------------------------------------------------------------
def _exploding_regression():
    X, y = make_regression(n_samples=200, n_features=5, noise=1.0, random_state=0)
    return X, y


def test_exploding_but_finite_loss_is_divergence():
    """lr=1e3: the loss grows to 1e231 while staying finite.  Training must stop
    at the explosion, warn, and keep weights whose loss is not exploded."""
    X, y = _exploding_regression()
    reg = MLPRegressor(solver="sgd", learning_rate_init=1e3, max_iter=20, random_state=0)
    with pytest.warns(DivergenceWarning, match="diverged"):
        reg.fit(X, y)
    assert reg.n_iter_ < 20
    P = reg.predict(X)
    assert np.isfinite(P).all()
    # the kept weights are no worse than the untrained network by more than
    # the divergence factor (the untrained loss is ~1.8e4 here): compare with
    # the untrained model's loss (max_iter=1 with lr tiny: ~ untrained)
    untrained = MLPRegressor(solver="sgd", learning_rate_init=1e-12, max_iter=1,
                             random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        untrained.fit(X, y)
    loss_kept = 0.5 * np.mean((P - y) ** 2)
    loss_untrained = 0.5 * np.mean((untrained.predict(X) - y) ** 2)
    assert loss_kept <= 1e6 * loss_untrained


def test_partial_fit_divergence_warns_and_keeps_good_weights():
    X, y = _exploding_regression()
    reg = MLPRegressor(solver="sgd", learning_rate_init=1e3, random_state=0)
    with pytest.warns(DivergenceWarning, match="diverged"):
        for _ in range(3):
            reg.partial_fit(X, y)
    P = reg.predict(X)
    assert np.isfinite(P).all()
    assert 0.5 * np.mean((P - y) ** 2) < 1e6 * 0.5 * np.mean(y ** 2 + 1.0)
    assert max(reg.loss_curve_) < 1e6 * 0.5 * np.mean(y ** 2 + 1.0)


def test_tiny_losses_never_trip_the_divergence_guard():
    """Targets of size 1e-4 and a network started near zero: the untrained loss
    is ~3e-9, and Adam's first steps (of size learning_rate_init, whatever the
    gradient's scale) move the outputs far more than the targets: the loss
    rises ~4e7-fold to ~1e-4 and stays bounded. That is not divergence (the
    guard floors the untrained loss at 1; without the floor this trips)."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 4))
    y = 1e-4 * np.tanh(X[:, 0])
    reg = MLPRegressor(hidden_layer_sizes=(200,), learning_rate_init=0.1, max_iter=15,
                       random_state=0, init_range=(-1e-4, 1e-4), tol=0.0,
                       n_iter_no_change=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("error", DivergenceWarning)
        reg.fit(X, y)
    assert reg.n_iter_ == 15
    # the rise happened: the untrained outputs are ~0, so its loss is ~mean(y^2)/2
    assert max(reg.loss_curve_) > 1e6 * 0.5 * np.mean(y ** 2)
    assert max(reg.loss_curve_) < 1.0


def test_warm_start_counts_iterations_per_fit_like_sklearn(iris):
    X, y = iris
    kw = dict(hidden_layer_sizes=(5,), max_iter=3, warm_start=True, random_state=0,
              solver="sgd", tol=0.0, n_iter_no_change=1000)
    for ours, ref in ((MLPClassifier(**kw), SKClassifier(**kw)),
                      (MLPRegressor(**kw), SKRegressor(**kw))):
        target = y if isinstance(ours, MLPClassifier) else X[:, 0]
        for call in range(2):
            with warnings.catch_warnings(record=True) as w_ours:
                warnings.simplefilter("always")
                ours.fit(X, target)
            with warnings.catch_warnings(record=True) as w_ref:
                warnings.simplefilter("always")
                ref.fit(X, target)
            assert ours.n_iter_ == ref.n_iter_ == 3, call
            assert ours.t_ == ref.t_ == 3 * X.shape[0] * (call + 1)
            assert len(ours.loss_curve_) == len(ref.loss_curve_) == 3 * (call + 1)
            for log in (w_ours, w_ref):
                assert [issubclass(w.category, ConvergenceWarning) and
                        "Maximum iterations" in str(w.message) for w in log].count(True) == 1


def test_warm_starts_do_not_replay_shuffles_and_dropout(iris):
    """n_iter_ restarts at every warm fit, but the shuffle and dropout streams
    must not: a later warm fit from the same weights takes different batches."""
    X, y = iris
    clf = MLPClassifier((6,), solver="sgd", momentum=0.0, max_iter=1, warm_start=True,
                        random_state=0, batch_size=16, dropout=0.2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
        start = [c.copy() for c in clf.coefs_], [b.copy() for b in clf.intercepts_]
        clf.fit(X, y)
        second = [c.copy() for c in clf.coefs_]
        clf.coefs_, clf.intercepts_ = [c.copy() for c in start[0]], [b.copy() for b in start[1]]
        clf.fit(X, y)  # same start weights, same seed, same n_iter_ as the second fit
    assert clf.n_iter_ == 1
    assert not np.array_equal(clf.coefs_[0], second[0])


def test_y_val_with_unknown_labels_is_a_clear_error(iris):
    X, y = iris
    y_val = y.copy()
    y_val[:3] = 7
    with pytest.raises(ValueError, match=r"y_val.*7"):
        MLPClassifier((3,), max_iter=2).fit(X, y, X_val=X, y_val=y_val)
    ys = np.array(["a", "b", "c"])[y]
    with pytest.raises(ValueError, match="y_val"):
        MLPClassifier((3,), max_iter=2).fit(X, ys, X_val=X, y_val=y)
    Y = np.column_stack([y == 0, y == 1]).astype(int)
    with pytest.raises(ValueError, match="y_val"):
        MLPClassifier((3,), max_iter=2).fit(X, Y, X_val=X, y_val=np.column_stack([Y, Y]))


def test_concurrent_predictions_keep_their_own_buffers():
    """Small predictions reuse per-thread buffers: threads predicting at once
    each get their own answers."""
    import threading

    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 6))
    y = (X[:, 0] > 0).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = MLPClassifier((16, 8), max_iter=20, random_state=0).fit(X, y)
    rows = [X[i: i + 3] for i in range(0, 300, 3)]
    expected = [clf.predict_proba(r) for r in rows]
    got = {}
    barrier = threading.Barrier(4)

    def worker(k):
        barrier.wait()
        got[k] = [clf.predict_proba(r) for r in rows[k::4] * 60]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        want = expected[k::4] * 60
        for a, b in zip(got[k], want):
            np.testing.assert_array_equal(a, b)
