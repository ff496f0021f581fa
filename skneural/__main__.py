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
    return 0


def main(argv=None):
    """Console entry point."""
    argv = sys.argv[1:] if argv is None else argv
    return _demo()


if __name__ == "__main__":
    sys.exit(main())
