// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=512 vector-registers=32 l1-cache-bytes=49152 l2-cache-bytes=1048576 winograd=false},canonicalize,cse)' | FileCheck %s
// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=512 vector-registers=32 l1-cache-bytes=49152 l2-cache-bytes=16384 winograd=false},canonicalize,cse)' | FileCheck %s --check-prefix=STREAM

// AVX-512-like target (16 lanes, 32 registers). A 3x3 convolution with a
// constant filter, 32 filters over 32 channels (K = 288), on a 7x7 output:
// N = 49 fills vectors of 16 positions badly (64 lanes), so the GEMM is
// tiled along M. The micro-tile is 2 vectors of output channels (mr = 32)
// by 7 output positions, 14 accumulators over all of K; the filter is
// packed at compile time into one panel of 32 rows over all of K; each
// step loads A's two vectors, prefetches A ahead, and broadcasts 7
// elements of the input, read in place through the constant table of K's
// offsets. The sums go to the task's tile (column-major, 32 rows a column,
// 16 columns allocated for its 14); from there, 16 x 16 blocks are
// transposed in registers (64 shuffles) into rows of C, which go through
// the bias epilogue to the output.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: memref.global "private" constant @__ds_gemm_rows : memref<288xindex>
// CHECK-DAG: memref.global "private" constant @filter_rows : memref<9216xf32>
// CHECK-NOT: memref.global "private" constant @filter :
// CHECK-LABEL: func.func @along_m(
// CHECK-DAG: %[[INPUT:.*]] = memref.reinterpret_cast %arg0 to offset: [0], sizes: [2592]
// CHECK-DAG: %[[OUTPUT:.*]] = memref.reinterpret_cast %arg2 to offset: [0], sizes: [1568]
// CHECK: %[[A:.*]] = memref.get_global @filter_rows : memref<9216xf32>
// CHECK: %[[ROWS:.*]] = memref.get_global @__ds_gemm_rows : memref<288xindex>
// CHECK: scf.parallel
// CHECK: %[[TILE:.*]] = memref.alloca() {alignment = 64 : i64} : memref<512xf32>
// CHECK-NOT: memref.alloca
// CHECK: %[[SUMS:.*]]:14 = scf.for %[[Q:.*]] = %c0 to %c288 step %c1
// CHECK-COUNT-2: vector.load %[[A]][%{{.*}}] : memref<9216xf32>, vector<16xf32>
// CHECK: memref.prefetch %[[A]][%{{.*}}], read, locality<2>, data
// CHECK: %[[K:.*]] = memref.load %[[ROWS]][%[[Q]]]
// CHECK-COUNT-7: memref.load %[[INPUT]]
// CHECK: vector.store %[[SUMS]]#0, %[[TILE]]
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK-COUNT-16: vector.load %[[TILE]]
// CHECK-COUNT-64: vector.shuffle
// CHECK: scf.if
// CHECK: %[[BIAS:.*]] = memref.load %arg1
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[BIAS]]
// CHECK: %[[VALUE:.*]] = arith.addf %{{.*}}, %[[SPLAT]]
// CHECK: vector.maskedstore %[[OUTPUT]][%{{.*}}], %{{.*}}, %[[VALUE]]
// CHECK-NOT: vector.gather
// CHECK-NOT: linalg.
// A filter of 2 L2 caches or more (36 KiB with 16 KiB L2s) is prefetched
// as non-temporal.
// STREAM-LABEL: func.func @along_m(
// STREAM: memref.prefetch %{{.*}}, read, locality<0>, data
memref.global "private" constant @filter : memref<32x32x3x3xf32> = dense<1.0>
func.func @along_m(%x: memref<1x32x9x9xf32>, %bias: memref<32xf32>, %out: memref<1x32x7x7xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filter : memref<32x32x3x3xf32>
  %c = memref.alloc() : memref<1x32x7x7xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x7x7xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x32x9x9xf32>, memref<32x32x3x3xf32>) outs(%c : memref<1x32x7x7xf32>)
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x32x7x7xf32>, memref<32xf32>) outs(%out : memref<1x32x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<1x32x7x7xf32>
  return
}

// -----

// A convolution along M whose result (with its bias) is only copied into
// the interior of the next convolution's zero-padded input: the kernel
// stores into the padded buffer instead (a row of C's vector at a time
// where it crosses a row of 7, at 9 elements a row from element 10 of a
// channel), whose allocation and fill move before it; the copy and the
// result's own buffer go.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @into_padding(
// CHECK: %[[P:.*]] = memref.alloc() : memref<1x32x9x9xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[P]] : memref<1x32x9x9xf32>)
// CHECK-NOT: memref.alloc() : memref<1x32x7x7xf32>
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %[[P]] to offset: [0], sizes: [2592]
// CHECK: scf.parallel
// CHECK: vector.shuffle
// CHECK: scf.if
// CHECK: vector.maskedstore %[[FLAT]]
// CHECK: } else {
// CHECK: scf.for
// CHECK: vector.maskedstore %[[FLAT]]
// The next convolution reads the padded buffer.
// CHECK: scf.parallel
// CHECK: memref.load %[[FLAT]]
// CHECK-NOT: linalg.copy
memref.global "private" constant @filter3 : memref<32x32x3x3xf32> = dense<1.0>
memref.global "private" constant @filter4 : memref<32x32x3x3xf32> = dense<2.0>
func.func @into_padding(%x: memref<1x32x9x9xf32>, %bias: memref<32xf32>, %out: memref<1x32x7x7xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filter3 : memref<32x32x3x3xf32>
  %c = memref.alloc() : memref<1x32x7x7xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x7x7xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x32x9x9xf32>, memref<32x32x3x3xf32>) outs(%c : memref<1x32x7x7xf32>)
  %d = memref.alloc() : memref<1x32x7x7xf32>
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x32x7x7xf32>, memref<32xf32>) outs(%d : memref<1x32x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<1x32x7x7xf32>
  %p = memref.alloc() : memref<1x32x9x9xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x32x9x9xf32>)
  %inner = memref.subview %p[0, 0, 1, 1] [1, 32, 7, 7] [1, 1, 1, 1] : memref<1x32x9x9xf32> to memref<1x32x7x7xf32, strided<[2592, 81, 9, 1], offset: 10>>
  linalg.copy ins(%d : memref<1x32x7x7xf32>) outs(%inner : memref<1x32x7x7xf32, strided<[2592, 81, 9, 1], offset: 10>>)
  %w2 = memref.get_global @filter4 : memref<32x32x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%out : memref<1x32x7x7xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%p, %w2 : memref<1x32x9x9xf32>, memref<32x32x3x3xf32>) outs(%out : memref<1x32x7x7xf32>)
  memref.dealloc %d : memref<1x32x7x7xf32>
  memref.dealloc %p : memref<1x32x9x9xf32>
  return
}
