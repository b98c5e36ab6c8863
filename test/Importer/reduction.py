# Reductions, ArgMax/ArgMin and TopK. The axes of the reductions, an
# attribute before opset 13 (ReduceSum) or 18 (the others) and a constant
# input since, become the ds attribute; an empty list is dropped. TopK's k,
# an attribute before opset 10, becomes a constant operand.
# RUN: %python %s %t && ds-opt %t.reduce11.onnx | FileCheck %s --check-prefix=REDUCE11
# RUN: ds-opt %t.reduce13.onnx | FileCheck %s --check-prefix=REDUCE13
# RUN: ds-opt %t.reduce18.onnx | FileCheck %s --check-prefix=REDUCE18
# RUN: ds-opt %t.bool20.onnx | FileCheck %s --check-prefix=BOOL20
# RUN: ds-opt %t.arg.onnx | FileCheck %s --check-prefix=ARG
# RUN: ds-opt %t.topk9.onnx | FileCheck %s --check-prefix=TOPK9
# RUN: ds-opt %t.topk11.onnx | FileCheck %s --check-prefix=TOPK11
# RUN: ds-opt %t.runtime-axes.onnx | FileCheck %s --check-prefix=RUNTIME-AXES
# RUN: not ds-opt %t.runtime-axes-unknown.onnx 2>&1 | FileCheck %s --check-prefix=RUNTIME-UNKNOWN
# RUN: not ds-opt %t.bad-axis.onnx 2>&1 | FileCheck %s --check-prefix=BAD-AXIS
# RUN: not ds-opt %t.topk-no-k.onnx 2>&1 | FileCheck %s --check-prefix=TOPK-NO-K
from onnx_test_models import *

F, I64 = TensorProto.FLOAT, TensorProto.INT64
x = value("x", F, ["N", 8, 4])

# Axes as attributes; without axes every axis is reduced.
# REDUCE11-LABEL: func.func @main
# REDUCE11: ds.reduce_sum %arg0 {axes = array<i64: 1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?x4xf32>
# REDUCE11: ds.reduce_mean %arg0 : (tensor<?x8x4xf32>) -> tensor<1x1x1xf32>
# REDUCE11: ds.reduce_log_sum_exp %arg0 {axes = array<i64: -1, 0>} : (tensor<?x8x4xf32>) -> tensor<1x8x1xf32>
save(out_path(".reduce11.onnx"), [
    helper.make_node("ReduceSum", ["x"], ["s"], axes=[1], keepdims=0),
    helper.make_node("ReduceMean", ["x"], ["m"]),
    helper.make_node("ReduceLogSumExp", ["x"], ["l"], axes=[-1, 0]),
], [x], [value("s", F, [None, 4]), value("m", F, [1, 1, 1]),
         value("l", F, [1, 8, 1])], opset=11)

# Opset 13: ReduceSum takes axes as an input (with noop_with_empty_axes);
# the others keep the attribute until opset 18.
# REDUCE13-LABEL: func.func @main
# REDUCE13: ds.reduce_sum %arg0 {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
# REDUCE13: ds.reduce_sum %arg0 {noop_with_empty_axes = true} : (tensor<?x8x4xf32>) -> tensor<?x8x4xf32>
# REDUCE13: ds.reduce_max %arg0 {axes = array<i64: 0>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<8x4xf32>
save(out_path(".reduce13.onnx"), [
    helper.make_node("ReduceSum", ["x", "two"], ["s"]),
    helper.make_node("ReduceSum", ["x"], ["n"], noop_with_empty_axes=1),
    helper.make_node("ReduceMax", ["x"], ["m"], axes=[0], keepdims=0),
], [x], [value("s", F, [None, 8, 1]), value("n", F, [None, 8, 4]),
         value("m", F, [8, 4])],
   [tensor("two", np.array([2], np.int64))], opset=13)

# Opset 18: every reduction takes axes as an input; an empty one is dropped.
# REDUCE18-LABEL: func.func @main
# REDUCE18: ds.reduce_sum %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_mean %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_max %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_min %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_prod %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_l1 %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_l2 %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_log_sum %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_log_sum_exp %arg0 {axes = array<i64: 1>, keepdims = false}
# REDUCE18: ds.reduce_sum_square %arg0 {axes = array<i64: 1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?x4xf32>
# REDUCE18: ds.reduce_mean %arg0 {noop_with_empty_axes = true} : (tensor<?x8x4xf32>) -> tensor<?x8x4xf32>
# REDUCE18: ds.reduce_max %arg0 : (tensor<?x8x4xf32>) -> tensor<1x1x1xf32>
ops = ["ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
       "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
       "ReduceSumSquare"]
save(out_path(".reduce18.onnx"), [
    helper.make_node(op, ["x", "one"], [op], keepdims=0) for op in ops
] + [
    helper.make_node("ReduceMean", ["x", "none"], ["id"],
                     noop_with_empty_axes=1),
    helper.make_node("ReduceMax", ["x", "none"], ["all"]),
], [x], [value(op, F, [None, 4]) for op in ops] +
   [value("id", F, [None, 8, 4]), value("all", F, [1, 1, 1])],
   [tensor("one", np.array([1], np.int64)),
    tensor("none", np.array([], np.int64))], opset=18)

