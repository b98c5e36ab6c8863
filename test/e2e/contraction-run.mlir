// ds.matmul and ds.gemm lowered through linalg to LLVM and run. Expected
// values computed independently with numpy:
//   [[1,2,3],[4,5,6]] @ [[1,0],[0,1],[1,1]]          = [[4,5],[10,11]]
//   arange(1,9).reshape(2,2,2) @ [[[1,0],[0,1]],[[0,1],[1,0]]]
//                                                     = [[[1,2],[3,4]],[[6,5],[8,7]]]
//   arange(1,9).reshape(2,2,2) @ [[1],[2]]           = [[[5],[11]],[[17],[23]]]
//   [1,2,3] @ [[1,0],[0,1],[1,1]]                    = [4,5]
//   0.5 * A.T @ B.T + 2 * [10,20] with A = [[1,2],[3,4],[5,6]],
//   B = [[1,0,1],[0,1,-1]]                            = [[23,39],[24,39]]
// RUN: ds-opt %s --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}),one-shot-bufferize{bufferize-function-boundaries},func.func(convert-linalg-to-loops),convert-scf-to-cf,expand-strided-metadata,lower-affine,convert-to-llvm,reconcile-unrealized-casts)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [2, 2]
// CHECK-NEXT: {{\[}}[4, 5],
// CHECK-NEXT: [10, 11]]
// CHECK: sizes = [2, 2, 2]
// CHECK-NEXT: {{\[}}{{\[}}[1, 2],
// CHECK-NEXT: [3, 4]],
// CHECK-NEXT: {{\[}}[6, 5],
// CHECK-NEXT: [8, 7]]]
// CHECK: sizes = [2, 2, 1]
// CHECK-NEXT: {{\[}}{{\[}}[5],
// CHECK-NEXT: [11]],
// CHECK-NEXT: {{\[}}[17],
// CHECK-NEXT: [23]]]
// CHECK: sizes = [2]
// CHECK-NEXT: [4, 5]
// CHECK: sizes = [2, 2]
// CHECK-NEXT: {{\[}}[23, 39],
// CHECK-NEXT: [24, 39]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

func.func @batch(%a: tensor<2x2x2xf32>, %b: tensor<2x2x2xf32>) -> tensor<2x2x2xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

func.func @batch_a(%a: tensor<2x2x2xf32>, %b: tensor<2x1xf32>) -> tensor<2x2x1xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x2x2xf32>, tensor<2x1xf32>) -> tensor<2x2x1xf32>
  return %0 : tensor<2x2x1xf32>
}

func.func @vector(%a: tensor<3xf32>, %b: tensor<3x2xf32>) -> tensor<2xf32> {
  %0 = ds.matmul %a, %b : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

func.func @gemm(%a: tensor<3x2xf32>, %b: tensor<2x3xf32>, %c: tensor<2xf32>) -> tensor<2x2xf32> {
  %0 = ds.gemm %a, %b, %c {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true}
      : (tensor<3x2xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

func.func @main() {
  %a = ds.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = ds.constant dense<[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]> : tensor<3x2xf32>
  %r0 = call @matmul(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %u0 = tensor.cast %r0 : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u0) : (tensor<*xf32>) -> ()

  %x = ds.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %y = ds.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]> : tensor<2x2x2xf32>
  %r1 = call @batch(%x, %y) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %u1 = tensor.cast %r1 : tensor<2x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()

  %w = ds.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %r2 = call @batch_a(%x, %w) : (tensor<2x2x2xf32>, tensor<2x1xf32>) -> tensor<2x2x1xf32>
  %u2 = tensor.cast %r2 : tensor<2x2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()

  %v = ds.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %r3 = call @vector(%v, %b) : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %u3 = tensor.cast %r3 : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%u3) : (tensor<*xf32>) -> ()

  %ga = ds.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %gb = ds.constant dense<[[1.0, 0.0, 1.0], [0.0, 1.0, -1.0]]> : tensor<2x3xf32>
  %gc = ds.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %r4 = call @gemm(%ga, %gb, %gc) : (tensor<3x2xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %u4 = tensor.cast %r4 : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u4) : (tensor<*xf32>) -> ()
  return
}
