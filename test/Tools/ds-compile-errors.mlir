// An op that does not lower yet stops ds-compile with its name and
// location; a module with no model function is diagnosed too.
// RUN: not ds-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not ds-compile %S/Inputs/no-public-function.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=NOFUNC

// CHECK: ds-compile-errors.mlir:[[@LINE+3]]:8: error: 'ds.non_zero' op is not lowered to linalg yet
// CHECK-NOT: ds-compile: linking
func.func @net(%x: tensor<4x5xf32>) -> tensor<2x?xi64> {
  %0 = ds.non_zero %x : (tensor<4x5xf32>) -> tensor<2x?xi64>
  return %0 : tensor<2x?xi64>
}

// NOFUNC: error: no public function to compile as the model
