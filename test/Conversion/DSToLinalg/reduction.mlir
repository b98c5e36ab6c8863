// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// A sum without keepdims: a linalg.reduce into a zero fill.
// CHECK-LABEL: func.func @sum_drop
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x5xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4x5xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<4x3x5xf32>) outs(%[[F]] : tensor<4x5xf32>) dimensions = [1]
// CHECK: arith.addf
// CHECK: return %[[R]]
// CHECK-NOT: ds.reduce_sum
func.func @sum_drop(%x: tensor<4x3x5xf32>) -> tensor<4x5xf32> {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<4x3x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Max with keepdims over a negative axis and a dynamic batch: -inf init, the
// kept dimension's size from tensor.dim, and an expand_shape back to rank 2.
// CHECK-LABEL: func.func @max_keep_dynamic
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[NI]] : f32) outs(%[[E]] : tensor<?xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<?x3xf32>) outs(%[[F]] : tensor<?xf32>) dimensions = [1]
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[R]] {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xf32> into tensor<?x1xf32>
func.func @max_keep_dynamic(%x: tensor<?x3xf32>) -> tensor<?x1xf32> {
  %0 = ds.reduce_max %x {axes = array<i64: -1>} : (tensor<?x3xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// Min over the outer axes: +inf init; the leading reduced axis joins the
// group of the kept one, the trailing one the last group.
// CHECK-LABEL: func.func @min_outer
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.reduce ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0, 2]
// CHECK: arith.minimumf
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
func.func @min_outer(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = ds.reduce_min %x {axes = array<i64: 0, 2>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// A mean without axes reduces every axis and divides by the element count;
// keepdims expands the 0-d result.
// CHECK-LABEL: func.func @mean_all
// CHECK: %[[N:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<2x3xf32>) outs(%{{.*}} : tensor<f32>) dimensions = [0, 1]
// CHECK: %[[M:.*]] = linalg.generic {{.*}} ins(%[[R]] : tensor<f32>)
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
// CHECK: tensor.expand_shape %[[M]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @mean_all(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = ds.reduce_mean %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// A mean over a dynamic axis counts its size at run time.
// CHECK-LABEL: func.func @mean_dynamic
// CHECK: linalg.reduce
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<2x?xf32>
// CHECK: %[[I:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[N:.*]] = arith.uitofp %[[I]] : i64 to f32
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
func.func @mean_dynamic(%x: tensor<2x?xf32>) -> tensor<2xf32> {
  %0 = ds.reduce_mean %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x?xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Without axes, noop_with_empty_axes makes the op its input.
// CHECK-LABEL: func.func @noop
// CHECK-NEXT: return %arg0
func.func @noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = ds.reduce_sum %x {noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Integer reductions are not lowered yet.
// CHECK-LABEL: func.func @integer
// CHECK: ds.reduce_sum
func.func @integer(%x: tensor<2x3xi32>) -> tensor<2xi32> {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
