# Every exported function has a help page (man/*.Rd, generated with roxygen2 from
# the #' comments in R/ and committed), so ?name works. S3 methods registered with
# S3method() are documented too, but are not exports and are not looped over here.

help_topics <- function() {
  db <- tools::Rd_db("skneural")
  unlist(lapply(db, function(rd) {
    tags <- vapply(rd, function(x) attr(x, "Rd_tag"), character(1))
    vapply(rd[tags == "\\alias"], function(x) as.character(x[[1]]), character(1))
  }), use.names = FALSE)
}

test_that("every exported function has a help topic", {
  exports <- sort(getNamespaceExports("skneural"))
  expect_gt(length(exports), 20)
  for (fn in exports) {
    expect_true(length(utils::help(fn, package = "skneural")) > 0, info = fn)
  }
  # the same, from the installed Rd database
  expect_setequal(setdiff(exports, help_topics()), character(0))
})

test_that("the registered S3 methods and the package have help topics", {
  topics <- help_topics()
  methods <- c("fit.skneural_estimator", "predict.skneural_estimator", "print.skneural_estimator",
               "predict.skneural_mlp", "fitted.skneural_mlp", "print.skneural_mlp",
               "summary.skneural_mlp", "print.summary.skneural_mlp",
               "plotIterativeError.default")
  expect_setequal(setdiff(methods, topics), character(0))
  expect_true("skneural-package" %in% topics)
  expect_true(length(utils::help("skneural-package", package = "skneural")) > 0)
})

test_that("the help check fails for a topic that does not exist", {
  expect_false(length(utils::help("no_such_function_xyz", package = "skneural")) > 0)
})
