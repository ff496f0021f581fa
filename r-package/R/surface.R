# The rest of RSNNS's functions (issue #14): class-label helpers, SNNS files,
# activation maps and model accessors. Thin wrappers over skneural.rsnns
# (Python computes; R checks and converts), with RSNNS's names and arguments.

# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------

#' Class labels as numbers (RSNNS's toNumericClassLabels)
#'
#' Turns class labels into numbers: a factor into its level numbers (level
#' order, as `as.numeric(f)`), a character or logical vector into the level
#' numbers of `factor(x)` (sorted labels); numbers stay as they are.
#'
#' @param x the class labels: a factor, character, logical or numeric vector.
#'   No `NA`.
#' @return A numeric vector of the length of `x`.
#' @seealso [decodeClassLabels()] (the same class numbering as its columns),
#'   [encodeClassLabels()].
#' @examplesIf skneural:::.python_usable()
#' toNumericClassLabels(iris$Species[c(1, 51, 101)])   # 1 2 3
#' toNumericClassLabels(c("r", "b", "g", "b"))          # 3 1 2 1
#' @export
toNumericClassLabels <- function(x) {
  if (is.data.frame(x) || is.matrix(x)) {
    if (NCOL(x) != 1L) .stop("toNumericClassLabels: 'x' must be a vector of labels, got ",
                              NCOL(x), " columns.")
    x <- if (is.data.frame(x)) x[[1L]] else x[, 1L]
  }
  if (anyNA(x)) .stop(.na_message("x"))
  if (length(x) == 0L) return(numeric(0))
  arg <- if (is.factor(x)) {
    .pd_categorical(x)
  } else if (is.numeric(x) || is.character(x) || is.logical(x)) {
    .builtins$list(as.list(if (is.logical(x)) as.character(x) else x))
  } else {
    .stop("toNumericClassLabels: 'x' must be a factor, character, logical or numeric ",
          "vector, got ", class(x)[1], ".")
  }
  as.double(.from_py(.py_call(.sk$rsnns$to_numeric_class_labels(arg), "toNumericClassLabels")))
}

#' The class of one output vector (RSNNS's analyzeClassification)
#'
#' Decides which class one pattern's network outputs designate, by the rules
#' of the SNNS user manual, or 0 for "unclassified".
#' [encodeClassLabels()] applies it to every row of a matrix.
#'
#' @details
#' * `"WTA"` (winner takes all): the largest output wins if it is unique,
#'   greater than `h`, and every other output is below it minus `l`.
#' * `"402040"`: an output wins if it is the only one >= `h` and every other
#'   output is <= `l` (usually `l = 0.4`, `h = 0.6`, hence the name).
#'
#' An unknown method is an error (RSNNS returns 0).
#'
#' @param y one pattern's outputs, a numeric vector. No `NA`.
#' @param method `"WTA"` or `"402040"`.
#' @param l,h the thresholds of the method.
#' @return The position (1-based) of the winning output, or 0.
#' @seealso [encodeClassLabels()], [confusionMatrix()].
#' @examplesIf skneural:::.python_usable()
#' analyzeClassification(c(.1, .8, .3))                               # 2
#' analyzeClassification(c(.7, .65, .1), l = 0.1)                     # 0
#' analyzeClassification(c(.1, .8, .3), "402040", l = 0.4, h = 0.6)   # 2
#' @export
analyzeClassification <- function(y, method = "WTA", l = 0, h = 0) {
  method <- .check_string(method, "method")
  l <- .check_number(l, "l")
  h <- .check_number(h, "h")
  if (!is.null(dim(y)) && min(dim(y)) != 1L) {
    .stop("analyzeClassification: 'y' must be one pattern's outputs (a vector); ",
          "use encodeClassLabels() for a matrix.")
  }
  y <- .check_numbers(as.vector(y), "y")
  res <- .py_call(.sk$rsnns$analyze_classification(
    .np$asarray(y, dtype = "float64"), method = method, l = l, h = h), "analyzeClassification")
  as.integer(.r(res))
}

