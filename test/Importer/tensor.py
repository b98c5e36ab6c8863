# Shape, reshape, concat/split, slice/pad and broadcast ONNX ops map onto
# the ds Tensor family. Attributes of old opsets that later became inputs
# (Squeeze/Unsqueeze axes, Split sizes, Slice bounds, Pad amounts) are
# normalized: bounds and amounts become constant operands, axes and split
# sizes the ds attributes (which then need a constant input).
# RUN: %python %s %t && ds-opt %t.shape.onnx | FileCheck %s --check-prefix=SHAPE
# RUN: ds-opt %t.reshape13.onnx | FileCheck %s --check-prefix=RESHAPE13
# RUN: ds-opt %t.reshape14.onnx | FileCheck %s --check-prefix=RESHAPE14
# RUN: ds-opt %t.squeeze11.onnx | FileCheck %s --check-prefix=SQUEEZE11
# RUN: ds-opt %t.squeeze13.onnx | FileCheck %s --check-prefix=SQUEEZE13
# RUN: ds-opt %t.concat.onnx | FileCheck %s --check-prefix=CONCAT
# RUN: ds-opt %t.split11.onnx | FileCheck %s --check-prefix=SPLIT11
# RUN: ds-opt %t.split13.onnx | FileCheck %s --check-prefix=SPLIT13
# RUN: ds-opt %t.split18.onnx | FileCheck %s --check-prefix=SPLIT18
# RUN: ds-opt %t.slice9.onnx | FileCheck %s --check-prefix=SLICE9
# RUN: ds-opt %t.slice13.onnx | FileCheck %s --check-prefix=SLICE13
# RUN: ds-opt %t.pad7.onnx | FileCheck %s --check-prefix=PAD7
# RUN: ds-opt %t.pad13.onnx | FileCheck %s --check-prefix=PAD13
# RUN: ds-opt %t.pad19.onnx | FileCheck %s --check-prefix=PAD19
# RUN: ds-opt %t.expand.onnx | FileCheck %s --check-prefix=EXPAND
# RUN: ds-opt %t.chain.onnx | FileCheck %s --check-prefix=CHAIN
# RUN: ds-opt --canonicalize %t.static-chain.onnx | FileCheck %s --check-prefix=STATIC-CHAIN
# RUN: ds-opt --canonicalize --ds-infer-shapes %t.static-chain.onnx | FileCheck %s --check-prefix=STATIC-TYPES
# RUN: ds-opt %t.runtime-axes.onnx | FileCheck %s --check-prefix=RUNTIME-AXES
# RUN: ds-opt %t.runtime-split.onnx | FileCheck %s --check-prefix=RUNTIME-SPLIT
# RUN: not ds-opt %t.split-count.onnx 2>&1 | FileCheck %s --check-prefix=SPLIT-COUNT
# RUN: not ds-opt %t.pad-mode.onnx 2>&1 | FileCheck %s --check-prefix=PAD-MODE
# RUN: not ds-opt %t.wrap18.onnx 2>&1 | FileCheck %s --check-prefix=WRAP18
from onnx_test_models import *

F, I64 = TensorProto.FLOAT, TensorProto.INT64

