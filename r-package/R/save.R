# Saving and loading models.
#
# A skneural model holds a pointer to a Python object. saveRDS()/save() keep
# only the R side: after readRDS() in a new session that pointer is dead
# (predict() then stops and says so). saveModel() writes the Python model with
# joblib together with the R side (levels, column encoding, RSNNS fields), and
# loadModel() restores both.

.SAVE_FORMAT <- "skneural-r-model"

#' Save and load skneural models
#'
#' @description
#' `saveModel()` writes a model (the fitted Python model, with joblib, and the
#' R side: factor levels, column encoding, the [mlp()] fields) to one file;
#' `loadModel()` restores it, in this or another R session.
#'
#' @details
#' A skneural model holds a pointer to a Python object. [saveRDS()] and
#' [save()] keep only the R side: after [readRDS()] in a new session the
#' pointer is dead and `predict()` stops with a message saying so. Use
#' `saveModel()` / `loadModel()` instead.
#'
#' `loadModel()` also reads a skneural estimator that Python saved with
#' `joblib.dump()` (an `MLPClassifier`, `MLPRegressor`, `BernoulliRBM`,
#' `DBNClassifier` or `DBNRegressor`); a classifier saved that way has no R
#' factor levels, so `predict()` returns its integer classes as a factor.
#' The file is a joblib (pickle) file: load only files you trust.
#'
#' @param model a skneural model: from [mlp()], [MLPClassifier()] and
#'   friends (fitted or not), or `loadModel()`.
#' @param file the file's path, a single string (`~` is expanded).
#' @return `saveModel()`: `file`, invisibly. `loadModel()`: the model, of the
#'   class it was saved with (`skneural_mlp`, `skneural_estimator`, or the
#'   classes of RSNNS's other families: `som()`, `rbf()`, `elman()`, ...).
#' @seealso [mlp()], [estimators], [fit()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' model <- mlp(normalizeData(iris[, 1:4]), iris$Species, size = 3, maxit = 20)
#' path <- tempfile(fileext = ".joblib")
#' saveModel(model, path)
#' again <- loadModel(path)
#' all.equal(predict(again), predict(model))
#' unlink(path)
#' @export
saveModel <- function(model, file) {
  if (!inherits(model, "skneural_model")) .stop("saveModel: 'model' is not a skneural model.")
  file <- .check_string(file, "file")
  .check_alive(model)
  meta <- if (is.environment(model)) as.list.environment(model, all.names = TRUE) else unclass(model)
  meta$py <- NULL
  meta$r_class <- class(model)
  payload <- .builtins$dict(
    format = .SAVE_FORMAT, version = 1L, estimator = model$py,
    r_meta = rawToChar(serialize(meta, NULL, ascii = TRUE))
  )
  joblib <- reticulate::import("joblib", convert = FALSE)
  .py_call(joblib$dump(payload, path.expand(file)), "saveModel")
  invisible(file)
}

#' @rdname saveModel
#' @export
loadModel <- function(file) {
  file <- .check_string(file, "file")
  if (!file.exists(file)) .stop("loadModel: no such file: ", file)
  joblib <- reticulate::import("joblib", convert = FALSE)
  obj <- .py_call(joblib$load(path.expand(file)), "loadModel")
  is_ours <- inherits(obj, "python.builtin.dict") &&
    identical(.r(obj$get("format")), .SAVE_FORMAT)
  if (!is_ours) {
    class_name <- .r(obj$`__class__`$`__name__`)
    if (!class_name %in% c(.CLASSIFIERS, .REGRESSORS, .TRANSFORMERS)) {
      .stop("loadModel: ", file, " holds a Python ", class_name,
            ", not a skneural model.")
    }
    return(.wrap_estimator(obj, class_name))
  }
  py <- obj$`__getitem__`("estimator")
  meta <- unserialize(charToRaw(.r(obj$`__getitem__`("r_meta"))))
  r_class <- meta$r_class
  meta$r_class <- NULL
  if ("skneural_mlp" %in% r_class) {
    keep <- setdiff(names(meta), c("IterativeFitError", "IterativeTestError", "fitted.values"))
    return(.new_mlp(py, meta[keep]))
  }
  if (any(c("skneural_competitive", "skneural_rsnns") %in% r_class)) {
    # RSNNS's other families (som(), rbf(), elman(), ...): a list of RSNNS's
    # fields around the Python model, restored as saved
    return(structure(c(list(py = py), meta), class = r_class))
  }
  .wrap_estimator(py, meta$class_name, levels = meta$levels, encoding = meta$encoding,
                  y_colnames = meta$y_colnames)
}
