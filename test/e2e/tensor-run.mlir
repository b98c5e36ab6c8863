// ds tensor ops lowered through linalg to LLVM and run. With
// x = [[0, 1, 2], [3, 4, 5]], the values below were computed independently
// (numpy):
//   c = concat([x, reshape(x, [3, 2]).T], axis 0)
//     = [[0, 1, 2], [3, 4, 5], [0, 2, 4], [1, 3, 5]]
//   s = c[1::2, -2:] = [[4, 5], [3, 5]]
//   p = pad(s, ((1, 0), (0, 1)), value 9), flattened through
//       unsqueeze/flatten/squeeze: [9, 9, 9, 4, 5, 9, 3, 5, 9]
//   expand([[1], [2], [3]], [2, 1, 2]) = [[1, 1], [2, 2], [3, 3]] twice
//   gather(c, [[-1, 0]], axis 0) = [[[1, 3, 5], [0, 1, 2]]]
//   gather(c, [2, -3], axis 1) = [[2, 0], [5, 3], [4, 0], [5, 1]]
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [9]
// CHECK-NEXT: [9,  9,  9,  4,  5,  9,  3,  5,  9]
// CHECK: sizes = [2, 3, 2]
// CHECK-NEXT: {{\[}}{{\[}}[1,   1],
// CHECK-NEXT: [2,   2],
// CHECK-NEXT: [3,   3]],
// CHECK-NEXT: {{\[}}[1,   1],
// CHECK-NEXT: [2,   2],
// CHECK-NEXT: [3,   3]]]
// CHECK: sizes = [1, 2, 3]
// CHECK-NEXT: {{\[}}{{\[}}[1,   3,   5],
// CHECK-NEXT: [0,   1,   2]]]
// CHECK: sizes = [4, 2]
// CHECK-NEXT: {{\[}}[2,   0],
// CHECK-NEXT: [5,   3],
// CHECK-NEXT: [4,   0],
// CHECK-NEXT: [5,   1]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @shapes(%x: tensor<2x3xf32>) -> (tensor<9xf32>, tensor<4x3xf32>) {
  %s32 = ds.constant dense<[3, 2]> : tensor<2xi64>
  %r = ds.reshape %x, %s32 : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %t = ds.transpose %r : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %c = ds.concat %x, %t {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %st = ds.constant dense<[1, -2]> : tensor<2xi64>
  %en = ds.constant dense<[100, 100]> : tensor<2xi64>
  %sp = ds.constant dense<[2, 1]> : tensor<2xi64>
  %sl = ds.slice %c, %st, %en, %sp {axes = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<2x2xf32>
  %pads = ds.constant dense<[1, 0, 0, 1]> : tensor<4xi64>
  %nine = ds.constant dense<9.0> : tensor<f32>
  %p = ds.pad %sl, %pads, %nine : (tensor<2x2xf32>, tensor<4xi64>, tensor<f32>) -> tensor<3x3xf32>
  %u = ds.unsqueeze %p {axes = array<i64: 0>} : (tensor<3x3xf32>) -> tensor<1x3x3xf32>
  %f = ds.flatten %u {axis = 1 : i64} : (tensor<1x3x3xf32>) -> tensor<1x9xf32>
  %q = ds.squeeze %f {axes = array<i64: 0>} : (tensor<1x9xf32>) -> tensor<9xf32>
  return %q, %c : tensor<9xf32>, tensor<4x3xf32>
}

func.func @main() {
  %x = ds.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>
  %q, %c = call @shapes(%x) : (tensor<2x3xf32>) -> (tensor<9xf32>, tensor<4x3xf32>)
  %q_u = tensor.cast %q : tensor<9xf32> to tensor<*xf32>
  call @printMemrefF32(%q_u) : (tensor<*xf32>) -> ()

  %col = ds.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>
  %shape = ds.constant dense<[2, 1, 2]> : tensor<3xi64>
  %e = ds.expand %col, %shape : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x2xf32>
  %e_u = tensor.cast %e : tensor<2x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%e_u) : (tensor<*xf32>) -> ()

  %rows = ds.constant dense<[[-1, 0]]> : tensor<1x2xi64>
  %g0 = ds.gather %c, %rows {axis = 0 : i64} : (tensor<4x3xf32>, tensor<1x2xi64>) -> tensor<1x2x3xf32>
  %g0_u = tensor.cast %g0 : tensor<1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%g0_u) : (tensor<*xf32>) -> ()

  %cols = ds.constant dense<[2, -3]> : tensor<2xi32>
  %g1 = ds.gather %c, %cols {axis = 1 : i64} : (tensor<4x3xf32>, tensor<2xi32>) -> tensor<4x2xf32>
  %g1_u = tensor.cast %g1 : tensor<4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%g1_u) : (tensor<*xf32>) -> ()
  return
}
