#' skneural: RSNNS-style neural networks in R, computed by Python's skneural
#'
#' @description
#' The R package skneural calls the Python package 'skneural' (scikit-learn
#' compatible multilayer perceptrons, restricted Boltzmann machines and deep
#' belief networks on Numba-compiled kernels) through 'reticulate'. It offers
#' two interfaces:
#'
#' * **RSNNS compatibility.** Scripts written for the R package RSNNS run with
#'   `library(skneural)` in place of `library(RSNNS)`: [mlp()],
#'   [decodeClassLabels()], [encodeClassLabels()], [splitForTrainingAndTest()],
#'   [normalizeData()], [denormalizeData()], [getNormParameters()],
#'   [normTrainingAndTestSet()], [confusionMatrix()] and [plotIterativeError()]
#'   keep RSNNS's names, arguments, defaults and results. `mlp()` reproduces
#'   SNNS's learning functions (`Std_Backpropagation`, `BackpropBatch`,
#'   `BackpropChunk`, `BackpropMomentum`, `BackpropWeightDecay`, `Rprop`,
#'   `Quickprop`, `SCG`) and computes in single precision as SNNS does.
#'   Where RSNNS silently falls back to a default (an unknown `learnFunc`,
#'   normalisation `type` or `encodeClassLabels()` method), skneural stops
#'   with an error instead.
#' * **scikit-learn estimators.** [MLPClassifier()], [MLPRegressor()],
#'   [BernoulliRBM()], [DBNClassifier()] and [DBNRegressor()] create models
#'   that are trained with [fit()] and used with [predict()][predict.skneural_estimator];
#'   classifiers take and return factors. [py_estimator()] hands the Python
#'   object to sklearn tools such as `GridSearchCV`. Models are saved with
#'   [saveModel()] and restored with [loadModel()].
#'
#' @section Setup:
#' The package needs a Python (>= 3.10) in which the Python package skneural
#' is installed; with reticulate 1.28 that Python must have numpy < 2 and
#' pandas < 3. Nothing is imported until the first call that needs Python,
#' and reticulate binds one Python per R session, so choose it before that
#' call, in one of these ways (first match wins):
#'
#' 1. the environment variable `RETICULATE_PYTHON=/path/to/venv/bin/python`
#'    (set it before R starts, or with [Sys.setenv()] before the first call);
#' 2. [use_skneural_virtualenv()]`("/path/to/venv")` or
#'    [use_skneural_python()]`("/path/to/python")` early in the session;
#' 3. the option `skneural.virtualenv` or the environment variable
#'    `SKNEURAL_VIRTUALENV`, read when the package is loaded;
#' 4. otherwise reticulate's own discovery.
#'
#' In the skneural sources, `tools/r_env.sh` builds a suitable virtualenv
#' (`.venv-r`). [skneural_available()] tells whether the package can be
#' imported; when it cannot, the first call stops with a message that says how
#' to fix it.
#'
#' @section Conventions:
#' * Every check happens in R before anything crosses into Python: `NA` is
#'   refused everywhere (reticulate would silently turn an integer `NA` into
#'   -2147483648 and a logical `NA` into `TRUE`).
#' * Whole-number doubles (R's `5`, which is `5.0`) are accepted wherever
#'   Python wants an integer (`size`, `maxit`, `max_iter`,
#'   `hidden_layer_sizes`, `random_state`, ...); `5.5` is an error.
#' * Randomness: `random_state = NULL` (the default) draws a seed from R's
#'   random number generator, so [set.seed()] before a call makes the run
#'   reproducible; a whole number fixes the seed directly.
#' * Errors raised in Python become R errors of class `skneural_error`
#'   (`skneural_python_error` for Python exceptions); Python warnings such as
#'   a `ConvergenceWarning` become R warnings.
#'
#' @seealso [mlp()], [MLPClassifier()], [use_skneural_virtualenv()],
#'   the examples in `system.file("examples", package = "skneural")`.
#' @examples
#' \dontrun{
#' # In a shell: RETICULATE_PYTHON=/path/to/.venv-r/bin/python R
#' library(skneural)
#' skneural_available()
#'
#' # An RSNNS script, unchanged:
#' data(iris)
#' set.seed(1)
#' iris <- iris[sample(nrow(iris)), ]
#' split <- splitForTrainingAndTest(iris[, 1:4], decodeClassLabels(iris[, 5]), ratio = 0.15)
#' split <- normTrainingAndTestSet(split)
#' model <- mlp(split$inputsTrain, split$targetsTrain, size = 5, maxit = 100,
#'              inputsTest = split$inputsTest, targetsTest = split$targetsTest)
#' confusionMatrix(split$targetsTest, predict(model, split$inputsTest))
#' }
"_PACKAGE"
