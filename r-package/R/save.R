# Saving and loading models.
#
# A skneural model holds a pointer to a Python object. saveRDS()/save() keep
# only the R side: after readRDS() in a new session that pointer is dead
# (predict() then stops and says so). saveModel() writes the Python model with
# joblib together with the R side (levels, column encoding, RSNNS fields), and
# loadModel() restores both.

.SAVE_FORMAT <- "skneural-r-model"

#' Save a model (Python side with joblib, R side alongside) to one file
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

#' Load a model written by saveModel() (or a skneural estimator that Python
#' saved with joblib.dump)
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
  .wrap_estimator(py, meta$class_name, levels = meta$levels, encoding = meta$encoding,
                  y_colnames = meta$y_colnames)
}
