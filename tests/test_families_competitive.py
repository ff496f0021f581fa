"""Competitive-learning families: SelfOrganizingMap, DLVQClassifier, ART1, ART2, ARTMAPClassifier.

Layers: scikit-learn's checks; Pipeline / GridSearchCV / pickle; each epoch
kernel against a plain NumPy re-implementation of the documented rule
(written here, vectorised, independently of the kernels); determinism;
behaviour the SNNS manual promises; RSNNS's functions and their errors.
"""

import doctest
import pickle

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Binarizer, MinMaxScaler, StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import skneural
from skneural import ART1, ART2, ARTMAPClassifier, DLVQClassifier, SelfOrganizingMap
from skneural import _art, _lvq, _som
from skneural import _rsnns_families_a as families
from skneural._kernels import art as art_kernels
from skneural._kernels import lvq as lvq_kernels
from skneural._kernels import som as som_kernels

# ---------------------------------------------------------------------------
# scikit-learn's checks
# ---------------------------------------------------------------------------
CHECKED = [
    SelfOrganizingMap(map_x=3, map_y=3, max_iter=5, random_state=0),
    DLVQClassifier(random_state=0),
    ART1(max_iter=5, random_state=0),
    ART2(max_iter=5, random_state=0),
    ARTMAPClassifier(max_iter=5, random_state=0),
]

_NOT_BINARY = ("ART1 and ARTMAP take binary (0/1) input only (SNNS's ART1 compares binary "
               "patterns by AND and counts); this check feeds real-valued data, which they "
               "reject with a ValueError saying so")
# checks that feed real-valued X to fit: meaningless for a binary-only estimator
_REAL_VALUED_FIT_CHECKS = (
    "check_fit_score_takes_y", "check_estimators_overwrite_params",
    "check_dont_overwrite_parameters", "check_estimators_fit_returns_self",
    "check_readonly_memmap_input", "check_n_features_in_after_fitting",
    "check_estimators_dtypes", "check_dtype_object", "check_pipeline_consistency",
    "check_estimators_nan_inf", "check_estimators_pickle", "check_f_contiguous_array_estimator",
    "check_non_transformer_estimators_n_iter", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance", "check_fit2d_1sample", "check_fit2d_1feature",
    "check_dict_unchanged", "check_fit_idempotent", "check_fit_check_is_fitted",
    "check_n_features_in", "check_fit2d_predict1d", "check_positive_only_tag_during_fit",
)
EXPECTED_FAILURES = {
    "SelfOrganizingMap": {
        "check_clustering": "labels are the winning units' numbers; units that win no pattern "
                            "leave gaps, so the labels are not the consecutive 0..k-1 the check "
                            "wants (a map is not a partition into k clusters)",
    },
    "ART1": {**{name: _NOT_BINARY for name in _REAL_VALUED_FIT_CHECKS},
             "check_clustering": _NOT_BINARY},
    "ARTMAPClassifier": {
        **{name: _NOT_BINARY for name in _REAL_VALUED_FIT_CHECKS},
        **{name: _NOT_BINARY for name in (
            "check_classifier_data_not_an_array", "check_classifiers_one_label",
            "check_classifiers_classes", "check_classifiers_train", "check_supervised_y_2d")},
    },
}


def _expected_failed_checks(estimator):
    return EXPECTED_FAILURES.get(type(estimator).__name__, {})


@parametrize_with_checks(CHECKED, expected_failed_checks=_expected_failed_checks,
                         xfail_strict=True)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


