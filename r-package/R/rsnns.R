# RSNNS's functions, with RSNNS's names and argument names, as thin R
# wrappers over skneural.rsnns: R checks and converts, Python computes.

# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------

#' One-hot encode class labels (RSNNS's decodeClassLabels)
#'
#' Turns a vector of class labels into a matrix with one row per label and
#' one column per class, holding `valTrue` in the label's column and
#' `valFalse` elsewhere: the target format of [mlp()].
#'
#' @details
#' The columns follow RSNNS's order: a factor's level order (unused levels
#' still get a column, all `valFalse`); character labels sorted
#' alphabetically (`c("r", "b", "g")` gives columns b, g, r); numbers sorted
#' numerically (`c(10, 2)` gives columns 2, 10). The column names are the
#' class labels. [encodeClassLabels()] goes back from such a matrix (or from
#' network outputs) to class indices.
#'
#' @param x the class labels: a factor, character, numeric or logical vector
#'   (or a one-column matrix or data frame). No `NA`; not empty.
#' @param valTrue the value for the label's own class, a single number.
#' @param valFalse the value for the other classes, a single number.
#' @return A numeric matrix with `length(x)` rows and one column per class,
#'   the column names being the classes.
#' @seealso [encodeClassLabels()], [mlp()], [confusionMatrix()].
#' @examplesIf skneural:::.python_usable()
#' decodeClassLabels(c("r", "b", "g", "b"))
#' decodeClassLabels(factor(c("lo", "hi"), levels = c("lo", "mid", "hi")))
#' head(decodeClassLabels(iris$Species, valTrue = 0.9, valFalse = 0.1))
#' @export
decodeClassLabels <- function(x, valTrue = 1, valFalse = 0) {
  valTrue <- .check_number(valTrue, "valTrue")
  valFalse <- .check_number(valFalse, "valFalse")
  if (is.data.frame(x) || is.matrix(x)) {
    if (NCOL(x) != 1L) .stop("decodeClassLabels: 'x' must be a vector of labels, got ",
                              NCOL(x), " columns.")
    x <- if (is.data.frame(x)) x[[1L]] else x[, 1L]
  }
  if (anyNA(x)) .stop(.na_message("x"))
  if (length(x) == 0L) .stop("decodeClassLabels: 'x' is empty.")
  if (is.factor(x)) {
    labels <- .py_call(.sk$rsnns$decode_class_labels(
      .pd_categorical(x), valTrue = valTrue, valFalse = valFalse), "decodeClassLabels")
  } else if (is.numeric(x) || is.character(x) || is.logical(x)) {
    if (is.logical(x)) x <- as.character(x)
    labels <- .py_call(.sk$rsnns$decode_class_labels(
      .builtins$list(as.list(x)), valTrue = valTrue, valFalse = valFalse),
      "decodeClassLabels")
  } else {
    .stop("decodeClassLabels: 'x' must be a factor, character, numeric or logical ",
          "vector, got ", class(x)[1], ".")
  }
  out <- .from_py(labels$to_numpy())
  out <- matrix(as.double(out), nrow = length(x))
  colnames(out) <- as.character(.r(labels$columns$tolist()))
  out
}

# An R factor -> pandas Categorical with the same levels, in order.
.pd_categorical <- function(f) {
  pd <- reticulate::import("pandas", convert = FALSE)
  codes <- .np$asarray(as.integer(f) - 1L, dtype = "int64")
  if (length(f) == 1L) codes <- .np$atleast_1d(codes)
  pd$Categorical$from_codes(codes, categories = .builtins$list(as.list(levels(f))),
                            ordered = is.ordered(f))
}

#' Class index per row of network outputs (RSNNS's encodeClassLabels)
#'
#' Turns a matrix of network outputs (one column per class, e.g. from
#' [predict()][predict.skneural_mlp] on an [mlp()] model, or a
#' [decodeClassLabels()] matrix) into the 1-based index of the winning column
#' of each row, or 0 for "unclassified".
#'
#' @details
#' * `"WTA"` (winner takes all): the row's maximum wins if it is unique,
#'   greater than `h`, and every other value is below the maximum minus `l`;
#'   otherwise 0. With the defaults this is the column of the maximum, except
#'   that ties (and all-zero rows) give 0.
#' * `"402040"`: a column wins if it is the only value >= `h` and every other
#'   value is <= `l` (typically `l = 0.4, h = 0.6`); otherwise 0.
#'
#' An unknown method is an error (RSNNS returns 0 for every row).
#'
#' @param x the outputs: a numeric matrix or data frame with one column per
#'   class (a vector is one column). No `NA`.
#' @param method `"WTA"` or `"402040"`, see Details.
#' @param l,h the lower and upper thresholds of the method, see Details.
#' @return An integer vector with one element per row of `x`: the index of the
#'   winning column, or 0.
#' @seealso [decodeClassLabels()], [confusionMatrix()], [mlp()].
#' @examplesIf skneural:::.python_usable()
#' out <- rbind(c(.1, .8, .3), c(.5, .5, .1), c(.45, .55, .2), c(.7, .65, .1), c(0, 0, 0))
#' encodeClassLabels(out)                      # 2 0 2 1 0
#' encodeClassLabels(out, l = 0.1)             # 2 0 2 0 0
#' encodeClassLabels(out, h = 0.6)             # 2 0 0 1 0
#' encodeClassLabels(out, method = "402040", l = 0.4, h = 0.6)  # 2 0 0 0 0
#' @export
encodeClassLabels <- function(x, method = "WTA", l = 0.0, h = 0.0) {
  method <- .check_string(method, "method")
  l <- .check_number(l, "l")
  h <- .check_number(h, "h")
  m <- .as_numeric_matrix(x, "x", fun = "encodeClassLabels")
  res <- .py_call(.sk$rsnns$encode_class_labels(.to_py_matrix(m), method = method,
                                                 l = l, h = h), "encodeClassLabels")
  as.integer(.from_py(res))
}

# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------

#' Split data into training and test sets (RSNNS's splitForTrainingAndTest)
#'
#' Splits inputs and targets into a training part (the first rows) and a test
#' part (the last rows), as RSNNS does.
#'
#' @details
#' The rows are **not** shuffled: the first `floor(n * (1 - ratio))` rows are
#' for training and the remaining ones for testing (n = 150 with
#' `ratio = 0.15`: 127 and 23). Shuffle the rows first when they are ordered,
#' e.g. `d <- d[sample(nrow(d)), ]` (after [set.seed()] for a reproducible
#' split). Numeric data frames become matrices, as in RSNNS; other data
#' frames and vectors keep their type.
#'
#' @param x the inputs: a matrix, data frame or vector with one row (element)
#'   per pattern.
#' @param y the targets, with as many rows as `x` (e.g. from
#'   [decodeClassLabels()]).
#' @param ratio the fraction of the patterns to use for testing, a single
#'   number between 0 and 1.
#' @return A list with `inputsTrain`, `targetsTrain`, `inputsTest` and
#'   `targetsTest`.
#' @seealso [normTrainingAndTestSet()], [mlp()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' d <- iris[sample(nrow(iris)), ]
#' s <- splitForTrainingAndTest(d[, 1:4], decodeClassLabels(d$Species), ratio = 0.15)
#' sapply(s, nrow)   # 127 training rows, 23 test rows
#' @export
splitForTrainingAndTest <- function(x, y, ratio = 0.15) {
  ratio <- .check_number(ratio, "ratio")
  n <- NROW(x)
  if (NROW(y) != n) {
    .stop("splitForTrainingAndTest: 'x' and 'y' have different numbers of rows: ",
          n, " and ", NROW(y), ".")
  }
  # Python decides which rows go where (one definition of the split rule).
  idx <- .np$arange(n)
  parts <- .py_call(.sk$rsnns$split_for_training_and_test(idx, idx, ratio = ratio),
                    "splitForTrainingAndTest")
  train <- as.integer(.from_py(parts$inputsTrain)) + 1L
  test <- as.integer(.from_py(parts$inputsTest)) + 1L
  x <- .matrix_if_numeric(x)
  y <- .matrix_if_numeric(y)
  list(inputsTrain = .rows(x, train), targetsTrain = .rows(y, train),
       inputsTest = .rows(x, test), targetsTest = .rows(y, test))
}

.matrix_if_numeric <- function(x) {
  if (is.data.frame(x) && all(vapply(x, is.numeric, logical(1)))) as.matrix(x) else x
}

.rows <- function(x, i) {
  if (is.null(dim(x))) x[i] else x[i, , drop = FALSE]
}

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------
.norm_params_to_py <- function(p) {
  if (!is.list(p) || is.null(p$type)) {
    .stop("skneural: normalisation parameters must be a list with an element 'type' ",
          "(as getNormParameters() returns), got ", .describe(p), ".")
  }
  out <- .builtins$dict()
  for (nm in names(p)) {
    v <- p[[nm]]
    if (is.numeric(v)) {
      if (anyNA(v)) .stop(.na_message(paste0("normParams$", nm)))
      out$`__setitem__`(nm, .np$asarray(as.double(unname(v)), dtype = "float64"))
    } else {
      out$`__setitem__`(nm, v)
    }
  }
  out
}

.norm_params_from_py <- function(p, colnames = NULL) {
  p <- .r(.builtins$dict(p))
  lapply(p, function(v) {
    if (is.numeric(v)) {
      v <- as.vector(v)
      if (!is.null(colnames) && length(v) == length(colnames)) names(v) <- colnames
    }
    v
  })
}

