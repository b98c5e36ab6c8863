# The image ops map onto the ds ops of the same names, normalized across
# opsets: GridSample's opset-16 mode names become opset 20's, opset-10
# RoiAlign gets its implied output_half_pixel, Col2Im's shape inputs become
# attributes. QLinearConv decomposes into ds.conv_integer and a
# requantization, which the script checks numerically against onnxruntime.
# RUN: %python %s %t
# RUN: ds-opt %t.gridsample16.onnx | FileCheck %s --check-prefix=GS16
# RUN: ds-opt %t.gridsample20.onnx | FileCheck %s --check-prefix=GS20
# RUN: ds-opt %t.affinegrid.onnx | FileCheck %s --check-prefix=AFFINE
# RUN: ds-opt %t.roialign10.onnx | FileCheck %s --check-prefix=ROI10
# RUN: ds-opt %t.roialign16.onnx | FileCheck %s --check-prefix=ROI16
# RUN: ds-opt %t.maxroipool.onnx | FileCheck %s --check-prefix=MAXROI
# RUN: ds-opt %t.maxunpool.onnx | FileCheck %s --check-prefix=UNPOOL
# RUN: ds-opt %t.col2im.onnx | FileCheck %s --check-prefix=COL2IM
# RUN: ds-opt %t.deformconv.onnx | FileCheck %s --check-prefix=DEFORM
# RUN: ds-opt %t.convinteger.onnx | FileCheck %s --check-prefix=CONVINT
# RUN: ds-opt %t.qlinearconv.onnx | FileCheck %s --check-prefix=QLCONV
# RUN: ds-opt %t.maxunpool9.onnx | FileCheck %s --check-prefix=UNPOOL9
# RUN: ds-opt %t.opset22.onnx | FileCheck %s --check-prefix=OPSET22
# RUN: not ds-opt %t.error-gs-mode16.onnx 2>&1 | FileCheck %s --check-prefix=GS-MODE16
# RUN: not ds-opt %t.error-gs-mode20.onnx 2>&1 | FileCheck %s --check-prefix=GS-MODE20
# RUN: not ds-opt %t.error-gs-padding.onnx 2>&1 | FileCheck %s --check-prefix=GS-PADDING
# RUN: not ds-opt %t.error-gs-rank.onnx 2>&1 | FileCheck %s --check-prefix=GS-RANK
# RUN: not ds-opt %t.error-gs-align.onnx 2>&1 | FileCheck %s --check-prefix=GS-ALIGN
# RUN: not ds-opt %t.error-roi-mode.onnx 2>&1 | FileCheck %s --check-prefix=ROI-MODE
# RUN: not ds-opt %t.error-roi-transform.onnx 2>&1 | FileCheck %s --check-prefix=ROI-TRANSFORM
# RUN: not ds-opt %t.error-roi-transform10.onnx 2>&1 | FileCheck %s --check-prefix=ROI-TRANSFORM10
# RUN: not ds-opt %t.error-maxroi-pooled.onnx 2>&1 | FileCheck %s --check-prefix=MAXROI-POOLED
# RUN: not ds-opt %t.error-unpool-kernel.onnx 2>&1 | FileCheck %s --check-prefix=UNPOOL-KERNEL
# RUN: not ds-opt %t.error-col2im-shape.onnx 2>&1 | FileCheck %s --check-prefix=COL2IM-SHAPE
# RUN: not ds-opt %t.error-convint-pad.onnx 2>&1 | FileCheck %s --check-prefix=CONVINT-PAD
# RUN: not ds-opt %t.error-deform-group.onnx 2>&1 | FileCheck %s --check-prefix=DEFORM-GROUP
# RUN: not ds-opt %t.error-qlconv-zp.onnx 2>&1 | FileCheck %s --check-prefix=QLCONV-ZP
import onnxruntime

from onnx_test_models import *

