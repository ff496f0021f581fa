"""
================================================
Elman and Jordan networks on a laser-like series
================================================

RSNNS's Elman demo learns the Santa Fe laser series one step ahead: the
network sees today's intensity and must predict tomorrow's, so it needs a
memory of the recent past, which its context units provide.  The laser's
dynamics are close to the Lorenz equations, so this example generates a
laser-like series from them (the squared x component, scaled to [0, 1]: bursts
of growing oscillation that collapse), trains
:func:`skneural.rsnns.elman` and :func:`skneural.rsnns.jordan` on the first
800 steps with the rest as test set (RSNNS's ``IterativeTestError``), and
compares them with "tomorrow equals today".

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

from skneural._rsnns_families_b import elman, jordan  # noqa: E402

out_dir = os.environ.get("SKNEURAL_EXAMPLE_OUT") or tempfile.mkdtemp(prefix="skneural-example-")
os.makedirs(out_dir, exist_ok=True)
print(f"output folder: {out_dir}")


def lorenz_intensity(n, dt=0.02, every=4, sigma=10.0, rho=28.0, beta=8.0 / 3.0):
    """x(t)^2 of the Lorenz system (RK4), sampled every ``every`` steps, scaled to [0, 1]."""
    def f(s):
        x, y, z = s
        return np.array([sigma * (y - x), x * (rho - z) - y, x * y - beta * z])

    s = np.array([1.0, 1.0, 1.0])
    out = []
    for i in range((n + 200) * every):
        k1 = f(s)
        k2 = f(s + dt / 2 * k1)
        k3 = f(s + dt / 2 * k2)
        k4 = f(s + dt * k3)
        s = s + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        if i % every == 0:
            out.append(s[0] ** 2)
    series = np.array(out[200:200 + n])              # drop the transient
    return (series - series.min()) / (series.max() - series.min())


series = lorenz_intensity(1001)
inputs, targets = series[:-1].reshape(-1, 1), series[1:].reshape(-1, 1)
train, test = slice(0, 800), slice(800, 1000)

# %%
# RSNNS's demo settings, with one hidden layer: 8 hidden units, JE_BP, eta 0.1.
models = {}
for name, fun in (("elman", elman), ("jordan", jordan)):
    models[name] = fun(inputs[train], targets[train], size=8, learnFuncParams=(0.1,),
                       maxit=300, inputsTest=inputs[test], targetsTest=targets[test],
                       random_state=1)

naive = np.mean((inputs[test] - targets[test]) ** 2)
for name, model in models.items():
    # predict() starts from the initial context; the test part continues the sequence,
    # so run the whole series and keep the test steps
    pred = model.predict(inputs)[test]
    mse = np.mean((pred - targets[test].ravel()) ** 2)
    print("%-6s test MSE %.5f (tomorrow = today: %.5f), SSE %.3f -> %.3f in training"
          % (name, mse, naive, model.IterativeFitError[0], model.IterativeFitError[-1]))

fig, axes = plt.subplots(2, 1, figsize=(10, 6))
steps = np.arange(800, 1000)
axes[0].plot(steps, targets[test], "k", lw=1, label="series")
axes[0].plot(steps, models["elman"].predict(inputs)[test], "g", lw=1, label="Elman")
axes[0].plot(steps, models["jordan"].predict(inputs)[test], "m--", lw=1, label="Jordan")
axes[0].set_title("one step ahead on the test steps")
axes[0].legend(loc="upper left", fontsize=8)
for name, color in (("elman", "g"), ("jordan", "m")):
    axes[1].semilogy(models[name].IterativeFitError, color, label=f"{name} training")
    axes[1].semilogy(models[name].IterativeTestError * 4, color + ":",
                     label=f"{name} test x 4 (same number of steps)")
axes[1].set_xlabel("epoch")
axes[1].set_ylabel("SSE")
axes[1].legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "elman_series.png"), dpi=80)
print("figures in", out_dir)
