# The Selection family's lowerings compiled by ds-compile and run through the
# runtime's C API, against ONNX's reference implementation
# (onnx.reference.ReferenceEvaluator), where the node tests do not reach:
# CumSum and CumProd (whose node tests feed the axis as a graph input, which
# ds takes as a constant), dynamic shapes, unsigned elements, and edge
# cases of NonZero, Unique, Det and ReverseSequence.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: cumsum: ok
# CHECK: cumprod: ok
# CHECK: nonzero: ok
# CHECK: unique: ok
# CHECK: det: ok
# CHECK: reversesequence: ok
import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

from ds_runtime import Model
from onnx_test_models import save, tensor, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
counter = [0]


def check(node, inputs, feeds_list, outputs, initializers=(), opset=21,
          rtol=1e-5, atol=1e-6):
    """Compiles the one-node model and compares every feed's outputs with the
    reference evaluator's."""
    counter[0] += 1
    path = os.path.join(out, f"m{counter[0]}.onnx")
    lib = os.path.join(out, f"m{counter[0]}.so")
    model = save(path, [node], inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    compiled = Model(lib, runtime)
    reference = ReferenceEvaluator(model)
    for feeds in feeds_list:
        want = reference.run(None, feeds)
        got = compiled.run(feeds, threads=2)
        for g, w in zip(got, want):
            w = np.asarray(w)
            assert g.dtype == w.dtype, (node.op_type, g.dtype, w.dtype)
            assert g.shape == w.shape, (node.op_type, g.shape, w.shape)
            if w.dtype.kind == "f":
                np.testing.assert_allclose(g, w, rtol=rtol, atol=atol,
                                           err_msg=node.op_type)
            else:
                np.testing.assert_array_equal(g, w, err_msg=node.op_type)


F, I32, I64, U8, U32 = (TensorProto.FLOAT, TensorProto.INT32, TensorProto.INT64,
                        TensorProto.UINT8, TensorProto.UINT32)

# CumSum along a constant axis, every exclusive/reverse combination, on a
# dynamic batch; int32 and uint32 too.
for exclusive in (0, 1):
    for reverse in (0, 1):
        node = helper.make_node("CumSum", ["x", "axis"], ["y"],
                                exclusive=exclusive, reverse=reverse)
        check(node, [value("x", F, ["N", 5])],
              [{"x": rng.standard_normal((n, 5)).astype(np.float32)} for n in (1, 3)],
              [value("y", F, ["N", 5])], [tensor("axis", np.array(1, np.int64))])
node = helper.make_node("CumSum", ["x", "axis"], ["y"], reverse=1)
check(node, [value("x", I32, [4, "N"])],
      [{"x": rng.integers(-50, 50, (4, 6)).astype(np.int32)}],
      [value("y", I32, [4, "N"])], [tensor("axis", np.array(-2, np.int32))])
node = helper.make_node("CumSum", ["x", "axis"], ["y"], exclusive=1)
check(node, [value("x", U32, [7])],
      [{"x": rng.integers(0, 1 << 31, (7,)).astype(np.uint32)}],
      [value("y", U32, [7])], [tensor("axis", np.array(0, np.int64))])
print("cumsum: ok")

for exclusive, reverse in ((0, 0), (1, 1)):
    node = helper.make_node("CumProd", ["x", "axis"], ["y"],
                            exclusive=exclusive, reverse=reverse)
    check(node, [value("x", F, [2, "N", 3])],
          [{"x": rng.uniform(0.5, 1.5, (2, 4, 3)).astype(np.float32)}],
          [value("y", F, [2, "N", 3])], [tensor("axis", np.array(1, np.int64))],
          opset=26)
node = helper.make_node("CumProd", ["x", "axis"], ["y"])
check(node, [value("x", I64, [5])],
      [{"x": np.array([3, -2, 1, 4, -1], np.int64)}],
      [value("y", I64, [5])], [tensor("axis", np.array(0, np.int64))], opset=26)
print("cumprod: ok")

# NonZero: unsigned elements, a dynamic shape, all zeros, NaN and -0.0.
node = helper.make_node("NonZero", ["x"], ["y"])
check(node, [value("x", U8, ["N", 3, 2])],
      [{"x": rng.integers(0, 3, (n, 3, 2)).astype(np.uint8)} for n in (2, 4)]
      + [{"x": np.zeros((3, 3, 2), np.uint8)}],
      [value("y", I64, [3, None])])
check(node, [value("x", F, [5])],
      [{"x": np.array([0.0, -0.0, np.nan, 1.5, 0.0], np.float32)}],
      [value("y", I64, [1, None])])
print("nonzero: ok")

# Unique: unsigned elements (sorted as unsigned), rows along an axis of a
# rank-3 tensor, and first-occurrence order.
node = helper.make_node("Unique", ["x"], ["y", "indices", "inverse", "counts"])
check(node, [value("x", U8, [9])],
      [{"x": np.array([200, 3, 200, 7, 3, 255, 0, 7, 7], np.uint8)}],
      [value("y", U8, [None]), value("indices", I64, [None]),
       value("inverse", I64, [None]), value("counts", I64, [None])])
node = helper.make_node("Unique", ["x"], ["y", "indices", "inverse", "counts"], axis=1)
x = np.array([[[1, 2], [3, 4], [1, 2], [0, 9]],
              [[5, 6], [7, 8], [5, 6], [0, 9]]], np.float32)
check(node, [value("x", F, [2, 4, 2])], [{"x": x}],
      [value("y", F, [2, None, 2]), value("indices", I64, [None]),
       value("inverse", I64, [None]), value("counts", I64, [None])])
node = helper.make_node("Unique", ["x"], ["y", "indices", "inverse", "counts"], sorted=0)
check(node, [value("x", I64, ["N"])],
      [{"x": np.array([5, -1, 5, 3, -1, 8], np.int64)}],
      [value("y", I64, [None]), value("indices", I64, [None]),
       value("inverse", I64, [None]), value("counts", I64, [None])])
print("unique: ok")

# Det: batches of batches, a singular matrix, one that needs row swaps.
node = helper.make_node("Det", ["x"], ["y"])
x = rng.standard_normal((2, 3, 4, 4)).astype(np.float32)
x[0, 1] = [[1, 2, 3, 4], [2, 4, 6, 8], [0, 1, 0, 1], [1, 1, 1, 1]]
x[1, 2] = [[0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 2]]
check(node, [value("x", F, [2, "N", 4, 4])], [{"x": x}],
      [value("y", F, [2, "N"])], rtol=1e-4, atol=1e-5)
check(node, [value("x", F, [3, 3])],
      [{"x": rng.standard_normal((3, 3)).astype(np.float32)}],
      [value("y", F, [])], rtol=1e-4, atol=1e-5)
print("det: ok")

# ReverseSequence with the time axis first, lengths 0 to the full length.
node = helper.make_node("ReverseSequence", ["x", "lens"], ["y"],
                        batch_axis=1, time_axis=0)
check(node, [value("x", I32, ["T", 4, 2]), value("lens", I64, [4])],
      [{"x": rng.integers(0, 100, (5, 4, 2)).astype(np.int32),
        "lens": np.array([0, 1, 3, 5], np.int64)}],
      [value("y", I32, ["T", 4, 2])])
print("reversesequence: ok")
