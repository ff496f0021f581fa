# RSNNS-style demo scripts, run as a user would run them after changing library(RSNNS) to
# library(skneural). The scripts follow RSNNS's demos and help-page examples for mlp() (iris),
# the laser time series (RSNNS shows it with elman()/jordan(); here with mlp(), the only
# network this package has so far), the 8-3-8 encoder and iris with pruning (MagPruning,
# OptimalBrainSurgeon). They are written down from RSNNS's
# documentation and examples, not copied from its files. skneural cannot ship RSNNS's LGPL
# data set snnsData, so each test builds a snnsData list with pattern matrices of the same
# shape and column names (in1, ..., out1, ...) that readPatFile() gives; data(snnsData) then
# only warns that there is no such data set (a user with RSNNS installed gets the real one:
# see docs/r.rst).

run_demo <- function(code, env) {
  withCallingHandlers(
    eval(parse(text = code), envir = env),
    warning = function(w) {
      if (grepl("data set .snnsData. not found", conditionMessage(w))) {
        invokeRestart("muffleWarning")
      }
    })
  env
}

demo_env <- function() {
  env <- new.env(parent = globalenv())
  set.seed(42)
  # laser_1000.pat: 1000 patterns, 1 input, 1 output (the next value), scaled to [0, 1]
  x <- numeric(1001)
  x[1] <- 0.3
  for (i in 2:1001) x[i] <- 3.9 * x[i - 1] * (1 - x[i - 1])
  laser <- cbind(in1 = x[1:1000], out1 = x[2:1001])
  # encoder.pat: 8 one-hot patterns, targets = inputs
  enc <- diag(8)
  colnames(enc) <- paste0("in", 1:8)
  enc <- cbind(enc, `colnames<-`(diag(8), paste0("out", 1:8)))
  env$snnsData <- list(laser_1000.pat = laser, encoder.pat = enc)
  env
}

iris_demo <- '
library(skneural)
data(iris)
iris <- iris[sample(1:nrow(iris),length(1:nrow(iris))),1:ncol(iris)]
irisValues <- iris[,1:4]
irisTargets <- decodeClassLabels(iris[,5])
iris <- splitForTrainingAndTest(irisValues, irisTargets, ratio=0.15)
iris <- normTrainingAndTestSet(iris)
model <- mlp(iris$inputsTrain, iris$targetsTrain, size=5, learnFuncParams=c(0.1),
             maxit=50, inputsTest=iris$inputsTest, targetsTest=iris$targetsTest)
summary(model)
model
weightMatrix(model)
extractNetInfo(model)
par(mfrow=c(2,2))
plotIterativeError(model)
predictions <- predict(model,iris$inputsTest)
plotRegressionError(predictions[,2], iris$targetsTest[,2])
confusionMatrix(iris$targetsTrain,fitted.values(model))
confusionMatrix(iris$targetsTest,predictions)
plotROC(fitted.values(model)[,2], iris$targetsTrain[,2])
plotROC(predictions[,2], iris$targetsTest[,2])
confusionMatrix(iris$targetsTrain, encodeClassLabels(fitted.values(model),
                                                       method="402040", l=0.4, h=0.6))
'

laser_demo <- '
library(skneural)
data(snnsData)
inputs <- snnsData$laser_1000.pat[,inputColumns(snnsData$laser_1000.pat)]
outputs <- snnsData$laser_1000.pat[,outputColumns(snnsData$laser_1000.pat)]
patterns <- splitForTrainingAndTest(inputs, outputs, ratio=0.15)
model <- mlp(patterns$inputsTrain, patterns$targetsTrain, size=c(8,8), learnFuncParams=c(0.1),
             maxit=100, inputsTest=patterns$inputsTest, targetsTest=patterns$targetsTest,
             linOut=FALSE)
model
names(model)
par(mfrow=c(3,3))
plotIterativeError(model)
plotRegressionError(patterns$targetsTrain, model$fitted.values)
plotRegressionError(patterns$targetsTest, model$fittedTestValues)
hist(model$fitted.values - patterns$targetsTrain, col="lightblue")
plot(inputs, type="l")
plot(inputs[1:100], type="l")
lines(outputs[1:100], col="red")
lines(model$fitted.values[1:100], col="green")
'