# Shape with start/end (opset 15), Size, Flatten, Transpose, Tile.
# SHAPE-LABEL: func.func @main
# SHAPE: ds.shape %arg0 : (tensor<?x3x4xf32>) -> tensor<3xi64>
# SHAPE: ds.shape %arg0 {end = -1 : i64, start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
# SHAPE: ds.size %arg0 : (tensor<?x3x4xf32>) -> tensor<i64>
# SHAPE: ds.flatten %arg0 {axis = 2 : i64} : (tensor<?x3x4xf32>) -> tensor<?x4xf32>
# SHAPE: ds.flatten %arg0 : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
# SHAPE: ds.transpose %arg0 {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
# SHAPE: ds.transpose %arg0 : (tensor<?x3x4xf32>) -> tensor<4x3x?xf32>
# SHAPE: ds.tile %arg0, %{{.*}} : (tensor<?x3x4xf32>, tensor<3xi64>) -> tensor<?x6x4xf32>
save(out_path(".shape.onnx"), [
    helper.make_node("Shape", ["x"], ["s"]),
    helper.make_node("Shape", ["x"], ["s2"], start=1, end=-1),
    helper.make_node("Size", ["x"], ["n"]),
    helper.make_node("Flatten", ["x"], ["f2"], axis=2),
    helper.make_node("Flatten", ["x"], ["f1"]),
    helper.make_node("Transpose", ["x"], ["t"], perm=[2, 0, 1]),
    helper.make_node("Transpose", ["x"], ["r"]),
    helper.make_node("Tile", ["x", "reps"], ["tiled"]),
], [value("x", F, ["N", 3, 4])],
   [value("s", I64, [3]), value("s2", I64, [1]), value("n", I64, []),
    value("f2", F, [None, 4]), value("f1", F, [None, 12]),
    value("t", F, [4, None, 3]), value("r", F, [4, 3, None]),
    value("tiled", F, [None, 6, 4])],
   [tensor("reps", np.array([1, 2, 1], np.int64))], opset=15)

# Reshape: no allowzero before opset 14.
# RESHAPE13: ds.reshape %arg0, %{{.*}} : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x12xf32>
save(out_path(".reshape13.onnx"), [
    helper.make_node("Reshape", ["x", "shape"], ["y"]),
], [value("x", F, ["N", 3, 4])], [value("y", F, [None, 12])],
   [tensor("shape", np.array([0, 12], np.int64))], opset=13)

# RESHAPE14: ds.reshape %arg0, %{{.*}} {allowzero = true} : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<3x?xf32>
save(out_path(".reshape14.onnx"), [
    helper.make_node("Reshape", ["x", "shape"], ["y"], allowzero=1),
], [value("x", F, ["N", 3, 4])], [value("y", F, [3, None])],
   [tensor("shape", np.array([3, -1], np.int64))], opset=14)

# Squeeze/Unsqueeze axes: attributes before opset 13...
# SQUEEZE11-LABEL: func.func @main
# SQUEEZE11: %[[S:.*]] = ds.squeeze %arg0 {axes = array<i64: -1>} : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
# SQUEEZE11: ds.unsqueeze %[[S]] {axes = array<i64: 0, 3>} : (tensor<?x3xf32>) -> tensor<1x?x3x1xf32>
save(out_path(".squeeze11.onnx"), [
    helper.make_node("Squeeze", ["x"], ["s"], axes=[-1]),
    helper.make_node("Unsqueeze", ["s"], ["y"], axes=[0, 3]),
], [value("x", F, ["N", 3, 1])], [value("y", F, [1, None, 3, 1])], opset=11)

# ... constant inputs since; Squeeze without axes removes every unit
# dimension.
# SQUEEZE13-LABEL: func.func @main
# SQUEEZE13: %[[S:.*]] = ds.squeeze %arg0 {axes = array<i64: 2>} : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
# SQUEEZE13: ds.unsqueeze %[[S]] {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?x1x3xf32>
# SQUEEZE13: ds.squeeze %arg1 : (tensor<1x2x1xf32>) -> tensor<2xf32>
save(out_path(".squeeze13.onnx"), [
    helper.make_node("Squeeze", ["x", "two"], ["s"]),
    helper.make_node("Unsqueeze", ["s", "one"], ["y"]),
    helper.make_node("Squeeze", ["z"], ["all"]),
], [value("x", F, ["N", 3, 1]), value("z", F, [1, 2, 1])],
   [value("y", F, [None, 1, 3]), value("all", F, [2])],
   [tensor("two", np.array([2], np.int64)),
    tensor("one", np.array([1], np.int64))], opset=13)

