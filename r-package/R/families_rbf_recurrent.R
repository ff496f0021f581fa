# RSNNS's rbf(), rbfDDA(), elman(), jordan() and assoz(): the arguments are
# checked here, the training is done by the Python functions of the same names
# in skneural._rsnns_families_b (thin wrappers over the estimators).

.families_b <- function() {
  reticulate::import("skneural._rsnns_families_b", convert = FALSE)
}

.py_numbers <- function(x) .builtins$list(as.list(as.double(x)))

# x (and y) as numeric matrices; factor targets one-hot encoded.
.family_xy <- function(x, y, fun, factor_y = TRUE) {
  X <- .as_numeric_matrix(x, "x", fun = fun)
  if (factor_y && is.factor(y)) y <- decodeClassLabels(y)
  Y <- .as_numeric_matrix(y, "y", fun = fun)
  if (nrow(X) != nrow(Y)) {
    .stop(fun, ": 'x' and 'y' have different numbers of rows: ", nrow(X), " and ",
          nrow(Y), ".")
  }
  list(X = X, Y = Y)
}

.family_test_set <- function(inputsTest, targetsTest, fun) {
  if (is.null(inputsTest) != is.null(targetsTest)) {
    .stop(fun, ": 'inputsTest' and 'targetsTest' must be given together.")
  }
  if (is.null(inputsTest)) return(list(X = NULL, Y = NULL))
  list(X = .to_py_matrix(.as_numeric_matrix(inputsTest, "inputsTest", fun = fun)),
       Y = .to_py_matrix(.as_numeric_matrix(targetsTest, "targetsTest", fun = fun)))
}

# The R object around a fitted model of one of these families.
.new_family_model <- function(py, family, predict_method, meta) {
  fit_err <- as.vector(.from_py(py$IterativeFitError))
  test_err <- py$IterativeTestError
  test_err <- if (.is_none(test_err)) NULL else as.vector(.from_py(test_err))
  fv <- .from_py(py$fitted_values)
  fv <- matrix(as.double(fv), ncol = meta$nOutputs,
               dimnames = list(NULL, meta$outputColnames))
  structure(
    c(list(py = py, IterativeFitError = fit_err, IterativeTestError = test_err,
           fitted.values = fv, family = family, predict_method = predict_method), meta),
    class = c(paste0("skneural_", family), "skneural_rsnns", "skneural_model")
  )
}

