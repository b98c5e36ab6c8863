// RUN: ds-opt %s --split-input-file --canonicalize --cse | FileCheck %s

// Random ops are never merged: each one draws its own values.
// CHECK-LABEL: func.func @not_merged
// CHECK: %[[A:.*]] = ds.random_normal {dtype = f32, seed = 1.000000e+00 : f32, shape = array<i64: 2>}
// CHECK: %[[B:.*]] = ds.random_normal {dtype = f32, seed = 1.000000e+00 : f32, shape = array<i64: 2>}
// CHECK: %[[C:.*]] = ds.random_uniform_like %arg0
// CHECK: %[[D:.*]] = ds.random_uniform_like %arg0
// CHECK: %[[E:.*]] = ds.bernoulli %arg0
// CHECK: %[[F:.*]] = ds.bernoulli %arg0
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
func.func @not_merged(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = ds.random_normal {dtype = f32, seed = 1.0 : f32, shape = array<i64: 2>} : () -> tensor<2xf32>
  %1 = ds.random_normal {dtype = f32, seed = 1.0 : f32, shape = array<i64: 2>} : () -> tensor<2xf32>
  %2 = ds.random_uniform_like %x : (tensor<2xf32>) -> tensor<2xf32>
  %3 = ds.random_uniform_like %x : (tensor<2xf32>) -> tensor<2xf32>
  %4 = ds.bernoulli %x : (tensor<2xf32>) -> tensor<2xf32>
  %5 = ds.bernoulli %x : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// An unused random op is dead.
// CHECK-LABEL: func.func @dead
// CHECK-NOT: ds.random
// CHECK-NOT: ds.multinomial
// CHECK: return
func.func @dead(%x: tensor<2x3xf32>) {
  %0 = ds.random_normal {dtype = f32, shape = array<i64: 2>} : () -> tensor<2xf32>
  %1 = ds.random_uniform_like %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = ds.multinomial %x {dtype = i32} : (tensor<2x3xf32>) -> tensor<2x1xi32>
  return
}

// -----

// Distributions with a single value fold to constants.
// CHECK-LABEL: func.func @single_value
// CHECK-DAG: %[[N:.*]] = ds.constant dense<3.000000e+00> : tensor<2x3xf32>
// CHECK-DAG: %[[U:.*]] = ds.constant dense<-1.000000e+00> : tensor<4xf16>
// CHECK-DAG: %[[NL:.*]] = ds.constant dense<5.000000e-01> : tensor<2xf64>
// CHECK-DAG: %[[UL:.*]] = ds.constant dense<2.000000e+00> : tensor<2xf32>
// CHECK-DAG: %[[M:.*]] = ds.constant dense<0> : tensor<2x4xi64>
// CHECK: %[[DYN:.*]] = ds.random_uniform_like %arg1
// CHECK: return %[[N]], %[[U]], %[[NL]], %[[UL]], %[[M]], %[[DYN]]
func.func @single_value(%x: tensor<2xf32>, %y: tensor<?xf32>, %l: tensor<2x1xf32>) -> (tensor<2x3xf32>, tensor<4xf16>, tensor<2xf64>, tensor<2xf32>, tensor<2x4xi64>, tensor<?xf32>) {
  %0 = ds.random_normal {dtype = f32, mean = 3.0 : f32, scale = 0.0 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  %1 = ds.random_uniform {dtype = f16, low = -1.0 : f32, high = -1.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf16>
  %2 = ds.random_normal_like %x {dtype = f64, mean = 0.5 : f32, scale = 0.0 : f32} : (tensor<2xf32>) -> tensor<2xf64>
  %3 = ds.random_uniform_like %x {low = 2.0 : f32, high = 2.0 : f32} : (tensor<2xf32>) -> tensor<2xf32>
  %4 = ds.multinomial %l {dtype = i64, sample_size = 4 : i64} : (tensor<2x1xf32>) -> tensor<2x4xi64>
  %5 = ds.random_uniform_like %y {low = 2.0 : f32, high = 2.0 : f32} : (tensor<?xf32>) -> tensor<?xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<4xf16>, tensor<2xf64>, tensor<2xf32>, tensor<2x4xi64>, tensor<?xf32>
}

// -----

// Bernoulli with certain probabilities.
// CHECK-LABEL: func.func @bernoulli_certain
// CHECK-DAG: %[[T:.*]] = ds.constant dense<true> : tensor<3xi1>
// CHECK-DAG: %[[Z:.*]] = ds.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: %[[R:.*]] = ds.bernoulli %{{.*}} : (tensor<3xf32>) -> tensor<3xf32>
// CHECK: return %[[T]], %[[Z]], %[[R]]
func.func @bernoulli_certain() -> (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) {
  %one = ds.constant dense<1.0> : tensor<3xf32>
  %zero = ds.constant dense<0.0> : tensor<3xf32>
  %half = ds.constant dense<0.5> : tensor<3xf32>
  %0 = ds.bernoulli %one {dtype = i1} : (tensor<3xf32>) -> tensor<3xi1>
  %1 = ds.bernoulli %zero : (tensor<3xf32>) -> tensor<3xf32>
  %2 = ds.bernoulli %half : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xf32>, tensor<3xf32>
}

// -----

// A dtype equal to the input's element type is dropped.
// CHECK-LABEL: func.func @redundant_dtype
// CHECK: ds.random_normal_like %arg0 : (tensor<2xf32>) -> tensor<2xf32>
// CHECK: ds.random_uniform_like %arg0 {seed = 4.000000e+00 : f32} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK: ds.bernoulli %arg0 : (tensor<2xf32>) -> tensor<2xf32>
// CHECK: ds.bernoulli %arg0 {dtype = f16} : (tensor<2xf32>) -> tensor<2xf16>
func.func @redundant_dtype(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf16>) {
  %0 = ds.random_normal_like %x {dtype = f32} : (tensor<2xf32>) -> tensor<2xf32>
  %1 = ds.random_uniform_like %x {dtype = f32, seed = 4.0 : f32} : (tensor<2xf32>) -> tensor<2xf32>
  %2 = ds.bernoulli %x {dtype = f32} : (tensor<2xf32>) -> tensor<2xf32>
  %3 = ds.bernoulli %x {dtype = f16} : (tensor<2xf32>) -> tensor<2xf16>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf16>
}
