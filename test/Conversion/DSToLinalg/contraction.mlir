// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// 2-D operands: one linalg.matmul into a zero-filled accumulator.
// CHECK-LABEL: func.func @matmul_2d
// CHECK-DAG: %[[E:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK-DAG: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4x16xf32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[F]] : tensor<4x16xf32>)
// CHECK: return %[[M]]
// CHECK-NOT: ds.matmul
func.func @matmul_2d(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = ds.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Integer products accumulate in the element type.
// CHECK-LABEL: func.func @matmul_i32
// CHECK: arith.constant 0 : i32
// CHECK: linalg.fill
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<2x3xi32>, tensor<3x5xi32>) outs(%{{.*}} : tensor<2x5xi32>)
func.func @matmul_i32(%a: tensor<2x3xi32>, %b: tensor<3x5xi32>) -> tensor<2x5xi32> {
  %0 = ds.matmul %a, %b : (tensor<2x3xi32>, tensor<3x5xi32>) -> tensor<2x5xi32>
  return %0 : tensor<2x5xi32>
}

// -----

// Dynamic rows: sizes come from tensor.dim.
// CHECK-LABEL: func.func @matmul_dynamic
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x8xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x16xf32>
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<?x8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<?x16xf32>)
func.func @matmul_dynamic(%a: tensor<?x8xf32>, %b: tensor<8x16xf32>) -> tensor<?x16xf32> {
  %0 = ds.matmul %a, %b : (tensor<?x8xf32>, tensor<8x16xf32>) -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// -----

// A batched `a` against a 2-D `b`: the batch folds into the rows.
// CHECK-LABEL: func.func @matmul_batched_a
// CHECK: %[[C:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2], [3]] : tensor<?x3x4x8xf32> into tensor<?x8xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[C]], %arg1 : tensor<?x8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<?x16xf32>)
// CHECK: %[[X:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1, 2], [3]] output_shape [%{{.*}}, 3, 4, 16] : tensor<?x16xf32> into tensor<?x3x4x16xf32>
// CHECK: return %[[X]]
func.func @matmul_batched_a(%a: tensor<?x3x4x8xf32>, %b: tensor<8x16xf32>) -> tensor<?x3x4x16xf32> {
  %0 = ds.matmul %a, %b : (tensor<?x3x4x8xf32>, tensor<8x16xf32>) -> tensor<?x3x4x16xf32>
  return %0 : tensor<?x3x4x16xf32>
}

// -----

// Equal batch dimensions collapse into one for linalg.batch_matmul.
// CHECK-LABEL: func.func @matmul_batch
// CHECK-DAG: %[[A:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x8xf32> into tensor<6x4x8xf32>
// CHECK-DAG: %[[B:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1], [2], [3]] : tensor<2x3x8x5xf32> into tensor<6x8x5xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x4x5xf32>)
// CHECK: %[[M:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<6x4x8xf32>, tensor<6x8x5xf32>) outs(%[[F]] : tensor<6x4x5xf32>)
// CHECK: %[[X:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 4, 5] : tensor<6x4x5xf32> into tensor<2x3x4x5xf32>
// CHECK: return %[[X]]
func.func @matmul_batch(%a: tensor<2x3x4x8xf32>, %b: tensor<2x3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x3x4x8xf32>, tensor<2x3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// Rank-3 operands need no collapsing.
// CHECK-LABEL: func.func @matmul_batch3
// CHECK-NOT: tensor.collapse_shape
// CHECK: %[[M:.*]] = linalg.batch_matmul ins(%arg0, %arg1 : tensor<2x4x8xf32>, tensor<2x8x5xf32>) outs(%{{.*}} : tensor<2x4x5xf32>)
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[M]]
func.func @matmul_batch3(%a: tensor<2x4x8xf32>, %b: tensor<2x8x5xf32>) -> tensor<2x4x5xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x4x8xf32>, tensor<2x8x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// 1-D `a`: K -> 1xK, and the unit row is collapsed away.
// CHECK-LABEL: func.func @matmul_vector_a
// CHECK: %[[A:.*]] = tensor.expand_shape %arg0 {{\[}}[0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[A]], %arg1 : tensor<1x8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<1x16xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[M]] {{\[}}[0, 1]] : tensor<1x16xf32> into tensor<16xf32>
// CHECK: return %[[R]]
func.func @matmul_vector_a(%a: tensor<8xf32>, %b: tensor<8x16xf32>) -> tensor<16xf32> {
  %0 = ds.matmul %a, %b : (tensor<8xf32>, tensor<8x16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// 1-D `b` against a batched `a`: K -> Kx1, the unit column collapsed.
// CHECK-LABEL: func.func @matmul_vector_b
// CHECK: %[[B:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1]] output_shape [8, 1] : tensor<8xf32> into tensor<8x1xf32>
// CHECK: %[[A:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2]] : tensor<3x4x8xf32> into tensor<12x8xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<12x8xf32>, tensor<8x1xf32>) outs(%{{.*}} : tensor<12x1xf32>)
// CHECK: %[[X:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2]] output_shape [3, 4, 1] : tensor<12x1xf32> into tensor<3x4x1xf32>
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2]] : tensor<3x4x1xf32> into tensor<3x4xf32>
// CHECK: return %[[R]]
func.func @matmul_vector_b(%a: tensor<3x4x8xf32>, %b: tensor<8xf32>) -> tensor<3x4xf32> {
  %0 = ds.matmul %a, %b : (tensor<3x4x8xf32>, tensor<8xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// Two 1-D operands: a dot product of rank 0.
// CHECK-LABEL: func.func @matmul_dot
// CHECK: %[[M:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<1x8xf32>, tensor<8x1xf32>) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[M]] [] : tensor<1x1xf32> into tensor<f32>
// CHECK: return %[[R]]
func.func @matmul_dot(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<f32> {
  %0 = ds.matmul %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Batch dimensions that broadcast: the operands are broadcast to the common
// batch sizes first, then batch_matmul. With a dynamic batch size against
// a static 2, the run time picks index 0 where that size is 1.
// CHECK-LABEL: func.func @matmul_broadcast_dynamic
// CHECK: %[[N:.*]] = tensor.dim %arg1, %{{.*}} : tensor<?x8x5xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x8x5xf32>)
// CHECK: arith.cmpi eq, %[[N]]
// CHECK: linalg.batch_matmul
// CHECK-LABEL: func.func @matmul_broadcast_batch
// CHECK: %[[B:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x8x5xf32>)
// CHECK: linalg.batch_matmul ins(%{{.*}}, %[[B]] : tensor<2x4x8xf32>, tensor<2x8x5xf32>)
func.func @matmul_broadcast_dynamic(%a: tensor<2x4x8xf32>, %b: tensor<?x8x5xf32>) -> tensor<2x4x5xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x4x8xf32>, tensor<?x8x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}
func.func @matmul_broadcast_batch(%a: tensor<2x4x8xf32>, %b: tensor<1x8x5xf32>) -> tensor<2x4x5xf32> {
  %0 = ds.matmul %a, %b : (tensor<2x4x8xf32>, tensor<1x8x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// Gemm without C and scaling is the matmul alone.
// CHECK-LABEL: func.func @gemm_plain
// CHECK: %[[M:.*]] = linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[M]]
func.func @gemm_plain(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = ds.gemm %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Transposes are the matmul's indexing maps; alpha and beta * C (a row
// broadcast to every row) are applied in place on the product.
// CHECK-DAG: #[[TA:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[TB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm_full
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[BETA:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<64x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x128xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x128xf32>)
// CHECK: %[[M:.*]] = linalg.matmul indexing_maps = [#[[TA]], #[[TB]], #[[MN]]] ins(%arg0, %arg1 : tensor<64x?xf32>, tensor<128x64xf32>) outs(%[[F]] : tensor<?x128xf32>)
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg2 : tensor<128xf32>) outs(%[[M]] : tensor<?x128xf32>)
// CHECK: ^bb0(%[[C:[a-z0-9_]+]]: f32, %[[P:[a-z0-9_]+]]: f32):
// CHECK: %[[SP:.*]] = arith.mulf %[[P]], %[[ALPHA]]
// CHECK: %[[SC:.*]] = arith.mulf %[[C]], %[[BETA]]
// CHECK: %[[S:.*]] = arith.addf %[[SP]], %[[SC]]
// CHECK: linalg.yield %[[S]]
// CHECK: return %[[G]]
func.func @gemm_full(%a: tensor<64x?xf32>, %b: tensor<128x64xf32>, %c: tensor<128xf32>) -> tensor<?x128xf32> {
  %0 = ds.gemm %a, %b, %c {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true}
      : (tensor<64x?xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  return %0 : tensor<?x128xf32>
}

// -----

// A column C (Mx1) broadcasts along N; beta = 1 needs no multiply.
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @gemm_column_bias
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x16xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[COL]], #{{[a-z0-9]+}}]
// CHECK-NOT: arith.mulf
// CHECK: arith.addf
func.func @gemm_column_bias(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x1xf32>) -> tensor<4x16xf32> {
  %0 = ds.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// A scalar C: an empty indexing map.
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @gemm_scalar_bias
// CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #{{[a-z0-9]+}}]
// CHECK-SAME: ins(%arg2 : tensor<f32>)
func.func @gemm_scalar_bias(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<f32>) -> tensor<4x16xf32> {
  %0 = ds.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<f32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Integer gemm with scaling stays unlowered.
// CHECK-LABEL: func.func @gemm_int_alpha
// CHECK: ds.gemm
// CHECK-NOT: linalg.matmul
func.func @gemm_int_alpha(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>) -> tensor<4x16xi32> {
  %0 = ds.gemm %a, %b {alpha = 2.000000e+00 : f32} : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

// Dynamic batch dimensions on both sides are taken to be equal (the
// elementwise lowering's rule for two dynamic sizes).
// CHECK-LABEL: func.func @matmul_dynamic_batch
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x6x16xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x6x6xf32>
// CHECK: linalg.batch_matmul ins(%arg0, %arg1 : tensor<?x6x16xf32>, tensor<?x16x6xf32>) outs(%{{.*}} : tensor<?x6x6xf32>)
func.func @matmul_dynamic_batch(%a: tensor<?x6x16xf32>, %b: tensor<?x16x6xf32>) -> tensor<?x6x6xf32> {
  %0 = ds.matmul %a, %b : (tensor<?x6x16xf32>, tensor<?x16x6xf32>) -> tensor<?x6x6xf32>
  return %0 : tensor<?x6x6xf32>
}
