# The normalizations as lowered by convert-ds-to-linalg, compiled by
# ds-compile and run through the runtime's C API, in the cases the ONNX node
# tests do not reach: sizes known only at run time (at two sizes each), f16
# inputs (whose statistics are computed in f32), LayerNormalization's
# statistics outputs over several axes, training-mode BatchNormalization on a
# dynamic batch, NaN and ties in Hardmax, zero norms in LpNormalization.
# References: onnxruntime, or numpy where onnxruntime lacks the case.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: group and instance normalization: ok
# CHECK: layer normalization: ok
# CHECK: batch normalization training: ok
# CHECK: softmax f16: ok
# CHECK: hardmax: ok
# CHECK: lp normalization: ok
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

from ds_runtime import Model
from onnx_test_models import save, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)


def compile_model(name, nodes, inputs, outputs, initializers=(), opset=21):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib],
                   check=True)
    return path, Model(lib, runtime)


def compare(what, got, want, rtol=1e-4, atol=1e-5):
    assert got.dtype == want.dtype, (what, got.dtype, want.dtype)
    assert got.shape == want.shape, (what, got.shape, want.shape)
    np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64),
                               rtol=rtol, atol=atol, equal_nan=True, err_msg=what)


def normalized(x, axes, eps):
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


# GroupNormalization and InstanceNormalization on N x C x H x W with N, H
# and W known at run time, in f32 and f16 (statistics in f32).
for elem, dtype in ((TensorProto.FLOAT, np.float32), (TensorProto.FLOAT16, np.float16)):
    nodes = [helper.make_node("GroupNormalization", ["x", "s", "b"], ["g"],
                              num_groups=3, epsilon=1e-3),
             helper.make_node("InstanceNormalization", ["x", "s", "b"], ["i"])]
    inputs = [value("x", elem, ["N", 6, "H", "W"]), value("s", elem, [6]),
              value("b", elem, [6])]
    outputs = [value("g", elem, ["N", 6, "H", "W"]),
               value("i", elem, ["N", 6, "H", "W"])]
    _, model = compile_model(f"group_instance_{dtype.__name__}", nodes, inputs,
                             outputs)
    for shape in ((2, 6, 3, 5), (1, 6, 4, 1)):
        x = (rng.standard_normal(shape) * 3 + 1).astype(dtype)
        s = rng.standard_normal(6).astype(dtype)
        b = rng.standard_normal(6).astype(dtype)
        got = model.run({"x": x, "s": s, "b": b})
        w = x.astype(np.float64)
        grouped = w.reshape(shape[0], 3, -1)
        g = normalized(grouped, (2,), 1e-3).reshape(shape)
        i = normalized(w, (2, 3), 1e-5)
        sb = (s.astype(np.float64)[:, None, None], b.astype(np.float64)[:, None, None])
        tol = dict(rtol=1e-4, atol=1e-4) if dtype == np.float32 else dict(rtol=1e-2, atol=1e-2)
        compare(f"GroupNormalization {dtype.__name__} {shape}", got[0],
                (g * sb[0] + sb[1]).astype(dtype), **tol)
        compare(f"InstanceNormalization {dtype.__name__} {shape}", got[1],
                (i * sb[0] + sb[1]).astype(dtype), **tol)
print("group and instance normalization: ok")

# LayerNormalization with its mean and inv_std_dev outputs, over the last
# axis and the last two, on a dynamic batch; and f16 with the f32 stash.
nodes = [helper.make_node("LayerNormalization", ["x", "s2", "b2"], ["y1", "m1", "d1"],
                          axis=1),
         helper.make_node("LayerNormalization", ["x", "s1"], ["y2", "m2", "d2"],
                          axis=-1, epsilon=1e-2)]
inputs = [value("x", TensorProto.FLOAT, ["N", 4, 5]),
          value("s2", TensorProto.FLOAT, [4, 5]), value("b2", TensorProto.FLOAT, [4, 5]),
          value("s1", TensorProto.FLOAT, [5])]
outputs = [value("y1", TensorProto.FLOAT, ["N", 4, 5]),
           value("m1", TensorProto.FLOAT, ["N", 1, 1]),
           value("d1", TensorProto.FLOAT, ["N", 1, 1]),
           value("y2", TensorProto.FLOAT, ["N", 4, 5]),
           value("m2", TensorProto.FLOAT, ["N", 4, 1]),
           value("d2", TensorProto.FLOAT, ["N", 4, 1])]
path, model = compile_model("layer_norm", nodes, inputs, outputs)
session = ort.InferenceSession(path)
for batch in (1, 3):
    feed = {"x": rng.standard_normal((batch, 4, 5)).astype(np.float32),
            "s2": rng.standard_normal((4, 5)).astype(np.float32),
            "b2": rng.standard_normal((4, 5)).astype(np.float32),
            "s1": rng.standard_normal(5).astype(np.float32)}
    for o, g, w in zip(outputs, model.run(feed), session.run(None, feed)):
        compare(f"LayerNormalization {o.name} batch={batch}", g, w)
node = helper.make_node("LayerNormalization", ["x", "s"], ["y"], axis=-1)
_, model = compile_model("layer_norm_f16", [node],
                         [value("x", TensorProto.FLOAT16, ["N", 64]),
                          value("s", TensorProto.FLOAT16, [64])],
                         [value("y", TensorProto.FLOAT16, ["N", 64])])
x = (rng.standard_normal((3, 64)) * 10 + 100).astype(np.float16)
s = rng.standard_normal(64).astype(np.float16)
want = (normalized(x.astype(np.float64), (1,), 1e-5).astype(np.float16) * s)
compare("LayerNormalization f16", model.run({"x": x, "s": s})[0], want,
        rtol=1e-2, atol=1e-2)
