"""
===========================================
RBF networks: a noisy sine and two spirals
===========================================

Radial basis function networks as SNNS builds and trains them.

* Regression: RSNNS's own ``rbf`` example -- ``sin(x)`` on 0..10 plus uniform
  noise, scaled to [0, 1], 40 Gaussian units -- through
  :func:`skneural.rsnns.rbf` (``RBF_Weights`` initialisation: centres on evenly
  spaced patterns, output weights by least squares; then
  ``RadialBasisLearning``).  The same data with a narrower width and trained
  centres via :class:`skneural.RBFNetworkRegressor` shows what the
  gradient phase adds when the initial widths are off.
* Classification: two interlocked spirals with
  :class:`skneural.RBFNetworkClassifier` (RSNNS's ``rbfDDA``), which grows its
  hidden layer while it trains: dynamic decay adjustment places a prototype
  wherever a pattern is not yet covered and shrinks the radii of other classes'
  prototypes that claim it.

Figures are saved as PNG files in the folder named by ``SKNEURAL_EXAMPLE_OUT``
(a new temporary folder by default).
"""

# %%
import os
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from skneural import RBFNetworkClassifier, RBFNetworkRegressor  # noqa: E402
from skneural._rsnns_families_b import rbf  # noqa: E402

out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

# %%
# RSNNS's example data: sin(x) plus uniform noise, normalised to [0, 1].
rng = np.random.default_rng(2)
x = np.arange(0, 10.05, 0.1).reshape(-1, 1)
y = np.sin(x).ravel() + rng.uniform(size=len(x))
y = (y - y.min()) / (y.max() - y.min())

model = rbf(x, y, size=40, maxit=1000, initFuncParams=(0, 1, 0, 0.01, 0.01),
            learnFuncParams=(1e-8, 0, 1e-8, 0.1, 0.8), linOut=True, random_state=0)
print("rbf(): SSE of the fit %.3f, correlation with the data %.3f"
      % (((model.fitted_values.ravel() - y) ** 2).sum(),
         np.corrcoef(model.fitted_values.ravel(), y)[0, 1]))

# A narrow start (p = 5: each unit covers about +-0.45) with 8 units leaves gaps;
# training the centres and widths (learning rates 1e-3 and 1e-4) closes them.
narrow = dict(n_units=8, gamma=5.0, dmax=0.0, random_state=0)
before = RBFNetworkRegressor(max_iter=0, **narrow).fit(x, y)
after = RBFNetworkRegressor(max_iter=500, learning_rate_centers=1e-3,
                            learning_rate_gamma=1e-4, learning_rate_weights=1e-3,
                            **narrow).fit(x, y)
print("8 narrow units: SSE %.3f after RBF_Weights, %.3f after 500 epochs"
      % (after.loss_curve_[0], after.loss_curve_[-1]))

fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
axes[0].plot(x, y, ".", color="0.6", label="data")
axes[0].plot(x, model.fitted_values, "g", label="rbf(), 40 units")
axes[0].set_title("RSNNS's rbf example")
axes[0].legend(loc="lower left")
axes[1].plot(x, y, ".", color="0.6")
axes[1].plot(x, before.predict(x), "r--", label="RBF_Weights only")
axes[1].plot(x, after.predict(x), "b", label="+ 500 epochs")
axes[1].plot(after.centers_.ravel(), np.zeros(8), "b^", label="trained centres")
axes[1].set_title("8 narrow units")
axes[1].legend(loc="lower left", fontsize=8)
axes[2].semilogy(after.loss_curve_)
axes[2].set_xlabel("epoch")
axes[2].set_ylabel("SSE")
axes[2].set_title("training error (8 units)")
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "rbf_sine.png"), dpi=80)

# %%
# Two spirals (RSNNS's rbfDDA demo data set shape), classified by DDA.
t = np.sqrt(rng.uniform(0.05, 1, 300)) * 3 * np.pi
arm = np.c_[t * np.cos(t), t * np.sin(t)] / (3 * np.pi)
X = np.vstack([arm, -arm]) + rng.normal(scale=0.02, size=(600, 2))
labels = np.repeat([0, 1], 300)
clf = RBFNetworkClassifier(max_iter=10, random_state=0).fit(X, labels)
print("DDA: %d prototypes after %d epochs (%s new per epoch), training accuracy %.3f"
      % (len(clf.centers_), clf.n_iter_, clf.n_new_prototypes_, clf.score(X, labels)))

xx, yy = np.meshgrid(np.linspace(-1.2, 1.2, 200), np.linspace(-1.2, 1.2, 200))
score = clf.decision_function(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
fig, ax = plt.subplots(figsize=(4.8, 4.5))
ax.contourf(xx, yy, score > 0, cmap="RdBu_r", alpha=0.3)
ax.scatter(X[:, 0], X[:, 1], c=labels, cmap="RdBu_r", s=6)
ax.scatter(*clf.centers_.T, marker="x", c="k", s=12, label="prototypes")
ax.set_title("RBF-DDA on two spirals")
ax.legend(loc="lower right", fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "rbf_dda_spirals.png"), dpi=80)
print("figures in", out_dir)