F = TensorProto.FLOAT
U8 = TensorProto.UINT8
I8 = TensorProto.INT8
I32 = TensorProto.INT32
I64 = TensorProto.INT64
rng = np.random.default_rng(0)

# Opset 16: bilinear (the default) and bicubic are ds's linear and cubic.
# GS16-LABEL: func.func @main
# GS16: ds.grid_sample %arg0, %arg1 : (tensor<?x3x8x8xf32>, tensor<?x4x5x2xf32>) -> tensor<?x3x4x5xf32>
# GS16: ds.grid_sample %arg0, %arg1 {align_corners = true, mode = "cubic", padding_mode = "border"} : (tensor<?x3x8x8xf32>, tensor<?x4x5x2xf32>) -> tensor<?x3x4x5xf32>
# GS16: ds.grid_sample %arg0, %arg1 {mode = "nearest", padding_mode = "reflection"}
save(out_path(".gridsample16.onnx"), [
    helper.make_node("GridSample", ["x", "g"], ["a"]),
    helper.make_node("GridSample", ["x", "g"], ["b"], mode="bicubic",
                     padding_mode="border", align_corners=1),
    helper.make_node("GridSample", ["x", "g"], ["c"], mode="nearest",
                     padding_mode="reflection"),
], [value("x", F, ["N", 3, 8, 8]), value("g", F, ["N", 4, 5, 2])],
   [value(n, F, ["N", 3, 4, 5]) for n in "abc"], opset=16)

# Opset 20: the new names and N-D inputs; an integer image.
# GS20-LABEL: func.func @main
# GS20: ds.grid_sample %arg0, %arg1 {mode = "nearest"} : (tensor<2x1x4x5x6xf32>, tensor<2x3x3x3x3xf32>) -> tensor<2x1x3x3x3xf32>
# GS20: ds.grid_sample %arg2, %arg3 : (tensor<1x2x7xi32>, tensor<1x5x1xf16>) -> tensor<1x2x5xi32>
save(out_path(".gridsample20.onnx"), [
    helper.make_node("GridSample", ["x", "g"], ["a"], mode="nearest"),
    helper.make_node("GridSample", ["xi", "gh"], ["b"], mode="linear"),
], [value("x", F, [2, 1, 4, 5, 6]), value("g", F, [2, 3, 3, 3, 3]),
    value("xi", I32, [1, 2, 7]), value("gh", TensorProto.FLOAT16, [1, 5, 1])],
   [value("a", F, [2, 1, 3, 3, 3]), value("b", I32, [1, 2, 5])], opset=20)

# AffineGrid: a constant size gives the spatial sizes; others are `?`.
# AFFINE-LABEL: func.func @main
# AFFINE: %[[SIZE:.*]] = ds.constant dense<[2, 3, 6, 4]> : tensor<4xi64>
# AFFINE: ds.affine_grid %arg0, %[[SIZE]] {align_corners = true} : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x6x4x2xf32>
# AFFINE: ds.affine_grid %arg1, %arg2 : (tensor<?x3x4xf32>, tensor<5xi64>) -> tensor<?x?x?x?x3xf32>
save(out_path(".affinegrid.onnx"), [
    helper.make_node("AffineGrid", ["t", "size"], ["a"], align_corners=1),
    helper.make_node("AffineGrid", ["t3", "s3"], ["b"]),
], [value("t", F, [2, 2, 3]), value("t3", F, ["N", 3, 4]), value("s3", I64, [5])],
   [value("a", F, [2, 6, 4, 2]), value("b", F, ["N", "D", "H", "W", 3])],
   [tensor("size", np.array([2, 3, 6, 4], np.int64))], opset=20)

