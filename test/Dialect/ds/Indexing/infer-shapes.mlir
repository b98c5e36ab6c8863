// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @gather
// CHECK: ds.gather %{{.*}} : (tensor<?x768xf32>, tensor<8x128xi64>) -> tensor<8x128x768xf32>
// CHECK: ds.gather %{{.*}} {axis = -1 : i64} : (tensor<2x?x5xf32>, tensor<3xi32>) -> tensor<2x?x3xf32>
// CHECK: ds.gather %{{.*}} : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
// CHECK: ds.gather %{{.*}} : (tensor<*xf32>, tensor<3xi64>) -> tensor<*xf32>
func.func @gather(%table: tensor<?x768xf32>, %ids: tensor<8x128xi64>,
                  %x: tensor<2x?x5xf32>, %i: tensor<3xi32>, %shape: tensor<4xi64>,
                  %s: tensor<i64>, %u: tensor<*xf32>, %j: tensor<3xi64>)
    -> (tensor<*xf32>, tensor<*xf32>, tensor<*xi64>, tensor<*xf32>) {
  %0 = ds.gather %table, %ids : (tensor<?x768xf32>, tensor<8x128xi64>) -> tensor<*xf32>
  %1 = ds.gather %x, %i {axis = -1 : i64} : (tensor<2x?x5xf32>, tensor<3xi32>) -> tensor<*xf32>
  %2 = ds.gather %shape, %s : (tensor<4xi64>, tensor<i64>) -> tensor<*xi64>
  %3 = ds.gather %u, %j : (tensor<*xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xi64>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements
// CHECK: ds.gather_elements %{{.*}} {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
// CHECK: ds.gather_elements %{{.*}} : (tensor<?x5xf32>, tensor<*xi64>) -> tensor<?x?xf32>
func.func @gather_elements(%x: tensor<2x5xf32>, %i: tensor<2x3xi64>,
                           %y: tensor<?x5xf32>, %j: tensor<*xi64>)
    -> (tensor<?x?xf32>, tensor<*xf32>) {
  %0 = ds.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<?x?xf32>
  %1 = ds.gather_elements %y, %j : (tensor<?x5xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<*xf32>
}

// -----

// The batch dimension of the result takes the static size of data's; an
// unknown index depth leaves the rank unknown.
// CHECK-LABEL: func.func @gather_nd
// CHECK: ds.gather_nd %{{.*}} : (tensor<4x5x6xi32>, tensor<?x2xi64>) -> tensor<?x6xi32>
// CHECK: ds.gather_nd %{{.*}} {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<?x5x1xi64>) -> tensor<2x5x4xf32>
// CHECK: ds.gather_nd %{{.*}} : (tensor<4x5x6xi32>, tensor<3x?xi64>) -> tensor<*xi32>
func.func @gather_nd(%x: tensor<4x5x6xi32>, %i: tensor<?x2xi64>,
                     %y: tensor<2x3x4xf32>, %j: tensor<?x5x1xi64>, %k: tensor<3x?xi64>)
    -> (tensor<*xi32>, tensor<*xf32>, tensor<*xi32>) {
  %0 = ds.gather_nd %x, %i : (tensor<4x5x6xi32>, tensor<?x2xi64>) -> tensor<*xi32>
  %1 = ds.gather_nd %y, %j {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<?x5x1xi64>) -> tensor<*xf32>
  %2 = ds.gather_nd %x, %k : (tensor<4x5x6xi32>, tensor<3x?xi64>) -> tensor<*xi32>
  return %0, %1, %2 : tensor<*xi32>, tensor<*xf32>, tensor<*xi32>
}

// -----

// CHECK-LABEL: func.func @scatters
// CHECK: ds.scatter_nd %{{.*}} : (tensor<4x?xf32>, tensor<2x1xi64>, tensor<2x?xf32>) -> tensor<4x?xf32>
// CHECK: ds.scatter_elements %{{.*}} : (tensor<2x5xf32>, tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<2x5xf32>
func.func @scatters(%x: tensor<4x?xf32>, %i: tensor<2x1xi64>, %u: tensor<2x?xf32>,
                    %y: tensor<2x5xf32>, %j: tensor<2x3xi32>, %v: tensor<2x3xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = ds.scatter_nd %x, %i, %u : (tensor<4x?xf32>, tensor<2x1xi64>, tensor<2x?xf32>) -> tensor<?x?xf32>
  %1 = ds.scatter_elements %y, %j, %v : (tensor<2x5xf32>, tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<?x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// Constant scales: floor(in * scale), as ONNX (4 * 1.1 -> 4, 3 * 1.3 -> 3,
// 5 * 1.9 -> 9); a dynamic input size stays dynamic.
// CHECK-LABEL: func.func @resize_constant_scales
// CHECK: ds.resize %{{.*}} scales %{{.*}} : (tensor<2x4x3x5xf32>, tensor<4xf32>) -> tensor<2x4x3x9xf32>
// CHECK: ds.resize %{{.*}} scales %{{.*}} : (tensor<?x4x3x5xf32>, tensor<4xf32>) -> tensor<?x4x3x9xf32>
func.func @resize_constant_scales(%x: tensor<2x4x3x5xf32>, %y: tensor<?x4x3x5xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<*xf32>) {
  %s = ds.constant dense<[1.0, 1.1, 1.3, 1.9]> : tensor<4xf32>
  %0 = ds.resize %x scales %s : (tensor<2x4x3x5xf32>, tensor<4xf32>) -> tensor<?x?x?x?xf32>
  %1 = ds.resize %y scales %s : (tensor<?x4x3x5xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<*xf32>
}

// -----

// Non-constant scales or sizes: the resized axes are unknown, the others
// keep their sizes.
// CHECK-LABEL: func.func @resize_unknown
// CHECK: ds.resize %{{.*}} scales %{{.*}} : (tensor<1x3x32x32xf32>, tensor<4xf32>) -> tensor<?x?x?x?xf32>
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {axes = array<i64: 2, 3>} : (tensor<1x3x32x32xf32>, tensor<2xi64>) -> tensor<1x3x?x?xf32>
func.func @resize_unknown(%x: tensor<1x3x32x32xf32>, %s: tensor<4xf32>, %hw: tensor<2xi64>)
    -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.resize %x scales %s : (tensor<1x3x32x32xf32>, tensor<4xf32>) -> tensor<*xf32>
  %1 = ds.resize %x sizes %hw {axes = array<i64: 2, 3>} : (tensor<1x3x32x32xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Constant sizes over the last two axes; keep_aspect_ratio_policy scales
// both by min (not_larger) or max (not_smaller) of 6/3 and 6/5.
// CHECK-LABEL: func.func @resize_constant_sizes
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {axes = array<i64: -2, -1>} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<?x6x6xf32>
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {axes = array<i64: -2, -1>, keep_aspect_ratio_policy = "not_larger"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<?x4x6xf32>
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {axes = array<i64: -2, -1>, keep_aspect_ratio_policy = "not_smaller"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<?x6x10xf32>
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {axes = array<i64: 0, 1>, keep_aspect_ratio_policy = "not_smaller"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<?x?x5xf32>
func.func @resize_constant_sizes(%x: tensor<?x3x5xf32>)
    -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %n = ds.constant dense<[6, 6]> : tensor<2xi64>
  %0 = ds.resize %x sizes %n {axes = array<i64: -2, -1>} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<*xf32>
  %1 = ds.resize %x sizes %n {axes = array<i64: -2, -1>, keep_aspect_ratio_policy = "not_larger"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<*xf32>
  %2 = ds.resize %x sizes %n {axes = array<i64: -2, -1>, keep_aspect_ratio_policy = "not_smaller"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<*xf32>
  %3 = ds.resize %x sizes %n {axes = array<i64: 0, 1>, keep_aspect_ratio_policy = "not_smaller"} : (tensor<?x3x5xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// tf_crop_and_resize scales the cropped extent: floor(10 * 0.5 * 3) = 15;
// with a non-constant roi the size is unknown.
// CHECK-LABEL: func.func @resize_crop
// CHECK: ds.resize %{{.*}} roi %{{.*}} scales %{{.*}} {axes = array<i64: 1>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<2x10xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<2x15xf32>
// CHECK: ds.resize %{{.*}} roi %{{.*}} scales %{{.*}} {axes = array<i64: 1>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<2x10xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<2x?xf32>
func.func @resize_crop(%x: tensor<2x10xf32>, %r: tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %roi = ds.constant dense<[0.25, 0.75]> : tensor<2xf32>
  %s = ds.constant dense<3.0> : tensor<1xf32>
  %0 = ds.resize %x roi %roi scales %s {axes = array<i64: 1>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<2x10xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<*xf32>
  %1 = ds.resize %x roi %r scales %s {axes = array<i64: 1>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<2x10xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}
