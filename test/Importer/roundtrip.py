# ONNX -> ds -> ONNX round trips: ds-export's models pass onnx.checker and
# give the outputs of the originals in onnxruntime (max abs error 1e-5 with
# rtol 1e-5 on random inputs) for the model families of the importer issue.
# RUN: %python %s %t %ds_bin/ds-export | FileCheck %s
# CHECK: mlp: ok
# CHECK: resnet_block: ok
# CHECK: mobilenet_block: ok
# CHECK: transformer_encoder: ok
# CHECK: dynamic_batch: ok
# CHECK: external_data: ok
import os
import subprocess
import sys

import onnxruntime as ort
from onnx_test_models import *

rng = np.random.default_rng(0)
out, export = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def w(name, shape, scale=0.2):
    return tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))


def check(name, nodes, inputs, outputs, inits, feeds, external=False, opset=17):
    src = os.path.join(out, name + ".onnx")
    dst = os.path.join(out, name + ".rt.onnx")
    model = save(src, nodes, inputs, outputs, inits, opset=opset)
    if external:
        onnx.save(model, src, save_as_external_data=True,
                  location=name + ".data", size_threshold=16)
    args = [export, src, "-o", dst]
    if external:
        args.append("--external-data=" + name + ".rt.data")
    subprocess.run(args, check=True)
    onnx.checker.check_model(dst, full_check=True)
    if external:
        assert any(t.data_location == TensorProto.EXTERNAL
                   for t in onnx.load(dst, load_external_data=False).graph.initializer)
    for feed in feeds:
        want = ort.InferenceSession(src).run(None, feed)
        got = ort.InferenceSession(dst).run(None, feed)
        for a, b in zip(want, got):
            np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-5)
    print(name + ": ok")


def x(shape):
    return rng.standard_normal(shape).astype(np.float32)


# MLP: Gemm, Relu, MatMul, Add, Softmax.
check("mlp", [
    helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], transB=1),
    helper.make_node("Relu", ["h"], ["r"]),
    helper.make_node("MatMul", ["r", "w2"], ["m"]),
    helper.make_node("Add", ["m", "b2"], ["l"]),
    helper.make_node("Softmax", ["l"], ["y"], axis=1),
], [value("x", TensorProto.FLOAT, [4, 16])], [value("y", TensorProto.FLOAT, [4, 10])],
    [w("w1", [32, 16]), w("b1", [32]), w("w2", [32, 10]), w("b2", [10])],
    [{"x": x([4, 16])}])

# ResNet-style: Conv, BatchNormalization, Relu, residual Add, MaxPool,
# GlobalAveragePool, Flatten, Gemm.
def bn(prefix, c):
    return [w(prefix + "s", [c]), w(prefix + "b", [c]), w(prefix + "m", [c]),
            tensor(prefix + "v", (rng.random(c) + 0.5).astype(np.float32))]

check("resnet_block", [
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
], [value("x", TensorProto.FLOAT, [2, 8, 8, 8])], [value("y", TensorProto.FLOAT, [2, 5])],
    [w("c1", [8, 8, 3, 3]), w("c2", [8, 8, 3, 3]), w("fc", [5, 8]), w("fcb", [5])]
    + bn("n1", 8) + bn("n2", 8), [{"x": x([2, 8, 8, 8])}])

# MobileNet-style: depthwise Conv (group = channels) with bias, Clip (ReLU6),
# pointwise Conv.
check("mobilenet_block", [
    helper.make_node("Conv", ["x", "dw", "dwb"], ["a"], kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1], group=8, strides=[2, 2]),
    helper.make_node("Clip", ["a", "lo", "hi"], ["b"]),
    helper.make_node("Conv", ["b", "pw"], ["c"], kernel_shape=[1, 1]),
    helper.make_node("Clip", ["c", "lo", "hi"], ["y"]),
], [value("x", TensorProto.FLOAT, [1, 8, 9, 9])], [value("y", TensorProto.FLOAT, [1, 16, 5, 5])],
    [w("dw", [8, 1, 3, 3]), w("dwb", [8]), w("pw", [16, 8, 1, 1]),
     tensor("lo", np.array(0, np.float32)), tensor("hi", np.array(6, np.float32))],
    [{"x": x([1, 8, 9, 9])}], opset=13)

# Transformer encoder layer: Gather embedding, LayerNormalization, attention
# with MatMul/Transpose/Softmax, Erf-based GELU, and LayerNorm's opset-13
# decomposition (ReduceMean/Sub/Pow/Sqrt/Div).
d, s = 16, 6
check("transformer_encoder", [
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
    # LayerNorm, opset-13 style.
    helper.make_node("ReduceMean", ["res"], ["mu"], axes=[-1]),
    helper.make_node("Sub", ["res", "mu"], ["xc"]),
    helper.make_node("Pow", ["xc", "two"], ["sq"]),
    helper.make_node("ReduceMean", ["sq"], ["var"], axes=[-1]),
    helper.make_node("Add", ["var", "eps"], ["ve"]),
    helper.make_node("Sqrt", ["ve"], ["sd"]),
    helper.make_node("Div", ["xc", "sd"], ["ln"]),
    # GELU with Erf.
    helper.make_node("MatMul", ["ln", "w1"], ["h"]),
    helper.make_node("Div", ["h", "sqrt2"], ["hs"]),
    helper.make_node("Erf", ["hs"], ["erf"]),
    helper.make_node("Add", ["erf", "one"], ["e1"]),
    helper.make_node("Mul", ["h", "e1"], ["he"]),
    helper.make_node("Mul", ["he", "half"], ["gelu"]),
    helper.make_node("MatMul", ["gelu", "w2"], ["y"]),
], [value("ids", TensorProto.INT64, [1, s])], [value("y", TensorProto.FLOAT, [1, s, d])],
    [w("emb", [50, d]), w("g1", [d]), w("b1", [d]), w("wq", [d, d]), w("wk", [d, d]),
     w("wv", [d, d]), w("w1", [d, 2 * d]), w("w2", [2 * d, d]),
     tensor("scale", np.array(d ** -0.5, np.float32)),
     tensor("two", np.array(2, np.float32)), tensor("eps", np.array(1e-5, np.float32)),
     tensor("sqrt2", np.array(2 ** 0.5, np.float32)),
     tensor("one", np.array(1, np.float32)), tensor("half", np.array(0.5, np.float32))],
    [{"ids": rng.integers(0, 50, [1, s]).astype(np.int64)}])

# A symbolic batch: one export runs at every batch size.
check("dynamic_batch", [
    helper.make_node("MatMul", ["x", "w"], ["m"]),
    helper.make_node("Sigmoid", ["m"], ["y"]),
], [value("x", TensorProto.FLOAT, ["batch", 8])], [value("y", TensorProto.FLOAT, ["batch", 3])],
    [w("w", [8, 3])], [{"x": x([1, 8])}, {"x": x([7, 8])}])

# Weights in a side file, read through external data and written back the
# same way.
check("external_data", [
    helper.make_node("MatMul", ["x", "w"], ["m"]),
    helper.make_node("Tanh", ["m"], ["y"]),
], [value("x", TensorProto.FLOAT, [2, 64])], [value("y", TensorProto.FLOAT, [2, 32])],
    [w("w", [64, 32])], [{"x": x([2, 64])}], external=True)
