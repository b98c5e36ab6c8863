// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-lower-window-ops{vector-bits=256 vector-registers=16}),canonicalize,cse)' | FileCheck %s

// AVX2-like target: 8 lanes; 4 accumulators a chunk (a quarter of the 16
// registers), so rows of 37 columns are one unmasked chunk of 32 and a
// tail of 5 masked lanes (the empty vectors of the tail fold away). 4
// channels give 13 blocks of 3 rows, so that the op splits into 52 tasks.
// The 9 filter values are broadcast once per task; the taps are unrolled
// in the order (kh, kw), each a contiguous load of the input row.
// CHECK-LABEL: func.func @depthwise(
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
// CHECK: %[[TAIL:.*]] = arith.constant dense<[true, true, true, true, true, false, false, false]> : vector<8xi1>
// CHECK: scf.parallel (%[[C:.*]], %[[B:.*]]) = (%c0, %c0) to (%c4, %c13) step (%c1, %c1) {
// CHECK-COUNT-9: vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK: scf.for %[[OY:.*]] = %{{.*}} to %{{.*}} step %c1 {
// CHECK-COUNT-4: vector.load %arg2[%c0, %[[C]], %[[OY]], %{{.*}}] : memref<1x4x37x37xf32>, vector<8xf32>
// CHECK: %[[X:.*]] = vector.load %arg0[%c0, %[[C]], %[[OY]], %c0] : memref<1x4x39x39xf32>, vector<8xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %{{.*}} fastmath<contract> : vector<8xf32>
// CHECK: arith.addf %{{.*}}, %[[P]] fastmath<contract> : vector<8xf32>
// The tap (0, 1) of the first vector: the input row shifted by one.
// CHECK: vector.load %arg0[%c0, %[[C]], %[[OY]], %c1]
// CHECK-COUNT-4: vector.store %{{.*}}, %arg2[%c0, %[[C]], %[[OY]], %{{.*}}] : memref<1x4x37x37xf32>, vector<8xf32>
// CHECK: vector.maskedload %arg2[%c0, %[[C]], %[[OY]], %c32], %[[TAIL]]
// CHECK: vector.maskedload %arg0[%c0, %[[C]], %[[OY]], %c32], %[[TAIL]]
// CHECK: vector.maskedstore %arg2[%c0, %[[C]], %[[OY]], %c32], %[[TAIL]]
func.func @depthwise(%x: memref<1x4x39x39xf32>, %w: memref<4x3x3xf32>, %y: memref<1x4x37x37xf32>) {
  linalg.depthwise_conv_2d_nchw_chw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x4x39x39xf32>, memref<4x3x3xf32>) outs(%y : memref<1x4x37x37xf32>)
  return
}

// -----

// Stride 2: each tap reads 16 contiguous elements as two vectors (the
// second masked where it would pass the input row) and keeps the even
// ones; the maximum propagates NaN: a compare and select (one max
// instruction) and a select of the accumulator where it is NaN.
// CHECK-LABEL: func.func @max_pool(
// CHECK-NOT: linalg.pooling_nchw_max
// CHECK: %[[M:.*]] = arith.constant dense<[true, true, true, true, true, true, true, false]> : vector<8xi1>
// CHECK: scf.parallel (%[[N:.*]], %[[C:.*]]) = (%c0, %c0) to (%c2, %c64) step (%c1, %c1) {
// CHECK: scf.for %[[OY:.*]] = %c0 to %c8 step %c1 {
// CHECK: %[[ACC:.*]] = vector.load %arg2[%[[N]], %[[C]], %[[OY]], %c0]
// CHECK: %[[IY:.*]] = arith.muli %[[OY]], %c2 : index
// CHECK: %[[LO:.*]] = vector.load %arg0[%[[N]], %[[C]], %[[IY]], %c0]
// CHECK: %[[HI:.*]] = vector.maskedload %arg0[%[[N]], %[[C]], %[[IY]], %c8], %[[M]]
// CHECK: %[[EVEN:.*]] = vector.shuffle %[[LO]], %[[HI]] [0, 2, 4, 6, 8, 10, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[ACC]], %[[EVEN]] : vector<8xf32>
// CHECK: %[[MAX:.*]] = arith.select %[[GT]], %[[ACC]], %[[EVEN]]
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[ACC]], %[[ACC]] : vector<8xf32>
// CHECK: arith.select %[[NAN]], %[[ACC]], %[[MAX]]
// CHECK-COUNT-8: arith.cmpf uno
// CHECK: vector.store %{{.*}}, %arg2[%[[N]], %[[C]], %[[OY]], %c0]
func.func @max_pool(%x: memref<2x64x17x17xf32>, %k: memref<3x3xf32>, %y: memref<2x64x8x8xf32>) {
  linalg.pooling_nchw_max {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %k : memref<2x64x17x17xf32>, memref<3x3xf32>) outs(%y : memref<2x64x8x8xf32>)
  return
}

