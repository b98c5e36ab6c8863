// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// 7 with stride 2: 4 outputs need (4 - 1) * 2 + 3 - 7 = 2 pads, 1 each side.
// 8 with stride 2: 4 outputs need 1 pad, at the end for SAME_UPPER and at
// the beginning for SAME_LOWER.
// CHECK-LABEL: func.func @conv_same_to_pads
// CHECK: ds.conv %{{.*}}, %{{.*}} {pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x7x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x4x4xf32>
// CHECK: ds.conv %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x7x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x4x4xf32>
func.func @conv_same_to_pads(%x: tensor<1x3x7x8xf32>, %w: tensor<8x3x3x3xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) {
  %y = ds.conv %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : (tensor<1x3x7x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x4x4xf32>
  %z = ds.conv %x, %w {auto_pad = "SAME_LOWER", strides = array<i64: 2, 2>} : (tensor<1x3x7x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x4x4xf32>
  return %y, %z : tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>
}

// -----

// VALID means no padding: the attribute goes away.
// CHECK-LABEL: func.func @conv_valid
// CHECK: ds.conv %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x3x7x7xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<?x8x5x5xf32>
func.func @conv_valid(%x: tensor<?x3x7x7xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf32>) -> tensor<?x8x5x5xf32> {
  %y = ds.conv %x, %w, %b {auto_pad = "VALID"} : (tensor<?x3x7x7xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<?x8x5x5xf32>
  return %y : tensor<?x8x5x5xf32>
}

// -----

// A kernel_shape stands in for W's dynamic sizes.
// CHECK-LABEL: func.func @conv_same_kernel_shape
// CHECK: ds.conv %{{.*}}, %{{.*}} {kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>}
func.func @conv_same_kernel_shape(%x: tensor<1x3x7xf32>, %w: tensor<8x3x?xf32>) -> tensor<1x8x7xf32> {
  %y = ds.conv %x, %w {auto_pad = "SAME_UPPER", kernel_shape = array<i64: 3>} : (tensor<1x3x7xf32>, tensor<8x3x?xf32>) -> tensor<1x8x7xf32>
  return %y : tensor<1x8x7xf32>
}

// -----

// Dynamic spatial input sizes or kernel sizes keep auto_pad.
// CHECK-LABEL: func.func @conv_same_dynamic
// CHECK: ds.conv %{{.*}}, %{{.*}} {auto_pad = "SAME_UPPER"} : (tensor<1x3x?xf32>, tensor<8x3x3xf32>)
// CHECK: ds.conv %{{.*}}, %{{.*}} {auto_pad = "SAME_UPPER"} : (tensor<1x3x7xf32>, tensor<8x3x?xf32>)
func.func @conv_same_dynamic(%x: tensor<1x3x?xf32>, %w: tensor<8x3x3xf32>, %v: tensor<1x3x7xf32>, %u: tensor<8x3x?xf32>) -> (tensor<1x8x?xf32>, tensor<1x8x7xf32>) {
  %y = ds.conv %x, %w {auto_pad = "SAME_UPPER"} : (tensor<1x3x?xf32>, tensor<8x3x3xf32>) -> tensor<1x8x?xf32>
  %z = ds.conv %v, %u {auto_pad = "SAME_UPPER"} : (tensor<1x3x7xf32>, tensor<8x3x?xf32>) -> tensor<1x8x7xf32>
  return %y, %z : tensor<1x8x?xf32>, tensor<1x8x7xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_same_to_pads
// 5 * 2 outputs: total padding 2 * 4 + 3 - 10 = 1, at the end for SAME_UPPER.
// CHECK: ds.conv_transpose %{{.*}}, %{{.*}} {pads = array<i64: 0, 1>, strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10xf32>
func.func @conv_transpose_same_to_pads(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32>) -> tensor<1x2x10xf32> {
  %y = ds.conv_transpose %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10xf32>
  return %y : tensor<1x2x10xf32>
}

// -----

// output_shape 10: total padding 1, at the beginning (auto_pad NOTSET).
// CHECK-LABEL: func.func @conv_transpose_output_shape_to_pads
// CHECK: ds.conv_transpose %{{.*}}, %{{.*}} {pads = array<i64: 1, 0>, strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10xf32>
func.func @conv_transpose_output_shape_to_pads(%x: tensor<1x4x5xf32>, %w: tensor<4x2x3xf32>) -> tensor<1x2x10xf32> {
  %y = ds.conv_transpose %x, %w {output_shape = array<i64: 10>, strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10xf32>
  return %y : tensor<1x2x10xf32>
}

// -----

// A negative total padding (2 * 4 + 1 - 10 = -1) has no explicit form.
// CHECK-LABEL: func.func @conv_transpose_negative_padding_stays
// CHECK: ds.conv_transpose %{{.*}}, %{{.*}} {auto_pad = "SAME_LOWER", strides = array<i64: 2>}
func.func @conv_transpose_negative_padding_stays(%x: tensor<1x4x5xf32>, %w: tensor<4x2x1xf32>) -> tensor<1x2x10xf32> {
  %y = ds.conv_transpose %x, %w {auto_pad = "SAME_LOWER", strides = array<i64: 2>} : (tensor<1x4x5xf32>, tensor<4x2x1xf32>) -> tensor<1x2x10xf32>
  return %y : tensor<1x2x10xf32>
}

// -----

// SAME ignores ceil_mode; the explicit form drops it.
// CHECK-LABEL: func.func @max_pool_same_to_pads
// CHECK: %{{.*}}, %{{.*}} = ds.max_pool %{{.*}} {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x5x5xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x3x3xi64>)
func.func @max_pool_same_to_pads(%x: tensor<1x3x5x5xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x3x3xi64>) {
  %y, %i = ds.max_pool %x {auto_pad = "SAME_UPPER", ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : (tensor<1x3x5x5xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x3x3xi64>)
  return %y, %i : tensor<1x3x3x3xf32>, tensor<1x3x3x3xi64>
}

// -----

// CHECK-LABEL: func.func @average_pool_valid
// CHECK: ds.average_pool %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3>, strides = array<i64: 3>} : (tensor<1x3x7xf32>) -> tensor<1x3x2xf32>
func.func @average_pool_valid(%x: tensor<1x3x7xf32>) -> tensor<1x3x2xf32> {
  %y = ds.average_pool %x {auto_pad = "VALID", ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3>, strides = array<i64: 3>}
      : (tensor<1x3x7xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

// 10 with stride 3 and kernel 4: 4 outputs need 3 * 3 + 4 - 10 = 3 pads, the
// odd one at the beginning.
// CHECK-LABEL: func.func @lp_pool_same_lower
// CHECK: ds.lp_pool %{{.*}} {kernel_shape = array<i64: 4>, pads = array<i64: 2, 1>, strides = array<i64: 3>} : (tensor<1x3x10xf32>) -> tensor<1x3x4xf32>
func.func @lp_pool_same_lower(%x: tensor<1x3x10xf32>) -> tensor<1x3x4xf32> {
  %y = ds.lp_pool %x {auto_pad = "SAME_LOWER", kernel_shape = array<i64: 4>, strides = array<i64: 3>} : (tensor<1x3x10xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

// -----

// Explicit pads and a dynamic input size are left alone.
// CHECK-LABEL: func.func @pools_unchanged
// CHECK: ds.max_pool %{{.*}} {ceil_mode = true, kernel_shape = array<i64: 2>, pads = array<i64: 0, 1>}
// CHECK: ds.average_pool %{{.*}} {auto_pad = "SAME_UPPER", kernel_shape = array<i64: 2>}
func.func @pools_unchanged(%x: tensor<1x3x4xf32>, %v: tensor<1x3x?xf32>) -> (tensor<1x3x4xf32>, tensor<1x3x?xf32>) {
  %y = ds.max_pool %x {ceil_mode = true, kernel_shape = array<i64: 2>, pads = array<i64: 0, 1>} : (tensor<1x3x4xf32>) -> tensor<1x3x4xf32>
  %z = ds.average_pool %v {auto_pad = "SAME_UPPER", kernel_shape = array<i64: 2>} : (tensor<1x3x?xf32>) -> tensor<1x3x?xf32>
  return %y, %z : tensor<1x3x4xf32>, tensor<1x3x?xf32>
}
