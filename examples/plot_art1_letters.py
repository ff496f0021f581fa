"""
===============================================
ART1 on binary letters (RSNNS's art1())
===============================================

RSNNS's ``art1_letters`` demo clusters 7x5 pixel letters with ART1.  Here the
letters A-Z are drawn in this script as 7x5 bitmaps, and
:class:`~skneural.ART1` clusters them at three vigilance values: a higher
vigilance ``rho`` asks a letter to share more of its pixels with its
category's prototype, so there are more, finer categories (at ``rho = 1``
every letter that is not a pixel subset of another gets its own).  The
figure shows the prototypes (the AND of each category's letters).

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

from skneural import ART1  # noqa: E402

out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

FONT = {  # 7 rows of 5 pixels
    "A": ".###.|#...#|#...#|#####|#...#|#...#|#...#",
    "B": "####.|#...#|#...#|####.|#...#|#...#|####.",
    "C": ".###.|#...#|#....|#....|#....|#...#|.###.",
    "D": "####.|#...#|#...#|#...#|#...#|#...#|####.",
    "E": "#####|#....|#....|####.|#....|#....|#####",
    "F": "#####|#....|#....|####.|#....|#....|#....",
    "G": ".###.|#...#|#....|#.###|#...#|#...#|.###.",
    "H": "#...#|#...#|#...#|#####|#...#|#...#|#...#",
    "I": ".###.|..#..|..#..|..#..|..#..|..#..|.###.",
    "J": "..###|...#.|...#.|...#.|...#.|#..#.|.##..",
    "K": "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#",
    "L": "#....|#....|#....|#....|#....|#....|#####",
    "M": "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#",
    "N": "#...#|##..#|#.#.#|#..##|#...#|#...#|#...#",
    "O": ".###.|#...#|#...#|#...#|#...#|#...#|.###.",
    "P": "####.|#...#|#...#|####.|#....|#....|#....",
    "Q": ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#",
    "R": "####.|#...#|#...#|####.|#.#..|#..#.|#...#",
    "S": ".####|#....|#....|.###.|....#|....#|####.",
    "T": "#####|..#..|..#..|..#..|..#..|..#..|..#..",
    "U": "#...#|#...#|#...#|#...#|#...#|#...#|.###.",
    "V": "#...#|#...#|#...#|#...#|#...#|.#.#.|..#..",
    "W": "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.",
    "X": "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#",
    "Y": "#...#|#...#|.#.#.|..#..|..#..|..#..|..#..",
    "Z": "#####|....#|...#.|..#..|.#...|#....|#####",
}
letters = sorted(FONT)
X = np.array([[1.0 if c == "#" else 0.0 for c in FONT[k].replace("|", "")] for k in letters])

# %%
# Cluster at three vigilance values.
results = {}
for rho in (0.5, 0.7, 0.9):
    art = ART1(rho=rho, random_state=0).fit(X)
    results[rho] = art
    groups = {}
    for letter, label in zip(letters, art.labels_):
        groups.setdefault(int(label), []).append(letter)
    print(f"rho={rho}: {art.n_clusters_} categories: "
          + " ".join("".join(g) for g in groups.values()))

# %%
# The prototypes at rho = 0.7.
art = results[0.7]
protos = art.top_down_weights_[art.committed_]
n_cols = 8
n_rows = -(-len(protos) // n_cols)
fig, axes = plt.subplots(n_rows, n_cols, figsize=(1.2 * n_cols, 1.7 * n_rows))
for ax in axes.flat:
    ax.axis("off")
for ax, proto, k in zip(axes.flat, protos, np.flatnonzero(art.committed_)):
    ax.imshow(proto.reshape(7, 5), cmap="Greys", vmin=0, vmax=1)
    ax.set_title("".join(np.array(letters)[art.labels_ == k]), fontsize=9)
fig.suptitle("ART1 prototypes, rho = 0.7")
path = os.path.join(out_dir, "art1_letters.png")
fig.savefig(path, dpi=80)
print("figure:", path)
