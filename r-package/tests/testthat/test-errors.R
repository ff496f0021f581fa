test_that("NA is refused in R with a message naming the argument", {
  s <- iris_split()
  x <- s$inputsTrain
  x[3, 2] <- NA
  expect_error(mlp(x, s$targetsTrain, maxit = 2), "'x' contains NA")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, size = NA_integer_, maxit = 2),
               "'size' is NA")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, maxit = NA), "'maxit' is NA")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, maxit = 2, shufflePatterns = NA),
               "'shufflePatterns' must be TRUE or FALSE \\(not NA\\)")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, maxit = 2, learnFuncParams = c(0.2, NA)),
               "'learnFuncParams' must be finite numbers without NA")
  d <- iris
  d$Sepal.Width[7] <- NA
  expect_error(fit(MLPClassifier(max_iter = 2), d[, 1:4], d$Species),
               "'x' contains NA \\(missing values\\) in column\\(s\\) 'Sepal.Width'")
  y <- iris$Species
  y[4] <- NA
  expect_error(fit(MLPClassifier(max_iter = 2), iris[, 1:4], y), "'y' contains NA")
  expect_error(MLPClassifier(max_iter = NA_integer_), "parameter 'max_iter' is NA")
  expect_error(MLPClassifier(early_stopping = NA), "parameter 'early_stopping' is NA")
  expect_error(decodeClassLabels(c("a", NA)), "'x' contains NA")
  expect_error(confusionMatrix(c(1, NA), c(1, 2)), "'targets' contains NA")
})

test_that("Python errors surface as R errors carrying the Python message", {
  s <- iris_split()
  err <- expect_error(mlp(s$inputsTrain, s$targetsTrain, learnFunc = "Foo_Prop", maxit = 2),
                      "unknown learnFunc 'Foo_Prop'; valid learning functions are")
  expect_s3_class(err, "skneural_python_error")
  expect_match(err$python_message, "^ValueError")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, hiddenActFunc = "Act_Nope", maxit = 2),
               "unknown hiddenActFunc 'Act_Nope'")
  expect_error(mlp(s$inputsTrain, s$targetsTrain, updateFunc = "Serial_Order", maxit = 2),
               "unknown updateFunc 'Serial_Order'")
  expect_error(fit(MLPClassifier(solver = "nope", max_iter = 2), iris[, 1:4], iris$Species),
               "solver")
  expect_error(MLPClassifier(no_such_parameter = 1), "no_such_parameter")
  expect_error(MLPClassifier(5), "pass every parameter by name")
  expect_error(mlp(s$inputsTrain, s$targetsTrain[1:5, ], maxit = 2), "different numbers of rows")
})

test_that("Python warnings become R warnings", {
  expect_warning(fit(MLPClassifier(max_iter = 2), iris[, 1:4], iris$Species),
                 "fit \\(MLPClassifier\\): ConvergenceWarning: .*Maximum iterations \\(2\\)")
})
