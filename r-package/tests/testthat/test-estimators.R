test_that("MLPClassifier: factor in, factor out with the training levels; prob matrix", {
  set.seed(1)
  d <- shuffled_iris()
  # levels in a non-alphabetical order, plus an unused one
  y <- factor(as.character(d$Species), levels = c("virginica", "setosa", "versicolor", "unseen"))
  model <- MLPClassifier(hidden_layer_sizes = 8, solver = "lbfgs", max_iter = 300)
  expect_output(print(model), "not fitted")
  quietly(fit(model, d[, 1:4], y))
  expect_output(print(model), "\\(fitted\\)")
  pred <- predict(model, d[, 1:4])
  expect_s3_class(pred, "factor")
  expect_identical(levels(pred), levels(y))
  expect_gt(mean(pred == y), 0.9)
  prob <- predict(model, d[1:10, 1:4], type = "prob")
  expect_equal(colnames(prob), levels(y))
  expect_equal(dim(prob), c(10L, 4L))
  expect_equal(unname(rowSums(prob)), rep(1, 10), tolerance = 1e-6)
  expect_equal(unname(prob[, "unseen"]), rep(0, 10))
  expect_identical(levels(y)[max.col(prob, ties.method = "first")], as.character(pred[1:10]))
  # character labels become a factor with sorted levels
  m2 <- quietly(fit(MLPClassifier(max_iter = 5), as.matrix(d[, 1:4]), as.character(d$Species)))
  expect_identical(levels(predict(m2, as.matrix(d[1:3, 1:4]))), levels(iris$Species))
})

test_that("a data.frame with a factor column is one-hot encoded, the same way at predict", {
  d <- data.frame(x1 = c(0.1, 0.4, 0.35, 0.8, 0.9, 0.05, 0.6, 0.7),
                  colour = factor(c("red", "blue", "red", "green", "blue", "green", "red", "blue"),
                                  levels = c("red", "green", "blue")))
  y <- factor(c("no", "yes", "no", "yes", "yes", "no", "no", "yes"))
  set.seed(2)
  m <- quietly(fit(MLPClassifier(hidden_layer_sizes = 4, max_iter = 20), d, y))
  expect_equal(m$encoding$levels$colour, c("red", "green", "blue"))
  expect_equal(reticulate::py_to_r(m$py$n_features_in_), 4L)
  p <- predict(m, d[c(2, 1), ])      # new data with fewer levels present still works
  expect_length(p, 2L)
  bad <- d[1:2, ]
  bad$colour <- factor(c("purple", "red"))
  expect_error(predict(m, bad), "level\\(s\\) not seen in training: purple")
  expect_error(predict(m, d[, 2:1]), "training columns")
})

test_that("MLPRegressor, BernoulliRBM and DBNClassifier wrap too", {
  set.seed(4)
  x <- as.matrix(iris[, 2:4])
  y <- iris[, 1]
  r <- quietly(fit(MLPRegressor(hidden_layer_sizes = c(6, 4), solver = "lbfgs", max_iter = 200), x, y))
  p <- predict(r, x)
  expect_true(is.numeric(p) && is.null(dim(p)) && length(p) == 150L)
  expect_gt(cor(p, y), 0.8)
  rbm <- quietly(fit(BernoulliRBM(n_components = 5, n_iter = 2), normalizeData(x, "0_1")))
  h <- predict(rbm, normalizeData(x, "0_1")[1:7, ])
  expect_equal(dim(h), c(7L, 5L))
  dbn <- quietly(fit(DBNClassifier(hidden_layer_sizes = c(6, 4), rbm_n_iter = 2, max_iter = 20),
                     normalizeData(x, "0_1"), iris$Species))
  expect_identical(levels(predict(dbn, normalizeData(x, "0_1")[1:3, ])), levels(iris$Species))
})

test_that("set.seed makes estimators reproducible; another seed gives other weights", {
  x <- as.matrix(iris[, 1:4])
  make <- function(seed) {
    set.seed(seed)
    quietly(fit(MLPClassifier(hidden_layer_sizes = 5, max_iter = 10), x, iris$Species))
  }
  a <- make(5); b <- make(5); c <- make(6)
  expect_identical(predict(a, x, type = "prob"), predict(b, x, type = "prob"))
  expect_false(identical(.r_coefs(a), .r_coefs(c)))
})

test_that("saveModel / loadModel round trip (saveRDS would leave a dead pointer)", {
  s <- iris_split()
  set.seed(8)
  m <- mlp(s$inputsTrain, s$targetsTrain, maxit = 5, inputsTest = s$inputsTest,
           targetsTest = s$targetsTest)
  f <- tempfile(fileext = ".joblib")
  saveModel(m, f)
  m2 <- loadModel(f)
  expect_s3_class(m2, "skneural_mlp")
  expect_identical(predict(m2, s$inputsTest), predict(m, s$inputsTest))
  expect_identical(m2$IterativeFitError, m$IterativeFitError)
  expect_identical(m2$IterativeTestError, m$IterativeTestError)
  expect_identical(m2$learnFunc, m$learnFunc)

  y <- factor(iris$Species, levels = rev(levels(iris$Species)))
  clf <- quietly(fit(MLPClassifier(max_iter = 5), iris[, 1:4], y))
  saveModel(clf, f)
  clf2 <- loadModel(f)
  expect_identical(predict(clf2, iris[, 1:4]), predict(clf, iris[, 1:4]))
  expect_identical(levels(predict(clf2, iris[1:2, 1:4])), levels(y))

  # a model restored with readRDS points at nothing: a clear error, not a crash
  rds <- tempfile(fileext = ".rds")
  saveRDS(m, rds)
  dead <- readRDS(rds)
  expect_error(predict(dead, s$inputsTest), "saveModel\\(\\)")
  expect_error(loadModel(tempfile()), "no such file")
})