# CONCAT: ds.concat %arg0, %arg1 {axis = -1 : i64} : (tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<?x8xf32>
save(out_path(".concat.onnx"), [
    helper.make_node("Concat", ["a", "b"], ["y"], axis=-1),
], [value("a", F, ["N", 3]), value("b", F, ["N", 5])],
   [value("y", F, [None, 8])], opset=7)

# Split sizes: an attribute before opset 13; without sizes, even pieces.
# SPLIT11-LABEL: func.func @main
# SPLIT11: ds.split %arg0 {axis = 1 : i64, split = array<i64: 2, 4>} : (tensor<?x6xf32>) -> (tensor<?x2xf32>, tensor<?x4xf32>)
# SPLIT11: ds.split %arg0 {axis = 1 : i64, num_outputs = 3 : i64} : (tensor<?x6xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x2xf32>)
save(out_path(".split11.onnx"), [
    helper.make_node("Split", ["x"], ["a", "b"], axis=1, split=[2, 4]),
    helper.make_node("Split", ["x"], ["c", "d", "e"], axis=1),
], [value("x", F, ["N", 6])],
   [value(n, F, [None, None]) for n in "abcde"], opset=11)

# A constant input since opset 13.
# SPLIT13-LABEL: func.func @main
# SPLIT13: ds.split %arg0 {split = array<i64: 1, 3>} : (tensor<4x2xf32>) -> (tensor<1x2xf32>, tensor<3x2xf32>)
# SPLIT13: ds.split %arg0 {num_outputs = 2 : i64} : (tensor<4x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
save(out_path(".split13.onnx"), [
    helper.make_node("Split", ["x", "sizes"], ["a", "b"]),
    helper.make_node("Split", ["x"], ["c", "d"]),
], [value("x", F, [4, 2])], [value(n, F, [None, 2]) for n in "abcd"],
   [tensor("sizes", np.array([1, 3], np.int64))], opset=13)

# num_outputs (opset 18) with uneven pieces; unused outputs are still results.
# SPLIT18: ds.split %arg0 {num_outputs = 3 : i64} : (tensor<7xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<1xf32>)
save(out_path(".split18.onnx"), [
    helper.make_node("Split", ["x"], ["a", "", "c"], num_outputs=3),
], [value("x", F, [7])], [value("a", F, [3]), value("c", F, [1])], opset=18)

# Slice bounds: attributes before opset 10 (no steps)...
# SLICE9-LABEL: func.func @main
# SLICE9-DAG: %[[B:.*]] = ds.constant dense<1> : tensor<1xi64>
# SLICE9-DAG: %[[E:.*]] = ds.constant dense<-1> : tensor<1xi64>
# SLICE9: ds.slice %arg0, %[[B]], %[[E]] {axes = array<i64: 1>} : (tensor<?x8xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x6xf32>
save(out_path(".slice9.onnx"), [
    helper.make_node("Slice", ["x"], ["y"], starts=[1], ends=[-1], axes=[1]),
], [value("x", F, ["N", 8])], [value("y", F, [None, 6])], opset=9)

# ... inputs since, with constant axes and optional steps.
# SLICE13-LABEL: func.func @main
# SLICE13: ds.slice %arg0, %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: -1>} : (tensor<?x8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x4xf32>
# SLICE13: ds.slice %arg0, %arg1, %arg2 : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>
save(out_path(".slice13.onnx"), [
    helper.make_node("Slice", ["x", "b", "e", "ax", "st"], ["y"]),
    helper.make_node("Slice", ["x", "starts", "ends"], ["z"]),
], [value("x", F, ["N", 8]), value("starts", I64, [2]),
    value("ends", I64, [2])],
   [value("y", F, [None, 4]), value("z", F, [None, None])],
   [tensor("b", np.array([7], np.int32)), tensor("e", np.array([0], np.int32)),
    tensor("ax", np.array([-1], np.int32)),
    tensor("st", np.array([-2], np.int32))], opset=13)

