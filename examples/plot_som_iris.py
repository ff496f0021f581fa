"""
==================================================
Self-organising map of iris (RSNNS's som() demo)
==================================================

RSNNS's ``som()`` on the normalised iris data, as its ``som_iris`` demo does,
with skneural's :class:`~skneural.SelfOrganizingMap` underneath.  The figure
shows what RSNNS returns: the hit map (how many flowers each unit wins), the
labelled map (the species that wins most often at each unit) and the four
component maps (each unit's weight for one measurement).

SNNS's Kohonen rule shrinks the adaptation height and radius after *every
pattern*; with RSNNS's default decrease factors (0.8) the map stops learning
within the first epoch.  This example uses 0.9995 so the 16 x 16 map unfolds
over its 60 epochs (height 0.5 -> 0.5 * 0.9995^9000 ~ 6e-3, radius 8 -> ~0.1).

Figures are saved as PNG files in ``$SKNEURAL_EXAMPLE_OUT`` (a new temporary
folder by default).
"""

# %%
import os
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402

from skneural.rsnns import normalizeData  # noqa: E402
from skneural.rsnns import som  # noqa: E402

out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

iris = load_iris()
x = np.asarray(normalizeData(iris.data, "norm"))
model = som(x, mapX=16, mapY=16, maxit=60, learnFuncParams=(0.5, 8, 0.9995, 0.9995, 16),
            targets=iris.target, calculateSpanningTree=True, random_state=1)

# %%
# How well the map separates the species: a flower's unit carries its own
# species as the majority label (the labelled map), and setosa's units are
# never shared with the two other species.
unit_label = model.labeledMap.T.ravel()  # RSNNS layout -> unit order
purity = np.mean([unit_label[u] == s for u, s in zip(model.labels_, iris.target)])
setosa_units = set(model.labels_[iris.target == 0])
others = set(model.labels_[iris.target != 0])
print(f"units used: {int((model.hits_ > 0).sum())} of 256; "
      f"labelled-map purity: {purity:.3f}; setosa units shared: {len(setosa_units & others)}")

# %%
# The figure: maps are drawn with unit (column, row) = (i, j) of RSNNS's
# mapX x mapY matrices, i.e. transposed for imshow.
fig, axes = plt.subplots(2, 3, figsize=(11, 7))
ax = axes[0, 0]
im = ax.imshow(model.map.T, origin="lower", cmap="Greys")
ax.set_title("hits (map)")
fig.colorbar(im, ax=ax, shrink=0.8)
ax = axes[0, 1]
labels = np.array([[np.nan if v is None else v for v in row] for row in model.labeledMap],
                  dtype=float)
im = ax.imshow(labels.T, origin="lower", cmap="viridis", vmin=0, vmax=2)
ax.set_title("labeledMap (0 setosa, 1 versicolor, 2 virginica)")
for k, name in enumerate(iris.feature_names):
    ax = axes.flat[2 + k]
    im = ax.imshow(model.componentMaps[k].T, origin="lower", cmap="coolwarm")
    ax.set_title(f"component map: {name}")
    fig.colorbar(im, ax=ax, shrink=0.8)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
path = os.path.join(out_dir, "som_iris.png")
fig.savefig(path, dpi=80)
print("figure:", path)
