# RSNNS's competitive-learning networks: som(), dlvq(), art1(), art2(), artmap().
# Each calls the Python function of the same name (skneural._rsnns_families_a),
# which builds and fits the matching scikit-learn estimator; this file only
# checks and converts the arguments and shapes the result as RSNNS's.

.families_a <- function() {
  reticulate::import("skneural._rsnns_families_a", convert = FALSE)
}

.py_numbers <- function(x, name) .builtins$list(as.list(.check_numbers(x, name)))

.competitive_model <- function(py, kind, fields, meta) {
  structure(c(list(py = py), fields, meta, list(kind = kind)),
            class = c(paste0("skneural_", kind), "skneural_competitive", "skneural_model"))
}

.py_matrix <- function(a) {
  out <- .from_py(a)
  if (length(dim(out)) != 2L) out <- matrix(as.double(as.vector(out)), ncol = 1L)
  storage.mode(out) <- "double"
  out
}

#' Create and train a self-organizing map (RSNNS's som)
#'
#' @description
#' RSNNS's `som()`: a `mapX` x `mapY` Kohonen map trained with SNNS's
#' `Kohonen` learning rule, and RSNNS's outputs (hit map, component maps,
#' labelled map, spanning tree, activation maps). The training is the Python
#' estimator `skneural.SelfOrganizingMap` (compiled with Numba, CPU).
#'
#' @details
#' For every pattern the winning unit is the one whose weights are nearest
#' (Euclidean distance). Every unit within the adaptation radius `r` of the
#' winner on the map moves towards the pattern by `h * exp(-d^2 / r^2)`
#' times the difference (`d`: grid distance to the winner). After every
#' pattern `h` and `r` are multiplied by `mult_H` and `mult_R`.
#' `learnFuncParams` = `c(h, r, mult_H, mult_R, mapX)`; its fifth value must
#' be `mapX` (SNNS's horizontal map size). Initial weights are uniform
#' between the two `initFuncParams`.
#'
#' Maps are `mapX` x `mapY` matrices; entry `[i, j]` belongs to unit
#' `(j - 1) * mapX + i`. Differences from RSNNS: unknown or inconsistent
#' arguments are errors, and `random_state` makes runs reproducible.
#'
#' @param x training inputs: a numeric matrix, vector or data frame with
#'   numeric columns (no `NA`).
#' @param mapX,mapY the map's width and height (whole numbers).
#' @param maxit the number of epochs.
#' @param initFuncParams bounds of the uniform initial weights.
#' @param learnFuncParams `c(h, r, mult_H, mult_R, mapX)`, see Details.
#' @param updateFuncParams accepted for compatibility (not used).
#' @param shufflePatterns if `TRUE`, a new random pattern order every epoch.
#' @param calculateMap compute `map` (patterns won per unit).
#' @param calculateActMaps compute `actMaps` (per pattern, every unit's
#'   activation: its Euclidean distance to the pattern).
#' @param calculateSpanningTree compute `spanningTree` (per unit, the number
#'   of the last pattern it wins; 0 if none).
#' @param saveWinnersPerPattern keep `winnersPerPattern` (the winning unit of
#'   every pattern).
#' @param targets optional class labels of the patterns (a vector or factor);
#'   gives `labeledMap`.
#' @param random_state seed: a whole number >= 0, or `NULL` to draw one from
#'   R's random number generator (so [set.seed()] makes runs reproducible).
#' @return An object of class `c("skneural_som", "skneural_competitive",
#'   "skneural_model")`: a list with `map`, `componentMaps` (a list of maps,
#'   one per input), `labeledMap` (a character matrix, `NA` for units that win
#'   nothing; `NULL` without `targets`), `spanningTree`, `actMaps` (a list of
#'   maps, one per pattern), `winnersPerPattern` (the fields not asked for are
#'   `NULL`), `fitted.values` (the unit activations, one row per pattern, one
#'   column per unit), `nInputs`, `mapX`, `mapY`, the arguments, `random_state`
#'   and `py` (the fitted Python model). `predict()` gives the activations of
#'   new patterns.
#' @seealso [predict.skneural_competitive()], [dlvq()], [art1()].
#' @examplesIf skneural:::.python_usable()
#' x <- normalizeData(iris[, 1:4])
#' model <- som(x, mapX = 8, mapY = 8, maxit = 20,
#'              learnFuncParams = c(0.5, 4, 0.999, 0.999, 8),
#'              targets = iris$Species, random_state = 1)
#' model$map
#' model$labeledMap
#' image(model$componentMaps[[3]], main = "petal length")
#' @export
som <- function(x, mapX = 16, mapY = 16, maxit = 100, initFuncParams = c(1, -1),
                learnFuncParams = c(0.5, mapX / 2, 0.8, 0.8, mapX),
                updateFuncParams = c(0, 0, 1), shufflePatterns = TRUE, calculateMap = TRUE,
                calculateActMaps = FALSE, calculateSpanningTree = FALSE,
                saveWinnersPerPattern = FALSE, targets = NULL, random_state = NULL) {
  mapX <- .check_whole(mapX, "mapX")
  mapY <- .check_whole(mapY, "mapY")
  maxit <- .check_whole(maxit, "maxit")
  flags <- list(shufflePatterns = shufflePatterns, calculateMap = calculateMap,
                calculateActMaps = calculateActMaps,
                calculateSpanningTree = calculateSpanningTree,
                saveWinnersPerPattern = saveWinnersPerPattern)
  for (nm in names(flags)) .check_flag(flags[[nm]], nm)
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "som")
  if (!is.null(targets)) {
    if (length(targets) != nrow(X)) {
      .stop("som: 'targets' has ", length(targets), " values for ", nrow(X), " patterns.")
    }
    if (anyNA(targets)) .stop(.na_message("targets"))
  }
  py <- .py_call(.families_a()$som(
    .to_py_matrix(X), mapX = mapX, mapY = mapY, maxit = maxit,
    initFuncParams = .py_numbers(initFuncParams, "initFuncParams"),
    learnFuncParams = .py_numbers(learnFuncParams, "learnFuncParams"),
    updateFuncParams = .py_numbers(updateFuncParams, "updateFuncParams"),
    shufflePatterns = shufflePatterns, calculateMap = calculateMap,
    calculateActMaps = calculateActMaps, calculateSpanningTree = calculateSpanningTree,
    saveWinnersPerPattern = TRUE, random_state = seed
  ), "som")
  winners <- as.integer(.from_py(py$winnersPerPattern))
  labeled <- NULL
  if (!is.null(targets)) {
    labels <- as.character(targets)
    cells <- vapply(seq_len(mapX * mapY), function(unit) {
      won <- labels[winners == unit]
      if (!length(won)) return(NA_character_)
      counts <- table(won)
      names(counts)[which.max(counts)]
    }, character(1))
    labeled <- matrix(cells, nrow = mapX, ncol = mapY)
  }
  maps <- function(field) {
    value <- py[[field]]
    if (.is_none(value)) return(NULL)
    lapply(seq_len(.r(.builtins$len(value))) - 1L,
           function(i) .py_matrix(value$`__getitem__`(i)))
  }
  fields <- list(
    fitted.values = .py_matrix(py$fitted_values),
    map = if (calculateMap) .py_matrix(py$map) else NULL,
    componentMaps = maps("componentMaps"),
    labeledMap = labeled,
    spanningTree = if (calculateSpanningTree) .py_matrix(py$spanningTree) else NULL,
    actMaps = maps("actMaps"),
    winnersPerPattern = if (saveWinnersPerPattern) winners else NULL
  )
  meta <- list(nInputs = ncol(X), mapX = mapX, mapY = mapY, maxit = maxit,
               initFuncParams = initFuncParams, learnFuncParams = learnFuncParams,
               updateFuncParams = updateFuncParams, shufflePatterns = shufflePatterns,
               random_state = seed)
  .competitive_model(py, "som", fields, meta)
}

