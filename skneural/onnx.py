"""ONNX export of skneural's estimators, through skl2onnx.

Importing this module registers a shape calculator and a converter with
skl2onnx for :class:`~skneural.MLPClassifier`, :class:`~skneural.MLPRegressor`,
:class:`~skneural.BernoulliRBM`, :class:`~skneural.DBNClassifier` and
:class:`~skneural.DBNRegressor`, so that ``skl2onnx.to_onnx`` converts them
alone or inside a scikit-learn :class:`~sklearn.pipeline.Pipeline`.
:func:`to_onnx` is the short way (plain probability tensors, no ZipMap).

What each graph computes, output by output:

* classifiers: ``label`` (``predict``) and ``probabilities``
  (``predict_proba``).  The SNNS solvers ('std_backprop', 'rprop',
  'quickprop', 'scg', ...) train one logistic unit per class; their
  multiclass ``predict_proba`` divides each row by its sum (a uniform row
  where every output is 0), and ``predict`` takes the argmax of the raw
  outputs.  The graph does the same.
* regressors: ``variable`` of shape (n_samples, n_outputs) (``predict``).
* :class:`~skneural.BernoulliRBM`: ``variable`` = ``transform`` (P(h = 1 | v)).
* the DBNs: ``predict`` / ``predict_proba`` as above; with the converter option
  ``{"transform": True}`` the graph instead outputs ``transform`` (the top
  hidden layer of the fine-tuned network).

Every activation has its ONNX operator: identity, logistic (Sigmoid), tanh,
relu, leaky_relu (``max(z, 0.01 z)``, the kernels' slope), elu (``z`` where
``z > 0``, else ``exp(z) - 1``), softplus (written as ``relu(z) + log(1 + exp(-|z|))``, which does not
overflow), softmax, exp (the Poisson loss's output).

The graph computes in the element type of its input: float32 for a float32
``X_sample`` (the usual choice for ONNX runtimes), float64 for float64.
Multilabel classifiers are not supported (``NotImplementedError``).
"""

import argparse
import copy
import os
import sys

import numpy as np

try:
    import skl2onnx
    from skl2onnx import update_registered_converter
    from skl2onnx._parse import _parse_sklearn_classifier
    from skl2onnx.common.data_types import (
        DoubleTensorType,
        FloatTensorType,
        guess_proto_type,
        guess_tensor_type,
    )
    from skl2onnx.common.shape_calculator import calculate_linear_classifier_output_shapes
    from skl2onnx.proto import onnx_proto
except ImportError as exc:  # pragma: no cover - exercised only without skl2onnx
    raise ImportError(
        "skneural.onnx needs skl2onnx and onnx (and onnxruntime to run the graphs): "
        "pip install 'skneural[onnx]'"
    ) from exc

from sklearn.base import is_classifier
from sklearn.pipeline import Pipeline

from ._activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from ._dbn import DBNClassifier, DBNRegressor
from ._kernels.cpu import LEAKY_SLOPE
from ._multilayer_perceptron import MLPClassifier, MLPRegressor
from ._rbm import BernoulliRBM

__all__ = ["to_onnx", "export_model", "main_export", "ONNX_ACTIVATIONS"]

#: Every activation name of the estimators -> how the graph computes it.
ONNX_ACTIVATIONS = {
    "identity": "Identity",
    "logistic": "Sigmoid",
    "tanh": "Tanh",
    "relu": "Relu",
    "leaky_relu": "Max(z, %g z)" % LEAKY_SLOPE,
    "elu": "Where(z > 0, z, Exp(Min(z, 0)) - 1)",
    "softplus": "Relu(z) + Log(1 + Exp(-Abs(z)))",
    "softmax": "Softmax(axis=1)",
    "exp": "Exp",
}
_missing = (set(HIDDEN_ACTIVATIONS) | set(OUTPUT_ACTIVATIONS)) - set(ONNX_ACTIVATIONS)
if _missing:  # a new activation must get its ONNX form before it ships
    raise ImportError("skneural.onnx has no ONNX form for activation(s) %s" % sorted(_missing))


