# The Image family's lowering beyond the ONNX node tests: Col2Im with
# constant shapes (the node tests pass them as inputs, which ds does not
# import), MaxRoiPool (no node test), ConvInteger with per-channel weight
# zero points, signed inputs and 1-D/3-D groups, GridSample in every mode
# and padding mode over dynamic sizes and in 3-D, AffineGrid with a size
# known only at run time, RoiAlign with a dynamic number of regions,
# MaxUnpool with pads, dynamic sizes and a run-time output_shape, and
# grouped DeformConv with several offset groups in 1-D, 2-D and 3-D.
# Compared with the ONNX reference evaluator, with onnxruntime for
# MaxRoiPool (the reference has none), and with numpy for per-channel zero
# points outside 2-D and DeformConv outside 2-D.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: col2im: ok
# CHECK: max_roi_pool: ok
# CHECK: conv_integer: ok
# CHECK: conv_integer_nd: ok
# CHECK: grid_sample: ok
# CHECK: grid_sample_3d: ok
# CHECK: affine_grid: ok
# CHECK: roi_align: ok
# CHECK: max_unpool: ok
# CHECK: deform_conv: ok
# CHECK: deform_conv_nd: ok
import sys

import numpy as np
from onnx import TensorProto
from onnx.reference import ReferenceEvaluator

from lowering_check import Checker, node
from onnx_test_models import tensor, value

check = Checker(*sys.argv[1:4]).check
rng = np.random.default_rng(11)
F32, I64 = TensorProto.FLOAT, TensorProto.INT64
U8, I8, I32 = TensorProto.UINT8, TensorProto.INT8, TensorProto.INT32


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def i64(values):
    return np.array(values, dtype=np.int64)


# Col2Im: 2-D with strides, pads and dilations; 3-D.
check("col2im", [
    node("Col2Im", ["x2", "image2", "block2"], ["y2"], strides=[2, 1],
         pads=[1, 0, 1, 2], dilations=[1, 2]),
    node("Col2Im", ["x3", "image3", "block3"], ["y3"], strides=[1, 2, 1]),
], [value("x2", F32, ["N", 12, 12]), value("x3", F32, [1, 16, 12])],
   [value("y2", F32, None), value("y3", F32, None)],
   [{"x2": randn(2, 12, 12), "x3": randn(1, 16, 12)}],
   initializers=[tensor("image2", i64([5, 6])), tensor("block2", i64([2, 3])),
                 tensor("image3", i64([3, 5, 4])),
                 tensor("block3", i64([2, 2, 2]))],
   oracle="reference")

# MaxRoiPool: regions partly outside the image, reversed (malformed) and a
# dynamic number of them.
rois = np.array([[0, 1, 1, 6, 5], [1, -3, 2, 4, 12], [0, 7, 6, 2, 1],
                 [1, 0.4, 0.6, 11.5, 9.5]], dtype=np.float32)
check("max_roi_pool", [
    node("MaxRoiPool", ["x", "rois"], ["y"], pooled_shape=[3, 2],
         spatial_scale=0.5),
], [value("x", F32, [2, 3, 6, 7]), value("rois", F32, ["R", 5])],
   [value("y", F32, None)],
   [{"x": randn(2, 3, 6, 7), "rois": rois},
    {"x": randn(2, 3, 6, 7), "rois": rois[:1]}])

# ConvInteger: unsigned input, per-channel weight zero points (2-D); signed
# input; padding and strides.
check("conv_integer", [
    node("ConvInteger", ["x", "w", "xz", "wz"], ["y"], pads=[1, 0, 1, 2],
         strides=[2, 1]),
    node("ConvInteger", ["xs", "ws", "xsz"], ["ys"], group=2,
         dilations=[1, 2]),
], [value("x", U8, [1, 3, 6, 7]), value("xs", I8, [2, 4, 5, 6])],
   [value("y", I32, None), value("ys", I32, None)],
   [{"x": rng.integers(0, 256, (1, 3, 6, 7)).astype(np.uint8),
     "xs": rng.integers(-128, 128, (2, 4, 5, 6)).astype(np.int8)}],
   initializers=[tensor("w", rng.integers(0, 256, (4, 3, 3, 2)).astype(np.uint8)),
                 tensor("xz", np.array(131, dtype=np.uint8)),
                 tensor("wz", np.array([1, 200, 0, 255], dtype=np.uint8)),
                 tensor("ws", rng.integers(-128, 128, (6, 2, 2, 3)).astype(np.int8)),
                 tensor("xsz", np.array([-5], dtype=np.int8))],
   oracle="reference")


