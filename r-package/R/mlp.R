# RSNNS's mlp(): build and train a multilayer perceptron; the training is
# skneural.rsnns.mlp (an MLPRegressor with the SNNS learning function).

.UPDATE_FUNCS <- "Topological_Order"

#' Create and train a multilayer perceptron (RSNNS's mlp)
#'
#' @param x,y training inputs and targets (matrices or data frames; a factor y
#'   is one-hot encoded with decodeClassLabels()).
#' @param size hidden layer sizes (R doubles such as 5 are fine).
#' @param random_state seed for the initial weights and the pattern shuffling.
#'   NULL (the default) draws one from R's RNG, so set.seed() makes runs
#'   reproducible.
#' @return an object of class skneural_mlp: a list with IterativeFitError,
#'   IterativeTestError (with a test set), fitted.values and the Python model
#'   ($py); predict() gives the output activations as a matrix.
mlp <- function(x, y, size = c(5), maxit = 100,
                initFunc = "Randomize_Weights", initFuncParams = c(-0.3, 0.3),
                learnFunc = "Std_Backpropagation", learnFuncParams = c(0.2, 0),
                updateFunc = "Topological_Order", updateFuncParams = c(0),
                hiddenActFunc = "Act_Logistic", shufflePatterns = TRUE, linOut = FALSE,
                inputsTest = NULL, targetsTest = NULL, random_state = NULL) {
  size <- .check_whole(size, "size", min = 1L, scalar = FALSE)
  maxit <- .check_whole(maxit, "maxit", min = 1L)
  initFunc <- .check_string(initFunc, "initFunc")
  initFuncParams <- .check_numbers(initFuncParams, "initFuncParams")
  learnFunc <- .check_string(learnFunc, "learnFunc")
  learnFuncParams <- .check_numbers(learnFuncParams, "learnFuncParams")
  updateFunc <- .check_string(updateFunc, "updateFunc")
  if (!updateFunc %in% .UPDATE_FUNCS) {
    .stop("mlp: unknown updateFunc '", updateFunc, "'; skneural implements ",
          paste0("'", .UPDATE_FUNCS, "'", collapse = ", "), ".")
  }
  .check_numbers(updateFuncParams, "updateFuncParams")
  hiddenActFunc <- .check_string(hiddenActFunc, "hiddenActFunc")
  shufflePatterns <- .check_flag(shufflePatterns, "shufflePatterns")
  linOut <- .check_flag(linOut, "linOut")
  if (is.null(inputsTest) != is.null(targetsTest)) {
    .stop("mlp: 'inputsTest' and 'targetsTest' must be given together.")
  }
  seed <- .seed_from_r(random_state)

  X <- .as_numeric_matrix(x, "x", encoding = TRUE, fun = "mlp")
  encoding <- attr(X, "encoding")
  if (is.factor(y)) y <- decodeClassLabels(y)
  Y <- .as_numeric_matrix(y, "y", fun = "mlp")
  if (nrow(X) != nrow(Y)) {
    .stop("mlp: 'x' and 'y' have different numbers of rows: ", nrow(X), " and ", nrow(Y), ".")
  }
  Xt <- Yt <- NULL
  if (!is.null(inputsTest)) {
    Xt <- .to_py_matrix(.as_numeric_matrix(inputsTest, "inputsTest", encoding = encoding,
                                           fun = "mlp"))
    if (is.factor(targetsTest)) targetsTest <- decodeClassLabels(targetsTest)
    Yt <- .to_py_matrix(.as_numeric_matrix(targetsTest, "targetsTest", fun = "mlp"))
  }
  py <- .py_call(.sk$rsnns$mlp(
    .to_py_matrix(X), .to_py_matrix(Y), size = .builtins$list(as.list(size)), maxit = maxit,
    initFunc = initFunc, initFuncParams = .builtins$list(as.list(initFuncParams)),
    learnFunc = learnFunc, learnFuncParams = .builtins$list(as.list(learnFuncParams)),
    hiddenActFunc = hiddenActFunc, shufflePatterns = shufflePatterns, linOut = linOut,
    inputsTest = Xt, targetsTest = Yt, random_state = seed
  ), "mlp")
  meta <- list(
    nInputs = ncol(X), nOutputs = ncol(Y), size = size, maxit = maxit,
    initFunc = initFunc, initFuncParams = initFuncParams,
    learnFunc = learnFunc, learnFuncParams = learnFuncParams,
    updateFunc = updateFunc, updateFuncParams = updateFuncParams,
    hiddenActFunc = hiddenActFunc, shufflePatterns = shufflePatterns, linOut = linOut,
    random_state = seed, encoding = encoding, inputColnames = colnames(X),
    outputColnames = colnames(Y)
  )
  .new_mlp(py, meta)
}