#' Create and train a radial basis function network (RSNNS's rbf)
#'
#' @description
#' RSNNS's `rbf()`: one hidden layer of `size` Gaussian units
#' `exp(-p |x - c|^2)` and output units that add their bias (linear with
#' `linOut = TRUE`, the default, else logistic), initialised by SNNS's
#' `RBF_Weights` and trained by `RadialBasisLearning`. The training is done by
#' the Python estimator `skneural.RBFNetworkRegressor`, in single precision.
#'
#' @details
#' `initFuncParams` (`RBF_Weights`): 0_scale and 1_scale (targets 0 and 1 are
#' mapped to these before the least-squares output weights are computed),
#' smoothness (regularisation of that solution), bias (the initial `p` of
#' every hidden unit) and deviation (largest relative random change of the
#' centres, which are evenly spaced training patterns).
#'
#' `learnFuncParams` (`RadialBasisLearning`, batch mode): the learning rates
#' of the centres, of the bias `p` and of the output weights, delta max
#' (outputs within it of their target count as correct) and the momentum.
#' Keep the rates small, as the SNNS manual advises.
#'
#' Differences from RSNNS: an unknown `initFunc`, `learnFunc` or `updateFunc`
#' is an error; `size` is one number; `random_state` seeds the centres' random
#' deviation.
#'
#' @param x training inputs: a numeric matrix, vector or data frame (no `NA`).
#' @param y training targets: a numeric matrix or vector.
#' @param size the number of hidden (RBF) units, one whole number.
#' @param maxit the number of training epochs.
#' @param initFunc the initialisation function: `"RBF_Weights"`.
#' @param initFuncParams the initialisation parameters, see Details.
#' @param learnFunc the learning function: `"RadialBasisLearning"`.
#' @param learnFuncParams the learning parameters, see Details.
#' @param updateFunc the update function: `"Topological_Order"`.
#' @param updateFuncParams accepted for compatibility, not used.
#' @param shufflePatterns accepted for compatibility (batch learning does not
#'   depend on the order).
#' @param linOut if `TRUE` the output units are linear, otherwise logistic.
#' @param inputsTest,targetsTest an optional test set (both or neither); its
#'   error after each epoch is `IterativeTestError`.
#' @param random_state a whole number >= 0, or `NULL` to draw one from R's
#'   random number generator (so [set.seed()] makes runs reproducible).
#' @return An object of class `c("skneural_rbf", "skneural_rsnns",
#'   "skneural_model")`: a list with `IterativeFitError`, `IterativeTestError`,
#'   `fitted.values`, the arguments used, `random_state` and `py` (the fitted
#'   Python estimator). [predict()][predict.skneural_rsnns] gives the outputs.
#' @seealso [rbfDDA()], [predict.skneural_rsnns()], [plotIterativeError()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(2)
#' inputs <- as.matrix(seq(0, 10, 0.1))
#' outputs <- as.matrix(sin(inputs) + runif(length(inputs)))
#' outputs <- normalizeData(outputs, "0_1")
#' model <- rbf(inputs, outputs, size = 40, maxit = 1000,
#'              initFuncParams = c(0, 1, 0, 0.01, 0.01),
#'              learnFuncParams = c(1e-8, 0, 1e-8, 0.1, 0.8), linOut = TRUE)
#' plot(inputs, outputs)
#' lines(inputs, fitted(model), col = "green")
#' @export
rbf <- function(x, y, size = c(5), maxit = 100, initFunc = "RBF_Weights",
                initFuncParams = c(0, 1, 0, 0.02, 0.04), learnFunc = "RadialBasisLearning",
                learnFuncParams = c(1e-05, 0, 1e-05, 0.1, 0.8),
                updateFunc = "Topological_Order", updateFuncParams = c(0),
                shufflePatterns = TRUE, linOut = TRUE, inputsTest = NULL,
                targetsTest = NULL, random_state = NULL) {
  size <- .check_whole(size, "size", min = 1L)
  maxit <- .check_whole(maxit, "maxit", min = 1L)
  initFunc <- .check_string(initFunc, "initFunc")
  initFuncParams <- .check_numbers(initFuncParams, "initFuncParams")
  learnFunc <- .check_string(learnFunc, "learnFunc")
  learnFuncParams <- .check_numbers(learnFuncParams, "learnFuncParams")
  updateFunc <- .check_string(updateFunc, "updateFunc")
  updateFuncParams <- .check_numbers(updateFuncParams, "updateFuncParams")
  shufflePatterns <- .check_flag(shufflePatterns, "shufflePatterns")
  linOut <- .check_flag(linOut, "linOut")
  seed <- .seed_from_r(random_state)
  d <- .family_xy(x, y, "rbf", factor_y = TRUE)
  tst <- .family_test_set(inputsTest, targetsTest, "rbf")
  py <- .py_call(.families_b()$rbf(
    .to_py_matrix(d$X), .to_py_matrix(d$Y), size = size, maxit = maxit, initFunc = initFunc,
    initFuncParams = .py_numbers(initFuncParams), learnFunc = learnFunc,
    learnFuncParams = .py_numbers(learnFuncParams), updateFunc = updateFunc,
    updateFuncParams = .py_numbers(updateFuncParams), shufflePatterns = shufflePatterns,
    linOut = linOut, inputsTest = tst$X, targetsTest = tst$Y, random_state = seed
  ), "rbf")
  .new_family_model(py, "rbf", "predict", list(
    nInputs = ncol(d$X), nOutputs = ncol(d$Y), size = size, maxit = maxit,
    initFunc = initFunc, initFuncParams = initFuncParams, learnFunc = learnFunc,
    learnFuncParams = learnFuncParams, updateFunc = updateFunc,
    updateFuncParams = updateFuncParams, shufflePatterns = shufflePatterns, linOut = linOut,
    random_state = seed, outputColnames = colnames(d$Y)))
}

