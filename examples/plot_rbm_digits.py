"""
=====================================================
RBM features for digit classification (sklearn's own)
=====================================================

scikit-learn's classic example (WORKFLOWS.md, workflow 5), with
:class:`skneural.BernoulliRBM` in place of scikit-learn's: the 8x8 digits,
"nudged" by one pixel in four directions to get 5x the data, scaled to [0, 1];
a Pipeline of BernoulliRBM (100 components, learning rate 0.06, 10 iterations,
batch 10) and LogisticRegression (newton-cg, tol=1e-4, C=6000), against LogisticRegression on the
raw pixels (C=100).  The same pipeline with scikit-learn's BernoulliRBM runs on
the same split for comparison.  skneural's RBM runs the same algorithm
(persistent CD-1, ``persistent=True``, the default ``k=1``) on compiled
kernels; its random numbers come from a different generator, so the two RBMs
are statistically, not bitwise, alike.

Figures are saved as PNG files in ``$SKNEURAL_EXAMPLE_OUT`` (a new temporary
folder by default).
"""

# %%
# Data: nudge the digits, scale to [0, 1], 80/20 split.
import os
import tempfile
import time

import matplotlib.pyplot as plt
import numpy as np
from scipy.ndimage import convolve
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.neural_network import BernoulliRBM as SklearnRBM
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import minmax_scale

from skneural import BernoulliRBM
from skneural.plotting import plot_rbm_filters

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")


def nudge_dataset(X, Y):
    """Shift each 8x8 image by one pixel left, right, up and down (5x data)."""
    shifts = [
        [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
        [[0, 0, 0], [1, 0, 0], [0, 0, 0]],
        [[0, 0, 0], [0, 0, 1], [0, 0, 0]],
        [[0, 0, 0], [0, 0, 0], [0, 1, 0]],
    ]
    moved = [np.apply_along_axis(lambda x, w=w: convolve(x.reshape((8, 8)), mode="constant",
                                                         weights=w).ravel(), 1, X)
             for w in np.asarray(shifts)]
    return np.concatenate([X] + moved), np.concatenate([Y] * 5)


X, y = load_digits(return_X_y=True)
X, y = nudge_dataset(np.asarray(X, dtype="float32"), y)
X = minmax_scale(X, feature_range=(0, 1))
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

# %%
# The pipeline, exactly as scikit-learn's example sets it up.
rbm = BernoulliRBM(n_components=100, learning_rate=0.06, n_iter=10, batch_size=10,
                   persistent=True, random_state=0, verbose=False)
logistic = LogisticRegression(solver="newton-cg", tol=1e-4, C=6000)
ours = Pipeline([("rbm", rbm), ("logistic", logistic)])

t0 = time.perf_counter()
ours.fit(X_train, y_train)
seconds_ours = time.perf_counter() - t0

theirs = Pipeline([("rbm", SklearnRBM(n_components=100, learning_rate=0.06, n_iter=10,
                                      batch_size=10, random_state=0)),
                   ("logistic", clone(logistic))])
t0 = time.perf_counter()
theirs.fit(X_train, y_train)
seconds_theirs = time.perf_counter() - t0

raw = LogisticRegression(solver="newton-cg", tol=1e-4, C=100).fit(X_train, y_train)

acc_ours = ours.score(X_test, y_test)
acc_theirs = theirs.score(X_test, y_test)
acc_raw = raw.score(X_test, y_test)
print("test accuracy  skneural RBM + logistic : %.4f  (fit %.1f s)" % (acc_ours, seconds_ours))
print("               sklearn  RBM + logistic : %.4f  (fit %.1f s)"
      % (acc_theirs, seconds_theirs))
print("               logistic on raw pixels  : %.4f" % acc_raw)
print()
print("skneural RBM features:\n%s" % classification_report(y_test, ours.predict(X_test),
                                                           digits=3))

# %%
# The 100 filters the RBM learned: strokes and blobs of the digits.
fig = plot_rbm_filters(ours.named_steps["rbm"], image_shape=(8, 8),
                       title="100 components extracted by skneural's BernoulliRBM")
fig.savefig(os.path.join(out_dir, "rbm_digits_filters.png"), dpi=100)

# %%
# Reconstruction error per epoch, the RBM's own training curve (recorded in
# ``history_`` on 256 evenly spaced training rows).
curve = [record["reconstruction_error"] for record in ours.named_steps["rbm"].history_]
fig2, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(range(1, len(curve) + 1), curve, marker="o")
ax.set_xlabel("epoch")
ax.set_ylabel("mean squared reconstruction error")
ax.set_title("BernoulliRBM on the nudged digits")
fig2.tight_layout()
fig2.savefig(os.path.join(out_dir, "rbm_digits_reconstruction_error.png"), dpi=100)
plt.show()
