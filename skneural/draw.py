"""``skneural draw``: draw a digit with the mouse and watch the model's answer.

A small Tk window, as in the classic Keras MNIST tutorial: a drawing canvas, a
Clear button, the predicted class and one bar per class probability, updated
while you draw.  Without ``--model`` it trains a small MLP on scikit-learn's
bundled 8x8 digits (a few seconds); with ``--model`` it loads a model saved by
``skneural fit`` or ``joblib.dump`` that takes 64 (8x8 digits) or 784 (28x28
MNIST) inputs.

The drawing is mapped to a model's inputs the way those data sets were made:

* **8x8 digits** (UCI "optdigits", scikit-learn's ``load_digits``): the ink is
  cropped to its bounding box, centred in a square, scaled to a 32x32 bitmap
  and counted in 4x4 blocks, giving integers 0..16.
* **28x28 MNIST**: the ink is cropped, scaled so that its longer side is 20
  pixels (grey levels from the coverage), and placed in a 28x28 field with its
  centre of mass at the centre; values run from 0 to ``pixel_max`` (1 for a
  model trained on ``X / 255``, 255 for raw pixels or a Pipeline that scales).

The mapping functions are plain NumPy (:func:`ink_to_digits8x8`,
:func:`ink_to_mnist28x28`) and need no display.
"""

import argparse
import sys
import time

import numpy as np

__all__ = ["DrawApp", "ink_to_digits8x8", "ink_to_mnist28x28", "train_digits_model", "main"]

CANVAS_SIZE = 280
PEN_RADIUS = 12


# --------------------------------------------------------------------------
# the drawing -> model inputs (NumPy only)
# --------------------------------------------------------------------------
def _crop(ink, threshold=0.5):
    rows = np.flatnonzero((ink > threshold).any(axis=1))
    cols = np.flatnonzero((ink > threshold).any(axis=0))
    if rows.size == 0:
        return None
    return ink[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]


def _resample(image, shape):
    """Nearest-neighbour resampling at pixel centres."""
    h, w = image.shape
    r = np.minimum((np.arange(shape[0]) + 0.5) * h / shape[0], h - 1).astype(np.intp)
    c = np.minimum((np.arange(shape[1]) + 0.5) * w / shape[1], w - 1).astype(np.intp)
    return image[np.ix_(r, c)]


def ink_to_digits8x8(ink):
    """Map a drawing to scikit-learn's 8x8 digits features (64 values, 0..16).

    Parameters
    ----------
    ink : ndarray of shape (height, width)
        Pen coverage in [0, 1]; pixels above 0.5 are ink.

    Returns
    -------
    features : ndarray of shape (64,)
        On-pixel counts of the 4x4 blocks of the 32x32 bitmap (all zero for
        an empty drawing).
    """
    ink = np.asarray(ink, dtype=np.float64)
    crop = _crop(ink)
    if crop is None:
        return np.zeros(64)
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side))
    top, left = (side - h) // 2, (side - w) // 2
    square[top: top + h, left: left + w] = crop
    bitmap = _resample(square > 0.5, (32, 32))
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3)).astype(np.float64).ravel()


def ink_to_mnist28x28(ink, pixel_max=1.0):
    """Map a drawing to MNIST-style inputs (784 values, 0..``pixel_max``).

    The ink's bounding box is scaled (grey levels by 4x4 supersampling) so that
    its longer side is 20 pixels, then placed in a 28x28 field with its centre
    of mass at the centre, as MNIST's digits were.
    """
    ink = np.asarray(ink, dtype=np.float64)
    crop = _crop(ink)
    if crop is None:
        return np.zeros(784)
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    nh, nw = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    fine = _resample(np.clip(crop, 0.0, 1.0), (4 * nh, 4 * nw))
    digit = fine.reshape(nh, 4, nw, 4).mean(axis=(1, 3))
    field = np.zeros((28, 28))
    total = digit.sum()
    cy = (digit.sum(axis=1) @ np.arange(nh)) / total
    cx = (digit.sum(axis=0) @ np.arange(nw)) / total
    top = int(np.clip(round(13.5 - cy), 0, 28 - nh))
    left = int(np.clip(round(13.5 - cx), 0, 28 - nw))
    field[top: top + nh, left: left + nw] = digit
    return field.ravel() * float(pixel_max)