#' Create and train an RBF network with dynamic decay adjustment (RSNNS's rbfDDA)
#'
#' @description
#' RSNNS's `rbfDDA()`: a classifier whose hidden layer of Gaussian prototypes
#' is built while it trains (Berthold and Diamond's DDA, SNNS's `RBF-DDA`).
#' Each epoch a pattern not covered by a prototype of its class (activation
#' >= theta+) gets a new prototype, and prototypes of other classes that are
#' active above theta- on it shrink. The training is done by the Python
#' estimator `skneural.RBFNetworkClassifier`.
#'
#' @details
#' `learnFuncParams`: theta+ (default 0.4), theta- (0.2, at most theta+) and
#' SNNS's display setting (ignored). `initFunc` and `initFuncParams` are
#' accepted for compatibility: DDA draws no random weights. Training stops
#' after `maxit` epochs or once an epoch changes nothing.
#'
#' @inheritParams rbf
#' @param y training targets: a one-hot matrix (e.g. from
#'   [decodeClassLabels()]), a factor (one-hot encoded), or one numeric column
#'   of class labels.
#' @param maxit the largest number of epochs (RSNNS's default is 1).
#' @param initFunc `"Randomize_Weights"` (accepted, not used).
#' @param initFuncParams accepted, not used.
#' @param learnFunc `"RBF-DDA"`.
#' @param shufflePatterns if `TRUE`, the patterns are presented in a new random
#'   order each epoch (the result depends on the order).
#' @param linOut if `TRUE` the outputs are the linear class sums, otherwise
#'   their logistic (never changes the winning class).
#' @return An object of class `c("skneural_rbfDDA", "skneural_rsnns",
#'   "skneural_model")` (see [rbf()]); `fitted.values` and
#'   [predict()][predict.skneural_rsnns] give one output per class; use
#'   [encodeClassLabels()] or [confusionMatrix()] for the class decision.
#' @seealso [rbf()], [predict.skneural_rsnns()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' d <- iris[sample(nrow(iris)), ]
#' s <- normTrainingAndTestSet(splitForTrainingAndTest(d[, 1:4],
#'                                                     decodeClassLabels(d[, 5])))
#' model <- rbfDDA(s$inputsTrain, s$targetsTrain)
#' confusionMatrix(s$targetsTest, predict(model, s$inputsTest))
#' @export
rbfDDA <- function(x, y, maxit = 1, initFunc = "Randomize_Weights",
                   initFuncParams = c(-0.3, 0.3), learnFunc = "RBF-DDA",
                   learnFuncParams = c(0.4, 0.2, 5), updateFunc = "Topological_Order",
                   updateFuncParams = c(0), shufflePatterns = TRUE, linOut = FALSE,
                   random_state = NULL) {
  maxit <- .check_whole(maxit, "maxit", min = 1L)
  initFunc <- .check_string(initFunc, "initFunc")
  initFuncParams <- .check_numbers(initFuncParams, "initFuncParams")
  learnFunc <- .check_string(learnFunc, "learnFunc")
  learnFuncParams <- .check_numbers(learnFuncParams, "learnFuncParams")
  updateFunc <- .check_string(updateFunc, "updateFunc")
  updateFuncParams <- .check_numbers(updateFuncParams, "updateFuncParams")
  shufflePatterns <- .check_flag(shufflePatterns, "shufflePatterns")
  linOut <- .check_flag(linOut, "linOut")
  seed <- .seed_from_r(random_state)
  d <- .family_xy(x, y, "rbfDDA", factor_y = TRUE)
  py <- .py_call(.families_b()$rbfDDA(
    .to_py_matrix(d$X), .to_py_matrix(d$Y), maxit = maxit, initFunc = initFunc,
    initFuncParams = .py_numbers(initFuncParams), learnFunc = learnFunc,
    learnFuncParams = .py_numbers(learnFuncParams), updateFunc = updateFunc,
    updateFuncParams = .py_numbers(updateFuncParams), shufflePatterns = shufflePatterns,
    linOut = linOut, random_state = seed
  ), "rbfDDA")
  n_classes <- .r(.builtins$len(py$classes_))
  colnames_out <- if (ncol(d$Y) > 1) colnames(d$Y) else NULL
  .new_family_model(py, "rbfDDA", "class_outputs", list(
    nInputs = ncol(d$X), nOutputs = n_classes, maxit = maxit, initFunc = initFunc,
    initFuncParams = initFuncParams, learnFunc = learnFunc,
    learnFuncParams = learnFuncParams, updateFunc = updateFunc,
    updateFuncParams = updateFuncParams, shufflePatterns = shufflePatterns, linOut = linOut,
    random_state = seed, outputColnames = colnames_out))
}

