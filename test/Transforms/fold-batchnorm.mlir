// RUN: ds-opt %s --split-input-file \
// RUN:   --pass-pipeline='builtin.module(func.func(ds-fold-batchnorm))' | FileCheck %s

// Inference batch normalization after a conv without bias: the weight of
// channel o is scaled by s = scale / sqrt(var + eps) (here 1 and 0.25), the
// bias is bias - mean * s.
// CHECK-LABEL: func.func @conv_bn
// CHECK-DAG: %[[W:.*]] = ds.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}5.000000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = ds.constant dense<[5.000000e-01, -2.500000e-01]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = ds.conv %{{.*}}, %[[W]], %[[B]] {strides = array<i64: 1, 1>}
// CHECK-NOT: ds.batch_normalization
// CHECK: return %[[Y]]
func.func @conv_bn(%x: tensor<?x1x4x4xf32>) -> tensor<?x2x4x4xf32> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = ds.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %bias = ds.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %mean = ds.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %var = ds.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %0 = ds.conv %x, %w {strides = array<i64: 1, 1>} : (tensor<?x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<?x2x4x4xf32>
  %1 = ds.batch_normalization %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<?x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  return %1 : tensor<?x2x4x4xf32>
}

// -----

// The conv's own bias b becomes b * s + t.
// CHECK-LABEL: func.func @conv_bias_bn
// CHECK-DAG: %[[B:.*]] = ds.constant dense<[1.500000e+00, 2.500000e-01]> : tensor<2xf32>
// CHECK: ds.conv %{{.*}}, %{{.*}}, %[[B]]
// CHECK-NOT: ds.batch_normalization
func.func @conv_bias_bn(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %b = ds.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %scale = ds.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %bias = ds.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %mean = ds.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %var = ds.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %0 = ds.conv %x, %w, %b : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.batch_normalization %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// A chain of per-channel mul ([C, 1, 1]) and add ([1, C, 1, 1], on the
// left) folds step by step into one conv; f64 too.
// CHECK-LABEL: func.func @conv_mul_add
// CHECK-DAG: %[[W:.*]] = ds.constant dense<{{\[\[\[\[}}3.000000e+00]]], {{\[\[\[}}-4.000000e+00]]]]> : tensor<2x1x1x1xf64>
// CHECK-DAG: %[[B:.*]] = ds.constant dense<[1.000000e+01, -2.000000e+01]> : tensor<2xf64>
// CHECK: %[[Y:.*]] = ds.conv %{{.*}}, %[[W]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @conv_mul_add(%x: tensor<1x1x4x4xf64>) -> tensor<1x2x4x4xf64> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf64>
  %s = ds.constant dense<[[[3.0]], [[-2.0]]]> : tensor<2x1x1xf64>
  %t = ds.constant dense<[[[[10.0]], [[-20.0]]]]> : tensor<1x2x1x1xf64>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf64>, tensor<2x1x1x1xf64>) -> tensor<1x2x4x4xf64>
  %1 = ds.mul %0, %s : (tensor<1x2x4x4xf64>, tensor<2x1x1xf64>) -> tensor<1x2x4x4xf64>
  %2 = ds.add %t, %1 : (tensor<1x2x1x1xf64>, tensor<1x2x4x4xf64>) -> tensor<1x2x4x4xf64>
  return %2 : tensor<1x2x4x4xf64>
}

// -----

