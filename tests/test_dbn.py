"""Deep belief networks: sklearn checks, pre-training wiring, semi-supervised rows, accuracy."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.utils.estimator_checks import (
    check_sample_weight_equivalence_on_dense_data,
    check_sample_weight_equivalence_on_sparse_data,
    parametrize_with_checks,
)

from skneural._dbn import DBNClassifier, DBNRegressor
from skneural._rbm import BernoulliRBM

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

_SW_REASON = (
    "RBM pre-training is stochastic minibatch CD: the check shuffles the weighted rows and "
    "compares outputs to rtol=1e-7, and no weighting of CD makes 15 shuffled weighted rows "
    "draw the same minibatches and Gibbs samples as the repeated rows. The fine-tuning's "
    "weighting is checked by test_sample_weight_equivalence_of_the_finetuning."
)
_XFAIL = {
    "check_sample_weight_equivalence_on_dense_data": _SW_REASON,
    "check_sample_weight_equivalence_on_sparse_data": _SW_REASON,
}
_XFAIL_SEMI = {
    **_XFAIL,
    # sklearn exempts its own semi-supervised classifiers from this check by name
    # (estimator_checks._choose_check_classifiers_labels): -1 means "unlabelled".
    "check_classifiers_classes": "labels {-1, 1}: -1 marks unlabelled rows (unlabeled=-1)",
}


def _expected_failed(est):
    if isinstance(est, DBNClassifier) and est.unlabeled is not None:
        return _XFAIL_SEMI
    return _XFAIL


_SMALL = dict(hidden_layer_sizes=(8,), rbm_n_iter=2, max_iter=100, learning_rate_init=0.01,
              random_state=0)


# the plain DBNClassifier and DBNRegressor run in tests/test_sklearn_checks.py
@parametrize_with_checks(
    [DBNClassifier(**_SMALL, unlabeled=-1)],
    expected_failed_checks=_expected_failed,
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.mark.parametrize("Est", [DBNClassifier, DBNRegressor])
@pytest.mark.parametrize("check", [check_sample_weight_equivalence_on_dense_data,
                                   check_sample_weight_equivalence_on_sparse_data])
def test_sample_weight_equivalence_of_the_finetuning(Est, check):
    """sklearn's check with pre-training made deterministic (zero RBM epochs: the
    RBM weights are their seeded initialisation, whatever the rows) and a full-batch
    solver, as sklearn runs it for its MLPClassifier (solver='lbfgs'): what is left
    is the fine-tuning, whose weighted loss must equal the loss on repeated rows."""
    check(Est.__name__, Est(**{**_SMALL, "rbm_n_iter": 0, "solver": "lbfgs"}))


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    return train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


@pytest.fixture(scope="module")
def digits_semi(digits):
    """Training split with 10% of the labels kept, -1 elsewhere."""
    Xtr, Xte, ytr, yte = digits
    rng = np.random.RandomState(0)
    labelled = np.zeros(len(ytr), dtype=bool)
    labelled[rng.choice(len(ytr), len(ytr) // 10, replace=False)] = True
    return Xtr, np.where(labelled, ytr, -1), labelled, Xte, yte


# ---------------------------------------------------------------------------
# pre-training initialises the fine-tuned network
# ---------------------------------------------------------------------------
def test_rbm_weights_initialise_the_mlp(digits):
    Xtr, _, ytr, _ = digits
    X, y = Xtr[:300], ytr[:300]
    clf = DBNClassifier((16, 12), rbm_n_iter=3, solver="sgd", learning_rate_init=1e-12,
                        momentum=0.0, max_iter=1, random_state=0).fit(X, y)
    assert len(clf.rbms_) == 2
    assert clf.rbms_[0].components_.shape == (16, 64)
    assert clf.rbms_[1].components_.shape == (12, 16)
    for i, rbm in enumerate(clf.rbms_):
        np.testing.assert_array_equal(clf.init_coefs_[i], rbm.components_.T)
        np.testing.assert_array_equal(clf.init_intercepts_[i], rbm.intercept_hidden_)
        # one sgd epoch with a negligible learning rate leaves them in place
        np.testing.assert_allclose(clf.coefs_[i], rbm.components_.T, atol=1e-9)
        np.testing.assert_allclose(clf.intercepts_[i], rbm.intercept_hidden_, atol=1e-9)
    # the output layer comes from the MLP's own initialisation
    assert clf.coefs_[-1].shape == (12, 10)
    assert clf.mlp_.activation == "logistic"
    assert clf.mlp_.hidden_layer_sizes == (16, 12)
    # the second RBM was trained on the first one's hidden probabilities
    assert clf.rbms_[1].n_features_in_ == 16
    # the hook does not linger on the fitted network
    assert not hasattr(clf.mlp_, "_initial_layers")


def test_pretrain_false_skips_rbms(digits):
    Xtr, _, ytr, _ = digits
    clf = DBNClassifier((8,), pretrain=False, max_iter=5, random_state=0).fit(Xtr, ytr)
    assert clf.rbms_ == [] and clf.init_coefs_ == [] and clf.visible_unit_ is None
    assert clf.n_samples_pretrain_ == 0


def test_reproducible_bit_for_bit(digits):
    Xtr, Xte, ytr, _ = digits
    kw = dict(hidden_layer_sizes=(16, 8), rbm_n_iter=2, max_iter=10, dropout=0.1,
              random_state=3)
    a = DBNClassifier(**kw).fit(Xtr, ytr)
    b = DBNClassifier(**kw).fit(Xtr, ytr)
    for ca, cb in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
        np.testing.assert_array_equal(ca, cb)
    np.testing.assert_array_equal(a.predict_proba(Xte), b.predict_proba(Xte))
    c = DBNClassifier(**{**kw, "random_state": 4}).fit(Xtr, ytr)
    assert not np.array_equal(a.coefs_[0], c.coefs_[0])


# ---------------------------------------------------------------------------
# parameters survive clone / GridSearchCV
# ---------------------------------------------------------------------------
_NON_DEFAULT = dict(
    hidden_layer_sizes=(7, 5), pretrain=True, visible_unit="bernoulli",
    rbm_learning_rate=0.03, rbm_n_iter=3, rbm_batch_size=7, rbm_k=2, rbm_persistent=True,
    rbm_momentum=0.2, rbm_weight_decay=1e-3, solver="rmsprop", alpha=1e-3, batch_size=32,
    learning_rate_init=0.005, max_iter=7, tol=1e-3, early_stopping=True,
    validation_fraction=0.2, n_iter_no_change=3, dropout=0.1, random_state=5,
)


@pytest.mark.parametrize("Est", [DBNClassifier, DBNRegressor])
def test_clone_keeps_every_setting(Est):
    est = Est(**_NON_DEFAULT)
    assert clone(est).get_params() == est.get_params()
    assert "activation" not in est.get_params()


def test_settings_reach_the_rbms_and_the_mlp(digits):
    Xtr, _, ytr, _ = digits
    clf = clone(DBNClassifier(**_NON_DEFAULT)).fit(Xtr[:300], ytr[:300])
    rbm = clf.rbms_[0]
    assert (rbm.learning_rate, rbm.n_iter, rbm.batch_size, rbm.k, rbm.persistent,
            rbm.momentum, rbm.weight_decay, rbm.visible_unit) == (
        0.03, 3, 7, 2, True, 0.2, 1e-3, "bernoulli")
    mlp = clf.mlp_
    assert (mlp.solver, mlp.alpha, mlp.batch_size, mlp.learning_rate_init, mlp.max_iter,
            mlp.early_stopping, mlp.validation_fraction, mlp.dropout) == (
        "rmsprop", 1e-3, 32, 0.005, 7, True, 0.2, 0.1)
    assert mlp.validation_scores_  # early stopping used its split


def test_grid_search_trains_the_grid(digits):
    Xtr, _, ytr, _ = digits
    grid = GridSearchCV(
        DBNClassifier((8,), rbm_n_iter=1, max_iter=20, learning_rate_init=0.01, random_state=0),
        {"rbm_learning_rate": [0.01, 0.1], "alpha": [1e-4, 1e-2]}, cv=2,
    ).fit(Xtr[:300], ytr[:300])
    best = grid.best_estimator_
    assert best.rbms_[0].learning_rate == best.rbm_learning_rate
    assert best.mlp_.alpha == best.alpha
    assert best.mlp_.max_iter == 20 and best.rbms_[0].n_iter == 1


# ---------------------------------------------------------------------------
# semi-supervised: unlabelled rows pre-train only
# ---------------------------------------------------------------------------
def test_unlabelled_rows_pretrain_only(digits_semi, monkeypatch):
    Xtr, ysemi, labelled, _, _ = digits_semi
    seen = []
    original = BernoulliRBM.fit

    def recording_fit(self, X, y=None):
        seen.append(np.asarray(X).shape[0])
        return original(self, X, y)

    monkeypatch.setattr(BernoulliRBM, "fit", recording_fit)
    clf = DBNClassifier((16, 8), rbm_n_iter=1, solver="sgd", max_iter=1, unlabeled=-1,
                        random_state=0).fit(Xtr, ysemi)
    assert seen == [len(Xtr), len(Xtr)]  # every RBM saw every row
    assert clf.n_samples_pretrain_ == len(Xtr)
    assert clf.n_samples_finetune_ == labelled.sum()
    assert clf.mlp_.t_ == labelled.sum()  # one epoch over the labelled rows only
    assert -1 not in clf.classes_
    np.testing.assert_array_equal(clf.classes_, np.arange(10))


def test_regressor_nan_targets_are_unlabelled():
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(200, 5))
    y = X @ np.arange(1.0, 6.0)
    y[150:] = np.nan
    reg = DBNRegressor(hidden_layer_sizes=(8,), rbm_n_iter=1, solver="lbfgs", max_iter=200,
                       random_state=0).fit(X, y)
    assert reg.n_samples_pretrain_ == 200 and reg.n_samples_finetune_ == 150
    assert reg.score(X[:150], y[:150]) > 0.9
    Y = np.column_stack([y, y])
    assert DBNRegressor(hidden_layer_sizes=(8,), rbm_n_iter=1, max_iter=5).fit(X, Y).n_samples_finetune_ == 150
    Y[0, 1] = np.nan
    with pytest.raises(ValueError, match="some outputs NaN"):
        DBNRegressor(hidden_layer_sizes=(8,), rbm_n_iter=1, max_iter=5).fit(X, Y)
    with pytest.raises(ValueError, match="infinity"):
        DBNRegressor(hidden_layer_sizes=(8,)).fit(X, np.where(np.isnan(y), np.inf, y))


def test_no_labelled_rows_is_a_clear_error():
    X = np.random.RandomState(0).uniform(size=(20, 3))
    with pytest.raises(ValueError, match="no labelled rows.*unlabeled"):
        DBNClassifier((4,), unlabeled=-1).fit(X, -np.ones(20, dtype=int))
    with pytest.raises(ValueError, match="no labelled rows"):
        DBNClassifier((4,), unlabeled="?").fit(X, np.full(20, "?", dtype=object))
    with pytest.raises(ValueError, match="no labelled rows"):
        DBNRegressor(hidden_layer_sizes=(4,)).fit(X, np.full(20, np.nan))


_TINY = dict(hidden_layer_sizes=(4,), rbm_n_iter=1, max_iter=5, random_state=0)


def _three_classes():
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(60, 3))
    y = np.digitize(X[:, 0], [1 / 3, 2 / 3]) - 1  # -1, 0, 1
    return X, y


def test_minus_one_is_a_real_class_by_default():
    """Semi-supervised use is opt-in: by default -1 is a class like any other."""
    X, y = _three_classes()
    clf = DBNClassifier(**_TINY).fit(X, y)
    np.testing.assert_array_equal(clf.classes_, [-1, 0, 1])
    assert clf.n_samples_finetune_ == clf.n_samples_pretrain_ == 60
    # {-1, 1} labels (SVM style) are an ordinary binary problem, so cross-validation works
    y2 = np.where(y > 0, 1, -1)
    scores = cross_val_score(DBNClassifier(**_TINY), X, y2, cv=3, error_score="raise")
    assert scores.shape == (3,)
    np.testing.assert_array_equal(DBNClassifier(**_TINY).fit(X, y2).classes_, [-1, 1])


def test_string_and_integer_labels_are_treated_alike():
    X, y = _three_classes()
    ys = y.astype(str)                       # "-1", "0", "1"
    a = DBNClassifier(**_TINY).fit(X, y)
    b = DBNClassifier(**_TINY).fit(X, ys)
    np.testing.assert_array_equal(b.classes_, ["-1", "0", "1"])
    for ca, cb in zip(a.coefs_, b.coefs_):
        np.testing.assert_array_equal(ca, cb)
    # with a marker, every spelling of it marks the same rows: ints, strings, objects
    n_unlabelled = int((y == -1).sum())
    ref = DBNClassifier(**_TINY, unlabeled=-1).fit(X, y)
    assert ref.n_samples_finetune_ == 60 - n_unlabelled and list(ref.classes_) == [0, 1]
    # (an object array of numbers is not a valid target for sklearn classifiers)
    for marker, labels in [(-1, ys), ("-1", y), ("-1", ys), (-1, ys.astype(object)),
                           ("-1", ys.astype(object)), (-1, y.astype(float)),
                           ("-1", y.astype(float))]:
        clf = DBNClassifier(**_TINY, unlabeled=marker).fit(X, labels)
        assert clf.n_samples_finetune_ == 60 - n_unlabelled, (marker, labels.dtype)
        assert [float(c) for c in clf.classes_] == [0.0, 1.0], clf.classes_
        np.testing.assert_array_equal(clf.coefs_[0], ref.coefs_[0])


def test_unlabeled_marker_leaving_one_class_is_an_error():
    X, y = _three_classes()
    y2 = np.where(y > 0, 1, -1)
    with pytest.raises(ValueError, match="only the class 1 is left.*unlabeled=None"):
        DBNClassifier(**_TINY, unlabeled=-1).fit(X, y2)


def test_unlabeled_marker_in_a_multilabel_target_is_an_error():
    X, y = _three_classes()
    Y = np.column_stack([y > 0, y < 0]).astype(int)
    assert DBNClassifier(**_TINY, unlabeled=-1).fit(X, Y).n_samples_finetune_ == 60
    with pytest.raises(ValueError, match="unlabeled=0.*multilabel"):
        DBNClassifier(**_TINY, unlabeled=0).fit(X, Y)


def test_string_marker_and_string_labels():
    X, y = _three_classes()
    ys = np.where(y > 0, "yes", "no").astype(object)
    ys[:10] = "?"
    clf = DBNClassifier(**_TINY, unlabeled="?").fit(X, ys)
    assert clf.n_samples_finetune_ == 50 and set(clf.classes_) == {"no", "yes"}
    # without the marker "?" is a third class
    assert set(DBNClassifier(**_TINY).fit(X, ys).classes_) == {"?", "no", "yes"}


def test_y_val_with_unknown_labels_is_rejected():
    X, y = _three_classes()
    clf = DBNClassifier(**_TINY)
    with pytest.raises(ValueError, match=r"y_val.*\b7\b"):
        clf.fit(X, y, X_val=X[:5], y_val=[0, 1, 7, 0, 1])
    with pytest.raises(ValueError, match="y_val.*'1'"):
        clf.fit(X, y, X_val=X[:3], y_val=["1", "0", "1"])   # strings, y has ints
    # the unlabeled marker is not a class either
    with pytest.raises(ValueError, match=r"y_val.*-1"):
        DBNClassifier(**_TINY, unlabeled=-1).fit(X, y, X_val=X[:3], y_val=[0, -1, 1])
    with pytest.raises(ValueError, match="y_val must be 1-D"):
        clf.fit(X, y, X_val=X[:3], y_val=np.eye(3, dtype=int))
    # known labels are fine and scored
    clf.fit(X, y, X_val=X[:6], y_val=y[:6])
    assert len(clf.mlp_.validation_scores_) == clf.n_iter_


@pytest.mark.parametrize("Est", [DBNClassifier, DBNRegressor])
@pytest.mark.parametrize("sizes", [(), []])
def test_no_hidden_layer_is_a_clear_error(Est, sizes):
    X = np.random.RandomState(0).uniform(size=(20, 3))
    y = np.arange(20) % 2
    with pytest.raises(ValueError, match="hidden_layer_sizes.*at least one hidden layer"):
        Est(hidden_layer_sizes=sizes).fit(X, y)


# ---------------------------------------------------------------------------
# fine-tuning goes through the MLP: validation set, callbacks, transform
# ---------------------------------------------------------------------------
def test_validation_set_and_callbacks_reach_the_mlp(digits):
    Xtr, Xte, ytr, yte = digits

    class StopAfter:
        def __init__(self, n):
            self.n, self.epochs = n, 0

        def setup(self, estimator, context):
            pass

        def teardown(self, estimator, context):
            pass

        def on_fit_task_begin(self, estimator, context):
            pass

        def on_fit_task_end(self, estimator, context, **kwargs):
            if context.task_name == "epoch":
                self.epochs += 1
                return self.epochs >= self.n
            return False

    cb = StopAfter(3)
    clf = DBNClassifier((8,), rbm_n_iter=1, max_iter=50, random_state=0)
    clf.set_callbacks(cb).fit(Xtr, ytr, X_val=Xte, y_val=yte)
    assert clf.n_iter_ == 3 and len(clf.loss_curve_) == 3
    assert len(clf.mlp_.validation_scores_) == 3


def test_transform_is_top_hidden_layer(digits):
    Xtr, Xte, ytr, _ = digits
    clf = DBNClassifier((12, 6), rbm_n_iter=1, max_iter=5, random_state=0).fit(Xtr, ytr)
    H = clf.transform(Xte)
    assert H.shape == (len(Xte), 6)
    h = Xte
    for W, b in zip(clf.coefs_[:-1], clf.intercepts_[:-1]):
        h = 1 / (1 + np.exp(-(h @ W + b)))
    np.testing.assert_allclose(H, h)
    assert list(clf.get_feature_names_out()) == ["dbnclassifier%d" % i for i in range(6)]


def test_pickle_and_float32(digits):
    Xtr, Xte, ytr, _ = digits
    clf = DBNClassifier((8,), rbm_n_iter=1, max_iter=5, random_state=0)
    clf.fit(Xtr.astype(np.float32), ytr)
    assert clf.coefs_[0].dtype == np.float32 and clf.rbms_[0].components_.dtype == np.float32
    clf2 = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(clf.predict_proba(Xte), clf2.predict_proba(Xte))


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------
def test_visible_units_and_data_range():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] > 0).astype(int)
    with pytest.raises(ValueError, match="MinMaxScaler"):
        DBNClassifier((4,), visible_unit="bernoulli").fit(X, y)
    clf = DBNClassifier((4,), rbm_n_iter=1, max_iter=5).fit(X, y)
    assert clf.visible_unit_ == "gaussian" and clf.rbms_[0].visible_unit == "gaussian"
    assert clf.rbms_[0].visible_unit == "gaussian"
    Xu = rng.uniform(size=(40, 3))
    assert DBNClassifier((4,), rbm_n_iter=1, max_iter=5).fit(Xu, y).visible_unit_ == "bernoulli"
    # without pre-training any range is fine
    DBNClassifier((4,), visible_unit="bernoulli", pretrain=False, max_iter=5).fit(X, y)


@pytest.mark.parametrize(
    "params, err",
    [
        ({"rbm_n_iter": 2.5}, ValueError),
        ({"rbm_batch_size": 0}, ValueError),
        ({"hidden_layer_sizes": (8, 0)}, ValueError),
        ({"hidden_layer_sizes": "8"}, TypeError),
        ({"visible_unit": "binary"}, ValueError),
        ({"solver": "newton"}, ValueError),
        ({"rbm_learning_rate": 0.0}, ValueError),
        ({"unlabeled": 1.5}, ValueError),
    ],
)
def test_bad_parameters(params, err):
    X = np.random.RandomState(0).uniform(size=(20, 3))
    y = np.arange(20) % 2
    with pytest.raises(err):
        DBNClassifier(**params).fit(X, y)


def test_whole_number_floats_accepted():
    X = np.random.RandomState(0).uniform(size=(20, 3))
    y = np.arange(20) % 2
    clf = DBNClassifier((4.0,), rbm_n_iter=2.0, rbm_batch_size=5.0, rbm_k=1.0,
                        max_iter=3.0).fit(X, y)
    assert clf.rbms_[0].n_iter == 2 and clf.rbms_[0].n_components == 4


# ---------------------------------------------------------------------------
# accuracy on digits
# ---------------------------------------------------------------------------
def test_digits_far_above_chance(digits):
    Xtr, Xte, ytr, yte = digits
    clf = DBNClassifier((64,), rbm_n_iter=5, learning_rate_init=0.01, max_iter=100,
                        random_state=0).fit(Xtr, ytr)
    assert clf.score(Xte, yte) > 0.93  # chance is 0.1; measured 0.96


def test_semi_supervised_pretraining_helps(digits):
    """10% labelled: the RBMs pre-trained on every row make the fine-tuned network better.

    For each seed (which also redraws the labelled 10%), three networks of the same
    architecture are fine-tuned on the labelled rows only:
      dbn   pre-trained on all the training rows (labels -1 elsewhere, unlabeled=-1),
      none  no pre-training,
      lab   pre-trained on the labelled rows only.
    If the pre-trained weights did not reach the fine-tuning, all three would be the
    same network (the fine-tuning seed is drawn first) and both differences below 0;
    if the unlabelled rows were dropped from pre-training, dbn would equal lab.

    Test accuracy on the 450 test rows (1 row = 0.0022), measured for seeds 0-7:

    ====  ======  ======  ======  ========  ========
    seed  dbn     none    lab     dbn-none  dbn-lab
    ====  ======  ======  ======  ========  ========
    0     0.9111  0.8867  0.8689  +0.0244   +0.0422
    1     0.9244  0.9133  0.8867  +0.0111   +0.0378
    2     0.8756  0.8644  0.8289  +0.0111   +0.0467
    3     0.8778  0.8533  0.8222  +0.0244   +0.0556
    4     0.9022  0.8978  0.8467  +0.0044   +0.0556
    5     0.8822  0.8578  0.8356  +0.0244   +0.0467
    6     0.8911  0.8800  0.8489  +0.0111   +0.0422
    7     0.9222  0.8778  0.8511  +0.0444   +0.0711
    ====  ======  ======  ======  ========  ========

    dbn-none: mean 0.019, sd 0.013 (min 0.004): asserted on the mean of seeds 0-3,
    > 0.005, i.e. 2.2 standard errors of a 4-seed mean (0.0064) below 0.019.
    dbn-lab: mean 0.050, sd 0.011 (min 0.038): asserted for every seed, > 0.02,
    2.7 sd below the mean. Seeds 4-7 only size the margins (time: ~20 s for four).
    """
    Xtr, Xte, ytr, yte = digits
    kw = dict(hidden_layer_sizes=(64, 64), rbm_n_iter=20, learning_rate_init=0.01,
              max_iter=300)
    gain_over_none, gain_over_lab = [], []
    for seed in range(4):
        rng = np.random.RandomState(seed)
        labelled = np.zeros(len(ytr), dtype=bool)
        labelled[rng.choice(len(ytr), len(ytr) // 10, replace=False)] = True
        ysemi = np.where(labelled, ytr, -1)
        dbn = DBNClassifier(**kw, unlabeled=-1, random_state=seed).fit(Xtr, ysemi)
        assert dbn.n_samples_finetune_ == labelled.sum()
        none = DBNClassifier(**kw, pretrain=False, random_state=seed).fit(
            Xtr[labelled], ytr[labelled])
        lab = DBNClassifier(**kw, random_state=seed).fit(Xtr[labelled], ytr[labelled])
        acc = [m.score(Xte, yte) for m in (dbn, none, lab)]
        gain_over_none.append(acc[0] - acc[1])
        gain_over_lab.append(acc[0] - acc[2])
    assert np.mean(gain_over_none) > 0.005, gain_over_none
    assert min(gain_over_lab) > 0.02, gain_over_lab


def test_docstring_examples():
    import doctest

    import skneural._dbn

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        result = doctest.testmod(skneural._dbn, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_gaussian_first_layer_uses_its_own_learning_rate_and_trains():
    """Standardised data picks Gaussian units, which diverge at the Bernoulli rate."""
    from sklearn.datasets import load_iris
    from sklearn.preprocessing import StandardScaler

    from skneural import DivergenceWarning

    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DivergenceWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        dbn = DBNClassifier((32,), learning_rate_init=0.01, max_iter=200,
                            random_state=0).fit(X, y)
    assert dbn.visible_unit_ == "gaussian"
    assert dbn.rbms_[0].learning_rate == dbn.rbm_gaussian_learning_rate == 0.01
    assert np.abs(dbn.rbms_[0].components_).max() < 10
    assert dbn.loss_curve_[0] < 2 and dbn.loss_curve_[-1] < dbn.loss_curve_[0]
    assert dbn.score(X, y) > 0.9
    # at the Bernoulli rate the RBM stops with a warning instead of poisoning the net
    with pytest.warns(DivergenceWarning):
        DBNClassifier((100,), rbm_gaussian_learning_rate=0.1, max_iter=5,
                      random_state=0).fit(X, y)


def test_ctrl_c_during_pretraining_aborts_the_fit(monkeypatch):
    """Ctrl-C in an RBM epoch stops that RBM (weights of its last recorded epoch)
    and, inside a DBN, aborts the fit instead of moving on to the next layer."""
    from sklearn.datasets import load_digits

    from skneural import BernoulliRBM

    X = load_digits().data[:200] / 16.0
    original = BernoulliRBM._run_epoch
    calls = {"n": 0}

    def interrupt_on_third(self, *args, **kwargs):
        calls["n"] += 1
        original(self, *args, **kwargs)
        if calls["n"] == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(BernoulliRBM, "_run_epoch", interrupt_on_third)
    rbm = BernoulliRBM(n_components=8, n_iter=5, random_state=0)
    with pytest.warns(UserWarning, match="interrupted"):
        rbm.fit(X)
    assert rbm.interrupted_ and len(rbm.history_) == 2
    # the third epoch ran but was not recorded: its update was undone
    ref = BernoulliRBM(n_components=8, n_iter=2, random_state=0)
    monkeypatch.setattr(BernoulliRBM, "_run_epoch", original)
    ref.fit(X)
    np.testing.assert_array_equal(rbm.components_, ref.components_)

    calls["n"] = 0
    monkeypatch.setattr(BernoulliRBM, "_run_epoch", interrupt_on_third)
    with pytest.warns(UserWarning, match="interrupted"):
        with pytest.raises(KeyboardInterrupt, match="pre-training of layer 1"):
            DBNClassifier((8, 8), rbm_n_iter=5, max_iter=3, random_state=0).fit(
                X, load_digits().target[:200])