#' Create and train a DLVQ network (RSNNS's dlvq)
#'
#' @description
#' RSNNS's `dlvq()`: dynamic learning vector quantization as SNNS's
#' `Dynamic_LVQ`. The training is the Python estimator
#' `skneural.DLVQClassifier` (compiled with Numba, CPU).
#'
#' @details
#' One prototype per class starts at the class mean. In each training round,
#' up to `learnFuncParams[3]` epochs move, for every misclassified pattern,
#' the nearest prototype of its own class towards it (rate
#' `learnFuncParams[1]`) and the wrong winner away from it (rate
#' `learnFuncParams[2]`). Then every class with misclassified patterns gets a
#' new prototype at the mean of its largest group of patterns taken for the
#' same wrong class (at most 10 per class). Rounds end when no pattern is
#' misclassified. Normalise the inputs first, as SNNS requires.
#'
#' @param x training inputs: a numeric matrix or data frame (no `NA`).
#' @param y class numbers 0, 1, ..., n-1, one per pattern (a vector or
#'   one-column matrix), as SNNS's DLVQ expects.
#' @param initFunc,learnFunc,updateFunc only `"DLVQ_Weights"`,
#'   `"Dynamic_LVQ"`, `"Dynamic_LVQ"`.
#' @param initFuncParams,updateFuncParams accepted for compatibility.
#' @param learnFuncParams `c(eta_plus, eta_minus, cycles)`.
#' @param shufflePatterns if `TRUE`, a new random pattern order every epoch.
#' @param random_state seed, or `NULL` to draw one from R's generator.
#' @return An object of class `c("skneural_dlvq", "skneural_competitive",
#'   "skneural_model")`: a list with `fitted.values` (the class number given to
#'   every pattern, a one-column matrix), `prototypes` (one row per codebook
#'   vector), `prototypeClasses`, the arguments, `random_state` and `py`.
#'   `predict()` gives class numbers for new patterns.
#' @seealso [predict.skneural_competitive()], [som()].
#' @examplesIf skneural:::.python_usable()
#' x <- normalizeData(iris[, 1:4])
#' model <- dlvq(x, as.integer(iris$Species) - 1, random_state = 1)
#' table(fitted(model), iris$Species)
#' @export
dlvq <- function(x, y, initFunc = "DLVQ_Weights", initFuncParams = c(1, -1),
                 learnFunc = "Dynamic_LVQ", learnFuncParams = c(0.03, 0.03, 10),
                 updateFunc = "Dynamic_LVQ", updateFuncParams = c(0), shufflePatterns = TRUE,
                 random_state = NULL) {
  .check_string(initFunc, "initFunc")
  .check_string(learnFunc, "learnFunc")
  .check_string(updateFunc, "updateFunc")
  .check_flag(shufflePatterns, "shufflePatterns")
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "dlvq")
  if (is.factor(y)) {
    .stop("dlvq: 'y' must hold class numbers 0, 1, ..., n-1 (SNNS's DLVQ), not a factor; ",
          "use as.integer(y) - 1.")
  }
  Y <- .as_numeric_matrix(y, "y", fun = "dlvq")
  py <- .py_call(.families_a()$dlvq(
    .to_py_matrix(X), .to_py_matrix(Y), initFunc = initFunc,
    initFuncParams = .py_numbers(initFuncParams, "initFuncParams"), learnFunc = learnFunc,
    learnFuncParams = .py_numbers(learnFuncParams, "learnFuncParams"), updateFunc = updateFunc,
    updateFuncParams = .py_numbers(updateFuncParams, "updateFuncParams"),
    shufflePatterns = shufflePatterns, random_state = seed
  ), "dlvq")
  fields <- list(fitted.values = .py_matrix(py$fitted_values),
                 prototypes = .py_matrix(py$prototypes_),
                 prototypeClasses = as.integer(.from_py(py$prototype_classes_)))
  meta <- list(nInputs = ncol(X), learnFuncParams = learnFuncParams,
               shufflePatterns = shufflePatterns, random_state = seed)
  .competitive_model(py, "dlvq", fields, meta)
}