# Opset 10 RoiAlign did not shift by half a pixel.
# ROI10-LABEL: func.func @main
# ROI10: ds.roi_align %arg0, %arg1, %arg2 {coordinate_transformation_mode = "output_half_pixel", mode = "max", output_height = 2 : i64, output_width = 3 : i64, sampling_ratio = 2 : i64, spatial_scale = 5.000000e-01 : f32} : (tensor<1x4x16x16xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4x2x3xf32>
save(out_path(".roialign10.onnx"), [
    helper.make_node("RoiAlign", ["x", "rois", "b"], ["y"], mode="max",
                     output_height=2, output_width=3, sampling_ratio=2,
                     spatial_scale=0.5),
], [value("x", F, [1, 4, 16, 16]), value("rois", F, ["R", 4]), value("b", I64, ["R"])],
   [value("y", F, ["R", 4, 2, 3])], opset=10)

# ROI16-LABEL: func.func @main
# ROI16: ds.roi_align %arg0, %arg1, %arg2 : (tensor<1x4x16x16xf32>, tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x4x1x1xf32>
# ROI16: ds.roi_align %arg0, %arg1, %arg2 {coordinate_transformation_mode = "output_half_pixel"}
save(out_path(".roialign16.onnx"), [
    helper.make_node("RoiAlign", ["x", "rois", "b"], ["y"]),
    helper.make_node("RoiAlign", ["x", "rois", "b"], ["z"],
                     coordinate_transformation_mode="output_half_pixel"),
], [value("x", F, [1, 4, 16, 16]), value("rois", F, [3, 4]), value("b", I64, [3])],
   [value("y", F, [3, 4, 1, 1]), value("z", F, [3, 4, 1, 1])], opset=16)

# MAXROI-LABEL: func.func @main
# MAXROI: ds.max_roi_pool %arg0, %arg1 {pooled_shape = array<i64: 2, 2>, spatial_scale = 2.500000e-01 : f32} : (tensor<1x3x8x8xf32>, tensor<?x5xf32>) -> tensor<?x3x2x2xf32>
# MAXROI: ds.max_roi_pool %arg0, %arg1 {pooled_shape = array<i64: 1, 3>} : (tensor<1x3x8x8xf32>, tensor<?x5xf32>) -> tensor<?x3x1x3xf32>
save(out_path(".maxroipool.onnx"), [
    helper.make_node("MaxRoiPool", ["x", "rois"], ["y"], pooled_shape=[2, 2],
                     spatial_scale=0.25),
    helper.make_node("MaxRoiPool", ["x", "rois"], ["z"], pooled_shape=[1, 3]),
], [value("x", F, [1, 3, 8, 8]), value("rois", F, ["R", 5])],
   [value("y", F, ["R", 3, 2, 2]), value("z", F, ["R", 3, 1, 3])], opset=12)

# MaxUnpool: output_shape stays an operand.
# UNPOOL-LABEL: func.func @main
# UNPOOL: %[[SHAPE:.*]] = ds.constant dense<[1, 2, 7, 6]> : tensor<4xi64>
# UNPOOL: ds.max_unpool %arg0, %arg1 {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>) -> tensor<1x2x5x5xf32>
# UNPOOL: ds.max_unpool %arg0, %arg1, %[[SHAPE]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>, tensor<4xi64>) -> tensor<1x2x7x6xf32>
save(out_path(".maxunpool.onnx"), [
    helper.make_node("MaxUnpool", ["x", "i"], ["y"], kernel_shape=[2, 2],
                     strides=[2, 2], pads=[0, 0, 1, 1]),
    helper.make_node("MaxUnpool", ["x", "i", "shape"], ["z"], kernel_shape=[2, 2],
                     strides=[2, 2]),
], [value("x", F, [1, 2, 3, 3]), value("i", I64, [1, 2, 3, 3])],
   [value("y", F, [1, 2, 5, 5]), value("z", F, [1, 2, 7, 6])],
   [tensor("shape", np.array([1, 2, 7, 6], np.int64))], opset=11)