# ---------------------------------------------------------------------------
# Pattern matrices and SNNS files
# ---------------------------------------------------------------------------
.prefixed_columns <- function(patterns, prefix, fun) {
  cn <- colnames(patterns)
  if (is.null(cn)) {
    .stop(fun, ": 'patterns' has no column names; it should have columns named in1, in2, ",
          "..., out1, ... (as readPatFile() returns).")
  }
  grep(paste0("^", prefix), cn)
}

#' The input and output columns of a pattern matrix (RSNNS's inputColumns, outputColumns)
#'
#' The positions of the columns whose names begin with `"in"` (inputs) or
#' `"out"` (targets), the names [readPatFile()] gives, so that
#' `patterns[, inputColumns(patterns)]` are the inputs.
#'
#' @param patterns a matrix or data frame with column names.
#' @return An integer vector of column positions (possibly empty).
#' @seealso [readPatFile()], [savePatFile()].
#' @examples
#' p <- cbind(in1 = 1:3, in2 = 4:6, out1 = c(0, 1, 0))
#' inputColumns(p)              # 1 2
#' p[, outputColumns(p)]        # the targets
#' @export
inputColumns <- function(patterns) .prefixed_columns(patterns, "in", "inputColumns")

#' @rdname inputColumns
#' @export
outputColumns <- function(patterns) .prefixed_columns(patterns, "out", "outputColumns")

.check_path <- function(filename, fun) {
  if (!is.character(filename) || length(filename) != 1L || is.na(filename) || !nzchar(filename)) {
    .stop(fun, ": 'filename' must be a single file name, got ", .describe(filename), ".")
  }
  path.expand(filename)
}

.df_to_matrix <- function(df) {
  m <- .from_py(df$to_numpy())
  cn <- as.character(.r(df$columns$tolist()))
  matrix(as.double(m), ncol = length(cn), dimnames = list(NULL, cn))
}

#' Read and write SNNS pattern files (RSNNS's readPatFile, savePatFile)
#'
#' `readPatFile()` reads an SNNS pattern file (`.pat`) into a matrix;
#' `savePatFile()` writes inputs and targets into one.
#'
#' @details
#' The format is SNNS's (user manual, "pattern files"): the line
#' `SNNS pattern definition file V3.2`, a `generated at` line, the header
#' lines `No. of patterns : n`, `No. of input units : k`, `No. of output
#' units : m`, then every pattern's k inputs and m outputs, separated by
#' white space and line breaks in any arrangement; `#` starts a comment.
#' Patterns of variable size and class names are not supported (an error
#' says so). `savePatFile()` writes the values in the shortest form that reads
#' back to the same double, so a round trip is exact.
#'
#' @param filename the file name.
#' @param inputs the inputs, a numeric matrix (one row per pattern). No `NA`.
#' @param targets the targets, a numeric matrix with as many rows, or `NULL`
#'   for a file without outputs.
#' @return `readPatFile()`: a numeric matrix with columns `in1`, ..., `out1`,
#'   ... (see [inputColumns()]). `savePatFile()`: `filename`, invisibly.
#' @seealso [inputColumns()], [readResFile()].
#' @examplesIf skneural:::.python_usable()
#' f <- tempfile(fileext = ".pat")
#' savePatFile(as.matrix(iris[1:5, 1:4]), decodeClassLabels(iris$Species[1:5]), f)
#' p <- readPatFile(f)
#' p[, inputColumns(p)]
#' @export
readPatFile <- function(filename) {
  filename <- .check_path(filename, "readPatFile")
  .df_to_matrix(.py_call(.sk$rsnns$read_pat_file(filename), "readPatFile"))
}

