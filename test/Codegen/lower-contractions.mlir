// RUN: ds-opt %s --split-input-file --mlir-print-elementsattrs-with-hex-if-larger=4096 --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=256 vector-registers=16 l1-cache-bytes=32768 l2-cache-bytes=1048576},canonicalize,cse)' | FileCheck %s

// AVX2-like target: 8 lanes, 2 vectors a row (nr = 16), mr = 6 rows of
// accumulators, kc = 272 (3/4 of L1 for a 6 + 16 wide step). One batch of
// known size: B is packed once (8 panels of 16 columns over all 256 rows,
// one task each) into a buffer of the GEMM, then the 64x128 product is
// split into 6 x 2 tasks of 12 x 64 (at least 8 tasks); A's rows are read
// in place.
// CHECK-LABEL: func.func @matmul(
// CHECK-NOT: linalg.matmul
// CHECK: %[[AFLAT:.*]] = memref.reinterpret_cast %arg0
// CHECK: %[[PACKED:.*]] = memref.alloc() {alignment = 64 : i64} : memref<32768xf32>
// The offsets of B's rows, computed once for the panels.
// CHECK: %[[ROWS:.*]] = memref.alloc() : memref<256xindex>
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c8) step (%c1) {
// CHECK: memref.load %[[ROWS]]
// CHECK: vector.store %{{.*}}, %[[PACKED]]
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c6, %c2) step (%c1, %c1) {
// CHECK: %[[SP:.*]] = llvm.intr.stacksave
// CHECK-NOT: memref.alloca
// The micro-kernel: 12 accumulators over the packed panels.
// CHECK: scf.for %{{.*}} = %c0 to %c256 step %c1 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK: vector.load %[[PACKED]][%{{.*}}] : memref<32768xf32>, vector<8xf32>
// CHECK: vector.load %[[PACKED]][%{{.*}}] : memref<32768xf32>, vector<8xf32>
// CHECK: %[[A:.*]] = memref.load %[[AFLAT]][%{{.*}}] : memref<16384xf32, strided<[1]>>
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[A]] : f32 to vector<8xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[SPLAT]], %{{.*}} fastmath<contract> : vector<8xf32>
// CHECK: arith.addf %[[P]], %{{.*}} fastmath<contract> : vector<8xf32>
// The tile is added to C, the columns past N masked off.
// CHECK: vector.maskedload
// CHECK: vector.maskedstore
// CHECK: llvm.intr.stackrestore %[[SP]]
// CHECK: memref.dealloc %[[PACKED]]
func.func @matmul(%a: memref<64x256xf32>, %b: memref<256x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xf32>, memref<256x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

// A convolution is the GEMM filter[32 x 72] * im2col(x)[72 x 64]: the
// offsets of B's rows (taps c, kh, kw) and columns (output positions, the
// stride 3 applied) are tabulated and B is packed from the input.
// Row q: tap (q / 9, q % 9 / 3, q % 3) at c * 576 + kh * 24 + kw, a
// constant of the module.
// CHECK: memref.global "private" constant @[[ROWS:.*]] : memref<72xindex> = dense<[0, 1, 2, 24, 25, 26, 48, 49, 50, 576, 577, 578, 600,
// CHECK-LABEL: func.func @conv(
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-DAG: %[[FILTER:.*]] = memref.reinterpret_cast %arg1 to offset: [0], sizes: [2304], strides: [1]
// CHECK-DAG: %[[INPUT:.*]] = memref.reinterpret_cast %arg0 to offset: [0], sizes: [4608], strides: [1]
// CHECK-DAG: %[[OUTPUT:.*]] = memref.reinterpret_cast %arg2 to offset: [0], sizes: [2048], strides: [1]
// CHECK: memref.get_global @[[ROWS]] : memref<72xindex>
// CHECK: scf.parallel
// Column j: output position (j / 8, j % 8) at 3 * (j / 8) * 24 + 3 * (j % 8).
// CHECK: arith.divui %{{.*}}, %c8
// CHECK: arith.remui %{{.*}}, %c8
// CHECK-DAG: arith.muli %{{.*}}, %c72
// CHECK-DAG: arith.muli %{{.*}}, %c3
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
func.func @conv(%x: memref<1x8x24x24xf32>, %w: memref<32x8x3x3xf32>, %y: memref<1x32x8x8xf32>) {
  linalg.conv_2d_nchw_fchw {strides = dense<3> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x24x24xf32>, memref<32x8x3x3xf32>) outs(%y : memref<1x32x8x8xf32>)
  return
}

// -----

// A column-major A is packed into panels of 6 rows per task (12 x 272)
// (B once for the GEMM, as above).
// CHECK-LABEL: func.func @column_major(
// CHECK: scf.parallel
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<3264xf32>
// CHECK: memref.store %{{.*}}, %alloca[%{{.*}}] : memref<3264xf32>
// CHECK: memref.load %alloca[%{{.*}}] : memref<3264xf32>
// CHECK: vector.broadcast
func.func @column_major(%a: memref<64x256xf32, strided<[1, 64]>>, %b: memref<256x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xf32, strided<[1, 64]>>, memref<256x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

// Batched: the batch is the first dimension of the tasks; B is packed per
// task. (20 x 40 takes
// a 12 x 8 micro-tile, which pads less than 6 x 16.)
// CHECK-LABEL: func.func @batched(
// CHECK: %{{.*}}, %{{.*}}, %[[SIZES:.*]]:3, %{{.*}}:3 = memref.extract_strided_metadata %arg0
// CHECK: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%c0, %c0, %c0) to (%[[SIZES]]#0, %{{.*}}, %{{.*}})
// A batch of unknown size: each task packs the slices of B it uses.
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<{{[0-9]+}}xf32>
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

// -----

// Fused: the zero fill goes (the only K slice stores its sums), and the
// bias + residual + ReLU generic is applied to the sums in registers and
// stored into its output; C's buffer is gone.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_epilogue(
// CHECK-SAME: %[[BIAS:[^:]*]]: memref<32xf32>, %[[RES:[^:]*]]: memref<1x32x8x8xf32>, %[[OUT:[^:]*]]: memref<1x32x8x8xf32>)
// CHECK-NOT: memref.alloc()
// CHECK-NOT: linalg.fill
// CHECK-DAG: %[[RESFLAT:.*]] = memref.reinterpret_cast %[[RES]]
// CHECK-DAG: %[[OUTFLAT:.*]] = memref.reinterpret_cast %[[OUT]]
// CHECK: scf.parallel
// CHECK: %[[B:.*]] = memref.load %[[BIAS]][%{{.*}}] : memref<32xf32>
// CHECK: %[[BV:.*]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK: %[[R:.*]] = vector.maskedload %[[RESFLAT]]
// CHECK: %[[S:.*]] = arith.addf %{{.*}}, %[[BV]] : vector<8xf32>
// CHECK: %[[T:.*]] = arith.addf %[[S]], %[[R]] : vector<8xf32>
// The ReLU's maximum against the constant 0: 0 where it is greater, else
// the sum (a NaN included), one max instruction.
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[ZERO:.*]], %[[T]] : vector<8xf32>
// CHECK: %[[U:.*]] = arith.select %[[GT]], %[[ZERO]], %[[T]]
// CHECK-NOT: arith.cmpf uno
// CHECK: vector.maskedstore %[[OUTFLAT]][%{{.*}}], %{{.*}}, %[[U]]
// CHECK-NOT: linalg.generic
// CHECK-NOT: memref.dealloc %{{.*}} : memref<1x32x8x8xf32>
func.func @conv_epilogue(%x: memref<1x8x10x10xf32>, %w: memref<32x8x3x3xf32>, %bias: memref<32xf32>, %res: memref<1x32x8x8xf32>, %out: memref<1x32x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<1x32x8x8xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x8x8xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x10x10xf32>, memref<32x8x3x3xf32>) outs(%c : memref<1x32x8x8xf32>)
  linalg.generic {indexing_maps = [#id, #ch, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias, %res : memref<1x32x8x8xf32>, memref<32xf32>, memref<1x32x8x8xf32>) outs(%out : memref<1x32x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %r: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %t = arith.addf %s, %r : f32
    %u = arith.maximumf %t, %zero : f32
    linalg.yield %u : f32
  }
  memref.dealloc %c : memref<1x32x8x8xf32>
  return
}

// -----

// In place (the generic writes C) over several K slices: partial sums are
// added to C, the last slice applies the body (a scale per row, tanh). A
// bias per column is a vector load along the row.
#mm = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @matmul_in_place(
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %{{.*}}, %c0 : index
// CHECK: %[[LAST:.*]] = arith.cmpi eq, %{{.*}}, %c1000 : index
// CHECK: scf.if %[[FIRST]] -> (vector<8xf32>)
// CHECK: scf.if %[[LAST]] -> (vector<8xf32>)
// CHECK: vector.broadcast
// CHECK: math.tanh %{{.*}} : vector<8xf32>
// CHECK-NOT: linalg.generic
// CHECK-LABEL: func.func @column_bias(
// CHECK-SAME: %[[CB:[^:]*]]: memref<24xf32>
// CHECK: vector.{{(masked)?}}load %[[CB]][%{{.*}}]
// CHECK-NOT: linalg.generic
func.func @matmul_in_place(%a: memref<40x1000xf32>, %b: memref<1000x24xf32>, %s: memref<40xf32>, %c: memref<40x24xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<40x24xf32>)
  linalg.matmul ins(%a, %b : memref<40x1000xf32>, memref<1000x24xf32>) outs(%c : memref<40x24xf32>)
  linalg.generic {indexing_maps = [#row, #mm], iterator_types = ["parallel", "parallel"]}
    ins(%s : memref<40xf32>) outs(%c : memref<40x24xf32>) {
  ^bb0(%r: f32, %o: f32):
    %m = arith.mulf %o, %r : f32
    %t = math.tanh %m : f32
    linalg.yield %t : f32
  }
  return
}
func.func @column_bias(%a: memref<40x100xf32>, %b: memref<100x24xf32>, %bias: memref<24xf32>, %out: memref<40x24xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<40x24xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<40x24xf32>)
  linalg.matmul ins(%a, %b : memref<40x100xf32>, memref<100x24xf32>) outs(%c : memref<40x24xf32>)
  linalg.generic {indexing_maps = [#mm, #col, #mm], iterator_types = ["parallel", "parallel"]}
    ins(%c, %bias : memref<40x24xf32>, memref<24xf32>) outs(%out : memref<40x24xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<40x24xf32>
  return
}

// -----

// C is read again after the generic, so it keeps accumulating the plain
// product and the generic's values go to its output from the last slice;
// a body that reads the iteration index is not lane-wise (not fused).
#mm = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @still_read(
// CHECK-SAME: %[[OUT:[^:]*]]: memref<16x16xf32>, %[[KEEP:[^:]*]]: memref<16x16xf32>)
// CHECK: %[[C:.*]] = memref.alloc() : memref<16x16xf32>
// CHECK-DAG: %[[OUTFLAT:.*]] = memref.reinterpret_cast %[[OUT]]
// CHECK-DAG: %[[CFLAT:.*]] = memref.reinterpret_cast %[[C]]
// CHECK: scf.parallel
// The tile is all inside 16 x 16: its masks fold to plain stores.
// CHECK: vector.store %[[SUM:.*]], %[[CFLAT]]
// CHECK: %[[NEG:.*]] = arith.negf %[[SUM]]
// CHECK: vector.store %[[NEG]], %[[OUTFLAT]]
// CHECK-NOT: linalg.generic
// CHECK: memref.copy %[[C]], %[[KEEP]]
// CHECK-LABEL: func.func @indexed(
// CHECK: scf.parallel
// CHECK: linalg.generic
// CHECK: linalg.index
func.func @still_read(%a: memref<16x16xf32>, %b: memref<16x16xf32>, %out: memref<16x16xf32>, %keep: memref<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<16x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<16x16xf32>)
  linalg.matmul ins(%a, %b : memref<16x16xf32>, memref<16x16xf32>) outs(%c : memref<16x16xf32>)
  linalg.generic {indexing_maps = [#mm, #mm], iterator_types = ["parallel", "parallel"]}
    ins(%c : memref<16x16xf32>) outs(%out : memref<16x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  }
  memref.copy %c, %keep : memref<16x16xf32> to memref<16x16xf32>
  memref.dealloc %c : memref<16x16xf32>
  return
}
func.func @indexed(%a: memref<16x16xf32>, %b: memref<16x16xf32>, %out: memref<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<16x16xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<16x16xf32>)
  linalg.matmul ins(%a, %b : memref<16x16xf32>, memref<16x16xf32>) outs(%c : memref<16x16xf32>)
  linalg.generic {indexing_maps = [#mm, #mm], iterator_types = ["parallel", "parallel"]}
    ins(%c : memref<16x16xf32>) outs(%out : memref<16x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %i = linalg.index 0 : index
    %f = arith.index_cast %i : index to i32
    %g = arith.sitofp %f : i32 to f32
    %s = arith.addf %x, %g : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<16x16xf32>
  return
}

// -----

// The zeros may come from a copy of a zero-filled buffer, with other ops
// between; the generic may follow a deallocation and the allocation of its
// output. The copy, the generic, C and the then unused zero buffer go; the
// output is allocated before the kernel that writes it.
#m2 = affine_map<(d0, d1) -> (d0, d1)>
#r2 = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @zero_copy(
// CHECK-NOT: linalg.copy
// CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<16x32xf32>)
// CHECK: %[[D:.*]] = memref.alloc() : memref<16x32xf32>
// CHECK: scf.parallel
// CHECK: vector.maskedstore
// CHECK-NOT: linalg.generic
// CHECK: return %[[D]]
func.func @zero_copy(%a: memref<16x8xf32>, %b: memref<8x32xf32>, %bias: memref<16xf32>, %other: memref<4xf32>) -> memref<16x32xf32> {
  %zero = arith.constant 0.0 : f32
  %z = memref.alloc() : memref<16x32xf32>
  linalg.fill ins(%zero : f32) outs(%z : memref<16x32xf32>)
  %c = memref.alloc() : memref<16x32xf32>
  linalg.copy ins(%z : memref<16x32xf32>) outs(%c : memref<16x32xf32>)
  %t = memref.alloc() : memref<4xf32>
  linalg.fill ins(%zero : f32) outs(%other : memref<4xf32>)
  linalg.matmul ins(%a, %b : memref<16x8xf32>, memref<8x32xf32>) outs(%c : memref<16x32xf32>)
  memref.dealloc %t : memref<4xf32>
  %d = memref.alloc() : memref<16x32xf32>
  linalg.generic {indexing_maps = [#m2, #r2, #m2], iterator_types = ["parallel", "parallel"]}
    ins(%c, %bias : memref<16x32xf32>, memref<16xf32>) outs(%d : memref<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<16x32xf32>
  memref.dealloc %z : memref<16x32xf32>
  return %d : memref<16x32xf32>
}

// -----

// Rows of A 4 KiB apart would share one L1 set: A is packed (a panel
// buffer of the task) rather than read in place.
// CHECK-LABEL: func.func @aliasing_rows(
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) =
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<{{[0-9]+}}xf32>
// CHECK: memref.load %{{.*}} : memref<65536xf32, strided<[1]>>
// CHECK: memref.store %{{.*}}, %alloca[%{{.*}}]
func.func @aliasing_rows(%a: memref<64x1024xf32>, %b: memref<1024x64xf32>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x1024xf32>, memref<1024x64xf32>) outs(%c : memref<64x64xf32>)
  return
}

// -----

// A matmul's constant B is packed at compile time: one panel of 24
// columns (the micro-tile for N = 20; zero past 20) over K = 2, in a new
// global that replaces the weight; no packing runs.
// CHECK: memref.global "private" constant @w_packed : memref<48xf32> = dense_resource<w_packed> {alignment = 64 : i64}
// CHECK-NOT: memref.global "private" constant @w :
// CHECK-LABEL: func.func @constant_b(
// CHECK: %[[P:.*]] = memref.get_global @w_packed : memref<48xf32>
// CHECK-NOT: memref.alloc
// CHECK: scf.parallel
// CHECK: vector.load %[[P]]
memref.global "private" constant @w : memref<2x20xf32> = dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0], [21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0]]>
func.func @constant_b(%a: memref<16x2xf32>, %c: memref<16x20xf32>) {
  %w = memref.get_global @w : memref<2x20xf32>
  linalg.matmul ins(%a, %w : memref<16x2xf32>, memref<2x20xf32>) outs(%c : memref<16x20xf32>)
  return
}

// -----

// Padding materialized for a convolution (a zero-filled buffer whose
// interior is a copy of the input) within the window's extent is read
// implicitly: the kernel reads the unpadded input, masks the taps outside
// it with per-column and per-row (y, x) tables, and the padded buffer, its
// fill and copy go.
// CHECK-LABEL: func.func @implicit_padding(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x4x8x8xf32>
// CHECK-NOT: linalg.map
// CHECK-NOT: linalg.copy
// CHECK: %[[XFLAT:.*]] = memref.reinterpret_cast %[[X]]
// CHECK: memref.alloca() : memref<{{[0-9]+}}xi32>
// CHECK: vector.load %{{.*}} : memref<{{[0-9]+}}xi32>, vector<8xi32>
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: vector.maskedload %[[XFLAT]]
func.func @implicit_padding(%x: memref<1x4x8x8xf32>, %w: memref<16x4x3x3xf32>, %y: memref<1x16x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = memref.alloc() : memref<1x4x10x10xf32>
  linalg.map outs(%p : memref<1x4x10x10xf32>)
    (%init: f32) {
      linalg.yield %zero : f32
    }
  %interior = memref.subview %p[0, 0, 1, 1] [1, 4, 8, 8] [1, 1, 1, 1] : memref<1x4x10x10xf32> to memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>
  linalg.copy ins(%x : memref<1x4x8x8xf32>) outs(%interior : memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %w : memref<1x4x10x10xf32>, memref<16x4x3x3xf32>) outs(%y : memref<1x16x8x8xf32>)
  memref.dealloc %p : memref<1x4x10x10xf32>
  return
}

// -----

// With a stride the padded copy stays (packing strided columns through the
// padding masks costs more than the copy): the kernel reads the padded
// buffer.
// CHECK-LABEL: func.func @strided_padding(
// CHECK: %[[P:.*]] = memref.alloc() : memref<1x4x10x10xf32>
// CHECK: linalg.map outs(%[[P]]
// CHECK: linalg.copy
// CHECK: memref.reinterpret_cast %[[P]]
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @strided_padding(%x: memref<1x4x8x8xf32>, %w: memref<16x4x3x3xf32>, %y: memref<1x16x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = memref.alloc() : memref<1x4x10x10xf32>
  linalg.map outs(%p : memref<1x4x10x10xf32>)
    (%init: f32) {
      linalg.yield %zero : f32
    }
  %interior = memref.subview %p[0, 0, 1, 1] [1, 4, 8, 8] [1, 1, 1, 1] : memref<1x4x10x10xf32> to memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>
  linalg.copy ins(%x : memref<1x4x8x8xf32>) outs(%interior : memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>)
  linalg.conv_2d_nchw_fchw {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %w : memref<1x4x10x10xf32>, memref<16x4x3x3xf32>) outs(%y : memref<1x16x4x4xf32>)
  memref.dealloc %p : memref<1x4x10x10xf32>
  return
}

// -----

// N = 36 in panels of 16 leaves a last panel of 4 columns: it runs a
// one-vector kernel (6 accumulators) instead of the two-vector one (12),
// chosen per panel by the columns left.
// CHECK-LABEL: func.func @narrow_panel(
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) =
// CHECK: %[[WIDE:.*]] = arith.cmpi sgt, %{{.*}}, %c8 : index
// CHECK: scf.if %[[WIDE]] {
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
func.func @narrow_panel(%a: memref<24x64xf32>, %b: memref<64x36xf32>, %c: memref<24x36xf32>) {
  linalg.matmul ins(%a, %b : memref<24x64xf32>, memref<64x36xf32>) outs(%c : memref<24x36xf32>)
  return
}

// -----

// Stride 2 with a 3-wide window: the input's rows are first split into
// their even columns (9 of 18) and odd ones (9), so that B's row q, tap
// (c, kh, kw), starts at c * 324 + kh * 18 + (kw % 2) * 9 + kw / 2 and its
// columns along an output row are consecutive: panels are copied as
// contiguous vectors from the deinterleaved buffer.
// Row q's tap column: (kw % 2) * 9 + kw / 2 in rows of 18.
// CHECK: memref.global "private" constant @{{.*}} : memref<72xindex> = dense<[0, 9, 1, 18, 27, 19, 36, 45, 37, 324,
// CHECK-LABEL: func.func @conv_deinterleaved(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x8x18x18xf32>
// CHECK: %[[D:.*]] = memref.alloc() : memref<1x8x18x18xf32>
// CHECK: scf.parallel (%[[C:.*]], %[[Y:.*]]) = (%c0, %c0) to (%c8, %c18)
// CHECK: scf.for %[[E:.*]] = %c0 to %c9 step %c1 {
// CHECK: %[[EVEN:.*]] = arith.muli %[[E]], %c2 : index
// CHECK: %[[V:.*]] = memref.load %[[X]][%c0, %[[C]], %[[Y]], %[[EVEN]]]
// CHECK: memref.store %[[V]], %[[D]][%c0, %[[C]], %[[Y]], %[[E]]]
// CHECK: scf.for %[[O:.*]] = %c0 to %c9 step %c1 {
// CHECK: %[[ODD:.*]] = arith.addi %{{.*}}, %c1 : index
// CHECK: %[[HIGH:.*]] = arith.addi %[[O]], %c9 : index
// CHECK: %[[W:.*]] = memref.load %[[X]][%c0, %[[C]], %[[Y]], %[[ODD]]]
// CHECK: memref.store %[[W]], %[[D]][%c0, %[[C]], %[[Y]], %[[HIGH]]]
// CHECK: %[[DFLAT:.*]] = memref.reinterpret_cast %[[D]]
// CHECK: vector.maskedload %[[DFLAT]]
// CHECK: memref.dealloc %[[D]]
func.func @conv_deinterleaved(%x: memref<1x8x18x18xf32>, %w: memref<32x8x3x3xf32>, %y: memref<1x32x8x8xf32>) {
  linalg.conv_2d_nchw_fchw {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x18x18xf32>, memref<32x8x3x3xf32>) outs(%y : memref<1x32x8x8xf32>)
  return
}

// -----

// Stride 1 over a padded input (its fill and copy are the caller's here):
// B is read in place, never packed. The GEMM's columns are the output
// positions laid along the input's rows of 8: 14 wide columns for the
// 2 x 6 output, of which x = 6, 7 are computed but not stored. K = 288 is
// two slices of 272: the first slice's sums go to the task's scratch tile
// (6 rows x 16 columns), the last one adds them, the bias, and stores the
// runs of each vector that are the output's: wide columns 0..5 to C's
// columns 0..5, wide columns 8..13 (row 1) to C's 6..11.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// Row q: tap (c, ky, kx) at c * 32 + ky * 8 + kx.
// CHECK: memref.global "private" constant @[[DROWS:.*]] : memref<288xindex> = dense<[0, 1, 2, 8, 9, 10, 16, 17, 18, 32, 33, 34,
// CHECK-LABEL: func.func @conv_direct(
// CHECK-DAG: %[[SIX:.*]] = arith.constant dense<[true, true, true, true, true, true, false, false]> : vector<8xi1>
// CHECK-DAG: %[[INPUT:.*]] = memref.reinterpret_cast %arg0 to offset: [0], sizes: [1024], strides: [1]
// CHECK-DAG: %[[OUTPUT:.*]] = memref.reinterpret_cast %arg3 to offset: [0], sizes: [192], strides: [1]
// CHECK: %[[ROWS:.*]] = memref.get_global @[[DROWS]] : memref<288xindex>
// CHECK: scf.parallel
// CHECK: %[[SCRATCH:.*]] = memref.alloca() {alignment = 64 : i64} : memref<96xf32>
// CHECK-NOT: memref.alloca
// CHECK: %[[OFFSET:.*]] = memref.load %[[ROWS]]
// CHECK: vector.load %[[INPUT]][%[[OFFSET]]]
// CHECK: vector.maskedload %[[INPUT]]
// CHECK: vector.load %[[SCRATCH]]
// CHECK: vector.store %{{.*}}, %[[SCRATCH]]
// CHECK: %[[ROW:.*]] = arith.muli %{{.*}}, %c12
// CHECK: vector.maskedstore %[[OUTPUT]][%[[ROW]]], %[[SIX]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[ROW]], %c6
// CHECK: vector.maskedstore %[[OUTPUT]][%[[NEXT]]], %[[SIX]]
func.func @conv_direct(%x: memref<1x32x4x8xf32>, %w: memref<16x32x3x3xf32>, %bias: memref<16xf32>, %out: memref<1x16x2x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<1x16x2x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x16x2x6xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x32x4x8xf32>, memref<16x32x3x3xf32>) outs(%c : memref<1x16x2x6xf32>)
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x16x2x6xf32>, memref<16xf32>) outs(%out : memref<1x16x2x6xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<1x16x2x6xf32>
  return
}

// -----

// The generic after the product writes a slice of a buffer allocated and
// viewed after it (a concatenation's half): the allocation and the view
// move before the kernel, which stores the epilogue's values into the
// slice; C's buffer, the fill and the generic go.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @epilogue_into_slice(
// CHECK: %[[CAT:.*]] = memref.alloc() : memref<1x32x6x6xf32>
// CHECK: %[[HALF:.*]] = memref.subview %[[CAT]][0, 16, 0, 0] [1, 16, 6, 6] [1, 1, 1, 1]
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %[[HALF]]
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel
// CHECK: arith.cmpf ogt
// CHECK: vector.maskedstore %[[FLAT]]
// CHECK-NOT: linalg.generic
// CHECK: return %[[CAT]]
func.func @epilogue_into_slice(%x: memref<1x8x6x6xf32>, %w: memref<16x8x1x1xf32>, %bias: memref<16xf32>) -> memref<1x32x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<1x16x6x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x16x6x6xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x8x6x6xf32>, memref<16x8x1x1xf32>) outs(%c : memref<1x16x6x6xf32>)
  %cat = memref.alloc() : memref<1x32x6x6xf32>
  %half = memref.subview %cat[0, 16, 0, 0] [1, 16, 6, 6] [1, 1, 1, 1] : memref<1x32x6x6xf32> to memref<1x16x6x6xf32, strided<[1152, 36, 6, 1], offset: 576>>
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x16x6x6xf32>, memref<16xf32>) outs(%half : memref<1x16x6x6xf32, strided<[1152, 36, 6, 1], offset: 576>>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<1x16x6x6xf32>
  return %cat : memref<1x32x6x6xf32>
}
