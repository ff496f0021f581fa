# RSNNS's helpers, SNNS files, model accessors and plots from R (issue #14). Expected values
# come from RSNNS's documented behaviour (RSNNS.md, RSNNS's help pages), from base R's own
# functions (matrix(), lm(), wilcox.test()) or from hand-written SNNS files.

rows <- rbind(c(.1, .8, .3), c(.5, .5, .1), c(.45, .55, .2), c(.7, .65, .1), c(0, 0, 0))

test_that("analyzeClassification follows RSNNS.md's worked example", {
  cases <- list(list(args = list(), want = c(2, 0, 2, 1, 0)),
                list(args = list(l = 0.1), want = c(2, 0, 2, 0, 0)),
                list(args = list(h = 0.6), want = c(2, 0, 0, 1, 0)),
                list(args = list(method = "402040", l = 0.4, h = 0.6), want = c(2, 0, 0, 0, 0)))
  for (cs in cases) {
    got <- apply(rows, 1, function(r) do.call(analyzeClassification, c(list(r), cs$args)))
    expect_equal(got, cs$want)
    # encodeClassLabels applies it row by row (RSNNS's help page)
    expect_equal(do.call(encodeClassLabels, c(list(rows), cs$args)), as.integer(cs$want))
  }
  expect_error(analyzeClassification(c(1, 0), method = "wta"), "unknown method")
  expect_error(analyzeClassification(c(NA, 1)), "NA")
  expect_error(analyzeClassification(rows), "encodeClassLabels")
})

test_that("toNumericClassLabels numbers classes as factor() and decodeClassLabels do", {
  expect_identical(toNumericClassLabels(iris$Species), as.numeric(iris$Species))
  lab <- c("r", "b", "g", "b")
  expect_identical(toNumericClassLabels(lab), as.numeric(factor(lab)))
  expect_equal(toNumericClassLabels(lab), encodeClassLabels(decodeClassLabels(lab)))
  expect_identical(toNumericClassLabels(c(10, 2.5)), c(10, 2.5))
  expect_error(toNumericClassLabels(c("a", NA)), "NA")
})

hand_pat <- c(
  "SNNS pattern definition file V3.2", "generated at Mon Apr 25 15:58:23 1994", "", "",
  "No. of patterns     : 3", "No. of input units  : 4", "No. of output units : 2", "",
  "# Input pattern 1:", "0.5 1 -2", "3e-1", "# Output pattern 1:", "1 0",
  "# Input pattern 2:", "0 0 0 0   # a comment after values", "# Output pattern 2:", "0", "1",
  "# Input pattern 3:", "  1.25 -0.75 2 4 0.5 0.25")

test_that("readPatFile reads a hand-written SNNS pattern file; in/outputColumns index it", {
  f <- tempfile(fileext = ".pat")
  writeLines(hand_pat, f)
  p <- readPatFile(f)
  expect_identical(colnames(p), c(paste0("in", 1:4), "out1", "out2"))
  expect_identical(unname(p), rbind(c(0.5, 1, -2, 0.3, 1, 0), c(0, 0, 0, 0, 0, 1),
                                    c(1.25, -0.75, 2, 4, 0.5, 0.25)))
  expect_identical(inputColumns(p), 1:4)
  expect_identical(outputColumns(p), 5:6)
  expect_error(inputColumns(matrix(1:4, 2)), "column names")
  writeLines(sub("No. of patterns     : 3", "No. of patterns : 4", hand_pat), f)
  expect_error(readPatFile(f), "4 patterns")
})

test_that("savePatFile and readPatFile round-trip exactly", {
  set.seed(3)
  X <- matrix(rnorm(40) * 10^sample(-8:8, 40, TRUE), 10)
  Y <- matrix(runif(20), 10)
  f <- tempfile(fileext = ".pat")
  savePatFile(X, Y, f)
  p <- readPatFile(f)
  expect_identical(unname(p[, inputColumns(p)]), X)
  expect_identical(unname(p[, outputColumns(p)]), Y)
  expect_error(savePatFile(X, Y[1:3, ], f), "different numbers of rows")
})

test_that("readResFile reads the outputs of a hand-written SNNS result file", {
  f <- tempfile(fileext = ".res")
  writeLines(c("SNNS result file V1.4-3D", "generated at Tue Apr 26 10:12:01 1994", "",
               "No. of patterns     : 2", "No. of input units  : 3", "No. of output units : 2",
               "startpattern        : 1", "endpattern          : 2", "input patterns included",
               "teaching output included", "#1.1", "0 1", "1", "1 0", "0.91234 0.04321",
               "#2.1", "1 1 0", "0 1", "0.1 0.87"), f)
  expect_identical(readResFile(f), rbind(c(0.91234, 0.04321), c(0.1, 0.87)))
})

test_that("vectorToActMap fills like R's matrix(); matrixToActMapList row by row", {
  v <- as.double(1:12)
  expect_identical(vectorToActMap(v, nrow = 3), matrix(v, nrow = 3))
  expect_identical(vectorToActMap(v, ncol = 4), matrix(v, ncol = 4))
  expect_identical(dim(vectorToActMap(1:9)), c(3L, 3L))
  maps <- matrixToActMapList(rbind(v, -v), nrow = 3)
  expect_length(maps, 2)
  expect_identical(maps[[2]], matrix(-v, nrow = 3))
  expect_error(vectorToActMap(v), "square")
  expect_error(vectorToActMap(v, nrow = 5), "do not fill")
})

