# som(), dlvq(), art1(), art2(), artmap(): RSNNS's arguments and fields, predict(), errors.

binary_patterns <- function(n = 30, d = 12, seed = 1) {
  set.seed(seed)
  x <- matrix(as.numeric(runif(n * d) < 0.35), n, d)
  x[rowSums(x) == 0, 1] <- 1
  x
}

test_that("som() gives RSNNS's maps in RSNNS's layout", {
  x <- normalizeData(iris[, 1:4])
  m <- som(x, mapX = 6, mapY = 4, maxit = 3, calculateActMaps = TRUE,
           calculateSpanningTree = TRUE, saveWinnersPerPattern = TRUE,
           targets = iris$Species, random_state = 1)
  expect_s3_class(m, "skneural_som")
  expect_equal(dim(m$map), c(6L, 4L))
  expect_equal(sum(m$map), 150)
  w <- m$winnersPerPattern
  expect_length(w, 150L)
  expect_true(all(w >= 1 & w <= 24))
  # map[i, j] counts the patterns won by unit (j - 1) * mapX + i
  expect_equal(as.vector(m$map), tabulate(w, nbins = 24))
  expect_length(m$componentMaps, 4L)
  expect_equal(dim(m$componentMaps[[1]]), c(6L, 4L))
  expect_length(m$actMaps, 150L)
  # a pattern's smallest activation is at its winner
  expect_equal(which.min(m$actMaps[[7]]), w[7])
  expect_equal(dim(m$fitted.values), c(150L, 24L))
  expect_equal(apply(m$fitted.values, 1, which.min), w)
  expect_equal(predict(m, x), m$fitted.values, ignore_attr = TRUE)
  expect_equal(fitted(m), m$fitted.values)
  # spanning tree: the last pattern each unit won
  u <- w[150]
  expect_equal(as.vector(m$spanningTree)[u], 150)
  expect_true(all(as.vector(m$spanningTree)[as.vector(m$map) == 0] == 0))
  # labelled map: the majority species of each unit's patterns
  lab <- as.vector(m$labeledMap)
  expect_true(all(is.na(lab) == (as.vector(m$map) == 0)))
  expect_equal(lab[u], names(which.max(table(as.character(iris$Species[w == u])))))
  expect_output(print(m), "6 x 4 units")
  lean <- som(x, mapX = 3, mapY = 3, maxit = 1, random_state = 1)
  expect_null(lean$actMaps)
  expect_null(lean$labeledMap)
  expect_null(lean$spanningTree)
  expect_null(lean$winnersPerPattern)
})

test_that("som() is reproducible under set.seed() and with random_state", {
  x <- normalizeData(iris[, 1:4])
  set.seed(5); a <- som(x, mapX = 4, mapY = 4, maxit = 2)
  set.seed(5); b <- som(x, mapX = 4, mapY = 4, maxit = 2)
  expect_identical(a$componentMaps, b$componentMaps)
  c1 <- som(x, mapX = 4, mapY = 4, maxit = 2, random_state = a$random_state + 1)
  expect_false(identical(a$componentMaps, c1$componentMaps))
})

test_that("dlvq() classifies iris and predicts class numbers", {
  x <- normalizeData(iris[, 1:4])
  y <- as.integer(iris$Species) - 1
  m <- dlvq(x, y, random_state = 1)
  expect_s3_class(m, "skneural_dlvq")
  expect_equal(dim(m$fitted.values), c(150L, 1L))
  expect_gt(mean(m$fitted.values[, 1] == y), 0.9)
  expect_gte(nrow(m$prototypes), 3L)
  expect_true(all(sort(unique(m$prototypeClasses)) == 0:2))
  expect_equal(predict(m, x[c(1, 51, 101), ]), m$fitted.values[c(1, 51, 101), , drop = FALSE])
  expect_output(print(m), sprintf("DLVQ network, %d prototypes", nrow(m$prototypes)))
  expect_error(dlvq(x, iris$Species), "class numbers")
  expect_error(dlvq(x, y, learnFunc = "LVQ1"), "unknown learnFunc 'LVQ1'")
})

