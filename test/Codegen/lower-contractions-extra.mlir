// RUN: ds-opt %s --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=512 vector-registers=32 l1-cache-bytes=49152 l2-cache-bytes=1048576},canonicalize,cse)' | FileCheck %s

// AVX-512-like target (16 lanes, 32 registers). A 1x1 convolution with
// N = 49 output positions: the tile is 4 rows x 3 vectors (48 columns)
// plus one extra column, summed in a vector along the 4 rows; M = 20 needs
// no padding rows with mr = 4. The constant filter is packed at compile
// time into panels of 4 rows over all of K ([5][200][4]) and replaces the
// global; B (the input) is read in place.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK: memref.global "private" constant @filter_rows : memref<4000xf32>
// CHECK-NOT: memref.global "private" constant @filter :
// CHECK-LABEL: func.func @extra_columns(
// CHECK-DAG: %[[LANE0:.*]] = arith.constant dense<[true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false]> : vector<16xi1>
// CHECK-DAG: %[[INPUT:.*]] = memref.reinterpret_cast %arg0
// CHECK-DAG: %[[OUTPUT:.*]] = memref.reinterpret_cast %arg2
// CHECK: %[[A:.*]] = memref.get_global @filter_rows : memref<4000xf32>
// 12 accumulators and the extra column's.
// CHECK: %[[SUMS:.*]]:13 = scf.for
// CHECK-COUNT-3: vector.load %[[INPUT]]
// CHECK: memref.load %[[A]]
// The extra column: A's packed column of 4 rows times the broadcast
// element of B after the 48 columns.
// CHECK: %[[COLUMN:.*]] = vector.load %[[A]][%{{.*}}] : memref<4000xf32>, vector<4xf32>
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %c48 : index
// CHECK: %[[ELEMENT:.*]] = memref.load %[[INPUT]][%[[AT]]]
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[ELEMENT]] : f32 to vector<4xf32>
// CHECK: arith.mulf %[[COLUMN]], %[[SPLAT]] fastmath<contract> : vector<4xf32>
// Row 0's extra sum is stored as lane 0 of a vector, at column 48.
// CHECK: vector.extract %[[SUMS]]#12[0] : f32 from vector<4xf32>
// CHECK: vector.maskedstore %[[OUTPUT]][%{{.*}}], %[[LANE0]]
memref.global "private" constant @filter : memref<20x200x1x1xf32> = dense<1.0>
func.func @extra_columns(%x: memref<1x200x7x7xf32>, %bias: memref<20xf32>, %out: memref<1x20x7x7xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filter : memref<20x200x1x1xf32>
  %c = memref.alloc() : memref<1x20x7x7xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x20x7x7xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x200x7x7xf32>, memref<20x200x1x1xf32>) outs(%c : memref<1x20x7x7xf32>)
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x20x7x7xf32>, memref<20xf32>) outs(%out : memref<1x20x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<1x20x7x7xf32>
  return
}
