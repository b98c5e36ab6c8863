// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// A dynamic batch stays dynamic; channels and spatial sizes are computed.
// CHECK-LABEL: func.func @conv_2d
// CHECK: ds.conv {{.*}} -> tensor<?x64x112x112xf32>
func.func @conv_2d(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %y = ds.conv %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// (10 - (2 * (3 - 1) + 1)) / 1 + 1 = 6.
// CHECK-LABEL: func.func @conv_1d_grouped_dilated
// CHECK: ds.conv {{.*}} -> tensor<1x8x6xf32>
func.func @conv_1d_grouped_dilated(%x: tensor<1x4x10xf32>, %w: tensor<8x2x3xf32>) -> tensor<?x?x?xf32> {
  %y = ds.conv %x, %w {group = 2 : i64, dilations = array<i64: 2>} : (tensor<1x4x10xf32>, tensor<8x2x3xf32>) -> tensor<?x?x?xf32>
  return %y : tensor<?x?x?xf32>
}

// -----

// SAME gives ceil(D / stride); a dynamic spatial size stays dynamic.
// CHECK-LABEL: func.func @conv_3d_same
// CHECK: ds.conv {{.*}} -> tensor<2x4x5x?x4xf32>
func.func @conv_3d_same(%x: tensor<2x1x9x?x7xf32>, %w: tensor<4x1x3x3x3xf32>) -> tensor<?x?x?x?x?xf32> {
  %y = ds.conv %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2, 2>}
      : (tensor<2x1x9x?x7xf32>, tensor<4x1x3x3x3xf32>) -> tensor<?x?x?x?x?xf32>
  return %y : tensor<?x?x?x?x?xf32>
}

// -----

// Unknown kernel sizes leave their spatial output size dynamic, unless
// kernel_shape gives them; the bias gives M when W is unranked.
// CHECK-LABEL: func.func @conv_dynamic_kernel
// CHECK: ds.conv {{.*}} -> tensor<1x8x?x8xf32>
// CHECK: ds.conv {{.*}} -> tensor<1x8x8x8xf32>
// CHECK: ds.conv {{.*}} -> tensor<1x16x?x?xf32>
func.func @conv_dynamic_kernel(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x?x3xf32>, %u: tensor<*xf32>, %b: tensor<16xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %y = ds.conv %x, %w : (tensor<1x3x10x10xf32>, tensor<8x3x?x3xf32>) -> tensor<?x?x?x?xf32>
  %z = ds.conv %x, %w {kernel_shape = array<i64: 3, 3>} : (tensor<1x3x10x10xf32>, tensor<8x3x?x3xf32>) -> tensor<?x?x?x?xf32>
  %v = ds.conv %x, %u, %b : (tensor<1x3x10x10xf32>, tensor<*xf32>, tensor<16xf32>) -> tensor<?x?x?x?xf32>
  return %y, %z, %v : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// The rank comes from W when X is unranked; with neither ranked, the result
// is unranked.
// CHECK-LABEL: func.func @conv_unranked
// CHECK: ds.conv {{.*}} -> tensor<?x8x?xf32>
// CHECK: ds.conv {{.*}} -> tensor<*xf32>
func.func @conv_unranked(%x: tensor<*xf32>, %w: tensor<8x3x3xf32>, %v: tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %y = ds.conv %x, %w : (tensor<*xf32>, tensor<8x3x3xf32>) -> tensor<*xf32>
  %z = ds.conv %x, %v : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %y, %z : tensor<*xf32>, tensor<*xf32>
}

// -----

// 2 * (16 - 1) + 1 + 3 - 2 = 32; M = W.shape[1] * group.
// CHECK-LABEL: func.func @conv_transpose
// CHECK: ds.conv_transpose {{.*}} -> tensor<1x32x?x32xf32>
// CHECK: ds.conv_transpose {{.*}} -> tensor<1x32x?x32xf32>
func.func @conv_transpose(%x: tensor<1x64x?x16xf32>, %w: tensor<64x32x3x3xf32>, %v: tensor<64x16x3x3xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %y = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}
      : (tensor<1x64x?x16xf32>, tensor<64x32x3x3xf32>) -> tensor<?x?x?x?xf32>
  %z = ds.conv_transpose %x, %v {group = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}
      : (tensor<1x64x?x16xf32>, tensor<64x16x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y, %z : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// output_shape sets the spatial sizes even where the input's are dynamic;
// SAME gives D * stride.
// CHECK-LABEL: func.func @conv_transpose_output_shape_and_same
// CHECK: ds.conv_transpose {{.*}} -> tensor<?x2x12x13xf32>
// CHECK: ds.conv_transpose {{.*}} -> tensor<?x2x?x14xf32>
func.func @conv_transpose_output_shape_and_same(%x: tensor<?x4x?x7xf32>, %w: tensor<4x2x3x3xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %y = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_shape = array<i64: 12, 13>}
      : (tensor<?x4x?x7xf32>, tensor<4x2x3x3xf32>) -> tensor<?x?x?x?xf32>
  %z = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>, auto_pad = "SAME_LOWER"}
      : (tensor<?x4x?x7xf32>, tensor<4x2x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y, %z : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// Both results of max_pool are refined.
// CHECK-LABEL: func.func @max_pool_with_indices
// CHECK: ds.max_pool {{.*}} -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>)
// CHECK: ds.max_pool {{.*}} -> tensor<?x64x56x56xf32>
func.func @max_pool_with_indices(%x: tensor<?x64x112x112xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>, tensor<?x?x?x?xf32>) {
  %y, %i = ds.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<?x64x112x112xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>)
  %z = ds.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<?x64x112x112xf32>) -> tensor<?x?x?x?xf32>
  return %y, %i, %z : tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>, tensor<?x?x?x?xf32>
}

