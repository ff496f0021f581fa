# RSNNS's functions, with RSNNS's names and argument names, as thin R
# wrappers over skneural.rsnns: R checks and converts, Python computes.

# ---------------------------------------------------------------------------
# Class labels
# ---------------------------------------------------------------------------

#' One-hot encode class labels (RSNNS's decodeClassLabels)
#'
#' Columns follow the factor's level order (unused levels keep an all-valFalse
#' column); character labels are sorted, numbers sorted numerically. Returns a
#' numeric matrix whose column names are the class labels.
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

#' Winning class per row, 1-based, 0 = unclassified (RSNNS's encodeClassLabels)
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

#' Split without shuffling (RSNNS's splitForTrainingAndTest)
#'
#' The first floor(n * (1 - ratio)) rows are for training, the rest for
#' testing: shuffle the rows yourself first. Numeric data frames become
#' matrices, as in RSNNS. Returns a list with inputsTrain, targetsTrain,
#' inputsTest and targetsTest.
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

#' Column-wise normalisation (RSNNS's normalizeData)
#'
#' type is "norm" (mean 0, sd 1 with n - 1), "0_1", "center", or a parameter
#' list from getNormParameters() applied as it is. The result is a matrix with
#' attribute "normParams". Unknown types are an error (RSNNS silently uses
#' "norm").
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

#' The normalisation parameters a normalizeData() result carries
getNormParameters <- function(x) {
  p <- attr(x, "normParams")
  if (is.null(p)) {
    .stop("getNormParameters: 'x' carries no normalisation parameters; ",
          "normalise it with normalizeData().")
  }
  p
}

#' Undo normalizeData() (RSNNS's denormalizeData)
denormalizeData <- function(x, normParams) {
  m <- .as_numeric_matrix(x, "x", fun = "denormalizeData")
  res <- .py_call(.sk$rsnns$denormalize_data(.to_py_matrix(m), .norm_params_to_py(normParams)),
                  "denormalizeData")
  out <- .from_py(res)
  matrix(as.double(out), nrow = nrow(m), ncol = ncol(m), dimnames = dimnames(m))
}

#' Normalise a split (RSNNS's normTrainingAndTestSet)
#'
#' The training inputs are normalised, then the test inputs with the training
#' parameters; targets too when dontNormTargets = FALSE.
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
#' Matrices are encoded with encodeClassLabels() (WTA) first; vectors are used
#' as they are. Rows are true classes, columns predicted ones; a column "0"
#' counts unclassified outputs. Returns a table.
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