#' Create and train an ART1 network (RSNNS's art1)
#'
#' @description
#' RSNNS's `art1()`: adaptive resonance theory clustering of binary patterns,
#' as SNNS's `ART1`. The training is the Python estimator `skneural.ART1`
#' (compiled with Numba, CPU).
#'
#' @details
#' A pattern chooses the recognition unit with the largest bottom-up
#' activation; the unit resonates when the share of the pattern's ones that
#' its prototype keeps is at least the vigilance `learnFuncParams[1]`,
#' otherwise the next unit is tried. On resonance the prototype becomes its
#' AND with the pattern. Epochs repeat until nothing changes, or `maxit`.
#' `initFuncParams = c(beta, gamma)`. Every value of `x` must be 0 or 1.
#'
#' @param x binary training patterns, one row of `dimX * dimY` values each.
#' @param dimX,dimY the patterns' two dimensions.
#' @param f2Units recognition units (the most clusters); `NULL`: `nrow(x)`.
#' @param maxit the most epochs.
#' @param initFunc,learnFunc,updateFunc SNNS's function names
#'   (`"ART1_Weights"`, `"ART1"`, `"ART1_Stable"` or `"ART1_Synchronous"`).
#' @param initFuncParams `c(beta, gamma)`.
#' @param learnFuncParams `c(rho)`: the vigilance (further values unused).
#' @param updateFuncParams accepted for compatibility.
#' @param shufflePatterns if `TRUE`, a new random pattern order every epoch.
#' @param random_state seed, or `NULL` to draw one from R's generator.
#' @return An object of class `c("skneural_art1", "skneural_competitive",
#'   "skneural_model")`: a list with `fitted.values` (the recognition layer's
#'   activations: one row per pattern with a 1 at its cluster's unit;
#'   [encodeClassLabels()] gives the cluster numbers), `prototypes` (the
#'   committed units' binary prototypes), the arguments, `random_state` and
#'   `py`. `predict()` gives the activations for new patterns.
#' @seealso [predict.skneural_competitive()], [art2()], [artmap()].
#' @examplesIf skneural:::.python_usable()
#' bars <- rbind(c(1, 1, 1, 0, 0, 0, 0, 0, 0), c(1, 1, 0, 0, 0, 0, 0, 0, 0),
#'               c(0, 0, 0, 0, 0, 0, 1, 1, 1), c(0, 0, 0, 0, 0, 0, 0, 1, 1))
#' model <- art1(bars, dimX = 3, dimY = 3, learnFuncParams = c(0.5), random_state = 1)
#' encodeClassLabels(fitted(model))
#' @export
art1 <- function(x, dimX, dimY, f2Units = nrow(x), maxit = 100, initFunc = "ART1_Weights",
                 initFuncParams = c(1, 1), learnFunc = "ART1", learnFuncParams = c(0.9, 0, 0),
                 updateFunc = "ART1_Stable", updateFuncParams = c(0), shufflePatterns = TRUE,
                 random_state = NULL) {
  dimX <- .check_whole(dimX, "dimX")
  dimY <- .check_whole(dimY, "dimY")
  f2Units <- .check_whole(f2Units, "f2Units")
  maxit <- .check_whole(maxit, "maxit")
  .check_flag(shufflePatterns, "shufflePatterns")
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "art1")
  py <- .py_call(.families_a()$art1(
    .to_py_matrix(X), dimX = dimX, dimY = dimY, f2Units = f2Units, maxit = maxit,
    initFunc = .check_string(initFunc, "initFunc"),
    initFuncParams = .py_numbers(initFuncParams, "initFuncParams"),
    learnFunc = .check_string(learnFunc, "learnFunc"),
    learnFuncParams = .py_numbers(learnFuncParams, "learnFuncParams"),
    updateFunc = .check_string(updateFunc, "updateFunc"),
    updateFuncParams = .py_numbers(updateFuncParams, "updateFuncParams"),
    shufflePatterns = shufflePatterns, random_state = seed
  ), "art1")
  .art_model(py, "art1", X, list(dimX = dimX, dimY = dimY, f2Units = f2Units, maxit = maxit,
                                 learnFuncParams = learnFuncParams, random_state = seed))
}