#' @rdname readPatFile
#' @export
savePatFile <- function(inputs, targets, filename) {
  filename <- .check_path(filename, "savePatFile")
  X <- .as_numeric_matrix(inputs, "inputs", fun = "savePatFile")
  Y <- if (is.null(targets)) NULL else
    .to_py_matrix(.as_numeric_matrix(targets, "targets", fun = "savePatFile"))
  .py_call(.sk$rsnns$save_pat_file(.to_py_matrix(X), Y, filename), "savePatFile")
  invisible(filename)
}

#' Read the outputs stored in an SNNS result file (RSNNS's readResFile)
#'
#' Reads the network outputs from an SNNS result file (`.res`), the file
#' SNNS writes when it tests a network on a pattern set.
#'
#' @details
#' SNNS's result format: the line `SNNS result file V1.4-3D`, a `generated
#' at` line, header lines `No. of patterns`, `No. of input units`, `No. of
#' output units`, `startpattern`, `endpattern`, optionally `input patterns
#' included` and `teaching output included`; then per pattern a line `#n.m`
#' followed by its inputs (if included), teaching outputs (if included) and
#' the network outputs.
#'
#' @param filename the file name.
#' @return A numeric matrix: one row per pattern, one column per output unit.
#' @seealso [readPatFile()].
#' @examplesIf skneural:::.python_usable()
#' f <- tempfile(fileext = ".res")
#' writeLines(c("SNNS result file V1.4-3D", "generated at today", "",
#'              "No. of patterns     : 2", "No. of input units  : 1",
#'              "No. of output units : 1", "startpattern        : 1",
#'              "endpattern          : 2", "#1.1", "0.25", "#2.1", "0.75"), f)
#' readResFile(f)
#' @export
readResFile <- function(filename) {
  filename <- .check_path(filename, "readResFile")
  res <- .py_call(.sk$rsnns$read_res_file(filename), "readResFile")
  shape <- as.integer(unlist(.r(res$shape)))
  matrix(as.double(.from_py(res)), nrow = shape[1], ncol = shape[2])
}

# ---------------------------------------------------------------------------
# Activation maps
# ---------------------------------------------------------------------------

#' Arrange activations as 2-d maps (RSNNS's vectorToActMap, matrixToActMapList)
#'
#' `vectorToActMap()` arranges a vector of unit activations as a matrix,
#' filled column by column as `matrix(v, nrow = nrow)` does;
#' `matrixToActMapList()` does that for every row of a matrix. Draw a map
#' with [plotActMap()].
#'
#' @param v a numeric vector of activations.
#' @param m a numeric matrix, one activation pattern per row.
#' @param nrow,ncol the map's numbers of rows and columns; 0 means "from the
#'   other and the length" (usually only `nrow` is given; with neither the map
#'   is square). The length must fill the map exactly.
#' @return `vectorToActMap()`: a numeric matrix. `matrixToActMapList()`: a
#'   list of such matrices, one per row of `m`.
#' @seealso [plotActMap()].
#' @examplesIf skneural:::.python_usable()
#' vectorToActMap(1:6, nrow = 2)
#' maps <- matrixToActMapList(matrix(runif(24), nrow = 2), nrow = 3)
#' length(maps); dim(maps[[1]])
#' @export
vectorToActMap <- function(v, nrow = 0, ncol = 0) {
  nrow <- .check_whole(nrow, "nrow", min = 0L)
  ncol <- .check_whole(ncol, "ncol", min = 0L)
  v <- .check_numbers(as.vector(v), "v")
  res <- .py_call(.sk$rsnns$vector_to_act_map(.np$asarray(v, dtype = "float64"), nrow, ncol),
                  "vectorToActMap")
  shape <- as.integer(unlist(.r(res$shape)))
  matrix(as.double(.from_py(res)), nrow = shape[1], ncol = shape[2])
}

#' @rdname vectorToActMap
#' @export
matrixToActMapList <- function(m, nrow = 0, ncol = 0) {
  M <- .as_numeric_matrix(m, "m", fun = "matrixToActMapList")
  lapply(seq_len(nrow(M)), function(i) vectorToActMap(M[i, ], nrow = nrow, ncol = ncol))
}

