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

#' @describeIn estimators multilayer perceptron classifier
MLPClassifier <- function(...) .new_estimator("MLPClassifier", list(...))
#' @describeIn estimators multilayer perceptron regressor
MLPRegressor <- function(...) .new_estimator("MLPRegressor", list(...))
#' @describeIn estimators Bernoulli restricted Boltzmann machine (predict() = transform)
BernoulliRBM <- function(...) .new_estimator("BernoulliRBM", list(...))
#' @describeIn estimators deep belief network classifier
DBNClassifier <- function(...) .new_estimator("DBNClassifier", list(...))
#' @describeIn estimators deep belief network regressor
DBNRegressor <- function(...) .new_estimator("DBNRegressor", list(...))

#' The Python estimator inside an R skneural model (for sklearn tools such as
#' GridSearchCV, called through reticulate).
py_estimator <- function(model) {
  if (!inherits(model, "skneural_model")) .stop("py_estimator: not a skneural model.")
  model$py
}

#' Train a model
fit <- function(object, ...) UseMethod("fit")

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

#' Predict with a fitted estimator
#'
#' Classifiers: type = "class" gives a factor with the training levels,
#' type = "prob" a matrix of class probabilities whose column names are the
#' levels. Regressors: a vector (or a matrix for several targets).
#' BernoulliRBM: the hidden units' activation probabilities (transform).
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

print.skneural_estimator <- function(x, ...) {
  cat("skneural", x$class_name, if (reticulate::py_is_null_xptr(x$py)) "(Python object gone)"
      else if (.fitted(x)) "(fitted)" else "(not fitted)", "\n")
  if (!reticulate::py_is_null_xptr(x$py)) cat(" ", .r(.builtins$repr(x$py)), "\n")
  if (!is.null(x$levels)) cat("  levels:", paste(x$levels, collapse = ", "), "\n")
  invisible(x)
}
