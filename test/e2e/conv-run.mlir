// ds convolutions and pools lowered through linalg to LLVM and run. The
// expected values were computed independently with numpy loops over padded
// inputs:
//   conv: x = 1..9 (1x1x3x3), w = [ones(2x2), [[1, 0], [0, -1]]],
//         bias [0.5, -1], pads 1, strides 2
//   depthwise: x = (0..17) - 8 (1x2x3x3), w = [[[1, 2], [0, 1]], [[0, -1], [1, 0]]]
//   max_pool: x = -(1..9) (1x1x3x3), kernel 2x2, pads 1 (padding never wins)
//   average_pool: x = 1..16 (1x1x4x4), kernel 3x3, pads 1, strides 2,
//         count_include_pad
//   global pools: x = [[1, 5, -2], [3, 0, 4]], [[-7, -1, -3], [-2, -8, -5]]
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops,lower-affine),convert-scf-to-cf,expand-strided-metadata,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// conv
// CHECK: sizes = [1, 2, 2, 2]
// CHECK-NEXT: {{\[\[\[\[}}1.5, 5.5],
// CHECK-NEXT: [11.5, 28.5]],
// CHECK-NEXT: {{\[\[}}-2, -4],
// CHECK-NEXT: [-8, -5]]]]
// depthwise
// CHECK: sizes = [1, 2, 2, 2]
// CHECK-NEXT: {{\[\[\[\[}}-26, -22],
// CHECK-NEXT: [-14, -10]],
// CHECK-NEXT: {{\[\[}}2, 2],
// CHECK-NEXT: [2, 2]]]]
// max_pool
// CHECK: sizes = [1, 1, 4, 4]
// CHECK-NEXT: {{\[\[\[\[}}-1, -1, -2, -3],
// CHECK-NEXT: [-1, -1, -2, -3],
// CHECK-NEXT: [-4, -4, -5, -6],
// CHECK-NEXT: [-7, -7, -8, -9]]]]
// average_pool
// CHECK: sizes = [1, 1, 2, 2]
// CHECK-NEXT: {{\[\[\[\[}}1.55556, 3.33333],
// CHECK-NEXT: [6.33333, 11]]]]
// global_max_pool
// CHECK: sizes = [1, 2, 1, 1]
// CHECK-NEXT: {{\[\[\[\[}}5]],
// CHECK-NEXT: {{\[\[}}-1]]]]
// global_average_pool
// CHECK: sizes = [1, 2, 1, 1]
// CHECK-NEXT: {{\[\[\[\[}}1.83333]],
// CHECK-NEXT: {{\[\[}}-4.33333]]]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print4(%t: tensor<1x2x2x2xf32>) {
  %u = tensor.cast %t : tensor<1x2x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x1 = ds.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %w1 = ds.constant dense<[[[[1.0, 1.0], [1.0, 1.0]]], [[[1.0, 0.0], [0.0, -1.0]]]]> : tensor<2x1x2x2xf32>
  %b1 = ds.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %conv = ds.conv %x1, %w1, %b1 {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  call @print4(%conv) : (tensor<1x2x2x2xf32>) -> ()

  %x2 = ds.constant dense<[[[[-8.0, -7.0, -6.0], [-5.0, -4.0, -3.0], [-2.0, -1.0, 0.0]],
                            [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x2x3x3xf32>
  %w2 = ds.constant dense<[[[[1.0, 2.0], [0.0, 1.0]]], [[[0.0, -1.0], [1.0, 0.0]]]]> : tensor<2x1x2x2xf32>
  %dw = ds.conv %x2, %w2 {group = 2 : i64}
      : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  call @print4(%dw) : (tensor<1x2x2x2xf32>) -> ()

  %x3 = ds.constant dense<[[[[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0], [-7.0, -8.0, -9.0]]]]> : tensor<1x1x3x3xf32>
  %max = ds.max_pool %x3 {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
  %maxu = tensor.cast %max : tensor<1x1x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%maxu) : (tensor<*xf32>) -> ()

  %x4 = ds.constant dense<[[[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0],
                             [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]]]> : tensor<1x1x4x4xf32>
  %avg = ds.average_pool %x4 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>,
                              strides = array<i64: 2, 2>, count_include_pad = true}
      : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  %avgu = tensor.cast %avg : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%avgu) : (tensor<*xf32>) -> ()

  %x5 = ds.constant dense<[[[[1.0, 5.0, -2.0], [3.0, 0.0, 4.0]],
                            [[-7.0, -1.0, -3.0], [-2.0, -8.0, -5.0]]]]> : tensor<1x2x2x3xf32>
  %gmax = ds.global_max_pool %x5 : (tensor<1x2x2x3xf32>) -> tensor<1x2x1x1xf32>
  %gmaxu = tensor.cast %gmax : tensor<1x2x1x1xf32> to tensor<*xf32>
  call @printMemrefF32(%gmaxu) : (tensor<*xf32>) -> ()
  %gavg = ds.global_average_pool %x5 : (tensor<1x2x2x3xf32>) -> tensor<1x2x1x1xf32>
  %gavgu = tensor.cast %gavg : tensor<1x2x1x1xf32> to tensor<*xf32>
  call @printMemrefF32(%gavgu) : (tensor<*xf32>) -> ()
  return
}