# the binary-only estimators on binary data: what the skipped checks would have covered
def _binary_data(n=40, d=12, seed=0):
    rng = np.random.RandomState(seed)
    X = (rng.uniform(size=(n, d)) < 0.35).astype(np.float64)
    X[X.sum(axis=1) == 0, 0] = 1.0  # no all-zero pattern
    y = (X[:, :d // 2].sum(axis=1) > X[:, d // 2:].sum(axis=1)).astype(int)
    return X, y


@pytest.mark.parametrize("make", [lambda: ART1(rho=0.6, random_state=0),
                                  lambda: ARTMAPClassifier(rho_a=0.5, random_state=0)],
                         ids=["ART1", "ARTMAPClassifier"])
def test_binary_estimators_on_binary_data(make):
    X, y = _binary_data()
    est = make()
    params = est.get_params()
    fitted = est.fit(X, y)
    assert fitted is est and est.get_params() == params  # returns self, params untouched
    assert est.n_features_in_ == X.shape[1]
    pred = est.predict(X)
    assert pred.shape == (X.shape[0],)
    # idempotent, float32 = float64 on binary data, order/subset invariant prediction
    np.testing.assert_array_equal(make().fit(X, y).predict(X), pred)
    np.testing.assert_array_equal(make().fit(X.astype(np.float32), y).predict(X), pred)
    perm = np.random.RandomState(1).permutation(X.shape[0])
    np.testing.assert_array_equal(est.predict(X[perm]), pred[perm])
    np.testing.assert_array_equal(est.predict(X[:7]), pred[:7])
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(est)).predict(X), pred)
    with pytest.raises(ValueError, match="X has 5 features"):
        est.predict(X[:, :5])
    with pytest.raises(ValueError, match="needs binary input.*0 or 1"):
        make().fit(X * 0.5, y)
    with pytest.raises(ValueError, match="NaN"):
        make().fit(np.where(X == 1, np.nan, X), y)


# ---------------------------------------------------------------------------
# Pipeline, GridSearchCV, pickle
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def iris():
    data = load_iris()
    return data.data, data.target


def _neg_quantization_error(estimator, X, y=None):
    return -float(np.mean(estimator.unit_distances(X).min(axis=1)))


def test_som_pipeline_gridsearch_pickle(iris):
    X, y = iris
    pipe = make_pipeline(StandardScaler(), SelfOrganizingMap(map_x=4, map_y=4, max_iter=3,
                                                             random_state=0))
    Z = pipe.fit_transform(X)
    assert Z.shape == (150, 2) and Z.min() >= 0 and Z[:, 0].max() <= 3 and Z[:, 1].max() <= 3
    Xs = StandardScaler().fit_transform(X)
    search = GridSearchCV(SelfOrganizingMap(max_iter=3, height_decay=0.999, radius_decay=0.999,
                                            random_state=0),
                          {"map_x": [1, 6], "map_y": [1, 6]}, scoring=_neg_quantization_error,
                          cv=KFold(3, shuffle=True, random_state=0))
    search.fit(Xs)
    # one prototype (1x1) quantises far worse than 36 (6x6)
    assert search.best_params_ == {"map_x": 6, "map_y": 6}
    restored = pickle.loads(pickle.dumps(pipe))
    np.testing.assert_array_equal(restored.transform(X), Z)
    np.testing.assert_array_equal(restored.predict(X), pipe.predict(X))


def test_dlvq_pipeline_gridsearch_pickle(iris):
    X, y = iris
    search = GridSearchCV(make_pipeline(StandardScaler(), DLVQClassifier(random_state=0)),
                          {"dlvqclassifier__eta_pos": [0.01, 0.03]}, cv=3)
    search.fit(X, y)
    assert search.best_score_ > 0.85
    restored = pickle.loads(pickle.dumps(search.best_estimator_))
    np.testing.assert_array_equal(restored.predict(X), search.predict(X))


def test_art_pipelines_gridsearch_pickle(iris):
    X, y = iris
    art1 = GridSearchCV(make_pipeline(MinMaxScaler(), Binarizer(threshold=0.5),
                                      ART1(random_state=0)),
                        {"art1__rho": [0.3, 0.9]}, scoring="adjusted_rand_score", cv=3)
    art1.fit(X, y)
    art2 = make_pipeline(MinMaxScaler(), ART2(rho=0.9, random_state=0)).fit(X)
    artmap = GridSearchCV(make_pipeline(MinMaxScaler(), Binarizer(threshold=0.5),
                                        ARTMAPClassifier(random_state=0)),
                          {"artmapclassifier__rho_a": [0.5, 0.8]}, cv=3).fit(X, y)
    for model in (art1, art2, artmap):
        restored = pickle.loads(pickle.dumps(model))
        np.testing.assert_array_equal(restored.predict(X), model.predict(X))


