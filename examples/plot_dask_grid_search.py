"""
===========================================
Grid search on a dask cluster, ONNX export
===========================================

A hyper-parameter search sends each fit to a dask worker through joblib's
``"dask"`` backend; the results are those of ``n_jobs=1``, only faster on a
real cluster.  :func:`skneural.warmup` first loads (or compiles) the kernels
on every worker, so that no fit pays for compilation.  The best model is then
exported to ONNX and checked in onnxruntime.

The cluster here is a small in-process one (``processes=False``) so that the
example runs anywhere in seconds; on a real cluster, connect with
``Client("scheduler-address:8786")`` instead -- nothing else changes.  See
:doc:`/scaling` for what to expect of worker processes.
"""

# %%
# A dask cluster and warmed-up workers.
import os
import tempfile
import warnings

import joblib
import matplotlib.pyplot as plt
import numpy as np
from distributed import Client, LocalCluster
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV, train_test_split

import skneural
from skneural import MLPClassifier

# Each fit trains a fixed budget of 40 epochs (enough to rank the settings);
# stopping there is intended, so its ConvergenceWarning is not news.  The
# filter is process-wide on purpose: the in-process workers fit in threads.
warnings.simplefilter("ignore", ConvergenceWarning)
# Outputs go to $SKNEURAL_EXAMPLE_OUT (the docs build sets it) or else to a new
# temporary folder, never into the current directory.
out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")

cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                       dashboard_address=":0", silence_logs=40)
client = Client(cluster)
reports = client.run(skneural.warmup, MLPClassifier(solver="adam"), dtypes=["float64"])
for worker, report in reports.items():
    print("warmed up in %.2f s: %d fits" % (report["seconds"], report["fits"]))

# %%
# The search: 2 x 2 settings, 3 folds, on dask and sequentially.
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, random_state=0)
grid = {"hidden_layer_sizes": [(16,), (32,)], "alpha": [1e-4, 1e-1]}
search = GridSearchCV(MLPClassifier(max_iter=40, random_state=0), grid, cv=3, n_jobs=-1)
with joblib.parallel_backend("dask"):
    search.fit(X_train, y_train)
local = GridSearchCV(MLPClassifier(max_iter=40, random_state=0), grid, cv=3, n_jobs=1)
local.fit(X_train, y_train)
same = np.array_equal(search.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"])
print("dask and n_jobs=1 give the same scores:", same)
print("best:", search.best_params_, "test accuracy %.3f" % search.score(X_test, y_test))
client.close()
cluster.close()

# %%
# Mean cross-validated accuracy of each setting.
labels = ["%s\nalpha=%g" % (p["hidden_layer_sizes"], p["alpha"])
          for p in search.cv_results_["params"]]
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(labels, search.cv_results_["mean_test_score"],
       yerr=search.cv_results_["std_test_score"], color="tab:blue")
ax.set_ylim(0.8, 1.0)
ax.set_ylabel("mean CV accuracy")
ax.set_title("GridSearchCV on dask")
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "dask_grid_search.png"), dpi=100)

# %%
# The best model as an ONNX graph (float32), run by onnxruntime.
import onnxruntime as ort  # noqa: E402

from skneural.onnx import to_onnx  # noqa: E402

X32 = X_test.astype(np.float32)
onx = to_onnx(search.best_estimator_, X32[:1])
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "digits_mlp.onnx")
    with open(path, "wb") as fh:
        fh.write(onx.SerializeToString())
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    onnx_labels, onnx_proba = session.run(None, {"X": X32})
print("largest probability difference, ONNX vs predict_proba: %.1e"
      % np.abs(onnx_proba - search.best_estimator_.predict_proba(X32)).max())
print("same labels:", np.array_equal(onnx_labels, search.best_estimator_.predict(X32)))
