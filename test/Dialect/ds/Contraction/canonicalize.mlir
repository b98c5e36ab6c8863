// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @gemm_zero_beta_drops_c
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %{{.*}}: tensor<16xf32>)
// CHECK-NEXT: %[[Y:.*]] = ds.gemm %[[A]], %[[B]] {alpha = 2.000000e+00 : f32} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gemm_zero_beta_drops_c(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = ds.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.0 : f32} : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_nonzero_beta_keeps_c
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<16xf32>)
// CHECK-NEXT: ds.gemm %[[A]], %[[B]], %[[C]] {beta = 5.000000e-01 : f32}
func.func @gemm_nonzero_beta_keeps_c(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = ds.gemm %a, %b, %c {beta = 0.5 : f32} : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// Without C, beta = 0 is left alone.
// CHECK-LABEL: func.func @gemm_zero_beta_without_c
// CHECK-NEXT: ds.gemm %{{.*}}, %{{.*}} {beta = 0.000000e+00 : f32}
func.func @gemm_zero_beta_without_c(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %y = ds.gemm %a, %b {beta = 0.0 : f32} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
