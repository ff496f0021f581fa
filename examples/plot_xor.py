"""
=======================
Learning XOR with a MLP
=======================

XOR is the classic problem a single-layer perceptron cannot solve: no line
separates ``(0, 1)`` and ``(1, 0)`` from ``(0, 0)`` and ``(1, 1)``. One small
hidden layer is enough. This example trains :class:`skneural.MLPClassifier`
on noisy copies of the four points from :func:`skneural.datasets.make_xor`,
checks it on the exact truth table, and draws the decision surface and the
training error per epoch (RSNNS's ``plotIterativeError``).

Figures are also saved as PNG files in the folder named by the environment
variable ``SKNEURAL_EXAMPLE_OUT`` (a new temporary folder by default).
"""

# %%
# Data: 200 noisy points around the four corners of the unit square.
import os
import tempfile

import matplotlib.pyplot as plt
import numpy as np

from skneural import MLPClassifier
from skneural.datasets import make_xor
from skneural.plotting import plot_iterative_error

# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

X, y = make_xor(n_samples=200, noise=0.15, random_state=0)
X_exact, y_exact = make_xor(4, noise=0.0, shuffle=False)

# %%
# A network with one hidden layer of 4 tanh units, trained with Adam.
model = MLPClassifier(
    hidden_layer_sizes=(4,),
    activation="tanh",
    solver="adam",
    learning_rate_init=0.05,
    max_iter=300,
    random_state=0,
)
model.fit(X, y)

print("training accuracy:", model.score(X, y))
for point, target, pred in zip(X_exact, y_exact, model.predict(X_exact)):
    print(f"XOR{tuple(int(v) for v in point)} = {target}, predicted {pred}")
print("exact truth table accuracy:", model.score(X_exact, y_exact))

# %%
# Decision surface: the probability of class 1 over the plane.
xx, yy = np.meshgrid(np.linspace(-0.5, 1.5, 201), np.linspace(-0.5, 1.5, 201))
proba = model.predict_proba(np.c_[xx.ravel(), yy.ravel()])[:, 1].reshape(xx.shape)

fig, ax = plt.subplots(figsize=(5, 4.5))
contour = ax.contourf(xx, yy, proba, levels=20, cmap="RdBu_r", alpha=0.8)
fig.colorbar(contour, ax=ax, label="P(XOR = 1)")
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", edgecolors="k", s=20)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("XOR decision surface")
fig.savefig(os.path.join(out_dir, "xor_decision_surface.png"), dpi=100)

# %%
# Training error per epoch.
fig = plot_iterative_error(model, title="XOR: training loss")
fig.savefig(os.path.join(out_dir, "xor_iterative_error.png"), dpi=100)
plt.show()
