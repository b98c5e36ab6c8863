// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// Shape arithmetic: one dimension out of a constant shape vector.
// CHECK-LABEL: func.func @gather_dim_of_shape
// CHECK-NEXT: %[[C:.*]] = ds.constant dense<224> : tensor<i64>
// CHECK-NEXT: return %[[C]]
func.func @gather_dim_of_shape() -> tensor<i64> {
  %shape = ds.constant dense<[1, 3, 224, 224]> : tensor<4xi64>
  %two = ds.constant dense<2> : tensor<i64>
  %d = ds.gather %shape, %two : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  return %d : tensor<i64>
}

// -----

// Negative indices count from the end; i32 indices.
// CHECK-LABEL: func.func @gather_dims_negative
// CHECK-NEXT: %[[C:.*]] = ds.constant dense<[224, 3]> : tensor<2xi64>
// CHECK-NEXT: return %[[C]]
func.func @gather_dims_negative() -> tensor<2xi64> {
  %shape = ds.constant dense<[1, 3, 224, 224]> : tensor<4xi64>
  %idx = ds.constant dense<[-1, 1]> : tensor<2xi32>
  %d = ds.gather %shape, %idx : (tensor<4xi64>, tensor<2xi32>) -> tensor<2xi64>
  return %d : tensor<2xi64>
}

// -----

// Along an inner axis, with 2-D indices: out[r][i][j] = m[r][idx[i][j]].
// CHECK-LABEL: func.func @gather_inner_axis
// CHECK-NEXT: %[[C:.*]] = ds.constant dense<{{\[}}{{\[}}[1.000000e+00, 2.000000e+00], [2.000000e+00, 2.000000e+00]], {{\[}}[3.000000e+00, 4.000000e+00], [4.000000e+00, 4.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @gather_inner_axis() -> tensor<2x2x2xf32> {
  %m = ds.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %idx = ds.constant dense<[[0, 1], [-1, 1]]> : tensor<2x2xi64>
  %d = ds.gather %m, %idx {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x2xi64>) -> tensor<2x2x2xf32>
  return %d : tensor<2x2x2xf32>
}

// -----

// Rows of a boolean matrix along axis 0.
// CHECK-LABEL: func.func @gather_rows_bool
// CHECK-NEXT: %[[C:.*]] = ds.constant dense<{{\[}}[false, true], [true, false], [false, true]]> : tensor<3x2xi1>
// CHECK-NEXT: return %[[C]]
func.func @gather_rows_bool() -> tensor<3x2xi1> {
  %m = ds.constant dense<[[true, false], [false, true]]> : tensor<2x2xi1>
  %idx = ds.constant dense<[1, 0, 1]> : tensor<3xi64>
  %d = ds.gather %m, %idx : (tensor<2x2xi1>, tensor<3xi64>) -> tensor<3x2xi1>
  return %d : tensor<3x2xi1>
}

// -----

// A splat stays a splat.
// CHECK-LABEL: func.func @gather_splat
// CHECK-NEXT: %[[C:.*]] = ds.constant dense<7> : tensor<5x3xi32>
// CHECK-NEXT: return %[[C]]
func.func @gather_splat() -> tensor<5x3xi32> {
  %m = ds.constant dense<7> : tensor<4x3xi32>
  %idx = ds.constant dense<[0, 1, 2, 3, 3]> : tensor<5xi64>
  %d = ds.gather %m, %idx : (tensor<4x3xi32>, tensor<5xi64>) -> tensor<5x3xi32>
  return %d : tensor<5x3xi32>
}

// -----

// Non-constant indices, or a result type that is not static: no fold.
// CHECK-LABEL: func.func @gather_no_fold
// CHECK: %[[A:.*]] = ds.gather %{{.*}}, %arg0
// CHECK: %[[B:.*]] = ds.gather
// CHECK-SAME: -> tensor<?xi64>
// CHECK: return %[[A]], %[[B]]
func.func @gather_no_fold(%i: tensor<i64>) -> (tensor<i64>, tensor<?xi64>) {
  %shape = ds.constant dense<[1, 3, 224, 224]> : tensor<4xi64>
  %idx = ds.constant dense<[0, 1]> : tensor<2xi64>
  %a = ds.gather %shape, %i : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  %b = ds.gather %shape, %idx : (tensor<4xi64>, tensor<2xi64>) -> tensor<?xi64>
  return %a, %b : tensor<i64>, tensor<?xi64>
}