# ---------------------------------------------------------------------------
# Model accessors
# ---------------------------------------------------------------------------
.py_model <- function(object, fun) {
  if (inherits(object, "skneural_mlp")) {
    .check_alive(object)
    return(object$py)
  }
  if (inherits(object, "skneural_estimator")) return(py_estimator(object))
  .stop(fun, ": 'object' must be a model from mlp() (or a fitted skneural estimator), got ",
        .describe(object), ".")
}

.py_frame_to_r <- function(df) {
  cols <- as.character(.r(df$columns$tolist()))
  out <- lapply(cols, function(cn) {
    v <- .r(df$`__getitem__`(cn)$tolist())
    if (is.list(v)) v <- unlist(v)
    v
  })
  names(out) <- cols
  as.data.frame(out, stringsAsFactors = FALSE, optional = TRUE)
}

.py_square_matrix <- function(df) {
  m <- .from_py(df$to_numpy())
  nm <- as.character(.r(df$columns$tolist()))
  matrix(as.double(m), nrow = length(nm), dimnames = list(nm, nm))
}

#' The weight matrix of a network (RSNNS's weightMatrix)
#'
#' The full unit-by-unit weight matrix: entry `[i, j]` is the weight of the
#' link from unit `i` to unit `j`, 0 where there is no link.
#'
#' @details
#' Units are numbered as SNNS numbers those of an `mlp()` network: inputs,
#' then each hidden layer, then outputs; they are named `Input_k`,
#' `Hidden_l_k` (`l` counts layers from the input layer, so the first hidden
#' layer is `Hidden_2_k`) and `Output_k`. Biases are not in the matrix; see
#' [extractNetInfo()].
#'
#' @param object a model from [mlp()] (or a fitted [MLPClassifier()] /
#'   [MLPRegressor()]).
#' @return A square numeric matrix with the unit names as row and column
#'   names.
#' @seealso [extractNetInfo()], [exportToSnnsNetFile()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' model <- mlp(normalizeData(iris[, 1:4]), decodeClassLabels(iris$Species),
#'              size = 3, maxit = 10)
#' round(weightMatrix(model), 2)
#' @export
weightMatrix <- function(object) {
  py <- .py_model(object, "weightMatrix")
  .py_square_matrix(.py_call(.sk$rsnns$weight_matrix(py), "weightMatrix"))
}

#' The network as tables (RSNNS's extractNetInfo)
#'
#' Describes the network of a model unit by unit.
#'
#' @param object a model from [mlp()] (or a fitted [MLPClassifier()] /
#'   [MLPRegressor()]).
#' @return A list with
#'   * `infoHeader`: a data frame (`name`, `value`) with the network name,
#'     the numbers of units and connections, the learning and update function;
#'   * `unitDefinitions`: a data frame with one row per unit: `unitNo`,
#'     `unitName`, `unitAct` (0: skneural keeps no activations), `unitBias`
#'     (0 for inputs, which have none), `type` (`UNIT_INPUT`, `UNIT_HIDDEN`,
#'     `UNIT_OUTPUT`), `posX`, `posY`, `posZ`, `actFunc`, `outFunc`, `sites`;
#'   * `fullWeightMatrix`: [weightMatrix()].
#' @seealso [weightMatrix()], [exportToSnnsNetFile()], [readSnnsNetFile()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' model <- mlp(normalizeData(iris[, 1:4]), decodeClassLabels(iris$Species),
#'              size = 3, maxit = 10)
#' extractNetInfo(model)$unitDefinitions
#' @export
extractNetInfo <- function(object) {
  py <- .py_model(object, "extractNetInfo")
  .net_info_to_r(.py_call(.sk$rsnns$extract_net_info(py), "extractNetInfo"))
}

.net_info_to_r <- function(info) {
  list(infoHeader = .py_frame_to_r(info$infoHeader),
       unitDefinitions = .py_frame_to_r(info$unitDefinitions),
       fullWeightMatrix = .py_square_matrix(info$fullWeightMatrix))
}