// -----

// Larger strides gather with constant offsets; dynamic sizes give a loop
// of unmasked chunks up to the last multiple of 32 columns and one of
// masked chunks (lane numbers compared with the columns left).
// CHECK-LABEL: func.func @sum_pool(
// CHECK-DAG: %[[OFFSETS:.*]] = arith.constant dense<[0, 3, 6, 9, 12, 15, 18, 21]> : vector<8xi32>
// CHECK-DAG: %[[LANES:.*]] = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : vector<8xi32>
// CHECK: %[[OW:.*]] = memref.dim %arg2, %c3
// CHECK: %[[FULL:.*]] = arith.divsi %[[OW]], %c32 : index
// CHECK: %[[END:.*]] = arith.muli %[[FULL]], %c32 : index
// CHECK: scf.parallel
// CHECK: scf.for %[[OX:.*]] = %c0 to %[[END]] step %c32 {
// CHECK: vector.gather %arg0[{{.*}}] [%[[OFFSETS]]]
// CHECK: arith.addf
// CHECK: scf.for %[[OX:.*]] = %[[END]] to %[[OW]] step %c32 {
// CHECK: %[[LEFT:.*]] = arith.subi %[[OW]], %[[OX]] : index
// CHECK: arith.cmpi sgt, %{{.*}}, %[[LANES]] : vector<8xi32>
// CHECK: vector.gather
// CHECK: vector.maskedstore
func.func @sum_pool(%x: memref<?x?x?x?xf32>, %k: memref<3x3xf32>, %y: memref<?x?x?x?xf32>) {
  linalg.pooling_nchw_sum {strides = dense<3> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %k : memref<?x?x?x?xf32>, memref<3x3xf32>) outs(%y : memref<?x?x?x?xf32>)
  return
}

// -----

// Other element types are left alone.
// CHECK-LABEL: func.func @int_pool(
// CHECK: linalg.pooling_nchw_max
func.func @int_pool(%x: memref<1x8x9x9xi32>, %k: memref<3x3xi32>, %y: memref<1x8x7x7xi32>) {
  linalg.pooling_nchw_max {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %k : memref<1x8x9x9xi32>, memref<3x3xi32>) outs(%y : memref<1x8x7x7xi32>)
  return
}

// -----

// A depthwise convolution starts from zeros when a zero fill precedes it
// (the fill goes) and applies the element-wise generic after it (bias per
// channel, then a clip) to each row chunk before storing into the
// generic's output; the generic and the convolution's own buffer go.
#dwid = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#dwch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @depthwise_epilogue(
// CHECK-SAME: %[[BIAS:[^:]*]]: memref<8xf32>, %[[OUT:[^:]*]]: memref<1x8x16x16xf32>)
// CHECK-NOT: linalg.fill
// CHECK-NOT: memref.alloc()
// CHECK-DAG: %[[OUTFLAT:.*]] = memref.reinterpret_cast %[[OUT]]
// CHECK: scf.parallel
// CHECK: memref.load %[[BIAS]]
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf olt
// CHECK: vector.store %{{.*}}, %[[OUTFLAT]]
// CHECK-NOT: linalg.generic
func.func @depthwise_epilogue(%x: memref<1x8x18x18xf32>, %w: memref<8x3x3xf32>, %bias: memref<8xf32>, %out: memref<1x8x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %c = memref.alloc() : memref<1x8x16x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x8x16x16xf32>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x18x18xf32>, memref<8x3x3xf32>) outs(%c : memref<1x8x16x16xf32>)
  linalg.generic {indexing_maps = [#dwid, #dwch, #dwid], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x8x16x16xf32>, memref<8xf32>) outs(%out : memref<1x8x16x16xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %l = arith.maximumf %s, %zero : f32
    %u = arith.minimumf %l, %six : f32
    linalg.yield %u : f32
  }
  memref.dealloc %c : memref<1x8x16x16xf32>
  return
}

