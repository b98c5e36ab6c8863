// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// The batch comes from either operand, the channels from X and the output
// sizes from the grid; an unranked X takes its rank from the grid.
// CHECK-LABEL: func.func @grid_sample
// CHECK: ds.grid_sample {{.*}} -> tensor<2x3x4x5xf32>
// CHECK: ds.grid_sample {{.*}} -> tensor<?x?x4x5x6xf32>
// CHECK: ds.grid_sample {{.*}} -> tensor<*xf32>
func.func @grid_sample(%x: tensor<?x3x8x8xf32>, %g: tensor<2x4x5x2xf32>, %u: tensor<*xf32>, %g3: tensor<?x4x5x6x3xf32>, %gu: tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.grid_sample %x, %g : (tensor<?x3x8x8xf32>, tensor<2x4x5x2xf32>) -> tensor<*xf32>
  %1 = ds.grid_sample %u, %g3 : (tensor<*xf32>, tensor<?x4x5x6x3xf32>) -> tensor<*xf32>
  %2 = ds.grid_sample %u, %gu : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// A constant size gives the spatial sizes; otherwise they are dynamic, and
// the rank comes from theta or the length of size.
// CHECK-LABEL: func.func @affine_grid
// CHECK: ds.affine_grid {{.*}} -> tensor<2x5x6x7x3xf32>
// CHECK: ds.affine_grid {{.*}} -> tensor<?x?x?x2xf32>
// CHECK: ds.affine_grid {{.*}} -> tensor<?x?x?x?x3xf32>
// CHECK: ds.affine_grid {{.*}} -> tensor<*xf32>
func.func @affine_grid(%t3: tensor<?x3x4xf32>, %t: tensor<?x?x3xf32>, %s: tensor<?xi64>, %tu: tensor<*xf32>, %s5: tensor<5xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %size = ds.constant dense<[2, 1, 5, 6, 7]> : tensor<5xi64>
  %0 = ds.affine_grid %t3, %size : (tensor<?x3x4xf32>, tensor<5xi64>) -> tensor<*xf32>
  %1 = ds.affine_grid %t, %s : (tensor<?x?x3xf32>, tensor<?xi64>) -> tensor<*xf32>
  %2 = ds.affine_grid %tu, %s5 : (tensor<*xf32>, tensor<5xi64>) -> tensor<*xf32>
  %3 = ds.affine_grid %tu, %s : (tensor<*xf32>, tensor<?xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// The number of regions comes from rois or batch_indices.
// CHECK-LABEL: func.func @roi_pools
// CHECK: ds.roi_align {{.*}} -> tensor<5x?x3x2xf32>
// CHECK: ds.max_roi_pool {{.*}} -> tensor<?x8x2x4xf32>
func.func @roi_pools(%x: tensor<*xf32>, %r: tensor<?x4xf32>, %b: tensor<5xi64>, %y: tensor<1x8x9x9xf32>, %r5: tensor<?x?xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.roi_align %x, %r, %b {output_height = 3 : i64, output_width = 2 : i64} : (tensor<*xf32>, tensor<?x4xf32>, tensor<5xi64>) -> tensor<*xf32>
  %1 = ds.max_roi_pool %y, %r5 {pooled_shape = array<i64: 2, 4>} : (tensor<1x8x9x9xf32>, tensor<?x?xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// (D - 1) * stride + kernel - pads; the indices refine X's sizes; a
// constant output_shape gives the sizes, another only the rank.
// CHECK-LABEL: func.func @max_unpool
// CHECK: ds.max_unpool {{.*}} -> tensor<1x3x7x?xf32>
// CHECK: ds.max_unpool {{.*}} -> tensor<1x3x9x10xf32>
// CHECK: ds.max_unpool {{.*}} -> tensor<1x3x?x?xf32>
func.func @max_unpool(%x: tensor<?x3x4x?xf32>, %i: tensor<1x3x4x?xi64>, %s: tensor<4xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>} : (tensor<?x3x4x?xf32>, tensor<1x3x4x?xi64>) -> tensor<*xf32>
  %shape = ds.constant dense<[1, 3, 9, 10]> : tensor<4xi64>
  %1 = ds.max_unpool %x, %i, %shape {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>} : (tensor<?x3x4x?xf32>, tensor<1x3x4x?xi64>, tensor<4xi64>) -> tensor<*xf32>
  %2 = ds.max_unpool %x, %i, %s {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<?x3x4x?xf32>, tensor<1x3x4x?xi64>, tensor<4xi64>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// C = dim 1 / prod(block_shape); the image from image_shape.
// CHECK-LABEL: func.func @col2_im
// CHECK: ds.col2_im {{.*}} -> tensor<?x2x4x6x3xf16>
// CHECK: ds.col2_im {{.*}} -> tensor<?x?x5x5xf16>
func.func @col2_im(%x: tensor<?x16x?xf16>, %u: tensor<*xf16>) -> (tensor<*xf16>, tensor<*xf16>) {
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2, 2>, image_shape = array<i64: 4, 6, 3>} : (tensor<?x16x?xf16>) -> tensor<*xf16>
  %1 = ds.col2_im %u {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<*xf16>) -> tensor<*xf16>
  return %0, %1 : tensor<*xf16>, tensor<*xf16>
}

// -----

// The output sizes of a convolution, refined by the offset's; the output
// channels from W or the bias.
// CHECK-LABEL: func.func @deform_conv
// CHECK: ds.deform_conv {{.*}} -> tensor<2x6x4x4xf32>
// CHECK: ds.deform_conv {{.*}} -> tensor<1x6x5x?xf32>
// CHECK: ds.deform_conv {{.*}} -> tensor<?x?x?x?xf32>
func.func @deform_conv(%x: tensor<?x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<2x18x4x4xf32>, %xd: tensor<1x4x?x?xf32>, %w2: tensor<?x4x3x3xf32>, %o2: tensor<1x18x5x?xf32>, %b: tensor<6xf32>, %u: tensor<*xf32>, %o3: tensor<?x?x?x?xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.deform_conv %x, %w, %o {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : (tensor<?x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<2x18x4x4xf32>) -> tensor<*xf32>
  %1 = ds.deform_conv %xd, %w2, %o2 bias %b : (tensor<1x4x?x?xf32>, tensor<?x4x3x3xf32>, tensor<1x18x5x?xf32>, tensor<6xf32>) -> tensor<*xf32>
  %2 = ds.deform_conv %u, %u, %o3 : (tensor<*xf32>, tensor<*xf32>, tensor<?x?x?x?xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Conv shapes with an i32 result: explicit pads, SAME (ceil(D / stride))
// and unranked operands.
// CHECK-LABEL: func.func @conv_integer
// CHECK: ds.conv_integer {{.*}} -> tensor<?x4x3x8xi32>
// CHECK: ds.conv_integer {{.*}} -> tensor<?x4x4x?xi32>
// CHECK: ds.conv_integer {{.*}} -> tensor<*xi32>
func.func @conv_integer(%x: tensor<?x3x7x?xui8>, %w: tensor<4x3x3x3xui8>, %x2: tensor<?x3x7x16xui8>, %u: tensor<*xi8>) -> (tensor<*xi32>, tensor<*xi32>, tensor<*xi32>) {
  %0 = ds.conv_integer %x2, %w {pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 2, 2>} : (tensor<?x3x7x16xui8>, tensor<4x3x3x3xui8>) -> tensor<*xi32>
  %1 = ds.conv_integer %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : (tensor<?x3x7x?xui8>, tensor<4x3x3x3xui8>) -> tensor<*xi32>
  %2 = ds.conv_integer %u, %u : (tensor<*xi8>, tensor<*xi8>) -> tensor<*xi32>
  return %0, %1, %2 : tensor<*xi32>, tensor<*xi32>, tensor<*xi32>
}
