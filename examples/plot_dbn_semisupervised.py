"""
Semi-supervised deep belief network: 10% of the digits labelled
===============================================================

The RBM stack is pre-trained on every training image (labels unused), then
the network is fine-tuned on the 10% of the rows that keep their label; the
others carry the label -1, scikit-learn's semi-supervised convention for
"unlabelled", and ``unlabeled=-1`` tells the DBN so (by default -1 is an
ordinary class). It is compared with MLPs trained on the labelled rows only:
the same logistic network without pre-training, and a default (relu)
MLPClassifier. Prints the three test accuracies and saves a bar chart to
``$SKNEURAL_EXAMPLE_OUT`` (default: a new temporary folder).
"""

import os
import tempfile
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from skneural import MLPClassifier  # noqa: E402
from skneural._dbn import DBNClassifier  # noqa: E402

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, random_state=0, stratify=y
)
rng = np.random.RandomState(0)
labelled = np.zeros(len(y_train), dtype=bool)
labelled[rng.choice(len(y_train), len(y_train) // 10, replace=False)] = True
y_semi = np.where(labelled, y_train, -1)  # -1: unlabelled

settings = dict(hidden_layer_sizes=(256, 256), rbm_n_iter=30, rbm_learning_rate=0.1,
                rbm_persistent=False, learning_rate_init=0.001, max_iter=300, random_state=0)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    dbn = DBNClassifier(**settings, unlabeled=-1).fit(X_train, y_semi)
    same_net = DBNClassifier(**settings, pretrain=False).fit(X_train[labelled],
                                                            y_train[labelled])
    mlp = MLPClassifier(random_state=0, max_iter=500).fit(X_train[labelled], y_train[labelled])

scores = {
    "DBN\n(pre-trained on all rows)": dbn.score(X_test, y_test),
    "same logistic net,\nno pre-training": same_net.score(X_test, y_test),
    "MLPClassifier\n(relu, defaults)": mlp.score(X_test, y_test),
}
print("%d labelled of %d training rows; %d test rows"
      % (labelled.sum(), len(y_train), len(y_test)))
print("  RBMs pre-trained on %d rows, fine-tuned on %d"
      % (dbn.n_samples_pretrain_, dbn.n_samples_finetune_))
for name, acc in scores.items():
    print("  %-45s test accuracy %.4f" % (name.replace("\n", " "), acc))

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")
fig, ax = plt.subplots(figsize=(7, 4))
bars = ax.bar(list(scores), list(scores.values()), color=["tab:blue", "tab:gray", "tab:orange"])
for bar, acc in zip(bars, scores.values()):
    ax.text(bar.get_x() + bar.get_width() / 2, acc + 0.005, "%.3f" % acc, ha="center")
ax.set_ylim(0.7, 1.0)
ax.set_ylabel("test accuracy")
ax.set_title("Digits with 10% of the labels")
fig.tight_layout()
path = os.path.join(out_dir, "plot_dbn_semisupervised.png")
fig.savefig(path, dpi=100)
print("  figure: %s" % path)
