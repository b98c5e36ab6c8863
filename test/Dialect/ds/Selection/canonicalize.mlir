// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// Inclusive accumulation over an axis of size 1 is the identity.
// CHECK-LABEL: func.func @cumulative_unit_axis
// CHECK-SAME: (%[[X:.*]]: tensor<?x1xf32>)
// CHECK-NEXT: %[[E:.*]] = ds.cum_sum %[[X]] {axis = 1 : i64, exclusive = true}
// CHECK-NEXT: return %[[X]], %[[X]], %[[E]]
func.func @cumulative_unit_axis(%x: tensor<?x1xf32>) -> (tensor<?x1xf32>, tensor<?x1xf32>, tensor<?x1xf32>) {
  %0 = ds.cum_sum %x {axis = -1 : i64, reverse = true} : (tensor<?x1xf32>) -> tensor<?x1xf32>
  %1 = ds.cum_prod %x {axis = 1 : i64} : (tensor<?x1xf32>) -> tensor<?x1xf32>
  %2 = ds.cum_sum %x {axis = 1 : i64, exclusive = true} : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %0, %1, %2 : tensor<?x1xf32>, tensor<?x1xf32>, tensor<?x1xf32>
}

// -----

// CHECK-LABEL: func.func @cum_sum_constants
// CHECK-DAG: ds.constant dense<{{\[}}[1, 3, 6], [4, 9, 15]]> : tensor<2x3xi32>
// CHECK-DAG: ds.constant dense<{{\[}}[0, 1, 3], [0, 4, 9]]> : tensor<2x3xi32>
// CHECK-DAG: ds.constant dense<{{\[}}[6, 5, 3], [15, 11, 6]]> : tensor<2x3xi32>
// CHECK-DAG: ds.constant dense<{{\[}}[4, 5, 6], [0, 0, 0]]> : tensor<2x3xi32>
// CHECK-DAG: ds.constant dense<[-0.000000e+00, 1.500000e+00]> : tensor<2xf32>
// CHECK-NOT: ds.cum_sum
func.func @cum_sum_constants() -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2xf32>) {
  %c = ds.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %0 = ds.cum_sum %c {axis = 1 : i64} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  %1 = ds.cum_sum %c {axis = 1 : i64, exclusive = true} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  %2 = ds.cum_sum %c {axis = -1 : i64, reverse = true} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  %3 = ds.cum_sum %c {axis = 0 : i64, exclusive = true, reverse = true} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  // The first element is copied as is: -0 stays -0.
  %f = ds.constant dense<[-0.0, 1.5]> : tensor<2xf32>
  %4 = ds.cum_sum %f {axis = 0 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2xf32>
}

// -----

// Unsigned products wrap.
// CHECK-LABEL: func.func @cum_prod_constants
// CHECK-DAG: ds.constant dense<[1, 2, 6, 24]> : tensor<4xi64>
// CHECK-DAG: ds.constant dense<[24, 12, 4, 1]> : tensor<4xi64>
// CHECK-DAG: ds.constant dense<[2.000000e+00, 1.000000e+00]> : tensor<2xf64>
// CHECK-DAG: ds.constant dense<[4294967295, 4294967294]> : tensor<2xui32>
// CHECK-NOT: ds.cum_prod
func.func @cum_prod_constants() -> (tensor<4xi64>, tensor<4xi64>, tensor<2xf64>, tensor<2xui32>) {
  %c = ds.constant dense<[1, 2, 3, 4]> : tensor<4xi64>
  %0 = ds.cum_prod %c {axis = 0 : i64} : (tensor<4xi64>) -> tensor<4xi64>
  %1 = ds.cum_prod %c {axis = 0 : i64, exclusive = true, reverse = true} : (tensor<4xi64>) -> tensor<4xi64>
  %f = ds.constant dense<[2.0, 0.5]> : tensor<2xf64>
  %2 = ds.cum_prod %f {axis = 0 : i64} : (tensor<2xf64>) -> tensor<2xf64>
  %u = ds.constant dense<[4294967295, 2]> : tensor<2xui32>
  %3 = ds.cum_prod %u {axis = 0 : i64} : (tensor<2xui32>) -> tensor<2xui32>
  return %0, %1, %2, %3 : tensor<4xi64>, tensor<4xi64>, tensor<2xf64>, tensor<2xui32>
}

// -----

// Sequences of length 0 and 1 are their own reverse.
// CHECK-LABEL: func.func @reverse_sequence
// CHECK-SAME: (%[[X:.*]]: tensor<3x2xf32>, %[[L:.*]]: tensor<2xi64>)
// CHECK: %[[R:.*]] = ds.reverse_sequence
// CHECK: return %[[X]], %[[R]], %{{.*}}
func.func @reverse_sequence(%x: tensor<3x2xf32>, %l: tensor<2xi64>) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>) {
  %short = ds.constant dense<[0, 1]> : tensor<2xi64>
  %0 = ds.reverse_sequence %x, %short : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %1 = ds.reverse_sequence %x, %l : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %long = ds.constant dense<[1, 2]> : tensor<2xi64>
  %2 = ds.reverse_sequence %x, %long : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// A constant folds once inference has made the result static.
// CHECK-LABEL: func.func @non_zero_constant
// CHECK-DAG: ds.constant dense<{{\[}}[0, 1, 1], [2, 0, 2]]> : tensor<2x3xi64>
// CHECK-DAG: ds.constant dense<> : tensor<1x0xi64>
// CHECK-DAG: ds.constant dense<> : tensor<0x1xi64>
// CHECK-NOT: ds.non_zero
func.func @non_zero_constant() -> (tensor<2x3xi64>, tensor<1x0xi64>, tensor<0x1xi64>) {
  %c = ds.constant dense<[[0.0, -0.0, 1.0], [2.0, 0.0, 0x7FC00000]]> : tensor<2x3xf32>
  %0 = ds.non_zero %c : (tensor<2x3xf32>) -> tensor<2x3xi64>
  %b = ds.constant dense<false> : tensor<4xi1>
  %1 = ds.non_zero %b : (tensor<4xi1>) -> tensor<1x0xi64>
  %s = ds.constant dense<7> : tensor<ui8>
  %2 = ds.non_zero %s : (tensor<ui8>) -> tensor<0x1xi64>
  return %0, %1, %2 : tensor<2x3xi64>, tensor<1x0xi64>, tensor<0x1xi64>
}

// -----

// Without write indices (or with zeros), an update of the cache's full
// length replaces the cache.
// CHECK-LABEL: func.func @tensor_scatter_full
// CHECK-SAME: (%[[C:.*]]: tensor<2x8x4xf32>, %[[U:.*]]: tensor<2x8x4xf32>, %[[S:.*]]: tensor<2x1x4xf32>, %[[I:.*]]: tensor<2xi64>)
// CHECK: %[[P:.*]] = ds.tensor_scatter %[[C]], %[[S]]
// CHECK: %[[Q:.*]] = ds.tensor_scatter %[[C]], %[[U]], %[[I]]
// CHECK: return %[[U]], %[[U]], %[[P]], %[[Q]]
func.func @tensor_scatter_full(%c: tensor<2x8x4xf32>, %u: tensor<2x8x4xf32>, %s: tensor<2x1x4xf32>, %i: tensor<2xi64>)
    -> (tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2x8x4xf32>) {
  %0 = ds.tensor_scatter %c, %u {axis = 1 : i64} : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
  %z = ds.constant dense<0> : tensor<2xi64>
  %1 = ds.tensor_scatter %c, %u, %z {axis = 1 : i64, mode = "circular"} : (tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2xi64>) -> tensor<2x8x4xf32>
  %2 = ds.tensor_scatter %c, %s {axis = 1 : i64} : (tensor<2x8x4xf32>, tensor<2x1x4xf32>) -> tensor<2x8x4xf32>
  %3 = ds.tensor_scatter %c, %u, %i {axis = 1 : i64, mode = "circular"} : (tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2xi64>) -> tensor<2x8x4xf32>
  return %0, %1, %2, %3 : tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2x8x4xf32>
}

// -----

// CHECK-LABEL: func.func @bit_cast
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-DAG: %[[C:.*]] = ds.constant dense<[1065353216, -1082130432]> : tensor<2xi32>
// CHECK-DAG: %[[U:.*]] = ds.bit_cast %[[X]] : (tensor<4xf32>) -> tensor<4xui32>
// CHECK: return %[[X]], %[[X]], %[[U]], %[[C]]
func.func @bit_cast(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xui32>, tensor<2xi32>) {
  %0 = ds.bit_cast %x : (tensor<4xf32>) -> tensor<4xf32>
  %i = ds.bit_cast %x : (tensor<4xf32>) -> tensor<4xi32>
  %1 = ds.bit_cast %i : (tensor<4xi32>) -> tensor<4xf32>
  %2 = ds.bit_cast %i : (tensor<4xi32>) -> tensor<4xui32>
  %c = ds.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %3 = ds.bit_cast %c : (tensor<2xf32>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xui32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @det_constants
// CHECK-DAG: ds.constant dense<[-2.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: ds.constant dense<-2.000000e+00> : tensor<f64>
// CHECK-NOT: ds.det
func.func @det_constants() -> (tensor<2xf32>, tensor<f64>) {
  %c = ds.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [2.0, 4.0]]]> : tensor<2x2x2xf32>
  %0 = ds.det %c : (tensor<2x2x2xf32>) -> tensor<2xf32>
  // Needs a row swap: [[0, 1, 2], [1, 0, 3], [4, -3, 8]].
  %d = ds.constant dense<[[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [4.0, -3.0, 8.0]]> : tensor<3x3xf64>
  %1 = ds.det %d : (tensor<3x3xf64>) -> tensor<f64>
  return %0, %1 : tensor<2xf32>, tensor<f64>
}

// -----

// CHECK-LABEL: func.func @nms_nothing
// CHECK-DAG: %[[E:.*]] = ds.constant dense<> : tensor<0x3xi64>
// CHECK-DAG: %[[N:.*]] = ds.non_max_suppression
// CHECK: return %[[E]], %[[N]]
func.func @nms_nothing(%b: tensor<1x?x4xf32>, %s: tensor<1x80x?xf32>, %t: tensor<f32>, %m: tensor<i64>) -> (tensor<0x3xi64>, tensor<0x3xi64>) {
  %zero = ds.constant dense<0> : tensor<i64>
  %0 = ds.non_max_suppression %b, %s, %zero, %t : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<i64>, tensor<f32>) -> tensor<0x3xi64>
  // A written type does not make the op select nothing.
  %1 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<i64>, tensor<f32>) -> tensor<0x3xi64>
  return %0, %1 : tensor<0x3xi64>, tensor<0x3xi64>
}
