// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// 7 with stride 2: 4 outputs need (4 - 1) * 2 + 3 - 7 = 2 pads, 1 each side;
// 8 with stride 2 needs 1, at the end for SAME_UPPER and at the beginning
// for SAME_LOWER.
// CHECK-LABEL: func.func @conv_integer_same_to_pads
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} {pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi32>
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi32>
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x5x6xi32>
func.func @conv_integer_same_to_pads(%x: tensor<1x3x7x8xui8>, %w: tensor<4x3x3x3xi8>) -> (tensor<1x4x4x4xi32>, tensor<1x4x4x4xi32>, tensor<1x4x5x6xi32>) {
  %0 = ds.conv_integer %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi32>
  %1 = ds.conv_integer %x, %w {auto_pad = "SAME_LOWER", strides = array<i64: 2, 2>} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi32>
  %2 = ds.conv_integer %x, %w {auto_pad = "VALID"} : (tensor<1x3x7x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x5x6xi32>
  return %0, %1, %2 : tensor<1x4x4x4xi32>, tensor<1x4x4x4xi32>, tensor<1x4x5x6xi32>
}

// -----

// A dynamic spatial size keeps auto_pad.
// CHECK-LABEL: func.func @conv_integer_same_dynamic
// CHECK: ds.conv_integer %{{.*}}, %{{.*}} {auto_pad = "SAME_UPPER"}
func.func @conv_integer_same_dynamic(%x: tensor<1x3x?xui8>, %w: tensor<4x3x3xi8>) -> tensor<1x4x?xi32> {
  %0 = ds.conv_integer %x, %w {auto_pad = "SAME_UPPER"} : (tensor<1x3x?xui8>, tensor<4x3x3xi8>) -> tensor<1x4x?xi32>
  return %0 : tensor<1x4x?xi32>
}

// -----

// Constant zero points of 0 go away; others stay.
// CHECK-LABEL: func.func @conv_integer_zero_points
// CHECK: %[[WZ:.*]] = ds.constant dense<[0, 3]> : tensor<2xi8>
// CHECK: ds.conv_integer %arg0, %arg1 : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xi8>) -> tensor<1x2x2x2xi32>
// CHECK: ds.conv_integer %arg0, %arg1 w_zero_point %[[WZ]] : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xi8>, tensor<2xi8>) -> tensor<1x2x2x2xi32>
func.func @conv_integer_zero_points(%x: tensor<1x1x3x3xui8>, %w: tensor<2x1x2x2xi8>) -> (tensor<1x2x2x2xi32>, tensor<1x2x2x2xi32>) {
  %xz = ds.constant dense<0> : tensor<ui8>
  %wz = ds.constant dense<0> : tensor<2xi8>
  %wz3 = ds.constant dense<[0, 3]> : tensor<2xi8>
  %0 = ds.conv_integer %x, %w x_zero_point %xz w_zero_point %wz : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xi8>, tensor<ui8>, tensor<2xi8>) -> tensor<1x2x2x2xi32>
  %1 = ds.conv_integer %x, %w x_zero_point %xz w_zero_point %wz3 : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xi8>, tensor<ui8>, tensor<2xi8>) -> tensor<1x2x2x2xi32>
  return %0, %1 : tensor<1x2x2x2xi32>, tensor<1x2x2x2xi32>
}

// -----

// An output_shape equal to the unpooled shape is redundant; a larger one
// is not.
// CHECK-LABEL: func.func @max_unpool_output_shape
// CHECK: ds.max_unpool %arg0, %arg1 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
// CHECK: ds.max_unpool %arg0, %arg1, %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<1x3x9x8xf32>
func.func @max_unpool_output_shape(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>) -> (tensor<1x3x8x8xf32>, tensor<1x3x9x8xf32>) {
  %same = ds.constant dense<[1, 3, 8, 8]> : tensor<4xi64>
  %larger = ds.constant dense<[1, 3, 9, 8]> : tensor<4xi64>
  %0 = ds.max_unpool %x, %i, %same {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<1x3x8x8xf32>
  %1 = ds.max_unpool %x, %i, %larger {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<1x3x9x8xf32>
  return %0, %1 : tensor<1x3x8x8xf32>, tensor<1x3x9x8xf32>
}
