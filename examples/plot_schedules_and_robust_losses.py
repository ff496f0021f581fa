"""
=============================================================
Learning-rate schedules, gradient clipping and robust losses
=============================================================

Three training controls scikit-learn's MLP does not have:

* ``learning_rate="cosine" | "onecycle" | "plateau"`` with ``warmup_epochs``,
  for every stochastic solver (scikit-learn's ``invscaling``/``adaptive``
  apply to sgd only);
* ``clip_norm``, which rescales every minibatch gradient longer than it;
* ``loss="huber"`` and ``loss="absolute_error"`` for
  :class:`~skneural.MLPRegressor`, which a few gross outliers do not drag.

The schedules are drawn from the models' own ``history_`` (the rate each
compiled epoch ran with), on scikit-learn's digits.  Figures are also saved
as PNG files in the folder named by ``SKNEURAL_EXAMPLE_OUT`` (a temporary
folder by default).
"""

# %%
import os
import tempfile
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from skneural import MLPClassifier, MLPRegressor

# every model here trains a fixed number of epochs on purpose: running out of
# them is expected, not news
warnings.filterwarnings("ignore", category=ConvergenceWarning,
                        message="Stochastic Optimizer: Maximum iterations")
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

X, y = load_digits(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(StandardScaler().fit_transform(X), y,
                                          test_size=0.3, random_state=0)

# %%
# The same network and budget (30 epochs of Adam at 0.01) under four schedules.
schedules = {
    "constant": dict(learning_rate="constant"),
    "cosine + 3 warm-up epochs": dict(learning_rate="cosine", warmup_epochs=3),
    "onecycle": dict(learning_rate="onecycle"),
    "plateau": dict(learning_rate="plateau", n_iter_no_change=3, tol=1e-3),
}
fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
for name, kw in schedules.items():
    model = MLPClassifier((64,), learning_rate_init=0.01, max_iter=30, random_state=0,
                          **{"n_iter_no_change": 30, **kw})
    model.fit(X_tr, y_tr)
    epochs = [h["epoch"] for h in model.history_]
    ax_lr.plot(epochs, [h["learning_rate"] for h in model.history_], label=name)
    ax_loss.semilogy(epochs, model.loss_curve_, label=name)
    print("%-28s test accuracy %.3f" % (name, model.score(X_te, y_te)))
ax_lr.set(xlabel="epoch", ylabel="learning rate", title="Schedules (from history_)")
ax_loss.set(xlabel="epoch", ylabel="training loss", title="Training loss")
ax_lr.legend()
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "schedules.png"))

# %%
# Gradient clipping: plain SGD at a large rate diverges (skneural stops it
# and keeps the last good weights, with a DivergenceWarning); clipping every
# minibatch gradient to norm 1 trains at the same rate.
from skneural import DivergenceWarning  # noqa: E402

for clip in (None, 1.0):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DivergenceWarning)
        model = MLPClassifier((64,), solver="sgd", learning_rate_init=3.0, momentum=0.9,
                              max_iter=10, clip_norm=clip, random_state=0).fit(X_tr, y_tr)
    diverged = any(issubclass(w.category, DivergenceWarning) for w in caught)
    print("clip_norm=%-5s diverged: %-5s test accuracy %.3f"
          % (clip, diverged, model.score(X_te, y_te)))

# %%
# Robust losses: a line with 5% gross outliers.  Squared error bends towards
# them; Huber and absolute error follow the bulk of the data.
rng = np.random.RandomState(0)
x = np.sort(rng.uniform(-3, 3, 300))
t = 1.5 * x + 0.3 * rng.normal(size=300)
outliers = rng.choice(300, 15, replace=False)
t[outliers] += rng.uniform(15, 25, 15)
fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(x, t, s=8, c="grey", label="data")
for loss in ("squared_error", "huber", "absolute_error"):
    reg = MLPRegressor(loss=loss, hidden_layer_sizes=(16,), learning_rate_init=0.01,
                       max_iter=300, random_state=0).fit(x[:, None], t)
    ax.plot(x, reg.predict(x[:, None]), label=loss)
ax.set(xlabel="x", ylabel="y", title="Outliers: squared error vs robust losses")
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "robust_losses.png"))