surface_model <- function() {
  s <- iris_split(1)
  mlp(s$inputsTrain, s$targetsTrain, size = c(3, 2), maxit = 5, learnFunc = "Rprop",
      learnFuncParams = c(0.1, 50, 4), random_state = 0)
}

# Propagate unit by unit, in unit-number order, through the full matrix (it knows nothing
# about layers: an independent reading of weightMatrix + extractNetInfo).
forward_units <- function(W, bias, act, X) {
  out <- matrix(0, nrow(X), ncol(W))
  out[, seq_len(ncol(X))] <- X
  for (j in (ncol(X) + 1):ncol(W)) {
    s <- out %*% W[, j] + bias[j]
    out[, j] <- if (act[j] == "Act_Logistic") 1 / (1 + exp(-s)) else s
  }
  out
}

test_that("weightMatrix and extractNetInfo describe the network that predicts", {
  s <- iris_split(1)
  model <- surface_model()
  W <- weightMatrix(model)
  nm <- c(paste0("Input_", 1:4), paste0("Hidden_2_", 1:3), paste0("Hidden_3_", 1:2),
          paste0("Output_", 1:3))
  expect_identical(dimnames(W), list(nm, nm))
  expect_equal(sum(W != 0), 4 * 3 + 3 * 2 + 2 * 3)
  info <- extractNetInfo(model)
  u <- info$unitDefinitions
  expect_identical(u$type, rep(c("UNIT_INPUT", "UNIT_HIDDEN", "UNIT_OUTPUT"), c(4, 5, 3)))
  expect_identical(info$fullWeightMatrix, W)
  out <- forward_units(W, u$unitBias, u$actFunc, s$inputsTest)
  # float32 network recomputed in double: ~1e-7 relative per rounding, 3 layers -> < 1e-5
  expect_equal(unname(out[, 10:12]), unname(predict(model, s$inputsTest)), tolerance = 1e-5)
  expect_error(weightMatrix(list()), "mlp")
})

test_that("exportToSnnsNetFile writes a file that readSnnsNetFile reads back exactly", {
  model <- surface_model()
  f <- tempfile(fileext = ".net")
  exportToSnnsNetFile(model, f, netname = "iris")
  back <- readSnnsNetFile(f)
  info <- extractNetInfo(model)
  expect_identical(back$fullWeightMatrix, info$fullWeightMatrix)
  expect_identical(back$unitDefinitions, info$unitDefinitions)
  expect_identical(back$infoHeader$value[back$infoHeader$name == "network name"], "iris")
  # RSNNS's summary() prints this file
  txt <- skneural:::.rsnns_summary(model)
  expect_match(txt, "^SNNS network definition file V1.4-3D")
  expect_match(txt, "learning function : Rprop", fixed = TRUE)
})

test_that("train() continues an mlp where it stopped", {
  s <- iris_split(2)
  args <- list(s$inputsTrain, s$targetsTrain, size = 3, learnFunc = "BackpropBatch",
               learnFuncParams = c(0.5, 0), shufflePatterns = FALSE, random_state = 4)
  whole <- do.call(mlp, c(args, maxit = 12))
  part <- do.call(mlp, c(args, maxit = 5))
  part <- train(part, s$inputsTrain, s$targetsTrain, s$inputsTest, s$targetsTest, maxit = 7)
  expect_length(part$IterativeFitError, 7)
  expect_length(part$IterativeTestError, 7)
  # 5 + 7 epochs of a stateless batch learner are the 12 epochs of one run
  expect_identical(part$IterativeFitError, tail(whole$IterativeFitError, 7))
  expect_identical(weightMatrix(part), weightMatrix(whole))
  expect_error(train(part, s$inputsTrain), "targetsTrain")
  expect_error(train(part, s$inputsTrain, s$targetsTrain, maxit = 0), "maxit")
})

test_that("print in RSNNS's layout", {
  model <- surface_model()
  txt <- skneural:::.rsnns_print_text(model)
  expect_identical(txt[1:4], c("Class: mlp->rsnns", "Number of inputs: 4 ",
                               "Number of outputs: 3 ", "Maximal iterations: 5 "))
  expect_true("Learning function parameters: 0.1 50 4 " %in% txt)
  expect_identical(txt[which(txt == "$size") + 1], "[1] 3 2")
})

test_that("plotRegressionError draws lm()'s line; plotROC's area is the rank statistic", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  t <- c(0, 1, 2, 4, 7)
  f <- c(0.5, 0.7, 2.5, 3.1, 8)
  expect_equal(plotRegressionError(t, f), unname(coef(lm(f ~ t))))
  expect_error(plotRegressionError(1:3, 1:2), "different lengths")
  set.seed(5)
  D <- rbinom(60, 1, 0.5)
  T <- D * 0.4 + runif(60)
  roc <- plotROC(T, D)
  # AUC = P(positive's score > negative's score) = W / (n1 n0) (Mann-Whitney)
  w <- suppressWarnings(wilcox.test(T[D == 1], T[D == 0])$statistic)
  expect_equal(attr(roc, "auc"), unname(w) / (sum(D) * sum(1 - D)), tolerance = 1e-12)
  expect_equal(range(roc$fpr), c(0, 1))
  # the curve runs from (0, 0) (no positive call) to (1, 1) (all positive)
  expect_equal(c(roc$fpr[1], roc$tpr[1], tail(roc$fpr, 1), tail(roc$tpr, 1)), c(0, 0, 1, 1))
  expect_error(plotROC(T, D + (seq_along(D) == 1) * 5), "two classes")
  m <- vectorToActMap(1:6, nrow = 2)
  expect_identical(plotActMap(m), m)
  expect_error(plotActMap(1:6), "vectorToActMap")
})
