// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// RandomNormal: one parallel linalg.generic over the result; the counter is
// the row-major index from linalg.index; SplitMix64 mixes it with the key
// (the constants are those of the generator); Box-Muller on the two halves.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @normal
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel"]} outs(%[[E]] : tensor<2x3xf32>)
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[I1:.*]] = linalg.index 1 : index
// CHECK: %[[ROW:.*]] = arith.muli %[[I0]], %c3 : index
// CHECK: %[[N:.*]] = arith.addi %[[ROW]], %[[I1]] : index
// CHECK: %[[N64:.*]] = arith.index_castui %[[N]] : index to i64
// CHECK: arith.muli %[[N64]], %c-7046029254386353131_i64 : i64
// CHECK: arith.shrui %{{.*}}, %c30_i64
// CHECK: arith.muli %{{.*}}, %c-4658895280553007687_i64
// CHECK: arith.shrui %{{.*}}, %c27_i64
// CHECK: arith.muli %{{.*}}, %c-7723592293110705685_i64
// CHECK: arith.shrui %{{.*}}, %c31_i64
// CHECK: math.log
// CHECK: math.sqrt
// CHECK: math.cos
// CHECK-NOT: ds.random_normal
func.func @normal() -> tensor<2x3xf32> {
  %0 = ds.random_normal {dtype = f32, mean = 0.0 : f32, scale = 2.0 : f32, seed = 7.0 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The same seed gives the same key: equal values; another seed, another key.
// CHECK-LABEL: func.func @seeds
// CHECK: arith.addi %{{.*}}, %[[K:c-?[0-9]+_i64]] : i64
// CHECK: linalg.generic
// CHECK: arith.addi %{{.*}}, %[[K]] : i64
// CHECK: linalg.generic
// CHECK-NOT: arith.addi %{{.*}}, %[[K]] : i64
// CHECK: linalg.yield
func.func @seeds() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = ds.random_uniform {dtype = f32, high = 1.0 : f32, low = 0.0 : f32, seed = 1.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  %1 = ds.random_uniform {dtype = f32, high = 1.0 : f32, low = 0.0 : f32, seed = 1.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  %2 = ds.random_uniform {dtype = f32, high = 1.0 : f32, low = 0.0 : f32, seed = 2.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Unseeded ops: keys from the function's name and the ops' order, so that
// two identical ops draw different values.
// CHECK-LABEL: func.func @unseeded
// CHECK: arith.addi %{{.*}}, %[[K:c-?[0-9]+_i64]] : i64
// CHECK: linalg.generic
// CHECK-NOT: arith.addi %{{.*}}, %[[K]] : i64
// CHECK: linalg.yield
// CHECK-NOT: ds_random_ordinal
func.func @unseeded() -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = ds.random_uniform {dtype = f32, high = 1.0 : f32, low = 0.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  %1 = ds.random_uniform {dtype = f32, high = 1.0 : f32, low = 0.0 : f32, shape = array<i64: 4>} : () -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// RandomUniformLike with a dynamic size: the size from tensor.dim of the
// input (whose values are not read); f16 takes the top 11 bits (2^-11).
// CHECK-LABEL: func.func @uniform_like
// CHECK: %[[D:.*]] = tensor.dim %arg0, %c0 : tensor<?x8xi64>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x8xf16>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?x8xf16>)
// CHECK: arith.shrui %{{.*}}, %c53_i64 : i64
// CHECK: arith.uitofp %{{.*}} : i64 to f32
// CHECK: arith.mulf %{{.*}}, %cst{{.*}} : f32
// CHECK: %[[T:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @uniform_like(%x: tensor<?x8xi64>) -> tensor<?x8xf16> {
  %0 = ds.random_uniform_like %x {dtype = f16, low = -1.0 : f32, high = 1.0 : f32} : (tensor<?x8xi64>) -> tensor<?x8xf16>
  return %0 : tensor<?x8xf16>
}

// -----

// Bernoulli: u < p, as the unsigned dtype.
// CHECK-LABEL: func.func @bernoulli
// CHECK: linalg.generic {{.*}} ins(%arg0 : tensor<?x3xf32>) outs(%{{.*}} : tensor<?x3xui8>)
// CHECK: ^bb0(%[[P:.*]]: f32, %{{.*}}: ui8):
// CHECK: arith.shrui %{{.*}}, %c40_i64 : i64
// CHECK: %[[HIT:.*]] = arith.cmpf olt, %{{.*}}, %[[P]] : f32
// CHECK: %[[B:.*]] = arith.extui %[[HIT]] : i1 to i8
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[B]] : i8 to ui8
// CHECK: linalg.yield %[[U]] : ui8
func.func @bernoulli(%p: tensor<?x3xf32>) -> tensor<?x3xui8> {
  %0 = ds.bernoulli %p {dtype = ui8, seed = 1.0 : f32} : (tensor<?x3xf32>) -> tensor<?x3xui8>
  return %0 : tensor<?x3xui8>
}

// -----

// Multinomial: the row maximum and the sum of the weights exp(x - max)
// (reductions), a target per sample, then the running sum over the classes
// (a reduction dimension carrying the sum and the chosen class).
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @multinomial
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[ROW]], #[[X]]], iterator_types = ["parallel", "parallel"]}
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[X]]], iterator_types = ["parallel", "parallel"]}
// CHECK: arith.index_castui
// CHECK: %[[LAST:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[CHOSEN:.*]] = linalg.fill ins(%[[LAST]] : i64)
// CHECK: %[[SCAN:.*]]:2 = linalg.generic {indexing_maps = [#[[W]], #[[S]], #[[S]], #[[S]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%{{.*}}, %[[CHOSEN]] : tensor<?x5xf32>, tensor<?x5xi64>)
// CHECK: %[[AFTER:.*]] = arith.addf
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: linalg.index 2
// CHECK: %[[NEXT:.*]] = arith.select
// CHECK: linalg.yield %[[AFTER]], %[[NEXT]] : f32, i64
// CHECK: return %[[SCAN]]#1
func.func @multinomial(%l: tensor<?x10xf32>) -> tensor<?x5xi64> {
  %0 = ds.multinomial %l {dtype = i64, sample_size = 5 : i64} : (tensor<?x10xf32>) -> tensor<?x5xi64>
  return %0 : tensor<?x5xi64>
}