def conv_integer_numpy(x, w, xz, wz, group, strides):
    """ConvInteger over any rank, without padding or dilation."""
    x = x.astype(np.int64) - np.int64(xz)
    w = w.astype(np.int64) - np.asarray(wz, np.int64).reshape(
        (-1,) + (1,) * (w.ndim - 1))
    n, c = x.shape[:2]
    m, cg = w.shape[:2]
    kernel = w.shape[2:]
    out = [(x.shape[2 + i] - kernel[i]) // strides[i] + 1
           for i in range(len(kernel))]
    y = np.zeros((n, m) + tuple(out), np.int64)
    for o in np.ndindex(*out):
        window = tuple(slice(o[i] * strides[i], o[i] * strides[i] + kernel[i])
                       for i in range(len(kernel)))
        for f in range(m):
            g = f // (m // group)
            patch = x[(slice(None), slice(g * cg, (g + 1) * cg)) + window]
            y[(slice(None), f) + o] = (patch * w[f]).reshape(n, -1).sum(1)
    return y.astype(np.int32)


w1 = rng.integers(0, 256, (6, 2, 3)).astype(np.uint8)
wz1 = rng.integers(0, 256, (6,)).astype(np.uint8)
w3 = rng.integers(-128, 128, (4, 1, 2, 2, 2)).astype(np.int8)
check("conv_integer_nd", [
    node("ConvInteger", ["x1", "w1", "xz1", "wz1"], ["y1"], group=2,
         strides=[2]),
    node("ConvInteger", ["x3", "w3"], ["y3"], group=4, strides=[1, 2, 1]),
], [value("x1", U8, ["N", 4, 9]), value("x3", I8, [1, 4, 3, 5, 4])],
   [value("y1", I32, None), value("y3", I32, None)],
   [{"x1": rng.integers(0, 256, (2, 4, 9)).astype(np.uint8),
     "x3": rng.integers(-128, 128, (1, 4, 3, 5, 4)).astype(np.int8)}],
   initializers=[tensor("w1", w1), tensor("xz1", np.array(7, np.uint8)),
                 tensor("wz1", wz1), tensor("w3", w3)],
   oracle=lambda feed: [
       conv_integer_numpy(feed["x1"], w1, 7, wz1, 2, [2]),
       conv_integer_numpy(feed["x3"], w3, 0, 0, 4, [1, 2, 1])])

# GridSample: every mode and padding mode, both align_corners, positions
# well outside [-1, 1], dynamic sizes.
modes = [(m, p, a) for m in ("nearest", "linear", "cubic")
         for p in ("zeros", "border", "reflection") for a in (0, 1)]
check("grid_sample", [
    node("GridSample", ["x", "grid"], [f"y_{m}_{p}_{a}"], mode=m,
         padding_mode=p, align_corners=a) for m, p, a in modes
], [value("x", F32, ["N", 2, "H", "W"]), value("grid", F32, ["N", 4, 5, 2])],
   [value(f"y_{m}_{p}_{a}", F32, None) for m, p, a in modes],
   [{"x": randn(2, 2, 4, 6), "grid": 1.6 * randn(2, 4, 5, 2)},
    {"x": randn(1, 2, 2, 3), "grid": 2.5 * randn(1, 4, 5, 2)}],
   oracle="reference")

modes3 = [(m, p, a) for m in ("nearest", "linear", "cubic")
          for p in ("zeros", "reflection") for a in (0, 1)]
