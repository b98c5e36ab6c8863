// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @conv_bias
// CHECK: ds.conv %{{.*}}, %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-SAME: : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
func.func @conv_bias(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x3x3xf32>, %b: tensor<64xf32>) -> tensor<?x64x112x112xf32> {
  %y = ds.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
  return %y : tensor<?x64x112x112xf32>
}

// -----

// Default-valued attributes (group = 1, auto_pad = NOTSET) are not printed.
// CHECK-LABEL: func.func @conv_all_attributes
// CHECK: ds.conv %{{.*}}, %{{.*}} {auto_pad = "SAME_LOWER", dilations = array<i64: 2>, group = 2 : i64, kernel_shape = array<i64: 3>, precision = #ds.precision<fp16>, strides = array<i64: 1>}
// CHECK-SAME: : (tensor<1x4x?xf32>, tensor<8x2x3xf32>) -> tensor<1x8x?xf32>
// CHECK: ds.conv %{{.*}}, %{{.*}} : (tensor<1x4x?xf32>, tensor<8x4x3xf32>) -> tensor<1x8x?xf32>
func.func @conv_all_attributes(%x: tensor<1x4x?xf32>, %w: tensor<8x2x3xf32>, %v: tensor<8x4x3xf32>) -> (tensor<1x8x?xf32>, tensor<1x8x?xf32>) {
  %y = ds.conv %x, %w {auto_pad = "SAME_LOWER", dilations = array<i64: 2>, group = 2 : i64, kernel_shape = array<i64: 3>, strides = array<i64: 1>, precision = #ds.precision<fp16>}
      : (tensor<1x4x?xf32>, tensor<8x2x3xf32>) -> tensor<1x8x?xf32>
  %z = ds.conv %x, %v {group = 1 : i64, auto_pad = "NOTSET"} : (tensor<1x4x?xf32>, tensor<8x4x3xf32>) -> tensor<1x8x?xf32>
  return %y, %z : tensor<1x8x?xf32>, tensor<1x8x?xf32>
}

// -----

// CHECK-LABEL: func.func @conv_3d_unranked_weight
// CHECK: ds.conv %{{.*}}, %{{.*}} : (tensor<2x1x9x9x9xf16>, tensor<*xf16>) -> tensor<2x?x?x?x?xf16>
func.func @conv_3d_unranked_weight(%x: tensor<2x1x9x9x9xf16>, %w: tensor<*xf16>) -> tensor<2x?x?x?x?xf16> {
  %y = ds.conv %x, %w : (tensor<2x1x9x9x9xf16>, tensor<*xf16>) -> tensor<2x?x?x?x?xf16>
  return %y : tensor<2x?x?x?x?xf16>
}

// -----

// CHECK-LABEL: func.func @conv_transpose
// CHECK: ds.conv_transpose %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-SAME: : (tensor<1x64x?x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x?x32xf32>
// CHECK: ds.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {group = 2 : i64, output_shape = array<i64: 20, 33>, strides = array<i64: 2, 2>}
// CHECK-SAME: : (tensor<1x64x?x16xf32>, tensor<64x16x3x3xf32>, tensor<32xf32>) -> tensor<1x32x20x33xf32>
func.func @conv_transpose(%x: tensor<1x64x?x16xf32>, %w: tensor<64x32x3x3xf32>, %v: tensor<64x16x3x3xf32>, %b: tensor<32xf32>)
    -> (tensor<1x32x?x32xf32>, tensor<1x32x20x33xf32>) {
  %y = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}
      : (tensor<1x64x?x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x?x32xf32>
  %z = ds.conv_transpose %x, %v, %b {group = 2 : i64, strides = array<i64: 2, 2>, output_shape = array<i64: 20, 33>}
      : (tensor<1x64x?x16xf32>, tensor<64x16x3x3xf32>, tensor<32xf32>) -> tensor<1x32x20x33xf32>
  return %y, %z : tensor<1x32x?x32xf32>, tensor<1x32x20x33xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool
// CHECK: %{{.*}}, %{{.*}} = ds.max_pool %{{.*}} {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, storage_order = 1 : i64, strides = array<i64: 2, 2>}
// CHECK-SAME: : (tensor<?x64x112x112xf32>) -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>)
// CHECK: ds.max_pool %{{.*}} {auto_pad = "VALID", ceil_mode = true, dilations = array<i64: 2>, kernel_shape = array<i64: 2>}
// CHECK-SAME: : (tensor<1x3x?xui8>) -> tensor<1x3x?xui8>
func.func @max_pool(%x: tensor<?x64x112x112xf32>, %u: tensor<1x3x?xui8>)
    -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>, tensor<1x3x?xui8>) {
  %y, %i = ds.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, storage_order = 1 : i64}
      : (tensor<?x64x112x112xf32>) -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>)
  %z = ds.max_pool %u {kernel_shape = array<i64: 2>, dilations = array<i64: 2>, ceil_mode = true, auto_pad = "VALID"}
      : (tensor<1x3x?xui8>) -> tensor<1x3x?xui8>
  return %y, %i, %z : tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>, tensor<1x3x?xui8>
}

// -----

// CHECK-LABEL: func.func @average_pool
// CHECK: ds.average_pool %{{.*}} {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-SAME: : (tensor<1x64x?x55xf32>) -> tensor<1x64x?x28xf32>
func.func @average_pool(%x: tensor<1x64x?x55xf32>) -> tensor<1x64x?x28xf32> {
  %y = ds.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, ceil_mode = true, count_include_pad = true}
      : (tensor<1x64x?x55xf32>) -> tensor<1x64x?x28xf32>
  return %y : tensor<1x64x?x28xf32>
}

// -----

// CHECK-LABEL: func.func @lp_pool
// CHECK: ds.lp_pool %{{.*}} {kernel_shape = array<i64: 3>, p = 3 : i64} : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
// CHECK: ds.lp_pool %{{.*}} {kernel_shape = array<i64: 3>} : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
func.func @lp_pool(%x: tensor<2x8x10xf32>) -> (tensor<2x8x8xf32>, tensor<2x8x8xf32>) {
  %y = ds.lp_pool %x {kernel_shape = array<i64: 3>, p = 3 : i64} : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
  %z = ds.lp_pool %x {kernel_shape = array<i64: 3>, p = 2 : i64} : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
  return %y, %z : tensor<2x8x8xf32>, tensor<2x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @global_pools
// CHECK: ds.global_max_pool %{{.*}} : (tensor<?x512x7x7xf32>) -> tensor<?x512x1x1xf32>
// CHECK: ds.global_average_pool %{{.*}} {precision = #ds.precision<fp32>} : (tensor<?x512x7x7xf32>) -> tensor<?x512x1x1xf32>
// CHECK: ds.global_lp_pool %{{.*}} {p = 1 : i64} : (tensor<*xbf16>) -> tensor<*xbf16>
func.func @global_pools(%x: tensor<?x512x7x7xf32>, %u: tensor<*xbf16>) -> (tensor<?x512x1x1xf32>, tensor<?x512x1x1xf32>, tensor<*xbf16>) {
  %a = ds.global_max_pool %x : (tensor<?x512x7x7xf32>) -> tensor<?x512x1x1xf32>
  %b = ds.global_average_pool %x {precision = #ds.precision<fp32>} : (tensor<?x512x7x7xf32>) -> tensor<?x512x1x1xf32>
  %c = ds.global_lp_pool %u {p = 1 : i64} : (tensor<*xbf16>) -> tensor<*xbf16>
  return %a, %b, %c : tensor<?x512x1x1xf32>, tensor<?x512x1x1xf32>, tensor<*xbf16>
}
