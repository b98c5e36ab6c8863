// RUN: ds-opt %s --split-input-file \
// RUN:   --pass-pipeline='builtin.module(func.func(ds-fuse-elementwise))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// An in-place bias generic and a ReLU: one generic that reads the product
// and the bias as inputs and writes only the ReLU.
// CHECK-LABEL: func.func @bias_relu
// CHECK-SAME: (%[[P:.*]]: tensor<?x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[E:.*]]: tensor<?x3xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B]], %[[P]] : tensor<3xf32>, tensor<?x3xf32>) outs(%[[E]] : tensor<?x3xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: linalg.yield %{{.*}} : f32
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]
func.func @bias_relu(%p: tensor<?x3xf32>, %bias: tensor<3xf32>, %empty: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %zero = arith.constant 0.0 : f32
  %b = linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<3xf32>) outs(%p : tensor<?x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<?x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<?x3xf32>) outs(%empty : tensor<?x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A producer with two users is not fused (nor computed twice).
// CHECK-LABEL: func.func @two_users
// CHECK-COUNT-3: linalg.generic
func.func @two_users(%x: tensor<4x3xf32>, %e: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<4x3xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.negf %in : f32
    linalg.yield %v : f32
  } -> tensor<4x3xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<4x3xf32>
  return %b, %c : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// An elementwise producer fuses into a reduction; the reduction is not
// fused into its elementwise user.
// CHECK-LABEL: func.func @reduction
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: math.log
func.func @reduction(%x: tensor<4x3xf32>, %e: tensor<4x3xf32>, %acc: tensor<4xf32>, %o: tensor<4xf32>) -> tensor<4xf32> {
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<4x3xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<4x3xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %out : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  %l = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%s : tensor<4xf32>) outs(%o : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.log %in : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  return %l : tensor<4xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// Unsigned tensors (reinterpreted in the bodies) fuse; their splat
// constants stay operands (arith has no unsigned constants).
// CHECK-LABEL: func.func @unsigned
// CHECK: %[[C:.*]] = arith.constant dense<3> : tensor<4xui8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[C]] : tensor<4xui8>, tensor<4xui8>)
// CHECK-NOT: linalg.generic
func.func @unsigned(%x: tensor<4xui8>, %e: tensor<4xi32>) -> tensor<4xi32> {
  %c = arith.constant dense<3> : tensor<4xui8>
  %a = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%x, %c : tensor<4xui8>, tensor<4xui8>) outs(%e : tensor<4xi32>) {
  ^bb0(%in: ui8, %k: ui8, %out: i32):
    %i = builtin.unrealized_conversion_cast %in : ui8 to i8
    %j = builtin.unrealized_conversion_cast %k : ui8 to i8
    %d = arith.subi %i, %j : i8
    %w = arith.extui %d : i8 to i32
    linalg.yield %w : i32
  } -> tensor<4xi32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<4xi32>) outs(%e : tensor<4xi32>) {
  ^bb0(%in: i32, %out: i32):
    %v = arith.muli %in, %in : i32
    linalg.yield %v : i32
  } -> tensor<4xi32>
  return %b : tensor<4xi32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#scalar = affine_map<(d0, d1) -> ()>

// A Clip whose bounds are 0-d float constants: the bounds become constants
// of the body and the inputs go (the kernels then see a ReLU6's 0 and 6).
// CHECK-LABEL: func.func @clip_bounds
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[E:.*]]: tensor<4x8xf32>)
// CHECK-DAG: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<4x8xf32>) outs(%[[E]] : tensor<4x8xf32>)
// CHECK: %[[M:.*]] = arith.maximumf %{{.*}}, %[[LO]] : f32
// CHECK: arith.minimumf %[[M]], %[[HI]] : f32
func.func @clip_bounds(%x: tensor<4x8xf32>, %e: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %lo = arith.constant dense<0.0> : tensor<f32>
  %hi = arith.constant dense<6.0> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#id, #scalar, #scalar, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %lo, %hi : tensor<4x8xf32>, tensor<f32>, tensor<f32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %l: f32, %h: f32, %out: f32):
    %m = arith.maximumf %in, %l : f32
    %n = arith.minimumf %m, %h : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
