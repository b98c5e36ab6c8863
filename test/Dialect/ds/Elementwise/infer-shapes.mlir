// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// Unary ops keep the operand's type (or its shape, for boolean results).
// CHECK-LABEL: func.func @unary
// CHECK: ds.sigmoid {{.*}} -> tensor<2x?xf32>
// CHECK: ds.is_inf {{.*}} -> tensor<2x?xi1>
// CHECK: ds.leaky_relu {{.*}} -> tensor<2x?xf32>
// CHECK: ds.not {{.*}} -> tensor<2x?xi1>
func.func @unary(%x: tensor<2x?xf32>) -> (tensor<*xf32>, tensor<*xi1>) {
  %0 = ds.sigmoid %x : (tensor<2x?xf32>) -> tensor<*xf32>
  %1 = ds.is_inf %0 : (tensor<*xf32>) -> tensor<*xi1>
  %2 = ds.leaky_relu %0 : (tensor<*xf32>) -> tensor<*xf32>
  %3 = ds.not %1 : (tensor<*xi1>) -> tensor<*xi1>
  return %2, %3 : tensor<*xf32>, tensor<*xi1>
}

// -----

// An unranked operand gives an unranked result.
// CHECK-LABEL: func.func @unranked
// CHECK: ds.add {{.*}} -> tensor<*xf32>
func.func @unranked(%x: tensor<*xf32>, %y: tensor<3xf32>) -> tensor<*xf32> {
  %0 = ds.add %x, %y : (tensor<*xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Broadcasting: ? against 1 stays ?, ? against n gives n, ranks align right.
// CHECK-LABEL: func.func @broadcast
// CHECK: ds.mul {{.*}} -> tensor<7x?x5xf32>
// CHECK: ds.equal {{.*}} -> tensor<7x?x5xi1>
// CHECK: ds.where {{.*}} -> tensor<7x?x5xf32>
// CHECK: ds.pow {{.*}} -> tensor<7x?x5xf32>
func.func @broadcast(%a: tensor<?x?x1xf32>, %b: tensor<7x1x5xf32>, %s: tensor<f32>, %e: tensor<i32>)
    -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.mul %a, %b : (tensor<?x?x1xf32>, tensor<7x1x5xf32>) -> tensor<*xf32>
  %1 = ds.equal %0, %s : (tensor<*xf32>, tensor<f32>) -> tensor<*xi1>
  %2 = ds.where %1, %0, %s : (tensor<*xi1>, tensor<*xf32>, tensor<f32>) -> tensor<*xf32>
  %3 = ds.pow %2, %e : (tensor<*xf32>, tensor<i32>) -> tensor<*xf32>
  return %2, %3 : tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @clip_and_bits
// CHECK: ds.clip {{.*}} -> tensor<1x?xi32>
// CHECK: ds.bitwise_and {{.*}} -> tensor<4x?xi32>
// CHECK: ds.bit_shift {{.*}} -> tensor<4xui8>
func.func @clip_and_bits(%x: tensor<1x?xi32>, %lo: tensor<i32>, %y: tensor<4x1xi32>, %u: tensor<4xui8>)
    -> (tensor<*xi32>, tensor<?xui8>) {
  %0 = ds.clip %x min %lo : (tensor<1x?xi32>, tensor<i32>) -> tensor<*xi32>
  %1 = ds.bitwise_and %0, %y : (tensor<*xi32>, tensor<4x1xi32>) -> tensor<*xi32>
  %2 = ds.bit_shift %u, %u {direction = "LEFT"} : (tensor<4xui8>, tensor<4xui8>) -> tensor<?xui8>
  return %1, %2 : tensor<*xi32>, tensor<?xui8>
}
