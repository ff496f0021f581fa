# RSNNS's plots, drawn with base graphics as RSNNS draws them (pure R: no
# Python needed). plotIterativeError() is in mlp.R.

.plot_vector <- function(x, name, fun) {
  if (is.data.frame(x)) x <- as.matrix(x)
  if (!is.null(dim(x)) && min(dim(x)) != 1L) {
    .stop(fun, ": '", name, "' must be a vector (one column), got a ",
          paste(dim(x), collapse = " x "), " matrix.")
  }
  if (is.factor(x) || !(is.numeric(x) || is.logical(x))) {
    .stop(fun, ": '", name, "' must be numeric, got ", .describe(x), ".")
  }
  x <- as.double(as.vector(x))
  if (anyNA(x) || any(!is.finite(x))) .stop(fun, ": '", name, "' contains NA or infinite values.")
  x
}

#' Plot fitted against target values (RSNNS's plotRegressionError)
#'
#' Draws the target values on the x axis against the fitted or predicted
#' values on the y axis. The optimal fit, the line through 0 with slope 1, is
#' drawn in black; a least-squares line fitted to the points (`lm(fits ~
#' targets)`) in red.
#'
#' @param targets the target values, a numeric vector (or one-column matrix).
#' @param fits the values the model fitted or predicted, as many.
#' @param ... further graphical parameters passed to [graphics::plot()].
#' @return The coefficients of the red line (intercept, slope), invisibly.
#' @seealso [plotROC()], [plotIterativeError()].
#' @examples
#' x <- seq(0, 1, length.out = 30)
#' plotRegressionError(x, x + rnorm(30, sd = 0.05))
#' @export
plotRegressionError <- function(targets, fits, ...) {
  targets <- .plot_vector(targets, "targets", "plotRegressionError")
  fits <- .plot_vector(fits, "fits", "plotRegressionError")
  if (length(targets) != length(fits)) {
    .stop("plotRegressionError: 'targets' and 'fits' have different lengths: ",
          length(targets), " and ", length(fits), ".")
  }
  if (length(targets) < 2L) .stop("plotRegressionError: needs at least 2 points.")
  lim <- range(c(targets, fits))
  graphics::plot(targets, fits, xlim = lim, ylim = lim, ...)
  graphics::abline(0, 1)
  coefs <- stats::coef(stats::lm(fits ~ targets))
  coefs[is.na(coefs)] <- 0
  graphics::abline(coefs[1], coefs[2], col = "red")
  invisible(unname(coefs))
}

#' Plot a ROC curve (RSNNS's plotROC)
#'
#' Draws the receiver operating characteristic of the predictions `T` for
#' the binary targets `D`: sensitivity (true positive rate) against 1 -
#' specificity (false positive rate), over every threshold, with the
#' diagonal of a random guess.
#'
#' @param T the predictions (scores: higher means positive), a numeric vector.
#' @param D the targets, 0 and 1 (or two values: the larger is positive).
#' @param ... further graphical parameters passed to [graphics::plot()].
#' @return A data frame of the curve's points (`threshold`, `fpr`, `tpr`),
#'   with the area under the curve as attribute `"auc"`, invisibly.
#' @seealso [plotRegressionError()].
#' @examples
#' D <- rep(0:1, each = 20)
#' T <- D * 0.5 + runif(40)
#' plotROC(T, D)
#' @export
plotROC <- function(T, D, ...) {
  T <- .plot_vector(T, "T", "plotROC")
  D <- .plot_vector(D, "D", "plotROC")
  if (length(T) != length(D)) {
    .stop("plotROC: 'T' and 'D' have different lengths: ", length(T), " and ", length(D), ".")
  }
  classes <- sort(unique(D))
  if (length(classes) != 2L) {
    .stop("plotROC: 'D' must hold two classes (0 and 1), got ",
          paste(classes, collapse = ", "), ".")
  }
  pos <- D == classes[2]
  cuts <- c(Inf, sort(unique(T), decreasing = TRUE))
  tpr <- vapply(cuts, function(cut) mean(T[pos] >= cut), 0)
  fpr <- vapply(cuts, function(cut) mean(T[!pos] >= cut), 0)
  graphics::plot(fpr, tpr, type = "l", xlim = c(0, 1), ylim = c(0, 1),
                 xlab = "1 - Specificity", ylab = "Sensitivity", ...)
  graphics::abline(0, 1, lty = 2, col = "grey")
  auc <- sum(diff(fpr) * (utils::head(tpr, -1) + utils::tail(tpr, -1)) / 2)
  invisible(structure(data.frame(threshold = cuts, fpr = fpr, tpr = tpr), auc = auc))
}

#' Plot an activation map (RSNNS's plotActMap)
#'
#' Draws a matrix of activations (e.g. from [vectorToActMap()]) as a heat
#' map with [graphics::image()], the way the matrix prints: row 1 at the top,
#' column 1 on the left.
#'
#' @param x a numeric matrix.
#' @param ... further parameters passed to [graphics::image()] (e.g. `col`).
#' @return `x`, invisibly.
#' @seealso [vectorToActMap()], [matrixToActMapList()].
#' @examples
#' plotActMap(outer(1:7, 1:5), col = rev(heat.colors(12)))
#' @export
plotActMap <- function(x, ...) {
  if (is.data.frame(x)) x <- as.matrix(x)
  if (is.null(dim(x)) || length(dim(x)) != 2L || !is.numeric(x)) {
    .stop("plotActMap: 'x' must be a numeric matrix (use vectorToActMap() to arrange a ",
          "vector), got ", .describe(x), ".")
  }
  if (anyNA(x)) .stop("plotActMap: 'x' contains NA.")
  graphics::image(t(x[rev(seq_len(nrow(x))), , drop = FALSE]), axes = FALSE, ...)
  invisible(x)
}