# ---------------------------------------------------------------------------
# kernels against NumPy references of the documented rules
# ---------------------------------------------------------------------------
def ref_som_epoch(X, order, W, grid, h, r, mult_h, mult_r):
    """SNNS's Kohonen rule, vectorised over the units."""
    W = W.copy()
    winners = []
    for i in order:
        x = X[i]
        c = int(np.argmin(((W - x) ** 2).sum(axis=1)))
        winners.append(c)
        d2 = ((grid - grid[c]) ** 2).sum(axis=1)
        inside = d2 <= r * r
        factor = np.where(inside, h * np.exp(-d2 / (r * r)), 0.0)
        W += factor[:, None] * (x - W)
        h *= mult_h
        r *= mult_r
    return W, np.array(winners), h, r


def test_som_epoch_matches_reference():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 3))
    W0 = rng.uniform(-1, 1, size=(5 * 4, 3))
    grid = _som.unit_grid(5, 4)
    order = rng.permutation(60).astype(np.intp)
    ref_W, ref_win, ref_h, ref_r = ref_som_epoch(X, order, W0, grid, 0.5, 2.5, 0.97, 0.98)
    W = W0.copy()
    winners = np.empty(60, dtype=np.intp)
    h, r, sse = som_kernels.som_epoch(X, order, W, grid, 0.5, 2.5, 0.97, 0.98, winners,
                                      np.empty(20))
    np.testing.assert_array_equal(winners, ref_win)
    # 60 online updates of a few flops each in another order of summation: relative
    # rounding stays at a few 1e-16 per step; 1e-12 leaves three decades of room
    np.testing.assert_allclose(W, ref_W, rtol=1e-12, atol=1e-12)
    assert h == pytest.approx(ref_h, rel=1e-14) and r == pytest.approx(ref_r, rel=1e-14)


def ref_dlvq_epoch(X, y, order, P, pc, eta_pos, eta_neg):
    P = P.copy()
    wrong = 0
    for i in order:
        x = X[i]
        d = ((P - x) ** 2).sum(axis=1)
        w = int(np.argmin(d))
        if pc[w] == y[i]:
            continue
        wrong += 1
        own = np.flatnonzero(pc == y[i])
        p = int(own[np.argmin(d[own])])
        P[p] += eta_pos * (x - P[p])
        P[w] -= eta_neg * (x - P[w])
    return P, wrong


def test_dlvq_epoch_matches_reference():
    rng = np.random.RandomState(1)
    X = rng.normal(size=(80, 4))
    y = rng.randint(0, 3, size=80).astype(np.intp)
    P0 = np.vstack([X[y == k].mean(axis=0) for k in range(3)] + [rng.normal(size=(2, 4))])
    pc = np.array([0, 1, 2, 0, 2], dtype=np.intp)
    order = rng.permutation(80).astype(np.intp)
    ref_P, ref_wrong = ref_dlvq_epoch(X, y, order, P0, pc, 0.05, 0.02)
    P = np.vstack([P0, np.zeros((3, 4))])  # spare rows, as the estimator allocates them
    predicted = np.empty(80, dtype=np.intp)
    wrong = lvq_kernels.dlvq_epoch(X, y, order, P, 5, pc.copy(), 0.05, 0.02, predicted)
    assert wrong == ref_wrong > 0
    np.testing.assert_allclose(P[:5], ref_P, rtol=1e-12, atol=1e-12)  # as for the SOM
    assert not P[5:].any()


def ref_art1_epoch(X, order, bu, td, rho, beta):
    bu, td = bu.copy(), td.copy()
    labels = np.full(X.shape[0], -1)
    for i in order:
        x = X[i]
        if x.sum() == 0:
            continue
        scores = bu @ x
        candidates = list(np.lexsort((np.arange(len(scores)), -scores)))  # best first, low index
        for J in candidates:
            if (td[J] * x).sum() / x.sum() >= rho:
                td[J] = np.logical_and(td[J], x)
                bu[J] = td[J] / (beta + td[J].sum())
                labels[i] = J
                break
    return bu, td, labels


