// RUN: ds-opt %s --split-input-file --ds-plan-memory | FileCheck %s
// RUN: ds-opt %s --split-input-file --ds-plan-memory=remarks=true \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// A chain: %a and %b live at the same time (distinct offsets), %c only
// with %b, so it takes %a's place. The deallocs at the end of the block
// do not extend the lifetimes and are erased; %d is returned and stays a
// heap allocation. A function other than the model's entry allocates its
// workspace once.

// REMARK: remark: planned 3 buffers of 3072 bytes in a workspace of 2048 bytes (at most 2048 bytes live at once)
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:.*]]: memref<256xf32>) -> memref<256xf32>
// CHECK-SAME: attributes {ds.workspace_bytes = 2048 : i64}
// CHECK: %[[SIZE:.*]] = arith.constant 2048 : index
// CHECK: %[[WS:.*]] = memref.alloc(%[[SIZE]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK: %[[OA:.*]] = arith.constant 0 : index
// CHECK: %[[A:.*]] = memref.view %[[WS]][%[[OA]]][] : memref<?xi8> to memref<256xf32>
// CHECK: linalg.exp ins(%[[X]] : memref<256xf32>) outs(%[[A]] : memref<256xf32>)
// CHECK: %[[OB:.*]] = arith.constant 1024 : index
// CHECK: %[[B:.*]] = memref.view %[[WS]][%[[OB]]][] : memref<?xi8> to memref<256xf32>
// CHECK: linalg.exp ins(%[[A]] : memref<256xf32>) outs(%[[B]] : memref<256xf32>)
// CHECK: %[[OC:.*]] = arith.constant 0 : index
// CHECK: %[[C:.*]] = memref.view %[[WS]][%[[OC]]][] : memref<?xi8> to memref<256xf32>
// CHECK: %[[D:.*]] = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
// CHECK: memref.dealloc %[[WS]] : memref<?xi8>
// CHECK-NOT: memref.dealloc
// CHECK: return %[[D]]
func.func @chain(%x: memref<256xf32>) -> memref<256xf32> {
  %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.exp ins(%x : memref<256xf32>) outs(%a : memref<256xf32>)
  %b = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.exp ins(%a : memref<256xf32>) outs(%b : memref<256xf32>)
  %c = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.exp ins(%b : memref<256xf32>) outs(%c : memref<256xf32>)
  %d = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.exp ins(%c : memref<256xf32>) outs(%d : memref<256xf32>)
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %b : memref<256xf32>
  memref.dealloc %c : memref<256xf32>
  return %d : memref<256xf32>
}

// -----

// A subview of %a used after %b is allocated keeps %a alive: distinct
// offsets. A use inside a loop counts at the loop: %p, read in the loop
// after %q is allocated, overlaps %q; neither overlaps %a or %b. Sizes
// round up to 64 bytes.

// REMARK: remark: planned 4 buffers of 256 bytes in a workspace of 128 bytes (at most 128 bytes live at once)
// CHECK-LABEL: func.func @aliases(
// CHECK: %[[WS:.*]] = memref.alloc
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[WS]][%[[C0]]][] : memref<?xi8> to memref<4x4xf32>
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: memref.view %[[WS]][%[[C64]]][] : memref<?xi8> to memref<4x4xf32>
// CHECK: arith.constant 0 : index
// CHECK: %[[P:.*]] = memref.view %[[WS]][%{{.*}}][] : memref<?xi8> to memref<3xf32>
// CHECK: arith.constant 64 : index
// CHECK: %[[Q:.*]] = memref.view %[[WS]][%{{.*}}][] : memref<?xi8> to memref<3xf32>
// CHECK: scf.for
// CHECK: memref.load %[[P]]
// CHECK: memref.store %{{.*}}, %[[Q]]
func.func @aliases(%x: memref<4x4xf32>, %y: memref<2x2xf32>, %z: memref<3xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  linalg.copy ins(%x : memref<4x4xf32>) outs(%a : memref<4x4xf32>)
  %s = memref.subview %a[1, 1] [2, 2] [1, 1] : memref<4x4xf32> to memref<2x2xf32, strided<[4, 1], offset: 5>>
  %b = memref.alloc() : memref<4x4xf32>
  linalg.copy ins(%x : memref<4x4xf32>) outs(%b : memref<4x4xf32>)
  linalg.copy ins(%s : memref<2x2xf32, strided<[4, 1], offset: 5>>) outs(%y : memref<2x2xf32>)
  linalg.copy ins(%b : memref<4x4xf32>) outs(%x : memref<4x4xf32>)
  %p = memref.alloc() : memref<3xf32>
  linalg.copy ins(%z : memref<3xf32>) outs(%p : memref<3xf32>)
  %q = memref.alloc() : memref<3xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %v = memref.load %p[%i] : memref<3xf32>
    memref.store %v, %q[%i] : memref<3xf32>
  }
  linalg.copy ins(%q : memref<3xf32>) outs(%z : memref<3xf32>)
  memref.dealloc %a : memref<4x4xf32>
  memref.dealloc %b : memref<4x4xf32>
  memref.dealloc %p : memref<3xf32>
  memref.dealloc %q : memref<3xf32>
  return
}