# Opset 9 MaxUnpool reads the same.
# UNPOOL9-LABEL: func.func @main
# UNPOOL9: ds.max_unpool %arg0, %arg1 {kernel_shape = array<i64: 3>} : (tensor<2x1x4xf32>, tensor<2x1x4xi64>) -> tensor<2x1x6xf32>
save(out_path(".maxunpool9.onnx"), [
    helper.make_node("MaxUnpool", ["x", "i"], ["y"], kernel_shape=[3]),
], [value("x", F, [2, 1, 4]), value("i", I64, [2, 1, 4])],
   [value("y", F, [2, 1, 6])], opset=9)

# Col2Im: 3 channels of 2x2 blocks over a 5x5 image with stride 1 and
# dilation (2, 1): (5 - 3 + 1) * (5 - 2 + 1) = 12 blocks.
# COL2IM-LABEL: func.func @main
# COL2IM: ds.col2_im %arg0 {block_shape = array<i64: 2, 2>, dilations = array<i64: 2, 1>, image_shape = array<i64: 5, 5>} : (tensor<?x12x12xf32>) -> tensor<?x3x5x5xf32>
save(out_path(".col2im.onnx"), [
    helper.make_node("Col2Im", ["x", "image", "block"], ["y"], dilations=[2, 1]),
], [value("x", F, ["N", 12, 12])], [value("y", F, ["N", 3, 5, 5])],
   [tensor("image", np.array([5, 5], np.int64)),
    tensor("block", np.array([2, 2], np.int64))], opset=18)

# DeformConv: a mask without a bias, then a bias without a mask.
# DEFORM-LABEL: func.func @main
# DEFORM: ds.deform_conv %arg0, %{{.*}}, %arg1 mask %arg2 {offset_group = 2 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x6x6xf32>, tensor<2x4x3x3xf32>, tensor<1x36x6x6xf32>, tensor<1x18x6x6xf32>) -> tensor<1x2x6x6xf32>
# DEFORM: ds.deform_conv %arg0, %{{.*}}, %arg3 bias %{{.*}} {group = 2 : i64, strides = array<i64: 2, 2>} : (tensor<1x4x6x6xf32>, tensor<2x2x2x2xf32>, tensor<1x8x3x3xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
save(out_path(".deformconv.onnx"), [
    helper.make_node("DeformConv", ["x", "w", "off", "", "mask"], ["y"],
                     pads=[1, 1, 1, 1], offset_group=2),
    helper.make_node("DeformConv", ["x", "w2", "off2", "b"], ["z"],
                     strides=[2, 2], group=2),
], [value("x", F, [1, 4, 6, 6]), value("off", F, [1, 36, 6, 6]),
    value("mask", F, [1, 18, 6, 6]), value("off2", F, [1, 8, 3, 3])],
   [value("y", F, [1, 2, 6, 6]), value("z", F, [1, 2, 3, 3])],
   [tensor("w", np.zeros([2, 4, 3, 3], np.float32)),
    tensor("w2", np.zeros([2, 2, 2, 2], np.float32)),
    tensor("b", np.zeros([2], np.float32))], opset=19)

# ConvInteger: a weight zero point alone, and auto_pad as given.
# CONVINT-LABEL: func.func @main
# CONVINT: ds.conv_integer %arg0, %arg1 w_zero_point %arg2 {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : (tensor<1x3x7x7xui8>, tensor<4x3x3x3xi8>, tensor<4xi8>) -> tensor<1x4x4x4xi32>
# CONVINT: ds.conv_integer %arg0, %{{.*}} x_zero_point %arg3 {dilations = array<i64: 2, 2>, group = 3 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x7x7xui8>, tensor<3x1x3x3xi8>, tensor<ui8>) -> tensor<1x3x5x5xi32>
save(out_path(".convinteger.onnx"), [
    helper.make_node("ConvInteger", ["x", "w", "", "wz"], ["y"],
                     auto_pad="SAME_UPPER", strides=[2, 2]),
    helper.make_node("ConvInteger", ["x", "wd", "xz"], ["z"], group=3,
                     dilations=[2, 2], pads=[1, 1, 1, 1]),
], [value("x", U8, [1, 3, 7, 7]), value("w", I8, [4, 3, 3, 3]),
    value("wz", I8, [4]), value("xz", U8, [])],
   [value("y", I32, [1, 4, 4, 4]), value("z", I32, [1, 3, 5, 5])],
   [tensor("wd", np.zeros([3, 1, 3, 3], np.int8))], opset=10)