def test_art1_epoch_matches_reference():
    X, _ = _binary_data(n=50, d=10, seed=3)
    bu0, td0 = _art.art1_initial_weights(12, 10, 1.0, 1.0, np.float64)
    # the initial bottom-up weights decrease with the unit number, below 1/(beta + N)
    assert np.all(np.diff(bu0[:, 0]) < 0) and bu0.max() < 1 / (1.0 + 10)
    order = np.random.RandomState(0).permutation(50).astype(np.intp)
    for rho in (0.4, 0.8):
        ref_bu, ref_td, ref_labels = ref_art1_epoch(X, order, bu0, td0, rho, 1.0)
        bu, td = bu0.copy(), td0.copy()
        labels = np.empty(50, dtype=np.intp)
        art_kernels.art1_epoch(X, order, bu, td, np.zeros(12, np.bool_), rho, 1.0, True,
                               labels, np.zeros(12, np.bool_), np.empty(12))
        np.testing.assert_array_equal(labels, ref_labels)
        np.testing.assert_array_equal(td, ref_td)
        np.testing.assert_array_equal(bu, ref_bu)  # same formula, same operands: exact


def ref_art2_present(s, bu, td, rho, a, b, c, d, theta, eps, n_f1):
    """Carpenter & Grossberg's ART2 F1 equations with fast learning, one pattern."""
    f = lambda z: np.where(z >= theta, z, 0.0)  # noqa: E731
    norm = np.linalg.norm
    w = s.copy()
    x = s / (eps + norm(s))
    v = f(x)
    u = v / (eps + norm(v))
    w = s + a * u
    p = u.copy()
    x = w / (eps + norm(w))
    q = p / (eps + norm(p))
    v = f(x) + b * f(q)
    scores = bu @ p
    reset = np.zeros(len(scores), bool)
    while True:
        live = np.where(reset, -np.inf, scores)
        if np.all(reset):
            return -1, bu, td
        J = int(np.argmax(live))
        u = v / (eps + norm(v))
        p = u + d * td[J]
        r = (u + c * p) / (eps + norm(u) + c * norm(p))
        if norm(r) >= rho - eps:
            break
        reset[J] = True
    for _ in range(n_f1):
        u = v / (eps + norm(v))
        w = s + a * u
        p = u + d * td[J]
        x = w / (eps + norm(w))
        q = p / (eps + norm(p))
        v = f(x) + b * f(q)
    bu, td = bu.copy(), td.copy()
    bu[J] = td[J] = u / (1 - d)
    return J, bu, td


