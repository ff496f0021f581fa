"""
RSNNS's iris script, step by step in Python, then as a Pipeline and a grid search
=================================================================================

The classic RSNNS workflow (shuffle, decodeClassLabels, splitForTrainingAndTest
with ratio 0.15, normTrainingAndTestSet, ``mlp(size=5, learnFunc="Quickprop",
learnFuncParams=c(0.1, 2.0, 0.0001, 0.1), maxit=100)``, predict,
confusionMatrix), then the same model inside a scikit-learn Pipeline and a
GridSearchCV over the hidden size and the SNNS learner.  RSNNS itself reached
20/23 on its seed-1 split (0.87 mean test accuracy over 20 seeds).
"""

import os
import tempfile
import warnings

import numpy as np
import pandas as pd
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline

from skneural import MLPClassifier
from skneural.solvers import SCG, Quickprop, Rprop, StdBackprop
from skneural.plotting import plot_iterative_error
from skneural.rsnns import (
    RSNNSNormalizer,
    confusionMatrix,
    decodeClassLabels,
    encodeClassLabels,
    mlp,
    normTrainingAndTestSet,
    splitForTrainingAndTest,
)

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")
data = load_iris(as_frame=True)
species = pd.Categorical.from_codes(data.target, list(data.target_names))

# --- The RSNNS script, line by line -----------------------------------------
order = np.random.RandomState(1).permutation(150)          # iris[sample(...), ]
irisValues = data.data.iloc[order]
irisTargets = decodeClassLabels(species[order])
iris = splitForTrainingAndTest(irisValues, irisTargets, ratio=0.15)
iris = normTrainingAndTestSet(iris)
model = mlp(iris.inputsTrain, iris.targetsTrain, size=5, learnFunc="Quickprop",
            learnFuncParams=(0.1, 2.0, 0.0001, 0.1), maxit=100,
            inputsTest=iris.inputsTest, targetsTest=iris.targetsTest, random_state=1)
predictions = model.predict(iris.inputsTest)
cm = confusionMatrix(iris.targetsTest, predictions)
print(cm)
correct = sum(cm.loc[k, k] for k in cm.index if k in cm.columns)
print("test accuracy %d/23 = %.3f (RSNNS: 20/23)" % (correct, correct / 23))
print("IterativeFitError at epochs 1, 10, 50, 100:",
      np.round(model.IterativeFitError[[0, 9, 49, 99]], 2))

fig = plot_iterative_error(model)
fig.savefig(os.path.join(out_dir, "rsnns_iris_iterative_error.png"))

# --- The same workflow as a Pipeline and a grid search -----------------------
X_train = irisValues.iloc[:127]
y_train = encodeClassLabels(irisTargets.iloc[:127].to_numpy())
X_test = irisValues.iloc[127:]
y_test = encodeClassLabels(irisTargets.iloc[127:].to_numpy())
pipe = make_pipeline(
    RSNNSNormalizer(type="norm"),
    MLPClassifier(hidden_layer_sizes=(5,), activation="logistic",
                  solver=Quickprop(learning_rate=0.1, mu=2.0, decay=1e-4, dmax=0.1),
                  init_range=(-0.3, 0.3), max_iter=100, n_iter_no_change=1000,
                  random_state=1),
)
grid = GridSearchCV(
    pipe,
    # each learner with its own parameters (solver__...): dmax for the learners
    # that have one, Rprop's maximum step
    [{"mlpclassifier__hidden_layer_sizes": [(3,), (5,), (10,)],
      "mlpclassifier__solver": [Quickprop(), StdBackprop()],
      "mlpclassifier__solver__dmax": [0.0, 0.1]},
     {"mlpclassifier__hidden_layer_sizes": [(3,), (5,), (10,)],
      "mlpclassifier__solver": [Rprop()], "mlpclassifier__solver__max_step": [10.0, 50.0]},
     {"mlpclassifier__hidden_layer_sizes": [(3,), (5,), (10,)],
      "mlpclassifier__solver": [SCG()]}],
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
)
with warnings.catch_warnings():
    # 100 epochs per fit, RSNNS's maxit: a fixed budget as in the R script, so the
    # 105 fits' ConvergenceWarnings ("maximum iterations reached") say nothing new.
    warnings.simplefilter("ignore", ConvergenceWarning)
    grid.fit(X_train, y_train)
print("best parameters:", grid.best_params_)
print("cross-validated accuracy %.3f, test accuracy %.3f"
      % (grid.best_score_, grid.score(X_test, y_test)))
print(confusionMatrix(y_test, grid.predict(X_test)))