// -----

// ceil_mode rounds up (5 -> 3 windows), but no window starts in the end
// padding (4 + end pad 1 -> 2 windows, not 3).
// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK: ds.max_pool {{.*}} -> tensor<1x1x2xf32>
// CHECK: ds.max_pool {{.*}} -> tensor<1x1x3xf32>
// CHECK: ds.max_pool {{.*}} -> tensor<1x1x2xf32>
func.func @max_pool_ceil_mode(%x: tensor<1x1x5xf32>, %v: tensor<1x1x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %a = ds.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>} : (tensor<1x1x5xf32>) -> tensor<*xf32>
  %b = ds.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>, ceil_mode = true} : (tensor<1x1x5xf32>) -> tensor<*xf32>
  %c = ds.max_pool %v {kernel_shape = array<i64: 2>, strides = array<i64: 2>, pads = array<i64: 0, 1>, ceil_mode = true} : (tensor<1x1x4xf32>) -> tensor<*xf32>
  return %a, %b, %c : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// kernel_shape gives the rank of an unranked input.
// CHECK-LABEL: func.func @max_pool_unranked
// CHECK: ds.max_pool {{.*}} -> tensor<?x?x?x?xi8>
func.func @max_pool_unranked(%x: tensor<*xi8>) -> tensor<*xi8> {
  %y = ds.max_pool %x {kernel_shape = array<i64: 3, 3>} : (tensor<*xi8>) -> tensor<*xi8>
  return %y : tensor<*xi8>
}

// -----

// VALID: (7 - 3) / 2 + 1 = 3, with or without ceil_mode; SAME: ceil(7 / 2).
// CHECK-LABEL: func.func @average_pool
// CHECK: ds.average_pool {{.*}} -> tensor<1x64x?x3xf32>
// CHECK: ds.average_pool {{.*}} -> tensor<1x64x?x4xf32>
func.func @average_pool(%x: tensor<1x64x?x7xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %y = ds.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, auto_pad = "VALID", ceil_mode = true}
      : (tensor<1x64x?x7xf32>) -> tensor<?x?x?x?xf32>
  %z = ds.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, auto_pad = "SAME_UPPER"}
      : (tensor<1x64x?x7xf32>) -> tensor<?x?x?x?xf32>
  return %y, %z : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @lp_pool
// CHECK: ds.lp_pool {{.*}} -> tensor<2x8x8xf32>
// CHECK: ds.lp_pool {{.*}} -> tensor<2x8x6xf32>
func.func @lp_pool(%x: tensor<2x8x10xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y = ds.lp_pool %x {kernel_shape = array<i64: 3>} : (tensor<2x8x10xf32>) -> tensor<?x?x?xf32>
  %z = ds.lp_pool %x {kernel_shape = array<i64: 3>, dilations = array<i64: 2>, p = 1 : i64} : (tensor<2x8x10xf32>) -> tensor<?x?x?xf32>
  return %y, %z : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @global_pools
// CHECK: ds.global_max_pool {{.*}} -> tensor<?x512x1x1xf32>
// CHECK: ds.global_average_pool {{.*}} -> tensor<2x?x1x1x1xf32>
// CHECK: ds.global_lp_pool {{.*}} -> tensor<*xf32>
func.func @global_pools(%x: tensor<?x512x7x7xf32>, %y: tensor<2x?x3x4x5xf32>, %u: tensor<*xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<*xf32>, tensor<*xf32>) {
  %a = ds.global_max_pool %x : (tensor<?x512x7x7xf32>) -> tensor<?x?x?x?xf32>
  %b = ds.global_average_pool %y : (tensor<2x?x3x4x5xf32>) -> tensor<*xf32>
  %c = ds.global_lp_pool %u : (tensor<*xf32>) -> tensor<*xf32>
  return %a, %b, %c : tensor<?x?x?x?xf32>, tensor<*xf32>, tensor<*xf32>
}
