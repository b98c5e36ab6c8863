// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// A reshape that merges dimensions is a collapse_shape.
// CHECK-LABEL: func.func @reshape_collapse
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0], [1, 2]] : tensor<2x3x4xf32> into tensor<2x12xf32>
// CHECK-NOT: ds.reshape
func.func @reshape_collapse(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  %s = ds.constant dense<[2, 12]> : tensor<2xi64>
  %0 = ds.reshape %x, %s : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// A reshape that splits dimensions is an expand_shape, also with a dynamic
// size.
// CHECK-LABEL: func.func @reshape_expand_dynamic
// CHECK: tensor.expand_shape %arg0 {{\[}}[0], [1, 2]] output_shape [%{{.*}}, 12, 64] : tensor<?x768xf32> into tensor<?x12x64xf32>
func.func @reshape_expand_dynamic(%x: tensor<?x768xf32>) -> tensor<?x12x64xf32> {
  %s = ds.constant dense<[0, 12, 64]> : tensor<3xi64>
  %0 = ds.reshape %x, %s : (tensor<?x768xf32>, tensor<3xi64>) -> tensor<?x12x64xf32>
  return %0 : tensor<?x12x64xf32>
}

// -----

// Without a grouping, static reshapes go through 1-D.
// CHECK-LABEL: func.func @reshape_regroup
// CHECK: %[[F:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
func.func @reshape_regroup(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %s = ds.constant dense<[3, 2]> : tensor<2xi64>
  %0 = ds.reshape %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// A reshape to two dynamic sizes: the sizes come from the shape operand at
// run time (0 copies the input size, -1 takes the element count over the
// product of the others), then a tensor.reshape.
// CHECK-LABEL: func.func @reshape_runtime
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1 : i64
// CHECK: %[[S0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[Z0:.*]] = arith.cmpi eq, %[[S0]], %[[ZERO]] : i64
// CHECK: %[[D0:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf32>
// CHECK: %[[D0I:.*]] = arith.index_cast %[[D0]] : index to i64
// CHECK: %[[A0:.*]] = arith.select %[[Z0]], %[[D0I]], %[[S0]] : i64
// CHECK: %[[S1:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[TOTAL:.*]] = arith.muli %{{.*}}, %[[C3]] : i64
// CHECK: arith.cmpi eq, %[[A0]], %[[MONE]] : i64
// CHECK: %[[KNOWN:.*]] = arith.muli
// CHECK: %[[KNOWN1:.*]] = arith.maxsi %[[KNOWN]]
// CHECK: %[[INF:.*]] = arith.divsi %[[TOTAL]], %[[KNOWN1]] : i64
// CHECK: %[[F:.*]] = tensor.from_elements %{{.*}}, %{{.*}} : tensor<2xi64>
// CHECK: tensor.reshape %arg0(%[[F]]) : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
func.func @reshape_runtime(%x: tensor<?x3xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = ds.reshape %x, %s : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0], [1, 2, 3]] : tensor<?x512x1x1xf32> into tensor<?x512xf32>
func.func @flatten(%x: tensor<?x512x1x1xf32>) -> tensor<?x512xf32> {
  %0 = ds.flatten %x {axis = 1 : i64} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
  return %0 : tensor<?x512xf32>
}

// -----

// Flatten at axis 0: everything collapses into one dimension, then a
// leading size-1 dimension; with dynamic sizes too.
// CHECK-LABEL: func.func @flatten_axis0
// CHECK: %[[F:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2]] : tensor<2x?x4xf32> into tensor<?xf32>
// CHECK: %[[D:.*]] = tensor.dim %[[F]], %{{.*}} : tensor<?xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [1, %[[D]]] : tensor<?xf32> into tensor<1x?xf32>
func.func @flatten_axis0(%x: tensor<2x?x4xf32>) -> tensor<1x?xf32> {
  %0 = ds.flatten %x {axis = 0 : i64} : (tensor<2x?x4xf32>) -> tensor<1x?xf32>
  return %0 : tensor<1x?xf32>
}

// -----

// Flatten of several dynamic sizes: the grouping comes from the axis.
// CHECK-LABEL: func.func @flatten_dynamic
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0, 1], [2, 3]] : tensor<?x?x?x?xf32> into tensor<?x?xf32>
func.func @flatten_dynamic(%x: tensor<?x?x?x?xf32>) -> tensor<?x?xf32> {
  %0 = ds.flatten %x {axis = 2 : i64} : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: %[[S:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2, 3]] : tensor<1x4x3x1xf32> into tensor<4x3xf32>
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0, 1], [2, 3]] output_shape [1, 4, 3, 1] : tensor<4x3xf32> into tensor<1x4x3x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<1x4x3x1xf32>) -> tensor<1x4x3x1xf32> {
  %0 = ds.squeeze %x {axes = array<i64: 0, 3>} : (tensor<1x4x3x1xf32>) -> tensor<4x3xf32>
  %1 = ds.unsqueeze %0 {axes = array<i64: 0, -1>} : (tensor<4x3xf32>) -> tensor<1x4x3x1xf32>
  return %1 : tensor<1x4x3x1xf32>
}