// Div and sub by a constant on the right, a scalar (rank 0) broadcasting
// to every channel; a scale alone adds no bias.
// CHECK-LABEL: func.func @conv_div_sub
// CHECK: %[[W:.*]] = ds.constant dense<{{\[\[\[\[}}5.000000e-01]]], {{\[\[\[}}1.000000e+00]]]]>
// CHECK: %[[B:.*]] = ds.constant dense<-1.000000e+00> : tensor<2xf32>
// CHECK: ds.conv %{{.*}}, %[[W]], %[[B]]
// CHECK-NOT: ds.div
// CHECK-NOT: ds.sub
// CHECK-LABEL: func.func @conv_scale_only
// CHECK: ds.conv %{{.*}}, %{{[^,]*}} :
// CHECK-NOT: ds.mul
func.func @conv_div_sub(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %two = ds.constant dense<2.0> : tensor<f32>
  %one = ds.constant dense<1.0> : tensor<1xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.div %0, %two : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %2 = ds.sub %1, %one : (tensor<1x2x4x4xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}
func.func @conv_scale_only(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %s = ds.constant dense<[[[3.0]], [[-2.0]]]> : tensor<2x1x1xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.mul %s, %0 : (tensor<2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// A grouped transposed convolution: W is [C, M / group, k], and element
// (c, j) feeds output channel (c / (C / group)) * (M / group) + j. Here
// C = 2, group = 2, M = 4: rows (c = 0) [1, 1] go to channels 0, 1 and
// (c = 1) [1, 1] to channels 2, 3.
// CHECK-LABEL: func.func @conv_transpose_mul
// CHECK: ds.constant dense<{{\[\[\[}}1.000000e+00], [2.000000e+00]], {{\[\[}}3.000000e+00], [4.000000e+00]]]> : tensor<2x2x1xf32>
// CHECK: ds.conv_transpose
// CHECK-NOT: ds.mul
func.func @conv_transpose_mul(%x: tensor<1x2x5xf32>) -> tensor<1x4x5xf32> {
  %w = ds.constant dense<1.0> : tensor<2x2x1xf32>
  %s = ds.constant dense<[[1.0], [2.0], [3.0], [4.0]]> : tensor<4x1xf32>
  %0 = ds.conv_transpose %x, %w {group = 2 : i64} : (tensor<1x2x5xf32>, tensor<2x2x1xf32>) -> tensor<1x4x5xf32>
  %1 = ds.mul %0, %s : (tensor<1x4x5xf32>, tensor<4x1xf32>) -> tensor<1x4x5xf32>
  return %1 : tensor<1x4x5xf32>
}

// -----

// Gemm with a transposed weight ([N, K]: row n is column n of B') and a
// C of shape [1, N] scaled by beta: C' = s * beta * C + t, beta reset to 1.
// CHECK-LABEL: func.func @gemm_bn
// CHECK-DAG: %[[W:.*]] = ds.constant dense<{{\[\[}}2.000000e+00, 2.000000e+00], [5.000000e-01, 5.000000e-01]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = ds.constant dense<[4.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: ds.gemm %{{.*}}, %[[W]], %[[C]] {alpha = 3.000000e+00 : f32, trans_b = true}
// CHECK-NOT: ds.batch_normalization
func.func @gemm_bn(%a: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %b = ds.constant dense<1.0> : tensor<2x2xf32>
  %c = ds.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %scale = ds.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %zero = ds.constant dense<0.0> : tensor<2xf32>
  %one = ds.constant dense<1.0> : tensor<2xf32>
  %0 = ds.gemm %a, %b, %c {alpha = 3.0 : f32, beta = 2.0 : f32, trans_b = true}
      : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<?x2xf32>
  %1 = ds.batch_normalization %0, %scale, %zero, %zero, %one {epsilon = 0.0 : f32}
      : (tensor<?x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// A 2-D matmul by a constant [K, N] plus a constant [N] becomes a gemm with
// C (the canonical form of a matrix product with a bias vector).
// CHECK-LABEL: func.func @matmul_add
// CHECK: %[[C:.*]] = ds.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: ds.gemm %{{.*}}, %{{.*}}, %[[C]] : (tensor<?x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
// CHECK-NOT: ds.add
func.func @matmul_add(%a: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %b = ds.constant dense<1.0> : tensor<4x3xf32>
  %c = ds.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = ds.matmul %a, %b : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
  %1 = ds.add %0, %c : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}

// -----

// A batched matmul takes a per-column scale into its weight, but has no
// bias to take an offset: the add stays.
// CHECK-LABEL: func.func @batched_matmul
// CHECK: %[[W:.*]] = ds.constant dense<{{\[\[}}2.000000e+00, 3.000000e+00]]> : tensor<1x2xf32>
// CHECK: %[[Y:.*]] = ds.matmul %{{.*}}, %[[W]]
// CHECK: ds.add %[[Y]]
func.func @batched_matmul(%a: tensor<?x5x1xf32>) -> tensor<?x5x2xf32> {
  %b = ds.constant dense<1.0> : tensor<1x2xf32>
  %s = ds.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %0 = ds.matmul %a, %b : (tensor<?x5x1xf32>, tensor<1x2xf32>) -> tensor<?x5x2xf32>
  %1 = ds.mul %0, %s : (tensor<?x5x2xf32>, tensor<2xf32>) -> tensor<?x5x2xf32>
  %2 = ds.add %1, %s : (tensor<?x5x2xf32>, tensor<2xf32>) -> tensor<?x5x2xf32>
  return %2 : tensor<?x5x2xf32>
}

// -----

// A weight blob gives a new blob (more than 64 elements), named after it;
// the old one is dropped with its constant.
// CHECK-LABEL: func.func @resource_weight
// CHECK: ds.constant dense_resource<w66_folded> : tensor<66x1x1x1xf32>
// CHECK-NOT: ds.mul
// CHECK: w66_folded: "0x04000000{{(0000803F){66}"$}}
func.func @resource_weight(%x: tensor<1x1x2x2xf32>) -> tensor<1x66x2x2xf32> {
  %w = ds.constant dense_resource<w66> : tensor<66x1x1x1xf32>
  %h = ds.constant dense<0.5> : tensor<f32>
  %0 = ds.conv %x, %w : (tensor<1x1x2x2xf32>, tensor<66x1x1x1xf32>) -> tensor<1x66x2x2xf32>
  %1 = ds.mul %0, %h : (tensor<1x66x2x2xf32>, tensor<f32>) -> tensor<1x66x2x2xf32>
  return %1 : tensor<1x66x2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w66: "0x04000000000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040"
    }
  }
#-}

// -----

// Not folded: the conv has another user.
// CHECK-LABEL: func.func @conv_other_user
// CHECK: ds.batch_normalization
func.func @conv_other_user(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = ds.constant dense<1.0> : tensor<2xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.batch_normalization %0, %c, %c, %c, %c
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Not folded: statistics that are not constants.
// CHECK-LABEL: func.func @bn_not_constant
// CHECK: ds.batch_normalization
func.func @bn_not_constant(%x: tensor<1x1x4x4xf32>, %var: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = ds.constant dense<1.0> : tensor<2xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.batch_normalization %0, %c, %c, %c, %var
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Not folded: a weight that is not a constant, or a bias that is not.
// CHECK-LABEL: func.func @weight_not_constant
// CHECK: ds.mul
// CHECK-LABEL: func.func @bias_not_constant
// CHECK: ds.mul
func.func @weight_not_constant(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %s = ds.constant dense<2.0> : tensor<2x1x1xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.mul %0, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
func.func @bias_not_constant(%x: tensor<1x1x4x4xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = ds.constant dense<2.0> : tensor<2x1x1xf32>
  %0 = ds.conv %x, %w, %b : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.mul %0, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Not folded: training mode.
// CHECK-LABEL: func.func @bn_training
// CHECK: ds.batch_normalization
func.func @bn_training(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = ds.constant dense<1.0> : tensor<2xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1:3 = ds.batch_normalization %0, %c, %c, %c, %c {training_mode = true}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
      -> (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>)
  return %1#0 : tensor<1x2x4x4xf32>
}

// -----

// Not folded: a constant that varies along a spatial axis, one that would
// broadcast the result to a higher rank, a constant on the left of a sub,
// and f16.
// CHECK-LABEL: func.func @not_per_channel
// CHECK: ds.add
// CHECK-LABEL: func.func @broadcasts_rank
// CHECK: ds.mul
// CHECK-LABEL: func.func @sub_from_constant
// CHECK: ds.sub
// CHECK-LABEL: func.func @half
// CHECK: ds.mul
func.func @not_per_channel(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %t = ds.constant dense<[[1.0, 2.0, 3.0, 4.0]]> : tensor<1x4xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.add %0, %t : (tensor<1x2x4x4xf32>, tensor<1x4xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
func.func @broadcasts_rank(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s = ds.constant dense<2.0> : tensor<1x1x1x1x1xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.mul %0, %s : (tensor<1x2x4x4xf32>, tensor<1x1x1x1x1xf32>) -> tensor<1x1x2x4x4xf32>
  return %1 : tensor<1x1x2x4x4xf32>
}
func.func @sub_from_constant(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf32>
  %t = ds.constant dense<1.0> : tensor<2x1x1xf32>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.sub %t, %0 : (tensor<2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
func.func @half(%x: tensor<1x1x4x4xf16>) -> tensor<1x2x4x4xf16> {
  %w = ds.constant dense<1.0> : tensor<2x1x1x1xf16>
  %s = ds.constant dense<2.0> : tensor<2x1x1xf16>
  %0 = ds.conv %x, %w : (tensor<1x1x4x4xf16>, tensor<2x1x1x1xf16>) -> tensor<1x2x4x4xf16>
  %1 = ds.mul %0, %s : (tensor<1x2x4x4xf16>, tensor<2x1x1xf16>) -> tensor<1x2x4x4xf16>
  return %1 : tensor<1x2x4x4xf16>
}
