run_example <- function(name, seed) {
  path <- system.file("examples", name, package = "skneural")
  expect_true(nzchar(path))
  env <- new.env(parent = globalenv())
  set.seed(seed)
  out <- capture.output(source(path, local = env, print.eval = TRUE))
  list(env = env, out = out)
}

test_that("the RSNNS iris script runs unchanged with library(skneural)", {
  res <- run_example("iris_rsnns.R", seed = 1)
  out <- paste(res$out, collapse = "\n")
  expect_match(out, "predictions")
  expect_match(out, "targets")
  env <- res$env
  cm <- confusionMatrix(env$iris$targetsTest, env$predictions)
  expect_equal(dim(cm), c(3L, 3L))
  expect_equal(sum(cm), nrow(env$iris$inputsTest))
  expect_equal(sum(cm), 23L)
  err <- env$model$IterativeFitError
  expect_length(err, 100L)
  expect_true(all(is.finite(err)))
  expect_lt(err[100], err[1])                   # decreasing overall
  expect_lt(mean(err[91:100]), mean(err[1:10]))
  expect_length(env$model$IterativeTestError, 100L)
  expect_equal(dim(env$model$fitted.values), c(127L, 3L))
})

test_that("the GridSearchCV example runs from R and prints the best parameters", {
  res <- run_example("grid_search.R", seed = 42)
  out <- paste(res$out, collapse = "\n")
  expect_match(out, "best params")
  expect_match(out, "hidden_layer_sizes")
  expect_match(out, "best cross-validated accuracy: 0\\.9")
})
