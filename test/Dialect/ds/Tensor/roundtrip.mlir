// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @constant_dense
// CHECK: ds.constant dense<[1, -1]> : tensor<2xi64>
// CHECK: ds.constant dense<true> : tensor<2x2xi1>
// CHECK: ds.constant dense<1.500000e+00> : tensor<f16>
func.func @constant_dense() -> (tensor<2xi64>, tensor<2x2xi1>, tensor<f16>) {
  %0 = ds.constant dense<[1, -1]> : tensor<2xi64>
  %1 = ds.constant dense<true> : tensor<2x2xi1>
  %2 = ds.constant dense<1.5> : tensor<f16>
  return %0, %1, %2 : tensor<2xi64>, tensor<2x2xi1>, tensor<f16>
}

// -----

// CHECK-LABEL: func.func @constant_resource
// CHECK: ds.constant dense_resource<blob1> : tensor<2xf32>
// CHECK: dialect_resources
// CHECK: blob1: "0x040000000000803F00000040"
func.func @constant_resource() -> tensor<2xf32> {
  %0 = ds.constant dense_resource<blob1> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @constant_of_shape
// CHECK: ds.constant_of_shape %{{.*}} : (tensor<2xi64>) -> tensor<?x?xf32>
// CHECK: ds.constant_of_shape %{{.*}} {value = dense<7> : tensor<1xi32>} : (tensor<?xi64>) -> tensor<*xi32>
func.func @constant_of_shape(%s: tensor<2xi64>, %t: tensor<?xi64>) -> (tensor<?x?xf32>, tensor<*xi32>) {
  %0 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<?x?xf32>
  %1 = ds.constant_of_shape %t {value = dense<7> : tensor<1xi32>} : (tensor<?xi64>) -> tensor<*xi32>
  return %0, %1 : tensor<?x?xf32>, tensor<*xi32>
}

// -----

// CHECK-LABEL: func.func @range
// CHECK: ds.range %{{.*}}, %{{.*}}, %{{.*}} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
// CHECK: ds.range %{{.*}}, %{{.*}}, %{{.*}} : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
func.func @range(%a: tensor<i64>, %b: tensor<i64>, %c: tensor<i64>, %x: tensor<f32>) -> (tensor<?xi64>, tensor<?xf32>) {
  %0 = ds.range %a, %b, %c : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %1 = ds.range %x, %x, %x : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  return %0, %1 : tensor<?xi64>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @shape_size
// CHECK: ds.shape %{{.*}} : (tensor<?x3x4xf32>) -> tensor<3xi64>
// CHECK: ds.shape %{{.*}} {end = -1 : i64, start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
// CHECK: ds.shape %{{.*}} : (tensor<*xf32>) -> tensor<?xi64>
// CHECK: ds.size %{{.*}} : (tensor<?x3x4xf32>) -> tensor<i64>
func.func @shape_size(%x: tensor<?x3x4xf32>, %u: tensor<*xf32>) -> (tensor<3xi64>, tensor<1xi64>, tensor<?xi64>, tensor<i64>) {
  %0 = ds.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %1 = ds.shape %x {start = 1 : i64, end = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
  %2 = ds.shape %u : (tensor<*xf32>) -> tensor<?xi64>
  %3 = ds.size %x : (tensor<?x3x4xf32>) -> tensor<i64>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<1xi64>, tensor<?xi64>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @reshape
// CHECK: ds.reshape %{{.*}}, %{{.*}} : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
// CHECK: ds.reshape %{{.*}}, %{{.*}} {allowzero = true} : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
func.func @reshape(%x: tensor<?x12x64xf32>, %s: tensor<3xi64>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %0 = ds.reshape %x, %s : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  %1 = ds.reshape %x, %s {allowzero = true} : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  return %0, %1 : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten
// CHECK: ds.flatten %{{.*}} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
// CHECK: ds.flatten %{{.*}} {axis = -2 : i64} : (tensor<?x512x1x1xf32>) -> tensor<?x1xf32>
func.func @flatten(%x: tensor<?x512x1x1xf32>) -> (tensor<?x512xf32>, tensor<?x1xf32>) {
  %0 = ds.flatten %x : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
  %1 = ds.flatten %x {axis = -2 : i64} : (tensor<?x512x1x1xf32>) -> tensor<?x1xf32>
  return %0, %1 : tensor<?x512xf32>, tensor<?x1xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: ds.squeeze %{{.*}} {axes = array<i64: 2, -1>} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
// CHECK: ds.squeeze %{{.*}} : (tensor<1x3x1xi64>) -> tensor<3xi64>
// CHECK: ds.unsqueeze %{{.*}} {axes = array<i64: 0, -1>} : (tensor<?x3xf32>) -> tensor<1x?x3x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<?x512x1x1xf32>, %y: tensor<1x3x1xi64>, %z: tensor<?x3xf32>) -> (tensor<?x512xf32>, tensor<3xi64>, tensor<1x?x3x1xf32>) {
  %0 = ds.squeeze %x {axes = array<i64: 2, -1>} : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
  %1 = ds.squeeze %y : (tensor<1x3x1xi64>) -> tensor<3xi64>
  %2 = ds.unsqueeze %z {axes = array<i64: 0, -1>} : (tensor<?x3xf32>) -> tensor<1x?x3x1xf32>
  return %0, %1, %2 : tensor<?x512xf32>, tensor<3xi64>, tensor<1x?x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: ds.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
// CHECK: ds.transpose %{{.*}} : (tensor<?x128x12x64xf32>) -> tensor<64x12x128x?xf32>
func.func @transpose(%x: tensor<?x128x12x64xf32>) -> (tensor<?x12x128x64xf32>, tensor<64x12x128x?xf32>) {
  %0 = ds.transpose %x {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
  %1 = ds.transpose %x : (tensor<?x128x12x64xf32>) -> tensor<64x12x128x?xf32>
  return %0, %1 : tensor<?x12x128x64xf32>, tensor<64x12x128x?xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: ds.concat %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<1xi64>, tensor<?xi64>, tensor<2xi64>) -> tensor<?xi64>
// CHECK: ds.concat %{{.*}} {axis = -1 : i64} : (tensor<2x?xf32>) -> tensor<2x?xf32>
func.func @concat(%a: tensor<1xi64>, %b: tensor<?xi64>, %c: tensor<2xi64>, %d: tensor<2x?xf32>) -> (tensor<?xi64>, tensor<2x?xf32>) {
  %0 = ds.concat %a, %b, %c {axis = 0 : i64} : (tensor<1xi64>, tensor<?xi64>, tensor<2xi64>) -> tensor<?xi64>
  %1 = ds.concat %d {axis = -1 : i64} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  return %0, %1 : tensor<?xi64>, tensor<2x?xf32>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK: ds.split %{{.*}} {axis = 2 : i64, num_outputs = 3 : i64} : (tensor<?x?x2304xf32>) -> (tensor<?x?x768xf32>, tensor<?x?x768xf32>, tensor<?x?x768xf32>)
// CHECK: ds.split %{{.*}} {split = array<i64: 1, 3>} : (tensor<4x?xf32>) -> (tensor<1x?xf32>, tensor<3x?xf32>)
func.func @split(%x: tensor<?x?x2304xf32>, %y: tensor<4x?xf32>) -> (tensor<?x?x768xf32>, tensor<3x?xf32>) {
  %0:3 = ds.split %x {axis = 2 : i64, num_outputs = 3 : i64} : (tensor<?x?x2304xf32>) -> (tensor<?x?x768xf32>, tensor<?x?x768xf32>, tensor<?x?x768xf32>)
  %1:2 = ds.split %y {split = array<i64: 1, 3>} : (tensor<4x?xf32>) -> (tensor<1x?xf32>, tensor<3x?xf32>)
  return %0#1, %1#1 : tensor<?x?x768xf32>, tensor<3x?xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK: ds.slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: 1>} : (tensor<?x64xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
// CHECK: ds.slice %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x64xf32>, tensor<?xi32>, tensor<?xi32>) -> tensor<?x?xf32>
func.func @slice(%x: tensor<?x64xf32>, %s: tensor<1xi64>, %e: tensor<1xi64>, %t: tensor<1xi64>, %s32: tensor<?xi32>, %e32: tensor<?xi32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = ds.slice %x, %s, %e, %t {axes = array<i64: 1>} : (tensor<?x64xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  %1 = ds.slice %x, %s32, %e32 : (tensor<?x64xf32>, tensor<?xi32>, tensor<?xi32>) -> tensor<?x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @pad
// CHECK: ds.pad %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x3x?x?xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x3x?x?xf32>
// CHECK: ds.pad %{{.*}}, %{{.*}} {axes = array<i64: 2, 3>, mode = "reflect"} : (tensor<1x3x?x?xf32>, tensor<4xi64>) -> tensor<1x3x?x?xf32>
func.func @pad(%x: tensor<1x3x?x?xf32>, %p: tensor<8xi64>, %v: tensor<f32>, %q: tensor<4xi64>) -> (tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>) {
  %0 = ds.pad %x, %p, %v {mode = "constant"} : (tensor<1x3x?x?xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x3x?x?xf32>
  %1 = ds.pad %x, %q {mode = "reflect", axes = array<i64: 2, 3>} : (tensor<1x3x?x?xf32>, tensor<4xi64>) -> tensor<1x3x?x?xf32>
  return %0, %1 : tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @expand_tile
// CHECK: ds.expand %{{.*}}, %{{.*}} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
// CHECK: ds.tile %{{.*}}, %{{.*}} : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
func.func @expand_tile(%x: tensor<3x1xf32>, %s: tensor<3xi64>, %y: tensor<2x?xf32>, %r: tensor<2xi64>) -> (tensor<?x3x?xf32>, tensor<?x?xf32>) {
  %0 = ds.expand %x, %s : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
  %1 = ds.tile %y, %r : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0, %1 : tensor<?x3x?xf32>, tensor<?x?xf32>
}
