// ds elementwise ops lowered through linalg to LLVM and run: the printed
// values are sigmoid(a + b) with a = [[0], [1]] and b = [-1, 0, 2],
// computed independently: 0.268941 0.5 0.880797 / 0.5 0.731059 0.952574.
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [2, 3]
// CHECK-NEXT: {{\[}}[0.268941, 0.5, 0.880797],
// CHECK-NEXT: [0.5, 0.731059, 0.952574]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @compute(%a: tensor<2x1xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = ds.add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = ds.sigmoid %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

func.func @main() {
  %a = ds.constant dense<[[0.0], [1.0]]> : tensor<2x1xf32>
  %b = ds.constant dense<[-1.0, 0.0, 2.0]> : tensor<3xf32>
  %r = call @compute(%a, %b) : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %u = tensor.cast %r : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
