# CumSum, CumProd, ReverseSequence, NonZero, Compress, Unique, TensorScatter,
# BitCast, Det and NonMaxSuppression. The constant axis input of the
# cumulative ops becomes the ds attribute; Compress becomes ds.non_zero and
# ds.gather; NonMaxSuppression's absent max_output_boxes_per_class and
# iou_threshold become their default constants.
# RUN: %python %s %t && ds-opt %t.cumsum11.onnx | FileCheck %s --check-prefix=CUMSUM11
# RUN: ds-opt %t.cumsum14.onnx | FileCheck %s --check-prefix=CUMSUM14
# RUN: ds-opt %t.cumprod26.onnx | FileCheck %s --check-prefix=CUMPROD26
# RUN: ds-opt %t.reverse10.onnx | FileCheck %s --check-prefix=REVERSE10
# RUN: ds-opt %t.reverse28.onnx | FileCheck %s --check-prefix=REVERSE28
# RUN: ds-opt %t.nonzero9.onnx | FileCheck %s --check-prefix=NONZERO9
# RUN: ds-opt %t.nonzero13.onnx | FileCheck %s --check-prefix=NONZERO13
# RUN: ds-opt %t.compress9.onnx | FileCheck %s --check-prefix=COMPRESS9
# RUN: ds-opt %t.compress11.onnx | FileCheck %s --check-prefix=COMPRESS11
# RUN: ds-opt %t.compress28.onnx | FileCheck %s --check-prefix=COMPRESS28
# RUN: ds-opt %t.unique11.onnx | FileCheck %s --check-prefix=UNIQUE11
# RUN: ds-opt %t.unique28.onnx | FileCheck %s --check-prefix=UNIQUE28
# RUN: ds-opt %t.scatter24.onnx | FileCheck %s --check-prefix=SCATTER24
# RUN: ds-opt %t.bitcast26.onnx | FileCheck %s --check-prefix=BITCAST26
# RUN: ds-opt %t.det11.onnx | FileCheck %s --check-prefix=DET11
# RUN: ds-opt %t.det22.onnx | FileCheck %s --check-prefix=DET22
# RUN: ds-opt %t.nms10.onnx | FileCheck %s --check-prefix=NMS10
# RUN: ds-opt %t.nms11.onnx | FileCheck %s --check-prefix=NMS11
# RUN: ds-opt %t.runtime-axis.onnx | FileCheck %s --check-prefix=RUNTIME-AXIS
# RUN: not ds-opt %t.bad-exclusive.onnx 2>&1 | FileCheck %s --check-prefix=BAD-EXCLUSIVE
# RUN: not ds-opt %t.bad-time-axis.onnx 2>&1 | FileCheck %s --check-prefix=BAD-TIME-AXIS
# RUN: not ds-opt %t.bad-condition.onnx 2>&1 | FileCheck %s --check-prefix=BAD-CONDITION
# RUN: not ds-opt %t.long-condition.onnx 2>&1 | FileCheck %s --check-prefix=LONG-CONDITION
# RUN: not ds-opt %t.bad-sorted.onnx 2>&1 | FileCheck %s --check-prefix=BAD-SORTED
# RUN: not ds-opt %t.bad-unique-axis.onnx 2>&1 | FileCheck %s --check-prefix=BAD-UNIQUE-AXIS
# RUN: not ds-opt %t.bad-scatter-mode.onnx 2>&1 | FileCheck %s --check-prefix=BAD-SCATTER-MODE
# RUN: not ds-opt %t.bad-bitcast.onnx 2>&1 | FileCheck %s --check-prefix=BAD-BITCAST
# RUN: not ds-opt %t.bad-center.onnx 2>&1 | FileCheck %s --check-prefix=BAD-CENTER
from onnx_test_models import *

F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL
F16, BF16 = TensorProto.FLOAT16, TensorProto.BFLOAT16
x = value("x", F, ["N", 8])

# CumSum (opset 11): the axis, a constant input, becomes the attribute.
# CUMSUM11-LABEL: func.func @main
# CUMSUM11: ds.cum_sum %arg0 {axis = 1 : i64} : (tensor<?x8xf32>) -> tensor<?x8xf32>
# CUMSUM11: ds.cum_sum %arg0 {axis = -1 : i64, exclusive = true, reverse = true} : (tensor<?x8xf32>) -> tensor<?x8xf32>
save(out_path(".cumsum11.onnx"), [
    helper.make_node("CumSum", ["x", "one"], ["a"]),
    helper.make_node("CumSum", ["x", "last"], ["b"], exclusive=1, reverse=1),
], [x], [value("a", F, ["N", 8]), value("b", F, ["N", 8])],
   [tensor("one", np.array(1, np.int32)),
    tensor("last", np.array([-1], np.int64))], opset=11)

