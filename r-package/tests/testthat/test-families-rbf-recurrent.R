# rbf(), rbfDDA(), elman(), jordan(), assoz(): RSNNS's arguments in, RSNNS's fields out.

sine_data <- function() {
  x <- matrix(seq(0, 10, 0.1))
  list(x = x, y = sin(x))
}

test_that("rbf() fits RSNNS's sine example and predict() gives the outputs", {
  set.seed(2)
  inputs <- as.matrix(seq(0, 10, 0.1))
  outputs <- normalizeData(as.matrix(sin(inputs) + runif(length(inputs))), "0_1")
  model <- rbf(inputs, outputs, size = 40, maxit = 200,
               initFuncParams = c(0, 1, 0, 0.01, 0.01),
               learnFuncParams = c(1e-8, 0, 1e-8, 0.1, 0.8), linOut = TRUE)
  expect_s3_class(model, c("skneural_rbf", "skneural_rsnns"))
  expect_length(model$IterativeFitError, 200L)
  expect_null(model$IterativeTestError)
  expect_equal(dim(model$fitted.values), c(101L, 1L))
  expect_equal(fitted(model), model$fitted.values)
  expect_equal(predict(model, inputs), model$fitted.values, ignore_attr = TRUE,
               tolerance = 1e-6)
  # the fit follows the sine under the uniform noise
  expect_gt(cor(as.vector(model$fitted.values), as.vector(outputs)), 0.8)
  expect_output(print(model), "skneural rbf")
  # 40 centres (1 input) + 40 widths + 40 weights + 1 output bias
  expect_output(print(summary(model)), "121 trained parameters")
  expect_equal(model$size, 40L)
})

test_that("rbf() passes its parameters through and records a test error", {
  d <- sine_data()
  model <- rbf(d$x[1:80, , drop = FALSE], d$y[1:80], size = 10, maxit = 5,
               initFuncParams = c(0, 1, 0, 0.7, 0), learnFuncParams = c(0, 0, 1e-4, 0, 0.5),
               inputsTest = d$x[81:101, , drop = FALSE], targetsTest = d$y[81:101],
               random_state = 3)
  py <- model$py
  expect_equal(reticulate::py_to_r(py$gamma), 0.7)
  expect_equal(reticulate::py_to_r(py$momentum), 0.5)
  expect_length(model$IterativeTestError, 5L)
  # the last test error is the masked SSE of the final network on the test set
  pred <- predict(model, d$x[81:101, , drop = FALSE])
  expect_equal(model$IterativeTestError[5], sum((pred - d$y[81:101])^2), tolerance = 1e-5)
})

test_that("set.seed makes rbf() reproducible", {
  d <- sine_data()
  set.seed(5); a <- rbf(d$x, d$y, size = 8, maxit = 3)
  set.seed(5); b <- rbf(d$x, d$y, size = 8, maxit = 3)
  set.seed(6); c <- rbf(d$x, d$y, size = 8, maxit = 3)
  expect_identical(a$fitted.values, b$fitted.values)
  expect_false(identical(a$fitted.values, c$fitted.values))  # deviation draws differ
})

test_that("rbfDDA() classifies iris from one-hot targets or a factor", {
  set.seed(1)
  d <- iris[sample(nrow(iris)), ]
  s <- normTrainingAndTestSet(splitForTrainingAndTest(d[, 1:4], decodeClassLabels(d[, 5])))
  model <- rbfDDA(s$inputsTrain, s$targetsTrain, maxit = 5)
  expect_s3_class(model, "skneural_rbfDDA")
  expect_equal(dim(model$fitted.values), c(127L, 3L))
  expect_equal(colnames(model$fitted.values), levels(iris$Species))
  expect_true(all(model$fitted.values >= 0.5 & model$fitted.values <= 1))  # logistic of sums
  train_acc <- mean(encodeClassLabels(model$fitted.values) ==
                      encodeClassLabels(s$targetsTrain))
  # DDA guarantees coverage (>= theta+) and no conflict (<= theta-) per prototype, not
  # that the class sums win on every training pattern
  expect_gt(train_acc, 0.9)
  pred <- predict(model, s$inputsTest)
  expect_equal(dim(pred), c(23L, 3L))
  cm <- confusionMatrix(s$targetsTest, pred)
  expect_equal(sum(cm), 23L)
  m2 <- rbfDDA(as.matrix(d[, 1:4]), d$Species, random_state = 1)
  expect_equal(ncol(m2$fitted.values), 3L)
  expect_error(rbfDDA(s$inputsTrain, s$targetsTrain, learnFuncParams = c(0.2, 0.4, 5)),
               "theta-")
})

test_that("elman() and jordan() learn a series one step ahead", {
  s <- sin(seq(0, 30, length.out = 301))
  for (fun in list(elman, jordan)) {
    model <- fun(s[-301], s[-1], size = 8, learnFuncParams = c(0.1), maxit = 100,
                 inputsTest = s[251:300], targetsTest = s[252:301], random_state = 1)
    expect_length(model$IterativeFitError, 100L)
    expect_length(model$IterativeTestError, 100L)
    expect_lt(model$IterativeFitError[100], 0.5 * model$IterativeFitError[1])
    expect_equal(dim(model$fitted.values), c(300L, 1L))
    pred <- predict(model, matrix(s[-301]))
    expect_equal(pred, model$fitted.values, ignore_attr = TRUE, tolerance = 1e-6)
  }
  expect_error(elman(s[-301], s[-1], outContext = TRUE), "outContext")
  expect_error(jordan(s[-301], s[-1], learnFunc = "Std_Backpropagation"),
               "unknown learnFunc")
  expect_error(elman(s[-301], s[-1], size = c(4, 4)), "'size' must be a whole number")
})

test_that("assoz() stores letters and recalls them", {
  A <- c(0,1,1,1,0, 1,0,0,0,1, 1,0,0,0,1, 1,1,1,1,1, 1,0,0,0,1, 1,0,0,0,1, 1,0,0,0,1)
  Tl <- c(1,1,1,1,1, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0, 0,0,1,0,0)
  L <- c(1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,0,0,0,0, 1,1,1,1,1)
  x <- rbind(A, Tl, L)
  model <- assoz(x, dimX = 7, dimY = 5, maxit = 100, random_state = 1)
  expect_s3_class(model, "skneural_assoz")
  expect_equal(dim(model$fitted.values), c(3L, 35L))
  expect_lt(tail(model$IterativeFitError, 1), 0.2 * model$IterativeFitError[1])
  # each recalled letter correlates best with itself
  r <- cor(t(model$fitted.values), t(x))
  expect_equal(unname(apply(r, 1, which.max)), 1:3)
  expect_equal(predict(model, x), model$fitted.values, ignore_attr = TRUE)
  expect_error(assoz(x, dimX = 5, dimY = 5), "dimX \\* dimY")
})

test_that("R-side checks come before Python", {
  d <- sine_data()
  expect_error(rbf(d$x, d$y, size = 2.5), "'size' must be whole numbers")
  expect_error(rbf(d$x, d$y, linOut = NA), "'linOut' must be TRUE or FALSE")
  expect_error(rbf(d$x, d$y, initFunc = "RBF_Weights_Kohonen"), "unknown initFunc")
  expect_error(rbf(d$x, d$y[1:5]), "different numbers of rows")
  x <- d$x
  x[3] <- NA
  expect_error(rbf(x, d$y), "NA")
  expect_error(rbf(d$x, d$y, inputsTest = d$x), "together")
})