# QLinearConv: conv_integer, the bias in i32, then the requantization with
# per-channel weight scales.
# QLCONV-LABEL: func.func @main
# QLCONV: %[[ACC:.*]] = ds.conv_integer %arg0, %arg3 x_zero_point %arg2 w_zero_point %arg5 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x5x5xui8>, tensor<3x2x3x3xi8>, tensor<ui8>, tensor<3xi8>) -> tensor<1x3x5x5xi32>
# QLCONV: %[[B:.*]] = ds.unsqueeze %arg8 {axes = array<i64: 1, 2>} : (tensor<3xi32>) -> tensor<3x1x1xi32>
# QLCONV: %[[SUM:.*]] = ds.add %[[ACC]], %[[B]]
# QLCONV: %[[WS:.*]] = ds.unsqueeze %arg4 {axes = array<i64: 1, 2>} : (tensor<3xf32>) -> tensor<3x1x1xf32>
# QLCONV: %[[XW:.*]] = ds.mul %arg1, %[[WS]]
# QLCONV: %[[M:.*]] = ds.div %[[XW]], %arg6
# QLCONV: %[[F:.*]] = ds.cast %[[SUM]] : (tensor<1x3x5x5xi32>) -> tensor<1x3x5x5xf32>
# QLCONV: %[[S:.*]] = ds.mul %[[F]], %[[M]]
# QLCONV: %[[R:.*]] = ds.round %[[S]]
# QLCONV: %[[Z:.*]] = ds.cast %arg7 : (tensor<ui8>) -> tensor<f32>
# QLCONV: %[[A:.*]] = ds.add %[[R]], %[[Z]]
# QLCONV: %[[C:.*]] = ds.clip %[[A]]
# QLCONV: ds.cast %[[C]] : (tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xui8>
m = save(out_path(".qlinearconv.onnx"), [
    helper.make_node("QLinearConv",
                     ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], ["y"],
                     pads=[1, 1, 1, 1]),
], [value("x", U8, [1, 2, 5, 5]), value("xs", F, []), value("xz", U8, []),
    value("w", I8, [3, 2, 3, 3]), value("ws", F, [3]), value("wz", I8, [3]),
    value("ys", F, []), value("yz", U8, []), value("b", I32, [3])],
   [value("y", U8, [1, 3, 5, 5])], opset=10)


def conv2d_integer(x, w, pads):
    """The exact 2-D convolution of centered i32 operands (group 1)."""
    x = np.pad(x, [(0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])])
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    out = np.zeros([n, m, h - kh + 1, wd - kw + 1], np.int32)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            patch = x[:, :, i:i + kh, j:j + kw]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return out


# The formula the importer emits, transcribed, against onnxruntime.
feeds = {"x": rng.integers(0, 256, [1, 2, 5, 5]).astype(np.uint8),
         "xs": np.float32(0.03), "xz": np.uint8(110),
         "w": rng.integers(-128, 128, [3, 2, 3, 3]).astype(np.int8),
         "ws": np.array([0.01, 0.002, 0.02], np.float32),
         # onnxruntime wants symmetric (zero) weight zero points for int8.
         "wz": np.zeros([3], np.int8),
         "ys": np.float32(0.4), "yz": np.uint8(128),
         "b": rng.integers(-500, 500, [3]).astype(np.int32)}
model = onnx.ModelProto.FromString(m.SerializeToString())
model.ir_version = min(model.ir_version, 10)
session = onnxruntime.InferenceSession(model.SerializeToString(),
                                       providers=["CPUExecutionProvider"])
