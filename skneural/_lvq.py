"""Dynamic learning vector quantisation (SNNS's DLVQ) as a scikit-learn classifier.

The epochs run in :mod:`skneural._kernels.lvq`; this module validates, starts
from the class means, draws the pattern orders and adds prototypes between
training rounds.  RSNNS's ``dlvq()`` is :func:`dlvq` at the end.
"""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._som import _as_matrix, _as_params, whole_param

_lvq_kernels = _backend.get_kernels("cpu", "lvq")  # the kernel registry's lvq family

__all__ = ["DLVQClassifier", "dlvq"]


class DLVQClassifier(ClassifierMixin, BaseEstimator):
    """Dynamic learning vector quantisation (SNNS's ``Dynamic_LVQ``).

    A nearest-prototype classifier whose prototypes (codebook vectors) are
    created by the algorithm, as in SNNS (RSNNS's :func:`dlvq`):

    1. one prototype per class, at the class mean;
    2. a training round: up to ``n_cycles`` epochs over the (shuffled)
       patterns; a pattern of class ``x`` assigned to a prototype ``w`` of
       another class moves the nearest prototype ``p`` of class ``x`` towards
       it, ``p += eta_pos * (x - p)``, and ``w`` away from it,
       ``w -= eta_neg * (x - w)``.  The round ends early once an epoch leaves
       every pattern's assigned class as the previous epoch left it;
    3. for every class with misclassified patterns (and fewer than
       ``max_prototypes_per_class`` prototypes), the misclassified patterns of
       that class are grouped by the class they were assigned to, and a new
       prototype is added at the mean of the largest group (the lowest wrong
       class on ties) -- SNNS's "for every class, choose one of the new mean
       vectors";
    4. back to 2, until a round leaves no pattern misclassified or no class
       may grow.

    SNNS expects normalised inputs (DLVQ measures Euclidean distances); so
    does this estimator (use a scaler in a Pipeline).  CPU only.

    Parameters
    ----------
    eta_pos : float, default=0.03
        Step of the own-class prototype towards a misclassified pattern
        (SNNS's first learning parameter).
    eta_neg : float, default=0.03
        Step of the wrong prototype away from it (second parameter).
    n_cycles : int, default=10
        Epochs per training round before prototypes are added (third
        parameter).
    max_prototypes_per_class : int, default=10
        SNNS's CYCLE field for DLVQ: the most prototypes a class may get.
    shuffle : bool, default=True
        New random pattern order every epoch.
    random_state : int, RandomState instance or None, default=None
        Seeds the pattern orders.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    prototypes_ : ndarray of shape (n_prototypes, n_features)
        Codebook vectors, in the order they were created.
    prototype_classes_ : ndarray of shape (n_prototypes,)
        Index into ``classes_`` of each prototype.
    n_iter_ : int
        Epochs run in all.
    n_rounds_ : int
        Training rounds run.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when X has feature names.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural import DLVQClassifier
    >>> X = np.array([[0., 0.], [0.1, 0.], [1., 1.], [0.9, 1.]])
    >>> clf = DLVQClassifier(random_state=0).fit(X, ["a", "a", "b", "b"])
    >>> clf.predict([[0.05, 0.1], [1., 0.8]]).tolist()
    ['a', 'b']
    """

    _parameter_constraints: dict = {
        "eta_pos": [Interval(Real, 0, None, closed="left")],
        "eta_neg": [Interval(Real, 0, None, closed="left")],
        "n_cycles": [Interval(Real, 1, None, closed="left")],
        "max_prototypes_per_class": [Interval(Real, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, eta_pos=0.03, eta_neg=0.03, n_cycles=10, *, max_prototypes_per_class=10,
                 shuffle=True, random_state=None):
        self.eta_pos = eta_pos
        self.eta_neg = eta_neg
        self.n_cycles = n_cycles
        self.max_prototypes_per_class = max_prototypes_per_class
        self.shuffle = shuffle
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Build and train the prototypes.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : DLVQClassifier
        """
        n_cycles = whole_param(self, "n_cycles")
        max_per_class = whole_param(self, "max_prototypes_per_class")
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32), order="C")
        check_classification_targets(y)
        self.classes_, codes = np.unique(y, return_inverse=True)
        codes = codes.astype(np.intp)
        n_classes = len(self.classes_)
        rng = check_random_state(self.random_state)
        capacity = n_classes * max_per_class
        prototypes = np.zeros((capacity, X.shape[1]), dtype=X.dtype)
        proto_class = np.zeros(capacity, dtype=np.intp)
        for k in range(n_classes):
            prototypes[k] = X[codes == k].mean(axis=0)
            proto_class[k] = k
        n_protos = n_classes
        counts = np.ones(n_classes, dtype=np.intp)
        predicted = np.full(X.shape[0], -1, dtype=np.intp)
        winners = np.empty(X.shape[0], dtype=np.intp)
        eta_pos = X.dtype.type(self.eta_pos)
        eta_neg = X.dtype.type(self.eta_neg)
        order = np.arange(X.shape[0], dtype=np.intp)
        n_epochs = n_rounds = 0
        while True:
            n_rounds += 1
            previous = None
            for _ in range(n_cycles):
                if self.shuffle:
                    order = rng.permutation(X.shape[0]).astype(np.intp)
                n_wrong = _lvq_kernels.dlvq_epoch(X, codes, order, prototypes, n_protos,
                                                  proto_class, eta_pos, eta_neg, predicted)
                n_epochs += 1
                if n_wrong == 0 or (previous is not None and np.array_equal(previous, predicted)):
                    break
                previous = predicted.copy()
            _lvq_kernels.lvq_assign(X, prototypes, n_protos, proto_class, winners)
            assigned = proto_class[winners]
            wrong = assigned != codes
            if not wrong.any():
                break
            added = False
            for k in range(n_classes):
                mask = wrong & (codes == k)
                if not mask.any() or counts[k] >= max_per_class:
                    continue
                groups = np.bincount(assigned[mask], minlength=n_classes)
                target = int(np.argmax(groups))  # the lowest wrong class on ties
                prototypes[n_protos] = X[mask & (assigned == target)].mean(axis=0)
                proto_class[n_protos] = k
                n_protos += 1
                counts[k] += 1
                added = True
            if not added:
                break
        self.prototypes_ = prototypes[:n_protos].copy()
        self.prototype_classes_ = proto_class[:n_protos].copy()
        self.n_iter_ = n_epochs
        self.n_rounds_ = n_rounds
        return self

    def _nearest(self, X):
        check_is_fitted(self, "prototypes_")
        X = validate_data(self, X, dtype=(np.float64, np.float32), order="C", reset=False)
        winners = np.empty(X.shape[0], dtype=np.intp)
        _lvq_kernels.lvq_assign(X, self.prototypes_.astype(X.dtype, copy=False),
                                self.prototypes_.shape[0], self.prototype_classes_, winners)
        return winners

    def predict(self, X):
        """Class of the nearest prototype.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self, "prototypes_")
        return self.classes_[self.prototype_classes_[self._nearest(X)]]


def dlvq(x, y, initFunc="DLVQ_Weights", initFuncParams=(1.0, -1.0), learnFunc="Dynamic_LVQ",
         learnFuncParams=(0.03, 0.03, 10), updateFunc="Dynamic_LVQ", updateFuncParams=(0.0,),
         shufflePatterns=True, random_state=None):
    """Create and train a DLVQ network as RSNNS's ``dlvq()`` does.

    The training is :class:`DLVQClassifier` (``eta_pos, eta_neg, n_cycles`` =
    ``learnFuncParams``); this function holds no training logic.  As in SNNS,
    ``y`` holds class numbers 0, 1, ..., n-1 (a column vector or matrix with
    one column).  ``initFuncParams`` and ``updateFuncParams`` are accepted for
    compatibility (DLVQ starts from the class means, whatever they say).

    Returns
    -------
    DLVQClassifier
        Fitted, with ``fitted_values`` (also ``fitted.values`` via ``getattr``):
        the class number the network gives every training pattern, as an
        (n, 1) matrix; ``predict`` gives class numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural.rsnns import dlvq
    >>> x = np.array([[0., 0.], [0.1, 0.], [1., 1.], [0.9, 1.]])
    >>> model = dlvq(x, [0, 0, 1, 1], random_state=0)
    >>> model.fitted_values.ravel().tolist()
    [0.0, 0.0, 1.0, 1.0]
    """
    who = "dlvq"
    for name, value, valid in (("initFunc", initFunc, "DLVQ_Weights"),
                               ("learnFunc", learnFunc, "Dynamic_LVQ"),
                               ("updateFunc", updateFunc, "Dynamic_LVQ")):
        if value != valid:
            raise ValueError(f"{who}: unknown {name} {value!r}; skneural implements {valid!r}.")
    X = _as_matrix(x, "x", who)
    Y = _as_matrix(y, "y", who)
    if Y.shape[1] != 1:
        raise ValueError(f"{who}: 'y' must be one column of class numbers 0..n-1 (SNNS's DLVQ "
                         f"has one output unit); got {Y.shape[1]} columns.")
    if Y.shape[0] != X.shape[0]:
        raise ValueError(f"{who}: 'x' and 'y' have different numbers of rows: "
                         f"{X.shape[0]} and {Y.shape[0]}.")
    labels = Y.ravel()
    bad = (labels != np.round(labels)) | (labels < 0)
    if bad.any():
        raise ValueError(f"{who}: 'y' must hold class numbers 0, 1, ..., n-1 (SNNS's DLVQ); "
                         f"got values such as {labels[bad][:3].tolist()}.")
    _as_params(initFuncParams, 5, "initFuncParams", who)
    _as_params(updateFuncParams, 5, "updateFuncParams", who)
    eta_pos, eta_neg, cycles = _as_params(learnFuncParams, 3, "learnFuncParams", who)
    model = DLVQClassifier(eta_pos=eta_pos, eta_neg=eta_neg, n_cycles=cycles,
                           shuffle=bool(shufflePatterns), random_state=random_state)
    model.fit(X, labels)
    model.fitted_values = model.predict(X).astype(np.float64).reshape(-1, 1)
    setattr(model, "fitted.values", model.fitted_values)
    return model
