# ONNX export, through skneural.onnx (Python's skl2onnx converters).

#' Export a fitted model as an ONNX graph
#'
#' @description
#' `onnx_export()` writes a fitted skneural model (from [mlp()], or a fitted
#' [MLPClassifier()], [MLPRegressor()], [BernoulliRBM()], [DBNClassifier()] or
#' [DBNRegressor()]) to an ONNX file, which onnxruntime and other ONNX
#' runtimes run without R, Python's skneural or a GPU.
#'
#' @details
#' The graph takes one input, `X`: a numeric matrix with the training
#' columns, in the order the model was fitted with (an [mlp()] model's
#' inputs as given to it; factors and data frames are not encoded in the
#' graph). Classifiers output the labels (0-based class indices) and the
#' class probabilities, regressors the predictions, an RBM its hidden
#' activations. It needs the `onnx` extra in skneural's Python
#' (`pip install -e ".[onnx]"`: skl2onnx and onnx).
#'
#' @param model a fitted skneural model.
#' @param file the `.onnx` file to write, a single string (`~` is expanded).
#' @param dtype the graph's input and arithmetic type, `"float32"` (default)
#'   or `"float64"`.
#' @return `file`, invisibly.
#' @seealso [saveModel()] to keep a model for R and Python.
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' model <- mlp(normalizeData(iris[, 1:4]), decodeClassLabels(iris$Species),
#'              size = 3, maxit = 20)
#' path <- tempfile(fileext = ".onnx")
#' try(onnx_export(model, path))  # needs skl2onnx in skneural's Python
#' unlink(path)
#' @export
onnx_export <- function(model, file, dtype = c("float32", "float64")) {
  if (!inherits(model, "skneural_model")) .stop("onnx_export: 'model' is not a skneural model.")
  file <- .check_string(file, "file")
  dtype <- match.arg(dtype)
  .check_alive(model)
  onnx <- tryCatch(
    reticulate::import("skneural.onnx", convert = FALSE),
    error = function(e) .stop(
      "onnx_export needs skl2onnx and onnx in skneural's Python ",
      "(pip install -e \".[onnx]\"): ", .python_message(e)))
  np <- reticulate::import("numpy", convert = FALSE)
  proto <- .py_call(onnx$export_model(model$py, np[[dtype]]), "onnx_export")
  handle <- .builtins$open(path.expand(file), "wb")
  on.exit(handle$close(), add = TRUE)
  handle$write(proto$SerializeToString())
  invisible(file)
}