#' Write and read SNNS network files (RSNNS's exportToSnnsNetFile)
#'
#' `exportToSnnsNetFile()` writes a model's network as an SNNS network file
#' (`.net`); `readSnnsNetFile()` (a skneural addition) reads such a file, one
#' written by SNNS or one typed in SNNS's format, into [extractNetInfo()]'s
#' tables.
#'
#' @details
#' The file follows SNNS's format V1.4-3D: header, unit default section,
#' unit definition section (number, name, activation, bias, type `i`/`h`/`o`,
#' position, activation and output function per unit) and connection
#' definition section (`source:weight` pairs per target unit). Weights and
#' biases are written in full precision (SNNS writes 5 decimals), so reading
#' the file back gives exactly the model's weights. Unit types and sites
#' (SNNS features an `mlp()` network does not use) are not read.
#'
#' @param object a model from [mlp()] (or a fitted [MLPClassifier()] /
#'   [MLPRegressor()]).
#' @param filename the file name.
#' @param netname the network name written in the file.
#' @return `exportToSnnsNetFile()`: `filename`, invisibly.
#'   `readSnnsNetFile()`: a list as [extractNetInfo()] returns.
#' @seealso [extractNetInfo()], [weightMatrix()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' model <- mlp(normalizeData(iris[, 1:4]), decodeClassLabels(iris$Species),
#'              size = 3, maxit = 10)
#' f <- tempfile(fileext = ".net")
#' exportToSnnsNetFile(model, f)
#' identical(readSnnsNetFile(f)$fullWeightMatrix, weightMatrix(model))
#' @export
exportToSnnsNetFile <- function(object, filename, netname = "RSNNS_untitled") {
  filename <- .check_path(filename, "exportToSnnsNetFile")
  netname <- .check_string(netname, "netname")
  py <- .py_model(object, "exportToSnnsNetFile")
  .py_call(.sk$rsnns$export_to_snns_net_file(py, filename, netname = netname),
           "exportToSnnsNetFile")
  invisible(filename)
}

#' @rdname exportToSnnsNetFile
#' @export
readSnnsNetFile <- function(filename) {
  filename <- .check_path(filename, "readSnnsNetFile")
  .net_info_to_r(.py_call(.sk$rsnns$read_snns_net_file(filename), "readSnnsNetFile"))
}

#' Continue training a model (RSNNS's train)
#'
#' Trains an [mlp()] model further, starting from the weights it has now,
#' with its learning function and parameters.
#'
#' @details
#' As in RSNNS, the result's `IterativeFitError` (and `IterativeTestError`,
#' with a test set) hold the epochs of this call, and `fitted.values` the
#' outputs for `inputsTrain`. The Python model underneath is trained in
#' place: `object` and the result share it.
#'
#' Known difference: skneural restarts the per-weight memory of Rprop,
#' Quickprop, momentum and SCG at each call (SNNS keeps it), so only the
#' stateless learners (`Std_Backpropagation`, `BackpropBatch`, `BackpropChunk`)
#' continue exactly as one longer run would.
#'
#' @param object a model from [mlp()].
#' @param ... arguments for the method.
#' @param inputsTrain,targetsTrain the training inputs and targets, as for
#'   [mlp()].
#' @param inputsTest,targetsTest an optional test set (both or neither).
#' @param maxit the number of epochs; `NULL` (the default) uses the model's
#'   `maxit`.
#' @return The model, with the new errors and fitted values.
#' @seealso [mlp()], [plotIterativeError()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' x <- normalizeData(iris[, 1:4]); y <- decodeClassLabels(iris$Species)
#' model <- mlp(x, y, size = 3, maxit = 20)
#' model <- train(model, x, y, maxit = 30)
#' length(model$IterativeFitError)   # 30
#' @export
train <- function(object, ...) UseMethod("train")

