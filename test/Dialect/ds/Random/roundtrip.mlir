// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @from_shape
// CHECK: ds.random_normal {dtype = f32, mean = 1.000000e+00 : f32, scale = 2.000000e+00 : f32, seed = 7.000000e+00 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
// CHECK: ds.random_normal {dtype = bf16, shape = array<i64>} : () -> tensor<bf16>
// CHECK: ds.random_uniform {dtype = f16, high = 4.000000e+00 : f32, low = -1.000000e+00 : f32, shape = array<i64: 4, 0>} : () -> tensor<4x0xf16>
// CHECK: ds.random_uniform {dtype = f64, shape = array<i64: 5>} : () -> tensor<5xf64>
func.func @from_shape() -> (tensor<2x3xf32>, tensor<bf16>, tensor<4x0xf16>, tensor<5xf64>) {
  %0 = ds.random_normal {dtype = f32, mean = 1.0 : f32, scale = 2.0 : f32, seed = 7.0 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  %1 = ds.random_normal {dtype = bf16, shape = array<i64>, mean = 0.0 : f32} : () -> tensor<bf16>
  %2 = ds.random_uniform {dtype = f16, high = 4.0 : f32, low = -1.0 : f32, shape = array<i64: 4, 0>} : () -> tensor<4x0xf16>
  %3 = ds.random_uniform {dtype = f64, shape = array<i64: 5>} : () -> tensor<5xf64>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<bf16>, tensor<4x0xf16>, tensor<5xf64>
}

// -----

// CHECK-LABEL: func.func @like
// CHECK: ds.random_normal_like %{{.*}} {dtype = f16, scale = 5.000000e-01 : f32} : (tensor<?x8xi64>) -> tensor<?x8xf16>
// CHECK: ds.random_normal_like %{{.*}} : (tensor<*xf32>) -> tensor<*xf32>
// CHECK: ds.random_uniform_like %{{.*}} {high = 2.000000e+00 : f32, seed = 1.000000e+00 : f32} : (tensor<3xf64>) -> tensor<3xf64>
// CHECK: ds.random_uniform_like %{{.*}} {dtype = f32} : (tensor<2x?xi1>) -> tensor<2x?xf32>
func.func @like(%i: tensor<?x8xi64>, %u: tensor<*xf32>, %d: tensor<3xf64>, %b: tensor<2x?xi1>) -> (tensor<?x8xf16>, tensor<*xf32>, tensor<3xf64>, tensor<2x?xf32>) {
  %0 = ds.random_normal_like %i {dtype = f16, scale = 0.5 : f32} : (tensor<?x8xi64>) -> tensor<?x8xf16>
  %1 = ds.random_normal_like %u : (tensor<*xf32>) -> tensor<*xf32>
  %2 = ds.random_uniform_like %d {high = 2.0 : f32, seed = 1.0 : f32} : (tensor<3xf64>) -> tensor<3xf64>
  %3 = ds.random_uniform_like %b {dtype = f32} : (tensor<2x?xi1>) -> tensor<2x?xf32>
  return %0, %1, %2, %3 : tensor<?x8xf16>, tensor<*xf32>, tensor<3xf64>, tensor<2x?xf32>
}

// -----

// CHECK-LABEL: func.func @bernoulli_multinomial
// CHECK: ds.bernoulli %{{.*}} : (tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK: ds.bernoulli %{{.*}} {dtype = i1, seed = 3.000000e+00 : f32} : (tensor<?x16xf32>) -> tensor<?x16xi1>
// CHECK: ds.bernoulli %{{.*}} {dtype = ui8} : (tensor<?x16xf32>) -> tensor<?x16xui8>
// CHECK: ds.multinomial %{{.*}} {dtype = i32} : (tensor<?x10xf16>) -> tensor<?x1xi32>
// CHECK: ds.multinomial %{{.*}} {dtype = i64, sample_size = 5 : i64, seed = 2.000000e+00 : f32} : (tensor<4x10xf16>) -> tensor<4x5xi64>
func.func @bernoulli_multinomial(%p: tensor<?x16xf32>, %l: tensor<?x10xf16>, %s: tensor<4x10xf16>) -> (tensor<?x16xf32>, tensor<?x16xi1>, tensor<?x16xui8>, tensor<?x1xi32>, tensor<4x5xi64>) {
  %0 = ds.bernoulli %p : (tensor<?x16xf32>) -> tensor<?x16xf32>
  %1 = ds.bernoulli %p {dtype = i1, seed = 3.0 : f32} : (tensor<?x16xf32>) -> tensor<?x16xi1>
  %2 = ds.bernoulli %p {dtype = ui8} : (tensor<?x16xf32>) -> tensor<?x16xui8>
  %3 = ds.multinomial %l {dtype = i32} : (tensor<?x10xf16>) -> tensor<?x1xi32>
  %4 = ds.multinomial %s {dtype = i64, sample_size = 5 : i64, seed = 2.0 : f32} : (tensor<4x10xf16>) -> tensor<4x5xi64>
  return %0, %1, %2, %3, %4 : tensor<?x16xf32>, tensor<?x16xi1>, tensor<?x16xui8>, tensor<?x1xi32>, tensor<4x5xi64>
}