.art_model <- function(py, kind, X, meta) {
  committed <- as.logical(.from_py(py$committed_))
  protos <- .py_matrix(py$top_down_weights_)[committed, , drop = FALSE]
  fields <- list(fitted.values = .py_matrix(py$fitted_values), prototypes = protos)
  .competitive_model(py, kind, fields, c(list(nInputs = ncol(X)), meta))
}

#' Create and train an ART2 network (RSNNS's art2)
#'
#' @description
#' RSNNS's `art2()`: adaptive resonance theory clustering of real-valued
#' patterns, as SNNS's `ART2`. The training is the Python estimator
#' `skneural.ART2` (compiled with Numba, CPU).
#'
#' @details
#' The comparison layer normalises the pattern through its sub-layers
#' (parameters `a`, `b`, noise threshold `theta`), the recognition layer picks
#' the unit whose weights best match, and the reset test (parameter `c`)
#' compares the pattern with the unit's prototype against the vigilance
#' `rho`; on resonance the unit learns the pattern (fast learning).
#' `initFuncParams = c(d, gamma)`; `learnFuncParams = c(rho, a, b, c,
#' theta)`; `c * d / (1 - d) <= 1` is required. Use non-negative inputs.
#'
#' @param x training inputs: a numeric matrix or data frame (no `NA`).
#' @param f2Units recognition units (the most clusters).
#' @param maxit the most epochs.
#' @param initFunc,learnFunc,updateFunc SNNS's function names
#'   (`"ART2_Weights"`, `"ART2"`, `"ART2_Stable"` or `"ART2_Synchronous"`).
#' @param initFuncParams `c(d, gamma)`.
#' @param learnFuncParams `c(rho, a, b, c, theta)`.
#' @param updateFuncParams accepted for compatibility.
#' @param shufflePatterns if `TRUE`, a new random pattern order every epoch.
#' @param random_state seed, or `NULL` to draw one from R's generator.
#' @return An object of class `c("skneural_art2", "skneural_competitive",
#'   "skneural_model")`: as for [art1()] (`fitted.values` are the
#'   recognition layer's activations, `prototypes` the committed units'
#'   top-down weights).
#' @seealso [predict.skneural_competitive()], [art1()].
#' @examplesIf skneural:::.python_usable()
#' set.seed(1)
#' corners <- diag(3)[rep(1:3, each = 10), ] + matrix(runif(90, 0, 0.05), 30)
#' model <- art2(corners, f2Units = 5, random_state = 1)
#' table(encodeClassLabels(fitted(model)), rep(1:3, each = 10))
#' @export
art2 <- function(x, f2Units = 5, maxit = 100, initFunc = "ART2_Weights",
                 initFuncParams = c(0.9, 2), learnFunc = "ART2",
                 learnFuncParams = c(0.98, 10, 10, 0.1, 0), updateFunc = "ART2_Stable",
                 updateFuncParams = c(0.98, 10, 10, 0.1, 0), shufflePatterns = TRUE,
                 random_state = NULL) {
  f2Units <- .check_whole(f2Units, "f2Units")
  maxit <- .check_whole(maxit, "maxit")
  .check_flag(shufflePatterns, "shufflePatterns")
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "art2")
  py <- .py_call(.families_a()$art2(
    .to_py_matrix(X), f2Units = f2Units, maxit = maxit,
    initFunc = .check_string(initFunc, "initFunc"),
    initFuncParams = .py_numbers(initFuncParams, "initFuncParams"),
    learnFunc = .check_string(learnFunc, "learnFunc"),
    learnFuncParams = .py_numbers(learnFuncParams, "learnFuncParams"),
    updateFunc = .check_string(updateFunc, "updateFunc"),
    updateFuncParams = .py_numbers(updateFuncParams, "updateFuncParams"),
    shufflePatterns = shufflePatterns, random_state = seed
  ), "art2")
  .art_model(py, "art2", X, list(f2Units = f2Units, maxit = maxit,
                                 learnFuncParams = learnFuncParams, random_state = seed))
}

