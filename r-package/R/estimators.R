# The scikit-learn estimators as R objects with fit() and predict().
#
# MLPClassifier(...), MLPRegressor(...), BernoulliRBM(...), DBNClassifier(...)
# and DBNRegressor(...) take the Python constructor's parameters by name. R
# doubles holding whole numbers are turned into integers for the integer
# parameters, NA is refused, and random_state = NULL draws a seed from R's RNG
# when the model is created (so set.seed() before it makes the run
# reproducible). The object is an environment: fit(model, x, y) trains it in
# place (and returns it invisibly), so both `fit(model, x, y)` and
# `model <- fit(model, x, y)` work.

.INT_PARAMS <- c("max_iter", "n_iter_no_change", "max_fun", "n_components", "batch_size",
                 "n_iter", "k", "rbm_n_iter", "rbm_batch_size", "rbm_k", "random_state",
                 "unlabeled")
.SIZE_PARAMS <- "hidden_layer_sizes"
.CLASSIFIERS <- c("MLPClassifier", "DBNClassifier")
.REGRESSORS <- c("MLPRegressor", "DBNRegressor")
.TRANSFORMERS <- "BernoulliRBM"

.py_param <- function(name, value) {
  if (is.null(value)) return(NULL)
  if (inherits(value, "python.builtin.object")) return(value)  # e.g. a solver() object
  if (is.function(value) || is.environment(value)) {
    .stop("skneural: parameter '", name, "' cannot be ", .describe(value), ".")
  }
  if (anyNA(value)) {
    .stop("skneural: parameter '", name, "' is NA; NA cannot be passed to Python ",
          "(reticulate would turn it into a number or TRUE).")
  }
  if (name %in% .SIZE_PARAMS) {
    return(reticulate::tuple(as.list(.check_whole(value, name, min = 1L, scalar = FALSE))))
  }
  if (name %in% .INT_PARAMS && is.numeric(value)) {
    return(.check_whole(value, name, min = NULL))
  }
  if (is.atomic(value) && length(value) > 1L) return(reticulate::tuple(as.list(value)))
  value
}

.new_estimator <- function(class_name, args) {
  if (length(args) && (is.null(names(args)) || any(!nzchar(names(args))))) {
    .stop(class_name, "(): pass every parameter by name, e.g. ", class_name,
          "(hidden_layer_sizes = c(10), max_iter = 200).")
  }
  if (is.null(args$random_state)) args["random_state"] <- list(NULL)
  args$random_state <- .seed_from_r(args$random_state)
  params <- list()
  for (nm in names(args)) params[nm] <- list(.py_param(nm, args[[nm]]))
  py <- .py_call(do.call(.sk[[class_name]], params), class_name)
  .wrap_estimator(py, class_name)
}

.wrap_estimator <- function(py, class_name, levels = NULL, encoding = NULL, y_colnames = NULL) {
  obj <- new.env(parent = emptyenv())
  obj$py <- py
  obj$class_name <- class_name
  obj$levels <- levels
  obj$encoding <- encoding
  obj$y_colnames <- y_colnames
  kind <- if (class_name %in% .CLASSIFIERS) "skneural_classifier" else
    if (class_name %in% .REGRESSORS) "skneural_regressor" else "skneural_transformer"
  class(obj) <- c(paste0("skneural_", class_name), kind, "skneural_estimator", "skneural_model")
  obj
}

