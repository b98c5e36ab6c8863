// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @float_reductions
// CHECK: ds.reduce_sum %{{.*}} {axes = array<i64: 1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?x4xf32>
// CHECK: ds.reduce_mean %{{.*}} {axes = array<i64: -1, 0>} : (tensor<?x8x4xf32>) -> tensor<1x8x1xf32>
// CHECK: ds.reduce_max %{{.*}} : (tensor<?x8x4xf32>) -> tensor<1x1x1xf32>
// CHECK: ds.reduce_min %{{.*}} {keepdims = false} : (tensor<?x8x4xf32>) -> tensor<f32>
// CHECK: ds.reduce_prod %{{.*}} {noop_with_empty_axes = true} : (tensor<?x8x4xf32>) -> tensor<?x8x4xf32>
// CHECK: ds.reduce_l1 %{{.*}} {axes = array<i64: 2>, precision = #ds.precision<fp16>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
// CHECK: ds.reduce_l2 %{{.*}} {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
// CHECK: ds.reduce_log_sum %{{.*}} {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
// CHECK: ds.reduce_log_sum_exp %{{.*}} {axes = array<i64: 2>, precision = #ds.precision<tf32>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
// CHECK: ds.reduce_sum_square %{{.*}} {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
func.func @float_reductions(%x: tensor<?x8x4xf32>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?x4xf32>
  %1 = ds.reduce_mean %x {axes = array<i64: -1, 0>, keepdims = true} : (tensor<?x8x4xf32>) -> tensor<1x8x1xf32>
  %2 = ds.reduce_max %x : (tensor<?x8x4xf32>) -> tensor<1x1x1xf32>
  %3 = ds.reduce_min %x {keepdims = false} : (tensor<?x8x4xf32>) -> tensor<f32>
  %4 = ds.reduce_prod %x {noop_with_empty_axes = true} : (tensor<?x8x4xf32>) -> tensor<?x8x4xf32>
  %5 = ds.reduce_l1 %x {axes = array<i64: 2>, precision = #ds.precision<fp16>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
  %6 = ds.reduce_l2 %x {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
  %7 = ds.reduce_log_sum %x {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
  %8 = ds.reduce_log_sum_exp %x {axes = array<i64: 2>, precision = #ds.precision<tf32>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
  %9 = ds.reduce_sum_square %x {axes = array<i64: 2>} : (tensor<?x8x4xf32>) -> tensor<?x8x1xf32>
  return
}

// -----

// CHECK-LABEL: func.func @integer_reductions
// CHECK: ds.reduce_sum %{{.*}} {axes = array<i64: 0>} : (tensor<3x5xi64>) -> tensor<1x5xi64>
// CHECK: ds.reduce_mean %{{.*}} : (tensor<3x5xi64>) -> tensor<1x1xi64>
// CHECK: ds.reduce_max %{{.*}} : (tensor<*xui8>) -> tensor<*xui8>
// CHECK: ds.reduce_min %{{.*}} {keepdims = false} : (tensor<*xui8>) -> tensor<ui8>
// CHECK: ds.reduce_prod %{{.*}} : (tensor<3x5xi64>) -> tensor<1x1xi64>
// CHECK: ds.reduce_l1 %{{.*}} : (tensor<3x5xi64>) -> tensor<1x1xi64>
// CHECK: ds.reduce_sum_square %{{.*}} : (tensor<3x5xi64>) -> tensor<1x1xi64>
func.func @integer_reductions(%x: tensor<3x5xi64>, %u: tensor<*xui8>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 0>} : (tensor<3x5xi64>) -> tensor<1x5xi64>
  %1 = ds.reduce_mean %x : (tensor<3x5xi64>) -> tensor<1x1xi64>
  %2 = ds.reduce_max %u : (tensor<*xui8>) -> tensor<*xui8>
  %3 = ds.reduce_min %u {keepdims = false} : (tensor<*xui8>) -> tensor<ui8>
  %4 = ds.reduce_prod %x : (tensor<3x5xi64>) -> tensor<1x1xi64>
  %5 = ds.reduce_l1 %x : (tensor<3x5xi64>) -> tensor<1x1xi64>
  %6 = ds.reduce_sum_square %x : (tensor<3x5xi64>) -> tensor<1x1xi64>
  return
}

// -----

// CHECK-LABEL: func.func @arg_reductions
// CHECK: ds.arg_max %{{.*}} {axis = 1 : i64, keepdims = false} : (tensor<?x10xf32>) -> tensor<?xi64>
// CHECK: ds.arg_min %{{.*}} {select_last_index = true} : (tensor<?x10xi32>) -> tensor<1x10xi64>
func.func @arg_reductions(%x: tensor<?x10xf32>, %i: tensor<?x10xi32>) -> (tensor<?xi64>, tensor<1x10xi64>) {
  %0 = ds.arg_max %x {axis = 1 : i64, keepdims = false} : (tensor<?x10xf32>) -> tensor<?xi64>
  %1 = ds.arg_min %i {axis = 0 : i64, select_last_index = true} : (tensor<?x10xi32>) -> tensor<1x10xi64>
  return %0, %1 : tensor<?xi64>, tensor<1x10xi64>
}

// -----

// CHECK-LABEL: func.func @top_k
// CHECK: %{{.*}}, %{{.*}} = ds.top_k %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x100xf32>, tensor<1xi64>) -> (tensor<?x5xf32>, tensor<?x5xi64>)
// CHECK: %{{.*}}, %{{.*}} = ds.top_k %{{.*}}, %{{.*}} {largest = false, sorted = false} : (tensor<4x?xi32>, tensor<1xi64>) -> (tensor<4x?xi32>, tensor<4x?xi64>)
func.func @top_k(%x: tensor<?x100xf32>, %i: tensor<4x?xi32>, %k: tensor<1xi64>) -> (tensor<?x5xf32>, tensor<?x5xi64>, tensor<4x?xi32>, tensor<4x?xi64>) {
  %c = ds.constant dense<5> : tensor<1xi64>
  %v, %n = ds.top_k %x, %c {axis = 1 : i64} : (tensor<?x100xf32>, tensor<1xi64>) -> (tensor<?x5xf32>, tensor<?x5xi64>)
  %w, %m = ds.top_k %i, %k {largest = false, sorted = false} : (tensor<4x?xi32>, tensor<1xi64>) -> (tensor<4x?xi32>, tensor<4x?xi64>)
  return %v, %n, %w, %m : tensor<?x5xf32>, tensor<?x5xi64>, tensor<4x?xi32>, tensor<4x?xi64>
}
