// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=512 vector-registers=32 l1-cache-bytes=49152 l2-cache-bytes=1048576},canonicalize,cse)' | FileCheck %s
// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(ds-lower-contractions{vector-bits=512 vector-registers=32 l1-cache-bytes=49152 l2-cache-bytes=1048576 winograd=false},canonicalize,cse)' | FileCheck %s --check-prefix=DIRECT

// AVX-512-like target (16 lanes). A 3x3 convolution at stride 1 with a
// constant filter, 16 filters over 16 channels, an 8x8 output (4x4 tiles
// of 2x2) on a zero-padded copy of its input, then bias and ReLU: Winograd
// F(2x2, 3x3). The filter becomes its transform, 16 x 16 x 16 values; the
// padded copy goes (its rows are read with the padding implicit). The
// input transform runs over (channel, row of tiles): a tile's 16 values
// from the even lanes of pairs of masked loads of the input's rows (the
// column left of the input shifted in as a zero lane), stored into V. The 16 GEMMs (one task each) read V in place (vectors of
// tiles times broadcast elements of U) and store M;
// the output transform loads M's 16 points of a vector of tiles, and its
// two rows of 2 x 4 outputs go through the bias and ReLU to the output.
// With winograd=false the convolution runs as a direct GEMM.
// CHECK-DAG: memref.global "private" constant @filter_winograd : memref<4096xf32>
// CHECK-NOT: memref.global "private" constant @filter :
// CHECK-LABEL: func.func @winograd(
// CHECK-NOT: memref<1x16x10x10xf32>
// CHECK-DAG: %[[U:.*]] = memref.get_global @filter_winograd
// CHECK-DAG: %[[OUT:.*]] = memref.reinterpret_cast %arg2 to offset: [0], sizes: [1024]
// CHECK-DAG: %[[V:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4096xf32>
// CHECK-DAG: %[[M:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4096xf32>
// CHECK-DAG: %[[IN:.*]] = memref.reinterpret_cast %arg0 to offset: [0], sizes: [1024]
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c16, %c4)
// CHECK-NOT: memref.alloca
// CHECK: vector.maskedload %[[IN]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]
// CHECK-COUNT-16: vector.shuffle %{{.*}}, %{{.*}} [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK-COUNT-16: vector.maskedstore %[[V]]
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c16)
// CHECK: vector.load %[[V]]
// CHECK: memref.load %[[U]]
// CHECK: vector.store %{{.*}}, %[[M]]
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c16, %c4)
// CHECK-COUNT-16: vector.maskedload %[[M]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23]
// CHECK: memref.load %arg1
// CHECK: arith.select
// CHECK: vector.maskedstore %[[OUT]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23]
// CHECK: vector.maskedstore %[[OUT]]
// CHECK-NOT: vector.maskedstore %[[OUT]]
// CHECK: memref.dealloc %[[V]]
// CHECK: memref.dealloc %[[M]]
// CHECK-NOT: linalg.
// DIRECT: memref.global "private" constant @filter : memref<16x16x3x3xf32>
// DIRECT-NOT: winograd
// DIRECT-LABEL: func.func @winograd(
// DIRECT: memref.get_global @filter : memref<16x16x3x3xf32>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
memref.global "private" constant @filter : memref<16x16x3x3xf32> = dense<1.0>
func.func @winograd(%x: memref<1x16x8x8xf32>, %bias: memref<16xf32>, %out: memref<1x16x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filter : memref<16x16x3x3xf32>
  %padded = memref.alloc() : memref<1x16x10x10xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x16x10x10xf32>)
  %interior = memref.subview %padded[0, 0, 1, 1] [1, 16, 8, 8] [1, 1, 1, 1] : memref<1x16x10x10xf32> to memref<1x16x8x8xf32, strided<[1600, 100, 10, 1], offset: 11>>
  linalg.copy ins(%x : memref<1x16x8x8xf32>) outs(%interior : memref<1x16x8x8xf32, strided<[1600, 100, 10, 1], offset: 11>>)
  %c = memref.alloc() : memref<1x16x8x8xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x16x8x8xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%padded, %w : memref<1x16x10x10xf32>, memref<16x16x3x3xf32>) outs(%c : memref<1x16x8x8xf32>)
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%c, %bias : memref<1x16x8x8xf32>, memref<16xf32>) outs(%out : memref<1x16x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<1x16x8x8xf32>
  memref.dealloc %padded : memref<1x16x10x10xf32>
  return
}

// -----

// A strided window is not taken: the convolution is tiled along M.
// CHECK: memref.global "private" constant @filter2_rows
// CHECK-NOT: winograd
// CHECK-LABEL: func.func @strided(
memref.global "private" constant @filter2 : memref<32x32x3x3xf32> = dense<1.0>
func.func @strided(%x: memref<1x32x9x9xf32>, %out: memref<1x32x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filter2 : memref<32x32x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%out : memref<1x32x4x4xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<2> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x32x9x9xf32>, memref<32x32x3x3xf32>) outs(%out : memref<1x32x4x4xf32>)
  return
}

// -----

// A 32x48 output (16 x 24 tiles) of 16 filters: V and M (384 KiB each)
// would not stay in L2, U (16 KiB) does. The convolution runs in 8 blocks
// of 2 rows of tiles (48 tiles, 96 KiB of V and of M), a task each: the
// input transform of its tiles into its slice of V, its 16 products (a
// nested loop nest over the slices' views), the output transform from its
// slice of M.
// CHECK-LABEL: func.func @blocked(
// CHECK: %[[U:.*]] = memref.get_global @filterb_winograd : memref<4096xf32>
// CHECK: %[[V:.*]] = memref.alloc() {alignment = 64 : i64} : memref<98304xf32>
// CHECK: %[[M:.*]] = memref.alloc() {alignment = 64 : i64} : memref<98304xf32>
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c8)
// CHECK: scf.for %{{.*}} = %c0 to %c16
// CHECK: scf.for %{{.*}} = %c0 to %c2
// CHECK: vector.store %{{.*}}, %[[V]]
// CHECK: %[[VB:.*]] = memref.subview %[[V]][%[[OFF:.*]]] [12288] [1]
// CHECK: %[[MB:.*]] = memref.subview %[[M]][%[[OFF]]] [12288] [1]
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c16)
// CHECK: vector.load %[[VB]]
// CHECK: memref.load %[[U]]
// CHECK: vector.store %{{.*}}, %[[MB]]
// CHECK: scf.for %{{.*}} = %c0 to %c16
// CHECK: scf.for %{{.*}} = %c0 to %c2
// CHECK: vector.load %[[M]]
// CHECK: vector.store
// CHECK: memref.dealloc %[[V]]
// CHECK: memref.dealloc %[[M]]
memref.global "private" constant @filterb : memref<16x16x3x3xf32> = dense<1.0>
func.func @blocked(%x: memref<1x16x34x50xf32>, %out: memref<1x16x32x48xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @filterb : memref<16x16x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%out : memref<1x16x32x48xf32>)
  linalg.conv_2d_nchw_fchw {strides = dense<1> : vector<2xi64>, dilations = dense<1> : vector<2xi64>}
    ins(%x, %w : memref<1x16x34x50xf32>, memref<16x16x3x3xf32>) outs(%out : memref<1x16x32x48xf32>)
  return
}