got = session.run(None, {k: np.asarray(v) for k, v in feeds.items()})[0]
acc = conv2d_integer(feeds["x"].astype(np.int32) - 110,
                     feeds["w"].astype(np.int32) - feeds["wz"][:, None, None, None],
                     [1, 1, 1, 1]) + feeds["b"][:, None, None]
multiplier = (np.float32(0.03) * feeds["ws"][:, None, None]) / np.float32(0.4)
want = np.clip(np.round(acc.astype(np.float32) * multiplier) + np.float32(128),
               0, 255).astype(np.uint8)
np.testing.assert_array_equal(got, want)

# Opset 22 added bfloat16 to GridSample, RoiAlign, MaxRoiPool, MaxUnpool and
# DeformConv; the conversions are unchanged.
# OPSET22-LABEL: func.func @main
# OPSET22: ds.grid_sample %arg0, %arg1 {mode = "cubic"} : (tensor<1x2x4x4xbf16>, tensor<1x3x3x2xbf16>) -> tensor<1x2x3x3xbf16>
# OPSET22: ds.roi_align %arg0, %arg2, %arg3 : (tensor<1x2x4x4xbf16>, tensor<5x4xbf16>, tensor<5xi64>) -> tensor<5x2x1x1xbf16>
# OPSET22: ds.max_roi_pool %arg0, %arg4 {pooled_shape = array<i64: 2, 2>} : (tensor<1x2x4x4xbf16>, tensor<5x5xbf16>) -> tensor<5x2x2x2xbf16>
# OPSET22: ds.max_unpool %arg0, %arg5 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xbf16>, tensor<1x2x4x4xi64>) -> tensor<1x2x8x8xbf16>
# OPSET22: ds.deform_conv %arg0, %arg6, %arg7 : (tensor<1x2x4x4xbf16>, tensor<3x2x1x1xbf16>, tensor<1x2x4x4xbf16>) -> tensor<1x3x4x4xbf16>
BF = TensorProto.BFLOAT16
save(out_path(".opset22.onnx"), [
    helper.make_node("GridSample", ["x", "g"], ["a"], mode="cubic"),
    helper.make_node("RoiAlign", ["x", "rois", "b"], ["c"]),
    helper.make_node("MaxRoiPool", ["x", "rois5"], ["d"], pooled_shape=[2, 2]),
    helper.make_node("MaxUnpool", ["x", "i"], ["e"], kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("DeformConv", ["x", "w", "off"], ["f"]),
], [value("x", BF, [1, 2, 4, 4]), value("g", BF, [1, 3, 3, 2]),
    value("rois", BF, [5, 4]), value("b", I64, [5]), value("rois5", BF, [5, 5]),
    value("i", I64, [1, 2, 4, 4]), value("w", BF, [3, 2, 1, 1]),
    value("off", BF, [1, 2, 4, 4])],
   [value("a", BF, [1, 2, 3, 3]), value("c", BF, [5, 2, 1, 1]),
    value("d", BF, [5, 2, 2, 2]), value("e", BF, [1, 2, 8, 8]),
    value("f", BF, [1, 3, 4, 4])], opset=22)

# Unsupported attribute values are errors at the node, one model each.
# GS-MODE16: error: node #0 'n' (op GridSample, domain ai.onnx, opset 16): unsupported mode 'linear' (expected bilinear, nearest or bicubic)
# GS-MODE20: error: node #0 'n' (op GridSample, domain ai.onnx, opset 20): unsupported mode 'bilinear' (expected linear, nearest or cubic)
# GS-PADDING: error: node #0 'n' (op GridSample, domain ai.onnx, opset 20): unsupported padding_mode 'wrap' (expected zeros, border or reflection)
# GS-RANK: error: node #0 'n' (op GridSample, domain ai.onnx, opset 16): X must be 4-D before opset 20, got rank 5
# GS-ALIGN: error: node #0 'n' (op GridSample, domain ai.onnx, opset 20): attribute 'align_corners' must be 0 or 1, got 2
# ROI-MODE: error: node #0 'n' (op RoiAlign, domain ai.onnx, opset 16): unsupported mode 'min' (expected avg or max)
# ROI-TRANSFORM: error: node #0 'n' (op RoiAlign, domain ai.onnx, opset 16): unsupported coordinate_transformation_mode 'align_corners' (expected half_pixel or output_half_pixel)
# ROI-TRANSFORM10: error: node #0 'n' (op RoiAlign, domain ai.onnx, opset 10): attribute 'coordinate_transformation_mode' is not defined before opset 16
# MAXROI-POOLED: error: node #0 'n' (op MaxRoiPool, domain ai.onnx, opset 16): attribute 'pooled_shape' is required
# UNPOOL-KERNEL: error: node #0 'n' (op MaxUnpool, domain ai.onnx, opset 16): attribute 'kernel_shape' is required
# COL2IM-SHAPE: error: node #0 'n' (op Col2Im, domain ai.onnx, opset 18): image_shape (input #1) must be a constant: ds takes it as an attribute
# CONVINT-PAD: error: node #0 'n' (op ConvInteger, domain ai.onnx, opset 10): attribute 'pads' may not be given with auto_pad VALID
# QLCONV-ZP: error: node #0 'n' (op QLinearConv, domain ai.onnx, opset 10): y_zero_point must be int8 or uint8, got 'i32'
# DEFORM-GROUP: error: node #0 'n' (op DeformConv, domain ai.onnx, opset 19): cannot convert to 'ds.deform_conv': input channels (4) must be divisible by offset_group (3)
X4 = value("x", F, [1, 4, 6, 6])
errors = {
    "gs-mode16": ("GridSample", ["x", "x"], dict(mode="linear"), [X4], 16),
    "gs-mode20": ("GridSample", ["x", "x"], dict(mode="bilinear"), [X4], 20),
    "gs-padding": ("GridSample", ["x", "x"], dict(padding_mode="wrap"), [X4], 20),
    "gs-rank": ("GridSample", ["x", "x"], {}, [value("x", F, [1, 1, 2, 2, 2])], 16),
    "gs-align": ("GridSample", ["x", "x"], dict(align_corners=2), [X4], 20),
    "roi-mode": ("RoiAlign", ["x", "x", "x"], dict(mode="min"), [X4], 16),
    "roi-transform": ("RoiAlign", ["x", "x", "x"],
                      dict(coordinate_transformation_mode="align_corners"), [X4], 16),
    "roi-transform10": ("RoiAlign", ["x", "x", "x"],
                        dict(coordinate_transformation_mode="half_pixel"), [X4], 10),
    "maxroi-pooled": ("MaxRoiPool", ["x", "x"], {}, [X4], 16),
    "unpool-kernel": ("MaxUnpool", ["x", "x"], {}, [X4], 16),
    "col2im-shape": ("Col2Im", ["x", "s", "s"], {}, [X4, value("s", I64, [2])], 18),
    "convint-pad": ("ConvInteger", ["x", "x"], dict(auto_pad="VALID", pads=[1, 1, 1, 1]),
                    [value("x", U8, [1, 1, 3, 3])], 10),
    "deform-group": ("DeformConv", ["x", "w", "x"], dict(offset_group=3), [X4], 19),
    "qlconv-zp": ("QLinearConv", ["u", "s", "u", "u", "s", "u", "s", "z"], {},
                  [value("u", U8, [1, 1, 3, 3]), value("s", F, []), value("z", I32, [])], 10),
}
for name, (op, inputs, attrs, graph_inputs, opset) in errors.items():
    save(out_path(".error-%s.onnx" % name),
         [helper.make_node(op, inputs, ["y"], name="n", **attrs)],
         graph_inputs, [value("y", F, None)],
         [tensor("w", np.zeros([2, 4, 1, 1], np.float32))], opset=opset, check=False)
