// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-lower-reductions{vector-bits=256}),canonicalize,cse)' | FileCheck %s

// A global sum pool: per (n, c), the 7x7 = 49 contiguous elements in 8
// lanes: one unrolled chunk of 4 vectors (32 elements, its loop folded
// away), then a masked loop over the other 17 (masked lanes add zero),
// the 4 accumulators added, reduced in a tree, and added to the output.
#in = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @global_sum(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x8x7x7xf32>, %[[S:[^:]*]]: memref<1x8xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %[[X]] to offset: [0], sizes: [392]
// CHECK: scf.parallel (%[[C:.*]]) = (%c0) to (%c8) step (%c1) {
// CHECK: %[[BASE:.*]] = arith.muli %[[C]], %c49 : index
// CHECK-COUNT-4: vector.load %[[FLAT]]
// CHECK: scf.for %[[R:.*]] = %c32 to %c49 step %c8 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<8xf32>) {
// CHECK: %[[MASK:.*]] = arith.cmpi sgt
// CHECK: %[[V:.*]] = vector.maskedload %[[FLAT]][%{{.*}}], %[[MASK]]
// CHECK: %[[KEPT:.*]] = arith.select %[[MASK]], %[[V]], %{{.*}}
// CHECK: arith.addf %[[ACC]], %[[KEPT]] : vector<8xf32>
// CHECK: %[[SUM:.*]] = vector.reduction <add>, %{{.*}} fastmath<reassoc> : vector<8xf32> into f32
// CHECK: %[[OLD:.*]] = memref.load %[[S]][%c0, %[[C]]]
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[SUM]] : f32
// CHECK: memref.store %[[NEW]], %[[S]][%c0, %[[C]]]
func.func @global_sum(%x: memref<1x8x7x7xf32>, %s: memref<1x8xf32>) {
  linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
    ins(%x : memref<1x8x7x7xf32>) outs(%s : memref<1x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A variance: the per-row mean is loaded once per output and broadcast,
// the body's lane-wise ops run on vectors, and a dynamic row length gives
// a dynamic unrolled loop.
#x = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @variance(
// CHECK-SAME: %[[X:[^:]*]]: memref<4x?xf32>, %[[M:[^:]*]]: memref<4xf32>, %[[V:[^:]*]]: memref<4xf32>)
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[MEAN:.*]] = memref.load %[[M]][%[[I]]]
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[MEAN]] : f32 to vector<8xf32>
// CHECK: scf.for
// CHECK: %[[D:.*]] = arith.subf %{{.*}}, %[[SPLAT]] : vector<8xf32>
// CHECK: arith.mulf %[[D]], %[[D]] : vector<8xf32>
// CHECK: vector.reduction <add>
func.func @variance(%x: memref<4x?xf32>, %m: memref<4xf32>, %v: memref<4xf32>) {
  linalg.generic {indexing_maps = [#x, #row, #row], iterator_types = ["parallel", "reduction"]}
    ins(%x, %m : memref<4x?xf32>, memref<4xf32>) outs(%v : memref<4xf32>) {
  ^bb0(%a: f32, %mean: f32, %o: f32):
    %d = arith.subf %a, %mean : f32
    %sq = arith.mulf %d, %d : f32
    %r = arith.addf %sq, %o : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A maximum keeps the op's NaN semantics and starts from -inf: per lane, a
// compare and select (one max instruction) and a select of the
// accumulator where it is NaN.
#x = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @row_max(
// CHECK: arith.constant dense<0xFF800000> : vector<8xf32>
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[ACC:.*]], %[[X:.*]] : vector<8xf32>
// CHECK: %[[MAX:.*]] = arith.select %[[GT]], %[[ACC]], %[[X]]
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[ACC]], %[[ACC]] : vector<8xf32>
// CHECK: arith.select %[[NAN]], %[[ACC]], %[[MAX]]
// CHECK: %[[R:.*]] = vector.reduction <maximumf>
// CHECK: arith.cmpf ogt, %{{.*}}, %[[R]] : f32
func.func @row_max(%x: memref<16x100xf32>, %y: memref<16xf32>) {
  linalg.generic {indexing_maps = [#x, #row], iterator_types = ["parallel", "reduction"]}
    ins(%x : memref<16x100xf32>) outs(%y : memref<16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %o : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Reductions over a leading dim (not contiguous per output) and bodies
// that are not one combine of the output are left alone.
#x = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @left_alone(
// CHECK: linalg.generic
// CHECK: linalg.generic
func.func @left_alone(%x: memref<16x100xf32>, %y: memref<100xf32>, %z: memref<16xf32>) {
  linalg.generic {indexing_maps = [#x, #col], iterator_types = ["reduction", "parallel"]}
    ins(%x : memref<16x100xf32>) outs(%y : memref<100xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#x, #row], iterator_types = ["parallel", "reduction"]}
    ins(%x : memref<16x100xf32>) outs(%z : memref<16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    %r = arith.mulf %s, %o : f32
    linalg.yield %r : f32
  }
  return
}
