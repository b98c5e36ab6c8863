// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @random_shapes
// CHECK: ds.random_normal {{.*}} -> tensor<2x3xf32>
// CHECK: ds.random_uniform {{.*}} -> tensor<0x7xf64>
// CHECK: ds.random_normal_like {{.*}} -> tensor<?x8xf16>
// CHECK: ds.random_uniform_like {{.*}} -> tensor<?x8xf32>
// CHECK: ds.random_normal_like {{.*}} -> tensor<*xbf16>
// CHECK: ds.bernoulli {{.*}} -> tensor<4x?xi1>
// CHECK: ds.bernoulli {{.*}} -> tensor<4x?xf16>
// CHECK: ds.multinomial {{.*}} -> tensor<4x3xi64>
// CHECK: ds.multinomial {{.*}} -> tensor<?x1xi32>
func.func @random_shapes(%i: tensor<?x8xi64>, %f: tensor<?x8xf32>, %u: tensor<*xbf16>, %p: tensor<4x?xf16>, %l: tensor<4x10xf32>, %lu: tensor<*xf32>) {
  %0 = ds.random_normal {dtype = f32, shape = array<i64: 2, 3>} : () -> tensor<*xf32>
  %1 = ds.random_uniform {dtype = f64, shape = array<i64: 0, 7>} : () -> tensor<?x?xf64>
  %2 = ds.random_normal_like %i {dtype = f16} : (tensor<?x8xi64>) -> tensor<*xf16>
  %3 = ds.random_uniform_like %f : (tensor<?x8xf32>) -> tensor<*xf32>
  %4 = ds.random_normal_like %u : (tensor<*xbf16>) -> tensor<*xbf16>
  %5 = ds.bernoulli %p {dtype = i1} : (tensor<4x?xf16>) -> tensor<*xi1>
  %6 = ds.bernoulli %p : (tensor<4x?xf16>) -> tensor<*xf16>
  %7 = ds.multinomial %l {dtype = i64, sample_size = 3 : i64} : (tensor<4x10xf32>) -> tensor<*xi64>
  %8 = ds.multinomial %lu {dtype = i32} : (tensor<*xf32>) -> tensor<*xi32>
  return
}
