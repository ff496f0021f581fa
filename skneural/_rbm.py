"""Restricted Boltzmann machine on Numba kernels (drop-in for sklearn's)."""

import time
import warnings
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
    _fit_context,
)
from sklearn.callback import CallbackSupportMixin
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import (
    Interval,
    InvalidParameterError,
    StrOptions,
)
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _backend
from ._kernels.cpu import shuffle_inplace as _shuffle_inplace
from ._multilayer_perceptron import DivergenceWarning

# rows of the training set used for the per-epoch pseudo-likelihood monitor
# (history_ and verbose): evenly spaced, so the cost stays a small fraction
# of an epoch even for MNIST-sized data
_MONITOR_MAX_ROWS = 256


def _get_rbm_kernels(device):
    """The RBM kernels of ``device`` ("cpu", "auto" or "cuda"), from the registry."""
    return _backend.get_kernels(_backend.resolve_device(device), "rbm")


class BernoulliRangeWarning(UserWarning):
    """X passed to Bernoulli visible units has values outside [0, 1].

    The data are used as given (as scikit-learn's BernoulliRBM does); the
    warning suggests MinMaxScaler or ``visible_unit="gaussian"``.
    """


def _whole_number(value, name):
    """Return ``value`` as int; whole-number floats (5.0) are accepted."""
    if isinstance(value, Integral):
        return int(value)
    if float(value).is_integer():
        return int(value)
    raise InvalidParameterError(
        f"The {name!r} parameter of BernoulliRBM must be a whole number; "
        f"got {value!r}."
    )