// -----

// Implicit padding: the zero-filled copy of the input goes and the
// convolution reads the unpadded input. Rows 1 to 4 have every tap inside
// it: one row block per task, so each task's rows are split into the
// border rows before 1, the interior rows [1, 5) and the border rows from
// 5, where each row of taps runs only if it is inside the input. Along a
// row of 40 columns (chunks of 32): column 0, whose left taps read the
// padding, is a masked chunk of one lane (the tap at column -1 loads
// nothing and folds away); columns 1 to 32 are one unmasked chunk; 33 to
// 39 a masked tail, whose right taps mask the column past the input.
// CHECK-LABEL: func.func @depthwise_padded(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x2x6x40xf32>
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.copy
// CHECK-DAG: %[[COL0:.*]] = arith.constant dense<[true, false, false, false, false, false, false, false]> : vector<8xi1>
// CHECK-DAG: %[[TAIL:.*]] = arith.constant dense<[true, true, true, true, true, true, true, false]> : vector<8xi1>
// CHECK-DAG: %[[LAST:.*]] = arith.constant dense<[true, true, true, true, true, true, false, false]> : vector<8xi1>
// CHECK: scf.parallel (%[[C:.*]], %[[B:.*]]) = (%c0, %c0) to (%c2, %c6)
// CHECK: %[[BORDER1:.*]] = arith.minsi %{{.*}}, %c1 : index
// CHECK: scf.for %[[OY:.*]] = %[[B]] to %[[BORDER1]] step %c1 {
// CHECK: %[[IY:.*]] = arith.subi %[[OY]], %c1 : index
// CHECK: %[[LOW:.*]] = arith.cmpi sge, %[[IY]], %c0 : index
// CHECK: %[[HIGH:.*]] = arith.cmpi slt, %[[IY]], %c6 : index
// CHECK: %[[INSIDE:.*]] = arith.andi %[[LOW]], %[[HIGH]] : i1
// CHECK: scf.if %[[INSIDE]] -> (vector<8xf32>) {
// CHECK: vector.maskedload %[[X]][%c0, %[[C]], %[[IY]], %c0], %[[COL0]]
// CHECK: vector.maskedload %[[X]][%c0, %[[C]], %[[IY]], %c1], %[[COL0]]
// CHECK: scf.if %[[INSIDE]] -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK: vector.load %[[X]][%c0, %[[C]], %[[IY]], %c0]
// CHECK: vector.maskedload %[[X]][%c0, %[[C]], %[[IY]], %c32], %[[TAIL]]
// CHECK: vector.maskedload %[[X]][%c0, %[[C]], %[[IY]], %c34], %[[LAST]]
// The interior rows: no tests, unmasked loads.
// CHECK: scf.for %[[OY2:.*]] = %{{.*}} to %{{.*}} step %c1 {
// CHECK-NOT: scf.if
// CHECK: %[[IY2:.*]] = arith.subi %[[OY2]], %c1 : index
// CHECK-NOT: scf.if
// CHECK: vector.load %[[X]][%c0, %[[C]], %[[IY2]], %c0]
// CHECK-NOT: scf.if
// CHECK: scf.for
// CHECK: scf.if
func.func @depthwise_padded(%x: memref<1x2x6x40xf32>, %w: memref<2x3x3xf32>, %y: memref<1x2x6x40xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = memref.alloc() : memref<1x2x8x42xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x2x8x42xf32>)
  %inner = memref.subview %p[0, 0, 1, 1] [1, 2, 6, 40] [1, 1, 1, 1] : memref<1x2x8x42xf32> to memref<1x2x6x40xf32, strided<[672, 336, 42, 1], offset: 43>>
  linalg.copy ins(%x : memref<1x2x6x40xf32>) outs(%inner : memref<1x2x6x40xf32, strided<[672, 336, 42, 1], offset: 43>>)
  linalg.depthwise_conv_2d_nchw_chw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %w : memref<1x2x8x42xf32>, memref<2x3x3xf32>) outs(%y : memref<1x2x6x40xf32>)
  memref.dealloc %p : memref<1x2x8x42xf32>
  return
}

