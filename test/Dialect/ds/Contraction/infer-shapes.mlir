// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @matmul_batch_broadcast
// CHECK: ds.matmul {{.*}} -> tensor<5x3x4x16xf32>
func.func @matmul_batch_broadcast(%a: tensor<5x1x4x8xf32>, %b: tensor<3x8x16xf32>) -> tensor<?x?x?x?xf32> {
  %y = ds.matmul %a, %b : (tensor<5x1x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// A dynamic batch size stays dynamic unless the other operand's is > 1.
// CHECK-LABEL: func.func @matmul_dynamic_batch
// CHECK: ds.matmul {{.*}} -> tensor<?x4x16xf32>
// CHECK: ds.matmul {{.*}} -> tensor<3x4x16xf32>
func.func @matmul_dynamic_batch(%a: tensor<?x4x8xf32>, %b: tensor<1x8x16xf32>, %c: tensor<3x8x16xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %y = ds.matmul %a, %b : (tensor<?x4x8xf32>, tensor<1x8x16xf32>) -> tensor<*xf32>
  %z = ds.matmul %a, %c : (tensor<?x4x8xf32>, tensor<3x8x16xf32>) -> tensor<*xf32>
  return %y, %z : tensor<*xf32>, tensor<*xf32>
}

// -----

// 1-D operands lose the promoted dimension.
// CHECK-LABEL: func.func @matmul_vectors
// CHECK: ds.matmul {{.*}} -> tensor<2x16xf32>
// CHECK: ds.matmul {{.*}} -> tensor<4xf32>
// CHECK: ds.matmul {{.*}} -> tensor<f32>
// CHECK: return {{.*}} : tensor<2x16xf32>, tensor<4xf32>, tensor<f32>
func.func @matmul_vectors(%v: tensor<8xf32>, %b: tensor<2x8x16xf32>, %m: tensor<4x?xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %y = ds.matmul %v, %b : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<*xf32>
  %z = ds.matmul %m, %v : (tensor<4x?xf32>, tensor<8xf32>) -> tensor<*xf32>
  %s = ds.matmul %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<*xf32>
  return %y, %z, %s : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// An unranked operand gives an unranked result.
// CHECK-LABEL: func.func @matmul_unranked
// CHECK: ds.matmul {{.*}} -> tensor<*xi32>
func.func @matmul_unranked(%a: tensor<*xi32>, %b: tensor<8x16xi32>) -> tensor<*xi32> {
  %y = ds.matmul %a, %b : (tensor<*xi32>, tensor<8x16xi32>) -> tensor<*xi32>
  return %y : tensor<*xi32>
}

// -----

// CHECK-LABEL: func.func @gemm_transposed
// CHECK: ds.gemm {{.*}} -> tensor<64x128xf32>
func.func @gemm_transposed(%a: tensor<32x64xf32>, %b: tensor<128x32xf32>) -> tensor<?x?xf32> {
  %y = ds.gemm %a, %b {trans_a = true, trans_b = true} : (tensor<32x64xf32>, tensor<128x32xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// A dynamic M stays dynamic; a static size in C refines it; a C of size 1
// does not.
// CHECK-LABEL: func.func @gemm_dynamic_rows
// CHECK: ds.gemm {{.*}} -> tensor<?x128xf32>
// CHECK: ds.gemm {{.*}} -> tensor<7x128xf32>
// CHECK: ds.gemm {{.*}} -> tensor<?x128xf32>
func.func @gemm_dynamic_rows(%a: tensor<?x64xf32>, %b: tensor<64x128xf32>, %c: tensor<7x1xf32>, %d: tensor<1x128xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) {
  %y = ds.gemm %a, %b : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x?xf32>
  %z = ds.gemm %a, %b, %c : (tensor<?x64xf32>, tensor<64x128xf32>, tensor<7x1xf32>) -> tensor<?x?xf32>
  %w = ds.gemm %a, %b, %d : (tensor<?x64xf32>, tensor<64x128xf32>, tensor<1x128xf32>) -> tensor<?x?xf32>
  return %y, %z, %w : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// Unranked A still gives a matrix.
// CHECK-LABEL: func.func @gemm_unranked
// CHECK: ds.gemm {{.*}} -> tensor<?x16xf32>
func.func @gemm_unranked(%a: tensor<*xf32>, %b: tensor<8x16xf32>) -> tensor<*xf32> {
  %y = ds.gemm %a, %b : (tensor<*xf32>, tensor<8x16xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