#' Normalise data column by column (RSNNS's normalizeData)
#'
#' Normalises every column of `x` and records the parameters used, so that
#' other data can be normalised the same way and the result can be undone
#' with [denormalizeData()].
#'
#' @details
#' | `type` | parameters stored | transformation | constant column |
#' |---|---|---|---|
#' | `"norm"` (default) | column means and standard deviations (n - 1) | (x - mean) / sd | becomes 0 |
#' | `"0_1"` | column minima and maxima | (x - min) / (max - min) | unchanged |
#' | `"center"` | column means | x - mean | becomes 0 |
#'
#' `type` may also be a parameter list from [getNormParameters()]: it is then
#' applied as it is (this is how test data are normalised with the training
#' data's parameters). An unknown type is an error (RSNNS silently uses
#' `"norm"`).
#'
#' @param x the data: a numeric matrix, numeric data frame or numeric vector
#'   (one column). No `NA`.
#' @param type `"norm"`, `"0_1"`, `"center"`, or a parameter list as returned
#'   by [getNormParameters()].
#' @return A numeric matrix of the dimensions (and dimnames) of `x`, with the
#'   attribute `"normParams"`: a list with `type` and the column parameters
#'   (`colMeans` and `colSds`; `colMin` and `colMax`; or `colMeans`).
#' @seealso [getNormParameters()], [denormalizeData()],
#'   [normTrainingAndTestSet()].
#' @examplesIf skneural:::.python_usable()
#' z <- normalizeData(iris[, 1:4])
#' round(colMeans(z), 10)
#' p <- getNormParameters(z)
#' str(p)
#' # New data with the same parameters
#' normalizeData(iris[1:3, 1:4], p)
#' # Back to the original scale
#' head(denormalizeData(z, p))
#' @export
normalizeData <- function(x, type = "norm") {
  m <- .as_numeric_matrix(x, "x", fun = "normalizeData")
  py_type <- if (is.list(type)) .norm_params_to_py(type) else .check_string(type, "type")
  res <- .py_call(.sk$rsnns$normalize_data(.to_py_matrix(m), type = py_type),
                  "normalizeData")
  out <- .from_py(res)
  out <- matrix(as.double(out), nrow = nrow(m), ncol = ncol(m), dimnames = dimnames(m))
  attr(out, "normParams") <- .norm_params_from_py(res$normParams, colnames(m))
  out
}

#' The normalisation parameters of normalised data (RSNNS's getNormParameters)
#'
#' Gives the parameters that [normalizeData()] stored in its result (the
#' attribute `"normParams"`), to normalise further data the same way or to
#' undo the normalisation with [denormalizeData()].
#'
#' @param x a result of [normalizeData()] (or a component of
#'   [normTrainingAndTestSet()]'s result that was normalised).
#' @return A list with `type` (`"norm"`, `"0_1"` or `"center"`) and the
#'   column parameters (named numeric vectors, one element per column).
#'   Stops when `x` carries no parameters.
#' @seealso [normalizeData()], [denormalizeData()].
#' @examplesIf skneural:::.python_usable()
#' z <- normalizeData(iris[, 1:4], type = "0_1")
#' getNormParameters(z)
#' @export
getNormParameters <- function(x) {
  p <- attr(x, "normParams")
  if (is.null(p)) {
    .stop("getNormParameters: 'x' carries no normalisation parameters; ",
          "normalise it with normalizeData().")
  }
  p
}

#' Undo a normalisation (RSNNS's denormalizeData)
#'
#' Maps normalised values back to the original scale, with the parameters
#' that [normalizeData()] used; e.g. to turn the outputs of a regression
#' network trained on normalised targets back into the targets' units.
#'
#' @param x the normalised data: a numeric matrix, data frame or vector
#'   with the columns the parameters were computed for. No `NA`.
#' @param normParams the parameters, as returned by [getNormParameters()].
#' @return A numeric matrix of the dimensions (and dimnames) of `x`.
#' @seealso [normalizeData()], [getNormParameters()].
#' @examplesIf skneural:::.python_usable()
#' z <- normalizeData(iris[, 1:4], type = "center")
#' back <- denormalizeData(z, getNormParameters(z))
#' all.equal(back, as.matrix(iris[, 1:4]), check.attributes = FALSE)
#' @export
denormalizeData <- function(x, normParams) {
  m <- .as_numeric_matrix(x, "x", fun = "denormalizeData")
  res <- .py_call(.sk$rsnns$denormalize_data(.to_py_matrix(m), .norm_params_to_py(normParams)),
                  "denormalizeData")
  out <- .from_py(res)
  matrix(as.double(out), nrow = nrow(m), ncol = ncol(m), dimnames = dimnames(m))
}

