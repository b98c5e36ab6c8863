// RUN: ds-opt %s --split-input-file --ds-outline-parallel-loops="min-work=64" | FileCheck %s

// A 2-D parallel loop becomes a launch of a function over the linearized
// range; the body's induction variables are recovered row-major. Constants
// (bounds, steps, the static trip count 8) are rebuilt in the body, not
// passed.
// CHECK-LABEL: func.func @copy(
// CHECK-SAME: %[[A:.*]]: memref<?x8xf32>, %[[B:.*]]: memref<?x8xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[A]]
// CHECK: %[[COUNT0:.*]] = arith.maxsi %[[N]], %{{.*}} : index
// CHECK: %[[TOTAL:.*]] = arith.muli %[[COUNT0]], %{{.*}} : index
// CHECK: call @copy_par0_launch(%[[TOTAL]], %[[A]], %[[B]], %[[COUNT0]]) : (index, memref<?x8xf32>, memref<?x8xf32>, index) -> ()
// CHECK-NOT: scf.parallel
// CHECK: return

// CHECK-LABEL: func.func private @copy_par0(
// CHECK-SAME: %[[BEGIN:.*]]: index, %[[END:.*]]: index, %[[PA:.*]]: memref<?x8xf32>, %[[PB:.*]]: memref<?x8xf32>, %{{.*}}: index)
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.for %[[I:.*]] = %[[BEGIN]] to %[[END]] step %{{.*}} {
// CHECK: %[[J:.*]] = arith.remsi %[[I]], %[[C8]] : index
// CHECK: %[[REST:.*]] = arith.divsi %[[I]], %[[C8]] : index
// CHECK: %[[V:.*]] = memref.load %[[PA]][%{{.*}}, %{{.*}}]
// CHECK: memref.store %[[V]], %[[PB]][%{{.*}}, %{{.*}}]

// CHECK: func.func private @copy_par0_launch(index, memref<?x8xf32>, memref<?x8xf32>, index) attributes {ds.parallel_body = @copy_par0}
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
