// The graph folds and the elementwise fusion of ds-lower-to-llvm, seen
// right after ds-fuse-elementwise inside the pipeline: each chain
// of elementwise ops is one linalg.generic; the convolution and the matrix
// product stay named ops.
// RUN: ds-opt %s --pass-pipeline='builtin.module(ds-lower-to-llvm)' \
// RUN:   --mlir-disable-threading --mlir-print-ir-after=ds-fuse-elementwise \
// RUN:   -o /dev/null 2>&1 | FileCheck %s

// Conv + batch normalization + ReLU: the normalization is in the weights,
// bias and ReLU are one generic.
// CHECK-LABEL: func.func @conv_bn_relu
// CHECK-NOT: math.sqrt
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK-NEXT: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @conv_bn_relu(%x: tensor<?x1x4x4xf32>) -> tensor<?x2x4x4xf32> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = ds.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %bias = ds.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %mean = ds.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %var = ds.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %0 = ds.conv %x, %w : (tensor<?x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<?x2x4x4xf32>
  %1 = ds.batch_normalization %0, %scale, %bias, %mean, %var
      : (tensor<?x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  %2 = ds.relu %1 : (tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32>
  return %2 : tensor<?x2x4x4xf32>
}

// MatMul + bias + Clip: a gemm, then one generic for bias and clip.
// CHECK-LABEL: func.func @matmul_bias_clip
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @matmul_bias_clip(%a: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %b = ds.constant dense<0.5> : tensor<4x3xf32>
  %c = ds.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %lo = ds.constant dense<0.0> : tensor<f32>
  %hi = ds.constant dense<6.0> : tensor<f32>
  %0 = ds.matmul %a, %b : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
  %1 = ds.add %0, %c : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %2 = ds.clip %1 min %lo max %hi : (tensor<?x3xf32>, tensor<f32>, tensor<f32>) -> tensor<?x3xf32>
  return %2 : tensor<?x3xf32>
}

// Residual add + ReLU with dynamic sizes.
// CHECK-LABEL: func.func @residual
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK-NEXT: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @residual(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = ds.add %x, %y : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %1 = ds.relu %0 : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %1 : tensor<?x?xf32>
}

// GELU's erf form, x * 0.5 * (1 + erf(x / sqrt(2))): one generic.
// CHECK-LABEL: func.func @gelu
// CHECK: linalg.generic
// CHECK: math.erf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @gelu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = ds.constant dense<1.41421354> : tensor<f32>
  %one = ds.constant dense<1.0> : tensor<f32>
  %half = ds.constant dense<0.5> : tensor<f32>
  %0 = ds.div %x, %sqrt2 : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %1 = ds.erf %0 : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %2 = ds.add %1, %one : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %3 = ds.mul %x, %2 : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %4 = ds.mul %3, %half : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// A value with two users is not fused into either (nothing is computed
// twice): exp stays its own generic.
// CHECK-LABEL: func.func @shared_producer
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: linalg.yield
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: return
func.func @shared_producer(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>) {
  %0 = ds.exp %x : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %1 = ds.relu %0 : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %2 = ds.neg %0 : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %1, %2 : tensor<?x8xf32>, tensor<?x8xf32>
}
