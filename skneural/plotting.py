"""Plots for training curves, confusion matrices and RBM filters.

matplotlib is an optional dependency (the ``plot`` extra,
``pip install "skneural[plot]"``); it is imported only when a function here
is called.
"""

from collections.abc import Mapping

import numpy as np

__all__ = [
    "TrainingCurveDisplay",
    "RBMFiltersDisplay",
    "ConfusionMatrixDisplay",
    "plot_iterative_error",
    "plotIterativeError",
    "plot_learning_curves",
    "plot_confusion_matrix",
    "plot_rbm_filters",
    "RegressionErrorDisplay",
    "ActMapDisplay",
    "plot_regression_error",
    "plotRegressionError",
    "plot_roc",
    "plotROC",
    "plot_act_map",
    "plotActMap",
]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            "skneural.plotting needs matplotlib, which is an optional dependency: "
            'install it with pip install "skneural[plot]" (or pip install matplotlib).'
        ) from exc
    return plt


def _get(obj, name):
    """Attribute or mapping item ``name`` of ``obj``, or None."""
    if isinstance(obj, Mapping):
        value = obj.get(name)
    else:
        value = getattr(obj, name, None)
    if value is None:
        return None
    value = np.asarray(value, dtype=np.float64).ravel()
    return value if value.size else None


def _final_estimator(obj):
    # Pipeline -> its last step; GridSearchCV & co. -> their best estimator.
    for _ in range(4):
        if hasattr(obj, "best_estimator_"):
            obj = obj.best_estimator_
        elif hasattr(obj, "steps") and hasattr(obj, "named_steps"):
            obj = obj.steps[-1][1]
        else:
            break
    return obj


def _history_from_records(records):
    records = list(records)
    if not records:
        raise ValueError("The training history is empty: fit the model first.")
    if not all(isinstance(r, Mapping) for r in records):
        raise TypeError("A history must be a list of dicts (one per epoch).")

    def column(key):
        values = [r.get(key) for r in records]
        if all(v is None for v in values):
            return None
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

    epoch = column("epoch")
    return {
        "epoch": epoch if epoch is not None else np.arange(1, len(records) + 1.0),
        "loss": column("loss"),
        "val_loss": column("val_loss"),
        "score": column("score"),
        "val_score": column("val_score"),
        "seconds": column("seconds"),
        "source": "history",
    }


def _extract_history(obj):
    """Normalise the supported inputs to a dict of per-epoch arrays.

    Keys: epoch, loss, val_loss, score, val_score, seconds (arrays or None)
    and source ("history", "rsnns" or "estimator").
    """
    obj = _final_estimator(obj)
    history = getattr(obj, "history_", None)
    if history is not None and not isinstance(obj, Mapping):
        return _history_from_records(history)
    if isinstance(obj, (list, tuple)):
        return _history_from_records(obj)

    fit_error = _get(obj, "IterativeFitError")
    if fit_error is not None:
        return {
            "epoch": np.arange(1, fit_error.size + 1.0),
            "loss": fit_error,
            "val_loss": _get(obj, "IterativeTestError"),
            "score": None,
            "val_score": None,
            "seconds": None,
            "source": "rsnns",
        }

    # Estimators (loss_curve_) and Keras-style dicts of lists (loss, val_loss).
    loss = _get(obj, "loss_curve_")
    val_loss = _get(obj, "validation_loss_curve_")
    val_score = _get(obj, "validation_scores_")
    if loss is None and isinstance(obj, Mapping):
        loss, val_loss = _get(obj, "loss"), _get(obj, "val_loss")
        val_score = _get(obj, "val_score")
        if val_score is None:
            val_score = _get(obj, "val_accuracy")
    if loss is None:
        raise TypeError(
            f"Cannot find a training curve in {type(obj).__name__}: expected a "
            "fitted estimator with loss_curve_ (optionally validation_loss_curve_ "
            "/ validation_scores_) or history_, an RSNNS-style model with "
            "IterativeFitError (optionally IterativeTestError), or a history "
            "list of dicts with keys epoch, loss, val_loss, val_score, seconds."
        )
    return {
        "epoch": np.arange(1, loss.size + 1.0),
        "loss": loss,
        "val_loss": val_loss,
        "score": None,
        "val_score": val_score,
        "seconds": None,
        "source": "estimator",
    }