check("grid_sample_3d", [
    node("GridSample", ["x", "grid"], [f"y_{m}_{p}_{a}"], mode=m,
         padding_mode=p, align_corners=a) for m, p, a in modes3
], [value("x", F32, [1, 2, 3, 4, 5]), value("grid", F32, [1, 2, 3, 2, 3])],
   [value(f"y_{m}_{p}_{a}", F32, None) for m, p, a in modes3],
   [{"x": randn(1, 2, 3, 4, 5), "grid": 1.3 * randn(1, 2, 3, 2, 3)}],
   oracle="reference")

# AffineGrid with the size as a model input: dynamic output sizes.
check("affine_grid", [
    node("AffineGrid", ["theta2", "size2"], ["g2"], align_corners=0),
    node("AffineGrid", ["theta2", "size2"], ["g2a"], align_corners=1),
    node("AffineGrid", ["theta3", "size3"], ["g3"], align_corners=1),
], [value("theta2", F32, [2, 2, 3]), value("size2", I64, [4]),
    value("theta3", F32, [1, 3, 4]), value("size3", I64, [5])],
   [value("g2", F32, None), value("g2a", F32, None), value("g3", F32, None)],
   [{"theta2": randn(2, 2, 3), "size2": i64([2, 3, 5, 7]),
     "theta3": randn(1, 3, 4), "size3": i64([1, 1, 3, 1, 4])}],
   oracle="reference", opset=20)

# RoiAlign: a dynamic number of regions, adaptive sampling (ratio 0) and a
# fixed one, both modes and coordinate transformations.
boxes = np.array([[0.5, 1.2, 6.3, 5.1], [-2.0, -1.0, 3.0, 2.5],
                  [4.0, 4.0, 4.2, 4.1], [1.0, 0.0, 9.0, 7.5]], np.float32)
batch = i64([0, 1, 1, 0])
check("roi_align", [
    node("RoiAlign", ["x", "rois", "batch"], ["avg"], output_height=3,
         output_width=2, spatial_scale=0.8),
    node("RoiAlign", ["x", "rois", "batch"], ["max"], mode="max",
         output_height=2, output_width=3, sampling_ratio=2),
    node("RoiAlign", ["x", "rois", "batch"], ["out_half"],
         coordinate_transformation_mode="output_half_pixel", output_height=2,
         output_width=2),
], [value("x", F32, [2, 3, 6, 8]), value("rois", F32, ["R", 4]),
    value("batch", I64, ["R"])],
   [value("avg", F32, None), value("max", F32, None),
    value("out_half", F32, None)],
   [{"x": randn(2, 3, 6, 8), "rois": boxes, "batch": batch},
    {"x": randn(2, 3, 6, 8), "rois": boxes[1:2], "batch": batch[1:2]}],
   oracle="reference")

# MaxUnpool: indices from MaxPool (with pads and strides, over sizes that
# unpool to themselves) over dynamic sizes, and an output_shape given at
# run time.
check("max_unpool", [
    node("MaxPool", ["x"], ["p", "i"], kernel_shape=[2, 3], strides=[2, 2],
         pads=[1, 0, 0, 1]),
    node("MaxUnpool", ["p", "i"], ["u"], kernel_shape=[2, 3], strides=[2, 2],
         pads=[1, 0, 0, 1]),
    node("MaxUnpool", ["p", "i", "shape"], ["us"], kernel_shape=[2, 3],
         strides=[2, 2], pads=[1, 0, 0, 1]),
], [value("x", F32, ["N", 2, "H", "W"]), value("shape", I64, [4])],
   [value("u", F32, None), value("us", F32, ["N", 2, "H2", "W2"])],
   [{"x": randn(1, 2, 5, 6), "shape": i64([1, 2, 7, 9])},
    {"x": randn(2, 2, 7, 8), "shape": i64([2, 2, 8, 9])}],
   oracle="reference")

