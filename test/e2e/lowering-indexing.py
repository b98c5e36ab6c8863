# The Indexing family's lowerings compiled by ds-compile and run through the
# runtime's C API, against ONNX's reference implementation
# (onnx.reference.ReferenceEvaluator), on what the node tests do not reach:
# dynamic shapes, unsigned and integer elements, negative and duplicate
# indices, run-time scales and sizes.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: gather: ok
# CHECK: scatter: ok
# CHECK: resize: ok
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
rng = np.random.default_rng(11)
counter = [0]


def check(node, inputs, feeds_list, outputs, initializers=(), opset=21,
          rtol=1e-5, atol=1e-5):
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
            what = f"{node.op_type} {dict((a.name, helper.get_attribute_value(a)) for a in node.attribute)}"
            assert g.dtype == w.dtype, (what, g.dtype, w.dtype)
            assert g.shape == w.shape, (what, g.shape, w.shape)
            if w.dtype.kind == "f":
                np.testing.assert_allclose(g, w, rtol=rtol, atol=atol, err_msg=what)
            else:
                np.testing.assert_array_equal(g, w, err_msg=what)


F, I32, I64, U8 = TensorProto.FLOAT, TensorProto.INT32, TensorProto.INT64, TensorProto.UINT8

# GatherElements and GatherND with negative indices on dynamic shapes.
node = helper.make_node("GatherElements", ["x", "i"], ["y"], axis=0)
check(node, [value("x", U8, ["N", 3]), value("i", I64, [2, 3])],
      [{"x": rng.integers(0, 255, (n, 3)).astype(np.uint8),
        "i": rng.integers(-n, n, (2, 3)).astype(np.int64)} for n in (2, 5)],
      [value("y", U8, [2, 3])])
node = helper.make_node("GatherND", ["x", "i"], ["y"], batch_dims=1)
check(node, [value("x", F, ["B", 4, 5, 2]), value("i", I64, ["B", 3, 2])],
      [{"x": rng.standard_normal((b, 4, 5, 2)).astype(np.float32),
        "i": np.stack([rng.integers(-4, 4, (b, 3)), rng.integers(-5, 5, (b, 3))],
                      axis=-1).astype(np.int64)} for b in (1, 3)],
      [value("y", F, ["B", 3, 2])])
print("gather: ok")

# ScatterElements on uint8 with max and min, duplicates and negative
# indices; ScatterND with mul on int32 and duplicate tuples, and with none
# on a dynamic shape.
for reduction in ("max", "min", "add"):
    node = helper.make_node("ScatterElements", ["x", "i", "u"], ["y"], axis=1,
                            reduction=reduction)
    check(node, [value("x", U8, ["N", 6]), value("i", I64, ["N", 4]),
                 value("u", U8, ["N", 4])],
          [{"x": rng.integers(0, 255, (3, 6)).astype(np.uint8),
            "i": np.array([[0, 0, -1, 2], [5, 5, 5, -6], [1, 2, 3, 4]], np.int64),
            "u": rng.integers(0, 255, (3, 4)).astype(np.uint8)}],
          [value("y", U8, ["N", 6])], opset=18)
node = helper.make_node("ScatterND", ["x", "i", "u"], ["y"], reduction="mul")
check(node, [value("x", I32, [4, 3]), value("i", I64, [3, 1]), value("u", I32, [3, 3])],
      [{"x": rng.integers(-5, 5, (4, 3)).astype(np.int32),
        "i": np.array([[1], [-3], [3]], np.int64),
        "u": rng.integers(-3, 4, (3, 3)).astype(np.int32)}],
      [value("y", I32, [4, 3])], opset=18)
node = helper.make_node("ScatterND", ["x", "i", "u"], ["y"])
check(node, [value("x", F, ["N", 3, 2]), value("i", I64, [2, 2]), value("u", F, [2, 2])],
      [{"x": rng.standard_normal((n, 3, 2)).astype(np.float32),
        "i": np.array([[0, 2], [-1, 0]], np.int64),
        "u": rng.standard_normal((2, 2)).astype(np.float32)} for n in (1, 4)],
      [value("y", F, ["N", 3, 2])], opset=18)
print("scatter: ok")


def resize(attrs, x, scales=None, sizes=None, roi=None, tolerance=1e-4):
    """One Resize on `x` (given as a dynamic-shaped input) with run-time
    scales or sizes."""
    names = ["x", "roi" if roi is not None else "", "scales" if scales is not None else "",
             "sizes" if sizes is not None else ""]
    while names[-1] == "":
        names.pop()
    node = helper.make_node("Resize", names, ["y"], **attrs)
    elem = {np.float32: F, np.uint8: U8, np.int32: I32}[x.dtype.type]
    inputs = [value("x", elem, [None] * x.ndim)]
    feeds = {"x": x}
    for name, array, kind in (("roi", roi, F), ("scales", scales, F), ("sizes", sizes, I64)):
        if array is not None:
            inputs.append(value(name, kind, [len(array)]))
            feeds[name] = np.asarray(array, {F: np.float32, I64: np.int64}[kind])
    check(node, inputs, [feeds], [value("y", elem, [None] * x.ndim)], opset=19,
          rtol=tolerance, atol=tolerance)


image = rng.integers(0, 256, (1, 2, 5, 7)).astype(np.uint8)
real = rng.standard_normal((1, 2, 6, 5)).astype(np.float32)
# Unsigned interpolation rounds and saturates (cubic overshoots).
resize({"mode": "linear"}, image, sizes=[1, 2, 9, 4])
resize({"mode": "cubic", "exclude_outside": 1}, image, scales=[1, 1, 1.7, 0.6])
resize({"mode": "cubic", "antialias": 1, "axes": [2, 3]}, image, sizes=[3, 4])
resize({"mode": "nearest", "nearest_mode": "round_prefer_ceil",
        "coordinate_transformation_mode": "half_pixel_symmetric"},
       rng.integers(-9, 9, (2, 3, 4)).astype(np.int32), scales=[1, 2.5, 0.75])
resize({"mode": "nearest", "nearest_mode": "ceil", "exclude_outside": 1,
        "coordinate_transformation_mode": "pytorch_half_pixel"},
       real, sizes=[1, 2, 1, 9])
resize({"mode": "linear", "antialias": 1, "keep_aspect_ratio_policy": "not_smaller",
        "axes": [3, 2]}, real, sizes=[3, 4])
resize({"mode": "linear", "coordinate_transformation_mode": "align_corners",
        "keep_aspect_ratio_policy": "not_larger", "axes": [2, 3]}, real, sizes=[11, 8])
resize({"mode": "cubic", "coordinate_transformation_mode": "asymmetric",
        "cubic_coeff_a": -0.5}, real, scales=[1, 1, 0.5, 3.0])
resize({"mode": "linear", "coordinate_transformation_mode": "tf_crop_and_resize",
        "extrapolation_value": -3.0, "axes": [2, 3]},
       real, sizes=[4, 6], roi=[-0.2, 0.1, 0.9, 1.3])
print("resize: ok")
