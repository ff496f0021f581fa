"""
Deep belief network on the digits
=================================

Greedy layer-wise pre-training of two RBMs (256 hidden units each) on the 8x8
digits scaled to [0, 1], then supervised fine-tuning of the whole stack as a
logistic MLP (:class:`skneural.MLPClassifier` under the hood), on a stratified
75/25 split.

The public ``deep-belief-network`` package reports 0.997 on its digits test
split with two hidden layers of 256 (WORKFLOWS.md, workflow 6); its split and
preprocessing are not published with the figure, so the comparison is
indicative only (on this split the same 256-256 network without pre-training,
and a relu MLP, reach about 0.97-0.98 too: `benchmarks/bench_dbn.py`).  The
script prints what this run reaches and saves a figure with the first-layer
filters and the fine-tuning loss curve to
``$SKNEURAL_EXAMPLE_OUT`` (default: a new temporary folder).
"""

import os
import tempfile
import time
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from skneural._dbn import DBNClassifier  # noqa: E402

REFERENCE_ACCURACY = 0.997  # deep-belief-network package, digits, 256-256

X, y = load_digits(return_X_y=True)
X = X / 16.0  # pixels are 0..16: scale to [0, 1] for Bernoulli visible units
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, random_state=0, stratify=y
)

dbn = DBNClassifier(
    hidden_layer_sizes=(256, 256),
    rbm_learning_rate=0.1,
    rbm_n_iter=20,
    rbm_batch_size=10,
    # fine-tuning: adam at 1e-3 for 100 epochs on every labelled row (holding
    # out 10% for early stopping costs more accuracy on 1347 images than it saves)
    learning_rate_init=0.001,
    max_iter=100,
    random_state=0,
)
t0 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    dbn.fit(X_train, y_train)
seconds = time.perf_counter() - t0
acc = dbn.score(X_test, y_test)

print("DBN 64-256-256-10 on digits (75/25 split, seed 0)")
print("  fit time            : %.1f s (%d fine-tuning epochs)" % (seconds, dbn.n_iter_))
print("  test accuracy       : %.4f" % acc)
print("  reference (public deep-belief-network package, its own split): %.3f"
      % REFERENCE_ACCURACY)
print("  difference          : %+.4f" % (acc - REFERENCE_ACCURACY))

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")
fig = plt.figure(figsize=(12, 6))
filters = dbn.rbms_[0].components_[:100]
for i, comp in enumerate(filters):
    ax = fig.add_subplot(10, 20, (i // 10) * 20 + i % 10 + 1)
    ax.imshow(comp.reshape(8, 8), cmap=plt.cm.gray_r, interpolation="nearest")
    ax.set_xticks(())
    ax.set_yticks(())
fig.text(0.25, 0.95, "First RBM: 100 of 256 filters", ha="center")
ax = fig.add_axes([0.58, 0.12, 0.38, 0.75])
ax.plot(np.arange(1, len(dbn.loss_curve_) + 1), dbn.loss_curve_, label="training loss")
ax.set_xlabel("fine-tuning epoch")
ax.set_ylabel("log loss")
ax.set_title("Fine-tuning (test accuracy %.4f)" % acc)
path = os.path.join(out_dir, "plot_dbn_digits.png")
fig.savefig(path, dpi=100)
print("  figure              : %s" % path)
