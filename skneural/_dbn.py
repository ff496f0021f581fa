"""Deep belief networks: greedily stacked RBMs fine-tuned as an MLP.

A :class:`DBNClassifier` / :class:`DBNRegressor` trains one
:class:`~skneural._rbm.BernoulliRBM` per hidden layer, each on the hidden
probabilities of the previous one (unsupervised, on every row of ``X``), then
hands the stack to skneural's own :class:`MLPClassifier` / :class:`MLPRegressor`
(logistic hidden units) whose first layers start from the RBM weights, and
fine-tunes the whole network by backpropagation on the labelled rows.  There is
no second copy of the MLP here: every solver, early stopping, dropout, the
``X_val, y_val`` validation set, ``verbose`` and callbacks come from the MLP.
"""

from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    ClassNamePrefixFeaturesOutMixin,
    RegressorMixin,
    TransformerMixin,
    _fit_context,
)
from sklearn.callback import CallbackSupportMixin
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from ._multilayer_perceptron import BaseMultilayerPerceptron, MLPClassifier, MLPRegressor
from ._rbm import BernoulliRBM
from ._utils import as_layer_sizes, as_whole_number

__all__ = ["DBNClassifier", "DBNRegressor"]

# Parameters passed unchanged to the fine-tuning MLP (sklearn's names).
_MLP_PARAMS = (
    "solver", "alpha", "batch_size", "learning_rate", "learning_rate_init", "power_t",
    "max_iter", "shuffle", "tol", "verbose", "momentum", "nesterovs_momentum",
    "early_stopping", "validation_fraction", "beta_1", "beta_2", "epsilon",
    "n_iter_no_change", "max_fun", "dropout", "rho", "monitor", "restore_best_weights",
    "device",
)

_SEED_MAX = np.iinfo(np.int32).max


def _logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def _is_marker(y, marker):
    """Where the label equals ``marker``, given as a number or as its text.

    ``-1`` and ``"-1"`` mark the same rows whether y holds integers, floats,
    strings or objects: a numeric y is compared with the marker's number, any
    other y label by label, as a value or as text.
    """
    if y.dtype.kind in "iufb":
        try:
            number = float(marker)
        except ValueError:
            return np.zeros(y.shape[0], dtype=bool)  # a text marker no number equals
        return y == number
    text = str(marker)
    return np.array([v == marker or str(v) == text for v in y.tolist()], dtype=bool)