def _ax_or_new(ax, plt, **subplots_kw):
    if ax is None:
        fig, ax = plt.subplots(**subplots_kw)
    else:
        fig = ax.figure
    return fig, ax


def plot_iterative_error(model_or_history, ax=None, *, title=None):
    """Plot the training error per epoch, and the test error when there is one.

    The skneural counterpart of RSNNS's ``plotIterativeError``: the fit
    error is drawn in black and the test (validation) error in red, against
    the epoch number starting at 1.

    Parameters
    ----------
    model_or_history : estimator, RSNNS-style model, list of dict or dict
        One of

        - a fitted estimator (or a Pipeline / search ending in one) with
          ``loss_curve_`` and optionally ``validation_loss_curve_``; if it
          has a ``history_`` list, that is used instead;
        - an RSNNS-style fitted model (attributes or mapping keys
          ``IterativeFitError`` and optionally ``IterativeTestError``);
        - a history: a list of dicts, one per epoch, with keys ``epoch``,
          ``loss``, and optionally ``val_loss``, ``val_score``,
          ``seconds``;
        - a Keras-style dict of lists with ``loss`` and ``val_loss``.
    ax : matplotlib Axes, default=None
        Where to draw; a new figure is created if None.
    title : str, default=None
        Axes title.

    Returns
    -------
    fig : matplotlib Figure
        The figure holding the plot. Its axes have the fit error as the
        first line and, if present, the test error as the second.

    Raises
    ------
    TypeError
        If no training curve can be found in ``model_or_history``.

    See Also
    --------
    plot_learning_curves : Loss and validation score side by side.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import plot_iterative_error
    >>> history = [{"epoch": 1, "loss": 0.9, "val_loss": 1.0},
    ...            {"epoch": 2, "loss": 0.5, "val_loss": 0.7}]
    >>> fig = plot_iterative_error(history)
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['fit error', 'test error']
    """
    plt = _pyplot()
    curves = _extract_history(model_or_history)
    fig, ax = _ax_or_new(ax, plt)
    epoch = curves["epoch"]
    ax.plot(epoch, curves["loss"], color="black", label="fit error")
    if curves["val_loss"] is not None:
        n = min(epoch.size, curves["val_loss"].size)
        ax.plot(epoch[:n], curves["val_loss"][:n], color="red", label="test error")
        ax.legend()
    ax.set_xlabel("Iteration" if curves["source"] == "rsnns" else "Epoch")
    ax.set_ylabel("Weighted SSE" if curves["source"] == "rsnns" else "Loss")
    if title is not None:
        ax.set_title(title)
    return fig


#: RSNNS's name for :func:`plot_iterative_error`.
plotIterativeError = plot_iterative_error


