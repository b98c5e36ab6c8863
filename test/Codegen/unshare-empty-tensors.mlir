// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-unshare-empty-tensors))' | FileCheck %s

// Two maps share one empty tensor as their outs (as CSE leaves them): the
// second gets an empty tensor of its own, made right before it, with the
// same dynamic size.
// CHECK-LABEL: func.func @shared(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?xf32>, %[[N:[^:]*]]: index)
// CHECK: %[[E0:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK: %[[A:.*]] = linalg.map { math.absf } ins(%[[X]] : tensor<?xf32>) outs(%[[E0]] : tensor<?xf32>)
// CHECK: %[[E1:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK: linalg.map { math.sqrt } ins(%[[A]] : tensor<?xf32>) outs(%[[E1]] : tensor<?xf32>)
func.func @shared(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %e = tensor.empty(%n) : tensor<?xf32>
  %a = linalg.map ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>)
    (%v: f32, %o: f32) {
      %r = math.absf %v : f32
      linalg.yield %r : f32
    }
  %b = linalg.map ins(%a : tensor<?xf32>) outs(%e : tensor<?xf32>)
    (%v: f32, %o: f32) {
      %r = math.sqrt %v : f32
      linalg.yield %r : f32
    }
  return %b : tensor<?xf32>
}

// -----

// A use inside a loop keeps sharing the op made outside it (one buffer
// for every iteration), and so does the loop's own use.
// CHECK-LABEL: func.func @loop(
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NOT: tensor.empty
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[E]])
// CHECK: linalg.map {{.*}} outs(%[[E]] : tensor<4xf32>)
func.func @loop(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<4xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %e) -> tensor<4xf32> {
    %m = linalg.map ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>)
      (%v: f32, %o: f32) {
        %s = math.absf %v : f32
        linalg.yield %s : f32
      }
    scf.yield %m : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// Every use inside the loop: nothing changes (and nothing breaks).
// CHECK-LABEL: func.func @only_nested(
// CHECK-COUNT-1: tensor.empty
// CHECK-NOT: tensor.empty
func.func @only_nested(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<4xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<4xf32> {
    %m = linalg.map ins(%acc : tensor<4xf32>) outs(%e : tensor<4xf32>)
      (%v: f32, %o: f32) {
        %s = math.absf %v : f32
        linalg.yield %s : f32
      }
    %k = linalg.map ins(%m : tensor<4xf32>) outs(%e : tensor<4xf32>)
      (%v: f32, %o: f32) {
        %s = math.sqrt %v : f32
        linalg.yield %s : f32
      }
    scf.yield %k : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
