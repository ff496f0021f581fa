test_that("mlp() gives RSNNS's fields and predict() gives output activations", {
  s <- iris_split()
  set.seed(3)
  model <- mlp(s$inputsTrain, s$targetsTrain, size = 5, learnFunc = "Rprop",
               learnFuncParams = c(0.1, 50, 4), maxit = 30,
               inputsTest = s$inputsTest, targetsTest = s$targetsTest)
  expect_s3_class(model, "skneural_mlp")
  expect_length(model$IterativeFitError, 30L)
  expect_length(model$IterativeTestError, 30L)
  expect_true(all(is.finite(model$IterativeFitError)))
  expect_equal(dim(model$fitted.values), c(127L, 3L))
  expect_equal(fitted(model), model$fitted.values)
  pred <- predict(model, s$inputsTest)
  expect_true(is.matrix(pred))
  expect_equal(dim(pred), c(23L, 3L))
  expect_true(all(pred > 0 & pred < 1))              # logistic outputs
  expect_equal(predict(model, s$inputsTrain), model$fitted.values, ignore_attr = TRUE)
  expect_output(print(model), "Class: mlp->rsnns")
  expect_output(print(model), "Number of inputs: 4 ")
  expect_output(print(model), "Learning function: Rprop ")
  expect_output(print(summary(model)), "35 weights, 8 biases")
  expect_output(print(summary(model)), "SNNS network definition file")
  expect_type(summary(model, origSnnsFormat = FALSE)$snns, "list")
  # no test set -> no test error
  m2 <- mlp(s$inputsTrain, s$targetsTrain, maxit = 3)
  expect_null(m2$IterativeTestError)
})

test_that("R doubles are accepted where Python wants integers; fractions are not", {
  s <- iris_split()
  m <- mlp(s$inputsTrain, s$targetsTrain, size = 5, maxit = 2)     # 5 and 2 are doubles
  expect_equal(m$size, 5L)
  m <- mlp(s$inputsTrain, s$targetsTrain, size = c(4, 3), maxit = 2L)
  expect_equal(length(.r_coefs(m)), 3L)
  expect_error(mlp(s$inputsTrain, s$targetsTrain, size = 2.5, maxit = 2),
               "'size' must be whole numbers")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, maxit = 0), "'maxit' must be >= 1")
})

test_that("data.frames, column-major matrices and factor targets go in", {
  d <- shuffled_iris()
  m <- mlp(d[, 1:4], d$Species, size = 3, maxit = 3, linOut = TRUE)
  expect_equal(colnames(m$fitted.values), levels(iris$Species))
  x <- as.matrix(d[, 1:4])
  # the same numbers as data.frame and as (column-major) matrix: the same model
  set.seed(9); a <- mlp(d[, 1:4], decodeClassLabels(d$Species), maxit = 3)
  set.seed(9); b <- mlp(x, decodeClassLabels(d$Species), maxit = 3)
  expect_identical(a$IterativeFitError, b$IterativeFitError)
  expect_identical(predict(a, x[1:5, ]), predict(b, d[1:5, 1:4]), ignore_attr = TRUE)
})

test_that("set.seed makes mlp() reproducible; another seed gives other weights", {
  s <- iris_split()
  run <- function(seed) {
    set.seed(seed)
    mlp(s$inputsTrain, s$targetsTrain, size = 5, maxit = 5)
  }
  a <- run(11); b <- run(11); c <- run(12)
  expect_identical(predict(a, s$inputsTest), predict(b, s$inputsTest))
  expect_identical(a$IterativeFitError, b$IterativeFitError)
  expect_false(identical(.r_coefs(a), .r_coefs(c)))
  # an explicit random_state wins over R's RNG
  set.seed(1); d <- mlp(s$inputsTrain, s$targetsTrain, maxit = 5, random_state = 7)
  set.seed(2); e <- mlp(s$inputsTrain, s$targetsTrain, maxit = 5, random_state = 7)
  expect_identical(d$IterativeFitError, e$IterativeFitError)
  expect_equal(d$random_state, 7L)
})

test_that("plotIterativeError draws with base graphics", {
  s <- iris_split()
  m <- mlp(s$inputsTrain, s$targetsTrain, maxit = 4, inputsTest = s$inputsTest,
           targetsTest = s$targetsTest)
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  expect_invisible(plotIterativeError(m))
  grDevices::dev.off()
  expect_gt(file.size(f), 1000)
  expect_error(plotIterativeError(list()), "no IterativeFitError")
})
