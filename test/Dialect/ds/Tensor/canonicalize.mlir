// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: ds.constant dense<7> : tensor<2x3xi32>
// CHECK-DAG: ds.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-DAG: ds.constant_of_shape %{{.*}} : (tensor<2xi64>) -> tensor<?x?xf32>
// CHECK-NOT: ds.constant_of_shape
func.func @constant_of_shape(%s: tensor<2xi64>, %t: tensor<1xi64>) -> (tensor<2x3xi32>, tensor<2xf32>, tensor<?x?xf32>) {
  %c = ds.constant dense<[2, 3]> : tensor<2xi64>
  %0 = ds.constant_of_shape %c {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<2x3xi32>
  // A static result type fixes the shape even when the operand is unknown.
  %1 = ds.constant_of_shape %t : (tensor<1xi64>) -> tensor<2xf32>
  %2 = ds.constant_of_shape %s : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<2x3xi32>, tensor<2xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @range
// CHECK-DAG: ds.constant dense<[10, 7, 4, 1]> : tensor<4xi64>
// CHECK-DAG: ds.constant dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>
// CHECK-DAG: ds.range %{{.*}} -> tensor<?xi64>
func.func @range(%n: tensor<i64>) -> (tensor<4xi64>, tensor<3xf32>, tensor<?xi64>) {
  %c0 = ds.constant dense<0> : tensor<i64>
  %c10 = ds.constant dense<10> : tensor<i64>
  %cm3 = ds.constant dense<-3> : tensor<i64>
  %f0 = ds.constant dense<0.5> : tensor<f32>
  %f1 = ds.constant dense<2.0> : tensor<f32>
  %0 = ds.range %c10, %c0, %cm3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<4xi64>
  %1 = ds.range %f0, %f1, %f0 : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<3xf32>
  %2 = ds.range %c0, %n, %cm3 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %0, %1, %2 : tensor<4xi64>, tensor<3xf32>, tensor<?xi64>
}

// -----

// CHECK-LABEL: func.func @shape_size
// CHECK-DAG: ds.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: ds.constant dense<24> : tensor<i64>
// CHECK-DAG: ds.shape %{{.*}} : (tensor<?x3x4xf32>) -> tensor<3xi64>
// CHECK-DAG: ds.size %{{.*}} : (tensor<?x3x4xf32>) -> tensor<i64>
func.func @shape_size(%x: tensor<?x3x4xf32>, %y: tensor<2x3x4xf32>) -> (tensor<2xi64>, tensor<3xi64>, tensor<i64>, tensor<i64>) {
  %0 = ds.shape %x {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %1 = ds.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %2 = ds.size %y : (tensor<2x3x4xf32>) -> tensor<i64>
  %3 = ds.size %x : (tensor<?x3x4xf32>) -> tensor<i64>
  return %0, %1, %2, %3 : tensor<2xi64>, tensor<3xi64>, tensor<i64>, tensor<i64>
}

// -----

// Exporter shape arithmetic: Shape -> Concat becomes a constant shape.
// CHECK-LABEL: func.func @shape_arithmetic
// CHECK-SAME: (%[[X:.*]]: tensor<4x?x8xf32>)
// CHECK: %[[S:.*]] = ds.constant dense<[4, -1, 8]> : tensor<3xi64>
// CHECK: ds.reshape %[[X]], %[[S]]
func.func @shape_arithmetic(%x: tensor<4x?x8xf32>) -> tensor<?x?x?xf32> {
  %b = ds.shape %x {end = 1 : i64} : (tensor<4x?x8xf32>) -> tensor<1xi64>
  %d = ds.shape %x {start = -1 : i64} : (tensor<4x?x8xf32>) -> tensor<1xi64>
  %m = ds.constant dense<-1> : tensor<1xi64>
  %s = ds.concat %b, %m, %d {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<3xi64>
  %r = ds.reshape %x, %s : (tensor<4x?x8xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_folds
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[S:.*]]: tensor<2xi64>)
// CHECK: %[[C:.*]] = ds.constant dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
// CHECK: return %[[X]], %[[C]]
func.func @reshape_folds(%x: tensor<?x4xf32>, %s: tensor<2xi64>) -> (tensor<?x4xf32>, tensor<2x3xi32>) {
  %0 = ds.reshape %x, %s : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
  %k = ds.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>
  %c = ds.constant dense<[2, 3]> : tensor<2xi64>
  %1 = ds.reshape %k, %c : (tensor<6xi32>, tensor<2xi64>) -> tensor<2x3xi32>
  return %0, %1 : tensor<?x4xf32>, tensor<2x3xi32>
}

// -----

// Two unknown sizes: the same type does not prove the same shape.
// CHECK-LABEL: func.func @reshape_two_dynamic_stays
// CHECK: ds.reshape
func.func @reshape_two_dynamic_stays(%x: tensor<?x?xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = ds.reshape %x, %s : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Weights (resources) are never copied by folding.
// CHECK-LABEL: func.func @reshape_resource_stays
// CHECK: ds.reshape
func.func @reshape_resource_stays() -> tensor<2x1xf32> {
  %w = ds.constant dense_resource<blob1> : tensor<2xf32>
  %c = ds.constant dense<[2, 1]> : tensor<2xi64>
  %0 = ds.reshape %w, %c : (tensor<2xf32>, tensor<2xi64>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[S:.*]]: tensor<2xi64>)
// CHECK-DAG: %[[C:.*]] = ds.constant dense<[4, -1]> : tensor<2xi64>
// CHECK-DAG: %[[Z:.*]] = ds.constant dense<[0, -1]> : tensor<2xi64>
// CHECK-DAG: %[[R1:.*]] = ds.reshape %[[X]], %[[C]] : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
// CHECK-DAG: %[[I:.*]] = ds.reshape %[[X]], %[[S]]
// CHECK: %[[R2:.*]] = ds.reshape %[[I]], %[[Z]]
// CHECK: return %[[R1]], %[[R2]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>, %s: tensor<2xi64>) -> (tensor<4x6xf32>, tensor<?x?xf32>) {
  %c = ds.constant dense<[4, -1]> : tensor<2xi64>
  %z = ds.constant dense<[0, -1]> : tensor<2xi64>
  %i = ds.reshape %x, %s : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %0 = ds.reshape %i, %c : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<4x6xf32>
  // The 0 copies a size of the intermediate: must not fire.
  %1 = ds.reshape %i, %z : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0, %1 : tensor<4x6xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_folds
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[C:.*]] = ds.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
// CHECK: %[[T:.*]] = ds.transpose %[[X]] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: return %[[X]], %[[C]], %[[T]]
func.func @transpose_folds(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xi32>, tensor<3x2xf32>) {
  %0 = ds.transpose %x {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %k = ds.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %1 = ds.transpose %k : (tensor<2x3xi32>) -> tensor<3x2xi32>
  %2 = ds.transpose %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3x2xi32>, tensor<3x2xf32>
}

// -----

// A 3-D constant with a non-trivial permutation: element [i, j, k] of the
// result is element [j, k, i] of the input (perm = [2, 0, 1]).
// CHECK-LABEL: func.func @transpose_constant_3d
// CHECK: ds.constant dense<{{\[}}{{\[}}[0], [2], [4]], {{\[}}[1], [3], [5]]]> : tensor<2x3x1xi8>
func.func @transpose_constant_3d() -> tensor<2x3x1xi8> {
  %k = ds.constant dense<[[[0, 1]], [[2, 3]], [[4, 5]]]> : tensor<3x1x2xi8>
  %0 = ds.transpose %k {perm = array<i64: 2, 0, 1>} : (tensor<3x1x2xi8>) -> tensor<2x3x1xi8>
  return %0 : tensor<2x3x1xi8>
}

// -----

// CHECK-LABEL: func.func @transpose_of_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.*]] = ds.transpose %[[X]] {perm = array<i64: 2, 1, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// CHECK-NOT: ds.transpose
// CHECK: return %[[T]], %[[X]]
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x3x2xf32>, tensor<2x3x4xf32>) {
  %a = ds.transpose %x {perm = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  // r[i] = p[q[i]] with p = [1, 0, 2], q = [2, 0, 1]: [2, 1, 0].
  %0 = ds.transpose %a {perm = array<i64: 2, 0, 1>} : (tensor<3x2x4xf32>) -> tensor<4x3x2xf32>
  %b = ds.transpose %x : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %1 = ds.transpose %b : (tensor<4x3x2xf32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<4x3x2xf32>, tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @shape_changes_of_constants
// CHECK-DAG: ds.constant dense<{{\[}}[1, 2, 3, 4]]> : tensor<1x4xi64>
// CHECK-DAG: ds.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi64>
// CHECK-DAG: ds.constant dense<[1, 2, 3, 4]> : tensor<4xi64>
// CHECK-NOT: ds.flatten
// CHECK-NOT: ds.squeeze
// CHECK-NOT: ds.unsqueeze
func.func @shape_changes_of_constants() -> (tensor<1x4xi64>, tensor<2x2xi64>, tensor<4xi64>) {
  %k = ds.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %0 = ds.flatten %k {axis = 0 : i64} : (tensor<2x2xi64>) -> tensor<1x4xi64>
  %1 = ds.flatten %k : (tensor<2x2xi64>) -> tensor<2x2xi64>
  %2 = ds.squeeze %0 {axes = array<i64: 0>} : (tensor<1x4xi64>) -> tensor<4xi64>
  return %0, %1, %2 : tensor<1x4xi64>, tensor<2x2xi64>, tensor<4xi64>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
// CHECK: %[[C:.*]] = ds.constant dense<5> : tensor<1x1xi64>
// CHECK: %[[U:.*]] = ds.unsqueeze %[[X]]
// CHECK: return %[[C]], %[[X]], %[[U]]
func.func @squeeze_unsqueeze(%x: tensor<?x3xf32>) -> (tensor<1x1xi64>, tensor<?x3xf32>, tensor<?x3x1xf32>) {
  %k = ds.constant dense<5> : tensor<i64>
  %0 = ds.unsqueeze %k {axes = array<i64: 0, 1>} : (tensor<i64>) -> tensor<1x1xi64>
  %1 = ds.squeeze %x {axes = array<i64>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %2 = ds.unsqueeze %x {axes = array<i64: 2>} : (tensor<?x3xf32>) -> tensor<?x3x1xf32>
  return %0, %1, %2 : tensor<1x1xi64>, tensor<?x3xf32>, tensor<?x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @concat_folds
// CHECK-SAME: (%[[X:.*]]: tensor<?xi64>)
// CHECK-DAG: %[[C:.*]] = ds.constant dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi32>
// CHECK-DAG: %[[K:.*]] = ds.constant dense<7> : tensor<1xi64>
// CHECK: %[[N:.*]] = ds.concat %[[X]], %[[K]]
// CHECK: return %[[X]], %[[C]], %[[N]]
func.func @concat_folds(%x: tensor<?xi64>) -> (tensor<?xi64>, tensor<2x3xi32>, tensor<?xi64>) {
  %0 = ds.concat %x {axis = 0 : i64} : (tensor<?xi64>) -> tensor<?xi64>
  %a = ds.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %b = ds.constant dense<[[5], [6]]> : tensor<2x1xi32>
  %1 = ds.concat %a, %b {axis = -1 : i64} : (tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x3xi32>
  %k = ds.constant dense<7> : tensor<1xi64>
  %2 = ds.concat %x, %k {axis = 0 : i64} : (tensor<?xi64>, tensor<1xi64>) -> tensor<?xi64>
  return %0, %1, %2 : tensor<?xi64>, tensor<2x3xi32>, tensor<?xi64>
}

// -----

// CHECK-LABEL: func.func @split_folds
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-DAG: %[[A:.*]] = ds.constant dense<{{\[}}[1, 2]]> : tensor<1x2xi64>
// CHECK-DAG: %[[B:.*]] = ds.constant dense<{{\[}}[3, 4], [5, 6]]> : tensor<2x2xi64>
// CHECK-DAG: %[[S:.*]]:2 = ds.split %[[X]]
// CHECK: return %[[A]], %[[B]], %[[X]], %[[S]]#1
func.func @split_folds(%x: tensor<4xf32>) -> (tensor<1x2xi64>, tensor<2x2xi64>, tensor<4xf32>, tensor<2xf32>) {
  %k = ds.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi64>
  %0:2 = ds.split %k {split = array<i64: 1, 2>} : (tensor<3x2xi64>) -> (tensor<1x2xi64>, tensor<2x2xi64>)
  %1 = ds.split %x {num_outputs = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %2:2 = ds.split %x {num_outputs = 2 : i64} : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0, %0#1, %1, %2#1 : tensor<1x2xi64>, tensor<2x2xi64>, tensor<4xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @slice_folds
// CHECK-SAME: (%[[X:.*]]: tensor<4x?xf32>, %[[E:.*]]: tensor<1xi64>)
// CHECK-DAG: ds.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: ds.constant dense<[5, 3]> : tensor<2xi64>
// CHECK-DAG: ds.constant dense<{{\[}}[2], [5]]> : tensor<2x1xi64>
// CHECK-DAG: ds.slice %[[X]], %{{.*}}, %[[E]] : (tensor<4x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
// CHECK-NOT: ds.slice
func.func @slice_folds(%x: tensor<4x?xf32>, %e: tensor<1xi64>) -> (tensor<2xi64>, tensor<2xi64>, tensor<2x1xi64>, tensor<?x?xf32>) {
  %k = ds.constant dense<[2, 3, 4, 5]> : tensor<4xi64>
  %c1 = ds.constant dense<1> : tensor<1xi64>
  %c3 = ds.constant dense<3> : tensor<1xi64>
  %cm1 = ds.constant dense<-1> : tensor<1xi64>
  %cm2 = ds.constant dense<-2> : tensor<1xi64>
  %cmin = ds.constant dense<-9223372036854775808> : tensor<1xi64>
  %0 = ds.slice %k, %c1, %c3 : (tensor<4xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  // Backwards by 2 from the last element: 5, 3.
  %1 = ds.slice %k, %cm1, %cmin, %cm2 : (tensor<4xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %m = ds.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %2 = ds.slice %m, %c1, %cm1 {axes = array<i64: 1>} : (tensor<2x3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x1xi64>
  %3 = ds.slice %x, %c1, %e : (tensor<4x?xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0, %1, %2, %3 : tensor<2xi64>, tensor<2xi64>, tensor<2x1xi64>, tensor<?x?xf32>
}

// -----

// A slice that takes everything in order is its input; a reversal is not.
// CHECK-LABEL: func.func @slice_identity
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>)
// CHECK: %[[R:.*]] = ds.slice %[[X]]
// CHECK: return %[[X]], %[[R]]
func.func @slice_identity(%x: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %c0 = ds.constant dense<0> : tensor<1xi32>
  %cmax = ds.constant dense<2147483647> : tensor<1xi32>
  %cm1 = ds.constant dense<-1> : tensor<1xi32>
  %cmin = ds.constant dense<-2147483648> : tensor<1xi32>
  %0 = ds.slice %x, %c0, %cmax : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<4x3xf32>
  %1 = ds.slice %x, %cm1, %cmin, %cm1 : (tensor<4x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<4x3xf32>
  return %0, %1 : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @pad_expand_tile
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<2xi64>)
// CHECK: %[[P:.*]] = ds.pad %[[X]]
// CHECK: %[[E:.*]] = ds.expand %[[X]], %[[S]] : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x3xf32>
// CHECK: %[[T:.*]] = ds.tile %[[X]]
// CHECK: return %[[X]], %[[P]], %[[X]], %[[E]], %[[X]], %[[T]]
func.func @pad_expand_tile(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> (tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>) {
  %z = ds.constant dense<0> : tensor<4xi64>
  %p = ds.constant dense<[0, 0, 0, 1]> : tensor<4xi64>
  %0 = ds.pad %x, %z : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x3xf32>
  %1 = ds.pad %x, %p : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x4xf32>
  %2 = ds.expand %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %3 = ds.expand %x, %s : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x3xf32>
  %ones = ds.constant dense<1> : tensor<2xi64>
  %r = ds.constant dense<[2, 1]> : tensor<2xi64>
  %4 = ds.tile %x, %ones : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %5 = ds.tile %x, %r : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<2x3xf32>, tensor<4x3xf32>
}

// -----

// Same types that do not prove the same shape: flattening a ?x? tensor at 0
// gives 1 x (rows * cols); squeezing an unranked tensor may drop dimensions;
// a reshape between tensor<0x?xf32> types may change the unknown size.
// CHECK-LABEL: func.func @same_type_not_identity
// CHECK: ds.flatten
// CHECK: ds.squeeze
// CHECK: ds.reshape
func.func @same_type_not_identity(%x: tensor<?x?xf32>, %u: tensor<*xf32>, %z: tensor<0x?xf32>, %s: tensor<2xi64>) -> (tensor<?x?xf32>, tensor<*xf32>, tensor<0x?xf32>) {
  %0 = ds.flatten %x {axis = 0 : i64} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %1 = ds.squeeze %u : (tensor<*xf32>) -> tensor<*xf32>
  %2 = ds.reshape %z, %s {allowzero = true} : (tensor<0x?xf32>, tensor<2xi64>) -> tensor<0x?xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<*xf32>, tensor<0x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_2d_identity
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>)
// CHECK-NEXT: return %[[X]]
func.func @flatten_2d_identity(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = ds.flatten %x {axis = -1 : i64} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
