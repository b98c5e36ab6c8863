// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// Softmax: the maximum along the axis, exp(x - max), their sum, a division.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: %[[MAX:.*]] = linalg.reduce ins(%arg0 : tensor<?x10xf32>) outs(%{{.*}} : tensor<?xf32>) dimensions = [1]
// CHECK: arith.maximumf
// CHECK: %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0, %[[MAX]] : tensor<?x10xf32>, tensor<?xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%[[EXP]] : tensor<?x10xf32>) outs(%{{.*}} : tensor<?xf32>) dimensions = [1]
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], {{.*}} ins(%[[EXP]], %[[SUM]] : tensor<?x10xf32>, tensor<?xf32>)
// CHECK: arith.divf
// CHECK-NOT: ds.softmax
func.func @softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = ds.softmax %x {axis = -1 : i64} : (tensor<?x10xf32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// LogSoftmax over a leading axis: (x - max) - log(sum(exp(x - max))).
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @log_softmax
// CHECK: %[[MAX:.*]] = linalg.reduce ins(%arg0 : tensor<4x3xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0]
// CHECK: %[[EXP:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%[[EXP]] : tensor<4x3xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0]
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[COL]], #[[COL]], #{{.*}}], {{.*}} ins(%arg0, %[[MAX]], %[[SUM]] : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.subf
// CHECK: math.log
// CHECK: arith.subf
// CHECK-NOT: ds.log_softmax
func.func @log_softmax(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = ds.log_softmax %x {axis = 0 : i64} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Inference BatchNormalization: one generic reading the parameters by channel.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm
// CHECK: %[[EPS:.*]] = arith.constant 1.000000e-03 : f32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3x4x4xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x3x4x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1, %arg2, %arg3, %arg4 : {{.*}}) outs(%[[E]] : tensor<?x3x4x4xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[SC:.*]]: f32, %[[B:.*]]: f32, %[[M:.*]]: f32, %[[V:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.subf %[[X]], %[[M]]
// CHECK: %[[VE:.*]] = arith.addf %[[V]], %[[EPS]]
// CHECK: %[[S:.*]] = math.sqrt %[[VE]]
// CHECK: %[[N:.*]] = arith.divf %[[C]], %[[S]]
// CHECK: %[[Y:.*]] = arith.mulf %[[N]], %[[SC]]
// CHECK: arith.addf %[[Y]], %[[B]]
func.func @batch_norm(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<?x3x4x4xf32> {
  %0 = ds.batch_normalization %x, %s, %b, %m, %v {epsilon = 1.0e-03 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// Training mode: the batch statistics over every axis but the channels (a
// sum divided by the count, then the squared deviations), the same
// normalization, and running = previous * momentum + batch * (1 - momentum).
// CHECK-DAG: #[[V:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @batch_norm_training
// CHECK-DAG: %[[REST:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[MOM:.*]] = arith.constant 7.500000e-01 : f32
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3x4xf32>
// CHECK: %[[N:.*]] = arith.muli %[[D]], %{{.*}} : index
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%arg0 : tensor<?x3x4xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0, 2]
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [#[[V]], #[[V]]], {{.*}} ins(%[[SUM]] : tensor<3xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]]], iterator_types = ["reduction", "parallel", "reduction"]} ins(%arg0, %[[MEAN]] : tensor<?x3x4xf32>, tensor<3xf32>)
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<3xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]], {{.*}} ins(%arg0, %[[MEAN]], %[[VAR]], %arg1, %arg2 :
// CHECK: math.sqrt
// CHECK: %[[RM:.*]] = linalg.generic {{.*}} ins(%arg3, %[[MEAN]] : tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT: ^bb0(%[[P:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[K:.*]] = arith.mulf %[[P]], %[[MOM]]
// CHECK-NEXT: %[[A:.*]] = arith.mulf %[[B]], %[[REST]]
// CHECK-NEXT: arith.addf %[[K]], %[[A]]
// CHECK: %[[RV:.*]] = linalg.generic {{.*}} ins(%arg4, %[[VAR]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: return %[[Y]], %[[RM]], %[[RV]]
func.func @batch_norm_training(%x: tensor<?x3x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0:3 = ds.batch_normalization %x, %s, %b, %m, %v {training_mode = true, momentum = 0.75 : f32} : (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1, %0#2 : tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// LayerNormalization over the last two axes: the mean, the variance as a
// reduction of squared deviations, then the normalization with the scale
// broadcast along its size-1 dimension and no bias.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[SC:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-LABEL: func.func @layer_norm
// CHECK: %[[N:.*]] = arith.constant 1.200000e+01 : f32
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2xf32>) dimensions = [1, 2]
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK: arith.divf %{{.*}}, %[[N]]
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%arg0, %[[MEAN]] : tensor<2x3x4xf32>, tensor<2xf32>)
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<2xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[SC]], #[[ID]]], {{.*}} ins(%arg0, %[[MEAN]], %[[VAR]], %arg1 :
// CHECK: %[[S:.*]] = math.sqrt
// CHECK: %[[INV:.*]] = arith.divf %{{.*}}, %[[S]]
// CHECK: %[[NORM:.*]] = arith.mulf %{{.*}}, %[[INV]]
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[NORM]], %{{.*}}
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @layer_norm(%x: tensor<2x3x4xf32>, %s: tensor<1x4xf32>) -> tensor<2x3x4xf32> {
  %0 = ds.layer_normalization %x, %s {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<1x4xf32>) -> (tensor<2x3x4xf32>)
  return %0 : tensor<2x3x4xf32>
}

// -----

// f16 with the default f32 stash type and the statistics results: the
// statistics in f32, the normalized value rounded to f16 before the scale;
// mean and 1 / sqrt(var + epsilon) get the normalized axis back as size 1.
// CHECK-LABEL: func.func @layer_norm_stats_f16
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[N:.*]] = arith.constant 4.000000e+00 : f32
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%arg0 : tensor<2x4xf16>) outs(%{{.*}} : tensor<2xf32>) dimensions = [1]
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} ins(%arg0, %[[MEAN]] : tensor<2x4xf16>, tensor<2xf32>)
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<2xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%arg0, %[[MEAN]], %[[VAR]], %arg1 : tensor<2x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<4xf16>) outs(%{{.*}} : tensor<2x4xf16>)
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK-NEXT: arith.mulf %[[R]], %{{.*}} : f16
// CHECK: %[[ISD:.*]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<2xf32>)
// CHECK: math.sqrt
// CHECK: arith.divf %[[ONE]]
// CHECK: %[[M1:.*]] = tensor.expand_shape %[[MEAN]] {{\[\[}}0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
// CHECK: %[[I1:.*]] = tensor.expand_shape %[[ISD]] {{\[\[}}0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
// CHECK: return %[[Y]], %[[M1]], %[[I1]]
func.func @layer_norm_stats_f16(%h: tensor<2x4xf16>, %hs: tensor<4xf16>) -> (tensor<2x4xf16>, tensor<2x1xf32>, tensor<2x1xf32>) {
  %y, %m, %i = ds.layer_normalization %h, %hs : (tensor<2x4xf16>, tensor<4xf16>) -> (tensor<2x4xf16>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %y, %m, %i : tensor<2x4xf16>, tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// GroupNormalization: x viewed as N x G x C/G x D, the statistics over the
// last two dimensions, the scale and bias viewed as G x C/G, and the result
// collapsed back.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NG:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG: #[[GC:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @group_norm_dynamic
// CHECK: %[[N:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x4x?xf32>
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x4x?xf32>
// CHECK: %[[X:.*]] = tensor.expand_shape %arg0 {{\[\[}}0], [1, 2], [3]] output_shape [%[[N]], 2, 2, %[[D]]] : tensor<?x4x?xf32> into tensor<?x2x2x?xf32>
// CHECK: %[[S:.*]] = tensor.expand_shape %arg1 {{\[\[}}0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
// CHECK: %[[B:.*]] = tensor.expand_shape %arg2 {{\[\[}}0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%[[X]] : tensor<?x2x2x?xf32>) outs(%{{.*}} : tensor<?x2xf32>) dimensions = [2, 3]
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[NG]], #[[NG]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: %[[VAR:.*]] = linalg.generic
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[NG]], #[[NG]], #[[GC]], #[[GC]], #[[ID]]], {{.*}} ins(%[[X]], %[[MEAN]], %[[VAR]], %[[S]], %[[B]] :
// CHECK: tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2], [3]] : tensor<?x2x2x?xf32> into tensor<?x4x?xf32>
func.func @group_norm_dynamic(%x: tensor<?x4x?xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<?x4x?xf32> {
  %0 = ds.group_normalization %x, %s, %b {num_groups = 2 : i64} : (tensor<?x4x?xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x?xf32>
  return %0 : tensor<?x4x?xf32>
}

// -----

// InstanceNormalization of f16: the statistics over the spatial axes in
// f32, the per-channel scale and bias in f16.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[NC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @instance_norm
// CHECK: linalg.reduce ins(%arg0 : tensor<2x3x?xf16>) outs(%{{.*}} : tensor<2x3xf32>) dimensions = [2]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[NC]], #[[NC]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[NC]], #[[NC]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @instance_norm(%x: tensor<2x3x?xf16>, %s: tensor<3xf16>, %b: tensor<3xf16>) -> tensor<2x3x?xf16> {
  %0 = ds.instance_normalization %x, %s, %b : (tensor<2x3x?xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<2x3x?xf16>
  return %0 : tensor<2x3x?xf16>
}

// -----

// Hardmax: the index of the first maximum (a NaN wins and stays), then 1
// where the index along the axis matches it.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @hardmax
// CHECK: %[[AM:.*]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<?x5xf32>)
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf uno
// CHECK: arith.cmpf ord
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[AM]]#1 : tensor<?xi64>) outs(%{{.*}} : tensor<?x5xf32>)
// CHECK: %[[I:.*]] = linalg.index 1
// CHECK: %[[J:.*]] = arith.index_cast %[[I]]
// CHECK: %[[HIT:.*]] = arith.cmpi eq, %[[J]]
// CHECK: arith.select %[[HIT]]
func.func @hardmax(%x: tensor<?x5xf32>) -> tensor<?x5xf32> {
  %0 = ds.hardmax %x {axis = 1 : i64} : (tensor<?x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// L1 normalization along a leading axis with a dynamic size: the sum of
// |x|, then x / norm, 0 where the norm is 0.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @lp_norm_l1
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[S:.*]] = linalg.reduce ins(%arg0 : tensor<3x?xf32>) outs(%{{.*}} : tensor<?xf32>) dimensions = [0]
// CHECK: math.absf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], {{.*}} ins(%arg0, %[[S]] : tensor<3x?xf32>, tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[NRM:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ISZ:.*]] = arith.cmpf oeq, %[[NRM]], %[[Z]]
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[X]], %[[NRM]]
// CHECK-NEXT: arith.select %[[ISZ]], %[[Z]], %[[Q]]
func.func @lp_norm_l1(%x: tensor<3x?xf32>) -> tensor<3x?xf32> {
  %0 = ds.lp_normalization %x {axis = 0 : i64, p = 1 : i64} : (tensor<3x?xf32>) -> tensor<3x?xf32>
  return %0 : tensor<3x?xf32>
}

// -----

// L2 normalization takes the square root of the sum of squares.
// CHECK-LABEL: func.func @lp_norm_l2
// CHECK: linalg.reduce
// CHECK: arith.mulf
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: arith.divf
func.func @lp_norm_l2(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = ds.lp_normalization %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