# Pad amounts and fill value: attributes before opset 11.
# PAD7-LABEL: func.func @main
# PAD7-DAG: %[[P:.*]] = ds.constant dense<[0, 1, 0, 2]> : tensor<4xi64>
# PAD7-DAG: %[[V:.*]] = ds.constant dense<1.500000e+00> : tensor<f32>
# PAD7: ds.pad %arg0, %[[P]], %[[V]] : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) -> tensor<2x6xf32>
# PAD7: ds.pad %arg0, %{{.*}} {mode = "reflect"} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x6xf32>
save(out_path(".pad7.onnx"), [
    helper.make_node("Pad", ["x"], ["y"], pads=[0, 1, 0, 2], value=1.5),
    helper.make_node("Pad", ["x"], ["z"], pads=[0, 1, 0, 2], mode="reflect"),
], [value("x", F, [2, 3])], [value("y", F, [2, 6]), value("z", F, [2, 6])],
   opset=7)

# Inputs since opset 11 (the fill value only in constant mode).
# PAD13-LABEL: func.func @main
# PAD13: ds.pad %arg0, %arg1, %arg2 : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) -> tensor<?x?xf32>
# PAD13: ds.pad %arg0, %arg1 {mode = "edge"} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<?x?xf32>
save(out_path(".pad13.onnx"), [
    helper.make_node("Pad", ["x", "p", "v"], ["y"]),
    helper.make_node("Pad", ["x", "p", "v"], ["z"], mode="edge"),
], [value("x", F, [2, 3]), value("p", I64, [4]), value("v", F, [])],
   [value("y", F, [None, None]), value("z", F, [None, None])], opset=13)

# Constant axes (opset 18) and wrap (opset 19).
# PAD19: ds.pad %arg0, %{{.*}} {axes = array<i64: 1>, mode = "wrap"} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x5xf32>
save(out_path(".pad19.onnx"), [
    helper.make_node("Pad", ["x", "p", "", "ax"], ["y"], mode="wrap"),
], [value("x", F, [2, 3])], [value("y", F, [2, 5])],
   [tensor("p", np.array([1, 1], np.int64)),
    tensor("ax", np.array([1], np.int64))], opset=19)

# EXPAND: ds.expand %arg0, %{{.*}} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
save(out_path(".expand.onnx"), [
    helper.make_node("Expand", ["x", "shape"], ["y"]),
], [value("x", F, [3, 1])], [value("y", F, [2, 3, 4])],
   [tensor("shape", np.array([2, 1, 4], np.int64))], opset=8)

# The shape arithmetic exporters produce: the leading size of x, joined
# with a constant, reshapes x (here with Slice and Concat).
# CHAIN-LABEL: func.func @main
# CHAIN: %[[S:.*]] = ds.shape %arg0 : (tensor<?x3x4xf32>) -> tensor<3xi64>
# CHAIN: %[[N:.*]] = ds.slice %[[S]], %{{.*}}, %{{.*}} {axes = array<i64: 0>} : (tensor<3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
# CHAIN: %[[C:.*]] = ds.concat %[[N]], %{{.*}} {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
# CHAIN: ds.reshape %arg0, %[[C]] : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
chain = [
    helper.make_node("Shape", ["x"], ["s"]),
    helper.make_node("Slice", ["s", "zero", "one", "zero"], ["n"]),
    helper.make_node("Concat", ["n", "twelve"], ["shape"], axis=0),
    helper.make_node("Reshape", ["x", "shape"], ["y"]),
]
chain_consts = [tensor("zero", np.array([0], np.int64)),
                tensor("one", np.array([1], np.int64)),
                tensor("twelve", np.array([12], np.int64))]
save(out_path(".chain.onnx"), chain, [value("x", F, ["N", 3, 4])],
     [value("y", F, [None, None])], chain_consts, opset=13)