class _BaseDBN(ClassNamePrefixFeaturesOutMixin, TransformerMixin, CallbackSupportMixin,
               BaseEstimator):
    """Shared machinery of the DBN estimators.  Do not use directly."""

    _parameter_constraints: dict = {
        **{k: BaseMultilayerPerceptron._parameter_constraints[k]
           for k in _MLP_PARAMS + ("hidden_layer_sizes", "random_state")},
        "pretrain": ["boolean"],
        "visible_unit": [StrOptions({"auto", "bernoulli", "gaussian"})],
        "rbm_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "rbm_gaussian_learning_rate": [Interval(Real, 0, None, closed="neither")],
        "rbm_n_iter": [Interval(Real, 0, None, closed="left")],
        "rbm_batch_size": [Interval(Real, 1, None, closed="left")],
        "rbm_k": [Interval(Real, 1, None, closed="left")],
        "rbm_persistent": ["boolean"],
        "rbm_momentum": [Interval(Real, 0, 1, closed="left")],
        "rbm_weight_decay": [Interval(Real, 0, None, closed="left")],
    }

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------
    def _check_dbn_hyper(self):
        hidden = as_layer_sizes("hidden_layer_sizes", self.hidden_layer_sizes)
        if not hidden:
            raise ValueError(
                "hidden_layer_sizes=%r: %s needs at least one hidden layer (one RBM per "
                "hidden layer). Use MLPClassifier / MLPRegressor for a network without "
                "hidden layers." % (self.hidden_layer_sizes, type(self).__name__))
        return {
            "hidden": hidden,
            "rbm_n_iter": as_whole_number("rbm_n_iter", self.rbm_n_iter, 0),
            "rbm_batch_size": as_whole_number("rbm_batch_size", self.rbm_batch_size, 1),
            "rbm_k": as_whole_number("rbm_k", self.rbm_k, 1),
        }

    def _validate_X(self, X, reset):
        X = validate_data(
            self, X, accept_sparse=["csr", "csc"], dtype=(np.float64, np.float32),
            order="C", reset=reset,
        )
        if sparse.issparse(X):
            X = X.toarray()
        if not reset:
            X = X.astype(self.coefs_[0].dtype, copy=False)
        return np.ascontiguousarray(X)

    def _resolve_visible_unit(self, X):
        inside = X.size == 0 or (X.min() >= 0 and X.max() <= 1)
        if self.visible_unit == "auto":
            return "bernoulli" if inside else "gaussian"
        if self.visible_unit == "bernoulli" and not inside:
            raise ValueError(
                "%s with visible_unit='bernoulli' needs X in [0, 1]; got values in "
                "[%r, %r]. Scale the features first (e.g. with "
                "sklearn.preprocessing.MinMaxScaler), or use visible_unit='gaussian' "
                "for standardised real-valued data."
                % (type(self).__name__, float(X.min()), float(X.max()))
            )
        return self.visible_unit

    # ------------------------------------------------------------------
    # the two phases
    # ------------------------------------------------------------------
    def _pretrain(self, X, hyper, rng):
        """Greedy layer-wise RBM training on every row of X."""
        rbms = []
        H = X
        for i, size in enumerate(hyper["hidden"]):
            rbm = BernoulliRBM(
                n_components=size,
                learning_rate=(self.rbm_gaussian_learning_rate
                               if i == 0 and self.visible_unit_ == "gaussian"
                               else self.rbm_learning_rate),
                batch_size=hyper["rbm_batch_size"],
                n_iter=hyper["rbm_n_iter"],
                k=hyper["rbm_k"],
                persistent=self.rbm_persistent,
                momentum=self.rbm_momentum,
                weight_decay=self.rbm_weight_decay,
                visible_unit=self.visible_unit_ if i == 0 else "bernoulli",
                random_state=int(rng.randint(_SEED_MAX)),
                verbose=int(bool(self.verbose)),
                device=self.device,
            )
            if self.verbose:
                print("[%s] pre-training layer %d/%d (%d -> %d units)"
                      % (type(self).__name__, i + 1, len(hyper["hidden"]), H.shape[1], size))
            rbm.fit(H)
            if rbm.interrupted_:
                # no usable network exists before fine-tuning: abort the whole fit
                raise KeyboardInterrupt(
                    "%s.fit interrupted during the pre-training of layer %d"
                    % (type(self).__name__, i + 1))
            rbms.append(rbm)
            if i + 1 < len(hyper["hidden"]):
                H = rbm.transform(H)
        return rbms

    def _make_mlp(self, hidden, seed):
        params = {name: getattr(self, name) for name in _MLP_PARAMS}
        params.update(self._extra_mlp_params())
        return self._mlp_class(
            hidden_layer_sizes=tuple(hidden), activation="logistic",
            random_state=seed, **params,
        )

    def _fit_dbn(self, X, y, sample_weight, X_val, y_val, sample_weight_val):
        hyper = self._check_dbn_hyper()
        X = self._validate_X(X, reset=True)
        y = self._check_targets(y, X.shape[0])
        labelled = self._labelled_mask(y)
        if not labelled.any():
            raise ValueError(
                "%s.fit got no labelled rows: every target is marked as unlabelled (%s). "
                "Fine-tuning needs at least one labelled row."
                % (type(self).__name__, self._unlabelled_doc())
            )
        self._check_labelled_targets(y, labelled)
        if y_val is not None:
            self._check_y_val_labels(y[labelled], y_val)
        rng = check_random_state(self.random_state)
        mlp_seed = int(rng.randint(_SEED_MAX))
        self.visible_unit_ = self._resolve_visible_unit(X) if self.pretrain else None
        self.rbms_ = self._pretrain(X, hyper, rng) if self.pretrain else []
        self.n_samples_pretrain_ = X.shape[0] if self.pretrain else 0

        mlp = self._make_mlp(hyper["hidden"], mlp_seed)
        if getattr(self, "_skl_callbacks", None):
            mlp.set_callbacks(*self._skl_callbacks)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight)
            if sample_weight.ndim == 1 and sample_weight.shape[0] == X.shape[0]:
                sample_weight = sample_weight[labelled]
        if X_val is not None:
            X_val = self._validate_X_val(X_val, X.dtype)
        # the pre-trained layers start the fine-tuning, passed as fit arguments
        self._fit_mlp(mlp, X[labelled], y[labelled], sample_weight,
                      X_val, y_val, sample_weight_val,
                      coef_init=[r.components_.T for r in self.rbms_],
                      intercept_init=[r.intercept_hidden_ for r in self.rbms_])
        self.mlp_ = mlp
        self._n_features_out = hyper["hidden"][-1]
        self.n_samples_finetune_ = int(labelled.sum())
        self.init_coefs_ = [np.array(r.components_.T) for r in self.rbms_]
        self.init_intercepts_ = [np.array(r.intercept_hidden_) for r in self.rbms_]
        return self

    def _check_labelled_targets(self, y, labelled):
        pass

    def _check_y_val_labels(self, y, y_val):
        pass

    def _validate_X_val(self, X_val, dtype):
        X_val = validate_data(
            self, X_val, accept_sparse=["csr", "csc"], dtype=(np.float64, np.float32),
            reset=False,
        )
        if sparse.issparse(X_val):
            X_val = X_val.toarray()
        return np.ascontiguousarray(X_val, dtype=dtype)

    @staticmethod
    def _fit_mlp(mlp, X, y, sample_weight, X_val, y_val, sample_weight_val, coef_init,
                 intercept_init):
        mlp.fit(X, y, sample_weight=sample_weight, X_val=X_val, y_val=y_val,
                sample_weight_val=sample_weight_val, coef_init=coef_init or None,
                intercept_init=intercept_init or None)

    # ------------------------------------------------------------------
    # fitted attributes delegated to the fine-tuned network
    # ------------------------------------------------------------------
    @property
    def coefs_(self):
        """Fine-tuned weight matrices (host arrays), ``coefs_[i]`` of shape (n_i, n_{i+1})."""
        return self.mlp_.coefs_

    @property
    def intercepts_(self):
        """Fine-tuned bias vectors (host arrays)."""
        return self.mlp_.intercepts_

    @property
    def loss_curve_(self):
        """Fine-tuning loss of every epoch (empty with solver='lbfgs')."""
        return self.mlp_.loss_curve_

    @property
    def n_iter_(self):
        """Number of fine-tuning epochs (or L-BFGS iterations) run."""
        return self.mlp_.n_iter_

    @property
    def n_layers_(self):
        return self.mlp_.n_layers_

    @property
    def n_outputs_(self):
        return self.mlp_.n_outputs_

    def transform(self, X):
        """Top hidden layer activations of the fine-tuned network.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        h : ndarray of shape (n_samples, hidden_layer_sizes[-1])
        """
        check_is_fitted(self, "mlp_")
        H = self._validate_X(X, reset=False)
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1]):
            H = _logistic(H @ W + b)
        return H

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