.partially_recurrent <- function(family, x, y, size, maxit, initFunc, initFuncParams,
                                 learnFunc, learnFuncParams, updateFunc, updateFuncParams,
                                 shufflePatterns, linOut, inputsTest, targetsTest,
                                 random_state, extra = list()) {
  size <- .check_whole(size, "size", min = 1L)
  maxit <- .check_whole(maxit, "maxit", min = 1L)
  initFunc <- .check_string(initFunc, "initFunc")
  initFuncParams <- .check_numbers(initFuncParams, "initFuncParams")
  learnFunc <- .check_string(learnFunc, "learnFunc")
  learnFuncParams <- .check_numbers(learnFuncParams, "learnFuncParams")
  updateFunc <- .check_string(updateFunc, "updateFunc")
  updateFuncParams <- .check_numbers(updateFuncParams, "updateFuncParams")
  shufflePatterns <- .check_flag(shufflePatterns, "shufflePatterns")
  linOut <- .check_flag(linOut, "linOut")
  seed <- .seed_from_r(random_state)
  d <- .family_xy(x, y, family, factor_y = FALSE)
  tst <- .family_test_set(inputsTest, targetsTest, family)
  fun <- .families_b()[[family]]
  py <- .py_call(do.call(fun, c(list(
    .to_py_matrix(d$X), .to_py_matrix(d$Y), size = size, maxit = maxit, initFunc = initFunc,
    initFuncParams = .py_numbers(initFuncParams), learnFunc = learnFunc,
    learnFuncParams = .py_numbers(learnFuncParams), updateFunc = updateFunc,
    updateFuncParams = .py_numbers(updateFuncParams), shufflePatterns = shufflePatterns,
    linOut = linOut, inputsTest = tst$X, targetsTest = tst$Y, random_state = seed), extra)),
    family)
  .new_family_model(py, family, "predict", c(list(
    nInputs = ncol(d$X), nOutputs = ncol(d$Y), size = size, maxit = maxit,
    initFunc = initFunc, initFuncParams = initFuncParams, learnFunc = learnFunc,
    learnFuncParams = learnFuncParams, updateFunc = updateFunc,
    updateFuncParams = updateFuncParams, shufflePatterns = shufflePatterns, linOut = linOut,
    random_state = seed, outputColnames = colnames(d$Y)), extra))
}

