// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @constant_of_shape
// CHECK-SAME: -> (tensor<2x3xi32>, tensor<?x?xf32>)
// CHECK: ds.constant_of_shape %{{.*}} {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<2x3xi32>
// CHECK: ds.constant_of_shape %{{.*}} : (tensor<2xi64>) -> tensor<?x?xf32>
func.func @constant_of_shape(%s: tensor<2xi64>) -> (tensor<*xi32>, tensor<*xf32>) {
  %c = ds.constant dense<[2, 3]> : tensor<2xi64>
  %0 = ds.constant_of_shape %c {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<*xi32>
  %1 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<*xf32>
  return %0, %1 : tensor<*xi32>, tensor<*xf32>
}

// -----

// Sizes max(ceil((limit - start) / delta), 0): 4, 4, 0 and 3.
// CHECK-LABEL: func.func @range
// CHECK: ds.range {{.*}} -> tensor<4xi64>
// CHECK: ds.range {{.*}} -> tensor<4xi64>
// CHECK: ds.range {{.*}} -> tensor<0xi64>
// CHECK: ds.range {{.*}} -> tensor<3xf32>
// CHECK: ds.range {{.*}} -> tensor<?xi64>
func.func @range(%n: tensor<i64>) -> (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>) {
  %c0 = ds.constant dense<0> : tensor<i64>
  %c10 = ds.constant dense<10> : tensor<i64>
  %c3 = ds.constant dense<3> : tensor<i64>
  %cm3 = ds.constant dense<-3> : tensor<i64>
  %f0 = ds.constant dense<0.5> : tensor<f32>
  %f1 = ds.constant dense<2.0> : tensor<f32>
  %0 = ds.range %c0, %c10, %c3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %1 = ds.range %c10, %c0, %cm3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %2 = ds.range %c10, %c0, %c3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %3 = ds.range %f0, %f1, %f0 : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  %4 = ds.range %c0, %n, %c3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %0, %1, %2, %3, %4 : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>
}

// -----

// CHECK-LABEL: func.func @shape_size
// CHECK: ds.shape %{{.*}} : (tensor<?x3x4xf32>) -> tensor<3xi64>
// CHECK: ds.shape %{{.*}} {start = -2 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
// CHECK: ds.shape %{{.*}} {end = 10 : i64, start = 2 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
// CHECK: ds.shape %{{.*}} {end = 0 : i64, start = 2 : i64} : (tensor<?x3x4xf32>) -> tensor<0xi64>
// CHECK: ds.shape %{{.*}} : (tensor<*xf32>) -> tensor<?xi64>
// CHECK: ds.size %{{.*}} : (tensor<*xf32>) -> tensor<i64>
func.func @shape_size(%x: tensor<?x3x4xf32>, %u: tensor<*xf32>) -> (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<*xi64>, tensor<*xi64>) {
  %0 = ds.shape %x : (tensor<?x3x4xf32>) -> tensor<?xi64>
  %1 = ds.shape %x {start = -2 : i64} : (tensor<?x3x4xf32>) -> tensor<?xi64>
  %2 = ds.shape %x {start = 2 : i64, end = 10 : i64} : (tensor<?x3x4xf32>) -> tensor<?xi64>
  %3 = ds.shape %x {start = 2 : i64, end = 0 : i64} : (tensor<?x3x4xf32>) -> tensor<?xi64>
  %4 = ds.shape %u : (tensor<*xf32>) -> tensor<*xi64>
  %5 = ds.size %u : (tensor<*xf32>) -> tensor<*xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<*xi64>, tensor<*xi64>
}

// -----

// CHECK-LABEL: func.func @reshape
// CHECK: ds.reshape {{.*}} : (tensor<?x12x64xf32>, tensor<2xi64>) -> tensor<?x768xf32>
// CHECK: ds.reshape {{.*}} : (tensor<?x768xf32>, tensor<4xi64>) -> tensor<?x1x12x64xf32>
// CHECK: ds.reshape {{.*}} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<6xf32>
// CHECK: ds.reshape {{.*}} : (tensor<?x8xf32>, tensor<2xi64>) -> tensor<?x4xf32>
// CHECK: ds.reshape {{.*}} {allowzero = true} : (tensor<0x2xf32>, tensor<2xi64>) -> tensor<0x3xf32>
// CHECK: ds.reshape {{.*}} : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
// CHECK: ds.reshape {{.*}} : (tensor<?x12x64xf32>, tensor<?xi64>) -> tensor<*xf32>
func.func @reshape(%x: tensor<?x12x64xf32>, %y: tensor<2x3xf32>, %z: tensor<?x8xf32>, %e: tensor<0x2xf32>, %s3: tensor<3xi64>, %sd: tensor<?xi64>) -> (tensor<?x?x?x?xf32>, tensor<?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<*xf32>, tensor<*xf32>) {
  %c0m1 = ds.constant dense<[0, -1]> : tensor<2xi64>
  %c4d = ds.constant dense<[0, -1, 12, 64]> : tensor<4xi64>
  %cm1 = ds.constant dense<-1> : tensor<1xi64>
  %cm14 = ds.constant dense<[-1, 4]> : tensor<2xi64>
  %c03 = ds.constant dense<[0, 3]> : tensor<2xi64>
  %0 = ds.reshape %x, %c0m1 : (tensor<?x12x64xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  // The copied dynamic size cancels out: -1 is 768 / (12 * 64).
  %1 = ds.reshape %0, %c4d : (tensor<?x?xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>
  %2 = ds.reshape %y, %cm1 : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<?xf32>
  %3 = ds.reshape %z, %cm14 : (tensor<?x8xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %4 = ds.reshape %e, %c03 {allowzero = true} : (tensor<0x2xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %5 = ds.reshape %x, %s3 : (tensor<?x12x64xf32>, tensor<3xi64>) -> tensor<*xf32>
  %6 = ds.reshape %x, %sd : (tensor<?x12x64xf32>, tensor<?xi64>) -> tensor<*xf32>
  return %1, %2, %3, %4, %5, %6 : tensor<?x?x?x?xf32>, tensor<?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// A copied dynamic size cancels out of the element count: -1 is 12 * 64.
// CHECK-LABEL: func.func @reshape_copied_dynamic
// CHECK: ds.reshape {{.*}} : (tensor<?x?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x768xf32>
func.func @reshape_copied_dynamic(%x: tensor<?x?x12x64xf32>) -> tensor<?x?x?xf32> {
  %s = ds.constant dense<[0, 0, -1]> : tensor<3xi64>
  %0 = ds.reshape %x, %s : (tensor<?x?x12x64xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten
// CHECK: ds.flatten %{{.*}} : (tensor<?x512x2x2xf32>) -> tensor<?x2048xf32>
// CHECK: ds.flatten %{{.*}} {axis = 0 : i64} : (tensor<?x512x2x2xf32>) -> tensor<1x?xf32>
// CHECK: ds.flatten %{{.*}} {axis = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK: ds.flatten %{{.*}} : (tensor<*xf32>) -> tensor<?x?xf32>
func.func @flatten(%x: tensor<?x512x2x2xf32>, %y: tensor<2x3x4xf32>, %u: tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.flatten %x : (tensor<?x512x2x2xf32>) -> tensor<*xf32>
  %1 = ds.flatten %x {axis = 0 : i64} : (tensor<?x512x2x2xf32>) -> tensor<*xf32>
  %2 = ds.flatten %y {axis = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  %3 = ds.flatten %u : (tensor<*xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK: ds.squeeze %{{.*}} {axes = array<i64: -1, 2>} : (tensor<?x512x1x?xf32>) -> tensor<?x512xf32>
// CHECK: ds.squeeze %{{.*}} : (tensor<1x3x1x2xf32>) -> tensor<3x2xf32>
// CHECK: ds.squeeze %{{.*}} : (tensor<*xf32>) -> tensor<*xf32>
// CHECK: ds.unsqueeze %{{.*}} {axes = array<i64: -1, 1>} : (tensor<?x3xf32>) -> tensor<?x1x3x1xf32>
func.func @squeeze_unsqueeze(%x: tensor<?x512x1x?xf32>, %y: tensor<1x3x1x2xf32>, %u: tensor<*xf32>, %z: tensor<?x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.squeeze %x {axes = array<i64: -1, 2>} : (tensor<?x512x1x?xf32>) -> tensor<*xf32>
  %1 = ds.squeeze %y : (tensor<1x3x1x2xf32>) -> tensor<*xf32>
  %2 = ds.squeeze %u : (tensor<*xf32>) -> tensor<*xf32>
  %3 = ds.unsqueeze %z {axes = array<i64: -1, 1>} : (tensor<?x3xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: ds.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
// CHECK: ds.transpose %{{.*}} : (tensor<?x128x12x64xf32>) -> tensor<64x12x128x?xf32>
// CHECK: ds.transpose %{{.*}} {perm = array<i64: 1, 0>} : (tensor<*xf32>) -> tensor<?x?xf32>
func.func @transpose(%x: tensor<?x128x12x64xf32>, %u: tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.transpose %x {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<*xf32>
  %1 = ds.transpose %x : (tensor<?x128x12x64xf32>) -> tensor<*xf32>
  %2 = ds.transpose %u {perm = array<i64: 1, 0>} : (tensor<*xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: ds.concat {{.*}} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
// CHECK: ds.concat {{.*}} : (tensor<?x4xf32>, tensor<2x?xf32>) -> tensor<2x?xf32>
// CHECK: ds.concat {{.*}} : (tensor<2x3xf32>, tensor<*xf32>) -> tensor<?x3xf32>
func.func @concat(%a: tensor<1xi64>, %b: tensor<2xi64>, %c: tensor<?x4xf32>, %d: tensor<2x?xf32>, %e: tensor<2x3xf32>, %u: tensor<*xf32>) -> (tensor<?xi64>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.concat %a, %b {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<?xi64>
  %1 = ds.concat %c, %d {axis = 1 : i64} : (tensor<?x4xf32>, tensor<2x?xf32>) -> tensor<*xf32>
  %2 = ds.concat %e, %u {axis = 0 : i64} : (tensor<2x3xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<?xi64>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK: ds.split %{{.*}} {num_outputs = 3 : i64} : (tensor<7x?xf32>) -> (tensor<3x?xf32>, tensor<3x?xf32>, tensor<1x?xf32>)
// CHECK: ds.split %{{.*}} {axis = -1 : i64, split = array<i64: 1, 3>} : (tensor<7x?xf32>) -> (tensor<7x1xf32>, tensor<7x3xf32>)
// CHECK: ds.split %{{.*}} {axis = 1 : i64, num_outputs = 2 : i64} : (tensor<7x?xf32>) -> (tensor<7x?xf32>, tensor<7x?xf32>)
func.func @split(%x: tensor<7x?xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0:3 = ds.split %x {num_outputs = 3 : i64} : (tensor<7x?xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %1:2 = ds.split %x {axis = -1 : i64, split = array<i64: 1, 3>} : (tensor<7x?xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  %2:2 = ds.split %x {axis = 1 : i64, num_outputs = 2 : i64} : (tensor<7x?xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#2, %1#1, %2#0 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Constant bounds on static dimensions give static sizes: [1, 7) by 2 is 3
// elements; from -1 back to the start (end = INT64_MIN) is 10; out-of-range
// bounds clamp. A dynamic dimension stays dynamic.
// CHECK-LABEL: func.func @slice
// CHECK: ds.slice {{.*}} -> tensor<3x?xf32>
// CHECK: ds.slice {{.*}} -> tensor<10x?xf32>
// CHECK: ds.slice {{.*}} {axes = array<i64: 1>} {{.*}} -> tensor<10x?xf32>
// CHECK: ds.slice {{.*}} {axes = array<i64: 0>} {{.*}} -> tensor<2x?xf32>
// CHECK: ds.slice {{.*}} : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
// CHECK: ds.slice {{.*}} : (tensor<10x?xf32>, tensor<?xi64>, tensor<?xi64>) -> tensor<?x?xf32>
func.func @slice(%x: tensor<10x?xf32>, %s: tensor<1xi64>, %sd: tensor<?xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %c1 = ds.constant dense<1> : tensor<1xi64>
  %c2 = ds.constant dense<2> : tensor<1xi64>
  %c7 = ds.constant dense<7> : tensor<1xi64>
  %cm1 = ds.constant dense<-1> : tensor<1xi64>
  %cmin = ds.constant dense<-9223372036854775808> : tensor<1xi64>
  %c100 = ds.constant dense<100> : tensor<1xi64>
  %c8 = ds.constant dense<8> : tensor<1xi64>
  %0 = ds.slice %x, %c1, %c7, %c2 : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %1 = ds.slice %x, %cm1, %cmin, %cm1 : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %2 = ds.slice %x, %c1, %c7 {axes = array<i64: 1>} : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %3 = ds.slice %x, %c8, %c100 {axes = array<i64: 0>} : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %4 = ds.slice %x, %s, %c7 : (tensor<10x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %5 = ds.slice %x, %sd, %sd : (tensor<10x?xf32>, tensor<?xi64>, tensor<?xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @slice_negative_step_clamped
// CHECK: ds.slice {{.*}} -> tensor<4xf32>
// CHECK: ds.slice {{.*}} -> tensor<0xf32>
func.func @slice_negative_step_clamped(%x: tensor<10xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %c100 = ds.constant dense<100> : tensor<1xi64>
  %cm20 = ds.constant dense<-20> : tensor<1xi64>
  %cm3 = ds.constant dense<-3> : tensor<1xi64>
  %cm1 = ds.constant dense<-1> : tensor<1xi64>
  %c2 = ds.constant dense<2> : tensor<1xi64>
  // From 9 (100 clamped) down to -1 (-20 clamped) by 3: 9, 6, 3, 0.
  %0 = ds.slice %x, %c100, %cm20, %cm3 : (tensor<10xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xf32>
  // A positive step from 9 (= -1) to 2 takes nothing.
  %1 = ds.slice %x, %cm1, %c2, %c2 : (tensor<10xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xf32>
  return %0, %1 : tensor<?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @pad
// CHECK: ds.pad {{.*}} : (tensor<1x3x?x4xf32>, tensor<8xi64>) -> tensor<1x3x?x7xf32>
// CHECK: ds.pad {{.*}} {axes = array<i64: -1>, mode = "edge"} : (tensor<1x3x?x4xf32>, tensor<2xi64>) -> tensor<1x3x?x2xf32>
// CHECK: ds.pad {{.*}} : (tensor<1x3x?x4xf32>, tensor<8xi64>) -> tensor<?x?x?x?xf32>
// CHECK: ds.pad {{.*}} : (tensor<*xf32>, tensor<4xi64>) -> tensor<?x?xf32>
func.func @pad(%x: tensor<1x3x?x4xf32>, %p: tensor<8xi64>, %u: tensor<*xf32>, %q: tensor<4xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %c = ds.constant dense<[0, 0, 1, 1, 0, 0, 1, 2]> : tensor<8xi64>
  %n = ds.constant dense<[-1, -1]> : tensor<2xi64>
  %0 = ds.pad %x, %c : (tensor<1x3x?x4xf32>, tensor<8xi64>) -> tensor<*xf32>
  %1 = ds.pad %x, %n {mode = "edge", axes = array<i64: -1>} : (tensor<1x3x?x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  %2 = ds.pad %x, %p : (tensor<1x3x?x4xf32>, tensor<8xi64>) -> tensor<*xf32>
  %3 = ds.pad %u, %q : (tensor<*xf32>, tensor<4xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @expand
// CHECK: ds.expand {{.*}} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
// CHECK: ds.expand {{.*}} : (tensor<?x1xf32>, tensor<2xi64>) -> tensor<?x4xf32>
// CHECK: ds.expand {{.*}} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
// CHECK: ds.expand {{.*}} : (tensor<3x1xf32>, tensor<?xi64>) -> tensor<*xf32>
func.func @expand(%x: tensor<3x1xf32>, %y: tensor<?x1xf32>, %s: tensor<3xi64>, %sd: tensor<?xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %c = ds.constant dense<[2, 1, 4]> : tensor<3xi64>
  %c2 = ds.constant dense<[1, 4]> : tensor<2xi64>
  %0 = ds.expand %x, %c : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<*xf32>
  %1 = ds.expand %y, %c2 : (tensor<?x1xf32>, tensor<2xi64>) -> tensor<*xf32>
  %2 = ds.expand %x, %s : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<*xf32>
  %3 = ds.expand %x, %sd : (tensor<3x1xf32>, tensor<?xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @tile
// CHECK: ds.tile {{.*}} : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<6x?xf32>
// CHECK: ds.tile {{.*}} : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// CHECK: ds.tile {{.*}} : (tensor<*xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
func.func @tile(%x: tensor<2x?xf32>, %r: tensor<2xi64>, %u: tensor<*xf32>, %r3: tensor<3xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %c = ds.constant dense<[3, 2]> : tensor<2xi64>
  %0 = ds.tile %x, %c : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<*xf32>
  %1 = ds.tile %x, %r : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<*xf32>
  %2 = ds.tile %u, %r3 : (tensor<*xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}
