// RUN: ds-opt %s --split-input-file --ds-outline-parallel-loops="min-work=64" | FileCheck %s

// An element-wise 2-D loop: its outer dimension becomes the tasks, its
// inner one stays a loop of each task (no division per element). Constants
// (bounds, steps) are rebuilt in the body, not passed.
// CHECK-LABEL: func.func @copy(
// CHECK-SAME: %[[A:.*]]: memref<?x8xf32>, %[[B:.*]]: memref<?x8xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[A]]
// CHECK: %[[COUNT0:.*]] = arith.maxsi %[[N]], %{{.*}} : index
// CHECK: call @copy_par0_launch(%[[COUNT0]], %[[A]], %[[B]]) : (index, memref<?x8xf32>, memref<?x8xf32>) -> ()
// CHECK-NOT: scf.parallel
// CHECK: return

// CHECK-LABEL: func.func private @copy_par0(
// CHECK-SAME: %[[BEGIN:.*]]: index, %[[END:.*]]: index, %[[PA:.*]]: memref<?x8xf32>, %[[PB:.*]]: memref<?x8xf32>)
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.for %[[I:.*]] = %[[BEGIN]] to %[[END]] step %{{.*}} {
// CHECK-NOT: arith.remsi
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %[[C8]] step %{{.*}} {
// CHECK: %[[V:.*]] = memref.load %[[PA]][%{{.*}}, %[[J]]]
// CHECK: memref.store %[[V]], %[[PB]][%{{.*}}, %[[J]]]

// CHECK: func.func private @copy_par0_launch(index, memref<?x8xf32>, memref<?x8xf32>) attributes {ds.parallel_body = @copy_par0}
func.func @copy(%a: memref<?x8xf32>, %b: memref<?x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %n = memref.dim %a, %c0 : memref<?x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c8) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<?x8xf32>
    memref.store %v, %b[%i, %j] : memref<?x8xf32>
    scf.reduce
  }
  return
}

// -----

// A heavy body (a loop of 1024 per iteration): every dimension becomes
// tasks, linearized and recovered row-major; the stack buffer of the body
// is allocated once per call, before the loop.
// CHECK-LABEL: func.func @rows(
// CHECK: %[[TOTAL:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK: call @rows_par0_launch(%[[TOTAL]], {{.*}})
// CHECK-LABEL: func.func private @rows_par0(
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: memref.alloca() : memref<1024xf32>
// CHECK-NEXT: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[J:.*]] = arith.remsi %[[I]], %[[C8]] : index
// CHECK: %[[REST:.*]] = arith.divsi %[[I]], %[[C8]] : index
func.func @rows(%a: memref<?x8x1024xf32>, %b: memref<?x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c1024 = arith.constant 1024 : index
  %z = arith.constant 0.0 : f32
  %n = memref.dim %a, %c0 : memref<?x8x1024xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c8) step (%c1, %c1) {
    %t = memref.alloca() : memref<1024xf32>
    %s = scf.for %k = %c0 to %c1024 step %c1 iter_args(%acc = %z) -> f32 {
      %v = memref.load %a[%i, %j, %k] : memref<?x8x1024xf32>
      memref.store %v, %t[%k] : memref<1024xf32>
      %w = arith.addf %acc, %v : f32
      scf.yield %w : f32
    }
    memref.store %s, %b[%i, %j] : memref<?x8xf32>
    scf.reduce
  }
  return
}

// -----

// Too little work to be worth a thread: 4 iterations stay in place.
// CHECK-LABEL: func.func @small(
// CHECK: scf.parallel
// CHECK-NOT: func.func private @small_par0
func.func @small(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %z, %a[%i] : memref<4xf32>
    scf.reduce
  }
  return
}
