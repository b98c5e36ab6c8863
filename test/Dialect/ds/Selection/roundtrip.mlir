// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @cumulative
// CHECK: ds.cum_sum %{{.*}} {axis = 1 : i64, exclusive = true} : (tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK: ds.cum_sum %{{.*}} {axis = 0 : i64, precision = #ds.precision<fp16>, reverse = true} : (tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK: ds.cum_prod %{{.*}} {axis = -1 : i64, reverse = true} : (tensor<4x?xi64>) -> tensor<4x?xi64>
// CHECK: ds.cum_prod %{{.*}} {axis = 0 : i64} : (tensor<*xui32>) -> tensor<*xui32>
func.func @cumulative(%x: tensor<?x16xf32>, %i: tensor<4x?xi64>, %u: tensor<*xui32>) {
  %0 = ds.cum_sum %x {axis = 1 : i64, exclusive = true} : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %1 = ds.cum_sum %x {axis = 0 : i64, reverse = true, exclusive = false, precision = #ds.precision<fp16>} : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %2 = ds.cum_prod %i {axis = -1 : i64, reverse = true} : (tensor<4x?xi64>) -> tensor<4x?xi64>
  %3 = ds.cum_prod %u {axis = 0 : i64} : (tensor<*xui32>) -> tensor<*xui32>
  return
}

// -----

// CHECK-LABEL: func.func @reverse_sequence
// CHECK: ds.reverse_sequence %{{.*}}, %{{.*}} {batch_axis = 0 : i64, time_axis = 1 : i64} : (tensor<4x?x8xf32>, tensor<4xi64>) -> tensor<4x?x8xf32>
// CHECK: ds.reverse_sequence %{{.*}}, %{{.*}} : (tensor<?x4xi1>, tensor<?xi64>) -> tensor<?x4xi1>
func.func @reverse_sequence(%x: tensor<4x?x8xf32>, %lens: tensor<4xi64>, %b: tensor<?x4xi1>, %l: tensor<?xi64>) {
  %0 = ds.reverse_sequence %x, %lens {batch_axis = 0 : i64, time_axis = 1 : i64} : (tensor<4x?x8xf32>, tensor<4xi64>) -> tensor<4x?x8xf32>
  %1 = ds.reverse_sequence %b, %l {batch_axis = 1 : i64, time_axis = 0 : i64} : (tensor<?x4xi1>, tensor<?xi64>) -> tensor<?x4xi1>
  return
}

// -----

// CHECK-LABEL: func.func @non_zero
// CHECK: ds.non_zero %{{.*}} : (tensor<?x16xi1>) -> tensor<2x?xi64>
// CHECK: ds.non_zero %{{.*}} : (tensor<f32>) -> tensor<0x?xi64>
// CHECK: ds.non_zero %{{.*}} : (tensor<*xui8>) -> tensor<?x?xi64>
func.func @non_zero(%m: tensor<?x16xi1>, %s: tensor<f32>, %u: tensor<*xui8>) {
  %0 = ds.non_zero %m : (tensor<?x16xi1>) -> tensor<2x?xi64>
  %1 = ds.non_zero %s : (tensor<f32>) -> tensor<0x?xi64>
  %2 = ds.non_zero %u : (tensor<*xui8>) -> tensor<?x?xi64>
  return
}

// -----

// CHECK-LABEL: func.func @unique
// CHECK: ds.unique %{{.*}} {sorted = false} : (tensor<2x3xi64>) -> (tensor<?xi64>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
// CHECK: ds.unique %{{.*}} {axis = 0 : i64} : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
// CHECK: ds.unique %{{.*}} {axis = -1 : i64} : (tensor<*xi1>) -> (tensor<*xi1>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
func.func @unique(%x: tensor<2x3xi64>, %m: tensor<?x4xf32>, %b: tensor<*xi1>) {
  %y, %first, %inverse, %counts = ds.unique %x {sorted = false} : (tensor<2x3xi64>) -> (tensor<?xi64>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
  %r:4 = ds.unique %m {axis = 0 : i64, sorted = true} : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
  %u:4 = ds.unique %b {axis = -1 : i64} : (tensor<*xi1>) -> (tensor<*xi1>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
  return
}

// -----

// CHECK-LABEL: func.func @tensor_scatter
// CHECK: ds.tensor_scatter %{{.*}}, %{{.*}}, %{{.*}} {mode = "circular"} : (tensor<2x8x128x64xf16>, tensor<2x8x1x64xf16>, tensor<2xi64>) -> tensor<2x8x128x64xf16>
// CHECK: ds.tensor_scatter %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x16x4xi8>, tensor<?x?x4xi8>) -> tensor<?x16x4xi8>
func.func @tensor_scatter(%past: tensor<2x8x128x64xf16>, %new: tensor<2x8x1x64xf16>, %pos: tensor<2xi64>, %c: tensor<?x16x4xi8>, %u: tensor<?x?x4xi8>) {
  %0 = ds.tensor_scatter %past, %new, %pos {mode = "circular"} : (tensor<2x8x128x64xf16>, tensor<2x8x1x64xf16>, tensor<2xi64>) -> tensor<2x8x128x64xf16>
  %1 = ds.tensor_scatter %c, %u {axis = 1 : i64, mode = "linear"} : (tensor<?x16x4xi8>, tensor<?x?x4xi8>) -> tensor<?x16x4xi8>
  return
}

// -----

// CHECK-LABEL: func.func @bit_cast
// CHECK: ds.bit_cast %{{.*}} : (tensor<?x4xf32>) -> tensor<?x4xi32>
// CHECK: ds.bit_cast %{{.*}} : (tensor<3xbf16>) -> tensor<3xui16>
// CHECK: ds.bit_cast %{{.*}} : (tensor<3xi1>) -> tensor<3xui8>
func.func @bit_cast(%x: tensor<?x4xf32>, %h: tensor<3xbf16>, %b: tensor<3xi1>) {
  %0 = ds.bit_cast %x : (tensor<?x4xf32>) -> tensor<?x4xi32>
  %1 = ds.bit_cast %h : (tensor<3xbf16>) -> tensor<3xui16>
  %2 = ds.bit_cast %b : (tensor<3xi1>) -> tensor<3xui8>
  return
}

// -----

// CHECK-LABEL: func.func @det
// CHECK: ds.det %{{.*}} : (tensor<?x3x3xf32>) -> tensor<?xf32>
// CHECK: ds.det %{{.*}} {precision = #ds.precision<fp32>} : (tensor<2x2xf16>) -> tensor<f16>
func.func @det(%x: tensor<?x3x3xf32>, %h: tensor<2x2xf16>) {
  %0 = ds.det %x : (tensor<?x3x3xf32>) -> tensor<?xf32>
  %1 = ds.det %h {precision = #ds.precision<fp32>} : (tensor<2x2xf16>) -> tensor<f16>
  return
}

// -----

// CHECK-LABEL: func.func @non_max_suppression
// CHECK: ds.non_max_suppression %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {center_point_box = true} : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<1xi64>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x3xi64>
// CHECK: ds.non_max_suppression %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x?x4xf32>, tensor<?x?x?xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
func.func @non_max_suppression(%boxes: tensor<1x?x4xf32>, %scores: tensor<1x80x?xf32>, %max: tensor<1xi64>, %iou: tensor<1xf32>, %score: tensor<1xf32>,
                               %b: tensor<?x?x4xf32>, %s: tensor<?x?x?xf32>, %m: tensor<i64>, %t: tensor<f32>) {
  %0 = ds.non_max_suppression %boxes, %scores, %max, %iou, %score {center_point_box = true} : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<1xi64>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x3xi64>
  %1 = ds.non_max_suppression %b, %s, %m, %t : (tensor<?x?x4xf32>, tensor<?x?x?xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
  return
}
