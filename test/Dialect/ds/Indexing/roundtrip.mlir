// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @gather
// CHECK: ds.gather %{{.*}}, %{{.*}} : (tensor<?x768xf32>, tensor<?x128xi64>) -> tensor<?x128x768xf32>
// CHECK: ds.gather %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<2x?x5xf32>, tensor<3xi32>) -> tensor<2x?x3xf32>
// CHECK: ds.gather %{{.*}}, %{{.*}} : (tensor<*xf32>, tensor<i64>) -> tensor<*xf32>
func.func @gather(%table: tensor<?x768xf32>, %ids: tensor<?x128xi64>,
                  %x: tensor<2x?x5xf32>, %i: tensor<3xi32>,
                  %u: tensor<*xf32>, %s: tensor<i64>)
    -> (tensor<?x128x768xf32>, tensor<2x?x3xf32>, tensor<*xf32>) {
  %0 = ds.gather %table, %ids : (tensor<?x768xf32>, tensor<?x128xi64>) -> tensor<?x128x768xf32>
  %1 = ds.gather %x, %i {axis = -1 : i64} : (tensor<2x?x5xf32>, tensor<3xi32>) -> tensor<2x?x3xf32>
  %2 = ds.gather %u, %s {axis = 0 : i64} : (tensor<*xf32>, tensor<i64>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<?x128x768xf32>, tensor<2x?x3xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements
// CHECK: ds.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x5xf16>, tensor<2x?xi64>) -> tensor<2x?xf16>
func.func @gather_elements(%x: tensor<2x5xf16>, %i: tensor<2x?xi64>) -> tensor<2x?xf16> {
  %0 = ds.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x5xf16>, tensor<2x?xi64>) -> tensor<2x?xf16>
  return %0 : tensor<2x?xf16>
}

// -----

// CHECK-LABEL: func.func @gather_nd
// CHECK: ds.gather_nd %{{.*}}, %{{.*}} : (tensor<4x5x6xi32>, tensor<?x2xi64>) -> tensor<?x6xi32>
// CHECK: ds.gather_nd %{{.*}}, %{{.*}} {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x5x1xi64>) -> tensor<2x5x4xf32>
func.func @gather_nd(%x: tensor<4x5x6xi32>, %i: tensor<?x2xi64>,
                     %y: tensor<2x3x4xf32>, %j: tensor<2x5x1xi64>)
    -> (tensor<?x6xi32>, tensor<2x5x4xf32>) {
  %0 = ds.gather_nd %x, %i : (tensor<4x5x6xi32>, tensor<?x2xi64>) -> tensor<?x6xi32>
  %1 = ds.gather_nd %y, %j {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x5x1xi64>) -> tensor<2x5x4xf32>
  return %0, %1 : tensor<?x6xi32>, tensor<2x5x4xf32>
}

// -----

// CHECK-LABEL: func.func @scatter_nd
// CHECK: ds.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
// CHECK: ds.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} {reduction = "add"} : (tensor<?x4xf32>, tensor<?x2xi64>, tensor<?xf32>) -> tensor<?x4xf32>
func.func @scatter_nd(%x: tensor<4x4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4x4xf32>,
                      %y: tensor<?x4xf32>, %j: tensor<?x2xi64>, %v: tensor<?xf32>)
    -> (tensor<4x4x4xf32>, tensor<?x4xf32>) {
  %0 = ds.scatter_nd %x, %i, %u {reduction = "none"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  %1 = ds.scatter_nd %y, %j, %v {reduction = "add"} : (tensor<?x4xf32>, tensor<?x2xi64>, tensor<?xf32>) -> tensor<?x4xf32>
  return %0, %1 : tensor<4x4x4xf32>, tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @scatter_elements
// CHECK: ds.scatter_elements %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64, reduction = "max"} : (tensor<2x5xf32>, tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<2x5xf32>
// CHECK: ds.scatter_elements %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
func.func @scatter_elements(%x: tensor<2x5xf32>, %i: tensor<2x3xi32>, %u: tensor<2x3xf32>,
                            %y: tensor<?xi64>, %j: tensor<?xi64>)
    -> (tensor<2x5xf32>, tensor<?xi64>) {
  %0 = ds.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = "max"} : (tensor<2x5xf32>, tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  %1 = ds.scatter_elements %y, %j, %j : (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
  return %0, %1 : tensor<2x5xf32>, tensor<?xi64>
}

// -----

// CHECK-LABEL: func.func @resize_scales
// CHECK: ds.resize %{{.*}} scales %{{.*}} {mode = "linear"} : (tensor<1x3x32x32xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
func.func @resize_scales(%x: tensor<1x3x32x32xf32>, %s: tensor<4xf32>) -> tensor<1x3x?x?xf32> {
  %0 = ds.resize %x scales %s {mode = "linear"} : (tensor<1x3x32x32xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @resize_sizes_all_attributes
// CHECK: ds.resize %{{.*}} sizes %{{.*}} {antialias = true, axes = array<i64: 2, 3>, coordinate_transformation_mode = "align_corners", cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, extrapolation_value = 1.000000e+00 : f32, keep_aspect_ratio_policy = "not_larger", mode = "cubic", nearest_mode = "floor", precision = #ds.precision<fp16>} : (tensor<?x3x?x?xf32>, tensor<2xi64>) -> tensor<?x3x?x?xf32>
func.func @resize_sizes_all_attributes(%x: tensor<?x3x?x?xf32>, %hw: tensor<2xi64>) -> tensor<?x3x?x?xf32> {
  %0 = ds.resize %x sizes %hw {antialias = true, axes = array<i64: 2, 3>,
      coordinate_transformation_mode = "align_corners", cubic_coeff_a = -0.5 : f32,
      exclude_outside = true, extrapolation_value = 1.0 : f32,
      keep_aspect_ratio_policy = "not_larger", mode = "cubic", nearest_mode = "floor",
      precision = #ds.precision<fp16>}
      : (tensor<?x3x?x?xf32>, tensor<2xi64>) -> tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @resize_roi
// CHECK: ds.resize %{{.*}} roi %{{.*}} sizes %{{.*}} {axes = array<i64: -2, -1>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<1x3x?x?xui8>, tensor<4xf32>, tensor<2xi64>) -> tensor<1x3x?x?xui8>
func.func @resize_roi(%x: tensor<1x3x?x?xui8>, %roi: tensor<4xf32>, %hw: tensor<2xi64>) -> tensor<1x3x?x?xui8> {
  %0 = ds.resize %x roi %roi sizes %hw {axes = array<i64: -2, -1>, coordinate_transformation_mode = "tf_crop_and_resize"}
      : (tensor<1x3x?x?xui8>, tensor<4xf32>, tensor<2xi64>) -> tensor<1x3x?x?xui8>
  return %0 : tensor<1x3x?x?xui8>
}
