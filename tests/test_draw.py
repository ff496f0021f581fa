"""``skneural draw``: the drawing -> model-input mapping (NumPy) and the Tk window
itself, driven by generated mouse events under Xvfb."""

import os
import shutil
import subprocess
import time

import joblib
import numpy as np
import pytest

from skneural import MLPClassifier
from skneural.__main__ import main as cli_main
from skneural.draw import ink_to_digits8x8, ink_to_mnist28x28, train_digits_model


def _canvas_with(bitmap, scale=8, top=10, left=6):
    ink = np.zeros((280, 280))
    big = np.kron(bitmap.astype(float), np.ones((scale, scale)))
    ink[top: top + big.shape[0], left: left + big.shape[1]] = big
    return ink


def test_digits_mapping_is_load_digits_block_counts():
    """A 32x32 bitmap that fills its box, drawn 8x larger anywhere on the canvas,
    maps back to the 4x4 on-pixel counts of load_digits' definition."""
    rng = np.random.default_rng(0)
    bitmap = rng.random((32, 32)) < 0.4
    bitmap[0, 3] = bitmap[31, 7] = bitmap[5, 0] = bitmap[9, 31] = True
    expected = bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel()
    np.testing.assert_array_equal(ink_to_digits8x8(_canvas_with(bitmap)), expected)
    assert ink_to_digits8x8(_canvas_with(bitmap)).max() <= 16


def test_digits_mapping_centres_a_narrow_drawing():
    rng = np.random.default_rng(1)
    tall = rng.random((32, 16)) < 0.5
    tall[0, 0] = tall[31, 15] = True
    padded = np.zeros((32, 32), dtype=bool)
    padded[:, 8:24] = tall                            # centred in the square, as the NIST
    expected = padded.reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel()   # preprocessing did
    np.testing.assert_array_equal(ink_to_digits8x8(_canvas_with(tall)), expected)
    np.testing.assert_array_equal(ink_to_digits8x8(np.zeros((280, 280))), np.zeros(64))


@pytest.mark.parametrize("pixel_max", [1.0, 255.0])
def test_mnist_mapping_scales_to_20_pixels_and_centres_the_mass(pixel_max):
    ink = np.zeros((280, 280))
    ink[30:130, 200:250] = 1.0                       # 100 tall, 50 wide, off-centre
    field = ink_to_mnist28x28(ink, pixel_max).reshape(28, 28)
    expected = np.zeros((28, 28))
    expected[4:24, 9:19] = pixel_max                 # 20x10, centre of mass at 13.5
    np.testing.assert_allclose(field, expected)


# --------------------------------------------------------------------------
# the window under Xvfb
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def display():
    if shutil.which("Xvfb") is None:
        if os.environ.get("SKNEURAL_REQUIRE_XVFB"):
            pytest.fail("Xvfb is missing (tools/test.sh installs it with apt)")
        pytest.skip("Xvfb is not installed (apt-get install xvfb); tools/test.sh requires it")
    for number in range(87, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and \
                not os.path.exists(f"/tmp/.X{number}-lock"):
            break
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "640x480x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Xvfb :{number} did not start")
        time.sleep(0.05)
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = f":{number}"
    yield f":{number}"
    if old is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = old
    proc.terminate()
    proc.wait(10)


def _stroke(app, points):
    canvas = app.canvas
    app.root.update()                 # mapped: events to an unmapped window are dropped
    x, y = points[0]
    canvas.event_generate("<ButtonPress-1>", x=int(x), y=int(y))
    for x, y in points[1:]:
        canvas.event_generate("<B1-Motion>", x=int(x), y=int(y), state=0x100)
    canvas.event_generate("<ButtonRelease-1>", x=int(x), y=int(y), state=0x100)
    app.root.update()


def _bar_lengths(app):
    lengths = []
    for i in range(len(app.classes)):
        x0, _, x1, _ = app.bars.coords(app.bars.find_withtag(f"bar{i}")[0])
        lengths.append(x1 - x0)
    return np.array(lengths)


@pytest.fixture(scope="module")
def digits_model():
    return train_digits_model()


def test_drawing_a_one_and_a_zero(display, digits_model):
    from skneural.draw import DrawApp

    app = DrawApp(digits_model)
    try:
        app.root.update()
        assert app.label_var.get() == "draw a digit"
        _stroke(app, [(140, 40 + 10 * i) for i in range(21)])          # a vertical bar
        assert app.prediction == "1"
        assert app.label_var.get() == "1"
        np.testing.assert_allclose(app.probabilities.sum(), 1.0, rtol=1e-9)
        # the bars show the probabilities (130 px for 100%)
        np.testing.assert_allclose(_bar_lengths(app), 130 * app.probabilities, atol=1e-6)
        # the canvas shows the stroke, the ink holds it
        assert app.canvas.find_withtag("stroke")
        assert (app.ink > 0.5).sum() > 200 * 20

        app.clear()
        assert app.prediction == "" and not (app.ink > 0).any()
        assert not app.canvas.find_withtag("stroke")
        np.testing.assert_array_equal(_bar_lengths(app), np.zeros(10))

        angles = np.linspace(0, 2 * np.pi, 61)                          # an ellipse
        _stroke(app, list(zip(140 + 60 * np.sin(angles), 140 - 95 * np.cos(angles))))
        assert app.prediction == "0"
        # the prediction is the model's answer for the mapped drawing
        assert app.prediction == str(digits_model.predict(app.features()[None])[0])
    finally:
        app.root.destroy()


class _Fake784:
    """Records its input; says "7" when the mean pixel is above 0.01 * pixel_max."""

    n_features_in_ = 784
    classes_ = np.arange(10)

    def predict_proba(self, X):
        self.seen = np.array(X)
        p = np.full((1, 10), 0.01)
        p[0, 7 if X.mean() > 0.01 * X.max() else 0] = 0.91
        return p


def test_a_784_input_model_gets_mnist_shaped_rows(display):
    from skneural.draw import DrawApp

    model = _Fake784()
    app = DrawApp(model, pixel_max=255)
    try:
        _stroke(app, [(60 + 8 * i, 60 + 6 * i) for i in range(20)])
        assert model.seen.shape == (1, 784)
        assert model.seen.max() == pytest.approx(255, rel=0.02)
        assert app.prediction == "7"
    finally:
        app.root.destroy()


def test_cli_rejects_models_it_cannot_draw_for(tmp_path, capsys, display):
    X = np.random.default_rng(0).random((30, 10))
    path = tmp_path / "ten.joblib"
    joblib.dump(MLPClassifier((3,), max_iter=2).fit(X, np.arange(30) % 2), path)
    assert cli_main(["draw", "--model", str(path)]) == 2
    assert "64 (8x8 digits) or 784" in capsys.readouterr().err
    (tmp_path / "junk.joblib").write_text("not a model")
    assert cli_main(["draw", "--model", str(tmp_path / "junk.joblib")]) == 2
    assert "cannot load" in capsys.readouterr().err
