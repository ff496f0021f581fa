"""
=======================================
Bank customer churn: the Keras tutorial
=======================================

The well-known Keras churn tutorial, as a scikit-learn Pipeline around
:class:`skneural.MLPClassifier`: one-hot encode Geography and Gender,
standardise the numbers with the training statistics, and train an
11 -> 6 relu -> 6 relu -> 1 sigmoid network with Adam, batch size 10, for
50 epochs. The tutorial reports 0.858 test accuracy on the real data.

Data: if the environment variable ``SKNEURAL_CHURN_CSV`` names a copy of
the real ``Churn_Modelling.csv`` it is read with
:func:`skneural.datasets.load_churn`; otherwise the example uses
**synthetic** data with the same schema from
:func:`skneural.datasets.make_churn` (results on it are not results on the
real data).

Figures are also saved as PNG files in the folder named by the environment
variable ``SKNEURAL_EXAMPLE_OUT`` (a new temporary folder by default).
"""

# %%
# Load the data and split 80/20.
import os
import tempfile
import time
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from skneural import MLPClassifier
from skneural.datasets import load_churn, make_churn
from skneural.plotting import plot_confusion_matrix, plot_iterative_error

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

csv_path = os.environ.get("SKNEURAL_CHURN_CSV")
if csv_path:
    churn = load_churn(csv_path)
    print(f"Real churn data from {csv_path}")
else:
    churn = make_churn(n_samples=10000, random_state=0)
    print("SYNTHETIC churn data from make_churn (set SKNEURAL_CHURN_CSV for the real CSV)")
X, y = churn.data, churn.target
print(f"{X.shape[0]} customers, churn rate {y.mean():.3f}")

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=0, stratify=y
)

# %%
# The tutorial's network as a Pipeline. ``drop="first"`` keeps one dummy
# fewer per category, as the tutorial does; 2 + 1 + 8 = 11 inputs.
preprocess = ColumnTransformer(
    [("categories", OneHotEncoder(drop="first"), churn.categorical_features)],
    remainder=StandardScaler(),
)
model = Pipeline(
    [
        ("preprocess", preprocess),
        (
            "mlp",
            MLPClassifier(
                hidden_layer_sizes=(6, 6),
                activation="relu",
                solver="adam",
                batch_size=10,
                max_iter=50,
                random_state=0,
            ),
        ),
    ]
)
start = time.perf_counter()
model.fit(X_train, y_train)
print(f"fit in {time.perf_counter() - start:.1f} s")
train_accuracy = model.score(X_train, y_train)
test_accuracy = model.score(X_test, y_test)
print(f"training accuracy {train_accuracy:.3f}, test accuracy {test_accuracy:.3f}")
print(f"baseline (nobody churns): {1 - y_test.mean():.3f}")

# %%
# Confusion matrix on the test set (rows: truth, columns: prediction).
y_pred = model.predict(X_test)
display = plot_confusion_matrix(y_test, y_pred, display_labels=["stays", "leaves"])
display.ax_.set_title(f"Test accuracy {test_accuracy:.3f}")
display.figure_.savefig(os.path.join(out_dir, "churn_confusion_matrix.png"), dpi=100)
print(display.confusion_matrix)

fig = plot_iterative_error(model, title="Churn: training loss")
fig.savefig(os.path.join(out_dir, "churn_iterative_error.png"), dpi=100)

# %%
# Score the tutorial's new customer: Spain, credit score 500, female, 40
# years old, tenure 3, balance 50000, 2 products, has a credit card, active
# member, estimated salary 40000.
new_customer = pd.DataFrame(
    [
        {
            "CreditScore": 500,
            "Geography": "Spain",
            "Gender": "Female",
            "Age": 40,
            "Tenure": 3,
            "Balance": 50000.0,
            "NumOfProducts": 2,
            "HasCrCard": 1,
            "IsActiveMember": 1,
            "EstimatedSalary": 40000.0,
        }
    ]
)[churn.feature_names]
probability = model.predict_proba(new_customer)[0, 1]
print(f"new customer: churn probability {probability:.3f} -> leaves: {probability > 0.5}")

# %%
# A small grid search over the network size, the solver and the L2 penalty.
# To keep it quick it uses larger batches and fewer epochs than above.
search = GridSearchCV(
    model.set_params(mlp__batch_size=64, mlp__max_iter=20),
    param_grid={
        "mlp__hidden_layer_sizes": [(6, 6), (12,)],
        "mlp__solver": ["adam", "sgd"],
        "mlp__alpha": [1e-4, 1e-2],
    },
    cv=3,
    n_jobs=1,
)
start = time.perf_counter()
with warnings.catch_warnings():
    # A fixed budget of 20 epochs per fit, enough to rank the settings: ending
    # at max_iter is the plan, so the 25 fits' ConvergenceWarnings say nothing new.
    warnings.simplefilter("ignore", ConvergenceWarning)
    search.fit(X_train, y_train)
print(f"grid search in {time.perf_counter() - start:.1f} s")
results = pd.DataFrame(search.cv_results_)[
    ["param_mlp__hidden_layer_sizes", "param_mlp__solver", "param_mlp__alpha",
     "mean_test_score", "rank_test_score"]
].sort_values("rank_test_score")
print(results.to_string(index=False))
print("best:", search.best_params_, f"test accuracy {search.score(X_test, y_test):.3f}")
plt.show()