# Opset 14 adds float16 and bfloat16.
# CUMSUM14-LABEL: func.func @main
# CUMSUM14: ds.cum_sum %arg0 {axis = 0 : i64} : (tensor<3x4xbf16>) -> tensor<3x4xbf16>
save(out_path(".cumsum14.onnx"), [
    helper.make_node("CumSum", ["h", "zero"], ["y"]),
], [value("h", BF16, [3, 4])], [value("y", BF16, [3, 4])],
   [tensor("zero", np.array(0, np.int64))], opset=14)

# CUMPROD26-LABEL: func.func @main
# CUMPROD26: ds.cum_prod %arg0 {axis = 1 : i64, exclusive = true} : (tensor<?x8xf32>) -> tensor<?x8xf32>
save(out_path(".cumprod26.onnx"), [
    helper.make_node("CumProd", ["x", "one"], ["y"], exclusive=1),
], [x], [value("y", F, ["N", 8])],
   [tensor("one", np.array(1, np.int64))], opset=26)

# REVERSE10-LABEL: func.func @main
# REVERSE10: ds.reverse_sequence %arg0, %arg1 : (tensor<5x?x3xf32>, tensor<?xi64>) -> tensor<5x?x3xf32>
# REVERSE10: ds.reverse_sequence %arg2, %arg1 {batch_axis = 0 : i64, time_axis = 1 : i64} : (tensor<?x5xi32>, tensor<?xi64>) -> tensor<?x5xi32>
save(out_path(".reverse10.onnx"), [
    helper.make_node("ReverseSequence", ["s", "lens"], ["a"]),
    helper.make_node("ReverseSequence", ["t", "lens"], ["b"], batch_axis=0,
                     time_axis=1),
], [value("s", F, [5, "B", 3]), value("lens", I64, ["B"]),
    value("t", TensorProto.INT32, ["B", 5])],
   [value("a", F, [5, "B", 3]), value("b", TensorProto.INT32, ["B", 5])],
   opset=10)

# Opset 28 adds bfloat16.
# REVERSE28-LABEL: func.func @main
# REVERSE28: ds.reverse_sequence %arg0, %arg1 : (tensor<5x2xbf16>, tensor<2xi64>) -> tensor<5x2xbf16>
save(out_path(".reverse28.onnx"), [
    helper.make_node("ReverseSequence", ["s", "lens"], ["y"]),
], [value("s", BF16, [5, 2]), value("lens", I64, [2])],
   [value("y", BF16, [5, 2])], opset=28)

# NONZERO9-LABEL: func.func @main
# NONZERO9: ds.non_zero %arg0 : (tensor<?x8xf32>) -> tensor<2x?xi64>
# NONZERO9: ds.non_zero %arg1 : (tensor<4xi1>) -> tensor<1x?xi64>
save(out_path(".nonzero9.onnx"), [
    helper.make_node("NonZero", ["x"], ["a"]),
    helper.make_node("NonZero", ["m"], ["b"]),
], [x, value("m", B, [4])], [value("a", I64, [2, None]), value("b", I64, [1, None])],
   opset=9)

# Opset 13 adds bfloat16.
# NONZERO13-LABEL: func.func @main
# NONZERO13: ds.non_zero %arg0 : (tensor<bf16>) -> tensor<0x?xi64>
save(out_path(".nonzero13.onnx"), [
    helper.make_node("NonZero", ["h"], ["y"]),
], [value("h", BF16, [])], [value("y", I64, [0, None])], opset=13)

