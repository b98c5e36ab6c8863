// RUN: ds-opt %s --canonicalize --split-input-file | FileCheck %s

// A true condition inlines the then region.
// CHECK-LABEL: func.func @if_true
// CHECK-SAME: (%[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<2xf32>)
// CHECK-NOT: ds.if
// CHECK: %[[N:.*]] = ds.neg %[[A]]
// CHECK-NEXT: return %[[N]], %[[B]]
func.func @if_true(%a: tensor<2xf32>, %b: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %c = ds.constant dense<true> : tensor<i1>
  %r:2 = ds.if %c : tensor<i1> -> (tensor<2xf32>, tensor<2xf32>) {
    %n = ds.neg %a : (tensor<2xf32>) -> tensor<2xf32>
    ds.yield %n, %b : tensor<2xf32>, tensor<2xf32>
  } else {
    %e = ds.exp %a : (tensor<2xf32>) -> tensor<2xf32>
    ds.yield %e, %e : tensor<2xf32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// A false one-element condition inlines the else region; a value more
// refined than the result is cast to the result type.
// CHECK-LABEL: func.func @if_false_refined
// CHECK-SAME: (%[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK-NOT: ds.if
// CHECK: %[[E:.*]] = ds.exp %[[B]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[R:.*]] = ds.cast %[[E]] : (tensor<3xf32>) -> tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @if_false_refined(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<?xf32> {
  %c = ds.constant dense<false> : tensor<1xi1>
  %r = ds.if %c : tensor<1xi1> -> (tensor<?xf32>) {
    ds.yield %a : tensor<2xf32>
  } else {
    %e = ds.exp %b : (tensor<3xf32>) -> tensor<3xf32>
    ds.yield %e : tensor<3xf32>
  }
  return %r : tensor<?xf32>
}

// -----

// A condition that is not constant: the ds.if stays.
// CHECK-LABEL: func.func @if_unknown
// CHECK: ds.if %arg0 : tensor<i1> -> (tensor<2xf32>) {
// CHECK: } else {
func.func @if_unknown(%c: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<2xf32>) {
    ds.yield %a : tensor<2xf32>
  } else {
    %n = ds.neg %a : (tensor<2xf32>) -> tensor<2xf32>
    ds.yield %n : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}
