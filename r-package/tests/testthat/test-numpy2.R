# An R session bound to a Python whose numpy this reticulate cannot convert
# (numpy >= 2 with reticulate 1.28) must stop at the first call with a message
# saying so, not crash later.  Runs R in a subprocess with RETICULATE_PYTHON
# pointing at such a Python: SKNEURAL_NUMPY2_PYTHON, which tools/test.sh sets
# to its main environment's interpreter (numpy 2 and skneural).
test_that("a Python with unconvertible numpy gives a clear error", {
  py <- Sys.getenv("SKNEURAL_NUMPY2_PYTHON", "")
  if (!nzchar(py)) {
    skip("SKNEURAL_NUMPY2_PYTHON is not set (tools/test.sh sets it)")
  }
  # R's LD_LIBRARY_PATH would make that Python load the system's libpython
  probe <- suppressWarnings(system2(py, c("-c", shQuote(
    "import numpy, skneural; print(numpy.__version__.split('.')[0])")),
    stdout = TRUE, stderr = TRUE, env = "LD_LIBRARY_PATH="))
  expect_null(attr(probe, "status"), info = paste(probe, collapse = "\n"))
  numpy_major <- suppressWarnings(as.integer(probe[length(probe)]))
  expect_false(is.na(numpy_major), info = paste(probe, collapse = "\n"))
  converts_numpy2 <- utils::packageVersion("reticulate") >= "1.36"
  if (numpy_major < 2 || converts_numpy2) {
    skip("no Python with skneural and numpy >= 2 next to an old reticulate here")
  }
  script <- tempfile(fileext = ".R")
  writeLines(c(
    "library(skneural)",
    "res <- tryCatch(decodeClassLabels(factor(c('a', 'b'))), error = function(e) conditionMessage(e))",
    "cat(res, sep = '\\n')"
  ), script)
  env <- c(paste0("RETICULATE_PYTHON=", py), paste0("R_LIBS=", Sys.getenv("R_LIBS")))
  out <- suppressWarnings(system2(file.path(R.home("bin"), "Rscript"),
                                  c("--vanilla", script), env = env,
                                  stdout = TRUE, stderr = TRUE))
  text <- paste(out, collapse = "\n")
  expect_match(text, "cannot convert arrays of numpy 2", fixed = TRUE)
  expect_match(text, "numpy < 2", fixed = TRUE)
})
