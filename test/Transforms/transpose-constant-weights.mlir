// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-transpose-constant-weights))' | FileCheck %s

// A constant B of a gemm with transB is stored transposed, the flag gone;
// the bias stays.
// CHECK-LABEL: func.func @linear(
// CHECK: %[[W:.*]] = ds.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK: ds.gemm %arg0, %[[W]], %arg1 : (tensor<4x2xf32>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
func.func @linear(%x: tensor<4x2xf32>, %bias: tensor<3xf32>) -> tensor<4x3xf32> {
  %w = ds.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %y = ds.gemm %x, %w, %bias {trans_b = true} : (tensor<4x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// A constant A with transA likewise; alpha and beta are kept.
// CHECK-LABEL: func.func @constant_a(
// CHECK: %[[A:.*]] = ds.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK: ds.gemm %[[A]], %arg0 {alpha = 5.000000e-01 : f32} : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @constant_a(%b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %a = ds.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %y = ds.gemm %a, %b {trans_a = true, alpha = 0.5 : f32} : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Left alone: a B computed at run time, and an integer weight.
// CHECK-LABEL: func.func @runtime_b(
// CHECK: ds.gemm %arg0, %arg1 {trans_b = true}
// CHECK: ds.gemm %arg2, %{{.*}} {trans_b = true}
func.func @runtime_b(%x: tensor<4x2xf32>, %w: tensor<3x2xf32>, %xi: tensor<4x2xi32>) -> (tensor<4x3xf32>, tensor<4x3xi32>) {
  %y = ds.gemm %x, %w {trans_b = true} : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  %wi = ds.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
  %z = ds.gemm %xi, %wi {trans_b = true} : (tensor<4x2xi32>, tensor<3x2xi32>) -> tensor<4x3xi32>
  return %y, %z : tensor<4x3xf32>, tensor<4x3xi32>
}
