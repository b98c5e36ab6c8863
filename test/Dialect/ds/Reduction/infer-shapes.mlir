// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @reduce_shapes
// CHECK: ds.reduce_sum {{.*}} -> tensor<?x4xf32>
// CHECK: ds.reduce_mean {{.*}} -> tensor<1x8x1xf32>
// CHECK: ds.reduce_max {{.*}} -> tensor<1x1x1xf32>
// CHECK: ds.reduce_min {{.*}} -> tensor<f32>
// CHECK: ds.reduce_prod {{.*}} -> tensor<?x8x4xf32>
// CHECK: ds.reduce_l1 {{.*}} -> tensor<?x8xf32>
// CHECK: ds.reduce_l2 {{.*}} -> tensor<?x1x4xf32>
// CHECK: ds.reduce_log_sum {{.*}} -> tensor<?x1x1xf32>
// CHECK: ds.reduce_log_sum_exp {{.*}} -> tensor<?xf32>
// CHECK: ds.reduce_sum_square {{.*}} -> tensor<8xf32>
func.func @reduce_shapes(%x: tensor<?x8x4xf32>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %1 = ds.reduce_mean %x {axes = array<i64: -1, 0>} : (tensor<?x8x4xf32>) -> tensor<?x?x?xf32>
  %2 = ds.reduce_max %x : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %3 = ds.reduce_min %x {keepdims = false} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %4 = ds.reduce_prod %x {noop_with_empty_axes = true} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %5 = ds.reduce_l1 %x {axes = array<i64: 2>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %6 = ds.reduce_l2 %x {axes = array<i64: 1>} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %7 = ds.reduce_log_sum %x {axes = array<i64: 1, 2>} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %8 = ds.reduce_log_sum_exp %x {axes = array<i64: 1, 2>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<*xf32>
  %9 = ds.reduce_sum_square %x {axes = array<i64: 0, 2>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?xf32>
  return
}

// -----

// Unranked inputs: the rank is known only when every axis is removed.
// CHECK-LABEL: func.func @reduce_unranked
// CHECK: ds.reduce_sum {{.*}} -> tensor<i32>
// CHECK: ds.reduce_sum {{.*}} {axes = array<i64: 0>, keepdims = false} : (tensor<*xi32>) -> tensor<*xi32>
// CHECK: ds.reduce_max {{.*}} : (tensor<*xi32>) -> tensor<*xi32>
func.func @reduce_unranked(%u: tensor<*xi32>) {
  %0 = ds.reduce_sum %u {keepdims = false} : (tensor<*xi32>) -> tensor<*xi32>
  %1 = ds.reduce_sum %u {axes = array<i64: 0>, keepdims = false} : (tensor<*xi32>) -> tensor<*xi32>
  %2 = ds.reduce_max %u : (tensor<*xi32>) -> tensor<*xi32>
  return
}

// -----

// CHECK-LABEL: func.func @arg_shapes
// CHECK: ds.arg_max {{.*}} -> tensor<1x10xi64>
// CHECK: ds.arg_min {{.*}} -> tensor<?xi64>
// CHECK: ds.arg_max {{.*}} : (tensor<*xf32>) -> tensor<*xi64>
func.func @arg_shapes(%x: tensor<?x10xf32>, %u: tensor<*xf32>) {
  %0 = ds.arg_max %x : (tensor<?x10xf32>) -> tensor<*xi64>
  %1 = ds.arg_min %x {axis = -1 : i64, keepdims = false} : (tensor<?x10xf32>) -> tensor<*xi64>
  %2 = ds.arg_max %u : (tensor<*xf32>) -> tensor<*xi64>
  return
}

// -----

// A constant k fixes the size along the axis; otherwise it stays dynamic.
// CHECK-LABEL: func.func @top_k_shapes
// CHECK: ds.top_k {{.*}} -> (tensor<?x5xf32>, tensor<?x5xi64>)
// CHECK: ds.top_k {{.*}} -> (tensor<3x?xf32>, tensor<3x?xi64>)
// CHECK: ds.top_k {{.*}} -> (tensor<*xf32>, tensor<*xi64>)
func.func @top_k_shapes(%x: tensor<?x100xf32>, %y: tensor<3x7xf32>, %u: tensor<*xf32>, %k: tensor<1xi64>) {
  %c = ds.constant dense<5> : tensor<1xi64>
  %v, %i = ds.top_k %x, %c : (tensor<?x100xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  %w, %j = ds.top_k %y, %k {axis = 1 : i64} : (tensor<3x7xf32>, tensor<1xi64>) -> (tensor<?x?xf32>, tensor<*xi64>)
  %s, %t = ds.top_k %u, %c : (tensor<*xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return
}
