"""
=================================================
Dynamic LVQ on iris (RSNNS's dlvq())
=================================================

:class:`~skneural.DLVQClassifier` is SNNS's dynamic learning vector
quantisation: it starts with one prototype per class at the class mean, moves
prototypes for misclassified flowers, and adds prototypes where a class keeps
being confused with another.  Here on the normalised iris data (SNNS requires
normalised input), with a 5-fold cross-validated accuracy and a figure of the
prototypes over the two petal measurements.

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
from sklearn.model_selection import StratifiedKFold, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from skneural import DLVQClassifier  # noqa: E402

out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

iris = load_iris()
X, y = iris.data, iris.target
cv = StratifiedKFold(5, shuffle=True, random_state=0)
scores = cross_val_score(make_pipeline(StandardScaler(), DLVQClassifier(random_state=0)),
                         X, y, cv=cv)
print(f"DLVQ 5-fold accuracy: {scores.mean():.3f} +- {scores.std():.3f}")

# %%
# Train on everything and look at the prototypes.
scaler = StandardScaler().fit(X)
Xs = scaler.transform(X)
clf = DLVQClassifier(random_state=0).fit(Xs, y)
print(f"prototypes per class: {np.bincount(clf.prototype_classes_).tolist()}, "
      f"training accuracy {clf.score(Xs, y):.3f}, {clf.n_rounds_} rounds, {clf.n_iter_} epochs")

fig, ax = plt.subplots(figsize=(6, 5))
colors = np.array(["tab:blue", "tab:orange", "tab:green"])
ax.scatter(Xs[:, 2], Xs[:, 3], c=colors[y], s=14, alpha=0.5)
ax.scatter(clf.prototypes_[:, 2], clf.prototypes_[:, 3], c=colors[clf.prototype_classes_],
           marker="*", s=300, edgecolor="k")
ax.set_xlabel("petal length (normalised)")
ax.set_ylabel("petal width (normalised)")
ax.set_title("DLVQ prototypes (stars) on iris")
path = os.path.join(out_dir, "lvq_iris.png")
fig.savefig(path, dpi=80)
print("figure:", path)
