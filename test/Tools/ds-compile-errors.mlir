// An op that does not lower yet stops ds-compile with its name and
// location; a module with no model function is diagnosed too.
// RUN: not ds-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not ds-compile %S/Inputs/no-public-function.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=NOFUNC

// (A gather_nd whose index tuple length is unknown is left by its
// lowering.)
// CHECK: ds-compile-errors.mlir:[[@LINE+3]]:8: error: 'ds.gather_nd' op is not lowered to linalg yet
// CHECK-NOT: ds-compile: linking
func.func @net(%x: tensor<4x5xf32>, %i: tensor<2x?xi64>) -> tensor<?xf32> {
  %0 = ds.gather_nd %x, %i : (tensor<4x5xf32>, tensor<2x?xi64>) -> tensor<*xf32>
  %1 = tensor.cast %0 : tensor<*xf32> to tensor<?xf32>
  return %1 : tensor<?xf32>
}

// NOFUNC: error: no public function to compile as the model
