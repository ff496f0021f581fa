"""RSNNS helpers and mlp(): bad input gives a clear ValueError/TypeError up front.

Each test names the parameter the message must mention; none trains more than a
couple of epochs on a tiny matrix.
"""

import numpy as np
import pytest

from skneural.rsnns import (
    denormalizeData,
    mlp,
    normalizeData,
    normTrainingAndTestSet,
    splitForTrainingAndTest,
)

RNG = np.random.RandomState(0)
X = RNG.normal(size=(20, 3))
Y = (X[:, :1] > 0).astype(float)


# ---------------------------------------------------------------------------
# denormalizeData / normalizeData with a stored parameter set
# ---------------------------------------------------------------------------
def test_denormalize_unknown_type_lists_the_valid_types():
    params = dict(normalizeData(X, "0_1").normParams)
    params["type"] = "bogus"
    with pytest.raises(ValueError, match=r"'bogus'.*norm, 0_1, center"):
        denormalizeData(X, params)


def test_denormalize_parameter_set_without_type_or_statistics():
    with pytest.raises(ValueError, match="normParams.*'type'"):
        denormalizeData(X, {"colMeans": np.zeros(3)})
    with pytest.raises(ValueError, match="normParams.*colMax"):
        denormalizeData(X, {"type": "0_1", "colMin": np.zeros(3)})
    with pytest.raises(TypeError, match="normParams"):
        denormalizeData(X, "norm")


@pytest.mark.parametrize("kind", ["norm", "0_1", "center"])
def test_denormalize_wrong_width_states_both_widths(kind):
    params = normalizeData(X, kind).normParams
    with pytest.raises(ValueError, match=r"x has 2 columns.*normParams.*3 columns"):
        denormalizeData(X[:, :2], params)


def test_normalize_with_stored_parameters_of_another_width():
    params = normalizeData(X).normParams
    with pytest.raises(ValueError, match=r"x has 4 columns.*normParams.*3 columns"):
        normalizeData(np.hstack([X, X[:, :1]]), params)


def test_denormalize_round_trip_still_works():
    for kind in ("norm", "0_1", "center"):
        n = normalizeData(X, kind)
        np.testing.assert_allclose(denormalizeData(n, n.normParams), X, atol=1e-12)


# ---------------------------------------------------------------------------
# normalising an empty training set
# ---------------------------------------------------------------------------
def test_norm_training_and_test_set_with_no_training_rows():
    split = splitForTrainingAndTest(X[:1], Y[:1], ratio=0.5)  # floor(0.5) = 0 rows train
    assert len(split.inputsTrain) == 0
    with pytest.raises(ValueError, match="inputsTrain has no rows"):
        normTrainingAndTestSet(split)


def test_normalize_data_with_no_rows():
    with pytest.raises(ValueError, match="x has no rows"):
        normalizeData(X[:0])
    # applying stored parameters to no rows is fine (nothing to compute)
    assert normalizeData(X[:0], normalizeData(X).normParams).shape == (0, 3)


# ---------------------------------------------------------------------------
# mlp(): the test set is checked before training
# ---------------------------------------------------------------------------
def _never_fit(monkeypatch):
    from skneural import MLPRegressor

    def fail(*args, **kwargs):
        raise AssertionError("mlp() started training before validating its arguments")

    monkeypatch.setattr(MLPRegressor, "fit", fail)


def test_mlp_targets_test_wrong_width(monkeypatch):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError, match=r"targetsTest has 2 columns.*y has 1"):
        mlp(X, Y, maxit=2, inputsTest=X, targetsTest=np.hstack([Y, Y]))


def test_mlp_inputs_test_wrong_width(monkeypatch):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError, match=r"inputsTest has 2 columns.*x has 3"):
        mlp(X, Y, maxit=2, inputsTest=X[:, :2], targetsTest=Y)


def test_mlp_test_set_row_counts_differ(monkeypatch):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError, match=r"inputsTest and targetsTest.*5 and 20"):
        mlp(X, Y, maxit=2, inputsTest=X[:5], targetsTest=Y)


def test_mlp_test_set_with_no_rows(monkeypatch):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError, match="inputsTest has no rows"):
        mlp(X, Y, maxit=2, inputsTest=X[:0], targetsTest=Y[:0])