# Compress gathers at the positions of the true conditions; without an axis
# from the flattened input.
# COMPRESS9-LABEL: func.func @main
# COMPRESS9: %[[NZ:.*]] = ds.non_zero %arg1 : (tensor<?xi1>) -> tensor<1x?xi64>
# COMPRESS9: %[[P:.*]] = ds.squeeze %[[NZ]] {axes = array<i64: 0>} : (tensor<1x?xi64>) -> tensor<?xi64>
# COMPRESS9: ds.gather %arg0, %[[P]] {axis = 1 : i64} : (tensor<?x8xf32>, tensor<?xi64>) -> tensor<?x?xf32>
# COMPRESS9: %[[NZ2:.*]] = ds.non_zero %arg1
# COMPRESS9: %[[P2:.*]] = ds.squeeze %[[NZ2]]
# COMPRESS9: %[[FLAT:.*]] = ds.reshape %arg0, %{{.*}} : (tensor<?x8xf32>, tensor<1xi64>) -> tensor<?xf32>
# COMPRESS9: ds.gather %[[FLAT]], %[[P2]] : (tensor<?xf32>, tensor<?xi64>) -> tensor<?xf32>
save(out_path(".compress9.onnx"), [
    helper.make_node("Compress", ["x", "c"], ["a"], axis=1),
    helper.make_node("Compress", ["x", "c"], ["b"]),
], [x, value("c", B, ["K"])], [value("a", F, ["N", None]), value("b", F, [None])],
   opset=9)

# Opset 11 allows a negative axis.
# COMPRESS11-LABEL: func.func @main
# COMPRESS11: ds.gather %arg0, %{{.*}} {axis = -2 : i64} : (tensor<?x8xf32>, tensor<?xi64>) -> tensor<?x8xf32>
save(out_path(".compress11.onnx"), [
    helper.make_node("Compress", ["x", "c"], ["y"], axis=-2),
], [x, value("c", B, ["K"])], [value("y", F, [None, 8])], opset=11)

# Opset 28 adds bfloat16.
# COMPRESS28-LABEL: func.func @main
# COMPRESS28: ds.gather %arg0, %{{.*}} : (tensor<4x2xbf16>, tensor<?xi64>) -> tensor<?x2xbf16>
save(out_path(".compress28.onnx"), [
    helper.make_node("Compress", ["h", "c"], ["y"], axis=0),
], [value("h", BF16, [4, 2]), value("c", B, [4])], [value("y", BF16, [None, 2])],
   opset=28)

# Every ds.unique has four results; the node binds those it names.
# UNIQUE11-LABEL: func.func @main
# UNIQUE11: %[[Y:.*]], %[[I:.*]], %[[INV:.*]], %[[N:.*]] = ds.unique %arg0 {sorted = false} : (tensor<?x8xf32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
# UNIQUE11: %[[Y2:.*]], %{{.*}}, %[[INV2:.*]], %{{.*}} = ds.unique %arg0 {axis = 1 : i64} : (tensor<?x8xf32>) -> (tensor<?x?xf32>, tensor<?xi64>, tensor<8xi64>, tensor<?xi64>)
# UNIQUE11: return %[[Y]], %[[I]], %[[INV]], %[[N]], %[[Y2]], %[[INV2]]
save(out_path(".unique11.onnx"), [
    helper.make_node("Unique", ["x"], ["y", "i", "inv", "n"], sorted=0),
    helper.make_node("Unique", ["x"], ["y2", "", "inv2"], axis=1),
], [x], [value("y", F, [None]), value("i", I64, [None]), value("inv", I64, [None]),
         value("n", I64, [None]), value("y2", F, ["N", None]),
         value("inv2", I64, [8])], opset=11)

# Opset 28 adds bfloat16.
# UNIQUE28-LABEL: func.func @main
# UNIQUE28: ds.unique %arg0 : (tensor<3xbf16>) -> (tensor<?xbf16>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>)
save(out_path(".unique28.onnx"), [
    helper.make_node("Unique", ["h"], ["y"]),
], [value("h", BF16, [3])], [value("y", BF16, [None])], opset=28)

# SCATTER24-LABEL: func.func @main
# SCATTER24: ds.tensor_scatter %arg0, %arg1, %arg2 {mode = "circular"} : (tensor<2x4x16x8xf16>, tensor<2x4x1x8xf16>, tensor<2xi64>) -> tensor<2x4x16x8xf16>
# SCATTER24: ds.tensor_scatter %arg0, %arg1 {axis = 2 : i64} : (tensor<2x4x16x8xf16>, tensor<2x4x1x8xf16>) -> tensor<2x4x16x8xf16>
save(out_path(".scatter24.onnx"), [
    helper.make_node("TensorScatter", ["past", "new", "pos"], ["a"],
                     mode="circular"),
    helper.make_node("TensorScatter", ["past", "new"], ["b"], axis=2),
], [value("past", F16, [2, 4, 16, 8]), value("new", F16, [2, 4, 1, 8]),
    value("pos", I64, [2])],
   [value("a", F16, [2, 4, 16, 8]), value("b", F16, [2, 4, 16, 8])], opset=24)

