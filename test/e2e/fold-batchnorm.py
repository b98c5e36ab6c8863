# ds-fold-batchnorm end to end: models whose batch normalizations and
# per-channel scales and offsets ds-compile folds into the weights of the
# convolution or matrix product before them (the simplify step of the CPU
# pipeline), compiled, run through the runtime's C API at two batch sizes
# and compared with onnxruntime at rtol 1e-4, atol 1e-5. Each model is also
# run through the graph passes of that step to check that the fold
# happened (no BatchNormalization, Mul or Add left).
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: conv_bn_relu: ok, folded
# CHECK: conv_bias_bn_resource: ok, folded
# CHECK: conv_mul_add_relu: ok, folded
# CHECK: conv_transpose_bn: ok, folded
# CHECK: gemm_bn: ok, folded
# CHECK: matmul_add_relu: ok, folded
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

from ds_runtime import Model
from onnx_test_models import save, tensor, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(6)
F = TensorProto.FLOAT
SIMPLIFY = ("builtin.module(func.func(ds-infer-shapes),canonicalize,"
            "func.func(ds-infer-shapes,ds-fold-batchnorm))")


def normal(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def bn_params(prefix, c):
    """Scale, bias, mean and a positive variance of `c` channels."""
    return [tensor(prefix + "s", normal(c, scale=0.5) + 1),
            tensor(prefix + "b", normal(c, scale=0.5)),
            tensor(prefix + "m", normal(c, scale=0.5)),
            tensor(prefix + "v", (rng.random(c) + 0.2).astype(np.float32))]


def bn(x, y, prefix, **attrs):
    return helper.make_node("BatchNormalization",
                            [x] + [prefix + s for s in "sbmv"], [y], **attrs)


def check(name, nodes, input_shape, output_shape, initializers, gone):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    inputs = [value("x", F, ["N"] + input_shape[1:])]
    outputs = [value("y", F, ["N"] + output_shape[1:])]
    save(path, nodes, inputs, outputs, initializers)
    ir = subprocess.run([os.path.join(bin_dir, "ds-opt"), path,
                         "--pass-pipeline=" + SIMPLIFY],
                        check=True, capture_output=True, text=True).stdout
    left = [op for op in gone if op in ir]
    assert not left, (name, left, ir)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib],
                   check=True)
    model = Model(lib, runtime)
    session = ort.InferenceSession(path)
    for batch in (1, 3):
        feed = {"x": normal(batch, *input_shape[1:])}
        got = model.run(feed)[0]
        want = session.run(None, feed)[0]
        assert got.shape == want.shape, (name, got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5,
                                   err_msg=name)
    print(f"{name}: ok, folded")


# Conv without bias, BatchNormalization (epsilon 1e-3), Relu.
check("conv_bn_relu",
      [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
       bn("c", "n", "bn", epsilon=1e-3),
       helper.make_node("Relu", ["n"], ["y"])],
      [1, 3, 8, 8], [1, 4, 8, 8],
      [tensor("w", normal(4, 3, 3, 3, scale=0.3))] + bn_params("bn", 4),
      ["ds.batch_normalization"])

# Conv with bias, strided, weights large enough to be resource blobs (and
# 80 channels: a folded bias blob too).
check("conv_bias_bn_resource",
      [helper.make_node("Conv", ["x", "w", "wb"], ["c"], strides=[2, 2],
                        pads=[1, 1, 1, 1]),
       bn("c", "y", "bn")],
      [1, 5, 9, 9], [1, 80, 5, 5],
      [tensor("w", normal(80, 5, 3, 3, scale=0.2)),
       tensor("wb", normal(80, scale=0.5))] + bn_params("bn", 80),
      ["ds.batch_normalization"])

# What exporters that fold batch normalization leave: Mul by [C, 1, 1] and
# Add of [1, C, 1, 1] after a grouped conv, then Relu.
check("conv_mul_add_relu",
      [helper.make_node("Conv", ["x", "w"], ["c"], group=2),
       helper.make_node("Mul", ["c", "s"], ["m"]),
       helper.make_node("Add", ["t", "m"], ["a"]),
       helper.make_node("Relu", ["a"], ["y"])],
      [1, 4, 6, 6], [1, 6, 4, 4],
      [tensor("w", normal(6, 2, 3, 3, scale=0.3)),
       tensor("s", normal(6, 1, 1) + 1), tensor("t", normal(1, 6, 1, 1))],
      ["ds.mul", "ds.add"])

# Grouped ConvTranspose with bias, then BatchNormalization.
check("conv_transpose_bn",
      [helper.make_node("ConvTranspose", ["x", "w", "wb"], ["c"], group=2,
                        strides=[2, 2]),
       bn("c", "y", "bn")],
      [1, 4, 5, 5], [1, 6, 11, 11],
      [tensor("w", normal(4, 3, 3, 3, scale=0.3)),
       tensor("wb", normal(6, scale=0.5))] + bn_params("bn", 6),
      ["ds.batch_normalization"])

# Gemm (transB, alpha, beta, C) then BatchNormalization over the columns.
check("gemm_bn",
      [helper.make_node("Gemm", ["x", "w", "wb"], ["g"], transB=1, alpha=0.5,
                        beta=2.0),
       bn("g", "y", "bn")],
      [1, 16], [1, 12],
      [tensor("w", normal(12, 16)), tensor("wb", normal(12))]
      + bn_params("bn", 12),
      ["ds.batch_normalization"])

# MatMul by a constant plus a bias vector becomes a Gemm; then Relu.
check("matmul_add_relu",
      [helper.make_node("MatMul", ["x", "w"], ["m"]),
       helper.make_node("Add", ["m", "b"], ["a"]),
       helper.make_node("Relu", ["a"], ["y"])],
      [1, 20], [1, 70],
      [tensor("w", normal(20, 70, scale=0.3)), tensor("b", normal(70))],
      ["ds.matmul", "ds.add"])