#' scikit-learn neural-network estimators
#'
#' @description
#' Create an (unfitted) skneural estimator: a multilayer perceptron classifier
#' or regressor, a Bernoulli restricted Boltzmann machine, or a deep belief
#' network (RBM-pretrained multilayer perceptron) classifier or regressor.
#' Train it with [fit()], use it with [predict()][predict.skneural_estimator].
#'
#' * `MLPClassifier()`, `MLPRegressor()`: Python's `skneural.MLPClassifier` /
#'   `skneural.MLPRegressor`, scikit-learn compatible (same parameters as
#'   scikit-learn's, e.g. `hidden_layer_sizes = c(100)`, `activation = "relu"`,
#'   `solver = "adam"`, `alpha`, `batch_size`, `learning_rate_init`,
#'   `max_iter = 200`, `early_stopping`, `tol`); `MLPRegressor()` also takes
#'   `loss` (default `"squared_error"`).
#' * `BernoulliRBM()`: `skneural.BernoulliRBM` (`n_components = 256`,
#'   `learning_rate`, `batch_size`, `n_iter`, `k` steps of contrastive
#'   divergence, `persistent`, `momentum`, `weight_decay`, ...); unsupervised,
#'   `predict()` gives the hidden units' activation probabilities
#'   (Python's `transform()`).
#' * `DBNClassifier()`, `DBNRegressor()`: `skneural.DBNClassifier` /
#'   `skneural.DBNRegressor`: a stack of RBMs pretrained layer by layer
#'   (`hidden_layer_sizes = c(256, 256)`, `pretrain`, `rbm_learning_rate`,
#'   `rbm_n_iter`, `rbm_batch_size`, `rbm_k`, ...) then fine-tuned as a
#'   multilayer perceptron (the `MLPClassifier()` parameters).
#'
#' @details
#' The R object is an environment around the Python estimator, so [fit()]
#' trains it in place: both `fit(model, x, y)` and
#' `model <- fit(model, x, y)` work.
#'
#' Parameters are checked and converted in R before they reach Python:
#' * every parameter must be named (Python's keyword names);
#' * whole-number doubles become integers for the integer parameters
#'   (`max_iter = 200`, `hidden_layer_sizes = c(10, 5)`, `batch_size`,
#'   `n_components`, `n_iter`, `random_state`, ...), other numbers are an
#'   error there;
#' * a vector of length > 1 becomes a Python tuple;
#' * `NA` is an error (reticulate would pass it as a number or `TRUE`);
#' * `random_state = NULL` (the default) draws a seed from R's random number
#'   generator when the model is created, so [set.seed()] before the call
#'   makes the model reproducible; a whole number fixes the seed.
#'
#' Errors raised by the Python constructor (an unknown parameter, say) become R
#' errors of class `skneural_python_error`.
#'
#' @param ... parameters of the Python constructor, each passed by name, e.g.
#'   `hidden_layer_sizes = c(10)`, `max_iter = 300`, `random_state = 1`. See
#'   Description for the main ones and the Python documentation
#'   (`help(skneural.MLPClassifier)`) for all of them.
#' @return An unfitted model: an environment of class
#'   `c("skneural_<Class>", "skneural_classifier" | "skneural_regressor" |
#'   "skneural_transformer", "skneural_estimator", "skneural_model")` holding
#'   the Python estimator (see [py_estimator()]).
#' @seealso [fit()], [predict.skneural_estimator()], [saveModel()],
#'   [py_estimator()]; [mlp()] for the RSNNS-compatible interface.
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' x <- normalizeData(iris[, 1:4])
#' clf <- MLPClassifier(hidden_layer_sizes = c(10), solver = "lbfgs", max_iter = 500)
#' fit(clf, x, iris$Species)                 # factor in ...
#' table(predict(clf, x), iris$Species)      # ... factor out
#' round(head(predict(clf, x, type = "prob")), 3)
#'
#' reg <- MLPRegressor(hidden_layer_sizes = c(8), max_iter = 500, random_state = 0)
#' fit(reg, iris[, 2:4], iris$Sepal.Length)
#' head(predict(reg, iris[, 2:4]))
#'
#' rbm <- BernoulliRBM(n_components = 3, n_iter = 5, random_state = 0)
#' fit(rbm, normalizeData(iris[, 1:4], "0_1"))
#' dim(predict(rbm, normalizeData(iris[, 1:4], "0_1")))
#' @name estimators
NULL

#' @rdname estimators
#' @export
MLPClassifier <- function(...) .new_estimator("MLPClassifier", list(...))
#' @rdname estimators
#' @export
MLPRegressor <- function(...) .new_estimator("MLPRegressor", list(...))
#' @rdname estimators
#' @export
BernoulliRBM <- function(...) .new_estimator("BernoulliRBM", list(...))
#' @rdname estimators
#' @export
DBNClassifier <- function(...) .new_estimator("DBNClassifier", list(...))
#' @rdname estimators
#' @export
DBNRegressor <- function(...) .new_estimator("DBNRegressor", list(...))