#' @rdname train
#' @export
train.skneural_mlp <- function(object, inputsTrain, targetsTrain = NULL, inputsTest = NULL,
                               targetsTest = NULL, maxit = NULL, ...) {
  .check_alive(object)
  if (is.null(targetsTrain)) .stop("train: 'targetsTrain' is required to train an mlp.")
  if (is.null(inputsTest) != is.null(targetsTest)) {
    .stop("train: 'inputsTest' and 'targetsTest' must be given together.")
  }
  epochs <- if (is.null(maxit)) object$maxit else .check_whole(maxit, "maxit", min = 1L)
  X <- .as_numeric_matrix(inputsTrain, "inputsTrain", encoding = object$encoding, fun = "train")
  if (is.factor(targetsTrain)) targetsTrain <- decodeClassLabels(targetsTrain)
  Y <- .as_numeric_matrix(targetsTrain, "targetsTrain", fun = "train")
  if (ncol(X) != object$nInputs || ncol(Y) != object$nOutputs) {
    .stop("train: the model has ", object$nInputs, " inputs and ", object$nOutputs,
          " outputs; got ", ncol(X), " and ", ncol(Y), " columns.")
  }
  Xt <- Yt <- NULL
  if (!is.null(inputsTest)) {
    Xt <- .to_py_matrix(.as_numeric_matrix(inputsTest, "inputsTest", encoding = object$encoding,
                                           fun = "train"))
    if (is.factor(targetsTest)) targetsTest <- decodeClassLabels(targetsTest)
    Yt <- .to_py_matrix(.as_numeric_matrix(targetsTest, "targetsTest", fun = "train"))
  }
  py <- .py_call(.sk$rsnns$train(object$py, .to_py_matrix(X), .to_py_matrix(Y), Xt, Yt,
                                 maxit = epochs), "train")
  meta <- object[setdiff(names(object), c("py", "IterativeFitError", "IterativeTestError",
                                          "fitted.values"))]
  meta$maxit <- epochs
  .new_mlp(py, meta)
}

# ---------------------------------------------------------------------------
# print / summary in RSNNS's layout (the methods for skneural_mlp live in
# mlp.R; these build RSNNS's text from a model)
# ---------------------------------------------------------------------------

# RSNNS's print(): class, sizes, functions and parameters, members.
.rsnns_print_text <- function(x) {
  fmt <- function(v) paste(format(v, trim = TRUE), collapse = " ")
  members <- setdiff(names(x), c("py", "encoding", "inputColnames", "outputColnames"))
  c("Class: mlp->rsnns",
    paste0("Number of inputs: ", x$nInputs, " "),
    paste0("Number of outputs: ", x$nOutputs, " "),
    paste0("Maximal iterations: ", x$maxit, " "),
    paste0("Initialization function: ", x$initFunc, " "),
    paste0("Initialization function parameters: ",
           paste(vapply(x$initFuncParams, fmt, ""), collapse = " "), " "),
    paste0("Learning function: ", x$learnFunc, " "),
    paste0("Learning function parameters: ",
           paste(vapply(x$learnFuncParams, fmt, ""), collapse = " "), " "),
    paste0("Update function:", x$updateFunc),
    paste0("Update function parameters: ",
           paste(vapply(x$updateFuncParams, fmt, ""), collapse = " "), " "),
    paste0("Patterns are shuffled internally: ", x$shufflePatterns, " "),
    "Compute error in every iteration: TRUE ",
    "Architecture Parameters:",
    "$size",
    paste0("[1] ", paste(x$size, collapse = " ")),
    "",
    "All members of model:",
    utils::capture.output(print(members)))
}

# RSNNS's summary(): the SNNS network file's text, or extractNetInfo().
.rsnns_summary <- function(object, origSnnsFormat = TRUE) {
  origSnnsFormat <- .check_flag(origSnnsFormat, "origSnnsFormat")
  if (!origSnnsFormat) return(extractNetInfo(object))
  .r(.py_call(.sk$rsnns$summary(.py_model(object, "summary")), "summary"))
}
