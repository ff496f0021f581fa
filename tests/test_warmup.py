"""skneural.warmup: it goes through the kernels the given configuration uses, and only those."""

import doctest
import json
import os
import subprocess
import sys
import textwrap

import skneural
import skneural._warmup

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(skneural.__file__)))


def _dispatchers_after(call):
    """Names of the kernels holding a float32 signature after ``call``, in a fresh process."""
    code = textwrap.dedent("""
        import json, skneural
        from skneural import *
        from skneural._kernels import cpu, rbm_cpu, snns
        %s
        used = sorted(
            "%%s.%%s" %% (mod.__name__.rsplit(".", 1)[1], name)
            for mod in (cpu, rbm_cpu, snns) for name, f in vars(mod).items()
            if hasattr(f, "signatures") and any("float32" in str(s) for s in f.signatures))
        print(json.dumps(used))
    """) % call
    env = dict(os.environ, PYTHONPATH=CHECKOUT)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=600, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_warmup_loads_the_configurations_kernels():
    before = _dispatchers_after("pass")
    adam = _dispatchers_after("warmup(MLPClassifier(solver='adam'), dtypes=['float32'])")
    rprop = _dispatchers_after("warmup(MLPClassifier(), solvers=['rprop'], dtypes=['float32'])")
    assert not before
    assert "cpu.train_epoch" in adam and "cpu.predict_forward" in adam
    assert not any(name.startswith(("snns.", "rbm_cpu.")) for name in adam)
    assert "snns.snns_train_epoch" in rprop and "cpu.train_epoch" not in rprop


def test_warmup_counts_and_defaults():
    report = skneural.warmup(skneural.MLPRegressor(solver="lbfgs"), skneural.BernoulliRBM(),
                             solvers=["adam", "quickprop"], dtypes=["float64"])
    # the regressor once per solver, the RBM (no solver) once
    assert report["fits"] == 3
    assert report["seconds"] >= report["slowest"][1] > 0


def test_doctests():
    result = doctest.testmod(skneural._warmup)
    assert result.attempted > 0 and result.failed == 0


def test_warmup_prepares_the_binary_input_families():
    """ART1 and ARTMAP take 0/1 input only: warm-up feeds them binary data."""
    import skneural
    from skneural import ART1, ARTMAPClassifier

    report = skneural.warmup(ART1(), ARTMAPClassifier(), dtypes=["float64"])
    assert report["fits"] == 2
