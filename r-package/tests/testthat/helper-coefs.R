# The weights of a fitted model, as R matrices.
.r_coefs <- function(model) reticulate::py_to_r(model$py$coefs_)

# Fits with a few iterations warn (ConvergenceWarning) on purpose.
quietly <- function(expr) {
  withCallingHandlers(expr, warning = function(w) {
    if (grepl("ConvergenceWarning", conditionMessage(w))) invokeRestart("muffleWarning")
  })
}
