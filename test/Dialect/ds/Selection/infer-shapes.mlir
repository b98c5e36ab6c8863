// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @same_type_results
// CHECK: ds.cum_sum {{.*}} -> tensor<?x16xf32>
// CHECK: ds.cum_prod {{.*}} -> tensor<4x?xi64>
// CHECK: ds.reverse_sequence {{.*}} -> tensor<4x?x8xf32>
// CHECK: ds.tensor_scatter {{.*}} -> tensor<2x8x128x64xf16>
func.func @same_type_results(%x: tensor<?x16xf32>, %i: tensor<4x?xi64>, %s: tensor<4x?x8xf32>, %l: tensor<4xi64>,
                             %past: tensor<2x8x128x64xf16>, %new: tensor<2x8x?x64xf16>) {
  %0 = ds.cum_sum %x {axis = 1 : i64} : (tensor<?x16xf32>) -> tensor<*xf32>
  %1 = ds.cum_prod %i {axis = 0 : i64} : (tensor<4x?xi64>) -> tensor<?x?xi64>
  %2 = ds.reverse_sequence %s, %l {batch_axis = 0 : i64, time_axis = 1 : i64} : (tensor<4x?x8xf32>, tensor<4xi64>) -> tensor<*xf32>
  %3 = ds.tensor_scatter %past, %new : (tensor<2x8x128x64xf16>, tensor<2x8x?x64xf16>) -> tensor<*xf16>
  return
}

// -----

// The number of non-zero elements is dynamic, but for an empty input or a
// constant one.
// CHECK-LABEL: func.func @non_zero
// CHECK: ds.non_zero {{.*}} -> tensor<2x?xi64>
// CHECK: ds.non_zero {{.*}} -> tensor<3x0xi64>
// CHECK: ds.non_zero {{.*}} -> tensor<?x?xi64>
// CHECK: ds.non_zero {{.*}} -> tensor<2x3xi64>
// CHECK: ds.non_zero {{.*}} -> tensor<0x1xi64>
func.func @non_zero(%m: tensor<?x16xi1>, %e: tensor<2x0x3xf32>, %u: tensor<*xui8>) {
  %0 = ds.non_zero %m : (tensor<?x16xi1>) -> tensor<*xi64>
  %1 = ds.non_zero %e : (tensor<2x0x3xf32>) -> tensor<*xi64>
  %2 = ds.non_zero %u : (tensor<*xui8>) -> tensor<*xi64>
  %c = ds.constant dense<[[0.0, -0.0, 1.0], [2.0, 0.0, 0x7FC00000]]> : tensor<2x3xf32>
  %3 = ds.non_zero %c : (tensor<2x3xf32>) -> tensor<*xi64>
  %s = ds.constant dense<7> : tensor<i32>
  %4 = ds.non_zero %s : (tensor<i32>) -> tensor<*xi64>
  return
}

// -----

// CHECK-LABEL: func.func @unique
// CHECK: ds.unique {{.*}} -> (tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<?xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<2x?xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<1xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<0x1xf32>, tensor<1xi64>, tensor<5xi64>, tensor<1xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<?xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
// CHECK: ds.unique {{.*}} -> (tensor<*xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
func.func @unique(%x: tensor<2x3xf32>, %d: tensor<?x3xf32>, %s: tensor<f32>, %e: tensor<0x5xf32>, %u: tensor<*xf32>) {
  %0:4 = ds.unique %x : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  %1:4 = ds.unique %d : (tensor<?x3xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  %2:4 = ds.unique %x {axis = -1 : i64} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  %3:4 = ds.unique %s : (tensor<f32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  // Five empty columns are all equal.
  %4:4 = ds.unique %e {axis = 1 : i64} : (tensor<0x5xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  %5:4 = ds.unique %u : (tensor<*xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  %6:4 = ds.unique %u {axis = 0 : i64} : (tensor<*xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>)
  return
}

// -----

// CHECK-LABEL: func.func @det
// CHECK: ds.det {{.*}} -> tensor<?x2xf32>
// CHECK: ds.det {{.*}} -> tensor<f64>
// CHECK: ds.det {{.*}} -> tensor<*xf16>
func.func @det(%x: tensor<?x2x3x3xf32>, %y: tensor<?x?xf64>, %z: tensor<*xf16>) {
  %0 = ds.det %x : (tensor<?x2x3x3xf32>) -> tensor<*xf32>
  %1 = ds.det %y : (tensor<?x?xf64>) -> tensor<*xf64>
  %2 = ds.det %z : (tensor<*xf16>) -> tensor<*xf16>
  return
}

// -----

// The number of selected boxes is dynamic, but 0 for a constant
// max_output_boxes_per_class of 0 or without classes.
// CHECK-LABEL: func.func @non_max_suppression
// CHECK: ds.non_max_suppression {{.*}} -> tensor<?x3xi64>
// CHECK: ds.non_max_suppression {{.*}} -> tensor<0x3xi64>
// CHECK: ds.non_max_suppression {{.*}} -> tensor<0x3xi64>
func.func @non_max_suppression(%b: tensor<1x?x4xf32>, %s: tensor<1x80x?xf32>, %e: tensor<1x0x?xf32>, %m: tensor<1xi64>, %t: tensor<f32>) {
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<1xi64>, tensor<f32>) -> tensor<*xi64>
  %zero = ds.constant dense<0> : tensor<i64>
  %1 = ds.non_max_suppression %b, %s, %zero, %t : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<i64>, tensor<f32>) -> tensor<*xi64>
  %2 = ds.non_max_suppression %b, %e, %m, %t : (tensor<1x?x4xf32>, tensor<1x0x?xf32>, tensor<1xi64>, tensor<f32>) -> tensor<*xi64>
  return
}