def test_art2_epoch_matches_reference():
    rng = np.random.RandomState(2)
    centres = np.array([[1.0, 0.2, 0.1, 0.0], [0.1, 1.0, 0.0, 0.3], [0.0, 0.2, 0.3, 1.0]])
    X = np.repeat(centres, 10, axis=0) + rng.uniform(0, 0.05, size=(30, 4))
    order = rng.permutation(30).astype(np.intp)
    params = dict(rho=0.98, a=10.0, b=10.0, c=0.1, d=0.9, theta=0.05, eps=_art.ART2_EPS,
                  n_f1=5)
    bu = np.full((6, 4), 1 / (3 * 0.1 * 2.0))
    td = np.zeros((6, 4))
    ref_bu, ref_td, ref_labels = bu.copy(), td.copy(), np.empty(30, int)
    for i in order:
        ref_labels[i], ref_bu, ref_td = ref_art2_present(X[i], ref_bu, ref_td, **params)
    labels = np.empty(30, dtype=np.intp)
    buffers = [np.empty(4) for _ in range(6)]
    art_kernels.art2_epoch(X, order, bu, td, np.zeros(6, np.bool_), params["rho"], params["a"],
                           params["b"], params["c"], params["d"], params["theta"], params["eps"],
                           params["n_f1"], True, labels, np.zeros(6, np.bool_), np.empty(6),
                           *buffers)
    np.testing.assert_array_equal(labels, ref_labels)
    assert len(set(labels.tolist())) >= 3
    # a few dozen normalisations per pattern, each exact to ~1e-16 relative: 1e-12 is ample
    np.testing.assert_allclose(td, ref_td, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(bu, ref_bu, rtol=1e-12, atol=1e-12)


def ref_artmap_epoch(Xa, Xb, order, rho_a, rho_b, rho_map, n_a, n_b):
    bu_a, td_a = _art.art1_initial_weights(n_a, Xa.shape[1], 1.0, 1.0, np.float64)
    bu_b, td_b = _art.art1_initial_weights(n_b, Xb.shape[1], 1.0, 1.0, np.float64)
    wmap = np.ones((n_a, n_b))
    labels = np.full(len(order), -1)
    for i in order:
        bu_b, td_b, kb = ref_art1_epoch(Xb[i:i + 1], [0], bu_b, td_b, rho_b, 1.0)
        K = kb[0]
        x = Xa[i]
        scores = bu_a @ x
        vigilance = rho_a
        for J in np.lexsort((np.arange(n_a), -scores)):
            match = (td_a[J] * x).sum() / x.sum()
            if match < vigilance:
                continue
            if wmap[J, K] < rho_map:
                vigilance = match + 1e-6 * (1 + match)
                continue
            td_a[J] = np.logical_and(td_a[J], x)
            bu_a[J] = td_a[J] / (1.0 + td_a[J].sum())
            wmap[J] = np.eye(n_b)[K] * wmap[J]
            labels[i] = J
            break
    return labels, td_a, wmap


def test_artmap_epoch_matches_reference():
    X, y = _binary_data(n=40, d=10, seed=4)
    Y = np.eye(2)[y]
    order = np.random.RandomState(5).permutation(40).astype(np.intp)
    ref_labels, ref_td, ref_map = ref_artmap_epoch(X, Y, order, 0.3, 1.0, 1.0, 40, 2)
    bu_a, td_a = _art.art1_initial_weights(40, 10, 1.0, 1.0, np.float64)
    bu_b, td_b = _art.art1_initial_weights(2, 2, 1.0, 1.0, np.float64)
    wmap = np.ones((40, 2))
    labels = np.empty(40, dtype=np.intp)
    art_kernels.artmap_epoch(X, Y, order, bu_a, td_a, np.zeros(40, np.bool_), bu_b, td_b,
                             np.zeros(2, np.bool_), wmap, 0.3, 1.0, 1.0, 1.0, 1.0, labels,
                             np.zeros(40, np.bool_), np.empty(40), np.zeros(2, np.bool_),
                             np.empty(2))
    np.testing.assert_array_equal(labels, ref_labels)
    np.testing.assert_array_equal(td_a, ref_td)
    np.testing.assert_array_equal(wmap, ref_map)


# ---------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------
def _fitted_arrays(est):
    return [v for k, v in sorted(vars(est).items())
            if k.endswith("_") and isinstance(v, np.ndarray)]


@pytest.mark.parametrize("name", ["som", "dlvq", "art1", "art2", "artmap"])
def test_same_seed_same_bits_other_seed_other_model(name, iris):
    X, y = iris
    Xs = StandardScaler().fit_transform(X)
    Xb = (MinMaxScaler().fit_transform(X) > 0.5).astype(float)
    Xm = MinMaxScaler().fit_transform(X)
    make, data = {
        "som": (lambda s: SelfOrganizingMap(map_x=5, map_y=5, max_iter=5, random_state=s), (Xs,)),
        "dlvq": (lambda s: DLVQClassifier(random_state=s), (Xs, y)),
        "art1": (lambda s: ART1(rho=0.7, random_state=s), (Xb,)),
        "art2": (lambda s: ART2(rho=0.99, n_units=20, random_state=s), (Xm,)),
        "artmap": (lambda s: ARTMAPClassifier(rho_a=0.5, random_state=s), (Xb, y)),
    }[name]
    first, again, other = (make(s).fit(*data) for s in (7, 7, 8))
    for a, b in zip(_fitted_arrays(first), _fitted_arrays(again)):
        np.testing.assert_array_equal(a, b)
    assert any(not np.array_equal(a, b)
               for a, b in zip(_fitted_arrays(first), _fitted_arrays(other)))


# ---------------------------------------------------------------------------
# behaviour the SNNS documentation describes
# ---------------------------------------------------------------------------
def test_som_schedule_and_outputs(iris):
    X, y = iris
    Xs = StandardScaler().fit_transform(X)
    som = SelfOrganizingMap(map_x=6, map_y=5, max_iter=4, height=0.5, radius=3.0,
                            height_decay=0.99, radius_decay=0.995, random_state=0).fit(Xs)
    # h and r shrink after every pattern: 4 epochs x 150 patterns
    assert som.height_ == pytest.approx(0.5 * 0.99 ** 600, rel=1e-9)
    assert som.radius_ == pytest.approx(3.0 * 0.995 ** 600, rel=1e-9)
    assert som.hits_.shape == (5, 6) and som.hits_.sum() == 150
    np.testing.assert_array_equal(som.hits_.ravel(), np.bincount(som.labels_, minlength=30))
    np.testing.assert_array_equal(som.component_maps_[2], som.weights_[:, 2].reshape(5, 6))
    dist = som.unit_distances(Xs)
    np.testing.assert_array_equal(dist.argmin(axis=1), som.predict(Xs))
    np.testing.assert_allclose(dist, np.sqrt(((Xs[:, None, :] - som.weights_) ** 2).sum(-1)),
                               rtol=1e-12)
    np.testing.assert_array_equal(som.transform(Xs), som.grid_[som.labels_])
    # height 0: nothing moves
    frozen = SelfOrganizingMap(map_x=3, map_y=3, max_iter=2, height=0.0, random_state=0)
    start = np.random.RandomState(0).uniform(-1, 1, size=(9, 4))
    np.testing.assert_array_equal(frozen.fit(Xs).weights_, start)


def test_som_orders_the_map(iris):
    """A slowly shrinking SOM is topographic: setosa's units never border another class's."""
    X, y = iris
    Xs = StandardScaler().fit_transform(X)
    som = SelfOrganizingMap(map_x=8, map_y=8, max_iter=30, radius=4.0, height_decay=0.9995,
                            radius_decay=0.9995, random_state=0).fit(Xs)
    units_of = [set(som.labels_[y == k]) for k in range(3)]
    assert not units_of[0] & (units_of[1] | units_of[2])
    # neighbouring prototypes are close: mean distance to a grid neighbour is far below the
    # mean distance between random units
    W, grid = som.weights_, som.grid_
    gd = np.abs(grid[:, None] - grid[None]).sum(-1)
    wd = np.linalg.norm(W[:, None] - W[None], axis=-1)
    assert wd[gd == 1].mean() < 0.5 * wd[gd > 0].mean()


def test_dlvq_adds_prototypes_where_class_means_fail():
    # XOR: both class means sit at the centre, so DLVQ must add prototypes to separate them
    rng = np.random.RandomState(0)
    corners = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], float)
    X = np.repeat(corners, 25, axis=0) + rng.normal(scale=0.05, size=(100, 2))
    y = np.repeat([0, 0, 1, 1], 25)
    clf = DLVQClassifier(random_state=0).fit(X, y)
    assert clf.prototypes_.shape[0] > 2
    assert (clf.predict(X) == y).mean() == 1.0
    # the first prototypes are the class means
    only_means = DLVQClassifier(max_prototypes_per_class=1, n_cycles=1, eta_pos=0, eta_neg=0,
                                random_state=0).fit(X, y)
    np.testing.assert_allclose(only_means.prototypes_, [X[y == 0].mean(0), X[y == 1].mean(0)])
    assert (only_means.predict(X) == y).mean() < 0.8


