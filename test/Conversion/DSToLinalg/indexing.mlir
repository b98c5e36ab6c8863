// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// GatherElements: a generic over indices that wraps a negative index around
// the axis size and extracts from data; a dynamic batch size comes from
// indices.
// CHECK-LABEL: func.func @gather_elements
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[D:.*]] = tensor.dim %arg1, %{{.*}} : tensor<?x2xi64>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID:.*]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg1 : tensor<?x2xi64>) outs(%[[E]] : tensor<?x2xf32>)
// CHECK: ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[IX:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[IX]]
// CHECK: %[[W:.*]] = arith.addi %[[IX]], %[[C4]] : index
// CHECK: %[[SEL:.*]] = arith.select %[[NEG]], %[[W]], %[[IX]] : index
// CHECK: tensor.extract %arg0[%[[I0]], %[[SEL]]] : tensor<?x4xf32>
// CHECK-NOT: ds.gather_elements
func.func @gather_elements(%x: tensor<?x4xf32>, %i: tensor<?x2xi64>) -> tensor<?x2xf32> {
  %0 = ds.gather_elements %x, %i {axis = 1 : i64} : (tensor<?x4xf32>, tensor<?x2xi64>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// GatherND with a batch dimension: a generic over the result (no inputs)
// reading the index tuple from indices at [batch, j, 0].
// CHECK-LABEL: func.func @gather_nd_batch
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x5x4xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} outs(%[[E]] : tensor<2x5x4xf32>)
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[K:.*]] = linalg.index 2 : index
// CHECK: %[[T:.*]] = tensor.extract %arg1[%[[B]], %[[J]], %{{.*}}] : tensor<2x5x1xi64>
// CHECK: arith.index_cast %[[T]] : i64 to index
// CHECK: %[[W:.*]] = arith.select
// CHECK: tensor.extract %arg0[%[[B]], %[[W]], %[[K]]] : tensor<2x3x4xf32>
func.func @gather_nd_batch(%x: tensor<2x3x4xf32>, %i: tensor<2x5x1xi64>) -> tensor<2x5x4xf32> {
  %0 = ds.gather_nd %x, %i {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x5x1xi64>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}

// -----

// ScatterND with a reduction: an scf.for over the index tuples carrying the
// result; each slice of the result is combined with the slice of updates
// by a generic and inserted back.
// CHECK-LABEL: func.func @scatter_nd_add
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<4x?xf32>
// CHECK: scf.for %[[IV:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[R:.*]] = %arg0) -> (tensor<4x?xf32>)
// CHECK: tensor.extract %arg1[%[[IV]], %{{.*}}] : tensor<2x1xi64>
// CHECK: %[[POS:.*]] = arith.select
// CHECK: %[[U:.*]] = tensor.extract_slice %arg2[%[[IV]], 0] [1, %[[D]]] [1, 1] : tensor<2x?xf32> to tensor<?xf32>
// CHECK: %[[OLD:.*]] = tensor.extract_slice %[[R]][%[[POS]], 0] [1, %[[D]]] [1, 1] : tensor<4x?xf32> to tensor<?xf32>
// CHECK: %[[NEW:.*]] = linalg.generic {{.*}} ins(%[[U]] : tensor<?xf32>) outs(%[[OLD]] : tensor<?xf32>)
// CHECK: arith.addf
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[NEW]] into %[[R]][%[[POS]], 0] [1, %[[D]]] [1, 1]
// CHECK: scf.yield %[[INS]] : tensor<4x?xf32>
func.func @scatter_nd_add(%x: tensor<4x?xf32>, %i: tensor<2x1xi64>, %u: tensor<2x?xf32>) -> tensor<4x?xf32> {
  %0 = ds.scatter_nd %x, %i, %u {reduction = "add"} : (tensor<4x?xf32>, tensor<2x1xi64>, tensor<2x?xf32>) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

// ScatterND without a reduction: rank-0 slices inserted in order.
// CHECK-LABEL: func.func @scatter_nd_none
// CHECK: scf.for
// CHECK: %[[U:.*]] = tensor.extract_slice %arg2[%{{.*}}] [1] [1] : tensor<3xi32> to tensor<i32>
// CHECK-NOT: linalg.generic
// CHECK: tensor.insert_slice %[[U]] into %{{.*}}[%{{.*}}] [1] [1] : tensor<i32> into tensor<8xi32>
func.func @scatter_nd_none(%x: tensor<8xi32>, %i: tensor<3x1xi64>, %u: tensor<3xi32>) -> tensor<8xi32> {
  %0 = ds.scatter_nd %x, %i, %u : (tensor<8xi32>, tensor<3x1xi64>, tensor<3xi32>) -> tensor<8xi32>
  return %0 : tensor<8xi32>
}

// -----

// ScatterElements: an scf.for over the elements of indices (delinearized);
// unsigned elements combine as signless through casts, with maxui.
// CHECK-LABEL: func.func @scatter_elements_max
// CHECK: %[[D:.*]] = tensor.dim %arg1, %{{.*}} : tensor<?x3xi32>
// CHECK: %[[N:.*]] = arith.muli %[[D]], %{{.*}} : index
// CHECK: scf.for %[[IV:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[R:.*]] = %arg0) -> (tensor<?x5xui8>)
// CHECK: %[[COL:.*]] = arith.remui %[[IV]]
// CHECK: %[[ROW:.*]] = arith.divui %[[IV]]
// CHECK: tensor.extract %arg1[%[[ROW]], %[[COL]]] : tensor<?x3xi32>
// CHECK: %[[UPD:.*]] = tensor.extract %arg2[%[[ROW]], %[[COL]]] : tensor<?x3xui8>
// CHECK: %[[POS:.*]] = arith.select
// CHECK: %[[OLD:.*]] = tensor.extract %[[R]][%[[ROW]], %[[POS]]] : tensor<?x5xui8>
// CHECK: %[[A:.*]] = builtin.unrealized_conversion_cast %[[OLD]] : ui8 to i8
// CHECK: %[[B:.*]] = builtin.unrealized_conversion_cast %[[UPD]] : ui8 to i8
// CHECK: %[[M:.*]] = arith.maxui %[[A]], %[[B]] : i8
// CHECK: %[[MU:.*]] = builtin.unrealized_conversion_cast %[[M]] : i8 to ui8
// CHECK: tensor.insert %[[MU]] into %[[R]][%[[ROW]], %[[POS]]] : tensor<?x5xui8>
func.func @scatter_elements_max(%x: tensor<?x5xui8>, %i: tensor<?x3xi32>, %u: tensor<?x3xui8>) -> tensor<?x5xui8> {
  %0 = ds.scatter_elements %x, %i, %u {axis = 1 : i64, reduction = "max"} : (tensor<?x5xui8>, tensor<?x3xi32>, tensor<?x3xui8>) -> tensor<?x5xui8>
  return %0 : tensor<?x5xui8>
}

// -----

// Nearest resize by sizes along two axes of dynamic size: one index table
// per axis (a 1-D generic), then one generic gathering through them.
// CHECK-LABEL: func.func @resize_nearest
// CHECK: %[[H:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[HI:.*]] = arith.index_cast %[[H]] : i64 to index
// CHECK: %[[W:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<2xi64>
// CHECK: %[[WI:.*]] = arith.index_cast %[[W]] : i64 to index
// CHECK: %[[TH:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel"]} outs(%{{.*}} : tensor<?xindex>)
// CHECK: math.floor
// CHECK: arith.fptosi
// CHECK: %[[TW:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel"]} outs(%{{.*}} : tensor<?xindex>)
// CHECK: %[[E:.*]] = tensor.empty(%[[HI]], %[[WI]]) : tensor<1x3x?x?xui8>
// CHECK: linalg.generic {indexing_maps = [#[[MH:.*]], #[[MW:.*]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[TH]], %[[TW]] : tensor<?xindex>, tensor<?xindex>) outs(%[[E]] : tensor<1x3x?x?xui8>)
// CHECK: ^bb0(%[[IH:.*]]: index, %[[IW:.*]]: index, %{{.*}}: ui8):
// CHECK: tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[IH]], %[[IW]]] : tensor<1x3x?x?xui8>
func.func @resize_nearest(%x: tensor<1x3x?x?xui8>, %s: tensor<2xi64>) -> tensor<1x3x?x?xui8> {
  %0 = ds.resize %x sizes %s {axes = array<i64: 2, 3>, nearest_mode = "floor", coordinate_transformation_mode = "asymmetric"} : (tensor<1x3x?x?xui8>, tensor<2xi64>) -> tensor<1x3x?x?xui8>
  return %0 : tensor<1x3x?x?xui8>
}

// -----

// Linear resize by constant scales: axes of scale 1 are left out; each
// resized axis has an [out, 2] table of indices and f64 weights, and is
// interpolated in turn (as ONNX's reference, for the same rounding): a
// generic whose reduction iterator sums weight times input over the taps,
// first from the input, then from the f64 intermediate; the result is
// saturated and truncated.
// CHECK-DAG: #[[TH:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d2, d4)>
// CHECK-DAG: #[[TW:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @resize_linear
// CHECK: %[[H:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8x2xindex>, tensor<8x2xf64>)
// CHECK: math.floor
// CHECK: %[[W:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8x2xindex>, tensor<8x2xf64>)
// CHECK: %[[Z1:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<1x3x8x4xf64>)
// CHECK: %[[P1:.*]] = linalg.generic {indexing_maps = [#[[TH]], #[[TH]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[H]]#0, %[[H]]#1 : tensor<8x2xindex>, tensor<8x2xf64>) outs(%[[Z1]] : tensor<1x3x8x4xf64>)
// CHECK: ^bb0(%[[IH:.*]]: index, %[[WH:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK: %[[X:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[IH]], %{{.*}}] : tensor<1x3x4x4xf32>
// CHECK: %[[XD:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK: %[[T:.*]] = arith.mulf %[[XD]], %[[WH]] : f64
// CHECK: arith.addf %[[ACC]], %[[T]] : f64
// CHECK: %[[Z2:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<1x3x8x8xf64>)
// CHECK: %[[P2:.*]] = linalg.generic {indexing_maps = [#[[TW]], #[[TW]], #[[OUT]]], {{.*}} ins(%[[W]]#0, %[[W]]#1 : tensor<8x2xindex>, tensor<8x2xf64>) outs(%[[Z2]] : tensor<1x3x8x8xf64>)
// CHECK: ^bb0(%[[IW:.*]]: index, %{{.*}}: f64, %{{.*}}: f64):
// CHECK: tensor.extract %[[P1]][%{{.*}}, %{{.*}}, %{{.*}}, %[[IW]]] : tensor<1x3x8x4xf64>
// CHECK: linalg.generic {{.*}} ins(%[[P2]] : tensor<1x3x8x8xf64>) outs(%{{.*}} : tensor<1x3x8x8xf32>)
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @resize_linear(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %s = ds.constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  %0 = ds.resize %x scales %s {mode = "linear"} : (tensor<1x3x4x4xf32>, tensor<4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// Antialiased cubic with exclude_outside on dynamic scales: the number of
// taps is computed from the scale; the weights of each output position are
// normalized by their sum (a linalg.reduce), then those outside the input
// are dropped (the table's third result) and the rest normalized again.
// CHECK-LABEL: func.func @resize_cubic_antialias
// CHECK: %[[TABLE:.*]]:3 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}}, %{{.*}} : tensor<?x?xindex>, tensor<?x?xf64>, tensor<?x?xi1>)
// CHECK: math.absf
// CHECK: %[[SUM:.*]] = linalg.reduce ins(%[[TABLE]]#1 : tensor<?x?xf64>) outs(%{{.*}} : tensor<?xf64>) dimensions = [1]
// CHECK: %[[NORM:.*]] = linalg.generic {{.*}} ins(%[[TABLE]]#1, %[[SUM]] : tensor<?x?xf64>, tensor<?xf64>) outs(%{{.*}} : tensor<?x?xf64>)
// CHECK: arith.divf
// CHECK: %[[KEPT:.*]] = linalg.generic {{.*}} ins(%[[NORM]], %[[TABLE]]#2 : tensor<?x?xf64>, tensor<?x?xi1>)
// CHECK: linalg.reduce ins(%[[KEPT]] : tensor<?x?xf64>)
// CHECK: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.truncf %{{.*}} : f64 to f16
func.func @resize_cubic_antialias(%x: tensor<?x?xf16>, %s: tensor<2xf32>) -> tensor<?x?xf16> {
  %0 = ds.resize %x scales %s {mode = "cubic", antialias = true, exclude_outside = true} : (tensor<?x?xf16>, tensor<2xf32>) -> tensor<?x?xf16>
  return %0 : tensor<?x?xf16>
}

// -----

// tf_crop_and_resize: an extrapolation mask per axis, applied to the
// gathered element.
// CHECK-LABEL: func.func @resize_crop
// CHECK-DAG: %[[EXTRA:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[MH:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?xi1>)
// CHECK: %[[MW:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?xi1>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %[[MH]], %[[MW]] : tensor<?xindex>, tensor<?xindex>, tensor<?xi1>, tensor<?xi1>)
// CHECK: %[[V:.*]] = tensor.extract %arg0
// CHECK: %[[OUT:.*]] = arith.ori
// CHECK: arith.select %[[OUT]], %[[EXTRA]], %[[V]] : f32
func.func @resize_crop(%x: tensor<1x1x4x4xf32>, %roi: tensor<4xf32>, %s: tensor<2xi64>) -> tensor<1x1x?x?xf32> {
  %0 = ds.resize %x roi %roi sizes %s {axes = array<i64: 2, 3>, coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 10.0 : f32} : (tensor<1x1x4x4xf32>, tensor<4xf32>, tensor<2xi64>) -> tensor<1x1x?x?xf32>
  return %0 : tensor<1x1x?x?xf32>
}

// -----

// GatherND whose index tuple length is unknown stays.
// CHECK-LABEL: func.func @gather_nd_unknown_tuple
// CHECK: ds.gather_nd
func.func @gather_nd_unknown_tuple(%x: tensor<4x4xf32>, %i: tensor<2x?xi64>) -> tensor<*xf32> {
  %0 = ds.gather_nd %x, %i : (tensor<4x4xf32>, tensor<2x?xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