# DeformConv: two groups, two offset groups, strides, dilations, pads, a
# mask and a bias; and without mask.
x = randn(1, 4, 6, 7)
check("deform_conv", [
    node("DeformConv", ["x", "w", "offset", "b", "mask"], ["y"], group=2,
         offset_group=2, strides=[2, 1], dilations=[1, 2], pads=[1, 2, 0, 1]),
    node("DeformConv", ["x", "w1", "offset1"], ["y1"], pads=[1, 1, 1, 1]),
], [value("x", F32, [1, 4, 6, 7]), value("offset", F32, [1, 24, 3, 6]),
    value("mask", F32, [1, 12, 3, 6]), value("offset1", F32, [1, 8, 7, 8])],
   [value("y", F32, None), value("y1", F32, None)],
   [{"x": x, "offset": 1.5 * randn(1, 24, 3, 6), "mask": randn(1, 12, 3, 6),
     "offset1": randn(1, 8, 7, 8)}],
   initializers=[tensor("w", randn(6, 2, 2, 3)), tensor("b", randn(6)),
                 tensor("w1", randn(3, 4, 2, 2))],
   oracle="reference", opset=22)


def deform_conv_numpy(x, w, offset, bias, mask, strides, pads, dilations,
                      group, offset_group):
    """DeformConv over any rank: multilinear sampling, zero outside."""
    n_batch, channels = x.shape[:2]
    out_channels, group_channels = w.shape[:2]
    kernel, out = w.shape[2:], offset.shape[2:]
    n = len(kernel)
    offset = offset.reshape((n_batch, offset_group) + kernel + (n,) + out)
    if mask is not None:
        mask = mask.reshape((n_batch, offset_group) + kernel + out)
    per_group = out_channels // group
    y = np.zeros((n_batch, out_channels) + out, np.float64)
    for b in range(n_batch):
        for o in np.ndindex(*out):
            for k in np.ndindex(*kernel):
                for c in range(channels):
                    og = c // (channels // offset_group)
                    pos = [o[i] * strides[i] - pads[i] + k[i] * dilations[i] +
                           offset[(b, og) + k + (i,) + o] for i in range(n)]
                    low = [int(np.floor(p)) for p in pos]
                    value = 0.0
                    for corner in np.ndindex(*([2] * n)):
                        idx = [low[i] + corner[i] for i in range(n)]
                        if any(j < 0 or j >= x.shape[2 + i]
                               for i, j in enumerate(idx)):
                            continue
                        weight = np.prod([pos[i] - low[i] if corner[i]
                                          else 1 - (pos[i] - low[i])
                                          for i in range(n)])
                        value += weight * x[(b, c) + tuple(idx)]
                    if mask is not None:
                        value *= mask[(b, og) + k + o]
                    g = c // group_channels
                    for f in range(per_group):
                        m = g * per_group + f
                        y[(b, m) + o] += value * w[(m, c % group_channels) + k]
    if bias is not None:
        y += bias.reshape((1, -1) + (1,) * n)
    return y.astype(np.float32)


# DeformConv in 1-D and 3-D (the reference implements 2-D only).
w1, b1 = randn(4, 1, 3), randn(4)
w3 = randn(2, 2, 2, 1, 2)
check("deform_conv_nd", [
    node("DeformConv", ["x1", "w1", "offset1", "b1", "mask1"], ["y1"],
         group=2, offset_group=2, strides=[2], pads=[1, 2], dilations=[2]),
    node("DeformConv", ["x3", "w3", "offset3"], ["y3"], pads=[0, 1, 0, 1, 0, 0]),
], [value("x1", F32, [2, 2, 9]), value("offset1", F32, [2, 6, 4]),
    value("mask1", F32, [2, 6, 4]), value("x3", F32, [1, 2, 3, 4, 3]),
    value("offset3", F32, [1, 12, 3, 5, 2])],
   [value("y1", F32, None), value("y3", F32, None)],
   [{"x1": randn(2, 2, 9), "offset1": 1.5 * randn(2, 6, 4),
     "mask1": randn(2, 6, 4), "x3": randn(1, 2, 3, 4, 3),
     "offset3": randn(1, 12, 3, 5, 2)}],
   initializers=[tensor("w1", w1), tensor("b1", b1), tensor("w3", w3)],
   oracle=lambda feed: [
       deform_conv_numpy(feed["x1"], w1, feed["offset1"], b1, feed["mask1"],
                         [2], [1], [2], 2, 2),
       deform_conv_numpy(feed["x3"], w3, feed["offset3"], None, None,
                         [1, 1, 1], [0, 1, 0], [1, 1, 1], 1, 1)],
   opset=22)