#' Create and train Elman and Jordan networks (RSNNS's elman and jordan)
#'
#' @description
#' RSNNS's partially recurrent networks: a multilayer perceptron with one
#' logistic hidden layer whose inputs include context units remembering the
#' previous steps' hidden activations (`elman()`) or outputs (`jordan()`).
#' The rows of `x` and `y` are one sequence in time order; for one-step-ahead
#' prediction, `y[t]` is the series at `t + 1`. The training is done by the
#' Python estimators `skneural.ElmanRegressor` and `skneural.JordanRegressor`.
#'
#' @details
#' `initFuncParams` (`JE_Weights`): upper and lower bound of the random
#' weights, the self-weight of the context units, the weight of the links
#' into the context, and the initial context activation.
#'
#' `learnFunc` and its `learnFuncParams`: `"JE_BP"` (eta, dmax; an update
#' after every step), `"JE_BP_Momentum"` (eta, momentum, flat-spot constant,
#' dmax), `"JE_Rprop"` (initial step, maximum step, decay exponent; 0 means
#' 0.001, 2 and no decay). The context is treated as an input of each step
#' (no back-propagation through time) and starts at its initial activation at
#' every epoch and every `predict()`.
#'
#' Differences from RSNNS: `size` is one number (one hidden layer);
#' `outContext = TRUE` and unknown function names are errors.
#'
#' @inheritParams rbf
#' @param x the input sequence, one row per time step.
#' @param y the targets, one row per time step.
#' @param size the number of hidden units, one whole number.
#' @param initFunc `"JE_Weights"`.
#' @param learnFunc `"JE_BP"`, `"JE_BP_Momentum"` or `"JE_Rprop"`.
#' @param updateFunc `"JE_Order"`.
#' @param shufflePatterns if `TRUE`, the steps are visited in a random order
#'   each epoch (this breaks the sequence; RSNNS's default is `FALSE`).
#' @param outContext must be `FALSE` (not implemented).
#' @return An object of class `c("skneural_elman", "skneural_rsnns",
#'   "skneural_model")` or `c("skneural_jordan", ...)` (see [rbf()]).
#'   [predict()][predict.skneural_rsnns] runs a new sequence from the initial
#'   context.
#' @seealso [predict.skneural_rsnns()], [plotIterativeError()].
#' @examplesIf skneural:::.python_usable()
#' s <- sin(seq(0, 30, length.out = 301))
#' model <- elman(s[-301], s[-1], size = 8, learnFuncParams = c(0.1), maxit = 100,
#'                random_state = 1)
#' plotIterativeError(model)
#' model2 <- jordan(s[-301], s[-1], size = 8, learnFuncParams = c(0.1), maxit = 100,
#'                  random_state = 1)
#' tail(model2$IterativeFitError, 1)
#' @export
elman <- function(x, y, size = c(5), maxit = 100, initFunc = "JE_Weights",
                  initFuncParams = c(1, -1, 0.3, 1, 0.5), learnFunc = "JE_BP",
                  learnFuncParams = c(0.2), updateFunc = "JE_Order", updateFuncParams = c(0),
                  shufflePatterns = FALSE, linOut = TRUE, outContext = FALSE,
                  inputsTest = NULL, targetsTest = NULL, random_state = NULL) {
  outContext <- .check_flag(outContext, "outContext")
  .partially_recurrent("elman", x, y, size, maxit, initFunc, initFuncParams, learnFunc,
                       learnFuncParams, updateFunc, updateFuncParams, shufflePatterns, linOut,
                       inputsTest, targetsTest, random_state,
                       extra = list(outContext = outContext))
}

#' @rdname elman
#' @export
jordan <- function(x, y, size = c(5), maxit = 100, initFunc = "JE_Weights",
                   initFuncParams = c(1, -1, 0.3, 1, 0.5), learnFunc = "JE_BP",
                   learnFuncParams = c(0.2), updateFunc = "JE_Order", updateFuncParams = c(0),
                   shufflePatterns = FALSE, linOut = TRUE, inputsTest = NULL,
                   targetsTest = NULL, random_state = NULL) {
  .partially_recurrent("jordan", x, y, size, maxit, initFunc, initFuncParams, learnFunc,
                       learnFuncParams, updateFunc, updateFuncParams, shufflePatterns, linOut,
                       inputsTest, targetsTest, random_state)
}