def plot_learning_curves(history, axes=None):
    """Plot the training and validation loss, and the validation score, per epoch.

    Parameters
    ----------
    history : list of dict, estimator or dict
        Anything :func:`plot_iterative_error` accepts; typically an
        estimator's ``history_`` (dicts with keys ``epoch``, ``loss``,
        ``val_loss``, ``val_score``, ``seconds``).
    axes : sequence of two matplotlib Axes, default=None
        Where to draw the loss and the score. A new figure with two panels
        is created if None. When there is no score at all, the second
        panel is left empty with a note.

    Returns
    -------
    fig : matplotlib Figure
        The left axes hold the loss (training, then validation if any); the
        right axes hold the training score (if the history has ``score``)
        and the validation score.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import plot_learning_curves
    >>> history = [{"epoch": e, "loss": 1 / e, "val_loss": 1.2 / e,
    ...             "val_score": 1 - 0.5 / e, "seconds": 0.1} for e in (1, 2, 3)]
    >>> fig = plot_learning_curves(history)
    >>> len(fig.axes)
    2
    """
    plt = _pyplot()
    curves = _extract_history(history)
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    else:
        if len(axes) != 2:
            raise ValueError(f"axes must hold two Axes (loss, score); got {len(axes)}.")
        fig = axes[0].figure
    loss_ax, score_ax = axes
    epoch = curves["epoch"]
    loss_ax.plot(epoch, curves["loss"], label="training loss")
    if curves["val_loss"] is not None:
        loss_ax.plot(epoch[: curves["val_loss"].size], curves["val_loss"], label="validation loss")
    loss_ax.set_xlabel("Epoch")
    loss_ax.set_ylabel("Loss")
    loss_ax.legend()
    drew_score = False
    for key, label in (("score", "training score"), ("val_score", "validation score")):
        if curves[key] is not None:
            score_ax.plot(epoch[: curves[key].size], curves[key], label=label)
            drew_score = True
    score_ax.set_xlabel("Epoch")
    score_ax.set_ylabel("Score")
    if drew_score:
        score_ax.legend()
    else:
        score_ax.text(0.5, 0.5, "no validation score", ha="center", va="center",
                      transform=score_ax.transAxes)
    return fig


def plot_confusion_matrix(y_true, y_pred, labels=None, ax=None, *, normalize=None,
                          display_labels=None, cmap="Blues", values_format=None):
    """Plot a confusion matrix from true and predicted labels.

    A thin wrapper over
    :meth:`sklearn.metrics.ConfusionMatrixDisplay.from_predictions`; rows
    are the true classes and columns the predicted ones (RSNNS's
    ``confusionMatrix`` puts targets in rows too).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_classes,), default=None
        Classes to show, in order; the sorted union of ``y_true`` and
        ``y_pred`` if None.
    ax : matplotlib Axes, default=None
        Where to draw; a new figure is created if None.
    normalize : {"true", "pred", "all"}, default=None
        Normalise counts over the true rows, predicted columns, or all.
    display_labels : array-like of shape (n_classes,), default=None
        Tick labels; ``labels`` if None.
    cmap : str or Colormap, default="Blues"
        Colour map.
    values_format : str, default=None
        Format of the cell values ("d" for counts by default).

    Returns
    -------
    display : :class:`~sklearn.metrics.ConfusionMatrixDisplay`
        Holds ``confusion_matrix``, ``ax_`` and ``figure_``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import plot_confusion_matrix
    >>> disp = plot_confusion_matrix([0, 1, 1, 0], [0, 1, 0, 0])
    >>> disp.confusion_matrix.tolist()
    [[2, 0], [1, 1]]
    """
    _pyplot()
    from sklearn.metrics import ConfusionMatrixDisplay

    return ConfusionMatrixDisplay.from_predictions(
        y_true,
        y_pred,
        labels=labels,
        ax=ax,
        normalize=normalize,
        display_labels=display_labels,
        cmap=cmap,
        values_format=values_format,
        colorbar=False,
    )


def _infer_image_shape(n_features):
    side = int(round(np.sqrt(n_features)))
    if side * side != n_features:
        raise ValueError(
            f"Cannot infer a square image shape for {n_features} features; pass "
            "image_shape=(height, width)."
        )
    return side, side


