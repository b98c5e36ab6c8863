// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-lower-contractions{vector-bits=256 vector-registers=16 l1-cache-bytes=32768 l2-cache-bytes=1048576}),canonicalize,cse)' | FileCheck %s

// AVX2-like target: 8 lanes, 2 vectors a row (nr = 16), mr = 6 rows of
// accumulators, kc = 272 (3/4 of L1 for a 6 + 16 wide step). The 64x128
// matmul is split into 6 x 2 tasks of 12 x 64 (at least 8 tasks), each
// packing a 272 x 64 block of B on its stack; A's rows are read in place.
// CHECK-LABEL: func.func @matmul(
// CHECK-NOT: linalg.matmul
// CHECK: %[[AFLAT:.*]] = memref.reinterpret_cast %arg0
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c6, %c2) step (%c1, %c1) {
// CHECK: %[[SP:.*]] = llvm.intr.stacksave
// CHECK-NOT: memref<3264xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<17408xf32>
// CHECK: memref.alloca() : memref<272xindex>
// CHECK: memref.alloca() : memref<64xindex>
// The micro-kernel: 12 accumulators over the packed panels.
// CHECK: scf.for %{{.*}} = %c0 to %c256 step %c1 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK: vector.load %{{.*}} : memref<17408xf32>, vector<8xf32>
// CHECK: vector.load %{{.*}} : memref<17408xf32>, vector<8xf32>
// CHECK: %[[A:.*]] = memref.load %[[AFLAT]][%{{.*}}] : memref<16384xf32, strided<[1]>>
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[A]] : f32 to vector<8xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[SPLAT]], %{{.*}} fastmath<contract> : vector<8xf32>
// CHECK: arith.addf %[[P]], %{{.*}} fastmath<contract> : vector<8xf32>
// The tile is added to C, the columns past N masked off.
// CHECK: vector.maskedload
// CHECK: vector.maskedstore
// CHECK: llvm.intr.stackrestore %[[SP]]
func.func @matmul(%a: memref<64x256xf32>, %b: memref<256x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xf32>, memref<256x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

// A convolution is the GEMM filter[32 x 72] * im2col(x)[72 x 64]: the
// offsets of B's rows (taps c, kh, kw) and columns (output positions, the
// stride 2 applied) are tabulated per task and B is packed from the input.
// CHECK-LABEL: func.func @conv(
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-DAG: %[[FILTER:.*]] = memref.reinterpret_cast %arg1 to offset: [0], sizes: [2304], strides: [1]
// CHECK-DAG: %[[INPUT:.*]] = memref.reinterpret_cast %arg0 to offset: [0], sizes: [2592], strides: [1]
// CHECK-DAG: %[[OUTPUT:.*]] = memref.reinterpret_cast %arg2 to offset: [0], sizes: [2048], strides: [1]
// CHECK: scf.parallel
// Column j: output position (j / 8, j % 8) at 2 * (j / 8) * 18 + 2 * (j % 8).
// CHECK: arith.divui %{{.*}}, %c8
// CHECK: arith.remui %{{.*}}, %c8
// CHECK: arith.muli %{{.*}}, %c36
// CHECK: arith.muli %{{.*}}, %c2
// Row q: tap (q / 9, q % 9 / 3, q % 3) at c * 324 + kh * 18 + kw.
// CHECK: scf.for %{{.*}} = %c0 to %c72 step %c1 {
// CHECK: arith.divui %{{.*}}, %c9
// CHECK: arith.muli %{{.*}}, %c324
// A panel of consecutive columns is one masked vector load a vector...
// CHECK: scf.if
// CHECK: vector.maskedload %[[INPUT]]
// ...other panels are copied run by run, the runs found once per panel.
// CHECK: } else {
// CHECK: scf.for {{.*}} iter_args
// CHECK: scf.for
// CHECK: vector.maskedload %[[INPUT]]
// CHECK: vector.maskedstore
// The filter's rows are read in place by the micro-kernel.
// CHECK: memref.load %[[FILTER]]
// CHECK: vector.maskedstore %[[OUTPUT]]
func.func @conv(%x: memref<1x8x18x18xf32>, %w: memref<32x8x3x3xf32>, %y: memref<1x32x8x8xf32>) {
  linalg.conv_2d_nchw_fchw {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x18x18xf32>, memref<32x8x3x3xf32>) outs(%y : memref<1x32x8x8xf32>)
  return
}

// -----

// A column-major A is packed into panels of 6 rows per task (12 x 272).
// CHECK-LABEL: func.func @column_major(
// CHECK: scf.parallel
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<3264xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<17408xf32>
// CHECK: memref.store %{{.*}}, %alloca[%{{.*}}] : memref<3264xf32>
// CHECK: memref.load %alloca[%{{.*}}] : memref<3264xf32>
// CHECK: vector.broadcast
func.func @column_major(%a: memref<64x256xf32, strided<[1, 64]>>, %b: memref<256x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xf32, strided<[1, 64]>>, memref<256x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

// Batched: the batch is the first dimension of the tasks.
// CHECK-LABEL: func.func @batched(
// CHECK: %{{.*}}, %{{.*}}, %[[SIZES:.*]]:3, %{{.*}}:3 = memref.extract_strided_metadata %arg2
// CHECK: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%c0, %c0, %c0) to (%[[SIZES]]#0, %c4, %c2)
func.func @batched(%a: memref<?x20x30xf32>, %b: memref<?x30x40xf32>, %c: memref<?x20x40xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<?x20x30xf32>, memref<?x30x40xf32>) outs(%c : memref<?x20x40xf32>)
  return
}

// -----

// Left alone: other element types, a transposing indexing map, a result
// whose rows are not contiguous, a convolution whose output is not.
// CHECK-LABEL: func.func @untouched(
// CHECK: linalg.matmul ins(%arg0, %arg0 : memref<8x8xf16>
// CHECK: linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%arg2, %arg2
// CHECK: linalg.matmul ins(%arg2, %arg2 : memref<8x8xf32>, memref<8x8xf32>) outs(%arg4
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-NOT: scf.parallel
func.func @untouched(%a: memref<8x8xf16>, %c: memref<8x8xf16>, %f: memref<8x8xf32>,
                     %g: memref<8x8xf32>, %s: memref<8x8xf32, strided<[1, 8]>>,
                     %x: memref<1x1x4x4xf32>, %w: memref<1x1x1x1xf32>,
                     %y: memref<1x1x4x4xf32, strided<[32, 32, 8, 1]>>) {
  linalg.matmul ins(%a, %a : memref<8x8xf16>, memref<8x8xf16>) outs(%c : memref<8x8xf16>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>,
                                 affine_map<(m, n, k) -> (k, n)>,
                                 affine_map<(m, n, k) -> (m, n)>]
    ins(%f, %f : memref<8x8xf32>, memref<8x8xf32>) outs(%g : memref<8x8xf32>)
  linalg.matmul ins(%f, %f : memref<8x8xf32>, memref<8x8xf32>) outs(%s : memref<8x8xf32, strided<[1, 8]>>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x1x4x4xf32>, memref<1x1x1x1xf32>) outs(%y : memref<1x1x4x4xf32, strided<[32, 32, 8, 1]>>)
  return
}