# `to` becomes the result's element type; a bool is a byte.
# BITCAST26-LABEL: func.func @main
# BITCAST26: ds.bit_cast %arg0 : (tensor<?x8xf32>) -> tensor<?x8xi32>
# BITCAST26: ds.bit_cast %arg1 : (tensor<3xi1>) -> tensor<3xui8>
save(out_path(".bitcast26.onnx"), [
    helper.make_node("BitCast", ["x"], ["a"], to=TensorProto.INT32),
    helper.make_node("BitCast", ["m"], ["b"], to=TensorProto.UINT8),
], [x, value("m", B, [3])],
   [value("a", TensorProto.INT32, ["N", 8]), value("b", TensorProto.UINT8, [3])],
   opset=26)

# DET11-LABEL: func.func @main
# DET11: ds.det %arg0 : (tensor<?x3x3xf32>) -> tensor<?xf32>
save(out_path(".det11.onnx"), [
    helper.make_node("Det", ["m"], ["d"]),
], [value("m", F, ["N", 3, 3])], [value("d", F, ["N"])], opset=11)

# Opset 22 adds bfloat16.
# DET22-LABEL: func.func @main
# DET22: ds.det %arg0 : (tensor<2x2xbf16>) -> tensor<bf16>
save(out_path(".det22.onnx"), [
    helper.make_node("Det", ["m"], ["d"]),
], [value("m", BF16, [2, 2])], [value("d", BF16, [])], opset=22)

boxes = value("boxes", F, [1, "N", 4])
scores = value("scores", F, [1, 3, "N"])

# Absent inputs: max_output_boxes_per_class and iou_threshold are 0 (then
# nothing is selected); no score threshold.
# NMS10-LABEL: func.func @main
# NMS10-DAG: %[[MAX:.*]] = ds.constant dense<0> : tensor<i64>
# NMS10-DAG: %[[IOU:.*]] = ds.constant dense<0.000000e+00> : tensor<f32>
# NMS10: ds.non_max_suppression %arg0, %arg1, %[[MAX]], %[[IOU]] : (tensor<1x?x4xf32>, tensor<1x3x?xf32>, tensor<i64>, tensor<f32>) -> tensor<0x3xi64>
save(out_path(".nms10.onnx"), [
    helper.make_node("NonMaxSuppression", ["boxes", "scores"], ["sel"]),
], [boxes, scores], [value("sel", I64, [None, 3])], opset=10)

# NMS11-LABEL: func.func @main
# NMS11: ds.non_max_suppression %arg0, %arg1, %arg2, %arg3, %arg4 {center_point_box = true} : (tensor<1x?x4xf32>, tensor<1x3x?xf32>, tensor<1xi64>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x3xi64>
# NMS11: %[[IOU:.*]] = ds.constant dense<0.000000e+00> : tensor<f32>
# NMS11: ds.non_max_suppression %arg0, %arg1, %arg2, %[[IOU]], %arg4 : (tensor<1x?x4xf32>, tensor<1x3x?xf32>, tensor<1xi64>, tensor<f32>, tensor<1xf32>) -> tensor<?x3xi64>
save(out_path(".nms11.onnx"), [
    helper.make_node("NonMaxSuppression",
                     ["boxes", "scores", "max", "iou", "score"], ["a"],
                     center_point_box=1),
    helper.make_node("NonMaxSuppression",
                     ["boxes", "scores", "max", "", "score"], ["b"]),
], [boxes, scores, value("max", I64, [1]), value("iou", F, [1]),
    value("score", F, [1])],
   [value("a", I64, [None, 3]), value("b", I64, [None, 3])], opset=11)

