# set.seed() reproduces RSNNS: mlp() draws R's uniforms exactly as RSNNS consumes
# them. References: real RSNNS 0.4-18 runs (tests/data/rsnns in the Python
# suite; copies of the files used here in rsnns/), see RSNNS.md "Reproducing
# RSNNS under set.seed".

fixture <- function(name) {
  path <- test_path("rsnns", paste0(name, ".csv"))
  as.matrix(utils::read.csv(path, header = FALSE))
}
fixture_vec <- function(name) as.vector(fixture(name))

# Epoch errors: SNNS computes in float32; skneural too, in another summation
# order: measured <= 3.5e-7 relative. 1e-5 is the issue's bound.
rel_err <- function(a, b) max(abs(a - b) / abs(b))

test_that("set.seed(2); mlp() replays RSNNS's run with a test set and leaves .Random.seed as RSNNS", {
  x <- fixture("x"); y <- fixture("y")
  u <- fixture_vec("shuffledTest_Std_Backpropagation_runif")
  set.seed(2)
  expect_equal(runif(3), u[1:3])  # the fixture's uniforms are R's own stream
  set.seed(2)
  m <- mlp(x[1:100, ], y[1:100, ], size = 5, maxit = 20, learnFuncParams = c(0.2, 0.1),
           inputsTest = x[101:127, ], targetsTest = y[101:127, ])
  expect_lt(rel_err(m$IterativeFitError, fixture_vec("shuffledTest_Std_Backpropagation_err")),
            1e-5)
  expect_lt(rel_err(m$IterativeTestError,
                    fixture_vec("shuffledTest_Std_Backpropagation_testerr")), 1e-5)
  # RSNNS consumed exactly the recorded uniforms: the next draw is the same
  after <- runif(2)
  set.seed(2); invisible(runif(length(u)))
  expect_identical(after, runif(2))
  expect_equal(dim(m$fittedTestValues), c(27L, 3L))
  expect_equal(m$fittedTestValues, predict(m, x[101:127, ]), ignore_attr = TRUE)
  expect_true("snnsObject" %in% names(m))
  expect_null(m$snnsObject)
})

test_that("set.seed(1); mlp() replays RSNNS's shuffled run up to its dmax flip", {
  x <- fixture("x"); y <- fixture("y")
  set.seed(1)
  m <- mlp(x, y, size = 5, maxit = 20, learnFuncParams = c(0.2, 0.1))
  ref <- fixture_vec("shuffled_Std_Backpropagation_err")
  # epoch 19: an output within 2e-6 of dmax, classified differently by SNNS
  # and skneural (RSNNS.md); compare epochs 1-18
  expect_lt(rel_err(m$IterativeFitError[1:18], ref[1:18]), 1e-5)
})

test_that("mlp() draws units + links + maxit * (n + ntest) uniforms; SCG n per pass", {
  x <- fixture("x")[1:40, ]; y <- fixture("y")[1:40, ]
  draws <- function(expr_fn, seed) {
    set.seed(seed); expr_fn(); a <- runif(1)
    a
  }
  next_after <- function(seed, k) { set.seed(seed); invisible(runif(k)); runif(1) }
  for (seed in c(3, 11)) {
    # 4-3-3: 10 units, 21 links
    a <- draws(function() mlp(x, y, size = 3, maxit = 4), seed)
    expect_identical(a, next_after(seed, 31 + 4 * 40))
    b <- draws(function() mlp(x, y, size = 3, maxit = 4, shufflePatterns = FALSE), seed)
    expect_identical(b, next_after(seed, 31))
    t <- draws(function() mlp(x[1:30, ], y[1:30, ], size = 3, maxit = 2,
                              inputsTest = x[31:40, ], targetsTest = y[31:40, ]), seed)
    expect_identical(t, next_after(seed, 31 + 2 * (30 + 10)))
    # SCG: n per pass over the data (the passes follow its accepted/rejected
    # steps: tests/test_rsnns.py checks them against RSNNS's fixture)
    passes <- NULL
    s <- draws(function() {
      m <- mlp(x, y, size = 3, maxit = 3, learnFunc = "SCG", learnFuncParams = c(0, 0, 0.1, 0))
      passes <<- m$py$scgPasses
    }, seed)
    passes <- as.vector(reticulate::py_to_r(passes))
    expect_identical(passes[1], 3)
    expect_true(all(passes[-1] %in% c(0, 1, 2)))
    expect_identical(s, next_after(seed, 31 + 40 * sum(passes)))
  }
  # the same seed gives the same model; an explicit random_state leaves R's stream alone
  set.seed(5); m1 <- mlp(x, y, size = 3, maxit = 3)
  set.seed(5); m2 <- mlp(x, y, size = 3, maxit = 3)
  expect_identical(m1$IterativeFitError, m2$IterativeFitError)
  set.seed(5); invisible(mlp(x, y, size = 3, maxit = 3, random_state = 1)); r <- runif(1)
  set.seed(5); expect_identical(r, runif(1))
})

