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