# With static sizes the whole chain folds to a constant shape, and the
# shape inference pass then gives the reshape its static type.
# STATIC-CHAIN-LABEL: func.func @main
# STATIC-CHAIN-NOT: ds.shape
# STATIC-CHAIN-NOT: ds.slice
# STATIC-CHAIN-NOT: ds.concat
# STATIC-CHAIN: %[[C:.*]] = ds.constant dense<[2, 12]> : tensor<2xi64>
# STATIC-CHAIN: ds.reshape %{{.*}}, %[[C]] : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
# STATIC-TYPES-LABEL: func.func @main
# STATIC-TYPES-SAME: -> (tensor<2x12xf32> {ds.name = "y"})
# STATIC-TYPES: ds.reshape %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
save(out_path(".static-chain.onnx"),
     [helper.make_node("Relu", ["x"], ["x0"])] + [
         helper.make_node(n.op_type, [("x0" if i == "x" else i) for i in n.input],
                          list(n.output), **{a.name: helper.get_attribute_value(a)
                                             for a in n.attribute})
         for n in chain],
     [value("x", F, [2, 3, 4])], [value("y", F, [None, None])], chain_consts,
     opset=13)

# Unsqueeze axes computed at run time: a reshape to rank 2 whose sizes are
# 1 where listed and the next input size elsewhere.
# RUNTIME-AXES-LABEL: func.func @main(
# RUNTIME-AXES: ds.equal
# RUNTIME-AXES: ds.reshape %arg0, %{{.*}} {allowzero = true} : (tensor<3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
save(out_path(".runtime-axes.onnx"), [
    helper.make_node("Unsqueeze", ["x", "axes"], ["y"]),
], [value("x", F, [3]), value("axes", I64, [1])], [value("y", F, [None, None])],
   opset=13)

# Split sizes computed at run time: each output is a slice from the sum of
# the sizes before it.
# RUNTIME-SPLIT-LABEL: func.func @main(
# RUNTIME-SPLIT: %[[A:.*]] = ds.slice %arg0, %{{.*}}, %[[END:.*]] {axes = array<i64: 0>} : (tensor<4xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xf32>
# RUNTIME-SPLIT: %[[B:.*]] = ds.slice %arg0, %[[END]], %{{.*}} {axes = array<i64: 0>}
# RUNTIME-SPLIT: return %[[A]], %[[B]]
save(out_path(".runtime-split.onnx"), [
    helper.make_node("Split", ["x", "sizes"], ["a", "b"]),
], [value("x", F, [4]), value("sizes", I64, [2])],
   [value("a", F, [None]), value("b", F, [None])], opset=13)

# SPLIT-COUNT: split-count.onnx: error: node #0 (op Split, domain ai.onnx, opset 18): num_outputs is 3 but the node has 2 outputs
save(out_path(".split-count.onnx"), [
    helper.make_node("Split", ["x"], ["a", "b"], num_outputs=3),
], [value("x", F, [6])], [value("a", F, [None]), value("b", F, [None])],
   opset=18, check=False)

# PAD-MODE: pad-mode.onnx: error: node #0 (op Pad, domain ai.onnx, opset 19): mode 'symmetric' is not supported (expected 'constant', 'reflect', 'edge', 'wrap')
save(out_path(".pad-mode.onnx"), [
    helper.make_node("Pad", ["x", "p"], ["y"], mode="symmetric"),
], [value("x", F, [2])], [value("y", F, [None])],
   [tensor("p", np.array([1, 1], np.int64))], opset=19)

# WRAP18: wrap18.onnx: error: node #0 (op Pad, domain ai.onnx, opset 18): mode 'wrap' is not supported (expected 'constant', 'reflect', 'edge')
save(out_path(".wrap18.onnx"), [
    helper.make_node("Pad", ["x", "p"], ["y"], mode="wrap"),
], [value("x", F, [2])], [value("y", F, [None])],
   [tensor("p", np.array([1, 1], np.int64))], opset=18)
