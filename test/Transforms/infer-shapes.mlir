// RUN: ds-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// Refinement flows through a chain and into the function's result types.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: -> (tensor<4x3xf32>, tensor<4x3xi1>)
// CHECK: ds.add {{.*}} -> tensor<4x3xf32>
// CHECK: ds.tanh {{.*}} -> tensor<4x3xf32>
// CHECK: ds.less {{.*}} -> tensor<4x3xi1>
func.func @chain(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> (tensor<*xf32>, tensor<?x?xi1>) {
  %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<*xf32>
  %1 = ds.tanh %0 : (tensor<*xf32>) -> tensor<*xf32>
  %2 = ds.less %1, %b : (tensor<*xf32>, tensor<3xf32>) -> tensor<?x?xi1>
  return %1, %2 : tensor<*xf32>, tensor<?x?xi1>
}

// -----

// A dynamic batch stays dynamic; what the operands fix becomes static.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: ds.mul {{.*}} -> tensor<?x8xf32>
func.func @dynamic_batch(%x: tensor<?x8xf32>, %s: tensor<8xf32>) -> tensor<?x?xf32> {
  %0 = ds.mul %x, %s : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// A written type may be more refined than the inferred one; it is kept.
// CHECK-LABEL: func.func @keeps_refined
// CHECK: ds.sub {{.*}} -> tensor<5x8xf32>
func.func @keeps_refined(%x: tensor<?x8xf32>, %y: tensor<?x8xf32>) -> tensor<5x8xf32> {
  %0 = ds.sub %x, %y : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

// Ops inside regions are refined before the op that holds them, so the if
// sees refined yields.
// CHECK-LABEL: func.func @if_after_its_regions
// CHECK-SAME: -> tensor<4x3xf32>
// CHECK: ds.if {{.*}} -> (tensor<4x3xf32>)
// CHECK: ds.add {{.*}} -> tensor<4x3xf32>
// CHECK: ds.yield {{.*}} : tensor<4x3xf32>
// CHECK: ds.sub {{.*}} -> tensor<4x3xf32>
// CHECK: ds.yield {{.*}} : tensor<4x3xf32>
func.func @if_after_its_regions(%c: tensor<i1>, %a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<?x?xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<?x?xf32>) {
    %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<?x?xf32>
    ds.yield %0 : tensor<?x?xf32>
  } else {
    %1 = ds.sub %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<?x?xf32>
    ds.yield %1 : tensor<?x?xf32>
  }
  return %r : tensor<?x?xf32>
}

// -----

// An op with an optional result absent (max_pool without indices) infers
// more types than it has results.
// CHECK-LABEL: func.func @optional_result
// CHECK: ds.max_pool {{.*}} -> tensor<1x3x4x4xf32>
func.func @optional_result(%x: tensor<1x3x8x8xf32>) -> tensor<?x?x?x?xf32> {
  %y = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
