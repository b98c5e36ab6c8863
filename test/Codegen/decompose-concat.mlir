// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(ds-decompose-concat))' | FileCheck %s
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(ds-decompose-concat,ds-unshare-empty-tensors),eliminate-empty-tensors,one-shot-bufferize{bufferize-function-boundaries},cse,canonicalize)' | FileCheck %s --check-prefix=BUF

// The concatenation becomes inserts into an empty tensor of its shape.
// CHECK-LABEL: func.func @concat(
// CHECK-NOT: tensor.concat
// CHECK: %[[A:.*]] = linalg.map { math.absf }
// CHECK: %[[B:.*]] = linalg.map { math.sqrt }
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x5x4xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0] [1, 2, 4] [1, 1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[I]][0, 2, 0] [1, 3, 4] [1, 1, 1]

// Bufferized (and canonicalized: the copies of a slice onto itself go),
// each map writes its slice of the result: one allocation, two subviews,
// no copy.
// BUF-LABEL: func.func @concat(
// BUF: %[[R:.*]] = memref.alloc() {{.*}} : memref<1x5x4xf32>
// BUF-NOT: memref.alloc
// BUF-NOT: memref.copy
// BUF: %[[LOW:.*]] = memref.subview %[[R]][0, 0, 0] [1, 2, 4] [1, 1, 1]
// BUF: linalg.map { math.absf } ins({{.*}}) outs(%[[LOW]]
// BUF-NOT: memref.copy
// BUF: %[[HIGH:.*]] = memref.subview %[[R]][0, 2, 0] [1, 3, 4] [1, 1, 1]
// BUF: linalg.map { math.sqrt } ins({{.*}}) outs(%[[HIGH]]
// BUF-NOT: memref.copy
// BUF: return %[[R]]
func.func @concat(%x: tensor<1x2x4xf32>, %y: tensor<1x3x4xf32>) -> tensor<1x5x4xf32> {
  %e = tensor.empty() : tensor<1x2x4xf32>
  %a = linalg.map ins(%x : tensor<1x2x4xf32>) outs(%e : tensor<1x2x4xf32>)
    (%v: f32, %o: f32) {
      %r = math.absf %v : f32
      linalg.yield %r : f32
    }
  %f = tensor.empty() : tensor<1x3x4xf32>
  %b = linalg.map ins(%y : tensor<1x3x4xf32>) outs(%f : tensor<1x3x4xf32>)
    (%v: f32, %o: f32) {
      %r = math.sqrt %v : f32
      linalg.yield %r : f32
    }
  %c = tensor.concat dim(1) %a, %b : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
  return %c : tensor<1x5x4xf32>
}
