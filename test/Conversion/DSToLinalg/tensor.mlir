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

// A dynamic reshape without a grouping stays.
// CHECK-LABEL: func.func @reshape_dynamic_unsupported
// CHECK: ds.reshape
func.func @reshape_dynamic_unsupported(%x: tensor<?x3xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
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

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: %[[S:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2, 3]] : tensor<1x4x3x1xf32> into tensor<4x3xf32>
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0, 1], [2, 3]] output_shape [1, 4, 3, 1] : tensor<4x3xf32> into tensor<1x4x3x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<1x4x3x1xf32>) -> tensor<1x4x3x1xf32> {
  %0 = ds.squeeze %x {axes = array<i64: 0, 3>} : (tensor<1x4x3x1xf32>) -> tensor<4x3xf32>
  %1 = ds.unsqueeze %0 {axes = array<i64: 0, -1>} : (tensor<4x3xf32>) -> tensor<1x4x3x1xf32>
  return %1 : tensor<1x4x3x1xf32>
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

// Negative steps stay.
// CHECK-LABEL: func.func @slice_reverse
// CHECK: ds.slice
func.func @slice_reverse(%x: tensor<4xf32>) -> tensor<4xf32> {
  %st = ds.constant dense<[-1]> : tensor<1xi64>
  %en = ds.constant dense<[-5]> : tensor<1xi64>
  %sp = ds.constant dense<[-1]> : tensor<1xi64>
  %0 = ds.slice %x, %st, %en, %sp : (tensor<4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
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

// Reflect mode stays.
// CHECK-LABEL: func.func @pad_reflect
// CHECK: ds.pad
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %p = ds.constant dense<[0, 1, 0, 1]> : tensor<4xi64>
  %0 = ds.pad %x, %p {mode = "reflect"} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
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
