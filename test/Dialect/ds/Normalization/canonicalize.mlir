// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// Hardmax over an axis of size 1 is a constant 1.
// CHECK-LABEL: func.func @hardmax_unit_axis
// CHECK: %[[C:.*]] = ds.constant dense<1.000000e+00> : tensor<4x1xf16>
// CHECK-NEXT: return %[[C]]
func.func @hardmax_unit_axis(%x: tensor<4x1xf16>) -> tensor<4x1xf16> {
  %y = ds.hardmax %x {axis = -1 : i64} : (tensor<4x1xf16>) -> tensor<4x1xf16>
  return %y : tensor<4x1xf16>
}

// -----

// Not along a longer axis, nor with a dynamic shape.
// CHECK-LABEL: func.func @hardmax_no_fold
// CHECK: ds.hardmax %{{.*}} {axis = 0 : i64} : (tensor<4x1xf32>)
// CHECK: ds.hardmax %{{.*}} : (tensor<?x1xf32>)
// CHECK-NOT: ds.constant
func.func @hardmax_no_fold(%x: tensor<4x1xf32>, %d: tensor<?x1xf32>) -> (tensor<4x1xf32>, tensor<?x1xf32>) {
  %0 = ds.hardmax %x {axis = 0 : i64} : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %1 = ds.hardmax %d : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %0, %1 : tensor<4x1xf32>, tensor<?x1xf32>
}

// -----

// Softmax does not fold over a unit axis (NaN and infinite inputs differ).
// CHECK-LABEL: func.func @softmax_unit_axis_stays
// CHECK: ds.softmax
// CHECK: ds.log_softmax
func.func @softmax_unit_axis_stays(%x: tensor<4x1xf32>) -> (tensor<4x1xf32>, tensor<4x1xf32>) {
  %0 = ds.softmax %x : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %1 = ds.log_softmax %x : (tensor<4x1xf32>) -> tensor<4x1xf32>
  return %0, %1 : tensor<4x1xf32>, tensor<4x1xf32>
}
