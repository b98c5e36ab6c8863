// ds normalizations lowered through linalg to LLVM and run. Expected values,
// computed independently (numpy, float32):
// softmax([[1, 2, 3], [-1, 0, 4]], axis 1) = [[0.0900306, 0.244728, 0.665241],
//   [0.00657326, 0.017868, 0.975559]]; its log = [[-2.40761, -1.40761,
//   -0.407606], [-5.02474, -4.02474, -0.0247449]].
// batch_normalization of x = arange(12) as 1x3x2x2 with scale [1, 2, 0.5],
//   bias [0, 1, -1], mean [1, 5, 10], var [3.75, 0.75, 0], epsilon 0.25
//   (so the deviations are 2, 1, 0.5): [[-0.5, 0], [0.5, 1]], [[-1, 1], [3, 5]],
//   [[-3, -2], [-1, 0]].
// layer_normalization of [[1, 3, 1, 3], [2, 2, 2, 2]] over the last axis with
//   epsilon 3 (deviation 2, then sqrt(3)), scale [1, 1, 2, 2], bias
//   [0, 0, 0, 1]: [[-0.5, 0.5, -1, 2], [0, 0, 0, 1]].
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [2, 3]
// CHECK-NEXT: {{\[}}[0.0900306, 0.244728, 0.665241],
// CHECK-NEXT: [0.00657326, 0.017868, 0.975559]]
// CHECK: sizes = [2, 3]
// CHECK-NEXT: {{\[}}[-2.40761, -1.40761, -0.407606],
// CHECK-NEXT: [-5.02474, -4.02474, -0.0247449]]
// CHECK: sizes = [1, 3, 2, 2]
// CHECK-NEXT: {{\[}}{{\[}}{{\[}}[-0.5, 0],
// CHECK-NEXT: [0.5, 1]],
// CHECK-NEXT: {{\[}}[-1, 1],
// CHECK-NEXT: [3, 5]],
// CHECK-NEXT: {{\[}}[-3, -2],
// CHECK-NEXT: [-1, 0]]]]
// CHECK: sizes = [2, 4]
// CHECK-NEXT: {{\[}}[-0.5, 0.5, -1, 2],
// CHECK-NEXT: [0, 0, 0, 1]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = ds.constant dense<[[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]]> : tensor<2x3xf32>
  %sm = ds.softmax %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %lsm = ds.log_softmax %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = tensor.cast %sm : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %1 = tensor.cast %lsm : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()

  %b = ds.constant dense<[[[[0.0, 1.0], [2.0, 3.0]], [[4.0, 5.0], [6.0, 7.0]], [[8.0, 9.0], [10.0, 11.0]]]]> : tensor<1x3x2x2xf32>
  %scale = ds.constant dense<[1.0, 2.0, 0.5]> : tensor<3xf32>
  %bias = ds.constant dense<[0.0, 1.0, -1.0]> : tensor<3xf32>
  %mean = ds.constant dense<[1.0, 5.0, 10.0]> : tensor<3xf32>
  %var = ds.constant dense<[3.75, 0.75, 0.0]> : tensor<3xf32>
  %bn = ds.batch_normalization %b, %scale, %bias, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x3x2x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  %2 = tensor.cast %bn : tensor<1x3x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()

  %l = ds.constant dense<[[1.0, 3.0, 1.0, 3.0], [2.0, 2.0, 2.0, 2.0]]> : tensor<2x4xf32>
  %g = ds.constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  %lb = ds.constant dense<[0.0, 0.0, 0.0, 1.0]> : tensor<4xf32>
  %ln = ds.layer_normalization %l, %g, %lb {epsilon = 3.0 : f32} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x4xf32>)
  %3 = tensor.cast %ln : tensor<2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}
