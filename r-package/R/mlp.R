# RSNNS's mlp(): build and train a multilayer perceptron; the training is
# skneural.rsnns.mlp (an MLPRegressor with the SNNS learning function).

.UPDATE_FUNCS <- "Topological_Order"

#' Create and train a multilayer perceptron (RSNNS's mlp)
#'
#' @description
#' RSNNS's `mlp()`: builds a fully connected feed-forward network with
#' `ncol(x)` inputs, the hidden layers given by `size` and `ncol(y)` outputs,
#' and trains it with one of SNNS's learning functions. Arguments, defaults
#' and results are RSNNS's, so RSNNS scripts run unchanged; the training is
#' done by the Python function `skneural.rsnns.mlp`, in single precision as
#' SNNS computes.
#'
#' @details
#' Every hidden and output unit has a bias. Weights and biases start uniform
#' in `initFuncParams` (`Randomize_Weights`, the only `initFunc`). Hidden
#' units use `hiddenActFunc`; output units are logistic, or the identity when
#' `linOut = TRUE` (use that for regression with targets outside (0, 1)).
#' Identity units are SNNS's `Act_Identity`: their output is the weighted sum
#' of their inputs without their bias (the bias is still trained, and never
#' changes an output), so a `linOut` network has no output offset.
#'
#' `learnFuncParams` are SNNS's parameters of the learning function, in this
#' order (missing ones are 0):
#' | learnFunc | learnFuncParams | mode |
#' |---|---|---|
#' | `Std_Backpropagation` | eta, dmax | online (update after every pattern) |
#' | `BackpropBatch` | eta, dmax | batch (mean gradient) |
#' | `BackpropChunk` | eta, dmax, chunk size | update every chunk (0: every pattern) |
#' | `BackpropMomentum` | eta, momentum, flat-spot constant, dmax | online |
#' | `BackpropWeightDecay` | eta, decay, minimum weight, dmax | online; links below the minimum weight are pruned |
#' | `Rprop` | initial step (0: 0.001), maximum step (0: 2), decay exponent a (weight decay 10^-a; 0: none) | batch |
#' | `Quickprop` | eta, mu (maximum growth factor), nu (weight decay), dmax | batch |
#' | `SCG` | sigma1 (0: 1e-4), lambda1 (0: 1e-6), dmax, tolerance (0: 1e-8) | batch, scaled conjugate gradient |
#'
#' `dmax`: outputs within `dmax` of their target count as correct (no error,
#' no gradient). The error recorded per epoch (`IterativeFitError`,
#' `IterativeTestError`) is SNNS's: the sum of squared errors over patterns
#' and outputs, skipping outputs within `dmax`.
#'
#' Differences from RSNNS: an unknown `learnFunc`, `initFunc`,
#' `hiddenActFunc` or `updateFunc` is an error (RSNNS warns and falls back to
#' a default); `NA` in the data is an error; factor `y` / `targetsTest` are
#' one-hot encoded with [decodeClassLabels()]; factor and character columns of
#' a data frame `x` are one-hot encoded (and again, with the same levels, by
#' `predict()`); `pruneFunc` must be `NULL`. Under `set.seed()` the run is
#' RSNNS's (see below).
#'
#' @param x training inputs: a numeric matrix, numeric vector or data frame
#'   (one row per pattern); factor and character columns of a data frame are
#'   one-hot encoded. No `NA`.
#' @param y training targets: a numeric matrix or vector (one row per
#'   pattern), e.g. from [decodeClassLabels()]; a factor is one-hot encoded
#'   with [decodeClassLabels()]. No `NA`.
#' @param size the number of units in each hidden layer: a vector of whole
#'   numbers, one element per hidden layer (R doubles such as `5` or
#'   `c(10, 5)` are fine).
#' @param maxit the number of training epochs (iterations over all
#'   patterns), a whole number.
#' @param initFunc the weight initialisation function; only
#'   `"Randomize_Weights"` is implemented.
#' @param initFuncParams the parameters of the initialisation function: for
#'   `Randomize_Weights`, the lower and upper bound of the uniform initial
#'   weights and biases.
#' @param learnFunc the SNNS learning function: `"Std_Backpropagation"`,
#'   `"BackpropBatch"`, `"BackpropChunk"`, `"BackpropMomentum"`,
#'   `"BackpropWeightDecay"`, `"Rprop"`, `"Quickprop"` or `"SCG"`.
#' @param learnFuncParams the parameters of the learning function, see
#'   Details (default: learning rate 0.2, dmax 0).
#' @param updateFunc the update function; only `"Topological_Order"` (SNNS's
#'   default for feed-forward networks) is implemented.
#' @param updateFuncParams the parameters of the update function (accepted for
#'   compatibility, not used by `Topological_Order`).
#' @param hiddenActFunc the activation function of the hidden units:
#'   `"Act_Logistic"`, `"Act_TanH"`, `"Act_Identity"` or `"Act_ReLU"`.
#' @param shufflePatterns if `TRUE`, the training patterns are visited in a
#'   new random order every epoch.
#' @param linOut if `TRUE`, the output units are linear (`Act_Identity`);
#'   otherwise logistic.
#' @param inputsTest,targetsTest an optional test set (both or neither), with
#'   the same columns as `x` and `y`; its error is recorded after every epoch
#'   in `IterativeTestError`. It is not used for training.
#' @param outputActFunc the activation function of the output units,
#'   `"Act_Logistic"` or `"Act_Identity"` (default: from `linOut`); it wins
#'   over `linOut`.
#' @param pruneFunc,pruneFuncParams SNNS's separate pruning functions are not
#'   implemented: `pruneFunc` must be `NULL` (`BackpropWeightDecay` prunes
#'   links through its third `learnFuncParams` value, as in SNNS).
#'   `pruneFuncParams` is accepted and not used.
#' @param computeIterativeError accepted for RSNNS compatibility; the errors
#'   are always recorded.
#' @param random_state `NULL` (the default): take every random number from
#'   R's generator exactly as RSNNS does (see "Reproducing RSNNS under
#'   set.seed"), so `set.seed(k); mlp(...)` gives RSNNS's weights, pattern
#'   orders, errors and predictions and leaves `.Random.seed` where RSNNS
#'   leaves it. A whole number >= 0: skneural's own generator with that seed
#'   (not an RSNNS argument).
#' @param coef_init,intercept_init start from given weights instead of random
#'   ones: lists with one weight matrix (`n_in` x `n_out`) and one bias vector
#'   per layer, inputs first (both or neither). The pattern orders then come
#'   from `random_state` (or R's generator when it is `NULL`).
#' @param ... further arguments are ignored with a warning naming them (RSNNS
#'   passes them on and ignores them).
#'
#' @section Reproducing RSNNS under set.seed:
#' RSNNS takes every random number from R's generator: for the initial
#' weights one `runif()` value per unit (input units included) and per link,
#' unit by unit (bias first, then the incoming links from the highest source
#' unit down), rounded to float32; then with `shufflePatterns = TRUE`, `n`
#' values at the start of every epoch for SNNS's in-place shuffle, plus
#' `nrow(inputsTest)` after every epoch with a test set. With
#' `random_state = NULL` and no `coef_init`, `mlp()` draws exactly these
#' values with `runif()` and hands them to Python (`skneural.rsnns.mlp(...,
#' uniforms=)`). `SCG` draws `n` uniforms per pass over the data (3 passes in
#' epoch 1, then 2 after an accepted step, 1 after a rejected one, none once
#' it stopped): skneural draws those after the fit (the pattern order changes
#' SCG's arithmetic only by rounding). With a test set, the number of test-set
#' draws of an SCG run is not known, and none are drawn.
#' @return An object of class `c("skneural_mlp", "skneural_model")`: a list
#'   with
#'   * `IterativeFitError`: the training error after each epoch (`maxit`
#'     values);
#'   * `IterativeTestError`: the test-set error after each epoch (`NULL`
#'     without a test set);
#'   * `fitted.values`: the network's outputs for `x`, a matrix;
#'   * `nInputs`, `nOutputs`, `size`, `maxit`, `initFunc`, `initFuncParams`,
#'     `learnFunc`, `learnFuncParams`, `updateFunc`, `updateFuncParams`,
#'     `hiddenActFunc`, `shufflePatterns`, `linOut`: the network and the
#'     arguments used;
#'   * `fittedTestValues`: the network's outputs for `inputsTest` (`NULL`
#'     without a test set);
#'   * `random_state`: the seed given (`NULL`: R's random stream, as RSNNS);
#'   * `snnsObject`: `NULL` (RSNNS's SNNS kernel object; skneural has none:
#'     use `py` or [py_estimator()]);
#'   * `py`: the fitted Python model (see [py_estimator()]).
#'
#'   [predict()][predict.skneural_mlp] gives the output activations as a
#'   matrix; [fitted()], [summary()] and [plotIterativeError()] work as in
#'   RSNNS.
#' @seealso [predict.skneural_mlp()], [plotIterativeError()],
#'   [decodeClassLabels()], [splitForTrainingAndTest()],
#'   [normTrainingAndTestSet()], [confusionMatrix()], [saveModel()];
#'   [MLPClassifier()] for the scikit-learn interface.
#' @examplesIf skneural:::.python_usable()
#' data(iris)
#' set.seed(2)
#' iris <- iris[sample(nrow(iris)), ]
#' split <- splitForTrainingAndTest(iris[, 1:4], decodeClassLabels(iris[, 5]),
#'                                  ratio = 0.15)
#' split <- normTrainingAndTestSet(split)
#' model <- mlp(split$inputsTrain, split$targetsTrain, size = 5,
#'              learnFunc = "Quickprop", learnFuncParams = c(0.1, 2.0, 0.0001, 0.1),
#'              maxit = 100, inputsTest = split$inputsTest,
#'              targetsTest = split$targetsTest)
#' model
#' confusionMatrix(split$targetsTest, predict(model, split$inputsTest))
#' plotIterativeError(model)
#'
#' # Regression with a linear output unit
#' x <- matrix(seq(0, 1, length.out = 50))
#' reg <- mlp(x, sin(2 * pi * x), size = 8, linOut = TRUE, learnFunc = "Rprop",
#'            learnFuncParams = 0, maxit = 1000, random_state = 1)
#' tail(reg$IterativeFitError, 1)
#' @export
mlp <- function(x, y, size = c(5), maxit = 100,
                initFunc = "Randomize_Weights", initFuncParams = c(-0.3, 0.3),
                learnFunc = "Std_Backpropagation", learnFuncParams = c(0.2, 0),
                updateFunc = "Topological_Order", updateFuncParams = c(0),
                hiddenActFunc = "Act_Logistic", shufflePatterns = TRUE, linOut = FALSE,
                outputActFunc = if (linOut) "Act_Identity" else "Act_Logistic",
                inputsTest = NULL, targetsTest = NULL, pruneFunc = NULL, pruneFuncParams = NULL,
                computeIterativeError = TRUE, random_state = NULL, coef_init = NULL,
                intercept_init = NULL, ...) {
  extra <- list(...)
  if (length(extra)) {
    nm <- names(extra)
    nm[is.null(nm) | nm == ""] <- "<unnamed>"
    warning("mlp: ignoring argument(s) ", paste(nm, collapse = ", "),
            " (not RSNNS mlp() arguments).", call. = FALSE)
  }
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
  outputActFunc <- .check_string(outputActFunc, "outputActFunc")
  if (!is.null(pruneFunc)) {
    .stop("mlp: pruneFunc = '", pruneFunc, "': SNNS's pruning functions are not ",
          "implemented; use pruneFunc = NULL (BackpropWeightDecay prunes links through its ",
          "third learnFuncParams value).")
  }
  computeIterativeError <- .check_flag(computeIterativeError, "computeIterativeError")
  if (is.null(inputsTest) != is.null(targetsTest)) {
    .stop("mlp: 'inputsTest' and 'targetsTest' must be given together.")
  }
  if (is.null(coef_init) != is.null(intercept_init)) {
    .stop("mlp: 'coef_init' and 'intercept_init' must be given together.")
  }
  rsnns_stream <- is.null(random_state) && is.null(coef_init)
  seed <- if (rsnns_stream) NULL else .seed_from_r(random_state)

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
  uniforms <- NULL
  if (rsnns_stream) {
    # RSNNS's draws, in its order: the initial weights, then per epoch the
    # training-set shuffle (and the test-set shuffle)
    units <- c(ncol(X), size, ncol(Y))
    n_draws <- sum(units) + sum(utils::head(units, -1) * units[-1])
    if (shufflePatterns && learnFunc != "SCG") {
      n_test <- if (is.null(inputsTest)) 0 else nrow(.as_numeric_matrix(
        inputsTest, "inputsTest", encoding = encoding, fun = "mlp"))
      n_draws <- n_draws + maxit * (nrow(X) + n_test)
    }
    uniforms <- reticulate::np_array(stats::runif(n_draws), dtype = "float64")
  }
  py_init <- function(v, f) {
    if (is.null(v)) return(NULL)
    if (!is.list(v)) .stop("mlp: '", deparse(substitute(v)), "' must be a list, one element ",
                          "per layer.")
    .builtins$list(lapply(v, f))
  }
  coefs <- py_init(coef_init, function(m) .to_py_matrix(as.matrix(m)))
  intercepts <- py_init(intercept_init, function(b) {
    reticulate::np_array(as.double(b), dtype = "float64")
  })
  py <- .py_call(.sk$rsnns$mlp(
    .to_py_matrix(X), .to_py_matrix(Y), size = .builtins$list(as.list(size)), maxit = maxit,
    initFunc = initFunc, initFuncParams = .builtins$list(as.list(initFuncParams)),
    learnFunc = learnFunc, learnFuncParams = .builtins$list(as.list(learnFuncParams)),
    updateFunc = updateFunc, hiddenActFunc = hiddenActFunc,
    shufflePatterns = shufflePatterns, linOut = linOut, outputActFunc = outputActFunc,
    inputsTest = Xt, targetsTest = Yt, random_state = seed, uniforms = uniforms,
    coef_init = coefs, intercept_init = intercepts
  ), "mlp")
  if (rsnns_stream && shufflePatterns && learnFunc == "SCG") {
    # RSNNS's SCG shuffles on every pass over the data (3 in epoch 1, 2 after an
    # accepted step, 1 after a rejected one, none once stopped): draw those
    # uniforms now, so that .Random.seed ends where RSNNS leaves it
    passes <- sum(as.vector(.from_py(py$scgPasses)))
    invisible(stats::runif(passes * nrow(X)))
  }
  meta <- list(
    nInputs = ncol(X), nOutputs = ncol(Y), size = size, maxit = maxit,
    initFunc = initFunc, initFuncParams = initFuncParams,
    learnFunc = learnFunc, learnFuncParams = learnFuncParams,
    updateFunc = updateFunc, updateFuncParams = updateFuncParams,
    hiddenActFunc = hiddenActFunc, shufflePatterns = shufflePatterns, linOut = linOut,
    outputActFunc = outputActFunc, pruneFunc = pruneFunc, pruneFuncParams = pruneFuncParams,
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
  test_values <- reticulate::py_get_attr(py, "fittedTestValues", silent = TRUE)
  test_values <- if (.is_none(test_values)) NULL else
    matrix(as.double(.from_py(test_values)), ncol = meta$nOutputs,
           dimnames = list(NULL, meta$outputColnames))
  structure(
    c(list(py = py, IterativeFitError = fit_err, IterativeTestError = test_err,
           fitted.values = fitted_values, fittedTestValues = test_values,
           snnsObject = NULL), meta),
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

#' Use and inspect an mlp() model
#'
#' @description
#' Methods for the models that [mlp()] returns:
#' * `predict()`: the output activations of the network for `newdata`, as in
#'   RSNNS (no class decision: use [encodeClassLabels()] or
#'   [confusionMatrix()] for that);
#' * `fitted()`: the outputs for the training inputs (`object$fitted.values`);
#' * `print()`: RSNNS's layout (class, numbers of inputs and outputs, the
#'   initialisation, learning and update functions with their parameters,
#'   members), then the final training error;
#' * `summary()`: as RSNNS, the network as SNNS's network-file text
#'   (`origSnnsFormat = TRUE`) or [extractNetInfo()]'s list, then the numbers
#'   of weights and biases and the first, smallest and last training error.
#'
#' @param object,x an `mlp()` model (class `skneural_mlp`); for
#'   `print.summary.skneural_mlp()`, the result of `summary()`.
#' @param newdata inputs with the training columns (a numeric matrix, vector
#'   or data frame, factor columns with the training levels; no `NA`).
#'   Missing or `NULL`: the fitted values.
#' @param origSnnsFormat for `summary()`: the SNNS network-file text (TRUE,
#'   RSNNS's default) or [extractNetInfo()]'s list (FALSE).
#' @param ... unused.
#' @return `predict()` and `fitted()`: a numeric matrix with one row per
#'   pattern and one column per output unit (named like the training
#'   targets' columns). `summary()`: an object of class
#'   `summary.skneural_mlp` (a list with `model`, `n_weights` and
#'   `n_biases`). `print()`: its argument, invisibly.
#' @seealso [mlp()], [plotIterativeError()], [encodeClassLabels()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' x <- normalizeData(iris[, 1:4])
#' model <- mlp(x, iris$Species, size = 4, maxit = 30)
#' head(predict(model, x[1:5, ]))
#' all.equal(fitted(model), predict(model, x), check.attributes = FALSE)
#' summary(model)
#' @export
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

#' @rdname predict.skneural_mlp
#' @export
fitted.skneural_mlp <- function(object, ...) object$fitted.values

#' @rdname predict.skneural_mlp
#' @export
print.skneural_mlp <- function(x, ...) {
  # RSNNS's layout (class, sizes, functions and their parameters, members)
  cat(.rsnns_print_text(x), sep = "\n")
  n <- length(x$IterativeFitError)
  if (n) cat(sprintf("Training error (SSE) after %d epochs: %.4g\n", n, x$IterativeFitError[n]))
  invisible(x)
}

#' @rdname predict.skneural_mlp
#' @export
summary.skneural_mlp <- function(object, origSnnsFormat = TRUE, ...) {
  .check_alive(object)
  coefs <- .r(object$py$coefs_)
  n_weights <- sum(vapply(coefs, length, integer(1)))
  n_biases <- sum(c(object$size, object$nOutputs))
  structure(list(model = object, n_weights = n_weights, n_biases = n_biases,
                 snns = .rsnns_summary(object, origSnnsFormat)),
            class = "summary.skneural_mlp")
}

#' @rdname predict.skneural_mlp
#' @method print summary.skneural_mlp
#' @export
print.summary.skneural_mlp <- function(x, ...) {
  # RSNNS prints the network as SNNS's network file (or extractNetInfo()'s list)
  if (is.character(x$snns)) cat(x$snns, sep = "\n") else print(x$snns)
  cat(sprintf("%d weights, %d biases\n", x$n_weights, x$n_biases))
  err <- x$model$IterativeFitError
  if (length(err)) {
    cat("Training error: first", format(err[1], digits = 4), " min",
        format(min(err), digits = 4), " last", format(err[length(err)], digits = 4), "\n")
  }
  invisible(x)
}

#' Plot the training and test error per epoch (RSNNS's plotIterativeError)
#'
#' Draws the training error per epoch (`IterativeFitError`) as a black line
#' and, when the model was trained with a test set, the test error
#' (`IterativeTestError`) as a red line, with base graphics.
#'
#' @param object an [mlp()] model, or any list with an `IterativeFitError`
#'   element (and optionally `IterativeTestError`).
#' @param main the plot title.
#' @param ... further graphical parameters passed to [graphics::plot()]
#'   (for the generic: arguments for the methods).
#' @return `object`, invisibly.
#' @seealso [mlp()]
#' @examples
#' # Any list with the error vectors (no Python needed)
#' plotIterativeError(list(IterativeFitError = 10 / (1:20),
#'                         IterativeTestError = 12 / (1:20)))
#'
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' idx <- sample(nrow(iris))
#' s <- splitForTrainingAndTest(iris[idx, 1:4], decodeClassLabels(iris$Species[idx]))
#' s <- normTrainingAndTestSet(s)
#' model <- mlp(s$inputsTrain, s$targetsTrain, size = 4, maxit = 50,
#'              inputsTest = s$inputsTest, targetsTest = s$targetsTest)
#' plotIterativeError(model, main = "iris, 4 hidden units")
#' @export
plotIterativeError <- function(object, ...) UseMethod("plotIterativeError")

#' @rdname plotIterativeError
#' @export
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