#' Create and train an auto-associative memory (RSNNS's assoz)
#'
#' @description
#' RSNNS's `assoz()`: McClelland and Rumelhart's auto-associative memory, one
#' unit per column of `x` (a `dimX` x `dimY` map), each linked to every other
#' unit, trained with SNNS's `RM_delta` rule. Recall presents a pattern and
#' lets the units settle (`Auto_Synchronous`): a stored pattern comes back,
#' a distorted or partial one is pulled towards it. The training is done by
#' the Python estimator `skneural.AssociativeMemory`.
#'
#' @details
#' `initFuncParams`: the range of the random initial weights.
#' `learnFuncParams`: eta and the number of settling cycles per pattern before
#' each learning step. `updateFuncParams`: the number of settling cycles of a
#' recall.
#'
#' @param x the patterns, one row each, `dimX * dimY` columns.
#' @param dimX,dimY the map's dimensions.
#' @param maxit the number of training epochs.
#' @param initFunc `"RM_Random_Weights"`.
#' @param initFuncParams the range of the initial weights.
#' @param learnFunc `"RM_delta"`.
#' @param learnFuncParams eta and the cycles per pattern.
#' @param updateFunc `"Auto_Synchronous"`.
#' @param updateFuncParams the cycles of a recall.
#' @param shufflePatterns if `TRUE`, the patterns are presented in a new random
#'   order each epoch.
#' @param random_state a whole number >= 0, or `NULL` to draw one from R's
#'   random number generator.
#' @return An object of class `c("skneural_assoz", "skneural_rsnns",
#'   "skneural_model")` (see [rbf()]); `fitted.values` are the recalled
#'   training patterns and [predict()][predict.skneural_rsnns] recalls new
#'   ones.
#' @seealso [predict.skneural_rsnns()].
#' @examplesIf skneural:::.python_usable()
#' letters <- rbind(
#'   c(0,1,1,1,0, 1,0,0,0,1, 1,0,0,0,1, 1,1,1,1,1, 1,0,0,0,1, 1,0,0,0,1, 1,0,0,0,1),
#'   c(1,1,1,1,1, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0))
#' model <- assoz(letters, dimX = 7, dimY = 5, maxit = 50, random_state = 1)
#' image(matrix(model$fitted.values[1, ], 5, 7)[, 7:1])
#' @export
assoz <- function(x, dimX, dimY, maxit = 100, initFunc = "RM_Random_Weights",
                  initFuncParams = c(1, -1), learnFunc = "RM_delta",
                  learnFuncParams = c(0.01, 100, 0, 0, 0), updateFunc = "Auto_Synchronous",
                  updateFuncParams = c(50), shufflePatterns = TRUE, random_state = NULL) {
  dimX <- .check_whole(dimX, "dimX", min = 1L)
  dimY <- .check_whole(dimY, "dimY", min = 1L)
  maxit <- .check_whole(maxit, "maxit", min = 1L)
  initFunc <- .check_string(initFunc, "initFunc")
  initFuncParams <- .check_numbers(initFuncParams, "initFuncParams")
  learnFunc <- .check_string(learnFunc, "learnFunc")
  learnFuncParams <- .check_numbers(learnFuncParams, "learnFuncParams")
  updateFunc <- .check_string(updateFunc, "updateFunc")
  updateFuncParams <- .check_numbers(updateFuncParams, "updateFuncParams")
  shufflePatterns <- .check_flag(shufflePatterns, "shufflePatterns")
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "assoz")
  py <- .py_call(.families_b()$assoz(
    .to_py_matrix(X), dimX = dimX, dimY = dimY, maxit = maxit, initFunc = initFunc,
    initFuncParams = .py_numbers(initFuncParams), learnFunc = learnFunc,
    learnFuncParams = .py_numbers(learnFuncParams), updateFunc = updateFunc,
    updateFuncParams = .py_numbers(updateFuncParams), shufflePatterns = shufflePatterns,
    random_state = seed
  ), "assoz")
  .new_family_model(py, "assoz", "predict", list(
    nInputs = ncol(X), nOutputs = ncol(X), dimX = dimX, dimY = dimY, maxit = maxit,
    initFunc = initFunc, initFuncParams = initFuncParams, learnFunc = learnFunc,
    learnFuncParams = learnFuncParams, updateFunc = updateFunc,
    updateFuncParams = updateFuncParams, shufflePatterns = shufflePatterns,
    random_state = seed, outputColnames = NULL))
}

