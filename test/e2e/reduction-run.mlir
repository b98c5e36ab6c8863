// ds reductions lowered through linalg to LLVM and run on
// x = [[1, 2, 3], [4, 5, 6]]; the expected values, computed independently:
// sum over axis 1 = [6, 15], mean over axis 0 with keepdims = [[2.5, 3.5, 4.5]],
// max over all axes with keepdims = [[6]], min over axis 1 with keepdims =
// [[1], [4]].
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [2]
// CHECK-NEXT: [6, 15]
// CHECK: sizes = [1, 3]
// CHECK-NEXT: {{\[}}[2.5, 3.5, 4.5]]
// CHECK: sizes = [1, 1]
// CHECK-NEXT: {{\[}}[6]]
// CHECK: sizes = [2, 1]
// CHECK-NEXT: {{\[}}[1],
// CHECK-NEXT: [4]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = ds.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %sum = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %mean = ds.reduce_mean %x {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %max = ds.reduce_max %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  %min = ds.reduce_min %x {axes = array<i64: -1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %0 = tensor.cast %sum : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %1 = tensor.cast %mean : tensor<1x3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %2 = tensor.cast %max : tensor<1x1xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %3 = tensor.cast %min : tensor<2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}