# The R object around a fitted Python model (also used by loadModel()).
.new_mlp <- function(py, meta) {
  fit_err <- as.vector(.from_py(py$IterativeFitError))
  test_err <- py$IterativeTestError
  test_err <- if (.is_none(test_err)) NULL else as.vector(.from_py(test_err))
  fitted_values <- .from_py(py$fitted_values)
  fitted_values <- matrix(as.double(fitted_values), ncol = meta$nOutputs,
                          dimnames = list(NULL, meta$outputColnames))
  structure(
    c(list(py = py, IterativeFitError = fit_err, IterativeTestError = test_err,
           fitted.values = fitted_values), meta),
    class = c("skneural_mlp", "skneural_model")
  )
}

.check_alive <- function(object) {
  if (reticulate::py_is_null_xptr(object$py)) {
    .stop("skneural: this model's Python object is gone (the R object was restored with ",
          "readRDS/load or comes from another R session). Save models with saveModel() ",
          "and restore them with loadModel().")
  }
}

#' Output activations of an mlp() model, as a matrix (RSNNS's predict)
predict.skneural_mlp <- function(object, newdata, ...) {
  .check_alive(object)
  if (missing(newdata) || is.null(newdata)) return(object$fitted.values)
  X <- .as_numeric_matrix(newdata, "newdata", encoding = object$encoding, fun = "predict")
  if (ncol(X) != object$nInputs) {
    .stop("predict: 'newdata' has ", ncol(X), " columns; the model has ", object$nInputs,
          " inputs.")
  }
  out <- .from_py(.py_call(object$py$predict(.to_py_matrix(X)), "predict"))
  matrix(as.double(out), nrow = nrow(X), ncol = object$nOutputs,
         dimnames = list(rownames(newdata), object$outputColnames))
}

fitted.skneural_mlp <- function(object, ...) object$fitted.values

print.skneural_mlp <- function(x, ...) {
  cat("skneural mlp (RSNNS-compatible multilayer perceptron)\n")
  cat("  architecture:", paste(c(x$nInputs, x$size, x$nOutputs), collapse = "-"),
      sprintf("(%s hidden, %s output)\n", x$hiddenActFunc,
              if (x$linOut) "Act_Identity" else "Act_Logistic"))
  cat("  learnFunc: ", x$learnFunc, "(", paste(signif(x$learnFuncParams, 4), collapse = ", "),
      ")", sep = "")
  cat("  maxit:", x$maxit, " random_state:", x$random_state, "\n")
  n <- length(x$IterativeFitError)
  if (n) cat(sprintf("  training error (SSE) after %d epochs: %.4g\n", n, x$IterativeFitError[n]))
  if (length(x$IterativeTestError)) {
    cat(sprintf("  test error (SSE): %.4g\n", x$IterativeTestError[length(x$IterativeTestError)]))
  }
  invisible(x)
}

summary.skneural_mlp <- function(object, ...) {
  .check_alive(object)
  coefs <- .r(object$py$coefs_)
  n_weights <- sum(vapply(coefs, length, integer(1)))
  n_biases <- sum(c(object$size, object$nOutputs))
  structure(list(model = object, n_weights = n_weights, n_biases = n_biases),
            class = "summary.skneural_mlp")
}

print.summary.skneural_mlp <- function(x, ...) {
  print(x$model)
  cat(sprintf("  %d weights, %d biases\n", x$n_weights, x$n_biases))
  err <- x$model$IterativeFitError
  if (length(err)) {
    cat("  training error: first", format(err[1], digits = 4), " min",
        format(min(err), digits = 4), " last", format(err[length(err)], digits = 4), "\n")
  }
  invisible(x)
}

#' Plot the training (and test) error per epoch with base graphics
#' (RSNNS's plotIterativeError)
plotIterativeError <- function(object, ...) UseMethod("plotIterativeError")

plotIterativeError.default <- function(object, main = "Iterative error", ...) {
  fit_err <- object$IterativeFitError
  test_err <- object$IterativeTestError
  if (!length(fit_err)) .stop("plotIterativeError: the model has no IterativeFitError.")
  ylim <- range(c(fit_err, test_err), finite = TRUE)
  graphics::plot(seq_along(fit_err), fit_err, type = "l", ylim = ylim, xlab = "Iteration",
                 ylab = "Weighted SSE", main = main, ...)
  if (length(test_err)) {
    graphics::lines(seq_along(test_err), test_err, col = "red")
    graphics::legend("topright", legend = c("training", "test"), col = c("black", "red"),
                     lty = 1, bty = "n")
  }
  invisible(object)
}
