#' A solver object for the estimators' `solver` parameter
#'
#' @description
#' Creates one of Python's `skneural.solvers` objects, whose parameters are its
#' own: the SNNS learning functions (`"Quickprop"`, `"Rprop"`, `"SCG"`,
#' `"StdBackprop"`, `"BackpropBatch"`, `"BackpropChunk"`, `"BackpropMomentum"`,
#' `"BackpropWeightDecay"`) and the gradient rules (`"SGD"`, `"Adam"`,
#' `"RMSprop"`, `"Adagrad"`, `"Adadelta"`, `"Adamax"`, `"Nadam"`, `"LBFGS"`).
#' Pass it as `solver =` to [MLPClassifier()] or [MLPRegressor()]; a solver's
#' parameters then belong to it (`MLPClassifier(solver = solver("Quickprop",
#' mu = 2), learning_rate_init = 0.05)` is an error saying to write
#' `solver("Quickprop", learning_rate = 0.05)`).
#'
#' A string works too (`solver = "quickprop"`: the class defaults, SNNS's).
#' [mlp()] builds the solver from RSNNS's `learnFunc` and `learnFuncParams`.
#'
#' @param name the solver class, e.g. `"Quickprop"`.
#' @param ... its parameters by name, e.g. `learning_rate = 0.1, mu = 2,
#'   decay = 1e-4, dmax = 0.1` for Quickprop; `chunk_size` of BackpropChunk
#'   must be a whole number.
#' @return The Python solver object (a reticulate object).
#' @seealso [MLPClassifier()], [mlp()].
#' @examplesIf skneural:::.python_usable()
#' qp <- solver("Quickprop", learning_rate = 0.1, mu = 1.75)
#' set.seed(1)
#' x <- normalizeData(iris[, 1:4])
#' clf <- MLPClassifier(hidden_layer_sizes = c(5), activation = "logistic",
#'                      solver = qp, max_iter = 100)
#' fit(clf, x, iris$Species)
#' mean(predict(clf, x) == iris$Species)
#' @export
solver <- function(name, ...) {
  name <- .check_string(name, "name")
  valid <- c("SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "LBFGS",
             "StdBackprop", "BackpropBatch", "BackpropChunk", "BackpropMomentum",
             "BackpropWeightDecay", "Rprop", "Quickprop", "SCG")
  if (!name %in% valid) {
    .stop("solver: unknown solver '", name, "'; valid ones are ",
          paste(valid, collapse = ", "), ".")
  }
  args <- list(...)
  if (length(args) && (is.null(names(args)) || any(!nzchar(names(args))))) {
    .stop("solver(): pass every parameter by name, e.g. solver(\"Quickprop\", mu = 2).")
  }
  params <- list()
  for (nm in names(args)) {
    value <- args[[nm]]
    if (nm %in% c("chunk_size", "max_fun")) value <- .check_whole(value, nm, min = 0L)
    params[nm] <- list(.py_param(nm, value))
  }
  .py_call(do.call(.sk$solvers[[name]], params), paste0("solver(\"", name, "\")"))
}
