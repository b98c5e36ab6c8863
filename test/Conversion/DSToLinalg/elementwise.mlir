// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// Broadcasting becomes constant-0 indices; the scalar op is the body.
// CHECK-DAG: #[[B0:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[B1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[B0]], #[[B1]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<4x1xf32>, tensor<3xf32>) outs(%[[E]] : tensor<4x3xf32>)
// CHECK: arith.addf
// CHECK-NOT: ds.add
func.func @add_broadcast(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Dynamic sizes come from the operand that has them.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x8xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x8xi1>
// CHECK: arith.cmpf olt
func.func @dynamic_batch(%x: tensor<?x8xf32>, %y: tensor<8xf32>) -> tensor<?x8xi1> {
  %0 = ds.less %x, %y : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xi1>
  return %0 : tensor<?x8xi1>
}

// -----

// Integer and boolean bodies.
// CHECK-LABEL: func.func @ints
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.cmpi sge
// CHECK: arith.xori
// CHECK: arith.select
func.func @ints(%a: tensor<5xi32>, %b: tensor<5xi32>) -> tensor<5xi32> {
  %0 = ds.div %a, %b : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  %1 = ds.relu %0 : (tensor<5xi32>) -> tensor<5xi32>
  %2 = ds.greater_or_equal %1, %b : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi1>
  %3 = ds.not %2 : (tensor<5xi1>) -> tensor<5xi1>
  %4 = ds.where %3, %a, %1 : (tensor<5xi1>, tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  return %4 : tensor<5xi32>
}

// -----

// Activations with attributes and composite formulas.
// CHECK-LABEL: func.func @activations
// CHECK: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f32
// CHECK: arith.cmpf oge
// CHECK: arith.mulf %{{.*}}, %[[ALPHA]]
// CHECK: arith.select
// CHECK: math.exp
// CHECK: arith.divf
func.func @activations(%x: tensor<6xf32>) -> tensor<6xf32> {
  %0 = ds.leaky_relu %x {alpha = 0.2 : f32} : (tensor<6xf32>) -> tensor<6xf32>
  %1 = ds.sigmoid %0 : (tensor<6xf32>) -> tensor<6xf32>
  return %1 : tensor<6xf32>
}

// -----

// Constants, weights included, become arith.constant.
// CHECK-LABEL: func.func @constants
// CHECK: arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NOT: ds.constant
func.func @constants() -> tensor<2xf32> {
  %0 = ds.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Not lowered (yet): a dynamic size that may broadcast at run time, and
// unsigned element types. They stay as they are.
// CHECK-LABEL: func.func @left_alone
// CHECK: ds.add %arg0, %arg1 : (tensor<?xf32>, tensor<4xf32>)
// CHECK: ds.add %arg2, %arg2 : (tensor<4xui8>, tensor<4xui8>)
func.func @left_alone(%a: tensor<?xf32>, %b: tensor<4xf32>, %u: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xui8>) {
  %0 = ds.add %a, %b : (tensor<?xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = ds.add %u, %u : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1 : tensor<4xf32>, tensor<4xui8>
}

// -----

// Clip: max with the lower bound, then min with the upper one; an absent
// bound is not applied.
// CHECK-LABEL: func.func @clip
// CHECK: linalg.generic
// CHECK: %[[LO:.*]] = arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: %[[HI:.*]] = arith.minimumf %[[LO]], %{{.*}} : f32
// CHECK: linalg.yield %[[HI]]
// CHECK: linalg.generic
// CHECK-NOT: arith.maximumf
// CHECK: arith.minimumf
// CHECK-NOT: ds.clip
func.func @clip(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = ds.clip %x min %lo max %hi : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %1 = ds.clip %x max %hi : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Pow: a constant exponent of 2 or 0.5 is a multiplication or a square
// root; any other exponent is math.powf (an integer one converted).
// CHECK-LABEL: func.func @pow
// CHECK: linalg.generic
// CHECK: %[[SQ:.*]] = arith.mulf %[[X:.*]], %[[X]] : f32
// CHECK: linalg.yield %[[SQ]]
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: ^bb0(%[[B:.*]]: f32, %[[E:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[EF:.*]] = arith.sitofp %[[E]] : i32 to f32
// CHECK: math.powf %[[B]], %[[EF]] : f32
func.func @pow(%x: tensor<4xf32>, %e: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %two = ds.constant dense<2.0> : tensor<f32>
  %half = ds.constant dense<0.5> : tensor<f32>
  %0 = ds.pow %x, %two : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = ds.pow %x, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = ds.pow %x, %e : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
