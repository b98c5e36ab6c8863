// RUN: ds-opt %s --ds-lower-memref-copy | FileCheck %s

// CHECK-LABEL: func.func @strided
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%arg0 : memref<4xf32, strided<[2]>>) outs(%arg1 : memref<4xf32>)
func.func @strided(%a: memref<4xf32, strided<[2]>>, %b: memref<4xf32>) {
  memref.copy %a, %b : memref<4xf32, strided<[2]>> to memref<4xf32>
  return
}

// CHECK-LABEL: func.func @dynamic
// CHECK: linalg.copy ins(%arg0 : memref<?x?xi8>) outs(%arg1 : memref<?x?xi8>)
func.func @dynamic(%a: memref<?x?xi8>, %b: memref<?x?xi8>) {
  memref.copy %a, %b : memref<?x?xi8> to memref<?x?xi8>
  return
}