def _mosaic(images, n_cols):
    """Tile (n, h, w) images n_cols to a row, one NaN pixel between tiles."""
    n, h, w = images.shape
    n_rows = -(-n // n_cols)
    mosaic = np.full((n_rows * (h + 1) - 1, n_cols * (w + 1) - 1), np.nan)
    for i, image in enumerate(images):
        r, c = divmod(i, n_cols)
        mosaic[r * (h + 1): r * (h + 1) + h, c * (w + 1): c * (w + 1) + w] = image
    return mosaic


def plot_rbm_filters(components, image_shape=None, n_cols=10, ax=None, *,
                     max_filters=None, cmap="gray_r", title=None):
    """Show RBM (or first-layer MLP) weights as a grid of images.

    Each row of ``components`` (one hidden unit's weights over the input
    pixels) is reshaped to ``image_shape`` and shown as one image, as in
    scikit-learn's "RBM features for digit classification" example.

    Parameters
    ----------
    components : array-like of shape (n_components, n_features) or estimator
        The filters; a fitted estimator with ``components_`` (BernoulliRBM)
        or ``coefs_`` (MLP: the first layer's columns are used) is accepted.
    image_shape : tuple of int (height, width), default=None
        Shape of one filter image; inferred as square if None (8x8 for the
        digits, 28x28 for MNIST).
    n_cols : int, default=10
        Images per row of the grid.
    ax : matplotlib Axes, default=None
        If None, a new figure is created with one small axes per filter
        (``n_components`` images). If given, the filters are tiled into a
        single mosaic image drawn on ``ax`` (one image).
    max_filters : int, default=None
        Show only the first ``max_filters`` filters.
    cmap : str or Colormap, default="gray_r"
        Colour map.
    title : str, default=None
        Figure title (suptitle, or the axes title when ``ax`` is given).

    Returns
    -------
    fig : matplotlib Figure
        The figure holding the grid.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skneural.plotting import plot_rbm_filters
    >>> fig = plot_rbm_filters(np.random.rand(12, 64), n_cols=4)
    >>> sum(len(a.images) for a in fig.axes)
    12
    """
    plt = _pyplot()
    if hasattr(components, "components_"):
        components = components.components_
    elif hasattr(components, "coefs_"):
        components = np.asarray(components.coefs_[0]).T
    filters = np.asarray(components, dtype=np.float64)
    if filters.ndim != 2:
        raise ValueError(
            f"components must be 2-D (n_components, n_features); got shape {filters.shape}."
        )
    if max_filters is not None:
        filters = filters[: int(max_filters)]
    n_filters, n_features = filters.shape
    if n_filters == 0:
        raise ValueError("There are no filters to plot.")
    if image_shape is None:
        image_shape = _infer_image_shape(n_features)
    image_shape = tuple(int(s) for s in image_shape)
    if int(np.prod(image_shape)) != n_features:
        raise ValueError(
            f"image_shape {image_shape} does not hold {n_features} features."
        )
    n_cols = max(1, min(int(n_cols), n_filters))
    n_rows = -(-n_filters // n_cols)
    images = filters.reshape((n_filters,) + image_shape)

    if ax is not None:
        ax.imshow(_mosaic(images, n_cols), cmap=cmap, interpolation="nearest")
        ax.set_xticks(())
        ax.set_yticks(())
        if title is not None:
            ax.set_title(title)
        return ax.figure

    fig, grid = plt.subplots(n_rows, n_cols, figsize=(0.9 * n_cols, 0.9 * n_rows + 0.4),
                             squeeze=False)
    for i, cell in enumerate(grid.ravel()):
        cell.set_xticks(())
        cell.set_yticks(())
        if i < n_filters:
            cell.imshow(images[i], cmap=cmap, interpolation="nearest")
        else:
            cell.set_axis_off()
    if title is not None:
        fig.suptitle(title)
    return fig


# --------------------------------------------------------------------------
# Display objects (scikit-learn's convention: compute once, ``plot(ax=)`` many
# times; ``ax_``, ``figure_`` and the drawn artists are attributes)
# --------------------------------------------------------------------------
def __getattr__(name):
    # scikit-learn's own display, imported lazily (sklearn.metrics is heavy)
    if name == "ConfusionMatrixDisplay":
        from sklearn.metrics import ConfusionMatrixDisplay  # noqa: PLC0415

        return ConfusionMatrixDisplay
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class TrainingCurveDisplay:
    """Training curves per epoch: the loss, and the validation loss and score when recorded.

    Build it with :meth:`from_estimator` (a fitted MLP, DBN, RBM, RSNNS model,
    or a Pipeline / search ending in one) or :meth:`from_history` (a
    ``history_`` list, a Keras-style dict of lists); both draw at once.
    ``plot(ax=...)`` draws again on other axes.

    Parameters
    ----------
    epoch : ndarray of shape (n_epochs,)
        Epoch numbers, from 1.
    loss : ndarray of shape (n_epochs,)
        Training loss (for RSNNS models the fit error, SNNS's weighted SSE).
    val_loss : ndarray, default=None
        Validation (RSNNS: test) loss per epoch.
    val_score : ndarray, default=None
        Validation score per epoch (accuracy or R^2).
    loss_name : str, default="Loss"
        The y-axis label of the loss.

    Attributes
    ----------
    ax_ : matplotlib Axes
        The axes of the loss curves.
    score_ax_ : matplotlib Axes or None
        The twin axes of the validation score, when it was drawn.
    figure_ : matplotlib Figure
    lines_ : dict of str to Line2D
        ``"loss"``, and ``"val_loss"`` / ``"val_score"`` when drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import TrainingCurveDisplay
    >>> history = [{"epoch": e, "loss": 1 / e, "val_loss": 1.2 / e, "val_score": 0.5 + e / 10}
    ...            for e in (1, 2, 3)]
    >>> disp = TrainingCurveDisplay.from_history(history, score=True)
    >>> sorted(disp.lines_)
    ['loss', 'val_loss', 'val_score']
    """

    def __init__(self, *, epoch, loss, val_loss=None, val_score=None, loss_name="Loss"):
        self.epoch = np.asarray(epoch, dtype=np.float64)
        self.loss = np.asarray(loss, dtype=np.float64)
        self.val_loss = None if val_loss is None else np.asarray(val_loss, dtype=np.float64)
        self.val_score = None if val_score is None else np.asarray(val_score, dtype=np.float64)
        self.loss_name = loss_name

    @classmethod
    def from_history(cls, history, *, ax=None, score=False, log_scale=False):
        """Build from anything :func:`plot_iterative_error` accepts, and plot it."""
        curves = _extract_history(history)
        rsnns = curves["source"] == "rsnns"
        disp = cls(epoch=curves["epoch"], loss=curves["loss"], val_loss=curves["val_loss"],
                   val_score=curves["val_score"],
                   loss_name="Weighted SSE" if rsnns else "Loss")
        return disp.plot(ax=ax, score=score, log_scale=log_scale)

    @classmethod
    def from_estimator(cls, estimator, *, ax=None, score=False, log_scale=False):
        """Build from a fitted estimator's recorded curves, and plot them.

        Raises a ``TypeError`` naming the estimator when it recorded none
        (an unfitted model, or one without per-epoch curves).
        """
        try:
            return cls.from_history(estimator, ax=ax, score=score, log_scale=log_scale)
        except TypeError as exc:
            raise TypeError(
                f"{type(estimator).__name__} has no training curves to plot: fit it first "
                f"(it needs loss_curve_, history_ or IterativeFitError). {exc}") from exc

    def plot(self, ax=None, *, score=False, log_scale=False):
        """Draw the curves on ``ax`` (a new figure if None); returns ``self``.

        ``score=True`` also draws the validation score on a twin y-axis.
        """
        plt = _pyplot()
        fig, ax = _ax_or_new(ax, plt)
        self.lines_ = {}
        (self.lines_["loss"],) = ax.plot(self.epoch, self.loss, color="black",
                                         label="training loss")
        if self.val_loss is not None:
            n = min(self.epoch.size, self.val_loss.size)
            (self.lines_["val_loss"],) = ax.plot(self.epoch[:n], self.val_loss[:n],
                                                 color="red", label="validation loss")
        ax.set_xlabel("Epoch")
        ax.set_ylabel(self.loss_name)
        if log_scale:
            ax.set_yscale("log")
        self.score_ax_ = None
        if score and self.val_score is not None:
            self.score_ax_ = ax.twinx()
            n = min(self.epoch.size, self.val_score.size)
            (self.lines_["val_score"],) = self.score_ax_.plot(
                self.epoch[:n], self.val_score[:n], color="tab:blue", linestyle="--",
                label="validation score")
            self.score_ax_.set_ylabel("Validation score")
        if len(self.lines_) > 1:
            ax.legend(handles=list(self.lines_.values()), loc="best")
        self.ax_, self.figure_ = ax, fig
        return self


class RBMFiltersDisplay:
    """RBM (or first-layer MLP / DBN) weights shown as a mosaic of images on one Axes.

    Parameters
    ----------
    filters : ndarray of shape (n_filters, n_features)
        One row per hidden unit.
    image_shape : tuple of int (height, width)
        The shape of one filter image; ``height * width == n_features``.

    Attributes
    ----------
    mosaic_ : ndarray
        The tiled filters (NaN between tiles), as drawn.
    image_ : matplotlib AxesImage
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skneural.plotting import RBMFiltersDisplay
    >>> disp = RBMFiltersDisplay(np.random.rand(12, 64), (8, 8)).plot(n_cols=4)
    >>> disp.mosaic_.shape
    (26, 35)
    """

    def __init__(self, filters, image_shape):
        self.filters = np.asarray(filters, dtype=np.float64)
        self.image_shape = tuple(int(s) for s in image_shape)

    @classmethod
    def from_estimator(cls, estimator, *, image_shape=None, max_filters=None, ax=None,
                       n_cols=10, cmap="gray_r"):
        """Take the filters of a fitted BernoulliRBM (``components_``), DBN or MLP
        (the first layer's weights), or the last step of a Pipeline, and plot them."""
        est = _final_estimator(estimator)
        if hasattr(est, "components_"):
            filters = est.components_
        elif hasattr(est, "coefs_"):
            filters = np.asarray(est.coefs_[0]).T
        else:
            raise TypeError(
                f"{type(est).__name__} has no filters to show: expected a fitted "
                "BernoulliRBM (components_) or a fitted MLP/DBN (coefs_).")
        filters = np.asarray(filters, dtype=np.float64)
        if max_filters is not None:
            filters = filters[: int(max_filters)]
        if filters.shape[0] == 0:
            raise ValueError("There are no filters to plot.")
        if image_shape is None:
            image_shape = _infer_image_shape(filters.shape[1])
        return cls(filters, image_shape).plot(ax=ax, n_cols=n_cols, cmap=cmap)

    def plot(self, ax=None, *, n_cols=10, cmap="gray_r"):
        """Tile the filters ``n_cols`` to a row on ``ax`` (a new figure if None); returns ``self``."""
        plt = _pyplot()
        h, w = self.image_shape
        if self.filters.ndim != 2 or h * w != self.filters.shape[1]:
            raise ValueError(f"image_shape {self.image_shape} does not hold the filters' "
                             f"{self.filters.shape[-1]} features.")
        n = self.filters.shape[0]
        n_cols = max(1, min(int(n_cols), n))
        n_rows = -(-n // n_cols)
        mosaic = _mosaic(self.filters.reshape(n, h, w), n_cols)
        fig, ax = _ax_or_new(ax, plt, figsize=(0.8 * n_cols + 0.4, 0.8 * n_rows + 0.4))
        self.image_ = ax.imshow(mosaic, cmap=cmap, interpolation="nearest")
        ax.set_xticks(())
        ax.set_yticks(())
        self.mosaic_, self.ax_, self.figure_ = mosaic, ax, fig
        return self


# --------------------------------------------------------------------------
# RSNNS's other plots: plotRegressionError, plotROC, plotActMap
# --------------------------------------------------------------------------
def _finite_vector(v, name):
    arr = np.asarray(v.to_numpy() if hasattr(v, "to_numpy") else v)
    if arr.dtype.kind in "OUS":
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be numeric.") from None
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a vector (one output), got shape {arr.shape}.")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinity.")
    return arr


class RegressionErrorDisplay:
    """RSNNS's regression error plot: targets on x, fitted values on y.

    The ideal fit, the line through 0 with slope 1, is drawn in black and a
    least-squares line fitted to the points in red, as RSNNS's
    ``plotRegressionError`` draws them. (scikit-learn's
    :class:`~sklearn.metrics.PredictionErrorDisplay` puts the predictions on
    x and has no fitted line; use it for residual plots.)

    Parameters
    ----------
    targets, fits : ndarray of shape (n_samples,)

    Attributes
    ----------
    coef_ : ndarray of shape (2,)
        Intercept and slope of the red line (``fits ~ targets``).
    scatter_ : matplotlib PathCollection
    ideal_line_, fit_line_ : matplotlib Line2D
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import RegressionErrorDisplay
    >>> disp = RegressionErrorDisplay.from_predictions([0, 1, 2], [0.5, 1.5, 2.5])
    >>> disp.coef_.round(6).tolist()
    [0.5, 1.0]
    """

    def __init__(self, targets, fits):
        self.targets = _finite_vector(targets, "targets")
        self.fits = _finite_vector(fits, "fits")
        if self.targets.size != self.fits.size:
            raise ValueError(f"targets and fits have different lengths: {self.targets.size} "
                             f"and {self.fits.size}.")
        if self.targets.size < 2:
            raise ValueError("A regression error plot needs at least 2 points.")

    @classmethod
    def from_predictions(cls, targets, fits, *, ax=None, **kwargs):
        """Build from targets and predictions (RSNNS's argument order), and plot."""
        return cls(targets, fits).plot(ax=ax, **kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, ax=None, **kwargs):
        """Predict ``X`` with a fitted single-output regressor, and plot against ``y``."""
        return cls(y, np.asarray(estimator.predict(X))).plot(ax=ax, **kwargs)

    def plot(self, ax=None, **kwargs):
        """Draw on ``ax`` (a new figure if None); ``kwargs`` go to ``ax.scatter``. Returns self."""
        plt = _pyplot()
        fig, ax = _ax_or_new(ax, plt)
        self.scatter_ = ax.scatter(self.targets, self.fits, **kwargs)
        lo = float(min(self.targets.min(), self.fits.min()))
        hi = float(max(self.targets.max(), self.fits.max()))
        (self.ideal_line_,) = ax.plot([lo, hi], [lo, hi], color="black", label="optimal")
        if np.ptp(self.targets) > 0:
            slope, intercept = np.polyfit(self.targets, self.fits, 1)
        else:
            slope, intercept = 0.0, float(self.fits.mean())
        self.coef_ = np.array([intercept, slope])
        xs = np.array([self.targets.min(), self.targets.max()])
        (self.fit_line_,) = ax.plot(xs, intercept + slope * xs, color="red", label="linear fit")
        ax.set_xlabel("targets")
        ax.set_ylabel("fits")
        self.ax_, self.figure_ = ax, fig
        return self


def plot_regression_error(targets, fits, ax=None, **kwargs):
    """RSNNS's ``plotRegressionError``: a :class:`RegressionErrorDisplay`.

    Parameters
    ----------
    targets : array-like of shape (n_samples,)
    fits : array-like of shape (n_samples,)
        The model's predictions.
    ax : matplotlib Axes, default=None
    **kwargs
        Passed to ``ax.scatter``.

    Returns
    -------
    RegressionErrorDisplay

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import plotRegressionError
    >>> plotRegressionError([1, 2, 3], [1.1, 1.9, 3.2]).ax_.get_xlabel()
    'targets'
    """
    return RegressionErrorDisplay.from_predictions(targets, fits, ax=ax, **kwargs)


def plot_roc(T, D, ax=None, **kwargs):
    """RSNNS's ``plotROC(T, D)``: the ROC curve of predictions ``T`` for binary targets ``D``.

    Drawn by scikit-learn's :class:`~sklearn.metrics.RocCurveDisplay` (false
    positive rate = 1 - specificity on x, true positive rate = sensitivity
    on y) with the chance diagonal, as RSNNS draws it.

    Parameters
    ----------
    T : array-like of shape (n_samples,)
        Predictions (scores; higher means "positive").
    D : array-like of shape (n_samples,)
        Targets, 0/1 (or two values: the larger is the positive class).
    ax : matplotlib Axes, default=None
    **kwargs
        Passed to :meth:`RocCurveDisplay.from_predictions`.

    Returns
    -------
    sklearn.metrics.RocCurveDisplay

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skneural.plotting import plotROC
    >>> disp = plotROC([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    >>> float(disp.roc_auc)
    0.75
    """
    from sklearn.metrics import RocCurveDisplay  # noqa: PLC0415

    scores = _finite_vector(T, "T (predictions)")
    targets = _finite_vector(D, "D (targets)")
    if scores.size != targets.size:
        raise ValueError(f"T and D have different lengths: {scores.size} and {targets.size}.")
    classes = np.unique(targets)
    if classes.size != 2:
        raise ValueError(f"D (targets) must hold two classes (0/1), got {classes.tolist()}.")
    _pyplot()
    kwargs.setdefault("plot_chance_level", True)
    return RocCurveDisplay.from_predictions(targets, scores, pos_label=classes[1], ax=ax,
                                            **kwargs)


class ActMapDisplay:
    """An activation map (e.g. from :func:`skneural.rsnns.vectorToActMap`) as a heat map.

    The map is drawn as it prints: row 1 at the top, column 1 on the left.

    Parameters
    ----------
    act_map : ndarray of shape (nrow, ncol)

    Attributes
    ----------
    image_ : matplotlib AxesImage
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skneural.plotting import ActMapDisplay
    >>> ActMapDisplay(np.arange(6.0).reshape(2, 3)).plot().image_.get_array().shape
    (2, 3)
    """

    def __init__(self, act_map):
        arr = np.asarray(act_map, dtype=np.float64)
        if arr.ndim != 2:
            raise ValueError(f"An activation map is a matrix; got shape {arr.shape}. Use "
                             "vectorToActMap to arrange a vector.")
        if not np.isfinite(arr).all():
            raise ValueError("The activation map contains NaN or infinity.")
        self.act_map = arr

    @classmethod
    def from_vector(cls, v, nrow=0, ncol=0, *, ax=None, **kwargs):
        """Arrange ``v`` with :func:`skneural.rsnns.vectorToActMap`, and plot it."""
        from .rsnns import vector_to_act_map  # noqa: PLC0415

        return cls(vector_to_act_map(v, nrow, ncol)).plot(ax=ax, **kwargs)

    def plot(self, ax=None, *, cmap="YlOrRd", **kwargs):
        """Draw on ``ax`` (a new figure if None); ``kwargs`` go to ``ax.imshow``. Returns self."""
        plt = _pyplot()
        fig, ax = _ax_or_new(ax, plt)
        kwargs.setdefault("interpolation", "nearest")
        self.image_ = ax.imshow(self.act_map, cmap=cmap, origin="upper", **kwargs)
        ax.set_xticks(())
        ax.set_yticks(())
        self.ax_, self.figure_ = ax, fig
        return self


def plot_act_map(x, ax=None, **kwargs):
    """RSNNS's ``plotActMap``: an :class:`ActMapDisplay` of the matrix ``x``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from skneural.plotting import plotActMap
    >>> plotActMap(np.eye(3)).act_map.shape
    (3, 3)
    """
    return ActMapDisplay(x).plot(ax=ax, **kwargs)


#: RSNNS's names.
plotRegressionError = plot_regression_error
plotROC = plot_roc
plotActMap = plot_act_map