#' Normalise a training/test split (RSNNS's normTrainingAndTestSet)
#'
#' Normalises the training inputs with [normalizeData()], then the test
#' inputs with the *training* parameters (so no information flows from the
#' test set); the targets likewise when `dontNormTargets = FALSE`.
#'
#' @param x a list as returned by [splitForTrainingAndTest()], with
#'   `inputsTrain`, `targetsTrain` and optionally `inputsTest`, `targetsTest`.
#' @param dontNormTargets if `TRUE` (the default), leave the targets as they
#'   are (right for class targets from [decodeClassLabels()]); if `FALSE`,
#'   normalise them too.
#' @param type the normalisation, as in [normalizeData()]: `"norm"`, `"0_1"`
#'   or `"center"`.
#' @return The list `x` with the inputs (and targets) replaced by their
#'   normalised versions, each carrying its `"normParams"` attribute (see
#'   [getNormParameters()]).
#' @seealso [splitForTrainingAndTest()], [normalizeData()], [mlp()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' d <- iris[sample(nrow(iris)), ]
#' s <- splitForTrainingAndTest(d[, 1:4], decodeClassLabels(d$Species))
#' s <- normTrainingAndTestSet(s)
#' round(colMeans(s$inputsTrain), 10)        # 0: normalised on itself
#' getNormParameters(s$inputsTest)$colMeans  # the training means
#' @export
normTrainingAndTestSet <- function(x, dontNormTargets = TRUE, type = "norm") {
  dontNormTargets <- .check_flag(dontNormTargets, "dontNormTargets")
  if (!is.list(x) || is.null(x$inputsTrain) || is.null(x$targetsTrain)) {
    .stop("normTrainingAndTestSet: 'x' must be the result of splitForTrainingAndTest().")
  }
  out <- x
  out$inputsTrain <- normalizeData(x$inputsTrain, type)
  if (!is.null(x$inputsTest)) {
    out$inputsTest <- normalizeData(x$inputsTest, getNormParameters(out$inputsTrain))
  }
  if (!dontNormTargets) {
    out$targetsTrain <- normalizeData(x$targetsTrain, type)
    if (!is.null(x$targetsTest)) {
      out$targetsTest <- normalizeData(x$targetsTest, getNormParameters(out$targetsTrain))
    }
  }
  out
}

# ---------------------------------------------------------------------------
# Confusion matrix
# ---------------------------------------------------------------------------
.class_input <- function(v, name) {
  if (is.data.frame(v)) v <- as.matrix(v)
  if (anyNA(v)) .stop(.na_message(name))
  if (!is.null(dim(v)) && ncol(v) > 1L) {
    return(.to_py_matrix(.as_numeric_matrix(v, name, fun = "confusionMatrix")))
  }
  v <- as.vector(if (is.factor(v)) as.character(v) else v)
  if (is.factor(v) || is.character(v)) v <- as.character(v)
  .builtins$list(as.list(v))
}

#' Confusion matrix (RSNNS's confusionMatrix)
#'
#' Cross-tabulates true and predicted classes.
#'
#' @details
#' A matrix (one column per class, such as [decodeClassLabels()] output or
#' network outputs from [predict()][predict.skneural_mlp]) is first turned
#' into class indices with [encodeClassLabels()] (`"WTA"`, `l = h = 0`); a
#' vector (numbers, strings or a factor) is used as it is. Only values that
#' occur get a row or column, so the table need not be square, and a column
#' `"0"` counts the outputs that [encodeClassLabels()] leaves unclassified.
#'
#' @param targets the true classes: a matrix with one column per class, or a
#'   vector of class labels. No `NA`.
#' @param predictions the predicted classes, in the same form (network
#'   outputs or labels), one per target.
#' @return A table (integer counts) with dimnames `targets` (rows, the true
#'   classes) and `predictions` (columns).
#' @seealso [encodeClassLabels()], [mlp()].
#' @examplesIf skneural:::.python_usable()
#' truth <- decodeClassLabels(c("a", "b", "b", "c"))
#' outputs <- rbind(c(.9, .1, 0), c(.2, .7, .1), c(.5, .5, 0), c(.1, .3, .6))
#' confusionMatrix(truth, outputs)   # row 2 has a tie: column "0"
#' confusionMatrix(c(1, 2, 2, 3), c(1, 2, 1, 3))
#' @export
confusionMatrix <- function(targets, predictions) {
  t <- .class_input(targets, "targets")
  p <- .class_input(predictions, "predictions")
  tab <- .py_call(.sk$rsnns$confusion_matrix(t, p), "confusionMatrix")
  counts <- .from_py(tab$to_numpy())
  rn <- as.character(.r(tab$index$tolist()))
  cn <- as.character(.r(tab$columns$tolist()))
  counts <- matrix(as.integer(counts), nrow = length(rn), ncol = length(cn),
                   dimnames = list(targets = rn, predictions = cn))
  as.table(counts)
}
