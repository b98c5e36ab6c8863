// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// Branches of different static shapes under a dynamic result.
// CHECK-LABEL: func.func @if_else
// CHECK-SAME: (%[[C:.*]]: tensor<i1>, %[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[R:.*]]:2 = ds.if %[[C]] : tensor<i1> -> (tensor<?xf32>, tensor<*xf32>) {
// CHECK-NEXT: ds.yield %[[A]], %[[A]] : tensor<2xf32>, tensor<2xf32>
// CHECK-NEXT: } else {
// CHECK-NEXT: %[[N:.*]] = ds.neg %[[B]]
// CHECK-NEXT: ds.yield %[[B]], %[[N]] : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1
func.func @if_else(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>)
    -> (tensor<?xf32>, tensor<*xf32>) {
  %r:2 = ds.if %c : tensor<i1> -> (tensor<?xf32>, tensor<*xf32>) {
    ds.yield %a, %a : tensor<2xf32>, tensor<2xf32>
  } else {
    %n = ds.neg %b : (tensor<3xf32>) -> tensor<3xf32>
    ds.yield %b, %n : tensor<3xf32>, tensor<3xf32>
  }
  return %r#0, %r#1 : tensor<?xf32>, tensor<*xf32>
}

// -----

// No results: the empty terminators are implicit.
// CHECK-LABEL: func.func @if_no_results
// CHECK: ds.if %{{.*}} : tensor<1xi1> {
// CHECK-NEXT: } else {
// CHECK-NEXT: }
func.func @if_no_results(%c: tensor<1xi1>) {
  ds.if %c : tensor<1xi1> {
  } else {
  }
  return
}

// -----

// A for loop: trip count, no condition, one carried value, one scan output.
// CHECK-LABEL: func.func @loop_for
// CHECK-SAME: (%[[N:.*]]: tensor<i64>, %[[X:.*]]: tensor<4xf32>)
// CHECK: %[[R:.*]]:2 = ds.loop max %[[N]] iter_args(%[[X]]) : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[CC:.*]]: tensor<i1>, %[[ACC:.*]]: tensor<4xf32>):
// CHECK-NEXT: %[[NEXT:.*]] = ds.add %[[ACC]], %[[X]]
// CHECK-NEXT: ds.yield %[[CC]], %[[NEXT]], %[[NEXT]] : tensor<i1>, tensor<4xf32>, tensor<4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1
func.func @loop_for(%n: tensor<i64>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  %sum, %partials = ds.loop max %n iter_args(%x)
      : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %acc: tensor<4xf32>):
    %next = ds.add %acc, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ds.yield %c, %next, %next : tensor<i1>, tensor<4xf32>, tensor<4xf32>
  }
  return %sum, %partials : tensor<4xf32>, tensor<?x4xf32>
}

// -----

// A while loop: a condition, no trip count; the carried value may change
// size, so its result and body argument are dynamic.
// CHECK-LABEL: func.func @loop_while
// CHECK: ds.loop cond %{{.*}} iter_args(%{{.*}}, %{{.*}}) : (tensor<1xi1>, tensor<1xf32>, tensor<f32>) -> (tensor<?xf32>, tensor<f32>) {
// CHECK-NEXT: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %{{.*}}: tensor<?xf32>, %{{.*}}: tensor<f32>):
// CHECK: ds.yield %{{.*}}, %{{.*}}, %{{.*}} : tensor<i1>, tensor<?xf32>, tensor<f32>
func.func @loop_while(%c: tensor<1xi1>, %x: tensor<1xf32>, %limit: tensor<f32>,
                      %ids: tensor<?xi64>) -> (tensor<?xf32>, tensor<f32>) {
  %r:2 = ds.loop cond %c iter_args(%x, %limit)
      : (tensor<1xi1>, tensor<1xf32>, tensor<f32>) -> (tensor<?xf32>, tensor<f32>) {
  ^bb0(%i: tensor<i64>, %cc: tensor<i1>, %v: tensor<?xf32>, %l: tensor<f32>):
    %w = ds.gather %v, %ids : (tensor<?xf32>, tensor<?xi64>) -> tensor<?xf32>
    %zero = ds.constant dense<0> : tensor<i64>
    %first = ds.gather %w, %zero : (tensor<?xf32>, tensor<i64>) -> tensor<f32>
    %go = ds.less %first, %l : (tensor<f32>, tensor<f32>) -> tensor<i1>
    ds.yield %go, %w, %l : tensor<i1>, tensor<?xf32>, tensor<f32>
  }
  return %r#0, %r#1 : tensor<?xf32>, tensor<f32>
}

// -----

// Both bounds, no carried values, two scan outputs (one unranked).
// CHECK-LABEL: func.func @loop_both_bounds_scans_only
// CHECK: ds.loop max %{{.*}} cond %{{.*}} : (tensor<1xi64>, tensor<i1>) -> (tensor<?x2xi64>, tensor<*xf32>) {
// CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<i1>):
// CHECK: ds.yield %[[C]], %{{.*}}, %{{.*}} : tensor<i1>, tensor<2xi64>, tensor<*xf32>
func.func @loop_both_bounds_scans_only(%n: tensor<1xi64>, %c: tensor<i1>, %u: tensor<*xf32>)
    -> (tensor<?x2xi64>, tensor<*xf32>) {
  %r:2 = ds.loop max %n cond %c : (tensor<1xi64>, tensor<i1>) -> (tensor<?x2xi64>, tensor<*xf32>) {
  ^bb0(%i: tensor<i64>, %cc: tensor<i1>):
    %p = ds.constant dense<[0, 0]> : tensor<2xi64>
    %q = ds.add %p, %i : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
    ds.yield %cc, %q, %u : tensor<i1>, tensor<2xi64>, tensor<*xf32>
  }
  return %r#0, %r#1 : tensor<?x2xi64>, tensor<*xf32>
}

// -----

// Neither bound: the loop runs until the body yields false.
// CHECK-LABEL: func.func @loop_unbounded
// CHECK: ds.loop iter_args(%{{.*}}) : (tensor<f32>) -> tensor<f32> {
func.func @loop_unbounded(%x: tensor<f32>) -> tensor<f32> {
  %r = ds.loop iter_args(%x) : (tensor<f32>) -> tensor<f32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<f32>):
    %h = ds.sqrt %v : (tensor<f32>) -> tensor<f32>
    %go = ds.greater %h, %v : (tensor<f32>, tensor<f32>) -> tensor<i1>
    ds.yield %go, %h : tensor<i1>, tensor<f32>
  }
  return %r : tensor<f32>
}
