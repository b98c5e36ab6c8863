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

// Training mode is not lowered.
// CHECK-LABEL: func.func @batch_norm_training
// CHECK: ds.batch_normalization
func.func @batch_norm_training(%x: tensor<8x3x4x4xf32>, %s: tensor<3xf32>) -> tensor<8x3x4x4xf32> {
  %0:3 = ds.batch_normalization %x, %s, %s, %s, %s {training_mode = true} : (tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0#0 : tensor<8x3x4x4xf32>
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
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK-NEXT: linalg.yield
func.func @layer_norm(%x: tensor<2x3x4xf32>, %s: tensor<1x4xf32>) -> tensor<2x3x4xf32> {
  %0 = ds.layer_normalization %x, %s {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<1x4xf32>) -> (tensor<2x3x4xf32>)
  return %0 : tensor<2x3x4xf32>
}

// -----

// With the statistics results, or another stash type, the op stays.
// CHECK-LABEL: func.func @layer_norm_stats
// CHECK: ds.layer_normalization
// CHECK: ds.layer_normalization
func.func @layer_norm_stats(%x: tensor<2x4xf32>, %s: tensor<4xf32>, %h: tensor<2x4xf16>, %hs: tensor<4xf16>) -> (tensor<2x4xf32>, tensor<2x4xf16>) {
  %y, %m, %i = ds.layer_normalization %x, %s : (tensor<2x4xf32>, tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  %z = ds.layer_normalization %h, %hs : (tensor<2x4xf16>, tensor<4xf16>) -> (tensor<2x4xf16>)
  return %y, %z : tensor<2x4xf32>, tensor<2x4xf16>
}
