test_that("solver() objects carry their own parameters into the estimators", {
  qp <- solver("Quickprop", learning_rate = 0.1, mu = 1.75, dmax = 0)
  expect_s3_class(qp, "python.builtin.object")
  params <- reticulate::py_to_r(qp$get_params())
  expect_equal(params$mu, 1.75)
  expect_equal(params$learning_rate, 0.1)
  set.seed(1)
  x <- normalizeData(iris[, 1:4])
  a <- MLPClassifier(hidden_layer_sizes = c(5), activation = "logistic", solver = qp,
                     max_iter = 20, random_state = 3)
  quietly(fit(a, x, iris$Species))
  b <- MLPClassifier(hidden_layer_sizes = c(5), activation = "logistic",
                     solver = solver("Quickprop", learning_rate = 0.1, mu = 2, dmax = 0),
                     max_iter = 20, random_state = 3)
  quietly(fit(b, x, iris$Species))
  # mu reached the Python solver: a different mu, a different model
  pa <- predict(a, x, type = "prob")
  pb <- predict(b, x, type = "prob")
  expect_false(isTRUE(all.equal(pa, pb)))
  # the solver's parameters belong to it
  expect_error(fit(MLPClassifier(solver = qp, learning_rate_init = 0.05), x, iris$Species),
               "learning_rate=0.05")
})

test_that("solver() checks its arguments", {
  expect_error(solver("Quickprops"), "unknown solver 'Quickprops'")
  expect_error(solver("Quickprop", 0.1), "by name")
  expect_error(solver("BackpropChunk", chunk_size = 2.5), "chunk_size")
  chunk <- solver("BackpropChunk", chunk_size = 5)
  expect_identical(reticulate::py_to_r(chunk$get_params())$chunk_size, 5L)
})