#' Use a model from rbf(), rbfDDA(), elman(), jordan() or assoz()
#'
#' @description
#' * `predict()`: the network's outputs for `newdata`, as RSNNS gives them:
#'   the output activations (`rbf`, `elman`, `jordan`, run over `newdata` as a
#'   new sequence), one output per class (`rbfDDA`), or the recalled patterns
#'   (`assoz`);
#' * `fitted()`: the outputs for the training data (`object$fitted.values`);
#' * `print()`: the family, the arguments and the final training error;
#' * `summary()`: that plus the first, smallest and last training error and
#'   the number of trained parameters.
#'
#' @param object,x a model from one of those functions; for
#'   `print.summary.skneural_rsnns()`, the result of `summary()`.
#' @param newdata inputs with the training columns; missing or `NULL`: the
#'   fitted values.
#' @param ... unused.
#' @return `predict()`, `fitted()`: a numeric matrix, one row per pattern.
#'   `summary()`: an object of class `summary.skneural_rsnns` (a list with
#'   `model` and `n_parameters`). `print()`: `x`, invisibly.
#' @seealso [rbf()], [rbfDDA()], [elman()], [jordan()], [assoz()].
#' @examplesIf skneural:::.python_usable()
#' x <- matrix(seq(0, 10, 0.1))
#' model <- rbf(x, sin(x), size = 20, maxit = 10,
#'              initFuncParams = c(0, 1, 0, 1, 0.01), random_state = 1)
#' head(predict(model, x[1:5, , drop = FALSE]))
#' all.equal(fitted(model), predict(model, x), check.attributes = FALSE)
#' model
#' summary(model)
#' @export
predict.skneural_rsnns <- function(object, newdata, ...) {
  .check_alive(object)
  if (missing(newdata) || is.null(newdata)) return(object$fitted.values)
  X <- .as_numeric_matrix(newdata, "newdata", fun = "predict")
  if (ncol(X) != object$nInputs) {
    .stop("predict: 'newdata' has ", ncol(X), " columns; the model has ", object$nInputs,
          " inputs.")
  }
  method <- object$py[[object$predict_method]]
  out <- .from_py(.py_call(method(.to_py_matrix(X)), "predict"))
  matrix(as.double(out), nrow = nrow(X), ncol = object$nOutputs,
         dimnames = list(rownames(newdata), object$outputColnames))
}

#' @rdname predict.skneural_rsnns
#' @export
fitted.skneural_rsnns <- function(object, ...) object$fitted.values

#' @rdname predict.skneural_rsnns
#' @export
print.skneural_rsnns <- function(x, ...) {
  cat("skneural ", x$family, " (RSNNS-compatible)\n", sep = "")
  cat("  inputs:", x$nInputs, " outputs:", x$nOutputs)
  if (!is.null(x$size)) cat("  hidden units:", x$size)
  cat("\n  learnFunc: ", x$learnFunc, "(", paste(signif(x$learnFuncParams, 4),
                                                  collapse = ", "), ")", sep = "")
  cat("  maxit:", x$maxit, " random_state:", x$random_state, "\n")
  n <- length(x$IterativeFitError)
  if (n) cat(sprintf("  training error after %d epochs: %.4g\n", n, x$IterativeFitError[n]))
  invisible(x)
}

# The trained numbers of each family (fitted attributes of the Python estimator).
.family_parameter_names <- list(
  rbf = c("centers_", "gamma_", "coef_", "intercept_"),
  rbfDDA = c("centers_", "gamma_", "prototype_weight_"),
  elman = "params_", jordan = "params_", assoz = "coef_"
)

#' @rdname predict.skneural_rsnns
#' @export
summary.skneural_rsnns <- function(object, ...) {
  .check_alive(object)
  n <- 0
  for (name in .family_parameter_names[[object$family]]) {
    n <- n + length(as.vector(.from_py(object$py[[name]])))
  }
  structure(list(model = object, n_parameters = n), class = "summary.skneural_rsnns")
}

#' @rdname predict.skneural_rsnns
#' @method print summary.skneural_rsnns
#' @export
print.summary.skneural_rsnns <- function(x, ...) {
  print(x$model)
  cat(sprintf("  %d trained parameters\n", as.integer(x$n_parameters)))
  err <- x$model$IterativeFitError
  if (length(err)) {
    cat("  training error: first", format(err[1], digits = 4), " min",
        format(min(err), digits = 4), " last", format(err[length(err)], digits = 4), "\n")
  }
  invisible(x)
}