def _divide_by_16(X):
    return np.asarray(X, dtype=np.float64) / 16.0


def train_digits_model(random_state=0):
    """A small MLP on scikit-learn's 8x8 digits (inputs 0..16), fitted in a few seconds."""
    from sklearn.datasets import load_digits  # noqa: PLC0415
    from sklearn.pipeline import make_pipeline  # noqa: PLC0415
    from sklearn.preprocessing import FunctionTransformer  # noqa: PLC0415

    from ._multilayer_perceptron import MLPClassifier  # noqa: PLC0415

    X, y = load_digits(return_X_y=True)
    model = make_pipeline(FunctionTransformer(_divide_by_16),
                          MLPClassifier(hidden_layer_sizes=(64,), max_iter=300,
                                        random_state=random_state))
    return model.fit(X, y)


def _n_inputs(model):
    n = getattr(model, "n_features_in_", None)
    if n is None and hasattr(model, "steps"):
        n = getattr(model.steps[0][1], "n_features_in_", None)
    return n


# --------------------------------------------------------------------------
# the window
# --------------------------------------------------------------------------
class DrawApp:
    """The drawing window around a fitted classifier with 64 or 784 inputs.

    Parameters
    ----------
    model : fitted classifier
        ``predict_proba`` is used when the model has it (bars per class),
        ``predict`` otherwise.
    pixel_max : float, default=None
        The value of a fully inked pixel for a 784-input model (default 1.0);
        8x8 models always get 0..16 as in ``load_digits``.
    master : tkinter.Tk, default=None
        A root window to build in; a new one if None.

    Attributes
    ----------
    ink : ndarray of shape (280, 280)
        Pen coverage of the canvas.
    prediction : str
        The label shown ("" before anything is drawn).
    probabilities : ndarray or None
        The class probabilities shown as bars.
    """

    def __init__(self, model, pixel_max=None, master=None):
        import tkinter as tk  # noqa: PLC0415 - the only module that needs a display

        n = _n_inputs(model)
        if n not in (64, 784):
            raise ValueError(
                f"skneural draw needs a model with 64 (8x8 digits) or 784 (28x28 MNIST) "
                f"inputs; this one takes {n}.")
        self.model = model
        self.n_inputs = n
        self.pixel_max = 1.0 if pixel_max is None else float(pixel_max)
        self.classes = list(getattr(model, "classes_", range(10)))
        self.has_proba = hasattr(model, "predict_proba")
        self.ink = np.zeros((CANVAS_SIZE, CANVAS_SIZE))
        self.prediction = ""
        self.probabilities = None
        self._last = None
        self._last_predict = 0.0

        self.root = master if master is not None else tk.Tk()
        self.root.title("skneural draw")
        frame = tk.Frame(self.root, padx=8, pady=8)
        frame.pack()
        self.canvas = tk.Canvas(frame, width=CANVAS_SIZE, height=CANVAS_SIZE, bg="white",
                                highlightthickness=1, highlightbackground="grey",
                                cursor="pencil")
        self.canvas.grid(row=0, column=0, rowspan=3)
        self.label_var = tk.StringVar(value="draw a digit")
        tk.Label(frame, textvariable=self.label_var, font=("Helvetica", 28, "bold"),
                 width=8).grid(row=0, column=1, sticky="n")
        bar_height = 20 * len(self.classes) + 10
        self.bars = tk.Canvas(frame, width=200, height=bar_height, bg="white",
                              highlightthickness=0)
        self.bars.grid(row=1, column=1, padx=8)
        tk.Button(frame, text="Clear", command=self.clear, width=10).grid(row=2, column=1)
        self.canvas.bind("<ButtonPress-1>", self._press)
        self.canvas.bind("<B1-Motion>", self._drag)
        self.canvas.bind("<ButtonRelease-1>", self._release)
        self._draw_bars()

    # drawing ------------------------------------------------------------
    def _stamp(self, x0, y0, x1, y1):
        r = PEN_RADIUS
        lo_x, hi_x = int(max(0, min(x0, x1) - r)), int(min(CANVAS_SIZE, max(x0, x1) + r + 1))
        lo_y, hi_y = int(max(0, min(y0, y1) - r)), int(min(CANVAS_SIZE, max(y0, y1) + r + 1))
        if lo_x >= hi_x or lo_y >= hi_y:
            return
        yy, xx = np.mgrid[lo_y:hi_y, lo_x:hi_x] + 0.5
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else np.clip(((xx - x0) * dx + (yy - y0) * dy) / length2, 0, 1)
        dist = np.hypot(xx - (x0 + t * dx), yy - (y0 + t * dy))
        cover = np.clip(r + 0.5 - dist, 0.0, 1.0)      # anti-aliased edge
        region = self.ink[lo_y:hi_y, lo_x:hi_x]
        np.maximum(region, cover, out=region)
        self.canvas.create_line(x0, y0, x1, y1, width=2 * r, capstyle="round",
                                fill="black", tags="stroke")

    def _press(self, event):
        self._last = (event.x, event.y)
        self._stamp(event.x, event.y, event.x, event.y)

    def _drag(self, event):
        if self._last is None:
            self._last = (event.x, event.y)
        self._stamp(*self._last, event.x, event.y)
        self._last = (event.x, event.y)
        if time.monotonic() - self._last_predict > 0.05:    # live, at most 20 per second
            self.update_prediction()

    def _release(self, event):
        self._drag(event)
        self._last = None
        self.update_prediction()

    def clear(self):
        """Wipe the canvas and the prediction."""
        self.ink[:] = 0.0
        self.canvas.delete("stroke")
        self.prediction = ""
        self.probabilities = None
        self.label_var.set("draw a digit")
        self._draw_bars()

    # prediction ---------------------------------------------------------
    def features(self):
        """The model's input row for the current drawing."""
        if self.n_inputs == 64:
            return ink_to_digits8x8(self.ink)
        return ink_to_mnist28x28(self.ink, self.pixel_max)

    def update_prediction(self):
        """Predict the current drawing and show it."""
        self._last_predict = time.monotonic()
        if not (self.ink > 0.5).any():
            return
        row = self.features()[None, :]
        if self.has_proba:
            self.probabilities = np.asarray(self.model.predict_proba(row))[0]
            label = self.classes[int(np.argmax(self.probabilities))]
        else:
            label = np.asarray(self.model.predict(row))[0]
        self.prediction = str(label)
        self.label_var.set(self.prediction)
        self._draw_bars()

    def _draw_bars(self):
        self.bars.delete("all")
        for i, label in enumerate(self.classes):
            y = 5 + 20 * i
            p = 0.0 if self.probabilities is None else float(self.probabilities[i])
            best = self.probabilities is not None and i == int(np.argmax(self.probabilities))
            self.bars.create_text(12, y + 8, text=str(label), anchor="center")
            self.bars.create_rectangle(25, y + 2, 25 + 130 * p, y + 15,
                                       fill="#d95f02" if best else "#7570b3",
                                       outline="", tags=f"bar{i}")
            self.bars.create_text(160, y + 8, text=f"{100 * p:3.0f}%", anchor="w")

    def run(self):
        """Enter Tk's main loop (returns when the window is closed)."""
        self.root.mainloop()