test_that("mlp() starts from given weights (coef_init, intercept_init)", {
  # RSNNS's Std_Backpropagation fixture: its initial weights, patterns in file
  # order, 100 epochs (float32 vs float32 in another summation order: <= 1e-6)
  x <- fixture("x"); y <- fixture("y")
  W <- fixture("Std_Backpropagation_W0"); b <- fixture_vec("Std_Backpropagation_b0")
  m <- mlp(x, y, size = 5, maxit = 100, learnFuncParams = c(0.2, 0.1), shufflePatterns = FALSE,
           coef_init = list(W[1:4, 5:9], W[5:9, 10:12]), intercept_init = list(b[5:9], b[10:12]))
  expect_lt(rel_err(m$IterativeFitError, fixture_vec("Std_Backpropagation_err")), 1e-5)
  # linOut: SNNS's identity output leaves out its bias (fixture linOut_Std_Backpropagation)
  rx <- fixture("reg_x"); ry <- fixture("reg_y")
  W <- fixture("linOut_Std_Backpropagation_W0"); b <- fixture_vec("linOut_Std_Backpropagation_b0")
  m <- mlp(rx, ry, size = 5, maxit = 100, learnFuncParams = c(0.05, 0), linOut = TRUE,
           shufflePatterns = FALSE, coef_init = list(W[1:3, 4:8], W[4:8, 9, drop = FALSE]),
           intercept_init = list(b[4:8], b[9]))
  expect_lt(rel_err(m$IterativeFitError, fixture_vec("linOut_Std_Backpropagation_err")), 1e-5)
  expect_error(mlp(x, y, coef_init = list(W)), "given together")
})

test_that("RSNNS's other mlp() arguments are accepted", {
  x <- fixture("x")[1:30, ]; y <- fixture("y")[1:30, ]
  set.seed(1)
  m <- mlp(x, y, size = 3, maxit = 2, outputActFunc = "Act_Identity", pruneFunc = NULL,
           pruneFuncParams = NULL, computeIterativeError = TRUE, updateFuncParams = c(0))
  expect_equal(m$outputActFunc, "Act_Identity")
  expect_null(m$fittedTestValues)
  expect_error(mlp(x, y, maxit = 2, pruneFunc = "MagPruning"), "pruning functions")
  expect_error(mlp(x, y, maxit = 2, outputActFunc = "Act_Softmax"), "outputActFunc")
  expect_warning(mlp(x, y, size = 2, maxit = 1, notAnArgument = 3), "notAnArgument")
})

# The seed's RSNNS iris script (RSNNS.md "Measured on the iris workflow"), run
# under set.seed(1) as written: the split and the fitted model.
seed_iris_script <- function() {
  set.seed(1)
  d <- iris[sample(1:nrow(iris), length(1:nrow(iris))), 1:ncol(iris)]
  s <- normTrainingAndTestSet(splitForTrainingAndTest(d[, 1:4], decodeClassLabels(d[, 5]),
                                                      ratio = 0.15))
  m <- mlp(s$inputsTrain, s$targetsTrain, size = 5, learnFunc = "Quickprop",
           learnFuncParams = c(0.1, 2.0, 0.0001, 0.1), maxit = 100,
           inputsTest = s$inputsTest, targetsTest = s$targetsTest)
  list(split = s, model = m)
}

