// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// A sum without keepdims: a linalg.reduce into a zero fill.
// CHECK-LABEL: func.func @sum_drop
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x5xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4x5xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<4x3x5xf32>) outs(%[[F]] : tensor<4x5xf32>) dimensions = [1]
// CHECK: arith.addf
// CHECK: return %[[R]]
// CHECK-NOT: ds.reduce_sum
func.func @sum_drop(%x: tensor<4x3x5xf32>) -> tensor<4x5xf32> {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<4x3x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Max with keepdims over a negative axis and a dynamic batch: -inf init, the
// kept dimension's size from tensor.dim, and an expand_shape back to rank 2.
// CHECK-LABEL: func.func @max_keep_dynamic
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[NI]] : f32) outs(%[[E]] : tensor<?xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<?x3xf32>) outs(%[[F]] : tensor<?xf32>) dimensions = [1]
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[R]] {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xf32> into tensor<?x1xf32>
func.func @max_keep_dynamic(%x: tensor<?x3xf32>) -> tensor<?x1xf32> {
  %0 = ds.reduce_max %x {axes = array<i64: -1>} : (tensor<?x3xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// Min over the outer axes: +inf init; the leading reduced axis joins the
// group of the kept one, the trailing one the last group.
// CHECK-LABEL: func.func @min_outer
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.reduce ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0, 2]
// CHECK: arith.minimumf
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
func.func @min_outer(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = ds.reduce_min %x {axes = array<i64: 0, 2>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// A mean without axes reduces every axis and divides by the element count;
// keepdims expands the 0-d result.
// CHECK-LABEL: func.func @mean_all
// CHECK: %[[N:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<2x3xf32>) outs(%{{.*}} : tensor<f32>) dimensions = [0, 1]
// CHECK: %[[M:.*]] = linalg.generic {{.*}} ins(%[[R]] : tensor<f32>)
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
// CHECK: tensor.expand_shape %[[M]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @mean_all(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = ds.reduce_mean %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// A mean over a dynamic axis counts its size at run time.
// CHECK-LABEL: func.func @mean_dynamic
// CHECK: linalg.reduce
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<2x?xf32>
// CHECK: %[[I:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[N:.*]] = arith.uitofp %[[I]] : i64 to f32
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
func.func @mean_dynamic(%x: tensor<2x?xf32>) -> tensor<2xf32> {
  %0 = ds.reduce_mean %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x?xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Without axes, noop_with_empty_axes makes the op its input.
// CHECK-LABEL: func.func @noop
// CHECK-NEXT: return %arg0
func.func @noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = ds.reduce_sum %x {noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// An integer product: a muli into a fill of 1.
// CHECK-LABEL: func.func @prod_int
// CHECK: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ONE]] : i32) outs(%{{.*}} : tensor<2xi32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<2x3xi32>) outs(%[[F]] : tensor<2xi32>) dimensions = [1]
// CHECK-NEXT: (%[[IN:.*]]: i32, %[[ACC:.*]]: i32) {
// CHECK-NEXT: %[[M:.*]] = arith.muli %[[IN]], %[[ACC]] : i32
// CHECK-NEXT: linalg.yield %[[M]] : i32
// CHECK: return %[[R]]
func.func @prod_int(%x: tensor<2x3xi32>) -> tensor<2xi32> {
  %0 = ds.reduce_prod %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// Integer max and min start from the extreme integers.
// CHECK-LABEL: func.func @max_min_int
// CHECK-DAG: %[[MAXI:.*]] = arith.constant 127 : i8
// CHECK-DAG: %[[MINI:.*]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[MINI]] : i8)
// CHECK: linalg.reduce
// CHECK: arith.maxsi
// CHECK: linalg.fill ins(%[[MAXI]] : i8)
// CHECK: linalg.reduce
// CHECK: arith.minsi
func.func @max_min_int(%x: tensor<4xi8>) -> (tensor<i8>, tensor<i8>) {
  %0 = ds.reduce_max %x {keepdims = false} : (tensor<4xi8>) -> tensor<i8>
  %1 = ds.reduce_min %x {keepdims = false} : (tensor<4xi8>) -> tensor<i8>
  return %0, %1 : tensor<i8>, tensor<i8>
}

// -----

// L2 of f16 over a dynamic batch: squares accumulate in f32, then sqrt and
// one rounding to f16.
// CHECK-DAG: #[[V:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @l2_f16_dynamic
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf16>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<?xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<?x3xf16>) outs(%[[F]] : tensor<?xf32>) dimensions = [1]
// CHECK-NEXT: (%[[IN:.*]]: f16, %[[ACC:.*]]: f32) {
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[W]], %[[W]] : f32
// CHECK-NEXT: arith.addf %[[SQ]], %[[ACC]] : f32
// CHECK: %[[N:.*]] = linalg.generic {indexing_maps = [#[[V]], #[[V]]], iterator_types = ["parallel"]} ins(%[[R]] : tensor<?xf32>) outs(%{{.*}} : tensor<?xf16>)
// CHECK: math.sqrt %{{.*}} : f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: tensor.expand_shape %[[N]] {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xf16> into tensor<?x1xf16>
func.func @l2_f16_dynamic(%x: tensor<?x3xf16>) -> tensor<?x1xf16> {
  %0 = ds.reduce_l2 %x {axes = array<i64: 1>} : (tensor<?x3xf16>) -> tensor<?x1xf16>
  return %0 : tensor<?x1xf16>
}

// -----

// L1 maps each element through absf; SumSquare through a square; LogSum
// takes the log of the sum.
// CHECK-LABEL: func.func @l1_sum_square_log_sum
// CHECK: linalg.reduce
// CHECK: math.absf
// CHECK: arith.addf
// CHECK: linalg.reduce
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: linalg.reduce
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: math.log
func.func @l1_sum_square_log_sum(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = ds.reduce_l1 %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = ds.reduce_sum_square %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  %2 = ds.reduce_log_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// LogSumExp: the maximum, then the sum of exp(x - shift) with a reduction
// iterator (the shift is the maximum when finite, else 0), then log + shift.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @log_sum_exp
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK-DAG: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[MAX:.*]] = linalg.reduce ins(%arg0 : tensor<2x3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0, %[[MAX]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[A:.*]] = math.absf %[[M]]
// CHECK-NEXT: %[[FIN:.*]] = arith.cmpf one, %[[A]], %[[INF]]
// CHECK-NEXT: %[[SH:.*]] = arith.select %[[FIN]], %[[M]], %[[Z]]
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[X]], %[[SH]]
// CHECK-NEXT: %[[E:.*]] = math.exp %[[D]]
// CHECK-NEXT: arith.addf %[[E]], %[[ACC]]
// CHECK: linalg.generic {{.*}} ins(%[[SUM]], %[[MAX]] : tensor<2xf32>, tensor<2xf32>)
// CHECK: %[[L:.*]] = math.log
// CHECK-NEXT: arith.addf %[[L]]
func.func @log_sum_exp(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = ds.reduce_log_sum_exp %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// An integer mean divides with truncation toward zero.
// CHECK-LABEL: func.func @mean_int
// CHECK: linalg.reduce
// CHECK: arith.addi
// CHECK: linalg.generic
// CHECK: arith.divsi
func.func @mean_int(%x: tensor<2x3xi32>) -> tensor<2xi32> {
  %0 = ds.reduce_mean %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// ArgMax with select_last_index over a dynamic batch: one generic with two
// reduction outputs (the best value from -inf, its index from 0). A NaN
// always wins; a number wins over a number that is not larger.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax_last
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[BEST:.*]] = linalg.fill ins(%[[NI]] : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[IDX:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<?xi64>)
// CHECK: %[[G:.*]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<?x5xf32>) outs(%[[BEST]], %[[IDX]] : tensor<?xf32>, tensor<?xi64>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[B:.*]]: f32, %[[BI:.*]]: i64):
// CHECK-NEXT: %[[GE:.*]] = arith.cmpf oge, %[[X]], %[[B]]
// CHECK-NEXT: %[[NX:.*]] = arith.cmpf uno, %[[X]], %[[X]]
// CHECK: %[[TAKE:.*]] = arith.ori %[[NX]], %{{.*}} : i1
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: arith.select %[[TAKE]], %[[X]], %[[B]] : f32
// CHECK: arith.select %[[TAKE]], %[[I64]], %[[BI]] : i64
// CHECK: tensor.expand_shape %[[G]]#1 {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xi64> into tensor<?x1xi64>
func.func @argmax_last(%x: tensor<?x5xf32>) -> tensor<?x1xi64> {
  %0 = ds.arg_max %x {axis = 1 : i64, select_last_index = true} : (tensor<?x5xf32>) -> tensor<?x1xi64>
  return %0 : tensor<?x1xi64>
}

// -----

// ArgMin on integers: the first strictly smaller value, from the largest
// integer.
// CHECK-LABEL: func.func @argmin_int
// CHECK: arith.constant 2147483647 : i32
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.cmpi slt
// CHECK-NOT: tensor.expand_shape
func.func @argmin_int(%x: tensor<4x3xi32>) -> tensor<3xi64> {
  %0 = ds.arg_min %x {axis = 0 : i64, keepdims = false} : (tensor<4x3xi32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// Unsigned integers are not lowered (arith has no unsigned types).
// CHECK-LABEL: func.func @unsigned
// CHECK: ds.reduce_sum
// CHECK: ds.arg_max
func.func @unsigned(%x: tensor<2x3xui8>) -> (tensor<2xui8>, tensor<2xi64>) {
  %0 = ds.reduce_sum %x {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xui8>) -> tensor<2xui8>
  %1 = ds.arg_max %x {axis = 1 : i64, keepdims = false} : (tensor<2x3xui8>) -> tensor<2xi64>
  return %0, %1 : tensor<2xui8>, tensor<2xi64>
}

// -----

// TopK: k passes of an scf.for carrying the outputs; pass t reads the pick
// of pass t - 1 back from them and picks, in every row at once, the best
// element after it (larger, or equal with a larger index), then writes its
// value and index at position t.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @top_k_dynamic
// CHECK: %[[KV:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xi64>
// CHECK: %[[K:.*]] = arith.index_cast %[[KV]] : i64 to index
// CHECK: %[[V0:.*]] = tensor.empty(%[[K]]) : tensor<3x?xf32>
// CHECK: %[[I0:.*]] = tensor.empty(%[[K]]) : tensor<3x?xi64>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %[[K]] step %{{.*}} iter_args(%[[V:.*]] = %[[V0]], %[[I:.*]] = %[[I0]]) -> (tensor<3x?xf32>, tensor<3x?xi64>)
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[T]]
// CHECK: %[[PV:.*]] = tensor.extract_slice %[[V]][0, %{{.*}}] [3, 1] [1, 1] : tensor<3x?xf32> to tensor<3xf32>
// CHECK: %[[PI:.*]] = tensor.extract_slice %[[I]][0, %{{.*}}] [3, 1] [1, 1] : tensor<3x?xi64> to tensor<3xi64>
// CHECK: %[[PICK:.*]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0, %[[PV]], %[[PI]] : tensor<3x?xf32>, tensor<3xf32>, tensor<3xi64>)
// CHECK: arith.cmpf ogt
// CHECK: arith.ori %[[FIRST]]
// CHECK: linalg.yield
// CHECK: %[[NV:.*]] = tensor.insert_slice %[[PICK]]#0 into %[[V]][0, %[[T]]] [3, 1] [1, 1] : tensor<3xf32> into tensor<3x?xf32>
// CHECK: %[[NI:.*]] = tensor.insert_slice %[[PICK]]#1 into %[[I]][0, %[[T]]] [3, 1] [1, 1] : tensor<3xi64> into tensor<3x?xi64>
// CHECK: scf.yield %[[NV]], %[[NI]]
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @top_k_dynamic(%x: tensor<3x?xf32>, %k: tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>) {
  %v, %i = ds.top_k %x, %k {axis = 1 : i64} : (tensor<3x?xf32>, tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>)
  return %v, %i : tensor<3x?xf32>, tensor<3x?xi64>
}

// -----

// The smallest k of a static shape: the outputs are static; the order
// compares with ordered less-than, NaN last.
// CHECK-LABEL: func.func @top_k_smallest
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: tensor.empty() : tensor<2x4xf32>
// CHECK: scf.for
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.cmpf olt
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[%{{.*}}, 0] [1, 4] [1, 1] : tensor<4xf32> into tensor<2x4xf32>
func.func @top_k_smallest(%x: tensor<5x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xi64>) {
  %k = ds.constant dense<2> : tensor<1xi64>
  %v, %i = ds.top_k %x, %k {axis = 0 : i64, largest = false} : (tensor<5x4xf32>, tensor<1xi64>) -> (tensor<2x4xf32>, tensor<2x4xi64>)
  return %v, %i : tensor<2x4xf32>, tensor<2x4xi64>
}