# ----------------------------------------------------------------------
# a small graph builder over skl2onnx's scope and container
# ----------------------------------------------------------------------
class _Graph:
    """Adds nodes and constants of one converter call, in the input's float type."""

    def __init__(self, scope, operator, container):
        self.scope = scope
        self.container = container
        proto = guess_proto_type(operator.inputs[0].type)
        if proto != onnx_proto.TensorProto.DOUBLE:
            proto = onnx_proto.TensorProto.FLOAT
        self.proto = proto
        self.dtype = np.float64 if proto == onnx_proto.TensorProto.DOUBLE else np.float32
        # every input arrives as the graph's float type (int64 inputs are cast)
        self.x = self.node("Cast", [operator.inputs[0].full_name], to=proto)

    def const(self, hint, values, proto=None):
        values = np.asarray(values)
        if proto is None:
            proto = self.proto
            values = values.astype(self.dtype)
        name = self.scope.get_unique_variable_name(hint)
        if proto == onnx_proto.TensorProto.STRING:
            content = [str(v).encode("utf-8") for v in values.ravel()]
        else:
            content = values.ravel().tolist()
        self.container.add_initializer(name, proto, list(values.shape), content)
        return name

    def node(self, op_type, inputs, output=None, **attrs):
        out = output or self.scope.get_unique_variable_name(op_type.lower())
        self.container.add_node(op_type, inputs, out,
                                name=self.scope.get_unique_operator_name(op_type), **attrs)
        return out

    def dense(self, h, W, b):
        """h @ W + b."""
        return self.node("Add", [self.node("MatMul", [h, self.const("coef", W)]),
                                 self.const("intercept", np.reshape(b, (1, -1)))])

    def activation(self, name, z):
        if name == "identity":
            return z
        if name == "logistic":
            return self.node("Sigmoid", [z])
        if name == "tanh":
            return self.node("Tanh", [z])
        if name == "relu":
            return self.node("Relu", [z])
        # leaky_relu and elu from primitive operators: onnxruntime has no float64
        # LeakyRelu or Elu kernels
        if name == "leaky_relu":  # max(z, 0.01 z) is z for z > 0, else 0.01 z
            return self.node("Max", [z, self.node("Mul", [z, self.const("slope", LEAKY_SLOPE)])])
        if name == "elu":  # z for z > 0, else exp(z) - 1 (exp of min(z, 0): no overflow)
            neg = self.node("Min", [z, self.const("zero", 0.0)])
            expm1 = self.node("Sub", [self.node("Exp", [neg]), self.const("one", 1.0)])
            return self.node("Where", [self.node("Greater", [z, self.const("zero", 0.0)]),
                                       z, expm1])
        if name == "softplus":
            # log(1 + exp(z)) = max(z, 0) + log(1 + exp(-|z|)): exp never overflows,
            # and the absolute error stays at the type's rounding level
            tail = self.node("Exp", [self.node("Neg", [self.node("Abs", [z])])])
            log1p = self.node("Log", [self.node("Add", [tail, self.const("one", 1.0)])])
            return self.node("Add", [self.node("Relu", [z]), log1p])
        if name == "softmax":
            return self.node("Softmax", [z], axis=1)
        if name == "exp":
            return self.node("Exp", [z])
        raise NotImplementedError("no ONNX form for activation %r" % name)