def test_art1_vigilance():
    X, _ = _binary_data(n=60, d=16, seed=6)
    counts = [ART1(rho=rho, random_state=0).fit(X).n_clusters_ for rho in (0.2, 0.5, 0.8, 1.0)]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    # rho = 1: a pattern joins a category only if it equals its prototype -> one per
    # distinct pattern, each prototype one of the patterns
    ex = ART1(rho=1.0, random_state=0).fit(X)
    distinct = np.unique(X, axis=0)
    assert ex.n_clusters_ == len(distinct)
    protos = ex.top_down_weights_[ex.committed_]
    assert {tuple(p) for p in protos} == {tuple(p) for p in distinct}
    # every training pattern resonates with a committed category whose prototype it contains
    # and matches to at least rho
    art = ART1(rho=0.6, random_state=0).fit(X)
    for x, label in zip(X, art.labels_):
        t = art.top_down_weights_[label]
        assert art.committed_[label] and np.all(t <= x) and t.sum() / x.sum() >= 0.6
    assert ART1().fit(X).predict(np.zeros((1, 16))).tolist() == [-1]


def test_art2_finds_separated_clusters():
    rng = np.random.RandomState(3)
    centres = np.eye(4) * 0.9 + 0.05  # tetrahedron-like: four directions
    X = np.repeat(centres, 15, axis=0) + rng.uniform(0, 0.03, size=(60, 4))
    y = np.repeat(np.arange(4), 15)
    art = ART2(rho=0.98, n_units=6, random_state=0).fit(X)
    assert art.n_clusters_ == 4
    for k in range(4):  # one category per cluster
        assert len(set(art.labels_[y == k])) == 1
    assert len(set(art.labels_)) == 4
    with pytest.raises(ValueError, match=r"c \* d / \(1 - d\) <= 1"):
        ART2(c=0.5, d=0.9).fit(X)