# CumSum along an axis computed at run time: the scan along each axis,
# selected by the axis.
# RUNTIME-AXIS-LABEL: func.func @main(
# RUNTIME-AXIS: %[[C0:.*]] = ds.cum_sum %arg0 {axis = 0 : i64}
# RUNTIME-AXIS: %[[C1:.*]] = ds.cum_sum %arg0 {axis = 1 : i64}
# RUNTIME-AXIS: %[[Y:.*]] = ds.where %{{.*}}, %[[C1]], %[[C0]]
# RUNTIME-AXIS: return %[[Y]]
save(out_path(".runtime-axis.onnx"), [
    helper.make_node("CumSum", ["x", "axis"], ["y"], name="c"),
], [x, value("axis", I64, [])], [value("y", F, ["N", 8])], opset=14)

# BAD-EXCLUSIVE: bad-exclusive.onnx: error: node #0 (op CumSum, domain ai.onnx, opset 14): attribute 'exclusive' must be 0 or 1, got 2
save(out_path(".bad-exclusive.onnx"), [
    helper.make_node("CumSum", ["x", "one"], ["y"], exclusive=2),
], [x], [value("y", F, ["N", 8])], [tensor("one", np.array(1, np.int64))],
   opset=14)

# BAD-TIME-AXIS: bad-time-axis.onnx: error: node #0 (op ReverseSequence, domain ai.onnx, opset 10): cannot convert to 'ds.reverse_sequence': {{.*}}time_axis must be 0 or 1, got 2
save(out_path(".bad-time-axis.onnx"), [
    helper.make_node("ReverseSequence", ["s", "lens"], ["y"], time_axis=2),
], [value("s", F, [5, 2, 3]), value("lens", I64, [2])], [value("y", F, [5, 2, 3])],
   opset=10, check=False)

# BAD-CONDITION: bad-condition.onnx: error: node #0 (op Compress, domain ai.onnx, opset 11): condition must have rank 1, got 2
save(out_path(".bad-condition.onnx"), [
    helper.make_node("Compress", ["x", "c"], ["y"], axis=0),
], [x, value("c", B, [2, 2])], [value("y", F, [None, 8])], opset=11, check=False)

# LONG-CONDITION: long-condition.onnx: error: node #0 (op Compress, domain ai.onnx, opset 11): condition has 17 entries for 16 elements
save(out_path(".long-condition.onnx"), [
    helper.make_node("Compress", ["x", "c"], ["y"]),
], [value("x", F, [2, 8]), value("c", B, [17])], [value("y", F, [None])],
   opset=11)

# BAD-SORTED: bad-sorted.onnx: error: node #0 (op Unique, domain ai.onnx, opset 11): attribute 'sorted' must be 0 or 1, got -1
save(out_path(".bad-sorted.onnx"), [
    helper.make_node("Unique", ["x"], ["y"], sorted=-1),
], [x], [value("y", F, [None])], opset=11)

# BAD-UNIQUE-AXIS: bad-unique-axis.onnx: error: node #0 (op Unique, domain ai.onnx, opset 11): cannot convert to 'ds.unique': axis 2 is out of range for rank 2
save(out_path(".bad-unique-axis.onnx"), [
    helper.make_node("Unique", ["x"], ["y"], axis=2),
], [x], [value("y", F, None)], opset=11, check=False)

# BAD-SCATTER-MODE: bad-scatter-mode.onnx: error: node #0 (op TensorScatter, domain ai.onnx, opset 24): cannot convert to 'ds.tensor_scatter': {{.*}}mode must be "linear" or "circular", got "wrap"
save(out_path(".bad-scatter-mode.onnx"), [
    helper.make_node("TensorScatter", ["past", "new"], ["y"], mode="wrap"),
], [value("past", F, [2, 16, 8]), value("new", F, [2, 1, 8])],
   [value("y", F, [2, 16, 8])], opset=24, check=False)

# BAD-BITCAST: bad-bitcast.onnx: error: node #0 (op BitCast, domain ai.onnx, opset 26): BitCast needs types of the same width, got f32 (32 bits) to f16 (16 bits)
save(out_path(".bad-bitcast.onnx"), [
    helper.make_node("BitCast", ["x"], ["y"], to=F16),
], [x], [value("y", F16, ["N", 8])], opset=26, check=False)

# BAD-CENTER: bad-center.onnx: error: node #0 (op NonMaxSuppression, domain ai.onnx, opset 11): attribute 'center_point_box' must be 0 or 1, got 2
save(out_path(".bad-center.onnx"), [
    helper.make_node("NonMaxSuppression", ["boxes", "scores"], ["y"],
                     center_point_box=2),
], [boxes, scores], [value("y", I64, [None, 3])], opset=11)