#' Create and train an ARTMAP network (RSNNS's artmap)
#'
#' @description
#' RSNNS's `artmap()`: supervised learning with two coupled ART1 networks and
#' a map field, as SNNS's `ARTMAP`. The training is the Python estimator
#' `skneural.ARTMAPClassifier` (compiled with Numba, CPU).
#'
#' @details
#' ARTb clusters the target patterns, ARTa the inputs; the map field learns
#' which ARTb category each ARTa category predicts. When an ARTa category
#' predicts the wrong target, match tracking raises ARTa's vigilance until a
#' finer category is found. `initFuncParams = c(beta_a, gamma_a, beta_b,
#' gamma_b)`, `learnFuncParams = c(rho_a, rho_b, rho)`. Prediction takes the
#' best-matching committed ARTa category and returns the target pattern it
#' predicts. All values of `x` must be 0 or 1.
#'
#' @param x binary inputs (first `nInputsTrain` columns) and binary targets
#'   (next `nInputsTargets` columns).
#' @param nInputsTrain,nInputsTargets the numbers of input and target columns.
#' @param nUnitsRecLayerTrain,nUnitsRecLayerTargets recognition units of ARTa
#'   and ARTb.
#' @param maxit the most epochs.
#' @param nRowInputsTrain,nRowInputsTargets,nRowUnitsRecLayerTrain,nRowUnitsRecLayerTargets
#'   SNNS's display rows of each layer (must divide the unit counts; otherwise
#'   unused).
#' @param initFunc,learnFunc,updateFunc SNNS's function names
#'   (`"ARTMAP_Weights"`, `"ARTMAP"`, `"ARTMAP_Stable"` or
#'   `"ARTMAP_Synchronous"`).
#' @param initFuncParams `c(beta_a, gamma_a, beta_b, gamma_b)`.
#' @param learnFuncParams `c(rho_a, rho_b, rho)`.
#' @param updateFuncParams accepted for compatibility.
#' @param shufflePatterns if `TRUE`, a new random pattern order every epoch.
#' @param random_state seed, or `NULL` to draw one from R's generator.
#' @return An object of class `c("skneural_artmap", "skneural_competitive",
#'   "skneural_model")`: a list with `fitted.values` (the target pattern
#'   predicted for every input), the arguments, `random_state` and `py`.
#'   `predict()` gives the predicted target patterns for new inputs.
#' @seealso [predict.skneural_competitive()], [art1()].
#' @examplesIf skneural:::.python_usable()
#' inputs <- rbind(c(1, 1, 0, 0), c(1, 0, 0, 0), c(0, 0, 1, 1), c(0, 0, 0, 1))
#' targets <- rbind(c(1, 0), c(1, 0), c(0, 1), c(0, 1))
#' model <- artmap(cbind(inputs, targets), 4, 2, 4, 2, maxit = 5, random_state = 1)
#' fitted(model)
#' predict(model, rbind(c(1, 1, 1, 0)))
#' @export
artmap <- function(x, nInputsTrain, nInputsTargets, nUnitsRecLayerTrain, nUnitsRecLayerTargets,
                   maxit = 1, nRowInputsTrain = 1, nRowInputsTargets = 1,
                   nRowUnitsRecLayerTrain = 1, nRowUnitsRecLayerTargets = 1,
                   initFunc = "ARTMAP_Weights", initFuncParams = c(1, 1, 1, 1, 0),
                   learnFunc = "ARTMAP", learnFuncParams = c(0.8, 1, 1, 0, 0),
                   updateFunc = "ARTMAP_Stable", updateFuncParams = c(0.8, 1, 1, 0, 0),
                   shufflePatterns = TRUE, random_state = NULL) {
  counts <- list(nInputsTrain = nInputsTrain, nInputsTargets = nInputsTargets,
                 nUnitsRecLayerTrain = nUnitsRecLayerTrain,
                 nUnitsRecLayerTargets = nUnitsRecLayerTargets, maxit = maxit,
                 nRowInputsTrain = nRowInputsTrain, nRowInputsTargets = nRowInputsTargets,
                 nRowUnitsRecLayerTrain = nRowUnitsRecLayerTrain,
                 nRowUnitsRecLayerTargets = nRowUnitsRecLayerTargets)
  for (nm in names(counts)) counts[[nm]] <- .check_whole(counts[[nm]], nm)
  .check_flag(shufflePatterns, "shufflePatterns")
  seed <- .seed_from_r(random_state)
  X <- .as_numeric_matrix(x, "x", fun = "artmap")
  args <- c(list(.to_py_matrix(X)), counts, list(
    initFunc = .check_string(initFunc, "initFunc"),
    initFuncParams = .py_numbers(initFuncParams, "initFuncParams"),
    learnFunc = .check_string(learnFunc, "learnFunc"),
    learnFuncParams = .py_numbers(learnFuncParams, "learnFuncParams"),
    updateFunc = .check_string(updateFunc, "updateFunc"),
    updateFuncParams = .py_numbers(updateFuncParams, "updateFuncParams"),
    shufflePatterns = shufflePatterns, random_state = seed))
  py <- .py_call(do.call(.families_a()$artmap, args), "artmap")
  fields <- list(fitted.values = .py_matrix(py$fitted_values))
  meta <- c(list(nInputs = counts$nInputsTrain, nOutputs = counts$nInputsTargets),
            counts, list(learnFuncParams = learnFuncParams, random_state = seed))
  .competitive_model(py, "artmap", fields, meta)
}