// -----

// A max pool's -inf padding is read implicitly too, its masked lanes load
// -inf; the -inf fill of its output goes and the maxima start from -inf in
// registers (the first tap's maximum with it folds away). A row of 5
// outputs has no unmasked chunk: it is one masked chunk from column 0,
// whose first tap starts at input column -1 (that lane is masked off and
// never read).
// CHECK-LABEL: func.func @max_pool_padded(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x2x9x9xf32>, %{{[^:]*}}: memref<3x3xf32>, %[[Y:[^:]*]]: memref<1x2x5x5xf32>)
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.copy
// CHECK-DAG: %[[NINF:.*]] = arith.constant dense<0xFF800000> : vector<8xf32>
// CHECK: scf.parallel
// CHECK-NOT: vector.maskedload %[[Y]]
// CHECK: scf.if %{{.*}} -> (vector<8xf32>) {
// CHECK: vector.maskedload %[[X]][%c0, %{{.*}}, %{{.*}}, %c-1], %{{.*}}, %[[NINF]]
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[NINF]] : vector<8xf32>
// CHECK-NOT: vector.maskedload %[[Y]]
// CHECK: vector.maskedstore %[[Y]]
func.func @max_pool_padded(%x: memref<1x2x9x9xf32>, %k: memref<3x3xf32>, %y: memref<1x2x5x5xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %p = memref.alloc() : memref<1x2x11x11xf32>
  linalg.fill ins(%ninf : f32) outs(%p : memref<1x2x11x11xf32>)
  %inner = memref.subview %p[0, 0, 1, 1] [1, 2, 9, 9] [1, 1, 1, 1] : memref<1x2x11x11xf32> to memref<1x2x9x9xf32, strided<[242, 121, 11, 1], offset: 12>>
  linalg.copy ins(%x : memref<1x2x9x9xf32>) outs(%inner : memref<1x2x9x9xf32, strided<[242, 121, 11, 1], offset: 12>>)
  linalg.fill ins(%ninf : f32) outs(%y : memref<1x2x5x5xf32>)
  linalg.pooling_nchw_max {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %k : memref<1x2x11x11xf32>, memref<3x3xf32>) outs(%y : memref<1x2x5x5xf32>)
  memref.dealloc %p : memref<1x2x11x11xf32>
  return
}

// -----

// A max pool whose padding holds zeros (not its identity) keeps the copy.
// CHECK-LABEL: func.func @max_pool_zero_padding(
// CHECK: linalg.fill
// CHECK: linalg.copy
// CHECK: scf.parallel
func.func @max_pool_zero_padding(%x: memref<1x2x9x9xf32>, %k: memref<3x3xf32>, %y: memref<1x2x5x5xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = memref.alloc() : memref<1x2x11x11xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x2x11x11xf32>)
  %inner = memref.subview %p[0, 0, 1, 1] [1, 2, 9, 9] [1, 1, 1, 1] : memref<1x2x11x11xf32> to memref<1x2x9x9xf32, strided<[242, 121, 11, 1], offset: 12>>
  linalg.copy ins(%x : memref<1x2x9x9xf32>) outs(%inner : memref<1x2x9x9xf32, strided<[242, 121, 11, 1], offset: 12>>)
  linalg.pooling_nchw_max {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %k : memref<1x2x11x11xf32>, memref<3x3xf32>) outs(%y : memref<1x2x5x5xf32>)
  memref.dealloc %p : memref<1x2x11x11xf32>
  return
}
