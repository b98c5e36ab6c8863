// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @matmul_batched
// CHECK: ds.matmul %{{.*}}, %{{.*}} : (tensor<?x1x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x3x4x16xf32>
func.func @matmul_batched(%a: tensor<?x1x4x8xf32>, %b: tensor<3x8x16xf32>) -> tensor<?x3x4x16xf32> {
  %y = ds.matmul %a, %b : (tensor<?x1x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x3x4x16xf32>
  return %y : tensor<?x3x4x16xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_vectors_int
// CHECK: ds.matmul %{{.*}}, %{{.*}} : (tensor<8xi32>, tensor<8xi32>) -> tensor<i32>
func.func @matmul_vectors_int(%a: tensor<8xi32>, %b: tensor<8xi32>) -> tensor<i32> {
  %y = ds.matmul %a, %b : (tensor<8xi32>, tensor<8xi32>) -> tensor<i32>
  return %y : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @matmul_precision_unranked
// CHECK: ds.matmul %{{.*}}, %{{.*}} {precision = #ds.precision<tf32>} : (tensor<*xf32>, tensor<?x?xf32>) -> tensor<*xf32>
func.func @matmul_precision_unranked(%a: tensor<*xf32>, %b: tensor<?x?xf32>) -> tensor<*xf32> {
  %y = ds.matmul %a, %b {precision = #ds.precision<tf32>} : (tensor<*xf32>, tensor<?x?xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_defaults
// CHECK: ds.gemm %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
func.func @gemm_defaults(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %y = ds.gemm %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_all_attributes
// CHECK: ds.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, precision = #ds.precision<bf16>, trans_a = true, trans_b = true}
// CHECK-SAME: : (tensor<64x?xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
func.func @gemm_all_attributes(%a: tensor<64x?xf32>, %b: tensor<128x64xf32>, %c: tensor<128xf32>) -> tensor<?x128xf32> {
  %y = ds.gemm %a, %b, %c {alpha = 0.5 : f32, beta = 2.0 : f32, trans_a = true, trans_b = true, precision = #ds.precision<bf16>}
      : (tensor<64x?xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_int_matrix_bias
// CHECK: ds.gemm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x8xi64>, tensor<8x16xi64>, tensor<4x1xi64>) -> tensor<4x16xi64>
func.func @gemm_int_matrix_bias(%a: tensor<4x8xi64>, %b: tensor<8x16xi64>, %c: tensor<4x1xi64>) -> tensor<4x16xi64> {
  %y = ds.gemm %a, %b, %c : (tensor<4x8xi64>, tensor<8x16xi64>, tensor<4x1xi64>) -> tensor<4x16xi64>
  return %y : tensor<4x16xi64>
}
