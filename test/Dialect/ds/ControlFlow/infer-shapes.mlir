// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// A result takes what both branches agree on: equal static sizes are kept,
// differing ones stay dynamic, differing ranks leave the result unranked.
// CHECK-LABEL: func.func @if_join
// CHECK: ds.if %{{.*}} : tensor<i1> -> (tensor<2x3xf32>, tensor<2x?xf32>, tensor<*xf32>)
// CHECK: return %{{.*}} : tensor<2x3xf32>, tensor<2x?xf32>, tensor<*xf32>
func.func @if_join(%c: tensor<i1>, %a: tensor<2x3xf32>, %b: tensor<2x4xf32>, %v: tensor<6xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<*xf32>) {
  %r:3 = ds.if %c : tensor<i1> -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<*xf32>) {
    ds.yield %a, %a, %a : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
  } else {
    ds.yield %a, %b, %v : tensor<2x3xf32>, tensor<2x4xf32>, tensor<6xf32>
  }
  return %r#0, %r#1, %r#2 : tensor<?x?xf32>, tensor<?x?xf32>, tensor<*xf32>
}

// -----

// A dynamic branch keeps the result dynamic.
// CHECK-LABEL: func.func @if_dynamic_branch
// CHECK: ds.if %{{.*}} : tensor<1xi1> -> (tensor<?x3xf32>)
func.func @if_dynamic_branch(%c: tensor<1xi1>, %a: tensor<2x3xf32>, %b: tensor<?x3xf32>)
    -> tensor<*xf32> {
  %r = ds.if %c : tensor<1xi1> -> (tensor<*xf32>) {
    ds.yield %a : tensor<2x3xf32>
  } else {
    ds.yield %b : tensor<?x3xf32>
  }
  return %r : tensor<*xf32>
}

// -----

// A constant trip count without a condition fixes the scan length; carried
// values keep what their initial and yielded types agree on.
// CHECK-LABEL: func.func @loop_for_constant_trips
// CHECK: ds.loop max %{{.*}} iter_args(%{{.*}}, %{{.*}}) : (tensor<i64>, tensor<4xf32>, tensor<1xf32>) -> (tensor<4xf32>, tensor<?xf32>, tensor<5x4xf32>)
func.func @loop_for_constant_trips(%x: tensor<4xf32>, %y: tensor<1xf32>, %g: tensor<?xf32>)
    -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %n = ds.constant dense<5> : tensor<i64>
  %r:3 = ds.loop max %n iter_args(%x, %y)
      : (tensor<i64>, tensor<4xf32>, tensor<1xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %a: tensor<4xf32>, %b: tensor<?xf32>):
    %next = ds.add %a, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ds.yield %c, %next, %g, %next : tensor<i1>, tensor<4xf32>, tensor<?xf32>, tensor<4xf32>
  }
  return %r#0, %r#1, %r#2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// With a condition (or a trip count that is not constant) the number of
// iterations, hence the scan length, is unknown.
// CHECK-LABEL: func.func @loop_unknown_trips
// CHECK: ds.loop max %{{.*}} cond %{{.*}} : (tensor<i64>, tensor<i1>) -> tensor<?x4xf32>
// CHECK: ds.loop max %{{.*}} : (tensor<i64>) -> tensor<?x4xf32>
func.func @loop_unknown_trips(%c: tensor<i1>, %m: tensor<i64>, %x: tensor<4xf32>)
    -> (tensor<*xf32>, tensor<*xf32>) {
  %n = ds.constant dense<5> : tensor<i64>
  %r = ds.loop max %n cond %c : (tensor<i64>, tensor<i1>) -> tensor<*xf32> {
  ^bb0(%i: tensor<i64>, %cc: tensor<i1>):
    ds.yield %cc, %x : tensor<i1>, tensor<4xf32>
  }
  %s = ds.loop max %m : (tensor<i64>) -> tensor<*xf32> {
  ^bb0(%i: tensor<i64>, %cc: tensor<i1>):
    ds.yield %cc, %x : tensor<i1>, tensor<4xf32>
  }
  return %r, %s : tensor<*xf32>, tensor<*xf32>
}