#' The Python estimator inside an R model
#'
#' Gives the Python object that an R skneural model wraps, for Python tools
#' the R functions do not cover, such as scikit-learn's `GridSearchCV` or
#' `cross_val_score`, called through reticulate.
#'
#' @details
#' The object is shared, not copied: fitting it in Python changes the R model
#' too (but the R side, such as a classifier's factor levels, is only set by
#' [fit()]). Python estimators want integer class codes and numpy arrays:
#' convert the data with [reticulate::np_array()] or
#' [reticulate::r_to_py()].
#'
#' @param model a skneural model: from [MLPClassifier()] and friends,
#'   [mlp()] or [loadModel()].
#' @return The Python estimator (a reticulate object, `convert = FALSE`).
#' @seealso [estimators], [skneural_py()]; the script
#'   `system.file("examples", "grid_search.R", package = "skneural")`.
#' @examplesIf skneural:::.python_usable()
#' clf <- MLPClassifier(hidden_layer_sizes = c(5), random_state = 0)
#' py <- py_estimator(clf)
#' py$get_params()$hidden_layer_sizes
#' @export
py_estimator <- function(model) {
  if (!inherits(model, "skneural_model")) .stop("py_estimator: not a skneural model.")
  model$py
}

#' Train a skneural estimator
#'
#' Trains a model created by [MLPClassifier()], [MLPRegressor()],
#' [BernoulliRBM()], [DBNClassifier()] or [DBNRegressor()] in place (the model
#' is an environment) and returns it invisibly.
#'
#' @details
#' `x` is a numeric matrix, numeric vector (one feature) or data frame.
#' Factor and character columns of a data frame are one-hot encoded; the
#' levels seen here are stored and applied again by [predict()][predict.skneural_estimator]
#' (new levels there are an error). `NA` anywhere is an error: remove or impute
#' missing values first.
#'
#' For classifiers `y` is a factor (or a vector, which is turned into a
#' factor; or a one-column data frame): its levels become the classes and
#' `predict()` returns a factor with these levels. For regressors `y` is a
#' numeric vector, or a matrix / data frame with one column per target.
#' `BernoulliRBM()` is unsupervised: leave `y` out.
#'
#' Python warnings during training (a `ConvergenceWarning` when `max_iter`
#' is reached, say) become R warnings.
#'
#' @param object the model to train: a `skneural_estimator`.
#' @param x training inputs: numeric matrix, numeric vector or data frame
#'   (factor and character columns are one-hot encoded); no `NA`.
#' @param y training targets: a factor (or labels) for classifiers, numbers
#'   (vector, matrix or data frame) for regressors, `NULL` for
#'   `BernoulliRBM()`; no `NA`; as many rows as `x`.
#' @param ... further arguments passed by name to the Python `fit()` method
#'   (for the generic: arguments for the methods).
#' @return `object`, invisibly, now fitted.
#' @seealso [estimators], [predict.skneural_estimator()], [saveModel()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(42)
#' x <- normalizeData(iris[, 1:4])
#' clf <- MLPClassifier(hidden_layer_sizes = c(10), solver = "lbfgs", max_iter = 500)
#' fit(clf, x, iris$Species)
#' clf
#' mean(predict(clf, x) == iris$Species)
#' @export
fit <- function(object, ...) UseMethod("fit")

#' @rdname fit
#' @export
fit.skneural_estimator <- function(object, x, y = NULL, ...) {
  X <- .as_numeric_matrix(x, "x", encoding = TRUE, fun = "fit")
  object$encoding <- attr(X, "encoding")
  if (inherits(object, "skneural_classifier")) {
    if (is.null(y)) .stop("fit: a classifier needs 'y'.")
    if (is.data.frame(y)) y <- y[[1L]]
    if (anyNA(y)) .stop(.na_message("y"))
    if (!is.factor(y)) y <- factor(y)
    object$levels <- levels(y)
    py_y <- .np$asarray(as.integer(y) - 1L, dtype = "int64")
  } else if (inherits(object, "skneural_regressor")) {
    if (is.null(y)) .stop("fit: a regressor needs 'y'.")
    Y <- .as_numeric_matrix(y, "y", fun = "fit")
    object$y_colnames <- colnames(Y)
    py_y <- .to_py_matrix(Y)
    if (ncol(Y) == 1L) py_y <- py_y$ravel()
  } else {
    py_y <- NULL
  }
  if (nrow(X) != 0L && !is.null(y) && NROW(y) != nrow(X)) {
    .stop("fit: 'x' and 'y' have different numbers of rows: ", nrow(X), " and ", NROW(y), ".")
  }
  .py_call(object$py$fit(.to_py_matrix(X), py_y, ...), paste0("fit (", object$class_name, ")"))
  invisible(object)
}

