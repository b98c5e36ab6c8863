// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @grid_sample
// CHECK: ds.grid_sample %{{.*}}, %{{.*}} : (tensor<?x3x32x32xf32>, tensor<?x8x8x2xf32>) -> tensor<?x3x8x8xf32>
// CHECK: ds.grid_sample %{{.*}}, %{{.*}} {align_corners = true, mode = "cubic", padding_mode = "reflection", precision = #ds.precision<fp16>} : (tensor<?x3x32x32xf32>, tensor<?x8x8x2xf32>) -> tensor<?x3x8x8xf32>
// CHECK: ds.grid_sample %{{.*}}, %{{.*}} {mode = "nearest", padding_mode = "border"} : (tensor<2x1x4x5x6xi8>, tensor<2x3x3x3x3xf16>) -> tensor<2x1x3x3x3xi8>
func.func @grid_sample(%x: tensor<?x3x32x32xf32>, %g: tensor<?x8x8x2xf32>, %v: tensor<2x1x4x5x6xi8>, %h: tensor<2x3x3x3x3xf16>) {
  %0 = ds.grid_sample %x, %g : (tensor<?x3x32x32xf32>, tensor<?x8x8x2xf32>) -> tensor<?x3x8x8xf32>
  %1 = ds.grid_sample %x, %g {align_corners = true, mode = "cubic", padding_mode = "reflection", precision = #ds.precision<fp16>} : (tensor<?x3x32x32xf32>, tensor<?x8x8x2xf32>) -> tensor<?x3x8x8xf32>
  %2 = ds.grid_sample %v, %h {mode = "nearest", padding_mode = "border"} : (tensor<2x1x4x5x6xi8>, tensor<2x3x3x3x3xf16>) -> tensor<2x1x3x3x3xi8>
  return
}

// -----

// CHECK-LABEL: func.func @affine_grid
// CHECK: ds.affine_grid %{{.*}}, %{{.*}} {align_corners = true} : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x16x24x2xf32>
// CHECK: ds.affine_grid %{{.*}}, %{{.*}} : (tensor<?x3x4xf64>, tensor<5xi64>) -> tensor<?x?x?x?x3xf64>
func.func @affine_grid(%t: tensor<2x2x3xf32>, %t3: tensor<?x3x4xf64>, %s: tensor<5xi64>) {
  %size = ds.constant dense<[2, 3, 16, 24]> : tensor<4xi64>
  %0 = ds.affine_grid %t, %size {align_corners = true} : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x16x24x2xf32>
  %1 = ds.affine_grid %t3, %s : (tensor<?x3x4xf64>, tensor<5xi64>) -> tensor<?x?x?x?x3xf64>
  return
}

// -----

// CHECK-LABEL: func.func @roi_pools
// CHECK: ds.roi_align %{{.*}}, %{{.*}}, %{{.*}} {coordinate_transformation_mode = "output_half_pixel", mode = "max", output_height = 7 : i64, output_width = 5 : i64, sampling_ratio = 2 : i64, spatial_scale = 6.250000e-02 : f32} : (tensor<1x256x50x50xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x256x7x5xf32>
// CHECK: ds.roi_align %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x256x50x50xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x256x1x1xf32>
// CHECK: ds.max_roi_pool %{{.*}}, %{{.*}} {pooled_shape = array<i64: 6, 6>, spatial_scale = 6.250000e-02 : f32} : (tensor<1x256x50x50xf32>, tensor<?x5xf32>) -> tensor<?x256x6x6xf32>
func.func @roi_pools(%x: tensor<1x256x50x50xf32>, %r: tensor<?x4xf32>, %b: tensor<?xi64>, %r5: tensor<?x5xf32>) {
  %0 = ds.roi_align %x, %r, %b {coordinate_transformation_mode = "output_half_pixel", mode = "max", output_height = 7 : i64, output_width = 5 : i64, sampling_ratio = 2 : i64, spatial_scale = 6.250000e-02 : f32} : (tensor<1x256x50x50xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x256x7x5xf32>
  %1 = ds.roi_align %x, %r, %b : (tensor<1x256x50x50xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x256x1x1xf32>
  %2 = ds.max_roi_pool %x, %r5 {pooled_shape = array<i64: 6, 6>, spatial_scale = 6.250000e-02 : f32} : (tensor<1x256x50x50xf32>, tensor<?x5xf32>) -> tensor<?x256x6x6xf32>
  return
}

// -----

// CHECK-LABEL: func.func @max_unpool
// CHECK: ds.max_unpool %{{.*}}, %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
// CHECK: ds.max_unpool %{{.*}}, %{{.*}}, %{{.*}} {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<1x3x?x?xf32>
func.func @max_unpool(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>, %s: tensor<4xi64>) {
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
  %1 = ds.max_unpool %x, %i, %s {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<1x3x?x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @col2_im
// CHECK: ds.col2_im %{{.*}} {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<1x12x16xf32>) -> tensor<1x3x5x5xf32>
// CHECK: ds.col2_im %{{.*}} {block_shape = array<i64: 3>, dilations = array<i64: 2>, image_shape = array<i64: 9>, pads = array<i64: 1, 0>, strides = array<i64: 2>} : (tensor<?x6x3xi32>) -> tensor<?x2x9xi32>
func.func @col2_im(%x: tensor<1x12x16xf32>, %y: tensor<?x6x3xi32>) {
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<1x12x16xf32>) -> tensor<1x3x5x5xf32>
  %1 = ds.col2_im %y {block_shape = array<i64: 3>, dilations = array<i64: 2>, image_shape = array<i64: 9>, pads = array<i64: 1, 0>, strides = array<i64: 2>} : (tensor<?x6x3xi32>) -> tensor<?x2x9xi32>
  return
}

// -----

// CHECK-LABEL: func.func @deform_conv
// CHECK: ds.deform_conv %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<6xf32>) -> tensor<1x6x8x8xf32>
// CHECK: ds.deform_conv %{{.*}}, %{{.*}}, %{{.*}} mask %{{.*}} {group = 2 : i64, offset_group = 2 : i64, pads = array<i64: 1, 1, 1, 1>, precision = #ds.precision<bf16>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<1x36x8x8xf32>, tensor<1x18x8x8xf32>) -> tensor<1x6x8x8xf32>
// CHECK: ds.deform_conv %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} mask %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<6xf32>, tensor<1x9x8x8xf32>) -> tensor<1x6x8x8xf32>
func.func @deform_conv(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x8x8xf32>, %b: tensor<6xf32>, %w2: tensor<6x2x3x3xf32>, %o2: tensor<1x36x8x8xf32>, %m2: tensor<1x18x8x8xf32>, %m: tensor<1x9x8x8xf32>) {
  %0 = ds.deform_conv %x, %w, %o bias %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<6xf32>) -> tensor<1x6x8x8xf32>
  %1 = ds.deform_conv %x, %w2, %o2 mask %m2 {group = 2 : i64, offset_group = 2 : i64, pads = array<i64: 1, 1, 1, 1>, precision = #ds.precision<bf16>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<1x36x8x8xf32>, tensor<1x18x8x8xf32>) -> tensor<1x6x8x8xf32>
  %2 = ds.deform_conv %x, %w, %o bias %b mask %m {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<6xf32>, tensor<1x9x8x8xf32>) -> tensor<1x6x8x8xf32>
  return
}

// -----

// CHECK-LABEL: func.func @conv_integer
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} x_zero_point %{{.*}} w_zero_point %{{.*}} {auto_pad = "SAME_LOWER", strides = array<i64: 2, 2>} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<ui8>, tensor<4xi8>) -> tensor<1x4x4x4xi32>
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} w_zero_point %{{.*}} {dilations = array<i64: 2>, group = 3 : i64} : (tensor<?x3x9xi8>, tensor<6x1x2xui8>, tensor<1xui8>) -> tensor<?x6x7xi32>
func.func @conv_integer(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>, %xz: tensor<ui8>, %wz: tensor<4xi8>, %y: tensor<?x3x9xi8>, %v: tensor<6x1x2xui8>, %vz: tensor<1xui8>) {
  %0 = ds.conv_integer %x, %w : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
  %1 = ds.conv_integer %x, %w x_zero_point %xz w_zero_point %wz {auto_pad = "SAME_LOWER", strides = array<i64: 2, 2>} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<ui8>, tensor<4xi8>) -> tensor<1x4x4x4xi32>
  %2 = ds.conv_integer %y, %v w_zero_point %vz {dilations = array<i64: 2>, group = 3 : i64} : (tensor<?x3x9xi8>, tensor<6x1x2xui8>, tensor<1xui8>) -> tensor<?x6x7xi32>
  return
}
