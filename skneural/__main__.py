"""``python -m skneural``: the demo of the reference workflows."""

import sys
import time
import warnings


def _demo():
    import numpy as np
    from sklearn.datasets import load_digits, load_iris
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skneural import MLPClassifier

    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, loader in (("iris", load_iris), ("digits", load_digits)):
        X, y = loader(return_X_y=True)
        Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0, stratify=y)
        t0 = time.perf_counter()
        model = make_pipeline(StandardScaler(), MLPClassifier(random_state=0)).fit(Xtr, ytr)
        secs = time.perf_counter() - t0
        acc = model.score(Xte, yte)
        print("== %s: MLPClassifier(default) test accuracy %.3f (%d test rows, %.2f s)"
              % (name, acc, len(yte), secs))
        print(np.array2string(confusion_matrix(yte, model.predict(Xte))))

    # RSNNS's iris script: Quickprop, size 5, maxit 100
    import pandas as pd

    from skneural.rsnns import (confusionMatrix, decodeClassLabels, mlp,
                                normTrainingAndTestSet, splitForTrainingAndTest)
    data = load_iris(as_frame=True)
    order = np.random.RandomState(1).permutation(150)
    species = pd.Categorical.from_codes(data.target, list(data.target_names))
    t0 = time.perf_counter()
    iris = normTrainingAndTestSet(splitForTrainingAndTest(
        data.data.iloc[order], decodeClassLabels(species[order]), ratio=0.15))
    model = mlp(iris.inputsTrain, iris.targetsTrain, size=5, learnFunc="Quickprop",
                learnFuncParams=(0.1, 2.0, 0.0001, 0.1), maxit=100, random_state=1)
    cm = confusionMatrix(iris.targetsTest, model.predict(iris.inputsTest))
    correct = sum(cm.loc[k, k] for k in cm.index if k in cm.columns)
    print("== RSNNS iris: mlp(size=5, Quickprop) test %d/%d right (%.2f s)"
          % (correct, len(iris.targetsTest), time.perf_counter() - t0))
    print(cm.to_string())

    # Bank churn (synthetic data with the tutorial's schema) and XOR
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder

    from skneural.datasets import make_churn, make_xor
    X, y = make_churn(n_samples=4000, random_state=0, return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
    pre = ColumnTransformer([("cat", OneHotEncoder(drop="first"), ["Geography", "Gender"])],
                            remainder=StandardScaler())
    t0 = time.perf_counter()
    churn = make_pipeline(pre, MLPClassifier((6, 6), batch_size=10, max_iter=50,
                                             random_state=0)).fit(Xtr, ytr)
    print("== churn (synthetic): 6-6 relu adam, test accuracy %.3f (%.2f s)"
          % (churn.score(Xte, yte), time.perf_counter() - t0))
    print(np.array2string(confusion_matrix(yte, churn.predict(Xte))))
    Xx, yx = make_xor(4, noise=0, shuffle=False)
    xor = MLPClassifier((4,), activation="tanh", solver="lbfgs", random_state=0).fit(Xx, yx)
    print("== XOR: predictions %s for targets %s" % (xor.predict(Xx).tolist(), yx.tolist()))
    return 0


def main(argv=None):
    """Console entry point."""
    argv = sys.argv[1:] if argv is None else argv
    return _demo()


if __name__ == "__main__":
    sys.exit(main())