# Booleans (opset 20) are reduced as 0 and 1.
# BOOL20-LABEL: func.func @main
# BOOL20: %[[W:.*]] = ds.cast %arg0 : (tensor<3x2xi1>) -> tensor<3x2xi8>
# BOOL20: %[[R:.*]] = ds.reduce_max %[[W]] {axes = array<i64: 1>} : (tensor<3x2xi8>) -> tensor<3x1xi8>
# BOOL20: ds.cast %[[R]] : (tensor<3x1xi8>) -> tensor<3x1xi1>
save(out_path(".bool20.onnx"), [
    helper.make_node("ReduceMax", ["b", "one"], ["y"]),
], [value("b", TensorProto.BOOL, [3, 2])], [value("y", TensorProto.BOOL, [3, 1])],
   [tensor("one", np.array([1], np.int64))], opset=20)

# select_last_index since opset 12.
# ARG-LABEL: func.func @main
# ARG: ds.arg_max %arg0 {axis = 1 : i64} : (tensor<?x8x4xf32>) -> tensor<?x1x4xi64>
# ARG: ds.arg_min %arg0 {axis = -1 : i64, keepdims = false, select_last_index = true} : (tensor<?x8x4xf32>) -> tensor<?x8xi64>
save(out_path(".arg.onnx"), [
    helper.make_node("ArgMax", ["x"], ["a"], axis=1),
    helper.make_node("ArgMin", ["x"], ["b"], axis=-1, keepdims=0,
                     select_last_index=1),
], [x], [value("a", I64, [None, 1, 4]), value("b", I64, [None, 8])], opset=12)

# k as an attribute before opset 10.
# TOPK9-LABEL: func.func @main
# TOPK9: %[[K:.*]] = ds.constant dense<3> : tensor<1xi64>
# TOPK9: ds.top_k %arg0, %[[K]] {axis = 1 : i64} : (tensor<?x8x4xf32>, tensor<1xi64>) -> (tensor<?x3x4xf32>, tensor<?x3x4xi64>)
save(out_path(".topk9.onnx"), [
    helper.make_node("TopK", ["x"], ["v", "i"], k=3, axis=1),
], [x], [value("v", F, [None, 3, 4]), value("i", I64, [None, 3, 4])], opset=9)

# An input since; largest and sorted since opset 11.
# TOPK11-LABEL: func.func @main
# TOPK11: ds.top_k %arg0, %arg1 {largest = false, sorted = false} : (tensor<?x8x4xf32>, tensor<1xi64>) -> (tensor<?x8x?xf32>, tensor<?x8x?xi64>)
save(out_path(".topk11.onnx"), [
    helper.make_node("TopK", ["x", "k"], ["v", "i"], largest=0, sorted=0),
], [x, value("k", I64, [1])],
   [value("v", F, [None, 8, None]), value("i", I64, [None, 8, None])],
   opset=11)

# Axes computed at run time: normalized, one reduction per axis selected by
# whether it is listed, then one element of each run.
# RUNTIME-AXES-LABEL: func.func @main(
# RUNTIME-AXES-SAME: %[[AXES:arg1]]: tensor<1xi64> {ds.name = "axes"}
# RUNTIME-AXES: %[[NEG:.*]] = ds.less %[[AXES]]
# RUNTIME-AXES: %[[NORM:.*]] = ds.where %[[NEG]]
# RUNTIME-AXES: ds.equal %[[NORM]]
# RUNTIME-AXES: %[[P:.*]] = ds.pad %arg0
# RUNTIME-AXES: %[[R0:.*]] = ds.reduce_sum %[[P]] {axes = array<i64: 0>}
# RUNTIME-AXES: %[[Y0:.*]] = ds.where %{{.*}}, %[[R0]], %[[P]]
# RUNTIME-AXES: ds.reduce_sum %[[Y0]] {axes = array<i64: 1>}
# RUNTIME-AXES: ds.reduce_sum %{{.*}} {axes = array<i64: 2>}
# RUNTIME-AXES: ds.slice {{.*}} {axes = array<i64: 0, 1, 2>} : (tensor<?x?x?xf32>, tensor<3xi64>, tensor<3xi64>) -> tensor<?x?x?xf32>
# RUNTIME-AXES: return {{.*}} : tensor<?x?x?xf32>
save(out_path(".runtime-axes.onnx"), [
    helper.make_node("ReduceSum", ["x", "axes"], ["y"], name="r"),
], [x, value("axes", I64, [1])], [value("y", F, [None, None, None])],
   opset=13)

# RUNTIME-UNKNOWN: runtime-axes-unknown.onnx: error: node #0 'r' (op ReduceSum, domain ai.onnx, opset 13): axes (input #1) is computed at run time, which needs it to be a scalar or a 1-D tensor of known length
save(out_path(".runtime-axes-unknown.onnx"), [
    helper.make_node("ReduceSum", ["x", "axes"], ["y"], name="r"),
], [x, value("axes", I64, [None])], [value("y", F, [None, None, None])],
   opset=13)

# BAD-AXIS: bad-axis.onnx: error: node #0 (op ReduceL2, domain ai.onnx, opset 11): cannot convert to 'ds.reduce_l2': {{.*}}axes
save(out_path(".bad-axis.onnx"), [
    helper.make_node("ReduceL2", ["x"], ["y"], axes=[3]),
], [x], [value("y", F, [None, None, None])], opset=11)

# TOPK-NO-K: topk-no-k.onnx: error: node #0 (op TopK, domain ai.onnx, opset 9): attribute 'k' is required
save(out_path(".topk-no-k.onnx"), [
    helper.make_node("TopK", ["x"], ["v", "i"]),
], [x], [value("v", F, [None, None, None]), value("i", I64, [None, None, None])],
   opset=9, check=False)
