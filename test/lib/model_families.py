"""The model families of the importer and compiler issues, as ONNX graphs.

Each family is a `Family` (nodes, inputs, outputs, initializers, opset) and
a list of feeds to run it on. Weights and inputs are random with a fixed
seed. The importer's round-trip test and the compiler's end-to-end tests
build the same models from here.
"""
from dataclasses import dataclass, field

import numpy as np
from onnx import TensorProto, helper, numpy_helper

__all__ = ["Family", "families"]


@dataclass
class Family:
    name: str
    nodes: list
    inputs: list
    outputs: list
    initializers: list
    feeds: list
    opset: int = 17
    # Tolerances for comparing ds with onnxruntime on this family.
    rtol: float = 1e-4
    atol: float = 1e-5
    notes: str = ""


def _value(name, elem_type, shape):
    return helper.make_tensor_value_info(name, elem_type, shape)


def _tensor(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def families(seed=0, batch="N"):
    """The families; `batch` is the (symbolic) batch dim of their inputs."""
    rng = np.random.default_rng(seed)

    def w(name, shape, scale=0.2):
        return _tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    def x(shape):
        return rng.standard_normal(shape).astype(np.float32)

    def bn(prefix, c):
        return [w(prefix + "s", [c]), w(prefix + "b", [c]), w(prefix + "m", [c]),
                _tensor(prefix + "v", (rng.random(c) + 0.5).astype(np.float32))]

    result = []
    # MLP: Gemm, Relu, MatMul, Add, Softmax.
    result.append(Family("mlp", [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], transB=1),
        helper.make_node("Relu", ["h"], ["r"]),
        helper.make_node("MatMul", ["r", "w2"], ["m"]),
        helper.make_node("Add", ["m", "b2"], ["l"]),
        helper.make_node("Softmax", ["l"], ["y"], axis=1),
    ], [_value("x", TensorProto.FLOAT, [batch, 16])],
        [_value("y", TensorProto.FLOAT, [batch, 10])],
        [w("w1", [32, 16]), w("b1", [32]), w("w2", [32, 10]), w("b2", [10])],
        [{"x": x([4, 16])}]))

    # ResNet-style: Conv, BatchNormalization, Relu, residual Add, MaxPool,
    # GlobalAveragePool, Flatten, Gemm.
    result.append(Family("resnet_block", [
        helper.make_node("Conv", ["x", "c1"], ["a"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["a", "n1s", "n1b", "n1m", "n1v"], ["b"]),
        helper.make_node("Relu", ["b"], ["c"]),
        helper.make_node("Conv", ["c", "c2"], ["d"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["d", "n2s", "n2b", "n2m", "n2v"], ["e"]),
        helper.make_node("Add", ["e", "x"], ["f"]),
        helper.make_node("Relu", ["f"], ["g"]),
        helper.make_node("MaxPool", ["g"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["p"], ["q"]),
        helper.make_node("Flatten", ["q"], ["r"]),
        helper.make_node("Gemm", ["r", "fc", "fcb"], ["y"], transB=1),
    ], [_value("x", TensorProto.FLOAT, [batch, 8, 8, 8])],
        [_value("y", TensorProto.FLOAT, [batch, 5])],
        [w("c1", [8, 8, 3, 3]), w("c2", [8, 8, 3, 3]), w("fc", [5, 8]), w("fcb", [5])]
        + bn("n1", 8) + bn("n2", 8), [{"x": x([2, 8, 8, 8])}]))

    # MobileNet-style: depthwise Conv (group = channels) with bias, Clip
    # (ReLU6), pointwise Conv.
    result.append(Family("mobilenet_block", [
        helper.make_node("Conv", ["x", "dw", "dwb"], ["a"], kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1], group=8, strides=[2, 2]),
        helper.make_node("Clip", ["a", "lo", "hi"], ["b"]),
        helper.make_node("Conv", ["b", "pw"], ["c"], kernel_shape=[1, 1]),
        helper.make_node("Clip", ["c", "lo", "hi"], ["y"]),
    ], [_value("x", TensorProto.FLOAT, [batch, 8, 9, 9])],
        [_value("y", TensorProto.FLOAT, [batch, 16, 5, 5])],
        [w("dw", [8, 1, 3, 3]), w("dwb", [8]), w("pw", [16, 8, 1, 1]),
         _tensor("lo", np.array(0, np.float32)), _tensor("hi", np.array(6, np.float32))],
        [{"x": x([1, 8, 9, 9])}], opset=13))

    # Transformer encoder layer: Gather embedding, LayerNormalization,
    # attention with MatMul/Transpose/Softmax, Erf-based GELU, and
    # LayerNorm's opset-13 decomposition (ReduceMean/Sub/Pow/Sqrt/Div).
    d, s = 16, 6
    result.append(Family("transformer_encoder", [
        helper.make_node("Gather", ["emb", "ids"], ["e"]),
        helper.make_node("LayerNormalization", ["e", "g1", "b1"], ["n"], axis=-1),
        helper.make_node("MatMul", ["n", "wq"], ["q"]),
        helper.make_node("MatMul", ["n", "wk"], ["k"]),
        helper.make_node("MatMul", ["n", "wv"], ["v"]),
        helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["q", "kt"], ["qk"]),
        helper.make_node("Mul", ["qk", "scale"], ["qks"]),
        helper.make_node("Softmax", ["qks"], ["att"], axis=-1),
        helper.make_node("MatMul", ["att", "v"], ["ctx"]),
        helper.make_node("Add", ["ctx", "e"], ["res"]),
        helper.make_node("ReduceMean", ["res"], ["mu"], axes=[-1]),
        helper.make_node("Sub", ["res", "mu"], ["xc"]),
        helper.make_node("Pow", ["xc", "two"], ["sq"]),
        helper.make_node("ReduceMean", ["sq"], ["var"], axes=[-1]),
        helper.make_node("Add", ["var", "eps"], ["ve"]),
        helper.make_node("Sqrt", ["ve"], ["sd"]),
        helper.make_node("Div", ["xc", "sd"], ["ln"]),
        helper.make_node("MatMul", ["ln", "w1"], ["h"]),
        helper.make_node("Div", ["h", "sqrt2"], ["hs"]),
        helper.make_node("Erf", ["hs"], ["erf"]),
        helper.make_node("Add", ["erf", "one"], ["e1"]),
        helper.make_node("Mul", ["h", "e1"], ["he"]),
        helper.make_node("Mul", ["he", "half"], ["gelu"]),
        helper.make_node("MatMul", ["gelu", "w2"], ["y"]),
    ], [_value("ids", TensorProto.INT64, [batch, s])],
        [_value("y", TensorProto.FLOAT, [batch, s, d])],
        [w("emb", [50, d]), w("g1", [d]), w("b1", [d]), w("wq", [d, d]), w("wk", [d, d]),
         w("wv", [d, d]), w("w1", [d, 2 * d]), w("w2", [2 * d, d]),
         _tensor("scale", np.array(d ** -0.5, np.float32)),
         _tensor("two", np.array(2, np.float32)), _tensor("eps", np.array(1e-5, np.float32)),
         _tensor("sqrt2", np.array(2 ** 0.5, np.float32)),
         _tensor("one", np.array(1, np.float32)), _tensor("half", np.array(0.5, np.float32))],
        [{"ids": rng.integers(0, 50, [1, s]).astype(np.int64)}]))

    # A symbolic batch: compiled once, run at several batch sizes.
    result.append(Family("dynamic_batch", [
        helper.make_node("MatMul", ["x", "w"], ["m"]),
        helper.make_node("Sigmoid", ["m"], ["y"]),
    ], [_value("x", TensorProto.FLOAT, [batch, 8])],
        [_value("y", TensorProto.FLOAT, [batch, 3])],
        [w("w", [8, 3])], [{"x": x([1, 8])}, {"x": x([7, 8])}]))

    # 3x3 convolutions of 16 channels and filters (Winograd on targets with
    # vectors): bias and ReLU, a residual, an odd height, a symbolic batch.
    result.append(Family("winograd_block", [
        helper.make_node("Conv", ["x", "k1", "kb1"], ["a"], kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a"], ["b"]),
        helper.make_node("Conv", ["b", "k2"], ["c"], kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["c", "x"], ["y"]),
    ], [_value("x", TensorProto.FLOAT, [batch, 16, 9, 12])],
        [_value("y", TensorProto.FLOAT, [batch, 16, 9, 12])],
        [w("k1", [16, 16, 3, 3]), w("kb1", [16]), w("k2", [16, 16, 3, 3])],
        [{"x": x([2, 16, 9, 12])}]))
    return result