# --------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------
def build_parser(parser=None):
    parser = parser or argparse.ArgumentParser(prog="skneural draw", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--model", metavar="FILE",
                        help="a classifier saved by `skneural fit` or joblib (64 or 784 inputs); "
                             "default: train a small MLP on scikit-learn's 8x8 digits")
    parser.add_argument("--pixel-max", type=float, default=None,
                        help="value of a fully inked pixel for 784-input models (default 1.0: "
                             "a model trained on X / 255; 255 for raw pixels)")
    return parser


def main(args):
    """Run the app for parsed ``args``; returns an exit status."""
    if args.model:
        import joblib  # noqa: PLC0415

        try:
            model = joblib.load(args.model)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's input
            print(f"skneural draw: cannot load {args.model}: {exc}", file=sys.stderr)
            return 2
    else:
        print("skneural draw: training a small MLP on scikit-learn's 8x8 digits ...",
              file=sys.stderr)
        model = train_digits_model()
    try:
        app = DrawApp(model, pixel_max=args.pixel_max)
    except ValueError as exc:
        print(f"skneural draw: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - tkinter.TclError: no display
        print(f"skneural draw: cannot open a window ({exc}); it needs a display "
              "(set DISPLAY, or run under xvfb-run).", file=sys.stderr)
        return 2
    app.run()
    return 0