test_that("art1() clusters binary patterns; non-binary input is an error", {
  x <- binary_patterns()
  m <- art1(x, dimX = 3, dimY = 4, learnFuncParams = c(0.6), random_state = 1)
  expect_s3_class(m, "skneural_art1")
  expect_equal(dim(m$fitted.values), c(30L, 30L))
  expect_true(all(rowSums(m$fitted.values) == 1))
  cl <- encodeClassLabels(m$fitted.values)
  expect_equal(length(unique(cl)), nrow(m$prototypes))
  # every pattern contains its cluster's prototype
  for (i in seq_len(30)) {
    proto <- m$py$top_down_weights_
    t <- reticulate::py_to_r(proto)[cl[i], ]
    expect_true(all(t <= x[i, ]))
  }
  expect_equal(predict(m, x), m$fitted.values)
  expect_output(print(m), sprintf("ART1 network, %d clusters", nrow(m$prototypes)))
  expect_error(art1(x * 0.5, dimX = 3, dimY = 4), "needs binary input")
  expect_error(art1(x, dimX = 5, dimY = 4), "dimX \\* dimY = 20")
  finer <- art1(x, dimX = 3, dimY = 4, learnFuncParams = c(0.95), random_state = 1)
  expect_gt(nrow(finer$prototypes), nrow(m$prototypes))
})

test_that("art2() separates three directions", {
  set.seed(2)
  x <- diag(3)[rep(1:3, each = 10), ] + matrix(runif(90, 0, 0.05), 30)
  m <- art2(x, f2Units = 5, random_state = 1)
  expect_s3_class(m, "skneural_art2")
  cl <- encodeClassLabels(m$fitted.values)
  expect_equal(nrow(m$prototypes), 3L)
  expect_output(print(m), "ART2 network, 3 clusters")
  # one cluster per direction, a different one for each
  tab <- table(cl, rep(1:3, each = 10))
  expect_equal(dim(tab), c(3L, 3L))
  expect_true(all(rowSums(tab > 0) == 1) && all(colSums(tab > 0) == 1))
  expect_error(art2(x, initFuncParams = c(0.9, 2), learnFuncParams = c(0.98, 10, 10, 0.5, 0)),
               "c \\* d / \\(1 - d\\) <= 1")
})

test_that("artmap() learns binary targets and predicts target patterns", {
  x <- binary_patterns(n = 40, d = 10, seed = 3)
  y <- as.integer(rowSums(x[, 1:5]) > rowSums(x[, 6:10]))
  targets <- cbind(y, 1 - y)
  m <- artmap(cbind(x, targets), 10, 2, 40, 2, maxit = 10,
              learnFuncParams = c(0, 1, 1, 0, 0), random_state = 1)
  expect_s3_class(m, "skneural_artmap")
  expect_equal(dim(m$fitted.values), c(40L, 2L))
  expect_gt(mean(m$fitted.values[, 1] == y), 0.9)
  expect_equal(predict(m, x[1:3, ]), m$fitted.values[1:3, ])
  expect_output(print(m), "ARTMAP network")
  expect_error(artmap(cbind(x, targets), 9, 2, 40, 2), "nInputsTargets = 11")
  expect_error(artmap(cbind(x, targets), 10, 2, 40, 2, maxit = 1.5), "'maxit' must be whole")
})

test_that("bad arguments are errors naming them", {
  x <- normalizeData(iris[, 1:4])
  expect_error(som(x, mapX = 4, learnFuncParams = c(0.5, 2, 0.8, 0.8, 5)),
               "horizontal map size")
  expect_error(som(x, mapX = 0), "'mapX' must be >= 1")
  expect_error(som(x, shufflePatterns = NA), "'shufflePatterns' must be TRUE or FALSE")
  expect_error(som(x, targets = iris$Species[1:10]), "'targets' has 10 values")
  xna <- x; xna[3, 2] <- NA
  expect_error(som(xna), "NA")
  m <- som(x, mapX = 3, mapY = 3, maxit = 1, random_state = 1)
  expect_error(predict(m, x[, 1:3]), "3 columns; the model has 4 inputs")
})
