// The ds-lower-to-llvm pipeline (shape inference, canonicalization, the
// lowering to linalg, bufferization with deallocation, loops, LLVM) on a
// function with a dynamic batch, run in mlir-runner. Expected values,
// computed independently: relu(x * 2 - 1) where x = [[0, 1, 2], [3, -4, 0.5]]
// gives [[0, 1, 3], [5, 0, 0]]; the comparison x > 0.75 as 0/1 floats
// through where gives [[0, 1, 1], [1, 0, 0]].
// RUN: ds-opt %s --pass-pipeline='builtin.module(ds-lower-to-llvm)' \
// RUN: | %mlir_runner -e main -entry-point-result=void -shared-libs=%runner_utils_lib,%c_runner_utils_lib | FileCheck %s

// CHECK: sizes = [2, 3]
// CHECK-NEXT: {{\[}}[0, 1, 3],
// CHECK-NEXT: [5, 0, 0]]
// CHECK: sizes = [2, 3]
// CHECK-NEXT: {{\[}}[0, 1, 1],
// CHECK-NEXT: [1, 0, 0]]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @compute(%x: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %two = ds.constant dense<2.0> : tensor<f32>
  %one = ds.constant dense<1.0> : tensor<3xf32>
  %m = ds.mul %x, %two : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
  %s = ds.sub %m, %one : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %r = ds.relu %s : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %t = ds.constant dense<0.75> : tensor<f32>
  %c = ds.greater %x, %t : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xi1>
  %zero = ds.constant dense<0.0> : tensor<f32>
  %w = ds.where %c, %one, %zero : (tensor<?x3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<?x3xf32>
  return %r, %w : tensor<?x3xf32>, tensor<?x3xf32>
}

func.func @main() {
  %x = ds.constant dense<[[0.0, 1.0, 2.0], [3.0, -4.0, 0.5]]> : tensor<2x3xf32>
  %d = tensor.cast %x : tensor<2x3xf32> to tensor<?x3xf32>
  %r:2 = call @compute(%d) : (tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>)
  %u = tensor.cast %r#0 : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  %v = tensor.cast %r#1 : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
  return
}