print("layer normalization: ok")

# Training-mode BatchNormalization: batch statistics over N, H, W and the
# updated running statistics, on a dynamic batch.
node = helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"],
                        ["y", "rm", "rv"], training_mode=1, momentum=0.8,
                        epsilon=1e-4)
inputs = [value("x", TensorProto.FLOAT, ["N", 3, "H"])] + [
    value(n, TensorProto.FLOAT, [3]) for n in "sbmv"]
outputs = [value("y", TensorProto.FLOAT, ["N", 3, "H"]),
           value("rm", TensorProto.FLOAT, [3]), value("rv", TensorProto.FLOAT, [3])]
_, model = compile_model("batch_norm_training", [node], inputs, outputs)
for shape in ((4, 3, 5), (1, 3, 7)):
    x = (rng.standard_normal(shape) * 2 - 1).astype(np.float32)
    s, b, m = (rng.standard_normal(3).astype(np.float32) for _ in range(3))
    v = rng.random(3).astype(np.float32) + 0.5
    got = model.run({"x": x, "s": s, "b": b, "m": m, "v": v})
    mean, var = x.mean((0, 2)), x.var((0, 2))
    y = (s[:, None] * (x - mean[:, None]) / np.sqrt(var[:, None] + 1e-4)
         + b[:, None])
    compare(f"BatchNormalization y {shape}", got[0], y.astype(np.float32))
    compare(f"BatchNormalization running mean {shape}", got[1],
            (m * 0.8 + mean * 0.2).astype(np.float32))
    compare(f"BatchNormalization running var {shape}", got[2],
            (v * 0.8 + var * 0.2).astype(np.float32))
# Inference mode with f16 data and f32 parameters (ONNX's T, T1 and T2).
node = helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"])
inputs = [value("x", TensorProto.FLOAT16, ["N", 3])] + [
    value(n, TensorProto.FLOAT, [3]) for n in "sbmv"]
_, model = compile_model("batch_norm_mixed", [node], inputs,
                         [value("y", TensorProto.FLOAT16, ["N", 3])])
x = rng.standard_normal((4, 3)).astype(np.float16)
s, b, m = (rng.standard_normal(3).astype(np.float32) for _ in range(3))
v = rng.random(3).astype(np.float32) + 0.5
y = s * (x.astype(np.float32) - m) / np.sqrt(v + 1e-5) + b
compare("BatchNormalization f16 with f32 parameters",
        model.run({"x": x, "s": s, "b": b, "m": m, "v": v})[0],
        y.astype(np.float16), rtol=1e-2, atol=1e-2)
print("batch normalization training: ok")

# Softmax and LogSoftmax of f16: exponentials and sums in f32, one rounding.
nodes = [helper.make_node("Softmax", ["x"], ["s"], axis=1),
         helper.make_node("LogSoftmax", ["x"], ["l"], axis=1)]
_, model = compile_model("softmax_f16", nodes,
                         [value("x", TensorProto.FLOAT16, ["N", 300])],
                         [value("s", TensorProto.FLOAT16, ["N", 300]),
                          value("l", TensorProto.FLOAT16, ["N", 300])])
x = (rng.standard_normal((2, 300)) * 4).astype(np.float16)
w = x.astype(np.float64)
e = np.exp(w - w.max(1, keepdims=True))
got = model.run({"x": x})
compare("Softmax f16", got[0], (e / e.sum(1, keepdims=True)).astype(np.float16),
        rtol=2e-3, atol=1e-4)
compare("LogSoftmax f16", got[1],
        (w - w.max(1, keepdims=True) - np.log(e.sum(1, keepdims=True))).astype(np.float16),
        rtol=2e-3, atol=2e-3)
print("softmax f16: ok")

# Hardmax: 1 at the first maximum; a NaN is the maximum (numpy's argmax).
node = helper.make_node("Hardmax", ["x"], ["y"], axis=-1)
_, model = compile_model("hardmax", [node], [value("x", TensorProto.FLOAT, ["N", 5])],
                         [value("y", TensorProto.FLOAT, ["N", 5])])
x = rng.integers(-2, 3, (6, 5)).astype(np.float32)
x[0, 3] = np.nan
x[1, :] = -np.inf
want = np.zeros_like(x)
want[np.arange(6), np.argmax(x, 1)] = 1
compare("Hardmax", model.run({"x": x})[0], want)
print("hardmax: ok")

# LpNormalization: L1 (sum of |x|) and L2, 0 where the norm is 0.
nodes = [helper.make_node("LpNormalization", ["x"], ["l1"], axis=0, p=1),
         helper.make_node("LpNormalization", ["x"], ["l2"], axis=-1, p=2)]
_, model = compile_model("lp_norm", nodes, [value("x", TensorProto.FLOAT, [3, "M"])],
                         [value("l1", TensorProto.FLOAT, [3, "M"]),
                          value("l2", TensorProto.FLOAT, [3, "M"])])
x = rng.standard_normal((3, 4)).astype(np.float32)
x[:, 1] = 0
x[2, :] = 0
got = model.run({"x": x})
with np.errstate(invalid="ignore", divide="ignore"):
    n1 = np.abs(x).sum(0, keepdims=True)
    n2 = np.sqrt((x * x).sum(1, keepdims=True))
    compare("LpNormalization p=1", got[0], np.where(n1 == 0, 0, x / n1).astype(np.float32))
    compare("LpNormalization p=2", got[1], np.where(n2 == 0, 0, x / n2).astype(np.float32))
print("lp normalization: ok")