_DBN_DOC = """
    hidden_layer_sizes : array-like of shape (n_hidden_layers,), default=(256, 256)
        Units of every hidden layer, i.e. of every RBM of the stack (the
        architecture of the public DBN package's digits result).
        Whole-number floats are accepted.
    pretrain : bool, default=True
        Pre-train the hidden layers as stacked RBMs. False skips pre-training:
        the network is then a plain logistic MLP (useful for comparisons).
    visible_unit : {'auto', 'bernoulli', 'gaussian'}, default='auto'
        Visible units of the first RBM. 'bernoulli' needs X in [0, 1] (scale
        with MinMaxScaler) and raises a ValueError otherwise; 'gaussian' (unit
        variance) expects standardised data (StandardScaler). 'auto' picks
        'bernoulli' when every value of X lies in [0, 1], else 'gaussian'; the
        choice is stored in ``visible_unit_``. Deeper RBMs are always
        Bernoulli (their input is hidden probabilities).
    rbm_learning_rate : float, default=0.1
        Learning rate of every RBM with Bernoulli visible units.
    rbm_gaussian_learning_rate : float, default=0.01
        Learning rate of the first RBM when its visible units are Gaussian:
        at 0.1 Gaussian RBMs diverged on standardised iris, churn and digits
        data; 0.01 trained stably on all of them.
    rbm_n_iter : int, default=10
        Epochs of every RBM.
    rbm_batch_size : int, default=10
        Minibatch size of every RBM.
    rbm_k : int, default=1
        Gibbs steps per minibatch (CD-k / PCD-k).
    rbm_persistent : bool, default=False
        Persistent contrastive divergence (True) or CD-k (False, the classic
        DBN recipe; it gave better fine-tuned digits accuracy than PCD here).
    rbm_momentum : float, default=0.5
        Momentum of the RBM updates.
    rbm_weight_decay : float, default=0.0
        L2 penalty on the RBM weights.
    solver, alpha, batch_size, learning_rate, learning_rate_init, power_t, \
max_iter, shuffle, tol, momentum, nesterovs_momentum, early_stopping, \
validation_fraction, beta_1, beta_2, epsilon, n_iter_no_change, max_fun, \
dropout, rho, monitor, restore_best_weights, device
        Fine-tuning settings, passed unchanged to the underlying
        :class:`~skneural.MLPClassifier` / :class:`~skneural.MLPRegressor`
        (same names, meanings and defaults as there). The hidden activation is
        always 'logistic', the activation the RBMs were trained with.
    verbose : bool or int, default=False
        Print the RBMs' progress and one line per fine-tuning epoch.
    random_state : int, RandomState instance or None, default=None
        Seeds the RBMs and the fine-tuning network. The same value gives the
        same model, bit for bit, on the same machine.
"""