// -----

// Squeezing a dynamic size: a cast makes it 1 (ONNX requires it), then the
// collapse; unsqueezing a dynamic tensor keeps its sizes.
// CHECK-LABEL: func.func @squeeze_unsqueeze_dynamic
// CHECK: %[[C:.*]] = tensor.cast %arg0 : tensor<?x?x?xf32> to tensor<?x1x?xf32>
// CHECK: %[[S:.*]] = tensor.collapse_shape %[[C]] {{\[}}[0], [1, 2]] : tensor<?x1x?xf32> into tensor<?x?xf32>
// CHECK: %[[D0:.*]] = tensor.dim %[[S]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[D1:.*]] = tensor.dim %[[S]], %{{.*}} : tensor<?x?xf32>
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0], [1, 2]] output_shape [%[[D0]], %[[D1]], 1] : tensor<?x?xf32> into tensor<?x?x1xf32>
func.func @squeeze_unsqueeze_dynamic(%x: tensor<?x?x?xf32>) -> tensor<?x?x1xf32> {
  %0 = ds.squeeze %x {axes = array<i64: 1>} : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %1 = ds.unsqueeze %0 {axes = array<i64: 2>} : (tensor<?x?xf32>) -> tensor<?x?x1xf32>
  return %1 : tensor<?x?x1xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x128x12x64xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x12x128x64xf32>
// CHECK: linalg.transpose ins(%arg0 : tensor<?x128x12x64xf32>) outs(%[[E]] : tensor<?x12x128x64xf32>) permutation = [0, 2, 1, 3]
func.func @transpose(%x: tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32> {
  %0 = ds.transpose %x {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
  return %0 : tensor<?x12x128x64xf32>
}

// -----

// Without perm the dimensions reverse.
// CHECK-LABEL: func.func @transpose_reverse
// CHECK: linalg.transpose ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x3x2xf32>) permutation = [2, 1, 0]
func.func @transpose_reverse(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = ds.transpose %x : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: tensor.concat dim(1) %arg0, %arg1 : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
func.func @concat(%a: tensor<?x2xf32>, %b: tensor<?x3xf32>) -> tensor<?x5xf32> {
  %0 = ds.concat %a, %b {axis = -1 : i64} : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// Bounds count from the back and are clamped; other dimensions keep their
// dynamic size.
// CHECK-LABEL: func.func @slice
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x10xf32>
// CHECK: tensor.extract_slice %arg0[0, 1] {{\[}}%[[D]], 5] [1, 2] : tensor<?x10xf32> to tensor<?x5xf32>
func.func @slice(%x: tensor<?x10xf32>) -> tensor<?x5xf32> {
  %st = ds.constant dense<[-9]> : tensor<1xi64>
  %en = ds.constant dense<[100]> : tensor<1xi64>
  %sp = ds.constant dense<[2]> : tensor<1xi64>
  %0 = ds.slice %x, %st, %en, %sp {axes = array<i64: 1>} : (tensor<?x10xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// A negative step: a linalg.generic extracting at start + i * step.
// CHECK-DAG: #[[V:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @slice_reverse
// CHECK-DAG: %[[START:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[STEP:.*]] = arith.constant -1 : index
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[V]]], iterator_types = ["parallel"]} outs(%[[E]] : tensor<4xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[M:.*]] = arith.muli %[[I]], %[[STEP]] : index
// CHECK: %[[P:.*]] = arith.addi %[[START]], %[[M]] : index
// CHECK: tensor.extract %arg0[%[[P]]] : tensor<4xf32>
func.func @slice_reverse(%x: tensor<4xf32>) -> tensor<4xf32> {
  %st = ds.constant dense<[-1]> : tensor<1xi64>
  %en = ds.constant dense<[-5]> : tensor<1xi64>
  %sp = ds.constant dense<[-1]> : tensor<1xi64>
  %0 = ds.slice %x, %st, %en, %sp : (tensor<4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Bounds known at run time: normalized in i64 (from the back, clamped by
// the sign of the step), count = max(ceildiv(end - start, step), 0); the
// unsliced dimension reads the loop index directly.
// CHECK-LABEL: func.func @slice_runtime
// CHECK: %[[ST:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xi32>
// CHECK: arith.extsi %[[ST]] : i32 to i64
// CHECK: %[[SP:.*]] = tensor.extract %arg3[%{{.*}}] : tensor<1xi32>
// CHECK: %[[STEP:.*]] = arith.extsi %[[SP]] : i32 to i64
// CHECK: %[[UP:.*]] = arith.cmpi sgt, %[[STEP]]
// CHECK: %[[Z:.*]] = arith.cmpi eq, %[[STEP]]
// CHECK: %[[DIV:.*]] = arith.select %[[Z]], %{{.*}}, %[[STEP]] : i64
// CHECK: %[[N:.*]] = arith.ceildivsi %{{.*}}, %[[DIV]] : i64
// CHECK: arith.maxsi %[[N]]
// CHECK: linalg.generic
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[I1:.*]] = linalg.index 1 : index
// CHECK: %[[M:.*]] = arith.muli %[[I1]]
// CHECK: %[[P:.*]] = arith.addi %{{.*}}, %[[M]] : index
// CHECK: tensor.extract %arg0[%[[I0]], %[[P]]] : tensor<?x8xf32>
func.func @slice_runtime(%x: tensor<?x8xf32>, %st: tensor<1xi32>, %en: tensor<1xi32>, %sp: tensor<1xi32>) -> tensor<?x?xf32> {
  %0 = ds.slice %x, %st, %en, %sp {axes = array<i64: -1>} : (tensor<?x8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @pad
// CHECK: %[[V:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK: tensor.pad %arg0 low[0, 1] high[2, 0]
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<2x3xf32> to tensor<4x4xf32>
func.func @pad(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<4x4xf32> {
  %p = ds.constant dense<[0, 1, 2, 0]> : tensor<4xi64>
  %0 = ds.pad %x, %p, %v {mode = "constant"} : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// Without a value the padding is zero; only the listed axes pad.
// CHECK-LABEL: func.func @pad_axes
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: tensor.pad %arg0 low[0, 2] high[0, 1]
// CHECK: tensor.yield %[[Z]] : i32
func.func @pad_axes(%x: tensor<2x3xi32>) -> tensor<2x6xi32> {
  %p = ds.constant dense<[2, 1]> : tensor<2xi64>
  %0 = ds.pad %x, %p {axes = array<i64: -1>} : (tensor<2x3xi32>, tensor<2xi64>) -> tensor<2x6xi32>
  return %0 : tensor<2x6xi32>
}

// -----

// Reflect: each result index maps back into the input, mirrored without
// repeating the border (period 2 * (size - 1)); unpadded dimensions read
// the loop index.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @pad_reflect
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[LAST:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[PERIOD:.*]] = arith.constant 4 : i64
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel"]} outs(%[[E]] : tensor<2x5xf32>)
// CHECK: %[[I0:.*]] = linalg.index 0
// CHECK: %[[I1:.*]] = linalg.index 1
// CHECK: %[[J:.*]] = arith.index_cast %[[I1]] : index to i64
// CHECK: %[[K:.*]] = arith.subi %[[J]], %[[ONE]] : i64
// CHECK: %[[R:.*]] = arith.remsi %[[K]], %[[PERIOD]] : i64
// CHECK: arith.cmpi slt, %[[R]], %[[ZERO]]
// CHECK: %[[RR:.*]] = arith.select
// CHECK: %[[IN:.*]] = arith.cmpi sle, %[[RR]], %[[LAST]]
// CHECK: %[[MIR:.*]] = arith.subi %[[PERIOD]], %[[RR]]
// CHECK: %[[SEL:.*]] = arith.select %[[IN]], %[[RR]], %[[MIR]]
// CHECK: %[[SRC:.*]] = arith.minsi %[[SEL]], %[[LAST]]
// CHECK: %[[SI:.*]] = arith.index_cast %[[SRC]] : i64 to index
// CHECK: tensor.extract %arg0[%[[I0]], %[[SI]]] : tensor<2x3xf32>
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %p = ds.constant dense<[0, 1, 0, 1]> : tensor<4xi64>
  %0 = ds.pad %x, %p {mode = "reflect"} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Edge clamps the index; wrap takes the non-negative remainder.
// CHECK-LABEL: func.func @pad_edge_wrap
// CHECK: linalg.generic
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract %arg0
// CHECK: linalg.generic
// CHECK: arith.remsi
// CHECK: arith.cmpi slt
// CHECK: arith.select
// CHECK: tensor.extract %arg0
func.func @pad_edge_wrap(%x: tensor<3xf32>) -> (tensor<6xf32>, tensor<6xf32>) {
  %p = ds.constant dense<[2, 1]> : tensor<2xi64>
  %0 = ds.pad %x, %p {mode = "edge"} : (tensor<3xf32>, tensor<2xi64>) -> tensor<6xf32>
  %1 = ds.pad %x, %p {mode = "wrap"} : (tensor<3xf32>, tensor<2xi64>) -> tensor<6xf32>
  return %0, %1 : tensor<6xf32>, tensor<6xf32>
}

// -----

// Constant mode with pads known at run time (possibly negative): the
// negative part crops with extract_slice, the positive part pads.
// CHECK-LABEL: func.func @pad_runtime
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: %[[B0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[E0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[NB:.*]] = arith.subi %[[ZERO]], %[[B0]] : i64
// CHECK: %[[CUT:.*]] = arith.maxsi %[[NB]], %[[ZERO]] : i64
// CHECK: %[[LOW:.*]] = arith.maxsi %[[B0]], %[[ZERO]] : i64
// CHECK: %[[HIGH:.*]] = arith.maxsi %[[E0]], %[[ZERO]] : i64
// CHECK: %[[S:.*]] = tensor.extract_slice %arg0[%{{.*}}] [%{{.*}}] [1] : tensor<?xf32> to tensor<?xf32>
// CHECK: tensor.pad %[[S]] low[%{{.*}}] high[%{{.*}}]
// CHECK: } : tensor<?xf32> to tensor<?xf32>
func.func @pad_runtime(%x: tensor<?xf32>, %p: tensor<2xi64>) -> tensor<?xf32> {
  %0 = ds.pad %x, %p : (tensor<?xf32>, tensor<2xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @expand
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%arg0 : tensor<3x1xf32>) outs(%[[E]] : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[A]] : f32
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %s = ds.constant dense<[2, 1, 4]> : tensor<3xi64>
  %0 = ds.expand %x, %s : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK: %[[S:.*]] = arith.constant 100 : index
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%arg1 : tensor<?x5xi64>)
// CHECK: %[[I:.*]] = arith.index_cast
// CHECK: %[[N:.*]] = arith.cmpi slt, %[[I]]
// CHECK: %[[W:.*]] = arith.addi %[[I]], %[[S]]
// CHECK: %[[J:.*]] = arith.select %[[N]], %[[W]], %[[I]]
// CHECK: %[[K:.*]] = linalg.index 2
// CHECK: tensor.extract %arg0[%[[J]], %[[K]]] : tensor<100x8xf32>
func.func @gather(%t: tensor<100x8xf32>, %ids: tensor<?x5xi64>) -> tensor<?x5x8xf32> {
  %0 = ds.gather %t, %ids : (tensor<100x8xf32>, tensor<?x5xi64>) -> tensor<?x5x8xf32>
  return %0 : tensor<?x5x8xf32>
}

// -----

// Expand to a shape known at run time: each result size is the shape's
// unless the input's is not 1; the generic reads index 0 where the input's
// run-time size is 1.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @expand_runtime
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[Z:.*]] = arith.constant 0 : index
// CHECK: %[[S0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<3xi64>
// CHECK: %[[N0:.*]] = arith.index_cast %[[S0]] : i64 to index
// CHECK: %[[S1:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<3xi64>
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x1xf32>
// CHECK: %[[DI:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[IS1:.*]] = arith.cmpi eq, %[[DI]], %[[ONE]] : i64
// CHECK: %[[SZ:.*]] = arith.select %[[IS1]], %[[S1]], %[[DI]] : i64
// CHECK: %[[E:.*]] = tensor.empty(%[[N0]], %{{.*}}, %{{.*}}) : tensor<?x?x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} outs(%[[E]] : tensor<?x?x?xf32>)
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[R:.*]] = arith.select %[[IS1]], %[[Z]], %[[I]] : index
// CHECK: tensor.extract %arg0[%[[R]], %[[Z]]] : tensor<?x1xf32>
func.func @expand_runtime(%x: tensor<?x1xf32>, %s: tensor<3xi64>) -> tensor<?x?x?xf32> {
  %0 = ds.expand %x, %s : (tensor<?x1xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

// ConstantOfShape: a fill of a tensor.empty sized by the shape operand.
// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: %[[V:.*]] = arith.constant 7 : i32
// CHECK: %[[S0:.*]] = tensor.extract %arg0[%{{.*}}] : tensor<2xi64>
// CHECK: %[[N0:.*]] = arith.index_cast %[[S0]] : i64 to index
// CHECK: %[[S1:.*]] = tensor.extract %arg0[%{{.*}}] : tensor<2xi64>
// CHECK: %[[N1:.*]] = arith.index_cast %[[S1]] : i64 to index
// CHECK: %[[E:.*]] = tensor.empty(%[[N0]], %[[N1]]) : tensor<?x?xi32>
// CHECK: linalg.fill ins(%[[V]] : i32) outs(%[[E]] : tensor<?x?xi32>)
func.func @constant_of_shape(%s: tensor<2xi64>) -> tensor<?x?xi32> {
  %0 = ds.constant_of_shape %s {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
  return %0 : tensor<?x?xi32>
}

// -----

// Without a value the fill is 0.0 : f32; a constant shape gives a static
// tensor.
// CHECK-LABEL: func.func @constant_of_shape_default
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<2x3xf32>)
func.func @constant_of_shape_default() -> tensor<2x3xf32> {
  %s = ds.constant dense<[2, 3]> : tensor<2xi64>
  %0 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Range of integers: max(ceildiv(limit - start, delta), 0) elements (in
// i64; none for a zero delta), each start + i * delta.
// CHECK-DAG: #[[V:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @range_int
// CHECK: %[[START:.*]] = tensor.extract %arg0[] : tensor<i32>
// CHECK: %[[LIMIT:.*]] = tensor.extract %arg1[] : tensor<i32>
// CHECK: %[[DELTA:.*]] = tensor.extract %arg2[] : tensor<i32>
// CHECK: %[[Z:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : i64
// CHECK: %[[N:.*]] = arith.ceildivsi
// CHECK: %[[S:.*]] = arith.select %[[Z]], %{{.*}}, %[[N]] : i64
// CHECK: %[[M:.*]] = arith.maxsi %[[S]]
// CHECK: %[[NI:.*]] = arith.index_cast %[[M]] : i64 to index
// CHECK: %[[E:.*]] = tensor.empty(%[[NI]]) : tensor<?xi32>
// CHECK: linalg.generic {indexing_maps = [#[[V]]], iterator_types = ["parallel"]} outs(%[[E]] : tensor<?xi32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[I32:.*]] = arith.trunci %[[I64]] : i64 to i32
// CHECK: %[[P:.*]] = arith.muli %[[I32]], %[[DELTA]] : i32
// CHECK: arith.addi %[[START]], %[[P]] : i32
func.func @range_int(%a: tensor<i32>, %b: tensor<i32>, %c: tensor<i32>) -> tensor<?xi32> {
  %0 = ds.range %a, %b, %c : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

// Range of floats: the count from the quotient in f64, rounded up.
// CHECK-LABEL: func.func @range_float
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: arith.divf %{{.*}}, %{{.*}} : f64
// CHECK: math.ceil %{{.*}} : f64
// CHECK: arith.fptosi %{{.*}} : f64 to i64
// CHECK: linalg.generic
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @range_float(%a: tensor<f32>, %b: tensor<f32>, %c: tensor<f32>) -> tensor<?xf32> {
  %0 = ds.range %a, %b, %c : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Shape from a negative start, and Size: the tensor.dim sizes as i64.
// CHECK-LABEL: func.func @shape_size
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK: %[[D2:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3x?xf32>
// CHECK: %[[D2I:.*]] = arith.index_cast %[[D2]] : index to i64
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[C3]], %[[D2I]] : tensor<2xi64>
// CHECK: %[[D0:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3x?xf32>
// CHECK: %[[D0I:.*]] = arith.index_cast %[[D0]] : index to i64
// CHECK: %[[P:.*]] = arith.muli %[[D0I]], %[[C3]] : i64
// CHECK: %[[Q:.*]] = arith.muli %[[P]], %{{.*}} : i64
// CHECK: %[[SIZE:.*]] = tensor.from_elements %[[Q]] : tensor<i64>
// CHECK: return %[[SHAPE]], %[[SIZE]]
func.func @shape_size(%x: tensor<?x3x?xf32>) -> (tensor<2xi64>, tensor<i64>) {
  %0 = ds.shape %x {start = -2 : i64} : (tensor<?x3x?xf32>) -> tensor<2xi64>
  %1 = ds.size %x : (tensor<?x3x?xf32>) -> tensor<i64>
  return %0, %1 : tensor<2xi64>, tensor<i64>
}

// -----

// An empty range of dimensions gives an empty constant.
// CHECK-LABEL: func.func @shape_empty
// CHECK: arith.constant dense<> : tensor<0xi64>
func.func @shape_empty(%x: tensor<?x3xf32>) -> tensor<0xi64> {
  %0 = ds.shape %x {start = 1 : i64, end = 1 : i64} : (tensor<?x3xf32>) -> tensor<0xi64>
  return %0 : tensor<0xi64>
}

// -----

// Split into num_outputs pieces of ceil(5 / 3) = 2, the last one smaller.
// CHECK-LABEL: func.func @split_num_outputs
// CHECK: %[[A:.*]] = tensor.extract_slice %arg0[0, 0] [%{{.*}}, 2] [1, 1] : tensor<?x5xf32> to tensor<?x2xf32>
// CHECK: %[[B:.*]] = tensor.extract_slice %arg0[0, 2] [%{{.*}}, 2] [1, 1] : tensor<?x5xf32> to tensor<?x2xf32>
// CHECK: %[[C:.*]] = tensor.extract_slice %arg0[0, 4] [%{{.*}}, 1] [1, 1] : tensor<?x5xf32> to tensor<?x1xf32>
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @split_num_outputs(%x: tensor<?x5xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x1xf32>) {
  %0:3 = ds.split %x {axis = 1 : i64, num_outputs = 3 : i64} : (tensor<?x5xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x1xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x1xf32>
}

// -----

// Split of a dynamic axis by sizes.
// CHECK-LABEL: func.func @split_sizes
// CHECK: tensor.extract_slice %arg0[0] [1] [1] : tensor<?xf32> to tensor<1xf32>
// CHECK: tensor.extract_slice %arg0[1] [3] [1] : tensor<?xf32> to tensor<3xf32>
func.func @split_sizes(%x: tensor<?xf32>) -> (tensor<1xf32>, tensor<3xf32>) {
  %0:2 = ds.split %x {split = array<i64: 1, 3>} : (tensor<?xf32>) -> (tensor<1xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<1xf32>, tensor<3xf32>
}

// -----

// Tile: a generic broadcasting into repeats x size pairs, collapsed
// pairwise; repeats from a run-time operand.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @tile
// CHECK: %[[R0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[N0:.*]] = arith.index_cast %[[R0]] : i64 to index
// CHECK: %[[R1:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[N1:.*]] = arith.index_cast %[[R1]] : i64 to index
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<2x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[N0]], %[[N1]], %[[D]]) : tensor<?x2x?x?xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg0 : tensor<2x?xf32>) outs(%[[E]] : tensor<?x2x?x?xf32>)
// CHECK: tensor.collapse_shape %[[G]] {{\[}}[0, 1], [2, 3]] : tensor<?x2x?x?xf32> into tensor<?x?xf32>
func.func @tile(%x: tensor<2x?xf32>, %r: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = ds.tile %x, %r : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Constant repeats give static sizes.
// CHECK-LABEL: func.func @tile_static
// CHECK: tensor.empty() : tensor<3x2x1x4xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2, 3]] : tensor<3x2x1x4xf32> into tensor<6x4xf32>
func.func @tile_static(%x: tensor<2x4xf32>) -> tensor<6x4xf32> {
  %r = ds.constant dense<[3, 1]> : tensor<2xi64>
  %0 = ds.tile %x, %r : (tensor<2x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// Dynamic input sizes may be 1 at run time and broadcast: without a
// constant shape the run-time form handles them; a constant 1 in the shape
// keeps the size, so the static form applies.
// CHECK-LABEL: func.func @expand_dynamic_same_rank
// CHECK: arith.cmpi eq
// CHECK: linalg.generic
// CHECK: tensor.extract %arg0
// CHECK-LABEL: func.func @expand_dynamic_kept
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<?x1xf32>)
func.func @expand_dynamic_same_rank(%x: tensor<?x?xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = ds.expand %x, %s : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
func.func @expand_dynamic_kept(%x: tensor<?x1xf32>) -> tensor<2x?x4xf32> {
  %s = ds.constant dense<[2, 1, 4]> : tensor<3xi64>
  %0 = ds.expand %x, %s : (tensor<?x1xf32>, tensor<3xi64>) -> tensor<2x?x4xf32>
  return %0 : tensor<2x?x4xf32>
}