test_that("the seed iris script under set.seed(1) starts as RSNNS's", {
  # RSNNS.md "Measured on the iris workflow": IterativeFitError 89.6 at epoch 1,
  # 34.3 at epoch 10 (printed to 3 digits)
  run <- seed_iris_script()
  m <- run$model
  expect_equal(round(m$IterativeFitError[c(1, 10)], 1), c(89.6, 34.3))
})

test_that("the seed iris script gives RSNNS's 20/23 (a strict expected failure)", {
  # Known failure, kept strict: Quickprop amplifies SNNS's float32 rounding, so
  # skneural's float32 run (another summation order) follows RSNNS for about 20
  # epochs and then drifts; under set.seed(1) it ends at SSE 34.8 (RSNNS 14.45).
  # expect_failure() passes while the script misses RSNNS's 20/23 and fails the
  # day it matches (then make it a plain expectation).
  run <- seed_iris_script()
  s <- run$split
  cm <- confusionMatrix(s$targetsTest, predict(run$model, s$inputsTest))
  correct <- sum(cm[cbind(rownames(cm), rownames(cm))[rownames(cm) %in% colnames(cm), ,
                                                      drop = FALSE]])
  expect_failure(expect_equal(correct, 20))
})

test_that("every fixture's initial weights follow from its set.seed(k) (RSNNS's draw rule)", {
  # the real RSNNS runs were started with set.seed(k) right before mlp();
  # R's own runif() and skneural's rule give their W0 and b0 exactly (1e-12:
  # the CSV's 17 digits as R parses them; neighbouring float32 values are 6e-8 apart)
  cases <- list(
    Std_Backpropagation = c(123, 4, 5, 3), BackpropBatch = c(123, 4, 5, 3),
    Rprop = c(123, 4, 5, 3), Quickprop = c(123, 4, 5, 3), SCG = c(123, 4, 5, 3),
    linOut_Std_Backpropagation = c(101, 3, 5, 1), linOut_Rprop = c(102, 3, 5, 1),
    linOut_Quickprop = c(103, 3, 5, 1), BackpropMomentum = c(104, 4, 5, 3),
    BackpropWeightDecay = c(105, 4, 5, 3), BackpropWeightDecay_prune = c(106, 4, 5, 3),
    SCG_default = c(107, 4, 5, 3), identityHidden_BackpropBatch = c(108, 4, 5, 3),
    shuffled_Std_Backpropagation = c(1, 4, 5, 3))
  rsnns <- reticulate::import("skneural.rsnns")
  for (name in names(cases)) {
    k <- cases[[name]][1]; sizes <- cases[[name]][-1]
    n <- sum(sizes) + sum(sizes[-3] * sizes[-1])
    set.seed(k)
    w <- rsnns$snns_initial_weights(runif(n), as.list(as.integer(sizes)))
    W0 <- fixture(paste0(name, "_W0")); b0 <- fixture_vec(paste0(name, "_b0"))
    hid <- sizes[1] + seq_len(sizes[2]); out <- sizes[1] + sizes[2] + seq_len(sizes[3])
    expect_equal(w[[1]][[1]], W0[seq_len(sizes[1]), hid], ignore_attr = TRUE, tolerance = 1e-12,
                 info = name)
    expect_equal(w[[1]][[2]], W0[hid, out, drop = FALSE], ignore_attr = TRUE, tolerance = 1e-12,
                 info = name)
    expect_equal(as.vector(w[[2]][[1]]), b0[hid], tolerance = 1e-12, info = name)
    expect_equal(as.vector(w[[2]][[2]]), b0[out], tolerance = 1e-12, info = name)
    expect_equal(w[[3]], n, info = name)
  }
})
