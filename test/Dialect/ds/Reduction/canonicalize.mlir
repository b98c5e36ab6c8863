// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// Without axes, noop_with_empty_axes makes every reduction the identity.
// CHECK-LABEL: func.func @noop_with_empty_axes
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]]
func.func @noop_with_empty_axes(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = ds.reduce_sum %x {noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = ds.reduce_l2 %x {noop_with_empty_axes = true, keepdims = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = ds.reduce_log_sum_exp %x {noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// With axes, noop_with_empty_axes has no effect.
// CHECK-LABEL: func.func @noop_with_axes_reduces
// CHECK: %[[R:.*]] = ds.reduce_sum
// CHECK-NEXT: return %[[R]]
func.func @noop_with_axes_reduces(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// CHECK-LABEL: func.func @unit_axes_keepdims
// CHECK-SAME: (%[[X:.*]]: tensor<?x1x4x1xf32>, %[[I:.*]]: tensor<1x1xi32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]], %[[I]], %[[I]]
func.func @unit_axes_keepdims(%x: tensor<?x1x4x1xf32>, %i: tensor<1x1xi32>)
    -> (tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<1x1xi32>, tensor<1x1xi32>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 1, -1>} : (tensor<?x1x4x1xf32>) -> tensor<?x1x4x1xf32>
  %1 = ds.reduce_mean %x {axes = array<i64: 3>} : (tensor<?x1x4x1xf32>) -> tensor<?x1x4x1xf32>
  %2 = ds.reduce_max %x {axes = array<i64: 1>} : (tensor<?x1x4x1xf32>) -> tensor<?x1x4x1xf32>
  %3 = ds.reduce_min %i : (tensor<1x1xi32>) -> tensor<1x1xi32>
  %4 = ds.reduce_prod %i {axes = array<i64: 0>} : (tensor<1x1xi32>) -> tensor<1x1xi32>
  return %0, %1, %2, %3, %4 : tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<?x1x4x1xf32>, tensor<1x1xi32>, tensor<1x1xi32>
}

// -----

// Not over a dynamic or longer axis, not without keepdims, and not for the
// reductions that transform the elements.
// CHECK-LABEL: func.func @unit_axes_no_fold
// CHECK: ds.reduce_sum %{{.*}} {axes = array<i64: 0>}
// CHECK: ds.reduce_mean %{{.*}} {axes = array<i64: 2>}
// CHECK: ds.reduce_max %{{.*}} {axes = array<i64: 1>, keepdims = false}
// CHECK: ds.reduce_l1 %{{.*}} {axes = array<i64: 1>}
// CHECK: ds.reduce_sum_square %{{.*}} {axes = array<i64: 1>}
func.func @unit_axes_no_fold(%x: tensor<?x1x4xf32>)
    -> (tensor<1x1x4xf32>, tensor<?x1x1xf32>, tensor<?x4xf32>, tensor<?x1x4xf32>, tensor<?x1x4xf32>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 0>} : (tensor<?x1x4xf32>) -> tensor<1x1x4xf32>
  %1 = ds.reduce_mean %x {axes = array<i64: 2>} : (tensor<?x1x4xf32>) -> tensor<?x1x1xf32>
  %2 = ds.reduce_max %x {axes = array<i64: 1>, keepdims = false} : (tensor<?x1x4xf32>) -> tensor<?x4xf32>
  %3 = ds.reduce_l1 %x {axes = array<i64: 1>} : (tensor<?x1x4xf32>) -> tensor<?x1x4xf32>
  %4 = ds.reduce_sum_square %x {axes = array<i64: 1>} : (tensor<?x1x4xf32>) -> tensor<?x1x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x1x4xf32>, tensor<?x1x1xf32>, tensor<?x4xf32>, tensor<?x1x4xf32>, tensor<?x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @fold_float_constants
// CHECK-DAG: ds.constant dense<{{\[}}[5.000000e+00, 7.000000e+00, 9.000000e+00]]> : tensor<1x3xf32>
// CHECK-DAG: ds.constant dense<[3.000000e+00, 6.000000e+00]> : tensor<2xf32>
// CHECK-DAG: ds.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: ds.constant dense<7.200000e+02> : tensor<1x1xf32>
// CHECK-NOT: ds.reduce
func.func @fold_float_constants() -> (tensor<1x3xf32>, tensor<2xf32>, tensor<f32>, tensor<1x1xf32>) {
  %c = ds.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = ds.reduce_sum %c {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %1 = ds.reduce_max %c {axes = array<i64: -1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %2 = ds.reduce_min %c {keepdims = false} : (tensor<2x3xf32>) -> tensor<f32>
  %3 = ds.reduce_prod %c : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0, %1, %2, %3 : tensor<1x3xf32>, tensor<2xf32>, tensor<f32>, tensor<1x1xf32>
}

// -----

// Reduction over a middle axis, and unsigned comparisons (200 is not -56).
// CHECK-LABEL: func.func @fold_int_constants
// CHECK-DAG: ds.constant dense<{{\[}}[4, 6], [12, 14]]> : tensor<2x2xi64>
// CHECK-DAG: ds.constant dense<[3, 200]> : tensor<2xui8>
// CHECK-DAG: ds.constant dense<[1, 7]> : tensor<2xui8>
// CHECK-NOT: ds.reduce
func.func @fold_int_constants() -> (tensor<2x2xi64>, tensor<2xui8>, tensor<2xui8>) {
  %c = ds.constant dense<[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]> : tensor<2x2x2xi64>
  %0 = ds.reduce_sum %c {axes = array<i64: 1>, keepdims = false} : (tensor<2x2x2xi64>) -> tensor<2x2xi64>
  %u = ds.constant dense<[[3, 200], [1, 7]]> : tensor<2x2xui8>
  %1 = ds.reduce_max %u {axes = array<i64: 0>, keepdims = false} : (tensor<2x2xui8>) -> tensor<2xui8>
  %2 = ds.reduce_min %u {axes = array<i64: 0>, keepdims = false} : (tensor<2x2xui8>) -> tensor<2xui8>
  return %0, %1, %2 : tensor<2x2xi64>, tensor<2xui8>, tensor<2xui8>
}

// -----

// Mean and the transforming reductions do not fold constants.
// CHECK-LABEL: func.func @no_constant_fold
// CHECK: ds.reduce_mean
// CHECK: ds.reduce_l2
func.func @no_constant_fold() -> (tensor<1xf32>, tensor<1xf32>) {
  %c = ds.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = ds.reduce_mean %c : (tensor<2xf32>) -> tensor<1xf32>
  %1 = ds.reduce_l2 %c : (tensor<2xf32>) -> tensor<1xf32>
  return %0, %1 : tensor<1xf32>, tensor<1xf32>
}

// -----

// Arg reductions over an axis of size 1 are 0; not over longer axes.
// CHECK-LABEL: func.func @arg_unit_axis
// CHECK-DAG: %[[Z:.*]] = ds.constant dense<0> : tensor<4xi64>
// CHECK-DAG: %[[A:.*]] = ds.arg_min %{{.*}} : (tensor<4x1xf32>) -> tensor<1x1xi64>
// CHECK: return %[[Z]], %[[A]]
func.func @arg_unit_axis(%x: tensor<4x1xf32>) -> (tensor<4xi64>, tensor<1x1xi64>) {
  %0 = ds.arg_max %x {axis = 1 : i64, keepdims = false} : (tensor<4x1xf32>) -> tensor<4xi64>
  %1 = ds.arg_min %x {axis = 0 : i64} : (tensor<4x1xf32>) -> tensor<1x1xi64>
  return %0, %1 : tensor<4xi64>, tensor<1x1xi64>
}