def test_mlp_valid_test_set_still_trains():
    model = mlp(X, Y, maxit=2, inputsTest=X[:5], targetsTest=Y[:5], random_state=0)
    assert model.IterativeTestError.shape == (2,)


# ---------------------------------------------------------------------------
# mlp(): learnFuncParams
# ---------------------------------------------------------------------------
def test_learn_func_params_string_is_named(monkeypatch):
    _never_fit(monkeypatch)
    with pytest.raises(TypeError, match=r"learnFuncParams.*'fast'"):
        mlp(X, Y, learnFuncParams="fast")
    with pytest.raises(TypeError, match=r"learnFuncParams.*numbers"):
        mlp(X, Y, learnFuncParams=(0.2, "x"))
    with pytest.raises(TypeError, match=r"learnFuncParams.*numbers"):
        mlp(X, Y, learnFuncParams=(True, 0))


@pytest.mark.parametrize("empty", [None, (), []])
def test_learn_func_params_empty_names_the_parameter_not_eta(monkeypatch, empty):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError) as info:
        mlp(X, Y, learnFuncParams=empty)
    msg = str(info.value)
    assert msg.startswith("learnFuncParams=%r" % (empty,)), msg
    assert "Std_Backpropagation" in msg and "(0.2, 0)" in msg


def test_learn_func_params_empty_means_builtin_defaults_for_rprop():
    # as R's NULL: all zeros, which Rprop and SCG read as their built-in defaults
    model = mlp(X, Y, maxit=2, learnFunc="Rprop", learnFuncParams=None, random_state=0)
    assert model.solver.get_params() == {"learning_rate": 0.001, "max_step": 2.0, "decay": 0.0}
    model = mlp(X, Y, maxit=2, learnFunc="SCG", learnFuncParams=(), random_state=0)
    assert model.solver.get_params() == {"sigma1": 1e-4, "lambda1": 1e-6, "dmax": 0.0,
                                         "tol": 1e-8}


def test_learn_func_params_default_is_rsnns_default():
    model = mlp(X, Y, maxit=2, random_state=0)
    assert type(model.solver).__name__ == "StdBackprop"
    assert model.solver.get_params() == {"learning_rate": 0.2, "dmax": 0.0}
    assert type(model.solver.learning_rate) is float  # a plain float, not np.float64


@pytest.mark.parametrize("chunk, message", [
    (-3, r"learnFuncParams\[3\] \(chunk size\).*-3"),
    (2.5, r"learnFuncParams\[3\] \(chunk size\).*whole number.*2.5"),
])
def test_backprop_chunk_size_must_be_a_whole_number_not_negative(monkeypatch, chunk, message):
    _never_fit(monkeypatch)
    with pytest.raises(ValueError, match=message):
        mlp(X, Y, learnFunc="BackpropChunk", learnFuncParams=(0.2, 0, chunk))


def test_backprop_chunk_sizes_that_rsnns_accepts():
    # RSNNS.md: "size 0 means every pattern"; 0 is also what the default (0.2, 0) pads to
    def fit(params):
        return mlp(X, Y, maxit=2, learnFunc="BackpropChunk", learnFuncParams=params,
                   shufflePatterns=False, random_state=0)

    zero, one, seven = fit((0.2, 0, 0)), fit((0.2, 0, 1)), fit((0.2, 0, 7.0))
    assert zero.solver.chunk_size == 0 and seven.solver.chunk_size == 7
    assert type(seven.solver.chunk_size) is int
    # 0 trains exactly as an update after every pattern; 7 does not
    assert np.array_equal(zero._params, one._params)
    assert not np.allclose(seven._params, one._params)
    assert np.array_equal(fit((0.2, 0))._params, one._params)  # the default pads to 0


# ---------------------------------------------------------------------------
# mlp(): a divergence is reported (DivergenceWarning subclasses ConvergenceWarning,
# which mlp() silences because RSNNS always runs maxit epochs)
# ---------------------------------------------------------------------------
def test_mlp_divergence_warning_is_not_silenced():
    from skneural import DivergenceWarning

    with pytest.warns(DivergenceWarning, match="diverged"):
        model = mlp(X, 3 * X[:, :1], maxit=5, linOut=True, learnFuncParams=(1e30, 0),
                    random_state=0)
    assert len(model.IterativeFitError) < 5


def test_mlp_running_all_epochs_is_not_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mlp(X, Y, maxit=2, random_state=0)