def _mlp_forward(g, mlp, hidden_only=False):
    """Raw network output (or the top hidden layer) of a fitted MLP estimator."""
    h = g.x
    n = len(mlp.coefs_)
    # a model trained by an SNNS solver computes identity units as SNNS's
    # Act_Identity: the weighted sum without the unit's bias
    snns_identity = getattr(mlp, "_snns_identity", False)
    hidden_acts = mlp._hidden_activations()  # one per hidden layer
    for i, (W, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        act = mlp.out_activation_ if i == n - 1 else hidden_acts[i]
        if snns_identity and act == "identity":
            b = np.zeros_like(b)
        if i == n - 1:
            if hidden_only:
                break
            return g.activation(act, g.dense(h, W, b))
        h = g.activation(act, g.dense(h, W, b))
    return h


def _class_label_constant(g, classes):
    """classes_ as an ONNX constant of the label output's type (int64 or string)."""
    classes = np.asarray(classes)
    if classes.dtype.kind in "biu":
        return g.const("classes", classes.astype(np.int64), onnx_proto.TensorProto.INT64)
    if classes.dtype.kind == "f":
        if not np.all(classes == np.round(classes)):
            raise NotImplementedError(
                "ONNX labels are int64 or strings; classes_ %r are fractional floats. "
                "Encode the labels as integers or strings before fitting." % (classes,))
        return g.const("classes", classes.astype(np.int64), onnx_proto.TensorProto.INT64)
    return g.const("classes", classes.astype(str), onnx_proto.TensorProto.STRING)


def _classifier_outputs(g, operator, mlp):
    lb = mlp._label_binarizer
    if lb.y_type_ == "multilabel-indicator":
        raise NotImplementedError("ONNX export of multilabel classifiers is not supported.")
    P = _mlp_forward(g, mlp)
    if mlp.n_outputs_ == 1:  # binary: one logistic unit for the second class
        proba = g.node("Concat", [g.node("Sub", [g.const("one", 1.0), P]), P], axis=1)
        scores = proba
    elif mlp._is_snns():
        # independent logistic units: rows divided by their sums, a uniform row
        # where every output is 0 (predict_proba); labels from the raw outputs
        k = mlp.n_outputs_
        total = g.node("MatMul", [P, g.const("ones", np.ones((k, 1)))])
        positive = g.node("Greater", [total, g.const("zero", 0.0)])
        proba = g.node("Where", [positive, g.node("Div", [P, total]),
                                 g.const("uniform", np.full((1, k), 1.0 / k))])
        scores = P
    else:  # softmax
        proba = P
        scores = P
    g.node("Identity", [proba], output=operator.outputs[1].full_name)
    index = g.node("ArgMax", [scores], axis=1, keepdims=0)
    classes = mlp.classes_
    if g.container.get_options(operator.raw_operator, dict(nocl=False))["nocl"]:
        classes = np.arange(len(classes))  # skl2onnx's option: labels are class indices
    g.node("Gather", [_class_label_constant(g, classes), index],
           output=operator.outputs[0].full_name, axis=0)


# ----------------------------------------------------------------------
# converters
# ----------------------------------------------------------------------
def _wants_transform(scope_or_container, model):
    if not isinstance(model, (DBNClassifier, DBNRegressor)):
        return False
    return bool(scope_or_container.get_options(model, dict(transform=False))["transform"])


def _convert(scope, operator, container):
    model = operator.raw_operator
    g = _Graph(scope, operator, container)
    out = operator.outputs[0].full_name
    if isinstance(model, BernoulliRBM):
        H = g.dense(g.x, model.components_.T, model.intercept_hidden_)
        g.node("Sigmoid", [H], output=out)
        return
    mlp = model.mlp_ if isinstance(model, (DBNClassifier, DBNRegressor)) else model
    if _wants_transform(container, model):
        g.node("Identity", [_mlp_forward(g, mlp, hidden_only=True)], output=out)
    elif is_classifier(model):
        _classifier_outputs(g, operator, mlp)
    else:
        g.node("Identity", [_mlp_forward(g, mlp)], output=out)


def _calculate_shapes(operator):
    model = operator.raw_operator
    if len(operator.outputs) == 2:  # label, probabilities
        calculate_linear_classifier_output_shapes(operator)
        return
    N = operator.inputs[0].get_first_dimension()
    cls = DoubleTensorType if isinstance(operator.inputs[0].type, DoubleTensorType) \
        else FloatTensorType
    if isinstance(model, BernoulliRBM):
        width = model.components_.shape[0]
    elif _wants_transform(operator.scope_inst, model):
        width = model.coefs_[-1].shape[0]
    else:
        width = model.n_outputs_
    operator.outputs[0].set_type(cls([N, width]))


def _parse_dbn(scope, model, inputs, custom_parsers=None):
    """Classifier outputs (label, probabilities) unless ``transform`` is set."""
    if not _wants_transform(scope, model):
        if is_classifier(model):
            return _parse_sklearn_classifier(scope, model, inputs, custom_parsers)
    operator = scope.declare_local_operator(_ALIASES[type(model)], model)
    operator.inputs = inputs
    variable = scope.declare_local_variable("variable", guess_tensor_type(inputs[0].type))
    operator.outputs.append(variable)
    return operator.outputs


_ALIASES = {
    MLPClassifier: "SkneuralMLPClassifier",
    MLPRegressor: "SkneuralMLPRegressor",
    BernoulliRBM: "SkneuralBernoulliRBM",
    DBNClassifier: "SkneuralDBNClassifier",
    DBNRegressor: "SkneuralDBNRegressor",
}
_CLASSIFIER_OPTIONS = {"zipmap": [True, False, "columns"], "output_class_labels": [False, True],
                       "nocl": [False, True]}


def _register():
    for cls, alias in _ALIASES.items():
        options = dict(_CLASSIFIER_OPTIONS) if is_classifier(cls()) else None
        parser = None
        if cls in (DBNClassifier, DBNRegressor):
            options = dict(options or {}, transform=[False, True])
            parser = _parse_dbn
        update_registered_converter(cls, alias, _calculate_shapes, _convert,
                                    parser=parser, options=options)


_register()


# ----------------------------------------------------------------------
# public helpers
# ----------------------------------------------------------------------
def _components(estimator):
    if isinstance(estimator, Pipeline):
        for _, step in estimator.steps:
            yield from _components(step)
    else:
        yield estimator


def to_onnx(estimator, X_sample, *, options=None, target_opset=None, **kwargs):
    """Convert a fitted skneural estimator (or a Pipeline holding one) to ONNX.

    Parameters
    ----------
    estimator : fitted estimator or Pipeline
    X_sample : array-like of shape (n_samples, n_features)
        A few input rows: their dtype decides the graph's input type and
        arithmetic (float32 -> float32, float64 -> float64).
    options : dict, default=None
        skl2onnx converter options, keyed by ``id(step)`` or class.  By default
        every classifier step gets ``{"zipmap": False}``: probabilities come
        out as a plain (n_samples, n_classes) tensor.  DBNs take
        ``{"transform": True}`` to output their top hidden layer instead.
    target_opset : int or dict, default=None
        Passed to ``skl2onnx.to_onnx`` (None: the newest opset it supports).
    **kwargs
        Passed to ``skl2onnx.to_onnx``.

    Returns
    -------
    onnx.ModelProto

    Examples
    --------
    >>> import numpy as np
    >>> import onnxruntime as ort
    >>> from skneural import MLPClassifier
    >>> from skneural.onnx import to_onnx
    >>> X = np.random.RandomState(0).rand(40, 3).astype(np.float32)
    >>> clf = MLPClassifier((8,), max_iter=5, random_state=0).fit(X, X[:, 0] > 0.5)
    >>> model = to_onnx(clf, X[:1])
    >>> sess = ort.InferenceSession(model.SerializeToString(),
    ...                             providers=["CPUExecutionProvider"])
    >>> label, proba = sess.run(None, {"X": X})
    >>> bool(np.abs(proba - clf.predict_proba(X)).max() < 1e-5)
    True
    """
    merged = {}
    for step in _components(estimator):
        if is_classifier(step):
            merged[id(step)] = {"zipmap": False}
    for key, value in (options or {}).items():
        merged[key] = dict(merged.get(key, {}), **value)
    X_sample = X_sample if hasattr(X_sample, "columns") else np.asarray(X_sample)
    return skl2onnx.to_onnx(estimator, X_sample, options=merged or None,
                            target_opset=target_opset, **kwargs)


def _scaled_target(model, transformer, dtype):
    """Append ``y * scale_ + mean_`` (a fitted StandardScaler's inverse) to the graph."""
    from onnx import helper, numpy_helper

    out = model.graph.output[0].name
    raw = out + "_standardized"
    for node in model.graph.node:
        node.output[:] = [raw if name == out else name for name in node.output]
    scale = np.ones(transformer.n_features_in_) if transformer.scale_ is None \
        else transformer.scale_
    mean = np.zeros(transformer.n_features_in_) if transformer.mean_ is None \
        else transformer.mean_
    model.graph.initializer.extend([
        numpy_helper.from_array(np.asarray(scale, dtype).reshape(1, -1), out + "_scale"),
        numpy_helper.from_array(np.asarray(mean, dtype).reshape(1, -1), out + "_mean"),
    ])
    model.graph.node.extend([
        helper.make_node("Mul", [raw, out + "_scale"], [out + "_scaled"]),
        helper.make_node("Add", [out + "_scaled", out + "_mean"], [out]),
    ])
    return model


def _text_missing_as_empty(pipeline):
    """ONNX string inputs have no NaN: a text column's missing value is fed as ''."""
    from sklearn.impute import SimpleImputer

    for name, part, _ in pipeline.steps[0][1].transformers_:
        if name == "categorical":
            for step in getattr(part, "steps", []):
                if isinstance(step[1], SimpleImputer):
                    step[1].missing_values = ""


def _bundle_sample(pipeline, features, dtype):
    """One input row per column for a 'skneural fit' bundle (numeric or text columns)."""
    import pandas as pd

    pre = pipeline.steps[0][1]
    text = set()
    for name, _, columns in pre.transformers_:
        if name == "categorical":
            text.update(columns)
    return pd.DataFrame({c: np.array(["?"], dtype=object) if c in text
                         else np.zeros(1, dtype=dtype) for c in features})


def export_model(estimator, dtype=np.float32, target_opset=None):
    """ONNX model of a fitted estimator, Pipeline, or a bundle written by ``skneural fit``.

    A bundle's graph has one input per training column (named after it:
    float for numeric columns, string for text columns) and the same
    preprocessing as the saved pipeline (a missing text value is fed as the
    empty string); a regression bundle's graph includes the target's
    un-standardisation.
    """
    from sklearn.compose import TransformedTargetRegressor

    if isinstance(estimator, dict) and "pipeline" in estimator and "features" in estimator:
        pipe = copy.deepcopy(estimator["pipeline"])
        inner = pipe.regressor_ if isinstance(pipe, TransformedTargetRegressor) else pipe
        _text_missing_as_empty(inner)
        sample = _bundle_sample(inner, estimator["features"], dtype)
        model = to_onnx(inner, sample, target_opset=target_opset)
        if isinstance(pipe, TransformedTargetRegressor):
            model = _scaled_target(model, pipe.transformer_, dtype)
        return model
    n_features = getattr(estimator, "n_features_in_", None)
    if n_features is None:
        raise ValueError("%s is not a fitted estimator with n_features_in_"
                         % type(estimator).__name__)
    return to_onnx(estimator, np.zeros((1, n_features), dtype=dtype), target_opset=target_opset)


def main_export(argv=None):
    """``skneural export MODEL.joblib [-o MODEL.onnx]``: write a saved model as ONNX.

    Returns the exit status (0: written; 2: the model cannot be exported).
    """
    import joblib

    parser = argparse.ArgumentParser(
        prog="skneural export",
        description="Convert a saved model (a fitted estimator or Pipeline saved with "
                    "joblib, or a file written by 'skneural fit') to an ONNX graph.")
    parser.add_argument("model", help="joblib file")
    parser.add_argument("-o", "--output", help="ONNX file (default: MODEL's name + .onnx)")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                        help="input and arithmetic type of the graph (default float32)")
    parser.add_argument("--target-opset", type=int, default=None,
                        help="ONNX opset (default: the newest skl2onnx supports)")
    args = parser.parse_args(argv)
    if not os.path.exists(args.model):
        parser.exit(2, "skneural export: error: %s: no such model file\n" % args.model)
    try:
        estimator = joblib.load(args.model)
    except Exception as exc:  # noqa: BLE001 - any unpickling problem is a bad file
        parser.exit(2, "skneural export: error: %s: cannot be loaded (%s)\n"
                    % (args.model, type(exc).__name__))
    try:
        model = export_model(estimator, np.dtype(args.dtype).type, args.target_opset)
    except (NotImplementedError, ValueError, RuntimeError) as exc:
        text = str(exc).strip().splitlines()
        parser.exit(2, "skneural export: error: cannot convert %s: %s\n"
                    % (args.model, text[0] if text else type(exc).__name__))
    out = args.output or os.path.splitext(args.model)[0] + ".onnx"
    with open(out, "wb") as fh:
        fh.write(model.SerializeToString())
    inputs = ", ".join(i.name for i in model.graph.input)
    outputs = ", ".join(o.name for o in model.graph.output)
    print("ONNX model written to %s (inputs: %s; outputs: %s)" % (out, inputs, outputs))
    return 0


if __name__ == "__main__":  # python -m skneural.onnx MODEL.joblib
    sys.exit(main_export())