class BernoulliRBM(ClassNamePrefixFeaturesOutMixin, TransformerMixin, CallbackSupportMixin,
                   BaseEstimator):
    """Restricted Boltzmann machine with binary hidden units.

    A drop-in replacement for :class:`sklearn.neural_network.BernoulliRBM`
    (same parameters, defaults and fitted attributes) whose whole training
    epoch runs in one Numba-compiled call.  With the default settings it
    trains by persistent contrastive divergence (PCD, a.k.a. stochastic
    maximum likelihood) exactly as sklearn does: the minibatches are taken in
    order, positive and negative hidden statistics are probabilities, and a
    persistent chain of ``batch_size`` hidden samples carries over between
    minibatches.

    Parameters
    ----------
    n_components : int, default=256
        Number of binary hidden units.
    learning_rate : float, default=0.1
        Learning rate of the weight updates.
    batch_size : int, default=10
        Number of examples per minibatch (and particles of the persistent chain).
    n_iter : int, default=10
        Number of passes over the training set.
    verbose : int, default=0
        If non-zero, print the pseudo-likelihood (computed exactly on at most
        256 evenly spaced training rows; Bernoulli units only), the
        reconstruction error and the time of every iteration.
    random_state : int, RandomState instance or None, default=None
        Seeds the weight initialisation (identical to sklearn's) and the
        counter-based random streams of the kernels.  The same value and the
        same data give a bit-identical model.
    k : int, default=1
        Number of Gibbs steps per minibatch (CD-k / PCD-k).
    persistent : bool, default=True
        True: persistent CD (sklearn's algorithm). False: CD-k, the chain
        starts from a hidden sample of each minibatch.
    momentum : float, default=0.0
        Momentum of the parameter updates.
    weight_decay : float, default=0.0
        L2 penalty on the weights (not the biases).
    sparsity_target : float or None, default=None
        Target mean activation of the hidden units; None disables the penalty.
    sparsity_cost : float, default=0.1
        Strength of the sparsity penalty (used only with ``sparsity_target``).
        A running mean ``q`` of the hidden activity is kept and
        ``sparsity_cost * (q - sparsity_target)`` is subtracted from the
        hidden-bias gradient (and, times the mean visible vector, from the
        weight gradient).
    shuffle : bool, default=False
        Shuffle the rows every epoch (sklearn does not shuffle).
    visible_unit : {"bernoulli", "gaussian"}, default="bernoulli"
        Bernoulli visible units model data in [0, 1]; other finite values are
        accepted (as by scikit-learn's BernoulliRBM) with a
        :class:`BernoulliRangeWarning` from ``fit``, ``partial_fit``,
        ``score_samples`` and ``gibbs``.  Gaussian visible units have unit
        variance and expect standardised real-valued data.
    device : {"cpu", "auto", "cuda"}, default="cpu"
        Where the training kernels run. "auto" uses a GPU when one is usable
        and the CPU otherwise; "cuda" raises RuntimeError (saying why) when
        no GPU is usable.  Fitted attributes are host NumPy arrays either way,
        and transform/score_samples/gibbs run on the CPU.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
    intercept_hidden_ : ndarray of shape (n_components,)
    intercept_visible_ : ndarray of shape (n_features,)
    h_samples_ : ndarray of shape (batch_size, n_components)
        The persistent chain's hidden samples.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Defined only when X has string feature names.
    interrupted_ : bool
        True when the last ``fit`` was stopped by Ctrl-C (KeyboardInterrupt).
    history_ : list of dict
        One dict per epoch of the last ``fit``: ``epoch``, ``seconds`` (of the
        training epoch) and ``reconstruction_error``, the mean squared
        difference between at most 256 evenly spaced training rows and their
        mean-field reconstruction (cheap: two small products).  With
        ``verbose``, Bernoulli models also record ``pseudo_likelihood``, the
        mean exact pseudo-likelihood of those rows (costlier:
        rows x features x components).

    Notes
    -----
    ``fit`` supports scikit-learn's callbacks (``set_callbacks``), one
    subtask per epoch; a callback can stop training, and Ctrl-C stops it
    with a warning, keeping the current weights.  Callbacks receive the ``y``
    given to ``fit`` (which training ignores) or, when there is none, one NaN
    per row: scikit-learn's ``ScoringMonitor`` scores only when ``y`` is not
    None.  To record the mean pseudo-likelihood of the training rows after
    every epoch::

        monitor = ScoringMonitor(scoring={
            "pseudo_likelihood": lambda est, X, y: est.score_samples(X).mean()})
        BernoulliRBM().set_callbacks(monitor).fit(X)
        monitor.get_logs().data_as_pandas

    Differences from sklearn: :meth:`score_samples` returns the exact
    pseudo-likelihood (deterministic) instead of a one-feature random
    estimate; :meth:`gibbs` returns floats of the model's dtype instead of
    booleans; on the last, shorter minibatch the negative statistics are
    averaged over the chain (sklearn divides them by the minibatch size);
    sparse input is accepted but densified.

    Examples
    --------
    >>> import numpy as np
    >>> from skneural._rbm import BernoulliRBM
    >>> X = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    >>> model = BernoulliRBM(n_components=2, random_state=0).fit(X)
    >>> model.transform(X).shape
    (4, 2)
    """

    _parameter_constraints: dict = {
        "n_components": [Interval(Real, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "batch_size": [Interval(Real, 1, None, closed="left")],
        "n_iter": [Interval(Real, 0, None, closed="left")],
        "verbose": ["verbose"],
        "random_state": ["random_state"],
        "k": [Interval(Real, 1, None, closed="left")],
        "persistent": ["boolean"],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "weight_decay": [Interval(Real, 0, None, closed="left")],
        "sparsity_target": [Interval(Real, 0, 1, closed="neither"), None],
        "sparsity_cost": [Interval(Real, 0, None, closed="left")],
        "shuffle": ["boolean"],
        "visible_unit": [StrOptions({"bernoulli", "gaussian"})],
        "device": [StrOptions({"cpu", "auto", "cuda"})],
    }

    def __init__(
        self,
        n_components=256,
        *,
        learning_rate=0.1,
        batch_size=10,
        n_iter=10,
        verbose=0,
        random_state=None,
        k=1,
        persistent=True,
        momentum=0.0,
        weight_decay=0.0,
        sparsity_target=None,
        sparsity_cost=0.1,
        shuffle=False,
        visible_unit="bernoulli",
        device="cpu",
    ):
        self.n_components = n_components
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.n_iter = n_iter
        self.verbose = verbose
        self.random_state = random_state
        self.k = k
        self.persistent = persistent
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.sparsity_target = sparsity_target
        self.sparsity_cost = sparsity_cost
        self.shuffle = shuffle
        self.visible_unit = visible_unit
        self.device = device

    # ------------------------------------------------------------------
    # validation helpers
    # ------------------------------------------------------------------
    def _int_params(self):
        return {
            name: _whole_number(getattr(self, name), name)
            for name in ("n_components", "batch_size", "n_iter", "k")
        }

    def _gaussian(self):
        return self.visible_unit == "gaussian"

    def _validate_X(self, X, reset, dtype=(np.float64, np.float32), check_range=True):
        """Validate X (NaN/inf, shape, dtype) and warn when Bernoulli data leave [0, 1].

        Values outside [0, 1] are accepted, as scikit-learn's BernoulliRBM
        accepts them, with a :class:`BernoulliRangeWarning`.
        """
        X = validate_data(
            self, X, accept_sparse="csr", dtype=dtype, order="C", reset=reset
        )
        if sp.issparse(X):
            X = np.ascontiguousarray(X.toarray())
        if reset is False and hasattr(self, "components_"):
            X = np.ascontiguousarray(X, dtype=self.components_.dtype)
        if check_range and not self._gaussian() and X.size:
            low, high = X.min(), X.max()
            if low < 0 or high > 1:
                warnings.warn(
                    f"{type(self).__name__} with visible_unit='bernoulli' expects X "
                    f"in [0, 1] (the probabilities of binary visible units); got "
                    f"values in [{low!r}, {high!r}]. The model is still fitted/"
                    "evaluated on X as given; scale it to [0, 1] (e.g. with "
                    "sklearn.preprocessing.MinMaxScaler) or use "
                    "visible_unit='gaussian' for standardised real-valued data.",
                    BernoulliRangeWarning,
                    stacklevel=3,
                )
        return X

    def _kernels(self):
        """Training kernels of ``device``; inference always uses the CPU ones."""
        return _get_rbm_kernels(self.device)

    # ------------------------------------------------------------------
    # model
    # ------------------------------------------------------------------
    def _init_params(self, n_features, dtype, rng, ints):
        H = ints["n_components"]
        self.components_ = np.ascontiguousarray(
            rng.normal(0, 0.01, (H, n_features)), dtype=dtype
        )
        self._n_features_out = H
        self.intercept_hidden_ = np.zeros(H, dtype=dtype)
        self.intercept_visible_ = np.zeros(n_features, dtype=dtype)
        self.h_samples_ = np.zeros((ints["batch_size"], H), dtype=dtype)
        self._velocity = (
            np.zeros_like(self.components_),
            np.zeros_like(self.intercept_visible_),
            np.zeros_like(self.intercept_hidden_),
        )
        self._hidden_activity = np.zeros(H, dtype=dtype)
        if self.sparsity_target is not None:
            self._hidden_activity[:] = self.sparsity_target

    def _run_epoch(self, kern, X, order, seed, epoch, batch_size, ints):
        sparse_on = self.sparsity_target is not None
        vW, vb, vc = self._velocity
        kern.rbm_train_epoch(
            X, order, self.components_, self.intercept_visible_,
            self.intercept_hidden_, self.h_samples_, vW, vb, vc,
            self._hidden_activity, np.uint64(seed), int(epoch), int(batch_size),
            ints["k"], bool(self.persistent), self._gaussian(),
            float(self.learning_rate), float(self.momentum),
            float(self.weight_decay),
            float(self.sparsity_target) if sparse_on else 0.0,
            float(self.sparsity_cost) if sparse_on else 0.0,
        )

    @staticmethod
    def _draw_seed(rng):
        return int(rng.randint(0, np.iinfo(np.int64).max, dtype=np.int64))

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Fit the model to X.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : ignored
            Not used in training; passed on to the callbacks (see Notes).

        Returns
        -------
        self : BernoulliRBM
        """
        ints = self._int_params()
        kern = self._kernels()
        _backend.release_device_cache()  # device copies of an earlier X may be stale
        X = self._validate_X(X, reset=True)
        n_samples = X.shape[0]
        rng = check_random_state(self.random_state)
        self._init_params(X.shape[1], X.dtype, rng, ints)
        seed = self._draw_seed(rng)
        self._seed = seed
        order = np.arange(n_samples, dtype=np.int64)
        monitor = np.ascontiguousarray(X[:: max(1, -(-n_samples // _MONITOR_MAX_ROWS))])
        # divergence guard: Gaussian units can blow up with a large learning rate
        baseline = self._reconstruction_error(monitor)
        self.history_ = []
        self.interrupted_ = False
        last_good = None
        # sklearn's ScoringMonitor scores only when y is not None: callbacks get the
        # fit's y (ignored for training), or one NaN per row when fit got none
        cb_y = y if y is not None else (lambda: np.full(n_samples, np.nan))
        ctx = self._init_callback_context(max_subtasks=ints["n_iter"])
        ctx.call_on_fit_task_begin(estimator=self, X=X, y=cb_y)
        for epoch in range(ints["n_iter"]):
            try:
                epoch_ctx = ctx.subcontext(task_name="epoch")
                epoch_ctx.call_on_fit_task_begin(estimator=self, X=X, y=cb_y)
                begin = time.perf_counter()
                if self.shuffle:  # the MLP's compiled shuffle: one random-number source
                    order = np.arange(n_samples, dtype=np.int64)
                    _shuffle_inplace(order, seed, epoch)
                last_good = self._state_copy()
                self._run_epoch(kern, X, order, seed, epoch, ints["batch_size"], ints)
                error = self._reconstruction_error(monitor)
                if self._diverged(error, baseline):
                    self._restore_state(last_good)
                    warnings.warn(
                        "BernoulliRBM training diverged in epoch %d (reconstruction error %r, "
                        "%r before training): stopped and kept the weights of the last good "
                        "epoch (%d done). Lower learning_rate%s."
                        % (epoch + 1, error, baseline, epoch,
                           " (Gaussian visible units usually need 0.01 or less)"
                           if self._gaussian() else ""),
                        DivergenceWarning,
                    )
                    break
                record = {"epoch": epoch + 1, "seconds": time.perf_counter() - begin,
                          "reconstruction_error": error}
                what = "reconstruction error = %.4f" % record["reconstruction_error"]
                if self.verbose and not self._gaussian():
                    # exact pseudo-likelihood: O(rows * n_features * n_components)
                    record["pseudo_likelihood"] = float(self.score_samples(monitor).mean())
                    what = "pseudo-likelihood = %.2f, %s" % (record["pseudo_likelihood"], what)
                self.history_.append(record)
                if self.verbose:
                    print(f"[{type(self).__name__}] Iteration {epoch + 1}, {what}, "
                          f"time = {record['seconds']:.2f}s")
                if epoch_ctx.call_on_fit_task_end(
                    estimator=self, X=X, y=cb_y,
                    reconstruction_attributes=self._reconstruction_attributes,
                ):
                    break
            except KeyboardInterrupt:
                if len(self.history_) < epoch + 1 and last_good is not None:
                    self._restore_state(last_good)  # the epoch was not recorded: undo it
                self.interrupted_ = True
                warnings.warn(
                    "Training interrupted by the user after %d epoch(s); keeping the "
                    "weights of the last completed epoch." % len(self.history_), UserWarning)
                break
        ctx.call_on_fit_task_end(estimator=self, X=X, y=cb_y,
                                 reconstruction_attributes=self._reconstruction_attributes)
        _backend.release_device_cache()
        return self

    _PARAMS = ("components_", "intercept_hidden_", "intercept_visible_")
    _STATE = _PARAMS + ("h_samples_", "_hidden_activity")

    def _state_copy(self):
        return ({name: getattr(self, name).copy() for name in self._STATE},
                tuple(v.copy() for v in self._velocity))

    def _restore_state(self, state):
        arrays, velocity = state
        for name, value in arrays.items():
            getattr(self, name)[...] = value
        for buf, value in zip(self._velocity, velocity):
            buf[...] = value

    def _params_finite(self):
        return all(np.isfinite(getattr(self, name)).all() for name in self._PARAMS)

    def _diverged(self, error, baseline):
        """Non-finite parameters or error, or an error 1e6 times the untrained one."""
        if not np.isfinite(error) or not self._params_finite():
            return True
        return error > 1e6 * max(baseline, 1e-12)

    def _reconstruction_attributes(self):
        """Copies of the current parameters, for callbacks that evaluate the model."""
        return {name: getattr(self, name).copy() for name in self._PARAMS}

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y=None):
        """Update the model with one minibatch made of all of X (like sklearn).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : BernoulliRBM
        """
        ints = self._int_params()
        kern = self._kernels()
        _backend.release_device_cache()  # device copies of an earlier X may be stale
        first_pass = not hasattr(self, "components_")
        X = self._validate_X(X, reset=first_pass)
        if not hasattr(self, "random_state_"):
            self.random_state_ = check_random_state(self.random_state)
        if first_pass:
            self._init_params(X.shape[1], X.dtype, self.random_state_, ints)
        seed = self._draw_seed(self.random_state_)
        if X.shape[0]:
            order = np.arange(X.shape[0], dtype=np.int64)
            last_good = self._state_copy()
            self._run_epoch(kern, X, order, seed, 0, X.shape[0], ints)
            if not self._params_finite():
                self._restore_state(last_good)
                warnings.warn("BernoulliRBM.partial_fit diverged (non-finite weights): the "
                              "update was undone. Lower learning_rate.", DivergenceWarning)
        _backend.release_device_cache()
        return self

    def _mean_hiddens(self, X):
        return _get_rbm_kernels("cpu").rbm_mean_hiddens(
            X, self.components_, self.intercept_hidden_
        )

    def _reconstruction_error(self, X):
        """Mean squared difference between X and its mean-field reconstruction."""
        if not len(X):
            return 0.0
        with np.errstate(all="ignore"):  # a diverged model may overflow
            return float(np.mean((self._reconstruct(X) - X) ** 2))

    def _reconstruct(self, X):
        """Mean of P(v | h = P(h | v)) (for monitoring)."""
        v = self._mean_hiddens(X) @ self.components_ + self.intercept_visible_
        if self._gaussian():
            return v
        return 1.0 / (1.0 + np.exp(-v))

    def transform(self, X):
        """Hidden activation probabilities P(h = 1 | v = X).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Any finite values: unlike ``fit``, ``transform`` does not warn
            when Bernoulli data leave [0, 1], so that a scaler fitted on the
            training set (which can map new data slightly outside [0, 1])
            works quietly in a Pipeline.

        Returns
        -------
        h : ndarray of shape (n_samples, n_components), dtype of the model
        """
        check_is_fitted(self)
        X = self._validate_X(X, reset=False, check_range=False)
        return self._mean_hiddens(X)

    def gibbs(self, v):
        """One Gibbs sampling step v -> h -> v'.

        Successive calls use successive random streams derived from
        ``random_state``, so a fixed ``random_state`` gives a reproducible
        sequence of samples.

        Parameters
        ----------
        v : ndarray of shape (n_samples, n_features)

        Returns
        -------
        v_new : ndarray of shape (n_samples, n_features), dtype of the model
        """
        check_is_fitted(self)
        v = self._validate_X(v, reset=False)
        if not hasattr(self, "random_state_"):
            self.random_state_ = check_random_state(self.random_state)
        seed = self._draw_seed(self.random_state_)
        return _get_rbm_kernels("cpu").rbm_gibbs(
            v, self.components_, self.intercept_visible_, self.intercept_hidden_,
            np.uint64(seed), 0, self._gaussian(),
        )

    def _free_energy(self, v):
        return _get_rbm_kernels("cpu").rbm_free_energy(
            v, self.components_, self.intercept_visible_, self.intercept_hidden_,
            self._gaussian(),
        )

    def score_samples(self, X):
        """Log pseudo-likelihood of every row of X (deterministic).

        For Bernoulli visible units this is the *exact* pseudo-likelihood
        ``sum_i log P(v_i | v_-i)``, where ``P(v_i | v_-i) = sigmoid(F(v~) -
        F(v))`` and ``v~`` is ``v`` with feature ``i`` replaced by ``1 - v_i``.
        sklearn returns ``n_features * log P(v_i | v_-i)`` for one random
        ``i`` per row, whose expectation is this value; computing all features
        makes the result deterministic (cost O(n_samples * n_features *
        n_components)).  For Gaussian visible units it returns ``-F(v)``,
        the log-likelihood up to the (unknown) log partition function.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        pseudo_likelihood : ndarray of shape (n_samples,), float64
        """
        check_is_fitted(self)
        X = self._validate_X(X, reset=False)
        if self._gaussian():
            return -self._free_energy(X)
        return _get_rbm_kernels("cpu").rbm_pseudo_likelihood(
            X, self.components_, self.intercept_visible_, self.intercept_hidden_
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