encoder_demo <- '
library(skneural)
data(snnsData)
dataset <- snnsData$encoder.pat
inputs <- dataset[,inputColumns(dataset)]
targets <- dataset[,outputColumns(dataset)]
model <- mlp(inputs, targets, size=3, learnFunc="Rprop", learnFuncParams=c(0.1, 50, 4),
             maxit=300, shufflePatterns=FALSE)
par(mfrow=c(1,2))
plotIterativeError(model)
plotActMap(fitted(model), col=rev(heat.colors(12)))
hiddenWeights <- weightMatrix(model)[1:8, 9:11]
confusionMatrix(targets, fitted(model))
'

test_that("RSNNS's iris mlp demo runs under library(skneural)", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  env <- run_demo(iris_demo, demo_env())
  expect_s3_class(env$model, "skneural_mlp")
  expect_identical(dim(weightMatrix(env$model)), c(12L, 12L))
  # a trained iris net classifies most training patterns right
  acc <- mean(encodeClassLabels(fitted(env$model)) == encodeClassLabels(env$iris$targetsTrain))
  expect_gt(acc, 0.8)
})

test_that("RSNNS's laser demo (with mlp) runs under library(skneural)", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  env <- demo_env()
  err <- tryCatch({ run_demo(laser_demo, env); NULL }, error = function(e) e)
  if (!is.null(err) && is.null(env$model$fittedTestValues)) {
    skip(paste("the laser demo plots model$fittedTestValues, which mlp() does not fill yet",
               "(issue #13); it stopped with:", conditionMessage(err)))
  }
  expect_null(err)
  # the logistic map is learnable: the training error falls
  expect_lt(tail(env$model$IterativeFitError, 1), env$model$IterativeFitError[1])
})

test_that("the 8-3-8 encoder demo runs under library(skneural)", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  env <- run_demo(encoder_demo, demo_env())
  expect_identical(dim(env$hiddenWeights), c(8L, 3L))
  expect_identical(colnames(env$hiddenWeights), paste0("Hidden_2_", 1:3))
  expect_lt(tail(env$model$IterativeFitError, 1), env$model$IterativeFitError[1])
})

pruning_demo <- '
library(skneural)
data(iris)
iris <- iris[sample(1:nrow(iris),length(1:nrow(iris))),1:ncol(iris)]
irisValues <- iris[,1:4]
irisTargets <- decodeClassLabels(iris[,5])
iris <- splitForTrainingAndTest(irisValues, irisTargets, ratio=0.15)
iris <- normTrainingAndTestSet(iris)
pruneFuncParams <- list(max_pr_error_increase = 10.0, pr_accepted_error = 1.0,
                        no_of_pr_retrain_cycles = 1000, min_error_to_stop = 0.01,
                        init_matrix_value = 1e-6, input_pruning = TRUE, hidden_pruning = TRUE)
model <- mlp(iris$inputsTrain, iris$targetsTrain, size=5, learnFuncParams=c(0.1), maxit=100,
             inputsTest=iris$inputsTest, targetsTest=iris$targetsTest,
             pruneFunc=PRUNE_FUNC, pruneFuncParams=pruneFuncParams)
par(mfrow=c(2,2))
plotIterativeError(model)
predictions <- predict(model,iris$inputsTest)
plotRegressionError(predictions[,2], iris$targetsTest[,2])
confusionMatrix(iris$targetsTrain,fitted.values(model))
confusionMatrix(iris$targetsTest,predictions)
plotROC(fitted.values(model)[,2], iris$targetsTrain[,2])
plotROC(predictions[,2], iris$targetsTest[,2])
weightMatrix(model)
'

for (prune in c("MagPruning", "OptimalBrainSurgeon")) {
  test_that(paste("RSNNS's iris pruning demo runs under library(skneural):", prune), {
    grDevices::pdf(NULL)
    on.exit(grDevices::dev.off())
    env <- demo_env()
    code <- sub("PRUNE_FUNC", paste0('"', prune, '"'), pruning_demo, fixed = TRUE)
    err <- tryCatch({ run_demo(code, env); NULL }, error = function(e) e)
    # SNNS's separate pruning functions are not implemented yet: mlp() takes the
    # argument and stops with a clear error naming it (never "unused argument").
    # When pruning arrives, this fails: then expect the demo to run (expect_null(err)).
    expect_false(is.null(err))
    expect_match(conditionMessage(err), "pruneFunc")
    expect_false(grepl("unused argument", conditionMessage(err)))
  })
}