#' Use the competitive networks: predict, fitted, print
#'
#' @description
#' Methods for the models of [som()], [dlvq()], [art1()], [art2()] and
#' [artmap()]. `predict()` gives, for new patterns, what `fitted.values`
#' holds for the training patterns:
#' * `som`: every unit's activation (Euclidean distance to the pattern), one
#'   column per unit (`apply(p, 1, which.min)` gives the winners);
#' * `dlvq`: the class number (a one-column matrix);
#' * `art1`, `art2`: the recognition layer's activations, a 1 at the
#'   resonating unit (all 0 when none resonates);
#' * `artmap`: the predicted target pattern.
#'
#' @param object,x a model from one of those functions.
#' @param newdata new patterns with the training columns (no `NA`); missing
#'   or `NULL`: the fitted values.
#' @param ... unused.
#' @return `predict()`, `fitted()`: a numeric matrix with one row per pattern.
#'   `print()`: its argument, invisibly.
#' @seealso [som()], [dlvq()], [art1()], [art2()], [artmap()].
#' @examplesIf skneural:::.python_usable()
#' x <- normalizeData(iris[, 1:4])
#' model <- dlvq(x, as.integer(iris$Species) - 1, random_state = 1)
#' head(predict(model, x[c(1, 51, 101), ]))
#' model
#' @export
predict.skneural_competitive <- function(object, newdata, ...) {
  .check_alive(object)
  if (missing(newdata) || is.null(newdata)) return(object$fitted.values)
  X <- .as_numeric_matrix(newdata, "newdata", fun = "predict")
  if (ncol(X) != object$nInputs) {
    .stop("predict: 'newdata' has ", ncol(X), " columns; the model has ", object$nInputs,
          " inputs.")
  }
  Xp <- .to_py_matrix(X)
  py <- object$py
  out <- switch(object$kind,
    som = .py_matrix(.py_call(py$unit_distances(Xp), "predict")),
    dlvq = .py_matrix(.py_call(py$predict(Xp), "predict")),
    artmap = .py_matrix(.py_call(py$predict_target_patterns(Xp), "predict")),
    {
      labels <- as.integer(.from_py(.py_call(py$predict(Xp), "predict")))
      act <- matrix(0, nrow(X), ncol(object$fitted.values))
      ok <- labels >= 0L
      act[cbind(which(ok), labels[ok] + 1L)] <- 1
      act
    })
  unname(out)
}

#' @rdname predict.skneural_competitive
#' @export
fitted.skneural_competitive <- function(object, ...) {
  object$fitted.values
}

#' @rdname predict.skneural_competitive
#' @export
print.skneural_competitive <- function(x, ...) {
  what <- switch(x$kind, som = sprintf("self-organizing map, %d x %d units", x$mapX, x$mapY),
                 dlvq = sprintf("DLVQ network, %d prototypes", nrow(x$prototypes)),
                 art1 = sprintf("ART1 network, %d clusters", nrow(x$prototypes)),
                 art2 = sprintf("ART2 network, %d clusters", nrow(x$prototypes)),
                 artmap = "ARTMAP network")
  cat("skneural ", x$kind, " (RSNNS-compatible ", what, ")\n", sep = "")
  cat("  inputs:", x$nInputs, " patterns:", nrow(x$fitted.values),
      " random_state:", x$random_state, "\n")
  invisible(x)
}
