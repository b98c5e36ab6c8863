// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// One-sided DFT of a real signal with a dynamic batch: twiddle tables of
// the transform length, then a generic whose reduction iterator runs over
// the signal (the axis of the input map) and reads the tables at
// (k * m) mod n; f64 accumulation, then truncation.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, 0)>
// CHECK-DAG: #[[Y:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @dft_onesided
// CHECK-DAG: %[[N:.*]] = arith.constant 16 : index
// CHECK: %[[TABLES:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<16xf64>, tensor<16xf64>)
// CHECK: math.cos
// CHECK: math.sin
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<?x9x2xf64>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[Y]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}} : tensor<?x16x1xf32>) outs(%[[ACC]] : tensor<?x9x2xf64>)
// CHECK: %[[K:.*]] = linalg.index 1 : index
// CHECK: %[[M:.*]] = linalg.index 3 : index
// CHECK: %[[KM:.*]] = arith.muli %[[K]], %[[M]] : index
// CHECK: %[[R:.*]] = arith.remui %[[KM]], %[[N]] : index
// CHECK: tensor.extract %[[TABLES]]#0[%[[R]]] : tensor<16xf64>
// CHECK: tensor.extract %[[TABLES]]#1[%[[R]]] : tensor<16xf64>
// CHECK: arith.select
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x9x2xf64>) outs(%{{.*}} : tensor<?x9x2xf32>)
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @dft_onesided(%x: tensor<?x16x1xf32>) -> tensor<?x9x2xf32> {
  %0 = ds.dft %x {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>) -> tensor<?x9x2xf32>
  return %0 : tensor<?x9x2xf32>
}

// -----

// The inverse one-sided DFT with a dft_length operand: the tables are
// scaled by 1 / n and hold -sin; the input is truncated to n / 2 + 1
// frequencies, each but 0 and n / 2 counted twice.
// CHECK-DAG: #[[RE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, 0)>
// CHECK-DAG: #[[IM:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, 1)>
// CHECK-LABEL: func.func @dft_irfft
// CHECK: %[[NV:.*]] = tensor.extract %arg1[] : tensor<i64>
// CHECK: %[[N:.*]] = arith.index_cast %[[NV]] : i64 to index
// CHECK: %[[HALF:.*]] = arith.divui %[[N]]
// CHECK: %[[FREQ:.*]] = arith.addi %[[HALF]]
// CHECK: %[[TERMS:.*]] = arith.minui %[[FREQ]]
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %arg0[0, 0, 0] [2, %[[TERMS]], 2] [1, 1, 1] : tensor<2x9x2xf32> to tensor<2x?x2xf32>
// CHECK: %[[TABLES:.*]]:2 = linalg.generic
// CHECK: arith.negf
// CHECK: linalg.generic {indexing_maps = [#[[RE]], #[[IM]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[SLICE]], %[[SLICE]] : tensor<2x?x2xf32>, tensor<2x?x2xf32>) outs(%{{.*}} : tensor<2x?x1xf64>)
// CHECK: arith.remui %{{.*}}, %[[N]] : index
// CHECK: arith.cmpi eq
// CHECK: arith.ori
// CHECK: arith.select
// CHECK: arith.mulf
func.func @dft_irfft(%x: tensor<2x9x2xf32>, %n: tensor<i64>) -> tensor<2x?x1xf32> {
  %0 = ds.dft %x, %n {axis = 1 : i64, inverse = true, onesided = true} : (tensor<2x9x2xf32>, tensor<i64>) -> tensor<2x?x1xf32>
  return %0 : tensor<2x?x1xf32>
}

// -----

// STFT: the window (as f64) gives the reduction its extent; the signal is
// read at f * step + m.
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @stft
// CHECK: %[[SV:.*]] = tensor.extract %arg1[] : tensor<i64>
// CHECK: %[[STEP:.*]] = arith.index_cast %[[SV]] : i64 to index
// CHECK: %[[WIN:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<16xf32>) outs(%{{.*}} : tensor<16xf64>)
// CHECK: linalg.generic {indexing_maps = [#[[W]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[WIN]] : tensor<16xf64>) outs(%{{.*}} : tensor<1x15x9x2xf64>)
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK: %[[F:.*]] = linalg.index 1 : index
// CHECK: %[[M:.*]] = linalg.index 4 : index
// CHECK: %[[FS:.*]] = arith.muli %[[F]], %[[STEP]] : index
// CHECK: %[[T:.*]] = arith.addi %[[FS]], %[[M]] : index
// CHECK: tensor.extract %arg0[%[[B]], %[[T]], %{{.*}}] : tensor<1x128x1xf32>
func.func @stft(%x: tensor<1x128x1xf32>, %step: tensor<i64>, %w: tensor<16xf32>) -> tensor<1x15x9x2xf32> {
  %0 = ds.stft %x, %step window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<1x15x9x2xf32>
  return %0 : tensor<1x15x9x2xf32>
}

// -----

// MelWeightMatrix with run-time operands: the band edges in bins (a 1-D
// generic over num_mel_bins + 2), then the triangles.
// CHECK-LABEL: func.func @mel
// CHECK: %[[BINS:.*]] = tensor.extract %arg0[] : tensor<i64>
// CHECK: %[[I:.*]] = arith.index_cast %[[BINS]] : i64 to index
// CHECK: math.log1p %{{.*}} : f32
// CHECK: %[[EDGES:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?xi64>)
// CHECK: math.expm1 %{{.*}} : f64
// CHECK: arith.remf
// CHECK: math.floor
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %[[I]]) : tensor<?x?xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} outs(%[[E]] : tensor<?x?xf32>)
// CHECK: tensor.extract %[[EDGES]]
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @mel(%bins: tensor<i64>, %n: tensor<i64>, %rate: tensor<i64>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<?x?xf32> {
  %0 = ds.mel_weight_matrix %bins, %n, %rate, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