// -----

// Untouched: a dynamic shape, a buffer passed to a call, one carried by a
// loop, one allocated inside a loop, one returned through a cast, and one
// that an op other than memref.dealloc frees.

// REMARK-NOT: remark: planned {{.*}} buffers of 8
// CHECK-LABEL: func.func @escapes(
// CHECK-NOT: ds.workspace_bytes
// CHECK-NOT: memref.view
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: call @use(
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: scf.for
// CHECK: memref.alloc() : memref<2xf32>
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: memref.cast
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: bufferization.dealloc
func.func private @use(memref<8xf32>)
func.func @escapes(%n: index, %lb: index, %ub: index, %step: index) -> memref<?xf32> {
  %dyn = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %dyn : memref<?xf32>
  %called = memref.alloc() : memref<8xf32>
  call @use(%called) : (memref<8xf32>) -> ()
  %carried = memref.alloc() : memref<8xf32>
  %r = scf.for %i = %lb to %ub step %step iter_args(%it = %carried) -> (memref<8xf32>) {
    %inner = memref.alloc() : memref<2xf32>
    memref.dealloc %inner : memref<2xf32>
    scf.yield %it : memref<8xf32>
  }
  %out = memref.alloc() : memref<8xf32>
  %cast = memref.cast %out : memref<8xf32> to memref<?xf32>
  %freed = memref.alloc() : memref<8xf32>
  %true = arith.constant true
  bufferization.dealloc (%freed : memref<8xf32>) if (%true)
  return %cast : memref<?xf32>
}

// -----

// The model's entry (ds.model) takes its workspace as a last argument, and
// the module records its size.

// REMARK: remark: planned 2 buffers of 128 bytes in a workspace of 128 bytes (at most 128 bytes live at once)
// CHECK: module attributes {ds.model = {{.*}}, ds.workspace_bytes = 128 : i64}
// CHECK-LABEL: func.func @model(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[WS:.*]]: memref<?xi8>) -> memref<4xf32>
// CHECK-SAME: attributes {ds.workspace_bytes = 128 : i64}
// CHECK-NOT: memref.alloc(
// CHECK: memref.view %[[WS]]
// CHECK: memref.view %[[WS]]
// CHECK: %[[Y:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NOT: memref.dealloc
// CHECK: return %[[Y]]
module attributes {ds.model = {entry = "model",
    inputs = [{dim_names = [""], name = "x", type = tensor<4xf32>}],
    outputs = [{dim_names = [""], name = "y", type = tensor<4xf32>}]}} {
  func.func @model(%x: memref<4xf32>) -> memref<4xf32> {
    %a = memref.alloc() : memref<4xf32>
    linalg.exp ins(%x : memref<4xf32>) outs(%a : memref<4xf32>)
    %b = memref.alloc() : memref<4xf32>
    linalg.exp ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
    %y = memref.alloc() : memref<4xf32>
    linalg.exp ins(%b : memref<4xf32>) outs(%y : memref<4xf32>)
    memref.dealloc %a : memref<4xf32>
    memref.dealloc %b : memref<4xf32>
    return %y : memref<4xf32>
  }
}

// -----

// The address as an index: compared (the ownership checks of lowered
// deallocs), the buffer is planned; used otherwise, it is not.

// REMARK: remark: planned 1 buffers of 64 bytes in a workspace of 64 bytes
// CHECK-LABEL: func.func @addresses(
// CHECK: %[[WS:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?xi8>
// CHECK: %[[A:.*]] = memref.view %[[WS]]
// CHECK: memref.extract_aligned_pointer_as_index %[[A]]
// CHECK: %[[B:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.extract_aligned_pointer_as_index %[[B]]
func.func @addresses(%x: memref<4xf32>) -> (i1, i64) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%x : memref<4xf32>) outs(%a : memref<4xf32>)
  %pa = memref.extract_aligned_pointer_as_index %a : memref<4xf32> -> index
  %px = memref.extract_aligned_pointer_as_index %x : memref<4xf32> -> index
  %same = arith.cmpi eq, %pa, %px : index
  %b = memref.alloc() : memref<4xf32>
  linalg.copy ins(%x : memref<4xf32>) outs(%b : memref<4xf32>)
  %pb = memref.extract_aligned_pointer_as_index %b : memref<4xf32> -> index
  %i = arith.index_cast %pb : index to i64
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %b : memref<4xf32>
  return %same, %i : i1, i64
}