_DBN_ATTR_DOC = """
    rbms_ : list of BernoulliRBM
        The pre-trained RBMs (empty with ``pretrain=False``).
    mlp_ : MLPClassifier or MLPRegressor
        The fine-tuned network.
    visible_unit_ : str or None
        Visible units used by the first RBM (None without pre-training).
    init_coefs_, init_intercepts_ : list of ndarray
        The pre-trained weights the hidden layers started fine-tuning from
        (``rbms_[i].components_.T`` and ``rbms_[i].intercept_hidden_``).
    coefs_, intercepts_ : list of ndarray
        The fine-tuned weights and biases (``mlp_``'s, host arrays).
    loss_curve_ : list of float
        Fine-tuning loss of every epoch.
    n_iter_ : int
        Fine-tuning epochs run.
    n_samples_pretrain_, n_samples_finetune_ : int
        Rows used for pre-training (all of them) and fine-tuning (labelled).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Defined only when X has string feature names.
"""


class DBNClassifier(ClassifierMixin, _BaseDBN):
    __doc__ = (
        """Deep belief network classifier: stacked RBMs fine-tuned as an MLP.

    Every hidden layer is first trained, greedily and without labels, as a
    :class:`~skneural._rbm.BernoulliRBM` on the previous layer's hidden
    probabilities; the stack then initialises the hidden layers of a logistic
    :class:`~skneural.MLPClassifier` (its output layer keeps the MLP's own
    initialisation), which is fine-tuned by backpropagation.

    Semi-supervised learning is asked for with ``unlabeled``: with
    ``unlabeled=-1`` (:mod:`sklearn.semi_supervised`'s marker) rows whose
    target is -1 are used for pre-training only. By default every target,
    -1 included, is a class.

    Parameters
    ----------"""
        + _DBN_DOC
        + """    class_weight : dict, 'balanced' or None, default=None
        Class weights of the fine-tuning loss.
    unlabeled : int, str or None, default=None
        Target value marking unlabelled rows, used for pre-training only
        (semi-supervised learning). None: every row is labelled and every
        target value is a class. A marker matches a label equal to it or
        written the same way, so ``-1`` and ``"-1"`` mark the same rows of
        integer, float, string or object targets. ``fit`` raises a ValueError
        when every row is unlabelled, when the labelled rows hold a single
        class (e.g. {-1, 1} labels with ``unlabeled=-1``), and when a 2-D
        (multilabel) target holds the marker. Validation rows (``y_val``)
        must be labelled.

    Attributes
    ----------
    classes_ : ndarray
        Class labels (of the labelled rows)."""
        + _DBN_ATTR_DOC
        + """
    Notes
    -----
    ``sample_weight`` weights the fine-tuning loss only; the RBMs see every
    row once, zero-weight rows included (pre-training is unsupervised, like
    the unlabelled rows). Hence sklearn's exact sample-weight equivalence
    checks fail: stochastic minibatch CD on shuffled, weighted rows cannot
    reproduce CD on repeated rows to 1e-7. Callbacks set with ``set_callbacks`` are passed to the
    fine-tuning network and see it (one subtask per epoch). Ctrl-C during
    pre-training aborts the fit (``KeyboardInterrupt``: there is no usable
    network yet); during fine-tuning it stops after the current epoch with a
    warning and keeps the weights, like the MLPs.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skneural._dbn import DBNClassifier
    >>> X, y = load_digits(return_X_y=True)
    >>> X = X / 16.0
    >>> clf = DBNClassifier(hidden_layer_sizes=(32,), rbm_n_iter=2, learning_rate_init=0.01,
    ...                     max_iter=100, random_state=0).fit(X[:500], y[:500])
    >>> clf.predict(X[:3])
    array([0, 1, 2])
    >>> clf.score(X[500:], y[500:]) > 0.85
    True
    >>> clf.rbms_[0].components_.shape
    (32, 64)
    """
    )

    _parameter_constraints: dict = {
        **_BaseDBN._parameter_constraints,
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "unlabeled": [Integral, str, None],
    }

    _mlp_class = MLPClassifier

    def __init__(
        self,
        hidden_layer_sizes=(256, 256),
        *,
        pretrain=True,
        visible_unit="auto",
        rbm_learning_rate=0.1,
        rbm_gaussian_learning_rate=0.01,
        rbm_n_iter=10,
        rbm_batch_size=10,
        rbm_k=1,
        rbm_persistent=False,
        rbm_momentum=0.5,
        rbm_weight_decay=0.0,
        solver="adam",
        alpha=0.0001,
        batch_size="auto",
        learning_rate="constant",
        learning_rate_init=0.001,
        power_t=0.5,
        max_iter=200,
        shuffle=True,
        random_state=None,
        tol=1e-4,
        verbose=False,
        momentum=0.9,
        nesterovs_momentum=True,
        early_stopping=False,
        validation_fraction=0.1,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        n_iter_no_change=10,
        max_fun=15000,
        dropout=0.0,
        rho=0.9,
        monitor="val_score",
        restore_best_weights=None,
        device="cpu",
        class_weight=None,
        unlabeled=None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.pretrain = pretrain
        self.visible_unit = visible_unit
        self.rbm_learning_rate = rbm_learning_rate
        self.rbm_gaussian_learning_rate = rbm_gaussian_learning_rate
        self.rbm_n_iter = rbm_n_iter
        self.rbm_batch_size = rbm_batch_size
        self.rbm_k = rbm_k
        self.rbm_persistent = rbm_persistent
        self.rbm_momentum = rbm_momentum
        self.rbm_weight_decay = rbm_weight_decay
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun
        self.dropout = dropout
        self.rho = rho
        self.monitor = monitor
        self.restore_best_weights = restore_best_weights
        self.device = device
        self.class_weight = class_weight
        self.unlabeled = unlabeled

    def _extra_mlp_params(self):
        return {"class_weight": self.class_weight}

    def _unlabelled_doc(self):
        return "target == unlabeled=%r" % (self.unlabeled,)

    def _check_targets(self, y, n_samples):
        if y is None:
            raise ValueError(
                "requires y to be passed, but the target y is None. %s needs class "
                "labels." % type(self).__name__
            )
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if y.shape[0] != n_samples:
            raise ValueError(
                "Found input variables with inconsistent numbers of samples: [%d, %d]"
                % (n_samples, y.shape[0])
            )
        return y

    def _labelled_mask(self, y):
        if self.unlabeled is None:
            return np.ones(y.shape[0], dtype=bool)
        if y.ndim != 1:
            # a label-indicator matrix has no unlabelled rows; refuse rather than guess
            if _is_marker(y.ravel(), self.unlabeled).any():
                raise ValueError(
                    "unlabeled=%r marks unlabelled rows of a 1-D target, but y has shape "
                    "%s (multilabel) and holds that value. Pass unlabeled=None."
                    % (self.unlabeled, y.shape))
            return np.ones(y.shape[0], dtype=bool)
        return ~_is_marker(y, self.unlabeled)

    def _check_labelled_targets(self, y, labelled):
        # {-1, 1} labels with unlabeled=-1 would be a one-class problem on half the rows.
        if not labelled.all() and np.unique(y[labelled]).shape[0] < 2:
            raise ValueError(
                "%s: after removing the %d unlabelled rows (target == unlabeled=%r) only "
                "the class %r is left. If %r is a real class, pass unlabeled=None."
                % (type(self).__name__, int((~labelled).sum()), self.unlabeled,
                   y[labelled][:1].tolist()[0], self.unlabeled)
            )

    def _check_y_val_labels(self, y, y_val):
        # The fine-tuning network would score unknown labels as wrong (0.0) without a word.
        y_val = np.asarray(y_val)
        if y.ndim != 1:
            return  # label-indicator matrices: the MLP checks their shape
        if y_val.ndim == 2 and y_val.shape[1] == 1:
            y_val = y_val.ravel()
        if y_val.ndim != 1:
            raise ValueError("y_val must be 1-D, like y; got shape %s." % (y_val.shape,))
        known = set(y.tolist())
        unknown = set(y_val.tolist()) - known
        if unknown:
            hint = ""
            if self.unlabeled is not None and _is_marker(
                    np.asarray(sorted(unknown, key=str), dtype=object), self.unlabeled).any():
                hint = (" Validation rows must be labelled: the unlabeled=%r marker is not a "
                        "class." % (self.unlabeled,))
            raise ValueError(
                "y_val has labels %s that are not among the classes of y %s; the model "
                "cannot predict them, so its validation score would be meaningless.%s"
                % (sorted(unknown, key=str), sorted(known, key=str), hint))

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None, sample_weight_val=None):
        """Pre-train the RBM stack on every row, then fine-tune on the labelled rows.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels. Rows whose label is ``unlabeled`` (when set) are used
            for pre-training only.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the fine-tuning loss.
        X_val, y_val, sample_weight_val : array-like, default=None
            A validation set for the fine-tuning (see MLPClassifier.fit).
            ``y_val`` may hold only classes of the labelled rows of ``y``
            (a ValueError names any other label).

        Returns
        -------
        self : DBNClassifier
        """
        return self._fit_dbn(X, y, sample_weight, X_val, y_val, sample_weight_val)

    @property
    def classes_(self):
        """Class labels of the fine-tuned network."""
        return self.mlp_.classes_

    def predict(self, X):
        """Predict class labels of X."""
        check_is_fitted(self, "mlp_")
        return self.mlp_.predict(self._validate_X(X, reset=False))

    def predict_proba(self, X):
        """Class probabilities of X, columns ordered as ``classes_``."""
        check_is_fitted(self, "mlp_")
        return self.mlp_.predict_proba(self._validate_X(X, reset=False))

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        check_is_fitted(self, "mlp_")
        return self.mlp_.predict_log_proba(self._validate_X(X, reset=False))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags


class DBNRegressor(RegressorMixin, _BaseDBN):
    __doc__ = (
        """Deep belief network regressor: stacked RBMs fine-tuned as an MLP.

    See :class:`DBNClassifier`; the fine-tuning network is a logistic
    :class:`~skneural.MLPRegressor`.

    Semi-supervised learning: rows whose target is NaN (every output NaN, for
    several outputs) are unlabelled and used for pre-training only. A row
    with only some outputs NaN, or an infinite target, is an error.

    Parameters
    ----------
    loss : {'squared_error', 'poisson'}, default='squared_error'
        The fine-tuning loss."""
        + _DBN_DOC
        + """
    Attributes
    ----------"""
        + _DBN_ATTR_DOC
        + """
    Examples
    --------
    >>> import numpy as np
    >>> from skneural._dbn import DBNRegressor
    >>> rng = np.random.RandomState(0)
    >>> X = rng.uniform(size=(300, 4))
    >>> y = X.sum(axis=1)
    >>> y[200:] = np.nan          # unlabelled: pre-training only
    >>> reg = DBNRegressor(hidden_layer_sizes=(16,), rbm_n_iter=2, solver="lbfgs", random_state=0).fit(X, y)
    >>> reg.n_samples_pretrain_, reg.n_samples_finetune_
    (300, 200)
    >>> reg.score(X[:200], y[:200]) > 0.9
    True
    """
    )

    _parameter_constraints: dict = {
        **_BaseDBN._parameter_constraints,
        "loss": [StrOptions({"squared_error", "poisson"})],
    }

    _mlp_class = MLPRegressor

    def __init__(
        self,
        loss="squared_error",
        hidden_layer_sizes=(256, 256),
        *,
        pretrain=True,
        visible_unit="auto",
        rbm_learning_rate=0.1,
        rbm_gaussian_learning_rate=0.01,
        rbm_n_iter=10,
        rbm_batch_size=10,
        rbm_k=1,
        rbm_persistent=False,
        rbm_momentum=0.5,
        rbm_weight_decay=0.0,
        solver="adam",
        alpha=0.0001,
        batch_size="auto",
        learning_rate="constant",
        learning_rate_init=0.001,
        power_t=0.5,
        max_iter=200,
        shuffle=True,
        random_state=None,
        tol=1e-4,
        verbose=False,
        momentum=0.9,
        nesterovs_momentum=True,
        early_stopping=False,
        validation_fraction=0.1,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        n_iter_no_change=10,
        max_fun=15000,
        dropout=0.0,
        rho=0.9,
        monitor="val_score",
        restore_best_weights=None,
        device="cpu",
    ):
        self.loss = loss
        self.hidden_layer_sizes = hidden_layer_sizes
        self.pretrain = pretrain
        self.visible_unit = visible_unit
        self.rbm_learning_rate = rbm_learning_rate
        self.rbm_gaussian_learning_rate = rbm_gaussian_learning_rate
        self.rbm_n_iter = rbm_n_iter
        self.rbm_batch_size = rbm_batch_size
        self.rbm_k = rbm_k
        self.rbm_persistent = rbm_persistent
        self.rbm_momentum = rbm_momentum
        self.rbm_weight_decay = rbm_weight_decay
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun
        self.dropout = dropout
        self.rho = rho
        self.monitor = monitor
        self.restore_best_weights = restore_best_weights
        self.device = device

    def _extra_mlp_params(self):
        return {"loss": self.loss}

    def _unlabelled_doc(self):
        return "target is NaN"

    def _check_targets(self, y, n_samples):
        if y is None:
            raise ValueError(
                "requires y to be passed, but the target y is None. %s needs "
                "numeric targets (NaN for unlabelled rows)." % type(self).__name__
            )
        y = np.asarray(y)
        if y.dtype.kind not in "iufb":
            try:
                y = y.astype(np.float64)
            except (TypeError, ValueError) as exc:
                raise ValueError("%s needs numeric targets y: %s" % (type(self).__name__, exc))
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if y.shape[0] != n_samples:
            raise ValueError(
                "Found input variables with inconsistent numbers of samples: [%d, %d]"
                % (n_samples, y.shape[0])
            )
        y = y.astype(np.float64, copy=False)
        if np.isinf(y).any():
            raise ValueError("Input y contains infinity: targets must be finite (NaN marks "
                             "unlabelled rows).")
        return y

    def _labelled_mask(self, y):
        nan = np.isnan(y)
        if y.ndim == 2:
            partial = nan.any(axis=1) & ~nan.all(axis=1)
            if partial.any():
                raise ValueError(
                    "Row %d of y has some outputs NaN and others not: a row is either "
                    "labelled (no NaN) or unlabelled (every output NaN)."
                    % int(np.flatnonzero(partial)[0])
                )
            return ~nan.all(axis=1)
        return ~nan

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, X_val=None, y_val=None, sample_weight_val=None):
        """Pre-train the RBM stack on every row, then fine-tune on the labelled rows.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets; NaN marks rows used for pre-training only.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the fine-tuning loss.
        X_val, y_val, sample_weight_val : array-like, default=None
            A validation set for the fine-tuning (see MLPRegressor.fit).

        Returns
        -------
        self : DBNRegressor
        """
        return self._fit_dbn(X, y, sample_weight, X_val, y_val, sample_weight_val)

    def predict(self, X):
        """Predict targets of X."""
        check_is_fitted(self, "mlp_")
        return self.mlp_.predict(self._validate_X(X, reset=False))