#' Predict with a fitted skneural estimator
#'
#' @description
#' `predict()` applies a model trained with [fit()] to new data; `print()`
#' shows the model's class, whether it is fitted, its Python parameters and,
#' for classifiers, the class levels.
#'
#' * Classifiers: `type = "class"` (the default) gives a factor with the
#'   training levels; `type = "prob"` a matrix of class probabilities with one
#'   column per level (named by the levels, in level order; a level absent
#'   from the training data gets a column of 0), rows named like `newdata`'s.
#' * Regressors: a numeric vector, or a matrix (one column per target, named
#'   like the training targets) for several targets.
#' * `BernoulliRBM()`: the hidden units' activation probabilities (Python's
#'   `transform()`), a matrix with one column per hidden unit.
#'
#' @param object,x a fitted model from [MLPClassifier()], [MLPRegressor()],
#'   [BernoulliRBM()], [DBNClassifier()] or [DBNRegressor()].
#' @param newdata inputs with the training columns: numeric matrix, numeric
#'   vector or data frame; factor columns must use levels seen in training;
#'   no `NA`.
#' @param type for classifiers, `"class"` (factor of predicted classes) or
#'   `"prob"` (matrix of class probabilities); ignored by other models.
#' @param ... unused.
#' @return `predict()`: see Description. `print()`: `x`, invisibly.
#' @seealso [fit()], [estimators], [predict.skneural_mlp()] for [mlp()] models.
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' idx <- sample(nrow(iris), 100)
#' train <- normalizeData(iris[idx, 1:4], "0_1")
#' test <- normalizeData(iris[-idx, 1:4], getNormParameters(train))
#' clf <- DBNClassifier(hidden_layer_sizes = c(16), rbm_n_iter = 10,
#'                      solver = "lbfgs", max_iter = 500)
#' fit(clf, train, iris$Species[idx])
#' print(clf)
#' confusionMatrix(iris$Species[-idx], predict(clf, test))
#' round(head(predict(clf, test, type = "prob")), 3)
#' @export
predict.skneural_estimator <- function(object, newdata, type = c("class", "prob"), ...) {
  .check_alive(object)
  if (!.fitted(object)) .stop("predict: fit the model first (fit(model, x, y)).")
  M <- .as_numeric_matrix(newdata, "newdata", encoding = object$encoding, fun = "predict")
  X <- .to_py_matrix(M)
  what <- paste0("predict (", object$class_name, ")")
  if (inherits(object, "skneural_classifier")) {
    type <- match.arg(type)
    classes <- as.integer(.from_py(object$py$classes_))
    if (type == "class") {
      codes <- as.integer(.from_py(.py_call(object$py$predict(X), what)))
      return(.as_factor(codes, object$levels))
    }
    proba <- .from_py(.py_call(object$py$predict_proba(X), what))
    proba <- matrix(as.double(proba), ncol = length(classes))
    lev <- if (is.null(object$levels)) as.character(classes) else object$levels
    out <- matrix(0, nrow(proba), length(lev), dimnames = list(rownames(newdata), lev))
    cols <- if (is.null(object$levels)) seq_along(classes) else classes + 1L
    out[, cols] <- proba
    return(out)
  }
  if (inherits(object, "skneural_regressor")) {
    out <- .from_py(.py_call(object$py$predict(X), what))
    if (is.matrix(out)) {
      storage.mode(out) <- "double"
      colnames(out) <- object$y_colnames
      return(out)
    }
    return(as.vector(out))
  }
  out <- .from_py(.py_call(object$py$transform(X), what))
  matrix(as.double(out), nrow = nrow(M))
}

.as_factor <- function(codes, levels) {
  if (is.null(levels)) return(factor(codes))
  factor(levels[codes + 1L], levels = levels)
}

.fitted <- function(object) {
  reticulate::py_has_attr(object$py, "n_features_in_")
}

#' @rdname predict.skneural_estimator
#' @export
print.skneural_estimator <- function(x, ...) {
  cat("skneural", x$class_name, if (reticulate::py_is_null_xptr(x$py)) "(Python object gone)"
      else if (.fitted(x)) "(fitted)" else "(not fitted)", "\n")
  if (!reticulate::py_is_null_xptr(x$py)) cat(" ", .r(.builtins$repr(x$py)), "\n")
  if (!is.null(x$levels)) cat("  levels:", paste(x$levels, collapse = ", "), "\n")
  invisible(x)
}