def test_artmap_learns_consistent_training_set():
    X, y = _binary_data(n=60, d=16, seed=7)
    keep = np.unique(X, axis=0, return_index=True)[1]  # no input with two labels
    X, y = X[keep], y[keep]
    clf = ARTMAPClassifier(rho_a=0.0, random_state=0).fit(X, y)
    # match tracking splits categories until the map field agrees on every pattern
    assert clf.n_categories_ > 2
    assert (clf.predict(X) == y).mean() >= 0.95
    coarse = ARTMAPClassifier(rho_a=0.0, rho=0.0, random_state=0).fit(X, y)
    assert coarse.n_categories_ < clf.n_categories_  # no match tracking without map vigilance


# ---------------------------------------------------------------------------
# RSNNS's functions
# ---------------------------------------------------------------------------
def test_som_rsnns_fields(iris):
    X, y = iris
    Xs = StandardScaler().fit_transform(X)
    m = families.som(Xs, mapX=6, mapY=4, maxit=3, calculateActMaps=True,
                     calculateSpanningTree=True, saveWinnersPerPattern=True, targets=y,
                     random_state=0)
    assert isinstance(m, SelfOrganizingMap)
    # RSNNS layout: mapX x mapY, entry [i, j] is unit j*mapX + i
    assert m.map.shape == (6, 4) and m.map.sum() == 150
    unit = 2 * 6 + 5
    assert m.map[5, 2] == np.sum(m.labels_ == unit)
    assert len(m.componentMaps) == 4 and m.componentMaps[1][5, 2] == m.weights_[unit, 1]
    assert len(m.actMaps) == 150 and m.actMaps[9][5, 2] == m.fitted_values[9, unit]
    np.testing.assert_array_equal(m.winnersPerPattern, m.labels_ + 1)
    np.testing.assert_array_equal(getattr(m, "fitted.values"), m.fitted_values)
    # spanning tree: last (1-based) pattern each unit won, 0 if none
    won = np.flatnonzero(m.labels_ == unit)
    assert m.spanningTree[5, 2] == (won[-1] + 1 if won.size else 0)
    cell = m.labeledMap[5, 2]
    if won.size:
        assert cell == np.bincount(y[won]).argmax()
    lean = families.som(Xs, mapX=3, mapY=3, maxit=1, random_state=0)
    assert lean.actMaps is None and lean.spanningTree is None and lean.labeledMap is None


def test_rsnns_functions_fit_what_the_estimators_fit(iris):
    X, y = iris
    Xs = StandardScaler().fit_transform(X)
    m = families.som(Xs, mapX=4, mapY=4, maxit=2, learnFuncParams=(0.4, 2, 0.9, 0.95, 4),
                     random_state=3)
    est = SelfOrganizingMap(map_x=4, map_y=4, max_iter=2, height=0.4, radius=2,
                            height_decay=0.9, radius_decay=0.95, init_range=(-1, 1),
                            random_state=3).fit(Xs)
    np.testing.assert_array_equal(m.weights_, est.weights_)
    d = families.dlvq(Xs, y.reshape(-1, 1).astype(float), learnFuncParams=(0.02, 0.01, 5),
                      random_state=3)
    est = DLVQClassifier(0.02, 0.01, 5, random_state=3).fit(Xs, y)
    np.testing.assert_array_equal(d.prototypes_, est.prototypes_)
    np.testing.assert_array_equal(d.fitted_values.ravel(), est.predict(Xs))


