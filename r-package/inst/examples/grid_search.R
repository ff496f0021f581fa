# scikit-learn's GridSearchCV over skneural's MLPClassifier, driven from R.
# n_jobs = 1: joblib worker processes started from R outlive Rscript and keep
# its output open, so stay in-process.
library(skneural)
library(reticulate)

set.seed(42)                          # random_state comes from R's RNG
data(iris)
x <- scale(as.matrix(iris[, 1:4]))    # standardised measurements
y <- iris$Species

model <- MLPClassifier(solver = "lbfgs", max_iter = 2000, hidden_layer_sizes = 5)
model_selection <- import("sklearn.model_selection")
search <- model_selection$GridSearchCV(
  py_estimator(model),
  param_grid = dict(hidden_layer_sizes = list(3L, 8L), alpha = list(1e-4, 1e-1)),
  cv = model_selection$StratifiedKFold(n_splits = 3L, shuffle = TRUE, random_state = 0L),
  n_jobs = 1L
)
invisible(search$fit(x, as.integer(y) - 1L))  # class codes 0, 1, 2 for the levels of y

best <- search$best_params_
cat("best params:\n")
str(best)
cat(sprintf("best cross-validated accuracy: %.3f\n", search$best_score_))

# Back to R: the best model as an R object, with the factor levels of y.
best_model <- MLPClassifier(solver = "lbfgs", max_iter = 2000,
                            hidden_layer_sizes = best$hidden_layer_sizes, alpha = best$alpha)
fit(best_model, x, y)
print(table(predicted = predict(best_model, x), actual = y))
