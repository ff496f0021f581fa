# The suite needs skneural's Python: fail loudly (never skip) when it is missing.
if (!skneural_available()) {
  stop("The Python package skneural cannot be imported from ",
       reticulate::py_config()$python, ". Set RETICULATE_PYTHON (tools/r_env.sh builds .venv-r).")
}

shuffled_iris <- function(seed = 1) {
  set.seed(seed)
  iris[sample(1:nrow(iris), nrow(iris)), ]
}

iris_split <- function(seed = 1) {
  d <- shuffled_iris(seed)
  s <- splitForTrainingAndTest(d[, 1:4], decodeClassLabels(d[, 5]), ratio = 0.15)
  normTrainingAndTestSet(s)
}