def test_art_rsnns_functions():
    X, y = _binary_data(n=30, d=12, seed=8)
    a1 = families.art1(X, dimX=3, dimY=4, learnFuncParams=(0.6, 0, 0), random_state=0)
    assert a1.fitted_values.shape == (30, 30)
    np.testing.assert_array_equal(a1.fitted_values.argmax(axis=1), a1.labels_)
    a2 = families.art2(MinMaxScaler().fit_transform(np.random.RandomState(0).rand(20, 3)),
                       f2Units=4, random_state=0)
    assert a2.fitted_values.shape == (20, 4)
    Y = np.eye(2)[y]
    am = families.artmap(np.hstack([X, Y]), 12, 2, 30, 2, maxit=5,
                         learnFuncParams=(0.0, 1, 1, 0, 0), random_state=0)
    assert am.fitted_values.shape == (30, 2)
    # every prediction is one of the target patterns
    assert {tuple(r) for r in am.fitted_values} <= {(0.0, 1.0), (1.0, 0.0)}
    assert (am.fitted_values.argmax(axis=1) == y).mean() >= 0.9


@pytest.mark.parametrize("call, message", [
    (lambda X: families.som(X, mapX=4, learnFuncParams=(0.5, 2, 0.8, 0.8, 5)),
     "horizontal map size.*mapX = 4"),
    (lambda X: families.som(np.where(X > 1, np.nan, X)), "NaN"),
    (lambda X: families.som(X, mapX=2.5), "'mapX' parameter must be a whole number"),
    (lambda X: families.som(X, learnFuncParams=(1, 2, 3, 4, 5, 6)), "at most 5 values"),
    (lambda X: families.dlvq(X, np.arange(len(X)) % 2, learnFunc="LVQ1"),
     "unknown learnFunc 'LVQ1'; skneural implements 'Dynamic_LVQ'"),
    (lambda X: families.dlvq(X, np.arange(len(X)) % 2 + 0.5), "class numbers 0, 1"),
    (lambda X: families.dlvq(X, np.eye(2)[np.arange(len(X)) % 2]), "one column"),
    (lambda X: families.art1((X > 0).astype(float), dimX=2, dimY=3), "dimX \\* dimY = 6"),
    (lambda X: families.art1(X, dimX=2, dimY=2), "ART1 needs binary input"),
    (lambda X: families.art2(X, updateFunc="ART1_Stable"),
     "unknown updateFunc 'ART1_Stable'; skneural implements 'ART2_Stable', 'ART2_Synchronous'"),
    (lambda X: families.artmap((X > 0).astype(float), 3, 2, 5, 2), "nInputsTargets = 5"),
    (lambda X: families.artmap((X > 0).astype(float), 2, 2, 5, 2, nRowInputsTrain=3),
     "'nRowInputsTrain' = 3 does not divide 2"),
])
def test_rsnns_functions_reject_bad_input(call, message):
    X = np.random.RandomState(0).normal(size=(20, 4))
    with pytest.raises(ValueError, match=message):
        call(X)


def test_estimators_reject_bad_parameters(iris):
    X, y = iris
    with pytest.raises(ValueError, match="'map_x' parameter of SelfOrganizingMap"):
        SelfOrganizingMap(map_x=0).fit(X)
    with pytest.raises(ValueError, match="whole number"):
        SelfOrganizingMap(map_x=2.5).fit(X)
    with pytest.raises(ValueError, match="init_range.*pair of finite numbers"):
        SelfOrganizingMap(init_range=(0, np.inf)).fit(X)
    with pytest.raises(ValueError, match="'rho' parameter of ART1"):
        ART1(rho=1.5).fit((X > 3).astype(float))
    with pytest.raises(ValueError, match="Unknown label type"):
        DLVQClassifier().fit(X, X[:, 0])


def test_doctests(monkeypatch):
    # the examples import RSNNS's functions from skneural.rsnns, where the lead re-exports them
    for name in families.__all__:
        monkeypatch.setattr(skneural.rsnns, name, getattr(families, name), raising=False)
    for module in (_som, _lvq, _art):
        failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert tried > 0 and failures == 0, module.__name__
